"""The settings menu switches the interface language at once, on the same step, without losing anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from app.ui.main import AppController
from app.ui.main_window import STEP_CHECK


def _language_action(window, name: str):
    """The menu entry by its text (QAction.menu() wrappers die early on PySide6 6.9: search the menus)."""
    return next(a for menu in window.findChildren(QMenu) for a in menu.actions() if a.text() == name)


def test_switching_to_english_and_back_keeps_the_step_and_the_answers(qtbot, demo_copy):
    controller = AppController(demo_copy)
    controller.first_window()
    controller.continue_inspection()
    window = controller.main_window
    window.go(STEP_CHECK)
    answered = window.session.tally(("unit", "app", "account", "group"))
    try:
        _language_action(window, "English").trigger()
        english = controller.main_window
        assert english is not window and english.isVisible()
        assert english.current_step() == STEP_CHECK
        assert english.form.nextButton.text() == "Next"
        assert english.session.tally(("unit", "app", "account", "group")) == answered
        _language_action(english, "简体中文").trigger()
        assert controller.main_window.form.nextButton.text() == "下一步"
    finally:
        controller.change_language("zh_CN")
        controller.close_db()
        controller.start_window.close()
