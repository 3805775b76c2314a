"""Local storage: the unit's SQLite database and its content-addressed evidence folder."""

from app.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
