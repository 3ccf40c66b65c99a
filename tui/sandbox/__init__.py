"""An embedded local Genesys Cloud for data actions: OAuth, the Data Actions API, SQLite.

`create_app` builds the ASGI app; `SandboxServer` runs it in-process on loopback.
"""

from .app import create_app
from .orgs import ClientSpec, default_db_path
from .server import SandboxServer

__all__ = ["ClientSpec", "SandboxServer", "create_app", "default_db_path"]
