"""Opening an untrusted file: sizes declared by the zip are checked against what really inflates."""

import struct
import zipfile
import zlib

from app.workbook.safe_open import check_file

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def _lying_zip(path, real_size: int, declared_size: int):
    """A workbook-shaped zip whose sheet part inflates to ``real_size`` but declares ``declared_size``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (real_size - 11))
    data = bytearray(path.read_bytes())
    # Patch the sheet part's uncompressed size in both its local header and the central directory.
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(b"PK\x03\x04")
    while local != -1:
        n_len = struct.unpack("<H", data[local + 26:local + 28])[0]
        if data[local + 30:local + 30 + n_len] == name:
            struct.pack_into("<I", data, local + 22, declared_size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n_len = struct.unpack("<H", data[central + 28:central + 30])[0]
        if data[central + 46:central + 46 + n_len] == name:
            struct.pack_into("<I", data, central + 24, declared_size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_part_that_inflates_beyond_its_declared_size_is_refused(tmp_path):
    path = _lying_zip(tmp_path / "伪装的工作簿.xlsx", real_size=20 * 1024 * 1024, declared_size=100 * 1024)
    reasons = check_file(path)
    assert reasons and "实际解压后超过声明" in reasons[0] and "sheet1.xml" in reasons[0]


def test_an_honest_small_workbook_shape_passes_the_size_checks(tmp_path):
    path = tmp_path / "正常.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b"<row/>" * 1000 + b"</worksheet>")
    assert check_file(path) == []


def test_raw_deflate_helper_matches_zlib():
    # Guards the assumption the inflater relies on: zip parts are raw deflate streams (no zlib header).
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    blob = raw.compress(b"abc" * 100) + raw.flush()
    assert zlib.decompress(blob, -zlib.MAX_WBITS) == b"abc" * 100


# ---- the check reads XML as XML (issue 18) -----------------------------------------------------------------
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _book(sheet_data: str, *, extra: dict | None = None, sheet_open: str = f'<worksheet xmlns="{MAIN}">',
          encoding: str = "utf-8") -> bytes:
    """A small workbook whose first sheet's <sheetData> holds ``sheet_data``, as bytes."""
    import io

    sheet = f'<?xml version="1.0" encoding="{encoding.upper()}"?>{sheet_open}<sheetData>{sheet_data}</sheetData>'
    sheet += "</worksheet>" if sheet_open.startswith("<worksheet") else "</x:worksheet>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet.encode(encoding))
        for name, content in (extra or {}).items():
            zf.writestr(name, content)
    return buf.getvalue()


def _refused(data: bytes, phrase: str) -> bool:
    from app.workbook.safe_open import check_bytes

    reasons = check_bytes(data)
    return bool(reasons) and phrase in reasons[0]


FAR = '<v>1</v></c></row>'


def test_an_ordinary_sheet_passes():
    from app.workbook.safe_open import check_bytes

    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>杭州市西湖区</t></is></c></row>' for n in range(1, 50))
    assert check_bytes(_book(rows)) == []


def test_a_prefixed_cell_tag_is_a_cell():
    cell = f'<row r="2"><x:c\tr="XFD1048576" xmlns:x="{MAIN}"><x:v>1</x:v></x:c\t></row>'
    assert _refused(_book(cell), "工作表的行列范围过大")


def test_a_prefix_in_chinese_is_still_a_prefix():
    assert _refused(_book(f'<row r="2"><表:c r="XFD1048576" xmlns:表="{MAIN}"><表:v>1</表:v></表:c></row>'),
                    "工作表的行列范围过大")


def test_every_element_is_prefixed_and_the_sheet_is_ordinary():
    from app.workbook.safe_open import check_bytes

    rows = "".join(f'<x:row r="{n}"><x:c r="B{n}"><x:v>{n}</x:v></x:c></x:row>' for n in range(1, 20))
    assert check_bytes(_book(rows, sheet_open=f'<x:worksheet xmlns:x="{MAIN}">')) == []


def test_a_greater_than_sign_inside_an_attribute_does_not_end_the_tag():
    assert _refused(_book('<row r="2"><c note="a&gt;b>c" r="XFD1048576">' + FAR), "工作表的行列范围过大")


def test_a_reference_written_inside_another_attribute_is_not_the_cell_reference():
    assert _refused(_book("<row r=\"2\"><c note='x r=\"A1\"' r=\"XFD1048576\">" + FAR), "工作表的行列范围过大")


def test_a_reference_spelled_with_character_references_is_read_as_written():
    assert _refused(_book('<row r="2"><c r="&#88;FD1048576">' + FAR), "工作表的行列范围过大")


def test_a_cell_without_reference_is_placed_where_its_row_puts_it():
    assert _refused(_book('<row r="1048570"><c><v>1</v></c><c/><c/><c/><c/><c/></row>'), "工作表的行列范围过大")


def test_cells_without_reference_in_an_ordinary_sheet_pass():
    from app.workbook.safe_open import check_bytes

    rows = "".join(f"<row><c><v>{n}</v></c><c><v>{n}</v></c></row>" for n in range(1, 300))
    assert check_bytes(_book(rows)) == []


def test_a_formatted_last_row_without_cells_is_not_a_grid():
    from app.workbook.safe_open import check_bytes

    assert check_bytes(_book('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" ht="20" customHeight="1"/>')) == []


def test_a_reference_beyond_excel_is_refused():
    assert _refused(_book('<row r="2"><c r="A99999999999">' + FAR), "超出 Excel 的范围")


def test_a_utf16_sheet_is_read_in_its_encoding():
    assert _refused(_book('<row r="2"><c r="XFD1048576">' + FAR, encoding="utf-16"), "工作表的行列范围过大")


