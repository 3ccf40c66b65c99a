"""Point a server's field name (`config.request.requestUrlTemplate`) at a line of the file."""

from __future__ import annotations

from tui.model.formats import Loaded

Path = tuple[str | int, ...]

_REQUEST = {
    "requestUrlTemplate": "url",
    "requestType": "method",
    "headers": "headers",
    "requestTemplate": "body",
}


def wire_path(field_name: str) -> Path:
    return tuple(int(p) if p.isdigit() else p for p in field_name.split(".") if p)


def _output_index(loaded: Loaded, name: str) -> int | None:
    spec = loaded.spec
    if spec is None:
        return None
    for i, o in enumerate(spec.outputs):
        if o.name == name:
            return i
    return None


def _input_index(loaded: Loaded, name: str) -> int | None:
    spec = loaded.spec
    if spec is None:
        return None
    for i, item in enumerate(spec.inputs):
        if item.name == name:
            return i
    return None


def spec_path(loaded: Loaded, path: Path) -> Path:
    """The friendly spec's path for a wire path (best effort; falls back to the wire path)."""
    spec = loaded.spec
    if spec is None or not path:
        return path
    head, rest = path[0], path[1:]
    if head in ("name", "category", "secure"):
        return path
    if head == "config" and rest[:1] == ("timeoutSeconds",):
        return ("timeout",)
    if head == "config" and rest[:1] == ("request",) and len(rest) > 1:
        key = _REQUEST.get(str(rest[1]))
        return ("request", key, *rest[2:]) if key else ("request",)
    if head == "config" and rest[:1] == ("response",) and len(rest) > 1:
        if rest[1] == "successTemplate":
            return ("success_template",) if spec.success_template is not None else ("outputs",)
        if rest[1] == "translationMap" and spec.translation_map is not None:
            return ("translation_map", *rest[2:])
        if rest[1] == "translationMapDefaults" and spec.translation_map_defaults is not None:
            return ("translation_map_defaults", *rest[2:])
        if rest[1] in ("translationMap", "translationMapDefaults") and len(rest) > 2:
            i = _output_index(loaded, str(rest[2]))
            field = "path" if rest[1] == "translationMap" else "default"
            return ("outputs", i, field) if i is not None else ("outputs",)
        return ("outputs",)
    if head == "contract" and rest[:2] == ("input", "inputSchema"):
        if spec.input_schema is not None:
            return ("input_schema", *rest[2:])
        if rest[2:3] == ("properties",) and len(rest) > 3:
            i = _input_index(loaded, str(rest[3]))
            return ("inputs", i) if i is not None else ("inputs",)
        return ("inputs",)
    if head == "contract" and rest[:2] == ("output", "successSchema"):
        if spec.output_schema is not None:
            return ("output_schema", *rest[2:])
        if rest[2:3] == ("properties",) and len(rest) > 3:
            i = _output_index(loaded, str(rest[3]))
            return ("outputs", i) if i is not None else ("outputs",)
        return ("outputs",)
    return path


def locate_field(loaded: Loaded | None, field_name: str) -> tuple[int, int] | None:
    """(line, column) of a server-reported field in the file it came from, if known."""
    if loaded is None or not field_name:
        return None
    path = wire_path(field_name)
    if loaded.spec is not None:
        if ("wire", *path) in loaded.positions:
            return loaded.locate(("wire", *path))
        return loaded.locate(spec_path(loaded, path))
    return loaded.locate(path)
