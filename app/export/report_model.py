"""The self-inspection report as data: one structure, built once at export time, drawn by two renderers.

:func:`build_report` reads the inspection once and returns a frozen :class:`Report`: title, 主送机关, the 正文
in five sections, 附件说明, 落款 and the annexes as tables. The PDF (``report.py``) and the .docx
(``report_docx.py``) only lay it out, so they cannot disagree about what the report says. The model knows
nothing about this project's store beyond the read methods it calls, so the province's report can build a
:class:`Report` of its own and hand it to the same renderers.

The 正文 stays a few pages whatever the ledger's size: it counts, groups by article title and quotes one
typical problem; every row of detail goes to the annexes (and the full entity × item matrix only to the
workbook).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core import dispositions
from app.core.errors import SelfcheckError
from app.core.ledger import KINDS
from app.core.model import UNIT_ENTITY, Problem, ProblemStatus, Verdict
from app.export.report_layout import load_report_layout
from app.export.texts import (
    check_narrative,
    fullwidth,
    narrative_facts,
    report_texts,
    report_wording,
    sentence,
)
from app.storage.snapshot import InspectionSnapshot

# Annex table column widths, relative (the renderer scales them to the 版心).
LEDGER_WIDTHS = (3.0, 1.2, 1.2)
PROBLEM_WIDTHS = (0.8, 2.0, 5.2, 3.6, 1.4, 1.9, 1.9)
VERDICT_WIDTHS = (5.0, 1.3, 1.1, 1.3, 1.1, 1.1)
EVIDENCE_WIDTHS = (0.8, 3.2, 1.3, 5.6, 2.8)
NOT_APPLICABLE_WIDTHS = (0.8, 6.0, 2.6, 4.0)
NAMES_SHOWN = 20  # entities named under one grouped row; the complete list is the workbook's (one row each)


@dataclass(frozen=True)
class Para:
    """One paragraph. ``kind`` picks the style; ``lead`` is an inline heading run (楷体) before the text;
    ``source`` names the field the text came from, for messages about characters no font can draw."""

    kind: str
    text: str
    lead: str = ""
    source: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    source: str
    caption: str = ""
    # Rows (by index) whose text spans the whole width: the entities a grouped problem concerns.
    spans: frozenset[int] = frozenset()
    total_last: bool = False


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of counts with Chinese labels (one honest measure, one unit)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]


Block = Para | Table | Chart


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Para, ...]


@dataclass(frozen=True)
class Annex:
    label: str  # 附件1
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Facts:
    """The numbers the report states, for the read-back check and for checking edited narrative."""

    unit: str
    year: int
    apps: int
    accounts: int
    groups: int
    checked: int
    problems: int
    articles: int
    problems_done: int = 0
    problems_doing: int = 0
    problems_open: int = 0
    done: dict[tuple[str, str], int] = field(default_factory=dict)
    planned: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    title_segments: tuple[str, ...]
    addressee: str
    opening: tuple[Para, ...]
    sections: tuple[Section, ...]
    closing: str
    annex_titles: tuple[str, ...]
    signoff_unit: str
    signoff_date: str
    annexes: tuple[Annex, ...]
    subject: str
    keywords: str
    facts: Facts
    issuer: str = ""

    @property
    def title(self) -> str:
        return "".join(self.title_segments)

    def body_paragraphs(self) -> Iterator[Para]:
        """The 正文 in reading order (what the provincial office reads; annexes excluded)."""
        yield from self.opening
        for s in self.sections:
            yield Para("h1", s.heading, source="标题")
            yield from s.blocks
        yield Para("body", self.closing, source="结束语")

    def body_text(self) -> str:
        return "".join(p.lead + p.text for p in self.body_paragraphs())

    def texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) of everything printed, for the font coverage check."""
        yield "报告标题", self.title
        yield "主送机关", self.addressee
        if self.issuer:
            yield "签发人", self.issuer
        for p in self.body_paragraphs():
            yield p.source or "正文", p.lead + p.text
        for a in self.annexes:
            yield a.label, a.title
            for b in a.blocks:
                if isinstance(b, Para):
                    yield p_source(a, b), b.text
                elif isinstance(b, Chart):
                    yield f"{a.label}图表", b.title + "".join(b.labels)
                else:
                    yield f"{b.source}表头", "".join(b.header)
                    for n, row in enumerate(b.rows, 1):
                        for col, value in enumerate(row):
                            name = "" if n - 1 in b.spans else b.header[col] if col < len(b.header) else ""
                            yield f"{b.source}第{n}行" + (f"“{name}”" if name else ""), value
        yield "落款", self.signoff_unit + self.signoff_date


