"""Path parser, a line-by-line port of Jayway json-path 2.0.0's PathCompiler and Filter.parse.

Jayway 2.0.0's parser is idiosyncratic (it splits filters on `&&`/`||` without regard to
quotes or parentheses, ignores grouping parentheses, accepts `[1a]` as `[1]`, rejects
`["a"]`). Genesys answers follow those rules, so they are reproduced exactly rather than
written as a grammar. Any failure becomes a `_Invalid` error carrying the best position known.
"""

from __future__ import annotations

import re
from typing import Any

from tui.runtime.jsonpath import filters, tokens


class _Invalid(Exception):
    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _Offset:
    """Maps positions in the normalised path back to the path the user wrote."""

    def __init__(self, shift: int) -> None:
        self.shift = shift

    def __call__(self, index: int) -> int:
        return max(0, index - self.shift)


def java_trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def compile_tokens(path: str, compile_sub: Any) -> tuple[list[tokens.Token], bool]:
    """Tokens of `path` and whether it is rooted at `$` (not `@`).

    `compile_sub(path)` compiles the paths used inside filters (cached by the caller).
    """
    if not path:
        raise _Invalid("the path is empty; write e.g. $.name", None)
    lead = next((k for k, ch in enumerate(path) if ch > " "), 0)
    path = java_trim(path)
    if not path:
        raise _Invalid("the path is blank; write e.g. $.name", 0)
    if path.endswith(".."):
        raise _Invalid("a path cannot end with '..'; name what to scan for, e.g. $..id", len(path))
    shift = -lead
    if path[0] not in "$@":
        path = "$." + path
        shift += 2
    at = _Offset(shift)
    is_root_path = path[0] == "$"
    if path[0] == "@":
        path = "$" + path[1:]
    if len(path) > 1 and path[1] not in ".[":
        raise _Invalid(
            "after '$' a path continues with '.' or '[', e.g. $.name or $['name']", at(1)
        )
    result: list[tokens.Token] = []
    i, n = 0, len(path)
    while True:
        current = path[i]
        start = i
        if current == " ":
            raise _Invalid(
                "spaces are not allowed outside brackets; for a key with spaces write ['my key']",
                at(i),
            )
        if current == "$":
            fragment = "$"
            i += 1
        elif current == "[":
            length = _until_closed(path, i)
            fragment = path[i : i + length]
            i += length
        elif current == ".":
            i += 1
            if i >= n:
                raise _Invalid("the path ends with '.'; remove it or add a property name", at(i))
            if path[i] == ".":
                fragment = ".."
                i += 1
            else:
                length = _fast_forward(path, i)
                if length == 0:
                    if i >= n:
                        break
                    continue
                if length == 1 and path[i] == "*":
                    fragment = "[*]"
                else:
                    fragment = "['" + path[i : i + length] + "']"
                i += length
        elif current == "*":
            fragment = "[*]"
            i += 1
        else:
            length = _fast_forward(path, i)
            fragment = "['" + path[i : i + length] + "']"
            i += length
        token = _analyze(fragment, compile_sub, at(start))
        if not result and not isinstance(token, tokens.RootToken):
            raise _Invalid("a path must start at the root '$'", at(start))
        result.append(token)
        if i >= n:
            break
    tokens.link(result)
    return result, is_root_path


def _fast_forward(path: str, index: int) -> int:
    end = index
    while end < len(path) and path[end] not in ".[ ":
        end += 1
    return end - index


def _until_closed(path: str, index: int) -> int:
    count, nested = 1, 0
    index += 1
    while index < len(path):
        current = path[index]
        index += 1
        count += 1
        if current == "]" and nested == 0:
            break
        if current == "[":
            nested += 1
        if current == "]":
            nested -= 1
    return count


_PLACEHOLDERS = re.compile(r"\[\s*\?\s*[,\s*\?]*?\s*]", re.ASCII)


def _analyze(fragment: str, compile_sub: Any, position: int) -> tokens.Token:
    """Jayway's PathComponentAnalyzer.analyze for one fragment."""
    if fragment == "$":
        return tokens.RootToken()
    if fragment == "..":
        return tokens.ScanToken()
    if fragment in ("[*]", ".*"):
        return tokens.WildcardToken()
    if _PLACEHOLDERS.fullmatch(fragment):
        return tokens.PredicateToken([None] * fragment.count("?"))
    try:
        for i, current in enumerate(fragment):
            if current == "?":
                return _filter_token(fragment, i, compile_sub, position)
            if current == "'":
                return _property_token(fragment, i)
            if current.isdecimal() or current in ":-@":
                return _array_token(fragment, i)
    except _Invalid as exc:
        if exc.position is None:
            exc.position = position
        raise
    except (IndexError, ValueError, re.error, RecursionError) as exc:
        raise _Invalid(_explain(fragment, exc), position) from None
    hint = ""
    if fragment.startswith('["'):
        hint = "; Jayway 2.0.0 only accepts single quotes: ['name']"
    raise _Invalid(f"cannot understand {fragment!r}{hint}", position)


