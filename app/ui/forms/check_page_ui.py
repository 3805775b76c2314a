# Generated from forms/check_page.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QLineEdit, QPushButton, QScrollArea, QSplitter, QTreeView, QVBoxLayout, QWidget

class Ui_CheckPage(object):
    def setupUi(self, CheckPage):
        if not CheckPage.objectName():
            CheckPage.setObjectName(u"CheckPage")
        self.outer = QVBoxLayout(CheckPage)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, -1, 0, -1)
        self.splitter = QSplitter(CheckPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.masterPane = QWidget(self.splitter)
        self.masterPane.setObjectName(u"masterPane")
        self.masterLayout = QVBoxLayout(self.masterPane)
        self.masterLayout.setObjectName(u"masterLayout")
        self.masterLayout.setContentsMargins(0, 0, 0, 0)
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterCombo = QComboBox(self.masterPane)
        self.filterCombo.setObjectName(u"filterCombo")

        self.filterLayout.addWidget(self.filterCombo)

        self.kindCombo = QComboBox(self.masterPane)
        self.kindCombo.setObjectName(u"kindCombo")

        self.filterLayout.addWidget(self.kindCombo)


        self.masterLayout.addLayout(self.filterLayout)

        self.articleCombo = QComboBox(self.masterPane)
        self.articleCombo.setObjectName(u"articleCombo")

        self.masterLayout.addWidget(self.articleCombo)

        self.searchEdit = QLineEdit(self.masterPane)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.masterLayout.addWidget(self.searchEdit)

        self.tree = QTreeView(self.masterPane)
        self.tree.setObjectName(u"tree")
        self.tree.setMinimumWidth(260)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.ExtendedSelection)

        self.masterLayout.addWidget(self.tree)

        self.bulkButton = QPushButton(self.masterPane)
        self.bulkButton.setObjectName(u"bulkButton")

        self.masterLayout.addWidget(self.bulkButton)

        self.splitter.addWidget(self.masterPane)
        self.detailScroll = QScrollArea(self.splitter)
        self.detailScroll.setObjectName(u"detailScroll")
        self.detailScroll.setWidgetResizable(True)
        self.detailScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.detailScroll.setFrameShape(QFrame.NoFrame)
        self.detailHost = QWidget()
        self.detailHost.setObjectName(u"detailHost")
        self.detailLayout = QVBoxLayout(self.detailHost)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, -1, -1, -1)
        self.detailScroll.setWidget(self.detailHost)
        self.splitter.addWidget(self.detailScroll)

        self.outer.addWidget(self.splitter)


        self.retranslateUi(CheckPage)

        QMetaObject.connectSlotsByName(CheckPage)
    # setupUi

    def retranslateUi(self, CheckPage):
#if QT_CONFIG(accessibility)
        self.filterCombo.setAccessibleName(QCoreApplication.translate("CheckPage", u"\u663e\u793a", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.kindCombo.setAccessibleName(QCoreApplication.translate("CheckPage", u"\u7c7b\u578b", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.articleCombo.setAccessibleName(QCoreApplication.translate("CheckPage", u"\u6761\u6b3e", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("CheckPage", u"\u6309\u540d\u79f0\u67e5\u627e\u2026", None))
        self.bulkButton.setText(QCoreApplication.translate("CheckPage", u"\u6279\u91cf\u4f5c\u7b54\u2026", None))
#if QT_CONFIG(tooltip)
        self.bulkButton.setToolTip(QCoreApplication.translate("CheckPage", u"\u5bf9\u6240\u9009\u7684\u591a\u4e2a\u5bf9\u8c61,\u5c31\u540c\u4e00\u68c0\u67e5\u9879\u7ed9\u51fa\u540c\u4e00\u7ed3\u8bba", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

