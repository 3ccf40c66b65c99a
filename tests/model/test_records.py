"""Records answer as the pydantic models they replace at start-up.

Every record has a pydantic mirror (`pydantic_model()`), the model the project used before: the
same fields, aliases, defaults, extra handling and validators. For random data, well-formed or
not, a record and its mirror must agree: both refuse, with the same errors, or both accept with
the same values and the same set fields, whatever `model_dump` options are asked; and the same
for assignments.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError as PydanticError

from tui.model.action import (
    Action,
    ActionConfig,
    ActionContract,
    ActionInput,
    ActionOutput,
    RequestConfig,
    ResponseConfig,
)
from tui.model.records import Record, ValidationError
from tui.model.records import _to_mirror as to_mirror
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec
from tui.runtime.results import ErrorBody, Operation, TestExecutionResult
from tui.runtime.suites import Case, CasesFile, Expect, ResponseCase
from tui.sandbox.bodies import (
    ActionContractInput,
    PostActionInput,
    PublishDraftInput,
    UpdateActionInput,
    UpdateDraftInput,
)

RECORDS: list[type[Record]] = [
    Action,
    ActionConfig,
    ActionContract,
    ActionInput,
    ActionOutput,
    RequestConfig,
    ResponseConfig,
    Spec,
    InputSpec,
    OutputSpec,
    RequestSpec,
    ErrorBody,
    Operation,
    TestExecutionResult,
    ActionContractInput,
    PostActionInput,
    PublishDraftInput,
    UpdateActionInput,
    UpdateDraftInput,
    Case,
    CasesFile,
    Expect,
    ResponseCase,
]

DUMPS: list[dict[str, Any]] = [
    {},
    {"by_alias": True, "exclude_unset": True, "mode": "json"},
    {"exclude_defaults": True, "mode": "json"},
    {"by_alias": True, "exclude_none": True},
    {"exclude_unset": True, "exclude_none": True, "exclude_defaults": True},
]

# Values of every shape a file can hold: exact types, text pydantic would coerce ("5", "true"),
# and values it refuses.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 70),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "GET", "post", "FETCH", "5", "1.5", "true", "no", "string", "array"]),
    st.text(max_size=5),
    st.text(min_size=255, max_size=258),  # about the sandbox's 256-character limits
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


def keys_of(record: type[Record]) -> list[str]:
    names = list(record.model_fields)
    aliases = [f.alias for f in record.model_fields.values() if f.alias]
    return [*names, *aliases, "unknown"]


@st.composite
def data_for(draw: st.DrawFn, record: type[Record], depth: int = 0) -> dict[str, Any]:
    """A mapping for `record`: its own keys (either spelling), now and then an unknown one,
    with values that are sometimes right, sometimes nested records' data, sometimes wrong."""
    out: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(keys_of(record)), max_size=8, unique=True)):
        out[key] = draw(value_for(record, key, depth))
    return out


def value_for(record: type[Record], key: str, depth: int) -> st.SearchStrategy[Any]:
    info = record.model_fields.get(key) or next(
        (f for f in record.model_fields.values() if f.alias == key), None
    )
    if info is None:
        return values
    text = str(info.annotation)
    nested = [r for r in RECORDS if r.__name__ in text.replace("[", " ").replace("]", " ").split()]
    options = [values]
    if nested and depth < 2:
        inner = data_for(nested[0], depth + 1)
        # Now and then the nested value is a record already (a caller's object), not its data.
        inner = st.one_of(inner, inner.map(lambda d, r=nested[0]: as_record(r, d)))
        options.append(st.lists(inner, max_size=2) if text.startswith("list") else inner)
    if "dict[str, str]" in text:
        options.append(st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=3))
    return st.one_of(*options)


