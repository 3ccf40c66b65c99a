"""The one loopback API server of the test suite: a real HTTP server on 127.0.0.1 whose routes a
test (or a folder's conftest) sets, recording every request it receives.

Routes match the request path (also when the server is reached as an HTTP proxy and the request
line carries a full URL); a route answers a fixed response or computes one from the request.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

JSON = "application/json"


@dataclass
class Route:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": JSON})
    delay: float = 0.0
    respond: Callable[[Seen], Route] | None = None  # computed from the request when set


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


NOT_FOUND = Route(404, b'{"error": "not found"}')


class LocalAPI:
    """Routes by path, then by the longest matching prefix; anything else is a JSON 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, dict(self.headers), body)
                api.seen.append(seen)
                route = api.route_for(urlsplit(self.path).path)
                if route.respond is not None:
                    route = route.respond(seen)
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def route_for(self, path: str) -> Route:
        if path in self.routes:
            return self.routes[path]
        matches = [p for p in self.prefixes if path.startswith(p)]
        return self.prefixes[max(matches, key=len)] if matches else NOT_FOUND

    def json(self, path: str, data: Any, status: int = 200, **kw: Any) -> None:
        self.routes[path] = Route(status, json.dumps(data).encode(), **kw)

    def raw(self, path: str, body: bytes, content_type: str, status: int = 200, **kw: Any) -> None:
        self.routes[path] = Route(status, body, {"Content-Type": content_type}, **kw)

    def computed(self, path: str, respond: Callable[[Seen], Route], prefix: bool = False) -> None:
        (self.prefixes if prefix else self.routes)[path] = Route(respond=respond)

    def start(self) -> LocalAPI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving(setup: Callable[[LocalAPI], None] | None = None) -> Iterator[LocalAPI]:
    """A started LocalAPI (routes set by `setup`), stopped on exit."""
    api = LocalAPI()
    if setup is not None:
        setup(api)
    api.start()
    try:
        yield api
    finally:
        api.stop()


def json_route(data: Any, status: int = 200) -> Route:
    return Route(status, json.dumps(data).encode())
