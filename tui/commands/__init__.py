"""One module per `dataaction` subcommand: its argument parser and its handler.

Each command module defines `HELP` (its line in `dataaction --help`), `add_parser(subparsers)`
(which sets `func` to the handler) and the handler itself; `LIGHT = True` marks commands that hold
no threads, servers or open files when they return (the console script then exits without
interpreter teardown). Modules import only argparse at the top: the rooms they drive (model,
runtime, genesys, sandbox, app, plain) load inside the handler, so building a parser stays cheap.

Adding an option to a command is an edit of that command's module alone; adding a command is a
new module plus its name in `COMMANDS`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Subcommand -> module under tui.commands, in `--help` order.
COMMANDS: dict[str, str] = {
    "new": "new",
    "edit": "edit",
    "validate": "validate",
    "test": "test",
    "convert": "convert",
    "deploy": "deploy",
    "export": "export",
    "import": "import_",  # `import` is a Python keyword
    "delete": "delete",
    "drafts": "drafts",
    "integration": "integration",
    "sandbox": "sandbox",
}


def command_module(name: str) -> ModuleType:
    """The module of subcommand `name` (KeyError for an unknown one)."""
    return importlib.import_module(f"tui.commands.{COMMANDS[name]}")
