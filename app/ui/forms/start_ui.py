# Generated from forms/start.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout

class Ui_StartWindow(object):
    def setupUi(self, StartWindow):
        if not StartWindow.objectName():
            StartWindow.setObjectName(u"StartWindow")
        StartWindow.resize(760, 560)
        self.outer = QVBoxLayout(StartWindow)
        self.outer.setSpacing(14)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(40, 28, 40, 24)
        self.titleLabel = QLabel(StartWindow)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 22px; font-weight: bold;")

        self.outer.addWidget(self.titleLabel)

        self.subtitleLabel = QLabel(StartWindow)
        self.subtitleLabel.setObjectName(u"subtitleLabel")
        self.subtitleLabel.setWordWrap(True)

        self.outer.addWidget(self.subtitleLabel)

        self.currentBox = QGroupBox(StartWindow)
        self.currentBox.setObjectName(u"currentBox")
        self.currentLayout = QVBoxLayout(self.currentBox)
        self.currentLayout.setObjectName(u"currentLayout")
        self.currentLabel = QLabel(self.currentBox)
        self.currentLabel.setObjectName(u"currentLabel")
        self.currentLabel.setWordWrap(True)

        self.currentLayout.addWidget(self.currentLabel)

        self.continueButton = QPushButton(self.currentBox)
        self.continueButton.setObjectName(u"continueButton")
        self.continueButton.setMinimumHeight(36)

        self.currentLayout.addWidget(self.continueButton)


        self.outer.addWidget(self.currentBox)

        self.newBox = QGroupBox(StartWindow)
        self.newBox.setObjectName(u"newBox")
        self.newLayout = QHBoxLayout(self.newBox)
        self.newLayout.setObjectName(u"newLayout")
        self.yearLabel = QLabel(self.newBox)
        self.yearLabel.setObjectName(u"yearLabel")

        self.newLayout.addWidget(self.yearLabel)

        self.yearSpin = QSpinBox(self.newBox)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimum(2024)
        self.yearSpin.setMaximum(2100)

        self.newLayout.addWidget(self.yearSpin)

        self.copyLedgerCheck = QCheckBox(self.newBox)
        self.copyLedgerCheck.setObjectName(u"copyLedgerCheck")
        self.copyLedgerCheck.setChecked(True)

        self.newLayout.addWidget(self.copyLedgerCheck)

        self.newSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.newLayout.addItem(self.newSpacer)

        self.newButton = QPushButton(self.newBox)
        self.newButton.setObjectName(u"newButton")

        self.newLayout.addWidget(self.newButton)


        self.outer.addWidget(self.newBox)

        self.moreBox = QGroupBox(StartWindow)
        self.moreBox.setObjectName(u"moreBox")
        self.moreLayout = QGridLayout(self.moreBox)
        self.moreLayout.setObjectName(u"moreLayout")
        self.openButton = QPushButton(self.moreBox)
        self.openButton.setObjectName(u"openButton")

        self.moreLayout.addWidget(self.openButton, 0, 0, 1, 1)

        self.restoreButton = QPushButton(self.moreBox)
        self.restoreButton.setObjectName(u"restoreButton")

        self.moreLayout.addWidget(self.restoreButton, 0, 1, 1, 1)

        self.mergeButton = QPushButton(self.moreBox)
        self.mergeButton.setObjectName(u"mergeButton")

        self.moreLayout.addWidget(self.mergeButton, 1, 0, 1, 1)

        self.aboutButton = QPushButton(self.moreBox)
        self.aboutButton.setObjectName(u"aboutButton")

        self.moreLayout.addWidget(self.aboutButton, 1, 1, 1, 1)


        self.outer.addWidget(self.moreBox)

        self.dbLabel = QLabel(StartWindow)
        self.dbLabel.setObjectName(u"dbLabel")
        self.dbLabel.setWordWrap(True)
        self.dbLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.dbLabel.setStyleSheet(u"color: #666;")

        self.outer.addWidget(self.dbLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)


        self.retranslateUi(StartWindow)

        QMetaObject.connectSlotsByName(StartWindow)
    # setupUi

    def retranslateUi(self, StartWindow):
        StartWindow.setWindowTitle(QCoreApplication.translate("StartWindow", u"\u6307\u5c16\u4e0a\u7684\u5f62\u5f0f\u4e3b\u4e49 \u00b7 \u5e74\u5ea6\u81ea\u67e5", None))
        self.titleLabel.setText(QCoreApplication.translate("StartWindow", u"\u9632\u6cbb\u201c\u6307\u5c16\u4e0a\u7684\u5f62\u5f0f\u4e3b\u4e49\u201d\u5e74\u5ea6\u81ea\u67e5", None))
        self.subtitleLabel.setText(QCoreApplication.translate("StartWindow", u"\u4f9d\u636e\u300a\u5173\u4e8e\u9632\u6cbb\u201c\u6307\u5c16\u4e0a\u7684\u5f62\u5f0f\u4e3b\u4e49\u201d\u7684\u82e5\u5e72\u610f\u89c1\u300b,\u9010\u6761\u68c0\u67e5\u672c\u5355\u4f4d\u7684\u653f\u52a1\u5e94\u7528\u7a0b\u5e8f\u3001\u516c\u4f17\u8d26\u53f7\u548c\u5de5\u4f5c\u7fa4\u7ec4\u3002\u5168\u90e8\u6570\u636e\u53ea\u4fdd\u5b58\u5728\u672c\u673a\u3002", None))
        self.currentBox.setTitle(QCoreApplication.translate("StartWindow", u"\u5f53\u524d\u81ea\u67e5", None))
        self.currentLabel.setText(QCoreApplication.translate("StartWindow", u"\u8fd8\u6ca1\u6709\u81ea\u67e5\u3002", None))
        self.continueButton.setText(QCoreApplication.translate("StartWindow", u"\u7ee7\u7eed\u81ea\u67e5", None))
        self.newBox.setTitle(QCoreApplication.translate("StartWindow", u"\u5f00\u59cb\u65b0\u7684\u5e74\u5ea6\u81ea\u67e5", None))
        self.yearLabel.setText(QCoreApplication.translate("StartWindow", u"\u5e74\u5ea6", None))
        self.copyLedgerCheck.setText(QCoreApplication.translate("StartWindow", u"\u6cbf\u7528\u4e0a\u4e00\u5e74\u5ea6\u7684\u53f0\u8d26", None))
        self.newButton.setText(QCoreApplication.translate("StartWindow", u"\u5f00\u59cb", None))
        self.moreBox.setTitle(QCoreApplication.translate("StartWindow", u"\u6570\u636e\u4e0e\u5de5\u5177", None))
        self.openButton.setText(QCoreApplication.translate("StartWindow", u"\u6253\u5f00\u5176\u4ed6\u6570\u636e\u5e93\u2026", None))
        self.restoreButton.setText(QCoreApplication.translate("StartWindow", u"\u4ece\u5907\u4efd\u6062\u590d\u2026", None))
        self.mergeButton.setText(QCoreApplication.translate("StartWindow", u"\u7701\u7ea7\u6c47\u603b\u5de5\u5177\u2026", None))
        self.aboutButton.setText(QCoreApplication.translate("StartWindow", u"\u5173\u4e8e\u2026", None))
    # retranslateUi

