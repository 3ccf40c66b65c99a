"""Compile a friendly :class:`Spec` into the exact Genesys wire :class:`Action`, and back.

`compile_spec(decompile(action))` reproduces the action (canonical form): every part the friendly
fields cannot regenerate is kept in the spec's raw override fields.
"""

from __future__ import annotations

import copy
from typing import Any

from tui.model.action import (
    DEFAULT_REQUEST_TEMPLATE,
    DEFAULT_SUCCESS_TEMPLATE,
    METHODS,
    Action,
    ActionConfig,
    ActionContract,
    ActionInput,
    ActionOutput,
    RequestConfig,
    ResponseConfig,
    to_wire,
)
from tui.model.generate import (  # noqa: F401  (re-exported: the compiler's vocabulary)
    input_schema,
    output_schema,
    success_template,
    success_value,
    velocity_string,
)
from tui.model.parts import effective
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec

SIMPLE_TYPES = ("string", "integer", "number", "boolean")


# -- spec -> action ----------------------------------------------------------------------
# The generators live in tui.model.generate; which part wins (generated or hand-edited) is
# tui.model.parts's answer.


def compile_spec(spec: Spec) -> Action:
    """The wire action this spec describes."""
    req = spec.request
    request = RequestConfig(
        request_url_template=req.url,
        request_type=req.method,
        request_template=req.body if req.body is not None else DEFAULT_REQUEST_TEMPLATE,
        headers=dict(req.headers),
    )
    response = ResponseConfig(
        translation_map=effective(spec, "translationMap"),
        translation_map_defaults=effective(spec, "translationMapDefaults"),
        success_template=effective(spec, "successTemplate"),
    )
    config = ActionConfig(request=request, response=response)
    if spec.timeout is not None:
        config.timeout_seconds = spec.timeout
    contract = ActionContract(
        input=ActionInput(input_schema=effective(spec, "input")),
        output=ActionOutput(success_schema=effective(spec, "output")),
    )
    wire: dict[str, Any] = {
        "name": spec.name,
        "category": spec.category,
        "secure": spec.secure,
        "config": to_wire(config),
        "contract": to_wire(contract),
    }
    if spec.integration_id is not None:
        wire["integrationId"] = spec.integration_id
    return Action.model_validate(deep_merge(wire, spec.wire))


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


# -- action -> spec ----------------------------------------------------------------------


def canonical(action: Action) -> dict[str, Any]:
    """Wire JSON with the defaults Genesys fills in made explicit (so absent == default)."""
    wire = to_wire(action)
    config = wire.setdefault("config", {})
    req = config.setdefault("request", {})
    req.setdefault("requestUrlTemplate", "")
    req.setdefault("requestType", "GET")
    req.setdefault("headers", {})
    if req.get("requestTemplate") is None:
        req["requestTemplate"] = DEFAULT_REQUEST_TEMPLATE
    resp = config.setdefault("response", {})
    resp.setdefault("translationMap", {})
    resp.setdefault("translationMapDefaults", {})
    if resp.get("successTemplate") is None:
        resp["successTemplate"] = DEFAULT_SUCCESS_TEMPLATE
    contract = wire.setdefault("contract", {})
    contract.setdefault("input", {}).setdefault("inputSchema", action.input_schema)
    contract.setdefault("output", {}).setdefault("successSchema", action.success_schema)
    wire.setdefault("secure", False)
    wire.setdefault("category", "Data Actions")
    return wire


def _inputs_from_schema(schema: dict[str, Any]) -> list[InputSpec] | None:
    props = schema.get("properties") or {}
    required = schema.get("required") or []
    try:
        inputs = [
            InputSpec(
                name=name,
                type=prop.get("type", "string"),
                required=name in required,
                description=prop.get("description"),
            )
            for name, prop in props.items()
        ]
    except (ValueError, AttributeError, TypeError):
        return None
    return inputs


def _outputs_from(action: Action) -> list[OutputSpec]:
    tmap = action.response.translation_map
    defaults = action.response.translation_map_defaults
    props = action.success_schema.get("properties") or {}
    outputs = []
    for name, path in tmap.items():
        found = props.get(name)
        prop: dict[str, Any] = found if isinstance(found, dict) else {}
        typ = prop.get("type", "string")
        if typ not in ("string", "integer", "number", "boolean", "array", "object"):
            typ = "string"
        items = None
        if typ == "array":
            items = (prop.get("items") or {}).get("type", "string")
            if items not in ("string", "integer", "number", "boolean", "object"):
                items = "string"
        outputs.append(
            OutputSpec(
                name=name,
                path=path,
                type=typ,
                items=items,
                default=defaults.get(name),
                description=prop.get("description"),
            )
        )
    return outputs


def decompile(action: Action) -> Spec:
    """A friendly spec that compiles back to `action` (in canonical form)."""
    want = canonical(action)
    req = want["config"]["request"]
    resp = want["config"]["response"]
    body = req["requestTemplate"]
    spec = Spec(
        name=want.get("name", ""),
        category=want["category"],
        integration_id=want.get("integrationId"),
        secure=want["secure"],
        timeout=want["config"].get("timeoutSeconds"),
        request=RequestSpec.model_construct(
            # A method the spec cannot hold ("get", "HEAD") stays in the raw wire override.
            method=req["requestType"] if req["requestType"] in METHODS else "GET",
            url=req["requestUrlTemplate"],
            headers=req["headers"],
            body=None if body == DEFAULT_REQUEST_TEMPLATE else body,
        ),
        inputs=_inputs_from_schema(want["contract"]["input"]["inputSchema"]) or [],
        outputs=_outputs_from(action),
    )
    got = canonical(compile_spec(spec))
    if got["contract"]["input"]["inputSchema"] != want["contract"]["input"]["inputSchema"]:
        spec.input_schema = want["contract"]["input"]["inputSchema"]
    if got["contract"]["output"]["successSchema"] != want["contract"]["output"]["successSchema"]:
        spec.output_schema = want["contract"]["output"]["successSchema"]
    if got["config"]["response"]["successTemplate"] != resp["successTemplate"]:
        spec.success_template = resp["successTemplate"]
    got = canonical(compile_spec(spec))
    extra = _difference(got, want)
    if extra:
        spec.wire = deep_merge(spec.wire, extra)
    return spec


def _difference(got: dict[str, Any], want: dict[str, Any]) -> dict[str, Any]:
    """What must be merged into `got` to reach `want` (keys only `want` has, or changed)."""
    out: dict[str, Any] = {}
    for k, v in want.items():
        if k not in got:
            out[k] = v
        elif isinstance(v, dict) and isinstance(got[k], dict):
            sub = _difference(got[k], v)
            if sub or (not v and got[k]):
                out[k] = sub if v else v
        elif got[k] != v:
            out[k] = v
    return out
