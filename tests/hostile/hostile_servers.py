"""Hostile HTTP servers for the bad-input catalogue: odd API answers and odd token endpoints.

One threaded server answers by path for data action calls (`/deep`, `/html`, `/loop`, ...)
and, on `/oauth/token`, by the client id in the Basic credentials (`html`, `empty`,
`notjson`, ...), so one process covers every odd answer a login or an API call can get.
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEEP = b"[" * 100_000 + b"]" * 100_000
TOKEN_OK = {"access_token": "tok-abc", "token_type": "bearer", "expires_in": 86400}

PATHS: dict[str, tuple[int, str, bytes]] = {
    "/ok": (200, "application/json", b'{"name": "Paris", "main": {"temp": 12.5}}'),
    "/deep": (200, "application/json", DEEP),
    "/deepobj": (200, "application/json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
    "/html": (200, "text/html", b"<!doctype html><html><body>login</body></html>"),
    "/empty": (200, "application/json", b""),
    "/text": (200, "text/plain", b'{"name": "Paris"}'),
    "/binary": (200, "application/octet-stream", bytes(range(256)) * 4),
    "/e500": (500, "application/json", b'{"message": "boom"}'),
    "/e404": (404, "text/html", b"<html>not found</html>"),
    "/nan": (200, "application/json", b'{"name": NaN, "main": {"temp": Infinity}}'),
    "/bignum": (200, "application/json", b'{"name": "x", "main": {"temp": 1' + b"0" * 5000 + b"}}"),
    "/surrogate": (200, "application/json", b'{"name": "\\ud800", "main": {"temp": 1}}'),
    "/latin1": (200, "application/json", '{"name": "café"}'.encode("latin-1")),
}

TOKENS: dict[str, tuple[int, str, bytes]] = {
    "html": (200, "text/html", b"<html><body>proxy login</body></html>"),
    "empty": (200, "application/json", b""),
    "notjson": (200, "application/json", b"access_token=abc"),
    "list": (200, "application/json", b"[1, 2]"),
    "notoken": (200, "application/json", b'{"token_type": "bearer"}'),
    "inttoken": (200, "application/json", b'{"access_token": 5, "expires_in": 60}'),
    "badexpiry": (200, "application/json", b'{"access_token": "a", "expires_in": "soon"}'),
    "hugeexpiry": (200, "application/json", b'{"access_token": "a", "expires_in": 1e999}'),
    "deep": (200, "application/json", DEEP),
    "e401": (401, "application/json", b'{"error": "invalid_client"}'),
    "e403": (403, "application/json", b'{"error": "unauthorized_client"}'),
    "e400": (400, "application/json", b'{"error": "invalid_grant"}'),
    "e500": (500, "text/html", b"<html>oops</html>"),
    "e302": (302, "text/html", b""),
}


class HostileServer:
    def __init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, ctype: str, body: bytes, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k.replace("_", "-"), v)
                self.end_headers()
                self.wfile.write(body)

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?")[0]
                if path == "/oauth/token":
                    return self._token()
                if path == "/loop":
                    return self._answer(302, "text/plain", b"", Location="/loop")
                if path == "/away":
                    return self._answer(301, "text/plain", b"", Location="/e404")
                if path.startswith("/api/v2/"):
                    return self._api(path)
                status, ctype, body = PATHS.get(path, (404, "application/json", b"{}"))
                self._answer(status, ctype, body)

            def _token(self) -> None:
                auth = self.headers.get("Authorization", "")
                try:
                    client = base64.b64decode(auth.split(" ", 1)[1]).decode().split(":", 1)[0]
                except (IndexError, ValueError):
                    client = ""
                if client == "e302":
                    return self._answer(302, "text/html", b"", Location="/oauth/token")
                status, ctype, body = TOKENS.get(
                    client, (200, "application/json", json.dumps(TOKEN_OK).encode())
                )
                self._answer(status, ctype, body)

            def _api(self, path: str) -> None:
                # A logged-in client whose org answers garbage to every API call.
                self._answer(200, "application/json", b'{"entities": "not a list"}')

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        del server

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
