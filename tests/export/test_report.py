"""The report PDF and its editable .docx twin."""

import re
import shutil
import subprocess

import docx
import pytest
from pypdf import PdfReader

from app.storage import Store
from tests.conftest import INSPECTION_DAY

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pdf_text(path):
    """Text in content-stream order (-raw keeps each table cell's lines together), without line breaks."""
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@needs_poppler
def test_every_entity_with_a_problem_is_named_in_the_problem_list(exported, demo_db):
    text = _pdf_text(exported.pdf)
    with Store(demo_db) as store:
        insp = store.current_inspection()
        names = {e.id: e.name for e in store.entities(insp.id)}
        for p in store.problems(insp.id):
            if p.entity_id:
                assert re.sub(r"\s+", "", names[p.entity_id]) in text


@needs_poppler
def test_the_annex_lists_every_not_applicable_answer_with_its_reason(exported, demo_db):
    text = _pdf_text(exported.pdf)
    with Store(demo_db) as store:
        insp = store.current_inspection().id
        answers = [a for a in store.answers(insp).values() if a.verdict == "不适用"]
        names = {e[0]: e[2] for e in store.entity_index(insp)}
    assert answers and "不适用事项及理由" in text
    annex = text[text.index("不适用事项及理由", text.index("附件1")):]
    for a in answers:  # a table cell may wrap beside its neighbours: look for the item and the reason's start
        reason = re.sub(r"\s+", "", a.na_reason)
        # answers sharing a reason that differs only by their own name are one row naming them below it
        shared = reason.replace(names.get(a.entity_id, "@"), "相关对象")
        assert a.item_id in annex and (reason[:10] in annex or shared[:10] in annex), (a.item_id, a.na_reason)


@needs_poppler
def test_the_report_follows_the_convention(exported):
    text = _pdf_text(exported.pdf)
    for phrase in ("关于防治“指尖上的形式主义”自查情况的报告", "（以下简称《意见》）", "现将有关情况报告如下",
                   "一、基本情况", "二、主要做法和成效", "三、存在的问题", "四、整改措施", "五、下一步工作打算",
                   "特此报告", "附件：1．台账汇总表", "．证明材料清单", "．不适用事项及理由", "2025年11月20日", "—1—"):
        assert phrase in text
    assert "第1页共" not in text


@needs_poppler
def test_every_font_is_embedded(exported):
    out = subprocess.run(["pdffonts", str(exported.pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes " in row.split("TrueType")[-1][:20] or "yes" in row.split()[-5] for row in rows)
    assert "Helvetica" not in out


def test_outline_and_metadata(exported, demo_db):
    reader = PdfReader(exported.pdf)
    entries = [o for o in reader.outline if not isinstance(o, list)]
    titles = [o.title for o in entries]
    assert "一、基本情况" in titles and any(t.startswith("附件1") for t in titles)
    pages = [reader.get_destination_page_number(o) for o in entries]
    assert pages == sorted(pages) and len(set(pages)) > 2, "bookmarks point to where their section is"
    with Store(demo_db) as store:
        unit = store.get_unit()
    assert reader.metadata.author == unit.name
    assert "自查" in reader.metadata.title and reader.metadata.subject


def test_evidence_manifest_lists_hashes(exported, demo_db):
    text = "".join(page.extract_text() for page in PdfReader(exported.pdf).pages)
    with Store(demo_db) as store:
        for _, _, ref in store.all_evidence(store.current_inspection().id):
            assert ref.sha256 in re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render(exported, tmp_path):
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", str(exported.pdf), str(tmp_path / "p")],
                   check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 2


def test_the_docx_has_the_same_report(exported, demo_db):
    d = docx.Document(exported.docx)
    text = "\n".join(p.text for p in d.paragraphs)
    cells = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    for phrase in ("现将有关情况报告如下", "一、基本情况", "五、下一步工作打算", "特此报告", "附件4", "证明材料清单"):
        assert phrase in text
    with Store(demo_db) as store:
        for _, _, ref in store.all_evidence(store.current_inspection().id):
            assert ref.sha256 in cells


def test_the_docx_has_page_numbers_on_odd_and_even_pages_and_black_headings(exported):
    import zipfile

    with zipfile.ZipFile(exported.docx) as z:
        footers = [z.read(n).decode() for n in ("word/footer1.xml", "word/footer2.xml")]
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert all(" PAGE " in f and "—" in f for f in footers)
    assert "<w:evenAndOddHeaders/>" in settings
    heading = styles.split('w:styleId="Heading1"')[1].split("</w:style>")[0]
    assert 'w:color w:val="000000"' in heading and "黑体" in heading


def test_edited_narrative_replaces_the_draft(demo_store, tmp_path):
    from app.commands.export_service import export_inspection

    insp = demo_store.current_inspection()
    demo_store.set_text(insp.id, "next_steps", "我局将于2026年6月底前完成全部整改。")
    result = export_inspection(demo_store, insp.id, tmp_path, today=INSPECTION_DAY)
    text = "\n".join(p.text for p in docx.Document(result.docx).paragraphs)
    assert "我局将于2026年6月底前完成全部整改。" in text


@needs_poppler
def test_the_demo_report_reads_as_plain_statements(exported):
    """Problems are stated as facts: no question pasted in, nothing truncated, no double negative."""
    flat = _pdf_text(exported.pdf)
    body = flat[flat.index("三、存在的问题"):flat.index("附件1")]
    assert "是否" not in body and "?" not in body and "?" not in body
    assert "…" not in body and "..." not in body
    assert not re.search(r"是否(未|不|无|没有)|未不|不存在不", flat)
    for sentence in re.split(r"[。;;]", body):
        assert not sentence.endswith(("、", ",", ",", ":", ":", "“")), sentence
