"""Shared fixtures: a fresh data folder per test, the shipped checklist, an empty store and a small demo."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.checklist import Checklist, default_checklist
from app.core.model import Unit
from app.demo import DemoOptions, build_demo
from app.storage import Store

INSPECTION_DAY = dt.date(2025, 11, 20)
VALID_CODE = "11330106MB1234567" + "5"  # built with make_credit_code('330106', 'MB1234567')


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the real per-user data folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("SELFCHECK_HOME", str(home))
    return home


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
