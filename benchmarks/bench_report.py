"""Report benchmark (issue 12): the report model, its PDF and its .docx for the large demo, and at a tenth.

Targets for the large demo (300 apps, 1,000 accounts, 3,000 groups; 3,414 problems): model + PDF under 6 s,
.docx under 1 s, the PDF under 60 pages with a 正文 of at most 8 pages. The time ratio between full size and a
tenth is printed (close to 10 means linear growth; the report's 正文 does not grow at all).
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import DemoOptions, build_demo
from app.export.report import render_report
from app.export.report_docx import write_docx
from app.export.report_model import build_report
from app.storage.snapshot import read_snapshot

DAY = dt.date(2025, 11, 20)


def measure(tmp: Path, scale: float) -> dict[str, float]:
    opts = DemoOptions(apps=int(300 * scale), accounts=int(1000 * scale), groups=int(3000 * scale), seed=5, today=DAY)
    store = build_demo(tmp / f"u{scale}.db", opts)
    insp = store.current_inspection()
    assert insp is not None
    t = time.perf_counter()
    report = build_report(read_snapshot(store, insp.id), DAY)
    model_s = time.perf_counter() - t
    t = time.perf_counter()
    info = render_report(report, tmp / f"r{scale}.pdf")
    pdf_s = time.perf_counter() - t
    t = time.perf_counter()
    write_docx(report, tmp / f"r{scale}.docx")
    docx_s = time.perf_counter() - t
    store.close()
    return {"model": model_s, "pdf": pdf_s, "docx": docx_s, "pages": info.pages, "body_pages": info.body_pages,
            "body_chars": len(report.body_text()), "problems": report.facts.problems,
            "pdf_mb": (tmp / f"r{scale}.pdf").stat().st_size / 1e6, "docx_mb": (tmp / f"r{scale}.docx").stat().st_size / 1e6}


def main() -> int:
    from app.export.fonts import choose_fonts, register

    t = time.perf_counter()
    register(choose_fonts())
    print(f"choosing and loading the fonts (once per process): {time.perf_counter() - t:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(Path(tmp), 0.1)
        large = measure(Path(tmp), 1.0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, m in (("tenth size", small), ("full size ", large)):
        print(f"{name}: {m['problems']} problems, model {m['model']:.2f} s, PDF {m['pdf']:.2f} s "
              f"({m['pages']} pages, 正文 {m['body_pages']} pages / {m['body_chars']} characters, {m['pdf_mb']:.1f} MB), "
              f".docx {m['docx']:.2f} s ({m['docx_mb']:.2f} MB)")
    print(f"peak memory of this process: {peak:.0f} MB")
    failed = False
    for name, value, target in (("model + PDF (large)", large["model"] + large["pdf"], 6.0),
                                (".docx (large)", large["docx"], 1.0),
                                ("PDF pages (large)", large["pages"], 60),
                                ("正文 pages (large)", large["body_pages"], 8)):
        ok = value <= target
        failed |= not ok
        print(f"{name:22s} {value:7.2f}  target {target:g}  ratio {value / target:4.2f}  {'OK' if ok else 'MISSED'}")
    print(f"growth x10 data: PDF time x{large['pdf'] / small['pdf']:.1f}, model time x{large['model'] / small['model']:.1f}, "
          f"正文 length x{large['body_chars'] / small['body_chars']:.2f} (10 = linear)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
