"""The provincial summary report (`selfcheck report-province`): a short PDF for the office above, and its workbook.

Built as a :class:`app.export.report_model.Report` from the province database and drawn by the unit report's
renderer, so it has the same 公文 layout: coverage (expected units from an optional roster vs units reported,
by prefecture), totals, problems by article, rectification progress, units late or rejected, two charts
(problems by article; units not yet reported by prefecture — counts, one measure each). Every number comes
from the store in one read; the workbook holds the same tables with every row.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.codes import credit_code_problems
from app.core.errors import SelfcheckError
from app.core.glossary import term
from app.core.ledger import KINDS
from app.core.model import ProblemStatus, Verdict
from app.core.regions import RegionTable, load_regions
from app.export.report import render_report
from app.export.report_model import Annex, Block, Chart, Facts, Para, Report, Section, Table
from app.merge.store import ProvinceStore
from app.signing.keys import load_signer
from app.signing.pdf import sign_pdf
from app.storage.files import atomic_target
from app.workbook.safe_open import read_checked

LISTED = 300  # units listed by name in the PDF's annex (every one is in the workbook)
ROSTER_CODE, ROSTER_NAME, ROSTER_REGION = "统一社会信用代码", "单位名称", "行政区划代码"


@dataclass(frozen=True)
class RosterUnit:
    code: str
    name: str
    region: str


@dataclass
class ProvinceFacts:
    """Everything the report states, read once from the store (and the roster)."""

    province: str
    province_name: str
    year: int
    units: list[dict[str, Any]]
    roster: list[RosterUnit] | None
    entities: Counter[str] = field(default_factory=Counter)
    problems_by_status: Counter[str] = field(default_factory=Counter)
    problems_by_article: Counter[str] = field(default_factory=Counter)
    problems_by_prefecture: dict[str, Counter[str]] = field(default_factory=dict)
    items: int = 0
    answered: int = 0
    rejected: list[tuple[str, str, list[str]]] = field(default_factory=list)  # file, unit code, reasons
    late: list[dict[str, Any]] = field(default_factory=list)
    deadline: dt.date | None = None


MAX_ROSTER_BYTES = 50 * 1024 * 1024  # a province's roster (tens of thousands of units) is a few MB


def read_roster(path: Path, regions: RegionTable) -> list[RosterUnit]:
    """The units the office expects, from a CSV (UTF-8 or GBK) or an .xlsx workbook (its first sheet whose
    first row has the columns): 统一社会信用代码 and optionally 单位名称 and 行政区划代码; every bad row named."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SelfcheckError(f"无法读取单位名单 {path}:{exc.strerror or exc}") from None
    if size > MAX_ROSTER_BYTES:
        raise SelfcheckError(f"单位名单 {path} 超过 {MAX_ROSTER_BYTES // 1048576} MB,不像是单位名单")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".ods", ".xlsb"):
        raise SelfcheckError(f"单位名单 {path} 是 {suffix} 格式;请在 Excel 或 WPS 中另存为 .xlsx 工作簿或 CSV 文件后重试")
    if suffix in (".xlsx", ".xlsm"):
        where, rows = _roster_sheet(path)
    else:
        where, rows = f"单位名单 {path}", _roster_csv(path)
    return _roster_units(rows, where, regions)


def _roster_csv(path: Path) -> list[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SelfcheckError(f"无法读取单位名单 {path}:{exc.strerror or exc}") from None
    if raw.startswith(b"PK\x03\x04"):
        raise SelfcheckError(f"单位名单 {path} 是一个工作簿而不是 CSV 文件;请把扩展名改为 .xlsx 后重试")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SelfcheckError(f"单位名单 {path} 不是 UTF-8 或 GBK 编码的 CSV 文件")
    return list(csv.reader(text.splitlines()))


def _roster_text(value: Any) -> str:
    """A cell as the text a clerk sees: 330106 typed as a number is “330106”, not “330106.0”."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _roster_sheet(path: Path) -> tuple[str, list[list[str]]]:
    """The rows of the workbook's first sheet with a 统一社会信用代码 column in row 1 (checked by the safe
    reader before calamine sees a byte: the roster comes from outside like any unit's workbook)."""
    import io

    from python_calamine import CalamineWorkbook

    content, unsafe = read_checked(path)
    if content is None:
        raise SelfcheckError(f"无法读取单位名单 {path}:{unsafe[0]}")
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb.sheet_names]
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise SelfcheckError(f"无法读取单位名单 {path}:不是有效的 Excel 工作簿({exc})") from None
    for name, rows in sheets:
        if rows and ROSTER_CODE in {_roster_text(h).strip() for h in rows[0]}:
            return f"单位名单 {path} 工作表“{name}”", [[_roster_text(v) for v in row] for row in rows]
    raise SelfcheckError(f"单位名单 {path} 中没有哪个工作表的第1行含“{ROSTER_CODE}”列"
                         f"(可选“{ROSTER_NAME}”“{ROSTER_REGION}”列)")


