"""Bad export conditions: a clear message, and no half-written file under a final name."""

import os
import re

import pytest

from app.commands.export_service import export_inspection
from app.core.errors import SelfcheckError


def test_an_output_path_under_a_file_is_refused(demo_store, tmp_path):
    blocker = tmp_path / "报告.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(SelfcheckError, match="报告.txt"):
        export_inspection(demo_store, demo_store.current_inspection().id, blocker / "out")


def test_a_folder_in_place_of_the_target_file_is_reported(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    from app.commands.export_service import export_basename

    name = export_basename(demo_store.get_unit(), insp.year) + "_一张表.xlsx"
    (tmp_path / name).mkdir()
    with pytest.raises(SelfcheckError, match="同名的文件夹"):
        export_inspection(demo_store, insp.id, tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_missing_evidence_file_is_named_and_nothing_written(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    _, _, ref = demo_store.all_evidence(insp.id)[0]
    os.remove(demo_store.evidence_path(ref.sha256))
    out = tmp_path / "out"
    with pytest.raises(SelfcheckError, match=re.escape(ref.original_name)):
        export_inspection(demo_store, insp.id, out)
    assert not out.exists() or not any(out.iterdir())


def test_a_failure_midway_keeps_the_earlier_file(demo_store, tmp_path, monkeypatch):
    insp = demo_store.current_inspection()
    first = export_inspection(demo_store, insp.id, tmp_path, docx=False)
    before = first.workbook.read_bytes()

    def broken_save(self, filename):
        for ws in self.worksheets:
            ws.close()
        with open(filename, "wb") as f:
            f.write(b"PK\x03\x04 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(SelfcheckError, match="一张表"):
        export_inspection(demo_store, insp.id, tmp_path, docx=False)
    assert first.workbook.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_exporting_takes_a_backup_first(demo_store, tmp_path):
    from app.storage.backup import list_backups

    export_inspection(demo_store, demo_store.current_inspection().id, tmp_path / "out", docx=False)
    assert [b.reason for b in list_backups(demo_store.path)] == ["export"]
