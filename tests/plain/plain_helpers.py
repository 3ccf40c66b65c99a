"""Shared pieces of the plain-mode tests: a JSON API handler and a keystroke driver."""

from __future__ import annotations

import io

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.local_api import LocalAPI, json_route
from tui.plain.console import Console

USER = {
    "id": 42,
    "name": "Ada Lovelace",
    "address": {"city": "London", "zip": "N1 9GU"},
    "orders": [{"sku": "A-100", "qty": 2}, {"sku": "B-200", "qty": 1}, {"sku": "C-300", "qty": 5}],
    "active": True,
}


def plain_routes(api: LocalAPI) -> None:
    """Plain mode's API: a user, a broken HTML page, a slow answer, text and empty bodies."""
    api.json("/users/42", USER)
    api.raw("/broken", b"<!DOCTYPE html><html><body>Oops</body></html>", "text/html", 500)
    api.json("/slow", {}, delay=1.0)
    api.raw("/text", b"hello, world", "text/plain")
    api.raw("/empty", b"", "application/json")
    api.computed("/", lambda seen: json_route({"message": "no such user"}, 404), prefix=True)


class Driver:
    """Keystrokes in, printed text out."""

    def __init__(self, keys: str) -> None:
        self.keys = keys
        self.out = io.StringIO()

    def run(self, file: str | None = None) -> int:
        from tui.plain.flow import main

        with create_pipe_input() as pipe:
            pipe.send_text(self.keys)
            return main(file, Console(self.out, input=pipe, output=DummyOutput()))

    @property
    def text(self) -> str:
        return self.out.getvalue()


DOWN, ENTER, CTRL_C, CLEAR = "\x1b[B", "\r", "\x03", "\x15"


def request_keys(url: str) -> str:
    """GET, the URL, input userId as an integer with sample 42, an Accept header."""
    steps = [
        ENTER,  # method: GET
        url + ENTER,
        DOWN + ENTER,  # type of userId: integer
        "42" + ENTER,  # its sample
        "y",  # required
        "Accept" + ENTER + "application/json" + ENTER,
        ENTER,  # no more headers
    ]
    return "".join(steps)


def mapping_keys() -> str:
    """One nested field, one array field as all elements, one top-level field."""
    steps = [
        "address.city" + ENTER,  # filter the path list, pick
        ENTER + ENTER,  # name 'city', type string
        "orders[0].sku" + ENTER,
        DOWN + ENTER,  # inside an array: all elements [*]
        CLEAR + "skus" + ENTER,  # rename
        ENTER + ENTER,  # type array of string
        "$.id " + ENTER,
        ENTER + ENTER,  # name 'id', type integer
        "Done" + ENTER,
    ]
    return "".join(steps)
