#!/usr/bin/env bash
# The compatible Linux bundle: built inside a Debian 11 (bullseye, glibc 2.31) root so that it runs on Kylin V10,
# UOS 20 (glibc 2.28: see the README for what is left) and Debian 11+. A bundle built on Debian 12 carries that
# machine's libstdc++/libexpat and a libpython linked against glibc 2.36, and fails at once on older systems.
#
#   bash scripts/compat_bundle.sh            (or: bash scripts/dev.sh bundle --compat)
#
# Steps, each cached under $SELFCHECK_COMPAT_CACHE (default ~/.cache/selfcheck-compat) so later runs only redo
# the bundle; a fresh machine builds everything:
#   1. the Debian 11 root, made with debootstrap from the Debian package source apt uses here (root needed);
#   2. CPython 3.11 built from source inside it with --enable-shared (PyInstaller needs libpython);
#   3. the project's own `scripts/dev.sh bundle` run inside the root with that Python, unchanged: it builds the
#      bundle with PyInstaller and runs scripts/bundle_smoke.py there (the smoke test on Debian 11);
#   4. the bundle copied to dist/selfcheck-compat/, scripts/glibc_gate.py run on it (fails above the target),
#      and the smoke test run again on this machine.
# Environment: GLIBC_TARGET (2.31, the default, or 2.28: output in dist/selfcheck-compat-2.28/), PYTHON_SOURCE (a CPython 3.11 source tarball to use instead of
# Debian's), DEBIAN_MIRROR (default: the one apt uses here), COMPAT_SKIP_HOST_SMOKE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${SELFCHECK_COMPAT_CACHE:-$HOME/.cache/selfcheck-compat}
ROOTFS=$CACHE/bullseye
TARGET=${GLIBC_TARGET:-2.31}
PYVER=3.11.2
# Debian's copy of the pristine upstream tarball (python.org is not always reachable from build machines); the
# digest is upstream's for Python-3.11.2.tgz.
PY_URL_PATH=debian/pool/main/p/python3.11/python3.11_${PYVER}.orig.tar.gz
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
SQLITE_SHA256=082f583440c662cb484ae1c124ffe285b587bbb7837e095e693026e6df50334d
LIBPNG_SHA256=ca74a0dace179a8422187671aee97dd3892b53e168627145271cad5b5ac81307
if [ "$TARGET" = 2.31 ]; then
  PREFIX=/opt/python3.11 VENV=/opt/selfcheck-venv OUT=$ROOT/dist/selfcheck-compat
  LIBS="" CFLAGS_EXTRA="" CONFIG_EXTRA=""
elif [ "$TARGET" = 2.28 ]; then
  # The Debian 11 root has glibc 2.31: CPython, SQLite and libpng are rebuilt there with the calls glibc 2.29
  # re-versioned bound to their old versions (scripts/launcher/glibc228.h) and without the functions that are
  # new in 2.30 (configure cache variables); libsystemd (2.30, gettid) is left to the system (see below).
  PREFIX=/opt/python3.11-glibc2.28 VENV=/opt/selfcheck-venv-glibc2.28 OUT=$ROOT/dist/selfcheck-compat-2.28
  LIBS=/opt/compat-libs CFLAGS_EXTRA="-include /build/glibc228.h"
  CONFIG_EXTRA="ac_cv_func_sem_clockwait=no ac_cv_func_pthread_cond_clockwait=no ac_cv_func_gettid=no \
ac_cv_func_close_range=no ac_cv_func_posix_spawn_file_actions_addchdir_np=no"
else
  echo "GLIBC_TARGET must be 2.31 or 2.28" >&2; exit 2
fi
NICE="nice -n 10"

say() { printf '[compat %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
t0=$(date +%s)
lap() { say "$1 done in $(( $(date +%s) - t0 )) s"; t0=$(date +%s); }

if [ "$(id -u)" != 0 ]; then
  echo "compat_bundle.sh needs root (debootstrap and chroot); run it with sudo" >&2
  exit 2
fi

mirror() {
  # The Debian mirror apt already uses on this machine, so no other network source is introduced.
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m=$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
      | head -1 | tr -d ' ' || true)
  [ -z "$m" ] && m=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -v security | head -1 | awk '{print $2}' || true)
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)
MIRROR=${MIRROR%/}

# Build tools, and the libraries Qt needs at run time (the same list as scripts/dev.sh: the smoke test runs there).
PKGS=build-essential,libssl-dev,zlib1g-dev,libffi-dev,libsqlite3-dev,libbz2-dev,liblzma-dev,libreadline-dev,\
libexpat1-dev,libgdbm-dev,uuid-dev,ca-certificates,binutils,file,xz-utils,\
libgl1,libegl1,libxkbcommon0,libxkbcommon-x11-0,libfontconfig1,libfreetype6,libglib2.0-0,libdbus-1-3,libx11-6,\
libx11-xcb1,libxcb-cursor0,libxcb-icccm4,libxcb-keysyms1,libxcb-image0,libxcb-render-util0,libxcb-shape0,\
libxcb-xinerama0,libxcb-randr0,libxcb-xfixes0

