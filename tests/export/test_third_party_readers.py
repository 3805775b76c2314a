"""The workbook opens in LibreOffice as a real third-party reader would; the CLI exports both files."""

import subprocess
import sys
from pathlib import Path

from tests.office import needs_soffice, sheets_as_csv

ROOT = Path(__file__).resolve().parents[2]


@needs_soffice
def test_libreoffice_opens_every_sheet(exported, tmp_path, demo_db):
    sheets = sheets_as_csv(exported.workbook, tmp_path, "unit")
    from app.storage import Store

    with Store(demo_db) as store:
        accounts = store.entities(store.current_inspection().id, "account")
    assert all(a.name in sheets["公众账号台账"] for a in accounts)
    assert "自查结果" in sheets and "问题整改" in sheets


def _selfcheck(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_cli_export_names_files_by_unit_code_name_and_year(tmp_path):
    db = tmp_path / "d.db"
    assert _selfcheck("demo", "--db", str(db), "--apps", "2", "--accounts", "2", "--groups", "2",
                      "--unit-code", "91110000600037341L", "--unit-name", "某某县教育局", "--date",
                      "2025-11-20").returncode == 0
    out = _selfcheck("export", "--db", str(db), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["91110000600037341L_某某县教育局_2025年度自查_一张表.xlsx",
                     "91110000600037341L_某某县教育局_2025年度自查_报告(可编辑).docx",
                     "91110000600037341L_某某县教育局_2025年度自查_报告.pdf"]


def test_cli_export_without_a_database_is_a_plain_error(tmp_path):
    out = _selfcheck("export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path))
    assert out.returncode == 1 and "找不到数据库" in out.stderr and "Traceback" not in out.stderr


def test_cli_template(tmp_path):
    out = _selfcheck("export", "--template", "--out", str(tmp_path))
    assert out.returncode == 0 and list(tmp_path.glob("一张表空白模板*.xlsx"))
