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
