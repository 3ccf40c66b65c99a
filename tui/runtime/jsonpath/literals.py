"""JSON literals in paths (`in ['a','b']`, function arguments) read like json-smart's
permissive mode, which Jayway uses for them: single or double quotes, unquoted words,
trailing commas. Numbers get the types the document parser gives (`tui.runtime.jsontext`).
"""

from __future__ import annotations

from typing import Any

from tui.runtime.jsontext import parse_json

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "/": "/", "\\": "\\"}
_STOP = ",:]}"


def parse_permissive(text: str) -> Any:
    """The value of `text`; ValueError when json-smart would refuse it."""
    parser = _Parser(text)
    value = parser.value()
    parser.blanks()
    if parser.i < len(text):
        raise ValueError(f"unexpected {text[parser.i]!r} at {parser.i} in {text!r}")
    return value


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def blanks(self) -> None:
        while self.i < len(self.text) and self.text[self.i] <= " ":
            self.i += 1

    def value(self) -> Any:
        self.blanks()
        if self.i >= len(self.text):
            raise ValueError("unexpected end of JSON")
        c = self.text[self.i]
        if c == "[":
            return self.sequence()
        if c == "{":
            return self.mapping()
        if c in "'\"":
            return self.string(c)
        return self.word()

    def sequence(self) -> list[Any]:
        self.i += 1
        items: list[Any] = []
        while True:
            self.blanks()
            if self.i >= len(self.text):
                raise ValueError("unclosed array")
            if self.text[self.i] == "]":
                self.i += 1
                return items
            items.append(self.value())
            self.blanks()
            if self.i < len(self.text) and self.text[self.i] == ",":
                self.i += 1
            elif self.i >= len(self.text) or self.text[self.i] != "]":
                raise ValueError("expected ',' or ']'")

    def mapping(self) -> dict[str, Any]:
        self.i += 1
        result: dict[str, Any] = {}
        while True:
            self.blanks()
            if self.i >= len(self.text):
                raise ValueError("unclosed object")
            if self.text[self.i] == "}":
                self.i += 1
                return result
            c = self.text[self.i]
            key = self.string(c) if c in "'\"" else str(self.word(as_text=True))
            self.blanks()
            if self.i >= len(self.text) or self.text[self.i] != ":":
                raise ValueError("expected ':'")
            self.i += 1
            result[key] = self.value()
            self.blanks()
            if self.i < len(self.text) and self.text[self.i] == ",":
                self.i += 1
            elif self.i >= len(self.text) or self.text[self.i] != "}":
                raise ValueError("expected ',' or '}'")

    def string(self, quote: str) -> str:
        text, out = self.text, list[str]()
        self.i += 1
        while self.i < len(text):
            c = text[self.i]
            if c == quote:
                self.i += 1
                return "".join(out)
            if c == "\\" and self.i + 1 < len(text):
                e = text[self.i + 1]
                if e == "u":
                    out.append(chr(int(text[self.i + 2 : self.i + 6], 16)))
                    self.i += 6
                    continue
                out.append(_ESCAPES.get(e, e))
                self.i += 2
                continue
            out.append(c)
            self.i += 1
        raise ValueError("unclosed string")

    def word(self, as_text: bool = False) -> Any:
        start = self.i
        while self.i < len(self.text) and self.text[self.i] not in _STOP:
            self.i += 1
        word = self.text[start : self.i].strip()
        if not word:
            raise ValueError(f"unexpected {self.text[start : start + 1]!r}")
        if as_text:
            return word
        if word in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[word]
        if word[0] in "-0123456789":
            try:
                return parse_json(word)
            except ValueError:
                pass
        return word
