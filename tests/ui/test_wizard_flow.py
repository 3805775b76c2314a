"""A whole inspection driven through the wizard, by keyboard where a user would use it, then reopened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.core.model import Verdict
from app.storage import Store
from app.ui.entity_dialog import EntityDialog
from app.ui.main import AppController
from app.ui.main_window import STEP_CHECK, STEP_LEDGER, STEP_PROBLEMS, STEP_UNIT, STEP_UNIT_ITEMS
from tests.conftest import VALID_CODE

ENTITIES = {
    "app": {"name": "城关镇便民服务小程序", "app_type": "小程序", "sponsor": "城关镇人民政府"},
    "account": {"platform": "微信公众号", "name": "城关发布", "sponsor": "城关镇党政办"},
    "group": {"name": "城关镇防汛值班群", "platform": "钉钉", "creator_unit": "城关镇应急办"},
}


def _fill_and_accept(kind: str) -> None:
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EntityDialog) and w.isVisible())
    for key, value in ENTITIES[kind].items():
        editor = dialog.editors[key]
        editor.setCurrentText(value) if hasattr(editor, "setCurrentText") else editor.setText(value)
    dialog.accept()


def _start_new_inspection(qtbot, controller: AppController):
    controller.open_db(controller.db_path)
    start = controller.show_start()
    qtbot.waitExposed(start)
    start.form.yearSpin.setValue(2025)
    qtbot.mouseClick(start.form.newButton, Qt.MouseButton.LeftButton)
    window = controller.main_window
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _fill_unit(window) -> None:
    f = window.unit_page.form
    f.nameEdit.setText("城关镇人民政府")
    f.codeEdit.setText(VALID_CODE)
    f.regionEdit.setText("330106")
    f.contactEdit.setText("李明")
    f.codeEdit.editingFinished.emit()


def _answer_all_by_keyboard(qtbot, window, page, step: int) -> int:
    window.go(step)
    tree = page.form.tree
    tree.setFocus()
    answered = 0
    while True:
        pair = page.current_pair()
        if pair is None or page.session.is_answered(*pair):
            break
        qtbot.keyClick(tree, Qt.Key.Key_1)
        assert page.session.verdict(*pair) == Verdict.COMPLIANT
        answered += 1
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    return answered


def test_a_whole_inspection_is_done_in_the_wizard_and_found_again_after_reopening(qtbot, controller):
    window = _start_new_inspection(qtbot, controller)
    _fill_unit(window)
    assert controller.store.get_unit().name == "城关镇人民政府"

    window.go(STEP_LEDGER)
    for kind in ("app", "account", "group"):
        window.ledger_page.set_kind(kind)
        QTimer.singleShot(0, lambda k=kind: _fill_and_accept(k))
        qtbot.mouseClick(window.ledger_page.form.addButton, Qt.MouseButton.LeftButton)
    assert window.session.store.count_entities(window.session.inspection_id) == {"app": 1, "account": 1, "group": 1}

    n_entity = _answer_all_by_keyboard(qtbot, window, window.check_page, STEP_CHECK)
    n_unit = _answer_all_by_keyboard(qtbot, window, window.unit_items_page, STEP_UNIT_ITEMS)
    items = window.session.items_by_scope
    assert n_entity == len(items["app"]) + len(items["account"]) + len(items["group"])
    assert n_unit == len(items["unit"])
    assert window.session.tally(("unit", "app", "account", "group")) == (n_entity + n_unit, n_entity + n_unit)

    # One item turns out not compliant: record the problem and its rectification in the panel.
    page = window.check_page
    window.go(STEP_CHECK)
    group_id = next(eid for eid, kind, _ in window.session.entity_rows if kind == "group")
    item_id = items["group"][0].id
    page.select(group_id, item_id)
    qtbot.keyClick(page.form.tree, Qt.Key.Key_3)
    panel = page.panel.form
    assert panel.problemBox.isVisible()
    panel.descriptionEdit.setText("防汛值班群要求每日打卡接龙")
    panel.measureEdit.setText("取消打卡接龙,改为值班表公示")
    panel.ownerEdit.setText("张伟")
    panel.deadlineEdit.setText("2025年12月31日")
    panel.deadlineEdit.editingFinished.emit()
    assert panel.problemError.text() == ""
    window.go(STEP_PROBLEMS)
    assert window.problems_page.model.rowCount() == 1

    db = controller.db_path
    controller.close_db()
    with Store(db) as store:
        insp = store.current_inspection()
        problem = store.problem(insp.id, group_id, item_id)
        assert problem.measure == "取消打卡接龙,改为值班表公示" and problem.deadline == dt.date(2025, 12, 31)

    again = AppController(db)
    first = again.first_window()
    assert first is again.main_window and again.main_window.current_step() == STEP_PROBLEMS
    assert again.session.verdict(group_id, item_id) == Verdict.NONCOMPLIANT
    assert again.session.tally(("unit", "app", "account", "group"))[0] == n_entity + n_unit
    again.main_window.go(STEP_CHECK)
    assert again.main_window.check_page.current_pair() == (group_id, item_id)
    again.close_db()
    again.start_window.close()


def test_reopening_returns_to_the_step_and_item_last_shown(qtbot, demo_window):
    window = demo_window
    window.go(STEP_CHECK)
    pairs = window.check_page.model.ordered_pairs()
    window.check_page.select(*pairs[5])
    window.go(STEP_UNIT)
    window.go(STEP_CHECK)
    window.flush()
    state = window.session.ui_state()
    assert state["step"] == STEP_CHECK and (state["check"]["entity"], state["check"]["item"]) == pairs[5]
