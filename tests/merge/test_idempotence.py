"""Merging is repeatable: the same files again change nothing, an interrupted merge finishes as if it had not
been interrupted, and a unit resubmitting within one run is bookkept in constant time."""

import shutil
import sqlite3
import threading
from pathlib import Path

from app.merge.service import _Run, merge_files
from app.merge.store import Outcome
from app.merge.worker import FileResult
from tests.merge.conftest import UNITS, master_table


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the province store, in a stable order."""
    with sqlite3.connect(db) as c:
        names = [n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(c.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}


def _content(db: Path) -> dict[str, list[tuple]]:
    """What the store holds, without row ids and times (those depend on the order files finished in)."""
    with sqlite3.connect(db) as c:
        q = {
            "submission": "SELECT unit_code, year, sha256, submission_id, file_name FROM submission",
            "entity": "SELECT s.unit_code, e.kind, e.seq, e.data FROM entity e JOIN submission s ON s.id = e.submission",
            "problem": "SELECT s.unit_code, p.seq, p.data FROM problem p JOIN submission s ON s.id = p.submission",
            "result_stat": "SELECT s.unit_code, r.scope, r.article, r.verdict, r.n FROM result_stat r"
                           " JOIN submission s ON s.id = r.submission",
            "known_file": "SELECT * FROM known_file",
            "file_outcome": "SELECT file_name, sha256, outcome, unit_code, year FROM file_outcome",
        }
        return {k: sorted(c.execute(sql).fetchall(), key=repr) for k, sql in q.items()}


def _master(path: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def test_the_same_files_merged_twice_give_the_same_store_and_master(corpus, tmp_path):
    db = tmp_path / "p.db"
    merge_files([corpus.folder], tmp_path / "第一次.xlsx", db=db, trust=corpus.trust, jobs=2)
    first = _tables(db)
    second_report = merge_files([corpus.folder], tmp_path / "第二次.xlsx", db=db, trust=corpus.trust, jobs=2)
    assert second_report.accepted == []
    assert _tables(db) == first
    assert _master(tmp_path / "第二次.xlsx") == _master(tmp_path / "第一次.xlsx")


def test_the_master_lists_the_duplicates_the_store_knows_not_only_this_runs(corpus, merged, tmp_path):
    db = Path(shutil.copy(merged.db, tmp_path / "p.db"))
    rerun = merge_files([corpus.folder], tmp_path / "再次.xlsx", db=db, trust=corpus.trust, jobs=1)
    assert len(rerun.duplicates) == len(corpus.good) + len(corpus.dups)
    listed = {Path(r["file"]).name for r in master_table(tmp_path / "再次.xlsx", "duplicates")}
    assert listed == {p.name for p in corpus.dups.values()}


def test_a_cancelled_merge_restarted_ends_as_an_uninterrupted_one(corpus, merged, tmp_path):
    stop = threading.Event()
    db = tmp_path / "p.db"

    def progress(done, total, last):
        if done == 5:
            stop.set()

    first = merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=2,
                        progress_callback=progress, cancel=stop)
    assert first.cancelled
    merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=2)
    assert _content(db) == _content(merged.db)
    assert len(master_table(tmp_path / "汇总.xlsx", "units")) == len(UNITS)


class _AcceptingStore:
    """Stands in for the province store: every file is stored, replacing any earlier one of its unit."""

    def apply(self, r: FileResult) -> Outcome:
        return Outcome("accepted")

    def record_rejection(self, r: FileResult) -> None:
        pass


def _submission(n: int, unit: int) -> FileResult:
    r = FileResult(f"第{n}份.xlsx", f"{n:064x}", ok=True)
    r.unit = {"credit_code": f"11330100MB{unit:07d}X", "unit_name": f"第{unit}单位", "year": 2025}
    return r


def test_resubmissions_within_a_run_keep_one_accepted_file_per_unit_the_latest():
    run = _Run(_AcceptingStore(), 0, None)
    for n in range(3000):  # 300 units, each sending ten times
        run.handle(_submission(n, n % 300))
    report = run.finish()
    assert len(report.accepted) == 300
    assert [a.file for a in report.accepted] == [f"第{n}份.xlsx" for n in range(2700, 3000)]
    assert len(report.duplicates) == 2700
    assert report.duplicates[0].reason == "已被本次汇总中导出时间更晚的 第300份.xlsx 替换"


def test_a_resubmission_does_not_rebuild_the_per_unit_index():
    run = _Run(_AcceptingStore(), 0, None)
    for n in range(100):
        run.handle(_submission(n, n))
    index = run.accepted_by_unit
    run.handle(_submission(100, 7))
    assert run.accepted_by_unit is index and len(index) == 100


def test_a_first_version_province_database_gains_the_file_outcomes_and_keeps_its_data(tmp_path):
    from app.merge.store import APPLICATION_ID, SCHEMA, ProvinceStore

    db = tmp_path / "旧版省级.db"
    with sqlite3.connect(db) as c:
        c.executescript(SCHEMA)
        c.execute("INSERT INTO known_file VALUES ('ab', 's1', '11330100MB0000001X', 2025, 'stored')")
        c.execute(f"PRAGMA application_id={APPLICATION_ID}")
        c.execute("PRAGMA user_version=1")
    with ProvinceStore(db) as store:
        assert store.known("ab") == ("stored", "11330100MB0000001X")
        assert list(store.file_outcomes("rejected")) == []
        assert store.query("PRAGMA user_version") == [(3,)]


def test_problems_merged_before_problem_numbers_each_still_count(tmp_path):
    from app.merge.store import APPLICATION_ID, SCHEMA, ProvinceStore

    db = tmp_path / "第二版省级.db"
    with sqlite3.connect(db) as c:
        c.executescript(SCHEMA)
        c.execute("INSERT INTO submission (id, unit_code, year, submission_id, sha256, exported_at, merged_at)"
                  " VALUES (1, '11330100MB0000001X', 2025, 's1', 'ab', '2025-11-20T10:00:00', '2025-12-01T09:00:00')")
        c.executemany("INSERT INTO problem VALUES (1, ?, '第8条', '整改中', '[]')", [(0,), (1,)])
        c.execute(f"PRAGMA application_id={APPLICATION_ID}")
        c.execute("PRAGMA user_version=1")
    with ProvinceStore(db) as store:
        assert store.count_problems() == 2 == store.count("problem")


def test_only_the_first_row_of_a_numbered_problem_counts():
    from app.merge.store import counted_flags

    rows = [(1, 1, "甲"), (2, 1, "乙"), (3, 2, "丙"), (4, None, "丁"), (5, None, "戊")]
    assert counted_flags(rows, 1) == [1, 0, 1, 1, 1]


def test_a_merge_interrupted_mid_batch_keeps_whole_files_and_a_rerun_completes_it(corpus, merged, tmp_path):
    import pytest

    db = tmp_path / "p.db"

    def progress(done, total, last):
        if done == 6:
            raise KeyboardInterrupt  # the officer pressed Ctrl+C between two files of one batch

    with pytest.raises(KeyboardInterrupt):
        merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=1,
                    progress_callback=progress)
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = c.execute("SELECT count(*) FROM submission").fetchone()[0]
        orphans = c.execute("SELECT count(*) FROM submission s WHERE NOT EXISTS"
                            " (SELECT 1 FROM result_stat r WHERE r.submission = s.id)").fetchone()[0]
    assert 0 < stored < len(UNITS) + 1 and orphans == 0
    merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=1)
    assert _content(db) == _content(merged.db)


def _unit_file(n: int, unit: int, days_ago: int) -> FileResult:
    """A checked file as a worker returns it: unit ``unit``'s export of ``days_ago`` days back."""
    import datetime as dt

    from app.core.codes import make_credit_code

    r = FileResult(f"第{unit}号单位_第{n}份.xlsx", f"{n:064x}", ok=True, verify_status="valid_trusted")
    r.unit = {"credit_code": make_credit_code("330106", f"RB{unit:07d}"), "unit_name": f"西湖区第{unit}号单位",
              "region_code": "330106", "year": 2025}
    r.meta = {"submission_id": f"sub-{n}", "exported_at": (dt.datetime(2025, 12, 1) - dt.timedelta(days=days_ago))
              .isoformat(timespec="seconds")}
    r.ledgers = {"app": [("APP-001", f"第{n}份的应用")]}
    r.result_stats = [("unit", "第1条", "符合", 3)]
    return r


