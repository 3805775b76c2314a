# Generated from forms/ledger_page.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QTableView, QVBoxLayout, QWidget

class Ui_LedgerPage(object):
    def setupUi(self, LedgerPage):
        if not LedgerPage.objectName():
            LedgerPage.setObjectName(u"LedgerPage")
        self.outer = QVBoxLayout(LedgerPage)
        self.outer.setObjectName(u"outer")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.searchEdit = QLineEdit(LedgerPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.toolbar.addWidget(self.searchEdit)

        self.addButton = QPushButton(LedgerPage)
        self.addButton.setObjectName(u"addButton")

        self.toolbar.addWidget(self.addButton)

        self.editButton = QPushButton(LedgerPage)
        self.editButton.setObjectName(u"editButton")

        self.toolbar.addWidget(self.editButton)

        self.deleteButton = QPushButton(LedgerPage)
        self.deleteButton.setObjectName(u"deleteButton")

        self.toolbar.addWidget(self.deleteButton)

        self.importButton = QPushButton(LedgerPage)
        self.importButton.setObjectName(u"importButton")

        self.toolbar.addWidget(self.importButton)

        self.pasteButton = QPushButton(LedgerPage)
        self.pasteButton.setObjectName(u"pasteButton")

        self.toolbar.addWidget(self.pasteButton)


        self.outer.addLayout(self.toolbar)

        self.kindTabs = QTabWidget(LedgerPage)
        self.kindTabs.setObjectName(u"kindTabs")
        self.appTab = QWidget()
        self.appTab.setObjectName(u"appTab")
        self.appLayout = QVBoxLayout(self.appTab)
        self.appLayout.setObjectName(u"appLayout")
        self.appView = QTableView(self.appTab)
        self.appView.setObjectName(u"appView")

        self.appLayout.addWidget(self.appView)

        self.kindTabs.addTab(self.appTab, "")
        self.accountTab = QWidget()
        self.accountTab.setObjectName(u"accountTab")
        self.accountLayout = QVBoxLayout(self.accountTab)
        self.accountLayout.setObjectName(u"accountLayout")
        self.accountView = QTableView(self.accountTab)
        self.accountView.setObjectName(u"accountView")

        self.accountLayout.addWidget(self.accountView)

        self.kindTabs.addTab(self.accountTab, "")
        self.groupTab = QWidget()
        self.groupTab.setObjectName(u"groupTab")
        self.groupLayout = QVBoxLayout(self.groupTab)
        self.groupLayout.setObjectName(u"groupLayout")
        self.groupView = QTableView(self.groupTab)
        self.groupView.setObjectName(u"groupView")

        self.groupLayout.addWidget(self.groupView)

        self.kindTabs.addTab(self.groupTab, "")

        self.outer.addWidget(self.kindTabs)

        self.countLabel = QLabel(LedgerPage)
        self.countLabel.setObjectName(u"countLabel")

        self.outer.addWidget(self.countLabel)


        self.retranslateUi(LedgerPage)

        QMetaObject.connectSlotsByName(LedgerPage)
    # setupUi

    def retranslateUi(self, LedgerPage):
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("LedgerPage", u"\u641c\u7d22\u540d\u79f0\u3001\u4e3b\u529e\u5355\u4f4d\u3001\u5e73\u53f0\u2026", None))
        self.addButton.setText(QCoreApplication.translate("LedgerPage", u"\u65b0\u589e\u2026", None))
        self.editButton.setText(QCoreApplication.translate("LedgerPage", u"\u7f16\u8f91\u2026", None))
        self.deleteButton.setText(QCoreApplication.translate("LedgerPage", u"\u5220\u9664", None))
        self.importButton.setText(QCoreApplication.translate("LedgerPage", u"\u4ece\u5de5\u4f5c\u7c3f\u5bfc\u5165\u2026", None))
        self.pasteButton.setText(QCoreApplication.translate("LedgerPage", u"\u7c98\u8d34\u8868\u683c", None))
        self.kindTabs.setTabText(self.kindTabs.indexOf(self.appTab), QCoreApplication.translate("LedgerPage", u"\u5e94\u7528\u7a0b\u5e8f", None))
        self.kindTabs.setTabText(self.kindTabs.indexOf(self.accountTab), QCoreApplication.translate("LedgerPage", u"\u516c\u4f17\u8d26\u53f7", None))
        self.kindTabs.setTabText(self.kindTabs.indexOf(self.groupTab), QCoreApplication.translate("LedgerPage", u"\u5de5\u4f5c\u7fa4\u7ec4", None))
        pass
    # retranslateUi

