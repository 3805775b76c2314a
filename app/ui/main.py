"""Start the GUI: set up fonts and language, open the database, show the start screen.

The controller owns the store and the windows; windows only emit what the user asked for. A database that
cannot be opened is reported on the start screen and never overwritten.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.core.errors import SelfcheckError
from app.errorlog import install_excepthook, setup_logging
from app.paths import default_db_path, is_writable_dir
from app.resources_check import data_problems, qt_plugin_problems, resource_problems
from app.storage.files import recover_pending_exports
from app.ui import dialogs
from app.ui.about_dialog import AboutDialog
from app.ui.app_setup import install_language, setup_application
from app.ui.labels import label
from app.ui.merge_dialog import MergeDialog
from app.ui.session import (
    Session,
    close_database,
    current_inspection_id,
    list_backups,
    open_database,
    overview,
    restore_backup,
    resumable_inspection_id,
    start_inspection,
)
from app.ui.start_window import StartWindow

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.session import Store


class AppController(QObject):
    def __init__(self, db_path: Path, lang: str = "zh_CN") -> None:
        super().__init__()
        self.db_path = db_path
        self.lang = lang
        self.store: Store | None = None
        self.session: Session | None = None
        self.error = ""
        self.start_window: StartWindow | None = None
        self.main_window: MainWindow | None = None
        self.merge_dialog: MergeDialog | None = None

    # ---- database -----------------------------------------------------------------------------------
    def open_db(self, path: Path) -> bool:
        """Open ``path`` (created when new); on failure keep the message and touch nothing."""
        self.close_db()
        self.db_path = path
        folder = path.parent if path.parent.exists() else None
        self.read_only = folder is not None and not is_writable_dir(folder)
        if self.read_only and not path.exists():
            self.store, self.error = None, self.tr("文件夹 %1 是只读的(例如写保护的U盘),无法在其中新建数据库。"
                                                   "请换一个可写的位置,或打开已有的数据库查看。").replace("%1", str(folder))
            return False
        try:
            self.store = open_database(path, self.read_only)  # with a rolling backup at each start
        except SelfcheckError as exc:
            self.store, self.error = None, str(exc)
            return False
        self.error = ""
        return True

    def close_db(self) -> None:
        if self.main_window is not None:
            self.main_window.flush()
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        self.session = None
        if self.store is not None:
            close_database(self.store)
            self.store = None

    # ---- windows ------------------------------------------------------------------------------------
    def _start_window(self) -> StartWindow:
        if self.start_window is None:
            w = self.start_window = StartWindow()
            w.continueRequested.connect(self.continue_inspection)
            w.newRequested.connect(self.new_inspection)
            w.openRequested.connect(self.choose_db)
            w.restoreRequested.connect(self.restore)
            w.mergeRequested.connect(self.show_merge)
            w.aboutRequested.connect(self.show_about)
        return self.start_window

    def show_start(self) -> StartWindow:
        if self.main_window is not None:
            self.main_window.flush()
            self.main_window.hide()
        window = self._start_window()
        self.refresh_start()
        window.show()
        return window

    def refresh_start(self) -> None:
        assert self.start_window is not None

        current, years = None, []
        if self.store is not None:
            seen = overview(self.store)
            years = seen.years
            if seen.year is not None:
                current = self.tr("%1 年度自查(%2):已答 %3/%4 项,%5").replace("%1", str(seen.year)) \
                    .replace("%2", seen.unit_name or self.tr("单位信息未填")) \
                    .replace("%3", str(seen.answered)).replace("%4", str(seen.total)) \
                    .replace("%5", label(seen.status))
        backups = len(list_backups(self.db_path))
        self.start_window.show_state(str(self.db_path), current, years, self.error, backups)

    def continue_inspection(self) -> None:
        if self.store is None:
            return

        inspection_id = current_inspection_id(self.store)
        if inspection_id is not None:
            self.show_main(inspection_id)

    def new_inspection(self, year: int, copy_ledger: bool) -> None:
        if self.store is None:
            return

        try:
            inspection_id = start_inspection(self.store, year, copy_ledger)
        except SelfcheckError as exc:
            dialogs.warn(self.start_window, self.tr("无法开始"), str(exc))
            return
        self.show_main(inspection_id)

    def show_main(self, inspection_id: int) -> None:
        # lazy: the start screen shows before the main window's pages are imported
        from app.ui.main_window import MainWindow

        assert self.store is not None
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
        self.session = Session(self.store, inspection_id)
        w = self.main_window = MainWindow(self.session)
        if self.read_only:
            w.set_read_only(self.tr("只读模式:数据所在的文件夹不可写(如写保护的U盘),只能查看,不能修改或导出。"))
        w.homeRequested.connect(self.show_start)
        w.aboutRequested.connect(self.show_about)
        w.languageRequested.connect(self.change_language)
        w.reopenRequested.connect(self.reopen_main)
        if self.start_window is not None:
            self.start_window.hide()
        w.show()

    def reopen_main(self, inspection_id: int, message: str) -> None:
        """Show the inspection again in a new window (after a checklist upgrade every page changes)."""
        self.show_main(inspection_id)
        if self.main_window is not None and message:
            self.main_window.show_banner(message)

    def choose_db(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.start_window, self.tr("打开数据库"), str(self.db_path.parent),
                                              self.tr("自查数据库 (*.db);;所有文件 (*)"))
        if path:
            self.open_db(Path(path))
            self.refresh_start()

    def restore(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        backups = list_backups(self.db_path)
        if not backups:
            return
        labels = [b.label for b in backups]
        label, ok = QInputDialog.getItem(self.start_window, self.tr("从备份恢复"),
                                         self.tr("选择要恢复的备份(当前数据会先另存一份备份):"), labels, 0, False)
        if not ok:
            return
        self.restore_backup(backups[labels.index(label)].path)

    def restore_backup(self, backup: Path) -> bool:
        self.close_db()
        try:
            restore_backup(backup, self.db_path)
        except SelfcheckError as exc:
            dialogs.warn(self.start_window, self.tr("恢复失败"), str(exc))
            self.open_db(self.db_path)
            self.refresh_start()
            return False
        self.open_db(self.db_path)
        self.refresh_start()
        return True

    def show_merge(self) -> None:
        if self.merge_dialog is None:
            self.merge_dialog = MergeDialog(self.start_window)
        self.merge_dialog.show()
        self.merge_dialog.raise_()

    def show_about(self) -> None:
        parent: QWidget | None = self.main_window if self.main_window and self.main_window.isVisible() \
            else self.start_window
        AboutDialog(self.db_path, parent).open()

    def change_language(self, lang: str) -> None:
        """Switch language by rebuilding the windows (every string is set at construction)."""
        app = QApplication.instance()
        if app is None:
            return
        self.lang = install_language(app, lang)
        inspection_id = self.session.inspection_id if self.session else None
        if self.main_window is not None:
            self.main_window.flush()
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        if self.start_window is not None:
            self.start_window.close()
            self.start_window.deleteLater()
            self.start_window = None
        if self.merge_dialog is not None:
            self.merge_dialog.deleteLater()
            self.merge_dialog = None
        if inspection_id is not None:
            self.show_start().hide()
            self.show_main(inspection_id)
        else:
            self.show_start()

    def begin(self) -> StartWindow:
        """Show the start screen at once, before the database (and the code that reads it) is loaded."""
        window = self._start_window()
        window.show_opening(str(self.db_path))
        window.show()
        return window

    def finish_start(self) -> QWidget:
        """Open the database; go straight back into the inspection that was open last time, if any."""
        self.open_db(self.db_path)
        if self.store is not None:
            inspection_id = resumable_inspection_id(self.store)
            if inspection_id is not None:
                self.show_main(inspection_id)
                assert self.main_window is not None
                return self.main_window
        return self.show_start()

    def first_window(self) -> QWidget:
        self.begin()
        return self.finish_start()


class _AfterFirstPaint(QObject):
    """Runs a callback once the watched window has painted for the first time."""

    def __init__(self, callback: Any) -> None:
        super().__init__()
        self.callback = callback
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)
        return False


def _no_display() -> bool:
    """On Linux without a display Qt aborts the process; say it plainly instead."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _install_error_log() -> None:
    """Uncaught errors in the wizard go to the CLI's error log, and the clerk is told where it is; Qt's own
    messages go to the activity log (and still to the console, as Qt prints them)."""
    from PySide6.QtCore import QCoreApplication

    setup_logging()
    install_excepthook(lambda text: dialogs.warn(QApplication.activeWindow(), QCoreApplication.translate(
        "AppController", "程序内部错误"), text))
    _route_qt_messages()


