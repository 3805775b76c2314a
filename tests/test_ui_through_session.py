"""The UI reaches the database only through app/ui/session.py: no other module of app/ui imports app.storage
or reads an attribute of a store (``self.store.x``, ``session.store.x``, ``store.x``). Read by the source, so it
runs without Qt."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "app" / "ui"
GATE = UI / "session.py"
NOT_THE_DATABASE = {"app.storage.files"}  # atomic export files and their recovery: no database behind them


def _is_store(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "store") or (
        isinstance(node, ast.Attribute) and node.attr == "store")


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under ``if TYPE_CHECKING:`` (a type name touches nothing)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            lines |= {n.lineno for stmt in node.body for n in ast.walk(stmt) if hasattr(n, "lineno")}
    return lines


def store_touches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    typing_only = _type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_store(node.value):
            found.append(f"{path.name}:{node.lineno} .store.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.lineno not in typing_only and (
                node.module or "").startswith("app.storage") and node.module not in NOT_THE_DATABASE:
            found.append(f"{path.name}:{node.lineno} imports {node.module}")
        elif isinstance(node, ast.Import) and node.lineno not in typing_only:
            found += [f"{path.name}:{node.lineno} imports {a.name}" for a in node.names
                      if a.name.startswith("app.storage") and a.name not in NOT_THE_DATABASE]
    return found


def test_no_ui_module_but_the_session_touches_the_store():
    modules = [p for p in UI.rglob("*.py") if p != GATE]
    assert len(modules) > 10
    assert [hit for p in modules for hit in store_touches(p)] == []


def test_the_check_sees_a_direct_store_call(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("def load(self):\n    return self.session.store.get_unit()\n", encoding="utf-8")
    assert store_touches(page) == ["page.py:2 .store.get_unit"]


def test_the_check_sees_an_import_of_the_storage(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("def run(self):\n    from app.storage import Store\n", encoding="utf-8")
    assert store_touches(page) == ["page.py:2 imports app.storage"]
