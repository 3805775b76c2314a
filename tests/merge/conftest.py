"""A folder of unit workbooks as a provincial office receives them, built once per session.

Good files: small demo inspections of different units (valid credit codes, different regions), signed with
certificates from a test CA; one unit exported twice (older and newer); the same file twice; the same
export re-saved by an office suite. Broken files: one of each kind the merge must refuse, each named for
what is wrong with it. One merge of the whole folder is shared by the tests that only read its outcome.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from app.commands.export_service import export_template, workbook_data
from app.core.codes import make_credit_code
from app.demo import DemoOptions, build_demo
from app.signing.ca import ca_init, ca_issue
from app.signing.workbook import signature_meta
from app.workbook.writer import write_workbook
from tests.conftest import INSPECTION_DAY

CA_PASS = b"ca-passphrase-123"
UNIT_PASS = b"unit-passphrase-1"
YEAR = INSPECTION_DAY.year
# (region, 9-char org part, unit name, apps, accounts, groups)
UNITS = [
    ("330106", "MB0000011", "杭州市西湖区数据资源管理局", 3, 4, 6),
    ("320583", "MB0000022", "昆山市政务服务管理办公室", 2, 5, 7),
    ("440305", "MB0000033", "深圳市南山区教育局", 4, 3, 5),
    ("510104", "MB0000044", "成都市锦江区卫生健康局", 3, 3, 3),
]
# Signature time is the export time: it must fall inside the certificate's validity (issued 30 days back).
ISSUED = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
OLDER_EXPORT = (dt.datetime.now() - dt.timedelta(days=10)).isoformat(timespec="seconds")
NEWER_EXPORT = (dt.datetime.now() - dt.timedelta(days=2)).isoformat(timespec="seconds")


@dataclass
class Corpus:
    folder: Path
    trust: Path
    good: dict[str, Path] = field(default_factory=dict)   # name → file expected to be accepted
    bad: dict[str, Path] = field(default_factory=dict)    # name → file expected to be rejected
    dups: dict[str, Path] = field(default_factory=dict)   # name → file expected to be a duplicate
    entities: dict[str, int] = field(default_factory=dict)  # expected ledger totals of the accepted units
    problems: int = 0  # as the units' reports count them: one problem may cover several answers
    problem_rows: int = 0  # rows of the 问题整改 sheets: one per answer
    units: dict[str, str] = field(default_factory=dict)   # credit code → unit name


def signed_export(store, signer, out: Path, exported_at: str | None = None, mutate=None) -> Path:
    """The exporter's own data, signature and writer (the report PDF is left out: it is not merged)."""
    data = workbook_data(store, store.current_inspection().id)
    if exported_at:
        data.meta["exported_at"] = exported_at
    if mutate:
        mutate(data)
    data.meta.update(signature_meta(data, signer, None))
    return write_workbook(data, out)


def _replace_member(src: Path, dst: Path, member: str, content: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, content if info.filename == member else zin.read(info))
    return dst


ENTITY_BOMB = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>"""


def _zip_bomb(path: Path) -> Path:
    """A few KB on disk, 8 MB when inflated: the shape of a workbook with one absurdly compressible part."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (8 * 1024 * 1024))
    return path


