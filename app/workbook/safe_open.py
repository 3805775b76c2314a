"""Check an untrusted workbook before any reader touches it, on the very bytes the reader will get.

The provincial office receives thousands of files from outside; calamine must never see a zip bomb, an XML
entity bomb, a part asking it for a grid of billions of cells, or something that is not a workbook at all.
The check works on the file's bytes in memory (read once: :func:`read_checked`), and the caller hands the
same bytes to the reader, so nothing can be swapped in between.

What it enforces, and why each limit is about what the reader will really build:

* the zip: size, member count, declared and *real* inflated sizes (every part is inflated once with its
  output capped at the size it declares), compression ratio, safe member names, no encryption, a plain
  layout (members back to back from offset 0, one end record) so every zip reader sees the same members;
* every XML part is parsed as XML by expat, streaming: no DTD and so no entities (refused on sight), names
  resolved by namespace, so ``<x:c>`` is a cell like ``<c>`` (calamine matches local names whatever the
  prefix). The one exception is the sheet data of a worksheet written in the restricted grammar of ordinary
  writers (:mod:`app.workbook.xml_fastpath`): it is matched in C, exactly, and expat reads the rest of the
  part; whatever is outside that grammar is expat's, and a file refused either way is judged again the
  streaming way, so the verdict and its words never depend on the path;
* the sheets: calamine turns a sheet into a dense grid from A1 to its last cell, so the grid each sheet
  would need is computed from the cell references (and, for cells without one, from the same position rules
  calamine applies, bounded from above) and the sum over all sheets is capped; cells, shared strings and the
  string table calamine reserves from ``uniqueCount`` are capped too;
* non-XML parts (images, printer settings) may not carry the names a worksheet or string table needs, so a
  relationship pointing the reader at one cannot smuggle cells in.

Each refusal is a plain Chinese sentence naming the part.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn
from xml.parsers import expat

from app.workbook.problems import Code
from app.workbook.xml_fastpath import FastSheet, fast_sheet, nothing_counted

MAX_FILE_BYTES = 200 * 1024 * 1024          # a real unit workbook is well under 50 MB
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # total of all parts, as declared and as really inflated
MAX_RATIO = 200                              # real XML parts compress 5–30×; bombs 1,000× and more
RATIO_FLOOR = 1024 * 1024                    # tiny parts may have any ratio
MAX_MEMBERS = 2000                           # a workbook has ~20 parts
INFLATE_CHUNK = 256 * 1024
FAST_PATH_BYTES = 64 * 1024 * 1024           # sheet parts up to this size are held whole for the fast path
MAX_GRID_CELLS = 5_000_000                   # rows × columns the reader lays out, summed over all sheets
MAX_CELLS = MAX_GRID_CELLS                   # <c> elements (the reader keeps each, even repeated ones)
MAX_SHARED_STRINGS = MAX_GRID_CELLS          # a string table larger than every cell is not a real one
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
XML_SUFFIXES = (".xml", ".rels", ".vml")
# Parts that make calamine try another format (it sniffs the bytes it is given): xlsb, OpenDocument.
FOREIGN_PARTS = ("workbook.bin", "content.xml", "mimetype")  # any *workbook.bin; the others at the root
# What a non-XML part must not contain: without these names no reader finds a cell or a string table in it.
_MARKERS = tuple(m.encode(enc) for m in ("sheetData", "<sst", ":sst", "uniqueCount")
                 for enc in ("ascii", "utf-16-le", "utf-16-be"))
_MARKER_CARRY = max(map(len, _MARKERS)) - 1
_REF = re.compile(r"([A-Za-z]*)([0-9]+)")
_NOT_DIGITS = str.maketrans({ch: " " for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})
_NOT_LETTERS = str.maketrans({ch: " " for ch in "0123456789"})
# Kinds of element the scan acts on, by local name; every other element costs one dictionary lookup.
_CELL, _ROW, _SST, _SI = 1, 2, 3, 4
_KIND_OF_LOCAL = {"c": _CELL, "row": _ROW, "sst": _SST, "si": _SI}


class Refused(Exception):
    """The file must not be read; the message says why in plain words. Every refusal has one verdict (the
    file is not parsed), so one code."""

    code = Code.UNSAFE_FILE


class _Doctype(Refused):
    """A DTD or entity declaration met by expat; :func:`_run` names the part it was found in."""


class _GridRefused(Refused):
    """Refused for the size of the grids (which the fast path may have bounded from above)."""


def sha256_of(path: Path, chunk: int = 1024 * 1024) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def _kind_of(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件,不是 Excel 工作簿(请报送“一张表”.xlsx)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "这是旧版 .xls 或加密的 Excel 文件,请另存为未加密的 .xlsx 后重新报送"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "这是压缩包,不是 Excel 工作簿"
    if b"\x00" not in head and _decodes(head):
        return "这是文本文件(只是扩展名为 .xlsx),不是 Excel 工作簿"
    return "不是 Excel 工作簿(.xlsx)"


def _decodes(head: bytes) -> bool:
    """Text in UTF-8 or GB18030 (Chinese Windows), allowing a character cut off at the end of the sample."""
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            if all(ch.isprintable() or ch in "\r\n\t" for ch in text):
                return True
    return False


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or ":" in name:
        return f"压缩包内有不安全的路径“{name[:80]}”"
    if info.flag_bits & 0x1:
        return "文件已加密,请取消密码保护后重新报送"
    if name.lower() in FOREIGN_PARTS or name.lower().endswith(FOREIGN_PARTS[0]):
        return f"压缩包内有其他格式(xlsb/OpenDocument)的部件“{name[:80]}”,不是 .xlsx 工作簿"
    if info.file_size > RATIO_FLOOR:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            return (f"疑似压缩炸弹:部件“{name[:80]}”解压后 {info.file_size / 1048576:.0f} MB,"
                    f"压缩比 {ratio:.0f}:1(上限 {MAX_RATIO}:1)")
    return None


def _layout_problem(data: bytes, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str | None:
    """Members back to back from offset 0 up to the central directory, and one end record at the very end.

    Zip readers disagree on files with data before, between or after the members, or with two end records
    (one hidden in a comment): the reader could then see parts this check never saw. Office suites never
    write such files."""
    tail = data[-(65536 + 22):]
    if tail.count(b"PK\x05\x06") != 1:
        return "压缩包结构异常(含多个目录结束记录),不是正常的工作簿"
    pos, prev_descriptor = 0, False
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != pos and not (pos < info.header_offset <= pos + 24 and prev_descriptor):
            return "压缩包结构异常(部件之间有未登记的数据或部件重叠),不是正常的工作簿"
        header = data[info.header_offset:info.header_offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            return f"部件“{info.filename[:80]}”的本地文件头损坏"
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        pos = info.header_offset + 30 + name_len + extra_len + info.compress_size
        prev_descriptor = bool(info.flag_bits & 0x08)
    start_dir = getattr(zf, "start_dir", pos)
    if not (start_dir == pos or (prev_descriptor and pos < start_dir <= pos + 24)):
        return "压缩包结构异常(部件之间有未登记的数据或部件重叠),不是正常的工作簿"
    return None


def _inflate(data: bytes, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[bytes]:
    """The part's bytes, inflated for real in bounded steps, never beyond the size the zip declares.

    A crafted zip can declare a few KB for a part that inflates to gigabytes, and the reader would believe
    the data, not the header. ``budget`` holds the bytes still allowed over the whole file."""
    name = info.filename[:80]
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise Refused(f"部件“{name}”的大小声明不一致")
    elif info.compress_type != zipfile.ZIP_DEFLATED:
        raise Refused(f"部件“{name}”使用了不支持的压缩方式({info.compress_type})")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise Refused(f"部件“{name}”数据不完整(文件可能被截断)")
    budget[0] -= info.file_size
    if budget[0] < 0:
        raise Refused(f"疑似压缩炸弹:解压后合计超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MB")
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), INFLATE_CHUNK):
            yield bytes(raw[at:at + INFLATE_CHUNK])
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    limit, produced = info.file_size + 1, 0  # one byte more than declared is enough to prove the lie
    for at in range(0, len(raw), INFLATE_CHUNK):
        pending = bytes(raw[at:at + INFLATE_CHUNK])
        while pending and not inflater.eof:
            try:
                out = inflater.decompress(pending, min(INFLATE_CHUNK, limit - produced))
            except zlib.error as exc:
                raise Refused(f"部件“{name}”数据损坏({exc})") from None
            produced += len(out)
            if produced >= limit:
                raise Refused(f"疑似压缩炸弹:部件“{name}”实际解压后超过声明的 {info.file_size:,} 字节")
            if out:
                yield out
            pending = inflater.unconsumed_tail
        if inflater.eof:
            break


class _Totals:
    """Counters over the whole workbook."""

    def __init__(self) -> None:
        self.grid = 0
        self.cells = 0
        self.strings = 0
        self.bounded = False  # a grid was bounded from above rather than computed (the fast path)
        self.inflate_refused = False  # a part inflated whole (the fast path's way) was refused before expat read it


def _column_number(letters: str) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def _too_far(name: str, what: str) -> Refused:
    return Refused(f"工作表的行列范围过大:部件“{name}”中的单元格位置{what}超出 Excel 的范围(最多 {EXCEL_ROWS:,} 行、"
                   f"{EXCEL_COLUMNS:,} 列),不是正常的工作簿")


def _max_row_col(name: str, refs: list[str]) -> tuple[int, int]:
    """The largest row and column among cell references, computed in bulk (no Python loop per cell).

    Every digit group counts as a row and every letter group as a column, so a malformed reference can only
    make the result larger than what the reader (which stops at it) would lay out."""
    if not refs:
        return 0, 0
    text = " ".join(refs)
    digits = text.translate(_NOT_DIGITS).split()
    letters = set(text.translate(_NOT_LETTERS).split())
    if digits and max(map(len, digits)) > 7:
        raise _too_far(name, "的行号")
    if letters and max(map(len, letters)) > 3:
        raise _too_far(name, "的列号")
    max_row = max(map(int, digits), default=0)
    max_col = max(map(_column_number, letters), default=0)
    if max_row > EXCEL_ROWS or max_col > EXCEL_COLUMNS:
        raise _too_far(name, "")
    return max_row, max_col


def _parser(start: Any, end: Any = None) -> Any:
    """An expat parser that resolves namespaces and refuses any DTD (and so every entity but the five
    predefined ones and character references)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_dtd(*_: Any) -> NoReturn:
        raise _Doctype()

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    return parser


