"""The Linux bundle's launcher: a machine with an older glibc is told, in Chinese, which version is needed."""

from __future__ import annotations

import _ssl
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "scripts" / "launcher" / "launcher.sh"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("sh") is None,
                                reason="the launcher is for Linux bundles")


def _fake_tool(folder: Path, name: str, output: str, code: int = 0) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\nprintf '%s\\n' '{output}'\nexit {code}\n", encoding="utf-8")
    tool.chmod(0o755)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle whose program only says it started, behind a launcher that needs glibc 2.31."""
    folder = tmp_path / "selfcheck"
    folder.mkdir()
    _fake_tool(folder, "selfcheck.bin", "程序已启动")
    (folder / "selfcheck").write_text(TEMPLATE.read_text(encoding="utf-8").replace("@GLIBC_NEED@", "2.31"),
                                      encoding="utf-8")
    (folder / "selfcheck").chmod(0o755)
    return folder


def _run(bundle: Path, tmp_path: Path, getconf: str, ldd: str = "", getconf_code: int = 0):
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    _fake_tool(tools, "getconf", getconf, getconf_code)
    _fake_tool(tools, "ldd", ldd)
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"}
    return subprocess.run([str(bundle / "selfcheck"), "--version"], capture_output=True, text=True, env=env,
                          timeout=60)


def test_an_older_glibc_is_refused_with_the_needed_version_in_chinese(bundle, tmp_path):
    run = _run(bundle, tmp_path, getconf="glibc 2.28")
    assert run.returncode == 1 and "程序已启动" not in run.stdout
    assert "需要 glibc 2.31 或更新版本" in run.stderr and "本机为 glibc 2.28" in run.stderr


def test_a_new_enough_glibc_starts_the_program_with_its_arguments(bundle, tmp_path):
    run = _run(bundle, tmp_path, getconf="glibc 2.36")
    assert run.returncode == 0 and "程序已启动" in run.stdout and run.stderr == ""


def test_versions_compare_as_numbers_not_text(bundle, tmp_path):
    assert _run(bundle, tmp_path, getconf="glibc 2.4").returncode == 1  # 2.4 is older than 2.31
    assert _run(bundle, tmp_path, getconf="glibc 2.31").returncode == 0


def test_without_getconf_the_version_comes_from_ldd(bundle, tmp_path):
    run = _run(bundle, tmp_path, getconf="", getconf_code=1, ldd="ldd (GNU libc) 2.28")
    assert run.returncode == 1 and "本机为 glibc 2.28" in run.stderr


def test_the_launchers_are_installed_with_the_version_the_bundle_needs(tmp_path):
    spec = importlib.util.spec_from_file_location("add_launchers", ROOT / "scripts" / "add_launchers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path / "selfcheck"
    (folder / "_internal").mkdir(parents=True)
    shutil.copy(_ssl.__file__, folder / "_internal" / "_ssl.so")
    shutil.copy(_ssl.__file__, folder / "selfcheck")  # stands in for the frozen program
    need = module.glibc_gate.read_needs(folder / "selfcheck").glibc_text
    assert module.install(folder) == need
    assert (folder / "selfcheck.bin").read_bytes()[:4] == b"\x7fELF"
    assert f"NEED={need}\n" in (folder / "selfcheck").read_text(encoding="utf-8")
    assert module.install(folder) == need  # a second run keeps the program
    assert (folder / "selfcheck.bin").read_bytes()[:4] == b"\x7fELF"
