"""Every format round-trips an action without loss (property tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.action import Action, to_wire
from tui.model.compile import canonical, compile_spec, decompile
from tui.model.formats import (
    read_api_json,
    read_custom_json,
    read_hcl_all,
    read_spec,
    spec_to_yaml,
    to_api_json,
    to_custom_json,
)
from tui.model.hcl import default_category, write_hcl

names = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,12}", fullmatch=True)
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40
)
templated = st.one_of(
    text,
    st.builds(lambda a, n: f"{a}${{input.{n}}}{a}", text, names),
    st.sampled_from(['{"a": ${a}}', "${rawResult}", "#if($x)\n$x#end", '$${x} %{y} \\" \\n']),
)
scalar_json = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    text,
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
json_values = st.recursive(
    scalar_json,
    lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(text, kids, max_size=3)),
    max_leaves=8,
)
types = st.sampled_from(["string", "integer", "number", "boolean"])


@st.composite
def schemas(draw: Any, *, out: bool) -> dict[str, Any]:
    props = {}
    for n in draw(st.lists(names, max_size=4, unique=True)):
        prop: dict[str, Any] = {"type": draw(types)}
        if out and draw(st.booleans()):
            prop = {"type": "array", "items": {"type": draw(types)}}
        if draw(st.booleans()):
            prop["description"] = draw(text)
        props[n] = prop
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if props and draw(st.booleans()):
        schema["required"] = sorted(props)[:1]
    if draw(st.booleans()):
        schema["additionalProperties"] = True
    if draw(st.booleans()):
        schema["x-extra"] = draw(json_values)
    return schema


@st.composite
def actions(draw: Any, *, ids: bool = True) -> Action:
    tmap = draw(
        st.dictionaries(
            names,
            st.sampled_from(
                ["$.a", "$.a.b[0]", "$..id", "['x'][?(@.p=='q')].y", "$.list[*].name", "a.b"]
            ),
            max_size=4,
        )
    )
    response: dict[str, Any] = {"translationMap": tmap}
    if draw(st.booleans()):
        response["translationMapDefaults"] = {
            k: draw(st.sampled_from(['""', "0", "null", '"x"']))
            for k in tmap
            if draw(st.booleans())
        }
    if draw(st.booleans()):
        response["successTemplate"] = draw(templated)
    request: dict[str, Any] = {
        "requestUrlTemplate": draw(templated),
        "requestType": draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"])),
        "headers": draw(st.dictionaries(names, templated, max_size=3)),
    }
    if draw(st.booleans()):
        request["requestTemplate"] = draw(templated)
    config: dict[str, Any] = {"request": request, "response": response}
    if draw(st.booleans()):
        config["timeoutSeconds"] = draw(st.integers(1, 60))
    wire: dict[str, Any] = {
        "name": draw(text.filter(str.strip)),
        "category": draw(text),
        "secure": draw(st.booleans()),
        "config": config,
        "contract": {
            "input": {"inputSchema": draw(schemas(out=False))},
            "output": {"successSchema": draw(schemas(out=True))},
        },
    }
    if draw(st.booleans()):
        wire["integrationId"] = draw(st.uuids()).hex
    if ids and draw(st.booleans()):
        wire["id"] = f"custom_-_{draw(st.uuids())}"
        wire["version"] = draw(st.integers(1, 50))
        wire["selfUri"] = f"/api/v2/integrations/actions/{wire['id']}"
    return Action.model_validate(wire)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(actions())
def test_api_json_round_trip(action: Action) -> None:
    assert to_wire(read_api_json(to_api_json(action)).action) == to_wire(action)


@SETTINGS
@given(actions(ids=False))
def test_custom_json_round_trip(action: Action) -> None:
    back = read_custom_json(to_custom_json(action, "custom-rest-actions")).action
    exported = {
        k: v for k, v in to_wire(action).items() if k in ("name", "config", "contract", "secure")
    }
    assert to_wire(back) == exported


@SETTINGS
@given(actions())
def test_spec_round_trip(action: Action) -> None:
    spec = decompile(action)
    assert canonical(compile_spec(spec)) == canonical(action)
    again = read_spec(spec_to_yaml(spec)).action
    assert canonical(again) == canonical(action)


@SETTINGS
@given(actions(ids=False))
def test_hcl_round_trip(action: Action) -> None:
    want = to_wire(action)
    want.setdefault("category", default_category("custom-rest-actions"))  # Terraform needs one
    assert to_wire(read_hcl_all(write_hcl(action))[0].action) == want


def test_hcl_escapes_terraform_interpolation() -> None:
    action = Action.model_validate(
        {"name": "a", "config": {"request": {"requestUrlTemplate": "https://x/${input.id}"}}}
    )
    hcl = write_hcl(action)
    assert 'request_url_template = "https://x/$${input.id}"' in hcl
    assert "${input" not in hcl.replace("$${input", "")
