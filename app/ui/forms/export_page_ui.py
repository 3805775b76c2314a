# Generated from forms/export_page.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QTextBrowser, QVBoxLayout, QWidget

class Ui_ExportPage(object):
    def setupUi(self, ExportPage):
        if not ExportPage.objectName():
            ExportPage.setObjectName(u"ExportPage")
        self.outer = QHBoxLayout(ExportPage)
        self.outer.setObjectName(u"outer")
        self.leftLayout = QVBoxLayout()
        self.leftLayout.setObjectName(u"leftLayout")
        self.summaryBrowser = QTextBrowser(ExportPage)
        self.summaryBrowser.setObjectName(u"summaryBrowser")
        self.summaryBrowser.setMinimumWidth(300)

        self.leftLayout.addWidget(self.summaryBrowser)

        self.blockersLabel = QLabel(ExportPage)
        self.blockersLabel.setObjectName(u"blockersLabel")
        self.blockersLabel.setWordWrap(True)
        self.blockersLabel.setStyleSheet(u"color: #b00020;")

        self.leftLayout.addWidget(self.blockersLabel)


        self.outer.addLayout(self.leftLayout)

        self.rightScroll = QScrollArea(ExportPage)
        self.rightScroll.setObjectName(u"rightScroll")
        self.rightScroll.setWidgetResizable(True)
        self.rightScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.rightScroll.setFrameShape(QFrame.NoFrame)
        self.rightHost = QWidget()
        self.rightHost.setObjectName(u"rightHost")
        self.rightLayout = QVBoxLayout(self.rightHost)
        self.rightLayout.setObjectName(u"rightLayout")
        self.exportBox = QGroupBox(self.rightHost)
        self.exportBox.setObjectName(u"exportBox")
        self.exportForm = QFormLayout(self.exportBox)
        self.exportForm.setObjectName(u"exportForm")
        self.outDirLabel = QLabel(self.exportBox)
        self.outDirLabel.setObjectName(u"outDirLabel")

        self.exportForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outDirLabel)

        self.outDirLayout = QHBoxLayout()
        self.outDirLayout.setObjectName(u"outDirLayout")
        self.outDirEdit = QLineEdit(self.exportBox)
        self.outDirEdit.setObjectName(u"outDirEdit")

        self.outDirLayout.addWidget(self.outDirEdit)

        self.outDirButton = QPushButton(self.exportBox)
        self.outDirButton.setObjectName(u"outDirButton")

        self.outDirLayout.addWidget(self.outDirButton)


        self.exportForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.outDirLayout)

        self.signCheck = QCheckBox(self.exportBox)
        self.signCheck.setObjectName(u"signCheck")

        self.exportForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.signCheck)

        self.p12Label = QLabel(self.exportBox)
        self.p12Label.setObjectName(u"p12Label")

        self.exportForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.p12Label)

        self.p12Layout = QHBoxLayout()
        self.p12Layout.setObjectName(u"p12Layout")
        self.p12Edit = QLineEdit(self.exportBox)
        self.p12Edit.setObjectName(u"p12Edit")

        self.p12Layout.addWidget(self.p12Edit)

        self.p12Button = QPushButton(self.exportBox)
        self.p12Button.setObjectName(u"p12Button")

        self.p12Layout.addWidget(self.p12Button)

        self.newKeyButton = QPushButton(self.exportBox)
        self.newKeyButton.setObjectName(u"newKeyButton")

        self.p12Layout.addWidget(self.newKeyButton)


        self.exportForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.p12Layout)

        self.sealLabel = QLabel(self.exportBox)
        self.sealLabel.setObjectName(u"sealLabel")

        self.exportForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sealLabel)

        self.sealLayout = QHBoxLayout()
        self.sealLayout.setObjectName(u"sealLayout")
        self.sealEdit = QLineEdit(self.exportBox)
        self.sealEdit.setObjectName(u"sealEdit")

        self.sealLayout.addWidget(self.sealEdit)

        self.sealButton = QPushButton(self.exportBox)
        self.sealButton.setObjectName(u"sealButton")

        self.sealLayout.addWidget(self.sealButton)


        self.exportForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.sealLayout)

        self.docxCheck = QCheckBox(self.exportBox)
        self.docxCheck.setObjectName(u"docxCheck")
        self.docxCheck.setChecked(True)

        self.exportForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.docxCheck)

        self.exportButton = QPushButton(self.exportBox)
        self.exportButton.setObjectName(u"exportButton")
        self.exportButton.setMinimumHeight(34)

        self.exportForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.exportButton)

        self.exportProgress = QProgressBar(self.exportBox)
        self.exportProgress.setObjectName(u"exportProgress")
        self.exportProgress.setValue(0)

        self.exportForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.exportProgress)

        self.resultLabel = QLabel(self.exportBox)
        self.resultLabel.setObjectName(u"resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.exportForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.resultLabel)

        self.openFolderButton = QPushButton(self.exportBox)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.exportForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.openFolderButton)


        self.rightLayout.addWidget(self.exportBox)

        self.textsBox = QGroupBox(self.rightHost)
        self.textsBox.setObjectName(u"textsBox")
        self.textsForm = QFormLayout(self.textsBox)
        self.textsForm.setObjectName(u"textsForm")
        self.addresseeLabel = QLabel(self.textsBox)
        self.addresseeLabel.setObjectName(u"addresseeLabel")

        self.textsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.addresseeLabel)

        self.addresseeEdit = QLineEdit(self.textsBox)
        self.addresseeEdit.setObjectName(u"addresseeEdit")

        self.textsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.addresseeEdit)

        self.openingLabel = QLabel(self.textsBox)
        self.openingLabel.setObjectName(u"openingLabel")

        self.textsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.openingLabel)

        self.openingEdit = QPlainTextEdit(self.textsBox)
        self.openingEdit.setObjectName(u"openingEdit")
        self.openingEdit.setMaximumHeight(80)

        self.textsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.openingEdit)

        self.practicesLabel = QLabel(self.textsBox)
        self.practicesLabel.setObjectName(u"practicesLabel")

        self.textsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.practicesLabel)

        self.practicesEdit = QPlainTextEdit(self.textsBox)
        self.practicesEdit.setObjectName(u"practicesEdit")
        self.practicesEdit.setMaximumHeight(80)

        self.textsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.practicesEdit)

        self.nextStepsLabel = QLabel(self.textsBox)
        self.nextStepsLabel.setObjectName(u"nextStepsLabel")

        self.textsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.nextStepsLabel)

        self.nextStepsEdit = QPlainTextEdit(self.textsBox)
        self.nextStepsEdit.setObjectName(u"nextStepsEdit")
        self.nextStepsEdit.setMaximumHeight(80)

        self.textsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.nextStepsEdit)

        self.signerLabel = QLabel(self.textsBox)
        self.signerLabel.setObjectName(u"signerLabel")

        self.textsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.signerLabel)

        self.signerLayout = QHBoxLayout()
        self.signerLayout.setObjectName(u"signerLayout")
        self.signerNameEdit = QLineEdit(self.textsBox)
        self.signerNameEdit.setObjectName(u"signerNameEdit")

        self.signerLayout.addWidget(self.signerNameEdit)

        self.signerPositionEdit = QLineEdit(self.textsBox)
        self.signerPositionEdit.setObjectName(u"signerPositionEdit")

        self.signerLayout.addWidget(self.signerPositionEdit)


        self.textsForm.setLayout(4, QFormLayout.ItemRole.FieldRole, self.signerLayout)

        self.redraftButton = QPushButton(self.textsBox)
        self.redraftButton.setObjectName(u"redraftButton")

        self.textsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.redraftButton)


        self.rightLayout.addWidget(self.textsBox)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rightLayout.addItem(self.rightSpacer)

        self.rightScroll.setWidget(self.rightHost)

        self.outer.addWidget(self.rightScroll)


        self.retranslateUi(ExportPage)

        QMetaObject.connectSlotsByName(ExportPage)
    # setupUi

    def retranslateUi(self, ExportPage):
        self.exportBox.setTitle(QCoreApplication.translate("ExportPage", u"\u5bfc\u51fa\u4e0e\u7b7e\u540d", None))
        self.outDirLabel.setText(QCoreApplication.translate("ExportPage", u"\u4fdd\u5b58\u5230", None))
        self.outDirButton.setText(QCoreApplication.translate("ExportPage", u"\u9009\u62e9\u2026", None))
        self.signCheck.setText(QCoreApplication.translate("ExportPage", u"\u7528\u5355\u4f4d\u8bc1\u4e66\u7b7e\u540d(\u63a8\u8350)", None))
        self.p12Label.setText(QCoreApplication.translate("ExportPage", u"\u5355\u4f4d\u8bc1\u4e66", None))
        self.p12Edit.setPlaceholderText(QCoreApplication.translate("ExportPage", u".p12 \u6587\u4ef6", None))
        self.p12Button.setText(QCoreApplication.translate("ExportPage", u"\u9009\u62e9\u2026", None))
        self.newKeyButton.setText(QCoreApplication.translate("ExportPage", u"\u65b0\u5efa\u2026", None))
