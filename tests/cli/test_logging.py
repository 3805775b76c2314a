"""Every command leaves a line in the data folder's logs/selfcheck.log when it starts, ends or fails; the log
is configured once and stays small."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from app import errorlog
from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _log(home: Path) -> str:
    return (home / "logs" / errorlog.ACTIVITY_NAME).read_text(encoding="utf-8")


def test_a_command_logs_its_start_and_its_end(_isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["checklist", "--json"]) == 0
    text = _log(_isolated_home)
    assert "start: selfcheck checklist --json" in text
    assert "checklist done: exit 0" in text


def test_a_refused_command_logs_why(_isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "清单.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    assert main(["checklist", "--file", str(bad)]) == 1
    assert "WARNING app.cli: checklist failed:" in _log(_isolated_home)


def test_a_bug_is_logged_with_where_its_traceback_is(_isolated_home: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("app.cli.cmd_doctor", lambda _args: 1 / 0)
    assert main(["doctor", "--db", str(_isolated_home / "单位.db")]) == 3
    text = _log(_isolated_home)
    assert "ERROR app.cli: doctor internal error: ZeroDivisionError" in text
    assert errorlog.LOG_NAME in text
    assert "ZeroDivisionError" in (_isolated_home / "logs" / errorlog.LOG_NAME).read_text(encoding="utf-8")


def test_the_command_line_process_writes_the_log_too(tmp_path: Path):
    home = tmp_path / "数据"
    out = subprocess.run([sys.executable, "-m", "app", "checklist"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "SELFCHECK_HOME": str(home)}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "checklist done: exit 0" in _log(home)


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger(errorlog.LOGGER).handlers if isinstance(h, RotatingFileHandler)]


def test_setting_up_twice_adds_no_second_handler(_isolated_home: Path):
    first = errorlog.setup_logging()
    assert errorlog.setup_logging() == first == _isolated_home / "logs" / errorlog.ACTIVITY_NAME
    assert len(_our_handlers()) == 1


def test_another_data_folder_moves_the_log_without_a_second_handler(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch):
    errorlog.setup_logging()
    monkeypatch.setenv("SELFCHECK_HOME", str(tmp_path / "另一个"))
    errorlog.setup_logging()
    handlers = _our_handlers()
    assert len(handlers) == 1 and Path(handlers[0].baseFilename).parent == tmp_path / "另一个" / "logs"


def test_the_log_is_bounded(_isolated_home: Path):
    errorlog.setup_logging()
    handler = _our_handlers()[0]
    assert isinstance(handler, RotatingFileHandler)
    assert 0 < handler.maxBytes <= 10_000_000 and handler.backupCount >= 1


def test_a_read_only_data_folder_logs_nothing_and_fails_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "文件"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SELFCHECK_HOME", str(blocker / "数据"))  # under a file: nothing can be made there
    assert errorlog.setup_logging() is None
    assert _our_handlers() == []


def test_a_full_error_log_is_started_afresh_keeping_the_previous_one(_isolated_home: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(errorlog, "MAX_BYTES", 100)
    errors = _isolated_home / "logs" / errorlog.LOG_NAME
    errors.parent.mkdir(parents=True)
    errors.write_text("旧的记录\n" * 50, encoding="utf-8")
    assert errorlog.log_exception(ValueError("新的错误")) == errors
    assert "新的错误" in errors.read_text(encoding="utf-8") and "旧的记录" not in errors.read_text(encoding="utf-8")
    assert "旧的记录" in errors.with_name(errorlog.LOG_NAME + ".1").read_text(encoding="utf-8")
