"""Errors raised while parsing or rendering a Velocity template."""

from __future__ import annotations


class VelocityError(Exception):
    """A runtime failure (Velocity's MethodInvocationException and friends)."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        template_name: str = "template",
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.template_name = template_name
        where = f"{template_name}[line {line}, column {column}]" if line else template_name
        super().__init__(f"{message} at {where}")


class VelocitySyntaxError(VelocityError):
    """The template does not parse (Velocity's ParseErrorException); line/column are 1-based."""


class JavaException(Exception):
    """A Java exception thrown by a method a template called (e.g. substring out of range)."""

    def __init__(self, java_class: str, detail: str = "") -> None:
        self.java_class = java_class
        self.detail = detail
        super().__init__(f"{java_class}: {detail}" if detail else java_class)
