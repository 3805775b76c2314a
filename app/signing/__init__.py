"""Keys, certificates, PDF and workbook signatures, verification. No Qt."""
