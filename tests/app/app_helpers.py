"""A tiny real JSON API for the wizard tests, and Pilot steps shared by the flow and snapshots."""

from __future__ import annotations

import base64
import json
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from textual.pilot import Pilot
from textual.widgets import Input

USER = {
    "id": 42,
    "name": "Ada Lovelace",
    "profile": {"address": {"city": "London", "zip": "N1 9GU"}, "languages": ["en", "fr"]},
    "phones": [
        {"type": "home", "number": "+44 20 7946 0001"},
        {"type": "work", "number": "+44 20 7946 0002"},
    ],
    "active": True,
    "score": 98.5,
}
BIG_ARRAY = list(range(10_000))


class Handler(BaseHTTPRequestHandler):
    """Routes by path (also when reached as an HTTP proxy, where the path is a full URL)."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/users/"):
            user_id = path.removeprefix("/users/")
            if user_id == "42":
                self.send(200, json.dumps(USER).encode(), "application/json")
            else:
                self.send(
                    404, json.dumps({"error": f"no user {user_id}"}).encode(), "application/json"
                )
        elif path == "/private":
            expected = "Basic " + base64.b64encode(b"ada:pw").decode()
            if self.headers.get("Authorization") == expected:
                self.send(200, b'{"secret": "data"}', "application/json")
            else:
                self.send(401, b'{"error": "unauthorized"}', "application/json")
        elif path == "/html":
            page = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
            self.send(502, page, "text/html")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b'{"late": true}', "application/json")
        elif path == "/nullable":
            self.send(200, b'{"note": null, "count": 1}', "application/json")
        elif path == "/empty":
            self.send(200, b"", "application/json")
        elif path == "/text":
            self.send(200, b"hello, plain text", "text/plain")
        elif path == "/big-array":
            self.send(200, json.dumps({"items": BIG_ARRAY}).encode(), "application/json")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/users/42")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send(404, b'{"error": "not found"}', "application/json")

    def send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass


async def settle(pilot: Pilot) -> None:
    """Wait for every worker, then for the messages they posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_url(pilot: Pilot, url: str) -> None:
    box = pilot.app.query_one("#url", Input)
    box.focus()
    box.value = ""
    await pilot.press(*url)
    await pilot.pause()


async def set_sample(pilot: Pilot, row: int, value: str) -> None:
    """Edit input `row`'s sample through the inputs table's form."""
    table = pilot.app.query_one("#inputs")
    table.focus()
    table.move_cursor(row=row)
    await pilot.press("enter")
    await pilot.pause()
    sample = pilot.app.screen.query_one("#field-sample", Input)
    sample.focus()
    sample.value = ""
    await pilot.press(*value, "enter")
    await pilot.pause()


async def fetch(pilot: Pilot) -> None:
    await pilot.press("ctrl+f")
    await settle(pilot)


async def search(pilot: Pilot, query: str) -> None:
    pilot.app.query_one("#tree").focus()
    await pilot.press("slash", *query, "enter")
    await settle(pilot)  # the search runs in a worker, then the match is revealed


def slow_messages(monkeypatch: Any, widget_class: type, message_class: type, delay: float) -> None:
    """Handle `message_class` on `widget_class` `delay` seconds late, as on a busy machine.

    Keys keep arriving meanwhile, so a handler that trusts a queued message sees stale values.
    """
    import asyncio

    original = widget_class._on_message  # type: ignore[attr-defined]

    async def slowed(self: Any, message: Any) -> None:
        if isinstance(message, message_class):
            await asyncio.sleep(delay)
        await original(self, message)

    monkeypatch.setattr(widget_class, "_on_message", slowed)


async def click_step(pilot: Pilot, key: str) -> None:
    """Click a step's name in the step bar, as a person does."""
    from tui.app.stepbar import StepBar

    bar = pilot.app.query_one(StepBar)
    start, _, _ = next(span for span in bar.spans() if span[2] == key)
    await pilot.click(StepBar, offset=(start + 2 + bar.styles.padding.left, 0))
    await settle(pilot)
