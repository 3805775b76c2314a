"""Making a unit certificate in the export step on Windows says that file permissions do not protect it."""

from __future__ import annotations

from app.signing import keys
from app.ui.main_window import STEP_EXPORT


def test_the_export_step_tells_a_windows_user_where_to_keep_the_new_certificate(demo_window, tmp_path,
                                                                                monkeypatch):
    monkeypatch.setattr(keys, "_platform", lambda: "nt")
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert page.create_key(tmp_path / "证书" / "单位.p12", b"unit-secret-1")
    shown = page.form.resultLabel.text()
    assert "已生成单位证书" in shown and "Windows 不会限制他人读取" in shown


def test_on_linux_the_message_has_no_windows_note(demo_window, tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "_platform", lambda: "posix")
    demo_window.go(STEP_EXPORT)
    page = demo_window.export_page
    assert page.create_key(tmp_path / "证书" / "单位.p12", b"unit-secret-1")
    assert "Windows" not in page.form.resultLabel.text()
