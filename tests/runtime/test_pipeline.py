"""The pipeline runs an action step by step against a real local HTTP API."""

from __future__ import annotations

import json

import httpx
import pytest

from tui.model.action import Action
from tui.model.compile import compile_spec
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec
from tui.runtime.pipeline import (
    STEP_BODY,
    STEP_EXECUTE,
    STEP_FLATTEN,
    STEP_HEADERS,
    STEP_INPUT,
    STEP_OUTPUT,
    STEP_SUCCESS,
    STEP_TRANSLATE,
    STEP_URL,
    CannedResponse,
    run_test,
    run_test_async,
)

CUSTOMER = {
    "id": "c-42",
    "name": "Ada O'Neil",
    "address": {"city": "Zürich", "zip": "8001"},
    "orders": [
        {"id": 1, "total": 10.5, "status": "open"},
        {"id": 2, "total": 3, "status": "shipped"},
    ],
}


def customer_action(base: str, **overrides: object) -> Action:
    spec = Spec(
        name="Customer",
        request=RequestSpec(
            url=base + "/customers/${input.customerId}", headers={"Accept": "application/json"}
        ),
        inputs=[InputSpec(name="customerId", sample="c-42")],
        outputs=[
            OutputSpec(name="name", path="$.name"),
            OutputSpec(name="city", path="$.address.city"),
            OutputSpec(name="openOrder", path="$.orders[?(@.status == 'open')].id", type="integer"),
            OutputSpec(name="totals", path="$.orders[*].total", type="array", items="number"),
        ],
        **overrides,
    )
    return compile_spec(spec)


def test_get_runs_every_step_in_order(local_api) -> None:
    local_api.json("/customers/c-42", CUSTOMER)
    result = run_test(customer_action(local_api.url), {"customerId": "c-42"})
    assert result.success, result.error
    assert [op.name for op in result.operations] == [
        STEP_INPUT,
        STEP_URL,
        STEP_HEADERS,
        STEP_BODY,
        STEP_EXECUTE,
        STEP_TRANSLATE,
        STEP_SUCCESS,
        STEP_OUTPUT,
    ]
    assert [op.step for op in result.operations] == list(range(1, 9))
    assert result.operations[1].result == local_api.url + "/customers/c-42"
    assert result.final_result == {
        "name": "Ada O'Neil",
        "city": "Zürich",
        "openOrder": 1,
        "totals": [10.5, 3],
    }
    assert local_api.seen[0].method == "GET" and local_api.seen[0].body == b""
    assert local_api.seen[0].headers["Accept"] == "application/json"
    translated = result.operations[5].result
    assert translated["name"] == '"Ada O\'Neil"' and translated["openOrder"] == "[1]"


def test_post_body_is_rendered_and_sent(local_api) -> None:
    local_api.json("/tickets", {"ticket": {"id": "T-1"}}, status=201)
    spec = Spec(
        name="Create ticket",
        request=RequestSpec(
            method="POST",
            url=local_api.url + "/tickets",
            body='{"subject": "$esc.jsonString(${input.subject})", "priority": ${input.priority}}',
        ),
        inputs=[InputSpec(name="subject"), InputSpec(name="priority", type="integer")],
        outputs=[OutputSpec(name="ticketId", path="$.ticket.id")],
    )
    subject = 'Printer "on fire"\nsend help \\ now'
    result = run_test(compile_spec(spec), {"subject": subject, "priority": 2})
    assert result.success, result.error
    sent = local_api.seen[0]
    assert sent.method == "POST" and sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.body) == {"subject": subject, "priority": 2}
    assert result.final_result == {"ticketId": "T-1"}


def test_remote_error_stops_at_execute(local_api) -> None:
    local_api.json("/customers/nope", {"message": "not found"}, status=404)
    result = run_test(customer_action(local_api.url), {"customerId": "nope"})
    assert not result.success
    assert result.operations[-1].name == STEP_EXECUTE and not result.operations[-1].success
    assert result.error.status == 404 and "not found" in result.error.message
    assert result.error == result.operations[-1].error


