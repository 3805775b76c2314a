# Generated from forms/main_window.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QStackedWidget, QStatusBar, QVBoxLayout, QWidget

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 760)
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.centralLayout = QHBoxLayout(self.central)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(6, 6, 6, 6)
        self.sideLayout = QVBoxLayout()
        self.sideLayout.setObjectName(u"sideLayout")
        self.stepList = QListWidget(self.central)
        self.stepList.setObjectName(u"stepList")
        self.stepList.setMinimumWidth(190)
        self.stepList.setMaximumWidth(230)

        self.sideLayout.addWidget(self.stepList)

        self.overallLabel = QLabel(self.central)
        self.overallLabel.setObjectName(u"overallLabel")

        self.sideLayout.addWidget(self.overallLabel)

        self.overallBar = QProgressBar(self.central)
        self.overallBar.setObjectName(u"overallBar")
        self.overallBar.setValue(0)
        self.overallBar.setMaximumWidth(230)

        self.sideLayout.addWidget(self.overallBar)

        self.homeButton = QPushButton(self.central)
        self.homeButton.setObjectName(u"homeButton")
        self.homeButton.setMaximumWidth(230)

        self.sideLayout.addWidget(self.homeButton)


        self.centralLayout.addLayout(self.sideLayout)

        self.mainLayout = QVBoxLayout()
        self.mainLayout.setObjectName(u"mainLayout")
        self.pageTitle = QLabel(self.central)
        self.pageTitle.setObjectName(u"pageTitle")
        self.pageTitle.setStyleSheet(u"font-size: 18px; font-weight: bold;")

        self.mainLayout.addWidget(self.pageTitle)

        self.stack = QStackedWidget(self.central)
        self.stack.setObjectName(u"stack")

        self.mainLayout.addWidget(self.stack)

        self.navLayout = QHBoxLayout()
        self.navLayout.setObjectName(u"navLayout")
        self.pageHint = QLabel(self.central)
        self.pageHint.setObjectName(u"pageHint")
        self.pageHint.setWordWrap(True)

        self.navLayout.addWidget(self.pageHint)

        self.navSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.navLayout.addItem(self.navSpacer)

        self.backButton = QPushButton(self.central)
        self.backButton.setObjectName(u"backButton")

        self.navLayout.addWidget(self.backButton)

        self.nextButton = QPushButton(self.central)
        self.nextButton.setObjectName(u"nextButton")

        self.navLayout.addWidget(self.nextButton)


        self.mainLayout.addLayout(self.navLayout)


        self.centralLayout.addLayout(self.mainLayout)

        self.centralLayout.setStretch(1, 1)
        MainWindow.setCentralWidget(self.central)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u5e74\u5ea6\u81ea\u67e5", None))
#if QT_CONFIG(accessibility)
        self.stepList.setAccessibleName(QCoreApplication.translate("MainWindow", u"\u81ea\u67e5\u6b65\u9aa4", None))
#endif // QT_CONFIG(accessibility)
        self.overallLabel.setText(QCoreApplication.translate("MainWindow", u"\u603b\u4f53\u8fdb\u5ea6", None))
        self.homeButton.setText(QCoreApplication.translate("MainWindow", u"\u8fd4\u56de\u9996\u9875", None))
        self.backButton.setText(QCoreApplication.translate("MainWindow", u"\u4e0a\u4e00\u6b65", None))
        self.nextButton.setText(QCoreApplication.translate("MainWindow", u"\u4e0b\u4e00\u6b65", None))
    # retranslateUi

