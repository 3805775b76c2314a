"""The master and its detail after the last file is read (issue 17): one process against parts in parallel.

    nice python benchmarks/bench_master.py [--rounds 3] [--jobs J]

Takes the province database of ``bench_merge.py``'s 2,000 files (kept at ``$TMPDIR/selfcheck-bench-master.db``;
made by running bench_merge with SELFCHECK_BENCH_KEEP_DB set when missing) and writes the master workbook and
the per-prefecture detail workbooks from it, alternating: all in one process (how every merge wrote them before)
and with the detail workbooks in J processes while the main one writes the master. Prints each round and the
medians, the ratio, and the sizes. Same store, same machine, same minute: the ratio is the figure to quote.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DB = Path(tempfile.gettempdir()) / "selfcheck-bench-master.db"


def _once(db: Path, out: Path, jobs: int) -> float:
    from app.merge.store import ProvinceStore
    from app.merge.summary import write_master

    t = time.perf_counter()
    with ProvinceStore(db) as store:
        write_master(store, out, None, detail="region", jobs=jobs)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    if not DB.exists():
        env = dict(os.environ, SELFCHECK_BENCH_KEEP_DB=str(DB))
        subprocess.run([sys.executable, str(Path(__file__).with_name("bench_merge.py"))], env=env, check=False)
        if not DB.exists():
            print("bench_merge.py did not leave a store")
            return 1
    from app.merge.store import ProvinceStore

    with ProvinceStore(DB) as store:
        units, problems, rows = store.count("submission"), store.count("problem"), store.count("entity")
    one: list[float] = []
    many: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            for jobs, times in ((1, one), (args.jobs, many)):
                out = Path(tmp) / f"{jobs}" / "全省汇总.xlsx"
                out.parent.mkdir(exist_ok=True)
                times.append(_once(DB, out, jobs))
                print(f"round {n + 1}: jobs {jobs}: {times[-1]:.1f} s", flush=True)
        master_mb = (Path(tmp) / "1" / "全省汇总.xlsx").stat().st_size / 1048576
        detail = list((Path(tmp) / "1" / "全省汇总_分地区明细").glob("*.xlsx"))
        detail_mb = sum(p.stat().st_size for p in detail) / 1048576
    a, b = statistics.median(one), statistics.median(many)
    print(f"store      : {units} units, {rows} ledger rows, {problems} problems")
    print(f"one process: median {a:.1f} s; detail in {args.jobs} processes beside the master: median {b:.1f} s; "
          f"ratio {b / a:.2f}")
    print(f"written    : master {master_mb:.1f} MB; {len(detail)} prefecture workbooks {detail_mb:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
