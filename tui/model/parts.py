"""The action parts a person may hand-edit, and the one answer to "which version is used".

Each part is generated from the friendly fields (inputs, outputs) unless the spec carries the
user's own version (its override field). Compiling, validating, testing, exporting and
deploying all ask :func:`effective`, so an edited part travels everywhere a generated one does.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Literal

from tui.model import generate
from tui.model.spec import Spec

PartKey = Literal["input", "output", "translationMap", "translationMapDefaults", "successTemplate"]
# Part key (the wire name, as the Review step and guide call it) -> the spec's override field.
OVERRIDE_FIELDS: dict[PartKey, str] = {
    "input": "input_schema",
    "output": "output_schema",
    "translationMap": "translation_map",
    "translationMapDefaults": "translation_map_defaults",
    "successTemplate": "success_template",
}
TITLES: dict[PartKey, str] = {
    "input": "input contract",
    "output": "output contract",
    "translationMap": "translation map",
    "translationMapDefaults": "translation map defaults",
    "successTemplate": "success template",
}
JSON_PARTS: tuple[PartKey, ...] = ("input", "output", "translationMap", "translationMapDefaults")


def generated(spec: Spec, key: PartKey) -> Any:
    """What the friendly fields generate for the part, ignoring any hand edit."""
    if key == "input":
        return generate.input_schema(spec.inputs)
    if key == "output":
        return generate.output_schema(spec.outputs)
    if key == "translationMap":
        return generate.translation_map(spec.outputs)
    if key == "translationMapDefaults":
        return generate.translation_map_defaults(spec.outputs)
    return generate.success_template(spec.outputs)


def override(spec: Spec, key: PartKey) -> Any:
    """The user's own version of the part, or None when it is generated."""
    return getattr(spec, OVERRIDE_FIELDS[key])


def effective(spec: Spec, key: PartKey) -> Any:
    """The version of the part the action uses: the hand edit when there is one."""
    mine = override(spec, key)
    return copy.deepcopy(mine) if mine is not None else generated(spec, key)


def set_override(spec: Spec, key: PartKey, value: Any) -> None:
    """Keep `value` as the part (None, or the generated value itself, means generated)."""
    same = value is None or value == generated(spec, key)
    setattr(spec, OVERRIDE_FIELDS[key], None if same else copy.deepcopy(value))


def overridden(spec: Spec) -> list[PartKey]:
    return [k for k in OVERRIDE_FIELDS if override(spec, k) is not None]


class PartSyntaxError(ValueError):
    """A hand-edited part that is not even the right kind of text (JSON syntax, shape)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def render(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        return where + self.message


MAP_PARTS: tuple[PartKey, ...] = ("translationMap", "translationMapDefaults")


def parse_part(key: PartKey, text: str) -> Any:
    """The value a hand-edited part's text stands for (the template is its own text)."""
    if key == "successTemplate":
        return text
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PartSyntaxError(f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno) from None
    if key in MAP_PARTS:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            what = "a JSONPath" if key == "translationMap" else "JSON text in a string"
            raise PartSyntaxError(f'write a JSON object of "name": "..." pairs, each value {what}')
    elif not isinstance(value, dict):
        raise PartSyntaxError("a contract is a JSON Schema object: {...}")
    return value


def part_text(value: Any) -> str:
    """How the editor shows a part's value (JSON indented; the template as written)."""
    return value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
