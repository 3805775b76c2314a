"""`python -m app` behaves like the `selfcheck` command (tests and the frozen bundle use it)."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # The merge's worker processes re-enter here in a frozen Windows bundle (spawn); this lets them work.
    multiprocessing.freeze_support()
    sys.exit(main())
