"""The export step says where the files went, and a bug in its worker reaches the same log as the CLI's."""

from __future__ import annotations

import os
from pathlib import Path

from app.ui.main_window import STEP_EXPORT


def _ready(demo_window, out: Path):
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    page.form.outDirEdit.setText(str(out))
    page.form.signCheck.setChecked(False)
    page.form.docxCheck.setChecked(False)
    return page


def test_a_finished_export_names_the_folder_and_the_files(qtbot, demo_window, tmp_path):
    out = tmp_path / "上报材料"
    page = _ready(demo_window, out)
    with qtbot.waitSignal(page.exported, timeout=60_000) as signal:
        page.start_export()
    qtbot.waitUntil(lambda: page.worker is None)
    text = page.form.resultLabel.text()
    assert str(out) in text
    assert signal.args[0].pdf.name in text and signal.args[0].workbook.name in text


def test_an_internal_error_in_the_export_worker_is_logged_where_the_cli_logs(qtbot, demo_window, tmp_path,
                                                                              monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("报告排版时出现意外")

    monkeypatch.setattr("app.commands.export_service.export_inspection", broken)
    page = _ready(demo_window, tmp_path / "导出")
    page.start_export()
    qtbot.waitUntil(lambda: page.worker is None, timeout=30_000)
    log = Path(os.environ["SELFCHECK_HOME"]) / "logs" / "selfcheck-error.log"
    assert "RuntimeError: 报告排版时出现意外" in log.read_text(encoding="utf-8")
    assert str(log) in page.form.resultLabel.text()


def test_the_wizard_start_finishes_an_export_killed_mid_swap(tmp_path):
    import subprocess
    import sys

    from app.storage import files

    out = tmp_path / "导出"
    out.mkdir()
    (out / "报告.pdf").write_bytes(b"old report")
    (out / "一张表.xlsx").write_bytes(b"old workbook")
    killed = files.ExportSet(out, ["报告.pdf", "一张表.xlsx"])
    killed.path("报告.pdf").write_bytes(b"new report")
    killed.path("一张表.xlsx").write_bytes(b"new workbook")
    files._write_journal(killed.staging, killed.names, killed.names)
    os.replace(out / "报告.pdf", killed.old / "报告.pdf")  # the swap had moved the old report aside, then died
    killed._release()  # the process is gone: so is its lock
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "新.db"), "--smoke"], cwd=root,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["一张表.xlsx", "报告.pdf"]
    assert (out / "报告.pdf").read_bytes() == b"new report" and (out / "一张表.xlsx").read_bytes() == b"new workbook"

