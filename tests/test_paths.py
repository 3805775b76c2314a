"""Where data lives: SELFCHECK_HOME, then a portable folder beside the frozen program, then the user folder."""

import sys

import app.paths as paths


def test_selfcheck_home_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SELFCHECK_HOME", str(tmp_path / "数据"))
    assert paths.data_dir() == tmp_path / "数据"


def test_a_portable_folder_beside_the_frozen_program_holds_the_data(tmp_path, monkeypatch):
    monkeypatch.delenv("SELFCHECK_HOME", raising=False)
    (tmp_path / "portable").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "selfcheck"))
    assert paths.data_dir() == tmp_path / "portable"
    assert paths.default_db_path() == tmp_path / "portable" / "selfcheck.db"


def test_without_a_portable_folder_the_per_user_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("SELFCHECK_HOME", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "selfcheck"))
    assert paths.data_dir() != tmp_path / "portable"
    assert "selfcheck" in str(paths.data_dir())


def test_a_writable_folder_is_detected_by_a_real_probe(tmp_path):
    assert paths.is_writable_dir(tmp_path)
    assert not paths.is_writable_dir(tmp_path / "不存在的文件夹")
