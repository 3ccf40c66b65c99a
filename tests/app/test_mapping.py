"""Live previews: what the runtime extracts for a path, and what Architect gets for a mapping."""

from __future__ import annotations

import json

from tests.app.app_helpers import USER
from tui.app.mapping import output_preview, preview
from tui.model.compile import compile_spec
from tui.model.spec import OutputSpec, RequestSpec, Spec
from tui.runtime.pipeline import CannedResponse, run_test


def test_preview_shows_what_the_runtime_extracts() -> None:
    assert preview("$.profile.address.city", USER) == (True, '"London"')
    assert preview("$.phones[*].type", USER) == (True, '["home","work"]')
    ok, text = preview("$.fax", USER)
    assert not ok and "not found" in text
    ok, text = preview("$.phones[?(@.type ==", USER)
    assert not ok and "invalid path" in text


def architect_sees(output: OutputSpec) -> object:
    """The action's output for `output`, from a full local test run on the sample."""
    spec = Spec(name="t", request=RequestSpec(url="https://api.test/u"), outputs=[output])
    canned = CannedResponse(body=json.dumps(USER))
    result = run_test(compile_spec(spec), {}, response=canned)
    assert result.success, result
    return result.final_result[output.name]


def test_a_scalar_filter_mapping_previews_the_first_match_architect_gets() -> None:
    wide = OutputSpec(name="number", path="$.phones[*].number", type="string")
    ok, text = output_preview(wide, USER)
    assert ok and "first of 2 matches" in text
    assert text.split("  (")[0] == json.dumps(architect_sees(wide))


def test_an_array_filter_mapping_previews_every_match() -> None:
    every = OutputSpec(name="number", path="$.phones[*].number", type="array", items="string")
    assert output_preview(every, USER) == preview(every.path, USER)


def test_no_match_gives_the_default() -> None:
    none = OutputSpec(name="n", path="$.phones[?(@.type == 'fax')].number", default='"none"')
    ok, text = output_preview(none, USER)
    assert ok and "no match" in text
    assert text.split("  (")[0] == json.dumps(architect_sees(none))
