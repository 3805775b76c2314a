"""Opening an untrusted file: sizes declared by the zip are checked against what really inflates."""

import struct
import zipfile
import zlib

from app.export.safe_open import check_file

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def _lying_zip(path, real_size: int, declared_size: int):
    """A workbook-shaped zip whose sheet part inflates to ``real_size`` but declares ``declared_size``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (real_size - 11))
    data = bytearray(path.read_bytes())
    # Patch the sheet part's uncompressed size in both its local header and the central directory.
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(b"PK\x03\x04")
    while local != -1:
        n_len = struct.unpack("<H", data[local + 26:local + 28])[0]
        if data[local + 30:local + 30 + n_len] == name:
            struct.pack_into("<I", data, local + 22, declared_size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n_len = struct.unpack("<H", data[central + 28:central + 30])[0]
        if data[central + 46:central + 46 + n_len] == name:
            struct.pack_into("<I", data, central + 24, declared_size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_part_that_inflates_beyond_its_declared_size_is_refused(tmp_path):
    path = _lying_zip(tmp_path / "伪装的工作簿.xlsx", real_size=20 * 1024 * 1024, declared_size=100 * 1024)
    reasons = check_file(path)
    assert reasons and "实际解压后超过声明" in reasons[0] and "sheet1.xml" in reasons[0]


def test_an_honest_small_workbook_shape_passes_the_size_checks(tmp_path):
    path = tmp_path / "正常.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b"<row/>" * 1000 + b"</worksheet>")
    assert check_file(path) == []


def test_raw_deflate_helper_matches_zlib():
    # Guards the assumption the inflater relies on: zip parts are raw deflate streams (no zlib header).
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    blob = raw.compress(b"abc" * 100) + raw.flush()
    assert zlib.decompress(blob, -zlib.MAX_WBITS) == b"abc" * 100
