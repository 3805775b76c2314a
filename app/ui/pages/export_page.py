"""Step 6, 签名导出: summary, the report's own words, then export (and sign) in a background thread.

What still blocks a finished inspection (unit info, unanswered items, problems without rectification) is
listed instead of offering a button that would fail.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QWidget

from app.core.errors import SelfcheckError
from app.errorlog import log_exception
from app.paths import data_dir
from app.ui import dialogs
from app.ui.forms.export_page_ui import Ui_ExportPage
from app.ui.session import Session, export_inspection


@dataclass
class ExportJob:
    db_path: Path
    inspection_id: int
    out_dir: Path
    docx: bool
    p12: Path | None = None
    passphrase: bytes | None = None
    seal: Path | None = None


class ExportWorker(QThread):
    """Runs the export with its own database connection, so the window stays responsive."""

    progressed = Signal(int, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        # lazy: the wizard starts without the export code (reportlab, openpyxl)
        from app.commands.export_service import SignRequest

        job = self.job
        try:
            sign = SignRequest(job.p12, job.passphrase, job.seal) if job.p12 and job.passphrase else None
            result = export_inspection(job.db_path, job.inspection_id, job.out_dir, sign=sign, docx=job.docx,
                                       progress=lambda frac, text: self.progressed.emit(int(frac * 100), text))
        except SelfcheckError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: report it plainly, the details go to the error log (the CLI's too)

            log = log_exception(exc, f"export worker {job.out_dir}")
            where = f"\n详情已记录到 {log}" if log else ""
            self.failed.emit(f"导出失败(内部错误):{type(exc).__name__}: {exc}{where}")
        else:
            self.done.emit(result)


class ExportPage(QWidget):
    exported = Signal(object)
    gapRequested = Signal(object)
    resultReady = Signal(str, str, bool)  # message, folder to open ("" for none), success: the window's banner  # a rectification gap to open (the main window goes there)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_ExportPage()
        self.form.setupUi(self)
        f = self.form
        self.worker: ExportWorker | None = None
        self.last_result: Any = None
        self.read_only = False
        self.editors = {"addressee": f.addresseeEdit, "opening": f.openingEdit, "practices": f.practicesEdit,
                        "next_steps": f.nextStepsEdit, "signer_name": f.signerNameEdit,
                        "signer_position": f.signerPositionEdit}
        state = session.ui_state()
        default_out = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                           or Path.home()) / "自查导出"
        f.outDirEdit.setText(state.get("export_dir") or str(default_out))
        f.p12Edit.setText(state.get("p12") or "")
        f.signCheck.setChecked(bool(state.get("p12")))
        f.exportProgress.setVisible(False)
        f.openFolderButton.setVisible(False)
        f.outDirButton.clicked.connect(self._choose_out)
        f.p12Button.clicked.connect(self._choose_p12)
        f.newKeyButton.clicked.connect(self._new_key)
        f.sealButton.clicked.connect(self._choose_seal)
        f.signCheck.toggled.connect(self._sign_toggled)
        f.redraftButton.clicked.connect(self.redraft)
        f.exportButton.clicked.connect(self.start_export)
        f.openFolderButton.clicked.connect(self._open_folder)
        from PySide6.QtWidgets import QPushButton

        self.gaps: list[Any] = []
        self.gapButton = QPushButton(self.tr("转到第一处缺漏"))
        self.gapButton.setObjectName("gapButton")
        self.gapButton.setVisible(False)
        self.gapButton.clicked.connect(self.go_to_first_gap)
        holder = f.blockersLabel.parentWidget().layout()
        position = holder.indexOf(f.blockersLabel) if holder is not None else -1
        if holder is not None and position >= 0 and hasattr(holder, "insertWidget"):
            holder.insertWidget(position + 1, self.gapButton)
        self._sign_toggled(f.signCheck.isChecked())
        self._load_texts()
        for key, edit in self.editors.items():
            if isinstance(edit, QPlainTextEdit):
                edit.textChanged.connect(lambda k=key: self._save_text(k))
            else:
                edit.editingFinished.connect(lambda k=key: self._save_text(k))
        session.answersChanged.connect(self.refresh)
        session.problemsChanged.connect(self.refresh)

    def set_read_only(self) -> None:
        self.read_only = True
        for edit in self.editors.values():
            edit.setReadOnly(True)
        self.form.redraftButton.setEnabled(False)
        self.refresh()

    # ---- texts --------------------------------------------------------------------------------------
    def _load_texts(self) -> None:
        texts = self.session.report_texts()
        self._loading = True
        for key, edit in self.editors.items():
            value = texts.get(key, "")
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
        self._loading = False

    def _save_text(self, key: str) -> None:
        if self._loading or self.read_only:
            return
        edit = self.editors[key]
        value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
        self.session.set_text(key, value)
        unit = self.session.unit()
        if key == "addressee" and unit is not None and value.strip():
            # The 主送机关 stays with the unit, so next year's report starts from it.
            import dataclasses

            self.session.save_unit(dataclasses.replace(unit, addressee=value.strip()), strict_code=False)

    def redraft(self) -> None:
        # lazy: the wizard starts without the export code
        from app.export.texts import DRAFTED

        if not dialogs.confirm(self, self.tr("重新起草"), self.tr("用当前数据重新起草开头、主要做法和下一步打算?"
                                                               "已修改的文字将被替换。")):
            return
        # Clearing the stored text makes the draft live again: recomputed from the data at every showing
        # and at export, so it cannot go stale.
        for key in DRAFTED:
            self.session.set_text(key, "")
        self._load_texts()

    # ---- summary and blockers -----------------------------------------------------------------------
    def blockers(self) -> list[str]:
        s = self.session
        out = [self.tr("只读模式,不能导出(数据所在的文件夹不可写)")] if self.read_only else []
        unit = s.unit()
        if unit is None:
            out.append(self.tr("尚未填写单位信息(第1步)"))
        answered, total = s.tally(("unit", "app", "account", "group"))
        if total - answered:
            out.append(self.tr("还有 %1 个检查项未作答(第3、4步,可用“未答”筛选)").replace("%1", str(total - answered)))
        self.gaps = s.rectification_gaps()
        if self.gaps:
            out.append(self.tr("有 %1 处整改缺漏(第5步),如:%2").replace("%1", str(len(self.gaps)))
                       .replace("%2", self.gaps[0].message))
        return out

    def go_to_first_gap(self) -> None:
        gaps = self.session.rectification_gaps()
        if gaps:
            self.gapRequested.emit(gaps[0])

    def refresh(self) -> None:
        if not self.isVisible():
            return
        s = self.session
        counts = s.entity_counts()
        answered, total = s.tally(("unit", "app", "account", "group"))
        problems = s.problems()
        by_article = Counter(s.checklist.item(p.item_id).article for p in problems)
        lines = ["<h3>" + self.tr("自查概况") + "</h3>",
                 self.tr("应用程序 %1 个,公众账号 %2 个,工作群组 %3 个。").replace("%1", str(counts["app"]))
                 .replace("%2", str(counts["account"])).replace("%3", str(counts["group"])),
                 "<br>" + self.tr("检查项 %1 个,已答 %2 个(%3%)。").replace("%1", str(total))
                 .replace("%2", str(answered)).replace("%3", str(100 * answered // total) if total else "100")
                 + (self.tr("还有 %1 个未答。").replace("%1", str(total - answered)) if total > answered else ""),
                 "<br>" + self.tr("发现问题 %1 个(涉及 %2 个检查结论)。").replace(
                     "%1", str(len({p.group for p in problems}))).replace("%2", str(len(problems)))]
        if by_article:
            lines.append("<h4>" + self.tr("问题按条款") + "</h4><table>")
            for number in sorted(by_article):
                lines.append(f"<tr><td>{s.checklist.article(number).label}</td>"
                             f"<td align='right'>&nbsp;{by_article[number]}</td></tr>")
            lines.append("</table>")
        self.form.summaryBrowser.setHtml("".join(lines))
        blockers = self.blockers()
        self.form.blockersLabel.setText(
            (self.tr("导出前还需要:") + "\n· " + "\n· ".join(blockers)) if blockers else "")
        self.form.exportButton.setEnabled(not blockers and self.worker is None)
        self.gapButton.setVisible(bool(self.gaps))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    # ---- choosing files -----------------------------------------------------------------------------
    def _choose_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"), self.form.outDirEdit.text())
        if path:
            self.form.outDirEdit.setText(path)

    def _choose_p12(self) -> None:
        current = self.form.p12Edit.text().strip()
        start = str(Path(current).parent) if current and Path(current).parent.is_dir() else str(data_dir() / "证书")
        if not Path(start).is_dir():
            start = str(data_dir())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择单位证书"), start, self.tr("证书 (*.p12 *.pfx)"))
        if path:
            self.form.p12Edit.setText(path)

    def _new_key(self) -> None:
        unit = self.session.unit()
        if unit is None:
            dialogs.warn(self, self.tr("新建证书"), self.tr("请先在第1步填写单位信息"))
            return

        folder = data_dir() / "证书"
        folder.mkdir(parents=True, exist_ok=True)  # a missing folder makes Qt fall back to the last one used
        suggested = folder / f"{unit.credit_code}.p12"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("新证书保存为"), str(suggested), self.tr("证书 (*.p12)"))
        if not path:
            return
        passphrase = dialogs.ask_new_passphrase(self)
        if passphrase is not None:
            self.create_key(Path(path), passphrase)

    def create_key(self, path: Path, passphrase: bytes) -> bool:
        """A self-signed unit certificate (the province may issue one instead: then just choose that file)."""
        # lazy: cryptography loads when a certificate is made, not at start
        from app.signing.keys import new_unit_p12, private_file_note

        unit = self.session.unit()
        if unit is None:
            dialogs.warn(self, self.tr("新建证书"), self.tr("请先在第1步填写单位信息"))
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            new_unit_p12(path, unit.credit_code, unit.name, passphrase)
        except (SelfcheckError, OSError) as exc:
            dialogs.warn(self, self.tr("新建证书"), str(exc))
            return False
        self.form.p12Edit.setText(str(path))
        self.form.signCheck.setChecked(True)
        message = self.tr("已生成单位证书 %1。请妥善保管证书文件并牢记口令。").replace("%1", str(path))
        note = private_file_note(path)  # Windows: the file's permissions do not protect it
        if note:
            message += "\n" + note
        self.form.resultLabel.setText(message)
        self.resultReady.emit(message, str(path.parent), True)
        return True

    def _choose_seal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择印章图片"), "", self.tr("图片 (*.png *.jpg)"))
        if path:
            self.form.sealEdit.setText(path)

    def _sign_toggled(self, on: bool) -> None:
        f = self.form
        for w in (f.p12Edit, f.p12Button, f.newKeyButton, f.sealEdit, f.sealButton, f.p12Label, f.sealLabel):
            w.setEnabled(on)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.form.outDirEdit.text()))

    # ---- export -------------------------------------------------------------------------------------
    def make_job(self, passphrase: bytes | None) -> ExportJob:
        f = self.form
        sign = f.signCheck.isChecked()
        return ExportJob(self.session.db_path, self.session.inspection_id, Path(f.outDirEdit.text().strip()),
                         f.docxCheck.isChecked(), Path(f.p12Edit.text().strip()) if sign else None, passphrase,
                         Path(f.sealEdit.text().strip()) if sign and f.sealEdit.text().strip() else None)

    def start_export(self) -> None:
        f = self.form
        if self.blockers() or self.worker is not None:
            return
        if not f.outDirEdit.text().strip():
            dialogs.warn(self, self.tr("导出"), self.tr("请选择保存导出文件的文件夹"))
            return
        passphrase = None
        if f.signCheck.isChecked():
            if not Path(f.p12Edit.text().strip()).is_file():
                dialogs.warn(self, self.tr("导出"), self.tr("找不到单位证书文件:%1").replace("%1", f.p12Edit.text()))
                return
            passphrase = dialogs.ask_passphrase(self, self.tr("证书口令"), self.tr("请输入单位证书的口令:"))
            if passphrase is None:
                return
        self.run_job(self.make_job(passphrase))

    def run_job(self, job: ExportJob) -> None:
        f = self.form
        self.session.save_ui_state(export_dir=str(job.out_dir), p12=str(job.p12) if job.p12 else "")
        f.exportButton.setEnabled(False)
        f.exportProgress.setVisible(True)
        f.exportProgress.setValue(0)
        f.resultLabel.setText("")
        self.worker = ExportWorker(job)
        self.worker.progressed.connect(lambda pct, text: (f.exportProgress.setValue(pct), f.resultLabel.setText(text)))
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _done(self, result: Any) -> None:
        self.last_result = result
        names = [result.pdf.name, result.workbook.name] + ([result.docx.name] if result.docx else [])
        signed = self.tr("已签名") if result.signed else self.tr("未签名")
        message = self.tr("导出完成(%1),文件已保存到 %2:").replace("%1", signed) \
            .replace("%2", str(result.pdf.parent)) + "\n" + "\n".join(names)
        # which fonts the report used, and any character no font could draw
        details = "".join("\n" + line for line in (result.fonts, *result.warnings) if line)
        self.form.resultLabel.setText(message + details)
        self.form.openFolderButton.setVisible(True)
        self.resultReady.emit(message.replace("\n", " "), str(result.pdf.parent), True)
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self.form.resultLabel.setText(message)
        self.form.exportProgress.setVisible(False)
        self.resultReady.emit(message, "", False)
        dialogs.warn(self, self.tr("导出失败"), message)

    def _finished(self) -> None:
        self.worker = None
        self.refresh()
