"""Rules of the Genesys runtime that no public source settles, in one place.

Each rule has the answer the local runtime gives by default and the other plausible answers;
`dataaction test --assume NAME=VALUE` switches one (and `test --compare` against a real org is
how to learn which is right). The README lists them with the same names.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Rule(NamedTuple):
    name: str
    question: str
    answers: dict[str, str]  # value -> what it means; the first is the default

    @property
    def default(self) -> str:
        return next(iter(self.answers))


RULES: tuple[Rule, ...] = (
    Rule(
        "success-json",
        "Which JSON parser reads the success template's output, and how lenient it is",
        {
            "strict": "standard JSON only: a trailing comma or a single quote fails the step",
            "lenient": "json-smart's permissive mode (what Jayway reads documents with): "
            "single quotes, unquoted words and trailing commas are accepted",
        },
    ),
    Rule(
        "success-input",
        "Whether the success template sees the action's inputs as ${input.x}",
        {
            "hidden": "only the translation-map values, ${rawResult} and the tools",
            "visible": "${input.x} holds the input values too",
        },
    ),
    Rule(
        "first-from-array-empty",
        "$successTemplateUtils.firstFromArray on an empty array without a default",
        {
            "empty": "gives an empty string",
            "null": "gives null",
            "error": "fails the success-template step",
        },
    ),
)
BY_NAME = {rule.name: rule for rule in RULES}


class Assumptions:
    """The chosen answer of every rule (defaults unless switched). Not changed once made."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str] | None = None) -> None:
        self.values = values if values is not None else {r.name: r.default for r in RULES}

    def __eq__(self, other: object) -> bool:
        if type(other) is not Assumptions:
            return NotImplemented
        return self.values == other.values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Assumptions(values={self.values!r})"

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def switched(self) -> dict[str, str]:
        """The rules not at their default (to show in a report)."""
        return {k: v for k, v in self.values.items() if v != BY_NAME[k].default}

    @classmethod
    def parse(cls, items: list[str]) -> Assumptions:
        """`NAME=VALUE` items; ValueError naming the rules and values that exist."""
        chosen = cls()
        for item in items:
            name, sep, value = item.partition("=")
            rule = BY_NAME.get(name.strip())
            if not sep or rule is None:
                names = ", ".join(BY_NAME)
                raise ValueError(f"--assume {item!r}: write NAME=VALUE with NAME one of {names}")
            if value.strip() not in rule.answers:
                choices = ", ".join(rule.answers)
                raise ValueError(f"--assume {rule.name}: {value!r} is not one of {choices}")
            chosen = Assumptions({**chosen.values, rule.name: value.strip()})
        return chosen


DEFAULTS = Assumptions()


def parse_success_output(text: str, assumptions: Assumptions) -> Any:
    """The success template's text as JSON under the `success-json` rule (ValueError if not)."""
    from tui.runtime.jsontext import parse_json

    if assumptions["success-json"] == "lenient":
        from tui.runtime.jsonpath.literals import parse_permissive

        return parse_permissive(text)
    return parse_json(text)
