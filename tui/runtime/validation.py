"""Everything `dataaction validate` checks: contracts, config, templates, paths and the sample.

Each problem names the file, the field (in the file's own vocabulary: spec or wire) and, when
known, the line and column, plus a hint on how to fix it.
"""

from __future__ import annotations

import re

from tui.model.action import Action
from tui.model.formats import Loaded
from tui.model.problems import Problem
from tui.model.spec import Spec
from tui.model.urls import PROPERTY_NEXT, escaped_spans, without_escaped_calls
from tui.model.validation import (
    Path,
    check_input_schema,
    check_success_schema,
    problem,
    static_problems,
)
from tui.runtime.jsonpath import JsonPathSyntaxError, compile_path
from tui.runtime.pipeline import CannedResponse, Execution, StepFailed, finish
from tui.runtime.velocity import VelocitySyntaxError, parse

REFERENCE = re.compile(r"(?<!\\)\$!?\{?([A-Za-z][A-Za-z0-9_-]*)")
INPUT_REFERENCE = re.compile(r"(?<!\\)\$!?\{?input\.([A-Za-z][A-Za-z0-9_-]*)")
# Names a template defines itself (Velocity 1.7 #foreach and #set directives).
LOCAL_VARIABLE = re.compile(r"#\{?(?:foreach|set)\}?\s*\(\s*\$!?\{?([A-Za-z][A-Za-z0-9_-]*)")
SUCCESS_CONTEXT = frozenset(
    {
        "rawResult",
        "input",
        "esc",
        "math",
        "encoding",
        "successTemplateUtils",
        "urlTool",
        "velocityCount",
        "foreach",
    }
)


def _templates(action: Action) -> list[tuple[Path, str]]:
    req, resp = action.request, action.response
    out: list[tuple[Path, str]] = [
        (("config", "request", "requestUrlTemplate"), req.request_url_template)
    ]
    out += [(("config", "request", "headers", k), v) for k, v in req.headers.items()]
    if req.request_template is not None:
        out.append((("config", "request", "requestTemplate"), req.request_template))
    if resp.success_template is not None:
        out.append((("config", "response", "successTemplate"), resp.success_template))
    return out


# Velocity is case-sensitive: `${INPUT.x}` or `$Input.x` names no context object and renders
# as its own text (Apache Velocity 1.7 user guide, "Case Sensitivity"; the Velocity macros help
# page, https://help.mypurecloud.com/articles/velocity-macros-data-actions/, on null references).
MISCASED_INPUT = re.compile(
    r"(?<!\\)\$!?\{?((?!input\.)[Ii][Nn][Pp][Uu][Tt])\.([A-Za-z][A-Za-z0-9_-]*)"
)
NO_BODY_METHODS = ("GET", "DELETE")  # Genesys sends no body: the Request configuration page


def url_problems(action: Action) -> list[tuple[Path, Problem]]:
    """A bare `${input.x}` in the URL template: `/`, `?`, `#` or a space in it changes the
    request (issue found in practice; the Request configuration help page says to escape)."""
    where: Path = ("config", "request", "requestUrlTemplate")
    props = action.input_schema.get("properties") or {}
    seen: set[str] = set()
    out = []
    for name in INPUT_REFERENCE.findall(without_escaped_calls(action.request.request_url_template)):
        prop = props.get(name) if isinstance(props, dict) else None
        typ = prop.get("type") if isinstance(prop, dict) else None
        if name in seen or name == "rawRequest" or typ in ("integer", "number", "boolean"):
            continue  # numbers and booleans have nothing to escape
        seen.add(name)
        out.append(
            problem(
                where,
                f"'${{input.{name}}}' goes into the URL unescaped: a '/', '?', '#' or space in "
                "it changes the request",
                f"write $esc.url(${{input.{name}}}) (or $urlTool.optionalQueryParam for a query "
                "parameter)",
                severity="warning",
            )
        )
    url = action.request.request_url_template
    for start, end in escaped_spans(url):
        after = PROPERTY_NEXT.match(url, end)
        if after is None or url[start + 1] == "{" or url[start + 1 : start + 3] == "!{":
            continue  # the formal ${...} form ends at its brace
        call = url[start:end]
        out.append(
            problem(
                where,
                f"'{call}{after.group(0)}': Velocity reads '{after.group(0)}' as a property of "
                f"what '{call}' returns and, finding none, sends the whole reference as written",
                f"write ${{{call[1:]}}}{after.group(0)} to end the reference before it",
                severity="warning",
            )
        )
    return out


