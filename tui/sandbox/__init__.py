"""An embedded local Genesys Cloud for data actions: OAuth, the Data Actions API, SQLite.

`create_app` builds the ASGI app; `SandboxServer` runs it in-process on loopback;
`tui.sandbox.shared` lets one-shot commands share one sandbox process per database.

The names below load on first use (PEP 562): the app and its server bring Starlette and
uvicorn, which a command using the shared sandbox process never needs.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # as in tui.cli: the console script's warm path loads no `typing`
if TYPE_CHECKING:
    from typing import Any

    from .app import create_app
    from .locations import default_db_path
    from .orgs import ClientSpec
    from .server import SandboxServer

_HOMES = {
    "create_app": ".app",
    "ClientSpec": ".orgs",
    "default_db_path": ".locations",
    "SandboxServer": ".server",
}

__all__ = ["ClientSpec", "SandboxServer", "create_app", "default_db_path"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value
