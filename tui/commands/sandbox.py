"""`dataaction sandbox`: the local Genesys Cloud, in the foreground."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.commands import SUMMARIES

HELP = SUMMARIES["sandbox"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    from tui.sandbox.locations import default_db_path

    p: argparse.ArgumentParser = subparsers.add_parser(
        "sandbox",
        help=HELP,
        description=(
            "Serve the Genesys Cloud Data Actions API on 127.0.0.1 backed by SQLite. Point the "
            "official SDK or `dataaction deploy` at it with the printed environment values."
        ),
    )
    p.add_argument(
        "--port", type=int, default=8787, help="port to listen on (default 8787; 0 = any free port)"
    )
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"SQLite file (default $DATAACTION_SANDBOX_DB or {default_db_path()})",
    )
    p.add_argument(
        "--client",
        action="append",
        default=[],
        metavar="ID:SECRET",
        help="an OAuth client with its own org (repeatable; ID alone takes the secret from "
        "$DATAACTION_SANDBOX_CLIENT_SECRET or --client-secret-file); default: a generated one",
    )
    p.add_argument(
        "--client-secret-file",
        metavar="FILE",
        help="file holding the secret of --client ID (keeps it out of the process list)",
    )
    p.add_argument(
        "--rate-limit",
        type=int,
        default=None,
        metavar="N",
        help="requests per minute allowed per client (default: unlimited)",
    )
    p.add_argument(
        "--token-ttl", type=int, default=86400, metavar="SECONDS", help="access token lifetime"
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from tui.sandbox.cli import run as serve

    return serve(args)
