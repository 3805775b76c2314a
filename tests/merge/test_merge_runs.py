"""Runs of the merge: the command line, bad output paths, interruptions, crashes, re-runs, LibreOffice."""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from app.core.errors import SelfcheckError
from app.merge import worker
from app.merge.service import merge_files
from app.merge.store import ProvinceStore
from tests.merge.conftest import UNITS, master_table
from tests.office import needs_soffice, sheets_as_csv

_REAL_PROCESS_FILE = worker.process_file


def crashing_process_file(path: str, sha256: str, content: bytes | None = None):
    """A reader that dies (as a native crash would) on one particular file."""
    if "崩溃" in path:
        os._exit(70)
    return _REAL_PROCESS_FILE(path, sha256, content)


def test_cli_json_lists_accepted_rejected_duplicates_and_totals(corpus, tmp_path, capsys):
    from app.cli import main

    code = main(["merge", str(corpus.folder), "--out", str(tmp_path / "汇总.xlsx"), "--db",
                 str(tmp_path / "p.db"), "--trust", str(corpus.trust), "--jobs", "2", "--json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 1
    assert data["totals"]["accepted"] == 4 and data["totals"]["rejected"] == len(corpus.bad)
    assert {Path(r["file"]).name for r in data["rejected"]} == {p.name for p in corpus.bad.values()}
    assert all(r["reasons"] for r in data["rejected"])
    assert len(data["duplicates"]) == 3
    assert "[1/" in captured.err and "Traceback" not in captured.err


def test_cli_exits_0_when_every_file_is_accepted(good_folder, corpus, tmp_path, capsys):
    from app.cli import main

    code = main(["merge", str(good_folder), "--out", str(tmp_path / "汇总.xlsx"), "--db", str(tmp_path / "p.db"),
                 "--trust", str(corpus.trust)])
    assert code == 0
    assert "接收 4 个,退回 0 个" in capsys.readouterr().out


def test_workers_can_be_spawned_instead_of_forked(good_folder, corpus, tmp_path, capsys):
    from app.cli import main

    code = main(["merge", str(good_folder), "--out", str(tmp_path / "汇总.xlsx"), "--db", str(tmp_path / "p.db"),
                 "--trust", str(corpus.trust), "--jobs", "2", "--start-method", "spawn"])
    assert code == 0
    assert "接收 4 个,退回 0 个" in capsys.readouterr().out


def test_an_unwritable_output_path_is_refused_before_any_work(good_folder, tmp_path):
    blocker = tmp_path / "汇总结果"
    blocker.write_text("这是一个文件,不是文件夹", encoding="utf-8")
    out = blocker / "全省汇总.xlsx"
    with pytest.raises(SelfcheckError, match="汇总结果"):
        merge_files([good_folder], out, db=tmp_path / "p.db")
    assert not (tmp_path / "p.db").exists()


def test_without_trust_an_uncertified_signature_is_rejected_and_says_how_to_decide(good_folder, tmp_path):
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", jobs=1)
    assert len(report.accepted) == 0 and len(report.rejected) == 4
    assert all("签名者未经认证" in r.reasons[0] and "--accept-untrusted" in r.reasons[0] for r in report.rejected)


def test_untrusted_signatures_explicitly_accepted_are_merged_with_a_warning(good_folder, tmp_path):
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", jobs=1,
                         accept_untrusted=True)
    assert len(report.accepted) == 4
    assert all(any("明确接受" in w for w in a.warnings) for a in report.accepted)


def _trust_column(master):
    units = master_table(master, "units")
    return {u["verify_status"] for u in units}, units


def test_the_master_shows_each_units_trust_state_in_chinese(good_folder, corpus, tmp_path):
    merge_files([good_folder], tmp_path / "可信.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1)
    merge_files([good_folder], tmp_path / "接受.xlsx", db=tmp_path / "q.db", jobs=1, accept_untrusted=True)
    trusted, rows = _trust_column(tmp_path / "可信.xlsx")
    accepted, more = _trust_column(tmp_path / "接受.xlsx")
    assert trusted == {"可信(由省级证书机构签发)"} and accepted == {"未经认证(已明确接受)"}
    assert not any("valid_" in str(v) for r in rows + more for v in r.values())


def test_a_rerun_recognises_stored_files_as_duplicates_without_reading_them(good_folder, corpus, tmp_path,
                                                                           monkeypatch):
    merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1)
    monkeypatch.setattr(worker, "process_file", lambda *a: pytest.fail("a stored file was read again"))
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1)
    assert (len(report.accepted), len(report.duplicates), report.totals["units"]) == (0, 4, 4)


