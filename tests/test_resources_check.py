"""A damaged installation is reported by file name at start."""

import shutil

from app.paths import resource_root
from app.resources_check import resource_problems


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
