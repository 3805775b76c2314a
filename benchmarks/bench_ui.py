"""Wizard benchmark (issue 3): start-up to the first window, and moving to the next item in a large unit.

1. Start-up: `selfcheck --smoke` (a new process, to the first window painted) against a bare PySide6
   window in a new process, measured in the same run (median of 5 each). Target: at most 1.5× the bare window.
2. Next item: in the large demo (300 apps, 1,000 accounts, 3,000 groups), the time for "Enter" — find the
   next item, select it in the tree and show it in the detail panel. Target: median under 30 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("hello")
w.show()
def shown():
    w.grab()
    print("selfcheck: first-window", file=sys.stderr, flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _time(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its "first-window" line (the window shown and painted);
    interpreter and Qt teardown after that are not start-up."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    assert proc.stderr is not None
    elapsed = None
    for line in proc.stderr:
        if "first-window" in line and elapsed is None:
            elapsed = time.perf_counter() - t
    if proc.wait() != 0 or elapsed is None:
        raise RuntimeError(f"{cmd} failed")
    return elapsed


def startup(tmp: Path) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFCHECK_HOME": str(tmp / "home")}
    db = tmp / "start.db"
    subprocess.run([sys.executable, "-m", "app", "demo", "--db", str(db)], check=True, capture_output=True,
                   env=env, cwd=ROOT)
    app_cmd = [sys.executable, "-m", "app", "--db", str(db), "--smoke"]
    bare_cmd = [sys.executable, "-c", BARE]
    _time(app_cmd, env), _time(bare_cmd, env)  # warm the file cache
    apps, bares = [], []
    for _ in range(5):
        apps.append(_time(app_cmd, env))
        bares.append(_time(bare_cmd, env))
    return statistics.median(apps), statistics.median(bares)


def next_item(tmp: Path) -> tuple[float, float, int]:
    from PySide6.QtWidgets import QApplication

    from app.core.model import Verdict
    from app.demo import DemoOptions, build_demo
    from app.ui.app_setup import setup_application
    from app.ui.main import AppController
    from app.ui.main_window import STEP_CHECK

    db = tmp / "large.db"
    store = build_demo(db, DemoOptions(apps=300, accounts=1000, groups=3000, seed=5))
    insp = store.current_inspection()
    assert insp is not None
    # Leave every other pair unanswered so "next unanswered" has real work to do.
    store.conn.execute("UPDATE answer SET verdict = ? WHERE entity_id % 2 = 0", (str(Verdict.UNANSWERED),))
    store.close()
    app = QApplication.instance() or QApplication([])
    setup_application(app, "zh_CN")
    controller = AppController(db)
    controller.open_db(db)
    controller.show_start()
    t = time.perf_counter()
    controller.continue_inspection()
    window = controller.main_window
    assert window is not None
    window.resize(1366, 768)
    window.go(STEP_CHECK)
    app.processEvents()
    open_s = time.perf_counter() - t
    page = window.check_page
    times = []
    for _ in range(200):
        t = time.perf_counter()
        page.next_unanswered()
        app.processEvents()
        times.append(time.perf_counter() - t)
        page.panel.choose(Verdict.COMPLIANT)  # answer it, so the next "Enter" moves on
        app.processEvents()
    rows = page.model.rowCount()
    controller.close_db()
    return statistics.median(times), open_s, rows


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        app_s, bare_s = startup(tmp)
        move_s, open_s, rows = next_item(tmp)
    ratio = app_s / bare_s
    print(f"start-up to first window: selfcheck {app_s:.2f} s, bare PySide6 window {bare_s:.2f} s, "
          f"ratio {ratio:.2f} (target ≤ 1.5)  {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"large demo: {rows} entities in the tree, wizard opened at the check step in {open_s:.2f} s")
    print(f"next unanswered item: median {move_s * 1000:.1f} ms (target < 30 ms)  "
          f"{'OK' if move_s < 0.030 else 'MISSED'}")
    return 0 if ratio <= 1.5 and move_s < 0.030 else 1


if __name__ == "__main__":
    sys.exit(main())
