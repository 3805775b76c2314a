"""The one workbook layout is versioned: a version-2 program still reads, and verifies, version-1 files."""

from app.workbook.layout import build_data, load_layout, read_workbook
from app.workbook.payload import payload_bytes
from app.workbook.writer import write_workbook


def _v1_file(demo_store, tmp_path):
    layout = load_layout()
    old = layout.for_version("1")
    data = build_data(demo_store, demo_store.current_inspection().id, old)
    data.meta["layout_version"] = "1"
    return data, write_workbook(data, tmp_path / "v1.xlsx", old)


def test_the_layout_reads_version_1_files():
    assert load_layout().readable("1")


def test_a_version_1_file_lacks_only_the_columns_added_since():
    layout = load_layout()
    old = {c.key for c in layout.for_version("1").sheet("app").columns}
    assert "disposal_status" not in old and "role" not in old and "name" in old
    assert "na_reason" not in {c.key for c in layout.for_version("1").sheet("results").columns}


def test_a_version_1_workbook_reads_back_without_problems(demo_store, tmp_path):
    data, path = _v1_file(demo_store, tmp_path)
    back, problems = read_workbook(path)
    assert problems == []
    assert back.rows["app"] == data.rows["app"]


def test_a_version_1_workbook_has_the_payload_it_was_signed_over(demo_store, tmp_path):
    data, path = _v1_file(demo_store, tmp_path)
    back, _ = read_workbook(path)
    assert payload_bytes(back, back.meta) == payload_bytes(data, data.meta)


def test_a_current_workbook_carries_the_source_and_the_not_applicable_reason_columns():
    headers = load_layout().sheet("results").headers
    assert "依据" in headers and "不适用理由" in headers
