"""Read every data action a Terraform module declares (`.tf` and the exporter's `.tf.json`).

A module is a folder: variables and locals from every file of the folder resolve references
(as Terraform does), and every `genesyscloud_integration_action` resource is read, not only
the first. Expressions keep their source text so a file written back still says `var.x`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.model.action import GENESYS_CLOUD_TYPE, WEB_SERVICES_TYPE
from tui.model.hcl_escapes import protect_escapes
from tui.model.hcl_eval import (
    JsonExpression,
    Literal,
    Scope,
    Unresolvable,
    evaluate,
    line_of,
    source_text,
)
from tui.model.limits import read_limited
from tui.model.problems import DataActionError, Problem

WirePath = tuple[str | int, ...]
RESOURCE = "genesyscloud_integration_action"
# The provider's other resources with the same attributes (a draft; a function data action).
RESOURCES = (
    RESOURCE,
    "genesyscloud_integration_action_draft",
    "genesyscloud_integration_function_action",
)
FUNCTION_TYPE = "function-data-actions"
ATTRIBUTES: dict[str, WirePath] = {
    "name": ("name",),
    "category": ("category",),
    "integration_id": ("integrationId",),
    "secure": ("secure",),
    "config_timeout_seconds": ("config", "timeoutSeconds"),
    "contract_input": ("contract", "input", "inputSchema"),
    "contract_output": ("contract", "output", "successSchema"),
}
BLOCKS: dict[str, dict[str, WirePath]] = {
    "config_request": {
        "request_url_template": ("config", "request", "requestUrlTemplate"),
        "request_type": ("config", "request", "requestType"),
        "request_template": ("config", "request", "requestTemplate"),
        "headers": ("config", "request", "headers"),
    },
    "config_response": {
        "translation_map": ("config", "response", "translationMap"),
        "translation_map_defaults": ("config", "response", "translationMapDefaults"),
        "success_template": ("config", "response", "successTemplate"),
    },
}


# What a sibling file may hold that a resource here refers to.
DECLARES = re.compile(r'^\s*(variable|locals)\b|"genesyscloud_integration"', re.M)


@dataclass
class Reference:
    """An attribute written as an expression: its source, and the value it had when read."""

    source: str
    value: Any


@dataclass
class HclAction:
    """One resource: the wire action it evaluates to, plus what only Terraform knows."""

    wire: dict[str, Any]
    resource: str
    file: str
    line: int | None
    integration_type: str = WEB_SERVICES_TYPE
    references: dict[WirePath, Reference] = field(default_factory=dict)
    positions: dict[WirePath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unresolved: list[WirePath] = field(default_factory=list)
    function: dict[str, Any] | None = None


@dataclass
class _Module:
    scope: Scope
    # (resource type, label, body, file, text) for each resource in the folder
    resources: list[tuple[str, str, Any, str, str]] = field(default_factory=list)
    integration_types: dict[str, str] = field(default_factory=dict)
    described_type: str | None = None  # from `variable "integration_id"`'s description


def _name(node: Any) -> str:
    return type(node).__name__


def _label(node: Any) -> str:
    value = str(node.serialize())
    return value[1:-1] if value.startswith('"') else value


def _parse(text: str, file: str) -> Any:
    from tui.model.hcl_parser import parses  # lazy: only Terraform users pay for the parser

    try:
        return parses(text)
    except Exception as exc:  # python-hcl2 raises lark errors of several types
        line = getattr(exc, "line", None)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataActionError(
            [
                Problem(
                    f"not valid HCL: {first}",
                    file=file,
                    line=line if isinstance(line, int) and line > 0 else None,
                    hint="check the braces, quotes and `=` near here (`terraform fmt` points at it too)",
                )
            ]
        ) from None


def _collect_hcl(module: _Module, text: str, file: str) -> None:
    text = protect_escapes(text)  # the same text for the parser and for source slices
    tree = _parse(text, file)
    for block in tree.body.children:
        if _name(block) != "BlockRule":
            continue
        labels = [_label(lbl) for lbl in block.labels]
        kind = labels[0]
        attrs = _attributes(block.body)
        if kind == "variable" and len(labels) == 2:
            if labels[1] == "integration_id" and "description" in attrs:
                module.described_type = _described_type(attrs["description"], module, text)
            default = attrs.get("default")
            module.scope.variables[labels[1]] = default.expression if default else None
            if default:
                module.scope.source[id(default.expression)] = text
        elif kind == "locals":
            for name, attr in attrs.items():
                module.scope.locals[name] = attr.expression
                module.scope.source[id(attr.expression)] = text
        elif kind == "resource" and len(labels) == 3:
            if labels[1] in RESOURCES:
                module.resources.append((labels[1], labels[2], block, file, text))
            elif labels[1] == "genesyscloud_integration" and "integration_type" in attrs:
                try:
                    value = evaluate(attrs["integration_type"].expression, module.scope, text)
                    module.integration_types[labels[2]] = str(value)
                except Unresolvable:
                    pass


def _collect_json(module: _Module, text: str, file: str) -> None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataActionError(
            [Problem(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno)]
        ) from None
    if not isinstance(doc, dict):
        raise DataActionError([Problem("a .tf.json file holds a JSON object", file=file, line=1)])
    for name, body in _json_items(doc.get("variable")):
        has_default = isinstance(body, dict) and "default" in body
        # variable defaults are literal values, not templates
        module.scope.variables[name] = Literal(body["default"]) if has_default else None
    # `"locals": {"a": ...}` or a list of such objects (Terraform's JSON syntax takes both)
    blocks = doc.get("locals")
    for body in blocks if isinstance(blocks, list) else [blocks]:
        if isinstance(body, dict):
            for name, value in body.items():
                module.scope.locals[name] = JsonExpression(value)
    resources = doc.get("resource") or {}
    for rtype, named in _json_items(resources):
        for label, body in _json_items(named):
            if rtype in RESOURCES and isinstance(body, dict):
                module.resources.append((rtype, label, body, file, text))
            elif rtype == "genesyscloud_integration" and isinstance(body, dict):
                itype = body.get("integration_type")
                if isinstance(itype, str) and "${" not in itype:
                    module.integration_types[label] = itype


def _json_items(node: Any) -> list[tuple[str, Any]]:
    """`{"a": {...}}` or `[{"a": {...}}, ...]` (both appear in .tf.json) as (name, body) pairs."""
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list):
        return [item for part in node if isinstance(part, dict) for item in part.items()]
    return []


def _attributes(body: Any) -> dict[str, Any]:
    return {str(c.identifier.token.value): c for c in body.children if _name(c) == "AttributeRule"}


def _blocks(body: Any, name: str) -> list[Any]:
    return [c for c in body.children if _name(c) == "BlockRule" and _label(c.labels[0]) == name]


def _module_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.name.endswith((".tf", ".tf.json"))
    )


def read_module(paths: list[Path], texts: dict[Path, str] | None = None) -> list[HclAction]:
    """Every action resource in these files, with references resolved across all of them."""
    folder = paths[0].parent if paths else Path(".")
    module = _Module(Scope(folder.resolve()))
    texts = texts or {}
    for path in paths:
        text = texts.get(path)
        if text is None:
            text = read_limited(path).decode("utf-8")
        if path.name.endswith(".json"):
            _collect_json(module, text, str(path))
        else:
            _collect_hcl(module, text, str(path))
    return [_read_resource(module, *r) for r in module.resources]


def read_hcl_text(text: str, file: str = "") -> list[HclAction]:
    """Every action resource in one file; its folder's variables and locals resolve references."""
    path = Path(file or "main.tf")
    siblings: list[Path] = []
    if file and path.parent.is_dir():
        siblings = [p for p in _module_files(path.parent) if p.resolve() != path.resolve()]
    module = _Module(Scope(path.parent.resolve()))
    for sibling in siblings:  # variables and locals only; a broken sibling is not this file
        try:
            text_s = read_limited(sibling).decode("utf-8")
            if sibling.name.endswith(".tf") and not DECLARES.search(text_s):
                continue  # nothing this file could refer to: spare the parse (~0.1 s a file)
            if sibling.name.endswith(".json"):
                _collect_json(module, text_s, str(sibling))
            else:
                _collect_hcl(module, text_s, str(sibling))
        except (OSError, UnicodeDecodeError, DataActionError):
            continue
    module.resources = []
    if file.endswith(".json"):
        _collect_json(module, text, file)
    else:
        _collect_hcl(module, text, file)
    actions = [_read_resource(module, *r) for r in module.resources]
    if not actions:
        raise DataActionError(
            [
                Problem(
                    f"no {RESOURCE} resource found",
                    file=file,
                    hint=f'a data action is a `resource "{RESOURCE}" "name" {{ ... }}` block',
                )
            ]
        )
    return actions


