"""The provincial tools: choose or drop unit workbooks, merge them in the background, see every verdict.

The merge itself is :func:`app.merge.service.merge_files` (the same code as `selfcheck merge`); this
dialog only collects the inputs, shows progress and lists accepted, duplicate and rejected files.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QWidget

from app.core.errors import SelfcheckError
from app.ui import dialogs
from app.ui.forms.merge_dialog_ui import Ui_MergeDialog

Index = QModelIndex | QPersistentModelIndex


class MergeWorker(QThread):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, inputs: list[Path], out: Path, db: Path | None, trust: Path | None,
                 options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.inputs, self.out, self.db, self.trust = inputs, out, db, trust
        self.options = options or {}  # province, allow_other_provinces, detail, accept_untrusted
        self.cancel = threading.Event()

    def run(self) -> None:
        # lazy: the wizard starts without the merge code
        from app.merge.service import merge_files

        try:
            report = merge_files(self.inputs, self.out, db=self.db, trust=self.trust,
                                 progress_callback=lambda d, t, f: self.progressed.emit(d, t, f), cancel=self.cancel,
                                 start_method="spawn",  # never fork a process that runs Qt threads
                                 **self.options)
        except SelfcheckError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: say it plainly rather than crash the window
            self.failed.emit(f"汇总失败:{type(exc).__name__}: {exc}")
        else:
            self.done.emit(report)


class ResultsModel(QAbstractTableModel):
    """One row per input file: 文件, 结果, 单位或原因."""

    COLORS: ClassVar[dict[str, str]] = {"accepted": "#2e7d32", "duplicate": "#607d8b", "rejected": "#c62828"}

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str, str]] = []  # status key, file, label, detail

    def set_report(self, report: Any) -> None:
        self.beginResetModel()
        rows = [("rejected", r.file, self.tr("退回"), ";".join(r.reasons)) for r in report.rejected]
        rows += [("duplicate", d.file, self.tr("重复"), d.reason) for d in report.duplicates]
        rows += [("accepted", a.file, self.tr("已汇总"),
                  f"{a.unit_name}({a.unit_code},{a.year}年度)" + (f";{a.replaced}" if a.replaced else "")
                  + (f";{';'.join(a.warnings)}" if a.warnings else "")) for a in report.accepted]
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("文件"), self.tr("结果"), self.tr("单位或原因"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        status, file, label, detail = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (Path(file).name if role == Qt.ItemDataRole.DisplayRole else file, label, detail)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(self.COLORS[status]))
        return None


class MergeDialog(QDialog):
    finishedMerge = Signal(object)

    def __init__(self, parent: QWidget | None = None, db: Path | None = None) -> None:
        super().__init__(parent)
        # lazy: the wizard starts without the merge code
        from app.merge.service import default_db

        self.form = Ui_MergeDialog()
        self.form.setupUi(self)
        f = self.form
        self.db = db or default_db()
        self.worker: MergeWorker | None = None
        self.report: Any = None
        self.model = ResultsModel()
        f.resultsView.setModel(self.model)
        f.resultsView.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        f.resultsView.horizontalHeader().resizeSection(0, 320)
        f.dbValue.setText(str(self.db))
        f.outEdit.setText(str(Path.home() / "省级汇总.xlsx"))
        f.cancelButton.setEnabled(False)
        f.openMasterButton.setEnabled(False)
        for key, label in (("region", self.tr("每个地市一个明细工作簿(推荐)")), ("none", self.tr("只输出汇总工作簿")),
                           ("full", self.tr("完整明细(CSV 文件)"))):
            f.detailCombo.addItem(label, key)
        f.addFilesButton.clicked.connect(self._choose_files)
        f.addFolderButton.clicked.connect(self._choose_folder)
        f.clearButton.clicked.connect(f.inputsList.clear)
        f.outButton.clicked.connect(self._choose_out)
        f.trustButton.clicked.connect(self._choose_trust)
        f.startButton.clicked.connect(self.start)
        f.cancelButton.clicked.connect(self.stop)
        f.openMasterButton.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(f.outEdit.text())))
        f.closeButton.clicked.connect(self.close)
        self.setAcceptDrops(True)

    # ---- inputs -------------------------------------------------------------------------------------
    def add_inputs(self, paths: list[Path]) -> None:
        existing = {self.form.inputsList.item(i).text() for i in range(self.form.inputsList.count())}
        for p in paths:
            if str(p) not in existing:
                self.form.inputsList.addItem(str(p))

    def inputs(self) -> list[Path]:
        return [Path(self.form.inputsList.item(i).text()) for i in range(self.form.inputsList.count())]

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择单位工作簿"), "", self.tr("Excel 工作簿 (*.xlsx)"))
        self.add_inputs([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放工作簿的文件夹"))
        if folder:
            self.add_inputs([Path(folder)])

    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("汇总工作簿保存为"), self.form.outEdit.text(),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.form.outEdit.setText(path)

    def _choose_trust(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择证书机构证书"), "", self.tr("证书 (*.pem *.crt)"))
        if path:
            self.form.trustEdit.setText(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_inputs([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    # ---- running ------------------------------------------------------------------------------------
    def start(self) -> None:
        f = self.form
        if self.worker is not None:
            return
        if not self.inputs():
            dialogs.warn(self, self.tr("省级汇总"), self.tr("请先添加要汇总的工作簿或文件夹"))
            return
        accept_untrusted = False
        if not f.trustEdit.text().strip():
            decision = self.ask_trust()
            if decision == "ca":
                self._choose_trust()
            if decision is None or (decision == "ca" and not f.trustEdit.text().strip()):
                return
            accept_untrusted = decision == "accept"
        trust = Path(f.trustEdit.text().strip()) if f.trustEdit.text().strip() else None
        options = {"province": f.provinceEdit.text().strip() or None,
                   "allow_other_provinces": f.allowOtherCheck.isChecked(), "detail": f.detailCombo.currentData(),
                   "accept_untrusted": accept_untrusted}
        self.worker = MergeWorker(self.inputs(), Path(f.outEdit.text().strip()), self.db, trust, options)
        self.worker.progressed.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        f.startButton.setEnabled(False)
        f.cancelButton.setEnabled(True)
        f.openMasterButton.setEnabled(False)
        f.progressBar.setValue(0)
        f.countsLabel.setText(self.tr("正在检查文件…"))
        self.worker.start()

    def ask_trust(self) -> str | None:
        """No CA certificate chosen: the province decides explicitly. "ca" (choose the CA file), "accept"
        (take in signatures no CA vouches for, marked as such in the master) or None (cancel)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("省级汇总"), self.tr(
            "尚未选择信任的证书机构证书。\n\n没有它,无法确认签名者是谁:自签名证书任何人都能以任何单位的名义制作。"
            "请选择省级证书机构证书(ca.pem);如确需接收未经认证的签名,请明确选择接收,汇总表会标注“未经认证(已明确接受)”。"),
            parent=self)
        choose = box.addButton(self.tr("选择证书机构证书…"), QMessageBox.ButtonRole.AcceptRole)
        accept = box.addButton(self.tr("接收未经认证的签名"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(choose)
        box.exec()
        return {id(choose): "ca", id(accept): "accept"}.get(id(box.clickedButton()))

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel.set()
            self.form.countsLabel.setText(self.tr("正在停止(已处理的文件会保留)…"))

    def _progress(self, done: int, total: int, last: str) -> None:
        self.form.progressBar.setMaximum(max(total, 1))
        self.form.progressBar.setValue(done)
        self.form.countsLabel.setText(self.tr("已处理 %1/%2:%3").replace("%1", str(done)).replace("%2", str(total))
                                      .replace("%3", Path(last).name))

    def _done(self, report: Any) -> None:
        self.report = report
        self.model.set_report(report)
        text = self.tr("汇总完成:接收 %1 个,重复 %2 个,退回 %3 个。").replace("%1", str(len(report.accepted))) \
            .replace("%2", str(len(report.duplicates))).replace("%3", str(len(report.rejected)))
        if report.cancelled:
            text = self.tr("已停止:已处理的文件已保存在省级数据库中,再次汇总会从中断处继续。") + text
        self.form.countsLabel.setText(text)
        self.form.openMasterButton.setEnabled(bool(report.out) and Path(report.out).is_file())
        self.finishedMerge.emit(report)

    def _failed(self, message: str) -> None:
        self.form.countsLabel.setText(message)
        dialogs.warn(self, self.tr("汇总失败"), message)

    def _finished(self) -> None:
        self.worker = None
        self.form.startButton.setEnabled(True)
        self.form.cancelButton.setEnabled(False)

    def closeEvent(self, event: Any) -> None:
        if self.worker is not None:
            self.worker.cancel.set()
            self.worker.wait()
        super().closeEvent(event)
