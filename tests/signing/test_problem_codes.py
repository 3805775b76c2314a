"""The verifier decides by a problem's code, never by its wording: rewording every message keeps every verdict."""

import dataclasses

import openpyxl
import pytest

from app.signing.keys import load_trust
from app.signing.verify import verify_workbook_data
from app.workbook.layout import read_workbook
from app.workbook.problems import Code


@pytest.fixture
def trust(ca_dir):
    return load_trust(ca_dir / "ca.pem")


def _reworded(problems, text):
    return [dataclasses.replace(p, message=text) for p in problems]


def _verdicts(path, trust, *wordings):
    data, problems = read_workbook(path)
    return [verify_workbook_data(path, data, ps, trust).status
            for ps in (problems, *(_reworded(problems, w) for w in wordings))]


def test_a_renamed_header_is_tampered_however_the_problem_is_worded(workbook_copy, trust):
    wb = openpyxl.load_workbook(workbook_copy)
    wb["应用程序台账"].cell(row=1, column=2, value="应用名称")
    wb.save(workbook_copy)
    _, problems = read_workbook(workbook_copy)
    assert [p.code for p in problems] == [Code.MISSING_COLUMN]
    assert _verdicts(workbook_copy, trust, "表头不对", "缺少该工作表") == ["tampered"] * 3


def test_a_removed_sheet_is_tampered_however_the_problem_is_worded(workbook_copy, trust):
    wb = openpyxl.load_workbook(workbook_copy)
    del wb["公众账号台账"]
    wb.save(workbook_copy)
    _, problems = read_workbook(workbook_copy)
    assert [p.code for p in problems] == [Code.MISSING_SHEET]
    assert _verdicts(workbook_copy, trust, "没有这张表", "无法读取") == ["tampered"] * 3


def test_a_file_that_is_no_workbook_is_corrupt_even_if_its_message_said_a_sheet_is_missing(tmp_path):
    path = tmp_path / "一张表.xlsx"
    path.write_bytes("这不是工作簿".encode())
    _, problems = read_workbook(path)
    assert [p.code for p in problems] == [Code.UNREADABLE_FILE]
    assert _verdicts(path, None, "缺少该工作表") == ["corrupt", "corrupt"]


def test_an_intact_signed_workbook_with_a_cell_problem_keeps_its_verdict_when_reworded(workbook_copy, trust):
    wb = openpyxl.load_workbook(workbook_copy)
    wb["问题整改"].cell(row=2, column=1, value="第一")  # 序号 is an integer column
    wb.save(workbook_copy)
    _, problems = read_workbook(workbook_copy)
    assert Code.INVALID_VALUE in {p.code for p in problems}
    assert len(set(_verdicts(workbook_copy, trust, "缺少", "缺少该列"))) == 1