def _explain(fragment: str, exc: Exception) -> str:
    if isinstance(exc, re.error):
        return f"invalid regular expression in {fragment!r}: {exc}"
    if not fragment.endswith("]"):
        return f"{fragment!r} is not closed; add the missing ']'"
    return f"cannot understand {fragment!r}"


def _property_token(fragment: str, i: int) -> tokens.Token:
    properties: list[str] = []
    buffer: list[str] = []
    is_open = False
    current = fragment[i]
    while current != "]":
        if current == "'":
            if is_open:
                properties.append("".join(buffer))
                buffer.clear()
                is_open = False
            else:
                is_open = True
        elif is_open:
            buffer.append(current)
        i += 1
        current = fragment[i]
    return tokens.PropertyToken(properties)


def _parse_int(text: str) -> int:
    """Java Integer.parseInt."""
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(text)
    value = int(text)
    if not -(2**31) <= value < 2**31:
        raise ValueError(text)
    return value


def _array_token(fragment: str, i: int) -> tokens.Token:
    buffer: list[str] = []
    numbers: list[int] = []
    current = fragment[i]
    context_size = current == "@"
    slice_to = slice_from = slice_between = index_sequence = False
    if context_size:
        i += 2
        current = fragment[i]
        while current != "-":
            if current not in " ()":
                buffer.append(current)
            i += 1
            current = fragment[i]
        function = "".join(buffer)
        buffer.clear()
        if function not in ("size", "length"):
            raise _Invalid(
                f"unknown function @.{function}; only [(@.length - n)] and [(@.size() - n)] exist"
            )
        while current != ")":
            if current != " ":
                buffer.append(current)
            i += 1
            current = fragment[i]
    else:
        while current.isdecimal() or current in ", :-":
            if current == ":":
                if not buffer:
                    slice_to = True
                    i += 1
                    current = fragment[i]
                    while current.isdecimal() or current in " -":
                        if current != " ":
                            buffer.append(current)
                        i += 1
                        current = fragment[i]
                    numbers.append(_parse_int("".join(buffer)))
                    buffer.clear()
                else:
                    numbers.append(_parse_int("".join(buffer)))
                    buffer.clear()
                    i += 1
                    current = fragment[i]
                    while current.isdecimal() or current in " -":
                        if current != " ":
                            buffer.append(current)
                        i += 1
                        current = fragment[i]
                    if not buffer:
                        slice_from = True
                    else:
                        slice_between = True
                        numbers.append(_parse_int("".join(buffer)))
                        buffer.clear()
            elif current == ",":
                numbers.append(_parse_int("".join(buffer)))
                buffer.clear()
                index_sequence = True
            elif current != " ":
                buffer.append(current)
            if current == "]":
                break
            i += 1
            current = fragment[i]
    if buffer:
        numbers.append(_parse_int("".join(buffer)))
    if len(numbers) == 1 and not slice_to and not slice_from and not context_size:
        operation = tokens.SINGLE_INDEX
    elif index_sequence:
        operation = tokens.INDEX_SEQUENCE
    elif slice_from:
        operation = tokens.SLICE_FROM
    elif slice_to:
        operation = tokens.SLICE_TO
    elif slice_between:
        operation = tokens.SLICE_BETWEEN
    elif context_size:
        operation = tokens.CONTEXT_SIZE
    else:
        raise _Invalid(f"cannot understand the array index {fragment!r}")
    return tokens.ArrayToken(numbers, operation)


# ---------------------------------------------------------------------------- filters


def _filter_token(fragment: str, i: int, compile_sub: Any, position: int) -> tokens.Token:
    start, end = _filter_bounds(fragment, i)
    return tokens.PredicateToken([_parse_filter(fragment[start:end], compile_sub)])


def _filter_bounds(fragment: str, i: int) -> tuple[int, int]:
    start = i
    while fragment[start] != "[":
        start -= 1
    end = 0
    previous = " "
    current_index = start
    in_quotes = False
    square = round_ = 0
    while end == 0:
        if current_index >= len(fragment):
            raise _Invalid(
                f"the filter {fragment!r} is not closed; it must look like [?(<condition>)] "
                "(a ']' inside quotes ends the brackets early in Jayway 2.0.0)"
            )
        c = fragment[current_index]
        if c == "(" and not in_quotes:
            round_ += 1
        elif c == ")" and not in_quotes:
            round_ -= 1
        elif c == "[" and not in_quotes:
            square += 1
        elif c == "]" and not in_quotes:
            square -= 1
            if round_ == 0:
                end = current_index + 1
        elif c == "'" and previous != "\\":
            in_quotes = not in_quotes
        previous = c
        current_index += 1
    if round_ != 0 or square != 0:
        raise _Invalid(f"the brackets of the filter {fragment!r} are not balanced")
    return start, end


