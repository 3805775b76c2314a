"""Fixtures for export tests: a writable copy of the demo database and one export of it."""

import shutil

import pytest

from app.export.service import export_inspection
from app.storage import Store
from tests.conftest import INSPECTION_DAY


@pytest.fixture
def demo_store(demo_db, tmp_path):
    """A private copy of the session's demo database (tests may change it)."""
    path = tmp_path / "unit.db"
    shutil.copy(demo_db, path)
    evidence = demo_db.with_name(demo_db.stem + "-evidence")
    shutil.copytree(evidence, tmp_path / "unit-evidence")
    store = Store(path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def exported(demo_db, tmp_path_factory):
    """One export of the demo database, shared by the read-only tests."""
    out = tmp_path_factory.mktemp("export")
    with Store(demo_db) as store:
        result = export_inspection(store, store.current_inspection().id, out, today=INSPECTION_DAY)
    return result
