# Generated from forms/merge_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout

class Ui_MergeDialog(object):
    def setupUi(self, MergeDialog):
        if not MergeDialog.objectName():
            MergeDialog.setObjectName(u"MergeDialog")
        MergeDialog.resize(1000, 680)
        self.outer = QVBoxLayout(MergeDialog)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(MergeDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.inputsLayout = QHBoxLayout()
        self.inputsLayout.setObjectName(u"inputsLayout")
        self.inputsList = QListWidget(MergeDialog)
        self.inputsList.setObjectName(u"inputsList")
        self.inputsList.setMaximumHeight(110)

        self.inputsLayout.addWidget(self.inputsList)

        self.inputButtons = QVBoxLayout()
        self.inputButtons.setObjectName(u"inputButtons")
        self.addFilesButton = QPushButton(MergeDialog)
        self.addFilesButton.setObjectName(u"addFilesButton")

        self.inputButtons.addWidget(self.addFilesButton)

        self.addFolderButton = QPushButton(MergeDialog)
        self.addFolderButton.setObjectName(u"addFolderButton")

        self.inputButtons.addWidget(self.addFolderButton)

        self.clearButton = QPushButton(MergeDialog)
        self.clearButton.setObjectName(u"clearButton")

        self.inputButtons.addWidget(self.clearButton)


        self.inputsLayout.addLayout(self.inputButtons)


        self.outer.addLayout(self.inputsLayout)

        self.optionsForm = QFormLayout()
        self.optionsForm.setObjectName(u"optionsForm")
        self.outLabel = QLabel(MergeDialog)
        self.outLabel.setObjectName(u"outLabel")

        self.optionsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outLabel)

        self.outLayout = QHBoxLayout()
        self.outLayout.setObjectName(u"outLayout")
        self.outEdit = QLineEdit(MergeDialog)
        self.outEdit.setObjectName(u"outEdit")

        self.outLayout.addWidget(self.outEdit)

        self.outButton = QPushButton(MergeDialog)
        self.outButton.setObjectName(u"outButton")

        self.outLayout.addWidget(self.outButton)


        self.optionsForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.outLayout)

        self.trustLabel = QLabel(MergeDialog)
        self.trustLabel.setObjectName(u"trustLabel")

        self.optionsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.trustLabel)

        self.trustLayout = QHBoxLayout()
        self.trustLayout.setObjectName(u"trustLayout")
        self.trustEdit = QLineEdit(MergeDialog)
        self.trustEdit.setObjectName(u"trustEdit")

        self.trustLayout.addWidget(self.trustEdit)

        self.trustButton = QPushButton(MergeDialog)
        self.trustButton.setObjectName(u"trustButton")

        self.trustLayout.addWidget(self.trustButton)


        self.optionsForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.trustLayout)

        self.dbLabel = QLabel(MergeDialog)
        self.dbLabel.setObjectName(u"dbLabel")

        self.optionsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dbLabel)

        self.dbValue = QLabel(MergeDialog)
        self.dbValue.setObjectName(u"dbValue")
        self.dbValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.optionsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dbValue)

        self.provinceLabel = QLabel(MergeDialog)
        self.provinceLabel.setObjectName(u"provinceLabel")

        self.optionsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.provinceLabel)

        self.provinceLayout = QHBoxLayout()
        self.provinceLayout.setObjectName(u"provinceLayout")
        self.provinceEdit = QLineEdit(MergeDialog)
        self.provinceEdit.setObjectName(u"provinceEdit")

        self.provinceLayout.addWidget(self.provinceEdit)

        self.allowOtherCheck = QCheckBox(MergeDialog)
        self.allowOtherCheck.setObjectName(u"allowOtherCheck")

        self.provinceLayout.addWidget(self.allowOtherCheck)


        self.optionsForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.provinceLayout)

        self.detailLabel = QLabel(MergeDialog)
        self.detailLabel.setObjectName(u"detailLabel")

        self.optionsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.detailLabel)

        self.detailCombo = QComboBox(MergeDialog)
        self.detailCombo.setObjectName(u"detailCombo")

        self.optionsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.detailCombo)


        self.outer.addLayout(self.optionsForm)

        self.runLayout = QHBoxLayout()
        self.runLayout.setObjectName(u"runLayout")
        self.startButton = QPushButton(MergeDialog)
        self.startButton.setObjectName(u"startButton")

        self.runLayout.addWidget(self.startButton)

        self.cancelButton = QPushButton(MergeDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.runLayout.addWidget(self.cancelButton)

        self.progressBar = QProgressBar(MergeDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.runLayout.addWidget(self.progressBar)


        self.outer.addLayout(self.runLayout)

        self.countsLabel = QLabel(MergeDialog)
        self.countsLabel.setObjectName(u"countsLabel")
        self.countsLabel.setWordWrap(True)

        self.outer.addWidget(self.countsLabel)

        self.resultsView = QTableView(MergeDialog)
        self.resultsView.setObjectName(u"resultsView")
        self.resultsView.setAlternatingRowColors(True)

        self.outer.addWidget(self.resultsView)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomLayout.addItem(self.bottomSpacer)

        self.openMasterButton = QPushButton(MergeDialog)
        self.openMasterButton.setObjectName(u"openMasterButton")

        self.bottomLayout.addWidget(self.openMasterButton)

        self.closeButton = QPushButton(MergeDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.bottomLayout.addWidget(self.closeButton)


        self.outer.addLayout(self.bottomLayout)


        self.retranslateUi(MergeDialog)

        QMetaObject.connectSlotsByName(MergeDialog)
    # setupUi

    def retranslateUi(self, MergeDialog):
        MergeDialog.setWindowTitle(QCoreApplication.translate("MergeDialog", u"\u7701\u7ea7\u6c47\u603b", None))
        self.intro.setText(QCoreApplication.translate("MergeDialog", u"\u9009\u62e9\u6216\u62d6\u5165\u5404\u5355\u4f4d\u62a5\u9001\u7684\u5de5\u4f5c\u7c3f(.xlsx)\u6216\u6240\u5728\u6587\u4ef6\u5939\u3002\u6bcf\u4e2a\u6587\u4ef6\u5148\u68c0\u67e5\u5b89\u5168\u6027\u3001\u7248\u5f0f\u3001\u5185\u5bb9\u548c\u7b7e\u540d,\u5408\u683c\u7684\u624d\u5e76\u5165\u7701\u7ea7\u6570\u636e\u5e93;\u4e0d\u5408\u683c\u7684\u9010\u4e00\u5217\u51fa\u539f\u56e0\u3002", None))
        self.addFilesButton.setText(QCoreApplication.translate("MergeDialog", u"\u6dfb\u52a0\u6587\u4ef6\u2026", None))
        self.addFolderButton.setText(QCoreApplication.translate("MergeDialog", u"\u6dfb\u52a0\u6587\u4ef6\u5939\u2026", None))
        self.clearButton.setText(QCoreApplication.translate("MergeDialog", u"\u6e05\u7a7a", None))
        self.outLabel.setText(QCoreApplication.translate("MergeDialog", u"\u6c47\u603b\u5de5\u4f5c\u7c3f", None))
        self.outButton.setText(QCoreApplication.translate("MergeDialog", u"\u9009\u62e9\u2026", None))
        self.trustLabel.setText(QCoreApplication.translate("MergeDialog", u"\u4fe1\u4efb\u7684\u8bc1\u4e66\u673a\u6784", None))
        self.trustEdit.setPlaceholderText(QCoreApplication.translate("MergeDialog", u"ca.pem(\u53ef\u9009;\u6307\u5b9a\u540e\u53ea\u63a5\u53d7\u7531\u8be5\u673a\u6784\u7b7e\u53d1\u8bc1\u4e66\u7b7e\u540d\u7684\u6587\u4ef6)", None))
        self.trustButton.setText(QCoreApplication.translate("MergeDialog", u"\u9009\u62e9\u2026", None))
        self.dbLabel.setText(QCoreApplication.translate("MergeDialog", u"\u7701\u7ea7\u6570\u636e\u5e93", None))
        self.provinceLabel.setText(QCoreApplication.translate("MergeDialog", u"\u672c\u7701", None))
        self.provinceEdit.setPlaceholderText(QCoreApplication.translate("MergeDialog", u"\u5982 33 \u6216 \u6d59\u6c5f\u7701(\u53ef\u9009;\u6307\u5b9a\u540e\u5916\u7701\u5355\u4f4d\u5c06\u88ab\u9000\u56de)", None))
        self.allowOtherCheck.setText(QCoreApplication.translate("MergeDialog", u"\u5141\u8bb8\u5916\u7701\u5355\u4f4d(\u6807\u6ce8\u540e\u6c47\u603b)", None))
        self.detailLabel.setText(QCoreApplication.translate("MergeDialog", u"\u660e\u7ec6\u8f93\u51fa", None))
        self.startButton.setText(QCoreApplication.translate("MergeDialog", u"\u5f00\u59cb\u6c47\u603b", None))
        self.cancelButton.setText(QCoreApplication.translate("MergeDialog", u"\u505c\u6b62", None))
        self.openMasterButton.setText(QCoreApplication.translate("MergeDialog", u"\u6253\u5f00\u6c47\u603b\u5de5\u4f5c\u7c3f", None))
        self.closeButton.setText(QCoreApplication.translate("MergeDialog", u"\u5173\u95ed", None))
    # retranslateUi

