"""Plain mode: the wizard's flow as a sequence of questionary prompts.

For small terminals, screen readers and scripts (`dataaction new --plain`). Everything but
`run_plain` loads on first use, so importing this package costs nothing.
"""

from __future__ import annotations


def run_plain(file: str | None = None) -> int:
    """Run the flow (on `file` when editing); the exit code for the CLI."""
    from tui.plain.flow import main

    return main(file)


__all__ = ["run_plain"]
