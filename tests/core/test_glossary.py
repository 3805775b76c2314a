"""One glossary (exports/glossary.toml) for the UI, the checklist, the workbook and the report."""

import re
from pathlib import Path

import pytest

from app.core import ledger
from app.core.checklist import SCOPE_LABELS
from app.core.glossary import GlossaryError, english, load_glossary, term

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "translations" / "selfcheck_en.ts"


def test_the_glossary_defines_the_terms_of_issue_13():
    zh = {t.zh for t in load_glossary().values()}
    assert {"政务应用程序", "政务公众账号", "工作群组", "台账", "关停注销", "整合", "注销", "解散", "整改"} <= zh


def test_the_kinds_and_scopes_are_labelled_from_the_glossary():
    assert {k: term(k).label for k in ("unit", "app", "account", "group")} == SCOPE_LABELS
    assert {k: term(k).label for k in ledger.KINDS} == ledger.KIND_LABELS


def test_the_disposition_words_are_the_glossary_words():
    words = {t.zh for t in load_glossary().values()}
    actions = set(ledger.DISPOSITIONS + ledger.ACCOUNT_DISPOSITIONS + ledger.GROUP_DISPOSITIONS) - {"保留"}
    assert actions <= words


def test_largely_compliant_is_the_english_for_jiben_fuhe():
    assert english("基本符合") == "Largely compliant"


def _translations():
    text = TS.read_text(encoding="utf-8")
    return re.findall(r"<source>(.*?)</source>\s*<translation[^>]*>(.*?)</translation>", text, re.S)


def test_the_interface_uses_the_glossary_english():
    checked = 0
    for source, translation in _translations():
        wanted = english(source)
        if wanted and translation.rstrip("s") == wanted:
            checked += 1
        elif wanted and source in ("符合", "基本符合", "不符合", "不适用"):
            pytest.fail(f"{source}: the interface says {translation!r}, the glossary {wanted!r}")
    assert checked >= 6


def test_no_retired_english_terms_remain():
    text = TS.read_text(encoding="utf-8")
    assert "Partly compliant" not in text and "one-sheet" not in text


def test_the_checklist_rules_and_demo_avoid_the_variants(checklist):
    from app.core.rules import shipped_rules
    from app.demo import MEASURES, UNIT_PROBLEMS

    texts = [f"{it.question}{it.guidance}{it.evidence}" for it in checklist.items]
    texts += [f"{r.statement}{r.summary}" for r in shipped_rules().rules]
    texts += list(MEASURES.values()) + [d + m for _, d, m in UNIT_PROBLEMS.values()]
    for t in load_glossary().values():
        for variant in t.avoid:
            assert not any(variant in text for text in texts), variant


def test_a_term_without_english_is_refused_naming_the_file(tmp_path):
    bad = tmp_path / "glossary.toml"
    bad.write_text('[[terms]]\nkey = "app"\nzh = "政务应用程序"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"glossary.toml.*app"):
        load_glossary(bad)
