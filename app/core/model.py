"""Plain data objects for a unit's inspection. No I/O: the store reads and writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

UNIT_ENTITY = 0  # answers to unit-level items use entity id 0


class Verdict(StrEnum):
    COMPLIANT = "符合"
    PARTIAL = "基本符合"
    NONCOMPLIANT = "不符合"
    NOT_APPLICABLE = "不适用"
    UNANSWERED = "未答"

    @property
    def needs_problem(self) -> bool:
        """基本符合 and 不符合 need a recorded problem with its rectification."""
        return self in (Verdict.PARTIAL, Verdict.NONCOMPLIANT)

    @classmethod
    def parse(cls, text: str) -> Verdict:
        text = (text or "").strip()
        if not text:
            return cls.UNANSWERED
        return cls(text)


ANSWER_VERDICTS = (Verdict.COMPLIANT, Verdict.PARTIAL, Verdict.NONCOMPLIANT, Verdict.NOT_APPLICABLE)


class ProblemStatus(StrEnum):
    OPEN = "未整改"
    IN_PROGRESS = "整改中"
    DONE = "已整改"


class InspectionStatus(StrEnum):
    IN_PROGRESS = "进行中"
    FINISHED = "已完成"


UNIT_LEVELS = ("省级", "地市级", "县级", "乡镇(街道)级", "其他")


@dataclass
class Unit:
    name: str
    credit_code: str
    region_code: str
    level: str = "县级"
    contact_name: str = ""
    contact_phone: str = ""
    addressee: str = ""  # 主送机关 of the report; step 6 may override it for one year's report


@dataclass
class Inspection:
    id: int
    year: int
    checklist_id: str
    checklist_version: str
    status: str
    inspection_date: dt.date
    created_at: str = ""


@dataclass
class Entity:
    id: int
    kind: str
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.fields.get("name") or "")


@dataclass
class EvidenceRef:
    id: int
    sha256: str
    original_name: str
    size: int
    added_at: str = ""


@dataclass
class Answer:
    entity_id: int
    item_id: str
    verdict: Verdict
    note: str = ""
    updated_at: str = ""
    evidence: list[EvidenceRef] = field(default_factory=list)
    na_reason: str = ""  # why 不适用 (one line); required with that verdict


@dataclass
class Problem:
    id: int
    entity_id: int
    item_id: str
    description: str
    measure: str = ""
    owner: str = ""
    deadline: dt.date | None = None
    status: ProblemStatus = ProblemStatus.OPEN
    verdict: Verdict = Verdict.UNANSWERED
    group_id: int | None = None  # rows sharing a group are one problem covering several answers

    @property
    def group(self) -> int:
        """The problem this row belongs to: its group, or itself when it stands alone."""
        return self.group_id if self.group_id is not None else self.id

    @property
    def missing(self) -> list[str]:
        """Which rectification fields are still empty (nothing is finished with a problem lacking them)."""
        out = []
        if not self.description.strip():
            out.append("问题描述")
        if not self.measure.strip():
            out.append("整改措施")
        if not self.owner.strip():
            out.append("责任人")
        if self.deadline is None:
            out.append("整改时限")
        return out