# -- one resource --------------------------------------------------------------------------


class _Reader:
    def __init__(self, module: _Module, file: str, text: str, label: str) -> None:
        self.module, self.file, self.text, self.label = module, file, text, label
        self.action = HclAction({}, label, file, None)

    def put(self, path: WirePath, value: Any) -> None:
        node = self.action.wire
        for key in path[:-1]:
            node = node.setdefault(str(key), {})
        node[str(path[-1])] = value

    def attribute(self, name: str, node: Any, path: WirePath, text: str | None = None) -> None:
        """Evaluate one attribute (a python-hcl2 node, or a .tf.json value) into the wire."""
        text = self.text if text is None else text
        scope = self.module.scope
        scope.unresolved = []
        json_form = not hasattr(node, "children") and not isinstance(node, JsonExpression)
        expr = JsonExpression(node) if json_form else node
        line = None if json_form else line_of(node)
        if line is not None:
            self.action.positions[path] = (line, 1)
            self._positions_inside(node, path)
        source = _json_source(node) if json_form else source_text(node, text)
        try:
            if path[0] == "contract":
                value = self._contract(expr, text)
            else:
                value = evaluate(expr, scope, text)
        except Unresolvable as exc:
            self._unresolved(path, exc, line)
            if not self._literal(node):
                self.action.references[path] = Reference(source, None)
            return
        for missing in scope.unresolved:
            self._unresolved(path, missing, line)
        if not self._literal(node):
            self.action.references[path] = Reference(source, value)
        self.put(path, value)

    def _contract(self, expr: Any, text: str) -> Any:
        """A contract's JSON value; `jsonencode(x)` keeps x's key order (Terraform sorts)."""
        scope = self.module.scope
        if _name(expr) == "ExprTermRule":
            expr = expr.expression
        if _name(expr) == "FunctionCallRule" and _func(expr) == "jsonencode":
            args = expr.arguments.arguments if expr.arguments else []
            if len(args) == 1:
                return evaluate(args[0], scope, text)
        value = evaluate(expr, scope, text)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                raise Unresolvable(
                    source_text(expr, text) if hasattr(expr, "children") else "contract",
                    f"not JSON: {exc.msg}",
                ) from None
        return value

    def _literal(self, node: Any) -> bool:
        """True when writing the value back gives the same source (nothing to keep)."""
        if not hasattr(node, "children"):  # a .tf.json value: literal unless it interpolates
            return "${" not in json.dumps(node).replace("$${", "")
        kind = _name(node)
        if kind == "ExprTermRule":
            return self._literal(node.expression)
        if kind in ("IntLitRule", "FloatLitRule", "LiteralValueRule", "KeywordRule"):
            return True
        if kind == "UnaryOpRule":
            return self._literal(node.expr_term)
        if kind == "StringRule":
            return all(_name(p.content) != "InterpolationRule" for p in node.string_parts)
        if kind in ("HeredocTemplateRule", "HeredocTrimTemplateRule"):
            body = str(node.heredoc.value).replace("$${", "").replace("%%{", "")
            return "${" not in body and "%{" not in body
        if kind == "TupleRule":
            return all(self._literal(e) for e in node.elements)
        if kind == "ObjectRule":
            return all(self._literal(e.expression) for e in node.elements)
        if kind == "FunctionCallRule" and _func(node) == "jsonencode":
            args = node.arguments.arguments if node.arguments else []
            return len(args) == 1 and self._literal(args[0])
        return False

    def _positions_inside(self, node: Any, path: WirePath) -> None:
        """Lines of each key of a map attribute (translation maps, headers, defaults)."""
        if _name(node) == "ExprTermRule":
            node = node.expression
        if _name(node) != "ObjectRule":
            return
        for elem in node.elements:
            line = line_of(elem)
            if line is None:
                continue
            key = elem.key.value if _name(elem.key) == "ObjectElemKeyRule" else None
            if key is not None:
                self.action.positions[(*path, _label(key))] = (line, 1)

    def _unresolved(self, path: WirePath, exc: Unresolvable, line: int | None) -> None:
        if path != ("integrationId",):
            self.action.unresolved.append(path)
        if path == ("integrationId",) and exc.reason.startswith(
            ("another resource", "known only", "the variable has no default", "no default")
        ):
            return  # the usual case: Terraform supplies the integration (a resource, a variable)
        self.action.problems.append(
            Problem(
                f"{exc.reference} could not be resolved ({exc.reason})",
                field=".".join(map(str, path)),
                file=self.file,
                line=line,
                hint=(
                    "give the variable a default, or a value in locals, to check this here"
                    if exc.reference.startswith(("var.", "local."))
                    else "only literal values, var.* defaults and locals are evaluated here"
                ),
                severity="warning",
            )
        )


