"""Read and write every format an action lives in, detecting which one a file holds.

Formats: ``spec`` (friendly YAML), ``api`` (Genesys API JSON), ``custom-json`` (the admin UI's
``*.custom.json`` export) and ``hcl`` (a Terraform ``genesyscloud_integration_action``).
Every reader reports bad input as :class:`DataActionError` problems with file, field and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import yaml

from tui.model.action import WEB_SERVICES_TYPE, Action, to_wire
from tui.model.compile import compile_spec, decompile
from tui.model.filenames import safe_file_stem
from tui.model.limits import load_yaml, read_limited, too_deep
from tui.model.locate import find, index_positions
from tui.model.problems import DataActionError, Problem
from tui.model.records import Record, ValidationError
from tui.model.spec import Spec

if TYPE_CHECKING:  # Terraform's reader loads only for .tf files, datetime only for exports
    from datetime import datetime

    from tui.model.hcl_read import HclAction, Reference, WirePath

Format = Literal["spec", "api", "custom-json", "hcl"]
FORMATS: tuple[Format, ...] = ("spec", "api", "custom-json", "hcl")
EXTENSIONS: dict[Format, str] = {
    "spec": ".yaml",
    "api": ".json",
    "custom-json": ".custom.json",
    "hcl": ".tf",
}
CUSTOM_JSON_KEYS = ("name", "integrationType", "actionType", "config", "contract", "secure")
# Key order of the admin UI's Export (public exports, e.g. Purple-Network/Genesys-Cloud-data-
# actions); a file it wrote and we read comes back byte for byte.
UI_CONFIG_KEYS = ("timeoutSeconds", "request", "response")
UI_REQUEST_KEYS = ("requestUrlTemplate", "requestType", "headers", "requestTemplate")
UI_RESPONSE_KEYS = ("translationMap", "translationMapDefaults", "successTemplate")
UI_CONTRACT_KEYS = {"input": ("inputSchema",), "output": ("successSchema", "errorSchema")}
# Not API fields: which integrations may hold the action, and "custom" or Genesys's own "static".
ORIGIN_KEYS = ("integrationType", "actionType")
CUSTOM_ACTION = "custom"


class Loaded:
    """What a file held: the wire action, the spec when there is one, and where things are.

    A plain class, not a dataclass: `dataclasses` imports `inspect` (with ast, dis and
    tokenize), ~7 ms of a ~55 ms `validate`.
    """

    def __init__(
        self,
        action: Action,
        format: Format,
        spec: Spec | None = None,
        file: str = "",
        positions: dict[tuple[str | int, ...], tuple[int, int]] | None = None,
        integration_type: str = WEB_SERVICES_TYPE,
        action_type: str = CUSTOM_ACTION,
        # Terraform only: the resource's label, attributes written as expressions, what could
        # not be resolved (each also a warning in `problems`) and a function data action's
        # config.
        resource: str | None = None,
        references: dict[WirePath, Reference] | None = None,
        problems: list[Problem] | None = None,
        unresolved: list[WirePath] | None = None,
        function: dict[str, Any] | None = None,
    ) -> None:
        self.action = action
        self.format = format
        self.spec = spec
        self.file = file
        self.positions = positions if positions is not None else {}
        self.integration_type = integration_type
        self.action_type = action_type
        self.resource = resource
        self.references: dict[WirePath, Reference] = references if references is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []
        self.unresolved: list[WirePath] = unresolved if unresolved is not None else []
        self.function = function

    def __repr__(self) -> str:
        return f"Loaded({self.format} {self.file or '-'}: {self.action.name!r})"

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        return find(self.positions, path) if self.positions else None


# -- errors ------------------------------------------------------------------------------

HINTS = {
    "extra_forbidden": "remove it, or check its spelling against the documented fields",
    "missing": "add this field",
    "literal_error": "use one of the allowed values",
}


class _Refusal(Protocol):
    """A validation error: a record's, or pydantic's (the test-case files' models)."""

    def errors(self) -> Sequence[Mapping[str, Any]]: ...


def problems_from_validation(
    exc: _Refusal,
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
            import difflib

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
    model: type[Record],
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
    _no_duplicate_names(spec, file, positions)
    return Loaded(
        compile_spec(spec),
        "spec",
        spec,
        file,
        positions,
        spec.integration_type,
        spec.action_type,
    )


def _no_duplicate_names(
    spec: Spec, file: str, positions: dict[tuple[str | int, ...], tuple[int, int]]
) -> None:
    problems = []
    named = (("inputs", [i.name for i in spec.inputs]), ("outputs", [o.name for o in spec.outputs]))
    for kind, names in named:
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                line_col = find(positions, (kind, i, "name"))
                problems.append(
                    Problem(
                        f"{kind[:-1]} '{name}' is defined twice",
                        field=f"{kind}.{i}.name",
                        file=file,
                        line=line_col[0] if line_col else None,
                        column=line_col[1] if line_col else None,
                        hint="names in a contract are unique: rename or remove one",
                    )
                )
            seen.add(name)
    if problems:
        raise DataActionError(problems)


def read_api_json(text: str, file: str = "") -> Loaded:
    data = _parse_json(text, file)
    if isinstance(data, dict) and not {"config", "contract"} & set(data):
        # A saved response (`name` is common in one) would give an "unknown field" per key.
        raise DataActionError.single(
            "no 'config' or 'contract' here: this looks like an API response (a sample), "
            "not a data action",
            file=file,
            hint=f"check an action against it: dataaction validate ACTION --sample {file or 'FILE'}"
            "; build one from the API that returned it: dataaction new",
        )
    positions = index_positions(text)
    origin = {k: data.pop(k) for k in ORIGIN_KEYS if isinstance(data, dict) and k in data}
    action = _validate(Action, data, file, positions)
    loaded = Loaded(action, "api", None, file, positions)
    loaded.integration_type = str(origin.get("integrationType") or _guess_type(action))
    loaded.action_type = str(origin.get("actionType") or CUSTOM_ACTION)
    return loaded


def _guess_type(action: Action) -> str:
    """Genesys Cloud Data Actions call the org's own API by a relative URL."""
    from tui.model.action import GENESYS_CLOUD_TYPE

    url = action.request.request_url_template
    return GENESYS_CLOUD_TYPE if url.startswith("/api/v2/") else WEB_SERVICES_TYPE


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
    itype = data.get("integrationType")
    return Loaded(
        action,
        "custom-json",
        None,
        file,
        positions,
        itype if isinstance(itype, str) and itype else _guess_type(action),
        str(data.get("actionType") or CUSTOM_ACTION),
    )


def _from_hcl(item: HclAction) -> Loaded:
    try:
        action = Action.model_validate(item.wire)
    except ValidationError as exc:
        raise DataActionError(problems_from_validation(exc, item.file, item.positions)) from exc
    return Loaded(
        action,
        "hcl",
        None,
        item.file,
        item.positions,
        item.integration_type,
        CUSTOM_ACTION,
        item.resource,
        item.references,
        item.problems,
        item.unresolved,
        item.function,
    )


def read_hcl_all(text: str, file: str = "") -> list[Loaded]:
    """Every action resource of a `.tf` / `.tf.json` file (its folder resolves references)."""
    from tui.model.hcl_read import read_hcl_text

    return [_from_hcl(item) for item in read_hcl_text(text, file)]


def read_hcl_file(text: str, file: str = "") -> Loaded:
    """The file's only action resource; several need :func:`load_all` (or a resource name)."""
    actions = read_hcl_all(text, file)
    if len(actions) > 1:
        names = ", ".join(a.resource or a.action.name for a in actions)
        raise DataActionError(
            [
                Problem(
                    f"this file declares {len(actions)} data actions ({names})",
                    file=file,
                    hint="name one as FILE#RESOURCE (e.g. main.tf#"
                    f"{actions[0].resource}); `validate` and `deploy` take them all",
                )
            ]
        )
    return actions[0]


READERS = {
    "spec": read_spec,
    "api": read_api_json,
    "custom-json": read_custom_json,
    "hcl": read_hcl_file,
}


def detect_format(path: str | Path, text: str) -> Format:
    name = str(path).lower()
    if name.endswith((".tf", ".tf.json")):
        return "hcl"
    if name.endswith((".yaml", ".yml")):
        return "spec"
    if name.endswith(".custom.json"):
        return "custom-json"
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _json_format(text)
    if stripped.startswith("resource"):
        return "hcl"
    if Path(name).suffix in ("", ".txt", ".spec"):
        return "spec"
    raise DataActionError.single(
        f"{path} is not an action file",
        file=str(path),
        hint="use a YAML spec (.yaml), API JSON (.json), a UI export (.custom.json) or Terraform (.tf)",
    )


def _split_resource(path: str | Path) -> tuple[Path, str | None]:
    """`main.tf#name` names one resource of a Terraform file."""
    text = str(path)
    base, sep, resource = text.rpartition("#")
    if sep and resource and (base.lower().endswith((".tf", ".tf.json")) or Path(base).is_dir()):
        return Path(base), resource  # a file's or a module folder's resource
    return Path(text), None


def _json_format(text: str) -> Format:
    """A UI export has only the export's keys and says its actionType/integrationType; API JSON
    (ours adds integrationType/actionType too) has the API's fields (category, id, ...)."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # the reader says what is wrong
        return "custom-json" if '"actionType"' in text else "api"
    if not isinstance(data, dict):
        return "api"
    keys = list(data)
    if "actionType" in keys and set(keys) <= set(CUSTOM_JSON_KEYS):
        # The UI writes actionType before config; API JSON (ours) adds it after the API fields.
        config_at = keys.index("config") if "config" in keys else len(keys)
        return "custom-json" if keys.index("actionType") < config_at else "api"
    return "api"


def load(path: str | Path, fmt: Format | None = None) -> Loaded:
    """Read an action file of any format (detected from its name and content).

    A Terraform file with several resources needs `FILE#RESOURCE`; :func:`load_all` reads
    every action of a file or a folder.
    """
    p, resource = _split_resource(path)
    if resource is not None:
        for item in load_all(p):
            if item.resource == resource:
                return item
        raise DataActionError.single(
            f"no resource named '{resource}' in {p}",
            file=str(p),
            hint='the name is the second label: resource "genesyscloud_integration_action" "NAME"',
        )
    text = _read_text(p)
    try:
        return READERS[fmt or detect_format(p, text)](text, str(p))
    except RecursionError:
        raise too_deep(str(p)) from None


def load_all(path: str | Path) -> list[Loaded]:
    """Every action in a file (a Terraform file may hold several) or in a folder's files."""
    p = Path(path)
    if p.is_dir():
        files = sorted(
            f  # a FIFO or device is read (and refused) like a named one, never skipped
            for f in p.iterdir()
            if not f.is_dir() and f.name.lower().endswith(ACTION_SUFFIXES)
        )
        if not files:
            raise DataActionError.single(
                f"{p} holds no action files",
                file=str(p),
                hint="a folder is read for .tf, .tf.json, .custom.json, .json and .yaml files",
            )
        out: list[Loaded] = []
        problems: list[Problem] = []
        module: dict[Path, str] = {}  # the folder's Terraform files: one module, read once
        for f in files:
            try:
                text = _read_text(f)
                if f.name.lower().endswith((".tf", ".tf.json")):
                    module[f] = text
                elif _holds_action(f, text):  # not a schema file, a sample response...
                    out += load_all(f)
            except DataActionError as exc:
                problems += exc.problems
        if module:
            from tui.model.hcl_read import read_module

            try:
                out += [_from_hcl(item) for item in read_module(list(module), module)]
            except DataActionError as exc:
                problems += exc.problems
            except RecursionError:
                problems += too_deep(str(p)).problems
        if problems:
            raise DataActionError(problems)
        if not out:
            raise DataActionError.single(
                f"{p} holds no data actions",
                file=str(p),
                hint="a folder is read for .tf, .tf.json, .custom.json, .json and .yaml actions",
            )
        return out
    text = _read_text(p)
    fmt = detect_format(p, text)
    try:
        if fmt == "hcl":
            return read_hcl_all(text, str(p))
        return [READERS[fmt](text, str(p))]
    except RecursionError:
        raise too_deep(str(p)) from None


def _holds_action(path: Path, text: str) -> bool:
    """Whether a file met in a folder is an action file (or is meant to be one)."""
    name = path.name.lower()
    if name.endswith((".tf", ".tf.json")):
        from tui.model.hcl_read import RESOURCES

        return any(r in text for r in RESOURCES)
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return True  # say what is wrong with it
        return isinstance(data, dict) and bool({"config", "contract", "actionType"} & set(data))
    if name.endswith((".yaml", ".yml")):
        try:
            data = load_yaml(text, str(path))
        except (yaml.YAMLError, RecursionError, DataActionError):
            return True  # say what is wrong with it
        return (
            isinstance(data, dict) and "name" in data and ("request" in data or "outputs" in data)
        )
    return True


ACTION_SUFFIXES = (".tf", ".tf.json", ".custom.json", ".json", ".yaml", ".yml")


def _read_text(p: Path) -> str:
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
    return text


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


def to_api_json(
    action: Action, integration_type: str | None = None, action_type: str = CUSTOM_ACTION
) -> str:
    """The action as the API returns it, plus where it came from (so conversions keep it)."""
    wire = to_wire(action)
    if integration_type is not None:
        wire["integrationType"] = integration_type
        wire["actionType"] = action_type
    return json.dumps(wire, indent=2, ensure_ascii=False) + "\n"


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """`data` with `keys` first in that order, any other keys after them as they were."""
    return {
        **{k: data[k] for k in keys if k in data},
        **{k: v for k, v in data.items() if k not in keys},
    }


def to_custom_json(
    action: Action, integration_type: str = WEB_SERVICES_TYPE, action_type: str = CUSTOM_ACTION
) -> str:
    """The admin UI's export: its key order, two-space indent, no final newline."""
    wire = to_wire(action)
    config = _ordered(wire.get("config", {}), UI_CONFIG_KEYS)
    if "request" in config:
        config["request"] = _ordered(config["request"], UI_REQUEST_KEYS)
    if "response" in config:
        config["response"] = _ordered(config["response"], UI_RESPONSE_KEYS)
    contract = _ordered(wire.get("contract", {}), ("input", "output"))
    for part, keys in UI_CONTRACT_KEYS.items():
        if part in contract:
            contract[part] = _ordered(contract[part], keys)
    data = {
        "name": wire.get("name", ""),
        "integrationType": integration_type,
        "actionType": action_type,
        "config": config,
        "contract": contract,
        "secure": wire.get("secure", False),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def export_file_name(name: str, now: datetime | None = None) -> str:
    """The UI's export name, `<Name>-<YYYYMMDDhhmmss>.custom.json`, safe as a file name."""
    from datetime import UTC, datetime

    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    return f"{safe_file_stem(name)}-{stamp}.custom.json"


def dump(
    loaded: Loaded | Action,
    fmt: Format,
    *,
    category: str | None = None,
    provider: bool = True,
    variable: bool = True,
) -> str:
    """Write an action (or what a file held) in any format.

    For Terraform: `category` fills in a missing category (the provider requires one);
    `provider` / `variable` say whether the folder still needs those declarations.
    """
    if isinstance(loaded, Action):
        loaded = Loaded(loaded, "api", integration_type=_guess_type(loaded))
    action, itype, atype = loaded.action, loaded.integration_type, loaded.action_type
    if fmt == "spec":
        spec = (loaded.spec or decompile(action)).model_copy()
        spec.integration_type, spec.action_type = itype, atype
        return spec_to_yaml(spec)
    if fmt == "api":
        return to_api_json(action, itype, atype)
    if fmt == "custom-json":
        return to_custom_json(action, itype, atype)
    from tui.model.hcl import write_hcl

    return write_hcl(
        action,
        loaded.resource,
        category=category,
        integration_type=itype,
        references=loaded.references,
        provider=provider,
        variable=variable,
    )
