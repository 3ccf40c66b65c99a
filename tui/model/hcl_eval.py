"""Evaluate the Terraform expressions data-action resources use, by walking python-hcl2's tree.

python-hcl2 does the parsing (its typed rule tree, positions kept); this module only gives the
handful of expression kinds people write in `genesyscloud_integration_action` blocks a value:
literals, quoted templates and heredocs, tuples and objects, `var.*` defaults, `local.*`,
`path.module`, and the functions `jsonencode`, `jsondecode`, `file`, `templatefile` (literal
arguments), `trimspace`, `chomp`, `replace`, `lower`, `upper`, `merge`, `format` with `%s`/`%d`.
Anything else (another resource's id, `each.value`, a conditional) is :class:`Unresolvable`,
named by its own source text so the caller can keep it as a reference and say which one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 1_000_000  # file()/templatefile(): a contract or template, never a data dump


class Unresolvable(Exception):
    """An expression this module cannot (or must not) turn into a value."""

    def __init__(self, reference: str, reason: str) -> None:
        super().__init__(f"{reference}: {reason}")
        self.reference = reference
        self.reason = reason


@dataclass
class Scope:
    """What names mean in one Terraform module (one folder)."""

    folder: Path
    source: dict[int, str] = field(default_factory=dict)  # id(tree) -> its file's text
    variables: dict[str, Any] = field(default_factory=dict)  # name -> default expression
    locals: dict[str, Any] = field(default_factory=dict)  # name -> expression
    names: dict[str, Any] | None = None  # templatefile(): plain names bound to values
    # Unresolved references met inside templates (kept as their `${...}` text).
    unresolved: list[Unresolvable] = field(default_factory=list)
    _busy: set[str] = field(default_factory=set)


def source_text(node: Any, text: str) -> str:
    """The exact source of a tree node (python-hcl2 keeps positions)."""
    meta = getattr(node, "_meta", None)
    start, end = getattr(meta, "start_pos", None), getattr(meta, "end_pos", None)
    if start is None or end is None:
        from hcl2.utils import unwrap_dollar_string

        return str(unwrap_dollar_string(str(node.serialize())))
    return text[start:end].strip()


def line_of(node: Any) -> int | None:
    return getattr(getattr(node, "_meta", None), "line", None)


def _name(node: Any) -> str:
    return type(node).__name__


@dataclass(frozen=True)
class JsonExpression:
    """A value from a `.tf.json` file: every string in it is a Terraform template."""

    value: Any


@dataclass(frozen=True)
class Literal:
    """A value that is already a value (a `.tf.json` variable default is never a template)."""

    value: Any


def evaluate_json(value: Any, scope: Scope) -> Any:
    if isinstance(value, str):
        if value.startswith("${") and _interpolation_end(value, 2) == len(value) - 1:
            # A template that is one interpolation has that expression's value, of any type.
            node, wrapped = parse_expression(value[2:-1].strip())
            scope.source.setdefault(id(node), wrapped)
            return evaluate(node, scope, wrapped)
        return render_template(value, scope)
    if isinstance(value, list):
        return [evaluate_json(v, scope) for v in value]
    if isinstance(value, dict):
        return {k: evaluate_json(v, scope) for k, v in value.items()}
    return value


def evaluate(node: Any, scope: Scope, text: str) -> Any:
    """The value of an expression node, or :class:`Unresolvable`."""
    kind = _name(node)
    if kind == "JsonExpression":
        return evaluate_json(node.value, scope)
    if kind == "Literal":
        return node.value
    if kind == "ExprTermRule":
        return evaluate(node.expression, scope, text)
    if kind in ("IntLitRule", "FloatLitRule"):
        raw = str(node.token.value)
        return float(raw) if any(c in raw for c in ".eE") else int(raw)
    if kind in ("LiteralValueRule", "KeywordRule"):
        return {"true": True, "false": False, "null": None}.get(str(node.token.value))
    if kind == "UnaryOpRule":
        value = evaluate(node.expr_term, scope, text)
        if node.operator == "-" and isinstance(value, int | float):
            return -value
        if node.operator == "!" and isinstance(value, bool):
            return not value
        raise Unresolvable(source_text(node, text), "this operation is not evaluated")
    if kind == "StringRule":
        return _string(node, scope, text)
    if kind in ("HeredocTemplateRule", "HeredocTrimTemplateRule"):
        return render_template(heredoc_body(str(node.heredoc.value)), scope)
    if kind == "TupleRule":
        return [evaluate(e, scope, text) for e in node.elements]
    if kind == "ObjectRule":
        return {
            _key(e.key, scope, text): evaluate(e.expression, scope, text) for e in node.elements
        }
    if kind == "FunctionCallRule":
        return _call(node, scope, text)
    if kind in ("IdentifierRule", "GetAttrExprTermRule", "IndexExprTermRule"):
        return _reference(node, scope, text)
    raise Unresolvable(source_text(node, text), "this kind of expression is not evaluated")


def _key(key: Any, scope: Scope, text: str) -> str:
    inner: Any = getattr(key, "value", None)
    if _name(key) == "ObjectElemKeyRule" and _name(inner) == "IdentifierRule":
        return str(inner.token.value)
    if _name(key) == "ObjectElemKeyRule":
        return str(evaluate(inner, scope, text))
    return str(evaluate(key.expression, scope, text))


def _string(node: Any, scope: Scope, text: str) -> str:
    from hcl2.utils import process_escape_sequences

    out = []
    for part in node.string_parts:
        content = part.content
        kind = content.lark_name() if hasattr(content, "lark_name") else _name(content)
        if kind in ("STRING_CHARS", "ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):
            # `$${`/`%%{` arrive as unicode escapes (hcl_escapes.protect_escapes), so the
            # backslash escapes are all there is to decode.
            out.append(process_escape_sequences(str(content.value)))
        elif kind == "interpolation":
            out.append(_interpolate(content.expression, scope, text))
        else:
            raise Unresolvable(source_text(node, text), "template directives are not evaluated")
    return "".join(out)


def _interpolate(expr: Any, scope: Scope, text: str) -> str:
    try:
        value = evaluate(expr, scope, text)
    except Unresolvable as exc:
        scope.unresolved.append(exc)
        return "${" + source_text(expr, text) + "}"
    return _to_string(value, source_text(expr, text))


def _to_string(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    raise Unresolvable(where, "an object or list cannot be inserted into a string")


# -- references --------------------------------------------------------------------------


def _chain(node: Any) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"] (None when the chain has indexes or calls)."""
    kind = _name(node)
    if kind == "ExprTermRule":
        return _chain(node.expression)
    if kind == "IdentifierRule":
        return [str(node.token.value)]
    if kind == "GetAttrExprTermRule":
        head = _chain(node.expr_term)
        return None if head is None else [*head, str(node.get_attr.identifier.token.value)]
    return None


