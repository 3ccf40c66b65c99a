"""OpenAPI import on five public descriptions' shapes (our own fixtures, written in their styles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.model.compile import compile_spec
from tui.model.openapi import find_operation, load_openapi, search_operations, spec_for
from tui.model.problems import DataActionError
from tui.model.spec import OutputSpec
from tui.runtime.pipeline import CannedResponse, run_test

HERE = Path(__file__).parent / "openapi"


def _import(file: str, op: str, **kw):
    doc = load_openapi(str(HERE / file))
    return spec_for(doc, find_operation(doc, op), **kw)


def _run(spec, inputs, sample, outputs=()):
    spec.outputs = list(outputs)
    return run_test(
        compile_spec(spec),
        inputs,
        response=CannedResponse(json.dumps(sample)),
    )


def test_petstore_path_and_optional_query():
    got = _import("petstore-3.0.yaml", "listPets")
    spec = got.spec
    assert spec.name == "List all pets"
    assert spec.request.url == (
        'https://pets.example.com/v1/pets?$urlTool.optionalQueryParam("limit", $!{input.limit})'
    )
    [limit] = spec.inputs
    assert (limit.type, limit.required) == ("integer", False)
    assert "max 100" in (limit.description or "")
    assert got.sample == [{"id": 7, "name": "Rex", "tag": "string"}]
    run = _run(spec, {"limit": 5}, got.sample, [OutputSpec(name="first", path="$[0].name")])
    assert run.success, run.error
    assert run.operations[1].result.endswith("/pets?limit=5")
    assert _run(spec, {}, got.sample).operations[1].result.endswith("/pets?")


def test_petstore_body_with_optional_properties_renders_valid_json():
    got = _import("petstore-3.0.yaml", "POST /pets")
    spec = got.spec
    names = {i.name: (i.type, i.required) for i in spec.inputs}
    assert names == {
        "name": ("string", True),
        "tag": ("string", False),
        "age": ("integer", False),
        "vaccinated": ("boolean", False),
    }
    assert '"$esc.jsonString(${input.name})"' in (spec.request.body or "")
    sample = got.sample
    for inputs in ({"name": 'Rex "the" dog'}, {"name": "Rex", "age": 3, "vaccinated": True}):
        run = _run(spec, inputs, sample, [OutputSpec(name="id", path="$.id", type="integer")])
        assert run.success, run.error
        assert json.loads(run.operations[3].result) == inputs


def test_github_shape_path_level_refs_examples_and_bearer():
    got = _import("repos-3.0.json", "issues/list-for-repo")
    spec = got.spec
    assert [i.name for i in spec.inputs] == ["owner", "repo", "state", "per_page"]
    assert spec.request.url.startswith(
        "https://api.codehost.example/repos/$esc.url(${input.owner})/$esc.url(${input.repo})/issues?"
    )
    assert (
        spec.inputs[2].sample == "open"
        and "one of: open, closed, all" in spec.inputs[2].description
    )
    assert spec.request.headers["Authorization"] == "Bearer ${credentials.token}"
    assert got.sample[0]["user"]["login"] == "octocat"  # the example behind a $ref
    create = _import("repos-3.0.json", "issues/create")
    assert any("labels (array) left out" in n for n in create.notes)
    assert [i.name for i in create.spec.inputs] == ["owner", "repo", "title", "body", "milestone"]


def test_openapi_31_nullable_types_server_variables_and_nested_body():
    got = _import("mail-3.1.yaml", "GetMailBatch")
    assert (
        got.spec.request.url
        == "https://api.mail.example.com/v3/mail/batch/$esc.url(${input.batch_id})"
    )
    assert got.sample == {"batch_id": "HkJ5yLYULb7Rj8GKSx7u025ouWVlMgAi"}
    assert "on-behalf-of" not in got.spec.request.headers  # optional, not a credential
    up = _import("mail-3.1.yaml", "UpsertContact")
    types = {i.name: (i.type, i.required) for i in up.spec.inputs}
    assert types == {
        "contact_email": ("string", True),
        "contact_first_name": ("string", False),
        "contact_score": ("number", False),
    }
    assert up.sample == {"job_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}
    run = _run(up.spec, {"contact_email": "a@example.com", "contact_score": 2.5}, up.sample)
    assert run.success, run.error
    assert json.loads(run.operations[3].result) == {
        "contact": {"email": "a@example.com", "score": 2.5}
    }


def test_weather_shape_api_key_in_query_and_generated_sample():
    got = _import("weather-3.0.yaml", "CurrentWeatherData")
    assert got.spec.request.url.endswith("&appid=$esc.url(${credentials.apiKey})")
    assert got.spec.inputs[0].sample == "London,GB"
    assert got.sample["main"]["temp"] == 11.62  # generated from the schema's examples
    outputs = [OutputSpec(name="temp", path="$.main.temp", type="number")]
    run = run_test(
        compile_spec(got.spec.model_copy(update={"outputs": outputs})),
        {"q": "Paris"},
        response=CannedResponse(json.dumps(got.sample)),
        credentials={"apiKey": "k"},
    )
    assert run.success and run.final_result == {"temp": 11.62}


def test_split_description_external_refs_cycles_and_oauth():
    got = _import("split/tickets.yaml", "ShowTicket")
    assert got.spec.request.url == (
        "https://example.desk.example.com/api/v2/tickets/$esc.url(${input.ticket_id})"
    )
    [tid] = got.spec.inputs
    assert (tid.type, tid.sample) == ("integer", 35436)
    assert got.sample["ticket"]["subject"] == "Help, my printer is on fire!"
    assert got.sample["ticket"]["parent"] is None  # a recursive schema stops, never loops
    assert any("User Defined OAuth" in n for n in got.notes)


def test_search_and_unknown_operation():
    doc = load_openapi(str(HERE / "petstore-3.0.yaml"))
    assert [o.operation_id for o in search_operations(doc, "pet specific")] == ["showPetById"]
    with pytest.raises(DataActionError, match="did you mean 'listPets'"):
        find_operation(doc, "listPet")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((HERE / "swagger-2.0.json").read_text(), "Swagger 2.0"),
        ("openapi: 3.0.0\ninfo: {title: x}\npaths: {}\n", "no GET/POST"),
        ("{not json", "not valid JSON or YAML"),
        ("openapi: 2.5\npaths: {}\n", "not supported"),
        (
            "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      parameters: [{$ref: '#/nope'}]\n",
            "cannot resolve",
        ),
    ],
)
def test_bad_descriptions_say_why(tmp_path: Path, content: str, message: str):
    f = tmp_path / "api.yaml"
    f.write_text(content)
    with pytest.raises(DataActionError, match=message):
        doc = load_openapi(str(f))
        spec_for(doc, doc.operations[0])


def test_hostile_descriptions_are_refused_clearly(tmp_path: Path):
    bomb = tmp_path / "bomb.yaml"
    lines = ["openapi: 3.0.0", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    bomb.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataActionError, match="DATAACTION_MAX_YAML_NODES"):
        load_openapi(str(bomb))
    with pytest.raises(DataActionError, match="it is a directory, not a regular file"):
        load_openapi(str(tmp_path))


def test_a_path_input_before_an_extension_is_escaped_in_the_formal_form(tmp_path: Path) -> None:
    """`/users/{id}.json`: the escaped input ends at its brace (see tui.model.urls)."""
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/users/{id}.json": {
                "get": {
                    "operationId": "getUser",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(doc))
    spec = _import(str(path), "getUser").spec
    assert spec.request.url == "https://api.example.com/users/${esc.url(${input.id})}.json"
