"""Sample responses served by an embedded sandbox, and URLs that point at them.

Ctrl+L puts `http://127.0.0.1:<port>/samples/<file>` into the request URL. The sandbox lives only
as long as the wizard, so a draft or spec saved with such a URL is rebased onto the running
sandbox when it is loaded again; a stable port keeps the URL (and redeploys) unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from tui.sandbox.server import SandboxServer

SAMPLES_PORT = 8787
SAMPLE_FILE_SUFFIXES = (".json", ".html", ".txt", ".xml")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def samples_dir() -> Path | None:
    """`sample_responses/` next to the package (a checkout) or in the working directory."""
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        candidate = base / "sample_responses"
        if candidate.is_dir():
            return candidate
    return None


def sample_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in SAMPLE_FILE_SUFFIXES)


def is_sample_url(url: str) -> bool:
    """A loopback `http://host:port/samples/<file>` URL (one the samples sandbox serves)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and (parts.hostname or "") in LOOPBACK_HOSTS
        and parts.path.startswith("/samples/")
    )


def rebase_sample_url(url: str, base: str) -> str:
    """The same sample (path, query) on the sandbox at `base` (`http://127.0.0.1:8787`)."""
    parts = urlsplit(url.strip())
    target = urlsplit(base)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))


def start_samples_sandbox(folder: Path, db_dir: Path, port: int = SAMPLES_PORT) -> SandboxServer:
    """A sandbox serving `folder` (its database in `db_dir`, which the caller removes), on
    `port` when it is free and on any free port otherwise."""
    from tui.sandbox.server import SandboxServer

    server = SandboxServer(db_path=db_dir / "samples.db", samples_dir=folder, port=port)
    try:
        return server.start()
    except OSError:  # the port is taken (another wizard, or something else)
        server.port = 0
        return server.start()