# JSON's escapes minus the two HCL lacks: `\b` and `\f` become `\u0008` and `\u000c`. A pair
# is read as a whole, so an escaped backslash followed by `b` (the text `\b`) stays as it is.
_NOT_HCL = re.compile(r"\\([\\bf])")
_HCL_FOR = {"\\": "\\\\", "b": "\\u0008", "f": "\\u000c"}


def hcl_escaped(text: str) -> str:
    """`text` as the inside of a quoted HCL string (template sequences left to the caller)."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return _NOT_HCL.sub(lambda m: _HCL_FOR[m.group(1)], body)


def _json_source(value: Any) -> str:
    """A `.tf.json` value as HCL source: a template string is the same template, quoted."""
    if isinstance(value, str):
        if value.startswith("${") and value.endswith("}") and value.count("${") == 1:
            return value[2:-1].strip()
        return '"' + hcl_escaped(value) + '"'
    return json.dumps(value, ensure_ascii=False)


def _func(node: Any) -> str:
    return "::".join(str(i.token.value) for i in node.identifiers)


def _read_resource(
    module: _Module, rtype: str, label: str, body: Any, file: str, text: str
) -> HclAction:
    reader = _Reader(module, file, text, label)
    action = reader.action
    if isinstance(body, dict):  # .tf.json
        action.line = None
        attrs: dict[str, Any] = {k: v for k, v in body.items()}
        listed = {k: isinstance(attrs.get(k), list) for k in BLOCKS}
        blocks = {k: _json_blocks(attrs.pop(k)) for k in (*BLOCKS, "function_config") if k in attrs}
        place = _json_placer(action, text, ("resource", rtype, label))
        for name, path in ATTRIBUTES.items():
            if name in attrs:
                reader.attribute(name, attrs[name], path)
                place((name,), path, attrs[name])
        for block, fields in BLOCKS.items():
            for i, inner in enumerate(blocks.get(block, [])):
                for name, path in fields.items():
                    if name in inner:
                        reader.attribute(name, inner[name], path)
                        where = (block, i, name) if listed[block] else (block, name)
                        place(where, path, inner[name])
        function = blocks.get("function_config")
        if function:
            action.function = dict(function[0])
    else:
        action.line = line_of(body)
        attrs = _attributes(body.body)
        for name, path in ATTRIBUTES.items():
            if name in attrs:
                reader.attribute(name, attrs[name].expression, path)
                action.positions[path] = (line_of(attrs[name]) or 1, 1)
        for block, fields in BLOCKS.items():
            for inner in _blocks(body.body, block):
                inner_attrs = _attributes(inner.body)
                for name, path in fields.items():
                    if name in inner_attrs:
                        reader.attribute(name, inner_attrs[name].expression, path)
                        action.positions[path] = (line_of(inner_attrs[name]) or 1, 1)
        function_blocks = _blocks(body.body, "function_config")
        if function_blocks:
            values = {}
            for name, attr in _attributes(function_blocks[0].body).items():
                try:
                    values[name] = evaluate(attr.expression, module.scope, text)
                except Unresolvable:
                    values[name] = source_text(attr.expression, text)
            action.function = values
    if rtype == "genesyscloud_integration_function_action" and action.function is None:
        action.function = {}
    action.integration_type = _integration_type(module, action)
    if action.function is not None:
        action.problems.append(
            Problem(
                "a function data action: its code runs in Genesys's function runtime, "
                "so only the contracts are checked here (nothing is run or deployed)",
                field="function_config",
                file=file,
                line=action.line,
                severity="warning",
            )
        )
    return action


def _described_type(attr: Any, module: _Module, text: str) -> str | None:
    """The type our writer names in the variable's description ("id of the X integration")."""
    from tui.model.action import GENESYS_CLOUD_TYPE as GC

    try:
        description = str(evaluate(attr.expression, module.scope, text))
    except Unresolvable:
        return None
    m = re.match(r"id of the (.+?) integration", description)
    if not m:
        return None
    names = {"Web Services Data Actions": WEB_SERVICES_TYPE, "Genesys Cloud Data Actions": GC}
    return names.get(m.group(1), m.group(1))


