"""Start the wizard from what people have: a curl command, an OpenAPI operation; and give back
a curl command or a CI test case. Screens and flows only: parsing lives in the model/runtime.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.app.dialogs import dialog_css

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp
    from tui.model.openapi import OpenApiDoc, Operation
    from tui.model.spec import Spec


# -- curl in -----------------------------------------------------------------------------------


def apply_curl(app: WizardApp, text: str) -> bool:
    """Make the request the curl command makes; secrets stay in this session (for fetches)."""
    from tui.app.steps.request import sync_inputs
    from tui.model.curl_import import parse_curl
    from tui.model.problems import DataActionError

    try:
        imp = parse_curl(text)
    except DataActionError as exc:
        app.notify(f"Not imported: {exc.problems[0].message}", severity="error", timeout=8)
        return False

    def change(spec: Spec) -> None:
        have = {i.name for i in spec.inputs}
        spec.request = imp.request.model_copy(deep=True)
        spec.inputs = [*spec.inputs, *(i for i in imp.inputs if i.name not in have)]
        sync_inputs(spec)

    if not app.change_spec(change):
        return False
    app.keep_response(None)
    app.reload_request()
    app.secrets.clear()
    app.secrets.update(imp.secrets)
    show_auth(app, imp.auth, imp.secrets)
    moved = (
        f"; secrets kept for this session only: {', '.join(sorted(imp.secrets))}"
        if imp.secrets
        else ""
    )
    app.notify(
        f"Imported curl: {imp.request.method} {imp.request.url}{moved}",
        title="curl",
        timeout=8,
    )
    for note in imp.notes:
        if "ignored" in note or "dropped" in note:
            app.notify(note, severity="warning", timeout=8)
    return True


def show_auth(app: WizardApp, kind: str, secrets: dict[str, str]) -> None:
    """Show the imported auth choice (the secret masked) without re-editing the spec."""
    from textual.widgets import Select

    value = {
        "basic": f"{secrets.get('userName', '')}:{secrets.get('password', '')}",
        "bearer": secrets.get("token", ""),
        "apikey": secrets.get("apiKey", ""),
    }
    if kind not in value:
        return
    for select in app.query("#auth-kind").results(Select):
        with select.prevent(Select.Changed):
            select.value = kind
    for box in app.query("#auth-secret").results(Input):
        with box.prevent(Input.Changed):
            box.value = value[kind]


class CurlScreen(ModalScreen[str | None]):
    """Paste a curl command (several lines are fine); Import applies it."""

    DEFAULT_CSS = dialog_css("CurlScreen") + "CurlScreen #curl-text { height: 10; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import a curl command", classes="dialog-title")
            yield Static(
                "Paste the command from the API's docs. Method, URL, headers, body and auth fill "
                "the request; tokens and passwords become credential references and are never "
                "saved.",
                markup=False,
            )
            yield TextArea("", id="curl-text", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", variant="primary", id="curl-import")
                yield Button("Cancel", id="curl-cancel")

    def on_mount(self) -> None:
        self.query_one("#curl-text", TextArea).focus()

    @on(Button.Pressed, "#curl-import")
    def do_import(self) -> None:
        self.dismiss(self.query_one("#curl-text", TextArea).text)

    @on(Button.Pressed, "#curl-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


# -- curl out ----------------------------------------------------------------------------------


class TextScreen(ModalScreen[None]):
    """Read-only text to select and copy (it is also put on the clipboard)."""

    DEFAULT_CSS = dialog_css("TextScreen") + "TextScreen #shown-text { height: 14; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, text: str, note: str = "") -> None:
        super().__init__()
        self.title_text, self.text, self.note = title, text, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, markup=False)
            yield TextArea(self.text, id="shown-text", read_only=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", variant="primary", id="text-close")

    @on(Button.Pressed, "#text-close")
    def action_close(self) -> None:
        self.dismiss(None)


def curl_text(app: WizardApp) -> str:
    from textual.widgets import Select

    from tui.app.steps.request import auth_kind_of
    from tui.model.compile import compile_spec
    from tui.runtime.curl_export import curl_command

    spec = app.spec
    basic = any(str(s.value) == "basic" for s in app.query("#auth-kind").results(Select))
    basic = basic or auth_kind_of(spec) == "basic"
    return curl_command(compile_spec(spec), spec.sample_inputs(), basic_auth=basic)


def copy_as_curl(app: WizardApp) -> None:
    from tui.model.problems import DataActionError

    app.flush_fields()
    try:
        text = curl_text(app)
    except (DataActionError, ValueError) as exc:
        message = exc.problems[0].message if isinstance(exc, DataActionError) else str(exc)
        app.notify(f"Cannot build the curl command: {message}", severity="error", timeout=8)
        return
    app.copy_to_clipboard(text)
    app.push_screen(
        TextScreen(
            "The request as curl",
            text,
            "Copied to the clipboard (where the terminal allows). Credentials are YOUR_... "
            "placeholders; inputs use their sample values.",
        )
    )


# -- OpenAPI in --------------------------------------------------------------------------------


class OpenApiScreen(ModalScreen[None]):
    """Load a description, search its operations, pick one: it becomes the request."""

    DEFAULT_CSS = dialog_css("OpenApiScreen") + "OpenApiScreen #ops { height: 12; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: str = "") -> None:
        super().__init__()
        self.source = source
        self.doc: OpenApiDoc | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Start from an OpenAPI description", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Input(self.source, placeholder="file or URL (JSON or YAML)", id="oa-source")
                yield Button("Load", variant="primary", id="oa-load")
            yield Input(placeholder="search operations (method, path, id, summary)", id="oa-search")
            yield OptionList(id="ops")
            yield Static("", id="oa-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Use operation", variant="primary", id="oa-use")
                yield Button("Cancel", id="oa-cancel")

    def on_mount(self) -> None:
        self.query_one("#oa-source", Input).focus()

    @on(Input.Submitted, "#oa-source")
    @on(Button.Pressed, "#oa-load")
    def load_pressed(self) -> None:
        source = self.query_one("#oa-source", Input).value.strip()
        if source:
            self.query_one("#oa-status", Static).update(f"Loading {source}…")
            self.load_worker(source)

    @work(thread=True, exclusive=True, description="load an import")
    def load_worker(self, source: str) -> None:
        from tui.model.openapi import load_openapi
        from tui.model.problems import DataActionError

        try:
            doc = load_openapi(source)
        except DataActionError as exc:
            self.app.call_from_thread(self.show_status, exc.problems[0].render())
            return
        self.app.call_from_thread(self.loaded, doc)

    def show_status(self, text: str) -> None:
        self.query_one("#oa-status", Static).update(text)

    def loaded(self, doc: OpenApiDoc) -> None:
        self.doc = doc
        self.show_operations(doc.operations)
        self.show_status(
            f"{doc.title or doc.source}: {len(doc.operations)} operations (OpenAPI {doc.version})"
        )
        self.query_one("#oa-search", Input).focus()

    def show_operations(self, ops: Iterable[Operation]) -> None:
        box = self.query_one("#ops", OptionList)
        box.clear_options()
        box.add_options([Option(op.label(), id=op.key) for op in ops])
        if box.option_count:
            box.highlighted = 0

    @on(Input.Changed, "#oa-search")
    def search_changed(self, event: Input.Changed) -> None:
        if self.doc is not None:
            from tui.model.openapi import search_operations

            self.show_operations(search_operations(self.doc, event.value))

    @on(Input.Submitted, "#oa-search")
    def search_submitted(self) -> None:
        self.query_one("#ops", OptionList).focus()

    @on(OptionList.OptionSelected, "#ops")
    def op_selected(self) -> None:
        self.use_highlighted()

    @on(Button.Pressed, "#oa-use")
    def use_highlighted(self) -> None:
        box = self.query_one("#ops", OptionList)
        if self.doc is None or box.highlighted is None:
            self.show_status("Load a description and pick an operation first.")
            return
        key = box.get_option_at_index(box.highlighted).id
        op = next(o for o in self.doc.operations if o.key == key)
        self.app.run_worker(use_operation(self.app, self.doc, op), exclusive=True)  # type: ignore[arg-type]
        self.dismiss(None)

    @on(Button.Pressed, "#oa-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def sample_fetch(url: str, sample: Any) -> Any:
    """The sample response as if fetched, so Explore & map works before any live call."""
    from tui.runtime.fetch import FetchResult

    body = json.dumps(sample, indent=2, ensure_ascii=False).encode()
    return FetchResult(
        method="GET",
        url=url,
        status=200,
        headers={"Content-Type": "application/json"},
        body=body,
        document=sample,
        is_json=True,
        warning="sample response from the OpenAPI description (no call made)",
    )


async def use_operation(app: WizardApp, doc: OpenApiDoc, op: Operation) -> None:
    from tui.model.openapi import spec_for
    from tui.model.problems import DataActionError

    try:
        got = spec_for(doc, op)
    except DataActionError as exc:
        app.notify(exc.problems[0].render(), severity="error", timeout=10)
        return
    app.replace_spec(got.spec)
    for note in got.notes:
        app.notify(note, timeout=8)
    if got.sample is not None:
        app.keep_response(sample_fetch(got.spec.request.url, got.sample))
        explore = await app.ensure_step("explore")
        explore.show_fetch(app.fetched)
        await app.action_step("explore")
    else:
        await app.action_step("request")


# -- a test run as a CI case -------------------------------------------------------------------


def save_case(app: WizardApp, result: Any) -> None:
    """Ask for a case name, then add the run to NAME.cases.yaml next to the exported spec."""
    from tui.app.dialogs import Field, FormScreen
    from tui.app.steps.review import slug

    spec = app.spec
    default = app.export_dir / f"{slug(spec.name)}.cases.yaml"

    def done(values: dict[str, str] | None) -> None:
        if values and values["name"].strip():
            write_case(app, result, values["name"].strip(), Path(values["file"].strip() or default))

    app.push_screen(
        FormScreen(
            "Save this run as a test case",
            [
                Field("name", "Case name", f"{spec.name}: sample"),
                Field("file", "Cases file", str(default)),
            ],
            "`dataaction test --suite DIR` runs it in CI (the spec is saved next to it).",
        ),
        done,
    )


def write_case(app: WizardApp, result: Any, name: str, path: Path) -> Path | None:
    from tui.model.formats import spec_to_yaml
    from tui.runtime.suites import append_case, case_from_run

    spec = app.spec
    body: Any = None
    f = app.fetched
    if f is not None and f.status is not None:
        body = f.document if f.is_json else f.body.decode("utf-8", "replace")
    case = case_from_run(name, spec.sample_inputs(), body, result, flatten=True)  # as test_worker
    if body is not None and f is not None and f.status not in (None, 200):
        case["response"]["status"] = f.status
    if body is None:
        case["live"] = True
    spec_file = path.with_name(path.name.removesuffix(".cases.yaml") + ".yaml")
    try:
        spec_file.write_text(spec_to_yaml(spec), encoding="utf-8")
        count = append_case(path, case)
    except (OSError, ValueError) as exc:
        app.notify(f"Could not save the case: {exc}", severity="error", timeout=8)
        return None
    app.notify(f"Saved case '{name}' ({count} in {path.name}); spec in {spec_file.name}", timeout=6)
    return path


# -- the palette -------------------------------------------------------------------------------


def commands(app: WizardApp) -> Iterable[SystemCommand]:
    def import_curl() -> None:
        def done(text: str | None) -> None:
            if text and text.strip():
                apply_curl(app, text)

        app.push_screen(CurlScreen(), done)

    yield SystemCommand("Import a curl command", "Fill the request from curl", import_curl)
    yield SystemCommand(
        "Copy the request as curl",
        "The request, rendered with the sample inputs",
        lambda: copy_as_curl(app),
    )
    yield SystemCommand(
        "Start from an OpenAPI description",
        "Pick an operation from a file or URL",
        lambda: app.push_screen(OpenApiScreen()),
    )

    def open_org() -> None:
        from tui.app.org_actions import OrgActionsScreen

        app.push_screen(OrgActionsScreen())

    def test_org() -> None:
        from tui.app.org_actions import test_in_org

        test_in_org(app)

    def auth_action() -> None:
        from tui.app.integrations import use_as_auth_action

        use_as_auth_action(app)

    yield SystemCommand("Open an action from the org", "List, search and open one", open_org)
    yield SystemCommand(
        "Test in the org", "The org's test endpoint on the published version", test_org
    )
    yield SystemCommand(
        "Use this action as the custom auth action",
        "Of the User Defined (OAuth) integration chosen in Deploy",
        auth_action,
    )
