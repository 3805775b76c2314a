"""The master's streamed rows: text from a unit stays text, markup is escaped, ISO dates become dates."""

from app.workbook.fastrows import rows_xml


def _xml(row, dates=frozenset()):
    return b"".join(rows_xml([row], 2, dates, 7)).decode("utf-8")


def test_text_that_looks_like_a_formula_stays_inline_text():
    assert '<c r="A2" t="inlineStr"><is><t>=HYPERLINK("http://x")</t></is></c>' in _xml(['=HYPERLINK("http://x")'])


def test_markup_in_unit_text_is_escaped():
    assert "<t>西湖区&lt;测试&gt; &amp; 值班群</t>" in _xml(["西湖区<测试> & 值班群"])


def test_an_iso_date_in_a_date_column_becomes_an_excel_date():
    assert '<c r="B2" s="7"><v>45981</v></c>' in _xml(["GRP-0001", "2025-11-20"], frozenset({1}))