def _roster_units(rows: list[list[str]], where: str, regions: RegionTable) -> list[RosterUnit]:
    header = [h.strip() for h in rows[0]] if rows else []
    if ROSTER_CODE not in header:
        raise SelfcheckError(f"{where} 第1行应为表头,且含“{ROSTER_CODE}”列(可选“{ROSTER_NAME}”“{ROSTER_REGION}”列)")
    at = {h: header.index(h) for h in (ROSTER_CODE, ROSTER_NAME, ROSTER_REGION) if h in header}
    units: list[RosterUnit] = []
    bad: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        cell = {h: (row[i].strip() if i < len(row) else "") for h, i in at.items()}
        code = cell[ROSTER_CODE].upper()
        if not any(cell.values()):
            continue
        problems = credit_code_problems(code) if code else ["为空"]
        if problems:
            bad.append(f"第{n}行“{ROSTER_CODE}”{code}:{problems[0]}")
            continue
        region = cell.get(ROSTER_REGION) or code[2:8]
        if regions.get(region) is None:
            bad.append(f"第{n}行“{ROSTER_REGION}”{region}:不在行政区划代码表中")
            continue
        if code in seen:
            bad.append(f"第{n}行:{code} 重复")
            continue
        seen.add(code)
        units.append(RosterUnit(code, cell.get(ROSTER_NAME, ""), region))
    if bad:
        more = f"等 {len(bad)} 处" if len(bad) > 10 else ""
        raise SelfcheckError(f"{where} 有无法识别的代码:" + ";".join(bad[:10]) + more
                             + "。请改正后重试(行政区划代码以内置或 --regions 指定的代码表为准)")
    if not units:
        raise SelfcheckError(f"{where} 中没有任何单位")
    return units


def gather(store: ProvinceStore, regions: RegionTable, province: str | None, year: int | None,
           roster: list[RosterUnit] | None, deadline: dt.date | None) -> ProvinceFacts:
    years = [y for (y,) in store.query("SELECT DISTINCT year FROM submission ORDER BY year")]
    if not years:
        raise SelfcheckError(f"省级数据库 {store.path} 中还没有任何单位的报送,请先汇总")
    year = year or years[-1]
    if year not in years:
        raise SelfcheckError(f"省级数据库中没有 {year} 年度的报送(有:{'、'.join(map(str, years))})")
    units = [s for s in store.submissions() if s["year"] == year]
    if province:
        prefix = regions.resolve_province(province)
    else:  # the province most units (or the roster) belong to
        votes = Counter(regions.province_code(u.region) for u in roster) if roster else \
            Counter(regions.province_code(s["region_code"]) for s in units)
        prefix = votes.most_common(1)[0][0] if votes else ""
    region = regions.get(prefix + "0000")
    facts = ProvinceFacts(prefix, region.name if region else prefix, year, units, roster, deadline=deadline)
    ids = tuple(s["id"] for s in units)
    marks = ",".join("?" * len(ids))
    prefecture_of = {s["id"]: regions.prefecture_key(s["region_code"]) for s in units}
    for kind, n in store.query(f"SELECT kind, count(*) FROM entity WHERE submission IN ({marks}) GROUP BY 1", ids):
        facts.entities[kind] = n
    for sid, article, status, n in store.query(
            f"SELECT submission, article, status, sum(counted) FROM problem WHERE submission IN ({marks})"
            " GROUP BY 1, 2, 3", ids):
        status = status or ProblemStatus.OPEN.value
        facts.problems_by_status[status] += n
        facts.problems_by_article[article or "(未知条款)"] += n
        facts.problems_by_prefecture.setdefault(prefecture_of[sid], Counter())[status] += n
    for total, answered in store.query(
            f"SELECT sum(n), sum(CASE WHEN verdict != ? THEN n ELSE 0 END) FROM result_stat"
            f" WHERE submission IN ({marks})", (Verdict.UNANSWERED.value, *ids)):
        facts.items, facts.answered = total or 0, answered or 0
    stored = {s["unit_code"] for s in units}
    facts.rejected = [(name, code or "", reasons) for name, _, code, reasons in store.file_outcomes("rejected")
                      if not code or code not in stored]
    if deadline:
        facts.late = [s for s in units if (s["exported_at"] or "")[:10] > deadline.isoformat()]
    return facts


