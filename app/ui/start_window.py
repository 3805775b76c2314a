"""The start screen: continue, start this year's inspection, open another database, restore a backup,
and the provincial tools."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.ui.forms.start_ui import Ui_StartWindow


class StartWindow(QWidget):
    continueRequested = Signal()
    newRequested = Signal(int, bool)  # year, copy last year's ledger
    openRequested = Signal()
    restoreRequested = Signal()
    mergeRequested = Signal()
    aboutRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.form = Ui_StartWindow()
        self.form.setupUi(self)
        f = self.form
        f.yearSpin.setValue(dt.date.today().year)
        f.continueButton.clicked.connect(self.continueRequested.emit)
        f.newButton.clicked.connect(lambda: self.newRequested.emit(f.yearSpin.value(), f.copyLedgerCheck.isChecked()))
        f.openButton.clicked.connect(self.openRequested.emit)
        f.restoreButton.clicked.connect(self.restoreRequested.emit)
        f.mergeButton.clicked.connect(self.mergeRequested.emit)
        f.aboutButton.clicked.connect(self.aboutRequested.emit)
        self.years: list[int] = []
        f.yearSpin.valueChanged.connect(self._year_changed)

    def _year_changed(self, year: int) -> None:
        taken = year in self.years
        self.form.newButton.setEnabled(not taken)
        self.form.newButton.setToolTip(self.tr("%1 年度的自查已存在").replace("%1", str(year)) if taken else "")

    def show_opening(self, db_text: str) -> None:
        """Shown for the moment between the window appearing and the database being open."""
        f = self.form
        f.dbLabel.setText(self.tr("数据库:%1").replace("%1", db_text))
        f.currentLabel.setText(self.tr("正在打开数据库…"))
        for w in (f.continueButton, f.newBox, f.restoreButton):
            w.setEnabled(False)

    def show_state(self, db_text: str, current: str | None, years: list[int], error: str = "",
                   backups: int = 0) -> None:
        """Describe what is open; ``error`` explains a database that could not be opened."""
        f = self.form
        f.dbLabel.setText(self.tr("数据库:%1").replace("%1", db_text))
        if error:
            f.currentLabel.setText(error)
            f.currentLabel.setStyleSheet("color: #b00020;")
        else:
            f.currentLabel.setText(current or self.tr("还没有自查。请在下方选择年度并开始。"))
            f.currentLabel.setStyleSheet("")
        f.continueButton.setEnabled(bool(current) and not error)
        f.newBox.setEnabled(not error)
        f.copyLedgerCheck.setEnabled(bool(years))
        self.years = years
        self._year_changed(f.yearSpin.value())
        f.restoreButton.setEnabled(backups > 0)
