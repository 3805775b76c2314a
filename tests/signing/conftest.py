"""A provincial CA, unit certificates and one signed export of the demo, built once per session."""

import datetime as dt
import shutil

import pytest

from app.commands.export_service import SignRequest, export_inspection
from app.signing.ca import ca_init, ca_issue
from app.storage import Store
from tests.conftest import INSPECTION_DAY

UNIT_PASS = b"unit-passphrase-1"
CA_PASS = b"ca-passphrase-123"


@pytest.fixture(scope="session")
def ca_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("ca")
    ca_init("浙江省委网信办", d, CA_PASS)
    return d


@pytest.fixture(scope="session")
def demo_unit(demo_db):
    with Store(demo_db) as s:
        return s.get_unit()


@pytest.fixture(scope="session")
def unit_p12(ca_dir, demo_unit, tmp_path_factory):
    out = tmp_path_factory.mktemp("keys") / "unit.p12"
    ca_issue(ca_dir, demo_unit.credit_code, demo_unit.name, out, UNIT_PASS, CA_PASS)
    return out


@pytest.fixture(scope="session")
def signed(demo_db, unit_p12, tmp_path_factory):
    out = tmp_path_factory.mktemp("signed")
    with Store(demo_db) as store:
        return export_inspection(store, store.current_inspection().id, out, sign=SignRequest(unit_p12, UNIT_PASS),
                                 docx=False, today=INSPECTION_DAY)


@pytest.fixture
def workbook_copy(signed, tmp_path):
    path = tmp_path / "一张表.xlsx"
    shutil.copy(signed.workbook, path)
    return path


@pytest.fixture
def expired_p12(ca_dir, demo_unit, tmp_path):
    out = tmp_path / "old.p12"
    ca_issue(ca_dir, demo_unit.credit_code, demo_unit.name, out, UNIT_PASS, CA_PASS, days=30,
             not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=400))
    return out
