"""Smoke-test a built bundle as a user's machine would run it: `python scripts/bundle_smoke.py dist/selfcheck`.

Runs from an empty temporary folder with a clean environment (no PYTHONPATH, no source tree to import):
the wizard's first window (--smoke), the demo, key generation, a signed export, verification, a merge,
and portable mode (a `portable` folder beside the executable holds the data). Exits 1 on the first failure,
saying which step failed and what the program printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/selfcheck").resolve()
    exe = bundle / ("selfcheck.exe" if os.name == "nt" else "selfcheck")
    if not exe.is_file():
        print(f"no bundle at {exe}: run `bash scripts/dev.sh bundle`")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="selfcheck-bundle-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update({"QT_QPA_PLATFORM": "offscreen", "SELFCHECK_HOME": str(tmp / "home"), "UNIT_PASS": "smoke-test-1"})
    steps = [
        ("version", [str(exe), "--version"]),
        ("first window", [str(exe), "--db", str(tmp / "new.db"), "--smoke"]),
        ("demo", [str(exe), "demo", "--db", str(tmp / "demo.db")]),
        ("first window on the demo", [str(exe), "--db", str(tmp / "demo.db"), "--smoke"]),
    ]
    try:
        for name, cmd in steps:
            _run(name, cmd, env, tmp)
        _run("checklist", [str(exe), "checklist", "--json"], env, tmp)
        # The demo's unit code is generated from its seed; sign with a key made for that code.
        _run("unit key", [str(exe), "keys", "new", "--unit-code", _demo_code(tmp),
                                        "--unit-name", "示例单位", "--out", str(tmp / "demo.p12"),
                                        "--passphrase-env", "UNIT_PASS"], env, tmp)
        _run("signed export", [str(exe), "export", "--db", str(tmp / "demo.db"), "--out", str(tmp / "out"),
                               "--sign", str(tmp / "demo.p12"), "--passphrase-env", "UNIT_PASS"], env, tmp)
        files = sorted(str(p) for p in (tmp / "out").iterdir() if p.suffix in (".pdf", ".xlsx"))
        _run("verify", [str(exe), "verify", *files, "--accept-untrusted"], env, tmp)  # a self-signed demo key
        _run("merge", [str(exe), "merge", str(tmp / "out"), "--out", str(tmp / "master.xlsx"),
                       "--db", str(tmp / "province.db"), "--jobs", "2", "--accept-untrusted"], env, tmp)
        # The wizard's provincial tools start their workers with spawn: the frozen program must re-enter
        # as a worker (multiprocessing.freeze_support in app/__main__.py).
        _run("merge with spawned workers", [str(exe), "merge", str(tmp / "out"), "--out", str(tmp / "m2.xlsx"),
                                            "--db", str(tmp / "province2.db"), "--jobs", "2",
                                            "--start-method", "spawn", "--accept-untrusted"], env, tmp)
        portable = bundle / "portable"
        created = not portable.exists()
        portable.mkdir(exist_ok=True)
        try:
            env_portable = {k: v for k, v in env.items() if k != "SELFCHECK_HOME"}
            _run("portable mode", [str(exe), "--smoke"], env_portable, tmp)
            if not (portable / "selfcheck.db").is_file():
                raise RuntimeError("portable mode: no database in the portable folder")
        finally:
            if created:
                shutil.rmtree(portable, ignore_errors=True)
    except RuntimeError as exc:
        print(f"bundle smoke test FAILED: {exc}")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"bundle smoke test passed ({bundle})")
    return 0


def _demo_code(tmp: Path) -> str:
    import sqlite3

    with sqlite3.connect(tmp / "demo.db") as conn:
        return str(conn.execute("SELECT credit_code FROM unit").fetchone()[0])


def _run(name: str, cmd: list[str], env: dict[str, str], cwd: Path) -> None:
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"{name}: exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    print(f"ok  {name}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