def p_source(annex: Annex, p: Para) -> str:
    return p.source or annex.label


# ---- building --------------------------------------------------------------------------------------------

def _join(parts: list[str], sep: str) -> str:
    return sep.join(p for p in parts if p)


def _kind_counts(w: dict[str, Any], counts: Counter[str] | dict[str, int], names: dict[str, str]) -> str:
    ph = w["phrases"]
    return _join([ph["kind_count"].format(kind=names[k], n=counts[k]) for k in KINDS if counts.get(k)],
                 w["list_sep"])


BREAKDOWN_FIELD = {"app": "app_type", "account": "platform", "group": "platform"}
BREAKDOWN_MAX = 5  # categories named in the 正文 before the rest are counted as 其他


def _breakdown(w: dict[str, Any], kind: str, entities: list[Any]) -> str:
    ph = w["phrases"]
    c = Counter(str(e.fields.get(BREAKDOWN_FIELD[kind]) or "未填写") for e in entities)
    if len(c) < 2:
        return ""
    top = c.most_common(BREAKDOWN_MAX)
    parts = [ph["breakdown_part"].format(label=label, n=n) for label, n in top]
    rest = sum(c.values()) - sum(n for _, n in top)
    if rest:
        parts.append(ph["breakdown_other"].format(n=rest))
    return ph["breakdown"].format(kind=w["kind_short"][kind], by=w["annexes"]["ledger_by"][kind],
                                  parts=w["list_sep"].join(parts))


def _dispositions(w: dict[str, Any], counts: dispositions.DispositionCounts) -> list[str]:
    ph = w["phrases"]
    out = []
    done = [ph["done_action"].format(action=a, kind=w["kind_short"][k], n=counts.done[(k, a)])
            for k in KINDS for a in dispositions.ACTIONS[k] if counts.done.get((k, a))]
    planned = [ph["planned_action"].format(action=a, kind=w["kind_short"][k], n=counts.planned[(k, a)])
               for k in KINDS for a in dispositions.ACTIONS[k] if counts.planned.get((k, a))]
    if done:
        out.append(ph["done"].format(actions=w["list_sep"].join(done)))
    if planned:
        out.append(ph["planned"].format(actions=w["list_sep"].join(planned)))
    if not out:
        out.append(ph["disposition_none"])
    return out


@dataclass
class ProblemGroup:
    """Problems that are the same problem for several entities: same item, same wording once the entity's
    own name is taken out, same rectification measure."""

    article: int
    item_id: str
    text: str
    measure: str
    problems: list[Problem] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


def group_problems(problems: Sequence[Problem], names: dict[int, str], article_of: dict[str, int],
                   shared_subject: str) -> list[ProblemGroup]:
    groups: dict[tuple[str, str, str], ProblemGroup] = {}
    for p in problems:
        name = names.get(p.entity_id, "")
        desc = " ".join(p.description.split())
        key_text = desc.replace(name, "\x00") if name and len(name) > 1 else desc
        key_text = _DETAIL.sub("\x01", key_text)
        measure = " ".join(p.measure.split())
        # A problem the unit recorded once for several answers is one row; rows recorded separately with the
        # same item, wording (the entity's own name aside) and measure are grouped too.
        key = ("group", str(p.group_id), "") if p.group_id is not None else (p.item_id, key_text, measure)
        g = groups.get(key)
        if g is None:
            g = groups[key] = ProblemGroup(article_of.get(p.item_id, 0), p.item_id, desc, measure)
        g.problems.append(p)
        g.entities.append(name)
    out = sorted(groups.values(), key=lambda g: (g.article, g.item_id, -len(g.problems), g.text))
    for g in out:
        if len(g.problems) > 1:
            # In the problems' order (a set's order changes from one run to the next: the signed report must not)
            texts = list(dict.fromkeys(" ".join(p.description.split()).replace(n, "\x00") if n and len(n) > 1
                                       else p.description for p, n in zip(g.problems, g.entities, strict=True)))
            text = texts[0] if len(texts) == 1 else _DETAIL.sub("……", texts[0])
            g.text = text.replace("\x00", shared_subject)
    return out


