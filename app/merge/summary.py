"""The master workbook, written from the whole province store (so it is complete across runs).

It opens whatever the count: 汇总 (by prefecture, named from the GB/T 2260 table, and by article), 图表, 单位名单,
问题分布 (prefecture × article), 退回文件 and 重复文件 (from the store, capped); the problem list and the three
ledgers only while each is small (:data:`app.merge.detail.MASTER_DETAIL_ROWS`), otherwise they go to the detail
chosen with ``--detail`` (:mod:`app.merge.detail`). openpyxl write-only mode keeps memory flat; a table longer
than an Excel sheet continues on a sheet named “…(续2)”.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.core.checklist import SCOPE_LABELS
from app.core.errors import SelfcheckError
from app.core.model import ProblemStatus, Verdict
from app.core.regions import RegionTable
from app.merge.places import ProvinceScope
from app.merge.store import ProvinceStore
from app.merge.validate import trust_label
from app.storage.files import atomic_target
from app.workbook.fastrows import DATE_FORMAT, cell_text
from app.workbook.layout import Column, load_layout

EXCEL_MAX_ROWS = 1_048_576
FORMULA_START = ("=", "+", "-", "@")
_ARTICLE_NO = re.compile(r"第(\d+)条")
UNIT_HEADERS = [("行政区划代码", 12), ("单位名称", 30), ("统一社会信用代码", 21), ("年度", 7), ("地区", 26)]
STATUSES = [s.value for s in ProblemStatus]


class _Book:
    """A write-only workbook with the house style and sheets that continue past Excel's row limit."""

    def __init__(self) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        from app.workbook.writer import use_utf8_sheet_xml

        use_utf8_sheet_xml()
        self.wb = Workbook(write_only=True)
        self.wb.properties.title = "省级汇总"
        self.header_font = Font(name="宋体", bold=True)
        self.header_fill = PatternFill("solid", fgColor="DCE6F1")
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.title_font = Font(name="宋体", bold=True, size=14)
        self.raw: list[Any] = []  # fastrows.RawPart per large sheet part, filled when saving

    def sheet(self, title: str, widths: list[float], freeze: bool = True) -> Any:
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(title)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        if freeze:
            ws.freeze_panes = "A2"
            ws.print_title_rows = "1:1"
        # Printed, every sheet is A4 landscape and fits the page width (the office prints the overview).
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def cell(self, ws: Any, value: Any, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(ws, value=value)
        for k, v in style.items():
            setattr(c, k, v)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            c.data_type = "s"  # text from a unit is never a formula
        return c

    def header(self, ws: Any, headers: list[str]) -> list[Any]:
        return [self.cell(ws, h, font=self.header_font, fill=self.header_fill, alignment=self.header_align)
                for h in headers]

    def table(self, title: str, headers: list[tuple[str, float]], rows: Iterable[list[Any]]) -> int:
        """Write all ``rows``; continue on new sheets when one is full. Returns the number of data rows."""
        from openpyxl.utils import get_column_letter

        names, widths = [h for h, _ in headers], [w for _, w in headers]
        last = get_column_letter(len(headers))
        total, part, ws, n = 0, 1, None, 0
        for row in rows:
            if ws is None or n == EXCEL_MAX_ROWS - 1:
                if ws is not None:
                    ws.auto_filter.ref = f"A1:{last}{n + 1}"
                    part += 1
                ws = self.sheet(title if part == 1 else f"{title}(续{part})", widths)
                ws.append(self.header(ws, names))
                n = 0
            ws.append([self.safe(ws, v) for v in row])
            n += 1
            total += 1
        if ws is None:
            ws = self.sheet(title, widths)
            ws.append(self.header(ws, names))
        ws.auto_filter.ref = f"A1:{last}{max(n + 1, 2)}"
        return total

    def big_table(self, title: str, headers: list[tuple[str, float]], date_columns: frozenset[int], count: int,
                  rows: Iterator[list[Any]]) -> int:
        """Like :meth:`table` for the large tables: openpyxl writes the header, :mod:`fastrows` the rows."""
        from openpyxl.utils import get_column_letter

        from app.workbook.fastrows import RawPart

        names, widths = [h for h, _ in headers], [w for _, w in headers]
        last = get_column_letter(len(headers))
        per_sheet = EXCEL_MAX_ROWS - 1
        remaining, part = count, 1
        while True:
            n = min(remaining, per_sheet)
            ws = self.sheet(title if part == 1 else f"{title}(续{part})", widths)
            ws.append(self.header(ws, names))
            ws.auto_filter.ref = f"A1:{last}{max(n + 1, 2)}"
            self.raw.append(RawPart(f"xl/worksheets/sheet{len(self.wb.worksheets)}.xml", n, date_columns, rows))
            remaining -= n
            part += 1
            if remaining <= 0:
                return count

    def safe(self, ws: Any, value: Any) -> Any:
        if type(value) is str:
            if not value.isprintable():  # e.g. a file name with control characters or undecodable bytes
                value = cell_text(value)
            return self.cell(ws, value) if value.startswith(FORMULA_START) else value
        if isinstance(value, dt.date):
            return self.cell(ws, value, number_format=DATE_FORMAT)
        return value

    def save(self, out: Path) -> None:
        from app.workbook.fastrows import splice

        with atomic_target(out) as tmp:
            stage = tmp.with_name(tmp.name + ".stage")
            try:
                self.wb.save(stage)
                splice(stage, tmp, self.raw)
            except OSError as exc:
                raise SelfcheckError(f"无法写入汇总工作簿 {out}:{exc.strerror or exc}") from None
            finally:
                stage.unlink(missing_ok=True)


def _article_key(label: str) -> tuple[int, str]:
    m = _ARTICLE_NO.search(label or "")
    return (int(m.group(1)) if m else 999, label or "")


def _date_columns(columns: tuple[Column, ...]) -> frozenset[int]:
    """Positions of date columns in a master row (after the unit columns)."""
    return frozenset(len(UNIT_HEADERS) + i for i, c in enumerate(columns) if c.type == "date")


def _region_rows(store: ProvinceStore, scope: ProvinceScope) -> tuple[list[list[Any]], list[Any]]:
    """One line per prefecture (地级) with its name; units from another province are marked."""
    regions = scope.regions
    per: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))

    def key(region: str | None) -> str:
        return regions.prefecture_key(region)

    for region, n in store.query("SELECT region_code, count(*) FROM submission GROUP BY region_code"):
        per[key(region)]["units"] += n
    for region, kind, n in store.query("SELECT s.region_code, e.kind, count(*) FROM entity e JOIN submission s"
                                       " ON s.id = e.submission GROUP BY s.region_code, e.kind"):
        per[key(region)][kind] += n
    for region, total, answered in store.query(
            "SELECT s.region_code, sum(r.n), sum(CASE WHEN r.verdict != ? THEN r.n ELSE 0 END) FROM result_stat r"
            " JOIN submission s ON s.id = r.submission GROUP BY s.region_code", (Verdict.UNANSWERED.value,)):
        per[key(region)]["items"] += total or 0
        per[key(region)]["answered"] += answered or 0
    for region, status, n in store.query("SELECT s.region_code, p.status, count(*) FROM problem p JOIN submission s"
                                         " ON s.id = p.submission GROUP BY s.region_code, p.status"):
        per[key(region)][status or ProblemStatus.OPEN.value] += n
        per[key(region)]["problems"] += n
    keys = ["units", "app", "account", "group", "items", "answered", "problems", *STATUSES]

    def line(label: str, d: dict[str, Any]) -> list[Any]:
        done = d.get(ProblemStatus.DONE.value, 0)
        return [label, *(d.get(k, 0) for k in keys[:6]), round(d["answered"] / d["items"], 4) if d.get("items") else 0,
                *(d.get(k, 0) for k in keys[6:]), round(done / d["problems"], 4) if d.get("problems") else 0]

    rows = [line(region_label(regions, scope, k), per[k]) for k in sorted(per)]
    totals: dict[str, Any] = defaultdict(int)
    for d in per.values():
        for k in keys:
            totals[k] += d.get(k, 0)
    return rows, line("合计", totals)


