"""Databases written by older versions open, upgrade in place and keep every row."""

import sqlite3

from app.storage import Store
from app.storage.migrations import MIGRATIONS, SCHEMA_VERSION


def _old_database(path, version):
    conn = sqlite3.connect(path, isolation_level=None)
    for m in MIGRATIONS[:version]:
        conn.execute("BEGIN")
        m(conn)
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_a_version_1_database_is_upgraded_and_keeps_its_data(tmp_path, checklist):
    path = tmp_path / "old.db"
    conn = _old_database(path, 1)
    conn.execute("INSERT INTO unit VALUES (1, '某县教育局', '11330106MB12345675', '330106', '县级', '', '')")
    conn.execute("INSERT INTO checklist_snapshot VALUES (?, ?, ?)",
                 (checklist.id, checklist.version, checklist.source_text))
    conn.execute("INSERT INTO inspection VALUES (1, 2024, ?, ?, '进行中', '2024-11-01', '2024-11-01T09:00:00')",
                 (checklist.id, checklist.version))
    conn.execute("INSERT INTO entity VALUES (1, 1, 'group', '教师工作群', ?, '2024-11-01')",
                 ('{"name": "教师工作群", "platform": "微信", "creator_unit": "某县教育局"}',))
    conn.execute("INSERT INTO answer VALUES (1, 1, 1, 'A11-03', '符合', '', '2024-11-01')")
    conn.close()

    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.get_unit().name == "某县教育局"
    assert store.entities(1)[0].name == "教师工作群"
    assert store.answer(1, 1, "A11-03").verdict == "符合"
    assert store.ui_state(1) == {}
    store.set_text(1, "opening", "新功能可用")
    store.close()


def test_a_current_database_is_not_migrated_again(tmp_path):
    Store(tmp_path / "u.db").close()
    assert Store(tmp_path / "u.db").schema_version == SCHEMA_VERSION


def test_a_version_2_database_gets_ledger_v2_defaults_and_keeps_every_answer(tmp_path, checklist):
    path = tmp_path / "v2.db"
    conn = _old_database(path, 2)
    conn.execute("INSERT INTO unit VALUES (1, '某县教育局', '11330106MB12345675', '330106', '县级', '', '')")
    conn.execute("INSERT INTO checklist_snapshot VALUES (?, ?, ?)",
                 (checklist.id, checklist.version, checklist.source_text))
    conn.execute("INSERT INTO inspection (id, year, checklist_id, checklist_version, status, inspection_date,"
                 " created_at) VALUES (1, 2024, ?, ?, '进行中', '2024-11-01', '2024-11-01T09:00:00')",
                 (checklist.id, checklist.version))
    conn.execute("INSERT INTO entity VALUES (1, 1, 'app', '智慧教育', ?, '2024-11-01')",
                 ('{"name": "智慧教育", "app_type": "小程序", "sponsor": "某县教育局", "disposition": "关停"}',))
    conn.execute("INSERT INTO entity VALUES (2, 1, 'account', '某县教育发布', ?, '2024-11-01')",
                 ('{"name": "某县教育发布", "platform": "抖音", "sponsor": "某县教育局", "disposition": "关停"}',))
    conn.execute("INSERT INTO answer VALUES (1, 1, 1, 'A03-01', '不符合', '未纳入规划', '2024-11-01')")
    conn.execute("INSERT INTO answer VALUES (2, 1, 0, 'A01-01', '符合', '', '2024-11-01')")
    conn.close()

    store = Store(path)
    app, account = store.entities(1)
    assert (app.fields["role"], app.fields["disposition"]) == ("主办", "关停注销")
    assert account.fields["disposition"] == "注销"
    assert len(store.answers(1)) == 2
    assert store.answer(1, 1, "A03-01").note == "未纳入规划"


def test_a_version_4_database_gains_an_empty_unit_addressee(tmp_path):
    conn = _old_database(tmp_path / "v4.db", 4)
    conn.execute("INSERT INTO unit (id, name, credit_code, region_code) VALUES (1, '西湖小学', '11330106MB12345675', '330106')")
    conn.close()
    with Store(tmp_path / "v4.db") as store:
        unit = store.get_unit()
    assert unit.name == "西湖小学" and unit.addressee == ""
