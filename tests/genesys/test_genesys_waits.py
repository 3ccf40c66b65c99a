"""A 429's wait is shown: a command that sits still for a minute must say why."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import httpx
import pytest

from tui.genesys.transport import HttpxClient


class ThrottleOnce(httpx.BaseTransport):
    """The org's edge: one 429 with Retry-After, then the answer."""

    def __init__(self) -> None:
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls == 1:
            return httpx.Response(429, headers={"Retry-After": "7"}, json={"status": 429})
        return httpx.Response(200, json={"entities": []})


def test_a_429_wait_is_announced_with_its_length(caplog: pytest.LogCaptureFixture) -> None:
    slept: list[float] = []
    client = HttpxClient(transport=ThrottleOnce(), sleep=slept.append)
    with caplog.at_level(logging.WARNING, logger="tui.genesys"):
        response = client.request(  # the options object the SDK's ApiClient passes
            SimpleNamespace(
                method="GET",
                url="https://api.example.com/api/v2/integrations/actions",
                headers={},
                query_params={},
                post_params=None,
                body=None,
            )
        )
    assert response.status == 200
    assert slept == [7]
    assert "429" in caplog.text and "waiting 7 s" in caplog.text
    assert "/api/v2/integrations/actions" in caplog.text
