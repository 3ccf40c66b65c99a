"""Save a draft without publishing (the admin UI's "Save draft"), against the sandbox through
the official SDK over real HTTP; a later deploy publishes that same draft."""

from __future__ import annotations

from pathlib import Path

from tests.genesys.genesys_helpers import session_for, write_spec
from tests.genesys.test_genesys_deploy import deployer_for
from tui.genesys.deploy import Deployer
from tui.model.formats import load


def test_a_new_action_is_saved_as_a_valid_draft_and_a_later_deploy_publishes_it(
    target, tmp_path: Path
) -> None:
    spec = load(write_spec(tmp_path / "a.yaml", "Drafted"))
    deployer, transport = deployer_for(target)
    [item] = deployer.plan([spec], draft_only=True)
    assert (item.change, item.draft_only, item.draft_id) == ("create", True, None)
    steps: list[str] = []
    saved = deployer.save_draft(spec, item=item, on_progress=steps.append)
    assert (saved.change, saved.valid, saved.published_version) == ("create", True, None)
    assert saved.draft_id and saved.draft_version == 1
    assert not any("publish" in w for w in transport.writes())
    assert any("nothing published" in s for s in steps)
    assert list(deployer.session.list_actions()) == []
    [draft] = deployer.session.list_actions(drafts=True)
    assert draft["id"] == saved.draft_id

    again = Deployer(target, session=session_for(target))
    assert again.plan([spec], draft_only=True)[0].change == "unchanged"
    [publish] = again.plan([spec])
    assert (publish.change, publish.draft_id) == ("create", saved.draft_id)
    result = again.deploy(spec, item=publish)
    assert (result.action_id, result.version, result.change) == (saved.draft_id, 1, "create")
    assert "published the unpublished draft already in the org" in result.notes
    assert list(again.session.list_actions(drafts=True)) == []


def test_a_draft_on_a_published_action_leaves_the_published_version_alone(
    target, tmp_path: Path
) -> None:
    path = write_spec(tmp_path / "a.yaml", "Live")
    deployer, _ = deployer_for(target)
    live = deployer.deploy(load(path))
    write_spec(path, "Live", url="https://api.example.com/v2?city=${input.city}")
    [item] = deployer.plan([load(path)], draft_only=True)
    assert (item.change, item.version, item.refused) == ("update", 1, "")
    assert "+    requestUrlTemplate: https://api.example.com/v2" in item.diff
    saved = deployer.save_draft(load(path), item=item)
    assert (saved.change, saved.draft_id, saved.published_version) == ("create", live.action_id, 1)
    published = deployer.session.get_action(live.action_id)
    assert published["version"] == 1
    assert "/w?" in published["config"]["request"]["requestUrlTemplate"]
    assert (
        "/v2?"
        in deployer.session.get_draft(live.action_id)["config"]["request"]["requestUrlTemplate"]
    )

    # The draft is now what a save compares with: a second change updates it, with its diff.
    write_spec(path, "Live", url="https://api.example.com/v3?city=${input.city}")
    [item] = deployer.plan([load(path)], draft_only=True)
    assert item.change == "update" and item.diff.startswith("--- draft")
    assert "-    requestUrlTemplate: https://api.example.com/v2" in item.diff
    assert deployer.save_draft(load(path), item=item).change == "update"

    result = deployer.deploy(load(path))
    assert (result.change, result.version) == ("update", 2)
    assert list(deployer.session.list_actions(drafts=True)) == []


def test_a_contract_change_is_saved_but_publishing_it_is_said_to_be_refused(
    target, tmp_path: Path
) -> None:
    path = write_spec(tmp_path / "a.yaml", "Contract")
    deployer, _ = deployer_for(target)
    deployer.deploy(load(path))
    write_spec(path, "Contract", out_type="string")
    [item] = deployer.plan([load(path)], draft_only=True)
    assert item.change == "update"
    assert "publishing this draft will be refused" in item.refused
    saved = deployer.save_draft(load(path), item=item)
    assert saved.valid and saved.notes == [item.refused]
    assert deployer.plan([load(path)])[0].change == "recreate"


def test_an_invalid_draft_is_kept_and_its_problems_point_at_the_file(
    target, tmp_path: Path
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "name: Reserved draft\nrequest:\n  url: https://x.example/${input.rawRequest}\n"
        "inputs:\n  - name: ok\n  - name: rawRequest\n"
    )
    deployer, _ = deployer_for(target)
    saved = deployer.save_draft(load(spec))
    assert not saved.valid
    assert saved.problems[0].file == str(spec) and saved.problems[0].line == 6
    assert [d["id"] for d in deployer.session.list_actions(drafts=True)] == [saved.draft_id]
    assert list(deployer.session.list_actions()) == []
