"""Shared pieces of the plain-mode tests: a JSON API handler and a keystroke driver."""

from __future__ import annotations

import io
import json
import time
from http.server import BaseHTTPRequestHandler

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tui.plain.console import Console

USER = {
    "id": 42,
    "name": "Ada Lovelace",
    "address": {"city": "London", "zip": "N1 9GU"},
    "orders": [{"sku": "A-100", "qty": 2}, {"sku": "B-200", "qty": 1}, {"sku": "C-300", "qty": 5}],
    "active": True,
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/users/42":
            self._send(200, json.dumps(USER).encode(), "application/json")
        elif self.path == "/broken":
            self._send(500, b"<!DOCTYPE html><html><body>Oops</body></html>", "text/html")
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(200, b"{}", "application/json")
        elif self.path == "/text":
            self._send(200, b"hello, world", "text/plain")
        elif self.path == "/empty":
            self._send(200, b"", "application/json")
        else:
            self._send(404, b'{"message": "no such user"}', "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


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
