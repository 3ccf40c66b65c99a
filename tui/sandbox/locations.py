"""Where the sandbox keeps its data: one answer for the server, the commands and the shared
sandbox process (standard library only: commands ask before loading anything heavy)."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """`$DATAACTION_SANDBOX_DB`, else `$XDG_DATA_HOME/dataaction/sandbox.db`."""
    if env := os.environ.get("DATAACTION_SANDBOX_DB"):
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "dataaction" / "sandbox.db"
