"""Evidence files: content-addressed, de-duplicated, size-limited, safely named, checked by doctor."""

import pytest

from app.core.errors import EvidenceError
from app.core.model import UNIT_ENTITY
from app.storage import Store
from app.storage.evidence import safe_name


@pytest.fixture
def minutes(tmp_path):
    p = tmp_path / "专题会议纪要.txt"
    p.write_text("2025年防治“指尖上的形式主义”专题会议纪要", encoding="utf-8")
    return p


def test_evidence_is_copied_and_linked(store, inspection, minutes):
    ref = store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    assert ref.original_name == "专题会议纪要.txt"
    assert store.evidence_path(ref.sha256).read_bytes() == minutes.read_bytes()
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").evidence == [ref]


def test_the_same_content_is_stored_once(store, inspection, minutes, tmp_path):
    copy = tmp_path / "会议纪要副本.txt"
    copy.write_bytes(minutes.read_bytes())
    a = store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    b = store.attach_evidence(inspection.id, UNIT_ENTITY, "A02-01", copy)
    assert a.sha256 == b.sha256
    stored = [p for p in store.evidence.root.rglob("*") if p.is_file()]
    assert len(stored) == 1


def test_several_files_per_answer(store, inspection, minutes, tmp_path):
    other = tmp_path / "截图.png"
    other.write_bytes(b"\x89PNG fake")
    store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", other)
    names = [e.original_name for e in store.answer(inspection.id, UNIT_ENTITY, "A01-01").evidence]
    assert names == ["专题会议纪要.txt", "截图.png"]


def test_an_oversize_file_is_refused_and_nothing_stored(tmp_path, checklist, unit):
    small = Store(tmp_path / "u.db", evidence_limit=1024)
    small.save_unit(unit)
    insp = small.start_inspection(2025, checklist)
    big = tmp_path / "录像.mp4"
    big.write_bytes(b"0" * 2048)
    with pytest.raises(EvidenceError, match="录像.mp4 过大"):
        small.attach_evidence(insp.id, UNIT_ENTITY, "A01-01", big)
    assert small.answer(insp.id, UNIT_ENTITY, "A01-01") is None
    assert not [p for p in small.evidence.root.rglob("*") if p.is_file()]
    small.close()


def test_a_missing_source_file_is_reported(store, inspection, tmp_path):
    with pytest.raises(EvidenceError, match="找不到证明材料文件"):
        store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", tmp_path / "无.pdf")


@pytest.mark.parametrize("raw,safe", [("../../etc/passwd", "passwd"), ("C:\\Users\\a\\报告.docx", "报告.docx"),
                                      ("evil\u202efdp.exe", "evil_fdp.exe"), ("..", "证明材料"), ("a\x00b.txt", "a_b.txt")])
def test_names_are_made_safe(raw, safe):
    assert safe_name(raw) == safe


def test_doctor_reports_a_missing_file_by_name(store, inspection, minutes):
    ref = store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    assert store.doctor() == []
    store.evidence_path(ref.sha256).unlink()
    issues = store.doctor()
    assert len(issues) == 1 and "专题会议纪要.txt" in issues[0] and "缺少文件" in issues[0]


def test_doctor_reports_an_altered_file(store, inspection, minutes):
    ref = store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    path = store.evidence_path(ref.sha256)
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    assert "哈希不符" in store.doctor()[0]


def test_removing_evidence_keeps_other_links(store, inspection, minutes):
    a = store.attach_evidence(inspection.id, UNIT_ENTITY, "A01-01", minutes)
    store.attach_evidence(inspection.id, UNIT_ENTITY, "A02-01", minutes)
    store.remove_evidence(a.id)
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").evidence == []
    assert store.evidence_path(a.sha256).exists()
    assert store.doctor() == []
