"""Fetch failures are explained, and the flow goes on without a sample."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.plain.plain_helpers import CLEAR, CTRL_C, DOWN, ENTER, Driver
from tui.model.compile import compile_spec
from tui.model.formats import load
from tui.model.spec import RequestSpec, Spec
from tui.plain.fetch import fetch


def action_for(url: str, timeout: int | None = None):
    return compile_spec(Spec(name="t", request=RequestSpec(url=url), timeout=timeout))


def test_html_error_page(api: str) -> None:
    got = fetch(action_for(api + "/broken"), {})
    assert got.status == 500
    assert "HTTP 500" in got.error and "HTML error page" in got.error


def test_not_json(api: str) -> None:
    got = fetch(action_for(api + "/text"), {})
    assert "not JSON (text/plain)" in got.error
    assert "hello, world" in got.error


def test_empty_body(api: str) -> None:
    assert "empty body" in fetch(action_for(api + "/empty"), {}).error


def test_timeout(api: str) -> None:
    got = fetch(action_for(api + "/slow"), {}, timeout=0.2)
    assert "No answer from 127.0.0.1 within 0.2 s" in got.error


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    got = fetch(action_for(f"http://127.0.0.1:{port}/x"), {})
    assert (got.error or "").startswith("Could not connect to 127.0.0.1")


def test_huge_body_is_cut(api: str) -> None:
    got = fetch(action_for(api + "/users/42"), {}, limit=50)
    assert got.truncated and "over 50 bytes" in got.error


def test_tls_failure_is_explained(api: str) -> None:
    # A plain-HTTP server spoken to over TLS fails the handshake.
    got = fetch(action_for(api.replace("http://", "https://") + "/users/42"), {})
    assert "TLS handshake with 127.0.0.1 failed" in got.error


def test_flow_goes_on_by_hand_and_hides_secrets(
    api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    secret = "s3cr3t-token-value"
    keys = "".join(
        [
            ENTER,  # GET
            api + "/broken" + ENTER,
            "Authorization" + ENTER + "Bearer " + secret + ENTER,  # typed hidden
            ENTER,  # no more headers
            DOWN + DOWN + DOWN + ENTER,  # the fetch failed: go on without a sample
            "by hand" + ENTER + "$.result.total" + ENTER,
            ENTER + DOWN + ENTER,  # name 'total', type integer
            "Done" + ENTER,
            CLEAR + "Broken thing" + ENTER,  # name
            CTRL_C,  # at the test step
        ]
    )
    driver = Driver(keys)
    assert driver.run() == 130
    assert "HTML error page" in driver.text
    assert secret not in driver.text
    draft = load(tmp_path / "broken-thing.draft.yaml")
    assert draft.action.response.translation_map == {"total": "$.result.total"}
    assert draft.action.success_schema["properties"]["total"] == {"type": "integer"}
