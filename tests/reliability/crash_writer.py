"""A process that keeps answering and attaching evidence until it is killed (used by the crash test).

It prints ``ACK <kind> <entity> <item> <counter>`` only after the store call has returned, i.e. after the
transaction committed: everything acknowledged must survive a SIGKILL at any moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.model import Verdict
from app.storage import Store


def main() -> None:
    db, evidence_dir, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = Store(db)
    insp = store.current_inspection()
    assert insp is not None
    checklist = store.checklist_for(insp.id)
    pairs = [(eid, it.id) for eid, kind, _ in store.entity_index(insp.id) for it in checklist.items_for(kind)]
    verdicts = [Verdict.COMPLIANT, Verdict.PARTIAL, Verdict.NONCOMPLIANT, Verdict.NOT_APPLICABLE]
    counter = start
    out = sys.stdout
    while True:
        counter += 1
        eid, item = pairs[counter % len(pairs)]
        if counter % 7 == 0:
            f = evidence_dir / f"现场照片-{counter}.txt"
            f.write_text(f"证明材料 {counter}\n" * (counter % 50 + 1), encoding="utf-8")
            store.attach_evidence(insp.id, eid, item, f)
            out.write(f"ACK evidence {eid} {item} {counter}\n")
        else:
            store.set_answer(insp.id, eid, item, verdicts[counter % 4], f"第{counter}次修改", na_reason="本单位未建该类系统")
            out.write(f"ACK answer {eid} {item} {counter}\n")
        out.flush()


if __name__ == "__main__":
    main()
