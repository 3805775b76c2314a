"""About: version, checklist version, where the data lives, and the licences of what is bundled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import __version__
from app.paths import resource


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.core.checklist import default_checklist
        from app.paths import data_dir

        self.setWindowTitle(self.tr("关于"))
        self.resize(620, 480)
        checklist = default_checklist()
        fonts_readme = resource("resources", "fonts", "README.md")
        fonts = fonts_readme.read_text(encoding="utf-8") if fonts_readme.is_file() else ""
        text = "\n".join([
            f"<h3>selfcheck {__version__}</h3>",
            "<p>" + self.tr("防治“指尖上的形式主义”年度自查工具。离线运行,不联网,不收集任何数据。") + "</p>",
            "<p>" + self.tr("自查清单:%1(%2 版本 %3)").replace("%1", checklist.title)
            .replace("%2", checklist.id).replace("%3", checklist.version) + "</p>",
            "<p>" + self.tr("数据文件夹:%1").replace("%1", str(data_dir())) + "</p>",
            "<p>" + self.tr("当前数据库:%1").replace("%1", str(db_path) if db_path else "—") + "</p>",
            "<h4>" + self.tr("许可") + "</h4>",
            "<p>" + self.tr("本程序使用 Qt for Python(PySide6,LGPLv3)、reportlab(BSD)、openpyxl(MIT)、"
                            "python-calamine(MIT)、pyHanko(MIT)、cryptography(Apache-2.0/BSD)。") + "</p>",
            f"<pre style='white-space: pre-wrap'>{fonts}</pre>",
        ])
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setObjectName("aboutText")
        browser.setHtml(text)
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
