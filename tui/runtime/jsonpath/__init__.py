"""JSONPath evaluation with the semantics of Jayway json-path 2.9.0 (what Genesys runs).

Why our own engine and not jsonpath-ng: Jayway differs from it (and from RFC 9535) in ways
translation maps depend on: which paths are definite, when a missing key fails the read,
`..` over arrays, filter comparisons through BigDecimal text, json-smart's number types, path
functions such as `.length()`. Bending jsonpath-ng to all of that would mean replacing its
parser and evaluator anyway, so this package is a port of Jayway's own compiler, tokens,
filters and functions, checked against the real jar by the differential suite in
tests/conformance (which also reports where Jayway 2.0.0 answered differently).

    compile_path(path) -> CompiledPath   (cached; raises JsonPathSyntaxError)
    CompiledPath.evaluate(document)      definite path: the value (PathNotFoundError if
                                         missing); indefinite path: a list, maybe empty
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from tui.runtime.jsonpath import compiler, tokens
from tui.runtime.jsonpath.charindex import Invalid
from tui.runtime.jsonpath.errors import (
    JsonPathEvaluationError,
    JsonPathSyntaxError,
    PathNotFoundError,
    _InvalidPathAtRuntime,
    _JavaRuntimeError,
)

__all__ = [
    "CompiledPath",
    "JsonPathEvaluationError",
    "JsonPathSyntaxError",
    "PathNotFoundError",
    "compile_path",
    "evaluate",
    "is_definite",
]


class CompiledPath:
    """A parsed path, reusable across documents."""

    __slots__ = ("_names", "_tokens", "is_definite", "is_root_path", "lead", "path")

    def __init__(self, path: str, token_path: tokens.TokenPath) -> None:
        self.path = path
        self._tokens = token_path
        self.is_root_path = token_path.is_root_path
        self.is_definite = token_path.is_definite
        chain = token_path.tokens[1:]
        simple = bool(chain) and all(
            type(t) is tokens.PropertyToken and len(t.properties) == 1 for t in chain
        )
        # `$.a.b` style paths (the common case) skip the token machinery: in Jayway any
        # missing step of such a path fails the read, which is all this loop has to do.
        self._names = [t.properties[0] for t in chain] if simple else None  # type: ignore[attr-defined]
        # The leading steps that pick one property (a str) or one index (an int): all a reader
        # of a document that is not built in full needs to find where the rest applies.
        lead: list[str | int] = []
        for t in chain:
            if type(t) is tokens.PropertyToken and len(t.properties) == 1:
                lead.append(t.properties[0])
            elif type(t) is tokens.ArrayIndexToken and len(t.indexes) == 1:
                lead.append(t.indexes[0])
            else:
                break
        self.lead: tuple[str | int, ...] = tuple(lead)

    def __repr__(self) -> str:
        return f"CompiledPath({self.path!r})"

    def evaluate(self, document: Any) -> Any:
        """Apply the path to a parsed document (see `tui.runtime.jsontext.parse_json`)."""
        names = self._names
        if names is not None:
            value = document
            for name in names:
                if type(value) is not dict or name not in value:
                    raise PathNotFoundError(f"no value at {self.path}: no property '{name}' there")
                value = value[name]
            return value
        return self._answer(lambda: self._tokens.value(document, document))

    def evaluate_below(self, model: Any, document: Callable[[], Any]) -> Any:
        """`evaluate(document())` given `model`, the value the steps of `lead` lead to from the
        document (each found: a property present in an object, an index inside an array).

        `document` is called only if the rest of the path reads the root (a `$` path in a
        filter, a function argument), so a reader that built only `model` stays that cheap.
        """
        return self._answer(lambda: self._tokens.value_below(len(self.lead), model, document))

    def _answer(self, evaluation: Callable[[], Any]) -> Any:
        """The evaluation's value, its failures worded as this package's errors."""
        try:
            return evaluation()
        except PathNotFoundError as exc:
            raise PathNotFoundError(f"no value at {self.path}: {exc.message}") from None
        except _InvalidPathAtRuntime as exc:
            raise JsonPathEvaluationError(self.path, exc.message) from None
        except _JavaRuntimeError as exc:
            raise JsonPathEvaluationError(self.path, exc.message, exc.java_exception) from None
        except RecursionError:
            raise JsonPathEvaluationError(
                self.path, "the document is nested too deeply to evaluate", "StackOverflowError"
            ) from None
        finally:
            tokens.reset_array_indexes()


@functools.lru_cache(maxsize=2048)
def _compile(path: str) -> CompiledPath:
    return CompiledPath(path, compiler.compile_tokens(path))


def compile_path(path: str) -> CompiledPath:
    """Parse `path` like Jayway 2.9.0 (cached). Paths without `$` are rooted at `$`."""
    if not isinstance(path, str):
        raise JsonPathSyntaxError(str(path), "a JSONPath must be text")
    try:
        return _compile(path)
    except Invalid as exc:
        hint = _explain(path)
        message = exc.message if hint.startswith("Jayway") else f"{exc.message}; {hint}"
        raise JsonPathSyntaxError(path, message) from None
    except RecursionError:
        raise JsonPathSyntaxError(path, "the path is nested too deeply") from None
    except (IndexError, ValueError, ArithmeticError, _JavaRuntimeError, _InvalidPathAtRuntime):
        raise JsonPathSyntaxError(path, _explain(path)) from None


def _explain(path: str) -> str:
    """A hint for paths Jayway rejects without a message of its own."""
    if path.count("[") != path.count("]"):
        return "the brackets are not balanced; add the missing ']'"
    if path.count("(") != path.count(")"):
        return "the parentheses are not balanced; a filter looks like [?(@.type == 'work')]"
    if path.count("'") % 2 or path.count('"') % 2:
        return "a quote is not closed"
    if not path.strip():
        return "the path is empty; write e.g. $.name"
    return "Jayway cannot parse this path"


def evaluate(path: str, document: Any) -> Any:
    """Evaluate `path` on a parsed document: a value (definite path) or a list."""
    return compile_path(path).evaluate(document)


def is_definite(path: str) -> bool:
    """Whether Jayway returns a single value (True) or a list (False) for `path`."""
    return compile_path(path).is_definite
