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
    p.add_argument(
        "--stop",
        action="store_true",
        help="stop the background sandbox that commands share for this database, and the warm "
        "processes that run org commands (both also stop by themselves when idle: "
        "DATAACTION_SANDBOX_IDLE, README), and exit",
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    if args.stop:
        return stop(args.db)
    from tui.sandbox.cli import run as serve

    return serve(args)


def stop(db: Path | None) -> int:
    """Stop the shared sandbox process of `db` and this user's warm processes; saying there is
    none is not an error."""
    from tui.sandbox.locations import default_db_path
    from tui.sandbox.shared import stop_process, supported
    from tui.warm.client import stop_servers

    path = (db or default_db_path()).expanduser().absolute()
    found = stop_process(path) if supported() else None
    if found is None:
        print(f"no background sandbox is running for {path}")
    else:
        print(f"stopped the background sandbox for {path} (pid {found.pid}, port {found.port})")
    for pid in stop_servers():
        print(f"stopped the warm process that runs org commands (pid {pid})")
    return 0
