"""Save a draft without publishing, as the action editor's "Save draft" does in the admin UI.

A new action gets a draft (POST /actions/drafts), a published one a draft opened on it
(POST /{id}/draft), a pending draft is updated (PATCH /{id}/draft); then GET
/{id}/draft/validation says whether it would publish. Nothing is published: a later
`Deployer.deploy` of the same action finds that draft and publishes it. An invalid draft is
kept, not deleted (keeping unfinished work is what a draft is for).

The plan compares with the pending draft when there is one (that is what a save changes),
else with the published version; a contract that differs from the published one is allowed
in a draft, and `PlanItem.refused` says that publishing it would be refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tui.genesys.compare import action_from_remote, classify, has_contract
from tui.genesys.errors import GenesysError
from tui.model.action import WEB_SERVICES_TYPE, Action
from tui.model.formats import Loaded
from tui.model.problems import Problem

if TYPE_CHECKING:
    from tui.genesys.deploy import Deployer, PlanItem, Progress

DraftChange = Literal["create", "update", "unchanged"]
REFUSED = (
    "its contract differs from the published version {version}, and Genesys does not allow "
    "changing the contract of a published action: publishing this draft will be refused "
    "(replace the action by a new one with a new id: `deploy --recreate`, or Deploy > Replace "
    "in the wizard; or give it a new name)"
)


@dataclass
class DraftResult:
    """A saved (or already equal) draft and what Genesys's draft validation said of it."""

    name: str
    change: DraftChange
    draft_id: str | None
    draft_version: int | None
    published_version: int | None
    valid: bool
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    integration_id: str = ""
    category: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "change": self.change,
            "draft_id": self.draft_id,
            "draft_version": self.draft_version,
            "published_version": self.published_version,
            "published": False,
            "valid": self.valid,
            "problems": [p.to_dict() for p in self.problems],
            "notes": self.notes,
        }


def plan_draft(deployer: Deployer, action: Action, loaded: Loaded | None) -> PlanItem:
    """What saving `action` as a draft would change (the org's state must be fresh)."""
    item = deployer._plan_one(action, loaded)
    item.draft_only = True
    if item.change == "recreate":
        item.refused = REFUSED.format(version=item.version)
    if item.draft_id is None:
        if item.change == "recreate":
            item.change = "update"  # a draft may carry another contract; publishing may not
        return item
    pending = deployer._drafts.get(item.draft_id) or {"id": item.draft_id}
    if not has_contract(pending):
        pending = deployer.session.get_draft(item.draft_id, name=action.name)
    change, diff = classify(action, action_from_remote(pending))
    item.change = "unchanged" if change == "unchanged" else "update"
    item.diff = diff.replace("--- org", "--- draft", 1)
    return item


def save_draft(
    deployer: Deployer,
    action: Action | Loaded,
    integration_id: str | None,
    on_progress: Progress,
    *,
    item: PlanItem | None = None,
) -> DraftResult:
    """Make the org's draft of `action.name` equal to `action`, validate it, do not publish."""
    wire, loaded = (action.action, action) if isinstance(action, Loaded) else (action, None)
    if item is None or not item.draft_only:
        deployer.refresh()
        item = plan_draft(deployer, wire, loaded)
    try:
        return _save(deployer, wire, loaded, integration_id, on_progress, item)
    except GenesysError as exc:
        raise deployer._explain(exc, loaded) from None


def _save(
    deployer: Deployer,
    wire: Action,
    loaded: Loaded | None,
    integration_id: str | None,
    on_progress: Progress,
    item: PlanItem,
) -> DraftResult:
    name, session = wire.name, deployer.session
    notes = [item.refused] if item.refused else []
    if item.change == "unchanged" and item.draft_id is None:
        _say(on_progress, f"{name}: equal to the published version {item.version}; no draft made")
        return DraftResult(name, "unchanged", None, None, item.version, True, [], notes)
    body = deployer._body(wire)
    fields: dict[str, Any] = {
        k: body[k] for k in ("name", "category", "config", "contract", "secure") if k in body
    }
    if item.draft_id is not None:
        draft = session.get_draft(item.draft_id, name=name)
        if item.change != "unchanged":
            draft = session.update_draft(item.draft_id, {**fields, "version": draft["version"]})
            _say(on_progress, f"{name}: draft updated (draft version {draft.get('version')})")
        else:
            _say(on_progress, f"{name}: the draft already holds this")
        change: DraftChange = item.change if item.change == "unchanged" else "update"
    elif item.action_id is None:
        type_id = loaded.integration_type if loaded else WEB_SERVICES_TYPE
        body["integrationId"] = (
            integration_id or wire.integration_id or deployer.pick_integration(type_id, on_progress)
        )
        draft = deployer._create_draft(body)
        _say(on_progress, f"{name}: draft created (not published)")
        change = "create"
    else:
        draft = _open_on_published(deployer, item, fields, name)
        _say(on_progress, f"{name}: draft opened on version {item.version} (not published)")
        change = "create"
    deployer._drafts[draft["id"]] = draft
    valid, problems = _validation(deployer, draft, loaded)
    _say(
        on_progress,
        f"{name}: draft valid; nothing published"
        if valid
        else f"{name}: Genesys's draft validation found {len(problems)} problem(s); "
        "the draft is kept, nothing published",
    )
    return DraftResult(
        name,
        change,
        draft["id"],
        draft.get("version"),
        item.version,
        valid,
        problems,
        notes,
        draft.get("integrationId") or item.integration_id or "",
        draft.get("category") or "",
    )


def _open_on_published(
    deployer: Deployer, item: PlanItem, fields: dict[str, Any], name: str
) -> dict[str, Any]:
    """A new draft on the published action, holding `fields`; removed again if that fails."""
    assert item.action_id is not None
    session = deployer.session
    try:
        draft = session.draft_from_action(item.action_id, name=name)
    except GenesysError as exc:
        if exc.status != 409:  # 409: a draft appeared meanwhile; it is updated below
            raise
        draft = session.get_draft(item.action_id, name=name)
    try:
        return session.update_draft(item.action_id, {**fields, "version": draft["version"]})
    except GenesysError as exc:
        deployer._cleanup_draft(item.action_id, name, exc, published=True)
        raise


def _validation(
    deployer: Deployer, draft: dict[str, Any], loaded: Loaded | None
) -> tuple[bool, list[Problem]]:
    from tui.genesys.deploy import server_problem

    result = deployer.session.validate_draft(draft["id"], name=draft["name"]) or {}
    if result.get("valid", True):
        return True, []
    problems = [server_problem(e, loaded) for e in result.get("errors") or []]
    return False, problems or [Problem(f"Genesys finds the draft of '{draft['name']}' invalid")]


def _say(on_progress: Progress, message: str) -> None:
    if on_progress is not None:
        on_progress(message)
