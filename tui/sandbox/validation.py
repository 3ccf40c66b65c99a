"""Draft validation: what GET /draft/validation reports and publish refuses.

Rules from the Genesys Data Actions reference (sections 2.4, 3.7 and 3.8): names and URL
required, known HTTP method, timeout 1-60 s, object-rooted schemas without `$ref`, a flat input
contract with well-formed, non-reserved property names, and no nested arrays in the output.
"""

from __future__ import annotations

import re
from typing import Any

from tui.model.action import METHODS

from .errors import error_body

PROPERTY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
RESERVED_INPUTS = ("orgId", "integrationId", "rawRequest")
INPUT_TYPES = {"string", "integer", "number", "boolean", "null"}


def validate_action(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """ErrorBody dicts for every problem of an action document (empty when valid)."""
    problems: list[tuple[str, str]] = []
    if not (doc.get("name") or "").strip():
        problems.append(("name", "Action name is required."))
    config = doc.get("config") or {}
    request = config.get("request") or {}
    if not (request.get("requestUrlTemplate") or "").strip():
        problems.append(
            ("config.request.requestUrlTemplate", "A request URL template is required.")
        )
    method = request.get("requestType") or "GET"
    if method not in METHODS:
        problems.append(
            (
                "config.request.requestType",
                f"Request type {method!r} is not one of {', '.join(METHODS)}.",
            )
        )
    timeout = config.get("timeoutSeconds")
    if timeout is not None and not 1 <= timeout <= 60:
        problems.append(("config.timeoutSeconds", "timeoutSeconds must be between 1 and 60."))
    contract = doc.get("contract") or {}
    input_schema = (contract.get("input") or {}).get("inputSchema")
    success_schema = (contract.get("output") or {}).get("successSchema")
    if input_schema is None:
        problems.append(("contract.input.inputSchema", "An input contract is required."))
    else:
        problems += _check_input(input_schema)
    if success_schema is None:
        problems.append(("contract.output.successSchema", "An output contract is required."))
    else:
        problems += _check_output(success_schema)
    if not problems:
        problems += _parse_problems(doc)
    return [
        error_body(
            400,
            "invalid.value",
            message,
            details=[{"errorCode": "invalid.value", "fieldName": field}],
        )
        for field, message in problems
    ]


def _parse_problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """Templates and JSONPaths parsed as `dataaction validate` parses them (one parser each:
    the runtime's Velocity and Jayway-compatible JSONPath), so a draft with `$.[[[` or an
    unclosed `#if` does not publish."""
    from tui.model.action import Action
    from tui.model.records import ValidationError
    from tui.runtime.validation import template_problems, translation_problems

    try:
        action = Action.model_validate(
            {k: doc[k] for k in ("name", "config", "contract") if k in doc}
        )
    except ValidationError:
        return []  # the request models already checked the shape
    found = template_problems(action) + translation_problems(action)
    return [
        (".".join(map(str, path)), prob.message) for path, prob in found if prob.severity == "error"
    ]


def _common(schema: Any, where: str, roots: tuple[str, ...] = ("object",)) -> list[tuple[str, str]]:
    if not isinstance(schema, dict):
        return [(where, "The schema must be a JSON object.")]
    out = []
    if schema.get("type", "object") not in roots:
        out.append((where, "The root of a schema must be of type object."))
    if '"$ref"' in repr(schema).replace("'", '"'):
        out.append((where, "$ref is not supported in contracts."))
    return out


def _check_input(schema: Any) -> list[tuple[str, str]]:
    where = "contract.input.inputSchema"
    out = _common(schema, where)
    if out:
        return out
    props = schema.get("properties")
    for name, prop in props.items() if isinstance(props, dict) else ():
        field = f"{where}.properties.{name}"
        if not PROPERTY_NAME.match(name):
            out.append(
                (
                    field,
                    f"Input name {name!r} must start with a letter and contain only letters, digits, - or _.",
                )
            )
        if name in RESERVED_INPUTS:
            out.append((field, f"Input name {name!r} is reserved."))
        types = prop.get("type") if isinstance(prop, dict) else None
        types = types if isinstance(types, list) else [types]
        if any(t not in INPUT_TYPES for t in types if t is not None):
            out.append(
                (field, "Input properties must be string, integer, number, boolean or null.")
            )
    return out


def _check_output(schema: Any) -> list[tuple[str, str]]:
    where = "contract.output.successSchema"
    # An array root runs (an official Genesys module ships one): see tui.model.validation.
    out = _common(schema, where, ("object", "array"))
    if not out and _has_nested_array(schema, inside_array=False):
        out.append((where, "Nested arrays are not supported in the output contract."))
    return out


def _has_nested_array(schema: Any, *, inside_array: bool) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "array":
        if inside_array:
            return True
        return _has_nested_array(schema.get("items"), inside_array=True)
    props = schema.get("properties")
    return any(
        _has_nested_array(p, inside_array=inside_array)
        for p in (props.values() if isinstance(props, dict) else ())
    )


def malformed_schemas(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """ErrorBody dicts for contract schemas that are not JSON Schema documents at all.

    Genesys stores contracts in typed models (`properties` is a map, `required` a list of
    names): a schema of the wrong shape is refused even as a draft, or no client could read
    the draft back (the official SDK fails on every listing that holds it).
    """
    import jsonschema

    contract = doc.get("contract") or {}
    out = []
    for field, schema in (
        ("contract.input.inputSchema", (contract.get("input") or {}).get("inputSchema")),
        ("contract.output.successSchema", (contract.get("output") or {}).get("successSchema")),
    ):
        if schema is None:
            continue
        if not isinstance(schema, dict):
            message = "The schema must be a JSON object."
        else:
            try:
                jsonschema.Draft4Validator.check_schema(schema)
                continue
            except jsonschema.SchemaError as exc:
                where = "/".join(str(p) for p in exc.absolute_path)
                message = f"Not a valid JSON Schema{' at ' + where if where else ''}: {exc.message}"
            except RecursionError:
                message = "The schema is nested too deeply."
        out.append(
            error_body(
                400,
                "invalid.value",
                message,
                details=[{"errorCode": "invalid.value", "fieldName": field}],
            )
        )
    return out
