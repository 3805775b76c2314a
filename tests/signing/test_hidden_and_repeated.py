"""Invisible control characters and repeated entries: an export never writes them, so a signed file that
holds any was changed after signing, and the verdict names the sheet, row and cell."""

import unicodedata

import openpyxl
import pytest

from app.core import ledger
from app.signing.verify import verify_file

BIDI_AND_ZERO_WIDTH = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d",
                       "\u200e", "\u200f", "\ufeff", "\u2060", "\u061c", "\u180e", "\u2028"]


def _edit(path, sheet, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet])
    wb.save(path)


@pytest.mark.parametrize("char", BIDI_AND_ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_control_inserted_into_a_signed_cell_is_tampered(workbook_copy, char):
    def insert(ws):
        cell = ws.cell(row=3, column=7)
        cell.value = f"{cell.value[:2]}{char}{cell.value[2:]}"

    _edit(workbook_copy, "问题整改", insert)
    r = verify_file(workbook_copy)
    assert r.status == "tampered"
    assert "工作表“问题整改”第3行" in r.details[0] and f"U+{ord(char):04X}" in r.details[0]


def test_a_reversing_override_in_the_unit_name_is_tampered(workbook_copy):
    def reverse(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "单位名称":
                row[1].value = "\u202e" + row[1].value

    _edit(workbook_copy, "单位信息", reverse)
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and "单位信息" in r.details[0] and "U+202E" in r.details[0]


def test_an_invisible_character_in_the_hidden_sheet_is_tampered(workbook_copy):
    def hide(ws):
        for row in ws.iter_rows():
            if row[0].value == "pdf_sha256":
                row[1].value = row[1].value + "\u200b"

    _edit(workbook_copy, "_meta", hide)
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and "_meta" in r.details[0]


def test_a_repeated_hidden_sheet_entry_is_tampered(workbook_copy):
    _edit(workbook_copy, "_meta", lambda ws: ws.append(["pdf_sha256", "0" * 64]))
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and "pdf_sha256" in r.details[0] and "重复" in r.details[0]


def test_a_repeated_unit_field_is_tampered(workbook_copy):
    def repeat(ws):
        ws.insert_rows(2)
        ws.cell(row=2, column=1, value="单位名称")
        ws.cell(row=2, column=2, value="冒名顶替的单位")

    _edit(workbook_copy, "单位信息", repeat)
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and any("单位名称" in d and "重复" in d for d in r.details)


def test_an_extra_unit_field_is_tampered(workbook_copy):
    _edit(workbook_copy, "单位信息", lambda ws: ws.append(["审核意见", "同意"]))
    r = verify_file(workbook_copy)
    assert r.status == "tampered" and "审核意见" in r.details[0]


def test_every_format_and_control_character_counts_as_invisible():
    """The class, not a list of examples: every Unicode format (Cf) or control (Cc) character and the line
    and paragraph separators, tab and line breaks excepted."""
    missed = [f"U+{c:04X}" for c in range(0x110000)
              if unicodedata.category(chr(c)) in ("Cf", "Cc", "Zl", "Zp") and chr(c) not in "\t\n\r"
              and not ledger.invisible_chars(chr(c))]
    assert missed == []


def test_an_export_never_writes_invisible_characters(demo_db, tmp_path, unit_p12):
    """Text pasted from a web page often carries zero-width spaces or direction marks: the export drops
    them, signs what it writes, and the file verifies."""
    import shutil

    from app.commands.export_service import SignRequest, export_inspection
    from app.storage import Store
    from app.workbook.layout import read_workbook
    from tests.signing.conftest import UNIT_PASS

    db = tmp_path / "copy" / demo_db.name
    shutil.copytree(demo_db.parent, db.parent)
    with Store(db) as store:
        unit = store.get_unit()
        unit.contact_name = "王\u200b芳\u202e"
        store.save_unit(unit)
        result = export_inspection(store, store.current_inspection().id, tmp_path / "out",
                                   sign=SignRequest(unit_p12, UNIT_PASS), docx=False)
    data, _ = read_workbook(result.workbook)
    assert data.unit["contact_name"] == "王芳" and data.anomalies == []
    assert verify_file(result.workbook).status == "valid_untrusted"


def test_signing_refuses_data_with_invisible_characters_and_names_the_cell(signed, unit_p12):
    from app.signing.keys import SigningError, load_signer
    from app.signing.workbook import signature_meta
    from app.workbook.layout import read_workbook
    from tests.signing.conftest import UNIT_PASS

    data, _ = read_workbook(signed.workbook)
    data.rows["problems"][0]["description"] = "整改\u202e完成"
    with pytest.raises(SigningError, match="问题整改.*第2行.*问题描述"):
        signature_meta(data, load_signer(unit_p12, UNIT_PASS), None)
