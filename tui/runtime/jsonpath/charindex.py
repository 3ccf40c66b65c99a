"""Jayway's CharacterIndex: the cursor both of its parsers (paths and filters) move over a text.

Kept as a port because Jayway's answers depend on its exact rules: `position`/`end` bound what
"in bounds" means, while `char_at` reads the whole text (so a read just past a trimmed end
succeeds and one past the text fails, which rejects the path).
"""

from __future__ import annotations


class CharIndex:
    __slots__ = ("end", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.end = len(text) - 1

    def char_at(self, index: int) -> str:
        if index < 0 or index >= len(self.text):
            raise IndexError(index)
        return self.text[index]

    def current(self) -> str:
        return self.char_at(self.pos)

    def current_is(self, char: str) -> bool:
        return self.char_at(self.pos) == char

    def last_is(self, char: str) -> bool:
        return self.char_at(self.end) == char

    def next_is(self, char: str) -> bool:
        return self.in_bounds(self.pos + 1) and self.text[self.pos + 1] == char

    def in_bounds(self, index: int | None = None) -> bool:
        index = self.pos if index is None else index
        return 0 <= index <= self.end

    def out_of_bounds(self, index: int) -> bool:
        return not self.in_bounds(index)

    def is_tail(self) -> bool:
        return self.pos >= self.end

    def has_more(self) -> bool:
        return self.in_bounds(self.pos + 1)

    def sub(self, start: int, stop: int) -> str:
        if start < 0 or stop > len(self.text) or start > stop:
            raise IndexError(start)
        return self.text[start:stop]

    def next_significant_index(self, char: str, start: int | None = None) -> int:
        read = (self.pos if start is None else start) + 1
        while not self.out_of_bounds(read) and self.text[read] == " ":
            read += 1
        return read if self.char_at(read) == char else -1

    def next_significant_is(self, char: str, start: int | None = None) -> bool:
        read = (self.pos if start is None else start) + 1
        while not self.out_of_bounds(read) and self.text[read] == " ":
            read += 1
        return not self.out_of_bounds(read) and self.text[read] == char

    def next_significant(self, start: int | None = None) -> str:
        read = (self.pos if start is None else start) + 1
        while not self.out_of_bounds(read) and self.text[read] == " ":
            read += 1
        return self.text[read] if not self.out_of_bounds(read) else " "

    def previous_significant_index(self, start: int | None = None) -> int:
        read = (self.pos if start is None else start) - 1
        while not self.out_of_bounds(read) and self.text[read] == " ":
            read -= 1
        return read if not self.out_of_bounds(read) else -1

    def previous_significant(self, start: int | None = None) -> str:
        index = self.previous_significant_index(start)
        return " " if index == -1 else self.text[index]

    def next_index_of(self, start: int, char: str) -> int:
        read = start
        while not self.out_of_bounds(read):
            if self.text[read] == char:
                return read
            read += 1
        return -1

    def next_unescaped(self, start: int, char: str) -> int:
        read = start + 1
        escaped = False
        while not self.out_of_bounds(read):
            c = self.text[read]
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == char:
                return read
            read += 1
        return -1

    def matching_close(
        self, start: int, open_char: str, close_char: str, skip_strings: bool, skip_regex: bool
    ) -> int:
        if self.char_at(start) != open_char:
            raise Invalid(f"expected {open_char}")
        opened = 1
        read = start + 1
        while self.in_bounds(read):
            if skip_strings:
                quote = self.char_at(read)
                if quote in "'\"":
                    read = self.next_unescaped(read, quote)
                    if read == -1:
                        raise Invalid(f"no closing {quote}")
                    read += 1
            if skip_regex and self.char_at(read) == "/":
                read = self.next_unescaped(read, "/")
                if read == -1:
                    raise Invalid("no closing /")
                read += 1
            c = self.char_at(read)
            if c == open_char:
                opened += 1
            if c == close_char:
                opened -= 1
                if opened == 0:
                    return read
            read += 1
        return -1

    def skip_blanks(self) -> CharIndex:
        while self.in_bounds() and self.pos < self.end and self.text[self.pos] == " ":
            self.pos += 1
        return self

    def trim(self) -> CharIndex:
        self.skip_blanks()
        while self.in_bounds() and self.pos < self.end and self.char_at(self.end) == " ":
            self.end -= 1
        return self

    def read_significant(self, char: str) -> None:
        if self.skip_blanks().current() != char:
            raise Invalid(f"expected '{char}'")
        self.pos += 1

    def has_significant(self, text: str) -> bool:
        self.skip_blanks()
        if not self.in_bounds(self.pos + len(text) - 1):
            return False
        if self.sub(self.pos, self.pos + len(text)) != text:
            return False
        self.pos += len(text)
        return True

    def is_number_char(self, index: int) -> bool:
        c = self.char_at(index)
        return c.isdecimal() or c in "-.Ee"


class Invalid(Exception):
    """Jayway's InvalidPathException while compiling (other errors reject the path too)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def java_unescape(text: str) -> str:
    """Jayway's Utils.unescape (quoted names and string literals)."""
    out: list[str] = []
    slash = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if slash:
            slash = False
            if ch == "u":
                digits = text[i + 1 : i + 5]
                if len(digits) < 4:
                    return "".join(out)  # an unfinished \u drops the rest, like Java
                try:
                    out.append(chr(int(digits, 16)))
                except ValueError:
                    raise Invalid(f"Unable to parse unicode value: {digits}") from None
                i += 5
                continue
            out.append({"r": "\r", "f": "\f", "t": "\t", "n": "\n", "b": "\b"}.get(ch, ch))
        elif ch == "\\":
            slash = True
        else:
            out.append(ch)
        i += 1
    if slash:
        out.append("\\")
    return "".join(out)
