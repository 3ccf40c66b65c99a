"""Open an action that already lives in the org (or the sandbox), change it, deploy a new version.

The list shows every published action and draft (name, category, integration, published
version, draft present) with a search box; opening one loads its contracts, translation map and
templates into the steps. Deploy then plans against the org: a diff before a new version, and
the reason when a contract cannot change in place (Genesys keeps published contracts fixed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from tui.app.dialogs import dialog_css

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp


@dataclass
class OrgAction:
    id: str
    name: str
    category: str
    integration: str
    version: int | None
    has_draft: bool
    doc: dict[str, Any]

    def row(self) -> tuple[str, str, str, str, str]:
        version = str(self.version) if self.version is not None else "—"
        return (
            self.name,
            self.category,
            self.integration,
            version,
            "yes" if self.has_draft else "",
        )

    def matches(self, text: str) -> bool:
        hay = f"{self.name} {self.category} {self.integration}".lower()
        return all(w in hay for w in text.lower().split())


@dataclass
class OrgOrigin:
    """Where the open action came from: deploys and org tests go back there."""

    name: str
    action_id: str
    version: int | None
    target_label: str
    deployer: Any


def read_org_actions(deployer: Any) -> list[OrgAction]:
    """Published actions and drafts (drafts of unpublished actions too), sorted by name."""
    session = deployer.session
    names = {iid: name for iid, name, _ in deployer.integrations()}
    drafts = {d["id"]: d for d in session.list_actions(drafts=True)}
    out = []
    for doc in session.list_actions():
        out.append(
            OrgAction(
                doc["id"],
                doc.get("name", ""),
                doc.get("category", ""),
                names.get(doc.get("integrationId", ""), doc.get("integrationId", "")),
                doc.get("version"),
                doc["id"] in drafts,
                doc,
            )
        )
    published = {a.id for a in out}
    for did, doc in drafts.items():
        if did not in published:
            out.append(
                OrgAction(
                    did,
                    doc.get("name", ""),
                    doc.get("category", ""),
                    names.get(doc.get("integrationId", ""), doc.get("integrationId", "")),
                    None,
                    True,
                    doc,
                )
            )
    return sorted(out, key=lambda a: a.name.lower())


class OrgActionsScreen(ModalScreen[None]):
    DEFAULT_CSS = dialog_css("OrgActionsScreen") + "OrgActionsScreen #org-table { height: 14; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[OrgAction] = []
        self.shown: list[OrgAction] = []
        self.deployer: Any = None
        self.target_label = ""

    @property
    def wizard(self) -> WizardApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Open an action from the org", classes="dialog-title")
            yield Static("Connecting…", id="org-status", markup=False)
            yield Input(placeholder="search name, category or integration", id="org-search")
            yield DataTable(id="org-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open", variant="primary", id="org-open")
                yield Button("Cancel", id="org-cancel")

    def on_mount(self) -> None:
        table = self.query_one("#org-table", DataTable)
        table.add_columns("name", "category", "integration", "published", "draft")
        self.query_one("#org-search", Input).focus()
        self.load_worker()

    @work(thread=True, exclusive=True, description="list the org's actions")
    def load_worker(self) -> None:
        try:
            from tui.genesys.deploy import Deployer
            from tui.genesys.target import resolve_target

            target = resolve_target()
            deployer = Deployer(target)
            actions = read_org_actions(deployer)
        except Exception as exc:  # every SDK/network failure is explained, never raised
            from tui.app.steps.deploy import friendly_error

            self.app.call_from_thread(
                self.status, f"✘ Could not list actions: {friendly_error(exc)}"
            )
            return
        self.app.call_from_thread(self.loaded, deployer, target.label, actions)

    def status(self, text: str) -> None:
        self.query_one("#org-status", Static).update(text)

    def loaded(self, deployer: Any, label: str, actions: list[OrgAction]) -> None:
        self.deployer, self.target_label, self.actions = deployer, label, actions
        drafts = sum(a.has_draft for a in actions)
        self.status(f"{label}: {len(actions)} actions ({drafts} with a draft)")
        self.show(self.query_one("#org-search", Input).value)

    def show(self, text: str) -> None:
        table = self.query_one("#org-table", DataTable)
        table.clear()
        self.shown = [a for a in self.actions if a.matches(text)]
        for a in self.shown:
            table.add_row(*a.row(), key=a.id)

    @on(Input.Changed, "#org-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#org-search")
    def search_submitted(self) -> None:
        self.query_one("#org-table", DataTable).focus()

    @on(DataTable.RowSelected, "#org-table")
    @on(Button.Pressed, "#org-open")
    def open_pressed(self) -> None:
        table = self.query_one("#org-table", DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            self.status("Nothing to open: wait for the list, or change the search.")
            return
        self.open_action(self.shown[table.cursor_row])

    def open_action(self, chosen: OrgAction) -> None:
        from tui.genesys.compare import action_from_remote, has_contract
        from tui.model.compile import decompile

        doc = chosen.doc
        if not has_contract(doc) and chosen.version is not None:
            doc = self.deployer.session.get_action(chosen.id, name=chosen.name)
        spec = decompile(action_from_remote(doc))
        spec.integration_id = doc.get("integrationId")
        spec.wire = {k: v for k, v in spec.wire.items() if k not in ("id", "version")}
        self.wizard.replace_spec(spec)
        self.wizard.org_origin = OrgOrigin(
            chosen.name, chosen.id, chosen.version, self.target_label, self.deployer
        )
        where = (
            f"version {chosen.version}" if chosen.version is not None else "an unpublished draft"
        )
        self.wizard.notify(
            f"Opened '{chosen.name}' ({where}) from {self.target_label}. Deploy shows the diff "
            "and publishes a new version.",
            timeout=8,
        )
        self.dismiss(None)

    @on(Button.Pressed, "#org-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def test_in_org(app: WizardApp) -> None:
    """Run the org's own test endpoint on the published version of the open action."""
    origin = app.org_origin
    if origin is None or origin.version is None:
        app.notify(
            "Open a published action from the org first (palette: Open an action from the org)",
            severity="warning",
        )
        return
    app.run_worker(_test_in_org(app, origin), exclusive=True, group="test")


async def _test_in_org(app: WizardApp, origin: OrgOrigin) -> None:
    import asyncio

    from tui.runtime.results import TestExecutionResult

    await app.action_step("test")
    step = await app.ensure_step("test")
    step.show_running()
    inputs = app.spec.sample_inputs()
    try:
        raw = await asyncio.to_thread(origin.deployer.test, origin.name, inputs, flatten=True)
    except Exception as exc:  # explained in the step
        from tui.app.steps.deploy import friendly_error

        step.show_problem(f"The org's test failed to run: {friendly_error(exc)}")
        return
    step.show_result(TestExecutionResult.model_validate(raw))
    app.notify(f"Ran the org's test of '{origin.name}' (published version {origin.version})")
