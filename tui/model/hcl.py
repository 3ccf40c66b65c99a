"""Terraform HCL for a `genesyscloud_integration_action` resource: writer and reader.

Reading uses python-hcl2, which hands back quoted strings and the raw text of `jsonencode(...)`
expressions; the helpers below turn those into values (HCL's escapes are JSON's plus `$${` and
`%%{`, which stop Terraform from interpolating Velocity's `${...}`).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from tui.model.action import Action, to_wire
from tui.model.problems import DataActionError, Problem

RESOURCE = "genesyscloud_integration_action"
INTEGRATION_REFERENCE = "var.integration_id"
INTEGRATION_VARIABLE = """variable "integration_id" {
  description = "id of the Web Services Data Actions integration the action belongs to"
  type        = string
}

"""


def hcl_string(text: str) -> str:
    """A quoted HCL string literal with Terraform interpolation escaped."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + body.replace("${", "$${").replace("%{", "%%{") + '"'


def _hcl_value(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return hcl_string(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, list):
        if not value:
            return "[]"
        items = ",\n".join(inner + _hcl_value(v, inner) for v in value)
        return f"[\n{items},\n{indent}]"
    if not value:
        return "{}"
    rows = "\n".join(f"{inner}{hcl_string(k)} = {_hcl_value(v, inner)}" for k, v in value.items())
    return f"{{\n{rows}\n{indent}}}"


def resource_name(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_").lower() or "action"
    return slug if slug[0].isalpha() else f"action_{slug}"


def write_hcl(action: Action, resource: str | None = None) -> str:
    """The action as a Terraform resource block."""
    wire = to_wire(action)
    config = wire.get("config", {})
    req, resp = config.get("request", {}), config.get("response", {})
    out = io.StringIO()
    if "integrationId" not in wire:  # the provider requires one: leave it to a variable
        out.write(INTEGRATION_VARIABLE)
    out.write(f'resource "{RESOURCE}" "{resource or resource_name(action.name)}" {{\n')

    def attr(key: str, value: Any, indent: str = "  ") -> None:
        out.write(f"{indent}{key} = {_hcl_value(value, indent)}\n")

    attr("name", action.name)
    if "category" in wire:
        attr("category", wire["category"])
    if "integrationId" in wire:
        attr("integration_id", wire["integrationId"])
    else:
        out.write(f"  integration_id = {INTEGRATION_REFERENCE}\n")
    if "secure" in wire:
        attr("secure", wire["secure"])
    if "timeoutSeconds" in config:
        attr("config_timeout_seconds", config["timeoutSeconds"])
    contract = wire.get("contract", {})
    for key, part, field in (
        ("contract_input", "input", "inputSchema"),
        ("contract_output", "output", "successSchema"),
    ):
        if field in contract.get(part, {}):
            out.write(f"  {key} = jsonencode({_hcl_value(contract[part][field], '  ')})\n")
    if req:
        out.write("  config_request {\n")
        for src, dst in (
            ("requestUrlTemplate", "request_url_template"),
            ("requestType", "request_type"),
            ("requestTemplate", "request_template"),
            ("headers", "headers"),
        ):
            if src in req:
                attr(dst, req[src], "    ")
        out.write("  }\n")
    if resp:
        out.write("  config_response {\n")
        for src, dst in (
            ("translationMap", "translation_map"),
            ("translationMapDefaults", "translation_map_defaults"),
            ("successTemplate", "success_template"),
        ):
            if src in resp:
                attr(dst, resp[src], "    ")
        out.write("  }\n")
    out.write("}\n")
    return out.getvalue()


# -- reading -----------------------------------------------------------------------------

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _unquote(raw: Any) -> Any:
    """A python-hcl2 scalar (quoted, HCL-escaped) as a Python value."""
    if not isinstance(raw, str):
        return raw
    if raw.startswith('"') and raw.endswith('"'):
        return json.loads(raw.replace("$${", "${").replace("%%{", "%{"))
    return raw


def _expression_to_json(expr: str) -> Any:
    """Parse the literal object/array inside `jsonencode(...)` (HCL object syntax)."""

    def code(segment: str) -> str:  # outside string literals: `=` -> `:`, no trailing commas
        return re.sub(r",(\s*[}\]])", r"\1", re.sub(r"\s*=\s*", ": ", segment))

    parts, pos = [], 0
    for m in _STRING.finditer(expr):
        parts.append(code(expr[pos : m.start()]))
        parts.append(m.group().replace("$${", "${").replace("%%{", "%{"))
        pos = m.end()
    parts.append(code(expr[pos:]))
    return json.loads("".join(parts))


def _value(raw: Any) -> Any:
    if isinstance(raw, dict):
        return {_unquote(k): _value(v) for k, v in raw.items() if k != "__is_block__"}
    if isinstance(raw, list):
        return [_value(v) for v in raw]
    if isinstance(raw, str):
        m = re.fullmatch(r"\$\{jsonencode\((.*)\)\}", raw, re.S)
        if m:
            return _expression_to_json(m.group(1))
    return _unquote(raw)


def read_hcl(text: str, file: str = "") -> list[Action]:
    """Every `genesyscloud_integration_action` resource in a Terraform file."""
    import hcl2  # lazy: only HCL users pay for the parser

    try:
        doc = hcl2.loads(text)
    except Exception as exc:  # python-hcl2 raises lark errors of several types
        raise DataActionError(
            [Problem(f"not valid HCL: {exc}".splitlines()[0], file=file)]
        ) from exc
    actions = []
    for block in doc.get("resource", []):
        for rtype, named in block.items():
            if _unquote(rtype) != RESOURCE:
                continue
            for _name, body in named.items():
                actions.append(_action_from_resource(_value(body), file))
    if not actions:
        raise DataActionError([Problem(f"no {RESOURCE} resource found", file=file)])
    return actions


def _action_from_resource(r: dict[str, Any], file: str) -> Action:
    wire: dict[str, Any] = {"name": r.get("name", "")}
    for src, dst in (
        ("category", "category"),
        ("integration_id", "integrationId"),
        ("secure", "secure"),
    ):
        if src in r and r[src] != "${" + INTEGRATION_REFERENCE + "}":
            wire[dst] = r[src]
    config: dict[str, Any] = {}
    if "config_timeout_seconds" in r:
        config["timeoutSeconds"] = r["config_timeout_seconds"]
    names = {
        "request_url_template": "requestUrlTemplate",
        "request_type": "requestType",
        "request_template": "requestTemplate",
        "headers": "headers",
        "translation_map": "translationMap",
        "translation_map_defaults": "translationMapDefaults",
        "success_template": "successTemplate",
    }
    for block, key in (("config_request", "request"), ("config_response", "response")):
        if r.get(block):
            body = r[block][0] if isinstance(r[block], list) else r[block]
            config[key] = {names.get(k, k): v for k, v in body.items()}
    if config:
        wire["config"] = config
    contract: dict[str, Any] = {}
    for src, part, field in (
        ("contract_input", "input", "inputSchema"),
        ("contract_output", "output", "successSchema"),
    ):
        if src in r:
            value = r[src]
            contract[part] = {field: json.loads(value) if isinstance(value, str) else value}
    if contract:
        wire["contract"] = contract
    return Action.model_validate(wire)
