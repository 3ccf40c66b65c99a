"""Which Genesys Cloud a command talks to: a real org, or the embedded local sandbox.

`describe_target_from_env` is instant (no SDK, no server); `resolve_target` may start the
sandbox in this process when no credentials are configured, and says so in `Target.notice`.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr

from tui.genesys.regions import display_host
from tui.genesys.settings import Credentials, deploy_destination, org_label, resolve_credentials
from tui.model.problems import DataActionError

Kind = Literal["sandbox", "org"]


@dataclass
class Target:
    """A place to deploy to, with the login for it."""

    kind: Kind
    label: str
    base_url: str
    client_id: str = ""
    client_secret: SecretStr = field(default_factory=lambda: SecretStr(""), repr=False)
    source: str = ""
    notice: str = ""
    access_token: SecretStr | None = field(default=None, repr=False)
    sandbox: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_credentials(cls, creds: Credentials) -> Target:
        return cls(
            kind="org",
            label=org_label(creds.base_url, creds.client_id, creds.access_token is not None),
            base_url=creds.base_url,
            client_id=creds.client_id,
            client_secret=creds.client_secret,
            source=creds.source,
            access_token=creds.access_token,
        )


_SANDBOXES: dict[Path, Any] = {}
_LOCK = threading.Lock()


def embedded_sandbox(
    db_path: str | Path | None = None, *, shared: bool = False, **options: Any
) -> Any:
    """The embedded sandbox for `db_path` (default DB), started once and then reused.

    `shared`: a command that runs once and exits uses the sandbox process commands share
    (`tui.sandbox.shared`), unless `DATAACTION_SANDBOX_IDLE=0`. Otherwise (the wizard, the
    Python API) the sandbox runs in this process, on a thread."""
    from tui.sandbox.idle import idle_seconds
    from tui.sandbox.locations import default_db_path
    from tui.sandbox.shared import SharedSandbox, supported

    path = Path(db_path).expanduser() if db_path else default_db_path()
    with _LOCK:
        server = _SANDBOXES.get(path)
        if server is None:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # holds credentials
            if shared and supported() and idle_seconds() > 0 and not options:
                server = SharedSandbox(path).start()
            else:
                from tui.sandbox.server import SandboxServer  # heavy: starlette, uvicorn

                server = SandboxServer(path, **options).start()
            _SANDBOXES[path] = server
        return server


def sandbox_failed(exc: Exception) -> DataActionError:
    """The one message for a sandbox that cannot start, in this process or its own."""
    return DataActionError.single(
        f"no Genesys credentials set and the local sandbox could not start: {exc}",
        hint="set GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET and GENESYS_ENVIRONMENT, or set "
        "DATAACTION_SANDBOX_DB to a writable path",
    )


def stop_embedded_sandboxes(*, wait: bool = True) -> None:
    """Stop the sandboxes this process started (`wait=False`: the process is exiting; see
    `SandboxServer.stop`)."""
    with _LOCK:
        for server in _SANDBOXES.values():
            server.stop(wait=wait)
        _SANDBOXES.clear()


def sandbox_target(server: Any, why: str = "no Genesys credentials set") -> Target:
    return Target(
        kind="sandbox",
        label=f"sandbox at {display_host(server.url)}",
        base_url=server.url,
        client_id=server.client_id,
        client_secret=SecretStr(server.client_secret),
        source="embedded sandbox",
        notice=(
            f"Deploy target: the local sandbox at {server.url} ({why}), data in "
            f"{server.db_path}. Nothing goes to a real org. Credentials are read from "
            "GENESYS_CLIENT_ID/SECRET, GENESYS_CLOUD_*, GENESYSCLOUD_* or a profile (README)."
            + _started_note(server)
        ),
        sandbox=server,
    )


def _started_note(server: Any) -> str:
    """Said once, by the command that started the shared sandbox process: a process left
    running after a command is not a surprise then."""
    if not getattr(server, "started_process", False):
        return ""
    minutes = server.idle / 60
    idle = f"{minutes:g} minutes" if minutes >= 1 else f"{server.idle:g} seconds"
    return (
        f" It is started in the background for this and the next commands, and stops after "
        f"{idle} without a request (DATAACTION_SANDBOX_IDLE; `dataaction sandbox --stop`)."
    )


def resolve_target(
    *,
    profile: str | None = None,
    environment: str | None = None,
    client_id: str | None = None,
    client_secret: str | SecretStr | None = None,
    config_file: Path | None = None,
    sandbox: bool = False,
    sandbox_db: str | Path | None = None,
    shared_sandbox: bool = False,
) -> Target:
    """The target from flags/env/profile; without credentials, the embedded sandbox (the
    process commands share with `shared_sandbox`: see `embedded_sandbox`)."""
    creds = (
        None
        if sandbox
        else resolve_credentials(
            profile=profile,
            environment=environment,
            client_id=client_id,
            client_secret=client_secret,
            config_file=config_file,
        )
    )
    if creds is not None:
        return Target.from_credentials(creds)
    try:
        server = embedded_sandbox(sandbox_db, shared=shared_sandbox)
    except (OSError, RuntimeError, sqlite3.Error) as exc:  # e.g. a read-only database file
        raise sandbox_failed(exc) from None
    return sandbox_target(server, "--sandbox" if sandbox else "no Genesys credentials set")


def describe_target_from_env() -> str:
    """One line naming where a deploy would go; starts nothing and imports no SDK."""
    return deploy_destination().line()
