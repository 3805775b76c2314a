"""A problem drafted for several entities at once reads as Chinese prose: it goes into the signed report."""

from __future__ import annotations

import re

from app.core.findings import Finding
from app.core.model import Verdict
from app.core.rectification import group_description


def _finding(entity_id: int) -> Finding:
    return Finding(key=f"icp:{entity_id}", rule="icp", entity_id=entity_id, item_id="A14-02",
                   verdict=Verdict.NONCOMPLIANT, message="应用未登记ICP备案号", summary="应用未登记ICP备案号")


NAMES = {1: "西湖智慧城管", 2: "西湖智慧教育", 3: "西湖掌上办事", 4: "西湖网格通", 5: "西湖安全生产", 6: "西湖党建"}


def test_a_few_entities_are_all_named_with_their_count():
    text = group_description([_finding(1), _finding(2)], NAMES)
    assert text == "应用未登记ICP备案号：西湖智慧城管、西湖智慧教育共2个"


def test_many_entities_name_the_first_five_and_the_count():
    text = group_description([_finding(i) for i in range(1, 7)], NAMES)
    assert text.endswith("西湖安全生产等6个") and "西湖党建" not in text


def test_no_ascii_punctuation_or_spaces_between_chinese_characters():
    text = group_description([_finding(i) for i in range(1, 7)], NAMES)
    assert not re.search(r"[\u4e00-\u9fff][ :,;()][\u4e00-\u9fff0-9]", text)
