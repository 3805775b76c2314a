"""Fixtures for export tests: a writable copy of the demo database and one export of it."""

import shutil

import pytest

from app.commands.export_service import export_inspection
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


@pytest.fixture
def clean_unit(store, inspection):
    """A small school with one app and two groups, every item answered 符合: a unit with no problems."""
    from app.core.model import UNIT_ENTITY, Verdict

    app = store.add_entity(inspection.id, "app", {"name": "西湖小学家校通", "app_type": "小程序",
                                                 "sponsor": "杭州市西湖区西湖小学", "disposition": "保留"})
    groups = [store.add_entity(inspection.id, "group", {"name": name, "platform": "钉钉",
                                                       "creator_unit": "杭州市西湖区西湖小学"})
              for name in ("三年级家长群", "教研组工作群")]
    checklist = store.checklist_for(inspection.id)
    rows = [(UNIT_ENTITY, it.id, Verdict.COMPLIANT, "") for it in checklist.items_for("unit")]
    for e in (app, *groups):
        rows += [(e.id, it.id, Verdict.COMPLIANT, "") for it in checklist.items_for(e.kind)]
    store.write_answers(inspection.id, rows)
    return inspection
