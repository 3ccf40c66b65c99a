"""Filter parser, a port of Jayway json-path 2.9.0's FilterCompiler (`[?(<expression>)]`).

`&&` binds tighter than `||`, parentheses group, `!` negates a group; operands are paths
(`@.x`, `$.y`, functions allowed), quoted strings (single or double quotes), numbers, `true`,
`false`, `null`, JSON arrays/objects and `/regex/flags`. A path alone is an existence check.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from tui.runtime.jsonpath import filters
from tui.runtime.jsonpath.charindex import CharIndex, Invalid

_RELATIONAL_CHARS = "<>=~!"


def compile_filter(text: str) -> Any:
    return _FilterCompiler(text).compile()


class _FilterCompiler:
    def __init__(self, text: str) -> None:
        f = self.f = CharIndex(text)
        f.trim()
        if not f.current_is("[") or not f.last_is("]"):
            raise Invalid("a filter must start with '[' and end with ']'")
        f.pos += 1
        f.end -= 1
        f.trim()
        if not f.current_is("?"):
            raise Invalid("a filter must start with '[?' and end with ']'")
        f.pos += 1
        f.trim()
        if not f.current_is("(") or not f.last_is(")"):
            raise Invalid("a filter must start with '[?(' and end with ')]'")

    def compile(self) -> Any:
        result = self.read_or()
        self.f.skip_blanks()
        if self.f.in_bounds():
            raise Invalid(
                "expected the end of the filter instead of "
                f"{self.f.sub(self.f.pos, self.f.end + 1)!r}"
            )
        return result

    def read_or(self) -> Any:
        ops = [self.read_and()]
        while True:
            save = self.f.pos
            if self.f.has_significant("||"):
                ops.append(self.read_and())
            else:
                self.f.pos = save
                break
        return ops[0] if len(ops) == 1 else filters.OrNode(ops)

    def read_and(self) -> Any:
        ops = [self.read_and_operand()]
        while True:
            save = self.f.pos
            if self.f.has_significant("&&"):
                ops.append(self.read_and_operand())
            else:
                self.f.pos = save
                break
        return ops[0] if len(ops) == 1 else filters.AndNode(ops)

    def read_and_operand(self) -> Any:
        f = self.f
        save = f.skip_blanks().pos
        if f.skip_blanks().current_is("!"):
            f.read_significant("!")
            if f.skip_blanks().current() in "$@":
                f.pos = save
            else:
                return filters.NotNode(self.read_and_operand())
        if f.skip_blanks().current_is("("):
            f.read_significant("(")
            op = self.read_or()
            f.read_significant(")")
            return op
        return self.read_expression()

    def read_expression(self) -> Any:
        left = self.read_value()
        save = self.f.pos
        try:
            operator = self.read_operator()
            right = self.read_value()
            return filters.Relation(left, operator, right)
        except Invalid:
            self.f.pos = save
        if not isinstance(left, filters.PathNode):
            raise Invalid("expected a path")
        check = left.as_exists_check()
        return filters.Relation(
            check, "EXISTS", filters.TRUE if check.should_exist else filters.FALSE
        )

    def read_value(self) -> Any:
        f = self.f
        c = f.skip_blanks().current()
        if c in "$@":
            return self.read_path()
        if c == "!":
            f.pos += 1
            if f.skip_blanks().current() in "$@":
                return self.read_path()
            raise Invalid("unexpected character: !")
        return self.read_literal()

    def read_literal(self) -> Any:
        c = self.f.skip_blanks().current()
        if c in "'\"":
            return self.read_string(c)
        if c in "tf":
            return self.read_boolean()
        if c == "n":
            return self.read_null()
        if c in "{[":
            return self.read_json()
        if c == "/":
            return self.read_pattern()
        return self.read_number()

    def read_operator(self) -> str:
        f = self.f
        begin = f.skip_blanks().pos
        if f.current() in _RELATIONAL_CHARS:
            while f.in_bounds() and f.text[f.pos] in _RELATIONAL_CHARS:
                f.pos += 1
        else:
            while f.in_bounds() and f.text[f.pos] != " ":
                f.pos += 1
        operator = f.sub(begin, f.pos).upper()
        if operator not in filters.OPERATORS:
            raise Invalid(f"the filter operator {f.sub(begin, f.pos)!r} is not supported")
        return operator

    def read_null(self) -> Any:
        f = self.f
        if f.current() == "n" and f.in_bounds(f.pos + 3) and f.sub(f.pos, f.pos + 4) == "null":
            f.pos += 4
            return filters.NULL
        raise Invalid("expected null")

    def read_json(self) -> Any:
        f = self.f
        begin = f.pos
        open_char = f.current()
        close = f.matching_close(f.pos, open_char, "]" if open_char == "[" else "}", True, False)
        if close == -1:
            raise Invalid("the JSON literal is not closed")
        f.pos = close + 1
        return filters.JsonNode(f.sub(begin, f.pos), parsed=False)

    def read_pattern(self) -> Any:
        f = self.f
        begin = f.pos
        close = f.next_unescaped(f.pos, "/")
        if close == -1:
            raise Invalid("the regular expression is not closed: expected /")
        if f.in_bounds(close + 1):
            end_flags = close + 1
            while f.in_bounds(end_flags) and f.char_at(end_flags) in filters.PATTERN_FLAGS:
                end_flags += 1
            close = end_flags - 1
        f.pos = close + 1
        return filters.PatternNode(f.sub(begin, f.pos))

    def read_string(self, quote: str) -> Any:
        f = self.f
        begin = f.pos
        close = f.next_unescaped(f.pos, quote)
        if close == -1:
            raise Invalid(f"the string literal has no closing {quote}")
        f.pos = close + 1
        return filters.StringNode.literal(f.sub(begin, f.pos))

    def read_number(self) -> Any:
        f = self.f
        begin = f.pos
        while f.in_bounds() and f.is_number_char(f.pos):
            f.pos += 1
        return filters.NumberNode(java_big_decimal(f.sub(begin, f.pos)))

    def read_boolean(self) -> Any:
        f = self.f
        end = f.pos + (3 if f.current() == "t" else 4)
        if not f.in_bounds(end):
            raise Invalid("expected a boolean literal")
        value = f.sub(f.pos, end + 1)
        if value not in ("true", "false"):
            raise Invalid("expected a boolean literal")
        f.pos += len(value)
        return filters.TRUE if value == "true" else filters.FALSE

    def read_path(self) -> Any:
        from tui.runtime.jsonpath.compiler import compile_tokens

        f = self.f
        previous = f.previous_significant()
        begin = f.pos
        f.pos += 1
        while f.in_bounds():
            if f.current() == "[":
                close = f.matching_close(f.pos, "[", "]", True, False)
                if close == -1:
                    raise Invalid("square brackets do not match in the filter")
                f.pos = close + 1
            function_close = f.current() == ")" and self._closes_function(begin)
            logical_close = f.current() == ")" and not function_close
            if not f.in_bounds() or f.current() in _RELATIONAL_CHARS or f.current() == " ":
                break
            if logical_close:
                break
            f.pos += 1
        text = f.sub(begin, f.pos)
        try:
            path = compile_tokens(text)
        except Exception as exc:  # Jayway's PathCompiler.compile turns any failure into this
            raise Invalid(f"invalid path {text!r} in the filter") from exc
        return filters.PathNode(path, False, previous != "!")

    def _closes_function(self, lower: int) -> bool:
        f = self.f
        if f.current() != ")":
            return False
        index = f.previous_significant_index()
        if index == -1 or f.char_at(index) != "(":
            return False
        index -= 1
        while f.in_bounds(index) and index > lower:
            if f.char_at(index) == ".":
                return True
            index -= 1
        return False


def java_big_decimal(text: str) -> Decimal:
    """`new BigDecimal(text)`: ValueError (NumberFormatException) when it is not a number."""
    body = text[1:] if text[:1] in "+-" else text
    mantissa, _, exponent = body.replace("E", "e").partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits_ok = (whole or fraction) and all(c.isdecimal() for c in whole + fraction)
    exponent_body = exponent[1:] if exponent[:1] in "+-" else exponent
    if not digits_ok or ("e" in body.replace("E", "e") and not exponent_body.isdecimal()):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
