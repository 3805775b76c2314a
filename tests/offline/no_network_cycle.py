"""A full cycle with every way of opening a network connection made to fail loudly (run by
tests/offline/test_no_network.py in a fresh process, so the guard covers every import and worker).

demo → every wizard step (offscreen) → signed export → verify → merge with worker processes. Any attempt to
create an internet socket (IPv4/IPv6) or resolve a name raises, is recorded, and fails the run. Local
AF_UNIX socket pairs stay allowed: asyncio (inside pyHanko's signing) wakes its event loop through one.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

ATTEMPTS: list[str] = []


class _NoNetwork(OSError):
    pass


def _refuse(what: str):
    def refuse(*args, **kwargs):
        ATTEMPTS.append(f"{what}{args[:2]!r}")
        with open(os.environ["NO_NETWORK_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {what} {args[:2]!r}\n")
        raise _NoNetwork(f"network access attempted: {what}")
    return refuse


class _GuardedSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family != socket.AF_UNIX:
            _refuse("socket.socket")(family, type)
        super().__init__(family, type, proto, fileno)


def install_guard() -> None:
    socket.socket = _GuardedSocket  # type: ignore[misc]
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                 "create_server", "fromfd"):
        setattr(socket, name, _refuse(f"socket.{name}"))


def main(work: Path) -> int:
    install_guard()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from app.commands.export_service import SignRequest, export_inspection
    from app.demo import DemoOptions, build_demo
    from app.merge.service import merge_files
    from app.signing.keys import new_unit_p12
    from app.signing.verify import verify_file
    from app.ui.app_setup import setup_application
    from app.ui.main import AppController

    db = work / "demo.db"
    build_demo(db, DemoOptions(apps=3, accounts=4, groups=6, seed=11)).close()
    app = QApplication.instance() or QApplication([])
    setup_application(app, "zh_CN")
    controller = AppController(db)
    controller.first_window()
    controller.continue_inspection()
    window = controller.main_window
    for step in range(6):
        window.go(step)
        app.processEvents()
    window.check_page.next_unanswered()
    controller.show_merge()
    app.processEvents()
    store = controller.store
    unit = store.get_unit()
    new_unit_p12(work / "unit.p12", unit.credit_code, unit.name, b"no-network-1")
    result = export_inspection(store, store.current_inspection().id, work / "out",
                               sign=SignRequest(work / "unit.p12", b"no-network-1"), docx=True)
    verdicts = [verify_file(result.pdf).status, verify_file(result.workbook).status]
    controller.close_db()
    report = merge_files([work / "out"], work / "master.xlsx", db=work / "province.db", jobs=2,
                         accept_untrusted=True)
    print(f"verdicts={verdicts} accepted={len(report.accepted)} rejected={len(report.rejected)} "
          f"attempts={len(ATTEMPTS)}")
    ok = verdicts == ["valid_untrusted", "valid_untrusted"] and len(report.accepted) == 1 and not ATTEMPTS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
