"""The shared fetcher against a real loopback server: both policies, and a cheap import."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.local_api import LocalAPI, Route, Seen, serving
from tui.model.compile import compile_spec
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.runtime.fetch import fetch_sample, render_request


def fetch_routes(api: LocalAPI) -> None:
    api.json("/ok", {"a": 1})
    api.routes["/moved"] = Route(302, b"", {"Location": "/ok"})
    api.json("/missing", {"error": "gone"}, 404)
    api.routes["/empty"] = Route(204, b"", {})

    def echo(seen: Seen) -> Route:
        return Route(
            200,
            json.dumps({"path": seen.path, "auth": seen.headers.get("Authorization")}).encode(),
            {},
        )

    api.computed("/echo", echo, prefix=True)
    api.computed("/", lambda seen: Route(500, b"<html>x</html>", {}), prefix=True)


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    with serving(fetch_routes) as served:
        yield served.url


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
