"""JSONPath evaluation with the semantics of Jayway json-path 2.0.0 (what Genesys runs).

Why not jsonpath-ng: Jayway 2.0.0 differs from it (and from RFC 9535) in ways translation maps
depend on: which paths are definite, PathNotFoundException rules, `..` over arrays, filter
parsing (split on `&&`/`||`, parentheses ignored, `["a"]` rejected), comparisons through
BigDecimal with "nullish" strings. Bending jsonpath-ng to all of that would mean replacing its
parser and evaluator anyway, so this package is a small port of Jayway's own compiler and
tokens, checked against the real jar by the differential suite in tests/conformance.

    compile_path(path) -> CompiledPath   (cached; raises JsonPathSyntaxError)
    CompiledPath.evaluate(document)      definite path: the value (PathNotFoundError if
                                         missing); indefinite path: a list, maybe empty
"""

from __future__ import annotations

import functools
from typing import Any, cast

from tui.runtime.jsonpath import compiler, tokens
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

    __slots__ = (
        "_names",
        "_tokens",
        "first_name",
        "is_definite",
        "is_root_path",
        "path",
        "simple_names",
    )

    def __init__(self, path: str, path_tokens: list[tokens.Token], is_root_path: bool) -> None:
        self.path = path
        self._tokens = path_tokens
        self.is_root_path = is_root_path
        self.is_definite = all(t.definite for t in path_tokens)
        simple = all(
            type(t) is tokens.PropertyToken and len(t.properties) == 1 for t in path_tokens[1:]
        )
        # `$.a.b` style paths (the common case, and every path inside a filter) skip the
        # token machinery; the result and errors are the same.
        self._names = (
            [cast(tokens.PropertyToken, t).properties[0] for t in path_tokens[1:]]
            if simple
            else None
        )
        self.simple_names = len(self._names) if self._names is not None else -1
        self.first_name = self._names[0] if self._names else None

    def __repr__(self) -> str:
        return f"CompiledPath({self.path!r})"

    def read(self, document: Any, root: Any, require_properties: bool = False) -> Any:
        """Jayway `path.evaluate(document, root, conf).getValue()`; internal errors escape."""
        names = self._names
        if names is not None:
            value = document
            for name in names:
                if not isinstance(value, dict):
                    raise PathNotFoundError(f"property '{name}' not found: not an object there")
                try:
                    value = value[name]
                except KeyError:
                    raise PathNotFoundError(f"no property '{name}' in the object") from None
            return value
        ctx = tokens.EvalContext(root, require_properties)
        self._tokens[0].evaluate(document, ctx)
        if self.is_definite:
            if not ctx.results:
                raise PathNotFoundError("no results")
            return ctx.results[0]
        return ctx.results

    def evaluate(self, document: Any) -> Any:
        """Apply the path to a parsed document (see `tui.runtime.jsontext.parse_json`)."""
        try:
            return self.read(document, document)
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


@functools.lru_cache(maxsize=2048)
def _compile(path: str) -> CompiledPath:
    path_tokens, is_root_path = compiler.compile_tokens(path, _compile)
    return CompiledPath(path, path_tokens, is_root_path)


def compile_path(path: str) -> CompiledPath:
    """Parse `path` like Jayway 2.0.0 (cached). Paths without `$` are rooted at `$`."""
    if not isinstance(path, str):
        raise JsonPathSyntaxError(str(path), "a JSONPath must be text")
    try:
        return _compile(path)
    except compiler._Invalid as exc:
        raise JsonPathSyntaxError(path, exc.message, exc.position) from None
    except RecursionError:
        raise JsonPathSyntaxError(path, "the path is nested too deeply") from None


def evaluate(path: str, document: Any) -> Any:
    """Evaluate `path` on a parsed document: a value (definite path) or a list."""
    return compile_path(path).evaluate(document)


def is_definite(path: str) -> bool:
    """Whether Jayway returns a single value (True) or a list (False) for `path`."""
    return compile_path(path).is_definite
