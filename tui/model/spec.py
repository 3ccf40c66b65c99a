"""The friendly, human-edited spec of a data action (YAML), as the wizard builds it.

A spec says what the user means (request, inputs, outputs as JSONPath mappings); the compiler in
:mod:`tui.model.compile` turns it into the exact Genesys wire action. Raw `*_override` fields carry
any Genesys value the friendly fields cannot express, so every action round-trips.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from tui.model.action import METHODS, WEB_SERVICES_TYPE
from tui.model.records import Record, after, field

InputType = Literal["string", "integer", "number", "boolean"]
OutputType = Literal["string", "integer", "number", "boolean", "array", "object"]
ItemType = Literal["string", "integer", "number", "boolean", "object"]
Scalar = str | int | float | bool | None

INPUT_REF = re.compile(r"\$!?\{?input\.([A-Za-z][A-Za-z0-9_-]*)")


class SpecModel(Record, extra="forbid"):
    """Base: unknown fields rejected, assignment validated."""


class InputSpec(SpecModel):
    """One input the flow passes to the action (a property of the flat input contract)."""

    name: str
    type: InputType = "string"
    sample: Scalar = None
    required: bool = True
    description: str | None = None


class OutputSpec(SpecModel):
    """One output: a JSONPath into the response, with its contract type and fallback."""

    name: str
    path: str
    type: OutputType = "string"
    items: ItemType | None = field(default=None, description="element type when type is array")
    default: str | None = field(
        default=None, description="JSON text used when the path does not resolve"
    )
    description: str | None = None


class RequestSpec(SpecModel):
    method: str = "GET"
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = field(default=None, description="Velocity template of the request body")

    @after("method")
    @staticmethod
    def _upper(v: str) -> str:
        v = v.upper()
        if v not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        return v


class Spec(SpecModel):
    """A data action as a person describes it."""

    name: str
    category: str = "Data Actions"
    integration_type: str = WEB_SERVICES_TYPE
    action_type: str = field(
        default="custom", description='"custom", or "static" for an action Genesys ships'
    )
    integration_id: str | None = None
    secure: bool = False
    timeout: int | None = None
    request: RequestSpec = field(default_factory=RequestSpec)
    inputs: list[InputSpec] = field(default_factory=list)
    outputs: list[OutputSpec] = field(default_factory=list)
    sample_response: str | None = field(
        default=None, description="file (relative to the spec) or URL of a sample response"
    )
    # Hand-edited (or imported) Genesys parts that win over what the friendly fields generate;
    # tui.model.parts is the one place that decides which one the action uses.
    success_template: str | None = None
    translation_map: dict[str, str] | None = None
    translation_map_defaults: dict[str, str] | None = None
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    wire: dict[str, Any] = field(
        default_factory=dict, description="extra wire fields (id, version, *Uri...) kept verbatim"
    )

    def input_names_in_templates(self) -> list[str]:
        """Input names referenced as ${input.x} in the URL, headers and body, in order."""
        text = " ".join([self.request.url, *self.request.headers.values(), self.request.body or ""])
        seen: dict[str, None] = {}
        for m in INPUT_REF.finditer(text):
            if m.group(1) != "rawRequest":
                seen.setdefault(m.group(1))
        return list(seen)

    def sync_inputs_with_templates(self) -> list[str]:
        """Add an InputSpec for every ${input.x} the templates use; return the added names."""
        have = {i.name for i in self.inputs}
        added = [n for n in self.input_names_in_templates() if n not in have]
        self.inputs = [*self.inputs, *(InputSpec(name=n) for n in added)]
        return added

    def sample_inputs(self) -> dict[str, Any]:
        return {i.name: i.sample for i in self.inputs if i.sample is not None}
