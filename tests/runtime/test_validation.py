"""`validate_action` finds each documented mistake and says where it is."""

from __future__ import annotations

from pathlib import Path

from tui.model.formats import load
from tui.runtime.pipeline import CannedResponse
from tui.runtime.validation import has_errors, validate_action

GOOD = """\
name: Good
request:
  method: GET
  url: https://api.example.com/users/$esc.url(${input.userId})
  headers:
    Accept: application/json
inputs:
  - name: userId
    sample: u1
outputs:
  - name: email
    path: $.email
  - name: age
    path: $.age
    type: integer
"""


def check(tmp_path: Path, text: str, sample: bytes | None = None) -> list:
    f = tmp_path / "a.yaml"
    f.write_text(text)
    loaded = load(f)
    return validate_action(
        loaded.action, loaded=loaded, sample=CannedResponse(sample) if sample is not None else None
    )


def only_errors(problems: list) -> list:
    return [p for p in problems if p.severity == "error"]


def test_good_spec_is_valid_with_its_sample(tmp_path: Path) -> None:
    assert check(tmp_path, GOOD, b'{"email": "a@b.c", "age": 3}') == []


def test_sample_that_breaks_the_contract(tmp_path: Path) -> None:
    [p] = check(tmp_path, GOOD, b'{"email": "a@b.c", "age": "three"}')
    assert "age" in p.message and "sample response" in p.message


def test_bad_jsonpath_is_located_at_its_line(tmp_path: Path) -> None:
    [p] = only_errors(check(tmp_path, GOOD.replace("$.age", "$.age[?(@.x ==")))
    assert "invalid JSONPath" in p.message
    assert p.field == "outputs.1.path" and p.line == 14


def test_velocity_syntax_error_is_located(tmp_path: Path) -> None:
    text = GOOD.replace("method: GET", "method: POST") + "  \n"
    text = text.replace("inputs:", "inputs:", 1)
    text = text.replace("  headers:", '  body: "#if($input.userId) x"\n  headers:')
    [p] = only_errors(check(tmp_path, text))
    assert "Velocity syntax error" in p.message and p.field == "request.body" and p.line == 5


def test_unknown_input_reference(tmp_path: Path) -> None:
    [p] = only_errors(
        check(
            tmp_path,
            GOOD.replace(
                "$esc.url(${input.userId})", "$esc.url(${input.userId})/$esc.url(${input.nope})"
            ).replace("inputs:\n  - name: userId", "inputs:\n  - name: userId"),
        )
    )
    assert "nope" in p.message


def test_success_template_key_must_exist(tmp_path: Path) -> None:
    text = GOOD + 'success_template: \'{"email": ${email}, "x": ${missing}}\'\n'
    problems = check(tmp_path, text)
    assert any("missing" in p.message and p.severity == "error" for p in problems)
    assert any("'age' is not used" in p.message and p.severity == "warning" for p in problems)


def test_contract_rules(tmp_path: Path) -> None:
    text = GOOD.replace("- name: userId", "- name: rawRequest").replace("${input.userId}", "x")
    text = text.replace("    type: integer", "    type: array\n    items: object")
    text += "output_schema: {type: object, properties: {x: {type: array, items: {type: array}}}}\n"
    text += "timeout: 90\n"
    messages = [p.message for p in only_errors(check(tmp_path, text))]
    assert any("reserved" in m for m in messages)
    assert any("nested arrays" in m for m in messages)
    assert any("timeoutSeconds is 90" in m for m in messages)


def test_accept_header_must_be_json(tmp_path: Path) -> None:
    [p] = only_errors(
        check(tmp_path, GOOD.replace("Accept: application/json", "Accept: text/html"))
    )
    assert p.field == "request.headers.Accept" and p.line == 6


def test_ref_and_invalid_schema(tmp_path: Path) -> None:
    text = GOOD + "input_schema: {type: object, properties: {userId: {$ref: '#/x'}}, required: 3}\n"
    messages = [p.message for p in only_errors(check(tmp_path, text))]
    assert any("$ref" in m for m in messages)
    assert any("not a valid JSON Schema" in m for m in messages)
    assert has_errors(check(tmp_path, text))


def test_loop_and_set_variables_are_not_unknown_keys(tmp_path: Path) -> None:
    """A #foreach loop variable or a #set name is the template's own, not a translation map key
    (a false positive found by the corpus)."""
    text = GOOD + (
        'success_template: \'#set($sep = ", "){"email": ${email}, "age": ${age}, '
        '"all": "#foreach($n in [1, 2])$n$sep#end"}\'\n'
    )
    assert only_errors(check(tmp_path, text)) == []
