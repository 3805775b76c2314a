"""Auto-findings are suggestions computed from the ledger, confirmed or dismissed by the user."""

import datetime as dt

from app.core.findings import compute_findings
from app.core.model import Entity, Verdict

DAY = dt.date(2025, 11, 20)


def account(i, name, last_update):
    return Entity(i, "account", {"name": name, "platform": "微信公众号", "last_update": last_update})


def test_an_account_not_updated_in_14_days_is_a_zombie_risk(checklist):
    found = compute_findings(checklist, [account(1, "西湖发布", DAY - dt.timedelta(days=15))], DAY)
    assert [(f.rule, f.item_id, f.verdict) for f in found] == [("zombie", "A07-02", Verdict.NONCOMPLIANT)]
    assert "15 天" in found[0].message


def test_an_account_updated_within_14_days_is_fine(checklist):
    assert compute_findings(checklist, [account(1, "西湖发布", DAY - dt.timedelta(days=13))], DAY) == []


def test_an_app_with_forced_features_is_flagged_under_article_6(checklist):
    app = Entity(2, "app", {"name": "网格通", "forced_features": True, "icp_no": "浙ICP备1号", "has_complaint": True})
    assert [f.item_id for f in compute_findings(checklist, [app], DAY)] == ["A06-01"]


def test_a_temporary_group_open_after_its_task_is_flagged(checklist):
    g = Entity(3, "group", {"name": "人口普查临时群", "permanence": "临时", "task_end": dt.date(2025, 6, 30),
                            "disposition": "保留"})
    assert [f.item_id for f in compute_findings(checklist, [g], DAY)] == ["A11-02"]


def test_a_dissolved_or_running_temporary_group_is_fine(checklist):
    done = Entity(3, "group", {"name": "a", "permanence": "临时", "task_end": dt.date(2025, 6, 30), "disposition": "解散"})
    running = Entity(4, "group", {"name": "b", "permanence": "临时", "task_end": dt.date(2026, 1, 1)})
    assert compute_findings(checklist, [done, running], DAY) == []


def test_duplicate_names_within_a_kind_are_flagged_for_each(checklist):
    a = account(1, "西湖 发布", DAY)
    b = account(2, "西湖发布", DAY)
    c = Entity(3, "group", {"name": "西湖发布"})
    found = compute_findings(checklist, [a, b, c], DAY)
    assert sorted((f.entity_id, f.item_id) for f in found) == [(1, "A07-03"), (2, "A07-03")]


def test_accepting_a_finding_answers_and_records_the_problem(store, inspection):
    e = store.add_entity(inspection.id, "account", {"platform": "微博", "name": "西湖旅游", "sponsor": "文旅局",
                                                    "last_update": dt.date(2025, 9, 1)})
    [finding] = store.findings(inspection.id)
    store.accept_finding(inspection.id, finding)
    assert store.answer(inspection.id, e.id, "A07-02").verdict == Verdict.NONCOMPLIANT
    assert store.problems(inspection.id)[0].description == finding.message
    assert store.findings(inspection.id) == []


def test_a_dismissed_finding_does_not_come_back_and_changes_nothing(store, inspection):
    e = store.add_entity(inspection.id, "account", {"platform": "微博", "name": "西湖旅游", "sponsor": "文旅局",
                                                    "last_update": dt.date(2025, 9, 1)})
    [finding] = store.findings(inspection.id)
    store.decide_finding(inspection.id, finding.key, "dismissed", "该账号已于检查前停更注销")
    assert store.findings(inspection.id) == []
    assert store.answer(inspection.id, e.id, "A07-02") is None
