"""The shared fetcher against a real loopback server: both policies, and a cheap import."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.model.compile import compile_spec
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.runtime.fetch import fetch_sample, render_request


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/ok": (200, b'{"a": 1}', {"Content-Type": "application/json"}),
            "/moved": (302, b"", {"Location": "/ok"}),
            "/missing": (404, b'{"error": "gone"}', {"Content-Type": "application/json"}),
            "/empty": (204, b"", {}),
        }
        if self.path.startswith("/echo"):
            echoed = {"path": self.path, "auth": self.headers.get("Authorization")}
            routes[self.path] = (200, json.dumps(echoed).encode(), {})
        status, body, headers = routes.get(self.path, (500, b"<html>x</html>", {}))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def action(url: str, **request: object):
    return compile_spec(
        Spec(name="t", request=RequestSpec(url=url, **request), inputs=[InputSpec(name="q")])
    )


def test_sends_what_genesys_renders_with_inputs_and_session_secrets(api: str) -> None:
    got = fetch_sample(
        action(api + "/echo/$esc.url(${input.q})", headers={"Authorization": "${credentials.t}"}),
        {"q": "a b"},
        {"t": "s3cret"},
    )
    assert got.ok and got.document == {"path": "/echo/a+b", "auth": "s3cret"}
    prepared = render_request(action(api + "/echo/${input.q}"), {"q": "x"})
    assert prepared.url == api + "/echo/x"


def test_basic_auth_from_session_secrets(api: str) -> None:
    got = fetch_sample(action(api + "/echo"), {"q": "x"}, {"userName": "u", "password": "p"})
    assert got.document["auth"] == "Basic dTpw"


def test_lenient_policy_follows_redirects_and_keeps_error_bodies(api: str) -> None:
    moved = fetch_sample(action(api + "/moved"), {"q": "x"})
    assert moved.ok and moved.document == {"a": 1} and "Redirected 1 time" in moved.warning
    missing = fetch_sample(action(api + "/missing"), {"q": "x"})
    assert missing.ok and missing.document == {"error": "gone"} and "non-2xx" in missing.warning
    empty = fetch_sample(action(api + "/empty"), {"q": "x"})
    assert empty.ok and empty.document == {} and "empty body" in empty.warning


def test_strict_policy_refuses_redirects_errors_and_empty_bodies(api: str) -> None:
    def strict(path: str) -> str:
        got = fetch_sample(
            action(api + path), {"q": "x"}, follow_redirects=False, require_success=True
        )
        assert not got.ok and got.document is None
        return got.error or ""

    assert "redirects (HTTP 302) to /ok" in strict("/moved")
    assert "HTTP 404" in strict("/missing") and '"gone"' in strict("/missing")
    assert "HTTP 204 with an empty body" in strict("/empty")
    assert "HTML error page" in strict("/html")


def test_a_request_that_cannot_be_built_is_explained() -> None:
    got = fetch_sample(action("no-scheme/${input.q}"), {"q": "x"})
    assert got.status is None and "could not be built" in (got.error or "")


def test_importing_the_module_does_not_load_httpx() -> None:
    code = "import sys, tui.runtime.fetch; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
