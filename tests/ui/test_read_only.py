"""A database on a write-protected stick opens for viewing only; nothing is written, and the user is told."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import app.ui.main
from app.ui.main import AppController
from app.ui.main_window import STEP_CHECK, STEP_EXPORT


@pytest.fixture
def write_protected(monkeypatch):
    monkeypatch.setattr(app.ui.main, "is_writable_dir", lambda _path: False)


def test_a_read_only_folder_opens_the_inspection_for_viewing_only(qtbot, demo_copy, write_protected):
    before = demo_copy.read_bytes()
    controller = AppController(demo_copy)
    controller.first_window()
    controller.continue_inspection()
    window = controller.main_window
    assert window.read_only_label.text().startswith("只读模式")
    window.go(STEP_CHECK)
    page = window.check_page
    pair = page.current_pair()
    verdict = window.session.verdict(*pair)
    assert not page.panel.buttons[verdict].isEnabled()
    qtbot.keyClick(page.form.tree, Qt.Key.Key_4)
    assert window.session.verdict(*pair) == verdict
    window.go(STEP_EXPORT)
    assert not window.export_page.form.exportButton.isEnabled()
    controller.close_db()
    controller.start_window.close()
    assert demo_copy.read_bytes() == before
    assert not demo_copy.with_name(demo_copy.name + "-wal").exists()


def test_a_new_database_cannot_be_created_in_a_read_only_folder(qtbot, tmp_path, write_protected):
    controller = AppController(tmp_path / "新建.db")
    start = controller.first_window()
    assert "只读" in start.form.currentLabel.text()
    assert not (tmp_path / "新建.db").exists()
    start.close()