def plain(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Errors comparable across runs: a ValueError in the context compares by its text."""
    return [{**e, "ctx": {k: str(v) for k, v in (e.get("ctx") or {}).items()}} for e in errors]


def as_record(record: type[Record], data: dict[str, Any]) -> Any:
    """`data` as a record when it is valid for one, else the data itself."""
    try:
        return record.model_validate(copy.deepcopy(data))
    except ValidationError:
        return data


def agree(record: type[Record], data: dict[str, Any]) -> None:
    mirror = record.pydantic_model()
    try:
        want = mirror.model_validate(copy.deepcopy(to_mirror(data)))
    except PydanticError as exc:
        with pytest.raises(ValidationError) as got:
            record.model_validate(data)
        assert plain(got.value.errors()) == plain(exc.errors())
        assert str(got.value) == str(exc)
        return
    got_record = record.model_validate(data)
    assert got_record.model_fields_set == want.model_fields_set
    for options in DUMPS:
        got_dump, want_dump = got_record.model_dump(**options), want.model_dump(**options)
        assert fixed(got_dump) == fixed(want_dump), options


def fixed(dumped: Any) -> Any:
    """A dump less the values made fresh on every build (ErrorBody's random context id)."""
    if isinstance(dumped, dict):
        return {k: fixed(v) for k, v in dumped.items() if k not in ("context_id", "contextId")}
    if isinstance(dumped, list):
        return [fixed(v) for v in dumped]
    return dumped


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_validation_agrees_with_pydantic(record: type[Record], data: st.DataObject) -> None:
    agree(record, data.draw(data_for(record)))


@pytest.mark.parametrize("record", [Spec, RequestSpec, OutputSpec, Action, RequestConfig])
@settings(max_examples=100, deadline=None)
@given(st.data())
def test_assignment_agrees_with_pydantic(record: type[Record], data: st.DataObject) -> None:
    mirror = record.pydantic_model()
    required = {"name": "n", "path": "$.a"}
    base = {k: v for k, v in required.items() if k in record.model_fields}
    name = data.draw(st.sampled_from(list(record.model_fields)))
    value = data.draw(value_for(record, name, 1))
    want = mirror.model_validate(base)
    got = record.model_validate(base)
    try:
        setattr(want, name, copy.deepcopy(to_mirror(value)))
    except PydanticError as exc:
        with pytest.raises(ValidationError) as refused:
            setattr(got, name, value)
        assert plain(refused.value.errors()) == plain(exc.errors())
        return
    setattr(got, name, value)
    assert got.model_fields_set == want.model_fields_set
    assert fixed(got.model_dump(mode="json")) == fixed(want.model_dump(mode="json"))


def test_real_spec_round_trip_needs_no_pydantic(monkeypatch: pytest.MonkeyPatch) -> None:
    """A well-formed spec, as files hold it, is checked without the pydantic mirror."""

    def refuse(*args: Any) -> Any:
        raise AssertionError("went through pydantic")

    monkeypatch.setattr(Record, "_through_pydantic", classmethod(refuse))
    monkeypatch.setattr(Record, "_assign_through_pydantic", refuse)
    spec = Spec.model_validate(
        {
            "name": "Get weather",
            "request": {"method": "get", "url": "https://api/w?q=${input.city}"},
            "inputs": [{"name": "city", "sample": "Paris"}],
            "outputs": [{"name": "t", "path": "$.main.temp", "type": "number"}],
        }
    )
    assert spec.request.method == "GET"  # the validator ran on the strict path too
    spec.request.method = "post"
    assert spec.request.method == "POST"
    copied = spec.model_copy(deep=True)
    assert copied == spec and copied.request is not spec.request
    assert copied.model_copy(update={"name": "x"}).model_fields_set >= {"name", "request"}


def test_refusals_read_as_pydantic_wrote_them() -> None:
    with pytest.raises(ValidationError) as info:
        Spec.model_validate({"name": "x", "request": {"method": "FETCH"}, "extra": 1})
    kinds = {(e["type"], e["loc"]) for e in info.value.errors()}
    assert kinds == {("value_error", ("request", "method")), ("extra_forbidden", ("extra",))}
    assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError, match="Input should be a valid integer"):
        Action(name="x", version="one")  # type: ignore[arg-type]


def test_records_given_to_a_coercion_stay_records() -> None:
    """A value pydantic coerces next to a record object: the record goes through as it is."""
    action = Action(config=ActionConfig(timeout_seconds=5), version="5")  # type: ignore[arg-type]
    assert action.version == 5 and action.config == ActionConfig(timeout_seconds=5)
    spec = Spec(name="x", inputs=[InputSpec(name="a"), {"name": "b", "required": 1}])  # type: ignore[list-item]
    assert [i.name for i in spec.inputs] == ["a", "b"] and spec.inputs[1].required is True
    spec.inputs = [InputSpec(name="c"), {"name": "d", "required": 0}]  # type: ignore[list-item]
    assert spec.inputs[1].required is False and isinstance(spec.inputs[0], InputSpec)


def test_json_dumps_hold_json_values() -> None:
    import datetime

    spec = Spec(name="x", input_schema={"default": datetime.date(2024, 1, 2), "t": (1, 2)})
    assert spec.model_dump(mode="json")["input_schema"] == {"default": "2024-01-02", "t": [1, 2]}
    assert spec.model_dump()["input_schema"]["t"] == (1, 2)
    assert spec.model_dump(mode="json") == Spec.pydantic_model().model_validate(
        spec.model_dump()
    ).model_dump(mode="json")


def test_a_whole_record_check_also_guards_assignment() -> None:
    case = ResponseCase(body="x")
    with pytest.raises(ValidationError, match="either body or file"):
        case.file = "f.json"


def test_mutable_defaults_are_each_records_own() -> None:
    class Bag(Record):
        items: list[int] = []

    a, b = Bag(), Bag()
    a.items.append(1)
    assert b.items == [] and Bag().items == []


def test_a_validation_error_survives_pickling() -> None:
    import pickle

    with pytest.raises(ValidationError) as info:
        Spec.model_validate({"name": 5})
    again = pickle.loads(pickle.dumps(info.value))
    assert again.errors() == info.value.errors() and str(again) == str(info.value)


def test_convert_writes_a_yaml_date_as_json_text(tmp_path: Path) -> None:
    """YAML reads `2024-01-02` as a date; the API JSON holds its text (console script)."""
    spec = tmp_path / "d.yaml"
    spec.write_text(
        "name: Dated\nrequest: {method: GET, url: 'https://api.example.com/x'}\n"
        "input_schema:\n  type: object\n  properties:\n"
        "    since: {type: string, default: 2024-01-02}\n"
    )
    done = subprocess.run(
        [str(Path(sys.executable).with_name("dataaction")), "convert", str(spec), "--to", "api"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["contract"]["input"]["inputSchema"]["properties"]["since"] == {
        "type": "string",
        "default": "2024-01-02",
    }
