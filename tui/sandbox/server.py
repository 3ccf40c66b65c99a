"""Run the sandbox in-process: uvicorn on 127.0.0.1 and a free port, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from .app import create_app
from .locations import default_db_path
from .orgs import ClientSpec, default_client
from .slow_clients import HeaderDeadlineProtocol
from .sockets import listening_socket


class _Activity:
    """The app, counting requests: how long since the last one ended (the idle clock of the
    process commands share, `tui.sandbox.shared_process`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.active = 0
        self.last = time.monotonic()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
            self.last = time.monotonic()

    def idle_for(self) -> float:
        return 0.0 if self.active else time.monotonic() - self.last


class SandboxServer:
    """A running sandbox: `with SandboxServer(db) as sb: ApiClient(host=sb.url)`.

    Without `clients`, the DB's generated default org is used: on first start its owner
    client is created (`created_client`); later starts log in with a session client of that
    org that exists only while this server runs. Either way `client_id` and `client_secret`
    log in, and no secret is written to disk.
    """

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        clients: Iterable[ClientSpec | tuple[str, str]] = (),
        rate_limit: int | None = None,
        rate_window: float = 60.0,
        token_ttl: float = 86400.0,
        samples_dir: str | Path | None = None,
        login: bool = True,
    ) -> None:
        self.db_path = Path(db_path) if db_path else default_db_path()
        self.host = host
        self.port = port
        self.app = create_app(
            self.db_path,
            clients=list(clients),
            rate_limit=rate_limit,
            rate_window=rate_window,
            token_ttl=token_ttl,
            samples_dir=samples_dir,
        )
        store = self.app.state.store
        specs = list(clients)
        if specs:
            first = specs[0]
            self.client_id, self.client_secret = (
                (first.client_id, first.secret) if isinstance(first, ClientSpec) else first
            )
            self.created_client = False
            self._session_client: str | None = None
        elif not login:  # the shared process: each command registers its own login
            self.client_id = self.client_secret = ""
            self.created_client = False
            self._session_client = None
        else:
            default = default_client(store)
            self.client_id, self.client_secret = default.client_id, default.secret
            self.created_client = default.created
            self.owner_client_id = default.owner_id
            self._session_client = None if default.created else default.client_id
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._activity = _Activity(self.app)

    def idle_for(self) -> float:
        """Seconds since the last request ended (0 while one is being answered)."""
        return self._activity.idle_for()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0, *, sock: socket.socket | None = None) -> SandboxServer:
        """Serve on `sock` (listening already: the shared sandbox process is handed one) or on
        a new socket bound to `host:port`."""
        if sock is None:
            sock = listening_socket(self.host, self.port)
        self.host, self.port = sock.getsockname()[:2]
        config = uvicorn.Config(
            self._activity,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
            http=HeaderDeadlineProtocol,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name="dataaction-sandbox",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        # uvicorn only raises a flag once it listens (~10 ms): polled finely, since every org
        # command waits here.
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start on {self.url}")
            time.sleep(0.001)
        return self

    def ready(self) -> None:
        """Serving since `start` returned (the face `SharedSandbox` shares)."""

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C still reaches the main thread)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def stop(self, *, wait: bool = True) -> None:
        """Stop serving, remove this run's session client and close the database.

        `wait=False` is for a process about to exit: the server thread (a daemon) is told to
        stop but not waited for, since uvicorn's graceful shutdown spends 150-200 ms in fixed
        sleeps (its 0.1 s main-loop tick, then 0.1 s after closing connections) that a
        one-shot command would otherwise add to every run.
        """
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            if wait:
                self._thread.join(timeout=10)
        self._server = self._thread = None
        if self._session_client is not None:
            self.app.state.store.delete_client(self._session_client)
            self._session_client = None
        self.app.state.store.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