def region_label(regions: RegionTable, scope: ProvinceScope, key: str) -> str:
    """``330100 杭州市``; ``320500 江苏省苏州市(外省)``; ``未知地区``."""
    region = regions.get(key)
    if region is None:
        return key
    name = regions.full_name(key) if scope.is_other(key) or region.level == "province" else region.name
    return f"{key} {name}" + ("(外省)" if scope.is_other(key) else "")


def _write_summary(book: _Book, store: ProvinceStore, verdict_index: int, scope: ProvinceScope) -> dict[str, int]:
    """汇总 and 图表; returns the row positions the charts refer to."""
    from openpyxl.styles import Font

    ws = book.sheet("汇总", [30, 12, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 11], freeze=False)
    ws.append([book.cell(ws, "防治“指尖上的形式主义”自查省级汇总", font=book.title_font)])
    ws.append(["汇总日期", book.cell(ws, dt.date.today(), number_format=DATE_FORMAT),  # also registers the date style
               "每个单位取其每年度最新的有效报送"])
    # Row 3 (kept short so the printed page is not widened): where the per-item results are.
    ws.append(["逐项自查结论保存在省级数据库中,此处按地区汇总为“检查项次”和“已作答”。", "本省",
               scope.label + ("" if scope.explicit or not scope.prefix else "(由证书机构名称推断)")])
    headers = ["地区(地市)", "单位数", "应用程序", "公众账号", "工作群组", "检查项次", "已作答", "完成率", "问题数",
               *STATUSES, "整改完成率"]
    ws.append(book.header(ws, headers))
    rows, total = _region_rows(store, scope)
    pct = {7, 12}
    for row in [*rows, total]:
        bold = row is total
        ws.append([book.cell(ws, v, number_format="0.0%" if i in pct else "General",
                             font=Font(name="宋体", bold=bold)) for i, v in enumerate(row)])
    total_row = 4 + len(rows) + 1
    ws.append([])
    ws.append([book.cell(ws, "按条款统计问题", font=book.title_font)])
    article_header_row = total_row + 3
    ws.append(book.header(ws, ["条款", "问题数", Verdict.PARTIAL.value, Verdict.NONCOMPLIANT.value, *STATUSES]))
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, verdict, status, n in store.query(
            f"SELECT article, json_extract(data, '$[{verdict_index}]'), status, count(*) FROM problem"
            " GROUP BY 1, 2, 3"):
        d = per[article or "(未知条款)"]
        d["n"] += n
        d[verdict or ""] += n
        d[status or ProblemStatus.OPEN.value] += n
    articles = sorted(per, key=_article_key)
    for a in articles:
        d = per[a]
        ws.append([a, d["n"], d[Verdict.PARTIAL.value], d[Verdict.NONCOMPLIANT.value], *(d[s] for s in STATUSES)])
    return {"total_row": total_row, "article_first": article_header_row + 1,
            "article_last": article_header_row + len(articles)}


