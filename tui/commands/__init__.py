"""One module per `dataaction` subcommand: its argument parser and its handler.

Each command module defines `HELP` (its line in `dataaction --help`, from `SUMMARIES`),
`add_parser(subparsers)` (which sets `func` to the handler) and the handler itself; `LIGHT = True` marks commands that hold
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

# Subcommand -> its line in `dataaction --help` (each module's HELP): kept here so that the
# top-level help lists every command without importing any command module.
SUMMARIES: dict[str, str] = {
    "new": "open the wizard on a new action",
    "edit": "open the wizard on an action file",
    "validate": "check action files or folders (spec YAML, API JSON, .custom.json, .tf, .tf.json)",
    "test": "run an action locally, step by step, as Genesys would",
    "convert": "convert an action between formats",
    "deploy": "deploy actions to Genesys Cloud (or the sandbox)",
    "export": "export actions from an org to files",
    "import": "import a .custom.json export into an org",
    "delete": "delete an action from an org",
    "drafts": "list the org's unpublished drafts, or delete one (--delete ID|NAME)",
    "integration": "list or create integrations (with their credential) and custom auth actions",
    "sandbox": "run a local Genesys Cloud (Data Actions API) for offline deploy, test and execute",
}


def command_module(name: str) -> ModuleType:
    """The module of subcommand `name` (KeyError for an unknown one)."""
    return importlib.import_module(f"tui.commands.{COMMANDS[name]}")
