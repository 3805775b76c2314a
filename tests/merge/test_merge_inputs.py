"""What the merge does with the files it is given: each read once, deep or odd folders, a full disk, dates."""

import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from app.core.codes import make_credit_code
from app.core.errors import SelfcheckError
from app.demo import DemoOptions, build_demo
from app.merge import worker
from app.merge.service import MAX_FOLDER_DEPTH, merge_files
from app.merge.store import ProvinceStore
from app.signing.ca import ca_issue
from tests.conftest import INSPECTION_DAY
from tests.merge.conftest import CA_PASS, ISSUED, UNIT_PASS, UNITS, signed_export

_REAL_PROCESS_FILE = worker.process_file
WESTLAKE, KUNSHAN = UNITS[0][2], UNITS[1][2]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def inbox(corpus, tmp_path) -> Path:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    for name in (WESTLAKE, KUNSHAN):
        shutil.copy(corpus.good[name], folder / corpus.good[name].name)
    return folder


def merge(folder: Path, corpus, tmp_path: Path, **kw):
    return merge_files([folder], tmp_path / "全省汇总.xlsx", db=tmp_path / "province.db", trust=corpus.trust,
                       jobs=1, **kw)


def stored(tmp_path: Path) -> dict[str, str]:
    with ProvinceStore(tmp_path / "province.db") as store:
        return {s["unit_name"]: s["sha256"] for s in store.submissions()}


# ---- each file's bytes are read once: what is hashed is what is parsed ------------------------------------

def test_a_file_swapped_after_it_was_read_is_stored_as_what_was_read(inbox, corpus, tmp_path, monkeypatch):
    westlake = inbox / corpus.good[WESTLAKE].name
    original = sha256(westlake)

    def swap_then_process(path, digest, content=None):
        if Path(path) == westlake:  # another unit's file takes its place between reading and parsing
            shutil.copy(corpus.good[KUNSHAN], westlake)
        return _REAL_PROCESS_FILE(path, digest, content)

    monkeypatch.setattr(worker, "process_file", swap_then_process)
    report = merge(inbox, corpus, tmp_path)
    assert len(report.accepted) == 2 and not report.rejected
    assert stored(tmp_path)[WESTLAKE] == original


def test_a_deleted_files_identical_twin_does_not_lose_the_submission(inbox, corpus, tmp_path, monkeypatch):
    shutil.copy(inbox / corpus.good[WESTLAKE].name, inbox / "西湖区(再次发送).xlsx")

    def delete_then_process(path, digest, content=None):
        Path(path).unlink(missing_ok=True)  # the file is gone by the time a worker gets to it
        return _REAL_PROCESS_FILE(path, digest, content)

    monkeypatch.setattr(worker, "process_file", delete_then_process)
    report = merge(inbox, corpus, tmp_path)
    assert WESTLAKE in stored(tmp_path) and not report.rejected
    assert [Path(d.file).name for d in report.duplicates] == ["西湖区(再次发送).xlsx"]


# ---- folders and names -----------------------------------------------------------------------------------

