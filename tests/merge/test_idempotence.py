"""Merging is repeatable: the same files again change nothing, an interrupted merge finishes as if it had not
been interrupted, and a unit resubmitting within one run is bookkept in constant time."""

import shutil
import sqlite3
import threading
from pathlib import Path

from app.merge.service import _Run, merge_files
from app.merge.store import Outcome
from app.merge.worker import FileResult
from tests.merge.conftest import UNITS


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
    listed = {Path(r[0]).name for r in _master(tmp_path / "再次.xlsx")["重复文件"][1:]}
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
    assert _master(tmp_path / "汇总.xlsx")["单位名单"][1:] != []
    assert len(_master(tmp_path / "汇总.xlsx")["单位名单"]) == len(UNITS) + 1


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
