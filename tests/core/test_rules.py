"""Rules as data: the shipped rules load against the checklist, and a bad rules file is refused with the file
and the rule named."""

import pytest

from app.core.rules import RulesError, load_rules, loads_rules, shipped_rules

GOOD = '''
[[rules]]
id = "account_stale"
kind = "account"
items = ["A07-02"]
verdict = "基本符合"
older_than = { field = "last_update", days = 14 }
statement = "“{name}”账号最近更新于{last_update},检查日前{days}天无更新"
summary = "超过2周未更新的账号"
source = "国办秘函〔2019〕19号"
'''


def _bad(text, match):
    with pytest.raises(RulesError, match=match) as err:
        loads_rules(text, _bad.checklist, "本地.rules.toml")
    assert "本地.rules.toml" in str(err.value)


@pytest.fixture(autouse=True)
def _checklist(checklist):
    _bad.checklist = checklist


def test_the_shipped_rules_load_against_the_shipped_checklist(checklist):
    rules = load_rules(checklist)
    assert len(rules.rules) >= 30 and shipped_rules().rules == rules.rules


def test_an_office_changes_a_threshold_in_data_only(checklist):
    rules = loads_rules(GOOD.replace("days = 14", "days = 30"), checklist, "本地.rules.toml")
    assert rules.rules[0].older_than == ("last_update", 30)


def test_a_rule_naming_a_missing_item_is_refused_naming_the_rule():
    _bad(GOOD.replace('"A07-02"', '"A07-99"'), r"(?s)account_stale.*A07-99")


def test_a_rule_naming_an_item_of_another_kind_is_refused():
    _bad(GOOD.replace('"A07-02"', '"A11-02"'), r"(?s)account_stale.*A11-02.*不适用于公众账号")


def test_a_rule_naming_a_missing_field_is_refused_naming_the_rule():
    _bad(GOOD.replace('field = "last_update"', 'field = "last_post"'), r"(?s)account_stale.*last_post")


def test_a_condition_on_a_missing_field_is_refused():
    _bad(GOOD.replace("older_than", 'when = { fans = 0 }\nolder_than'), r"(?s)account_stale.*fans")


@pytest.mark.parametrize("days", ["-1", "99999"])
def test_a_negative_or_absurd_threshold_is_refused(days):
    _bad(GOOD.replace("days = 14", f"days = {days}"), rf"(?s)account_stale.*days.*{days}")


def test_a_duplicate_rule_id_is_refused():
    _bad(GOOD + GOOD, r"(?s)account_stale.*id 重复")


def test_an_unknown_placeholder_in_the_statement_is_refused():
    _bad(GOOD.replace("{days}天", "{fans}天"), r"(?s)account_stale.*fans")


def test_an_unknown_verdict_is_refused():
    _bad(GOOD.replace('"基本符合"', '"差不多"'), r"(?s)account_stale.*verdict")


def test_broken_toml_names_the_file():
    _bad("[[rules]\n", "TOML")
