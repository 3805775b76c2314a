"""The program never touches the network: a whole cycle passes with sockets and name lookups forbidden."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.gui  # the cycle drives the wizard (no_network_cycle.py)
def test_a_full_cycle_runs_with_the_network_forbidden(tmp_path):
    log = tmp_path / "attempts.log"
    env = {**os.environ, "NO_NETWORK_LOG": str(log), "SELFCHECK_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("no_network_cycle.py")), str(tmp_path)],
                            capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", f"network access attempted:\n{attempts}"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "accepted=1 rejected=0 attempts=0" in result.stdout


def test_the_guard_really_refuses_a_connection(tmp_path):
    here = str(Path(__file__).parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); import no_network_cycle as g; g.install_guard()\n"
            "import urllib.request\n"
            "try:\n    urllib.request.urlopen('http://example.invalid', timeout=1)\n"
            "except OSError as e:\n    print('refused', type(e).__name__)\n")
    env = {**os.environ, "NO_NETWORK_LOG": str(tmp_path / "log")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "refused" in out.stdout, out.stderr
    assert (tmp_path / "log").read_text(encoding="utf-8")


def test_no_module_of_the_program_imports_a_network_client():
    banned = ("import socket", "import urllib.request", "import http.client", "import requests", "import aiohttp",
              "from urllib.request", "from http.client", "QtNetwork")
    offenders = [f"{p.relative_to(ROOT)}: {b}" for p in (ROOT / "app").rglob("*.py")
                 for b in banned if b in p.read_text(encoding="utf-8")]
    assert offenders == []