def template_problems(action: Action) -> list[tuple[Path, Problem]]:
    out = []
    for path, text in _templates(action):
        try:
            parse(text, name=path[-1] if isinstance(path[-1], str) else "template")
        except VelocitySyntaxError as exc:
            hint = "check #if/#foreach have a matching #end and ${...} braces are closed"
            found = Problem(
                f"Velocity syntax error: {exc.message}",
                field=".".join(map(str, path)),
                hint=hint,
                line=exc.line,
                column=exc.column,
            )
            out.append((path, found))
    props = action.input_schema.get("properties")
    inputs = set(props if isinstance(props, dict) else ()) | {"rawRequest"}
    no_body = action.request.request_type.upper() in NO_BODY_METHODS
    for path, text in _templates(action):
        if path[1] != "request":
            continue  # inputs in the success template are not documented
        unsent = no_body and path[-1] == "requestTemplate"
        for name in dict.fromkeys(INPUT_REFERENCE.findall(text)):
            if name not in inputs:
                out.append(
                    problem(
                        path,
                        f"'${{input.{name}}}' is not in the input contract"
                        + (
                            f" (harmless: a {action.request.request_type} sends no body)"
                            if unsent
                            else ""
                        ),
                        f"add an input named '{name}', or fix the reference",
                        severity="warning" if unsent else "error",
                    )
                )
        for m in MISCASED_INPUT.finditer(text):
            out.append(
                problem(
                    path,
                    f"'{m.group(0)}' is not an input reference: Velocity names are case-sensitive, "
                    "so it is sent as literal text",
                    f"write ${{input.{m.group(2)}}}",
                    severity="warning" if unsent else "error",
                )
            )
    return out + url_problems(action)


def translation_problems(action: Action) -> list[tuple[Path, Problem]]:
    resp = action.response
    out = []
    for key, path in resp.translation_map.items():
        where: Path = ("config", "response", "translationMap", key)
        try:
            compile_path(path)
        except JsonPathSyntaxError as exc:
            out.append(
                problem(
                    where,
                    str(exc),
                    "paths look like $.a.b, $.items[0].id or $.items[?(@.x == 'y')].id",
                )
            )
    for key in resp.translation_map_defaults:
        if key not in resp.translation_map:
            out.append(
                problem(
                    ("config", "response", "translationMapDefaults", key),
                    f"default for '{key}', which is not in the translation map",
                    "add a translation map entry with that name, or remove the default",
                    severity="warning",
                )
            )
    template = resp.success_template
    if template is not None:
        used = set(REFERENCE.findall(template))
        defined = set(LOCAL_VARIABLE.findall(template))  # #foreach($x in ...), #set($x = ...)
        for name in sorted(used - set(resp.translation_map) - SUCCESS_CONTEXT - defined):
            out.append(
                problem(
                    ("config", "response", "successTemplate"),
                    f"the success template uses '${name}', which is not a translation map key",
                    f"add '{name}' to the translation map (name -> JSONPath) or fix the name",
                )
            )
        if "rawResult" not in used:
            for key in resp.translation_map:
                if key not in used:
                    out.append(
                        problem(
                            ("config", "response", "translationMap", key),
                            f"translation map key '{key}' is not used by the success template",
                            f"insert ${{{key}}} in the success template or remove the key",
                            severity="warning",
                        )
                    )
    return out


def sample_problems(action: Action, sample: CannedResponse) -> list[tuple[Path, Problem]]:
    run = Execution()
    body = sample.body.encode() if isinstance(sample.body, str) else sample.body
    try:
        finish(run, action, body, flatten_output=False)
    except StepFailed as exc:
        params = exc.error.message_params
        where: Path = ("config", "response", "successTemplate")
        if "key" in params:  # a translation map entry failed
            where = ("config", "response", "translationMap", params["key"])
        elif params.get("field") in (action.success_schema.get("properties") or {}):
            where = ("contract", "output", "successSchema", "properties", params["field"])
        return [
            problem(
                where,
                f"with the sample response: {exc.error.message}",
                "run `dataaction test` to see each step",
            )
        ]
    return []


