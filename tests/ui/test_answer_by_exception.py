"""Answering by exception: a whole ledger in a handful of bulk actions, each undone as one step, the tree
left as it was, and nothing exported until every problem is complete."""

from __future__ import annotations

import pytest

from app.core.model import Verdict
from app.core.selection import Selection
from app.ui import dialogs
from app.ui.main_window import STEP_CHECK
from tests.conftest import INSPECTION_DAY
from tests.ui.afternoon import bulk_count, fresh_ledger, spend_the_afternoon


@pytest.fixture
def fresh_window(qtbot, tmp_path):
    from app.ui.main import AppController

    db = fresh_ledger(tmp_path / "fresh.db", apps=6, accounts=20, groups=60, today=INSPECTION_DAY)
    controller = AppController(db)
    controller.open_db(db)
    controller.show_start()
    controller.continue_inspection()
    qtbot.waitExposed(controller.main_window)
    yield controller.main_window
    dialogs.close_warnings()
    controller.close_db()
    controller.start_window.close()


def test_the_whole_afternoon_takes_a_handful_of_bulk_actions(qtbot, fresh_window, tmp_path):
    def wait(page):
        qtbot.waitUntil(lambda: page.worker is None, timeout=120_000)

    day = spend_the_afternoon(fresh_window, tmp_path / "导出", wait)
    s = fresh_window.session
    assert bulk_count(day) <= 15, day.actions
    assert s.tally(("unit", "app", "account", "group"))[0] == s.tally(("unit", "app", "account", "group"))[1]
    assert s.findings == {} and s.rectification_gaps() == []
    assert fresh_window.export_page.last_result is not None, fresh_window.export_page.form.resultLabel.text()
    assert fresh_window.export_page.last_result.workbook.is_file()
    assert "全部答为“符合”" in next(a for a in day.actions if a.startswith("确认提示"))


def test_a_bulk_noncompliance_shows_one_problem_listing_its_groups(fresh_window):
    page = fresh_window.check_page
    n = page.answer_selection(Selection(kind="group", platform="微信", items=("A08-03",)), Verdict.NONCOMPLIANT,
                              "要求即时回复")
    model = fresh_window.problems_page.model
    model.reload()
    assert model.rowCount() == 1 and f"等 {n} 个" in model.index(0, 0).data()
    assert model.index(0, 3).data() == "要求即时回复"


def test_a_bulk_answer_is_undone_as_one_step_and_keeps_the_tree(fresh_window):
    w, page = fresh_window, fresh_window.check_page
    w.go(STEP_CHECK)
    tree = page.form.tree
    row = next(r for r, x in enumerate(page.model.rows) if w.session.kind_of[x.entity_id] == "group")
    group = page.model.index(row, 0)
    tree.expand(group)
    target = page.model.pair(page.model.index(1, 0, group))
    page.select(*target)
    before = dict(w.session.verdicts)
    n = page.answer_selection(Selection(kind="group"), Verdict.COMPLIANT)
    assert n > 100
    assert tree.isExpanded(page.model.index(row, 0)) and page.current_pair() == target
    assert w.session.verdict(*target) == Verdict.COMPLIANT and page.panel.buttons[Verdict.COMPLIANT].isChecked()
    w.undo()
    assert {k: v for k, v in w.session.verdicts.items() if v != Verdict.UNANSWERED} == \
        {k: v for k, v in before.items() if v != Verdict.UNANSWERED}
    assert tree.isExpanded(page.model.index(row, 0)) and page.current_pair() == target
    assert not page.panel.buttons[Verdict.COMPLIANT].isChecked()


def test_all_the_rest_asks_once_naming_the_count_and_leaves_suggestions_pending(fresh_window, confirm_yes):
    page = fresh_window.check_page
    held = len(fresh_window.session.findings)
    n = page.answer_rest()
    assert n > 0 and len(confirm_yes) == 1
    assert f"其余 {n} 个尚未作答" in confirm_yes[0] and f"有系统建议的 {held} 项不在其中" in confirm_yes[0]
    assert len(fresh_window.session.findings) == held


def test_dismissing_suggestions_in_bulk_needs_a_reason(fresh_window):
    page = fresh_window.check_page
    rule = next(iter(fresh_window.session.findings.values())).rule
    temp = [f for f in fresh_window.session.findings.values() if f.rule == rule]
    assert page.apply_findings(temp, accept=False, reason="") == 0
    assert any("说明理由" in w for w in dialogs.visible_warnings())
    assert page.apply_findings(temp, accept=False, reason="已于检查前解散") == len(temp)
