"""Bad input in the wizard is refused beside the field or in a visible message, and nothing saved is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.core.model import Verdict
from app.ui import dialogs
from app.ui.main import AppController
from app.ui.main_window import STEP_CHECK, STEP_EXPORT, STEP_LEDGER, STEP_PROBLEMS, STEP_UNIT
from tests.conftest import VALID_CODE


def test_a_bad_credit_code_is_marked_beside_the_field_and_not_saved(demo_window):
    page = demo_window.unit_page
    before = demo_window.session.store.get_unit().credit_code
    demo_window.go(STEP_UNIT)
    page.form.codeEdit.setText(VALID_CODE[:-1] + "0")
    page.form.codeEdit.editingFinished.emit()
    assert page.form.codeError.isVisible()
    assert "校验位错误" in page.form.codeError.text()
    assert demo_window.session.store.get_unit().credit_code == before
    assert demo_window.session.ui_state()["unit_draft"]["code"] == VALID_CODE[:-1] + "0"


def test_a_ledger_import_keeps_good_rows_and_lists_bad_ones(demo_window, tmp_path, import_yes):
    path = tmp_path / "新增群组.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工作群组台账"
    ws.append(["群名称", "平台", "建群单位", "成员数"])
    ws.append(["西湖区禁毒工作群", "钉钉", "西湖区禁毒办", 35])
    ws.append(["西湖区临时会务群", "飞书", "西湖区政府办", 12])
    wb.save(path)
    demo_window.go(STEP_LEDGER)
    before = demo_window.session.store.count_entities(demo_window.session.inspection_id)["group"]
    demo_window.ledger_page.import_workbook(path)
    after = demo_window.session.store.count_entities(demo_window.session.inspection_id)["group"]
    assert after == before + 1
    shown = dialogs.visible_warnings()
    assert len(shown) == 1 and "第3行" in shown[0] and "平台" in shown[0] and "新增 1 条" in shown[0]
    assert import_yes == ["新增 1 条,更新 0 条,未变 0 条,未导入 1 行。\n确认导入吗?"]


def test_importing_a_clerks_sheet_twice_adds_nothing_the_second_time(demo_window, tmp_path, import_yes):
    from tests.export.test_clerk_sheet_import import clerk_workbook

    path = clerk_workbook(tmp_path / "西湖区统计表.xlsx")
    demo_window.go(STEP_LEDGER)
    s = demo_window.session
    before = sum(s.store.count_entities(s.inspection_id).values())
    first = demo_window.ledger_page.import_workbook(path)
    dialogs.close_warnings()
    assert len(first.new) + len(first.changed) == 5
    assert sum(s.store.count_entities(s.inspection_id).values()) == before + len(first.new)
    plan = demo_window.ledger_page.import_workbook(path)
    assert (len(plan.new), len(plan.changed), len(plan.unchanged)) == (0, 0, 5)
    assert sum(s.store.count_entities(s.inspection_id).values()) == before + len(first.new)
    assert len(import_yes) == 1  # nothing to confirm the second time


def test_a_file_that_is_not_a_workbook_is_refused_with_its_name(demo_window, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    assert demo_window.ledger_page.import_workbook(path) is None
    assert any("台账.xlsx" in w for w in dialogs.visible_warnings())


def test_an_evidence_file_over_the_limit_is_refused_with_a_message(demo_window, tmp_path):
    demo_window.session.store.evidence.limit = 1000
    big = tmp_path / "会议记录.pdf"
    big.write_bytes(b"%PDF" + b"0" * 5000)
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    page.select(*page.model.ordered_pairs()[0])
    assert page.panel.attach_files([big]) == 0
    assert any("会议记录.pdf" in w for w in dialogs.visible_warnings())
    assert page.panel.form.evidenceList.count() == len(
        demo_window.session.store.answer(demo_window.session.inspection_id, *page.current_pair()).evidence)


def test_evidence_is_attached_and_removed(demo_window, tmp_path):
    shot = tmp_path / "首页截图.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    page.select(*page.model.ordered_pairs()[1])
    n = page.panel.form.evidenceList.count()
    assert page.panel.attach_files([shot]) == 1
    assert page.panel.form.evidenceList.count() == n + 1
    page.panel.form.evidenceList.setCurrentRow(n)
    page.panel.remove_evidence()
    assert page.panel.form.evidenceList.count() == n


def test_undo_puts_back_the_previous_verdict(qtbot, demo_window, na_reason):
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    pair = page.model.ordered_pairs()[3]
    page.select(*pair)
    before = demo_window.session.verdict(*pair)
    new = Verdict.NOT_APPLICABLE if before != Verdict.NOT_APPLICABLE else Verdict.COMPLIANT
    page.panel.choose(new)
    assert demo_window.session.store.answer(demo_window.session.inspection_id, *pair).verdict == new
    demo_window.undo_action.trigger()
    assert demo_window.session.store.answer(demo_window.session.inspection_id, *pair).verdict == before
    assert page.panel.buttons[before].isChecked() if before in page.panel.buttons else True


def test_bulk_answer_applies_one_verdict_to_the_selected_entities(demo_window, na_reason):
    s = demo_window.session
    groups = [eid for eid, kind, _ in s.entity_rows if kind == "group"][:3]
    item = s.items_by_scope["group"][0].id
    demo_window.check_page.apply_bulk(groups, item, Verdict.NOT_APPLICABLE)
    assert all(s.store.answer(s.inspection_id, g, item).verdict == Verdict.NOT_APPLICABLE for g in groups)
    assert {s.store.answer(s.inspection_id, g, item).na_reason for g in groups} == {"本单位仅使用该平台,不负责建设"}


def test_not_applicable_asks_for_a_reason_and_shows_it(demo_window, na_reason):
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    pair = next(p for p in page.model.ordered_pairs() if demo_window.session.verdict(*p) != Verdict.NOT_APPLICABLE)
    page.select(*pair)
    page.panel.choose(Verdict.NOT_APPLICABLE)
    assert na_reason == [""]
    assert "本单位仅使用该平台" in page.panel.naReasonLabel.text()


def test_not_applicable_without_a_reason_changes_nothing(demo_window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_na_reason", lambda _parent, current="": None)
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    pair = next(p for p in page.model.ordered_pairs() if demo_window.session.verdict(*p) != Verdict.NOT_APPLICABLE)
    page.select(*pair)
    before = demo_window.session.verdict(*pair)
    page.panel.choose(Verdict.NOT_APPLICABLE)
    assert demo_window.session.verdict(*pair) == before


def test_a_bad_deadline_in_the_problem_table_is_refused_and_shown(demo_window):
    demo_window.go(STEP_PROBLEMS)
    model = demo_window.problems_page.model
    index = model.index(0, 6)
    old = model.data(index)
    assert not model.setData(index, "明年春天")
    assert model.data(index) == old
    assert "整改时限应为日期" in demo_window.problems_page.form.summaryLabel.text()


def test_export_is_blocked_while_a_problem_lacks_its_rectification(demo_window):
    s = demo_window.session
    problem = s.store.problems(s.inspection_id)[0]
    s.save_problem(problem.entity_id, problem.item_id, measure="")
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert not page.form.exportButton.isEnabled()
    assert "有 1 处整改缺漏" in page.form.blockersLabel.text() and "缺少整改措施" in page.form.blockersLabel.text()
    page.gapButton.click()
    view = demo_window.problems_page.form.problemsView
    assert demo_window.current_step() == STEP_PROBLEMS
    assert view.currentIndex().column() == 4 and view.currentIndex().data() == ""


def test_the_export_step_writes_the_report_and_workbook(qtbot, demo_window, tmp_path):
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert page.form.exportButton.isEnabled(), page.form.blockersLabel.text()
    page.form.outDirEdit.setText(str(tmp_path / "导出"))
    page.form.signCheck.setChecked(False)
    page.form.docxCheck.setChecked(False)
    with qtbot.waitSignal(page.exported, timeout=60_000) as signal:
        qtbot.mouseClick(page.form.exportButton, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result.pdf.is_file() and result.workbook.is_file() and not result.signed
    qtbot.waitUntil(lambda: page.worker is None)


def test_a_wrong_passphrase_is_reported_and_nothing_is_written(qtbot, demo_window, tmp_path, monkeypatch):
    from app.signing.keys import new_unit_p12

    unit = demo_window.session.store.get_unit()
    p12 = tmp_path / "单位证书.p12"
    new_unit_p12(p12, unit.credit_code, unit.name, b"correct-horse-1")
    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *_: b"wrong-passphrase")
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    out = tmp_path / "导出"
    page.form.outDirEdit.setText(str(out))
    page.form.signCheck.setChecked(True)
    page.form.p12Edit.setText(str(p12))
    page.start_export()
    qtbot.waitUntil(lambda: page.worker is None, timeout=30_000)
    assert "口令" in page.form.resultLabel.text()
    assert not any(out.glob("*.pdf")) and not any(out.glob("*.xlsx"))


def test_a_database_that_cannot_be_opened_is_reported_and_left_untouched(qtbot, tmp_path):
    bad = tmp_path / "别人的文件.db"
    bad.write_bytes(b"this is a spreadsheet, not a database" * 10)
    before = bad.read_bytes()
    controller = AppController(bad)
    start = controller.first_window()
    assert "不是 selfcheck 数据库" in start.form.currentLabel.text()
    assert not start.form.continueButton.isEnabled() and not start.form.newBox.isEnabled()
    assert bad.read_bytes() == before
    start.close()


def test_a_backup_can_be_restored_from_the_start_screen(qtbot, demo_copy):
    from app.storage.backup import list_backups

    controller = AppController(demo_copy)
    controller.first_window()
    backup = list_backups(demo_copy)[0].path
    s = controller.store
    s.delete_entities([eid for eid, _, _ in s.entity_index(s.current_inspection().id)][:5])
    assert controller.restore_backup(backup)
    assert sum(controller.store.count_entities(controller.store.current_inspection().id).values()) == 50
    controller.close_db()
    controller.start_window.close()


def test_the_compiled_forms_match_the_designer_files():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, str(root / "scripts" / "build_forms.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("db_kind", ["new", "demo"])
def test_smoke_shows_the_first_window_and_exits_0(db_kind, demo_copy, tmp_path):
    db = demo_copy if db_kind == "demo" else tmp_path / "新.db"
    result = subprocess.run([sys.executable, "-m", "app", "--db", str(db), "--smoke"], capture_output=True,
                            text=True, timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "窗口已显示" in result.stderr


def test_a_unit_certificate_can_be_made_in_the_export_step_and_used_to_sign(qtbot, demo_window, tmp_path,
                                                                             monkeypatch):
    from app.signing.verify import verify_file

    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert page.create_key(tmp_path / "证书" / "单位.p12", b"unit-secret-1")
    assert page.form.signCheck.isChecked() and page.form.p12Edit.text().endswith("单位.p12")
    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *_: b"unit-secret-1")
    page.form.outDirEdit.setText(str(tmp_path / "导出"))
    page.form.docxCheck.setChecked(False)
    with qtbot.waitSignal(page.exported, timeout=60_000) as signal:
        page.start_export()
    result = signal.args[0]
    assert result.signed
    assert verify_file(result.pdf).status == verify_file(result.workbook).status == "valid_untrusted"
    qtbot.waitUntil(lambda: page.worker is None)


def test_without_a_display_the_program_says_so_instead_of_aborting(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "x.db")], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 1 and "没有可用的图形界面" in result.stderr


def test_a_new_certificate_never_overwrites_an_existing_file(demo_window, tmp_path):
    existing = tmp_path / "单位.p12"
    existing.write_bytes(b"the unit's real certificate")
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert not page.create_key(existing, b"unit-secret-1")
    assert existing.read_bytes() == b"the unit's real certificate"
    assert any("单位.p12" in w for w in dialogs.visible_warnings())
    assert page.form.p12Edit.text() == ""


def test_an_item_reworded_by_a_checklist_upgrade_asks_to_be_answered_again(demo_window):
    page = demo_window.check_page
    demo_window.go(STEP_CHECK)
    s = demo_window.session
    eid, item = page.model.ordered_pairs()[0]
    with s.store.transaction() as c:
        c.execute("INSERT INTO answer_review (inspection_id, entity_id, item_id, previous_item_id, reason, created_at,"
                  " previous_verdict, previous_note) VALUES (?, ?, ?, 'A05-01', '措辞已修改', '2025-11-20', '不符合',"
                  " '未接入统一身份认证')", (s.inspection_id, eid, item))
    page.select(eid, item)
    label = page.panel.reviewLabel
    assert label.isVisibleTo(page.panel) and "A05-01" in label.text() and "未接入统一身份认证" in label.text()
