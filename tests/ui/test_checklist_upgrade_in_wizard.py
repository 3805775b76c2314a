"""An inspection started on an older checklist: the wizard says a newer one is shipped and, once the clerk
agrees, moves the answers over (after a backup) and shows the inspection again on the new checklist."""

from __future__ import annotations

import pytest

from app.core.model import UNIT_ENTITY, Verdict
from app.storage import open_store
from app.storage.backup import list_backups
from app.ui.main import AppController
from tests.conftest import INSPECTION_DAY, shipped_checklist


@pytest.fixture
def v1_db(tmp_path, unit):
    path = tmp_path / "西湖区数据资源管理局.db"
    with open_store(path) as store:
        store.save_unit(unit)
        insp = store.start_inspection(2025, shipped_checklist("2024.1"), inspection_date=INSPECTION_DAY)
        app = store.add_entity(insp.id, "app", {"name": "西湖掌上办", "app_type": "小程序", "sponsor": unit.name})
        store.set_answer(insp.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "党组会议传达")
        store.set_answer(insp.id, app.id, "A03-01", Verdict.PARTIAL, "规划笼统提及")
        store.save_problem(insp.id, app.id, "A03-01", description="“西湖掌上办”未在规划中单列")
    return path


@pytest.fixture
def v1_window(qtbot, v1_db):
    controller = AppController(v1_db)
    controller.first_window()
    controller.continue_inspection()
    qtbot.waitExposed(controller.main_window)
    yield controller
    controller.close_db()
    controller.start_window.close()


def test_an_older_checklist_is_pointed_out_with_the_way_to_upgrade(v1_window):
    window = v1_window.main_window
    assert window.upgrade_action.isVisible()
    assert "2024.1" in window.banner_label.text() and "升级到最新检查清单" in window.banner_label.text()


def test_upgrading_in_the_wizard_carries_the_answers_and_reopens_on_the_new_checklist(v1_window, v1_db,
                                                                                       confirm_yes):
    old = v1_window.main_window
    old.upgrade_action.trigger()
    window = v1_window.main_window
    assert window is not old and window.session.checklist.version == "2025.1"
    assert "升级到 2025.1 版" in window.banner_label.text() and "无一删除" in window.banner_label.text()
    assert window.session.verdict(window.session.entity_rows[0][0], "A03-01") == Verdict.PARTIAL
    assert window.session.newer_checklist() is None and not window.upgrade_action.isVisible()
    assert any(b.reason == "checklist-upgrade" for b in list_backups(v1_db))
    assert "任何答复都不会删除" in confirm_yes[0]


def test_declining_the_upgrade_changes_nothing(v1_window, monkeypatch):
    from app.ui import dialogs

    monkeypatch.setattr(dialogs, "confirm", lambda *_: False)
    old = v1_window.main_window
    old.upgrade_action.trigger()
    assert v1_window.main_window is old and old.session.checklist.version == "2024.1"


def test_a_current_checklist_offers_no_upgrade(demo_window):
    assert demo_window.session.newer_checklist() is None and not demo_window.upgrade_action.isVisible()
