"""SQLite failures are told apart by SQLite's own result code, produced here for real, not by their wording."""

import sqlite3

import pytest

from app.storage import sqlite_errors


def _error_of(action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_a_full_database_is_full(tmp_path):
    conn = sqlite3.connect(tmp_path / "省级汇总.db")
    conn.execute("CREATE TABLE 报送 (内容 TEXT)")
    conn.execute("PRAGMA max_page_count = 3")  # the file may not grow: SQLite answers SQLITE_FULL
    exc = _error_of(lambda: conn.executemany("INSERT INTO 报送 VALUES (?)", [("杭州市西湖区" * 500,)] * 50))
    assert sqlite_errors.kind_of(exc) == sqlite_errors.FULL


def test_a_database_another_program_holds_is_busy(tmp_path):
    path = tmp_path / "单位.db"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE 台账 (名称 TEXT)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    exc = _error_of(lambda: other.execute("SELECT * FROM 台账").fetchall())
    holder.rollback()
    assert sqlite_errors.kind_of(exc) == sqlite_errors.BUSY


def test_a_file_that_is_not_a_database_is_not_a_database(tmp_path):
    path = tmp_path / "说明.db"
    path.write_bytes("这是一份说明文字,不是数据库。".encode() * 40)
    exc = _error_of(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall())
    assert sqlite_errors.kind_of(exc) == sqlite_errors.NOT_A_DATABASE


def test_a_read_only_database_refuses_writes_as_read_only(tmp_path):
    path = tmp_path / "单位.db"
    sqlite3.connect(path).execute("CREATE TABLE 台账 (名称 TEXT)").connection.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    exc = _error_of(lambda: conn.execute("INSERT INTO 台账 VALUES ('西湖政务通')"))
    assert sqlite_errors.kind_of(exc) == sqlite_errors.READ_ONLY


def test_the_code_decides_even_when_the_message_says_otherwise():
    exc = sqlite3.OperationalError("the disk is full of surprises")
    exc.sqlite_errorcode = sqlite3.SQLITE_BUSY
    assert sqlite_errors.kind_of(exc) == sqlite_errors.BUSY


def test_an_error_without_a_code_falls_back_to_its_words():
    assert sqlite_errors.kind_of(sqlite3.OperationalError("database or disk is full")) == sqlite_errors.FULL
    assert sqlite_errors.kind_of(sqlite3.ProgrammingError("Cannot operate on a closed database.")) == \
        sqlite_errors.OTHER
