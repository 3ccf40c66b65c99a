"""Every example runs offline against its sample response and gives the values the sample holds.

Expected values are computed here from the sample JSON with plain Python indexing, never with our
JSONPath engine, so a wrong path or a runtime bug shows up as a mismatch.
"""

from __future__ import annotations

import base64
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from tui import cli
from tui.model.formats import EXTENSIONS, FORMATS, Loaded, dump, load
from tui.runtime.pipeline import (
    STEP_BODY,
    STEP_HEADERS,
    STEP_URL,
    CannedResponse,
    Execution,
    prepare,
    run_test,
)
from tui.runtime.results import TestExecutionResult
from tui.runtime.validation import validate_action

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OFFLINE = EXAMPLES / "offline-samples.toml"
NOT_ACTIONS = {"README.md", OFFLINE.name}
GENESYS_API = "https://api.mypurecloud.com"


@dataclass
class Case:
    """One example with what it needs to run offline."""

    path: Path
    inputs: dict[str, Any]
    sample_path: Path
    base_url: str

    @property
    def sample(self) -> Any:
        return json.loads(self.sample_path.read_text(encoding="utf-8"))

    def run(self, loaded: Loaded | None = None) -> TestExecutionResult:
        loaded = loaded or load(self.path)
        body = self.sample_path.read_bytes()
        return run_test(
            loaded.action, self.inputs, response=CannedResponse(body), base_url=self.base_url
        )


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name not in NOT_ACTIONS)


def case_for(path: Path) -> Case:
    loaded = load(path)
    if loaded.spec is not None:
        assert loaded.spec.sample_response, f"{path.name}: declare sample_response"
        inputs = loaded.spec.sample_inputs()
        sample = loaded.spec.sample_response
        base = GENESYS_API
    else:
        offline = tomllib.loads(OFFLINE.read_text(encoding="utf-8"))
        assert path.name in offline, f"{path.name}: add its sample to {OFFLINE.name}"
        entry = offline[path.name]
        inputs, sample = entry["inputs"], entry["sample_response"]
        base = entry.get("base_url", GENESYS_API)
    return Case(path, inputs, (path.parent / sample).resolve(), base)


def java_url_encode(text: str) -> str:
    """java.net.URLEncoder.encode(text, "UTF-8"), which $esc.url delegates to."""
    return quote_plus(text, safe="*").replace("~", "%7E")


def first(values: list[Any]) -> Any:
    assert values, "the sample should have a match"
    return values[0]


# -- expected outputs, from the samples by plain indexing --------------------------------


def user_by_id(d: dict, _: dict) -> dict:
    return {
        "name": d["name"],
        "email": d["email"],
        "department": d["department"],
        "divisionName": d["division"]["name"],
        "state": d["state"],
        "workPhone": first([a["address"] for a in d["addresses"] if a["type"] == "WORK"]),
        "version": d["version"],
        "acdAutoAnswer": d["acdAutoAnswer"],
    }


def weather(d: dict, _: dict) -> dict:
    return {
        "cityName": d["name"],
        "temperature": d["main"]["temp"],
        "feelsLike": d["main"]["feels_like"],
        "humidity": d["main"]["humidity"],
        "conditions": d["weather"][0]["description"],
        "allConditions": [w["main"] for w in d["weather"]],
        "windSpeed": d["wind"]["speed"],
        "rainLastHour": d["rain"]["1h"],
    }


def analytics_query(d: dict, _: dict) -> dict:
    latest = d["conversations"][0]
    wrapups = [
        seg["wrapUpCode"]
        for p in latest["participants"]
        if p["purpose"] == "agent"
        for s in p["sessions"]
        for seg in s["segments"]
        if seg["segmentType"] == "wrapup"
    ]
    return {
        "conversationIds": [c["conversationId"] for c in d["conversations"]],
        "conversationCount": d["totalHits"],
        "latestConversationId": latest["conversationId"],
        "latestWrapUpCode": first(wrapups),
    }


def pstn_leg(d: dict, _: dict) -> dict:
    external = [p for p in d["participants"] if p["purpose"] == "external"]
    return {
        "externalSegment": [
            s["direction"] for p in external for s in p["sessions"] if s["direction"] == "outbound"
        ],
        "externalNumbers": [s["dnis"] for p in external for s in p["sessions"]],
    }


