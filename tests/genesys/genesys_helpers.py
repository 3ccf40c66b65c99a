"""Helpers for the Genesys deploy tests: sandbox orgs, recording and faulty transports."""

from __future__ import annotations

import itertools
import secrets
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tui.cli import build_parser
from tui.genesys.target import Target

_counter = itertools.count()


def new_org_target(sandbox: Any, permissions: tuple[str, ...] | None = None) -> Target:
    """A fresh OAuth client in a fresh sandbox org."""
    from tui.sandbox import ClientSpec
    from tui.sandbox.orgs import register

    client_id = f"test-{next(_counter)}-{secrets.token_hex(4)}"
    secret = secrets.token_urlsafe(24)
    register(sandbox.app.state.store, ClientSpec(client_id, secret, permissions))
    return Target(
        kind="sandbox",
        label=f"sandbox org of {client_id}",
        base_url=sandbox.url,
        client_id=client_id,
        client_secret=SecretStr(secret),
    )


def fast_retry() -> Any:
    from tui.genesys.transport import RetryPolicy

    return RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, max_retry_after=0.05)


class RecordingTransport(httpx.BaseTransport):
    """Forwards to the real network and records `METHOD path` of every request."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.calls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(f"{request.method} {request.url.path}")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()

    def writes(self) -> list[str]:
        return [c for c in self.calls if not c.startswith("GET ") and "/oauth/" not in c]


class FaultTransport(RecordingTransport):
    """Fails the `fail_at`-th request (1-based) in one of several ways.

    before-500: answer 500 without reaching the server; refuse: connection refused;
    after-drop: let the server act, then lose the answer; after-503: let it act, answer 503.
    """

    def __init__(self, fail_at: int | None = None, mode: str = "before-500") -> None:
        super().__init__()
        self.fail_at = fail_at
        self.mode = mode
        self.injected = ""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(f"{request.method} {request.url.path}")
        if len(self.calls) != self.fail_at:
            return self.inner.handle_request(request)
        self.injected = self.calls[-1]
        if self.mode == "before-500":
            return httpx.Response(500, json={"message": "injected", "status": 500})
        if self.mode == "refuse":
            raise httpx.ConnectError("[Errno 111] Connection refused (injected)", request=request)
        response = self.inner.handle_request(request)
        response.read()
        if self.mode == "after-drop":
            raise httpx.ReadError("connection reset (injected)", request=request)
        return httpx.Response(
            503, json={"message": "injected", "status": 503}, headers={"Retry-After": "0"}
        )


def session_for(target: Target, transport: httpx.BaseTransport | None = None) -> Any:
    from tui.genesys.session import Session

    return Session(target, transport=transport or RecordingTransport(), retry=fast_retry())


def write_spec(
    path: Path,
    name: str,
    url: str = "https://api.example.com/w?city=${input.city}",
    out_type: str = "number",
) -> Path:
    path.write_text(
        textwrap.dedent(
            f"""\
            name: {name}
            category: Tests
            request:
              method: GET
              url: {url}
            inputs:
              - name: city
                type: string
                required: true
            outputs:
              - name: temp
                path: $.main.temp
                type: {out_type}
            """
        )
    )
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run a CLI command as `dataaction` does; (exit code, stdout, stderr)."""
    try:
        args = build_parser(argv[0]).parse_args(argv)
    except SystemExit as exc:  # argparse's usage error, as the console script exits with it
        out, err = capsys.readouterr()
        return int(exc.code or 0), out, err
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err
