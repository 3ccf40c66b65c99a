"""Step 5: pick target, integration and category; handle name clashes; deploy with progress,
or save a draft without publishing (tui.app.steps.deploy_draft).

The Genesys SDK is slow to import, so `tui.genesys` is imported inside thread workers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Log, Select, Static

from tui.app.cells import counted
from tui.app.dialogs import ChoiceScreen, Field, FormScreen
from tui.app.steps.deploy_draft import DraftSaved, draft_question, draft_text
from tui.model.action import WEB_SERVICES_TYPE
from tui.model.compile import compile_spec
from tui.model.spec import Spec

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp


def describe_target() -> str:
    """The deploy target for the header, without importing the SDK."""
    from tui.genesys.settings import deploy_destination

    return deploy_destination().line()


def friendly_error(exc: BaseException) -> str:
    """A short explanation of a failed deploy: our located problems, or the SDK's status."""
    problems = getattr(exc, "problems", None)
    if problems:
        return "\n".join(p.render() for p in problems)
    status = getattr(exc, "status", None)
    body = getattr(exc, "body", None)
    reason = getattr(exc, "reason", None)
    if status is not None:
        return f"Genesys answered {status} {reason or ''}: {str(body or '')[:300]}".strip()
    return f"{type(exc).__name__}: {exc}"


class Connected(Message):
    def __init__(self, target: Any, deployer: Any, integrations: list, categories: list) -> None:
        super().__init__()
        self.target, self.deployer = target, deployer
        self.integrations, self.categories = integrations, categories


class Planned(Message):
    def __init__(self, action: Any, items: list, draft_only: bool = False) -> None:
        super().__init__()
        self.action, self.items, self.draft_only = action, items, draft_only