def timezone_offset(d: dict, _: dict) -> dict:
    return {
        "offset": first([e["offset"] for e in d["entities"] if e["id"] == "Australia/Melbourne"])
    }


def crm_contact(d: dict, _: dict) -> dict:
    account = d["accounts"][0]
    primary = first([c for c in account["contacts"] if c["isPrimary"] is True])
    assert "loyaltyTier" not in account  # so the default must apply
    return {
        "accountCount": d["totalSize"],
        "accountId": account["accountId"],
        "accountName": account["name"],
        "ownerEmail": account["owner"]["email"],
        "primaryContactFirstName": primary["firstName"],
        "primaryContactLanguage": primary["preferredLanguage"],
        "loyaltyTier": "STANDARD",
        "openCaseSubject": account["openCases"][0]["subject"],
        "allAccountIds": [a["accountId"] for a in d["accounts"]],
        "workNumbers": [
            p["number"]
            for a in d["accounts"]
            for c in a["contacts"]
            for p in c["phones"]
            if p["type"] == "work"
        ],
    }


def order_status(d: dict, _: dict) -> dict:
    return {
        "status": d["status"],
        "customerName": d["customer"]["name"],
        "totalAmount": d["total"]["amount"],
        "currency": d["total"]["currency"],
        "carrier": d["shipment"]["carrier"],
        "trackingNumber": d["shipment"]["trackingNumber"],
        "estimatedDelivery": d["shipment"]["estimatedDelivery"],
        "lastEventLocation": d["shipment"]["lastEvent"]["location"],
        "itemSkus": [i["sku"] for i in d["items"]],
        "backorderedSkus": [i["sku"] for i in d["items"] if i["status"] == "BACKORDERED"],
        "returnEligible": d["returnEligible"],
    }


def create_ticket(d: dict, _: dict) -> dict:
    t = d["ticket"]
    return {
        "ticketId": t["id"],
        "ticketStatus": t["status"],
        "ticketUrl": t["url"],
        "tags": t["tags"],
    }


def update_contact(d: dict, _: dict) -> dict:
    return {"email": d["email"], "version": d["version"], "modifiedAt": d["lastModified"]["at"]}


def delete_callback(d: dict, _: dict) -> dict:
    return {"deleted": d["deleted"], "remainingInQueue": d["remainingInQueue"]}


def multilingual(d: dict, _: dict) -> dict:
    results = d["results"]
    return {
        "displayNames": [r["displayName"] for r in results],
        "cities": [r["address"]["city"] for r in results],
        "hebrewName": first([r["displayName"] for r in results if r["locale"] == "he-IL"]),
        "arabicStreet": first([r["address"]["line1"] for r in results if r["locale"] == "ar-EG"]),
        "familyNote": results[11]["note"],
        "count": d["count"],
    }


def list_users(d: dict, _: dict) -> dict:
    users = d["entities"]
    return {
        "userIds": [u["id"] for u in users],
        "userNames": [u["name"] for u in users],
        "departments": [u["department"] for u in users],
        "total": d["total"],
        "pageCount": d["pageCount"],
    }


def find_user(d: dict, _: dict) -> dict:
    assert d["entities"] == []  # nothing matched: the defaults apply
    return {"found": d["total"], "userId": "", "userName": "not found"}


def featured_product(d: dict, _: dict) -> dict:
    item = first([i for i in d["items"] if i["sku"] == "SKU-001234"])
    return {
        "itemCount": d["total"],
        "featuredName": item["name"],
        "featuredPrice": item["price"]["amount"],
        "featuredStock": [s["onHand"] for s in item["stock"]],
        "lastSku": d["items"][-1]["sku"],
    }


def placeholder_user(d: dict, _: dict) -> dict:
    return {
        "fullName": d["name"],
        "email": d["email"],
        "city": d["address"]["city"],
        "latitude": d["address"]["geo"]["lat"],
        "companyName": d["company"]["name"],
        "phone": d["phone"],
    }


