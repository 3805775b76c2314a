"""The wizard window: a visible step list, the six steps, progress always in view, and "已保存"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QWidget

from app.ui.app_setup import LANGUAGES
from app.ui.forms.main_window_ui import Ui_MainWindow
from app.ui.pages.check_page import CheckPage
from app.ui.pages.export_page import ExportPage
from app.ui.pages.ledger_page import LedgerPage
from app.ui.pages.problems_page import ProblemsPage
from app.ui.pages.unit_page import UnitPage
from app.ui.session import Session

STEP_UNIT, STEP_LEDGER, STEP_CHECK, STEP_UNIT_ITEMS, STEP_PROBLEMS, STEP_EXPORT = range(6)


def _percent(done: int, total: int) -> str:
    return f"{100 * done // total}%" if total else "—"


def _mark(done: int, total: int) -> str:
    """✓ only when every item is answered; otherwise the percentage, rounded down (99% never shows 100%)."""
    return "✓" if total and done >= total else _percent(done, total)


class _NoTypeAhead(QObject):
    """Swallows printable keys (no Ctrl/Alt) on the widget it watches."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if not mods and event.text() and event.text().isprintable():
                return True
        return super().eventFilter(watched, event)


class MainWindow(QMainWindow):
    homeRequested = Signal()
    aboutRequested = Signal()
    languageRequested = Signal(str)
    reopenRequested = Signal(int, str)  # the inspection to show again, and what to say on top of it

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_MainWindow()
        self.form.setupUi(self)
        f = self.form
        self.update_title()
        self.unit_page = UnitPage(session)
        self.ledger_page = LedgerPage(session)
        self.check_page = CheckPage(session)
        self.unit_items_page = CheckPage(session, unit_mode=True)
        self.problems_page = ProblemsPage(session)
        self.export_page = ExportPage(session)
        self.pages: list[QWidget] = [self.unit_page, self.ledger_page, self.check_page, self.unit_items_page,
                                     self.problems_page, self.export_page]
        self.titles = [self.tr("单位信息"), self.tr("台账登记"), self.tr("逐条自查"), self.tr("单位层面"),
                       self.tr("问题与整改"), self.tr("签名导出")]
        self.hints = [
            self.tr("填写单位名称、统一社会信用代码和行政区划代码。"),
            self.tr("登记本单位的政务应用程序、公众账号和工作群组;可从工作簿导入或粘贴。"),
            self.tr("逐个对象逐条作答:数字键 1–4 选择结论,回车跳到下一未答项,Ctrl+Z 撤销上一次作答。"),
            self.tr("回答针对本单位整体的检查项(数字键 1–4,回车下一项)。"),
            self.tr("每个问题都要写明整改措施、责任人和整改时限。"),
            self.tr("核对概况、修改报告文字,然后导出并签名。"),
        ]
        for page in self.pages:
            f.stack.addWidget(page)
        for title in self.titles:
            f.stepList.addItem(QListWidgetItem(title))
        f.stepList.currentRowChanged.connect(self.go)
        # Typing a digit or a letter on the step list must not jump to a step (Qt's keyboard search would:
        # a date typed after Tab left a table switched the wizard to step 2). Arrows and clicks still move.
        self._step_keys = _NoTypeAhead(self)
        f.stepList.installEventFilter(self._step_keys)
        f.backButton.clicked.connect(lambda: self.go(max(0, f.stack.currentIndex() - 1)))
        f.nextButton.clicked.connect(lambda: self.go(min(len(self.pages) - 1, f.stack.currentIndex() + 1)))
        f.homeButton.clicked.connect(self.homeRequested.emit)
        self.saved_label = QLabel("")  # says 已保存 only once something has been saved
        self._last_stamp = ""  # the last "已保存 …", shown again when a page's own remark is left behind
        self.saved_label.setObjectName("savedLabel")
        f.statusbar.addPermanentWidget(self.saved_label)
        session.saved.connect(self._saved)
        self._build_menus()
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setInterval(150)
        self.progress_timer.timeout.connect(self.update_progress)
        session.answersChanged.connect(self.progress_timer.start)
        session.ledgerChanged.connect(self.progress_timer.start)
        session.problemsChanged.connect(self.progress_timer.start)
        session.problemsEdited.connect(self.progress_timer.start)
        session.unitChanged.connect(self.update_title)
        session.unitChanged.connect(self.update_progress)
        self.export_page.gapRequested.connect(self.go_to_gap)
        self._build_banner()
        self.newer = session.newer_checklist()
        self.upgrade_action.setVisible(self.newer is not None)
        if self.newer is not None:
            self.show_banner(self.tr("本次自查使用的检查清单为 %1 版,已有新版 %2:可在“文件 → 升级到最新检查清单”中升级"
                                     "(已有答复不会删除)。").replace("%1", session.checklist.version)
                             .replace("%2", self.newer.version))
        self.export_page.resultReady.connect(self.show_banner)
        self.state_timer = QTimer(self)
        self.state_timer.setSingleShot(True)
        self.state_timer.setInterval(1500)
        self.state_timer.timeout.connect(self.save_state)
        self.check_page.panel.answered.connect(lambda *_: self.state_timer.start())
        self.unit_items_page.panel.answered.connect(lambda *_: self.state_timer.start())
        self.update_progress()
        self.resize(1280, 760)
        step = int(session.ui_state().get("step", STEP_UNIT))
        self.go(step if 0 <= step < len(self.pages) else STEP_UNIT)

    def _build_banner(self) -> None:
        """Outcomes (export, signing, certificates) at the top of the window, where the eye is."""
        from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

        self.banner = QFrame()
        self.banner.setObjectName("resultBanner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 6, 6)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("bannerLabel")
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(self.banner_label.textInteractionFlags()
                                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_folder = QPushButton(self.tr("打开所在文件夹"))
        self.banner_folder.setObjectName("bannerFolderButton")
        close = QPushButton("×")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("关闭提示"))
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_folder)
        row.addWidget(close)
        self.banner_folder.clicked.connect(self._open_banner_folder)
        close.clicked.connect(self.banner.hide)
        self.banner.hide()
        self.banner_path = ""
        self.form.mainLayout.insertWidget(1, self.banner)

    def show_banner(self, text: str, folder: str = "", ok: bool = True) -> None:
        colour = "#e8f5e9; border: 1px solid #66bb6a" if ok else "#fdecea; border: 1px solid #e57373"
        self.banner.setStyleSheet(f"QFrame#resultBanner {{ background: {colour}; }}")
        self.banner_label.setText(text)
        self.banner_path = folder
        self.banner_folder.setVisible(bool(folder))
        self.banner.show()

    def _open_banner_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.banner_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.banner_path))

    def update_title(self) -> None:
        unit = self.session.unit()
        self.setWindowTitle(self.tr("%1 年度自查 — %2").replace("%1", str(self.session.inspection.year))
                            .replace("%2", unit.name if unit else self.tr("新单位")))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        home = QAction(self.tr("返回首页"), self)
        home.triggered.connect(self.homeRequested.emit)
        file_menu.addAction(home)
        template = QAction(self.tr("导出空白模板工作簿…"), self)
        template.triggered.connect(self.export_template)
        file_menu.addAction(template)
        self.upgrade_action = QAction(self.tr("升级到最新检查清单…"), self)
        self.upgrade_action.triggered.connect(self.upgrade_checklist)
        file_menu.addAction(self.upgrade_action)
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.undo_action = QAction(self.tr("撤销上一次作答"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        edit_menu.addAction(self.undo_action)
        settings = bar.addMenu(self.tr("设置(&S)"))
        lang_menu = settings.addMenu(self.tr("界面语言"))
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.triggered.connect(lambda _c=False, c=code: self.languageRequested.emit(c))
            lang_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.aboutRequested.emit)
        help_menu.addAction(about)

    # ---- navigation ---------------------------------------------------------------------------------
    def go(self, step: int) -> None:
        f = self.form
        current = f.stack.currentWidget()
        if isinstance(current, CheckPage):
            current.panel.flush()
        f.stack.setCurrentIndex(step)
        self.saved_label.setText(self._last_stamp)
        if f.stepList.currentRow() != step:
            f.stepList.blockSignals(True)
            f.stepList.setCurrentRow(step)
            f.stepList.blockSignals(False)
        f.pageTitle.setText(f"{step + 1}. {self.titles[step]}")
        f.pageHint.setText(self.hints[step])
        f.backButton.setEnabled(step > 0)
        f.nextButton.setEnabled(step < len(self.pages) - 1)
        page = self.pages[step]
        if isinstance(page, CheckPage):
            page.show_first()
            page.form.tree.setFocus()
        self.session.save_ui_state(step=step)

    def go_to_gap(self, gap: Any) -> None:
        """Open what a rectification gap points at: the problem's empty cell, or the contradicted answer."""
        from app.core.rectification import INCOMPLETE

        if gap.kind == INCOMPLETE and gap.group is not None:
            self.go(STEP_PROBLEMS)
            if self.problems_page.select_group(gap.group):
                return
        page = self.unit_items_page if gap.entity_id == 0 else self.check_page
        self.go(STEP_UNIT_ITEMS if gap.entity_id == 0 else STEP_CHECK)
        page.select(gap.entity_id, gap.item_id)

    def set_read_only(self, message: str) -> None:
        """View only: every control that would write is disabled, and the reason is always in view."""
        from PySide6.QtWidgets import QAbstractItemView

        self.read_only_label = QLabel(message)
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.form.statusbar.addWidget(self.read_only_label, 1)
        self.unit_page.setEnabled(False)
        lf = self.ledger_page.form
        for w in (lf.addButton, lf.editButton, lf.deleteButton, lf.importButton, lf.pasteButton):
            w.setEnabled(False)
        for page in (self.check_page, self.unit_items_page):
            page.read_only = True
            page.form.bulkButton.setEnabled(False)
            page.panel.set_read_only()
        self.problems_page.form.problemsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.export_page.set_read_only()
        self.undo_action.setEnabled(False)
        self.upgrade_action.setEnabled(False)

    def current_step(self) -> int:
        return self.form.stack.currentIndex()

    def update_progress(self) -> None:
        s, f = self.session, self.form
        unit_ok = s.unit() is not None
        counts = s.entity_counts()
        entity_done, entity_total = s.tally(("app", "account", "group"))
        unit_done, unit_total = s.tally(("unit",))
        gaps = len(s.rectification_gaps())
        all_answered = entity_total + unit_total > 0 and entity_done + unit_done >= entity_total + unit_total
        marks = [
            "✓" if unit_ok else self.tr("未填"),
            str(sum(counts.values())),
            _mark(entity_done, entity_total),
            _mark(unit_done, unit_total),
            self.tr("%1 项待补").replace("%1", str(gaps)) if gaps else ("✓" if all_answered else ""),
            "",
        ]
        for n, (title, mark) in enumerate(zip(self.titles, marks, strict=True)):
            f.stepList.item(n).setText(f"{n + 1}  {title}  {mark}".rstrip())
        done, total = entity_done + unit_done, entity_total + unit_total
        f.overallBar.setMaximum(max(total, 1))
        f.overallBar.setValue(done)
        f.overallBar.setFormat(f"{done}/{total}  %p%")

    def _saved(self, when: str) -> None:
        if ":" in when and len(when) <= 8:  # a save's time stamp: it stays until the next save
            self._last_stamp = self.tr("已保存 %1").replace("%1", when)
            self.saved_label.setText(self._last_stamp)
        else:  # a page's own remark: it belongs to that page, so leaving the step takes it away
            self.saved_label.setText(when)

    def undo(self) -> None:
        """Undo the last answer where it was given; a bulk action is undone whole and the view stays put."""
        if not self.session.can_undo():
            self.saved_label.setText(self.tr("没有可撤销的作答"))
            return
        bulk = self.session.last_is_bulk()
        where = self.session.undo()
        if bulk or where is None:
            self.saved_label.setText(self.tr("已撤销上一次批量操作"))
            return
        page = self.unit_items_page if where[0] == 0 else self.check_page
        self.go(STEP_UNIT_ITEMS if where[0] == 0 else STEP_CHECK)
        page.model.refresh_pair(*where)
        page.select(*where)
        page.panel.show_pair(*where)

    def export_template(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from app.commands.export_service import export_template
        from app.ui import dialogs

        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存空白模板的文件夹"))
        if not folder:
            return
        try:
            path = export_template(Path(folder))
        except Exception as exc:  # SelfcheckError or OSError: say it plainly
            dialogs.warn(self, self.tr("导出失败"), str(exc))
            return
        self.saved_label.setText(self.tr("空白模板已保存:%1").replace("%1", str(path)))

    # ---- state --------------------------------------------------------------------------------------
    def upgrade_checklist(self) -> None:
        """Move the inspection to the newer checklist after the clerk agrees, then show it again on the new one."""
        from app.ui import dialogs

        if self.newer is None:
            return
        old = self.session.checklist.version
        text = (self.tr("把本次自查从检查清单 %1 版升级到 %2 版?\n\n升级前自动备份数据库。措辞未变的检查项原样带入答复;"
                        "措辞已改的检查项需要重新作答,原来的结论和说明会显示在旁边备查;不再检查的项目其答复仍可查看。"
                        "任何答复都不会删除。").replace("%1", old).replace("%2", self.newer.version))
        if not dialogs.confirm(self, self.tr("升级检查清单"), text):
            return
        self.flush()
        try:
            up = self.session.upgrade_checklist(self.newer)
        except Exception as exc:  # SelfcheckError or OSError: nothing was changed (one transaction)
            dialogs.warn(self, self.tr("升级失败"), self.tr("检查清单未升级,数据未改动:%1").replace("%1", str(exc)))
            return
        summary = (self.tr("检查清单已从 %1 版升级到 %2 版:原样带入答复 %3 条,需重新作答 %4 项(原结论保留备查),"
                           "答复 %5 条,无一删除。")
                   .replace("%1", up.from_version).replace("%2", up.to_version).replace("%3", str(up.carried))
                   .replace("%4", str(up.review)).replace("%5", str(up.answers_after)))
        self.reopenRequested.emit(self.session.inspection_id, summary)

    def save_state(self) -> None:
        state: dict[str, Any] = {"step": self.current_step(), "check": self.check_page.remember(),
                                 "unit_items": self.unit_items_page.remember()}
        self.session.save_ui_state(**state)

    def flush(self) -> None:
        for page in (self.check_page, self.unit_items_page):
            page.panel.flush()
        self.unit_page.save()
        self.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.export_page.worker is not None:
            self.export_page.worker.wait()
        self.flush()
        self.progress_timer.stop()
        self.state_timer.stop()
        super().closeEvent(event)
