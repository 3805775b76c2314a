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

    from app.merge import worker
    from app.workbook.safe_open import check_bytes

    folder = build_corpus(Path(tempfile.gettempdir()) / f"selfcheck-bench-{CORPUS_VERSION}")
    files = sorted(folder.glob("*.xlsx"))[::20][:100]
    worker.init_worker((folder.parent / "ca" / "ca.pem").read_bytes())

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

    cpu: dict[str, list[float]] = {"floor": [], "worker": [], "check": []}
    wall: dict[str, list[float]] = {k: [] for k in cpu}
    for _ in range(ROUNDS):
        for name, run in (("floor", floor), ("worker", work), ("check", check)):
            w, c = time.perf_counter(), time.process_time()
            run()
            cpu[name].append(time.process_time() - c)
            wall[name].append(time.perf_counter() - w)
    med = {k: statistics.median(v) for k, v in cpu.items()}
    med_wall = {k: statistics.median(v) for k, v in wall.items()}
    ratio = med["worker"] / med["floor"]
    size = sum(f.stat().st_size for f in files) / 1048576
    print(f"sample     : {len(files)} signed workbooks of the merge corpus, {size:.1f} MB, one process")
    for name, label in (("floor", "floor (read + SHA-256 + calamine)"), ("worker", "worker (process_file)"),
                        ("check", "safety check alone")):
        print(f"{label:34s} CPU {med[name]:6.3f} s  wall {med_wall[name]:6.3f} s  "
              f"({len(files) / med[name]:5.0f} files/s of CPU)")
    ok = ratio <= TARGET_RATIO
    print(f"worker / floor (CPU)               {ratio:6.2f}×  target ≤ {TARGET_RATIO}×  {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
