"""Exports benchmark (issue 4): workbook and report PDF for the large demo, and growth at a tenth the size.

Targets: workbook under 10 s and PDF under 20 s for 300 apps, 1,000 accounts, 3,000 groups; the time ratio
between full size and a tenth of it is printed (close to 10 means linear growth).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.commands.export_service import workbook_data
from app.demo import DemoOptions, build_demo
from app.export.report import render_report
from app.workbook.writer import write_workbook


def measure(tmp: Path, scale: float) -> tuple[float, float, int, int]:
    opts = DemoOptions(apps=int(300 * scale), accounts=int(1000 * scale), groups=int(3000 * scale), seed=5)
    store = build_demo(tmp / f"u{scale}.db", opts)
    insp = store.current_inspection()
    assert insp is not None
    t = time.perf_counter()
    data = workbook_data(store, insp.id)
    write_workbook(data, tmp / f"w{scale}.xlsx")
    wb_s = time.perf_counter() - t
    t = time.perf_counter()
    info = render_report(store, insp.id, tmp / f"r{scale}.pdf")
    pdf_s = time.perf_counter() - t
    rows = len(data.rows["results"])
    store.close()
    return wb_s, pdf_s, rows, info.pages


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(Path(tmp), 0.1)
        large = measure(Path(tmp), 1.0)
    print(f"tenth size: {small[2]} result rows, workbook {small[0]:.2f} s, PDF {small[1]:.2f} s ({small[3]} pages)")
    print(f"full size : {large[2]} result rows, workbook {large[0]:.2f} s, PDF {large[1]:.2f} s ({large[3]} pages)")
    failed = False
    for name, value, target in (("workbook (large)", large[0], 10.0), ("report PDF (large)", large[1], 20.0)):
        ok = value <= target
        failed |= not ok
        print(f"{name:22s} {value:7.2f} s  target {target:g} s  ratio {value / target:4.2f}  {'OK' if ok else 'MISSED'}")
    print(f"growth x10 data: workbook time x{large[0] / small[0]:.1f}, PDF time x{large[1] / small[1]:.1f} "
          "(10 = linear)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
