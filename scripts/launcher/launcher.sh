#!/bin/sh
# selfcheck launcher (Linux bundles): checks the machine's glibc before starting the program. A bundle built
# against a newer glibc than the machine has fails in the dynamic loader with an English message
# ("version `GLIBC_2.35' not found"); this says instead, in Chinese, which version is needed.
# Installed by scripts/add_launchers.py, which measured the need with scripts/glibc_gate.py.
NEED=@GLIBC_NEED@
HERE=$(dirname "$(readlink -f "$0" 2>/dev/null || echo "$0")")
PROG="$HERE/$(basename "$0").bin"

have=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -z "$have" ]; then
  have=$(ldd --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+' | tail -n 1)
fi
older() {  # older A B: A < B, comparing major.minor numerically
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, "."); split(b, y, ".");
    exit !((x[1] + 0 < y[1] + 0) || (x[1] + 0 == y[1] + 0 && x[2] + 0 < y[2] + 0)) }'
}
if [ -n "$have" ] && older "$have" "$NEED"; then
  msg="无法启动 selfcheck:本程序需要 glibc $NEED 或更新版本,本机为 glibc $have。
请在较新的系统上运行,或向发放单位索取兼容版(适用于银河麒麟 V10、统信 UOS 20 等较早的系统)。"
  echo "$msg" >&2
  case "$(basename "$0")" in
    *-gui)  # started from the desktop: nobody reads stderr
      if command -v zenity >/dev/null 2>&1; then zenity --error --no-wrap --text="$msg" 2>/dev/null
      elif command -v kdialog >/dev/null 2>&1; then kdialog --error "$msg" 2>/dev/null
      elif command -v notify-send >/dev/null 2>&1; then notify-send "selfcheck" "$msg" 2>/dev/null
      fi ;;
  esac
  exit 1
fi
exec "$PROG" "$@"
