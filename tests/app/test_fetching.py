"""Fetching a sample against a real loopback server: rendering, and every problem explained."""

from __future__ import annotations

import socket

import pytest

from tests.app.app_helpers import USER
from tui.app.fetching import fetch, prepared_request
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.runtime.fetch import human_size


def spec_for(url: str, **request: object) -> Spec:
    return Spec(
        name="t",
        request=RequestSpec(url=url, **request),
        inputs=[InputSpec(name="userId", sample="42")],
    )


def test_renders_like_genesys_with_sample_inputs_and_session_secrets() -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(
            method="POST",
            url="https://api.test/users/$esc.url(${input.q})",
            headers={"Authorization": "Bearer ${credentials.token}"},
            body='{"q": "$esc.jsonString(${input.q})"}',
        ),
        inputs=[InputSpec(name="q", sample='a "b"/c')],
    )
    request = prepared_request(spec, {"token": "s3cret"})
    assert (request.method, request.url) == ("POST", "https://api.test/users/a+%22b%22%2Fc")
    assert request.headers["Authorization"] == "Bearer s3cret"
    assert request.body == '{"q": "a \\"b\\"/c"}'


def test_json_response(api: str) -> None:
    result = fetch(spec_for(api + "/users/${input.userId}"))
    assert result.ok and result.status == 200 and result.document == USER
    assert result.error is None and result.warning is None
    assert "200" in result.summary() and "application/json" in result.summary()


def test_redirect_is_followed_and_reported(api: str) -> None:
    result = fetch(spec_for(api + "/redirect"))
    assert result.document == USER
    assert result.redirects == [api + "/redirect"]
    assert "Redirected 1 time" in (result.warning or "")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/html", "HTML page"),
        ("/text", "not JSON"),
    ],
)
def test_unusable_bodies_are_explained(api: str, path: str, expected: str) -> None:
    result = fetch(spec_for(api + path))
    assert result.error is not None and expected in result.error
    assert not result.is_json


def test_empty_body_maps_to_empty_object_with_a_warning(api: str) -> None:
    result = fetch(spec_for(api + "/empty"))
    assert result.document == {} and "empty" in (result.warning or "")


def test_error_status_is_explorable_but_flagged(api: str) -> None:
    result = fetch(spec_for(api + "/users/7"))
    assert result.status == 404 and result.document == {"error": "no user 7"}
    assert "non-2xx" in (result.warning or "")


def test_huge_body_is_capped(api: str) -> None:
    result = fetch(spec_for(api + "/big-array"), max_bytes=1000)
    assert result.truncated and len(result.body) == 1000
    assert "over 1000 bytes" in (result.error or "")


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: refused
        result = fetch(spec_for(f"http://127.0.0.1:{port}/x"))
    assert result.status is None and "Could not connect" in (result.error or "")


def test_timeout() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()  # accepts, never answers
        port = server.getsockname()[1]
        result = fetch(spec_for(f"http://127.0.0.1:{port}/slow"), timeout=0.3)
    assert "No answer" in (result.error or "") and "within 0.3 s" in (result.error or "")


def test_bad_template_is_explained_not_raised() -> None:
    result = fetch(spec_for("relative/path/${input.userId}"))
    assert result.status is None and "absolute http(s) URL" in (result.error or "")


def test_untrusted_certificate(self_signed_server: str) -> None:
    result = fetch(spec_for(self_signed_server + "/x"))
    assert "TLS handshake" in (result.error or ""), result.error


def test_human_size() -> None:
    assert human_size(12) == "12 bytes"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"
