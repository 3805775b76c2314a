"""Which province a merge is for, and what to do with a unit from elsewhere.

Policy: the province is given (``merge --province 33`` or the dialog's field) or, failing that, read from the
name of the trusted CA (浙江省委网信办 → 33). A unit whose 行政区划代码 is outside the province is

* rejected, with the reason, when the province was given — unless ``allow_other_provinces`` is set, when it is
  accepted with a warning;
* accepted with a warning when the province was only inferred from the CA's name (a guess does not refuse);

and it is marked 外省 in the master either way. A region code the code table lacks is accepted with a warning
(the table may be older than the unit). With no province at all, nothing is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.regions import RegionTable, load_regions
from app.signing.keys import load_pem_certs

ALLOW_HINT = "如确需汇总外省单位,请勾选“允许外省单位”(命令行 --allow-other-provinces)"


@dataclass(frozen=True)
class ProvinceScope:
    regions: RegionTable
    prefix: str = ""          # 2-digit province code; "" when unknown
    explicit: bool = False    # given by the officer, not inferred
    allow_other: bool = False

    @property
    def label(self) -> str:
        if not self.prefix:
            return "未指定"
        region = self.regions.get(self.prefix + "0000")
        return f"{self.prefix}({region.name})" if region else self.prefix

    def is_other(self, region_code: str | None) -> bool:
        code = self.regions.province_code(region_code)
        return bool(self.prefix and code and code != self.prefix)

    def screen(self, unit: dict[str, Any]) -> tuple[list[str], list[str]]:
        """(reasons to reject, warnings) for one accepted unit record."""
        region = str(unit.get("region_code") or "").strip()
        warnings: list[str] = []
        if region and self.regions.get(region) is None:
            warnings.append(f"行政区划代码 {region} 不在区划代码表中(代码表可能较旧,或代码有误),按代码汇总")
        if not self.is_other(region):
            return [], warnings
        where = f"单位的行政区划代码 {region}({self.regions.full_name(region)})不属于本省 {self.label}"
        if self.explicit and not self.allow_other:
            return [f"{where};{ALLOW_HINT}"], warnings
        how = "已按要求汇总" if self.explicit else "本省由信任的证书机构名称推断,已汇总并在汇总表中标注为外省单位"
        return [], [*warnings, f"外省单位:{where},{how}"]


def _ca_names(trust_pem: bytes) -> list[str]:
    from cryptography.x509.oid import NameOID

    names = []
    for cert in load_pem_certs(trust_pem):
        for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
            names += [str(a.value) for a in cert.subject.get_attributes_for_oid(oid)]
    return names


def province_scope(province: str | None, allow_other: bool = False, regions: Path | str | None = None,
                   trust_pem: bytes | None = None) -> ProvinceScope:
    """Build the scope before any file is read, so a bad ``--province`` or table is said at once."""
    table = load_regions(str(regions) if regions else None)
    if province:
        return ProvinceScope(table, table.resolve_province(province), True, allow_other)
    if trust_pem:
        for name in _ca_names(trust_pem):
            prefix = table.province_named_in(name)
            if prefix:
                return ProvinceScope(table, prefix, False, allow_other)
    return ProvinceScope(table, "", False, allow_other)
