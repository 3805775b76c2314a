"""Auto-findings: suggestions computed from the ledger through the rules in checklists/rules/, confirmed or
dismissed by the user. One test per rule, with the concrete cases of issue 13."""

import datetime as dt

import pytest

from app.core.findings import _first_near, _near, compute_findings, edit_distance, normalise_name
from app.core.model import Entity, Verdict

DAY = dt.date(2025, 11, 20)
UNIT = "杭州市西湖区数据资源管理局"


def account(i, name, last_update=DAY, platform="微信公众号", **extra):
    return Entity(i, "account", {"name": name, "platform": platform, "last_update": last_update, **extra})


def app(i, name, **extra):
    fields = {"name": name, "app_type": "小程序", "host_platform": "微信", "sponsor": UNIT, "role": "主办",
              "in_plan": True, "approval_no": "西数资〔2023〕5号", "unified_auth": True, "on_gov_cloud": True,
              "forced_features": False, "icp_no": "浙ICP备2023000001号-1", "has_complaint": True,
              "mlps_level": "第二级", "monthly_active": 3200, "disposition": "保留"}
    return Entity(i, "app", {**fields, **extra})


def group(i, name, **extra):
    fields = {"name": name, "platform": "钉钉", "creator_unit": UNIT, "permanence": "常设", "real_name": True,
              "forced_response": False, "upload_demands": False}
    return Entity(i, "group", {**fields, **extra})


def found(checklist, *entities):
    return {(f.entity_id, f.item_id): f for f in compute_findings(checklist, list(entities), DAY)}


# ---- duplicates ---------------------------------------------------------------------------------------

def test_the_same_account_name_on_two_platforms_is_not_a_duplicate(checklist):
    result = found(checklist, account(1, "西湖发布", platform="今日头条"), account(2, "西湖发布", platform="哔哩哔哩"))
    assert (1, "A07-03") not in result and (2, "A07-03") not in result


def test_the_same_account_name_on_one_platform_is_a_duplicate(checklist):
    result = found(checklist, account(1, "西湖 发布", platform="抖音"), account(2, "西湖发布", platform="抖音"))
    assert result[(1, "A07-03")].verdict == Verdict.NONCOMPLIANT
    assert result[(1, "A07-03")].message == "“西湖 发布”账号与同一平台（抖音）上的“西湖发布”名称相同或相近"


def test_near_app_names_on_the_same_platform_are_duplicates(checklist):
    result = found(checklist, app(1, "西湖掌上办"), app(2, "西湖掌上办事"))
    assert {(1, "A05-02"), (2, "A05-02")} <= set(result)


def test_an_app_already_disposed_is_not_a_duplicate(checklist):
    shut = app(2, "西湖掌上办事", disposition="关停注销", disposal_status="已完成", disposal_date=dt.date(2025, 6, 30))
    assert (1, "A05-02") not in found(checklist, app(1, "西湖掌上办"), shut)


def test_different_short_names_are_not_near(checklist):
    assert (1, "A11-03") not in found(checklist, group(1, "教育群"), group(2, "体育群"))


def test_numbered_groups_are_not_duplicates(checklist):
    assert (1, "A11-03") not in found(checklist, group(1, "西湖区第1网格工作群"), group(2, "西湖区第2网格工作群"))


def _pairwise_first_near(names, limit):
    """The obvious scan every pair meets in order: what the indexed search must reproduce exactly."""
    partners = [None] * len(names)
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            if _near(a, names[j], limit):
                partners[i] = j if partners[i] is None else partners[i]
                partners[j] = i if partners[j] is None else partners[j]
    return partners


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_the_indexed_duplicate_search_finds_what_comparing_every_pair_finds(limit):
    import random
    rng = random.Random(limit)
    stems = ["西湖区教育局工作群", "网格第1组", "城管执法通知群", "便民服务", "学校家长群", "疫情防控专班群"]
    names = []
    for _ in range(300):
        name = list(rng.choice(stems))
        for _ in range(rng.randint(0, 3)):  # typos: drop, double or change a character
            k = rng.randrange(len(name))
            name[k:k + 1] = rng.choice([[], [name[k]] * 2, [rng.choice("区群组教务")]])
        names.append(normalise_name("".join(name)))
    assert _first_near(names, limit) == _pairwise_first_near(names, limit)


def test_names_are_compared_without_punctuation_and_common_suffixes():
    assert normalise_name("西湖·掌上办事", ["办事", "办"]) == normalise_name("西湖掌上办", ["办事", "办"])
    assert edit_distance("西湖掌上通", "西湖掌上", 1) == 1 and edit_distance("abcdef", "uvwxyz", 1) == 2


# ---- forced functions (article 6) ---------------------------------------------------------------------