class Progress(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Deployed(Message):
    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class DeployFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


CHANGE_WORDS = {
    "create": "Created",
    "update": "Updated",
    "recreate": "Replaced",
    "unchanged": "Unchanged",
}


class DeployStep(Vertical):
    DEFAULT_CSS = """
    DeployStep #problems { height: auto; max-height: 6; }
    DeployStep #integration { width: 1fr; }
    DeployStep #deploy-log { height: 8; border: round $primary-muted; }
    DeployStep #deploy-result { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "deploy", "Deploy", id="deploy.deploy", priority=True),
        Binding("ctrl+d", "save_draft", "Save draft", id="deploy.save_draft", priority=True),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.deployer: Any = None
        self.result: Any = None
        self.integration_names: dict[str, str] = {}

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        # The header already names the target; the SDK-backed details arrive with Connect.
        target = self.wizard.sub_title.removeprefix("deploy target: ")
        yield Static(f"Target: {target}", id="deploy-target", markup=False)
        with Horizontal(classes="row"):
            yield Label("Integration", classes="field-label")
            yield Select([], prompt="connect to list integrations", id="integration")
            yield Button("Connect", id="connect")
            yield Button("New integration", id="new-integration")
        with Horizontal(classes="row"):
            yield Label("Category", classes="field-label")
            yield Input(self.wizard.spec.category, id="category")
        with Horizontal(classes="row"):
            yield Button("Deploy", variant="primary", id="deploy-button", disabled=True)
            yield Button(
                "Save draft",
                id="save-draft-button",
                disabled=True,
                tooltip="Save and validate a draft in the org without publishing it",
            )
        yield Log(id="deploy-log", auto_scroll=True)
        yield Static("", id="deploy-result", markup=False)

    def show_target(self, text: str) -> None:
        """The target as the environment names it (until Connect gives the details)."""
        if self.deployer is None:
            self.query_one("#deploy-target", Static).update(f"Target: {text}")

    def on_show(self) -> None:
        if self.deployer is None and not self.wizard.workers_running("connect"):
            self.connect()

    # -- connect -----------------------------------------------------------------------

    @on(Button.Pressed, "#connect")
    def connect_pressed(self) -> None:
        self.connect()

    @on(Button.Pressed, "#new-integration")
    def new_integration_pressed(self) -> None:
        """Create an integration with its credential (tui.app.integrations), then pick it."""
        if self.deployer is None:
            self.notify("Not connected yet: press Connect", severity="warning")
            return
        from tui.app.integrations import NewIntegrationScreen

        def created(integration_id: str | None) -> None:
            if integration_id:
                self.wizard.change_spec(lambda s: setattr(s, "integration_id", integration_id))
                self.connect()

        self.app.push_screen(NewIntegrationScreen(self.deployer), created)

    def connect(self) -> None:
        self.query_one("#deploy-log", Log).write_line("Connecting…")
        self.connect_worker()

    @work(thread=True, exclusive=True, group="connect", description="connect")
    def connect_worker(self) -> None:
        try:
            from tui.genesys.deploy import Deployer
            from tui.genesys.target import resolve_target

            target = resolve_target()
            deployer = Deployer(target)
            integrations = deployer.integrations()
            categories = deployer.categories()
        except Exception as exc:  # any SDK/network failure is shown, never raised
            self.post_message(DeployFailed(f"Could not connect: {friendly_error(exc)}"))
            return
        self.post_message(Connected(target, deployer, integrations, categories))

    def on_connected(self, message: Connected) -> None:
        self.deployer = message.deployer
        self.query_one("#deploy-target", Static).update(
            f"Target: {message.target.kind} · {message.target.label} ({message.target.base_url})"
        )
        # Web Services integrations first: that is where REST data actions live.
        listed = sorted(message.integrations, key=lambda i: i[2] != WEB_SERVICES_TYPE)
        self.integration_names = {iid: name for iid, name, _ in listed}
        options = [(f"{name} ({itype})", iid) for iid, name, itype in listed]
        select = self.query_one("#integration", Select)
        select.set_options(options)
        wanted = self.wizard.spec.integration_id
        ids = [iid for iid, _, _ in listed]
        if wanted in ids:
            select.value = wanted
        elif ids:
            select.value = ids[0]
        self.query_one("#category", Input).suggester = SuggestFromList(message.categories)
        self.query_one("#deploy-button", Button).disabled = False
        self.query_one("#save-draft-button", Button).disabled = False
        self.query_one("#deploy-log", Log).write_line(
            f"Connected: {counted(len(ids), 'integration')}, "
            f"{counted(len(message.categories), 'category', 'categories')}."
        )

    # -- deploy ------------------------------------------------------------------------

    @on(Input.Changed, "#category")
    def category_changed(self, event: Input.Changed) -> None:
        category = event.input.value.strip()  # the field as shown now, not the queued value
        if category and category != self.wizard.spec.category:
            self.wizard.change_spec(lambda s: setattr(s, "category", category))

    @on(Button.Pressed, "#deploy-button")
    def deploy_pressed(self) -> None:
        self.start_deploy()

    def action_deploy(self) -> None:
        self.start_deploy()

    @on(Button.Pressed, "#save-draft-button")
    def save_draft_pressed(self) -> None:
        self.start_deploy(draft_only=True)

    def action_save_draft(self) -> None:
        self.start_deploy(draft_only=True)

    def start_deploy(self, draft_only: bool = False) -> None:
        if self.deployer is None:
            self.notify("Not connected yet: press Connect", severity="warning")
            return
        chosen = self.query_one("#integration", Select).value
        integration = chosen if isinstance(chosen, str) else None

        def change(spec: Spec) -> None:
            spec.integration_id = integration

        self.wizard.change_spec(change)
        try:
            action = compile_spec(self.wizard.spec)
        except ValueError as exc:
            self.post_message(DeployFailed(f"The spec does not compile: {exc}"))
            return
        errors = [p for p in self.wizard.problems(action) if p.severity == "error"]
        if errors:
            self.post_message(
                DeployFailed(
                    "Not deployed: fix these first (Review shows them all):\n"
                    + "\n".join(p.render() for p in errors)
                )
            )
            return
        what = "the draft of " if draft_only else ""
        self.query_one("#deploy-log", Log).write_line(f"Planning {what}'{action.name}'…")
        self.plan_worker(action, draft_only)

    @work(thread=True, exclusive=True, group="deploy", description="plan")
    def plan_worker(self, action: Any, draft_only: bool = False) -> None:
        try:
            items = self.deployer.plan([action], draft_only=draft_only)
        except Exception as exc:  # shown to the user
            self.post_message(DeployFailed(f"Could not plan: {friendly_error(exc)}"))
            return
        self.post_message(Planned(action, items, draft_only))

    def on_planned(self, message: Planned) -> None:
        item = message.items[0] if message.items else None
        if message.draft_only:
            self.confirm_draft(message.action, item)
            return
        if item is None or item.change in ("create", "unchanged"):
            self.deploy_worker(message.action, item)
            return
        name = message.action.name
        if item.change == "recreate":
            first = (
                "recreate",
                "Replace it (its contract changed: it gets a new id, re-point flows)",
            )
        else:
            first = ("update", f"Update it (version {item.version} → a new version)")

        def chosen(key: str | None) -> None:
            if key in ("update", "recreate"):
                self.deploy_worker(message.action, item, recreate=key == "recreate")
            elif key == "rename":
                self.rename(name, draft_only=False)
            else:
                self.query_one("#deploy-log", Log).write_line("Deploy cancelled.")

        self.app.push_screen(
            ChoiceScreen(
                f"An action named '{name}' already exists",
                [first, ("rename", "Rename mine and create a new action"), ("cancel", "Cancel")],
                item.diff or "",
            ),
            chosen,
        )

    def confirm_draft(self, action: Any, item: Any) -> None:
        """Save at once, unless a published action of that name is at stake: then ask."""
        origin = self.wizard.org_origin
        question = draft_question(item, origin.action_id if origin is not None else None)
        if question is None:
            self.draft_worker(action, item)
            return

        def chosen(key: str | None) -> None:
            if key == "draft":
                self.draft_worker(action, item)
            elif key == "rename":
                self.rename(action.name, draft_only=True)
            else:
                self.query_one("#deploy-log", Log).write_line("Save draft cancelled.")

        self.app.push_screen(ChoiceScreen(*question), chosen)

    def rename(self, name: str, *, draft_only: bool) -> None:
        def done(values: dict[str, str] | None) -> None:
            if not values or not values["name"].strip():
                return
            self.wizard.change_spec(lambda s: setattr(s, "name", values["name"].strip()))
            self.wizard.reload_request()
            self.start_deploy(draft_only)

        self.app.push_screen(
            FormScreen("New action name", [Field("name", "Name", f"{name} 2")]), done
        )

    @work(thread=True, exclusive=True, group="deploy", description="deploy")
    def deploy_worker(self, action: Any, item: Any = None, recreate: bool = False) -> None:
        def progress(text: str, *args: Any) -> None:
            self.post_message(Progress(str(text)))

        try:
            result = self.deployer.deploy(
                action,
                integration_id=self.wizard.spec.integration_id,
                on_progress=progress,
                recreate=recreate,
                item=item,
            )
        except Exception as exc:  # shown to the user
            self.post_message(DeployFailed(f"Deploy failed: {friendly_error(exc)}"))
            return
        self.post_message(Deployed(result))

    @work(thread=True, exclusive=True, group="deploy", description="save a draft")
    def draft_worker(self, action: Any, item: Any) -> None:
        def progress(text: str, *args: Any) -> None:
            self.post_message(Progress(str(text)))

        try:
            result = self.deployer.save_draft(
                action, self.wizard.spec.integration_id, progress, item=item
            )
        except Exception as exc:  # shown to the user
            self.post_message(DeployFailed(f"Draft not saved: {friendly_error(exc)}"))
            return
        self.post_message(DraftSaved(result))

    def on_draft_saved(self, message: DraftSaved) -> None:
        text, style = draft_text(message.result)
        box = self.query_one("#deploy-result", Static)
        box.update(text)
        box.set_classes(style)

    def on_progress(self, message: Progress) -> None:
        self.query_one("#deploy-log", Log).write_line(message.text)

    def on_deployed(self, message: Deployed) -> None:
        r = message.result
        self.result = r
        box = self.query_one("#deploy-result", Static)
        box.update(
            f"✔ {CHANGE_WORDS.get(r.change, r.change)}: '{r.name}' version {r.version}\n"
            f"  action id {r.action_id}\n"
            f"  In Architect: Call Data Action → "
            f"'{self.integration_names.get(r.integration_id, r.integration_id)}' → "
            f"category '{r.category}' → '{r.name}'."
        )
        box.set_classes("ok")

    def on_deploy_failed(self, message: DeployFailed) -> None:
        self.query_one("#deploy-log", Log).write_line(message.text.splitlines()[0][:200])
        box = self.query_one("#deploy-result", Static)
        box.update(f"✘ {message.text}")
        box.set_classes("error")