def _split_logical(text: str) -> list[str]:
    """Java `text.split("((?<=&&|\\|\\|)|(?=&&|\\|\\|))")`."""

    def is_operator(at: int) -> bool:
        return text[at : at + 2] in ("&&", "||")

    cuts = [p for p in range(1, len(text) + 1) if is_operator(p) or (p >= 2 and is_operator(p - 2))]
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    while pieces and pieces[-1] == "":
        pieces.pop()
    return pieces or [""]


def _parse_filter(text: str, compile_sub: Any) -> Any:
    """Jayway's Filter.parse: `[?(<criterion> (&&|||) <criterion> ...)]`."""
    text = java_trim(text)
    if not (text.startswith("[") and text.endswith("]")):
        raise _Invalid("a filter must look like [?(<condition>)]")
    text = java_trim(text[1:-1])
    if not text.startswith("?"):
        raise _Invalid("a filter must look like [?(<condition>)]")
    text = java_trim(text[1:])
    if not (text.startswith("(") and text.endswith(")")):
        raise _Invalid("a filter must look like [?(<condition>)], with parentheses")
    text = java_trim(text[1:-1])
    operators: list[str] = []
    criteria: list[Any] = []
    for piece in _split_logical(text):
        piece = java_trim(piece)
        if piece in ("&&", "||"):
            operators.append(piece)
        else:
            criteria.append(_parse_criterion(_clean_criterion(piece), compile_sub))
    if not criteria:
        raise _Invalid("the filter has no condition")
    root: Any = filters.SingleFilter(criteria.pop())
    while operators:
        operator = operators.pop()
        if not criteria:
            raise _Invalid(f"'{operator}' needs a condition on both sides")
        root = root.and_(criteria.pop()) if operator == "&&" else root.or_(criteria.pop())
    if criteria:
        raise _Invalid("conditions must be joined with && or ||")
    return root


def _clean_criterion(text: str) -> str:
    begin, end = 0, len(text) - 1
    if not text:
        raise _Invalid("empty condition in filter")
    while text[begin] in "[?( ":
        begin += 1
    while text[end] in ") ":
        end -= 1
        if end < 0:
            raise IndexError(end)
    if begin > end + 1:
        raise IndexError(begin)
    return text[begin : end + 1]


def _parse_criterion(text: str, compile_sub: Any) -> Any:
    operator = ""
    left, right = java_trim(text), ""
    for candidate in filters.OPERATOR_SEARCH_ORDER:
        index = text.find(candidate)
        if index != -1:
            operator = candidate
            left = java_trim(text[:index])
            right = java_trim(text[index + len(candidate) :])
            break
    exists = True
    left_operand: Any = left
    right_operand: Any = right
    left_path = None
    if _is_path(left):
        if left[0] == "!":
            exists = False
            left = left[1:]
        left_path = _sub_path(left, compile_sub)
        left_operand = left_path
    elif _is_string(left):
        left_operand = _unquote(left)
    elif _is_pattern(left):
        left_operand = _pattern(left)
    if _is_path(right):
        if right[0] == "!":
            raise _Invalid("'!' can only negate an existence check, e.g. [?(!@.name)]")
        right_operand = _sub_path(right, compile_sub)
    elif _is_string(right):
        right_operand = _unquote(right)
    elif _is_pattern(right):
        right_operand = _pattern(right)
    if left_path is not None and not operator:
        return filters.ExistsCriterion(left_path, exists)
    if not operator:
        raise _Invalid(
            f"the condition {text!r} has no operator; use ==, !=, <, <=, >, >=, =~ "
            "or an existence check like @.name"
        )
    return filters.Criterion(left_operand, operator, right_operand)


def _sub_path(text: str, compile_sub: Any) -> filters.PathOperand:
    try:
        compiled = compile_sub(text)
    except _Invalid as exc:
        raise _Invalid(f"in the filter path {text!r}: {exc.message}") from None
    if not compiled.is_definite:
        raise _Invalid(
            f"the path {text!r} inside a filter must point at one value "
            "(no '..', '*', filters, slices or index lists)"
        )
    return filters.PathOperand(compiled)


def _is_path(text: str) -> bool:
    return text.startswith(("$", "@", "!@"))


def _is_string(text: str) -> bool:
    return bool(text) and text[0] == "'" and text[-1] == "'"


def _unquote(text: str) -> str:
    if len(text) < 2:
        raise _Invalid("unterminated string literal ' in filter")
    return text[1:-1]


def _is_pattern(text: str) -> bool:
    return (
        bool(text)
        and text[0] == "/"
        and (text[-1] == "/" or (len(text) >= 2 and text[-2] == "/" and text[-1] == "i"))
    )


def _pattern(text: str) -> filters.JavaPattern:
    last = text.rfind("/")
    if last < 1:
        raise _Invalid("empty regular expression '/'; write e.g. /^abc.*/")
    return filters.JavaPattern(text[1:last], text.endswith("i"))
