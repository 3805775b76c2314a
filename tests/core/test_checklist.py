"""The shipped checklist and the loader's refusals."""

from pathlib import Path

import pytest

from app.core.checklist import SCOPES, SEVERITIES, ChecklistError, load_checklist, loads_checklist
from tests.conftest import shipped_checklist

GOOD = '''
id = "t"
version = "1"
title = "测试清单"
source = "《意见》"
issuer = "中央网信委"
source_date = "2023-12-18"

[[parts]]
number = 1
title = "总体要求"

[[articles]]
number = 1
part = 1
title = "指导思想"
text = "原文"

[[articles.items]]
id = "A01-01"
question = "是否……?"
scopes = ["unit"]
guidance = "说明"
evidence = "文件"
severity = "一般"
'''


def test_shipped_checklist_has_16_articles_in_5_parts(checklist):
    assert [a.number for a in checklist.articles] == list(range(1, 17))
    assert [p.number for p in checklist.parts] == [1, 2, 3, 4, 5]
    assert {a.part for a in checklist.articles} == {1, 2, 3, 4, 5}


def test_every_article_has_items_and_original_text(checklist):
    for a in checklist.articles:
        assert 1 <= len(a.items) <= 12, a.label
        assert len(a.text) > 20, a.label


def test_every_item_is_complete(checklist):
    for it in checklist.items:
        assert it.question and it.guidance and it.evidence, it.id
        assert it.severity in SEVERITIES and it.scopes, it.id


def test_scopes_cover_unit_app_account_and_group(checklist):
    assert {s for it in checklist.items for s in it.scopes} == set(SCOPES)


def test_general_requirements_are_unit_level(checklist):
    for number in (1, 2):
        assert all(it.scopes == ("unit",) for it in checklist.article(number).items)


def test_article_text_is_quoted_from_the_source(checklist):
    source = Path(__file__).parents[2] / "checklists" / "source" / "opinions-source.md"
    flat = source.read_text(encoding="utf-8").replace("\n", "")
    for number in range(3, 17):
        first_sentence = checklist.article(number).text.replace("\n", "").split("。")[0]
        assert first_sentence in flat, number


def test_a_minimal_file_loads():
    c = loads_checklist(GOOD, "t.toml")
    assert c.item("A01-01").scopes == ("unit",)


def test_a_missing_title_names_the_file_the_article_and_the_field():
    with pytest.raises(ChecklistError) as err:
        loads_checklist(GOOD.replace('title = "指导思想"\n', ""), "bad.toml")
    message = str(err.value)
    assert "bad.toml" in message and "第1条" in message and "title" in message


def test_an_unknown_scope_is_refused():
    with pytest.raises(ChecklistError, match=r"A01-01.*未知的适用范围.*county"):
        loads_checklist(GOOD.replace('scopes = ["unit"]', 'scopes = ["county"]'), "bad.toml")


def test_a_duplicate_item_id_is_refused():
    doubled = GOOD + GOOD[GOOD.index("[[articles.items]]"):]
    with pytest.raises(ChecklistError, match="A01-01 重复"):
        loads_checklist(doubled, "bad.toml")


def test_an_unknown_severity_is_refused():
    with pytest.raises(ChecklistError, match="severity"):
        loads_checklist(GOOD.replace('severity = "一般"', 'severity = "致命"'), "bad.toml")


def test_an_item_id_from_another_article_is_refused():
    with pytest.raises(ChecklistError, match="条号"):
        loads_checklist(GOOD.replace('id = "A01-01"', 'id = "A02-01"'), "bad.toml")


def test_broken_toml_is_reported_with_the_file_name():
    with pytest.raises(ChecklistError, match="bad.toml.*TOML"):
        loads_checklist("id = ", "bad.toml")


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ChecklistError, match="找不到清单文件"):
        load_checklist(tmp_path / "none.toml")


