"""Both databases on one migration machinery: each file says what it is (``application_id``) and how far it
is upgraded (``user_version``); either store refuses the other's file, or another program's, untouched, and
opens every database an earlier version wrote."""

from __future__ import annotations

import re
import sqlite3

import pytest

from app.core.errors import StoreError
from app.merge.store import PROVINCE, SCHEMA, SCHEMA_V2, ProvinceStore
from app.storage import Store
from app.storage.migrations import (
    MIGRATIONS,
    PROVINCE_APPLICATION_ID,
    SCHEMA_VERSION,
    UNIT_APPLICATION_ID,
)
from tests.conftest import unit_database_at_version_1

CODE = "11330106MB12345675"


def _header(path) -> tuple[int, int]:
    with sqlite3.connect(path) as c:
        return (c.execute("PRAGMA application_id").fetchone()[0], c.execute("PRAGMA user_version").fetchone()[0])


def _tables(path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as c:
        return sorted(c.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def _province_as_made_until_now(path, version: int = 2) -> None:
    """A province database as the store wrote it before the shared machinery: the schema split on ";" in one
    transaction, the application_id and the version set beside it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for statement in (SCHEMA + (SCHEMA_V2 if version == 2 else "")).split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id={PROVINCE_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={version}")
    conn.execute("COMMIT")
    conn.execute("INSERT INTO known_file VALUES ('ab12', 's1', ?, 2025, 'stored')", (CODE,))
    conn.close()


def test_a_new_unit_database_says_it_is_one(tmp_path):
    Store(tmp_path / "单位.db").close()
    assert _header(tmp_path / "单位.db") == (UNIT_APPLICATION_ID, SCHEMA_VERSION)


def test_a_new_province_database_says_it_is_one(tmp_path):
    ProvinceStore(tmp_path / "省级.db").close()
    assert _header(tmp_path / "省级.db") == (PROVINCE_APPLICATION_ID, PROVINCE.version)


def test_a_unit_database_from_before_the_mark_gains_it_and_keeps_its_data(tmp_path):
    path = tmp_path / "旧版单位.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for m in MIGRATIONS:
        conn.execute("BEGIN")
        m(conn)
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("INSERT INTO unit (id, name, credit_code, region_code) VALUES (1, '西湖小学', ?, '330106')", (CODE,))
    conn.close()
    with Store(path) as store:
        assert store.get_unit().name == "西湖小学"
    assert _header(path) == (UNIT_APPLICATION_ID, SCHEMA_VERSION)


def test_an_unmarked_unit_database_still_opens_read_only(tmp_path):
    path = tmp_path / "U盘.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for m in MIGRATIONS:
        m(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    with Store(path, create=False, read_only=True) as store:
        assert store.inspections() == []
    assert _header(path) == (0, SCHEMA_VERSION)


def test_the_migrations_build_the_province_tables_the_former_one_shot_schema_built_once_upgraded(tmp_path):
    ProvinceStore(tmp_path / "新.db").close()
    _province_as_made_until_now(tmp_path / "旧.db")
    ProvinceStore(tmp_path / "旧.db").close()
    assert _tables(tmp_path / "新.db") == _tables(tmp_path / "旧.db")


def test_a_province_database_made_by_the_former_code_opens_with_its_data(tmp_path):
    path = tmp_path / "省级.db"
    _province_as_made_until_now(path)
    before = _tables(path)
    with ProvinceStore(path) as store:
        assert store.known("ab12") == ("stored", CODE)
    after = _tables(path)
    assert [t for t in after if t[0] != "problem"] == [t for t in before if t[0] != "problem"]
    assert "counted" in dict(after)["problem"]  # schema 3: problems count once whatever rows they cover
    assert _header(path) == (PROVINCE_APPLICATION_ID, PROVINCE.version)


def test_a_first_version_province_database_is_upgraded_in_place(tmp_path):
    path = tmp_path / "省级v1.db"
    _province_as_made_until_now(path, version=1)
    with ProvinceStore(path) as store:
        assert store.known("ab12") == ("stored", CODE)
        assert list(store.file_outcomes("rejected")) == []
    assert _header(path) == (PROVINCE_APPLICATION_ID, PROVINCE.version)


def test_the_unit_store_refuses_a_province_database_untouched(tmp_path):
    path = tmp_path / "省级.db"
    _province_as_made_until_now(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="是省级汇总数据库"):
        Store(path)
    assert path.read_bytes() == before


def test_the_province_store_refuses_a_unit_database_untouched(tmp_path):
    path = tmp_path / "单位.db"
    Store(path).close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=re.escape("不是省级汇总数据库(可能是单位的自查数据库)")):
        ProvinceStore(path)
    assert path.read_bytes() == before


def test_the_province_store_refuses_a_unit_database_from_before_the_mark(tmp_path):
    path = unit_database_at_version_1(tmp_path / "旧版单位.db")
    with pytest.raises(StoreError, match="不是省级汇总数据库"):
        ProvinceStore(path)
    assert _header(path) == (0, 1)


def test_the_unit_store_refuses_another_programs_database_untouched(tmp_path):
    path = tmp_path / "通讯录.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
        c.execute("INSERT INTO contact VALUES ('张三', '13800000000')")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="不是 selfcheck 数据库"):
        Store(path)
    assert path.read_bytes() == before


def test_the_province_store_refuses_another_programs_database_untouched(tmp_path):
    path = tmp_path / "通讯录.db"
    with sqlite3.connect(path) as c:  # a rollback journal: setting WAL would rewrite its header
        c.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="不是省级汇总数据库"):
        ProvinceStore(path)
    assert path.read_bytes() == before
