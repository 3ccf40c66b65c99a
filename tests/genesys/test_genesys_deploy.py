"""Deploy end to end against the sandbox through the official SDK over real HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.genesys.genesys_helpers import (
    RecordingTransport,
    new_org_target,
    session_for,
    write_spec,
)
from tui.genesys.deploy import Deployer
from tui.genesys.errors import EXIT_AUTH, EXIT_VALIDATION, GenesysError
from tui.model.formats import load


def deployer_for(target: Any) -> tuple[Deployer, RecordingTransport]:
    transport = RecordingTransport()
    return Deployer(target, session=session_for(target, transport)), transport


def test_create_then_same_spec_is_unchanged_with_zero_writes(target, tmp_path: Path) -> None:
    files = [load(write_spec(tmp_path / f"a{i}.yaml", f"Weather {i}")) for i in range(3)]
    first, _ = deployer_for(target)
    plan = first.plan(files)
    assert [p.change for p in plan] == ["create"] * 3
    results = [first.deploy(f, item=p) for f, p in zip(files, plan, strict=True)]
    assert [(r.change, r.version) for r in results] == [("create", 1)] * 3

    second, transport = deployer_for(target)
    plan = second.plan(files)
    assert [p.change for p in plan] == ["unchanged"] * 3
    for f, p in zip(files, plan, strict=True):
        assert second.deploy(f, item=p).change == "unchanged"
    assert transport.writes() == []
    assert list(second.session.list_actions(drafts=True)) == []


def test_update_goes_through_a_new_draft_and_bumps_the_version(target, tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Updatable")
    deployer, _ = deployer_for(target)
    created = deployer.deploy(load(spec))
    write_spec(spec, "Updatable", url="https://api.example.com/v2?city=${input.city}")
    item = deployer.plan([load(spec)])[0]
    assert item.change == "update"
    assert "-    requestUrlTemplate: https://api.example.com/w" in item.diff
    assert "+    requestUrlTemplate: https://api.example.com/v2" in item.diff
    steps: list[str] = []
    result = deployer.deploy(load(spec), item=item, on_progress=steps.append)
    assert (result.action_id, result.version, result.change) == (created.action_id, 2, "update")
    assert any("draft" in s for s in steps) and any("published version 2" in s for s in steps)
    remote = deployer.session.get_action(created.action_id)
    assert remote["config"]["request"]["requestUrlTemplate"].startswith(
        "https://api.example.com/v2"
    )
    assert deployer.plan([load(spec)])[0].change == "unchanged"


def test_contract_change_needs_recreate_and_then_replaces_the_action(target, tmp_path) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Contracted")
    deployer, _ = deployer_for(target)
    old = deployer.deploy(load(spec))
    write_spec(spec, "Contracted", out_type="string")
    item = deployer.plan([load(spec)])[0]
    assert item.change == "recreate"
    with pytest.raises(GenesysError) as info:
        deployer.deploy(load(spec), item=item)
    assert info.value.exit_code == EXIT_VALIDATION
    assert "--recreate" in str(info.value)
    assert deployer.session.get_action(old.action_id)["version"] == 1  # untouched

    new = deployer.deploy(load(spec), item=item, recreate=True)
    assert new.change == "recreate" and new.action_id != old.action_id
    names = [a["name"] for a in deployer.session.list_actions()]
    assert names == ["Contracted"]
    assert list(deployer.session.list_actions(drafts=True)) == []


def test_server_validation_errors_point_at_the_spec_line(target, tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "name: Reserved\nrequest:\n  url: https://x.example/${input.rawRequest}\n"
        "inputs:\n  - name: ok\n  - name: rawRequest\n"
    )
    deployer, _ = deployer_for(target)
    with pytest.raises(GenesysError) as info:
        deployer.deploy(load(spec))
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert errors and errors[0].file == str(spec)
    assert errors[0].line == 6  # the `- name: rawRequest` item
    assert "rawRequest" in errors[0].message
    assert list(deployer.session.list_actions(drafts=True)) == []
    assert list(deployer.session.list_actions()) == []


def test_plan_lists_in_pages_without_per_action_gets_when_contracts_are_listed(target, tmp_path):
    files = [load(write_spec(tmp_path / f"p{i}.yaml", f"Paged {i:03}")) for i in range(5)]
    deployer, _ = deployer_for(target)
    for f in files:
        deployer.deploy(f)
    fresh, transport = deployer_for(target)
    plan = fresh.plan(files)
    assert all(p.change == "unchanged" for p in plan)
    lists = [c for c in transport.calls if c.endswith(("/actions", "/actions/drafts"))]
    assert len(lists) == 2
    listed = next(iter(fresh.session.list_actions()))
    if "contract" in listed:  # the listing honours expand=contract: no per-action reads
        assert not [c for c in transport.calls if "/actions/custom" in c]


def test_integrations_and_categories(target, tmp_path: Path) -> None:
    deployer, _ = deployer_for(target)
    types = {t for _, _, t in deployer.integrations()}
    assert "custom-rest-actions" in types
    deployer.deploy(load(write_spec(tmp_path / "c.yaml", "Categorised")))
    assert "Tests" in deployer.categories()


def test_missing_permission_is_named(sandbox, tmp_path: Path) -> None:
    viewer = new_org_target(sandbox, ("integrations:action:view", "integrations:integration:view"))
    deployer, _ = deployer_for(viewer)
    with pytest.raises(GenesysError) as info:
        deployer.deploy(load(write_spec(tmp_path / "a.yaml", "Forbidden")))
    assert info.value.exit_code == EXIT_AUTH
    assert "integrations:action:add" in str(info.value)


def test_wrong_secret_is_an_auth_error(target) -> None:
    from pydantic import SecretStr

    target.client_secret = SecretStr("wrong-secret")
    deployer, _ = deployer_for(target)
    with pytest.raises(GenesysError) as info:
        deployer.integrations()
    assert info.value.exit_code == EXIT_AUTH
    assert "refused the client credentials" in str(info.value)
    assert "wrong-secret" not in str(info.value)


def test_token_is_reused_across_sessions(target) -> None:
    from tui.genesys.session import clear_token_cache

    clear_token_cache()
    first, t1 = deployer_for(target)
    first.integrations()
    second, t2 = deployer_for(target)
    second.integrations()
    assert t1.calls.count("POST /oauth/token") == 1
    assert t2.calls.count("POST /oauth/token") == 0
