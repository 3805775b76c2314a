"""Drawing the report: fonts by role, characters no font has, the 公文 page, the title, the read-back."""

import tomllib

import pytest
from pypdf import PdfReader

from app.core.errors import SelfcheckError
from app.export import fonts
from app.export.readback import check_pdf
from app.export.report import render_report, title_lines
from app.export.report_layout import load_report_layout, parse_report_layout
from app.export.report_model import build_report
from app.paths import resource
from tests.conftest import INSPECTION_DAY


def _layout_data():
    return tomllib.loads(resource("exports", "report_layout.toml").read_text(encoding="utf-8"))


def test_without_official_fonts_every_role_has_a_bundled_font():
    chosen = fonts.choose_fonts(system=False)
    assert set(chosen) == {"title", "body", "heading1", "heading2", "number"}
    assert all(c.bundled and c.path.is_file() for c in chosen.values())
    assert "Kai" in chosen["heading2"].family and "Hei" in chosen["heading1"].family
    assert "（内置）" in fonts.describe(chosen)


def test_an_installed_official_font_is_found_by_its_family_name(tmp_path, monkeypatch):
    (tmp_path / "any-file-name.ttc").symlink_to(resource("resources", "fonts", "ukai.ttc"))
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    fonts.installed_faces.cache_clear()
    data = _layout_data()
    data["fonts"]["heading2"]["families"] = ["楷体_GB2312", "AR PL UKai CN"]
    try:
        chosen = fonts.choose_fonts(parse_report_layout(data, "test"), system=True)
    finally:
        fonts.installed_faces.cache_clear()
    assert not chosen["heading2"].bundled and chosen["heading2"].family == "AR PL UKai CN"
    assert chosen["body"].bundled


