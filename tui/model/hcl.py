"""Write a data action as a Terraform `genesyscloud_integration_action` resource.

The text is what `terraform fmt` would leave unchanged (runs of one-line attributes have their
`=` aligned; a multi-line value ends a run), strings use only the escapes HCL has (`\\b` and `\\f`
are JSON's, not HCL's: they become `\\u0008`, `\\u000c`), and Velocity's `${` / `%{` are written
`$${` / `%%{` so Terraform does not interpolate them. A folder needs the provider requirement and
the `integration_id` variable once: :func:`declarations` writes them, and
:func:`folder_declarations` says whether a folder already has them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tui.model.action import GENESYS_CLOUD_TYPE, WEB_SERVICES_TYPE, Action, to_wire
from tui.model.hcl_read import RESOURCE, Reference, WirePath, hcl_escaped

INTEGRATION_REFERENCE = "var.integration_id"
PROVIDER_SOURCE = "mypurecloud/genesyscloud"
# Genesys names a new integration after its type; the UI's category defaults to that name.
INTEGRATION_NAMES = {
    WEB_SERVICES_TYPE: "Web Services Data Actions",
    GENESYS_CLOUD_TYPE: "Genesys Cloud Data Actions",
}


def hcl_string(text: str) -> str:
    """A quoted HCL string literal whose value is exactly `text`."""
    return '"' + hcl_escaped(text).replace("${", "$${").replace("%{", "%%{") + '"'


def _key(name: str) -> str:
    return hcl_string(name)


def _lines(value: Any, indent: str) -> list[str]:
    """A value as HCL lines; the first continues the `key = ` line, the rest are indented."""
    if isinstance(value, str):
        return [hcl_string(value)]
    if isinstance(value, bool) or value is None:
        return [json.dumps(value)]
    if isinstance(value, int | float):
        return [json.dumps(value)]
    inner = indent + "  "
    if isinstance(value, list):
        if not value:
            return ["[]"]
        if all(not isinstance(v, dict | list) for v in value):
            return ["[" + ", ".join(_lines(v, inner)[0] for v in value) + "]"]
        out = ["["]
        for v in value:
            sub = _lines(v, inner)
            sub[-1] += ","
            out += [inner + sub[0], *sub[1:]]
        return [*out, indent + "]"]
    if not value:
        return ["{}"]
    return [
        "{",
        *body_lines([(_key(k), _lines(v, inner)) for k, v in value.items()], inner),
        indent + "}",
    ]


def body_lines(items: list[tuple[str, list[str]]], indent: str) -> list[str]:
    """`key = value` lines with `terraform fmt`'s alignment of one-line runs."""
    out: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(k) for k, _ in run), default=0)
        out.extend(f"{indent}{k.ljust(width)} = {v}" for k, v in run)
        run.clear()

    for key, lines in items:
        if len(lines) == 1:
            run.append((key, lines[0]))
            continue
        flush()
        out.append(f"{indent}{key} = {lines[0]}")
        out.extend(lines[1:])
    flush()
    return out


_EXPORTED = re.compile(r"\s+-\s+Exported\s+\d{4}-\d{2}-\d{2}\s+@\s+\d{1,2}:\d{2}\s*$")


def resource_name(name: str) -> str:
    """A resource label from an action name (without the UI export's "- Exported ..." tail)."""
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", _EXPORTED.sub("", name)).strip("_").lower() or "action"
    return slug if slug[0].isalpha() else f"action_{slug}"


def declarations(
    integration_type: str = WEB_SERVICES_TYPE, *, provider: bool = True, variable: bool = True
) -> str:
    """The provider requirement and the `integration_id` variable a folder declares once."""
    out = []
    if provider:
        out.append(
            "terraform {\n"
            "  required_providers {\n"
            "    genesyscloud = {\n"
            f'      source = "{PROVIDER_SOURCE}"\n'
            "    }\n"
            "  }\n"
            "}\n"
        )
    if variable:
        kind = INTEGRATION_NAMES.get(integration_type, integration_type)
        out.append(
            'variable "integration_id" {\n'
            f"  description = {hcl_string(f'id of the {kind} integration the actions belong to')}\n"
            "  type        = string\n"
            "}\n"
        )
    return "\n".join(out)


def folder_declarations(folder: Path) -> tuple[bool, bool]:
    """(declares the genesyscloud provider, declares variable "integration_id") for a folder."""
    provider = variable = False
    if not folder.is_dir():
        return provider, variable
    for path in folder.iterdir():
        if not path.name.endswith(".tf") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        provider = provider or bool(
            re.search(r"required_providers\s*\{[^}]*genesyscloud", text, re.S)
        )
        variable = variable or bool(re.search(r'variable\s+"integration_id"', text))
    return provider, variable


def default_category(integration_type: str) -> str:
    return INTEGRATION_NAMES.get(integration_type, INTEGRATION_NAMES[WEB_SERVICES_TYPE])


def write_hcl(
    action: Action,
    resource: str | None = None,
    *,
    category: str | None = None,
    integration_type: str = WEB_SERVICES_TYPE,
    references: dict[WirePath, Reference] | None = None,
    provider: bool = True,
    variable: bool = True,
) -> str:
    """The action as a Terraform resource (after the folder declarations asked for)."""
    wire = to_wire(action)
    refs = references or {}

    def value(path: WirePath) -> Any:
        node: Any = wire
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def item(
        key: str, path: WirePath, indent: str, default: Any = None
    ) -> tuple[str, list[str]] | None:
        current = value(path)
        ref = refs.get(path)
        if ref is not None and ref.value == current:
            return key, [ref.source]  # the expression as written (var.x, local.y, file(...))
        if current is None:
            if default is None:
                return None
            current = default
        if path[0] == "contract":
            lines = _lines(current, indent)
            lines[0] = "jsonencode(" + lines[0]
            lines[-1] += ")"
            return key, lines
        return key, _lines(current, indent)

    uses_variable = "integrationId" not in wire and ("integrationId",) not in refs
    out = []
    head = declarations(integration_type, provider=provider, variable=variable and uses_variable)
    if head:
        out.append(head)
    label = resource or resource_name(action.name)
    lines = [f'resource "{RESOURCE}" "{label}" {{']
    top = [
        item("name", ("name",), "  ", ""),
        item("category", ("category",), "  ", category or default_category(integration_type)),
        item("integration_id", ("integrationId",), "  "),
        item("secure", ("secure",), "  "),
        item("config_timeout_seconds", ("config", "timeoutSeconds"), "  "),
        item("contract_input", ("contract", "input", "inputSchema"), "  "),
        item("contract_output", ("contract", "output", "successSchema"), "  "),
    ]
    items = [i for i in top if i is not None]
    if uses_variable:
        items.insert(2, ("integration_id", [INTEGRATION_REFERENCE]))
    lines += body_lines(items, "  ")
    for block, fields in (
        (
            "config_request",
            (
                ("request_url_template", "requestUrlTemplate"),
                ("request_type", "requestType"),
                ("request_template", "requestTemplate"),
                ("headers", "headers"),
            ),
        ),
        (
            "config_response",
            (
                ("translation_map", "translationMap"),
                ("translation_map_defaults", "translationMapDefaults"),
                ("success_template", "successTemplate"),
            ),
        ),
    ):
        part = "request" if block == "config_request" else "response"
        inner = [item(k, ("config", part, f), "    ") for k, f in fields]
        present = [i for i in inner if i is not None]
        if present:
            lines.append(f"  {block} {{")
            lines += body_lines(present, "    ")
            lines.append("  }")
    lines.append("}")
    out.append("\n".join(lines) + "\n")
    return "\n".join(out)
