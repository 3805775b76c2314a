"""Foundation benchmark (issue 2): build the large demo, save single answers, load the progress summary.

Targets: demo under 15 s; one answer saved under 2 ms median; progress summary under 200 ms.
Prints figures and the ratio to each target; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.model import Verdict
from app.demo import DemoOptions, build_demo


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=300)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--groups", type=int, default=3000)
    ap.add_argument("--answers", type=int, default=300, help="single answers to time")
    args = ap.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "large.db"
        t0 = time.perf_counter()
        store = build_demo(db, DemoOptions(apps=args.apps, accounts=args.accounts, groups=args.groups, seed=1))
        demo_s = time.perf_counter() - t0
        insp = store.current_inspection()
        assert insp is not None
        n_answers = store.conn.execute("SELECT count(*) FROM answer").fetchone()[0]
        groups = store.entity_index(insp.id)
        item = store.checklist_for(insp.id).items_for("group")[0].id
        group_ids = [e[0] for e in groups if e[1] == "group"][: args.answers]
        times = []
        for i, gid in enumerate(group_ids):
            verdict = Verdict.PARTIAL if i % 2 else Verdict.COMPLIANT
            t = time.perf_counter()
            store.set_answer(insp.id, gid, item, verdict)
            times.append((time.perf_counter() - t) * 1000)
        save_ms = statistics.median(times)
        loads = []
        for _ in range(5):
            store._checklists.clear()
            t = time.perf_counter()
            progress = store.progress(insp.id)
            loads.append((time.perf_counter() - t) * 1000)
        progress_ms = statistics.median(loads)
        store.close()
    print(f"large demo: {args.apps} apps, {args.accounts} accounts, {args.groups} groups, {n_answers} answers")
    for name, value, target, unit in (
        ("demo build", demo_s, 15.0, "s"),
        ("save one answer (median)", save_ms, 2.0, "ms"),
        ("progress summary (median, cold checklist)", progress_ms, 200.0, "ms"),
    ):
        ok = value <= target
        failed |= not ok
        print(f"{name:45s} {value:9.3f} {unit:2s}  target {target:g} {unit}  ratio {value / target:5.2f}  "
              f"{'OK' if ok else 'MISSED'}")
    print(f"progress overall: {progress.overall.answered}/{progress.overall.total}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
