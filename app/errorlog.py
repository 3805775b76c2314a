"""The logs of the command line and the wizard, in the data folder's ``logs/``.

- ``selfcheck.log``: what happened, through :mod:`logging` (each command's start, end and failure, the wizard's
  start and end, Qt's own warnings, the ``app.*`` loggers at INFO and above). Configured once per process by
  :func:`setup_logging`; it rotates at :data:`MAX_BYTES` keeping :data:`BACKUPS` old files, so it stays small.
- ``selfcheck-error.log``: the tracebacks of bugs. A bug must never show a traceback to the clerk, but it must
  leave one for whoever fixes it: the CLI's crash handler, the wizard's ``sys.excepthook`` and its background
  workers all write here, and their messages say where the file is. Started afresh past :data:`MAX_BYTES`
  (the previous one kept as ``.1``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from app import __version__
from app.paths import data_dir

LOG_NAME = "selfcheck-error.log"
ACTIVITY_NAME = "selfcheck.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LOGGER = "app"  # every module logs through logging.getLogger(__name__), under this one
_HANDLER_NAME = "selfcheck-file"


def log_path() -> Path:

    return data_dir() / "logs" / LOG_NAME


def log_exception(exc: BaseException | None = None, context: str = "") -> Path | None:
    """Append the traceback of ``exc`` (or of the exception being handled) with a time stamp; returns the
    log's path, or None when even the log cannot be written (a read-only stick)."""

    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        text = ("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) if exc is not None
                else traceback.format_exc())
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now().isoformat()} selfcheck {__version__} {context or sys.argv!r}\n")
            f.write(text)
        return path
    except OSError:
        return None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``app`` loggers to ``logs/selfcheck.log`` in the data folder (rotating, bounded); returns its
    path, or None when the data folder cannot be written (a read-only stick: then nothing is logged).

    Called by every start (CLI and wizard); calling it again adds no second handler, and a changed data
    folder (``SELFCHECK_HOME``) moves the log there."""
    logger = logging.getLogger(LOGGER)
    try:
        path = log_path().with_name(ACTIVITY_NAME)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        stop_logging()
        return None
    for handler in logger.handlers:
        if handler.get_name() == _HANDLER_NAME and Path(getattr(handler, "baseFilename", "")) == path:
            return path
    stop_logging()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def stop_logging() -> None:
    """Close and remove the handler :func:`setup_logging` added (tests; a data folder that went away)."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
        handler.close()


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
