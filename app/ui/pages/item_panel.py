"""The detail of one check item for one entity (or the unit): wording, verdict, note, evidence, problem.

Everything is saved as it changes: a verdict at once, the note after a short pause in typing (and always
before moving away), problem fields when a field is left.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QButtonGroup, QLabel, QListWidgetItem, QPushButton, QWidget

from app.core.errors import SelfcheckError
from app.core.model import UNIT_ENTITY, Problem, ProblemStatus, Verdict
from app.ui import dialogs
from app.ui.forms.item_panel_ui import Ui_ItemPanel
from app.ui.labels import label
from app.ui.models import VERDICT_COLORS
from app.ui.session import Session

NOTE_SAVE_DELAY_MS = 600


class ItemPanel(QWidget):
    answered = Signal(int, str)  # entity id, item id: after a verdict change
    nextRequested = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_ItemPanel()
        self.form.setupUi(self)
        f = self.form
        self.entity_id: int | None = None
        self.item_id: str | None = None
        self._loading = False
        self.read_only = False
        self.buttons: dict[Verdict, QPushButton] = {
            Verdict.COMPLIANT: f.compliantButton, Verdict.PARTIAL: f.partialButton,
            Verdict.NONCOMPLIANT: f.noncompliantButton, Verdict.NOT_APPLICABLE: f.naButton,
        }
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # clicking the chosen verdict again keeps it; exclusivity is ours
        for verdict, button in self.buttons.items():
            button.setStyleSheet(f"QPushButton:checked {{ background: {VERDICT_COLORS[verdict]}; color: white;"
                                 " font-weight: bold; }")
            self.group.addButton(button)
            button.clicked.connect(lambda _checked=False, v=verdict: self.choose(v))
        for status in ProblemStatus:
            f.statusCombo.addItem(label(status), status.value)
        f.nextButton.clicked.connect(self.nextRequested.emit)
        # The reason of a 不适用 answer, under the verdict buttons (the form predates it).
        # After a checklist upgrade: this item was reworded, answer it again (the previous answer shown).
        self.reviewLabel = QLabel(self)
        self.reviewLabel.setObjectName("reviewLabel")
        self.reviewLabel.setWordWrap(True)
        self.reviewLabel.setStyleSheet("color: #b45309;")
        f.outer.insertWidget(f.outer.indexOf(f.questionLabel) + 1, self.reviewLabel)
        self.naReasonLabel = QLabel(self)
        self.naReasonLabel.setObjectName("naReasonLabel")
        self.naReasonLabel.setWordWrap(True)
        f.outer.insertWidget(f.outer.indexOf(f.noteLabel), self.naReasonLabel)
        self.naReasonLabel.linkActivated.connect(lambda _link: self.edit_na_reason())
        self.na_reason = ""
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self.note_timer.timeout.connect(self.flush)
        f.noteEdit.textChanged.connect(self._note_changed)
        for edit in (f.descriptionEdit, f.measureEdit, f.ownerEdit, f.deadlineEdit):
            edit.editingFinished.connect(self.save_problem)
        f.statusCombo.activated.connect(lambda _i: self.save_problem())
        f.addEvidenceButton.clicked.connect(self._choose_evidence)
        f.openEvidenceButton.clicked.connect(self.open_evidence)
        f.removeEvidenceButton.clicked.connect(self.remove_evidence)
        f.acceptFindingButton.clicked.connect(self.accept_finding)
        f.dismissFindingButton.clicked.connect(self.dismiss_finding)
        self.setAcceptDrops(True)
        self.setEnabled(False)

    def set_read_only(self) -> None:
        f = self.form
        self.read_only = True
        for w in (*self.buttons.values(), f.addEvidenceButton, f.removeEvidenceButton, f.acceptFindingButton,
                  f.dismissFindingButton, f.statusCombo):
            w.setEnabled(False)
        for edit in (f.noteEdit, f.descriptionEdit, f.measureEdit, f.ownerEdit, f.deadlineEdit):
            edit.setReadOnly(True)
        self.setAcceptDrops(False)

    # ---- showing ------------------------------------------------------------------------------------
    def show_pair(self, entity_id: int, item_id: str) -> None:
        self.flush()
        self._loading = True
        s, f = self.session, self.form
        self.entity_id, self.item_id = entity_id, item_id
        item = s.checklist.item(item_id)
        article = s.checklist.article(item.article)
        if entity_id == UNIT_ENTITY:
            f.entityLabel.setText(self.tr("本单位(单位层面)"))
        else:
            f.entityLabel.setText(f"{s.name_of.get(entity_id, '')}({s.kind_label(entity_id)})")
        f.articleLabel.setText(f"{article.label}" + (self.tr("(已停用的检查项)") if item.retired else "")
                               + (self.tr("  依据:%1").replace("%1", item.source) if item.source else ""))
        f.wordingLabel.setText(article.text)
        f.questionLabel.setText(f"{item.id} {item.question}")
        f.guidanceLabel.setText(self.tr("填写提示:") + item.guidance if item.guidance else "")
        f.evidenceHint.setText(self.tr("可作证明的材料:") + item.evidence if item.evidence else "")
        answer = s.answer(entity_id, item_id)
        verdict = answer.verdict if answer else Verdict.UNANSWERED
        f.noteEdit.setPlainText(answer.note if answer else "")
        self.na_reason = answer.na_reason if answer else ""
        review = s.answer_review(entity_id, item_id)
        self.reviewLabel.setVisible(review is not None)
        if review is not None:
            self.reviewLabel.setText(self.tr("清单升级后此项措辞已修改,请重新作答(原检查项 %1 的结论:%2;说明:%3)")
                                     .replace("%1", review.previous_item_id).replace("%2", label(review.previous_verdict))
                                     .replace("%3", review.previous_note or self.tr("无")))
        f.evidenceList.clear()
        for ref in answer.evidence if answer else []:
            row = QListWidgetItem(self.tr("%1(%2 字节)").replace("%2", f"{ref.size:,}")
                                  .replace("%1", ref.original_name))
            row.setData(256, (ref.id, ref.sha256, ref.original_name))
            f.evidenceList.addItem(row)
        self._show_verdict(verdict)
        finding = s.findings.get((entity_id, item_id))
        f.findingBox.setVisible(finding is not None)
        if finding is not None and finding.needs_data:  # the ledger lacks a fact: ask for it, nothing to accept
            f.findingLabel.setText(self.tr("台账缺少信息:%1").replace("%1", finding.message))
        elif finding is not None:
            f.findingLabel.setText(self.tr("系统根据台账建议:%1 —— %2").replace("%1", label(finding.verdict))
                                   .replace("%2", finding.message))
        f.acceptFindingButton.setEnabled(finding is not None and not finding.needs_data)
        self.setEnabled(True)
        self._loading = False

    def _show_verdict(self, verdict: Verdict) -> None:
        s, f = self.session, self.form
        for v, button in self.buttons.items():
            button.setChecked(v == verdict)
        na = verdict == Verdict.NOT_APPLICABLE
        self.naReasonLabel.setVisible(na)
        if na:
            self.naReasonLabel.setText(self.tr("不适用理由:%1  <a href=\"edit\">修改</a>").replace(
                "%1", self.na_reason.replace("&", "&amp;").replace("<", "&lt;")))
        needs = verdict.needs_problem
        f.problemBox.setVisible(needs)
        if needs and self.entity_id is not None and self.item_id is not None:
            problem = s.problem(self.entity_id, self.item_id)
            f.descriptionEdit.setText(problem.description if problem else "")
            f.measureEdit.setText(problem.measure if problem else "")
            f.ownerEdit.setText(problem.owner if problem else "")
            f.deadlineEdit.setText(problem.deadline.isoformat() if problem and problem.deadline else "")
            f.statusCombo.setCurrentIndex(f.statusCombo.findData(str(problem.status) if problem
                                                                 else ProblemStatus.OPEN.value))
            blank = Problem(0, self.entity_id, self.item_id, "")  # what a problem not yet written lacks
            self._show_problem_gaps((problem or blank).missing)
            shared = s.problem_group_size(problem.group) if problem else 1
            f.problemBox.setTitle(self.tr("存在问题与整改(基本符合、不符合时必填)") + (
                self.tr(" —— 与其他 %1 个对象共用此问题,修改对全部生效").replace("%1", str(shared - 1))
                if shared > 1 else ""))

    def _show_problem_gaps(self, missing: list[str]) -> None:
        self.form.problemError.setText(self.tr("尚未填写:%1").replace(
            "%1", self.tr("、", "list separator").join(label(m) for m in missing)) if missing else "")

    # ---- editing ------------------------------------------------------------------------------------
    def choose(self, verdict: Verdict) -> None:
        if self.entity_id is None or self.item_id is None or self.read_only:
            return
        self.flush()
        reason = None
        if verdict == Verdict.NOT_APPLICABLE:
            reason = dialogs.ask_na_reason(self, self.na_reason)
            if reason is None:  # cancelled: the answer stays as it was
                self.buttons[verdict].setChecked(False)
                return
            self.na_reason = reason
        try:
            self.session.set_verdict(self.entity_id, self.item_id, verdict, reason)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法保存"), str(exc))
            return
        self._show_verdict(verdict)
        self.answered.emit(self.entity_id, self.item_id)
        if verdict.needs_problem:
            self.form.descriptionEdit.setFocus()

    def edit_na_reason(self) -> None:
        """Change the reason of the 不适用 answer shown."""
        if self.entity_id is None or self.item_id is None or self.read_only:
            return
        reason = dialogs.ask_na_reason(self, self.na_reason)
        if reason is None:
            return
        try:
            self.session.set_verdict(self.entity_id, self.item_id, Verdict.NOT_APPLICABLE, reason)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法保存"), str(exc))
            return
        self.na_reason = reason
        self._show_verdict(Verdict.NOT_APPLICABLE)

    def _note_changed(self) -> None:
        if not self._loading and not self.read_only:
            self.note_timer.start()

    def flush(self) -> None:
        """Write a pending note now (before moving to another item, closing, or on the timer)."""
        if not self.note_timer.isActive() or self.entity_id is None or self.item_id is None:
            return
        self.note_timer.stop()
        try:
            self.session.set_note(self.entity_id, self.item_id, self.form.noteEdit.toPlainText())
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法保存说明"), str(exc))

    def save_problem(self) -> None:
        if self._loading or self.read_only or self.entity_id is None or self.item_id is None:
            return
        f = self.form
        try:
            self.session.save_problem(
                self.entity_id, self.item_id, description=f.descriptionEdit.text(), measure=f.measureEdit.text(),
                owner=f.ownerEdit.text(), deadline=f.deadlineEdit.text().strip() or None,
                status=f.statusCombo.currentData())
        except SelfcheckError as exc:
            f.problemError.setText(str(exc))
            f.deadlineEdit.setStyleSheet("border: 1px solid #b00020;")
            return
        f.deadlineEdit.setStyleSheet("")
        problem = self.session.problem(self.entity_id, self.item_id)
        self._show_problem_gaps(problem.missing if problem else [])

    # ---- evidence -----------------------------------------------------------------------------------
    def _choose_evidence(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择证明材料"))
        self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> int:
        if self.entity_id is None or self.item_id is None:
            return 0
        attached = 0
        refused = []
        for path in paths:
            try:
                self.session.attach_evidence(self.entity_id, self.item_id, path)
                attached += 1
            except (SelfcheckError, OSError) as exc:
                refused.append(f"{path.name}:{exc}")
        if refused:
            dialogs.warn(self, self.tr("证明材料未添加"), "\n".join(refused))
        self.show_pair(self.entity_id, self.item_id)
        return attached

    def _selected_evidence(self) -> tuple[int, str, str] | None:
        row = self.form.evidenceList.currentItem()
        return row.data(256) if row is not None else None

    def open_evidence(self) -> None:
        chosen = self._selected_evidence()
        if chosen is None:
            return
        _, sha, name = chosen
        source = self.session.evidence_path(sha)
        if not source.is_file():
            dialogs.warn(self, self.tr("无法打开"), self.tr("证明材料文件缺失:%1").replace("%1", name))
            return
        target = Path(tempfile.mkdtemp(prefix="selfcheck-")) / name
        shutil.copyfile(source, target)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_evidence(self) -> None:
        chosen = self._selected_evidence()
        if chosen is None or self.entity_id is None or self.item_id is None:
            return
        self.session.remove_evidence(chosen[0])
        self.show_pair(self.entity_id, self.item_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.attach_files(paths)
            event.acceptProposedAction()

    # ---- findings -----------------------------------------------------------------------------------
    def accept_finding(self) -> None:
        self._decide_finding(accept=True)

    def dismiss_finding(self) -> None:
        self._decide_finding(accept=False)

    def _decide_finding(self, accept: bool) -> None:
        finding = self.session.findings.get((self.entity_id or 0, self.item_id or ""))
        if finding is None:
            return
        try:
            if accept:
                self.session.accept_finding(finding)
            else:
                reason = dialogs.ask_reason(self, self.tr("忽略系统建议"), self.tr("请说明忽略该建议的理由:"))
                if reason is None:
                    return
                self.session.dismiss_finding(finding, reason)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法保存"), str(exc))
            return
        self.show_pair(finding.entity_id, finding.item_id)
        self.answered.emit(finding.entity_id, finding.item_id)