def test_a_cancelled_merge_resumes_and_leaves_a_consistent_db(corpus, tmp_path):
    stop = threading.Event()
    seen = []

    def progress(done, total, last):
        seen.append(last)
        if done == 3:
            stop.set()

    db = tmp_path / "p.db"
    first = merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=2,
                        progress_callback=progress, cancel=stop)
    assert first.cancelled and first.exit_code == 1 and not (tmp_path / "汇总.xlsx").exists()
    assert first.totals["not_processed"] > 0
    second = merge_files([corpus.folder], tmp_path / "汇总.xlsx", db=db, trust=corpus.trust, jobs=2)
    assert not second.cancelled and (tmp_path / "汇总.xlsx").exists()
    with ProvinceStore(db) as store:
        assert store.integrity() == "ok"
        assert store.query("SELECT unit_code, year FROM submission GROUP BY 1, 2 HAVING count(*) > 1") == []
        assert store.count("submission") == len(UNITS)
    assert second.totals["units"] == len(UNITS)


def test_a_worker_crash_rejects_only_that_file(good_folder, corpus, tmp_path, monkeypatch):
    shutil.copy(next(iter(corpus.bad.values())), good_folder / "会让读取器崩溃的文件.xlsx")
    monkeypatch.setattr(worker, "process_file", crashing_process_file)
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=2)
    assert len(report.accepted) == 4
    assert [Path(r.file).name for r in report.rejected] == ["会让读取器崩溃的文件.xlsx"]
    assert "进程意外退出" in report.rejected[0].reasons[0]


@needs_soffice
def test_the_master_workbook_opens_in_libreoffice(merged, tmp_path):
    sheets = sheets_as_csv(merged.out, tmp_path, "master")
    assert "杭州市西湖区数据资源管理局" in sheets["应用程序台账"] and "深圳市南山区教育局" in sheets["应用程序台账"]
    assert "合计" in sheets["汇总"]


def test_a_signature_failure_is_the_first_reason_even_when_other_checks_fail_too(good_folder, corpus, tmp_path):
    """Deleting a ledger row breaks the signature and the results' references: the signature decides."""
    import shutil

    import openpyxl

    inbox = tmp_path / "收件"
    inbox.mkdir()
    path = inbox / "删行.xlsx"
    shutil.copy(sorted(good_folder.glob("*.xlsx"))[0], path)
    wb = openpyxl.load_workbook(path)
    wb["应用程序台账"].delete_rows(2)
    wb.save(path)
    report = merge_files([inbox], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1)
    reasons = report.rejected[0].reasons
    assert reasons[0].startswith("签名验证未通过:签名后被修改")
    assert any("不在对应台账中" in r for r in reasons[1:])


def test_the_cli_takes_the_explicit_acceptance_and_otherwise_rejects(good_folder, tmp_path, capsys):
    from app.cli import main

    refused = main(["merge", str(good_folder), "--out", str(tmp_path / "a.xlsx"), "--db", str(tmp_path / "a.db"),
                    "--jobs", "1"])
    assert refused == 1 and "签名者未经认证" in capsys.readouterr().out
    accepted = main(["merge", str(good_folder), "--out", str(tmp_path / "b.xlsx"), "--db", str(tmp_path / "b.db"),
                     "--jobs", "1", "--accept-untrusted"])
    assert accepted == 0 and "明确接受" in capsys.readouterr().out
