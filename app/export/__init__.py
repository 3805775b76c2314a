"""Exports: the unit workbook (一张表) and the self-inspection report. No Qt."""
