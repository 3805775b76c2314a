# Generated from forms/unit_page.ui by scripts/build_forms.py (pyside6-uic). Do not edit.
# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_UnitPage(object):
    def setupUi(self, UnitPage):
        if not UnitPage.objectName():
            UnitPage.setObjectName(u"UnitPage")
        self.outer = QVBoxLayout(UnitPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(UnitPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.nameLabel = QLabel(UnitPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameBox = QVBoxLayout()
        self.nameBox.setObjectName(u"nameBox")
        self.nameEdit = QLineEdit(UnitPage)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(100)

        self.nameBox.addWidget(self.nameEdit)

        self.nameError = QLabel(UnitPage)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setStyleSheet(u"color: #b00020;")

        self.nameBox.addWidget(self.nameError)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.nameBox)

        self.codeLabel = QLabel(UnitPage)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeBox = QVBoxLayout()
        self.codeBox.setObjectName(u"codeBox")
        self.codeEdit = QLineEdit(UnitPage)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaxLength(18)

        self.codeBox.addWidget(self.codeEdit)

        self.codeError = QLabel(UnitPage)
        self.codeError.setObjectName(u"codeError")
        self.codeError.setStyleSheet(u"color: #b00020;")

        self.codeBox.addWidget(self.codeError)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.codeBox)

        self.regionLabel = QLabel(UnitPage)
        self.regionLabel.setObjectName(u"regionLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.regionLabel)

        self.regionBox = QVBoxLayout()
        self.regionBox.setObjectName(u"regionBox")
        self.regionEdit = QLineEdit(UnitPage)
        self.regionEdit.setObjectName(u"regionEdit")
        self.regionEdit.setMaxLength(6)

        self.regionBox.addWidget(self.regionEdit)

        self.regionError = QLabel(UnitPage)
        self.regionError.setObjectName(u"regionError")
        self.regionError.setStyleSheet(u"color: #b00020;")

        self.regionBox.addWidget(self.regionError)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.regionBox)

        self.levelLabel = QLabel(UnitPage)
        self.levelLabel.setObjectName(u"levelLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.levelLabel)

        self.levelCombo = QComboBox(UnitPage)
        self.levelCombo.setObjectName(u"levelCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.levelCombo)

        self.contactLabel = QLabel(UnitPage)
        self.contactLabel.setObjectName(u"contactLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.contactLabel)

        self.contactEdit = QLineEdit(UnitPage)
        self.contactEdit.setObjectName(u"contactEdit")
        self.contactEdit.setMaxLength(40)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.contactEdit)

        self.phoneLabel = QLabel(UnitPage)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(UnitPage)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.yearLabel = QLabel(UnitPage)
        self.yearLabel.setObjectName(u"yearLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearValue = QLabel(UnitPage)
        self.yearValue.setObjectName(u"yearValue")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.yearValue)

        self.dateLabel = QLabel(UnitPage)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(UnitPage)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)
        self.dateEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.dateEdit)


        self.outer.addLayout(self.form)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)


        self.retranslateUi(UnitPage)

        QMetaObject.connectSlotsByName(UnitPage)
    # setupUi

    def retranslateUi(self, UnitPage):
        self.intro.setText(QCoreApplication.translate("UnitPage", u"\u586b\u5199\u672c\u5355\u4f4d\u7684\u57fa\u672c\u4fe1\u606f\u3002\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879;\u6bcf\u9879\u586b\u5199\u540e\u7acb\u5373\u4fdd\u5b58\u3002", None))
        self.nameLabel.setText(QCoreApplication.translate("UnitPage", u"\u5355\u4f4d\u540d\u79f0 *", None))
        self.codeLabel.setText(QCoreApplication.translate("UnitPage", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801 *", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("UnitPage", u"18\u4f4d,\u5982 11330106MB12345675", None))
        self.regionLabel.setText(QCoreApplication.translate("UnitPage", u"\u884c\u653f\u533a\u5212\u4ee3\u7801 *", None))
        self.regionEdit.setPlaceholderText(QCoreApplication.translate("UnitPage", u"6\u4f4d,\u5982 330106", None))
        self.levelLabel.setText(QCoreApplication.translate("UnitPage", u"\u5355\u4f4d\u5c42\u7ea7", None))
        self.contactLabel.setText(QCoreApplication.translate("UnitPage", u"\u8054\u7cfb\u4eba", None))
        self.phoneLabel.setText(QCoreApplication.translate("UnitPage", u"\u8054\u7cfb\u7535\u8bdd", None))
        self.yearLabel.setText(QCoreApplication.translate("UnitPage", u"\u81ea\u67e5\u5e74\u5ea6", None))
        self.dateLabel.setText(QCoreApplication.translate("UnitPage", u"\u68c0\u67e5\u65e5\u671f", None))
        pass
    # retranslateUi