def _reference(node: Any, scope: Scope, text: str) -> Any:
    chain = _chain(node)
    src = source_text(node, text)
    if chain is None:
        raise Unresolvable(src, "indexing is not evaluated")
    if scope.names is not None:  # inside templatefile(): only its variables exist
        if chain[0] in scope.names and len(chain) == 1:
            return scope.names[chain[0]]
        raise Unresolvable(src, "not a variable passed to templatefile()")
    head, rest = chain[0], chain[1:]
    if head == "path" and rest in (["module"], ["root"], ["cwd"]):
        return str(scope.folder)
    if head in ("var", "local") and len(rest) >= 1:
        table = scope.variables if head == "var" else scope.locals
        name = rest[0]
        if name not in table:
            why = "no default in this folder" if head == "var" else "not defined in this folder"
            if head == "var" and name in scope.variables:
                why = "no default in this folder"
            raise Unresolvable(src, why)
        expr = table[name]
        if expr is None:
            raise Unresolvable(src, "the variable has no default in this folder")
        key = f"{head}.{name}"
        if key in scope._busy:
            raise Unresolvable(src, "it refers to itself")
        scope._busy.add(key)
        try:
            value = evaluate(expr, scope, scope.source.get(id(expr), text))
        finally:
            scope._busy.discard(key)
        for attr in rest[1:]:
            if not isinstance(value, dict) or attr not in value:
                raise Unresolvable(src, f"'{attr}' is not in {key}")
            value = value[attr]
        return value
    if head == "data" or head == "module" or head in ("each", "count", "self"):
        raise Unresolvable(src, "known only when Terraform applies the configuration")
    raise Unresolvable(src, "another resource's attribute, known only after it is created")


# -- functions ---------------------------------------------------------------------------


def _args(node: Any, scope: Scope, text: str) -> list[Any]:
    rule = node.arguments
    return [evaluate(a, scope, text) for a in (rule.arguments if rule else [])]


