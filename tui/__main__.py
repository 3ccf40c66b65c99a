"""`python -m tui` is `dataaction`."""

from tui.cli import entry

entry()
