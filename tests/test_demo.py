"""The demo inspection: valid, complete, realistic and deterministic for a seed."""

import datetime as dt

from app.core.codes import is_valid_credit_code
from app.demo import DemoOptions, build_demo
from app.storage import Store

DAY = dt.date(2025, 11, 20)


def test_the_demo_is_fully_answered_with_complete_problems(demo_db):
    with Store(demo_db) as s:
        insp = s.current_inspection()
        assert is_valid_credit_code(s.get_unit().credit_code)
        assert s.count_entities(insp.id) == {"app": 8, "account": 12, "group": 30}
        p = s.progress(insp.id)
        assert p.overall.total > 0 and p.overall.unanswered == 0
        problems = s.problems(insp.id)
        assert problems and all(not pr.missing for pr in problems)
        assert s.all_evidence(insp.id) and s.doctor() == []


def test_the_same_seed_gives_the_same_inspection(tmp_path):
    def snapshot(path):
        with build_demo(path, DemoOptions(seed=3, apps=5, accounts=5, groups=5, today=DAY)) as s:
            insp = s.current_inspection()
            return ([(e.kind, e.fields) for e in s.entities(insp.id)],
                    sorted((k, a.verdict, a.note) for k, a in s.answers(insp.id).items()),
                    s.get_unit())

    assert snapshot(tmp_path / "a.db") == snapshot(tmp_path / "b.db")


def test_options_choose_the_unit(tmp_path):
    with build_demo(tmp_path / "x.db", DemoOptions(apps=1, accounts=1, groups=1, unit_code="91110000600037341L",
                                                   unit_name="某某县教育局", region="110101", today=DAY)) as s:
        u = s.get_unit()
        assert (u.name, u.credit_code, u.region_code) == ("某某县教育局", "91110000600037341L", "110101")


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "keep.db"
    path.write_text("重要", encoding="utf-8")
    try:
        build_demo(path, DemoOptions(today=DAY))
    except Exception as exc:
        assert "已存在" in str(exc)
    assert path.read_text(encoding="utf-8") == "重要"


# ---- coherence: the demo reads like a real unit's inspection ------------------------------------------

def test_every_verdict_the_ledger_decides_comes_from_the_rules(demo_db):
    from app.core.findings import compute_findings
    from app.core.model import UNIT_ENTITY

    with Store(demo_db) as s:
        insp = s.current_inspection()
        suggested = {(f.entity_id, f.item_id): f for f in
                     compute_findings(s.checklist_for(insp.id), s.entities(insp.id), insp.inspection_date)}
        for (eid, item), a in s.answers(insp.id).items():
            if (eid, item) in suggested and not suggested[(eid, item)].needs_data:
                assert a.verdict == suggested[(eid, item)].verdict, (eid, item)
            elif eid != UNIT_ENTITY:
                assert a.verdict == "符合", (eid, item, a.verdict)


def test_each_measure_fits_its_problem_and_kind(demo_db):
    from app.demo import MEASURES

    with Store(demo_db) as s:
        insp = s.current_inspection()
        kinds = {e[0]: e[1] for e in s.entity_index(insp.id)}
        for p in s.problems(insp.id):
            kind = kinds.get(p.entity_id, "unit")
            rules = [r for r, m in MEASURES.items() if m == p.measure]
            assert rules or kind == "unit", p.measure
            assert all(r.startswith(kind) for r in rules), (kind, p.measure)
            assert "ICP" not in p.measure or kind == "app"


def test_groups_named_after_a_street_or_village_are_run_there(demo_db):
    from app.demo import STREETS

    with Store(demo_db) as s:
        for g in s.entities(s.current_inspection().id, "group"):
            place = next((p for p in STREETS if g.name.startswith(p)), None)
            assert place is None or g.fields["creator_unit"].startswith(place), g.name


def test_no_account_updated_within_two_weeks_is_called_dormant(demo_db):
    with Store(demo_db) as s:
        insp = s.current_inspection()
        for e in s.entities(insp.id, "account"):
            a = s.answer(insp.id, e.id, "A07-02")
            if (insp.inspection_date - e.fields["last_update"]).days <= 14:
                assert a.verdict == "符合", e.name

