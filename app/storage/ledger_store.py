"""The ledger: the apps, accounts and groups of one inspection (``entity`` rows, fields kept as JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from app.core import ledger
from app.core.errors import StoreError
from app.core.model import (
    Entity,
)
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store



class LedgerStore:
    """Adds, edits, removes and reads ledger entities."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _entity(self, row: Sequence[Any]) -> Entity:
        kind = row[1]
        raw = json.loads(row[2])
        fields = {f.key: ledger.from_json_value(f, raw.get(f.key, f.default)) for f in ledger.FIELDS[kind]}
        return Entity(row[0], kind, fields)

    @staticmethod
    def _encode(fields: dict[str, Any]) -> str:
        return json.dumps({k: ledger.to_json_value(v) for k, v in fields.items()}, ensure_ascii=False)

    def add_entity(self, inspection_id: int, kind: str, fields: dict[str, Any]) -> Entity:
        clean = ledger.normalize_fields(kind, fields)
        with self.store.transaction() as c:
            cur = c.execute(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                (inspection_id, kind, clean["name"], self._encode(clean), timestamp()),
            )
        return Entity(int(cur.lastrowid or 0), kind, clean)

    def add_entities(self, inspection_id: int, kind: str, rows: Iterable[dict[str, Any]]) -> list[int]:
        """Add many already-validated rows in one transaction (imports, the demo)."""
        clean = [ledger.normalize_fields(kind, r) for r in rows]
        now = timestamp()
        with self.store.transaction() as c:
            first = (scalar(self.store.conn, "SELECT max(id) FROM entity") or 0) + 1
            c.executemany(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                [(inspection_id, kind, r["name"], self._encode(r), now) for r in clean],
            )
        return list(range(first, first + len(clean)))

    def import_ledger(self, inspection_id: int, new: Sequence[tuple[str, dict[str, Any]]],
                      updates: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Add new entities and update existing ones (only the fields given) in one transaction."""
        added = [(kind, ledger.normalize_fields(kind, fields)) for kind, fields in new]
        changed = []
        for entity_id, fields in updates:
            old = self.entity(entity_id)
            changed.append((entity_id, ledger.normalize_fields(old.kind, {**old.fields, **fields})))
        now = timestamp()
        with self.store.transaction() as c:
            c.executemany(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                [(inspection_id, kind, f["name"], self._encode(f), now) for kind, f in added],
            )
            c.executemany("UPDATE entity SET name = ?, data = ? WHERE id = ?",
                          [(f["name"], self._encode(f), entity_id) for entity_id, f in changed])

    def update_entity(self, entity_id: int, fields: dict[str, Any]) -> Entity:
        old = self.entity(entity_id)
        merged = {**old.fields, **fields}
        clean = ledger.normalize_fields(old.kind, merged)
        with self.store.transaction() as c:
            c.execute(
                "UPDATE entity SET name = ?, data = ? WHERE id = ?", (clean["name"], self._encode(clean), entity_id)
            )
        return Entity(entity_id, old.kind, clean)

    def delete_entity(self, entity_id: int) -> None:
        """Remove an entity together with its answers, evidence links and problems."""
        self.delete_entities([entity_id])

    def delete_entities(self, entity_ids: Sequence[int]) -> None:
        """Remove several entities (and their answers, evidence links, problems) in one transaction."""
        params = [(eid,) for eid in entity_ids]
        with self.store.transaction() as c:
            c.executemany("DELETE FROM answer WHERE entity_id = ?", params)
            c.executemany("DELETE FROM problem WHERE entity_id = ?", params)
            c.executemany("DELETE FROM entity WHERE id = ?", params)

    def entity(self, entity_id: int) -> Entity:
        row = self.store.conn.execute("SELECT id, kind, data FROM entity WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise StoreError(f"台账中没有编号为 {entity_id} 的条目")
        return self._entity(row)

    def entities(self, inspection_id: int, kind: str | None = None) -> list[Entity]:
        if kind is None:
            rows = self.store.conn.execute(
                "SELECT id, kind, data FROM entity WHERE inspection_id = ? ORDER BY id", (inspection_id,)
            )
        else:
            rows = self.store.conn.execute(
                "SELECT id, kind, data FROM entity WHERE inspection_id = ? AND kind = ? ORDER BY id",
                (inspection_id, kind),
            )
        return [self._entity(r) for r in rows]

    def entity_index(self, inspection_id: int) -> list[tuple[int, str, str]]:
        """(id, kind, name) of every entity, cheap enough for views of thousands of rows."""
        return [
            (r[0], r[1], r[2])
            for r in self.store.conn.execute(
                "SELECT id, kind, name FROM entity WHERE inspection_id = ? ORDER BY id", (inspection_id,)
            )
        ]

    def count_entities(self, inspection_id: int) -> dict[str, int]:
        counts = dict.fromkeys(ledger.KINDS, 0)
        for kind, n in self.store.conn.execute(
            "SELECT kind, count(*) FROM entity WHERE inspection_id = ? GROUP BY kind", (inspection_id,)
        ):
            counts[kind] = n
        return counts
