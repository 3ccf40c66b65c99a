"""Read and write every format an action lives in, detecting which one a file holds.

Formats: ``spec`` (friendly YAML), ``api`` (Genesys API JSON), ``custom-json`` (the admin UI's
``*.custom.json`` export) and ``hcl`` (a Terraform ``genesyscloud_integration_action``).
Every reader reports bad input as :class:`DataActionError` problems with file, field and line.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from tui.model.action import WEB_SERVICES_TYPE, Action, to_wire
from tui.model.compile import compile_spec, decompile
from tui.model.filenames import safe_file_stem
from tui.model.hcl import read_hcl, write_hcl
from tui.model.limits import load_yaml, read_limited, too_deep
from tui.model.locate import find, index_positions
from tui.model.problems import DataActionError, Problem
from tui.model.spec import Spec

Format = Literal["spec", "api", "custom-json", "hcl"]
FORMATS: tuple[Format, ...] = ("spec", "api", "custom-json", "hcl")
EXTENSIONS: dict[Format, str] = {
    "spec": ".yaml",
    "api": ".json",
    "custom-json": ".custom.json",
    "hcl": ".tf",
}
CUSTOM_JSON_KEYS = ("name", "integrationType", "actionType", "config", "contract", "secure")


@dataclass
class Loaded:
    """What a file held: the wire action, the spec when there is one, and where things are."""

    action: Action
    format: Format
    spec: Spec | None = None
    file: str = ""
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)
    integration_type: str = WEB_SERVICES_TYPE

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        return find(self.positions, path) if self.positions else None


# -- errors ------------------------------------------------------------------------------

HINTS = {
    "extra_forbidden": "remove it, or check its spelling against the documented fields",
    "missing": "add this field",
    "literal_error": "use one of the allowed values",
}


def problems_from_validation(
    exc: ValidationError,
    file: str,
    positions: dict[tuple[str | int, ...], tuple[int, int]],
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        line_col = find(positions, loc) if positions else None
        fld = ".".join(str(p) for p in loc)
        msg = err["msg"]
        hint = HINTS.get(err["type"], "")
        if err["type"] == "extra_forbidden":
            msg = f"unknown field '{loc[-1]}'"
        elif "input" in err and not isinstance(err["input"], dict | list):
            msg = f"{msg} (got {err['input']!r})"
            allowed = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
            close = difflib.get_close_matches(str(err["input"]), allowed, n=1)
            if close:
                hint = f"did you mean '{close[0]}'?"
        out.append(
            Problem(
                msg,
                field=fld,
                file=file,
                line=line_col[0] if line_col else None,
                column=line_col[1] if line_col else None,
                hint=hint,
            )
        )
    return out


def _validate(
    model: type[BaseModel],
    data: Any,
    file: str,
    positions: dict,
    prefix: tuple[str | int, ...] = (),
) -> Any:
    if not isinstance(data, dict):
        raise DataActionError(
            [Problem("expected a mapping (object) at the top of the file", file=file, line=1)]
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataActionError(problems_from_validation(exc, file, positions, prefix)) from exc


def _parse_json(text: str, file: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise too_deep(file) from None
    except json.JSONDecodeError as exc:
        raise DataActionError(
            [
                Problem(
                    f"not valid JSON: {exc.msg}",
                    file=file,
                    line=exc.lineno,
                    column=exc.colno,
                    hint="check for a missing comma, quote or bracket near here",
                )
            ]
        ) from exc


def _parse_yaml(text: str, file: str) -> Any:
    try:
        return load_yaml(text, file)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataActionError(
            [
                Problem(
                    f"not valid YAML: {problem}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                    hint="check indentation and quoting near here",
                )
            ]
        ) from exc


# -- readers -----------------------------------------------------------------------------


def read_spec(text: str, file: str = "") -> Loaded:
    data = _parse_yaml(text, file)
    positions = index_positions(text)
    spec = _validate(Spec, data, file, positions)
    return Loaded(compile_spec(spec), "spec", spec, file, positions, spec.integration_type)


def read_api_json(text: str, file: str = "") -> Loaded:
    data = _parse_json(text, file)
    positions = index_positions(text)
    return Loaded(_validate(Action, data, file, positions), "api", None, file, positions)


def read_custom_json(text: str, file: str = "") -> Loaded:
    data = _parse_json(text, file)
    positions = index_positions(text)
    if not isinstance(data, dict):
        raise DataActionError([Problem("expected a JSON object", file=file, line=1)])
    unknown = [k for k in data if k not in CUSTOM_JSON_KEYS]
    if unknown:
        line_col = find(positions, (unknown[0],))
        raise DataActionError(
            [
                Problem(
                    f"unknown field '{k}' in a .custom.json export",
                    field=k,
                    file=file,
                    line=line_col[0] if line_col else None,
                    hint=f"an export has only {', '.join(CUSTOM_JSON_KEYS)}",
                )
                for k in unknown
            ]
        )
    wire = {k: data[k] for k in ("name", "config", "contract", "secure") if k in data}
    action = _validate(Action, wire, file, positions)
    return Loaded(
        action, "custom-json", None, file, positions, data.get("integrationType", WEB_SERVICES_TYPE)
    )


def read_hcl_file(text: str, file: str = "") -> Loaded:
    actions = read_hcl(text, file)
    return Loaded(actions[0], "hcl", None, file)


READERS = {
    "spec": read_spec,
    "api": read_api_json,
    "custom-json": read_custom_json,
    "hcl": read_hcl_file,
}


def detect_format(path: str | Path, text: str) -> Format:
    name = str(path).lower()
    if name.endswith(".tf"):
        return "hcl"
    if name.endswith((".yaml", ".yml")):
        return "spec"
    if name.endswith(".custom.json"):
        return "custom-json"
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "custom-json" if '"actionType"' in text or '"integrationType"' in text else "api"
    if stripped.startswith("resource"):
        return "hcl"
    if Path(name).suffix in ("", ".txt", ".spec"):
        return "spec"
    raise DataActionError.single(
        f"{path} is not an action file",
        file=str(path),
        hint="use a YAML spec (.yaml), API JSON (.json), a UI export (.custom.json) or Terraform (.tf)",
    )


def load(path: str | Path, fmt: Format | None = None) -> Loaded:
    """Read an action file of any format (detected from its name and content)."""
    p = Path(path)
    try:
        text = read_limited(p).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataActionError.single(f"{p} is not UTF-8 text ({exc.reason})") from None
    if not text.strip():
        raise DataActionError.single(
            "the file is empty",
            file=str(p),
            hint="write a spec (see examples/) or export an action",
        )
    try:
        return READERS[fmt or detect_format(p, text)](text, str(p))
    except RecursionError:
        raise too_deep(str(p)) from None


# -- writers -----------------------------------------------------------------------------


class _SpecDumper(yaml.SafeDumper):
    pass


_YAML_AWKWARD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML emits some YAML 1.1 line breaks (NEL, LS, PS) unquoted and reads them back as
    # spaces; double quotes keep every character.
    style = '"' if _YAML_AWKWARD.search(data) else "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_SpecDumper.add_representer(str, _str_presenter)


def spec_to_yaml(spec: Spec) -> str:
    """The spec as friendly YAML (defaults left out, multi-line templates as blocks)."""
    data = spec.model_dump(mode="json", exclude_defaults=True)
    # The method and category are worth seeing even when they are the defaults.
    data = {"name": spec.name, "category": spec.category, **data}
    data["request"] = {"method": spec.request.method, **data.get("request", {})}
    return yaml.dump(data, Dumper=_SpecDumper, sort_keys=False, allow_unicode=True, width=100)


def to_api_json(action: Action) -> str:
    return json.dumps(to_wire(action), indent=2, ensure_ascii=False) + "\n"


def to_custom_json(action: Action, integration_type: str = WEB_SERVICES_TYPE) -> str:
    wire = to_wire(action)
    data = {
        "name": wire.get("name", ""),
        "integrationType": integration_type,
        "actionType": "custom",
        "config": wire.get("config", {}),
        "contract": wire.get("contract", {}),
        "secure": wire.get("secure", False),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_file_name(name: str, now: datetime | None = None) -> str:
    """The UI's export name: `<Name>-<YYYYMMDDhhmmss>.custom.json`."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    return f"{safe_file_stem(name)}-{stamp}.custom.json"


def dump(loaded: Loaded | Action, fmt: Format) -> str:
    """Write an action (or what a file held) in any format."""
    if isinstance(loaded, Action):
        action, spec, itype = loaded, None, WEB_SERVICES_TYPE
    else:
        action, spec, itype = loaded.action, loaded.spec, loaded.integration_type
    if fmt == "spec":
        return spec_to_yaml(spec or decompile(action))
    if fmt == "api":
        return to_api_json(action)
    if fmt == "custom-json":
        return to_custom_json(action, itype)
    return write_hcl(action)
