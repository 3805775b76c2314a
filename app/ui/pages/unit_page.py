"""Step 1, 单位信息: the unit's identity, checked as it is typed and saved as soon as it is valid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.core.codes import credit_code_problems, region_code_problems
from app.core.errors import SelfcheckError
from app.core.model import UNIT_LEVELS, Unit
from app.ui.forms.unit_page_ui import Ui_UnitPage
from app.ui.labels import label
from app.ui.session import Session

ERROR_STYLE = "border: 1px solid #b00020;"


class UnitPage(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_UnitPage()
        self.form.setupUi(self)
        f = self.form
        for level in UNIT_LEVELS:
            f.levelCombo.addItem(label(level), level)
        self._loading = False
        self.load()
        for edit in (f.nameEdit, f.codeEdit, f.regionEdit, f.contactEdit, f.phoneEdit):
            edit.textChanged.connect(self.validate)
            edit.editingFinished.connect(self.save)
        f.levelCombo.currentIndexChanged.connect(self.save)
        f.dateEdit.dateChanged.connect(self._save_date)

    def load(self) -> None:
        self._loading = True
        f = self.form
        unit = self.session.unit()
        draft = self.session.ui_state().get("unit_draft") or {}
        values = {
            "name": unit.name if unit else "", "code": unit.credit_code if unit else "",
            "region": unit.region_code if unit else "", "level": unit.level if unit else "县级",
            "contact": unit.contact_name if unit else "", "phone": unit.contact_phone if unit else "",
        }
        values.update({k: v for k, v in draft.items() if isinstance(v, str)})
        f.nameEdit.setText(values["name"])
        f.codeEdit.setText(values["code"])
        f.regionEdit.setText(values["region"])
        f.levelCombo.setCurrentIndex(max(0, f.levelCombo.findData(values["level"])))
        f.contactEdit.setText(values["contact"])
        f.phoneEdit.setText(values["phone"])
        insp = self.session.inspection
        f.yearValue.setText(self.tr("%1 年度").replace("%1", str(insp.year)))
        day = insp.inspection_date
        f.dateEdit.setDate(QDate(day.year, day.month, day.day))
        self._loading = False
        self.validate()

    def _mark(self, edit: QLineEdit, label: QLabel, problems: list[str]) -> bool:
        label.setText(problems[0] if problems else "")
        label.setMinimumHeight(label.fontMetrics().height())  # its line is kept: fields never jump
        label.setVisible(True)
        edit.setStyleSheet(ERROR_STYLE if problems else "")
        return not problems

    def validate(self) -> bool:
        f = self.form
        name_ok = self._mark(f.nameEdit, f.nameError, [] if f.nameEdit.text().strip() else [self.tr("请填写单位名称")])
        code = f.codeEdit.text().strip().upper()
        code_problems = credit_code_problems(code) if code else [self.tr("请填写18位统一社会信用代码")]
        code_ok = self._mark(f.codeEdit, f.codeError, code_problems)
        region = f.regionEdit.text().strip()
        region_problems = region_code_problems(region) if region else [self.tr("请填写6位行政区划代码")]
        region_ok = self._mark(f.regionEdit, f.regionError, region_problems)
        return name_ok and code_ok and region_ok

    def _draft(self) -> dict[str, str]:
        f = self.form
        return {"name": f.nameEdit.text(), "code": f.codeEdit.text(), "region": f.regionEdit.text(),
                "level": f.levelCombo.currentData(), "contact": f.contactEdit.text(), "phone": f.phoneEdit.text()}

    def save(self) -> bool:
        """Save when valid; otherwise keep what was typed as a draft, so nothing typed is ever lost."""
        if self._loading:
            return False
        f = self.form
        if not self.validate():
            self.session.save_ui_state(unit_draft=self._draft())
            return False
        previous = self.session.unit()
        unit = Unit(f.nameEdit.text(), f.codeEdit.text(), f.regionEdit.text(), f.levelCombo.currentData(),
                    f.contactEdit.text(), f.phoneEdit.text(), previous.addressee if previous else "")
        try:
            self.session.save_unit(unit)
        except SelfcheckError as exc:
            f.codeError.setText(str(exc))
            f.codeError.setVisible(True)
            return False
        self.session.save_ui_state(unit_draft=None)
        self.session.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        self.session.unitChanged.emit()
        return True

    def _save_date(self, day: QDate) -> None:
        if not self._loading:
            self.session.set_inspection_date(dt.date(day.year(), day.month(), day.day()))
            self.session.reload_findings()
            self.session.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
