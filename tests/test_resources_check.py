"""A damaged installation is reported by file name at start."""

import shutil
from pathlib import Path

from app.paths import resource_root
from app.resources_check import qt_plugin_problems, resource_problems


def _copy_install(tmp_path):
    root = tmp_path / "install"
    for rel in ("checklists", "exports", "resources/fonts"):
        shutil.copytree(resource_root() / rel, root / rel)
    return root


def test_the_source_tree_is_complete():
    assert resource_problems() == []


def test_a_missing_font_is_named(tmp_path):
    root = _copy_install(tmp_path)
    (root / "resources/fonts/uming.ttc").unlink()
    problems = resource_problems(root)
    assert len(problems) == 1 and "uming.ttc" in problems[0] and "缺少" in problems[0]


def test_a_truncated_font_is_named(tmp_path):
    root = _copy_install(tmp_path)
    (root / "resources/fonts/wqy-microhei.ttc").write_bytes(b"ttcf" + b"\x00" * 100)
    assert "wqy-microhei.ttc" in resource_problems(root)[0]


def test_a_missing_layout_is_named(tmp_path):
    root = _copy_install(tmp_path)
    (root / "exports/workbook.toml").unlink()
    assert "workbook.toml" in resource_problems(root)[0]


# ---- the Qt platform plugin: checked before the QApplication exists (Qt would abort with an English message)

def _qt_plugins() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def _plugins_copy(tmp_path, name="offscreen"):
    from app.resources_check import _plugin_file

    folder = tmp_path / "plugins" / "platforms"
    folder.mkdir(parents=True)
    shutil.copy(_qt_plugins() / "platforms" / _plugin_file(name), folder)
    return tmp_path / "plugins", folder / _plugin_file(name)


def test_the_installed_qt_platform_plugin_is_found_intact():
    assert qt_plugin_problems(_qt_plugins(), "offscreen") == []


def test_a_missing_platform_plugin_is_named(tmp_path):
    plugins, plugin = _plugins_copy(tmp_path)
    plugin.unlink()
    problems = qt_plugin_problems(plugins, "offscreen")
    assert len(problems) == 1 and "缺少 Qt 平台插件" in problems[0] and plugin.name in problems[0]


def test_a_truncated_platform_plugin_is_named(tmp_path):
    plugins, plugin = _plugins_copy(tmp_path)
    plugin.write_bytes(plugin.read_bytes()[:20_000])
    problems = qt_plugin_problems(plugins, "offscreen")
    assert len(problems) == 1 and "已损坏" in problems[0] and plugin.name in problems[0]


def test_a_platform_plugin_that_is_not_a_library_is_named(tmp_path):
    plugins, plugin = _plugins_copy(tmp_path)
    plugin.write_text("404 Not Found", encoding="utf-8")
    assert "已损坏" in qt_plugin_problems(plugins, "offscreen")[0]


def test_one_usable_plugin_of_a_fallback_list_is_enough(tmp_path):
    plugins, _ = _plugins_copy(tmp_path)
    assert qt_plugin_problems(plugins, "wayland;offscreen") == []


def test_an_intact_plugin_in_another_folder_qt_searches_is_enough(tmp_path):
    plugins, plugin = _plugins_copy(tmp_path)
    plugin.unlink()
    assert qt_plugin_problems([plugins, _qt_plugins()], "offscreen") == []


def test_the_wizard_names_a_missing_platform_plugin_instead_of_aborting(tmp_path, monkeypatch, capsys):
    from PySide6.QtCore import QLibraryInfo

    from app.ui.main import run_gui

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    monkeypatch.setattr(QLibraryInfo, "path", lambda which: str(tmp_path / "空的插件目录"))
    monkeypatch.setattr(QCoreApplication, "libraryPaths", lambda: [])
    assert run_gui(tmp_path / "selfcheck.db", smoke=True) == 1
    err = capsys.readouterr().err
    assert "程序文件不完整" in err and "platforms" in err and "Traceback" not in err


def _dll(sections_end: int) -> bytes:
    """The headers of a Windows DLL whose last section ends at ``sections_end``."""
    import struct

    head = bytearray(4096)
    head[:2] = b"MZ"
    struct.pack_into("<I", head, 0x3C, 0x80)
    head[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<HH", head, 0x86, 1, 0)  # one section; (machine field left 0)
    struct.pack_into("<H", head, 0x80 + 20, 240)  # optional header size
    struct.pack_into("<II", head, 0x80 + 24 + 240 + 16, sections_end - 1024, 1024)  # raw size, raw offset
    return bytes(head)


def test_a_windows_plugin_cut_short_is_named_and_a_whole_one_accepted(tmp_path):
    from app.resources_check import _plugin_file

    plugin = tmp_path / "plugins" / "platforms" / _plugin_file("offscreen")
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(_dll(9000) + b"\0" * (9000 - 4096))
    assert qt_plugin_problems(tmp_path / "plugins", "offscreen") == []
    plugin.write_bytes(_dll(9000) + b"\0" * 1000)  # a copy that stopped early
    assert "文件不完整" in qt_plugin_problems(tmp_path / "plugins", "offscreen")[0]