EXPECTED: dict[str, Callable[[Any, dict], dict]] = {
    "get-user-by-id.yaml": user_by_id,
    "weather-by-city.yaml": weather,
    "analytics-conversations-by-ani.yaml": analytics_query,
    "Check-Conversation-For-PSTN-Leg-20261125101500.custom.json": pstn_leg,
    "Get-TimeZone-Offset-20261125101700.custom.json": timezone_offset,
    "crm-contact-by-phone.yaml": crm_contact,
    "order-status.yaml": order_status,
    "create-ticket.yaml": create_ticket,
    "update-contact-email.yaml": update_contact,
    "Delete-Scheduled-Callback-20261125102000.custom.json": delete_callback,
    "Search-Contacts-Multilingual-20261125102500.custom.json": multilingual,
    "list-active-users.yaml": list_users,
    "find-user-by-email.yaml": find_user,
    "get-featured-product-stock.tf": featured_product,
    "get-placeholder-user.yaml": placeholder_user,
}

# The URL each example calls with its sample inputs, built here by hand.
EXPECTED_URL: dict[str, Callable[[dict], str]] = {
    "get-user-by-id.yaml": lambda i: f"{GENESYS_API}/api/v2/users/{i['userId']}",
    "weather-by-city.yaml": lambda i: (
        "https://api.openweather.example/data/2.5/weather"
        f"?q={java_url_encode(i['city'])}&units={java_url_encode(i['units'])}"
    ),
    "analytics-conversations-by-ani.yaml": lambda i: (
        f"{GENESYS_API}/api/v2/analytics/conversations/details/query"
    ),
    "Check-Conversation-For-PSTN-Leg-20261125101500.custom.json": lambda i: (
        f"{GENESYS_API}/api/v2/analytics/conversations/{i['CONVERSATION_ID']}/details"
    ),
    "Get-TimeZone-Offset-20261125101700.custom.json": lambda i: (
        f"{GENESYS_API}/api/v2/timezones?pageSize=20&pageNumber={i['pageNumber']}"
    ),
    "crm-contact-by-phone.yaml": lambda i: (
        "https://crm.example.com/api/v1/accounts/search"
        f"?phone={java_url_encode(i['phoneNumber'])}&matchType=exact"
    ),
    "order-status.yaml": lambda i: f"https://orders.example.com/v2/orders/{i['orderId']}",
    "create-ticket.yaml": lambda i: "https://helpdesk.example.com/api/v2/tickets",
    "update-contact-email.yaml": lambda i: (
        f"https://crm.example.com/api/v1/contacts/{i['contactId']}"
    ),
    "Delete-Scheduled-Callback-20261125102000.custom.json": lambda i: (
        f"https://scheduler.example.com/api/v1/callbacks/{i['callbackId']}"
    ),
    "Search-Contacts-Multilingual-20261125102500.custom.json": lambda i: (
        f"https://contacts.example.com/api/search?q={java_url_encode(i['query'])}"
        f"&locale={i['locale']}"
    ),
    "list-active-users.yaml": lambda i: (
        f"{GENESYS_API}/api/v2/users?pageSize={i['pageSize']}"
        f"&pageNumber={i['pageNumber']}&state=active"
    ),
    "find-user-by-email.yaml": lambda i: f"{GENESYS_API}/api/v2/users/search",
    "get-featured-product-stock.tf": lambda i: (
        f"https://catalog.example.com/v1/catalogs/{i['catalogId']}/items?includeStock=true"
    ),
    "get-placeholder-user.yaml": lambda i: (
        f"https://jsonplaceholder.typicode.com/users/{i['userId']}"
    ),
}

FILES = example_files()
IDS = [p.name for p in FILES]


def step_result(result: TestExecutionResult, name: str) -> Any:
    return next(op.result for op in result.operations if op.name == name)


def explain(result: TestExecutionResult) -> str:
    return result.error.message if result.error else "no error"


# -- the inventory -------------------------------------------------------------------------


def test_enough_examples_in_each_format() -> None:
    kinds = [load(p).format for p in FILES]
    assert len(FILES) >= 12
    assert kinds.count("custom-json") >= 3 and kinds.count("hcl") >= 1
    assert kinds.count("spec") > len(kinds) / 2


def test_every_example_has_expectations_and_a_readme_line() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert sorted(EXPECTED) == sorted(IDS)
    assert sorted(EXPECTED_URL) == sorted(IDS)
    assert [n for n in IDS if f"`{n}`" not in readme] == []


def test_genesys_cloud_examples_use_relative_urls() -> None:
    relative = [p.name for p in FILES if load(p).integration_type == "purecloud-data-actions"]
    assert len(relative) >= 3
    for name in relative:
        assert load(EXAMPLES / name).action.request.request_url_template.startswith("/api/v2/")


