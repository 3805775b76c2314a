"""The glibc gate: which glibc a Linux bundle really needs, file by file; fails above the target.

    python scripts/glibc_gate.py dist/selfcheck-compat --max 2.31 [--json] [--symbols]

Lists every ELF file in the folder with the highest ``GLIBC_x.y`` symbol version it needs (from its
``.gnu.version_r`` section: the versions the dynamic loader checks at start), highest first, then says which
files need more than ``--max`` and through which symbols. Exit 0 when nothing needs more than the target, 1
when something does, 2 on a usage error. A bundle that needs a newer glibc than the machine has fails at once
with "version `GLIBC_2.35' not found": this finds it on the build machine instead.

The ELF reader is plain Python (no binutils needed), and reads only the dynamic-linking tables it needs.
Files that are not ELF, or are truncated or malformed, are skipped (malformed ones are listed as such).
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHT_DYNSYM = 11
SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF


class ElfError(ValueError):
    """The file starts like an ELF file but its tables are not readable."""


@dataclass
class ElfNeeds:
    path: Path
    glibc: tuple[int, ...] | None  # highest GLIBC_ version needed; None when it needs none
    # version string -> the symbols bound to it (only versions above the target are kept by the gate's report)
    symbols: dict[str, list[str]] = field(default_factory=dict)

    @property
    def glibc_text(self) -> str:
        return ".".join(map(str, self.glibc)) if self.glibc else "-"


def parse_version(text: str) -> tuple[int, ...]:
    """'2.31' -> (2, 31); 'GLIBC_2.2.5' -> (2, 2, 5)."""
    return tuple(int(p) for p in text.removeprefix("GLIBC_").split("."))


def _cstr(blob: bytes, offset: int) -> str:
    end = blob.find(b"\0", offset)
    if offset >= len(blob) or end < 0:
        raise ElfError("string table offset out of range")
    return blob[offset:end].decode("ascii", "replace")


def read_needs(path: Path) -> ElfNeeds | None:
    """The GLIBC versions an ELF file needs, or None when the file is not ELF."""
    with path.open("rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        return None
    if len(data) < 64 or data[4] not in (1, 2) or data[5] not in (1, 2):
        raise ElfError("truncated or unknown ELF header")
    is64, end = data[4] == 2, "<" if data[5] == 1 else ">"

    def unpack(fmt: str, offset: int) -> tuple:
        try:
            return struct.unpack_from(end + fmt, data, offset)
        except struct.error as exc:
            raise ElfError("table runs past the end of the file") from exc

    if is64:
        shoff, = unpack("Q", 0x28)
        shentsize, shnum = unpack("HH", 0x3A)
        sh_fmt = "IIQQQQIIQQ"
    else:
        shoff, = unpack("I", 0x20)
        shentsize, shnum = unpack("HH", 0x2E)
        sh_fmt = "IIIIIIIIII"
    if shnum > 10_000 or (shnum and shentsize < struct.calcsize(end + sh_fmt)):
        raise ElfError("implausible section table")
    sections = []
    for i in range(shnum):
        _name, stype, _flags, _addr, off, size, link, _info, _align, entsize = unpack(sh_fmt, shoff + i * shentsize)
        sections.append((stype, off, size, link, entsize))

    def body(index: int) -> bytes:
        if index >= len(sections):
            raise ElfError("section link out of range")
        _t, off, size, _l, _e = sections[index]
        if off + size > len(data):
            raise ElfError("section runs past the end of the file")
        return data[off:off + size]

    versions: dict[int, str] = {}  # version index -> "GLIBC_2.29" (only the glibc ones)
    for stype, off, _size, link, _e in sections:
        if stype != SHT_GNU_VERNEED:
            continue
        strtab = body(link)
        pos, seen = off, 0
        while seen < 10_000:
            _ver, cnt, _file, aux, nxt = unpack("HHIII", pos)
            apos = pos + aux
            for _ in range(min(cnt, 10_000)):
                _hash, _flags, other, name_off, anext = unpack("IHHII", apos)
                name = _cstr(strtab, name_off)
                if name.startswith("GLIBC_") and name[6:7].isdigit():
                    versions[other & 0x7FFF] = name
                if not anext:
                    break
                apos += anext
            seen += 1
            if not nxt:
                break
            pos += nxt
    needs = ElfNeeds(path, max((parse_version(v) for v in versions.values()), default=None))
    if not versions:
        return needs
    # Which symbols are bound to each version: .dynsym names, .gnu.version indexes (one 16-bit entry per symbol).
    dynsym = next((i for i, s in enumerate(sections) if s[0] == SHT_DYNSYM), None)
    versym = next((i for i, s in enumerate(sections) if s[0] == SHT_GNU_VERSYM), None)
    if dynsym is None or versym is None:
        return needs
    syms, names = body(dynsym), body(sections[dynsym][3])
    vs = body(versym)
    entsize = 24 if is64 else 16
    for i in range(min(len(syms) // entsize, len(vs) // 2)):
        idx = struct.unpack_from(end + "H", vs, 2 * i)[0] & 0x7FFF
        if idx in versions:
            name_off = struct.unpack_from(end + "I", syms, i * entsize)[0]
            needs.symbols.setdefault(versions[idx], []).append(_cstr(names, name_off))
    return needs


def scan(folder: Path) -> tuple[list[ElfNeeds], list[tuple[Path, str]]]:
    """Every ELF file under ``folder`` (symlinks not followed twice) and the malformed ones with the reason."""
    found, bad = [], []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            needs = read_needs(path)
        except ElfError as exc:
            bad.append((path, str(exc)))
            continue
        except OSError as exc:
            bad.append((path, exc.strerror or str(exc)))
            continue
        if needs is not None:
            found.append(needs)
    found.sort(key=lambda n: (n.glibc or (0,), str(n.path)), reverse=True)
    return found, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder, e.g. dist/selfcheck-compat")
    parser.add_argument("--max", default="2.31", help="the highest glibc the bundle may need (default 2.31)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--top", type=int, default=0, help="print only the N most demanding files (0: all)")
    args = parser.parse_args(argv)
    try:
        target = parse_version(args.max)
    except ValueError:
        parser.error(f"--max must look like 2.31, not {args.max!r}")
    if not args.bundle.is_dir():
        print(f"glibc gate: no folder {args.bundle}", file=sys.stderr)
        return 2
    found, bad = scan(args.bundle)
    over = [n for n in found if n.glibc and n.glibc > target]
    if args.json:
        print(json.dumps({
            "bundle": str(args.bundle), "target": args.max,
            "files": [{"file": str(n.path.relative_to(args.bundle)), "glibc": n.glibc_text,
                       "over_target": {v: sorted(set(s)) for v, s in n.symbols.items() if parse_version(v) > target}}
                      for n in found],
            "malformed": [{"file": str(p.relative_to(args.bundle)), "reason": r} for p, r in bad],
            "passed": not over,
        }, ensure_ascii=False, indent=1))
        return 1 if over else 0
    shown = found[:args.top] if args.top else found
    width = max((len(str(n.path.relative_to(args.bundle))) for n in shown), default=10)
    print(f"{'ELF file':<{width}}  needs glibc")
    for n in shown:
        mark = "  <-- above " + args.max if n in over else ""
        print(f"{n.path.relative_to(args.bundle)!s:<{width}}  {n.glibc_text}{mark}")
    if args.top and len(found) > args.top:
        print(f"... and {len(found) - args.top} more ELF files")
    for path, reason in bad:
        print(f"malformed ELF file (skipped): {path.relative_to(args.bundle)}: {reason}")
    highest = found[0] if found and found[0].glibc else None
    print(f"\n{len(found)} ELF files; highest need: glibc {highest.glibc_text if highest else '-'}"
          + (f" ({highest.path.relative_to(args.bundle)})" if highest else ""))
    if over:
        print(f"FAIL: {len(over)} files need a glibc newer than {args.max}:")
        for n in over:
            why = "; ".join(f"{v}: {', '.join(sorted(set(s))[:8])}" for v, s in sorted(n.symbols.items())
                            if parse_version(v) > target)
            print(f"  {n.path.relative_to(args.bundle)}  ({why})")
        return 1
    print(f"PASS: nothing needs more than glibc {args.max}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
