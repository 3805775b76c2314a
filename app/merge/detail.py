"""Where the full ledgers and problem list go, beside the master (``merge --detail``).

* ``region`` (default): one workbook per prefecture (地级) in ``<master>_分地区明细/``: its units' problem list
  and three ledgers, each row with its unit. A prefecture's workbook stays small enough to open.
* ``full``: one CSV per table in ``<master>_明细/`` (UTF-8 with BOM, so Excel and WPS read the Chinese), every
  row of the province, no sheet limit.
* ``none``: nothing beside the master; the province database is the complete record either way.

The master itself carries the ledgers and problems only while each stays under :data:`MASTER_DETAIL_ROWS`.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.merge.places import ProvinceScope
from app.merge.store import ProvinceStore

DETAILS = ("region", "none", "full")
MASTER_DETAIL_ROWS = 20_000   # per table: under this the master carries the rows itself
MASTER_LIST_ROWS = 5_000      # rejected / duplicate files listed in the master
FORMULA_START = ("=", "+", "-", "@")


def check_detail(detail: str) -> str:
    if detail not in DETAILS:
        raise SelfcheckError(f"--detail 应为 {'、'.join(DETAILS)} 之一,而不是“{detail}”")
    return detail


def region_folder(out: Path) -> Path:
    return out.with_name(f"{out.stem}_分地区明细")


def csv_folder(out: Path) -> Path:
    return out.with_name(f"{out.stem}_明细")


def where_text(out: Path, detail: str) -> str:
    """Where a reader of the master finds the rows it leaves out."""
    if detail == "region":
        return f"明细见“{region_folder(out).name}”文件夹中各地市的工作簿,完整记录在省级数据库中"
    if detail == "full":
        return f"明细见“{csv_folder(out).name}”文件夹中的 CSV 文件,完整记录在省级数据库中"
    return "完整记录在省级数据库中(汇总时选择“按地市分工作簿”或“完整明细”可导出)"


def capped_rows(rows: Iterable[list[Any]], width: int) -> Iterator[list[Any]]:
    """At most :data:`MASTER_LIST_ROWS` rows, then one that says how many more there are."""
    n = 0
    more = 0
    for row in rows:
        if n < MASTER_LIST_ROWS:
            n += 1
            yield row
        else:
            more += 1
    if more:
        yield [f"另有 {more} 行未列出,完整记录在省级数据库中", *([""] * (width - 1))]


def _unit_rows(store: ProvinceStore, sids: list[int], kind: str | None,
               unit_of: Callable[[int], list[Any]]) -> Iterator[list[Any]]:
    """Rows of one table for the given units, in their order (one indexed query per unit)."""
    for sid in sids:
        if kind is None:
            cur = store.db.execute("SELECT data FROM problem WHERE submission = ? ORDER BY seq", (sid,))
        else:
            cur = store.db.execute("SELECT data FROM entity WHERE submission = ? AND kind = ? ORDER BY seq",
                                   (sid, kind))
        unit = unit_of(sid)
        for (data,) in cur:
            yield [*unit, *json.loads(data)]


def _tables(layout: Any) -> list[tuple[str, str | None, Any]]:
    """(sheet name, entity kind or None for problems, columns): the master's names."""
    problems = layout.sheet("problems")
    return [("问题清单", None, problems.columns), *((s.name, s.entity, s.columns) for s in layout.ledger_sheets)]


def write_detail(store: ProvinceStore, out: Path, detail: str, subs: dict[int, dict[str, Any]],
                 unit_of: Callable[[int], list[Any]], scope: ProvinceScope, counts: dict[str, dict[int, int]],
                 n_problems: dict[int, int]) -> list[Path]:
    """Write the detail ``detail`` asks for; returns the files written."""
    if detail == "region":
        return _write_regions(store, region_folder(out), subs, unit_of, scope, counts, n_problems)
    if detail == "full":
        return _write_csv(store, csv_folder(out), subs, unit_of)
    return []


def _write_regions(store: ProvinceStore, folder: Path, subs: dict[int, dict[str, Any]],
                   unit_of: Callable[[int], list[Any]], scope: ProvinceScope, counts: dict[str, dict[int, int]],
                   n_problems: dict[int, int]) -> list[Path]:
    from app.merge.summary import UNIT_HEADERS, _Book, _date_columns, region_label
    from app.workbook.layout import load_layout

    layout = load_layout()
    groups: dict[str, list[int]] = defaultdict(list)
    for sid, s in subs.items():
        groups[scope.regions.prefecture_key(s["region_code"])].append(sid)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfcheckError(f"无法创建明细文件夹 {folder}:{exc.strerror or exc}") from None
    written: list[Path] = []
    for key in sorted(groups):
        sids = groups[key]
        book = _Book()
        book.wb.properties.title = region_label(scope.regions, scope, key)
        for name, kind, columns in _tables(layout):
            n = sum((n_problems if kind is None else counts.get(kind, {})).get(sid, 0) for sid in sids)
            book.big_table(name, [*UNIT_HEADERS, *((c.header, c.width) for c in columns),
                                  *((("条款", 22),) if kind is None else ())],
                           _date_columns(columns), n, _unit_rows(store, sids, kind, unit_of))
        path = folder / f"{region_label(scope.regions, scope, key).replace(' ', '_')}.xlsx"
        book.save(path)
        written.append(path)
    for stale in folder.glob("*.xlsx"):  # a prefecture with no unit left (a unit re-registered elsewhere)
        if stale not in written:
            stale.unlink(missing_ok=True)
    return written


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        from app.workbook.fastrows import cell_text

        value = value if value.isprintable() else cell_text(value)
        if value.startswith(FORMULA_START):
            return "'" + value  # a spreadsheet opening the CSV must not run unit text as a formula
    return value


def _write_csv(store: ProvinceStore, folder: Path, subs: dict[int, dict[str, Any]],
               unit_of: Callable[[int], list[Any]]) -> list[Path]:
    from app.merge.summary import UNIT_HEADERS
    from app.storage.files import atomic_target
    from app.workbook.layout import load_layout

    layout = load_layout()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfcheckError(f"无法创建明细文件夹 {folder}:{exc.strerror or exc}") from None
    written = []
    sids = list(subs)
    for name, kind, columns in _tables(layout):
        path = folder / f"{name}.csv"
        with atomic_target(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow([h for h, _ in UNIT_HEADERS] + [c.header for c in columns] + (["条款"] if kind is None else []))
            w.writerows([_cell(v) for v in row] for row in _unit_rows(store, sids, kind, unit_of))
        written.append(path)
    return written