def _pct(a: int, b: int | None) -> str:
    return f"{a / b:.1%}" if b else "—"


def _label(regions: RegionTable, key: str) -> str:
    r = regions.get(key)
    return r.name if r else key


def coverage_rows(facts: ProvinceFacts, regions: RegionTable) -> list[tuple[str, int | None, int, int]]:
    """(prefecture, expected or None, reported, reported but not on the roster) per prefecture."""
    reported: Counter[str] = Counter(regions.prefecture_key(s["region_code"]) for s in facts.units)
    expected: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    if facts.roster is not None:
        expected = Counter(regions.prefecture_key(u.region) for u in facts.roster)
        on_roster = {u.code for u in facts.roster}
        extra = Counter(regions.prefecture_key(s["region_code"]) for s in facts.units if s["unit_code"] not in on_roster)
    keys = sorted(set(reported) | set(expected))
    return [(k, expected[k] if facts.roster is not None else None, reported[k] - extra[k], extra[k]) for k in keys]


def missing_units(facts: ProvinceFacts) -> list[RosterUnit]:
    if facts.roster is None:
        return []
    reported = {s["unit_code"] for s in facts.units}
    return [u for u in facts.roster if u.code not in reported]


def build_province_report(facts: ProvinceFacts, regions: RegionTable, today: dt.date, office: str,
                          addressee: str) -> Report:
    n_units = len(facts.units)
    cover = coverage_rows(facts, regions)
    missing = missing_units(facts)
    st = facts.problems_by_status
    n_prob = sum(st.values())
    done, doing, open_ = (st[ProblemStatus.DONE.value], st[ProblemStatus.IN_PROGRESS.value], st[ProblemStatus.OPEN.value])
    e = facts.entities
    opening = Para("body", f"按照《关于防治“指尖上的形式主义”的若干意见》有关要求,{facts.province_name}组织各地各部门开展了"
                           f"{facts.year}年度自查。截至{today.year}年{today.month}月{today.day}日,省级汇总数据库共收到"
                           f"{n_units}个单位经签名验证的有效报送。现将有关情况报告如下。", source="开头")
    if facts.roster is not None:
        expected = len(facts.roster)
        on_time = expected - len(missing)
        cover_text = (f"应报送单位{expected}个(依据单位名单),已报送{on_time}个,报送率{_pct(on_time, expected)};"
                      f"尚未报送{len(missing)}个,名单见附件3。")
        low = sorted(((r / x if x else 1.0), _label(regions, k)) for k, x, r, _ in cover if x)
        if low and low[0][0] < 1:
            cover_text += "报送率较低的地区:" + "、".join(f"{name}({rate:.0%})" for rate, name in low[:3]) + "。"
        extra = sum(c[3] for c in cover)
        if extra:
            cover_text += f"另有{extra}个单位不在单位名单中但已报送,已一并汇总。"
    else:
        cover_text = (f"共{len(cover)}个地市的{n_units}个单位报送;未提供单位名单,无法计算报送率"
                      "(提供名单后可列出未报送单位)。")
    sections = [
        Section("一、报送情况", (Para("body", cover_text, source="报送情况"),)),
        Section("二、基本情况", (Para("body", f"报送单位共登记{'、'.join(f'{term(k).zh}{e[k]}个' for k in KINDS)};"
                                           f"逐项自查{facts.items}项次,已作答"
                                           f"{facts.answered}项次,完成率{_pct(facts.answered, facts.items)}。",
                                   source="基本情况"),)),
    ]
    top = facts.problems_by_article.most_common(3)
    problem_text = f"自查共发现问题{n_prob}个,涉及{len(facts.problems_by_article)}个条款。"
    if top:
        problem_text += "问题较多的条款:" + "、".join(f"{a}({n}个)" for a, n in top) + "。各条款分布见附件2。"
    sections.append(Section("三、发现的问题", (Para("body", problem_text, source="发现的问题"),)))
    rates = sorted((c[ProblemStatus.DONE.value] / sum(c.values()), _label(regions, k))
                   for k, c in facts.problems_by_prefecture.items() if sum(c.values()))
    progress_text = (f"已整改{done}个,整改中{doing}个,未整改{open_}个,整改完成率{_pct(done, n_prob)}。")
    if rates and len(rates) > 1:
        progress_text += "整改完成率较低的地区:" + "、".join(f"{n}({r:.0%})" for r, n in rates[:3]) + "。"
    sections.append(Section("四、整改进展", (Para("body", progress_text, source="整改进展"),)))
    late_text = (f"以{facts.deadline.year}年{facts.deadline.month}月{facts.deadline.day}日为截止日期,逾期报送"
                 f"{len(facts.late)}个单位。" if facts.deadline else "未指定报送截止日期,未统计逾期报送。")
    late_text += (f"被退回且尚无有效报送的文件{len(facts.rejected)}个,已逐一告知退回原因。" if facts.rejected
                  else "没有被退回且尚无有效报送的文件。")
    sections.append(Section("五、逾期和退回情况", (Para("body", late_text, source="逾期和退回"),)))

    has_roster = facts.roster is not None
    cover_table = Table(("地区", "应报送", "已报送", "名单外报送", "报送率") if has_roster else ("地区", "已报送"),
                        tuple((_label(regions, k), str(x), str(r), str(extra), _pct(r, x)) if has_roster
                              else (_label(regions, k), str(r + extra)) for k, x, r, extra in cover),
                        (3, 1, 1, 1.2, 1) if has_roster else (3, 1), "附件1")
    annex1: list[Any] = [cover_table]
    if has_roster and missing:
        by_pref = Counter(_label(regions, regions.prefecture_key(u.region)) for u in missing)
        labels, values = zip(*by_pref.most_common(12), strict=True)
        annex1.append(Chart("各地区未报送单位数(个)", tuple(labels), tuple(values)))
    else:
        reported = Counter({_label(regions, k): r + extra for k, _, r, extra in cover})
        labels, values = zip(*reported.most_common(12), strict=True) if reported else ((), ())
        annex1.append(Chart("各地区已报送单位数(个)", tuple(labels), tuple(values)))
    articles = sorted(facts.problems_by_article.items(), key=lambda kv: _article_no(kv[0]))
    annex2: list[Block] = [Table(("条款", "问题数"), (*tuple((a, str(n)) for a, n in articles), ("合计", str(n_prob))),
                    (4, 1), "附件2", total_last=True),
              Chart("各条款问题数(个)", tuple(a for a, _ in articles), tuple(n for _, n in articles))]
    rows3 = [(u.name or u.code, u.code, _label(regions, regions.prefecture_key(u.region)), "未报送") for u in missing]
    rows3 += [(s["unit_name"], s["unit_code"], _label(regions, regions.prefecture_key(s["region_code"])),
               f"逾期({s['exported_at'][:10]})") for s in facts.late]
    rows3 += [(Path(name).name, code or "—", "", "退回:" + (reasons[0] if reasons else "")) for name, code, reasons
              in facts.rejected]
    annex3: list[Any] = [Table(("单位或文件", "统一社会信用代码", "地区", "情况"),
                               tuple(rows3[:LISTED]) or (("(无)", "", "", ""),), (4, 2.4, 1.4, 4), "附件3")]
    if len(rows3) > LISTED:
        annex3.append(Para("body", f"另有 {len(rows3) - LISTED} 个未列出,完整名单见同名工作簿。"))
    annexes = (Annex("附件1", "各地区报送情况", tuple(annex1)), Annex("附件2", "问题按条款分布", tuple(annex2)),
               Annex("附件3", "未报送、逾期和被退回的单位", tuple(annex3)))
    facts_model = Facts(unit=office, year=facts.year, apps=e["app"], accounts=e["account"], groups=e["group"],
                        checked=facts.items, problems=n_prob, articles=len(facts.problems_by_article),
                        problems_done=done, problems_doing=doing, problems_open=open_)
    return Report(
        title_segments=(office, "关于防治“指尖上的形式主义”", f"{facts.year}年度自查情况的汇总报告"),
        addressee=addressee, opening=(opening,), sections=tuple(sections), closing="特此报告。",
        annex_titles=tuple(a.title for a in annexes), signoff_unit=office,
        signoff_date=f"{today.year}年{today.month}月{today.day}日", annexes=annexes,
        subject=f"{facts.province_name}{facts.year}年度防治“指尖上的形式主义”自查汇总",
        keywords="指尖上的形式主义;自查;汇总", facts=facts_model)


