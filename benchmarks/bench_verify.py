"""Verifying a large signed workbook against a bare read of it, in the same run (issue 18).

verify = read the file once, check it (app/workbook/safe_open.py: every XML part read as XML — the sheet
data in the writers' restricted grammar matched in C by app/workbook/xml_fastpath.py, the rest by expat — and
the grids calamine would lay out bounded), read it with calamine, build the canonical payload, check the
signature.
The bare read = calamine on the same file plus the payload, with no safety check: what verification would
cost if no file could be hostile. Target: verify within 1.3× of the bare read (medians of alternating runs,
so both see the same machine load). Also printed: the safety check alone.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.commands.export_service import workbook_data
from app.demo import DemoOptions, build_demo
from app.signing.keys import load_signer, new_unit_p12
from app.signing.verify import verify_file
from app.signing.workbook import signature_meta
from app.workbook.layout import read_workbook
from app.workbook.payload import payload_bytes
from app.workbook.safe_open import check_bytes
from app.workbook.writer import write_workbook

PASS = b"bench-passphrase"
TARGET_RATIO = 1.3
ROUNDS = 7


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        store = build_demo(tmp / "large.db", DemoOptions(apps=300, accounts=1000, groups=3000, seed=5))
        insp = store.current_inspection()
        unit = store.get_unit()
        assert insp is not None and unit is not None
        new_unit_p12(tmp / "unit.p12", unit.credit_code, unit.name, PASS)
        data = workbook_data(store, insp.id)
        store.close()
        signed = copy.copy(data)
        signed.meta = {**data.meta, **signature_meta(data, load_signer(tmp / "unit.p12", PASS), None)}
        path = write_workbook(signed, tmp / "signed.xlsx")
        content = path.read_bytes()

        def bare() -> None:
            back, _ = read_workbook(path, threads=2)
            payload_bytes(back, back.meta)

        def verify() -> None:
            result = verify_file(path)
            assert result.ok, result.message

        def check() -> None:
            assert check_bytes(content) == []

        times: dict[str, list[float]] = {"bare": [], "verify": [], "check": []}
        for _ in range(ROUNDS):
            for name, run in (("bare", bare), ("verify", verify), ("check", check)):
                t = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["verify"] / med["bare"]
    print(f"large signed workbook: {len(content) / 1048576:.1f} MB, results sheet {len(data.rows['results']):,} rows")
    print(f"bare calamine read + payload   {med['bare']:6.3f} s  (median of {ROUNDS})")
    print(f"safety check alone             {med['check']:6.3f} s")
    print(f"verify (check, read, payload, signature) {med['verify']:6.3f} s")
    ok = ratio <= TARGET_RATIO
    print(f"verify / bare read             {ratio:6.2f}×  target ≤ {TARGET_RATIO}×  {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
