"""The `selfcheck` command line, run as a separate process the way users and batch jobs run it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def selfcheck(*args, env=None):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def test_checklist_json_lists_16_articles_in_5_parts():
    out = selfcheck("checklist", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["parts"]) == 5
    articles = [a for p in data["parts"] for a in p["articles"]]
    assert len(articles) == 16 and all(a["items"] for a in articles)
    scopes = {s for a in articles for it in a["items"] for s in it["scopes"]}
    assert scopes == {"unit", "app", "account", "group"}


def test_a_bad_checklist_file_gives_a_plain_message_and_exit_1(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    out = selfcheck("checklist", "--file", str(bad))
    assert out.returncode == 1
    assert "bad.toml" in out.stderr and "Traceback" not in out.stderr


def test_demo_then_doctor(tmp_path):
    db = tmp_path / "demo.db"
    out = selfcheck("demo", "--db", str(db), "--apps", "3", "--accounts", "4", "--groups", "5", "--seed", "9")
    assert out.returncode == 0, out.stderr
    assert "应用程序 3 个" in out.stdout
    doctor = selfcheck("doctor", "--db", str(db))
    assert doctor.returncode == 0 and "齐全" in doctor.stdout


def test_doctor_on_a_missing_database_is_a_clear_error(tmp_path):
    out = selfcheck("doctor", "--db", str(tmp_path / "none.db"))
    assert out.returncode == 1 and "找不到数据库" in out.stderr


def test_demo_with_a_bad_unit_code_is_refused(tmp_path):
    out = selfcheck("demo", "--db", str(tmp_path / "d.db"), "--unit-code", "91110000600037341X")
    assert out.returncode == 1 and "校验位" in out.stderr
    assert not (tmp_path / "d.db").exists()


def test_usage_errors_exit_2():
    assert selfcheck("demo").returncode == 2


def test_export_with_an_incomplete_problem_is_refused_naming_it(tmp_path, demo_db):
    import shutil

    from app.storage import Store

    db = tmp_path / "unit.db"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        insp = store.current_inspection()
        problem = store.problems(insp.id)[0]
        store.save_problem_group(insp.id, problem.group, owner="")
    out = selfcheck("export", "--db", str(db), "--out", str(tmp_path / "out"))
    assert out.returncode == 1, out.stdout
    assert "整改信息不完整,不能导出" in out.stderr and "缺少责任人" in out.stderr
    assert "Traceback" not in out.stderr


def test_answer_not_applicable_needs_a_reason(tmp_path):
    db = tmp_path / "demo.db"
    assert selfcheck("demo", "--db", str(db), "--apps", "1", "--accounts", "1", "--groups", "1").returncode == 0
    out = selfcheck("answer", "--db", str(db), "--item", "A01-01", "--verdict", "不适用")
    assert out.returncode == 1 and "不适用理由" in out.stderr and "Traceback" not in out.stderr
    out = selfcheck("answer", "--db", str(db), "--item", "A01-01", "--verdict", "不适用",
                    "--na-reason", "本单位为新设机构")
    assert out.returncode == 0, out.stderr
    assert "本单位为新设机构" in out.stdout


def test_answer_names_an_unknown_entity(tmp_path):
    db = tmp_path / "demo.db"
    assert selfcheck("demo", "--db", str(db), "--apps", "1", "--accounts", "1", "--groups", "1").returncode == 0
    out = selfcheck("answer", "--db", str(db), "--entity", "不存在的群", "--item", "A11-02", "--verdict", "符合")
    assert out.returncode == 1 and "不存在的群" in out.stderr


def test_upgrade_checklist_reports_that_no_answer_was_deleted(tmp_path):
    db = tmp_path / "demo.db"
    assert selfcheck("demo", "--db", str(db), "--apps", "1", "--accounts", "1", "--groups", "1").returncode == 0
    out = selfcheck("upgrade-checklist", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "无需升级" in out.stdout
