"""Key files: owner-only on Linux; on Windows, where file modes protect nothing, the user is told so."""

from __future__ import annotations

import os
import stat

import pytest

from app.cli import main
from app.signing import keys
from app.signing.keys import new_unit_p12, private_file_note

CODE, NAME = "91110000600037341L", "某某县教育局"


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_unit_key_file_is_readable_by_its_owner_only(tmp_path):
    new_unit_p12(tmp_path / "单位证书.p12", CODE, NAME, b"passphrase-1")
    assert stat.S_IMODE((tmp_path / "单位证书.p12").stat().st_mode) == 0o600


def test_on_windows_the_note_names_the_file_and_says_what_protects_it(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "_platform", lambda: "nt")
    note = private_file_note(tmp_path / "单位证书.p12")
    assert "单位证书.p12" in note and "Windows" in note and "口令" in note


def test_on_linux_there_is_no_note(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "_platform", lambda: "posix")
    assert private_file_note(tmp_path / "单位证书.p12") is None


@pytest.mark.parametrize("command", [
    ["keys", "new", "--unit-code", CODE, "--unit-name", NAME, "--out", "{tmp}/单位证书.p12"],
    ["ca", "init", "--name", "浙江省委网信办", "--out", "{tmp}/ca"],
])
def test_the_command_line_prints_the_note_after_writing_a_key_on_windows(command, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(keys, "_platform", lambda: "nt")
    monkeypatch.setenv("KEY_PASS", "passphrase-1")
    assert main([a.format(tmp=tmp_path) for a in command] + ["--passphrase-env", "KEY_PASS"]) == 0
    out = capsys.readouterr().out
    assert "Windows 不会限制他人读取" in out and ("单位证书.p12" in out or "ca-key.pem" in out)
