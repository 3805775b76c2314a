"""Shared fixtures: a fresh data folder per test, the shipped checklist, an empty store and a small demo."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.checklist import Checklist, default_checklist, shipped, shipped_checklist_files
from app.core.model import Unit
from app.demo import DemoOptions, build_demo
from app.errorlog import stop_logging
from app.storage import Store
from app.storage.migrations import MIGRATIONS

# ---- the `gui` marker: every test that needs Qt carries it, so `pytest -m "not gui"` runs without PySide6
UI_TESTS = Path(__file__).parent / "ui"
QT_SOURCE = re.compile(r"^\s*(from|import)\s+(PySide6|pytestqt|app\.ui)\b|\bqtbot\b|\bqapp\b", re.MULTILINE)
QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester", "qtlog"}
HAS_QT = all(importlib.util.find_spec(m) is not None for m in ("PySide6", "pytestqt"))


@functools.cache
def _module_needs_qt(path: Path) -> bool:
    """A module under tests/ui, or one that imports Qt, pytest-qt or the wizard, or asks for qtbot/qapp."""
    if path == UI_TESTS or UI_TESTS in path.parents:
        return True
    try:
        return path.suffix == ".py" and QT_SOURCE.search(path.read_text(encoding="utf-8")) is not None
    except OSError:
        return False


def _gui_deselected(config: pytest.Config) -> bool:
    """The -m expression leaves out every test marked gui (e.g. "not gui")."""
    from _pytest.mark.expression import Expression

    expr = config.getoption("markexpr")
    return bool(expr) and not Expression.compile(expr).evaluate(lambda name, **_: name == "gui")


def pytest_addoption(parser: pytest.Parser) -> None:
    if not HAS_QT:  # pytest-qt's setting in pyproject.toml, known even when pytest-qt is not installed
        parser.addini("qt_api", "pytest-qt's Qt binding (pytest-qt is not installed)")


def pytest_configure(config: pytest.Config) -> None:
    if not HAS_QT and not _gui_deselected(config):
        raise pytest.UsageError('PySide6 or pytest-qt is not installed: run the tests without Qt as -m "not gui"')


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Without Qt the gui modules are not even imported (they are deselected anyway)."""
    if not HAS_QT and _module_needs_qt(collection_path):
        return True
    return None


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _module_needs_qt(item.path) or QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


INSPECTION_DAY = dt.date(2025, 11, 20)


def shipped_checklist(version: str) -> Checklist:
    """One of the checklist versions shipped in checklists/ (2024.1, 2025.1…), for upgrade tests."""
    return next(c for c in map(shipped, shipped_checklist_files()) if c.version == version)


def unit_database_at_version_1(path: Path) -> Path:
    """A unit database as the first version of the program left it: its first migration, user_version 1."""
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    return path
VALID_CODE = "11330106MB1234567" + "5"  # built with make_credit_code('330106', 'MB1234567')


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test ever touches the real per-user data folder (nor keeps logging into another test's)."""
    home = tmp_path / "home"
    monkeypatch.setenv("SELFCHECK_HOME", str(home))
    yield home
    stop_logging()


@pytest.fixture(scope="session")
def checklist() -> Checklist:
    return default_checklist()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "unit.db")
    yield s
    s.close()


@pytest.fixture
def unit() -> Unit:
    return Unit("杭州市西湖区数据资源管理局", VALID_CODE, "330106", "县级", "王芳", "13800000000")


@pytest.fixture
def inspection(store: Store, checklist: Checklist, unit: Unit):
    store.save_unit(unit)
    return store.start_inspection(2025, checklist, inspection_date=INSPECTION_DAY)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database built once per session; tests that write copy it first."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, DemoOptions(seed=7, today=INSPECTION_DAY)).close()
    return path
