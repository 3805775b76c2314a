"""The provincial tools in the GUI: files in, progress, verdicts in a table, the master workbook out."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from app.commands.export_service import workbook_data
from app.signing.keys import load_signer, new_unit_p12
from app.signing.workbook import signature_meta
from app.storage import Store
from app.ui.merge_dialog import MergeDialog
from app.workbook.writer import write_workbook


def test_the_merge_dialog_merges_good_files_and_lists_the_bad_one_with_its_reason(qtbot, demo_copy, tmp_path,
                                                                                   monkeypatch):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    with Store(demo_copy) as store:
        unit = store.get_unit()
        new_unit_p12(tmp_path / "unit.p12", unit.credit_code, unit.name, b"passphrase-1")
        signer = load_signer(tmp_path / "unit.p12", b"passphrase-1")
        data = workbook_data(store, store.current_inspection().id)
        data.meta.update(signature_meta(data, signer, None))
        write_workbook(data, inbox / "西湖区_一张表.xlsx")
    (inbox / "说明.xlsx").write_text("请查收附件", encoding="utf-8")
    shutil.copy(inbox / "西湖区_一张表.xlsx", inbox / "西湖区_一张表(重复).xlsx")

    dialog = MergeDialog(db=tmp_path / "province.db")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_inputs([inbox])
    dialog.form.outEdit.setText(str(tmp_path / "省级汇总.xlsx"))
    monkeypatch.setattr(dialog, "ask_trust", lambda: "accept")  # no CA file: the province accepts explicitly
    with qtbot.waitSignal(dialog.finishedMerge, timeout=120_000) as signal:
        qtbot.mouseClick(dialog.form.startButton, Qt.MouseButton.LeftButton)
    report = signal.args[0]
    assert (len(report.accepted), len(report.duplicates), len(report.rejected)) == (1, 1, 1)
    rows = {dialog.model.data(dialog.model.index(r, 0)): dialog.model.data(dialog.model.index(r, 2))
            for r in range(dialog.model.rowCount())}
    assert "文本文件" in rows["说明.xlsx"]
    assert (tmp_path / "省级汇总.xlsx").is_file() and dialog.form.openMasterButton.isEnabled()
    assert "接收 1 个,重复 1 个,退回 1 个" in dialog.form.countsLabel.text()
    qtbot.waitUntil(lambda: dialog.worker is None)


def test_starting_without_inputs_says_what_is_missing(qtbot, tmp_path):
    from app.ui import dialogs

    dialog = MergeDialog(db=tmp_path / "province.db")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    assert dialog.worker is None
    assert any("请先添加要汇总的工作簿" in w for w in dialogs.visible_warnings())
    assert not (tmp_path / "province.db").exists()
    dialogs.close_warnings()


def test_without_a_ca_file_the_province_must_decide_and_cancelling_starts_nothing(qtbot, tmp_path, monkeypatch):
    dialog = MergeDialog(db=tmp_path / "province.db")
    qtbot.addWidget(dialog)
    dialog.add_inputs([tmp_path])
    asked = []
    monkeypatch.setattr(dialog, "ask_trust", lambda: asked.append(True))
    dialog.start()
    assert asked and dialog.worker is None and not (tmp_path / "province.db").exists()


def test_the_trust_question_offers_the_ca_file_or_explicit_acceptance(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = MergeDialog(db=tmp_path / "province.db")
    qtbot.addWidget(dialog)
    seen: list[list[str]] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "接收未经认证的签名").click()

    QTimer.singleShot(200, answer)
    assert dialog.ask_trust() == "accept"
    assert "选择证书机构证书…" in seen[0]


def test_the_officer_chooses_the_province_other_provinces_and_the_detail(qtbot, tmp_path, monkeypatch):
    from app.merge import service

    seen = {}

    def fake_merge(inputs, out, **kwargs):
        seen.update(kwargs)
        return service.MergeReport()

    monkeypatch.setattr(service, "merge_files", fake_merge)
    dialog = MergeDialog(db=tmp_path / "province.db")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_inputs([tmp_path])
    dialog.form.provinceEdit.setText("浙江省")
    dialog.form.allowOtherCheck.setChecked(True)
    dialog.form.detailCombo.setCurrentIndex(dialog.form.detailCombo.findData("full"))
    monkeypatch.setattr(dialog, "ask_trust", lambda: "accept")
    with qtbot.waitSignal(dialog.finishedMerge, timeout=30_000):
        dialog.start()
    assert (seen["province"], seen["allow_other_provinces"], seen["detail"]) == ("浙江省", True, "full")
    assert seen["accept_untrusted"] is True and seen.get("trust") is None
    assert dialog.form.detailCombo.itemData(0) == "region"  # the default: one workbook per prefecture
    qtbot.waitUntil(lambda: dialog.worker is None)
