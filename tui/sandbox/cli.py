"""Running the local Genesys Cloud in the foreground (for `dataaction sandbox`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.model.problems import DataActionError

from .locations import default_db_path
from .orgs import ClientSpec

if TYPE_CHECKING:
    from .server import SandboxServer


SECRET_ENV = "DATAACTION_SANDBOX_CLIENT_SECRET"


def parse_client(text: str, secret_file: str | None = None) -> ClientSpec:
    """`ID:SECRET`, or `ID` alone with the secret from --client-secret-file or
    $DATAACTION_SANDBOX_CLIENT_SECRET (a secret on the command line is visible in `ps`)."""
    import os

    client_id, sep, secret = text.partition(":")
    if not sep:
        if secret_file:
            try:
                secret = Path(secret_file).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(
                    f"--client-secret-file {secret_file}: cannot read it ({exc})"
                ) from None
        else:
            secret = os.environ.get(SECRET_ENV, "")
    if not client_id or not secret:
        raise ValueError(
            f"--client {text!r}: expected ID:SECRET (others can see it in ps), or ID with "
            f"its secret in ${SECRET_ENV} or --client-secret-file FILE"
        )
    if not (client_id.isascii() and secret.isascii()) or any(c.isspace() for c in client_id):
        raise ValueError(f"--client {client_id!r}: ids and secrets are plain ASCII without spaces")
    return ClientSpec(client_id, secret)


def _secret_clash(db: Path, clients: list[ClientSpec]) -> str | None:
    """The id of a client the database already holds with a different secret: a second
    `sandbox --client id:other` must not silently change what the first one's users log in with."""
    if not clients or not db.exists():
        return None
    from .secret_hashes import check_secret
    from .store import Store

    store = Store(db)
    try:
        for spec in clients:
            row = store.client(spec.client_id)
            if row is not None and not check_secret(spec.secret, row["secret_hash"]):
                return spec.client_id
    finally:
        store.close()
    return None


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; print what to export first."""
    from .server import SandboxServer

    try:
        clients = [parse_client(c, getattr(args, "client_secret_file", None)) for c in args.client]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print("error: --port must be 0 to 65535 (0 = any free port)", file=sys.stderr)
        return 2
    if args.token_ttl < 1:
        print("error: --token-ttl must be at least 1 second", file=sys.stderr)
        return 2
    if args.rate_limit is not None and args.rate_limit < 1:
        print("error: --rate-limit must be at least 1 request per minute", file=sys.stderr)
        return 2
    db = (args.db or default_db_path()).expanduser()
    try:
        clash = _secret_clash(db, clients)
        if clash:
            print(
                f"error: client '{clash}' already exists in {db} with another secret",
                file=sys.stderr,
            )
            print(
                "  hint: pass its current secret, another client id, or another --db",
                file=sys.stderr,
            )
            return 2
        server = SandboxServer(
            db,
            port=args.port,
            clients=clients,
            rate_limit=args.rate_limit,
            token_ttl=args.token_ttl,
        )
        server.start()
    except DataActionError as exc:
        print(f"error: {exc.problems[0].message}", file=sys.stderr)
        print(
            "  hint: pass --db with a path to a new or existing sandbox .db file", file=sys.stderr
        )
        return 2
    except (OSError, RuntimeError) as exc:
        print(
            f"error: cannot start the sandbox on port {args.port} with {db}: {exc}", file=sys.stderr
        )
        print("  hint: pick another --port, or --port 0 for any free one", file=sys.stderr)
        return 1
    try:  # Ctrl+C at any moment from here on stops the server cleanly (exit 0)
        _print_exports(server, db, bool(clients))
        print("Press Ctrl+C to stop.", flush=True)
        server.wait()
    except KeyboardInterrupt:
        print("\nStopping the sandbox.")
    finally:
        server.stop()
    return 0


def _print_exports(server: SandboxServer, db: Path, own_clients: bool) -> None:
    print(f"Genesys Cloud sandbox on {server.url} (data in {db})")
    print("Export these to use it:")
    print(f"  export GENESYS_ENVIRONMENT={server.url}")
    print(f"  export GENESYS_CLIENT_ID={server.client_id}")
    if own_clients:
        print("  export GENESYS_CLIENT_SECRET=<the secret you passed with --client>")
    elif server.created_client:
        print(f"  export GENESYS_CLIENT_SECRET={server.client_secret}")
        print("(the secret is shown once and stored only as a hash)")
    else:
        print(f"  export GENESYS_CLIENT_SECRET={server.client_secret}")
        print(
            "(a session client of this sandbox's org: it works until you stop this server;"
            " only its hash is stored)"
        )
