"""Screenshots of the start screen and every wizard step with the demo data, at 1366×768 (the smallest
screen in use) and optionally in English: `xvfb-run -a python scripts/screenshots.py OUT_DIR [--lang en]`.

Look at them: Chinese must render (boxes mean the bundled font did not load) and nothing may be cut off.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--db", type=Path, help="use this database instead of a fresh demo")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from app.demo import DemoOptions, build_demo
    from app.ui.app_setup import setup_application
    from app.ui.main import AppController

    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="selfcheck-shots-"))
    db = args.db
    if db is None:
        db = tmp / "demo.db"
        build_demo(db, DemoOptions(apps=8, accounts=12, groups=30, seed=3)).close()
    app = QApplication.instance() or QApplication([])
    lang = setup_application(app, args.lang)
    controller = AppController(db, lang)
    controller.open_db(db)
    start = controller.show_start()
    start.resize(width, height)

    def shoot(widget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    shoot(start, "0-start")
    insp = controller.store.current_inspection()
    controller.show_main(insp.id)
    window = controller.main_window
    window.resize(width, height)
    names = ["1-unit", "2-ledger", "3-check", "4-unit-items", "5-problems", "6-export"]
    for step, name in enumerate(names):
        window.go(step)
        if step == 3:
            window.unit_items_page.select(0, window.session.items_by_scope["unit"][0].id)
        if step == 2:
            pairs = [p for p in window.check_page.model.ordered_pairs()
                     if window.session.verdict(*p).needs_problem]
            if pairs:
                window.check_page.select(*pairs[0])
        shoot(window, name)
    # The bulk answer and the suggestions, as dialogs over the check step; then an export's outcome banner.
    from app.ui.bulk_dialogs import BulkDialog, FindingsDialog

    s = window.session
    window.go(2)
    for dialog, name in ((BulkDialog(s, s.store.entities(s.inspection_id), [], None, window), "7-bulk"),
                         (FindingsDialog(s, window), "8-suggestions")):
        dialog.show()
        shoot(dialog, name)
        dialog.close()
    window.go(5)
    page = window.export_page
    page.form.outDirEdit.setText(str(tmp / "导出"))
    page.form.signCheck.setChecked(False)
    page.start_export()
    while page.worker is not None:
        app.processEvents()
    shoot(window, "9-exported")
    controller.close_db()
    return 0


if __name__ == "__main__":
    sys.exit(main())