# -- running each example ------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_example_runs_offline_and_gives_the_sample_values(path: Path) -> None:
    case = case_for(path)
    result = case.run()
    assert result.success, explain(result)
    assert result.final_result == EXPECTED[path.name](case.sample, case.inputs)
    assert step_result(result, STEP_URL) == EXPECTED_URL[path.name](case.inputs)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_example_gives_the_same_answer_in_every_format(
    path: Path, fmt: str, tmp_path: Path
) -> None:
    case = case_for(path)
    converted = tmp_path / f"action{EXTENSIONS[fmt]}"  # type: ignore[index]
    converted.write_text(dump(load(path), fmt), encoding="utf-8")  # type: ignore[arg-type]
    result = case.run(load(converted))
    assert result.success, explain(result)
    assert result.final_result == EXPECTED[path.name](case.sample, case.inputs)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_example_has_no_validation_errors(path: Path) -> None:
    case = case_for(path)
    loaded = load(path)
    problems = validate_action(
        loaded.action, loaded=loaded, sample=CannedResponse(case.sample_path.read_bytes())
    )
    errors = [p.render() for p in problems if p.severity == "error"]
    assert errors == []


# -- request bodies and headers ------------------------------------------------------------


def rendered_body(name: str) -> tuple[Any, dict[str, Any]]:
    case = case_for(EXAMPLES / name)
    result = case.run()
    assert result.success, explain(result)
    return json.loads(step_result(result, STEP_BODY)), case.inputs


def test_ticket_body_keeps_quotes_backslashes_and_newlines_exact() -> None:
    body, inputs = rendered_body("create-ticket.yaml")
    assert '"' in inputs["subject"] and "\\" in inputs["description"]
    assert "\n" in inputs["description"]
    ticket = body["ticket"]
    assert ticket["subject"] == inputs["subject"]
    assert ticket["comment"]["body"] == inputs["description"]
    assert ticket["requester"]["email"] == inputs["customerEmail"]
    assert ticket["external_id"] == inputs["conversationId"]


def test_analytics_query_body_carries_the_filters() -> None:
    body, inputs = rendered_body("analytics-conversations-by-ani.yaml")
    assert body["interval"] == inputs["interval"]
    predicates = {p["dimension"]: p["value"] for p in body["segmentFilters"][0]["predicates"]}
    assert predicates == {"ani": f"tel:{inputs['phoneNumber']}", "queueId": inputs["queueId"]}


def test_patch_body_mixes_an_escaped_string_and_a_boolean() -> None:
    body, inputs = rendered_body("update-contact-email.yaml")
    assert body == {"email": inputs["email"], "emailOptIn": inputs["emailOptIn"]}


def test_user_search_body_escapes_the_email() -> None:
    body, inputs = rendered_body("find-user-by-email.yaml")
    assert body["query"] == [{"type": "EXACT", "fields": ["email"], "value": inputs["email"]}]


def test_basic_auth_header_is_base64_of_the_credentials() -> None:
    case = case_for(EXAMPLES / "get-featured-product-stock.tf")
    result = case.run()
    assert result.success, explain(result)
    token = f"{case.inputs['clientId']}:{case.inputs['clientSecret']}".encode()
    headers = step_result(result, STEP_HEADERS)
    assert headers["Authorization"] == "********"  # masked in the trace
    sent = prepare(Execution(), load(case.path).action, case.inputs, case.base_url).headers
    assert sent["Authorization"] == "Basic " + base64.b64encode(token).decode()
    assert headers["Accept"] == "application/json"


# -- the command line, in process ----------------------------------------------------------


def cli_value(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cli_validate_accepts_every_example(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(path)]) == 0, capsys.readouterr()


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cli_test_json_gives_the_sample_values(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = case_for(path)
    argv = ["test", str(path), "--response-file", str(case.sample_path), "--json"]
    for key, value in case.inputs.items():
        argv += ["--input", f"{key}={cli_value(value)}"]
    code = cli.main(argv)
    printed = json.loads(capsys.readouterr().out)
    assert printed["success"] is True, printed.get("error")
    assert code == 0
    assert printed["finalResult"] == EXPECTED[path.name](case.sample, case.inputs)