def test_a_set_with_ten_percent_resubmissions_keeps_each_units_latest_and_says_why_for_the_rest(tmp_path):
    """100 units, 10 of them twice: five resubmit later in the run, five had their newer file read first."""
    from app.merge.store import ProvinceStore

    files = [_unit_file(n, n, 5) for n in range(100)]
    files += [_unit_file(100 + u, u, 1) for u in range(5)]          # newer, after the first
    files = [_unit_file(200 + u, u, 1) for u in range(5, 10)] + files  # newer, before the first
    with ProvinceStore(tmp_path / "p.db") as store:
        run = _Run(store, len(files), None)
        for r in files:
            run.handle(r)
        report = run.finish()
        assert len(report.accepted) == 100 and len(report.duplicates) == 10
        replaced = {d.file for d in report.duplicates if "已被本次汇总中导出时间更晚的" in d.reason}
        assert replaced == {f"第{u}号单位_第{u}份.xlsx" for u in range(5)}
        older = [d.reason for d in report.duplicates if d.file not in replaced]
        assert len(older) == 5 and all("不是更新的版本,未替换" in reason for reason in older)
        assert store.integrity() == "ok" and store.query("PRAGMA foreign_key_check") == []
        stored = dict(store.query("SELECT unit_code, file_name FROM submission"))
        assert len(stored) == 100 and store.count("entity") == 100  # no ledger row of a replaced file is left
        latest = {f"第{u}号单位_第{n}份.xlsx" for u, n in [*((u, 100 + u) for u in range(5)),
                                                          *((u, 200 + u) for u in range(5, 10))]}
        assert latest <= set(stored.values())
        assert dict(store.query("SELECT outcome, count(*) FROM file_outcome GROUP BY 1")) == {"stored": 100,
                                                                                             "duplicate": 10}
        before = _tables(tmp_path / "p.db")
        again = _Run(store, len(files), None)
        for r in files:
            again.handle(r)
        assert again.finish().accepted == []
    after = _tables(tmp_path / "p.db")
    assert {k: v for k, v in after.items() if k != "history"} == {k: v for k, v in before.items() if k != "history"}
