"""Live previews of mappings: what the runtime extracts, and what Architect finally gets."""

from __future__ import annotations

from typing import Any

from tui.model.compile import success_value
from tui.model.jsontree import infer_type, takes_first
from tui.model.paths import looks_indefinite
from tui.model.spec import OutputSpec
from tui.runtime.jsonpath import JsonPathSyntaxError, PathNotFoundError, compile_path
from tui.runtime.jsontext import to_json_text
from tui.runtime.velocity import VelocityError, genesys_tools, render

PREVIEW_CHARS = 200


def clip(text: str, limit: int = PREVIEW_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def preview(path: str, document: Any, limit: int = PREVIEW_CHARS) -> tuple[bool, str]:
    """What the runtime extracts for `path` (as JSON text), or why it cannot."""
    try:
        value = compile_path(path).evaluate(document)
    except PathNotFoundError as exc:
        return False, f"not found: {exc} (the default is used)"
    except JsonPathSyntaxError as exc:
        return False, f"invalid path: {exc}"
    return True, clip(to_json_text(value), limit)


def output_preview(
    output: OutputSpec, document: Any, limit: int = PREVIEW_CHARS
) -> tuple[bool, str]:
    """What Architect gets for a mapping, or why it gets nothing.

    A scalar-typed filter or wildcard path extracts an array, but the compiled success template
    keeps its first element (`firstFromArray`): that line of the template is rendered here with
    the runtime's Velocity, so the preview is the value the action returns.
    """
    if not takes_first(output):
        return preview(output.path, document, limit)
    try:
        value = compile_path(output.path).evaluate(document)
    except PathNotFoundError as exc:
        return False, f"not found: {exc} (the default is used)"
    except JsonPathSyntaxError as exc:
        return False, f"invalid path: {exc}"
    matches = len(value) if isinstance(value, list) else 1
    context = {**genesys_tools(), output.name: to_json_text(value)}
    try:
        got = render(success_value(output), context, name="successTemplate")
    except VelocityError as exc:
        return False, f"the success template fails: {exc.message}"
    if matches == 0:
        return True, clip(f"{got}  (no match: the default)", limit)
    return True, clip(f"{got}  (first of {matches} matches)", limit)


def evaluate(path: str, document: Any) -> Any:
    return compile_path(path).evaluate(document)


def mapping_form_preview(
    values: dict[str, str], document: Any, previous_path: str
) -> tuple[str, bool, dict[str, str]]:
    """The mapping dialog's live line: what Architect gets for the values being edited.

    When the path turns from definite to indefinite (or back), the type and item type are
    suggested again from what the new path extracts.
    """
    path = values.get("path", "").strip()
    if not path:
        return "type a JSONPath", False, {}
    if document is None:
        return "fetch a response to preview", False, {}
    suggested: dict[str, str] = {}
    if looks_indefinite(path) != looks_indefinite(previous_path):
        try:
            kind, items = infer_type(path, compile_path(path).evaluate(document))
        except (PathNotFoundError, JsonPathSyntaxError):
            pass
        else:
            suggested = {"type": kind, **({"items": items} if items else {})}
    shown = {**values, **suggested}
    try:
        output = OutputSpec.model_validate(
            {
                "name": "value",
                "path": path,
                "type": shown["type"],
                "items": shown.get("items") if shown["type"] == "array" else None,
            }
        )
    except ValueError:  # the record's ValidationError: show what the path alone extracts
        ok, text = preview(path, document)
    else:
        ok, text = output_preview(output, document)
    return ("= " if ok else "✘ ") + text, ok, suggested