def _run(name: str, parser: Any, chunks: Iterator[bytes]) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Doctype:
        raise Refused(f"部件“{name}”含有 DOCTYPE/ENTITY 声明(XML 实体炸弹等攻击的载体),拒绝读取") from None
    except expat.ExpatError as exc:
        raise Refused(f"部件“{name}”不是有效的 XML({expat.ErrorString(exc.code)},第 {exc.lineno} 行)") from None


def _kinds() -> tuple[dict[str, int], Any]:
    kinds: dict[str, int] = {}

    def classify(qname: str) -> int:
        kind = _KIND_OF_LOCAL.get(qname.rpartition(" ")[2], 0)
        kinds[qname] = kind
        return kind

    return kinds, classify


def _attr(attrs: list[str], key: str) -> str | None:
    for i in range(0, len(attrs), 2):
        if attrs[i] == key:
            return attrs[i + 1]
    return None


class _NotFast(Exception):
    """The fast path's precondition failed: expat reads the whole part instead."""


def _scan_xml(name: str, chunks: Iterator[bytes], totals: _Totals, fast: FastSheet | None = None) -> bool:
    """One streaming pass over an XML part; True when it has cells without a reference (the exact bound
    for those needs :func:`_bound_implicit`). With ``fast``, the chunks are the part with its sheet data
    hollowed out (:mod:`app.workbook.xml_fastpath`): expat must meet the ``<sheetData/>`` standing in for it
    exactly where the sheet data began, in a UTF-8 document, and find no cell without a reference, else
    :class:`_NotFast` is raised before anything is counted."""
    kinds, classify = _kinds()
    refs: list[str] = []
    add_ref = refs.append
    state = {"implicit": 0, "rows": 0, "strings": 0, "hollow": 0}
    parser: Any = None

    def start(qname: str, attrs: list[str]) -> None:
        kind = kinds.get(qname)
        if kind is None:
            kind = classify(qname)
        if not kind:
            if fast is not None and qname.rpartition(" ")[2] == "sheetData" and not attrs \
                    and parser.CurrentByteIndex == fast.at:
                state["hollow"] += 1
            return
        if kind == _CELL:
            if attrs and attrs[0] == "r":
                add_ref(attrs[1])
            else:
                ref = _attr(attrs, "r")
                if ref is None:
                    state["implicit"] += 1
                else:
                    add_ref(ref)
        elif kind == _SI:
            state["strings"] += 1
            if totals.strings + state["strings"] > MAX_SHARED_STRINGS:
                raise Refused(f"部件“{name}”的共享字符串超过 {MAX_SHARED_STRINGS:,} 个,不是正常的工作簿")
        elif kind == _SST:
            for i in range(0, len(attrs), 2):
                if attrs[i].rpartition(" ")[2] in ("uniqueCount", "count"):
                    value = attrs[i + 1].strip()
                    if not value.isdigit():
                        continue
                    if len(value) > 9 or int(value) > MAX_SHARED_STRINGS:
                        raise Refused(f"部件“{name}”声明了 {value[:20]} 个共享字符串(上限 {MAX_SHARED_STRINGS:,}),"
                                      "读取器会按声明预留内存")
        elif kind == _ROW and (not attrs or attrs[0] != "r") and _attr(attrs, "r") is None:
            state["rows"] += 1  # a row without a number moves the next one down
            if state["rows"] > EXCEL_ROWS:
                raise _too_far(name, "的行号")

    parser = _parser(start)
    if fast is not None:
        def declaration(version: str | None, encoding: str | None, standalone: int) -> None:
            if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
                state["hollow"] = -1  # the sheet data was matched as UTF-8

        parser.XmlDeclHandler = declaration
    _run(name, parser, chunks)
    if fast is not None and (state["hollow"] != 1 or state["implicit"]):
        raise _NotFast
    cells = len(refs) + state["implicit"] + (fast.cells if fast else 0)
    totals.cells += cells
    totals.strings += state["strings"]
    if totals.cells > MAX_CELLS:
        raise Refused(f"部件“{name}”使全部工作表的单元格超过 {MAX_CELLS:,} 个,读取会耗尽内存")
    if state["implicit"]:
        return True
    max_row, max_col = _max_row_col(name, refs)
    if fast is not None:
        totals.bounded = True  # R × C bounds the sheet data's grid from above
        max_row, max_col = max(max_row, fast.max_row), max(max_col, fast.max_col)
    _add_grid(name, max_row, max_col, totals)
    return False


