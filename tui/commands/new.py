"""`dataaction new`: the wizard on a new action."""

from __future__ import annotations

import argparse
from typing import Any

HELP = "open the wizard on a new action"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("new", help=HELP)
    p.add_argument(
        "--plain", action="store_true", help="plain prompts instead of the full-screen wizard"
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from tui.commands._wizard import open_wizard

    return open_wizard(None, plain=args.plain, fresh=True)
