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


TRICKY_NOTES = ["第一行\r\n第二行", "=HYPERLINK(\"http://x\")", "<b>&amp;</b>", "😀 表情", "_x0041_ 字面量", "@所有人"]


@needs_soffice
def test_tricky_text_reads_the_same_in_libreoffice_openpyxl_and_calamine(demo_store, tmp_path):
    import csv
    import io

    import openpyxl

    from app.commands.export_service import workbook_data
    from app.core.model import UNIT_ENTITY, Verdict
    from app.workbook.layout import read_workbook
    from app.workbook.writer import write_workbook

    insp = demo_store.current_inspection()
    items = [it.id for it in demo_store.checklist_for(insp.id).items_for("unit")][:len(TRICKY_NOTES)]
    for item_id, note in zip(items, TRICKY_NOTES, strict=True):
        demo_store.set_answer(insp.id, UNIT_ENTITY, item_id, Verdict.COMPLIANT, note)
    path = write_workbook(workbook_data(demo_store, insp.id), tmp_path / "一张表.xlsx")
    want = dict(zip(items, TRICKY_NOTES, strict=True))

    data, problems = read_workbook(path)
    assert problems == []
    assert {r["item_id"]: r["note"] for r in data.rows["results"] if r["item_id"] in want} == want
    office = list(csv.reader(io.StringIO(sheets_as_csv(path, tmp_path, "tricky")["自查结果"])))
    assert {r[4]: r[7].replace("\r\n", "\n") for r in office[1:] if r[1] == "UNIT" and r[4] in want} == {
        k: v.replace("\r\n", "\n") for k, v in want.items()}  # the CSV export itself normalises line ends
    ws = openpyxl.load_workbook(path)["自查结果"]
    literal_escape = "_x0041_ 字面量"  # openpyxl alone does not decode OOXML's _xHHHH_ escape in inline text
    assert {r[4].value: r[7].value for r in ws.iter_rows(min_row=2) if r[1].value == "UNIT" and r[4].value in want
            and want[r[4].value] != literal_escape} == {k: v for k, v in want.items() if v != literal_escape}