def test_timeout_is_reported(local_api) -> None:
    local_api.json("/customers/slow", CUSTOMER, delay=2.5)
    action = customer_action(local_api.url, timeout=1)
    result = run_test(action, {"customerId": "slow"})
    assert not result.success and result.operations[-1].name == STEP_EXECUTE
    assert "timed out" in result.error.message and result.error.status == 504


def test_unreachable_host_is_reported() -> None:
    action = customer_action("http://127.0.0.1:9")
    result = run_test(action, {"customerId": "x"})
    assert not result.success and result.error.code == "ACTION.REMOTE_ENDPOINT"


def test_non_json_response_fails_translation(local_api) -> None:
    local_api.raw("/customers/html", b"<html><body>Bad gateway</body></html>", "text/html")
    result = run_test(customer_action(local_api.url), {"customerId": "html"})
    assert result.operations[-1].name == STEP_TRANSLATE
    assert "not JSON" in result.error.message


def test_missing_path_uses_default_or_fails() -> None:
    spec = Spec(
        name="d",
        request=RequestSpec(url="https://example.invalid"),
        outputs=[OutputSpec(name="email", path="$.contact.email", default='"unknown"')],
    )
    ok = run_test(compile_spec(spec), {}, response=CannedResponse(b'{"contact": {}}'))
    assert ok.success and ok.final_result == {"email": "unknown"}
    spec.outputs[0].default = None
    bad = run_test(compile_spec(spec), {}, response=CannedResponse(b'{"contact": {}}'))
    assert not bad.success and "translationMapDefaults" in bad.error.message


def test_null_does_not_fall_back_to_default() -> None:
    spec = Spec(
        name="n",
        request=RequestSpec(url="https://example.invalid"),
        outputs=[OutputSpec(name="email", path="$.email", default='"unknown"')],
    )
    result = run_test(compile_spec(spec), {}, response=CannedResponse(b'{"email": null}'))
    assert not result.success  # null is a value, and a string contract rejects it
    assert result.operations[-1].name == STEP_OUTPUT


def test_input_contract_is_checked() -> None:
    spec = Spec(
        name="i",
        request=RequestSpec(url="https://example.invalid/${input.n}"),
        inputs=[InputSpec(name="n", type="integer")],
    )
    result = run_test(compile_spec(spec), {"n": "seven"}, response=CannedResponse(b"{}"))
    assert not result.success and result.operations[0].name == STEP_INPUT
    assert "n" in result.error.message


def test_invalid_success_json_names_position() -> None:
    spec = Spec(
        name="s", request=RequestSpec(url="https://example.invalid"), success_template='{"a": }'
    )
    result = run_test(compile_spec(spec), {}, response=CannedResponse(b"{}"))
    assert result.operations[-1].name == STEP_SUCCESS and "line 1, column 7" in result.error.message


def test_flatten_output() -> None:
    spec = Spec(name="f", request=RequestSpec(url="https://example.invalid"))
    body = json.dumps({"a": {"b": 1}, "items": [{"id": 1}, {"id": 2}], "tags": ["x"]})
    result = run_test(compile_spec(spec), {}, response=CannedResponse(body), flatten=True)
    assert result.operations[-1].name == STEP_FLATTEN
    assert result.final_result == {"a.b": 1, "items.id": [1, 2], "tags": ["x"]}


@pytest.mark.anyio
async def test_async_matches_sync(local_api) -> None:
    local_api.json("/customers/c-42", CUSTOMER)
    action = customer_action(local_api.url)
    async with httpx.AsyncClient() as client:
        a = await run_test_async(action, {"customerId": "c-42"}, client=client)
    b = run_test(action, {"customerId": "c-42"})
    strip = lambda r: [(o.name, o.success) for o in r.operations]  # noqa: E731
    assert strip(a) == strip(b) and a.final_result == b.final_result


def test_huge_response_is_capped_not_buffered(local_api, monkeypatch) -> None:
    import tui.runtime.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_RESPONSE_BYTES", 10_000)
    local_api.raw("/customers/big", b"[" + b"1," * 200_000 + b"1]", "application/json")
    result = run_test(customer_action(local_api.url), {"customerId": "big"})
    assert not result.success and result.operations[-1].name == STEP_EXECUTE
    assert "10000-byte limit" in result.error.message