def _hand_filled_template(folder: Path, out: Path) -> Path:
    blank = export_template(folder)
    wb = openpyxl.load_workbook(blank)
    ws = wb["单位信息"]
    values = {"单位名称": "某某县农业农村局", "统一社会信用代码": make_credit_code("330127", "MB0000055"),
              "行政区划代码": "330127", "自查年度": YEAR, "检查日期": INSPECTION_DAY, "清单编号": "zhijian-2023",
              "清单版本": "2024.1"}
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    wb["应用程序台账"].append(["APP-0001", "淳安农技通小程序", "小程序", "某某县农业农村局"])
    wb.save(out)
    blank.unlink()
    return out


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("merge-corpus")
    ca_init("浙江省委网信办", root / "ca", CA_PASS)
    folder = root / "收件箱"
    folder.mkdir()
    c = Corpus(folder, root / "ca" / "ca.pem")
    stores = {}
    for n, (region, org, name, apps, accounts, groups) in enumerate(UNITS, start=1):
        code = make_credit_code(region, org)
        store = build_demo(root / f"unit{n}.db", DemoOptions(apps=apps, accounts=accounts, groups=groups, seed=n,
                                                              unit_code=code, unit_name=name, region=region,
                                                              today=INSPECTION_DAY))
        signer = ca_issue(root / "ca", code, name, root / f"unit{n}.p12", UNIT_PASS, CA_PASS, not_before=ISSUED)
        stores[n] = (store, signer, code, name)
    for n in (1, 2, 3):
        store, signer, code, name = stores[n]
        c.good[name] = signed_export(store, signer, folder / f"{code}_{name}_{YEAR}年度自查_一张表.xlsx")
    store, signer, code, name = stores[4]
    c.dups["较旧的导出"] = signed_export(store, signer, folder / f"{code}_{name}_较旧.xlsx", OLDER_EXPORT)
    c.good[name] = signed_export(store, signer, folder / f"{code}_{name}_较新.xlsx", NEWER_EXPORT)
    first = c.good[UNITS[0][2]]
    c.dups["同一文件"] = Path(shutil.copy(first, folder / "西湖区一张表(重复发送).xlsx"))
    resaved = openpyxl.load_workbook(c.good[UNITS[1][2]])
    resaved.save(folder / "昆山一张表(另存).xlsx")
    c.dups["同一次导出另存"] = folder / "昆山一张表(另存).xlsx"
    for n in (1, 2, 3, 4):
        store, _, code, name = stores[n]
        counts = store.count_entities(store.current_inspection().id)
        for kind, k in counts.items():
            c.entities[kind] = c.entities.get(kind, 0) + k
        problems = store.problems(store.current_inspection().id)
        c.problems += len({p.group for p in problems})
        c.problem_rows += len(problems)
        c.units[code] = name

    # ---- broken files ------------------------------------------------------------------------------
    b = c.bad
    data = c.good[UNITS[1][2]].read_bytes()
    b["截断"] = folder / "截断的一张表.xlsx"
    b["截断"].write_bytes(data[: len(data) // 2])
    b["文本"] = folder / "说明.xlsx"
    b["文本"].write_text("各单位:请于12月31日前报送自查一张表。\n", encoding="utf-8")
    b["压缩炸弹"] = _zip_bomb(folder / "压缩炸弹.xlsx")
    b["实体炸弹"] = _replace_member(first, folder / "实体炸弹.xlsx", "xl/worksheets/sheet1.xml", ENTITY_BOMB)
    b["缺工作表"] = folder / "缺少工作表.xlsx"
    wb = openpyxl.load_workbook(c.good[UNITS[2][2]])
    del wb["公众账号台账"]
    wb.save(b["缺工作表"])
    store, signer, code, name = stores[3]
    b["版式版本"] = signed_export(store, signer, folder / "旧版式.xlsx",
                              mutate=lambda d: d.meta.update(layout_version="0"))
    bad_code = code[:17] + ("0" if code[17] != "0" else "1")
    b["信用代码"] = signed_export(store, signer, folder / "错误信用代码.xlsx",
                              mutate=lambda d: d.unit.update(credit_code=bad_code))
    b["缺整改"] = signed_export(store, signer, folder / "不符合未登记问题.xlsx",
                             mutate=lambda d: d.rows.update(problems=d.rows["problems"][1:]))
    b["篡改"] = folder / "篡改.xlsx"
    shutil.copy(c.good[UNITS[2][2]], b["篡改"])
    wb = openpyxl.load_workbook(b["篡改"])
    wb["问题整改"].cell(row=2, column=12, value="已整改")  # 整改状态
    wb["问题整改"].cell(row=2, column=9, value="已全部整改到位")  # 整改措施
    wb.save(b["篡改"])
    b["手填模板"] = _hand_filled_template(root, folder / "手工填写的模板.xlsx")
    for store, *_ in stores.values():
        store.close()
    return c


@dataclass
class Merged:
    report: object
    out: Path
    db: Path
    seconds: float


@pytest.fixture
def good_folder(corpus, tmp_path) -> Path:
    """The corpus's good workbooks alone in a folder, as an officer would collect them."""
    folder = tmp_path / "合格"
    folder.mkdir()
    for p in corpus.good.values():
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="session")
def merged(corpus, tmp_path_factory) -> Merged:
    """One merge of the whole folder with the CA trusted, as the provincial office runs it."""
    import time

    from app.merge.service import merge_files

    out = tmp_path_factory.mktemp("merged")
    t = time.perf_counter()
    report = merge_files([corpus.folder], out / "全省汇总.xlsx", db=out / "province.db", trust=corpus.trust, jobs=2)
    return Merged(report, out / "全省汇总.xlsx", out / "province.db", time.perf_counter() - t)


def reasons_of(report, path: Path) -> list[str]:
    for r in report.rejected:
        if Path(r.file).name == path.name:
            return r.reasons
    raise AssertionError(f"{path.name} was not rejected")


def sheet_rows(path: Path, sheet: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()



def master_table(path: Path, key: str) -> list[dict]:
    """The rows of the master's table ``key`` (``exports/master_layout.toml``) as {column key: value}.

    The header row must be the layout's: the writer and this reader share the one definition."""
    from app.merge.master_layout import load_master_layout

    layout = load_master_layout()
    sheet = layout.sheet(key)
    rows = sheet_rows(path, sheet.name)
    if key in ("summary", "articles"):  # two tables on 汇总: each starts at its header row, ends at a blank row
        start = next(i for i, r in enumerate(rows) if r[:len(sheet.headers)] == sheet.headers)
        end = next((i for i in range(start + 1, len(rows)) if not any(v != "" for v in rows[i])), len(rows))
        rows = [r[:len(sheet.headers)] for r in rows[start:end]]
    if key == "by_region":  # the article columns are those the store holds
        assert rows[0][0] == sheet.headers[0] and rows[0][-1] == sheet.headers[-1]
        return [dict(zip([sheet.keys[0], *rows[0][1:-1], sheet.keys[-1]], r, strict=True)) for r in rows[1:]]
    assert rows[0] == sheet.headers
    return [dict(zip(sheet.keys, r, strict=True)) for r in rows[1:]]
