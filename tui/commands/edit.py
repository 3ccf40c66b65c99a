"""`dataaction edit FILE`: the wizard on an action file."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands import SUMMARIES

HELP = SUMMARIES["edit"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("edit", help=HELP)
    p.add_argument("file")
    p.add_argument(
        "--plain", action="store_true", help="plain prompts instead of the full-screen wizard"
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from tui.commands._wizard import open_wizard

    return open_wizard(args.file, plain=args.plain)