def test_all_problems_are_listed_at_once():
    bad = GOOD.replace('title = "指导思想"\n', "").replace('severity = "一般"', 'severity = "x"')
    with pytest.raises(ChecklistError) as err:
        loads_checklist(bad, "bad.toml")
    assert "title" in str(err.value) and "severity" in str(err.value)


# ---- checklist v2 (format 2) ---------------------------------------------------------------------------

V2 = GOOD.replace('version = "1"', 'version = "2"\nformat = 2').replace('severity = "一般"', 'severity = "一般"\nsource = "《意见》第1条"')




def test_the_newest_shipped_checklist_is_version_2(checklist):
    assert checklist.version == "2025.1"


def test_every_item_names_its_source(checklist):
    for it in checklist.items:
        assert it.source.startswith("《意见》第") or "号" in it.source or "通知" in it.source or "规定" in it.source, it.id


def test_a_format_2_item_without_a_source_is_refused_naming_file_and_item():
    with pytest.raises(ChecklistError, match=r"(?s)bad.toml.*A01-01.*source"):
        loads_checklist(V2.replace('source = "《意见》第1条"', ""), "bad.toml")


def test_replaces_must_name_item_ids():
    with pytest.raises(ChecklistError, match=r"(?s)A01-01.*replaces"):
        loads_checklist(V2.replace('source = "《意见》第1条"', 'source = "《意见》第1条"\nreplaces = ["第一项"]'), "bad.toml")


def test_questions_are_not_double_negatives(checklist):
    import re

    for it in checklist.items:
        assert not re.search(r"是否(未|不|无|没有)", it.question), it.id


def test_every_previous_item_has_a_successor(checklist):
    previous = shipped_checklist("2024.1")
    carried = {r for it in checklist.items for r in it.replaces}
    assert {it.id for it in previous.items} <= carried


def test_a_reused_item_id_keeps_its_scope_and_replaces_itself(checklist):
    previous = shipped_checklist("2024.1")
    for it in checklist.items:
        if previous.has_item(it.id):
            assert it.id in it.replaces and set(it.scopes) == set(previous.item(it.id).scopes), it.id


def test_guidance_says_what_each_verdict_means(checklist):
    for it in checklist.items:
        assert "符合：" in it.guidance and "基本符合：" in it.guidance and "不符合：" in it.guidance, it.id


def test_the_unit_controls_the_number_of_accounts_not_each_account(checklist):
    quantity = [it for it in checklist.article(7).items if "严格控制数量" in it.question]
    assert quantity and all(it.scopes == ("unit",) for it in quantity)


def test_a_ranking_shown_to_users_is_noncompliant(checklist):
    shown = next(it for it in checklist.article(6).items if "不向用户和个人开放" in it.question)
    assert "不符合：向用户或个人展示" in shown.guidance


def test_the_two_week_rule_is_consistent(checklist):
    update = checklist.item("A07-02")
    assert "国办秘函〔2019〕19号" in update.source and "符合：检查日前2周内有更新" in update.guidance


# ---- shipped checklists are parsed once while unchanged -----------------------------------------------------

def test_the_newest_shipped_checklist_is_parsed_once_while_its_files_stay_the_same():
    from app.core.checklist import default_checklist

    assert default_checklist() is default_checklist()


def test_a_shipped_checklist_file_that_changed_is_read_again(tmp_path):
    from app.core.checklist import shipped
    from app.paths import resource

    path = tmp_path / "zhijian-2025.toml"
    text = resource("checklists", "zhijian-2025.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = shipped(path)
    assert shipped(path) is first
    version = first.version
    path.write_text(text.replace(f'version = "{version}"', 'version = "2099.1"', 1), encoding="utf-8")
    assert shipped(path).version == "2099.1"


def test_a_broken_shipped_checklist_is_refused_every_time(tmp_path):
    from app.core.checklist import shipped

    path = tmp_path / "zhijian-2025.toml"
    path.write_text("这不是清单 = [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ChecklistError):
            shipped(path)
