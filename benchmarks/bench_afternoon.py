"""The clerk's afternoon (issue 14): the large demo's ledger (300 apps, 1,000 accounts, 3,000 groups), nothing
answered, taken to a finished export through the wizard by exception — the same path as the pytest-qt test
tests/ui/test_answer_by_exception.py. Prints the number of bulk actions and the time of each stage.

Targets: at most 15 bulk actions; every action under 10 s on the large ledger.
`python benchmarks/bench_afternoon.py [APPS ACCOUNTS GROUPS]`
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from app.ui.app_setup import setup_application
    from tests.ui.afternoon import bulk_count, fresh_ledger, open_window, spend_the_afternoon

    apps, accounts, groups = (int(x) for x in argv[:3]) if len(argv) >= 3 else (300, 1000, 3000)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SELFCHECK_HOME"] = str(Path(tmp) / "home")
        t = time.perf_counter()
        db = fresh_ledger(Path(tmp) / "afternoon.db", apps, accounts, groups, dt.date.today())
        print(f"ledger: {apps} apps, {accounts} accounts, {groups} groups, nothing answered "
              f"(built in {time.perf_counter() - t:.1f} s)")
        t = time.perf_counter()
        controller, store = open_window(db)
        print(f"wizard opened in {time.perf_counter() - t:.2f} s")

        def wait(page) -> None:
            while page.worker is not None:
                app.processEvents()
                time.sleep(0.01)

        t = time.perf_counter()
        day = spend_the_afternoon(controller.main_window, Path(tmp) / "导出", wait)
        total = time.perf_counter() - t
        pairs = sum(1 for _ in store.verdicts(store.current_inspection().id))
        controller.close_db()
    for line in day.actions:
        print(f"  {line}")
    actions = bulk_count(day)
    for stage, seconds in day.seconds.items():
        print(f"  {stage:12s} {seconds:7.2f} s")
    print(f"bulk actions: {actions} (target ≤ 15); answers written: {pairs}; whole afternoon: {total:.1f} s")
    slow = [s for s in ("suggestions", "bulk") if day.seconds.get(s, 0) / max(actions, 1) > 10]
    return 0 if actions <= 15 and not slow else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
