"""Fault injection: fail each API call of a deploy in turn; a re-run converges, nothing orphaned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.genesys.genesys_helpers import (
    FaultTransport,
    RecordingTransport,
    new_org_target,
    session_for,
    write_spec,
)
from tui.genesys.deploy import Deployer
from tui.genesys.errors import GenesysError
from tui.genesys.session import clear_token_cache
from tui.model.formats import load

MODES = ("before-500", "refuse", "after-drop", "after-503")


def deploy_all(deployer: Deployer, files: list[Any]) -> list[str]:
    """Plan and deploy every file as the CLI does; the error texts of the failures."""
    errors = []
    try:
        plan = deployer.plan(files)
    except GenesysError as exc:
        return [str(exc)]
    for f, item in zip(files, plan, strict=True):
        try:
            deployer.deploy(f, item=item)
        except GenesysError as exc:
            errors.append(str(exc))
    return errors


def seeded_org(sandbox: Any, tmp_path: Path) -> tuple[Any, list[Any]]:
    """An org holding 'Existing' v1; local files change it and add 'Fresh'."""
    target = new_org_target(sandbox)
    tmp_path.mkdir(parents=True, exist_ok=True)
    existing = write_spec(tmp_path / "existing.yaml", "Existing")
    Deployer(target, session=session_for(target)).deploy(load(existing))
    write_spec(existing, "Existing", url="https://api.example.com/v2?city=${input.city}")
    fresh = write_spec(tmp_path / "fresh.yaml", "Fresh")
    return target, [load(existing), load(fresh)]


@pytest.fixture(scope="module")
def call_count(sandbox: Any, tmp_path_factory: pytest.TempPathFactory) -> int:
    target, files = seeded_org(sandbox, tmp_path_factory.mktemp("count"))
    clear_token_cache()
    transport = RecordingTransport()
    assert deploy_all(Deployer(target, session=session_for(target, transport)), files) == []
    assert "POST /oauth/token" in transport.calls
    return len(transport.calls)


@pytest.mark.parametrize("mode", MODES)
def test_each_failed_call_converges_on_rerun(sandbox, tmp_path: Path, call_count, mode) -> None:
    for k in range(1, call_count + 1):
        target, files = seeded_org(sandbox, tmp_path / f"{mode}-{k}")
        clear_token_cache()
        faulty = FaultTransport(k, mode)
        errors = deploy_all(Deployer(target, session=session_for(target, faulty)), files)
        assert faulty.injected, f"call {k} was never made"
        checker = Deployer(target, session=session_for(target))
        drafts = list(checker.session.list_actions(drafts=True))
        if drafts:  # something was left: the error must say so
            assert any("left" in e or "may" in e for e in errors), (k, faulty.injected, errors)

        rerun = Deployer(target, session=session_for(target))
        assert deploy_all(rerun, files) == [], (k, faulty.injected)
        final = Deployer(target, session=session_for(target))
        assert [p.change for p in final.plan(files)] == ["unchanged", "unchanged"]
        assert list(final.session.list_actions(drafts=True)) == [], (k, faulty.injected)
        assert sorted(a["name"] for a in final.session.list_actions()) == ["Existing", "Fresh"]
