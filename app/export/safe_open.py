"""Check an untrusted file before any parser touches it.

The provincial office receives thousands of files from outside; a parser (calamine, openpyxl, lxml) must
never see a zip bomb, an XML entity bomb, a huge file or something that is not a workbook at all. The checks
read the zip central directory, the first bytes of each XML part, and inflate each part once with its
output capped at the declared size, so they cost a small fraction of reading the workbook. Each refusal is a plain Chinese sentence naming the file.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

MAX_FILE_BYTES = 200 * 1024 * 1024          # a real unit workbook is well under 50 MB
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # total of all parts, as declared in the central directory
MAX_RATIO = 200                              # real XML parts compress 5–30×; bombs 1,000× and more
RATIO_FLOOR = 1024 * 1024                    # tiny parts may have any ratio
MAX_MEMBERS = 2000                           # a workbook has ~20 parts
PROLOG_SCAN = 64 * 1024                      # bytes of each XML part read to find its root element
INFLATE_CHUNK = 256 * 1024
MAX_GRID_CELLS = 5_000_000                   # rows × columns the reader lays out, summed over all parts
MAX_TAG_BYTES = 1024 * 1024                  # a <row>/<c> tag longer than this is not from any office suite
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_DTD = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")
# A <row> or <c> start tag and, when it has one, its first r="…" reference (letters: column; digits: row).
_CELL_TAG_PLAIN = re.compile(rb"<c(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']\s*([A-Za-z]{0,4})(\d{1,9}))?")
_CELL_TAG_NS = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']\s*([A-Za-z]{0,4})(\d{1,9}))?")
_ROW_TAG_PLAIN = re.compile(rb"<row(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']\s*(\d{1,9}))?")
_ROW_TAG_NS = re.compile(rb"<(?:[\w.-]+:)?row(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']\s*(\d{1,9}))?")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']\s*([A-Za-z]{0,4})(\d{1,9}))?")


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
    if info.file_size > RATIO_FLOOR:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            return (f"疑似压缩炸弹:部件“{name[:80]}”解压后 {info.file_size / 1048576:.0f} MB,"
                    f"压缩比 {ratio:.0f}:1(上限 {MAX_RATIO}:1)")
    return None


def _xml_problem(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """Refuse DOCTYPE/ENTITY declarations: they can only appear in the prolog, before the root element."""
    try:
        with zf.open(info) as f:
            head = f.read(min(PROLOG_SCAN, max(info.file_size, 1)))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        return f"部件“{info.filename[:80]}”无法解压({exc})"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    root = _ROOT.search(head)
    prolog = head if root is None else head[:root.start()]
    if _DTD.search(prolog):
        return f"部件“{info.filename[:80]}”含有 DOCTYPE/ENTITY 声明(XML 实体炸弹等攻击的载体),拒绝读取"
    if root is None and len(head) >= PROLOG_SCAN:
        return f"部件“{info.filename[:80]}”的 XML 开头异常(前 {PROLOG_SCAN // 1024} KB 内没有根元素)"
    return None


class _Grid:
    """How large a grid the reader will lay out for the sheets, without parsing them.

    calamine turns a sheet's cells into a dense rows × columns grid: one cell at XFD1048576 means 17 billion
    cells (the process aborts), one at A1048576 beside a 20-column header means 20 million (9 s, 900 MB). Each
    part's <row>/<c> tags are scanned as it is inflated; cells and rows without an r reference (positioned
    after the previous one) are counted, so the estimate is never smaller than the real grid.
    """

    def __init__(self) -> None:
        self.total = 0
        self._reset()

    def _reset(self) -> None:
        self.max_row = self.max_col = self.implicit_rows = self.implicit_cells = 0
        self.carry = b""

    def feed(self, block: bytes) -> str | None:
        buf = self.carry + block
        cut = buf.rfind(b"<")
        if cut < 0:
            self.carry = b""
            return None
        if len(buf) - cut > MAX_TAG_BYTES:  # no tag start for a megabyte: text, or a monstrous tag
            if _CELL_TAG.match(buf, cut):
                return "含有异常巨大的单元格标签"
            self.carry = b""
            self._scan(buf)
            return None
        self.carry = buf[cut:]
        self._scan(buf[:cut])
        return None

    def _scan(self, data: bytes) -> None:
        # Set operations instead of a Python loop per cell: a large unit's results sheet has 200,000 cells.
        namespaced = b":c " in data or b":c>" in data or b":c/" in data or b":row" in data
        cells = (_CELL_TAG_NS if namespaced else _CELL_TAG_PLAIN).findall(data)
        rows = (_ROW_TAG_NS if namespaced else _ROW_TAG_PLAIN).findall(data)
        self.implicit_cells += cells.count((b"", b""))
        self.implicit_rows += rows.count(b"")
        if cells:
            letters, digits = (set(column) for column in zip(*cells, strict=True))
            widest = max((part.upper() for part in letters if part), key=lambda t: (len(t), t), default=b"")
            col = 0
            for ch in widest:
                col = col * 26 + ch - 64
            self.max_col = max(self.max_col, col)
            self.max_row = max(self.max_row, max(map(int, filter(None, digits)), default=0))
        if rows:
            self.max_row = max(self.max_row, max(map(int, filter(None, set(rows))), default=0))

    def end_part(self) -> tuple[int, int, int]:
        """(rows, columns, cells) of the part just fed; the counters start again for the next part."""
        self._scan(self.carry)
        rows, cols = self.max_row + self.implicit_rows, self.max_col + self.implicit_cells
        cells = rows * cols if rows and cols else 0
        self.total += cells
        self._reset()
        return rows, cols, cells


def _inflated_size_problem(f: BinaryIO, info: zipfile.ZipInfo, grid: _Grid | None = None) -> str | None:
    """Inflate one part for real, in bounded steps, and compare with the size the zip declares.

    The ratio checks above trust the central directory; a crafted zip can declare a few KB for a part that
    inflates to gigabytes, and the workbook reader would believe the data, not the header. Inflating once
    (about 2 ms for a typical unit workbook) with output capped at the declared size settles it. The
    inflated bytes also go through ``grid`` (the size of the sheets the reader would lay out).
    """
    grid = grid or _Grid()
    name = info.filename[:80]
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            return f"部件“{name}”的大小声明不一致"
    elif info.compress_type != zipfile.ZIP_DEFLATED:
        return f"部件“{name}”使用了不支持的压缩方式({info.compress_type})"
    f.seek(info.header_offset)
    header = f.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return f"部件“{name}”的本地文件头损坏"
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    f.seek(info.header_offset + 30 + name_len + extra_len)
    stored = info.compress_type == zipfile.ZIP_STORED
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left, produced = info.compress_size, 0
    limit = info.file_size + 1  # one byte more than declared is enough to prove the lie
    while left > 0 and (stored or not inflater.eof):
        chunk = f.read(min(INFLATE_CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        if stored:
            problem = grid.feed(chunk)
            if problem:
                return f"部件“{name}”{problem}"
            continue
        data = chunk
        while data and not inflater.eof:
            try:
                out = inflater.decompress(data, limit - produced)
            except zlib.error as exc:
                return f"部件“{name}”数据损坏({exc})"
            produced += len(out)
            if produced >= limit:
                return f"疑似压缩炸弹:部件“{name}”实际解压后超过声明的 {info.file_size:,} 字节"
            problem = grid.feed(out)
            if problem:
                return f"部件“{name}”{problem}"
            data = inflater.unconsumed_tail
    rows, cols, _ = grid.end_part()
    if grid.total > MAX_GRID_CELLS:
        return (f"工作表的行列范围过大:部件“{name}”的单元格排到第 {rows:,} 行、第 {cols:,} 列,"
                f"全部工作表合计约 {grid.total:,} 个单元格(上限 {MAX_GRID_CELLS:,}),读取会耗尽内存")
    return None


def check_file(path: Path) -> list[str]:
    """Every reason ``path`` must not be parsed; empty when it is safe to hand to the workbook reader."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        return [f"无法读取文件:{exc.strerror or exc}"]
    if size == 0:
        return ["文件为空(0 字节)"]
    if size > MAX_FILE_BYTES:
        return [f"文件过大({size / 1048576:.0f} MB,上限 {MAX_FILE_BYTES // 1048576} MB)"]
    if not head.startswith(b"PK\x03\x04"):
        return [_kind_of(head)]
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return [f"文件已损坏或不完整(可能传输中断被截断):{exc}"]
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            return [f"压缩包内部件过多({len(infos)} 个,上限 {MAX_MEMBERS}),不是正常的工作簿"]
        problems = [p for p in map(_member_problem, infos) if p]
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            problems.append(f"疑似压缩炸弹:解压后共 {total / 1048576:.0f} MB"
                            f"(上限 {MAX_UNCOMPRESSED_BYTES // 1048576} MB)")
        if problems:
            return problems
        names = {i.filename for i in infos}
        missing = [n for n in REQUIRED_PARTS if n not in names]
        if missing:
            return [f"不是 Excel 工作簿:压缩包中缺少 {'、'.join(missing)}"]
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                problem = _xml_problem(zf, info)
                if problem:
                    return [problem]
    grid = _Grid()
    try:
        with path.open("rb") as raw:
            for info in infos:
                problem = _inflated_size_problem(raw, info, grid)
                if problem:
                    return [problem]
    except OSError as exc:
        return [f"无法读取文件:{exc.strerror or exc}"]
    return []
