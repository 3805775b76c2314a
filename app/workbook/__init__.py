"""The unit workbook (一张表) as a format: its layout, the builder from the store, the one safe reader, the
ledger import from a clerk's sheet, the writer and the canonical payload a signature covers. Below export,
signing and merge, which all use it. No Qt."""
