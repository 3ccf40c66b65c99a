"""Slow-drip servers: a request's timeout is a total, wall-clock limit everywhere.

Each server sends one byte every 0.2 s, inside any per-read timeout, so only a total deadline
ends these calls. Before the fix `test` ran for minutes and the sandbox's execute for hours.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hostile.drip_server import DripServer
from tests.hostile.hostile_helpers import run_capped
from tui.model.formats import read_spec
from tui.runtime.fetch import fetch_sample

SPEC = """\
name: Slow {mode}
timeout: 2
request:
  url: {url}/slow
outputs:
  - {{name: pad, path: $.pad}}
"""


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_local_test_stops_at_the_action_timeout(tmp_path: Path, mode: str) -> None:
    with DripServer(mode) as drip:  # type: ignore[arg-type]
        (tmp_path / "s.yaml").write_text(SPEC.format(mode=mode, url=drip.url))
        got = run_capped(["test", "s.yaml"], tmp_path, time_cap=20)
    assert got.code == 1, got.text
    assert "timed out" in got.text
    assert got.seconds < 8, got.seconds  # 2 s limit + process start


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_the_wizard_fetcher_stops_at_its_timeout(mode: str) -> None:
    with DripServer(mode) as drip:  # type: ignore[arg-type]
        action = read_spec(SPEC.format(mode=mode, url=drip.url)).action
        start = time.monotonic()
        result = fetch_sample(action, {}, timeout=1.5)
        took = time.monotonic() - start
    assert result.error is not None and "within 1.5 s" in result.error
    assert took < 3, took


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_the_sandbox_test_endpoint_stops_at_the_action_timeout(tmp_path: Path, mode: str) -> None:
    with DripServer(mode) as drip:  # type: ignore[arg-type]
        (tmp_path / "s.yaml").write_text(SPEC.format(mode=mode, url=drip.url))
        assert run_capped(["deploy", "s.yaml"], tmp_path).code == 0
        got = run_capped(["test", "--remote", f"Slow {mode}"], tmp_path, time_cap=30)
    assert got.code == 1, got.text
    assert "timed out" in got.text
    assert got.seconds < 10, got.seconds


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_deploy_against_a_dripping_login_server_gives_up_in_time(tmp_path: Path, mode: str) -> None:
    (tmp_path / "s.yaml").write_text(SPEC.format(mode=mode, url="https://api.example.com"))
    env = {
        "GENESYS_CLIENT_ID": "id",
        "GENESYS_CLIENT_SECRET": "secret-value-123",
        "DATAACTION_HTTP_TIMEOUT": "2",
    }
    with DripServer(mode) as drip:  # type: ignore[arg-type]
        env["GENESYS_ENVIRONMENT"] = drip.url
        got = run_capped(["deploy", "s.yaml"], tmp_path, env=env, time_cap=40)
    assert got.code == 4, got.text
    assert "Traceback" not in got.text and "secret-value-123" not in got.text
    assert got.seconds < 12, got.seconds


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_a_proxy_from_the_environment_is_used_and_still_timed(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Admins behind a corporate proxy set HTTP(S)_PROXY: the deadline must not cost them it.

    The dripping server stands in for the proxy; the API host does not exist, so an answer at
    all proves the request went through the proxy.
    """
    with DripServer(mode) as proxy:  # type: ignore[arg-type]
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        action = read_spec(SPEC.format(mode=mode, url="http://api.invalid")).action
        start = time.monotonic()
        result = fetch_sample(action, {}, timeout=1.5)
        took = time.monotonic() - start
        assert proxy.connections == 1
    assert result.error is not None and "within 1.5 s" in result.error
    assert took < 3, took


def test_the_local_test_goes_through_the_environment_proxy(tmp_path: Path) -> None:
    with DripServer("body") as proxy:
        (tmp_path / "s.yaml").write_text(SPEC.format(mode="body", url="http://api.invalid"))
        got = run_capped(["test", "s.yaml"], tmp_path, env={"HTTP_PROXY": proxy.url}, time_cap=20)
        assert proxy.connections == 1, got.text
    assert got.code == 1, got.text
    assert "timed out" in got.text
