"""Opening the wizard (full-screen or plain prompts): `dataaction`, `new`, `edit`."""

from __future__ import annotations

import sys

from tui.commands._output import EXIT_USAGE


def open_wizard(file: str | None, *, plain: bool = False, fresh: bool = False) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("error: the wizard needs an interactive terminal", file=sys.stderr)
        print(
            "  hint: run it in a terminal, or use `dataaction --help` for the scriptable commands",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if plain:
        from tui.plain import run_plain

        return run_plain(file)
    from tui.app import run_app

    return run_app(file, resume=not fresh)
