"""Keys go where the clerk types, progress says what is stored, outcomes appear where the eye is, and a bug
leaves a trace in the log instead of a traceback."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.codes import credit_code_problems
from app.errorlog import log_path
from app.ui import dialogs
from app.ui.main_window import STEP_CHECK, STEP_EXPORT, STEP_LEDGER, STEP_PROBLEMS, STEP_UNIT
from tests.conftest import VALID_CODE


def _problem_rows(window):
    s = window.session
    rows = s.store.problems(s.inspection_id)
    s.store.save_problem_group(s.inspection_id, rows[0].group, measure="", owner="")
    s.store.save_problem_group(s.inspection_id, rows[-1].group, measure="")
    window.go(STEP_PROBLEMS)
    window.problems_page.model.reload()
    return window.problems_page.form.problemsView, window.problems_page.model


def test_tab_commits_the_cell_and_opens_the_next_one(qtbot, demo_window):
    view, model = _problem_rows(demo_window)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 4))
    view.edit(model.index(0, 4))
    qtbot.keyClicks(QApplication.focusWidget(), "Fix it")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert model.index(0, 4).data() == "Fix it"
    assert view.currentIndex().row() == 0 and view.currentIndex().column() == 5
    qtbot.keyClicks(QApplication.focusWidget(), "Wang")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert model.index(0, 5).data() == "Wang"


def test_enter_commits_and_moves_down_a_row(qtbot, demo_window):
    view, model = _problem_rows(demo_window)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 5))
    view.edit(model.index(0, 5))
    qtbot.keyClicks(QApplication.focusWidget(), "Li")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert model.index(0, 5).data() == "Li"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 5)


def test_typing_a_digit_on_the_step_list_does_not_switch_steps(qtbot, demo_window):
    demo_window.go(STEP_PROBLEMS)
    steps = demo_window.form.stepList
    steps.setFocus()
    qtbot.keyClicks(steps, "2025")
    assert demo_window.current_step() == STEP_PROBLEMS


def test_digits_typed_into_a_note_stay_text(qtbot, demo_window):
    demo_window.go(STEP_CHECK)
    page = demo_window.check_page
    pair = page.current_pair()
    before = demo_window.session.verdict(*pair)
    note = page.panel.form.noteEdit
    note.setFocus()
    qtbot.keyClicks(note, "3")
    assert demo_window.session.verdict(*pair) == before and note.toPlainText().endswith("3")


def test_saving_the_unit_updates_title_and_sidebar_at_once(controller, qtbot):
    controller.first_window()
    controller.new_inspection(2025, False)
    window = controller.main_window
    assert "新单位" in window.windowTitle() and window.saved_label.text() == ""
    assert "未填" in window.form.stepList.item(STEP_UNIT).text()
    assert "✓" not in window.form.stepList.item(4).text()  # nothing answered: problems are not "done"
    f = window.unit_page.form
    f.nameEdit.setText("临安区数据资源管理局")
    f.codeEdit.setText(VALID_CODE)
    f.regionEdit.setText("330112")
    window.unit_page.save()
    assert "临安区数据资源管理局" in window.windowTitle()
    assert window.form.stepList.item(STEP_UNIT).text().endswith("✓")
    assert window.saved_label.text().startswith("已保存")


def test_the_placeholder_credit_code_passes_its_own_check(demo_window):
    placeholder = demo_window.unit_page.form.codeEdit.placeholderText()
    code = next(w for w in placeholder.replace(",", " ").split() if len(w) == 18)
    assert credit_code_problems(code) == []


def test_a_new_entry_starts_with_the_units_name_as_sponsor(demo_window, monkeypatch):
    from app.ui import entity_dialog

    seen = {}
    monkeypatch.setattr(entity_dialog.EntityDialog, "exec", lambda self: seen.update(self.raw_values()) or 0)
    demo_window.go(STEP_LEDGER)
    demo_window.ledger_page.add("account")
    assert seen["sponsor"] == demo_window.session.store.get_unit().name


def test_export_outcome_shows_in_a_banner_with_its_folder(qtbot, demo_window, tmp_path):
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    page.form.outDirEdit.setText(str(tmp_path / "导出"))
    page.form.signCheck.setChecked(False)
    page.start_export()
    qtbot.waitUntil(lambda: page.worker is None, timeout=120_000)
    banner = demo_window.banner
    assert banner.isVisible() and "导出完成" in demo_window.banner_label.text()
    assert demo_window.banner_folder.isVisible() and demo_window.banner_path == str(tmp_path / "导出")
    assert banner.mapTo(demo_window, banner.rect().bottomLeft()).y() < 200  # at the top, not below the fold


def test_an_uncaught_error_is_logged_and_the_message_says_where(demo_window, monkeypatch):
    from app.ui.main import _install_error_log

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    _install_error_log()
    try:
        raise RuntimeError("测试用的内部错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: 测试用的内部错误" in text and "Traceback" in text
    shown = dialogs.visible_warnings()
    assert any(str(log_path()) in w and "测试用的内部错误" in w for w in shown)


def test_at_1366_by_768_the_export_button_and_the_whole_problem_table_are_in_view(qtbot, demo_window):
    demo_window.resize(1366, 768)
    demo_window.go(STEP_EXPORT)
    qtbot.wait(50)
    button = demo_window.export_page.form.exportButton
    assert not button.visibleRegion().isEmpty()
    assert button.visibleRegion().boundingRect().height() == button.height()
    demo_window.go(STEP_PROBLEMS)
    qtbot.wait(50)
    view = demo_window.problems_page.form.problemsView
    last = view.horizontalHeader().sectionViewportPosition(7) + view.horizontalHeader().sectionSize(7)
    assert last <= view.viewport().width()  # 整改状态 is not cut off


def test_a_pages_remark_leaves_with_the_page_and_the_last_save_stays(demo_window):
    demo_window.session.saved.emit("10:15:02")
    demo_window.session.saved.emit("本页检查项已全部作答")
    assert demo_window.saved_label.text() == "本页检查项已全部作答"
    demo_window.go(5)
    assert demo_window.saved_label.text() == "已保存 10:15:02"