# Dates, day counts and numbers inside a problem's wording: two entities whose problem differs only there
# share the problem (the details stay in the workbook).
_DETAIL = re.compile(r"\d+(?:[-./:年月]\d+)*日?")


def _scope(w: dict[str, Any], problems: Sequence[Problem], kinds: dict[int, str]) -> str:
    ph = w["phrases"]
    entities_by_kind: dict[str, set[int]] = defaultdict(set)
    for p in problems:
        entities_by_kind[kinds.get(p.entity_id, "unit")].add(p.entity_id)
    parts = [ph["kind_count"].format(kind=w["kind_short"][k], n=len(entities_by_kind[k]))
             for k in KINDS if entities_by_kind.get(k)]
    if entities_by_kind.get("unit"):
        parts.append(ph["problems_scope_unit"])
    return w["list_sep"].join(parts)


def _status_text(w: dict[str, Any], problems: list[Problem]) -> str:
    c = Counter(p.status for p in problems)
    if len(c) == 1:
        return next(iter(c)).value
    return w["list_sep"].join(w["phrases"]["status_count"].format(status=s.value, n=c[s])
                              for s in ProblemStatus if c.get(s))


def _people(w: dict[str, Any], owners: list[str]) -> str:
    distinct = list(dict.fromkeys(fullwidth(o) for o in owners if o))  # typed by clerks, like the other columns
    if len(distinct) <= 3:
        return w["list_sep"].join(distinct)
    return w["phrases"]["more_people"].format(first=w["list_sep"].join(distinct[:2]), n=len(distinct))