def terraform_jsonencode(value: Any) -> str:
    """Terraform's `jsonencode`: compact, object keys sorted, `<>&` escaped as Go does."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _read(path_value: Any, scope: Scope, src: str) -> str:
    if not isinstance(path_value, str):
        raise Unresolvable(src, "the file name is not a string")
    path = Path(path_value)
    if not path.is_absolute():
        path = scope.folder / path
    from tui.model.limits import read_limited  # the one owner of what a file may cost
    from tui.model.problems import DataActionError

    try:
        return read_limited(path, max_bytes=MAX_FILE_BYTES).decode("utf-8")
    except DataActionError as exc:
        raise Unresolvable(src, exc.problems[0].message) from None
    except UnicodeDecodeError as exc:
        raise Unresolvable(src, f"{path} is not UTF-8 text ({exc.reason})") from None


def _format(spec: str, *args: Any) -> str:
    values = iter(args)

    def one(m: re.Match[str]) -> str:
        if m.group() == "%%":
            return "%"
        return _to_string(next(values), "format()")

    return re.sub(r"%%|%[sdv]", one, spec)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "jsonencode": terraform_jsonencode,
    "jsondecode": json.loads,
    "trimspace": str.strip,
    "chomp": lambda s: re.sub(r"(\r\n|\n|\r)+\Z", "", s),
    "lower": str.lower,
    "upper": str.upper,
    "replace": lambda s, old, new: s.replace(old, new),
    "format": _format,
    "merge": lambda *maps: {k: v for m in maps for k, v in m.items()},
}


def _call(node: Any, scope: Scope, text: str) -> Any:
    name = "::".join(str(i.token.value) for i in node.identifiers)
    src = source_text(node, text)
    args = _args(node, scope, text)
    if name == "file" and len(args) == 1:
        return _read(args[0], scope, src)
    if name == "templatefile" and len(args) == 2 and isinstance(args[1], dict):
        inner = Scope(scope.folder, names=args[1])
        value = render_template(_read(args[0], scope, src), inner)
        if inner.unresolved:
            raise inner.unresolved[0]
        return value
    fn = FUNCTIONS.get(name)
    if fn is None:
        raise Unresolvable(src, f"the function {name}() is not evaluated")
    try:
        return fn(*args)
    except (TypeError, ValueError, StopIteration) as exc:
        raise Unresolvable(src, f"{name}() failed: {exc}") from None


# -- templates (heredocs, templatefile, .tf.json strings) ---------------------------------


def heredoc_body(token: str) -> str:
    """The template text of a heredoc token, as Terraform reads it.

    `<<EOT` keeps every line as written, including the last newline; `<<-EOT` also removes
    the smallest indentation of the non-blank lines (HCL native syntax spec, "Template
    Expressions"). The closing marker's line is never part of the value.
    """
    head, _, rest = token.partition("\n")
    marker = head.lstrip("<-").strip()
    lines = rest.split("\n")
    while lines and lines[-1].strip() in ("", marker):
        last = lines.pop().strip()
        if last == marker:
            break
    body = [*lines]
    if head.startswith("<<-"):
        indents = [len(ln) - len(ln.lstrip(" \t")) for ln in body if ln.strip()]
        cut = min(indents, default=0)
        body = [ln[cut:] for ln in body]
    return "".join(ln + "\n" for ln in body)


def _interpolation_end(text: str, start: int) -> int:
    """Index of the `}` closing the interpolation whose `${` ends at `start`."""
    depth, i, quote = 1, start, False
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def parse_expression(expr: str) -> tuple[Any, str]:
    """An expression's tree, parsed by python-hcl2 as the value of a throwaway attribute."""
    from tui.model.hcl_parser import parses

    wrapped = f"x = {expr}\n"
    try:
        tree = parses(wrapped)
    except Exception:  # python-hcl2 raises lark errors of several types
        raise Unresolvable(expr, "not a valid expression") from None
    attribute = next(c for c in tree.body.children if _name(c) == "AttributeRule")
    return attribute.expression, wrapped


def render_template(template: str, scope: Scope) -> str:
    """A template's value: `$${`/`%%{` unescaped, each `${expr}` evaluated."""
    out, i = [], 0
    while i < len(template):
        if template.startswith(("$${", "%%{"), i):
            out.append(template[i + 1 : i + 3])
            i += 3
        elif template.startswith("%{", i):
            raise Unresolvable(template[i : i + 20], "template directives are not evaluated")
        elif template.startswith("${", i):
            end = _interpolation_end(template, i + 2)
            if end < 0:
                raise Unresolvable(template[i : i + 20], "an interpolation is not closed")
            src = template[i + 2 : end].strip()
            node, wrapped = parse_expression(src)
            scope.source.setdefault(id(node), wrapped)
            try:
                out.append(_to_string(evaluate(node, scope, wrapped), src))
            except Unresolvable as exc:
                scope.unresolved.append(exc)
                out.append("${" + src + "}")
            i = end + 1
        else:
            out.append(template[i])
            i += 1
    return "".join(out)
