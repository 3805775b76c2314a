"""A fast, exact reading of the sheet data that ordinary writers emit, for the safety check.

The safety check (:mod:`app.workbook.safe_open`) parses every XML part with expat, calling Python for each
element: about a million calls for the large unit workbook, which made verifying it cost almost twice a bare
read. Most of a sheet is its ``<sheetData>``, and the sheet data written by this program (and by openpyxl and
similar writers) uses a tiny part of XML: unprefixed ``row``/``c``/``is``/``t``/``v``/``f`` elements with a
fixed set of attributes in a fixed order, no whitespace between them, no comments, CDATA sections or
processing instructions, and only the predefined entities. In that restricted grammar matching strings *is*
reading XML: every ``<`` starts one of those tags, a ``<c `` is a cell and nothing else, and a text or
attribute value cannot hide markup. So the sheet data is checked with one regular-expression match in C
(possessive, so it cannot backtrack its way into quadratic time), which also requires

* valid UTF-8 without the characters XML forbids (what expat would refuse),
* every cell to carry a reference in the row its ``<row r>`` names (a back-reference), so no cell is placed
  implicitly,
* every row number ≤ R and every column ≤ C, where R and C are read from the sheet itself (its last row's
  number rounded up to one significant digit, so files share compiled grammars; the last cells of its
  first and last rows): R × C bounds the grid the reader lays out (at most twice the cells' own grid).

The rest of the part (before ``<sheetData>`` and after ``</sheetData>``: a few KB) is still parsed by expat,
with the sheet data replaced by an empty ``<sheetData/>`` at the same byte offset, and the caller makes sure
expat saw that element exactly there (so the ``<sheetData>`` found by string search is the real start tag,
not text inside a comment or an attribute). Anything outside the grammar returns ``None``: the caller falls
back to expat over the whole part, which is always correct, only slower.

Why the two together are the whole part, read as expat reads it: the bytes before the sheet data are the
same in both documents, so expat is in the same state when it reaches offset ``at``; the sheet data is a
sequence of complete, balanced elements, so after ``</sheetData>`` the state is the one after ``<sheetData/>``;
the bytes after are the same again.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

OPEN, CLOSE = b"<sheetData>", b"</sheetData>"
HOLLOW = b"<sheetData/>"
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384

# Character data: no markup, no control character XML forbids, no U+FFFE/U+FFFF (EF BF BE/BF), the five
# predefined entities and the character references of tab, newline and carriage return. Bytes from 0x80 are
# taken one by one here; that they are valid UTF-8 is checked by decoding (C, faster than a byte grammar).
# ">" is left out too (writers escape it), so the "]]>" that character data may not hold cannot occur.
_ENTITY = rb"&(?:amp|lt|gt|quot|apos|#9|#10|#13|#x9|#xA|#xD|#xa|#xd);"
_TEXT = (rb"(?:[\t\n\r\x20-\x25\x27-\x3b\x3d\x3f-\xee\xf0-\xff]++"
         rb"|\xef(?:[\x80-\xbe][\x80-\xbf]|\xbf[\x80-\xbd])|" + _ENTITY + rb")*+")
_ATTR_VALUE = rb'"[\x20\x21\x23-\x25\x27-\x3b\x3d-\x7e]{0,64}+"'  # short ASCII values (row attributes)
# CT_Row's attributes in the schema's order, each at most once (a repeated attribute is not XML).
_ROW_ATTRS = b"".join(rb"(?: " + name + rb"=" + _ATTR_VALUE + rb")?+" for name in (
    b"spans", b"s", b"customFormat", b"ht", b"hidden", b"customHeight", b"outlineLevel", b"collapsed",
    b"thickTop", b"thickBot", b"ph"))
_CELL_TYPE = rb'(?: t="(?:inlineStr|s|str|n|b|e|d)")?+'
_CONTENT = (rb"(?:/>|>(?:"
            rb"<is>(?:<t(?: xml:space=\"preserve\")?+>" + _TEXT + rb"</t>|<t/>)</is>"
            rb"|(?:<f>" + _TEXT + rb"</f>)?+(?:<v>" + _TEXT + rb"</v>|<v/>)?+"
            rb")</c>)")
# Where an element the safety check counts (c, row, sst, si, with or without a prefix) could start in an
# 8-bit document: after "<" or a prefix's ":", followed by whitespace, "/" or ">".
_COUNTED_ELEMENT = re.compile(rb"[<:](?:c|row|sst|si)[\t\n\r />]")
_LAST_ROW = re.compile(rb'<row r="([1-9][0-9]{0,6})"')
_LAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})[1-9][0-9]{0,6}"')
_GRAMMARS: dict[tuple[int, int], re.Pattern[bytes]] = {}


@dataclass
class FastSheet:
    """What the sheet data of one part adds, and the rest of the part for expat."""

    hollow: bytes   # the part with its sheet data replaced by ``<sheetData/>``
    at: int         # byte offset of ``<sheetData/>`` in ``hollow`` (and of ``<sheetData>`` in the part)
    cells: int      # ``c`` elements in the sheet data (exact)
    max_row: int    # no cell of the sheet data lies below this row…
    max_col: int    # …or right of this column (bounds, attained in ordinary sheets)


def _column_number(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col


def _letters(col: int) -> bytes:
    out = b""
    while col:
        col, rest = divmod(col - 1, 26)
        out = bytes([65 + rest]) + out
    return out


def _at_most(limit: bytes, first: bytes, other: bytes) -> bytes:
    """A regular expression for the strings of ``other`` characters (``first`` for the first one) that are
    no greater than ``limit``, compared first by length and then character by character. Digits without a
    leading zero and column letters both order this way."""
    alts = []
    for p, ch in enumerate(limit):
        low = first[0] if p == 0 else other[0]
        if ch > low:
            rng = bytes([low]) if ch - 1 == low else bytes([low]) + b"-" + bytes([ch - 1])
            alts.append(re.escape(limit[:p]) + b"[" + rng + b"]" + (b"[" + other + b"]") * (len(limit) - p - 1))
    alts.append(re.escape(limit))
    if len(limit) > 1:
        alts.append(b"[" + first + b"][" + other + b"]{0," + str(len(limit) - 2).encode() + b"}")
    return b"(?:" + b"|".join(alts) + b")"


def _grammar(max_row: int, max_col: int) -> re.Pattern[bytes]:
    key = (max_row, max_col)
    pattern = _GRAMMARS.get(key)
    if pattern is None:
        row_number = _at_most(str(max_row).encode(), b"1-9", b"0-9")
        column = _at_most(_letters(max_col), b"A-Z", b"A-Z")
        cell = rb'<c r="' + column + rb'(?P=n)"(?: s="[0-9]{1,5}+")?+' + _CELL_TYPE + _CONTENT
        row = rb'<row r="(?P<n>' + row_number + rb')"' + _ROW_ATTRS + rb"(?:/>|>(?:" + cell + rb")*+</row>)"
        pattern = re.compile(rb"(?:" + row + rb")*+")
        if len(_GRAMMARS) > 256:
            _GRAMMARS.clear()
        _GRAMMARS[key] = pattern
    return pattern


def _round_up(n: int) -> int:
    """``n`` rounded up to one significant digit followed by nines (44,527 → 49,999): at most twice ``n``,
    and only 63 values up to Excel's last row, so the merge's thousands of files share a few compiled
    grammars instead of compiling one each."""
    digits = len(str(n))
    step: int = 10 ** (digits - 1)
    return (n // step + 1) * step - 1


def _bounds(doc: bytes, start: int, end: int) -> tuple[int, int] | None:
    """Candidate bounds R (the last row's number) and C (the rightmost of the last cells of the first and
    the last row); the grammar then proves that no row and no cell goes beyond them."""
    last_row = doc.rfind(b'<row r="', start, end)
    if last_row < 0:
        return None
    match = _LAST_ROW.match(doc, last_row, end)
    if match is None:
        return None
    max_row = int(match[1])
    cols = []
    first_end = doc.find(b"</row>", start, end)
    for row_end in (first_end, end):
        if row_end < 0:
            continue
        cell = doc.rfind(b'<c r="', start, row_end)
        if cell >= 0 and (m := _LAST_CELL.match(doc, cell, row_end)):
            cols.append(_column_number(m[1]))
    if not cols:
        return max_row, 1
    return max_row, max(cols)


def fast_sheet(doc: bytes) -> FastSheet | None:
    """The part's sheet data read in the restricted grammar, or ``None`` when it is not in it (or the part
    is not a UTF-8 worksheet with sheet data)."""
    if not doc.startswith(b"<"):  # a byte-order mark or UTF-16: expat decides
        return None
    at = doc.find(OPEN)
    end = doc.rfind(CLOSE)
    if at < 0 or end < at + len(OPEN):
        return None
    start = at + len(OPEN)
    if start == end:
        cells, max_row, max_col = 0, 0, 0
    else:
        bounds = _bounds(doc, start, end)
        if bounds is None:
            return None
        max_row, max_col = min(_round_up(bounds[0]), EXCEL_ROWS), bounds[1]
        if max_row > EXCEL_ROWS or max_col > EXCEL_COLUMNS:
            return None
        if _grammar(max_row, max_col).fullmatch(doc, start, end) is None:
            return None
        try:
            codecs.utf_8_decode(memoryview(doc)[start:end], "strict", True)
        except UnicodeDecodeError:
            return None
        cells = doc.count(b"<c ", start, end)
    return FastSheet(doc[:at] + HOLLOW + doc[end + len(CLOSE):], at, cells, max_row, max_col)


def nothing_counted(doc: bytes) -> bool:
    """True when the part cannot hold an element the safety check counts: then expat only has to check that
    it is XML (no handler per element). A document in UTF-16 (a byte-order mark, or a NUL after its first
    "<") is not searched as bytes; the caller makes sure expat reads the part as UTF-8."""
    return doc[:1] == b"<" and doc[1:2] != b"\x00" and _COUNTED_ELEMENT.search(doc) is None