def _date(w: dict[str, Any], day: dt.date | None) -> str:
    return w["date_format"].format(y=day.year, m=day.month, d=day.day) if day else ""


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def build_report(snapshot: InspectionSnapshot, today: dt.date | None = None, check: bool = True) -> Report:
    """The whole report from the stored inspection. ``check`` refuses edited narrative that contradicts
    the data (:class:`~app.core.errors.SelfcheckError` naming the sentence)."""
    w = report_wording()
    layout = load_report_layout()
    today = today or dt.date.today()
    ph, sec, ax = w["phrases"], w["sections"], w["annexes"]
    sep = w["list_sep"]
    insp, unit = snapshot.inspection, snapshot.unit
    if unit is None:
        raise SelfcheckError("尚未填写单位信息，无法生成自查报告")
    checklist, entities, progress = snapshot.checklist, snapshot.entities, snapshot.progress
    problems, evidence = snapshot.problems, snapshot.evidence
    by_kind: dict[str, list[Any]] = {k: [e for e in entities if e.kind == k] for k in KINDS}
    counts = {k: len(v) for k, v in by_kind.items()}
    names = {UNIT_ENTITY: w["unit_self"], **{e.id: e.name for e in entities}}
    kinds = {UNIT_ENTITY: "unit", **{e.id: e.kind for e in entities}}
    article_of = {it.id: it.article for it in checklist.items}
    titles = {a.number: a.title for a in checklist.articles}
    disp = dispositions.count_dispositions(entities, insp.inspection_date)
    # A problem recorded once for several answers (a group) counts once.
    recorded = {p.group: p for p in problems}
    status = Counter(p.status for p in recorded.values())
    o = progress.overall
    facts = Facts(unit=unit.name, year=insp.year, apps=counts["app"], accounts=counts["account"],
                  groups=counts["group"], checked=o.total, problems=len(recorded),
                  articles=len(checklist.articles), problems_done=status[ProblemStatus.DONE],
                  problems_doing=status[ProblemStatus.IN_PROGRESS], problems_open=status[ProblemStatus.OPEN],
                  done=dict(disp.done), planned=dict(disp.planned))
    texts = report_texts(snapshot)
    if check:
        narrative_errors = [
            f"{label}：{msg}" for key, label in (("opening", "开头"), ("practices", "主要做法"),
                                                 ("next_steps", "下一步工作打算"))
            for msg in check_narrative(texts[key], narrative_facts(facts))
        ]
        if narrative_errors:
            raise SelfcheckError("第6步的报告文字与数据不符，请修改或点击“重新起草”：\n"
                                 + "\n".join(narrative_errors))

    def paras(key: str, label: str) -> tuple[Para, ...]:
        return tuple(Para("body", sentence(fullwidth(line)), source=f"第6步“{label}”")
                     for line in texts[key].splitlines() if line.strip())

    # 一、基本情况
    kinds_text = _kind_counts(w, counts, w["kind_names"])
    basic = [ph["ledger"].format(kinds=kinds_text) if kinds_text else ph["ledger_none"]]
    basic += [_breakdown(w, k, by_kind[k]) for k in KINDS]
    basic.append(ph["checked"].format(articles=facts.articles, checked=o.total, compliant=o.compliant,
                                      partial=o.partial, noncompliant=o.noncompliant, na=o.not_applicable))
    s1 = (Para("body", "".join(basic), source="基本情况"),)

    # 二、主要做法和成效
    s2 = (*paras("practices", "主要做法"), Para("body", "".join(_dispositions(w, disp)), source="成效"))

    # 三、存在的问题
    groups = group_problems(problems, names, article_of, ph["shared_subject"])
    by_article: dict[int, list[Problem]] = defaultdict(list)
    for p in problems:
        by_article[article_of.get(p.item_id, 0)].append(p)
    s3: list[Para] = []
    clean = [a for a in checklist.articles if a.number not in by_article]
    if problems:
        s3.append(Para("body", ph["problems_total"].format(problems=facts.problems,
                                                           scope=_scope(w, problems, kinds)), source="存在的问题"))
        for n, number in enumerate(sorted(by_article)):
            article_groups = [g for g in groups if g.article == number]
            biggest = max(article_groups, key=lambda g: len(g.problems))
            typical = sentence(fullwidth(biggest.problems[0].description.strip()))
            s3.append(Para("body", ph["problem_article"].format(n=len({p.group for p in by_article[number]}),
                                                                scope=_scope(w, by_article[number], kinds),
                                                                typical=typical),
                           lead=ph["problem_article_lead"].format(ordinal=w["ordinals"][n % len(w["ordinals"])],
                                                                  title=titles.get(number, str(number))),
                           source=f"存在的问题（{titles.get(number, number)}）"))
        if clean:
            s3.append(Para("body", ph["clean_articles"].format(
                n=len(clean), titles=sep.join(a.title for a in clean)), source="存在的问题"))
    else:
        s3.append(Para("body", ph["clean_articles_all"].format(n=len(checklist.articles)), source="存在的问题"))

    # 四、整改措施
    if problems:
        measures = [m for m, _ in Counter(" ".join(p.measure.split()).rstrip("。") for p in problems
                                          if p.measure.strip()).most_common(4)]
        deadlines = [p.deadline for p in problems if p.deadline]
        s4 = (Para("body", fullwidth(ph["rectification"].format(
            problems=facts.problems, date=_date(w, today), done=facts.problems_done, doing=facts.problems_doing,
            open=facts.problems_open,
            deadline=ph["rectification_deadline"].format(date=_date(w, max(deadlines))) if deadlines else "",
            measures="；".join(measures) or ph["measure_more"])), source="整改措施"),)
    else:
        s4 = (Para("body", ph["rectification_none"], source="整改措施"),)

    # 五、下一步工作打算
    s5 = paras("next_steps", "下一步工作打算")

    sections = tuple(Section(h, b) for h, b in (
        (sec["basic"], s1), (sec["practices"], s2), (sec["problems"], tuple(s3)), (sec["rectification"], s4),
        (sec["next_steps"], s5)))

    # 附件
    annexes: list[tuple[str, tuple[Block, ...]]] = [(ax["ledger"], _ledger_annex(w, by_kind, disp, insp))]
    if problems:
        annexes.append((ax["problems"], _problem_annex(w, groups, titles, by_article)))
    annexes.append((ax["verdicts"], _verdict_annex(w, checklist, progress)))
    na = _not_applicable_annex(w, snapshot.answers, checklist, names)
    if na:
        annexes.append((ax["not_applicable"], na))
    if evidence:
        rows = tuple((str(n), ref.original_name, _size(ref.size), ref.sha256,
                      f"{item} {names.get(eid, '')}".strip())
                     for n, (eid, item, ref) in enumerate(evidence, 1))
        annexes.append((ax["evidence"], (Table(tuple(w["tables"]["evidence"]), rows, EVIDENCE_WIDTHS,
                                               ax["evidence"]),)))
    built = tuple(Annex(ax["label"].format(n=n), title, blocks) for n, (title, blocks) in enumerate(annexes, 1))
    segments = tuple(s.format(unit=unit.name) for s in w["title_segments"])
    issuer = ""
    if layout.show_issuer and texts.get("signer_name", "").strip():
        issuer = w["issuer"].format(name=texts["signer_name"].strip())
    return Report(
        title_segments=segments, addressee=fullwidth(texts["addressee"].strip().rstrip("：:")),
        opening=paras("opening", "开头"), sections=sections, closing=w["closing"],
        annex_titles=tuple(a.title for a in built), signoff_unit=unit.name,
        signoff_date=_date(w, today), annexes=built, subject=w["subject"], keywords=w["keywords"],
        facts=facts, issuer=issuer)


