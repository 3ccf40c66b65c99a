"""Create the integration an action lives in, with its credential, from the Deploy step.

Basic Auth, User Defined and User Defined (OAuth) (which gets a custom auth action). The secret
values typed here go to the API once (from memory, as the CLI's environment values do) and are
never saved, logged or shown again. The palette can also make the current action the OAuth
integration's custom auth action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tui.app.dialogs import dialog_css

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp

KINDS = (
    ("Basic Auth (user name and password)", "basicAuth"),
    ("User Defined (your fields, ${credentials.x})", "userDefined"),
    ("User Defined (OAuth) (a custom auth action gets a token)", "userDefinedOAuth"),
)
# (field name, secret?) asked for each credential type; User Defined asks for its field's name.
FIELDS = {
    "basicAuth": (("userName", False), ("password", True)),
    "userDefined": (("apiKey", True),),
    "userDefinedOAuth": (("clientId", False), ("clientSecret", True), ("loginUrl", False)),
}


class NewIntegrationScreen(ModalScreen[str | None]):
    """Returns the new integration's id (None when cancelled)."""

    DEFAULT_CSS = dialog_css("NewIntegrationScreen")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, deployer: Any) -> None:
        super().__init__()
        self.deployer = deployer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New Web Services Data Actions integration", classes="dialog-title")
            yield Label("Name")
            yield Input(id="int-name")
            yield Label("Credential type")
            yield Select(
                [(label, key) for label, key in KINDS],
                value="basicAuth",
                allow_blank=False,
                id="int-kind",
            )
            yield Vertical(id="int-fields")
            yield Static(
                "Secrets are sent to Genesys once and never saved.", id="int-status", markup=False
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", variant="primary", id="int-create")
                yield Button("Cancel", id="int-cancel")

    async def on_mount(self) -> None:
        await self.show_fields("basicAuth")
        self.query_one("#int-name", Input).focus()

    async def show_fields(self, kind: str) -> None:
        box = self.query_one("#int-fields", Vertical)
        await box.remove_children()
        widgets: list[Any] = []
        if kind == "userDefined":
            widgets += [
                Label("Field name (templates read ${credentials.<name>})"),
                Input("apiKey", id="int-field-name"),
            ]
        for name, secret in FIELDS[kind]:
            label = "Value" if kind == "userDefined" else name
            widgets += [Label(label), Input(password=secret, id=f"int-{name}")]
        await box.mount(*widgets)

    @on(Select.Changed, "#int-kind")
    async def kind_changed(self, event: Select.Changed) -> None:
        await self.show_fields(str(event.value))

    @on(Button.Pressed, "#int-create")
    def create_pressed(self) -> None:
        name = self.query_one("#int-name", Input).value.strip()
        kind = str(self.query_one("#int-kind", Select).value)
        if not name:
            self.query_one("#int-status", Static).update("✘ Give the integration a name.")
            return
        values: dict[str, str] = {}
        for field, _ in FIELDS[kind]:
            values[field] = self.query_one(f"#int-{field}", Input).value
        if kind == "userDefined":
            field_name = self.query_one("#int-field-name", Input).value.strip() or "apiKey"
            values = {field_name: values["apiKey"]}
        missing = [f for f, v in values.items() if not v]
        if missing:
            self.query_one("#int-status", Static).update(f"✘ Fill in {', '.join(missing)}.")
            return
        self.query_one("#int-status", Static).update("Creating…")
        self.create_worker(name, kind, values)

    @work(thread=True, exclusive=True, description="create an integration")
    def create_worker(self, name: str, kind: str, values: dict[str, str]) -> None:
        from tui.genesys.integrations import create_integration

        # The values travel as an in-memory environment: nothing is written anywhere.
        env = {f"FIELD_{i}": v for i, v in enumerate(values.values())}
        field_vars = tuple((f, f"FIELD_{i}") for i, f in enumerate(values))
        try:
            info = create_integration(
                self.deployer.session, name, kind, field_vars=field_vars, env=env
            )
        except Exception as exc:  # explained in the dialog
            from tui.app.steps.deploy import friendly_error

            self.app.call_from_thread(self.failed, friendly_error(exc))
            return
        self.app.call_from_thread(self.created, info)

    def failed(self, text: str) -> None:
        self.query_one("#int-status", Static).update(f"✘ {text}")

    def created(self, info: Any) -> None:
        extra = (
            f" Its custom auth action: {info.auth_action_id} (palette: Use this action as the "
            "custom auth action)."
            if info.auth_action_id
            else ""
        )
        self.app.notify(
            f"Created integration '{info.name}' ({info.credential_type}).{extra}", timeout=8
        )
        self.dismiss(info.id)

    @on(Button.Pressed, "#int-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def use_as_auth_action(app: WizardApp) -> None:
    """Make the current action the custom auth action of the integration chosen in Deploy."""
    app.run_worker(_use_as_auth_action(app), exclusive=True, group="deploy")


async def _use_as_auth_action(app: WizardApp) -> None:
    import asyncio

    from tui.model.compile import compile_spec

    step = await app.ensure_step("deploy")
    deployer = step.deployer
    integration = step.query_one("#integration", Select).value
    if deployer is None or not isinstance(integration, str):
        app.notify("Connect in Deploy and choose the OAuth integration first", severity="warning")
        await app.action_step("deploy")
        return
    from tui.genesys.integrations import configure_auth_action

    try:
        doc = await asyncio.to_thread(
            configure_auth_action, deployer.session, integration, compile_spec(app.spec)
        )
    except Exception as exc:  # explained
        from tui.app.steps.deploy import friendly_error

        app.notify(f"Not applied: {friendly_error(exc)}", severity="error", timeout=10)
        return
    app.notify(f"The integration's custom auth action is now version {doc.get('version')}")
