"""selfcheck: the annual self-inspection against the opinions on "formalism at the fingertips"."""

__version__ = "0.1.0"
