"""A tiny real JSON API for the wizard tests, and Pilot steps shared by the flow and snapshots."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlsplit

from textual.pilot import Pilot
from textual.widgets import Input

from tests.local_api import LocalAPI, Route, Seen, json_route

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


def app_routes(api: LocalAPI) -> None:
    """The wizard tests' API: a user, a Basic-auth page, HTML/empty/text bodies, a big array,
    a redirect (paths also match when the server is reached as an HTTP proxy)."""

    def user(seen: Seen) -> Route:
        user_id = urlsplit(seen.path).path.removeprefix("/users/")
        if user_id == "42":
            return json_route(USER)
        return json_route({"error": f"no user {user_id}"}, 404)

    def private(seen: Seen) -> Route:
        expected = "Basic " + base64.b64encode(b"ada:pw").decode()
        if seen.headers.get("Authorization") == expected:
            return json_route({"secret": "data"})
        return json_route({"error": "unauthorized"}, 401)

    api.computed("/users/", user, prefix=True)
    api.computed("/private", private)
    page = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
    api.raw("/html", page, "text/html", 502)
    api.json("/slow", {"late": True}, delay=3)
    api.raw("/nullable", b'{"note": null, "count": 1}', "application/json")
    api.raw("/empty", b"", "application/json")
    api.raw("/text", b"hello, plain text", "text/plain")
    api.json("/big-array", {"items": BIG_ARRAY})
    api.routes["/redirect"] = Route(302, b"", {"Location": "/users/42"})


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


async def palette(pilot: Pilot, title: str) -> None:
    """ctrl+p, type the command's title, Enter: as a person runs a palette command."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*title)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)