def _ledger_annex(w: dict[str, Any], by_kind: dict[str, list[Any]], disp: dispositions.DispositionCounts,
                  insp: Any) -> tuple[Block, ...]:
    ax, tb = w["annexes"], w["tables"]
    blocks: list[Block] = []
    for kind in KINDS:
        entities = by_kind[kind]
        actions = dispositions.ACTIONS[kind]
        header = (*tb["ledger"], *(col for a in actions for col in (tb["ledger_done"].format(action=a),
                                                                     tb["ledger_planned"].format(action=a))))
        cats: dict[str, list[int]] = {}
        for e in entities:
            row = cats.setdefault(str(e.fields.get(BREAKDOWN_FIELD[kind]) or "未填写"), [0] * (2 + 2 * len(actions)))
            row[0] += 1
            action = dispositions.action_of(e)
            if action is None:
                row[1] += 1
            else:
                done = dispositions.is_done(e, insp.inspection_date)
                row[2 + 2 * actions.index(action) + (0 if done else 1)] += 1
        rows = [(label, *(str(v) for v in values)) for label, values in sorted(cats.items(), key=lambda kv: -kv[1][0])]
        totals = [sum(v[i] for v in cats.values()) for i in range(2 + 2 * len(actions))]
        rows.append((ax["ledger_total"], *(str(v) for v in totals)))
        caption = ax["ledger_caption"].format(kind=w["kind_names"][kind], n=len(entities))
        widths = LEDGER_WIDTHS + (1.4,) * (2 * len(actions))
        blocks.append(Table(header, tuple(rows), widths, f"{ax['ledger']}“{w['kind_names'][kind]}”", caption,
                            total_last=True))
    return tuple(blocks)


def _involved(w: dict[str, Any], entities: list[str]) -> str:
    """The entities a grouped row concerns: all of them when few, else the first ones and how many in all
    (said outright, with where the complete list is: the workbook has one row per entity)."""
    ax, sep = w["annexes"], w["list_sep"]
    if len(entities) <= NAMES_SHOWN:
        return ax["involved"].format(n=len(entities)) + sep.join(entities)
    return ax["involved"].format(n=len(entities)) + ax["involved_more"].format(
        names=sep.join(entities[:NAMES_SHOWN]), n=len(entities))


