"""The workbook reader never crashes: any bytes give problems or data, never an exception."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.workbook.layout import read_workbook


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_with_a_reason(tmp_path, blob):
    path = tmp_path / "单位工作簿.xlsx"
    path.write_bytes(blob)
    _data, problems = read_workbook(path)
    assert problems and all(str(p) for p in problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                         "_rels/.rels", "xl/_rels/workbook.xml.rels"]),
                       st.binary(max_size=512), min_size=1))
def test_zips_with_random_members_are_refused_with_a_reason(tmp_path, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    path = tmp_path / "坏文件.xlsx"
    path.write_bytes(buf.getvalue())
    _, problems = read_workbook(path)
    assert problems