def test_a_damaged_font_file_is_skipped(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00garbage")
    assert fonts.font_faces(tmp_path / "broken.ttf") == []


def test_a_layout_missing_a_key_is_named():
    data = _layout_data()
    del data["page"]["margin_top"]
    with pytest.raises(SelfcheckError, match="margin_top"):
        parse_report_layout(data, "report_layout.toml")


def test_the_shipped_layout_is_gb_t_9704():
    layout = load_report_layout()
    assert (layout.margin_top, layout.margin_left, layout.body_width, layout.body_height) == (37, 28, 156, 225)
    assert (layout.lines_per_page, layout.chars_per_line) == (22, 28)
    assert layout.sizes["title"] == 22 and layout.sizes["body"] == 16 and not layout.running_header


def test_the_title_breaks_only_between_words():
    segments = ("杭州市西湖区数据资源管理局", "关于防治“指尖上的形式主义”", "自查情况的报告")
    lines = title_lines(segments, len, 20)
    assert lines == list(segments)
    assert title_lines(("短单位", "关于防治", "自查报告"), len, 20) == ["短单位关于防治自查报告"]


def test_a_unit_name_longer_than_a_line_is_the_only_place_a_title_breaks_inside():
    name = "某省某市某县某某某某某某某某某某某某某某某某某某某某管理局"
    lines = title_lines((name, "关于防治", "自查情况的报告"), len, 20)
    assert "".join(lines) == name + "关于防治自查情况的报告" and all(len(x) <= 20 for x in lines)
    assert "自查情况的报告" in lines[-1]


def test_a_character_no_font_has_blocks_a_signed_report_naming_the_field(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    demo_store.set_text(insp.id, "addressee", "上级网信部门🙂")
    with pytest.raises(SelfcheckError, match="主送机关.*🙂"):
        render_report(demo_store, insp.id, tmp_path / "signed.pdf", today=INSPECTION_DAY, strict=True)
    assert not (tmp_path / "signed.pdf").exists()


def test_an_unsigned_report_marks_the_character_and_says_where(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    demo_store.set_text(insp.id, "addressee", "上级网信部门🙂")
    info = render_report(demo_store, insp.id, tmp_path / "draft.pdf", today=INSPECTION_DAY)
    assert [(u.field, u.char) for u in info.unprintable] == [("主送机关", "🙂")]
    assert "〓" in PdfReader(tmp_path / "draft.pdf").pages[0].extract_text()


def test_the_signoff_is_on_the_page_of_the_last_paragraph(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    report = build_report(demo_store, insp.id, INSPECTION_DAY)
    info = render_report(demo_store, insp.id, tmp_path / "r.pdf", report=report)
    page = "".join(PdfReader(tmp_path / "r.pdf").pages[info.body_pages - 1].extract_text().split())
    assert "特此报告" in page and report.signoff_unit in page and "2025年11月20日" in page
    assert info.signature_page == info.body_pages - 1


def test_page_numbers_are_dashed_and_there_is_no_running_header(exported):
    pages = PdfReader(exported.pdf).pages
    first, second = ("".join(p.extract_text().split()) for p in pages[:2])
    assert "—1—" in first and "—2—" in second and "第1页" not in first
    assert "自查报告" not in second.replace("自查情况的报告", "")


def test_the_read_back_finds_a_report_that_says_something_else(demo_store, tmp_path):
    from dataclasses import replace

    insp = demo_store.current_inspection()
    report = build_report(demo_store, insp.id, INSPECTION_DAY)
    info = render_report(demo_store, insp.id, tmp_path / "r.pdf", report=report)
    assert check_pdf(tmp_path / "r.pdf", report, info) == []
    other = replace(report, signoff_unit="杭州市拱墅区数据资源管理局", facts=replace(report.facts, problems=4321))
    found = check_pdf(tmp_path / "r.pdf", other, info)
    assert any("杭州市拱墅区数据资源管理局" in f for f in found) and any("4321" in f for f in found)


def test_a_failed_read_back_leaves_the_previous_report(demo_store, tmp_path, monkeypatch):
    from app.commands import export_service as service
    from app.export import readback

    insp = demo_store.current_inspection()
    first = service.export_inspection(demo_store, insp.id, tmp_path, today=INSPECTION_DAY, docx=False)
    before = first.pdf.read_bytes()
    monkeypatch.setattr(readback, "check_pdf", lambda *a: ["正文中缺少问题数“42”"])
    with pytest.raises(SelfcheckError, match="核对不一致"):
        service.export_inspection(demo_store, insp.id, tmp_path, today=INSPECTION_DAY, docx=False)
    assert first.pdf.read_bytes() == before


def test_the_issuer_is_printed_only_when_the_layout_asks(demo_store, monkeypatch):
    import dataclasses

    from app.export import report_layout

    insp = demo_store.current_inspection()
    demo_store.set_text(insp.id, "signer_name", "张伟")
    assert build_report(demo_store, insp.id, INSPECTION_DAY).issuer == ""
    asking = dataclasses.replace(load_report_layout(), show_issuer=True)
    monkeypatch.setattr(report_layout, "load_report_layout", lambda: asking)
    assert build_report(demo_store, insp.id, INSPECTION_DAY).issuer == "签发人：张伟"


def test_a_long_last_section_fills_the_page_before_the_signoff(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    steps = [f"{n}是持续推进第{n}项工作，定期梳理政务应用程序、公众账号和工作群组，发现问题及时整改，防止反弹回潮。"
             for n in "一二三四五六七八"]
    demo_store.set_text(insp.id, "next_steps", "\n".join(steps))
    report = build_report(demo_store, insp.id, INSPECTION_DAY)
    info = render_report(demo_store, insp.id, tmp_path / "r.pdf", report=report)
    pages = ["".join(p.extract_text().split()) for p in PdfReader(tmp_path / "r.pdf").pages[:info.body_pages]]
    heading = next(n for n, text in enumerate(pages) if "五、下一步工作打算" in text)
    assert "四、整改措施" in "".join(pages[heading - 1:heading + 1])  # no page left half empty before 五
    assert steps[-1].rstrip("。") in pages[-1] and "特此报告" in pages[-1]
    assert steps[0].rstrip("。") not in pages[-1]
