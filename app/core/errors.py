"""User-facing errors.

Every error a person can cause (a bad file, a bad field, a full disk) is one of these, with a message that
names the file, sheet, row or field. The CLI prints the message; the UI shows it; neither shows a traceback.
"""

from __future__ import annotations


class SelfcheckError(Exception):
    """An error with a message fit for the person who caused it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ChecklistError(SelfcheckError):
    """The checklist data file is missing or malformed."""


class ValidationError(SelfcheckError):
    """A field value was refused. ``field`` names the field so a form can mark it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StoreError(SelfcheckError):
    """The database cannot be opened, is from a newer version, or a write failed."""


class EvidenceError(SelfcheckError):
    """An evidence file is missing, unreadable, too large or altered."""