def _problem_annex(w: dict[str, Any], groups: list[ProblemGroup], titles: dict[int, str],
                   by_article: dict[int, list[Problem]]) -> tuple[Block, ...]:
    ax = w["annexes"]
    numbers = sorted(by_article)
    chart = Chart(ax["chart_title"], tuple(titles.get(n, str(n)) for n in numbers),
                  tuple(len({p.group for p in by_article[n]}) for n in numbers))
    rows: list[tuple[str, ...]] = []
    spans: set[int] = set()
    for n, g in enumerate(groups, 1):
        deadlines = [p.deadline for p in g.problems if p.deadline]
        rows.append((str(n), titles.get(g.article, str(g.article)), sentence(fullwidth(g.text)),
                     fullwidth(g.measure), _people(w, [p.owner for p in g.problems]),
                     _date(w, max(deadlines)) if deadlines else "", _status_text(w, g.problems)))
        spans.add(len(rows))
        rows.append((_involved(w, g.entities),))
    return (chart, Table(tuple(w["tables"]["problems"]), tuple(rows),
                         PROBLEM_WIDTHS, ax["problems"], spans=frozenset(spans)))


def _not_applicable_annex(w: dict[str, Any], answers: Mapping[tuple[int, str], Any], checklist: Any,
                          names: dict[int, str]) -> tuple[Block, ...]:
    """Every 不适用 answer with its item, source and reason, so the office above can judge it; answers that
    share the item and the reason are one row with their entities listed under it."""
    groups: dict[tuple[str, str], list[str]] = {}
    reasons: dict[tuple[str, str], set[str]] = {}
    for (eid, item_id), a in sorted(answers.items()):
        if a.verdict != Verdict.NOT_APPLICABLE or not checklist.has_item(item_id):
            continue
        name = names.get(eid, "")
        reason = " ".join((a.na_reason or "").split())
        # Reasons that differ only by the entity's own name (or a date or number) are one reason.
        own = reason.replace(name, "\x00") if name and len(name) > 1 else reason
        key = (item_id, _DETAIL.sub("\x01", own))
        groups.setdefault(key, []).append(name)
        reasons.setdefault(key, set()).add(own)
    if not groups:
        return ()
    shared = w["phrases"]["shared_subject"]

    def shown(key: tuple[str, str]) -> str:
        variants = reasons[key]
        text = next(iter(variants)) if len(variants) == 1 else _DETAIL.sub("……", next(iter(variants)))
        if len(groups[key]) == 1:
            return text.replace("\x00", groups[key][0])
        return text.replace("\x00", shared)
    ax = w["annexes"]
    rows: list[tuple[str, ...]] = []
    spans: set[int] = set()
    order = {it.id: n for n, it in enumerate(checklist.items)}
    for n, (key, entities) in enumerate(sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])), 1):
        it = checklist.item(key[0])
        rows.append((str(n), fullwidth(f"{it.id} {it.question}"), fullwidth(it.source), fullwidth(shown(key))))
        spans.add(len(rows))
        rows.append((_involved(w, entities),))
    return (Table(tuple(w["tables"]["not_applicable"]), tuple(rows), NOT_APPLICABLE_WIDTHS, ax["not_applicable"],
                  spans=frozenset(spans)),)


def _verdict_annex(w: dict[str, Any], checklist: Any, progress: Any) -> tuple[Block, ...]:
    tb = w["tables"]
    rows = []
    for a in checklist.articles:
        t = progress.by_article.get(a.number)
        if t is None:
            continue
        rows.append((a.label, str(t.total), str(t.compliant), str(t.partial), str(t.noncompliant),
                     str(t.not_applicable)))
    o = progress.overall
    rows.append((tb["verdicts_total"], str(o.total), str(o.compliant), str(o.partial), str(o.noncompliant),
                 str(o.not_applicable)))
    return (Table(tuple(tb["verdicts"]), tuple(rows), VERDICT_WIDTHS, w["annexes"]["verdicts"], total_last=True),)