def _json_placer(action: HclAction, text: str, base: WirePath) -> Any:
    """Record where a `.tf.json` attribute (and each key of a map attribute) is, by line."""
    from tui.model.locate import find, index_positions

    index = index_positions(text)
    if not index.get(base):  # "resource" given as a list of objects: locate by the label
        base = next((k[: k.index(base[-1]) + 1] for k in index if base[-1] in k), base)

    def place(src: WirePath, path: WirePath, value: Any) -> None:
        pos = find(index, (*base, *src))
        if pos:
            action.positions[path] = pos
        for key in value if isinstance(value, dict) else ():
            if (*base, *src, key) in index:
                action.positions[(*path, key)] = index[(*base, *src, key)]

    return place


def _json_blocks(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _integration_type(module: _Module, action: HclAction) -> str:
    """The integration type: the module's own integration resource, else the URL's shape."""
    if action.function is not None:
        return FUNCTION_TYPE
    ref = action.references.get(("integrationId",))
    if ref is not None and ref.source == "var.integration_id" and module.described_type:
        return module.described_type
    if ref is not None:
        parts = ref.source.replace("${", "").replace("}", "").split(".")
        if len(parts) == 3 and parts[0] == "genesyscloud_integration":
            found = module.integration_types.get(parts[1])
            if found:
                return found
    url = ((action.wire.get("config") or {}).get("request") or {}).get("requestUrlTemplate", "")
    return GENESYS_CLOUD_TYPE if str(url).startswith("/api/v2/") else WEB_SERVICES_TYPE
