"""The URL field: an Input that hands a pasted curl command over whole.

Textual's Input keeps only the first line of a paste; a curl line copied from API docs spans
several (`\\` continuations), so a paste that looks like curl is posted as `CurlPasted` instead.
"""

from __future__ import annotations

import re

from textual import events
from textual.message import Message
from textual.widgets import Input

# The same test as tui.model.curl_import.looks_like_curl, kept here so the first screen does not
# import the model; a test keeps the two in step.
CURL_START = re.compile(r"^\s*(\$\s+)?curl(\.exe)?\s")


class UrlInput(Input):
    class CurlPasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        if CURL_START.match(event.text or ""):
            event.stop()
            self.post_message(self.CurlPasted(event.text))
            return
        super()._on_paste(event)
