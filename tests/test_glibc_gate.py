"""The glibc gate (scripts/glibc_gate.py) reads what a Linux bundle needs from the ELF files themselves."""

from __future__ import annotations

import _ssl
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("glibc_gate", ROOT / "scripts" / "glibc_gate.py")
gate = importlib.util.module_from_spec(_spec)
sys.modules["glibc_gate"] = gate  # dataclasses look their module up there
_spec.loader.exec_module(gate)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files exist on Linux only")


def _objdump_highest(path: Path) -> str:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True).stdout
    versions = {w.strip("()").removeprefix("GLIBC_") for w in out.split() if w.strip("()").startswith("GLIBC_2")}
    return ".".join(map(str, max(gate.parse_version(v) for v in versions)))


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A folder shaped like a bundle: one real extension module, a data file and a font."""
    folder = tmp_path / "selfcheck"
    (folder / "_internal").mkdir(parents=True)
    shutil.copy(_ssl.__file__, folder / "_internal" / "_ssl.so")
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK\x03\x04 not an ELF file")
    (folder / "checklist.toml").write_text('title = "自查清单"\n', encoding="utf-8")
    return folder


@linux_only
@pytest.mark.skipif(shutil.which("objdump") is None, reason="needs binutils to compare with")
def test_the_highest_glibc_version_agrees_with_objdump():
    path = Path(_ssl.__file__)
    assert gate.read_needs(path).glibc_text == _objdump_highest(path)


@linux_only
def test_a_file_above_the_target_fails_the_gate_and_is_named_with_its_symbols(bundle, capsys):
    need = gate.read_needs(bundle / "_internal" / "_ssl.so")
    below = f"{need.glibc[0]}.{need.glibc[1] - 1}"
    assert gate.main([str(bundle), "--max", below]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "_ssl.so" in out and f"GLIBC_{need.glibc_text}:" in out


@linux_only
def test_a_bundle_within_the_target_passes_and_lists_only_elf_files(bundle, capsys):
    need = gate.read_needs(bundle / "_internal" / "_ssl.so")
    assert gate.main([str(bundle), "--max", need.glibc_text]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "_ssl.so" in out
    assert "base_library.zip" not in out and "checklist.toml" not in out


def test_a_truncated_elf_file_is_reported_not_a_traceback(bundle, capsys):
    (bundle / "_internal" / "libbroken.so").write_bytes(b"\x7fELF\x02\x01\x01" + b"\xff" * 80)
    gate.main([str(bundle), "--max", "2.99"])
    assert "malformed ELF file (skipped): _internal/libbroken.so" in capsys.readouterr().out


def test_a_target_that_is_not_a_version_is_a_usage_error(bundle):
    with pytest.raises(SystemExit) as exc:
        gate.main([str(bundle), "--max", "latest"])
    assert exc.value.code == 2