mounted=()
cleanup() {
  local m
  for (( i=${#mounted[@]}-1; i>=0; i-- )); do m=${mounted[$i]}; umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_root() {
  local d
  for d in proc sys dev dev/pts; do
    mountpoint -q "$ROOTFS/$d" && continue
    mkdir -p "$ROOTFS/$d"
    case $d in
      proc) mount -t proc proc "$ROOTFS/proc" ;;
      *) mount --bind "/$d" "$ROOTFS/$d" ;;
    esac
    mounted+=("$ROOTFS/$d")
  done
  cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  # pip's download cache shared with this machine: the root needs the same cp311 manylinux wheels that the
  # tests here already fetched (saves about 6 minutes of downloads on CI).
  local cache=${PIP_CACHE_DIR:-$HOME/.cache/pip}
  if [ -d "$cache" ] && ! mountpoint -q "$ROOTFS/root/.cache/pip"; then
    mkdir -p "$ROOTFS/root/.cache/pip"
    mount --bind "$cache" "$ROOTFS/root/.cache/pip" && mounted+=("$ROOTFS/root/.cache/pip")
  fi
}
in_root() { chroot "$ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  LANG=C.UTF-8 "$@"; }

mkdir -p "$CACHE"
# 1. The Debian 11 root.
if [ ! -f "$ROOTFS/.selfcheck-ready" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
  say "making the Debian 11 root from $MIRROR (about 2 min)"
  rm -rf "$ROOTFS.tmp"
  $NICE debootstrap --variant=minbase --include="$PKGS" bullseye "$ROOTFS.tmp" "$MIRROR" \
    > "$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  rm -rf "$ROOTFS"
  mv "$ROOTFS.tmp" "$ROOTFS"
  touch "$ROOTFS/.selfcheck-ready"
  lap "Debian 11 root"
fi
mount_root

# 1b. For 2.28: SQLite and libpng rebuilt (the root's need glibc 2.29 for log/pow), from Debian 11's sources.
deb_source() {  # deb_source POOL_PATH ORIG_TARBALL SHA256: fetch once into the cache, check, unpack into /build/NAME
  local url=$1 file=$2 sum=$3 name=$4
  [ -f "$CACHE/$file" ] || { curl -sSf --max-time 300 -o "$CACHE/$file.part" "${MIRROR%/debian}/debian/$url/$file" \
    && mv "$CACHE/$file.part" "$CACHE/$file"; }
  echo "$sum  $CACHE/$file" | sha256sum -c --quiet - || { echo "digest mismatch: $CACHE/$file" >&2; exit 1; }
  rm -rf "$ROOTFS/build/$name" && mkdir -p "$ROOTFS/build/$name"
  tar xf "$CACHE/$file" -C "$ROOTFS/build/$name" --strip-components=1
}
if [ -n "$LIBS" ]; then
  cp scripts/launcher/glibc228.h "$ROOTFS/build/glibc228.h"
  if [ ! -f "$ROOTFS$LIBS/lib/libsqlite3.so.0" ]; then
    say "building SQLite and libpng for glibc 2.28 inside the root"
    in_root /bin/sh -c "command -v tclsh >/dev/null || (apt-get update -qq && apt-get install -y -qq tcl >/dev/null)"
    deb_source pool/main/s/sqlite3 sqlite3_3.34.1.orig.tar.xz "$SQLITE_SHA256" sqlite
    deb_source pool/main/libp/libpng1.6 libpng1.6_1.6.37.orig.tar.gz "$LIBPNG_SHA256" libpng
    # Python's sqlite3 module wants these compile options (as Debian builds it).
    in_root /bin/sh -c "cd /build/sqlite && CFLAGS='-O2 $CFLAGS_EXTRA -DSQLITE_ENABLE_COLUMN_METADATA \
        -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_RTREE \
        -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000' LIBS=-lm ./configure -q --prefix=$LIBS \
        --disable-static --disable-tcl > /build/sqlite.log 2>&1 && $NICE make -j$(nproc) >> /build/sqlite.log 2>&1 \
        && make install >> /build/sqlite.log 2>&1 \
      && cd /build/libpng && CFLAGS='-O2 $CFLAGS_EXTRA' ./configure -q --prefix=$LIBS --disable-static \
        > /build/libpng.log 2>&1 && $NICE make -j$(nproc) >> /build/libpng.log 2>&1 \
        && make install >> /build/libpng.log 2>&1" \
      || { tail -n 30 "$ROOTFS"/build/sqlite.log "$ROOTFS"/build/libpng.log >&2; exit 1; }
    rm -rf "$ROOTFS/build/sqlite" "$ROOTFS/build/libpng"
    lap "SQLite and libpng for glibc 2.28"
  fi
fi

# 2. CPython with a shared libpython, built against the root's glibc (or, for 2.28, as described above).
if [ ! -x "$ROOTFS$PREFIX/bin/python3.11" ]; then
  src=${PYTHON_SOURCE:-$CACHE/python3.11_${PYVER}.orig.tar.gz}
  if [ ! -f "$src" ]; then
    say "fetching the CPython $PYVER source from $MIRROR"
    curl -sSf --max-time 300 -o "$src.part" "${MIRROR%/debian}/$PY_URL_PATH"
    mv "$src.part" "$src"
  fi
  if [ -z "${PYTHON_SOURCE:-}" ]; then
    echo "$PY_SHA256  $src" | sha256sum -c --quiet - || { echo "CPython source digest mismatch: $src" >&2; exit 1; }
  fi
  say "building CPython from $(basename "$src") inside the root (about 6 min)"
  rm -rf "$ROOTFS/build/python" && mkdir -p "$ROOTFS/build/python"
  tar xzf "$src" -C "$ROOTFS/build/python" --strip-components=1
  libflags=""
  [ -n "$LIBS" ] && libflags="-L$LIBS/lib -Wl,-rpath,$LIBS/lib"
  in_root /bin/sh -c "cd /build/python && $CONFIG_EXTRA ./configure -q --prefix=$PREFIX --enable-shared \
      CFLAGS='$CFLAGS_EXTRA' CPPFLAGS='${LIBS:+-I$LIBS/include}' \
      LDFLAGS='-Wl,-rpath,$PREFIX/lib $libflags' > /build/python-configure.log 2>&1 \
    && $NICE make -j$(nproc) > /build/python-make.log 2>&1 \
    && make install > /build/python-install.log 2>&1" \
    || { tail -n 30 "$ROOTFS"/build/python-*.log >&2; exit 1; }
  rm -rf "$ROOTFS/build/python"
  lap "CPython $PYVER"
fi
in_root "$PREFIX/bin/python3.11" -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, venv' \
  || { echo "the Python in the root lacks a standard module" >&2; exit 1; }

# 3. The bundle, built by the project's own bundle step inside the root.
say "copying the source tree into the root"
rm -rf "$ROOTFS/src/selfcheck" && mkdir -p "$ROOTFS/src/selfcheck"
tar -C "$ROOT" --exclude=./.venv --exclude=./.venv-noqt --exclude=./.mypy_cache --exclude=./dist --exclude=./build/build --exclude=./.git \
  --exclude='*.egg-info' --exclude=__pycache__ -cf - . | tar -C "$ROOTFS/src/selfcheck" -xf -
# pip inside the root trusts what pip here trusts (a site proxy's certificate authority, if there is one).
host_ca=${PIP_CERT:-$("${PYTHON:-python3}" -m pip config get global.cert 2>/dev/null || true)}
[ -f "$host_ca" ] || host_ca=/etc/ssl/certs/ca-certificates.crt
cp -L "$host_ca" "$ROOTFS/etc/ssl/certs/selfcheck-host-ca.crt"
say "building the bundle inside the root with the project's own bundle step"
in_root /bin/sh -c "cd /src/selfcheck && ${LIBS:+LD_LIBRARY_PATH=$LIBS/lib} SELFCHECK_VENV=$VENV \
  PIP_CERT=/etc/ssl/certs/selfcheck-host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
  PYTHON=$PREFIX/bin/python3.11 $NICE bash scripts/dev.sh bundle"
lap "bundle and its smoke test inside Debian 11"

rm -rf "$OUT" && mkdir -p "$OUT"
cp -a "$ROOTFS/src/selfcheck/dist/selfcheck/." "$OUT/"
if [ -n "$LIBS" ]; then
  # libsystemd (gettid, glibc 2.30) comes in only as libdbus-1's dependency; every systemd distribution (Kylin
  # V10, UOS 20, Debian) has its own, so the bundle uses the system's copy.
  find "$OUT" -name 'libsystemd.so.0' -delete
  "${PYTHON:-python3}" scripts/add_launchers.py "$OUT"  # the launchers' glibc check follows
  # the smoke test inside Debian 11 again, on the bundle as shipped
  rm -rf "$ROOTFS/tmp/selfcheck-final" && cp -a "$OUT" "$ROOTFS/tmp/selfcheck-final"
  in_root "$PREFIX/bin/python3.11" /src/selfcheck/scripts/bundle_smoke.py /tmp/selfcheck-final
  rm -rf "$ROOTFS/tmp/selfcheck-final"
fi

# 4. The gate, then the smoke test on this machine.
PYHOST=${PYTHON:-python3}
"$PYHOST" scripts/glibc_gate.py "$OUT" --max "$TARGET"
if [ -z "${COMPAT_SKIP_HOST_SMOKE:-}" ]; then
  "$PYHOST" scripts/bundle_smoke.py "$OUT"
  lap "smoke test on this machine"
fi
say "compatible bundle: $OUT ($(du -sh "$OUT" | cut -f1))"