def test_a_dtd_is_refused_wherever_it_is():
    with_dtd = _book("", extra={"xl/styles.xml": '<?xml version="1.0"?><!-- 注释 --><!DOCTYPE s [<!ENTITY a "b">]><s/>'})
    assert _refused(with_dtd, "DOCTYPE/ENTITY")


def test_an_undeclared_entity_is_not_xml():
    assert _refused(_book('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'), "不是有效的 XML")


def test_a_huge_declared_string_table_is_refused():
    sst = f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>'
    assert _refused(_book("", extra={"xl/sharedStrings.xml": sst}), "共享字符串")


def test_more_shared_strings_than_the_limit_are_refused(monkeypatch):
    from app.workbook import safe_open

    monkeypatch.setattr(safe_open, "MAX_SHARED_STRINGS", 100)
    sst = f'<?xml version="1.0"?><sst xmlns="{MAIN}">' + "<si><t>x</t></si>" * 101 + "</sst>"
    assert _refused(_book("", extra={"xl/sharedStrings.xml": sst}), "共享字符串超过 100 个")


def test_repeated_cells_count_even_at_one_position(monkeypatch):
    from app.workbook import safe_open

    monkeypatch.setattr(safe_open, "MAX_CELLS", 1000)
    assert _refused(_book('<row r="1">' + '<c r="A1"><v>1</v></c>' * 1001 + "</row>"), "单元格超过 1,000 个")


def test_a_sheet_hidden_in_an_image_is_refused():
    fake = b"\x89PNG\r\n\x1a\n<worksheet><sheetData><row><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>"
    assert _refused(_book("", extra={"xl/media/image1.png": fake}), "不是 XML,却含有工作表")


def test_an_ordinary_image_passes():
    from app.workbook.safe_open import check_bytes

    assert check_bytes(_book("", extra={"xl/media/image1.png": bytes(range(256)) * 40})) == []


def test_parts_of_other_formats_are_refused():
    assert _refused(_book("", extra={"xl/workbook.bin": b"\x83\x01\x00"}), "其他格式")


def test_two_zips_back_to_back_are_refused():
    assert _refused(_book("") + _book('<row r="2"><c r="XFD1048576">' + FAR), "压缩包结构异常")


def test_the_file_check_and_the_bytes_check_agree(tmp_path):
    from app.workbook.safe_open import check_bytes, read_checked

    path = tmp_path / "单位.xlsx"
    path.write_bytes(_book('<row r="2"><c r="XFD1048576">' + FAR))
    content, reasons = read_checked(path)
    assert content is None and reasons == check_bytes(path.read_bytes()) and reasons
    path.write_bytes(_book('<row r="1"><c r="A1"><v>1</v></c></row>'))
    assert read_checked(path) == (path.read_bytes(), [])


NAMESPACED_BOMB = f'<row r="2"><x:c\tr="XFD1048576" xmlns:x="{MAIN}"><x:v>1</x:v></x:c\t></row>'


def _run_capped(code: str, *args: str):
    """Run ``code`` in a child with 2 GB of address space: a reader that got the file would abort it."""
    import resource
    import subprocess
    import sys
    from pathlib import Path

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-c", code, *args], cwd=root, capture_output=True, text=True,
                          preexec_fn=cap, timeout=120)


def test_verify_gives_a_verdict_on_the_namespaced_grid_bomb(tmp_path):
    path = tmp_path / "命名空间.xlsx"
    path.write_bytes(_book(NAMESPACED_BOMB))
    out = _run_capped("import sys; from app.cli import main; sys.exit(main(['verify', sys.argv[1]]))", str(path))
    assert out.returncode == 1, out.stderr[-500:]
    assert "工作表的行列范围过大" in out.stdout


def test_the_ledger_import_refuses_the_namespaced_grid_bomb(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(_book(NAMESPACED_BOMB))
    code = ("import sys\nfrom app.core.errors import SelfcheckError\nfrom app.workbook.ledger_import import "
            "read_ledger_workbook\ntry:\n    read_ledger_workbook(sys.argv[1])\nexcept SelfcheckError as e:\n"
            "    print(e)\n    sys.exit(1)\n")
    out = _run_capped(code, str(path))
    assert out.returncode == 1, out.stderr[-500:]
    assert "工作表的行列范围过大" in out.stdout


# ---- reading a file once, no larger than the cap -------------------------------------------------------

def test_a_file_is_read_whole_with_its_size(tmp_path):
    from app.workbook.safe_open import read_capped

    path = tmp_path / "西湖区_一张表.xlsx"
    path.write_bytes(b"PK\x03\x04" + "自查".encode() * 1000)
    assert read_capped(path) == (path.read_bytes(), path.stat().st_size)


def test_a_file_over_the_cap_is_not_read(tmp_path):
    from app.workbook.safe_open import read_capped

    path = tmp_path / "过大.xlsx"
    path.write_bytes(b"x" * 101)
    assert read_capped(path, cap=100) == (b"", 101)


def test_a_file_that_grew_after_its_size_was_taken_is_read_on_up_to_the_cap(tmp_path, monkeypatch):
    import os

    from app.workbook import safe_open

    path = tmp_path / "正在写入.xlsx"
    real_fstat = os.fstat

    def stale(fd):  # the size as it was before the writer added to the file
        result = real_fstat(fd)
        return os.stat_result((*result[:6], 10, *result[7:]))

    monkeypatch.setattr(safe_open.os, "fstat", stale)
    path.write_bytes(b"y" * 50)
    assert safe_open.read_capped(path, cap=100) == (b"y" * 50, 50)
    path.write_bytes(b"z" * 150)
    data, size = safe_open.read_capped(path, cap=100)
    assert len(data) == 101 and size == 101  # over the cap: refused by the caller, never read whole