def _write_charts(book: _Book, pos: dict[str, int]) -> None:
    from openpyxl.chart import BarChart, PieChart, Reference

    ws = book.sheet("图表", [12], freeze=False)
    ws.append(["问题按条款分布与整改状态(数据见“汇总”工作表)"])
    source = book.wb["汇总"]
    if pos["article_last"] >= pos["article_first"]:
        bar = BarChart()
        bar.type, bar.title, bar.y_axis.title = "bar", "各条款问题数", "问题数"
        bar.add_data(Reference(source, min_col=2, min_row=pos["article_first"] - 1, max_row=pos["article_last"]),
                     titles_from_data=True)
        bar.set_categories(Reference(source, min_col=1, min_row=pos["article_first"], max_row=pos["article_last"]))
        bar.height, bar.width = 12, 24
        ws.add_chart(bar, "A3")
    pie = PieChart()
    pie.title = "问题整改状态"
    pie.add_data(Reference(source, min_col=10, max_col=12, min_row=pos["total_row"]), from_rows=True)
    pie.set_categories(Reference(source, min_col=10, max_col=12, min_row=4))
    pie.height, pie.width = 10, 14
    ws.add_chart(pie, "A28")


def _problems_by_region(book: _Book, store: ProvinceStore, scope: ProvinceScope) -> None:
    """问题分布: prefectures × articles — bounded by the number of prefectures, whatever the unit count."""
    regions = scope.regions
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    articles: set[str] = set()
    for region, article, n in store.query("SELECT s.region_code, p.article, count(*) FROM problem p JOIN submission s"
                                          " ON s.id = p.submission GROUP BY 1, 2"):
        a = article or "(未知条款)"
        articles.add(a)
        per[regions.prefecture_key(region)][a] += n
    cols = sorted(articles, key=_article_key)
    book.table("问题分布", [("地区(地市)", 30), *((a, 12) for a in cols), ("合计", 9)],
               ([region_label(regions, scope, k), *(per[k][a] for a in cols), sum(per[k].values())]
                for k in sorted(per)))


