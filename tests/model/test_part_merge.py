"""Hand edits kept through later mapping changes (the three-way merge the wizard runs)."""

from __future__ import annotations

from tui.model.compile import compile_spec
from tui.model.part_merge import rebase
from tui.model.parts import effective, set_override
from tui.model.spec import OutputSpec, Spec

TEMP = OutputSpec(name="temp", path="$.main.temp", type="number")
HUMIDITY = OutputSpec(name="humidity", path="$.main.humidity", type="integer")


def edited() -> Spec:
    spec = Spec(name="Weather", outputs=[TEMP])
    set_override(spec, "translationMap", {"temp": "$.main.temp", "city": "$.name"})
    set_override(spec, "successTemplate", '{"temp": ${temp},\n "city": "$esc.jsonString($city)"}')
    return spec


def test_a_new_mapping_is_merged_into_an_edited_map_and_the_template_asks() -> None:
    spec = edited()
    before = spec.model_copy(deep=True)
    spec.outputs = [TEMP, HUMIDITY]
    (clash,) = rebase(before, spec)
    assert spec.translation_map == {
        "temp": "$.main.temp",
        "city": "$.name",
        "humidity": "$.main.humidity",
    }
    assert clash.key == "successTemplate" and clash.what == "adds humidity"
    assert clash.take == '{"temp": ${temp}, "humidity": ${humidity}}'
    assert clash.merged == (
        '{"temp": ${temp},\n "city": "$esc.jsonString($city)", "humidity": ${humidity}}'
    )
    assert spec.success_template == before.success_template  # kept until the user answers


def test_a_removed_mapping_leaves_the_edit_and_its_own_entries() -> None:
    spec = edited()
    grown = spec.model_copy(deep=True)
    spec.outputs = [TEMP, HUMIDITY]
    rebase(grown, spec)
    set_override(spec, "successTemplate", '{"temp": ${temp}, "humidity": ${humidity}, "x": 1}')
    before = spec.model_copy(deep=True)
    spec.outputs = [HUMIDITY]
    (clash,) = rebase(before, spec)
    assert spec.translation_map == {"city": "$.name", "humidity": "$.main.humidity"}
    assert clash.merged == '{"humidity": ${humidity}, "x": 1}'


def test_a_value_both_changed_is_a_clash_that_keeps_the_edit() -> None:
    spec = edited()
    set_override(spec, "translationMap", {"temp": "$.main.temp_max"})
    set_override(spec, "successTemplate", None)
    before = spec.model_copy(deep=True)
    spec.outputs = [TEMP.model_copy(update={"path": "$.main.feels_like"})]
    (clash,) = rebase(before, spec)
    assert spec.translation_map == {"temp": "$.main.temp_max"}
    assert clash.take == {"temp": "$.main.feels_like"} and "temp" in clash.what


def test_the_effective_part_is_what_compiles_and_an_edit_equal_to_generated_is_none() -> None:
    spec = edited()
    action = compile_spec(spec)
    assert action.response.translation_map == effective(spec, "translationMap")
    set_override(spec, "translationMap", {"temp": "$.main.temp"})
    assert spec.translation_map is None
