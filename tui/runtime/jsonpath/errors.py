"""Errors raised by the JSONPath engine (mirroring Jayway's exceptions)."""

from __future__ import annotations


class JsonPathSyntaxError(ValueError):
    """The path is not valid Jayway 2.9.0 syntax (Jayway `InvalidPathException`)."""

    java_exception = "InvalidPathException"

    def __init__(self, path: str, message: str, position: int | None = None) -> None:
        self.path = path
        self.position = position
        self.message = message
        where = f" at character {position + 1}" if position is not None else ""  # 1-based
        super().__init__(f"invalid JSONPath {path!r}{where}: {message}")


class JsonPathEvaluationError(JsonPathSyntaxError):
    """Jayway rejects the path while applying it to this document.

    Jayway reports these as `InvalidPathException` too (e.g. `[0]` applied to a string), or
    fails with a plain Java exception (`java_exception` names it, e.g. a filter comparing a
    number with the unquoted word `abc` raises `NumberFormatException`).
    """

    def __init__(self, path: str, message: str, java_exception: str = "InvalidPathException"):
        super().__init__(path, message)
        self.java_exception = java_exception


class PathNotFoundError(LookupError):
    """A path that does not resolve in the document (Jayway `PathNotFoundException`)."""

    java_exception = "PathNotFoundException"

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class _JavaRuntimeError(Exception):
    """Internal: a Java runtime exception Jayway 2.9.0 lets escape during evaluation."""

    def __init__(self, java_exception: str, message: str) -> None:
        super().__init__(message)
        self.java_exception = java_exception
        self.message = message


class _InvalidPathAtRuntime(Exception):
    """Internal: Jayway's InvalidPathException thrown while evaluating."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
