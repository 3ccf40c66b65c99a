"""Step 1: method, URL (with ${input.x} inputs), headers, auth as credential references, body."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from tui.app.cells import cells, move_to_row, row_key_at_cursor
from tui.app.url_input import CURL_START, UrlInput
from tui.model.secret_names import is_secret_header

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widgets import Button, DataTable, Select, TextArea

    from tui.app.wizard import WizardApp
    from tui.model.spec import Spec

# The first frame holds only the URL row, with stand-ins for the method picker and the Fetch
# button: Select, Button, DataTable, TextArea and the dialogs are imported and mounted right after
# the first paint (their import, styles and compose cost ~40 ms of start-up). Events of those
# widgets are handled by name (`on_select_changed`, ...) so this module need not import them.

# The wire model's METHODS, repeated so the first screen needs no model (a test keeps them equal).
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

BODY_METHODS = ("POST", "PUT", "PATCH")
AUTH_KINDS = (
    ("none", "No authentication"),
    ("basic", "Basic (integration's user name/password credential)"),
    ("bearer", "Bearer token (credential field 'token')"),
    ("apikey", "API key header (credential field 'apiKey')"),
)
AUTH_HEADERS = {
    "bearer": ("Authorization", "Bearer ${credentials.token}"),
    "apikey": ("X-API-Key", "${credentials.apiKey}"),
}
INPUT_TYPES = ("string", "integer", "number", "boolean")


def literal_secret(name: str, value: str) -> bool:
    """A credential typed into a header (would be saved and deployed in clear text)."""
    return is_secret_header(name) and "${" not in value and value.strip() != ""


def auth_kind_of(spec: Spec | None) -> str:
    if spec is None:
        return "none"
    for value in spec.request.headers.values():
        if "${credentials.token}" in value:
            return "bearer"
        if "${credentials.apiKey}" in value:
            return "apikey"
    return "none"


def sync_inputs(spec: Spec) -> None:
    """Add inputs for new ${input.x} references; drop untouched ones no longer referenced.

    Dropping matters while typing: `${input.ci` then `${input.city` must not leave `ci` behind.
    """
    used = set(spec.input_names_in_templates())
    spec.inputs = [i for i in spec.inputs if i.name in used or i.sample is not None]
    spec.sync_inputs_with_templates()


def coerce_sample(text: str, kind: str) -> Any:
    """A sample value typed as text, as the input's JSON type ('' means no sample); raises
    ValueTextError (with what is expected) for text that is not of that type."""
    from tui.model.values import typed_value

    return None if text.strip() == "" else typed_value(text, kind)


class RequestStep(VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_header", "Add header", id="request.add_header"),
        Binding("delete", "remove_row", "Remove row", id="request.remove_row"),
    ]

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Table keys show (and work) only with their table focused."""
        focused_id = self.app.focused.id if self.app.focused is not None else None
        if action == "add_header":
            return focused_id == "headers"
        if action == "remove_row":
            return focused_id in ("headers", "inputs")
        return True

    def compose(self) -> ComposeResult:
        # Before the first edit there may be no Spec yet (the model loads after the first paint).
        spec = self.wizard.loaded_spec
        with Horizontal(classes="row", id="url-row"):
            yield Static(self.method_of(spec), id="method-stub")
            yield UrlInput(
                spec.request.url if spec else "",
                placeholder="https://api.example.com/users/$esc.url(${input.userId})",
                id="url",
            )
            yield Static("Fetch", id="fetch-stub")
        yield Static("", id="url-hint", markup=False, classes="hint")

    @staticmethod
    def method_of(spec: Spec | None) -> str:
        return spec.request.method if spec else "GET"

    async def mount_controls(self) -> None:
        """The method picker, Fetch button and name field, in place of their stand-ins."""
        from textual.widgets import Button, Label, Select

        await self.query_one("#method-stub").remove()
        await self.query_one("#fetch-stub").remove()
        # Read after the awaits: a draft resumed meanwhile (Enter on the offer under load) is
        # what the new fields show; a spec read before them put the default name back.
        spec = self.wizard.loaded_spec
        row = self.query_one("#url-row")
        method = Select(
            [(m, m) for m in METHODS], value=self.method_of(spec), allow_blank=False, id="method"
        )
        await row.mount(method, before="#url")
        await row.mount(Button("Fetch", variant="primary", id="fetch"))
        spec = self.wizard.loaded_spec
        name = spec.name if spec else self.wizard.default_name
        await self.mount(
            Horizontal(
                Label("Action name", classes="field-label"),
                Input(name, id="action-name"),
                classes="row",
            ),
            after="#url-hint",
        )

    def settings_row(self) -> Widget:
        """timeoutSeconds and secure, as the Genesys action editor's Setup tab sets them."""
        from textual.widgets import Checkbox, Label

        spec = self.wizard.loaded_spec
        timeout = str(spec.timeout) if spec and spec.timeout else ""
        return Horizontal(
            Label("Timeout (s)", classes="field-label"),
            Input(
                timeout,
                placeholder="1-60, empty: 60",
                restrict=r"[0-9]*",
                max_length=2,
                id="timeout",
            ),
            Checkbox(
                "Secure (the action takes sensitive data)",
                bool(spec and spec.secure),
                id="secure",
            ),
            classes="row",
        )

    def details(self) -> list[Widget]:
        """Everything below the name: mounted right after the first paint (see `on_mount`)."""
        from textual.containers import Vertical
        from textual.widgets import DataTable, Label, Select, TextArea

        from tui.app.guide import BODY_HELP

        spec = self.wizard.loaded_spec
        return [
            self.settings_row(),
            Label(
                "Inputs (from ${input.x} in URL, headers and body; Enter edits)", classes="section"
            ),
            DataTable(id="inputs", cursor_type="row", zebra_stripes=True),
            Label("Headers (a adds, Enter edits, Delete removes)", classes="section"),
            DataTable(id="headers", cursor_type="row", zebra_stripes=True),
            Label("Authentication", classes="section"),
            Horizontal(
                Select(
                    [(label, key) for key, label in AUTH_KINDS],
                    value=auth_kind_of(spec),
                    allow_blank=False,
                    id="auth-kind",
                ),
                Input(
                    placeholder="secret for the fetch only (never saved)",
                    password=True,
                    id="auth-secret",
                ),
                classes="row",
            ),
            Vertical(
                Label("Body template (Velocity)", classes="section"),
                TextArea((spec and spec.request.body) or "", id="body", soft_wrap=True),
                Static(BODY_HELP, classes="hint"),
                id="body-box",
            ),
        ]

    def on_mount(self) -> None:
        self.escaped_once: set[str] = set()
        # The URL row paints first; the tables, auth and body editor follow a frame later,
        # which keeps process start to first screen close to a bare Textual app's.
        self.details_ready = False
        self.call_after_refresh(self.mount_details)

    async def mount_details(self) -> None:
        await self.mount_controls()
        widgets = self.details()
        await self.mount_all(widgets)
        if not all(w.is_attached for w in widgets):
            return  # the app quit before they were mounted
        self.table("#inputs").add_columns("name", "type", "sample", "required")
        self.table("#headers").add_columns("header", "value")
        self.details_ready = True
        if self.wizard.loaded_spec is not None:
            self.reload()  # the spec may have been replaced (resumed, opened) while mounting
        else:
            self.refresh_tables()
        self.query_one("#body-box").display = self.method_value() in BODY_METHODS

    def method_value(self) -> str:
        return str(self.select("#method").value)

    # Widget classes load after the first paint (see on_mount), so lookups cast by name.
    def table(self, selector: str) -> DataTable[Any]:
        return cast("DataTable[Any]", self.query_one(selector))

    def select(self, selector: str) -> Select[str]:
        return cast("Select[str]", self.query_one(selector))

    # -- tables ------------------------------------------------------------------------

    def refresh_tables(
        self, select_input: str | None = None, select_header: str | None = None
    ) -> None:
        spec = self.wizard.loaded_spec
        names = ", ".join(i.name for i in spec.inputs) if spec else ""
        self.query_one("#url-hint", Static).update(
            f"Inputs found: {names}. Set their sample values below, then Fetch (ctrl+f)."
            if names
            else "Tip: put ${input.name} where a flow value goes; ctrl+f fetches. No API at hand? "
            "ctrl+l picks a sample response served by the local sandbox."
        )
        if spec is None or not self.details_ready:
            return
        inputs = self.table("#inputs")
        headers = self.table("#headers")
        # The cursor stays on the row it was on (or on the row just edited or added).
        input_row = select_input or row_key_at_cursor(inputs)
        header_row = select_header or row_key_at_cursor(headers)
        inputs.clear()
        headers.clear()
        used = set(spec.input_names_in_templates())
        for i in spec.inputs:
            sample = "" if i.sample is None else str(i.sample)
            name = i.name if i.name in used else f"{i.name} (unused: Delete removes)"
            inputs.add_row(*cells(name, i.type, sample, "yes" if i.required else "no"), key=i.name)
        for k, v in spec.request.headers.items():
            headers.add_row(*cells(k, v), key=k)
        move_to_row(inputs, input_row)
        move_to_row(headers, header_row)

    def reload(self) -> None:
        """Show a spec that was replaced (opened, resumed or loaded from a sample)."""
        from textual.widgets import Checkbox, Select, TextArea

        spec = self.wizard.spec
        # Each field that exists now shows the new spec (the controls mount before the details;
        # a field mounted later is built from this spec).
        with self.prevent(Input.Changed, Select.Changed, TextArea.Changed, Checkbox.Changed):
            self.query_one("#url", Input).value = spec.request.url
            for name in self.query("#action-name").results(Input):
                name.value = spec.name
            for body in self.query("#body").results(TextArea):
                body.text = spec.request.body or ""
            if self.details_ready:  # a picker still composing has no parts to show a value
                self.query_one("#method", Select).value = spec.request.method
                self.query_one("#auth-kind", Select).value = auth_kind_of(spec)
            for timeout in self.query("#timeout").results(Input):
                timeout.value = str(spec.timeout) if spec.timeout else ""
            for secure in self.query("#secure").results(Checkbox):
                secure.value = spec.secure
        if self.details_ready:
            self.query_one("#body-box").display = spec.request.method in BODY_METHODS
        self.refresh_tables()

    def edit_spec(self, change: Any, **select: str) -> None:
        self.wizard.change_spec(change)
        self.refresh_tables(**select)

    # -- field events ------------------------------------------------------------------

    def unchanged(self, **values: Any) -> bool:
        """True for the echo of a field's initial value before any spec exists (mount events)."""
        if self.wizard.loaded_spec is not None:
            return False
        defaults = {"url": "", "name": self.wizard.default_name, "method": "GET", "body": ""}
        return all(defaults[k] == v for k, v in values.items())

    # Under load a Changed message may be handled long after its field changed again (or after
    # the spec was replaced by a resumed draft): handlers apply what the field shows NOW, never
    # the value the message carries, and `flush` applies it ahead of the queue.

    @on(Input.Changed, "#url")
    def url_changed(self) -> None:
        self.apply_url()

    def apply_url(self) -> None:
        url = self.query_one("#url", Input).value.strip()
        spec = self.wizard.loaded_spec
        if (spec is None and url == "") or (spec is not None and spec.request.url == url):
            return

        def change(spec: Spec) -> None:
            spec.request.url = url
            sync_inputs(spec)

        self.edit_spec(change)

    @on(Input.Submitted, "#url")
    async def url_submitted(self) -> None:
        text = self.query_one("#url", Input).value
        if CURL_START.match(text):  # a curl command typed (or pasted as keystrokes) + Enter
            from tui.app.importing import apply_curl

            apply_curl(self.wizard, text)
            return
        await self.wizard.action_fetch()

    def on_url_input_curl_pasted(self, message: UrlInput.CurlPasted) -> None:
        from tui.app.importing import apply_curl

        apply_curl(self.wizard, message.text)

    @on(Input.Changed, "#action-name")
    def name_changed(self) -> None:
        self.apply_name()

    def apply_name(self) -> None:
        found = self.query("#action-name").results(Input)
        box = next(iter(found), None)
        if box is None:
            return
        name = box.value.strip()
        spec = self.wizard.loaded_spec
        if not name or (spec is None and name == self.wizard.default_name):
            return  # empty, or the echo of the field being mounted before any spec exists
        if spec is None or spec.name != name:
            self.wizard.change_spec(lambda s: setattr(s, "name", name))

    def flush(self) -> None:
        """Apply the URL and name fields as shown, before acting on the spec (fetch, step, quit).

        A key binding runs at once, while the fields' Changed messages may still be queued.
        """
        self.apply_url()
        self.apply_name()
        self.escape_url()

    def escape_url(self) -> None:
        """Wrap each bare `${input.x}` of the URL's path and query in `$esc.url(...)`, once.

        A `/`, `?`, `#` or space in the value would otherwise change the request (Genesys's
        Request configuration page asks for it). Unwrapping one by hand afterwards sticks.
        """
        from tui.model.urls import escape_url_inputs

        spec = self.wizard.loaded_spec
        if spec is None:
            return
        keep = {i.name for i in spec.inputs if i.type != "string"} | self.escaped_once
        url, wrapped = escape_url_inputs(spec.request.url, keep)
        if not wrapped:
            return
        self.escaped_once.update(wrapped)
        with self.prevent(Input.Changed):
            self.query_one("#url", Input).value = url
        self.edit_spec(lambda s: setattr(s.request, "url", url))
        refs = ", ".join(f"${{input.{n}}}" for n in wrapped)
        self.notify(
            f"Escaped {refs} in the URL as $esc.url(...): a / ? # or space in the value stays "
            "inside it.",
            timeout=6,
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "method":
            self.method_changed(event)
        elif event.select.id == "auth-kind":
            self.auth_changed(event)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "body":
            self.body_changed(event)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "fetch":
            await self.wizard.action_fetch()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "inputs":
            self.edit_input(event)
        elif event.data_table.id == "headers":
            self.edit_header(event)

    def method_changed(self, event: Select.Changed) -> None:
        method = str(event.value)
        if self.details_ready:
            self.query_one("#body-box").display = method in BODY_METHODS
        if self.unchanged(method=method) or method == self.method_of(self.wizard.loaded_spec):
            return  # the echo of the picker being mounted or reloaded

        def change(spec: Spec) -> None:
            spec.request.method = method
            if method in BODY_METHODS and spec.request.body is None:
                spec.request.body = "${input.rawRequest}"

        self.edit_spec(change)
        if method in BODY_METHODS and self.details_ready:
            cast("TextArea", self.query_one("#body")).text = self.wizard.spec.request.body or ""

    def body_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if self.unchanged(body=text):
            return

        def change(spec: Spec) -> None:
            spec.request.body = text if text.strip() else None
            sync_inputs(spec)

        self.edit_spec(change)

    def auth_changed(self, event: Select.Changed) -> None:
        kind = str(event.value)
        if kind == auth_kind_of(self.wizard.loaded_spec) and self.wizard.loaded_spec is None:
            return

        def change(spec: Spec) -> None:
            headers = {k: v for k, v in spec.request.headers.items() if "${credentials." not in v}
            if kind in AUTH_HEADERS:
                name, value = AUTH_HEADERS[kind]
                headers[name] = value
            spec.request.headers = headers

        self.edit_spec(change)
        secret = self.query_one("#auth-secret", Input)
        secret.placeholder = (
            "user:password for the fetch only (never saved)"
            if kind == "basic"
            else "secret for the fetch only (never saved)"
        )

    @on(Input.Changed, "#timeout")
    def timeout_changed(self, event: Input.Changed) -> None:
        text = event.input.value.strip()
        seconds = int(text) if text else None
        if seconds is not None and not 1 <= seconds <= 60:
            self.notify("The timeout is 1 to 60 seconds (Genesys's limit)", severity="warning")
            return
        if self.wizard.loaded_spec is None and seconds is None:
            return
        if self.wizard.spec.timeout != seconds:
            self.wizard.change_spec(lambda s: setattr(s, "timeout", seconds))

    def on_checkbox_changed(self, event: Any) -> None:
        if event.checkbox.id == "secure" and self.wizard.spec.secure != event.checkbox.value:
            value = bool(event.checkbox.value)
            self.wizard.change_spec(lambda s: setattr(s, "secure", value))

    @on(Input.Changed, "#auth-secret")
    def secret_changed(self, event: Input.Changed) -> None:
        kind = str(self.select("#auth-kind").value)
        secrets = self.wizard.secrets
        secrets.clear()
        if kind == "basic":
            user, _, password = event.input.value.partition(":")
            secrets.update(userName=user, password=password)
        elif kind == "bearer":
            secrets["token"] = event.input.value
        elif kind == "apikey":
            secrets["apiKey"] = event.input.value

    # -- rows --------------------------------------------------------------------------

    def edit_input(self, event: DataTable.RowSelected) -> None:
        from tui.app.dialogs import Field, FormScreen
        from tui.model.spec import InputSpec

        name = str(event.row_key.value)
        current = next(i for i in self.wizard.spec.inputs if i.name == name)
        fields = [  # the sample first: it is what a fetch needs and what is edited most
            Field(
                "sample",
                "Sample value (used to fetch and test)",
                "" if current.sample is None else str(current.sample),
            ),
            Field("type", "Type", current.type, INPUT_TYPES),
            Field("required", "Required", "yes" if current.required else "no", ("yes", "no")),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            from tui.model.values import ValueTextError

            try:
                sample = coerce_sample(values["sample"], values["type"])
            except ValueTextError as exc:  # say so and reopen with what was typed
                self.app.notify(f"Input '{name}' {exc}", severity="error")
                again = [Field(f.key, f.label, values[f.key], f.options) for f in fields]
                self.app.push_screen(FormScreen(f"Input '{name}'", again), done)
                return

            def change(spec: Spec) -> None:
                spec.inputs = [
                    InputSpec.model_validate(
                        {
                            "name": i.name,
                            "type": values["type"],
                            "sample": sample,
                            "required": values["required"] == "yes",
                            "description": i.description,
                        }
                    )
                    if i.name == name
                    else i
                    for i in spec.inputs
                ]

            self.edit_spec(change, select_input=name)

        self.app.push_screen(FormScreen(f"Input '{name}'", fields), done)

    def edit_header(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        self.header_form(key, self.wizard.spec.request.headers.get(key, ""))

    def action_add_header(self) -> None:
        self.header_form("", "")

    def header_form(self, key: str, value: str) -> None:
        from tui.app.dialogs import Field, FormScreen

        fields = [
            Field("name", "Header name", key),
            Field("value", "Value (Velocity template)", value),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None or not values["name"].strip():
                return
            name = values["name"].strip()
            if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
                self.notify(f"'{name}' is not a valid header name", severity="error")
                return
            if literal_secret(name, values["value"]):
                self.notify(
                    f"'{name}' looks like a secret: it would be saved and deployed in clear "
                    "text. Use the Authentication choice, or ${credentials.<field>} with the "
                    "value stored in the integration's credentials.",
                    severity="error",
                    timeout=10,
                )
                return

            def change(spec: Spec) -> None:
                headers = {k: v for k, v in spec.request.headers.items() if k != key}
                headers[name] = values["value"]
                spec.request.headers = headers
                sync_inputs(spec)

            self.edit_spec(change, select_header=name)

        self.app.push_screen(
            FormScreen("Header", fields, "Secrets go in credentials: ${credentials.name}"), done
        )

    def action_remove_row(self) -> None:
        from textual.widgets import DataTable

        focused = self.app.focused
        if not isinstance(focused, DataTable) or focused.row_count == 0:
            return
        key = str(focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value)
        if focused.id == "headers":

            def drop_header(spec: Spec) -> None:
                spec.request.headers = {k: v for k, v in spec.request.headers.items() if k != key}

            self.edit_spec(drop_header)
        elif focused.id == "inputs":
            if key in self.wizard.spec.input_names_in_templates():
                self.notify(f"'{key}' is still used in the request; remove ${{input.{key}}} first")
                return
            self.edit_spec(
                lambda spec: setattr(spec, "inputs", [i for i in spec.inputs if i.name != key])
            )
