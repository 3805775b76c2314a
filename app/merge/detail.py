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
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.merge.master_layout import load_master_layout
from app.merge.places import ProvinceScope
from app.merge.store import ProvinceStore
from app.storage.files import atomic_target
from app.storage.sqlite_uri import read_only_uri
from app.workbook.fastrows import cell_text
from app.workbook.layout import load_layout

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


def _unit_rows(db: sqlite3.Connection, units: list[tuple[int, list[Any]]], kind: str | None) -> Iterator[list[Any]]:
    """Rows of one table for the given units (submission id, unit columns), in their order (one indexed query
    per unit)."""
    for sid, unit in units:
        if kind is None:
            cur = db.execute("SELECT data FROM problem WHERE submission = ? ORDER BY seq", (sid,))
        else:
            cur = db.execute("SELECT data FROM entity WHERE submission = ? AND kind = ? ORDER BY seq", (sid, kind))
        for (data,) in cur:
            yield [*unit, *json.loads(data)]


def _tables() -> list[tuple[str, str | None, list[Any]]]:
    """(sheet name, entity kind or None for problems, columns with the unit's): the master's names and columns
    (``exports/master_layout.toml`` around the unit workbook's ``exports/workbook.toml``)."""
    # lazy: app.merge.summary imports this module at its top (a top import here would cycle)
    from app.merge.summary import detail_columns

    layout, master = load_layout(), load_master_layout()
    return [(master.sheet("problems").name, None, detail_columns(master, layout.sheet("problems").columns, "problems")),
            *((s.name, s.entity, detail_columns(master, s.columns)) for s in layout.ledger_sheets)]


@dataclass
class Part:
    """One detail file, written from the store on its own (in a process of its own when in parallel)."""

    kind: str                          # "region": a prefecture's workbook; "csv": one table of every unit
    db: Path
    path: Path
    units: list[tuple[int, list[Any]]]  # (submission id, unit columns) in row order
    rows: list[int]                    # rows per table of :func:`_tables` (region) or [rows of the one table]
    title: str = ""
    table: int = 0                     # csv: which table of :func:`_tables`

    @property
    def size(self) -> int:
        return sum(self.rows)


def write_part(part: Part) -> Path:
    """Write one detail file reading the store through a connection of its own (read-only)."""
    db = sqlite3.connect(read_only_uri(part.db), uri=True)
    try:
        if part.kind == "region":
            # lazy: app.merge.summary imports this module at its top (a top import here would cycle)
            from app.merge.summary import _Book

            book = _Book()
            book.wb.properties.title = part.title
            for (name, kind, columns), n in zip(_tables(), part.rows, strict=True):
                book.big_table(name, columns, n, _unit_rows(db, part.units, kind))
            book.save(part.path)
        else:
            _write_csv_table(db, part)
    finally:
        db.close()
    return part.path


def plan_detail(store: ProvinceStore, out: Path, detail: str, subs: dict[int, dict[str, Any]],
                unit_of: Callable[[int], list[Any]], scope: ProvinceScope, counts: dict[str, dict[int, int]],
                n_problems: dict[int, int]) -> list[Part]:
    """The files the detail ``detail`` asks for, largest first (so parallel writers finish together); the
    folder made and files of prefectures no longer in the store removed."""
    # lazy: app.merge.summary imports this module at its top (a top import here would cycle)
    from app.merge.summary import region_label

    if detail == "none":
        return []
    folder = region_folder(out) if detail == "region" else csv_folder(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfcheckError(f"无法创建明细文件夹 {folder}:{exc.strerror or exc}") from None
    tables = _tables()

    def rows(sids: Iterable[int], kind: str | None) -> int:
        per = n_problems if kind is None else counts.get(kind, {})
        return sum(per.get(sid, 0) for sid in sids)

    parts: list[Part] = []
    if detail == "full":
        units = [(sid, unit_of(sid)) for sid in subs]
        parts = [Part("csv", store.path, folder / f"{name}.csv", units, [rows(subs, kind)], table=i)
                 for i, (name, kind, _) in enumerate(tables)]
    else:
        groups: dict[str, list[int]] = defaultdict(list)
        for sid, s in subs.items():
            groups[scope.regions.prefecture_key(s["region_code"])].append(sid)
        for key in sorted(groups):
            label = region_label(scope.regions, scope, key)
            sids = groups[key]
            parts.append(Part("region", store.path, folder / f"{label.replace(' ', '_')}.xlsx",
                              [(sid, unit_of(sid)) for sid in sids], [rows(sids, kind) for _, kind, _ in tables],
                              title=label))
        keep = {p.path for p in parts}
        for stale in folder.glob("*.xlsx"):  # a prefecture with no unit left (a unit re-registered elsewhere)
            if stale not in keep:
                stale.unlink(missing_ok=True)
    return sorted(parts, key=lambda p: -p.size)


PARALLEL_ROWS = 20_000  # under this many detail rows the files are written in this process (no process start)


class DetailWriters:
    """Write the detail files, in ``jobs`` processes of their own when there is enough to write, while the
    caller writes the master: started on entering, awaited by :meth:`finish`, stopped on any error."""

    def __init__(self, parts: list[Part], jobs: int = 1, mp_context: Any = None) -> None:
        self.parts = parts
        self.parallel = jobs > 1 and len(parts) > 1 and sum(p.size for p in parts) >= PARALLEL_ROWS
        self.jobs, self.mp_context = min(jobs, len(parts)), mp_context
        self.pool: Any = None
        self.futures: list[Any] = []

    def __enter__(self) -> DetailWriters:
        if self.parallel:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(self.jobs, mp_context=self.mp_context)
            self.futures = [self.pool.submit(write_part, p) for p in self.parts]
        return self

    def finish(self) -> list[Path]:
        if not self.parallel:
            return [write_part(p) for p in self.parts]
        from concurrent.futures.process import BrokenProcessPool

        try:
            return [f.result() for f in self.futures]
        except BrokenProcessPool:
            raise SelfcheckError("写明细文件的进程意外退出(可能内存不足);省级数据库完整无损,"
                                 "可改用 --detail none 或稍后重新运行汇总") from None

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value if value.isprintable() else cell_text(value)
        if value.startswith(FORMULA_START):
            return "'" + value  # a spreadsheet opening the CSV must not run unit text as a formula
    return value


def _write_csv_table(db: sqlite3.Connection, part: Part) -> None:
    _, kind, columns = _tables()[part.table]
    with atomic_target(part.path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.header for c in columns])
        w.writerows([_cell(v) for v in row] for row in _unit_rows(db, part.units, kind))
