#!/usr/bin/env bash
# One entry point for people and CI: sets up .venv (and, on Debian, the system libraries Qt and the tests
# need) and then runs the app, the tests, the linters or the benchmarks.
#   bash scripts/dev.sh app [selfcheck args...]   start the wizard (or any selfcheck command)
#   bash scripts/dev.sh test [pytest args...]     lint + architecture contract + mypy + the whole test suite: the tests
#                                                 not marked gui in .venv-noqt (no PySide6, no pytest-qt), then
#                                                 the gui ones in .venv; with pytest args, only those in .venv
#   bash scripts/dev.sh bench                     every benchmark in benchmarks/
#   bash scripts/dev.sh bundle                    build dist/selfcheck/ with PyInstaller and smoke-test it
#   bash scripts/dev.sh bundle --compat           the same inside a Debian 11 root (glibc 2.31): scripts/compat_bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${SELFCHECK_VENV:-$ROOT/.venv}
NOQT=${SELFCHECK_NOQT_VENV:-$VENV-noqt}
PY=${PYTHON:-python3}

QT_LIBS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0"
TEST_TOOLS="poppler-utils xvfb libreoffice-calc-nogui"

apt_install() {
  # Install the Debian packages that are missing, when we can (root or passwordless sudo); else say what to do.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "note: install ${missing[*]} with your package manager" >&2; return 0; }
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "note: run 'sudo apt-get install ${missing[*]}' once (needed by Qt / the tests)" >&2; return 0
    fi
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
  local extra=$1
  # python3-venv only where the chosen Python lacks venv (Debian's own python3); a Python built from source has it.
  if "$PY" -c 'import ensurepip, venv' 2>/dev/null; then apt_install $QT_LIBS; else apt_install python3-venv $QT_LIBS; fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$extra"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[$extra]"
    touch "$stamp"
  fi
}

setup_noqt() {
  # A second venv with the program's and the tests' dependencies but neither PySide6 nor pytest-qt: the tests
  # not marked gui run there, which proves the core and the command line need no Qt.
  [ -x "$NOQT/bin/python" ] || "$PY" -m venv "$NOQT"
  local stamp="$NOQT/.installed" deps
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    deps=$("$NOQT/bin/python" -c '
import re, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
skip = r"(?i)(pyside6|pytest-qt|ruff|import-linter|mypy)\b"  # no Qt; the linters run in .venv
print(" ".join(r for r in project["dependencies"] + project["optional-dependencies"]["test"] if not re.match(skip, r)))')
    # shellcheck disable=SC2086  # requirements hold no spaces
    "$NOQT/bin/python" -m pip install -q --disable-pip-version-check $deps
    touch "$stamp"
  fi
  if "$NOQT/bin/python" -c "import PySide6" 2>/dev/null; then
    echo "$NOQT must not have PySide6" >&2
    exit 1
  fi
}

cmd=${1:-app}
shift || true
case "$cmd" in
  app)
    setup test
    exec "$VENV/bin/selfcheck" "$@"
    ;;
  test)
    setup test
    apt_install $TEST_TOOLS
    "$VENV/bin/ruff" check app tests benchmarks scripts
    "$VENV/bin/lint-imports" --no-cache
    "$VENV/bin/mypy"  # [tool.mypy] in pyproject.toml: all of app/, strict for core, storage and workbook
    [ $# -eq 0 ] || exec "$VENV/bin/python" -m pytest "$@"
    setup_noqt
    "$NOQT/bin/python" -m pytest -m "not gui"
    exec "$VENV/bin/python" -m pytest -m gui
    ;;
  bench)
    setup test
    exec "$VENV/bin/python" benchmarks/run_all.py "$@"
    ;;
  bundle)
    if [ "${1:-}" = --compat ]; then shift; exec bash scripts/compat_bundle.sh "$@"; fi
    setup "test,bundle"
    rm -rf build/build dist/selfcheck
    "$VENV/bin/pyinstaller" --noconfirm --log-level WARN build.spec
    "$VENV/bin/python" scripts/add_launchers.py dist/selfcheck  # Linux: say which glibc is needed, in Chinese
    exec "$VENV/bin/python" scripts/bundle_smoke.py dist/selfcheck
    ;;
  *)
    echo "usage: bash scripts/dev.sh app|test|bench|bundle [args...]" >&2
    exit 2
    ;;
esac