def test_an_unapproved_forced_function_is_noncompliant_and_stated_as_a_fact(checklist):
    result = found(checklist, app(1, "网格通", forced_features=True, forced_approved=False, forced_internal_only=True))
    assert result[(1, "A06-01")].verdict == Verdict.NONCOMPLIANT
    assert result[(1, "A06-01")].message == "“网格通”应用设有打卡签到、积分排名或在线时长功能，未经审批"
    assert "请核实" not in result[(1, "A06-01")].message


def test_an_approved_internal_ranking_is_not_a_finding(checklist):
    result = found(checklist, app(1, "应急值守", forced_features=True, forced_approved=True, forced_internal_only=True))
    assert (1, "A06-01") not in result and (1, "A06-02") not in result


def test_a_ranking_shown_to_users_is_noncompliant_even_if_approved(checklist):
    result = found(checklist, app(1, "学习强区", forced_features=True, forced_approved=True, forced_internal_only=False))
    assert result[(1, "A06-02")].verdict == Verdict.NONCOMPLIANT


def test_without_forced_functions_the_internal_display_item_does_not_apply(checklist):
    result = found(checklist, app(1, "西湖掌上办"))
    assert result[(1, "A06-02")].verdict == Verdict.NOT_APPLICABLE


def test_ranking_data_used_for_appraisal_is_noncompliant(checklist):
    result = found(checklist, app(1, "网格通", forced_features=True, forced_approved=True, forced_internal_only=True,
                                  ranking_data_used=True))
    assert result[(1, "A10-03")].verdict == Verdict.NONCOMPLIANT


# ---- every collected fact -----------------------------------------------------------------------------

@pytest.mark.parametrize(("extra", "item", "statement"), [
    ({"in_plan": False}, "A03-01", "“网格通”应用未纳入信息化、数字化总体规划"),
    ({"approval_no": ""}, "A04-01", "“网格通”应用未登记立项文号，未见立项审核"),
    ({"unified_auth": False}, "A05-06", "“网格通”应用未接入统一身份认证"),
    ({"mlps_level": "未定级"}, "A13-01", "“网格通”应用未进行网络安全等级保护定级"),
    ({"icp_no": ""}, "A14-01", "“网格通”应用未登记ICP备案号"),
    ({"has_complaint": False}, "A14-02", "“网格通”应用没有投诉建议功能"),
    ({"forced_download": True}, "A08-04", "“网格通”应用存在强制推广下载"),
    ({"install_quota": True}, "A08-05", "“网格通”应用限定了用户安装使用率"),
    ({"forced_login": True}, "A08-06", "“网格通”应用强制要求用户定期登录"),
])
def test_each_app_fact_suggests_its_item(checklist, extra, item, statement):
    result = found(checklist, app(1, "网格通", **extra))
    assert result[(1, item)].verdict == Verdict.NONCOMPLIANT and result[(1, item)].message == statement


@pytest.mark.parametrize(("extra", "item"), [
    ({"forced_response": True}, "A08-03"), ({"real_name": False}, "A13-03"), ({"upload_demands": True}, "A09-02"),
])
def test_each_group_fact_suggests_its_item(checklist, extra, item):
    assert found(checklist, group(1, "网格员工作群", **extra))[(1, item)].verdict == Verdict.NONCOMPLIANT


def test_a_clean_app_raises_no_noncompliance(checklist):
    assert not [f for f in found(checklist, app(1, "西湖掌上办")).values() if f.verdict.needs_problem]


# ---- an app the unit only uses ------------------------------------------------------------------------

def test_an_app_the_unit_only_uses_makes_the_sponsors_items_not_applicable(checklist):
    result = found(checklist, app(1, "浙里办", role="使用", icp_no="", approval_no="", has_complaint=False))
    for item in ("A14-01", "A14-02", "A04-01", "A03-01"):
        assert result[(1, item)].verdict == Verdict.NOT_APPLICABLE, item
    assert result[(1, "A14-01")].message == "本单位仅使用“浙里办”，不负责主办，由主办单位负责"


# ---- accounts without updates -------------------------------------------------------------------------

def test_an_account_not_updated_for_two_weeks_is_largely_compliant(checklist):
    result = found(checklist, account(1, "西湖发布", DAY - dt.timedelta(days=20)))
    assert result[(1, "A07-02")].verdict == Verdict.PARTIAL
    assert "检查日前20天无更新" in result[(1, "A07-02")].message


def test_an_account_not_updated_for_two_months_is_noncompliant(checklist):
    assert found(checklist, account(1, "西湖发布", DAY - dt.timedelta(days=61)))[(1, "A07-02")].verdict == "不符合"


