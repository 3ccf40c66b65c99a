"""Total wall-clock deadlines for HTTP requests.

httpx's timeouts apply to each network operation: a server sending one byte a second never
trips a 5-second read timeout, so a "5 s" request can run for hours. Genesys's
`timeoutSeconds` is a limit on the whole call. Here every socket operation made while a
`deadline()` is active waits at most until that deadline, so the request as a whole (connect,
TLS, headers, body) ends by then with an httpx timeout error.

Sync clients get it through `deadline_client()` (a network backend that shortens each
operation's timeout); async callers wrap the request in `asyncio.timeout` instead
(`async_deadline`).
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import httpcore
import httpx

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "dataaction_deadline", default=None
)


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Requests made inside end within `seconds` from now (None: no total limit)."""
    if seconds is None:
        yield
        return
    at = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


@contextlib.asynccontextmanager
async def async_deadline(seconds: float) -> AsyncIterator[None]:
    """`deadline` for asyncio: the request is cancelled at the deadline and reported as an
    httpx.ReadTimeout, as a per-operation timeout would be."""
    import asyncio  # here: the sync side (every org command) does without it

    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError:
        raise httpx.ReadTimeout(f"no complete answer within {seconds:g} s") from None


def _remaining(timeout: float | None, kind: type[Exception]) -> float | None:
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise kind("the total time limit of the request was reached")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _Stream(self.inner.connect_tcp(host, port, wait, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        wait = _remaining(timeout, httpcore.ConnectTimeout)
        return _Stream(self.inner.connect_unix_socket(path, wait, socket_options))

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def _honour_deadline(transport: httpx.BaseTransport | None) -> None:
    """Wrap the network backend of an httpx transport's pool (direct or proxy) so its socket
    operations honour `deadline()`. httpx builds the pool without a way to pass a backend, so
    it is wrapped after construction (httpcore's documented extension point)."""
    pool = getattr(transport, "_pool", None)
    if pool is not None and not isinstance(pool._network_backend, _Backend):
        pool._network_backend = _Backend(pool._network_backend)


def deadline_client(**kwargs: Any) -> httpx.Client:
    """`httpx.Client(**kwargs)` whose requests honour `deadline()`.

    The client builds its own transports, so the environment's proxies (`HTTP_PROXY`,
    `HTTPS_PROXY`, `NO_PROXY`: how admins behind a corporate proxy reach the API) still apply;
    each of them, direct or proxied, is then made to honour the deadline.
    """
    client = httpx.Client(**kwargs)
    honour_deadlines(client)
    return client


def honour_deadlines(client: httpx.Client) -> None:
    """Make every transport of `client` (the default one and the proxy mounts) honour
    `deadline()`."""
    _honour_deadline(client._transport)
    for transport in client._mounts.values():
        _honour_deadline(transport)
