"""`python -m app` behaves like the `selfcheck` command (tests and the frozen bundle use it)."""

import sys

from app.cli import main

sys.exit(main())
