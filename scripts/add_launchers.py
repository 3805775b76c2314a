"""Put the glibc-checking launcher in front of a Linux bundle's executables.

    python scripts/add_launchers.py dist/selfcheck

Measures what the bundle needs with scripts/glibc_gate.py, renames ``selfcheck`` and ``selfcheck-gui`` to
``*.bin`` and writes scripts/launcher/launcher.sh in their place with that version filled in, so a machine
with an older glibc gets a Chinese message naming the version instead of a loader error. Idempotent; does
nothing on other systems (Windows bundles have no glibc).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import glibc_gate  # noqa: E402  (a script beside this one)

EXECUTABLES = ("selfcheck", "selfcheck-gui")


def install(bundle: Path) -> str | None:
    """Install the launchers; returns the glibc version they require (None when there is nothing to do)."""
    found, _bad = glibc_gate.scan(bundle)
    needs = [n.glibc for n in found if n.glibc]
    if not needs:
        return None
    need = max(needs)
    text = (HERE / "launcher" / "launcher.sh").read_text(encoding="utf-8")
    version = f"{need[0]}.{need[1]}"
    for name in EXECUTABLES:
        exe, real = bundle / name, bundle / f"{name}.bin"
        if not exe.is_file():
            continue
        if not real.exists():
            exe.rename(real)
        exe.write_text(text.replace("@GLIBC_NEED@", version), encoding="utf-8")
        exe.chmod(0o755)
    return version


def main(argv: list[str]) -> int:
    if not sys.platform.startswith("linux"):
        return 0
    bundle = Path(argv[0] if argv else "dist/selfcheck")
    if not (bundle / "selfcheck").is_file():
        print(f"add_launchers: no bundle at {bundle}", file=sys.stderr)
        return 2
    version = install(bundle)
    print(f"launchers installed: the bundle needs glibc {version}" if version else "no ELF files: no launchers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
