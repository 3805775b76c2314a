"""One error log for the command line and the wizard: ``logs/selfcheck-error.log`` in the data folder.

A bug must never show a traceback to the clerk, but it must leave one for whoever fixes it: the CLI's crash
handler, the wizard's ``sys.excepthook`` and its background workers all write here, and their messages say
where the file is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

LOG_NAME = "selfcheck-error.log"


def log_path() -> Path:
    from app.paths import data_dir

    return data_dir() / "logs" / LOG_NAME


def log_exception(exc: BaseException | None = None, context: str = "") -> Path | None:
    """Append the traceback of ``exc`` (or of the exception being handled) with a time stamp; returns the
    log's path, or None when even the log cannot be written (a read-only stick)."""
    from app import __version__

    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        text = ("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) if exc is not None
                else traceback.format_exc())
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now().isoformat()} selfcheck {__version__} {context or sys.argv!r}\n")
            f.write(text)
        return path
    except OSError:
        return None


def setup_logging() -> Path | None:
    """Warnings and errors logged through :mod:`logging` (and Qt's own messages, routed there by the
    wizard) go to the same file."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    root = logging.getLogger("selfcheck")
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("--- %(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    return path


def crash_message(exc: BaseException, path: Path | None) -> str:
    where = f"详情已记录到 {path}" if path else "详情未能写入日志(数据文件夹不可写)"
    return f"程序内部错误:{type(exc).__name__}: {exc}。已保存的数据不受影响;{where}。"


def install_excepthook(show: object) -> None:
    """In the wizard: an uncaught exception is logged and shown plainly via ``show(message)``."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        path = log_exception(exc, "gui")
        with contextlib.suppress(Exception):  # the message box itself failed: the log has it
            show(crash_message(exc, path))  # type: ignore[operator]

    sys.excepthook = hook