def _route_qt_messages() -> None:
    import contextlib

    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("app.ui.qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        with contextlib.suppress(Exception):  # a message about a message must never raise into Qt
            qt_log.log(levels.get(kind, logging.WARNING), "%s", message)
            if sys.stderr is not None:  # a windowed build has no console
                print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _recover_exports() -> None:
    """An export killed mid-way is finished or rolled back at the next start (the CLI does it too)."""
    import contextlib

    with contextlib.suppress(Exception):  # never keeps the wizard from starting; retried before every export
        recover_pending_exports()


def run_gui(db: Path | None = None, lang: str | None = None, smoke: bool = False) -> int:
    if _no_display():
        print("selfcheck: 没有可用的图形界面(未设置 DISPLAY 或 WAYLAND_DISPLAY)。请在桌面环境中运行,"
              "或使用命令行功能(selfcheck --help)。", file=sys.stderr)
        return 1
    plugin_dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath), *QCoreApplication.libraryPaths()]
    plugin_problems = qt_plugin_problems([Path(d) for d in plugin_dirs])
    if plugin_problems:  # Qt would abort the process with an English message: name the file instead
        print("selfcheck: 程序文件不完整,请重新复制整个程序文件夹:" + ";".join(plugin_problems), file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    used = setup_application(app, lang)
    _install_error_log()
    _recover_exports()
    missing = resource_problems(deep=False)
    if missing:
        print("selfcheck: 程序文件不完整:" + ";".join(missing), file=sys.stderr)
        if smoke:
            return 1
    path = Path(db) if db else default_db_path()
    logging.getLogger(__name__).info("wizard on %s (language %s)", path, used)
    controller = AppController(path, used)
    app.setProperty("controller", controller)  # keep it alive with the application
    start = controller.begin()
    result: dict[str, Any] = {}

    def continue_start() -> None:
        if smoke:
            print("selfcheck: first-window", file=sys.stderr, flush=True)  # the benchmark times this line
        if not missing:
            missing.extend(data_problems())
        window = result["window"] = controller.finish_start()
        if missing:
            dialogs.warn(window, controller.tr("程序文件不完整"),
                         controller.tr("以下程序文件缺失或损坏,请重新安装:") + "\n" + "\n".join(missing))
        if smoke:
            result["shown"] = window.isVisible() and not window.grab().isNull() and not missing
            app.quit()

    watcher = _AfterFirstPaint(continue_start)
    start.installEventFilter(watcher)
    def without_a_paint_event() -> None:  # some platforms send none to an offscreen window: go on anyway
        if not watcher.done:
            watcher.done = True
            continue_start()

    QTimer.singleShot(1000, without_a_paint_event)
    code = app.exec()
    controller.close_db()
    if smoke:
        shown = bool(result.get("shown"))
        title = result["window"].windowTitle() if "window" in result else ""
        print(f"selfcheck: 窗口已显示({title})" if shown else "selfcheck: 窗口未能显示", file=sys.stderr)
        return 0 if shown else 1
    return code