#if QT_CONFIG(tooltip)
        self.newKeyButton.setToolTip(QCoreApplication.translate("ExportPage", u"\u6ca1\u6709\u7701\u7ea7\u7b7e\u53d1\u7684\u8bc1\u4e66\u65f6,\u4e3a\u672c\u5355\u4f4d\u751f\u6210\u81ea\u7b7e\u540d\u8bc1\u4e66", None))
#endif // QT_CONFIG(tooltip)
        self.sealLabel.setText(QCoreApplication.translate("ExportPage", u"\u5370\u7ae0\u56fe\u7247", None))
        self.sealEdit.setPlaceholderText(QCoreApplication.translate("ExportPage", u"\u53ef\u9009,PNG", None))
        self.sealButton.setText(QCoreApplication.translate("ExportPage", u"\u9009\u62e9\u2026", None))
        self.docxCheck.setText(QCoreApplication.translate("ExportPage", u"\u540c\u65f6\u5bfc\u51fa\u53ef\u7f16\u8f91\u7684 Word \u62a5\u544a(.docx)", None))
        self.exportButton.setText(QCoreApplication.translate("ExportPage", u"\u5bfc\u51fa\u81ea\u67e5\u62a5\u544a\u548c\u4e00\u5f20\u8868", None))
        self.openFolderButton.setText(QCoreApplication.translate("ExportPage", u"\u6253\u5f00\u6240\u5728\u6587\u4ef6\u5939", None))
        self.textsBox.setTitle(QCoreApplication.translate("ExportPage", u"\u62a5\u544a\u6587\u5b57(\u53ef\u4fee\u6539,\u81ea\u52a8\u4fdd\u5b58)", None))
        self.addresseeLabel.setText(QCoreApplication.translate("ExportPage", u"\u4e3b\u9001\u673a\u5173", None))
        self.openingLabel.setText(QCoreApplication.translate("ExportPage", u"\u5f00\u5934", None))
        self.practicesLabel.setText(QCoreApplication.translate("ExportPage", u"\u4e3b\u8981\u505a\u6cd5", None))
        self.nextStepsLabel.setText(QCoreApplication.translate("ExportPage", u"\u4e0b\u4e00\u6b65\u6253\u7b97", None))
        self.signerLabel.setText(QCoreApplication.translate("ExportPage", u"\u7b7e\u53d1\u4eba", None))
        self.signerNameEdit.setPlaceholderText(QCoreApplication.translate("ExportPage", u"\u59d3\u540d", None))
        self.signerPositionEdit.setPlaceholderText(QCoreApplication.translate("ExportPage", u"\u804c\u52a1", None))
        self.redraftButton.setText(QCoreApplication.translate("ExportPage", u"\u6309\u5f53\u524d\u6570\u636e\u91cd\u65b0\u8d77\u8349", None))
        pass
    # retranslateUi