def test_an_account_updated_on_the_inspection_day_is_fine(checklist):
    assert (1, "A07-02") not in found(checklist, account(1, "西湖发布", DAY))


def test_an_account_with_no_update_date_asks_for_it(checklist):
    finding = found(checklist, account(1, "西湖发布", None))[(1, "A07-02")]
    assert finding.needs_data and "请补录最近更新日期" in finding.message


# ---- plan vs fact for dispositions --------------------------------------------------------------------

def test_a_temporary_group_planned_for_dissolution_but_not_dissolved_still_counts(checklist):
    g = group(3, "2022年人口普查临时群", permanence="临时", members=400, task_end=dt.date(2022, 12, 31),
              disposition="解散")
    finding = found(checklist, g)[(3, "A11-02")]
    assert finding.verdict == Verdict.PARTIAL and "尚未解散" in finding.message


def test_a_temporary_group_open_after_its_task_is_noncompliant(checklist):
    g = group(3, "人口普查临时群", permanence="临时", task_end=dt.date(2025, 6, 30), disposition="保留")
    assert found(checklist, g)[(3, "A11-02")].verdict == Verdict.NONCOMPLIANT


def test_a_drafted_statement_writes_dates_as_prose(checklist):
    g = group(3, "人口普查临时群", permanence="临时", task_end=dt.date(2025, 6, 30), disposition="保留")
    message = found(checklist, g)[(3, "A11-02")].message
    assert "任务已于2025年6月30日结束" in message and "2025-06-30" not in message


def test_a_dissolved_temporary_group_complies(checklist):
    g = group(3, "人口普查临时群", permanence="临时", task_end=dt.date(2025, 6, 30), disposition="解散",
              disposal_status="已完成", disposal_date=dt.date(2025, 7, 2))
    assert found(checklist, g)[(3, "A11-02")].verdict == Verdict.COMPLIANT


def test_a_running_temporary_group_has_no_suggestion(checklist):
    g = group(4, "防汛临时群", permanence="临时", task_end=dt.date(2026, 1, 1))
    assert (4, "A11-02") not in found(checklist, g)


def test_an_app_to_be_shut_without_a_notice_date_is_flagged(checklist):
    assert found(checklist, app(1, "旧版办事通", disposition="关停注销"))[(1, "A07-06")].verdict == "不符合"


# ---- accepting and dismissing -------------------------------------------------------------------------

def test_accepting_a_finding_answers_and_drafts_the_problem_as_a_statement_of_fact(store, inspection):
    e = store.add_entity(inspection.id, "app", {"name": "网格通", "app_type": "移动客户端", "sponsor": UNIT,
                                                "forced_features": True, "forced_approved": False})
    finding = next(f for f in store.findings(inspection.id) if f.item_id == "A06-01")
    store.accept_finding(inspection.id, finding)
    assert store.answer(inspection.id, e.id, "A06-01").verdict == Verdict.NONCOMPLIANT
    problem = store.problem(inspection.id, e.id, "A06-01")
    assert problem.description == "“网格通”应用设有打卡签到、积分排名或在线时长功能，未经审批"


def test_accepting_a_not_applicable_suggestion_records_its_reason(store, inspection):
    e = store.add_entity(inspection.id, "app", {"name": "浙里办", "app_type": "移动客户端", "sponsor": "浙江省大数据局",
                                                "role": "使用"})
    finding = next(f for f in store.findings(inspection.id) if f.item_id == "A14-01")
    store.accept_finding(inspection.id, finding)
    answer = store.answer(inspection.id, e.id, "A14-01")
    assert answer.verdict == Verdict.NOT_APPLICABLE and "仅使用" in answer.na_reason


def test_a_suggestion_that_asks_for_data_cannot_be_accepted(store, inspection):
    from app.core.errors import ValidationError

    store.add_entity(inspection.id, "account", {"platform": "微博", "name": "西湖旅游", "sponsor": "文旅局"})
    finding = next(f for f in store.findings(inspection.id) if f.item_id == "A07-02")
    with pytest.raises(ValidationError, match="补录"):
        store.accept_finding(inspection.id, finding)


def test_a_dismissed_finding_does_not_come_back_and_changes_nothing(store, inspection):
    e = store.add_entity(inspection.id, "account", {"platform": "微博", "name": "西湖旅游", "sponsor": "文旅局",
                                                    "last_update": dt.date(2025, 9, 1)})
    [finding] = [f for f in store.findings(inspection.id) if f.item_id == "A07-02"]
    store.decide_finding(inspection.id, finding.key, "dismissed", "该账号已于检查前停更注销")
    assert [f for f in store.findings(inspection.id) if f.item_id == "A07-02"] == []
    assert store.answer(inspection.id, e.id, "A07-02") is None