# -- locations ---------------------------------------------------------------------------


def spec_path(path: Path, spec: Spec) -> Path:
    """Where a wire field lives in the friendly spec."""
    match path:
        case ("config", "request", "requestUrlTemplate", *_):
            return ("request", "url")
        case ("config", "request", "requestType", *_):
            return ("request", "method")
        case ("config", "request", "requestTemplate", *_):
            return ("request", "body")
        case ("config", "request", "headers", *rest):
            return ("request", "headers", *rest)
        case ("config", "response", "translationMap", key, *_) if spec.translation_map is not None:
            return ("translation_map", key)
        case ("config", "response", "translationMapDefaults", key, *_) if (
            spec.translation_map_defaults is not None
        ):
            return ("translation_map_defaults", key)
        case ("config", "response", "translationMap" | "translationMapDefaults", key, *_):
            for i, o in enumerate(spec.outputs):
                if o.name == key:
                    return ("outputs", i, "path" if path[2] == "translationMap" else "default")
            return ("outputs",)
        case ("config", "response", "successTemplate", *_):
            return ("success_template",) if spec.success_template is not None else ("outputs",)
        case ("config", "timeoutSeconds", *_):
            return ("timeout",)
        case ("contract", "input", "inputSchema", "properties", name, *_):
            for i, inp in enumerate(spec.inputs):
                if inp.name == name:
                    return ("inputs", i, "name")
            return ("input_schema",) if spec.input_schema else ("inputs",)
        case ("contract", "output", "successSchema", "properties", name, *_):
            for i, o in enumerate(spec.outputs):
                if o.name == name:
                    return ("outputs", i, "name")
            return ("output_schema",) if spec.output_schema else ("outputs",)
        case ("contract", "input", *_):
            return ("input_schema",) if spec.input_schema else ("inputs",)
        case ("contract", "output", *_):
            return ("output_schema",) if spec.output_schema else ("outputs",)
    return path


def _place(path: Path, prob: Problem, loaded: Loaded | None) -> Problem:
    if loaded is None:
        return prob
    target = spec_path(path, loaded.spec) if loaded.spec is not None else path
    line_col = loaded.locate(target)
    line, column = prob.line, prob.column
    if line_col and loaded.format == "hcl":  # the attribute's line; templates are escaped there
        line, column = line_col[0], None
    elif line_col and loaded.format in ("spec", "api", "custom-json"):
        if line is not None:  # a position inside a template: relative to the field's line
            column = column if line > 1 else (column or 0) + line_col[1]
            line = line_col[0] + line - 1
        else:
            line, column = line_col
    fld = ".".join(map(str, target))
    return Problem(
        prob.message,
        field=fld,
        file=loaded.file,
        line=line,
        column=column,
        hint=prob.hint,
        severity=prob.severity,
    )


def validate_action(
    action: Action,
    *,
    loaded: Loaded | None = None,
    sample: CannedResponse | None = None,
) -> list[Problem]:
    """All problems with `action`, errors first, located in `loaded`'s file when given."""
    if loaded is not None and loaded.function is not None:
        # A function data action has no request or response config: its code makes the call
        # (the provider's function_config example). Only the contracts apply.
        found = check_input_schema(action.input_schema) + check_success_schema(
            action.success_schema
        )
    else:
        found = static_problems(action) + template_problems(action) + translation_problems(action)
    unresolved = loaded.unresolved if loaded is not None else []
    if unresolved:  # a Terraform reference without a value here: its warning says so
        found = [(p, f) for p, f in found if not any(p[: len(u)] == u for u in unresolved)]
    if sample is not None and not any(p.severity == "error" for _, p in found):
        found += sample_problems(action, sample)
    placed = [_place(path, prob, loaded) for path, prob in found]
    if loaded is not None:
        placed += loaded.problems
    return sorted(placed, key=lambda p: (p.severity != "error", p.line or 0))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
