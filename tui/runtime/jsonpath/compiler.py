"""Path parser, a port of Jayway json-path 2.9.0's PathCompiler (what Genesys runs today).

Jayway's parser has rules no grammar states (a single trailing character after a token is
ignored, `[1:2]` refuses blanks while `[1, 2]` allows them, unknown function names fail only
when evaluated, `.length()` followed by more path reads `)` as a property name); Genesys answers
follow them, so they are reproduced step by step. Any failure rejects the path.
"""

from __future__ import annotations

from typing import Any

from tui.runtime.jsonpath import tokens
from tui.runtime.jsonpath.charindex import CharIndex, Invalid, java_unescape

_WHITESPACE = " \t\n\r"


def compile_tokens(path: str) -> tokens.TokenPath:
    """The token chain of `path` (Jayway PathCompiler.compile); raises on any invalid path."""
    ci = CharIndex(path)
    ci.trim()
    if ci.char_at(0) not in "$@":
        ci = CharIndex("$." + path)
        ci.trim()
    if ci.last_is("."):
        raise Invalid("a path must not end with '.' or '..'")
    return _PathCompiler(ci).compile()


class _PathCompiler:
    def __init__(self, ci: CharIndex) -> None:
        self.path = ci
        self.root: tokens.RootToken | None = None

    def compile(self) -> tokens.TokenPath:
        path = self.path
        while path.in_bounds() and path.current() in _WHITESPACE:
            path.pos += 1
        if path.current() not in "$@":
            raise Invalid("a path must start with '$' or '@'")
        root = tokens.RootToken(path.current())
        self.root = root
        if not path.is_tail():
            path.pos += 1
            if path.current() not in ".[":
                raise Invalid(f"illegal character at position {path.pos}: expected '.' or '['")
            self.read_next()
        return tokens.finish(root)

    def append(self, token: tokens.Token) -> None:
        assert self.root is not None
        self.root.append(token)

    def more(self) -> None:
        if not self.path.is_tail():
            self.read_next()

    def read_next(self) -> None:
        path = self.path
        c = path.current()
        if c == "[":
            if not (
                self.read_bracket_property()
                or self.read_array()
                or self.read_wildcard()
                or self.read_filter()
                or self.read_placeholder()
            ):
                raise Invalid(
                    f"could not parse the token at position {path.pos}: expected ?, ', 0-9, *"
                )
        elif c == ".":
            self.read_dot()
        elif c == "*":
            if not self.read_wildcard():
                raise Invalid(f"could not parse the token at position {path.pos}")
        elif not self.read_property_or_function():
            raise Invalid(f"could not parse the token at position {path.pos}")

    def read_dot(self) -> None:
        path = self.path
        if path.current_is(".") and path.next_is("."):
            self.append(tokens.ScanToken())
            path.pos += 2
        elif not path.has_more():
            raise Invalid("a path must not end with '.'")
        else:
            path.pos += 1
        if path.current_is("."):
            raise Invalid(f"character '.' at position {path.pos} is not valid")
        self.read_next()

    def read_property_or_function(self) -> bool:
        path = self.path
        if path.current() in "[*. ":
            return False
        start = read = path.pos
        end = 0
        is_function = False
        while path.in_bounds(read):
            c = path.text[read]
            if c == " ":
                raise Invalid(
                    "use bracket notation ['my prop'] for a property name with blanks "
                    f"(position {path.pos})"
                )
            if c in ".[":
                end = read
                break
            if c == "(":
                is_function = True
                end = read
                break
            read += 1
        if end == 0:
            end = path.end + 1
        parameters: list[Any] | None = None
        if is_function:
            depth = 1
            for i in range(read + 1, path.end + 1):
                if path.text[i] == ")":
                    depth -= 1
                elif path.text[i] == "(":
                    depth += 1
                if depth == 0:
                    break
            name = path.sub(start, end)
            if depth != 0:
                raise Invalid(f"the arguments of the function '{name}' are not closed")
            if path.in_bounds(read + 1):
                if path.char_at(read + 1) != ")":
                    path.pos = end + 1
                    parameters = self.read_parameters(name)
                else:
                    path.pos = read + 1
            else:
                path.pos = read
        else:
            path.pos = end
        name = path.sub(start, end)
        if is_function:
            self.append(tokens.FunctionToken(name, parameters))
        else:
            self.append(tokens.PropertyToken([name], "'"))
        self.more()
        return True

    def read_parameters(self, name: str) -> list[Any]:
        """Jayway's parseFunctionParameters: JSON literals and paths, split on top-level commas."""
        path = self.path
        kind: str | None = None
        paren, bracket, brace, quote = 1, 0, 0, 0
        end_of_stream = False
        prior = "\0"
        parameters: list[Any] = []
        buffer: list[str] = []
        while path.in_bounds() and not end_of_stream:
            c = path.current()
            path.pos += 1
            if kind is None:
                if c in _WHITESPACE:
                    continue
                if c in '{"-' or c.isdecimal():
                    kind = "json"
                elif c in "$@":
                    kind = "path"
            if c == '"':
                if prior != "\\" and quote > 0:
                    quote -= 1
                else:
                    quote += 1
            elif c == "(":
                paren += 1
            elif c == "{":
                brace += 1
            elif c == "[":
                bracket += 1
            elif c == "}":
                if brace == 0:
                    raise Invalid(f"unexpected '}}' at position {path.pos}")
                brace -= 1
            elif c == "]":
                if bracket == 0:
                    raise Invalid(f"unexpected ']' at position {path.pos}")
                bracket -= 1
            if c in "),":
                if c == ")":
                    paren -= 1
                    if paren < 0 or prior == "(":
                        buffer.append(c)
                if (
                    quote == 0
                    and brace == 0
                    and bracket == 0
                    and ((paren == 0 and c == ")") or paren == 1)
                ):
                    end_of_stream = paren == 0
                    if kind is not None:
                        text = "".join(buffer)
                        if kind == "json":
                            parameters.append(tokens.Parameter(json=text))
                        else:
                            parameters.append(
                                tokens.Parameter(path=_PathCompiler(CharIndex(text)).compile())
                            )
                        buffer.clear()
                        kind = None
            if kind is not None and not (c == "," and brace == 0 and bracket == 0 and paren == 1):
                buffer.append(c)
            prior = c
        if brace or paren or bracket:
            raise Invalid(f"the arguments of the function '{name}' are not closed")
        return parameters

    def read_placeholder(self) -> bool:
        path = self.path
        if not path.current_is("["):
            return False
        question = path.next_significant_index("?")
        if question == -1:
            return False
        if path.next_significant(question) not in "],":
            return False
        if path.next_index_of(path.pos + 1, "]") == -1:
            return False
        raise Invalid("[?] placeholders need filter objects, which a translation map cannot pass")

    def read_filter(self) -> bool:
        from tui.runtime.jsonpath.filter_compiler import compile_filter

        path = self.path
        if not path.current_is("[") and not path.next_significant_is("?"):
            return False
        open_statement = path.pos
        question = path.next_significant_index("?")
        if question == -1:
            return False
        open_paren = path.next_significant_index("(", question)
        if open_paren == -1:
            return False
        close_paren = path.matching_close(open_paren, "(", ")", True, True)
        if close_paren == -1:
            return False
        if not path.next_significant_is("]", close_paren):
            return False
        close_statement = path.next_significant_index("]", close_paren)
        criteria = path.sub(open_statement, close_statement + 1)
        self.append(tokens.PredicateToken(compile_filter(criteria)))
        path.pos = close_statement + 1
        self.more()
        return True

    def read_wildcard(self) -> bool:
        path = self.path
        in_bracket = path.current_is("[")
        if in_bracket and not path.next_significant_is("*"):
            return False
        if not path.current_is("*") and path.out_of_bounds(path.pos + 1):
            return False
        if in_bracket:
            star = path.next_significant_index("*")
            if not path.next_significant_is("]", star):
                raise Invalid(f"expected the wildcard to end with ']' at position {star + 1}")
            path.pos = path.next_significant_index("]", star) + 1
        else:
            path.pos += 1
        self.append(tokens.WildcardToken())
        self.more()
        return True

    def read_array(self) -> bool:
        path = self.path
        if not path.current_is("["):
            return False
        nxt = path.next_significant()
        if not (nxt.isdecimal() or nxt in "-:"):
            return False
        begin = path.pos + 1
        close = path.next_index_of(begin, "]")
        if close == -1:
            return False
        expression = path.sub(begin, close).strip(_JAVA_BLANKS)
        if expression == "*":
            return False
        if any(not (c.isdecimal() or c in ",-: ") for c in expression):
            return False
        if ":" in expression:
            self.append(_slice_token(expression))
        else:
            self.append(_index_token(expression))
        path.pos = close + 1
        self.more()
        return True

    def read_bracket_property(self) -> bool:
        path = self.path
        if not path.current_is("["):
            return False
        delimiter = path.next_significant()
        if delimiter not in "'\"":
            return False
        properties: list[str] = []
        start = read = path.pos + 1
        end = 0
        in_property = escaped = last_was_comma = False
        while path.in_bounds(read):
            c = path.text[read]
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == "]" and not in_property:
                if last_was_comma:
                    raise Invalid(f"empty property at index {read}")
                break
            elif c == delimiter:
                if in_property:
                    if path.next_significant(read) not in "],":
                        raise Invalid(
                            f"properties must be separated by ',' and closed by ']' (index {read})"
                        )
                    end = read
                    properties.append(java_unescape(path.sub(start, end)))
                    in_property = False
                else:
                    start = read + 1
                    in_property = True
                    last_was_comma = False
            elif c == "," and not in_property:
                if last_was_comma:
                    raise Invalid(f"empty property at index {read}")
                last_was_comma = True
            read += 1
        if in_property:
            raise Invalid(f"the property is not closed: missing {delimiter}")
        close = path.next_significant_index("]", end)
        if close == -1:
            raise Invalid("the property is not closed: missing ]")
        path.pos = close + 1
        if not properties:
            raise Invalid("empty properties")
        self.append(tokens.PropertyToken(properties, delimiter))
        self.more()
        return True


# java.lang.String.trim removes every character <= ' '.
_JAVA_BLANKS = "".join(chr(c) for c in range(33))


def _parse_int(text: str) -> int:
    """Java Integer.parseInt (accepts any Unicode decimal digits, an optional sign)."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not all(c.isdecimal() for c in body):
        raise ValueError(text)
    value = int(text)
    if not -(2**31) <= value < 2**31:
        raise ValueError(text)
    return value


def _index_token(expression: str) -> tokens.ArrayIndexToken:
    import re

    return tokens.ArrayIndexToken([_parse_int(p) for p in re.split(r"\s*,\s*", expression)])


def _slice_token(expression: str) -> tokens.ArraySliceToken:
    if any(not (c.isdecimal() or c in "-:") for c in expression):
        raise Invalid(f"failed to parse the slice {expression}")
    parts = expression.split(":")
    while parts and parts[-1] == "":  # Java's split drops trailing empty strings
        parts.pop()
    start = _parse_int(parts[0]) if len(parts) > 0 and parts[0] != "" else None
    stop = _parse_int(parts[1]) if len(parts) > 1 and parts[1] != "" else None
    if start is None and stop is None:
        raise Invalid(f"failed to parse the slice {expression}")
    return tokens.ArraySliceToken(start, stop)
