"""Ledger v2: the facts the articles turn on, with the glossary's disposition words."""

import datetime as dt

import pytest

from app.core import ledger
from app.core.errors import ValidationError


def _app(**extra):
    return {"name": "西湖掌上办", "app_type": "小程序", "sponsor": "杭州市西湖区数据资源管理局", **extra}


def test_an_app_defaults_to_one_the_unit_runs():
    assert ledger.normalize_fields("app", _app())["role"] == "主办"


def test_an_app_the_unit_only_uses_is_recorded_as_such():
    assert ledger.normalize_fields("app", _app(role="使用"))["role"] == "使用"


def test_the_old_word_for_shutting_an_app_reads_as_the_glossary_word():
    assert ledger.normalize_fields("app", _app(disposition="关停"))["disposition"] == "关停注销"


def test_an_account_is_cancelled_not_shut():
    row = {"platform": "抖音", "name": "西湖发布", "sponsor": "西湖区委宣传部", "disposition": "关停"}
    assert ledger.normalize_fields("account", row)["disposition"] == "注销"


def test_disposition_facts_are_typed():
    row = ledger.normalize_fields("app", _app(disposition="关停注销", disposal_status="已完成",
                                              disposal_date="2025年6月30日", notice_date="2025-06-01"))
    assert row["disposal_date"] == dt.date(2025, 6, 30) and row["notice_date"] == dt.date(2025, 6, 1)


def test_an_unknown_disposal_status_names_the_field():
    with pytest.raises(ValidationError, match="处置状态"):
        ledger.normalize_fields("app", _app(disposal_status="差不多了"))


@pytest.mark.parametrize(("kind", "keys"), [
    ("app", {"host_platform", "role", "forced_approved", "forced_internal_only", "ranking_data_used",
             "forced_download", "install_quota", "forced_login", "notice_date", "merged_into", "disposal_status",
             "disposal_date"}),
    ("account", {"operator_unit", "merged_into", "disposal_status", "disposal_date"}),
    ("group", {"upload_demands", "merged_into", "disposal_status", "disposal_date"}),
])
def test_each_kind_records_the_v2_facts(kind, keys):
    assert keys <= {f.key for f in ledger.FIELDS[kind]}