def _article_no(label: str) -> tuple[int, str]:
    import re

    m = re.search(r"第(\d+)条", label)
    return (int(m.group(1)) if m else 999, label)


def write_workbook(report: Report, facts: ProvinceFacts, regions: RegionTable, path: Path) -> None:
    """The report's tables with every row (the PDF lists at most :data:`LISTED` units)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(name="宋体", bold=True)

    def sheet(title: str, header: tuple[str, ...], rows: Any, widths: tuple[int, ...]) -> None:
        from openpyxl.utils import get_column_letter

        ws = wb.create_sheet(title)
        ws.append(list(header))
        for c in ws[1]:
            c.font = bold
        for row in rows:
            ws.append([v if not (isinstance(v, str) and v.startswith(("=", "+", "-", "@"))) else "'" + v
                       for v in row])
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"

    for annex in report.annexes[:2]:
        table = next(b for b in annex.blocks if isinstance(b, Table))
        sheet(annex.title, table.header, table.rows, (30, *([12] * (len(table.header) - 1))))
    sheet("整改进展", ("地区", *[s.value for s in ProblemStatus], "整改完成率"),
          ((_label(regions, k), *(c[s.value] for s in ProblemStatus), _pct(c[ProblemStatus.DONE.value], sum(c.values())))
           for k, c in sorted(facts.problems_by_prefecture.items())), (30, 10, 10, 10, 12))
    sheet("未报送单位", ("单位名称", "统一社会信用代码", "行政区划代码", "地区"),
          ((u.name, u.code, u.region, regions.full_name(u.region)) for u in missing_units(facts)), (36, 22, 12, 30))
    sheet("逾期报送", ("单位名称", "统一社会信用代码", "导出时间", "文件名"),
          ((s["unit_name"], s["unit_code"], s["exported_at"], s["file_name"]) for s in facts.late), (36, 22, 20, 50))
    sheet("退回文件", ("文件", "统一社会信用代码", "退回原因"),
          ((name, code, ";".join(reasons)) for name, code, reasons in facts.rejected), (50, 22, 100))
    with atomic_target(path) as tmp:
        wb.save(tmp)


def make_province_report(db: Path, out_dir: Path, roster: Path | None = None, province: str | None = None,
                         year: int | None = None, deadline: dt.date | None = None, regions: Path | None = None,
                         sign: tuple[Path, bytes] | None = None, office: str | None = None,
                         addressee: str = "中央网络安全和信息化委员会办公室",
                         today: dt.date | None = None) -> tuple[Path, Path]:
    """Write ``<office>自查汇总报告_<year>.pdf`` (signed when ``sign`` = (p12, passphrase)) and its ``.xlsx``."""
    if not Path(db).is_file():
        raise SelfcheckError(f"找不到省级数据库 {db}")
    table = load_regions(str(regions) if regions else None)
    people = read_roster(Path(roster), table) if roster else None
    signer = None
    if sign:
        signer = load_signer(sign[0], sign[1])
    today = today or dt.date.today()
    with ProvinceStore(Path(db)) as store:
        facts = gather(store, table, province, year, people, deadline)
    office = office or (signer.unit_name if signer else f"{facts.province_name}")
    report = build_province_report(facts, table, today, office, addressee)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfcheckError(f"无法创建输出文件夹 {out_dir}:{exc.strerror or exc}") from None
    stem = f"{facts.province_name}{facts.year}年度自查汇总报告"
    pdf, xlsx = out_dir / f"{stem}.pdf", out_dir / f"{stem}.xlsx"
    if signer is None:
        render_report(report, pdf)
    else:
        with atomic_target(pdf) as tmp:
            plain = tmp.with_name(tmp.name + ".unsigned.pdf")
            try:
                info = render_report(report, plain, strict=True)
                sign_pdf(plain, tmp, signer, signature_page=info.signature_page, signature_box=info.signature_box,
                         reason="省级自查汇总报告")
            finally:
                plain.unlink(missing_ok=True)
    write_workbook(report, facts, table, xlsx)
    return pdf, xlsx
