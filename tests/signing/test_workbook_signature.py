"""A signed workbook verifies; every kind of change after signing is reported, with where."""

import datetime as dt
import shutil

import openpyxl
import pytest

from app.signing.keys import load_trust
from app.signing.verify import verify_file
from tests.office import needs_soffice, soffice


@pytest.fixture
def trust(ca_dir):
    return load_trust(ca_dir / "ca.pem")


def _edit(path, sheet, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet])
    wb.save(path)


def test_a_signed_workbook_verifies_and_is_trusted(signed, trust):
    r = verify_file(signed.workbook, trust)
    assert r.status == "valid_trusted", r.message


def test_without_trust_it_is_intact_but_not_trusted(signed):
    assert verify_file(signed.workbook).status == "valid_untrusted"


def test_a_changed_cell_is_tampered_and_located(workbook_copy, trust):
    _edit(workbook_copy, "问题整改", lambda ws: ws.cell(row=3, column=8, value="已全部整改"))
    r = verify_file(workbook_copy, trust)
    assert r.status == "tampered"
    assert "工作表“问题整改”第3行被修改" in r.details


def test_an_added_row_is_tampered(workbook_copy, trust):
    _edit(workbook_copy, "工作群组台账", lambda ws: ws.append(["GRP-9999", "新增的群", "微信", "某单位"]))
    r = verify_file(workbook_copy, trust)
    assert r.status == "tampered" and any("工作群组台账" in d and "新增" in d for d in r.details)


def test_a_deleted_row_is_tampered(workbook_copy, trust):
    _edit(workbook_copy, "应用程序台账", lambda ws: ws.delete_rows(3))
    r = verify_file(workbook_copy, trust)
    assert r.status == "tampered" and any("应用程序台账" in d and "删除" in d for d in r.details)


def test_an_edited_hidden_sheet_is_tampered(workbook_copy, trust):
    def change(ws):
        for row in ws.iter_rows():
            if row[0].value == "checklist_version":
                row[1].value = "2099.1"

    _edit(workbook_copy, "_meta", change)
    r = verify_file(workbook_copy, trust)
    assert r.status == "tampered" and "_meta" in r.details[0]


def test_another_units_certificate_swapped_in_is_tampered(workbook_copy, tmp_path, trust):
    from app.signing.keys import new_unit_p12, pem_chain

    other = new_unit_p12(tmp_path / "other.p12", "91110000600037341L", "别的单位", b"other-pass-1")

    def swap(ws):
        for row in ws.iter_rows():
            if row[0].value == "cert_chain":
                row[1].value = pem_chain(other)

    _edit(workbook_copy, "_meta", swap)
    assert verify_file(workbook_copy, trust).status == "tampered"


def test_exporting_with_another_units_certificate_is_refused_before_anything_is_written(demo_db, tmp_path, ca_dir):
    from app.commands.export_service import SignRequest, export_inspection
    from app.core.errors import SelfcheckError
    from app.signing.ca import ca_issue
    from app.storage import Store
    from tests.signing.conftest import CA_PASS, UNIT_PASS

    ca_issue(ca_dir, "91110000600037341L", "别的单位", tmp_path / "o.p12", UNIT_PASS, CA_PASS)
    with Store(demo_db) as store, pytest.raises(SelfcheckError, match="属于别的单位.*91110000600037341L.*不符"):
        export_inspection(store, store.current_inspection().id, tmp_path / "out",
                          sign=SignRequest(tmp_path / "o.p12", UNIT_PASS), docx=False)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_workbook_signed_with_another_units_key_is_a_mismatch(demo_db, tmp_path, ca_dir, monkeypatch):
    """A file made by a tool without the export's own check (a forger's) still meets the province's."""
    import app.commands.export_service as export_service
    from app.commands.export_service import SignRequest, export_inspection
    from app.signing.ca import ca_issue
    from app.storage import Store
    from tests.signing.conftest import CA_PASS, UNIT_PASS

    ca_issue(ca_dir, "91110000600037341L", "别的单位", tmp_path / "o.p12", UNIT_PASS, CA_PASS)
    monkeypatch.setattr(export_service, "check_signer_is_unit", lambda *_: None)
    with Store(demo_db) as store:
        result = export_inspection(store, store.current_inspection().id, tmp_path,
                                   sign=SignRequest(tmp_path / "o.p12", UNIT_PASS), docx=False)
    r = verify_file(result.workbook, load_trust(ca_dir / "ca.pem"))
    assert r.status == "mismatch" and "91110000600037341L" in r.message


def test_a_certificate_from_another_ca_is_not_trusted(signed, tmp_path):
    from app.signing.ca import ca_init

    ca_init("别的省", tmp_path / "ca2", b"another-ca-pass")
    r = verify_file(signed.workbook, load_trust(tmp_path / "ca2" / "ca.pem"))
    assert r.status == "valid_untrusted" and "不是由受信任" in r.message


def test_an_expired_certificate_is_reported(demo_db, tmp_path, expired_p12, ca_dir):
    from cryptography.hazmat.primitives.serialization import pkcs12

    from app.signing.keys import Signer, unit_code_of
    from app.signing.workbook import signature_meta
    from app.storage import Store
    from app.workbook.layout import build_data
    from app.workbook.writer import write_workbook
    from tests.signing.conftest import UNIT_PASS

    key, cert, chain = pkcs12.load_key_and_certificates(expired_p12.read_bytes(), UNIT_PASS)
    signer = Signer(key, cert, list(chain), unit_code_of(cert), "单位")
    with Store(demo_db) as store:
        data = build_data(store, store.current_inspection().id)
    data.meta["exported_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    data.meta.update(signature_meta(data, signer, None))
    path = write_workbook(data, tmp_path / "old.xlsx")
    r = verify_file(path, load_trust(ca_dir / "ca.pem"))
    assert r.status == "expired" and "有效期" in r.details[0]


def test_an_unsigned_workbook_is_reported_as_unsigned(tmp_path):
    from app.commands.export_service import export_template

    assert verify_file(export_template(tmp_path)).status == "unsigned"


def test_a_malformed_hidden_sheet_is_a_clear_verdict(workbook_copy):
    def garble(ws):
        for row in ws.iter_rows():
            if row[0].value == "cert_chain":
                row[1].value = "-----BEGIN CERTIFICATE-----\n不是证书\n-----END CERTIFICATE-----"

    _edit(workbook_copy, "_meta", garble)
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and workbook_copy.name in r.message


@needs_soffice
def test_a_libreoffice_resave_without_edits_still_verifies(signed, tmp_path, trust):
    src = tmp_path / "in" / "unit.xlsx"
    src.parent.mkdir()
    shutil.copy(signed.workbook, src)
    out = tmp_path / "out"
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(src)], tmp_path)
    resaved = out / "unit.xlsx"
    assert resaved.read_bytes() != signed.workbook.read_bytes()
    r = verify_file(resaved, trust)
    assert r.status == "valid_trusted", (r.message, r.details[:5])
