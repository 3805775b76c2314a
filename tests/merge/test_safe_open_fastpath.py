"""The safety check's fast path: the sheet data ordinary writers emit is read without a Python call per
element, and gives the same verdict as expat; anything outside its grammar is left to expat (issue 18)."""

import pytest

from app.workbook import safe_open
from app.workbook.xml_fastpath import fast_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = f'<worksheet xmlns="{MAIN}"><cols><col min="1" max="3" width="20"/></cols><sheetData>'
TAIL = '</sheetData><autoFilter ref="A1:C4"/><pageMargins left="0.75" right="0.75" top="1" bottom="1"/></worksheet>'
ROWS = ('<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>单位名称</t></is></c><c r="B1" s="1" t="inlineStr"><is>'
        '<t>应用名称</t></is></c><c r="C1" s="1" t="inlineStr"><is><t>上线日期</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>杭州市西湖区数据资源管理局</t></is></c><c r="B2" t="inlineStr">'
        '<is><t>浙里办·西湖 &amp; “民呼我为”</t></is></c><c r="C2" s="3" t="n"><v>45474</v></c></row>'
        '<row r="3"><c r="B3" t="inlineStr"><is><t>第一行&#13;第二行</t></is></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>西湖区政务服务中心</t></is></c><c r="C4"><v>2.5</v></c></row>')


def _part(rows: str = ROWS, head: str = HEAD, tail: str = TAIL) -> bytes:
    return (head + rows + tail).encode("utf-8")


def exact(doc: bytes) -> tuple:
    """The verdict of expat over the whole part: ("ok", cells, grid) or ("refused", reason)."""
    totals = safe_open._Totals()
    try:
        if safe_open._scan_xml("xl/worksheets/sheet1.xml", iter((doc,)), totals):
            safe_open._bound_implicit("xl/worksheets/sheet1.xml", iter((doc,)), totals)
    except safe_open.Refused as exc:
        return ("refused", str(exc))
    return ("ok", totals.cells, totals.grid)


def fast(doc: bytes) -> tuple | None:
    """The fast path's reading of the part, or None when it leaves the part to expat."""
    sheet = fast_sheet(doc)
    if sheet is None:
        return None
    totals = safe_open._Totals()
    try:
        safe_open._scan_xml("xl/worksheets/sheet1.xml", iter((sheet.hollow,)), totals, sheet)
    except (safe_open._NotFast, safe_open.Refused):
        return None
    return ("ok", totals.cells, totals.grid)


def test_the_sheet_data_ordinary_writers_emit_takes_the_fast_path():
    sheet = fast_sheet(_part())
    assert sheet is not None
    assert (sheet.cells, sheet.max_row, sheet.max_col) == (9, 4, 3)


def test_the_fast_path_counts_what_expat_counts():
    assert fast(_part()) == exact(_part()) == ("ok", 9, 12)


def test_the_programs_own_writer_takes_the_fast_path():
    from app.workbook.fastrows import rows_xml

    rows = [["杭州市西湖区数据资源管理局", "政务服务", 12, 3.5, True, None, "a<b>&c\r\nd"]] * 50
    body = b"".join(rows_xml(rows, 2, frozenset(), None)).decode("utf-8")
    doc = _part('<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c><c r="G1" t="inlineStr"><is><t>备注</t>'
                "</is></c></row>" + body)
    assert exact(doc) == ("ok", 2 + 6 * 50, 51 * 7)
    assert fast(doc) == ("ok", 2 + 6 * 50, 59 * 7)  # rows bounded by 59: one significant digit, then nines


