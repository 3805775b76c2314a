"""The safety check's fast path never accepts what expat would refuse, and counts what expat counts.

Sheets in the fast path's grammar are mutated at random (tokens of XML that matter to a parser inserted,
bytes replaced or cut out); whenever the fast path still takes the part, expat over the whole part must
accept it with the same number of cells and a grid no larger than the fast path's bound."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.merge.test_safe_open_fastpath import ROWS, _part, exact, fast

TOKENS = [b"<", b">", b"&", b";", b"/", b'"', b"'", b"=", b" ", b"\t", b"\r", b"\n", b"]]>", b"&#0;", b"&#13;",
          b"&amp;", b"&#x9;", b"&#xD;", b"&nbsp;", b"<!-- x -->", b"<![CDATA[x]]>", b"<?pi x?>", b"<!DOCTYPE x>",
          b"\x00", b"\x01", b"\x7f", b"\xc2\x85", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xef\xbf\xa5", b"\xed\xa0\x80",
          b"\xc0\xaf", b"\xff", b"\xe6\x9d", "杭".encode(), b"x:", b"xmlns", b' xmlns="urn:x"', b' xmlns:x="urn:x"',
          b' r="A1"', b' r="XFD1048576"', b' r="B2"', b" s=\"1\"", b' t="inlineStr"', b' ht="20"', b"<c>", b"</c>",
          b'<c r="A1">', b'<c r="C9"/>', b"<row>", b"</row>", b'<row r="9">', b'<row r="1048577">', b"<is>",
          b"</is>", b"<t>", b"</t>", b"<v>", b"</v>", b"<f>", b"<sheetData>", b"</sheetData>", b"<sheetData/>",
          b'<x:c r="Z1"/>', b"9", b"0", b"Z", b"A"]
BASE = _part(ROWS + '<row r="5" spans="1:3" ht="20" customHeight="1"><c r="A5" s="2"/><c r="C5" t="s"><v>0</v>'
             '</c></row><row r="6"><c r="B6" t="str"><f>A5</f><v/></c></row>')


@st.composite
def mutated(draw):
    doc = bytearray(BASE)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(doc)))
        kind = draw(st.sampled_from(["insert", "replace", "cut"]))
        if kind == "insert":
            doc[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "replace" and at < len(doc):
            doc[at] = draw(st.integers(0, 255))
        else:
            doc[at:at + draw(st.integers(1, 12))] = b""
    return bytes(doc)


def test_the_base_sheet_takes_the_fast_path():
    assert fast(BASE) is not None and fast(BASE)[:2] == exact(BASE)[:2]


@settings(max_examples=400, deadline=None)
@given(mutated())
def test_what_the_fast_path_takes_expat_accepts_with_the_same_count(doc):
    got = fast(doc)
    if got is None:
        return
    truth = exact(doc)
    assert truth[0] == "ok", (doc, truth)
    assert got[1] == truth[1] and got[2] >= truth[2], (doc, got, truth)
