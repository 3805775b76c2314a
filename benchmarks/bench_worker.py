"""One merge worker's cost per file against its floor, in the same run (issue 17, item 1).

The floor is what any merge must do with a file: read it, hash it (SHA-256) and read every sheet's cells
with calamine. The worker (app/merge/worker.py: process_file) does that and the safety check
(app/workbook/safe_open.py), the typed reading of every sheet, validation, the canonical payload and the
signature. 100 files of bench_merge.py's 2,000-file corpus (every 20th), one process, rounds alternating so
both see the same machine load; medians of CPU time (wall time too). Target: worker ≤ 1.5× the floor.
"""

from __future__ import annotations

import hashlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_merge import CORPUS_VERSION, build_corpus

TARGET_RATIO = 1.5
ROUNDS = 5


def main() -> int:
    from python_calamine import CalamineWorkbook

    from app.merge import validate, worker
    from app.signing.verify import verify_workbook_data
    from app.workbook.layout import load_layout, read_workbook
    from app.workbook.safe_open import check_bytes

    folder = build_corpus(Path(tempfile.gettempdir()) / f"selfcheck-bench-{CORPUS_VERSION}")
    files = sorted(folder.glob("*.xlsx"))[::20][:100]
    worker.init_worker((folder.parent / "ca" / "ca.pem").read_bytes())
    layout = load_layout()

    def floor() -> None:
        for f in files:
            content = f.read_bytes()
            hashlib.sha256(content).hexdigest()
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()

    def work() -> None:
        for f in files:
            content = f.read_bytes()
            result = worker.process_file(str(f), hashlib.sha256(content).hexdigest(), content)
            assert result.ok, result.reasons[:3]

    def check() -> None:
        for f in files:
            assert check_bytes(f.read_bytes()) == []

    def read() -> None:
        for f in files:
            read_workbook(f, layout, content=f.read_bytes())

    def reader_calamine() -> None:  # calamine as the reader calls it (every sheet from A1, empty cells kept)
        for f in files:
            book = CalamineWorkbook.from_filelike(io.BytesIO(f.read_bytes()))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    read_data = [(f, *read_workbook(f, layout, content=f.read_bytes())) for f in files]

    def judge() -> None:  # validation and signature verification of what was read
        for f, data, problems in read_data:
            _, checklist = validate.check_meta(data, layout)
            validate.check_consistency(data, layout, checklist)
            validate.rectification_reasons(data, layout)
            verify_workbook_data(f, data, problems, worker._TRUST)

    runs = {"floor": floor, "worker": work, "check": check, "read": read, "calamine": reader_calamine,
            "judge": judge}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    wall: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            w, c = time.perf_counter(), time.process_time()
            run()
            cpu[name].append(time.process_time() - c)
            wall[name].append(time.perf_counter() - w)
    med = {k: statistics.median(v) for k, v in cpu.items()}
    med_wall = {k: statistics.median(v) for k, v in wall.items()}
    ratio = med["worker"] / med["floor"]
    size = sum(f.stat().st_size for f in files) / 1048576
    print(f"sample     : {len(files)} signed workbooks of the merge corpus, {size:.1f} MB, one process, "
          f"medians of {ROUNDS} alternating rounds")
    for name, label in (("floor", "floor (read + SHA-256 + calamine)"), ("worker", "worker (process_file)"),
                        ("check", "  safety check"), ("read", "  reading (calamine + typed rows)"),
                        ("calamine", "    of which calamine"), ("judge", "  validation + signature")):
        print(f"{label:34s} CPU {med[name]:6.3f} s  wall {med_wall[name]:6.3f} s  "
              f"({len(files) / med[name]:5.0f} files/s of CPU, {med[name] / med['floor']:4.2f}× the floor)")
    python = med["read"] - med["calamine"] + med["judge"]
    rest = med["worker"] - med["check"] - med["read"] - med["judge"]
    print(f"  Python beside calamine (typed rows, validation, payload, signature): {python:.3f} s; "
          f"the rest of process_file (result rows and counts): {rest:.3f} s")
    ok = ratio <= TARGET_RATIO
    print(f"worker / floor (CPU)               {ratio:6.2f}×  target ≤ {TARGET_RATIO}×  {'OK' if ok else 'MISSED'}")
    print(f"the check and calamine alone        {(med['check'] + med['calamine']) / med['floor']:6.2f}× the floor")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
