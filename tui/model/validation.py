"""Static rules for an action's contracts and config (no template or JSONPath parsing here).

The full check, which also parses templates and paths and runs the sample response, is
:func:`tui.runtime.validation.validate_action`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tui.model.action import METHODS, Action
from tui.model.paths import NAME_PATTERN, RESERVED_INPUT_NAMES
from tui.model.problems import Problem, Severity
from tui.model.schema_check import is_simple

Path = tuple[str | int, ...]
INPUT_TYPES = frozenset({"string", "integer", "number", "boolean", "null"})
JSON_MEDIA = ("application/json", "+json", "*/*", "application/*")
MAX_NAME = 256
INPUT_SCHEMA: Path = ("contract", "input", "inputSchema")
SUCCESS_SCHEMA: Path = ("contract", "output", "successSchema")


def problem(
    path: Path, message: str, hint: str = "", severity: Severity = "error"
) -> tuple[Path, Problem]:
    return path, Problem(message, field=".".join(map(str, path)), hint=hint, severity=severity)


def _refs(node: Any, path: Path) -> list[Path]:
    if isinstance(node, dict):
        found = [path] if "$ref" in node else []
        for k, v in node.items():
            found += _refs(v, (*path, k))
        return found
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _refs(v, (*path, i))]
    return []


def check_schema(
    schema: Any, path: Path, root_types: tuple[str, ...] = ("object",)
) -> list[tuple[Path, Problem]]:
    if not isinstance(schema, dict):
        return [problem(path, "a schema must be a JSON object")]
    out = [
        problem(p, "$ref is not supported in data action contracts", "inline the referenced schema")
        for p in _refs(schema, path)
    ]
    if schema.get("type") not in root_types:
        out.append(
            problem(
                (*path, "type"),
                "the root of a contract schema must be of type object",
                'set "type": "object" and describe fields under "properties"',
            )
        )
    if is_simple(schema):
        return out  # only keywords whose shape is_simple has checked: a valid schema
    import jsonschema  # ~40 ms to import: only for schemas beyond the simple contract shape

    try:
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = (*path, *exc.absolute_path)
        out.append(problem(where, f"not a valid JSON Schema: {exc.message}"))
    return out


def check_input_schema(schema: Any) -> list[tuple[Path, Problem]]:
    out = check_schema(schema, INPUT_SCHEMA)
    if not isinstance(schema, dict):
        return out
    props = schema.get("properties") or {}
    if not isinstance(props, dict):
        return out
    for name, prop in props.items():
        where = (*INPUT_SCHEMA, "properties", name)
        if name == "undefined":
            continue  # a UI artefact real exports carry; Genesys accepts it
        if not NAME_PATTERN.match(name):
            out.append(
                problem(
                    where,
                    f"input name '{name}' is not allowed",
                    "start with a letter; use only letters, digits, - and _",
                )
            )
        if name in RESERVED_INPUT_NAMES:
            out.append(
                problem(
                    where,
                    f"input name '{name}' is reserved by Genesys",
                    "rename it; orgId, integrationId and rawRequest are reserved",
                )
            )
        types = prop.get("type") if isinstance(prop, dict) else None
        types = types if isinstance(types, list) else [types]
        if any(t not in INPUT_TYPES for t in types):
            out.append(
                problem(
                    (*where, "type"),
                    f"input '{name}' has type {prop.get('type') if isinstance(prop, dict) else prop!r}",
                    "the input contract is flat: use string, integer, number or boolean",
                )
            )
    return out


def _nested_arrays(schema: Any, path: Path) -> list[Path]:
    if not isinstance(schema, dict):
        return []
    found = []
    if schema.get("type") == "array":
        items = schema.get("items")
        if isinstance(items, dict):
            if items.get("type") == "array":
                found.append(path)
            found += _nested_arrays(items, (*path, "items"))
    props = schema.get("properties")
    for name, prop in props.items() if isinstance(props, dict) else ():
        found += _nested_arrays(prop, (*path, "properties", name))
    return found


# Output names: the contracts help page (https://help.mypurecloud.com/?p=141876) asks for
# letters, digits, - and _, but Genesys's own published modules (GenesysCloudDevOps) ship output
# properties such as `results.id`, and they run: dots are accepted here (observed behaviour).
OUTPUT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def check_success_schema(schema: Any) -> list[tuple[Path, Problem]]:
    # A root-level array output contract appears in an official Genesys module and runs, so
    # the root may be an object or an array (observed behaviour; the help page says object).
    out = check_schema(schema, SUCCESS_SCHEMA, ("object", "array"))
    props = schema.get("properties") if isinstance(schema, dict) else None
    for name in props if isinstance(props, dict) else {}:
        if not OUTPUT_NAME.match(name):
            out.append(
                problem(
                    (*SUCCESS_SCHEMA, "properties", name),
                    f"output name '{name}' is not allowed",
                    "start with a letter; use only letters, digits, -, _ and .",
                )
            )
    out += [
        problem(
            p,
            "nested arrays are not supported in the output contract",
            "map the inner values to a flat array, or to separate outputs",
        )
        for p in _nested_arrays(schema, SUCCESS_SCHEMA)
    ]
    return out


CONTROL_OR_SURROGATE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _bad_text(value: str | None) -> bool:
    return value is not None and CONTROL_OR_SURROGATE.search(value) is not None


def check_url(url: str) -> str | None:
    """Why a request URL template cannot be a URL, or None. Only the literal start before the
    first template reference is judged: `${input.base}/x` may become anything."""
    literal = re.split(r"[$#]", url.strip(), maxsplit=1)[0]
    scheme, sep, _ = literal.partition("://")
    if sep and scheme.lower() not in ("http", "https"):
        return f"the URL scheme '{scheme}' is not http or https"
    if sep:
        from urllib.parse import urlsplit

        try:
            urlsplit(literal)
        except ValueError as exc:
            return f"the URL cannot be read: {exc}"
    return None


def check_config(action: Action) -> list[tuple[Path, Problem]]:
    out = []
    for field_name, value in (("name", action.name), ("category", action.category)):
        if _bad_text(value):
            out.append(
                problem(
                    (field_name,),
                    f"the {field_name} holds a control character or an unpaired surrogate",
                    "use printable text",
                )
            )
    if not action.name.strip():
        out.append(
            problem(("name",), "the action has no name", "give it a name (up to 256 characters)")
        )
    if len(action.name) > MAX_NAME:
        out.append(
            problem(("name",), f"the name is {len(action.name)} characters long (max {MAX_NAME})")
        )
    if action.category is not None and len(action.category) > MAX_NAME:
        out.append(
            problem(
                ("category",),
                f"the category is {len(action.category)} characters long (max {MAX_NAME})",
            )
        )
    req = action.request
    if req.request_type.upper() not in METHODS or req.request_type != req.request_type.upper():
        out.append(
            problem(
                ("config", "request", "requestType"),
                f"'{req.request_type}' is not an HTTP method Genesys accepts",
                f"use one of {', '.join(METHODS)}",
            )
        )
    if not req.request_url_template.strip():
        out.append(
            problem(
                ("config", "request", "requestUrlTemplate"),
                "the request URL is empty",
                "set the URL of the API to call; ${input.name} inserts an input",
            )
        )
    if req.request_url_template.strip() and (why := check_url(req.request_url_template)):
        out.append(
            problem(
                ("config", "request", "requestUrlTemplate"),
                why,
                "data actions call http:// or https:// URLs",
            )
        )
    for key in req.headers:
        if not HEADER_NAME.match(key):
            out.append(
                problem(
                    ("config", "request", "headers", key),
                    f"{key!r} is not a valid HTTP header name",
                    "use letters, digits and - only",
                )
            )
    t = action.config.timeout_seconds if action.config else None
    if t is not None and not 1 <= t <= 60:
        out.append(
            problem(("config", "timeoutSeconds"), f"timeoutSeconds is {t}", "use 1 to 60 seconds")
        )
    for key, value in req.headers.items():
        if key.lower() == "accept" and not any(m in value.lower() for m in JSON_MEDIA):
            out.append(
                problem(
                    ("config", "request", "headers", key),
                    f"Accept is '{value}', not a JSON media type",
                    "Genesys requires a JSON response: use application/json",
                )
            )
    return out


def check_defaults(action: Action) -> list[tuple[Path, Problem]]:
    """Translation map defaults are JSON text (strings in quotes).

    Source: the Response configuration help page (https://help.mypurecloud.com/articles/
    response-configuration-data-actions/) and observed behaviour: the default's text is inserted
    into the success template as is, so `UNKNOWN` yields invalid JSON when the path misses,
    while `"UNKNOWN"`, `0`, `[]` or `null` work.
    """
    out = []
    for key, text in action.response.translation_map_defaults.items():
        try:
            json.loads(text)
        except (json.JSONDecodeError, TypeError):
            quoted = json.dumps(text, ensure_ascii=False)
            out.append(
                problem(
                    ("config", "response", "translationMapDefaults", key),
                    f"the default for '{key}' is {text!r}, which is not a JSON value",
                    f"write it as JSON text: {quoted} for a string (or a number, true, [] ...)",
                )
            )
    return out


def static_problems(action: Action) -> list[tuple[Path, Problem]]:
    """Contract and config rules, each with the wire path it concerns."""
    return [
        *check_config(action),
        *check_input_schema(action.input_schema),
        *check_success_schema(action.success_schema),
        *check_defaults(action),
    ]


def malformed_schema_problems(action: Action) -> list[Problem]:
    """Problems for contract schemas that are not JSON Schema documents at all (a list where
    `properties` needs a map, say): such an action cannot be compiled, compared or exported."""
    found = check_schema(action.input_schema, INPUT_SCHEMA) + check_schema(
        action.success_schema, SUCCESS_SCHEMA
    )
    return [
        p
        for _, p in found
        if p.message.startswith(("not a valid JSON Schema", "a schema must be a JSON object"))
    ]