def _deep(root: Path, depth: int) -> None:
    """``depth`` nested folders, made one level at a time relative to the last (no long paths needed)."""
    fd = os.open(root, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(fd)


@pytest.fixture
def deep_inbox(inbox):
    """The inbox with 1,200 nested folders in it, removed afterwards one level at a time (pytest's own
    clean-up of old temporary folders recurses and would fail on it)."""
    _deep(inbox, 1200)
    yield inbox
    while (inbox / "d").is_dir():
        if (inbox / "d" / "d").is_dir():
            os.rename(inbox / "d" / "d", inbox / "x")
            os.rmdir(inbox / "d")
            os.rename(inbox / "x", inbox / "d")
        else:
            os.rmdir(inbox / "d")


def test_a_folder_1200_levels_deep_is_refused_with_a_clear_message(deep_inbox, corpus, tmp_path):
    with pytest.raises(SelfcheckError, match=f"超过 {MAX_FOLDER_DEPTH} 层"):
        merge(deep_inbox, corpus, tmp_path)


def test_the_command_line_says_so_for_a_deep_folder_instead_of_an_internal_error(deep_inbox, tmp_path, capsys):
    from app.cli import main

    code = main(["merge", str(deep_inbox), "--out", str(tmp_path / "汇总.xlsx"), "--db", str(tmp_path / "p.db")])
    err = capsys.readouterr().err
    assert code == 1 and "层" in err and "内部错误" not in err


def test_workbooks_a_few_levels_down_are_found(inbox, corpus, tmp_path):
    _deep(inbox, 5)
    shutil.move(inbox / corpus.good[KUNSHAN].name, inbox / "d" / "d" / "d" / "d" / "d" / "昆山.xlsx")
    assert len(merge(inbox, corpus, tmp_path).accepted) == 2


def test_a_folder_link_back_to_its_parent_is_not_followed(inbox, corpus, tmp_path):
    (inbox / "回到上级").symlink_to(inbox, target_is_directory=True)
    report = merge(inbox, corpus, tmp_path)
    assert len(report.accepted) == 2 and not report.duplicates


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names may be any bytes")
def test_odd_file_names_are_merged_and_listed_in_the_master(inbox, corpus, tmp_path):
    broken = corpus.bad["截断"].read_bytes()
    for raw in (b"\xe6\x8a\xa5\xe9\x80\x81\n\xe6\x8d\xa2\xe8\xa1\x8c.xlsx", b"\x01\x1b[31m\xe6\x8e\xa7\xe5\x88\xb6.xlsx",
                b"\xff\xfe\xe4\xb9\xb1\xe7\xa0\x81.xlsx", "-第1#科室 😀.xlsx".encode()):
        (inbox / os.fsdecode(raw)).write_bytes(broken)
    report = merge(inbox, corpus, tmp_path)
    assert len(report.rejected) == 1 and len(report.duplicates) == 3
    assert (tmp_path / "全省汇总.xlsx").is_file()


# ---- a full disk -----------------------------------------------------------------------------------------

def test_a_full_disk_while_storing_is_a_clear_message(inbox, corpus, tmp_path, monkeypatch):
    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ProvinceStore, "apply", full)
    with pytest.raises(SelfcheckError, match="磁盘空间已满"):
        merge(inbox, corpus, tmp_path)


def test_a_full_disk_while_writing_the_master_is_a_clear_message(inbox, corpus, tmp_path, monkeypatch):
    import app.merge.service

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(app.merge.service, "write_master", full)
    with pytest.raises(SelfcheckError, match="磁盘空间已满"):
        merge(inbox, corpus, tmp_path)
    assert set(stored(tmp_path)) == {WESTLAKE, KUNSHAN}  # what was merged stays merged


# ---- export dates ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chun_an(corpus, tmp_path_factory):
    """A fifth unit, its store and a certificate from the corpus CA."""
    root = tmp_path_factory.mktemp("chun-an")
    code = make_credit_code("330127", "MB0000066")
    store = build_demo(root / "unit.db", DemoOptions(apps=2, accounts=2, groups=2, seed=6, unit_code=code,
                                                      unit_name="淳安县农业农村局", region="330127",
                                                      today=INSPECTION_DAY))
    signer = ca_issue(corpus.trust.parent, code, "淳安县农业农村局", root / "unit.p12", UNIT_PASS, CA_PASS,
                      not_before=ISSUED)
    yield store, signer
    store.close()


def _dated(chun_an, folder: Path, days_ahead: float) -> Path:
    store, signer = chun_an
    folder.mkdir(exist_ok=True)
    when = (dt.datetime.now() + dt.timedelta(days=days_ahead)).isoformat(timespec="seconds")
    return signed_export(store, signer, folder / f"淳安_{days_ahead}.xlsx", when)


def test_an_export_dated_200_days_ahead_is_rejected_with_the_reason(chun_an, corpus, tmp_path):
    path = _dated(chun_an, tmp_path / "收件箱", 200)
    report = merge(path.parent, corpus, tmp_path)
    assert [Path(r.file).name for r in report.rejected] == [path.name]
    assert any("晚于当前时间" in reason for reason in report.rejected[0].reasons)


def test_an_export_a_day_ahead_is_within_the_tolerance(chun_an, corpus, tmp_path):
    path = _dated(chun_an, tmp_path / "收件箱", 1)
    assert len(merge(path.parent, corpus, tmp_path).accepted) == 1


def test_a_future_dated_export_does_not_block_the_correct_later_one(chun_an, corpus, tmp_path):
    merge(_dated(chun_an, tmp_path / "第一批", 200).parent, corpus, tmp_path)
    report = merge(_dated(chun_an, tmp_path / "第二批", 0).parent, corpus, tmp_path)
    assert len(report.accepted) == 1 and "淳安县农业农村局" in stored(tmp_path)