def _check_xml(name: str, doc: bytes) -> None:
    """A part with nothing to count (:func:`nothing_counted`): expat checks that it is XML, in UTF-8, without
    a DTD, and calls no Python per element."""
    parser = _parser(None)

    def declaration(version: str | None, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
            raise _NotFast  # the search for counted elements read the bytes as UTF-8

    parser.XmlDeclHandler = declaration
    _run(name, parser, iter((doc,)))


def _match_ref(name: str, ref: str | None) -> re.Match[str] | None:
    return _REF.fullmatch(ref) if ref else None


def _row_number(name: str, digits: str) -> int:
    digits = digits.lstrip("0") or "0"
    if len(digits) > 7 or int(digits) > EXCEL_ROWS:
        raise _too_far(name, "的行号")
    return int(digits)


def _bound_implicit(name: str, chunks: Iterator[bytes], totals: _Totals) -> None:
    """The grid of a part with cells that carry no reference, bounded from above.

    calamine places such a cell at (current row, current column): a ``<row r>`` start sets the row, every
    row end adds one and (outside a cell) starts the columns again, a cell with a reference sets the column,
    every cell adds one. Here each step only ever moves the bound up, and row ends inside a cell count too,
    so the bound is never below where the reader puts a cell."""
    kinds, classify = _kinds()
    s = {"row": 0, "col": 0, "depth": 0, "max_row": 0, "max_col": 0}

    def start(qname: str, attrs: list[str]) -> None:
        kind = kinds.get(qname)
        if kind is None:
            kind = classify(qname)
        if kind == _CELL:
            match = _match_ref(name, _attr(attrs, "r"))
            if match and match[1]:
                row, col = _row_number(name, match[2]), _column_number(match[1][:4])
                if col > EXCEL_COLUMNS:
                    raise _too_far(name, "的列号")
                s["col"] = max(s["col"], col - 1)
            else:
                row, col = s["row"] + 1, s["col"] + 1
                if row > EXCEL_ROWS or col > EXCEL_COLUMNS:
                    raise _too_far(name, "")
            s["max_row"], s["max_col"] = max(s["max_row"], row), max(s["max_col"], col)
            s["col"] += 1
            s["depth"] += 1
        elif kind == _ROW:
            match = _match_ref(name, _attr(attrs, "r"))  # the reader takes a row's number from "A5" too
            if match:
                s["row"] = max(s["row"], _row_number(name, match[2]) - 1)

    def end(qname: str) -> None:
        kind = kinds.get(qname)
        if kind == _CELL:
            s["depth"] -= 1
        elif kind == _ROW:
            s["row"] += 1
            if s["row"] > EXCEL_ROWS:
                raise _too_far(name, "的行号")
            if s["depth"] == 0:
                s["col"] = 0

    _run(name, _parser(start, end), chunks)
    _add_grid(name, s["max_row"], s["max_col"], totals)


def _add_grid(name: str, rows: int, cols: int, totals: _Totals) -> None:
    totals.grid += rows * cols
    if totals.grid > MAX_GRID_CELLS:
        raise _GridRefused(f"工作表的行列范围过大:部件“{name}”的单元格排到第 {rows:,} 行、第 {cols:,} 列,"
                      f"全部工作表合计约 {totals.grid:,} 个单元格(上限 {MAX_GRID_CELLS:,}),读取会耗尽内存")


def _scan_binary(name: str, chunks: Iterator[bytes]) -> None:
    carry = b""
    for chunk in chunks:
        window = carry + chunk
        if any(marker in window for marker in _MARKERS):
            raise Refused(f"部件“{name}”不是 XML,却含有工作表或字符串表的标记,拒绝读取")
        carry = window[-_MARKER_CARRY:]


def _check(data: bytes, totals: _Totals, fast: bool = True) -> None:
    if not data:
        raise Refused("文件为空(0 字节)")
    if len(data) > MAX_FILE_BYTES:
        raise Refused(too_large(len(data)))
    if not data.startswith(b"PK\x03\x04"):
        raise Refused(_kind_of(data[:512]))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise Refused(f"文件已损坏或不完整(可能传输中断被截断):{exc}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Refused(f"压缩包内部件过多({len(infos)} 个,上限 {MAX_MEMBERS}),不是正常的工作簿")
        for problem in map(_member_problem, infos):
            if problem:
                raise Refused(problem)
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise Refused(f"疑似压缩炸弹:解压后共 {total / 1048576:.0f} MB(上限 {MAX_UNCOMPRESSED_BYTES // 1048576} MB)")
        names = {i.filename for i in infos}
        if len(names) != len(infos):
            raise Refused("压缩包内有重名的部件,不是正常的工作簿")
        missing = [n for n in REQUIRED_PARTS if n not in names]
        if missing:
            raise Refused(f"不是 Excel 工作簿:压缩包中缺少 {'、'.join(missing)}")
        problem = _layout_problem(data, zf, infos)
        if problem:
            raise Refused(problem)
    budget = [MAX_UNCOMPRESSED_BYTES]
    # Parts in file order: a bomb part is met (and refused) as soon as it comes.
    for info in sorted(infos, key=lambda i: i.header_offset):
        name = info.filename[:80]
        if not info.filename.lower().endswith(XML_SUFFIXES):
            _scan_binary(name, _inflate(data, info, budget))
        elif fast and info.file_size <= FAST_PATH_BYTES:
            try:
                doc = b"".join(_inflate(data, info, budget))
            except Refused:
                totals.inflate_refused = True
                raise
            try:
                if (sheet := fast_sheet(doc)) is not None:
                    _scan_xml(name, iter((sheet.hollow,)), totals, sheet)
                    continue
                if nothing_counted(doc):
                    _check_xml(name, doc)
                    continue
            except (_NotFast, Refused):
                pass  # expat over the whole part decides, and words any refusal
            if _scan_xml(name, iter((doc,)), totals):
                _bound_implicit(name, iter((doc,)), totals)
        elif _scan_xml(name, _inflate(data, info, budget), totals):
            _bound_implicit(name, _inflate(data, info, [info.file_size]), totals)


def check_bytes(data: bytes) -> list[str]:
    """Every reason the workbook ``data`` must not be parsed; empty when it is safe to hand to the reader."""
    totals = _Totals()
    try:
        try:
            _check(data, totals)
        except Refused as exc:
            if not (totals.inflate_refused or (totals.bounded and isinstance(exc, _GridRefused))):
                raise
            # The fast path bounds grids from above and inflates a part before reading it: a file refused
            # for its grids with a bound in the sum, or while a part was inflated whole, is judged again the
            # streaming, exact way. Every other refusal is the exact one already (same parts in the same
            # order, same counts, same expat messages), so the verdict and its words never depend on the path.
            _check(data, _Totals(), fast=False)
    except Refused as exc:
        return [str(exc)]
    except MemoryError:
        return ["文件内容异常,检查时内存不足,拒绝读取"]
    return []


def read_capped(path: Path, cap: int = MAX_FILE_BYTES) -> tuple[bytes, int]:
    """(the file's bytes, its size): nothing is read when the size is over ``cap``, and never more than
    ``cap`` + 1 bytes (so a file that grew past the cap while it was read shows it). Read as large as the file
    is, not as the cap: asking for ``cap`` bytes makes Python reserve them for every file of a merge.
    Raises OSError."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > cap:
            return b"", size
        data = f.read(size + 1)
        if len(data) > size:  # it grew while being read: read on, up to the cap
            data += f.read(cap + 1 - len(data))
    return data, max(size, len(data))


def too_large(size: int) -> str:
    return f"文件过大({size / 1048576:.0f} MB,上限 {MAX_FILE_BYTES // 1048576} MB)"


def read_checked(path: Path | str) -> tuple[bytes | None, list[str]]:
    """The file's bytes, read once, and every reason not to parse them (then the bytes are ``None``).

    Read the size first: a file over the limit is refused without reading it."""
    try:
        data, size = read_capped(Path(path))
    except OSError as exc:
        return None, [f"无法读取文件:{exc.strerror or exc}"]
    if size > MAX_FILE_BYTES:
        return None, [too_large(size)]
    reasons = check_bytes(data)
    return (None if reasons else data), reasons


def check_file(path: Path | str) -> list[str]:
    """Every reason ``path`` must not be parsed; empty when it is safe to hand to the workbook reader."""
    return read_checked(path)[1]
