"""Live checking of the Review step's hand edits, by the same rules as `dataaction validate`.

An edit is applied only when the action it gives has no error the current action does not
have: JSON syntax and shape here, then the project's validator (contracts as JSON Schema,
JSONPaths the runtime parses, the Velocity parser) and a run of the runtime's test steps on the
fetched sample, whose result must satisfy the output contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tui.model.action import Action
from tui.model.compile import compile_spec
from tui.model.parts import PartKey, PartSyntaxError, effective, parse_part, set_override
from tui.model.problems import DataActionError, Problem
from tui.model.spec import Spec

# Which editor a validator problem belongs to, by its wire field (longest prefix first).
FIELD_PARTS: tuple[tuple[str, PartKey], ...] = (
    ("contract.input", "input"),
    ("contract.output", "output"),
    ("config.response.translationMapDefaults", "translationMapDefaults"),
    ("config.response.translationMap", "translationMap"),
    ("config.response.successTemplate", "successTemplate"),
)


def part_of(problem: Problem) -> PartKey | None:
    for prefix, key in FIELD_PARTS:
        if problem.field == prefix or problem.field.startswith(prefix + "."):
            return key
    return None


def describe(problem: Problem) -> str:
    """The problem as the editor shows it: the position inside the part when known."""
    where = f"line {problem.line}, column {problem.column}: " if problem.line is not None else ""
    field_name = "" if where else f"{problem.field}: " if problem.field else ""
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{where}{field_name}{problem.message}{hint}"


@dataclass
class EditCheck:
    values: dict[PartKey, Any] = field(default_factory=dict)  # edits that change the action
    errors: dict[PartKey, list[str]] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # new errors outside the edited parts

    @property
    def ok(self) -> bool:
        return not self.errors and not self.elsewhere


def _errors(spec: Spec, problems: Callable[[Action], list[Problem]]) -> list[Problem]:
    try:
        found = problems(compile_spec(spec))
    except DataActionError as exc:
        found = list(exc.problems)
    except ValueError as exc:  # the spec's own validation (its records)
        found = [Problem(str(exc))]
    return [p for p in found if p.severity == "error"]


def check_edits(
    spec: Spec, texts: dict[PartKey, str], problems: Callable[[Action], list[Problem]]
) -> EditCheck:
    """What applying the editors' `texts` to `spec` would break (nothing: `ok`)."""
    out = EditCheck()
    for key, text in texts.items():
        try:
            value = parse_part(key, text)
        except PartSyntaxError as exc:
            out.errors[key] = [exc.render()]
            continue
        if value != effective(spec, key):
            out.values[key] = value
    if out.errors or not out.values:
        return out
    candidate = spec.model_copy(deep=True)
    try:
        for key, value in out.values.items():
            set_override(candidate, key, value)
    except ValueError as exc:
        out.elsewhere.append(str(exc))
        return out
    before = {(p.field, p.message) for p in _errors(spec, problems)}
    for found in _errors(candidate, problems):
        if (found.field, found.message) in before:
            continue
        part = part_of(found)
        if part is not None:
            out.errors.setdefault(part, []).append(describe(found))
        else:
            out.elsewhere.append(describe(found))
    return out