def write_master(store: ProvinceStore, out: Path, report: Any, scope: ProvinceScope | None = None,
                 detail: str = "region") -> dict[str, int]:
    """Write the master workbook atomically (and the detail ``detail`` asks for); returns its totals.

    The master is bounded: the summary, the unit list, problems by article and region, rejected and duplicate
    files; the ledgers and the problem list are in it only while each stays under
    :data:`app.merge.detail.MASTER_DETAIL_ROWS` rows, else they are in the per-region workbooks or the CSV
    files (and always in the province database).
    """
    from app.core.regions import load_regions
    from app.merge import detail as details

    scope = scope or ProvinceScope(load_regions())
    regions = scope.regions
    layout = load_layout()
    subs = {s["id"]: s for s in store.submissions()}
    book = _Book()
    problem_cols = layout.sheet("problems").columns
    pos = _write_summary(book, store, [c.key for c in problem_cols].index("verdict"), scope)
    _write_charts(book, pos)
    names: dict[str, str] = {}

    def unit_of(sid: int) -> list[Any]:
        s = subs[sid]
        code = s["region_code"]
        if code not in names:
            names[code] = regions.full_name(code)
        return [code, s["unit_name"], s["unit_code"], s["year"], names[code]]

    counts = {kind: dict(store.query("SELECT submission, count(*) FROM entity WHERE kind = ? GROUP BY 1", (kind,)))
              for kind in SCOPE_LABELS}
    answered = {sid: (t, a) for sid, t, a in store.query(
        "SELECT submission, sum(n), sum(CASE WHEN verdict != ? THEN n ELSE 0 END) FROM result_stat GROUP BY 1",
        (Verdict.UNANSWERED.value,))}
    n_problems = dict(store.query("SELECT submission, count(*) FROM problem GROUP BY 1"))

    def unit_rows() -> Iterator[list[Any]]:
        for sid, s in subs.items():
            total, done = answered.get(sid, (0, 0))
            yield [*unit_of(sid), "外省单位" if scope.is_other(s["region_code"]) else "", s["level"],
                   s["contact_name"], s["contact_phone"], s["inspection_date"],
                   *(counts[k].get(sid, 0) for k in ("app", "account", "group")), n_problems.get(sid, 0),
                   round(done / total, 4) if total else 0, s["file_name"], s["exported_at"], s["signer"],
                   trust_label(s["verify_status"]), s["submission_id"], s["merged_at"]]

    book.table("单位名单", [*UNIT_HEADERS, ("外省", 9), ("单位层级", 10), ("联系人", 10), ("联系电话", 14),
                        ("检查日期", 12), ("应用程序", 9), ("公众账号", 9), ("工作群组", 9), ("问题数", 8),
                        ("完成率", 8), ("文件名", 40), ("导出时间", 20), ("签名者", 30), ("签名状态", 22),
                        ("报送编号", 34), ("汇总时间", 20)], unit_rows())
    _problems_by_region(book, store, scope)
    where = details.where_text(out, detail)
    n_prob = store.count("problem")
    if n_prob <= details.MASTER_DETAIL_ROWS:
        book.big_table("问题清单", [*UNIT_HEADERS, *((c.header, c.width) for c in problem_cols), ("条款", 22)],
                       _date_columns(problem_cols), n_prob, ([*unit_of(sid), *row] for sid, row in store.problems()))
    else:
        book.table("问题清单", [("说明", 120)], [[f"共 {n_prob} 个问题,超过汇总表附带明细的上限"
                                                f" {details.MASTER_DETAIL_ROWS} 行,{where}"]])
    totals = {"units": len(subs), "problems": n_prob}
    for sheet in layout.ledger_sheets:
        n = totals[sheet.entity] = sum(counts.get(sheet.entity, {}).values())
        if n <= details.MASTER_DETAIL_ROWS:
            book.big_table(sheet.name, [*UNIT_HEADERS, *((c.header, c.width) for c in sheet.columns)],
                           _date_columns(sheet.columns), n,
                           ([*unit_of(sid), *row] for sid, row in store.entities(sheet.entity)))
        else:
            book.table(sheet.name, [("说明", 120)], [[f"共 {n} 行,超过汇总表附带明细的上限"
                                                     f" {details.MASTER_DETAIL_ROWS} 行,{where}"]])
    # From the store, not this run: the same files merged again give the same master. Bounded too.
    book.table("退回文件", [("文件", 50), ("序号", 6), ("退回原因", 100)],
               details.capped_rows(([name, i, reason] for name, _, _, reasons in store.file_outcomes("rejected")
                                    for i, reason in enumerate(reasons, start=1)), 3))
    book.table("重复文件", [("文件", 50), ("说明", 80)],
               details.capped_rows(([name, "；".join(reasons)]
                                    for name, _, _, reasons in store.file_outcomes("duplicate")), 2))
    book.save(out)
    details.write_detail(store, out, detail, subs, unit_of, scope, counts, n_problems)
    return {"units": totals["units"], "apps": totals.get("app", 0), "accounts": totals.get("account", 0),
            "groups": totals.get("group", 0), "problems": totals["problems"]}
