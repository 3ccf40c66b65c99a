"""The spec compiles into the Genesys wire shapes the reference documents."""

from __future__ import annotations

from tui.model.action import to_wire
from tui.model.compile import compile_spec, velocity_string
from tui.model.paths import looks_indefinite, output_name_for
from tui.model.spec import OutputSpec, RequestSpec, Spec


def weather_spec() -> Spec:
    spec = Spec(
        name="Weather",
        request=RequestSpec(url="https://w.example/v1?q=$esc.url(${input.city})&u=${input.units}"),
        outputs=[
            OutputSpec(name="temp", path="$.main.temp", type="number"),
            OutputSpec(name="tags", path="$.weather[*].main", type="array", items="string"),
            OutputSpec(name="first", path="$.weather[?(@.id > 500)].description", default='"none"'),
        ],
    )
    spec.sync_inputs_with_templates()
    return spec


def test_inputs_come_from_placeholders() -> None:
    spec = weather_spec()
    assert [i.name for i in spec.inputs] == ["city", "units"]
    assert spec.sync_inputs_with_templates() == []


def test_compiled_contracts_and_maps() -> None:
    wire = to_wire(compile_spec(weather_spec()))
    assert wire["contract"]["input"]["inputSchema"] == {
        "type": "object",
        "properties": {"city": {"type": "string"}, "units": {"type": "string"}},
        "required": ["city", "units"],
        "additionalProperties": True,
    }
    out = wire["contract"]["output"]["successSchema"]["properties"]
    assert out["tags"] == {"type": "array", "items": {"type": "string"}}
    response = wire["config"]["response"]
    assert response["translationMap"] == {
        "temp": "$.main.temp",
        "tags": "$.weather[*].main",
        "first": "$.weather[?(@.id > 500)].description",
    }
    assert response["translationMapDefaults"] == {"first": '"none"'}
    assert response["successTemplate"] == (
        '{"temp": ${temp}, "tags": ${tags}, "first": '
        '$successTemplateUtils.firstFromArray("${first}", "${esc.quote}none${esc.quote}")}'
    )
    assert wire["config"]["request"]["requestTemplate"] == "${input.rawRequest}"


def test_no_outputs_passes_raw_result_through() -> None:
    wire = to_wire(compile_spec(Spec(name="raw", request=RequestSpec(url="https://x"))))
    assert wire["config"]["response"]["successTemplate"] == "${rawResult}"


def test_path_helpers() -> None:
    assert not looks_indefinite("$.a.b[0]['c d']")
    assert not looks_indefinite("$['a.b']")
    for p in ("$..a", "$.a[*]", "$.a[0:2]", "$.a[0,1]", "$.a[?(@.x)]", "$.*", "$['a','b']"):
        assert looks_indefinite(p), p
    assert output_name_for("$.main.temp") == "temp"
    assert output_name_for("$.items[0].id", {"id"}) == "id2"
    assert output_name_for("$[0]") == "value"


def test_velocity_string_has_no_backslash_escapes() -> None:
    assert velocity_string('"a$b#c"') == '"${esc.quote}a${esc.dollar}b${esc.hash}c${esc.quote}"'


def test_hcl_without_integration_uses_a_variable() -> None:
    from tui.model.formats import read_hcl_all
    from tui.model.hcl import write_hcl

    action = compile_spec(weather_spec())
    hcl = write_hcl(action)
    assert 'variable "integration_id"' in hcl and "integration_id = var.integration_id" in hcl
    assert read_hcl_all(hcl)[0].action.integration_id is None
