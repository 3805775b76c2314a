# Generated from forms/item_panel.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_ItemPanel(object):
    def setupUi(self, ItemPanel):
        if not ItemPanel.objectName():
            ItemPanel.setObjectName(u"ItemPanel")
        self.outer = QVBoxLayout(ItemPanel)
        self.outer.setObjectName(u"outer")
        self.entityLabel = QLabel(ItemPanel)
        self.entityLabel.setObjectName(u"entityLabel")
        self.entityLabel.setStyleSheet(u"font-size: 15px; font-weight: bold;")
        self.entityLabel.setWordWrap(True)

        self.outer.addWidget(self.entityLabel)

        self.articleLabel = QLabel(ItemPanel)
        self.articleLabel.setObjectName(u"articleLabel")
        self.articleLabel.setWordWrap(True)
        self.articleLabel.setStyleSheet(u"color: #1f4e79; font-weight: bold;")

        self.outer.addWidget(self.articleLabel)

        self.wordingLabel = QLabel(ItemPanel)
        self.wordingLabel.setObjectName(u"wordingLabel")
        self.wordingLabel.setWordWrap(True)
        self.wordingLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.wordingLabel.setStyleSheet(u"background: #f4f6f8; padding: 6px; color: #333;")

        self.outer.addWidget(self.wordingLabel)

        self.questionLabel = QLabel(ItemPanel)
        self.questionLabel.setObjectName(u"questionLabel")
        self.questionLabel.setWordWrap(True)
        self.questionLabel.setStyleSheet(u"font-size: 15px;")

        self.outer.addWidget(self.questionLabel)

        self.guidanceLabel = QLabel(ItemPanel)
        self.guidanceLabel.setObjectName(u"guidanceLabel")
        self.guidanceLabel.setWordWrap(True)
        self.guidanceLabel.setStyleSheet(u"color: #555;")

        self.outer.addWidget(self.guidanceLabel)

        self.findingBox = QFrame(ItemPanel)
        self.findingBox.setObjectName(u"findingBox")
        self.findingBox.setStyleSheet(u"QFrame#findingBox { background: #fff4e5; border: 1px solid #f0b060; }")
        self.findingLayout = QHBoxLayout(self.findingBox)
        self.findingLayout.setObjectName(u"findingLayout")
        self.findingLabel = QLabel(self.findingBox)
        self.findingLabel.setObjectName(u"findingLabel")
        self.findingLabel.setWordWrap(True)

        self.findingLayout.addWidget(self.findingLabel)

        self.acceptFindingButton = QPushButton(self.findingBox)
        self.acceptFindingButton.setObjectName(u"acceptFindingButton")

        self.findingLayout.addWidget(self.acceptFindingButton)

        self.dismissFindingButton = QPushButton(self.findingBox)
        self.dismissFindingButton.setObjectName(u"dismissFindingButton")

        self.findingLayout.addWidget(self.dismissFindingButton)


        self.outer.addWidget(self.findingBox)

        self.verdictLayout = QHBoxLayout()
        self.verdictLayout.setObjectName(u"verdictLayout")
        self.compliantButton = QPushButton(ItemPanel)
        self.compliantButton.setObjectName(u"compliantButton")
        self.compliantButton.setCheckable(True)

        self.verdictLayout.addWidget(self.compliantButton)

        self.partialButton = QPushButton(ItemPanel)
        self.partialButton.setObjectName(u"partialButton")
        self.partialButton.setCheckable(True)

        self.verdictLayout.addWidget(self.partialButton)

        self.noncompliantButton = QPushButton(ItemPanel)
        self.noncompliantButton.setObjectName(u"noncompliantButton")
        self.noncompliantButton.setCheckable(True)

        self.verdictLayout.addWidget(self.noncompliantButton)

        self.naButton = QPushButton(ItemPanel)
        self.naButton.setObjectName(u"naButton")
        self.naButton.setCheckable(True)

        self.verdictLayout.addWidget(self.naButton)

        self.nextButton = QPushButton(ItemPanel)
        self.nextButton.setObjectName(u"nextButton")

        self.verdictLayout.addWidget(self.nextButton)


        self.outer.addLayout(self.verdictLayout)

        self.noteLabel = QLabel(ItemPanel)
        self.noteLabel.setObjectName(u"noteLabel")

        self.outer.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(ItemPanel)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumHeight(70)
        self.noteEdit.setTabChangesFocus(True)

        self.outer.addWidget(self.noteEdit)

        self.evidenceLabel = QLabel(ItemPanel)
        self.evidenceLabel.setObjectName(u"evidenceLabel")

        self.outer.addWidget(self.evidenceLabel)

        self.evidenceHint = QLabel(ItemPanel)
        self.evidenceHint.setObjectName(u"evidenceHint")
        self.evidenceHint.setWordWrap(True)
        self.evidenceHint.setStyleSheet(u"color: #777;")

        self.outer.addWidget(self.evidenceHint)

        self.evidenceLayout = QHBoxLayout()
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.evidenceList = QListWidget(ItemPanel)
        self.evidenceList.setObjectName(u"evidenceList")
        self.evidenceList.setMaximumHeight(80)

        self.evidenceLayout.addWidget(self.evidenceList)

        self.evidenceButtons = QVBoxLayout()
        self.evidenceButtons.setObjectName(u"evidenceButtons")
        self.addEvidenceButton = QPushButton(ItemPanel)
        self.addEvidenceButton.setObjectName(u"addEvidenceButton")

        self.evidenceButtons.addWidget(self.addEvidenceButton)

        self.openEvidenceButton = QPushButton(ItemPanel)
        self.openEvidenceButton.setObjectName(u"openEvidenceButton")

        self.evidenceButtons.addWidget(self.openEvidenceButton)

        self.removeEvidenceButton = QPushButton(ItemPanel)
        self.removeEvidenceButton.setObjectName(u"removeEvidenceButton")

        self.evidenceButtons.addWidget(self.removeEvidenceButton)


        self.evidenceLayout.addLayout(self.evidenceButtons)


        self.outer.addLayout(self.evidenceLayout)

        self.problemBox = QGroupBox(ItemPanel)
        self.problemBox.setObjectName(u"problemBox")
        self.problemForm = QFormLayout(self.problemBox)
        self.problemForm.setObjectName(u"problemForm")
        self.descLabel = QLabel(self.problemBox)
        self.descLabel.setObjectName(u"descLabel")

        self.problemForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.descLabel)

        self.descriptionEdit = QLineEdit(self.problemBox)
        self.descriptionEdit.setObjectName(u"descriptionEdit")

        self.problemForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.measureLabel = QLabel(self.problemBox)
        self.measureLabel.setObjectName(u"measureLabel")

        self.problemForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.measureLabel)

        self.measureEdit = QLineEdit(self.problemBox)
        self.measureEdit.setObjectName(u"measureEdit")

        self.problemForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.measureEdit)

        self.ownerLabel = QLabel(self.problemBox)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.problemForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ownerLabel)

        self.ownerEdit = QLineEdit(self.problemBox)
        self.ownerEdit.setObjectName(u"ownerEdit")

        self.problemForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.ownerEdit)

        self.deadlineLabel = QLabel(self.problemBox)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.problemForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.deadlineLabel)

        self.deadlineEdit = QLineEdit(self.problemBox)
        self.deadlineEdit.setObjectName(u"deadlineEdit")

        self.problemForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.deadlineEdit)

        self.statusLabel = QLabel(self.problemBox)
        self.statusLabel.setObjectName(u"statusLabel")

        self.problemForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.problemBox)
        self.statusCombo.setObjectName(u"statusCombo")

        self.problemForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.problemError = QLabel(self.problemBox)
        self.problemError.setObjectName(u"problemError")
        self.problemError.setWordWrap(True)
        self.problemError.setStyleSheet(u"color: #b00020;")

        self.problemForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.problemError)


        self.outer.addWidget(self.problemBox)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)


        self.retranslateUi(ItemPanel)

        QMetaObject.connectSlotsByName(ItemPanel)
    # setupUi

    def retranslateUi(self, ItemPanel):
        self.acceptFindingButton.setText(QCoreApplication.translate("ItemPanel", u"\u91c7\u7eb3", None))
        self.dismissFindingButton.setText(QCoreApplication.translate("ItemPanel", u"\u5ffd\u7565", None))
        self.compliantButton.setText(QCoreApplication.translate("ItemPanel", u"1 \u7b26\u5408", None))
        self.partialButton.setText(QCoreApplication.translate("ItemPanel", u"2 \u57fa\u672c\u7b26\u5408", None))
        self.noncompliantButton.setText(QCoreApplication.translate("ItemPanel", u"3 \u4e0d\u7b26\u5408", None))
        self.naButton.setText(QCoreApplication.translate("ItemPanel", u"4 \u4e0d\u9002\u7528", None))
        self.nextButton.setText(QCoreApplication.translate("ItemPanel", u"\u4e0b\u4e00\u672a\u7b54\u9879 \u23ce", None))
        self.noteLabel.setText(QCoreApplication.translate("ItemPanel", u"\u8bf4\u660e", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("ItemPanel", u"\u68c0\u67e5\u60c5\u51b5\u8bf4\u660e(\u53ef\u9009)", None))
        self.evidenceLabel.setText(QCoreApplication.translate("ItemPanel", u"\u8bc1\u660e\u6750\u6599(\u53ef\u62d6\u5165\u6587\u4ef6)", None))
        self.addEvidenceButton.setText(QCoreApplication.translate("ItemPanel", u"\u6dfb\u52a0\u2026", None))
        self.openEvidenceButton.setText(QCoreApplication.translate("ItemPanel", u"\u6253\u5f00", None))
        self.removeEvidenceButton.setText(QCoreApplication.translate("ItemPanel", u"\u79fb\u9664", None))
        self.problemBox.setTitle(QCoreApplication.translate("ItemPanel", u"\u5b58\u5728\u95ee\u9898\u4e0e\u6574\u6539(\u57fa\u672c\u7b26\u5408\u3001\u4e0d\u7b26\u5408\u65f6\u5fc5\u586b)", None))
        self.descLabel.setText(QCoreApplication.translate("ItemPanel", u"\u95ee\u9898\u63cf\u8ff0 *", None))
        self.measureLabel.setText(QCoreApplication.translate("ItemPanel", u"\u6574\u6539\u63aa\u65bd *", None))
        self.ownerLabel.setText(QCoreApplication.translate("ItemPanel", u"\u8d23\u4efb\u4eba *", None))
        self.deadlineLabel.setText(QCoreApplication.translate("ItemPanel", u"\u6574\u6539\u65f6\u9650 *", None))
        self.deadlineEdit.setPlaceholderText(QCoreApplication.translate("ItemPanel", u"\u5982 2025-06-30", None))
        self.statusLabel.setText(QCoreApplication.translate("ItemPanel", u"\u6574\u6539\u72b6\u6001", None))
        pass
    # retranslateUi

