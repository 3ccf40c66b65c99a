"""`dataaction new`: the wizard on a new action."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands import SUMMARIES

HELP = SUMMARIES["new"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("new", help=HELP)
    p.add_argument(
        "--plain", action="store_true", help="plain prompts instead of the full-screen wizard"
    )
    from tui.commands._start_from import add_arguments

    add_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from tui.commands import _start_from

    if _start_from.wanted(args):
        return _start_from.run(args)
    from tui.commands._wizard import open_wizard

    return open_wizard(None, plain=args.plain, fresh=True)
