"""Plan and deploy data actions: draft, validate, publish; update through a new draft.

Safe to repeat: every deploy starts from what the org holds, so a run that failed midway is
finished by the next one. A deploy that fails after creating a draft deletes that draft, or
says exactly what is left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tui.genesys.compare import action_from_remote, classify, comparable, has_contract
from tui.genesys.errors import EXIT_VALIDATION, GenesysError
from tui.genesys.locate import locate_field
from tui.genesys.target import Target
from tui.model.action import WEB_SERVICES_TYPE, Action, post_body
from tui.model.compile import canonical
from tui.model.formats import Loaded
from tui.model.problems import Problem

if TYPE_CHECKING:
    from tui.genesys.drafting import DraftResult

Change = Literal["create", "update", "unchanged", "recreate"]
Progress = Callable[[str], None] | None
RECREATE_SUFFIX = " (recreating)"
AMBIGUOUS = (None, 0, 500, 502, 503, 504)


@dataclass
class PlanItem:
    """What deploying one action would do."""

    name: str
    change: Change
    diff: str = ""
    action_id: str | None = None
    version: int | None = None
    integration_id: str | None = None
    draft_id: str | None = None
    file: str = ""
    # A "save draft" plan (tui.genesys.drafting): change and diff are against the pending
    # draft when there is one, and `refused` says why publishing the draft would be refused.
    draft_only: bool = False
    refused: str = ""


@dataclass
class DeployResult:
    action_id: str
    name: str
    version: int
    change: Change
    integration_id: str
    category: str
    notes: list[str] = field(default_factory=list)


def _as_loaded(action: Action | Loaded) -> tuple[Action, Loaded | None]:
    return (action.action, action) if isinstance(action, Loaded) else (action, None)


def _key(name: str) -> str:
    return name.strip().lower()


class Deployer:
    """Deploys to one target; the SDK session is opened on first use."""

    def __init__(self, target: Target, *, session: Any = None) -> None:
        self.target = target
        self._session = session
        self._published: dict[str, dict[str, Any]] | None = None
        self._drafts: dict[str, dict[str, Any]] = {}
        self._integrations: list[dict[str, Any]] | None = None
        self.skipped: list[Problem] = []

    def close(self) -> None:
        """Close the session's connections (an open pool would be closed only when collected)."""
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> Deployer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def session(self) -> Any:
        if self._session is None:
            from tui.genesys.session import Session

            self._session = Session(self.target)
        return self._session

    # -- the org's state ----------------------------------------------------------------
    def refresh(self) -> None:
        """Read every published action and draft (a few list calls, 100 per page)."""
        self._published = {_key(a["name"]): a for a in self._readable(self.session.list_actions())}
        self._drafts = {a["id"]: a for a in self._readable(self.session.list_actions(drafts=True))}

    def _readable(self, listing: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Listed actions with a name and an id; the others are skipped and reported."""
        out = []
        for doc in listing:
            if isinstance(doc.get("name"), str) and isinstance(doc.get("id"), str):
                out.append(doc)
            else:
                self.skipped.append(
                    Problem(
                        f"an action without a name or id was skipped (id {doc.get('id')!r})",
                        severity="warning",
                    )
                )
        return out

    def _index(self) -> dict[str, dict[str, Any]]:
        if self._published is None:
            self.refresh()
        assert self._published is not None
        return self._published

    def find(self, name: str) -> dict[str, Any] | None:
        """The published action called `name` (ignoring case), as listed."""
        return self._index().get(_key(name))

    def _draft_named(self, name: str) -> dict[str, Any] | None:
        self._index()
        for wanted in (_key(name), _key(name + RECREATE_SUFFIX)):
            for d in self._drafts.values():
                if _key(d["name"]) == wanted and self._published_by_id(d["id"]) is None:
                    return d
        return None

    def _published_by_id(self, action_id: str) -> dict[str, Any] | None:
        return next((a for a in self._index().values() if a["id"] == action_id), None)

    def _full(self, remote: dict[str, Any]) -> dict[str, Any]:
        """The remote action with its contract (listings may leave it out)."""
        if has_contract(remote):
            return remote
        full = self.session.get_action(remote["id"], name=remote.get("name"))
        self._index()[_key(full["name"])] = full
        return full

    # -- plan ---------------------------------------------------------------------------
    def plan(
        self, actions: Iterable[Action | Loaded], *, draft_only: bool = False
    ) -> list[PlanItem]:
        """create/update/unchanged/recreate for each action, with a diff for changes; with
        `draft_only`, what saving drafts (without publishing) would change."""
        self.refresh()
        if draft_only:
            from tui.genesys.drafting import plan_draft

            return [plan_draft(self, *_as_loaded(a)) for a in actions]
        return [self._plan_one(*_as_loaded(a)) for a in actions]

    def _plan_one(self, action: Action, loaded: Loaded | None) -> PlanItem:
        file = loaded.file if loaded else ""
        remote = self.find(action.name)
        if remote is None:
            draft = self._draft_named(action.name)
            return PlanItem(
                action.name,
                "create",
                draft_id=draft["id"] if draft else None,
                file=file,
            )
        full = self._full(remote)
        change, diff = classify(action, action_from_remote(full))
        pending = self._drafts.get(full["id"])
        return PlanItem(
            action.name,
            change,
            diff,
            action_id=full["id"],
            version=full.get("version"),
            integration_id=full.get("integrationId"),
            draft_id=pending["id"] if pending else None,
            file=file,
        )

    # -- integrations and categories ----------------------------------------------------
    def _integration_docs(self) -> list[dict[str, Any]]:
        if self._integrations is None:
            self._integrations = self.session.integrations()
        return self._integrations

    def integration_doc(self, integration_id: str) -> dict[str, Any]:
        """The org's integration `integration_id` as listed (just the id when unknown)."""
        found = (i for i in self._integration_docs() if i.get("id") == integration_id)
        return next(found, {"id": integration_id})

    def integrations(self) -> list[tuple[str, str, str]]:
        """(id, name, type id) of every integration that can hold data actions."""
        return [
            (i["id"], i.get("name", ""), (i.get("integrationType") or {}).get("id", ""))
            for i in self._integration_docs()
        ]

    def categories(self) -> list[str]:
        return self.session.categories()

    def pick_integration(
        self, type_id: str = WEB_SERVICES_TYPE, on_progress: Progress = None
    ) -> str:
        """An enabled integration of `type_id`, created (and enabled) when there is none.

        With several, the one carrying the default name wins over the org's listing order
        (alphabetical, so an OAuth "CRM" integration would otherwise take every new action),
        and the progress line names the choice so `--integration` can override it."""
        name = "Web Services Data Actions" if type_id == WEB_SERVICES_TYPE else type_id
        candidates = [
            i
            for i in self._integration_docs()
            if (i.get("integrationType") or {}).get("id") == type_id
            and i.get("intendedState", "ENABLED") == "ENABLED"
        ]
        if candidates:
            chosen = next((i for i in candidates if i.get("name") == name), candidates[0])
            if len(candidates) > 1:
                _say(
                    on_progress,
                    f"new actions go to integration {chosen.get('name', chosen['id'])!r} "
                    f"(one of {len(candidates)}; --integration or the wizard's Integration field picks another)",
                )
            return str(chosen["id"])
        _say(on_progress, f"no {name} integration yet: creating one")
        created = self.session.create_integration(type_id, name)
        self._integration_docs().append(created)
        return created["id"]

    # -- deploy -------------------------------------------------------------------------
    def save_draft(
        self,
        action: Action | Loaded,
        integration_id: str | None = None,
        on_progress: Progress = None,
        *,
        item: PlanItem | None = None,
    ) -> DraftResult:
        """Create or update the draft of `action` and validate it, without publishing."""
        from tui.genesys.drafting import save_draft

        return save_draft(self, action, integration_id, on_progress, item=item)

    def deploy(
        self,
        action: Action | Loaded,
        integration_id: str | None = None,
        on_progress: Progress = None,
        *,
        recreate: bool = False,
        item: PlanItem | None = None,
    ) -> DeployResult:
        """Make the org's action called `action.name` equal to `action`."""
        wire, loaded = _as_loaded(action)
        try:
            return self._deploy(wire, loaded, integration_id, on_progress, recreate, item)
        except GenesysError as exc:
            raced = exc.status in (404, 409) or (
                exc.status == 400 and exc.operation in ("publish draft", "update draft")
            )
            if raced and (item is None or item.change == "create"):
                # Another deploy of the same name won the race (its draft vanished when it
                # published, or the name is taken now): plan again from what the org holds.
                again = self._settled_plan(wire, loaded)
                if again.change != "create":
                    _say(on_progress, f"{wire.name}: deployed meanwhile by someone else")
                    try:
                        return self._deploy(
                            wire, loaded, integration_id, on_progress, recreate, again
                        )
                    except GenesysError as second:
                        raise self._explain(second, loaded) from None
            raise self._explain(exc, loaded) from None

    def _settled_plan(self, wire: Action, loaded: Loaded | None, wait: float = 10.0) -> PlanItem:
        """The plan again, from what the org holds once a racing deploy of the same name has
        finished: while only an unpublished draft of that name exists (the other deploy's,
        between its draft and its publish), wait for it, up to `wait` seconds."""
        until = time.monotonic() + wait
        while True:
            self.refresh()
            again = self._plan_one(wire, loaded)
            if again.change != "create" or not again.draft_id or time.monotonic() > until:
                return again
            time.sleep(0.2)

    def _deploy(
        self,
        wire: Action,
        loaded: Loaded | None,
        integration_id: str | None,
        on_progress: Progress,
        recreate: bool,
        item: PlanItem | None,
    ) -> DeployResult:
        item = item or self._plan_one(wire, loaded)
        if item.change == "unchanged":
            remote = self.find(wire.name) or {}
            _say(on_progress, f"{wire.name}: unchanged (version {remote.get('version')})")
            return self._result(remote, "unchanged")
        if item.change == "recreate" and not recreate:
            raise GenesysError(
                [
                    Problem(
                        f"the inputs or outputs (contract) of '{wire.name}' changed, and Genesys "
                        "does not allow changing the contract of a published action",
                        file=item.file,
                        hint="deploy with --recreate to replace it by a new action (it gets a new "
                        "id: flows that use the old one must be re-pointed), or give it a new name",
                    )
                ],
                EXIT_VALIDATION,
                operation="plan",
            )
        body = self._body(wire)
        if item.change == "create":
            type_id = loaded.integration_type if loaded else WEB_SERVICES_TYPE
            body["integrationId"] = (
                integration_id or wire.integration_id or self.pick_integration(type_id, on_progress)
            )
            return self._create(body, item, loaded, on_progress)
        if item.change == "update":
            return self._update(body, item, loaded, on_progress)
        body["integrationId"] = integration_id or item.integration_id or self.pick_integration()
        return self._recreate(body, item, loaded, on_progress)

    def _body(self, action: Action) -> dict[str, Any]:
        """The PostActionInput body, with Genesys's defaults spelled out."""
        full = Action.model_validate(canonical(action))
        body = post_body(full)
        body.pop("integrationId", None)
        return body

    def _result(
        self, doc: dict[str, Any], change: Change, notes: list[str] | None = None
    ) -> DeployResult:
        return DeployResult(
            action_id=doc.get("id", ""),
            name=doc.get("name", ""),
            version=int(doc.get("version") or 0),
            change=change,
            integration_id=doc.get("integrationId", ""),
            category=doc.get("category", ""),
            notes=notes or [],
        )

    def _create(
        self, body: dict[str, Any], item: PlanItem, loaded: Loaded | None, on_progress: Progress
    ) -> DeployResult:
        name = body["name"]
        notes: list[str] = []
        if item.draft_id:
            # A draft left by an earlier, interrupted deploy: finish it instead of clashing.
            existing = self.session.get_draft(item.draft_id, name=name)
            draft = self.session.update_draft(
                item.draft_id, {**_draft_fields(body), "version": existing["version"]}
            )
            notes.append("published the unpublished draft already in the org")
            _say(on_progress, f"{name}: reusing its unpublished draft (saved earlier)")
        else:
            draft = self._create_draft(body)
            _say(on_progress, f"{name}: draft created")
        self._drafts[draft["id"]] = draft
        published = self._validate_and_publish(draft, loaded, on_progress, cleanup="draft")
        return self._result(published, "create", notes)

    def _create_draft(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            return self.session.create_draft(body)
        except GenesysError as exc:
            if exc.status == 409:
                # Our own retried request, or a draft left earlier: take it over.
                leftover = self._unpublished_draft(body["name"])
                if leftover is None:
                    raise
                current = self.session.get_draft(leftover["id"], name=body["name"])
                return self.session.update_draft(
                    leftover["id"], {**_draft_fields(body), "version": current["version"]}
                )
            if exc.status in AMBIGUOUS:
                # The server may have made it before failing: find and remove it by name.
                exc.problems.append(self._remove_drafts_named(body["name"]))
            raise

    def _unpublished_draft(self, name: str) -> dict[str, Any] | None:
        for d in self.session.list_actions(drafts=True, name=name):
            if _key(d["name"]) == _key(name) and self._published_by_id(d["id"]) is None:
                return d
        return None

    def _remove_drafts_named(self, name: str) -> Problem:
        try:
            leftovers = [
                d
                for d in self.session.list_actions(drafts=True, name=name)
                if _key(d["name"]) == _key(name) and self._published_by_id(d["id"]) is None
            ]
            for d in leftovers:
                self.session.delete_draft(d["id"], name=name)
                self._drafts.pop(d["id"], None)
        except GenesysError:
            return Problem(
                f"a draft named '{name}' may exist in the org",
                severity="warning",
                hint="deploy again: it will be reused and published",
            )
        return Problem("nothing was left behind in the org", severity="warning")

    def _update(
        self, body: dict[str, Any], item: PlanItem, loaded: Loaded | None, on_progress: Progress
    ) -> DeployResult:
        assert item.action_id is not None
        name = body["name"]
        notes: list[str] = []
        try:
            draft = self._open_draft(item, name, notes)
        except GenesysError as exc:
            if exc.status in AMBIGUOUS:  # it may have been opened before the failure
                self._cleanup_draft(item.action_id, name, exc, published=True)
            raise
        _say(on_progress, f"{name}: draft of version {item.version} opened")
        try:
            draft = self.session.update_draft(
                item.action_id, {**_draft_fields(body), "version": draft["version"]}
            )
        except GenesysError as exc:
            self._cleanup_draft(item.action_id, name, exc, published=True)
            raise self._explain(exc, loaded) from None
        published = self._validate_and_publish(
            draft, loaded, on_progress, cleanup="draft-of-published"
        )
        return self._result(published, "update", notes)

    def _open_draft(self, item: PlanItem, name: str, notes: list[str]) -> dict[str, Any]:
        assert item.action_id is not None
        if item.draft_id:
            notes.append("replaced an unpublished draft of this action")
            return self.session.get_draft(item.action_id, name=name)
        try:
            return self.session.draft_from_action(item.action_id, name=name)
        except GenesysError as exc:
            if exc.status != 409:
                raise
            notes.append("replaced an unpublished draft of this action")
            return self.session.get_draft(item.action_id, name=name)

    def _recreate(
        self, body: dict[str, Any], item: PlanItem, loaded: Loaded | None, on_progress: Progress
    ) -> DeployResult:
        """New action under a temporary name, validated before the old one is deleted."""
        assert item.action_id is not None
        name = body["name"]
        draft = self._create_draft({**body, "name": name + RECREATE_SUFFIX})
        self._drafts[draft["id"]] = draft
        _say(on_progress, f"{name}: new draft created (the contract changed)")
        try:
            self._check_valid(draft, loaded)
            self.session.delete_action(item.action_id, name=name)
        except GenesysError as exc:
            self._cleanup_draft(draft["id"], name + RECREATE_SUFFIX, exc, published=False)
            raise self._explain(exc, loaded) from None
        self._index().pop(_key(name), None)
        _say(on_progress, f"{name}: old action {item.action_id} deleted")
        try:
            draft = self.session.update_draft(
                draft["id"], {**_draft_fields(body), "version": draft["version"]}
            )
        except GenesysError as exc:
            exc.problems.append(
                Problem(
                    f"the old action was deleted; the new one is an unpublished draft named "
                    f"'{name + RECREATE_SUFFIX}' (id {draft['id']})",
                    severity="warning",
                    hint="deploy again with --recreate to finish",
                )
            )
            raise
        published = self._validate_and_publish(draft, loaded, on_progress, cleanup="none")
        return self._result(published, "recreate", [f"replaced action {item.action_id}"])

    def _check_valid(self, draft: dict[str, Any], loaded: Loaded | None) -> None:
        result = self.session.validate_draft(draft["id"], name=draft["name"]) or {}
        if result.get("valid", True):
            return
        problems = [server_problem(e, loaded) for e in result.get("errors") or []]
        raise GenesysError(
            problems or [Problem(f"Genesys rejected the draft of '{draft['name']}'")],
            EXIT_VALIDATION,
            400,
            "validate draft",
        )

    def _validate_and_publish(
        self,
        draft: dict[str, Any],
        loaded: Loaded | None,
        on_progress: Progress,
        *,
        cleanup: Literal["draft", "draft-of-published", "none"],
    ) -> dict[str, Any]:
        name = draft["name"]
        try:
            self._check_valid(draft, loaded)
            _say(on_progress, f"{name}: draft valid")
            published = self._publish(draft)
        except GenesysError as exc:
            if exc.operation == "publish draft" and exc.status in AMBIGUOUS:
                exc.problems.append(
                    Problem(
                        f"'{name}' may or may not have been published",
                        severity="warning",
                        hint="deploy again: it finishes or reports unchanged",
                    )
                )
                raise
            if cleanup != "none" and not self._taken_over(draft):
                self._cleanup_draft(draft["id"], name, exc, published=cleanup != "draft")
            raise self._explain(exc, loaded) from None
        self._drafts.pop(draft["id"], None)
        self._index()[_key(published["name"])] = published
        _say(on_progress, f"{name}: published version {published.get('version')}")
        return published

    def _publish(self, draft: dict[str, Any]) -> dict[str, Any]:
        """Publish; if the answer was lost but the publish happened, take the published copy."""
        try:
            return self.session.publish_draft(draft["id"], draft["version"], name=draft["name"])
        except GenesysError as exc:
            if exc.status in (401, 403):
                raise
            try:
                now = self.session.get_action(draft["id"], name=draft["name"])
            except GenesysError:
                raise exc from None
            if comparable(action_from_remote(now)) == comparable(action_from_remote(draft)):
                return now
            raise

    def _taken_over(self, draft: dict[str, Any]) -> bool:
        """Whether another deploy of the same name has taken this draft over since (its
        version moved on): then it is that deploy's to publish, not ours to delete."""
        try:
            now = self.session.get_draft(draft["id"], name=draft["name"])
        except GenesysError:
            return False
        return int(now.get("version") or 0) > int(draft.get("version") or 0)

    def _cleanup_draft(
        self, action_id: str, name: str, exc: GenesysError, *, published: bool
    ) -> None:
        left = "the published version is unchanged" if published else "nothing was left behind"
        try:
            self.session.delete_draft(action_id, name=name)
            self._drafts.pop(action_id, None)
            exc.problems.append(Problem(f"the draft was deleted; {left}", severity="warning"))
        except GenesysError as failed:
            if failed.status == 404:
                exc.problems.append(Problem(f"no draft was made; {left}", severity="warning"))
                return
            what = "an unpublished draft of the action" if published else "an unpublished draft"
            exc.problems.append(
                Problem(
                    f"{what} '{name}' (id {action_id}) is left in the org",
                    severity="warning",
                    hint="deploy again to finish it, or delete it in Admin > Integrations > "
                    "Actions",
                )
            )

    def _explain(self, exc: GenesysError, loaded: Loaded | None) -> GenesysError:
        """Attach file positions to server field errors (400s)."""
        if loaded is None:
            return exc
        located = []
        for p in exc.problems:
            if p.file or p.severity != "error":
                located.append(p)
                continue
            pos = locate_field(loaded, p.field)
            hint = p.hint
            if p.field == "integrationId":
                hint = (
                    "that integration is not in this org: remove integration_id from the file "
                    "or pass --integration ID"
                )
            located.append(
                Problem(
                    p.message,
                    field=p.field,
                    file=loaded.file,
                    line=pos[0] if pos else None,
                    column=pos[1] if pos else None,
                    hint=hint,
                    severity=p.severity,
                )
            )
        exc.problems = located
        return exc

    # -- other operations ---------------------------------------------------------------
    def remote(self, name: str) -> dict[str, Any]:
        """The published action called `name`, with config and contract, or a clear error."""
        found = self.find(name)
        if found is None:
            close = sorted(n["name"] for k, n in self._index().items() if _key(name) in k)[:5]
            hint = (
                f"did you mean: {', '.join(close)}"
                if close
                else "see their names in the wizard: dataaction, then ctrl+p, "
                '"Open an action from the org" (reads only)'
            )
            raise GenesysError(  # the org answered: nothing by that name is a failed request
                [Problem(f"no data action named '{name}' in {self.target.label}", hint=hint)],
                EXIT_VALIDATION,
                operation="find",
            )
        return self._full(found)

    def delete(self, name: str, doc: dict[str, Any] | None = None) -> dict[str, Any]:
        """Delete the action `name` (`doc`: its `remote` answer, already read for a confirmation)."""
        doc = doc or self.remote(name)
        self.session.delete_action(doc["id"], name=doc["name"])
        self._index().pop(_key(name), None)
        return doc

    def export(self, name: str | None = None, category: str | None = None) -> list[Action]:
        """Published actions (filtered by exact name and/or category) as wire actions."""
        self.refresh()
        docs = list(self._index().values())
        if name:
            docs = [d for d in docs if _key(d["name"]) == _key(name)]
        if category:
            docs = [d for d in docs if _key(d.get("category") or "") == _key(category)]
        out = []
        for d in sorted(docs, key=lambda d: d["name"]):
            try:
                out.append(action_from_remote(self._full(d)))
            except GenesysError as exc:
                if exc.status is not None:  # the org failed, not the action
                    raise
                self.skipped += exc.problems  # one unreadable action must not block the rest
        return out

    def test(self, name: str, inputs: dict[str, Any], *, flatten: bool = False) -> dict[str, Any]:
        doc = self.remote(name)
        return self.session.test_action(doc["id"], inputs, flatten=flatten, name=doc["name"])


def _draft_fields(body: dict[str, Any]) -> dict[str, Any]:
    """UpdateDraftInput fields of a PostActionInput body."""
    return {k: body[k] for k in ("name", "category", "config", "contract", "secure") if k in body}


def server_problem(error: dict[str, Any], loaded: Loaded | None) -> Problem:
    fields = [d.get("fieldName") for d in error.get("details") or [] if d.get("fieldName")]
    fld = fields[0] if fields else ""
    pos = locate_field(loaded, fld)
    return Problem(
        f"Genesys: {error.get('message') or error.get('code') or 'invalid'}",
        field=fld,
        file=loaded.file if loaded else "",
        line=pos[0] if pos else None,
        column=pos[1] if pos else None,
        hint="fix this in the file and deploy again",
    )


def _say(on_progress: Progress, message: str) -> None:
    if on_progress is not None:
        on_progress(message)


__all__ = ["DeployResult", "Deployer", "PlanItem", "comparable"]