@pytest.mark.parametrize("rows", [
    pytest.param('<row r="1"><!-- 注释 --><c r="A1"><v>1</v></c></row>', id="comment"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>', id="cdata"),
    pytest.param('<row r="1"><?pi x?><c r="A1"><v>1</v></c></row>', id="processing-instruction"),
    pytest.param(f'<row r="1"><x:c r="A1" xmlns:x="{MAIN}"><x:v>1</x:v></x:c></row>', id="prefixed-cell"),
    pytest.param('<row r="1"><c><v>1</v></c></row>', id="cell-without-reference"),
    pytest.param('<row r="1"><c r="A1"><v>1</v></c> </row>', id="whitespace-between-elements"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>a>b</t></is></c></row>', id="literal-greater-than"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>&#0;</t></is></c></row>', id="character-zero"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>&#x41;</t></is></c></row>', id="other-character-ref"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>', id="undeclared-entity"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>\x01</t></is></c></row>', id="control-character"),
    pytest.param('<row r="1"><c r="A1" t="inlineStr"><is><t>\ufffe</t></is></c></row>', id="u-fffe"),
    pytest.param('<row r="1" ht="15" ht="20"><c r="A1"><v>1</v></c></row>', id="repeated-attribute"),
    pytest.param('<row r="1"><c r="A2"><v>1</v></c></row>', id="cell-in-another-row"),
    pytest.param('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="XFD2"><v>1</v></c></row>'
                 '<row r="3"><c r="A3"><v>1</v></c></row>', id="column-beyond-first-and-last-rows"),
    pytest.param('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>'
                 '<row r="3"><c r="A3"><v>1</v></c></row>', id="row-beyond-the-last-row"),
    pytest.param('<row r="01"><c r="A01"><v>1</v></c></row>', id="leading-zero"),
    pytest.param('<row r="1"><c r="a1"><v>1</v></c></row>', id="lower-case-column"),
    pytest.param('<row r="1"><c r="A1" xmlns="urn:other"><v>1</v></c></row>', id="namespace-declaration"),
    pytest.param('<row r="1"><c r="A1"><v>1</v></row></c>', id="crossed-tags"),
])
def test_sheet_data_outside_the_grammar_is_left_to_expat(rows):
    assert fast(_part(rows)) is None


def test_invalid_utf8_is_left_to_expat():
    doc = _part().replace("杭州".encode(), b"\xe6\x9d")
    assert fast(doc) is None and exact(doc)[0] == "refused"


def test_a_sheet_data_tag_inside_a_comment_is_not_taken_for_the_sheet_data():
    doc = _part(head=f'<worksheet xmlns="{MAIN}"><!-- <sheetData>',
                tail='</sheetData> --><sheetData><row r="2"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    assert fast(doc) is None
    assert exact(doc)[0] == "refused"


def test_a_sheet_in_another_declared_encoding_is_left_to_expat():
    doc = b'<?xml version="1.0" encoding="ISO-8859-1"?>' + _part()
    assert fast_sheet(doc) is not None and fast(doc) is None


def test_a_grid_bounded_too_high_is_judged_again_exactly(monkeypatch):
    """The last row, formatted but empty, raises the fast path's bound above the cells' grid: the verdict is
    still the exact one."""
    from tests.merge.test_safe_open import _book

    monkeypatch.setattr(safe_open, "MAX_GRID_CELLS", 500)
    data = _book('<row r="1"><c r="A1"><v>1</v></c></row><row r="1000" ht="20" customHeight="1"/>')
    assert safe_open.check_bytes(data) == []


def test_a_refused_file_gets_the_exact_checks_words():
    from tests.merge.test_safe_open import _book

    data = _book('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="XFD2"><v>1</v></c></row>'
                 '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    totals = safe_open._Totals()
    with pytest.raises(safe_open.Refused) as exact_refusal:
        safe_open._check(data, totals, fast=False)
    assert safe_open.check_bytes(data) == [str(exact_refusal.value)]


THEME = ('<?xml version="1.0"?>\n<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="主题">'
         '<a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
         '</a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Cambria"/><a:cs typeface=""/>'
         '</a:majorFont></a:fontScheme></a:themeElements></a:theme>')


def test_a_part_without_anything_to_count_needs_no_call_per_element():
    from app.workbook.xml_fastpath import nothing_counted

    assert nothing_counted(THEME.encode())
    assert not nothing_counted(THEME.replace("<a:cs ", "<a:c ").encode())
    assert not nothing_counted(THEME.encode("utf-16"))


@pytest.mark.parametrize("part", [
    pytest.param(THEME.replace("</a:theme>", f'<x:c r="XFD1048576" xmlns:x="{MAIN}"/></a:theme>'), id="prefixed-cell"),
    pytest.param(THEME.replace("</a:theme>", "<row/>" * 3 + "</a:theme>"), id="rows"),
    pytest.param(THEME.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'),
                 id="declared-latin-1"),
    pytest.param(THEME.replace("</a:theme>", "<a:x>&bad;</a:x></a:theme>"), id="undeclared-entity"),
])
def test_a_part_outside_the_sheets_is_judged_as_expat_judges_it(part):
    from tests.merge.test_safe_open import _book

    data = _book('<row r="1"><c r="A1"><v>1</v></c></row>', extra={"xl/theme/theme1.xml": part})
    fast_totals, exact_totals = safe_open._Totals(), safe_open._Totals()
    try:
        safe_open._check(data, exact_totals, fast=False)
        exact_verdict = ("ok", exact_totals.cells, exact_totals.grid)
    except safe_open.Refused as exc:
        exact_verdict = ("refused", str(exc))
    try:
        safe_open._check(data, fast_totals)
        fast_verdict = ("ok", fast_totals.cells, fast_totals.grid)
    except safe_open.Refused as exc:
        fast_verdict = ("refused", str(exc))
    assert fast_verdict[0] == exact_verdict[0] and fast_verdict[:2] == exact_verdict[:2]
    assert safe_open.check_bytes(data) == ([] if exact_verdict[0] == "ok" else [exact_verdict[1]])


def test_a_part_refused_while_inflated_whole_gets_the_streaming_checks_words(tmp_path):
    """The fast path inflates a part whole before expat reads it, so it may meet a size lie before broken
    XML the streaming check would meet first: such a refusal is judged again the streaming way."""
    from tests.merge.test_safe_open import _lying_zip

    data = _lying_zip(tmp_path / "伪装的工作簿.xlsx", real_size=4 * 1024 * 1024, declared_size=600 * 1024).read_bytes()
    totals = safe_open._Totals()
    with pytest.raises(safe_open.Refused):
        safe_open._check(data, totals)
    assert totals.inflate_refused
    with pytest.raises(safe_open.Refused) as exact_refusal:
        safe_open._check(data, safe_open._Totals(), fast=False)
    assert safe_open.check_bytes(data) == [str(exact_refusal.value)]
