"""Fixtures for the wizard's UI tests: offscreen Qt (set by tests/conftest.py), the bundled font, an
application controller on a fresh or demo database, and helpers that answer modal dialogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui import dialogs
from app.ui.app_setup import setup_application
from app.ui.main import AppController


@pytest.fixture(scope="session", autouse=True)
def _app_setup(qapp: QApplication) -> None:
    setup_application(qapp, "zh_CN")


@pytest.fixture
def confirm_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation with yes, and remember what was asked."""
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text: asked.append(text) or True)
    return asked


@pytest.fixture
def import_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirm every import preview, and remember each summary shown."""
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "confirm_details", lambda _p, _t, text, _d, _ok: shown.append(text) or True)
    return shown


@pytest.fixture
def na_reason(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reason a 不适用 answer asks for, typed by the clerk; records each time it was asked."""
    asked: list[str] = []

    def answer(_parent, current=""):
        asked.append(current)
        return "本单位仅使用该平台,不负责建设"

    monkeypatch.setattr(dialogs, "ask_na_reason", answer)
    return asked


@pytest.fixture
def controller(qtbot, tmp_path: Path):
    """A controller on a new, empty database (the first start of the program)."""
    c = AppController(tmp_path / "新单位.db")
    yield c
    dialogs.close_warnings()
    c.close_db()
    if c.start_window is not None:
        c.start_window.close()


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    from app.storage.store import evidence_dir_for

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    shutil.copytree(evidence_dir_for(demo_db), evidence_dir_for(path))
    return path


@pytest.fixture
def demo_window(qtbot, demo_copy: Path):
    """The wizard open on a copy of the small demo."""
    c = AppController(demo_copy)
    c.open_db(demo_copy)
    c.show_start()
    c.continue_inspection()
    qtbot.waitExposed(c.main_window)
    yield c.main_window
    dialogs.close_warnings()
    c.close_db()
    c.start_window.close()
