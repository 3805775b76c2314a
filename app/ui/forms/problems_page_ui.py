# Generated from forms/problems_page.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout

class Ui_ProblemsPage(object):
    def setupUi(self, ProblemsPage):
        if not ProblemsPage.objectName():
            ProblemsPage.setObjectName(u"ProblemsPage")
        self.outer = QVBoxLayout(ProblemsPage)
        self.outer.setObjectName(u"outer")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.summaryLabel = QLabel(ProblemsPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.toolbar.addWidget(self.summaryLabel)

        self.toolSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar.addItem(self.toolSpacer)

        self.incompleteCheck = QCheckBox(ProblemsPage)
        self.incompleteCheck.setObjectName(u"incompleteCheck")

        self.toolbar.addWidget(self.incompleteCheck)


        self.outer.addLayout(self.toolbar)

        self.problemsView = QTableView(ProblemsPage)
        self.problemsView.setObjectName(u"problemsView")
        self.problemsView.setAlternatingRowColors(True)
        self.problemsView.setWordWrap(False)

        self.outer.addWidget(self.problemsView)

        self.hintLabel = QLabel(ProblemsPage)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setStyleSheet(u"color: #666;")

        self.outer.addWidget(self.hintLabel)


        self.retranslateUi(ProblemsPage)

        QMetaObject.connectSlotsByName(ProblemsPage)
    # setupUi

    def retranslateUi(self, ProblemsPage):
        self.incompleteCheck.setText(QCoreApplication.translate("ProblemsPage", u"\u53ea\u770b\u672a\u586b\u5b8c\u6574\u7684", None))
        self.hintLabel.setText(QCoreApplication.translate("ProblemsPage", u"\u53cc\u51fb\u5355\u5143\u683c\u5373\u53ef\u4fee\u6539;\u6574\u6539\u65f6\u9650\u53ef\u5199\u4f5c 2025-06-30\u30012025/6/30 \u6216 2025\u5e746\u670830\u65e5\u3002", None))
        pass
    # retranslateUi

