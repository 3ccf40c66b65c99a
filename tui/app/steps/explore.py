"""Step 2: the response as a lazy tree; pick nodes to map; edit mappings with live previews."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static, Tree

from tui.app.cells import cells, move_to_row, row_key_at_cursor
from tui.app.dialogs import ChoiceScreen, Field, FormScreen
from tui.app.jsontree import JsonNode, JsonTree, bounded_json, find_in
from tui.app.mapping import evaluate, mapping_form_preview, output_preview, preview
from tui.model.jsontree import array_element, array_variants, new_output, path_of
from tui.model.paths import NAME_PATTERN, looks_indefinite
from tui.model.spec import OutputSpec, Spec
from tui.runtime.fetch import FetchResult

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


OUTPUT_TYPES = ("string", "integer", "number", "boolean", "array", "object")
ITEM_TYPES = ("string", "integer", "number", "boolean", "object")
VALUE_CHARS = 2000


class SearchDone(Message):
    def __init__(self, query: str, matches: list[tuple[str | int, ...]]) -> None:
        super().__init__()
        self.query, self.matches = query, matches


class ExploreStep(Vertical):
    DEFAULT_CSS = """
    ExploreStep #fetch-status { height: auto; max-height: 4; }
    ExploreStep #explorer { height: 1fr; }
    ExploreStep #tree { width: 3fr; border: round $primary-muted; }
    ExploreStep #tree:focus { border: round $primary; }
    ExploreStep #node-panel { width: 2fr; padding: 0 1; }
    ExploreStep #node-path { text-style: bold; }
    ExploreStep #node-value { height: auto; max-height: 12; overflow-y: auto; }
    ExploreStep #search { dock: bottom; }
    ExploreStep #path-preview { width: 1fr; padding: 1 1 0 1; height: auto; min-height: 3; }
    ExploreStep #mappings { height: 7; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="explore.search"),
        Binding("n", "next_match", "Next match", id="explore.next"),
        Binding("N", "previous_match", "Prev match", id="explore.previous", show=False),
        Binding("delete", "remove_mapping", "Remove", id="explore.remove"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.matches: list[tuple[str | int, ...]] = []
        self.match_index = -1

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    @property
    def document(self) -> Any:
        fetched = self.wizard.fetched
        return fetched.document if fetched is not None and fetched.is_json else None

    def compose(self) -> ComposeResult:
        yield Static(
            "Nothing fetched yet: go to Request and press ctrl+f.", id="fetch-status", markup=False
        )
        with Horizontal(id="explorer"):
            yield JsonTree(id="tree")
            with Vertical(id="node-panel"):
                yield Label("Selected node", classes="section")
                yield Static("", id="node-path", markup=False)
                yield Static("", id="node-value", markup=False)
                yield Static(
                    "Enter on a value or m on any node maps it · c copies the path · / searches",
                    classes="hint",
                )
        yield Input(placeholder="search keys and values, Enter to find", id="search")
        with Horizontal(classes="row"):
            yield Input(
                placeholder="type a JSONPath, e.g. $.items[0].name (Enter adds it)", id="path-input"
            )
            yield Static("", id="path-preview", markup=False)
        yield Label("Mappings (Enter edits, Delete removes)", classes="section")
        yield DataTable(id="mappings", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        table = self.query_one("#mappings", DataTable)
        table.add_columns("name", "type", "path", "default", "value the runtime extracts")
        if self.wizard.fetched is None:
            self.query_one(JsonTree).show_message("no response yet: fetch with ctrl+f")
        elif self.wizard.fetched_restored:
            self.show_restored()
            return
        self.refresh_mappings()

    def show_restored(self) -> None:
        """The response saved with the resumed draft: explorable, and said to be stale."""
        kept = self.wizard.fetched
        if kept is not None:
            advice = "press ctrl+f to fetch it again."
            self.show_fetch(kept, stale=(kept, self.wizard.fetched_at), advice=advice)

    # -- showing a fetch ---------------------------------------------------------------

    def show_fetch(
        self,
        result: FetchResult,
        stale: tuple[FetchResult, str] | None = None,
        advice: str = "fix the request and fetch again.",
    ) -> None:
        """Show a fetch's outcome; `stale` is the last good response, kept when this one failed
        (or saved with a resumed draft).

        A body that is not JSON is never shown as a tree: the runtime could not map it either.
        """
        status = self.query_one("#fetch-status", Static)
        lines = [result.summary()] if result.status is not None else []
        if result.error:
            lines.append(f"✘ {result.error}")
            status.set_classes("error")
        elif result.warning:
            lines.append(f"! {result.warning}")
            status.set_classes("warning")
        else:
            status.set_classes("warning" if stale is not None else "ok")
        if stale is not None:
            kept, when = stale
            lines.append(
                f"Still showing the last good response (stale: {kept.url}, fetched {when}); "
                + advice
            )
        status.update("\n".join(lines))
        self.clear_node()
        tree = self.query_one(JsonTree)
        if stale is not None:
            tree.load(stale[0].document)
            self.show_node(tree.root.data)
        elif result.status is None:
            tree.show_message("no response yet (see the error above; fix it and fetch again)")
        elif result.is_json:
            tree.load(result.document)
            self.show_node(tree.root.data)
        else:
            tree.show_message("not JSON: nothing to map (the reason is above)")
            self.query_one("#node-path", Static).update("First bytes of the response")
            self.query_one("#node-value", Static).update(
                result.body[:VALUE_CHARS].decode("utf-8", "replace")
            )
        self.refresh_mappings()

    def clear_node(self) -> None:
        self.query_one("#node-path", Static).update("")
        self.query_one("#node-value", Static).update("")

    @on(Tree.NodeHighlighted, "#tree")
    def node_highlighted(self, event: Tree.NodeHighlighted[Any]) -> None:
        self.show_node(event.node.data)

    def show_node(self, data: Any) -> None:
        if not isinstance(data, JsonNode):
            return
        self.query_one("#node-path", Static).update(data.path)
        self.query_one("#node-value", Static).update(bounded_json(data.value, VALUE_CHARS))

    # -- mapping -----------------------------------------------------------------------

    @on(JsonTree.Picked)
    def node_picked(self, event: JsonTree.Picked) -> None:
        path = event.node.path
        element, leaf = array_element(self.document, event.node.parts)
        variants = array_variants(path, element, leaf)
        picked_value = event.node.value
        if not variants:
            self.add_mapping(path)
            return
        choices = [
            ("first", f"First element:  {variants['first']}"),
            ("all", f"All elements (array):  {variants['all']}"),
            ("filter", f"The element matching a filter (edit next):  {variants['filter']}"),
            ("exact", f"Exactly this element:  {path}"),
        ]

        def chosen(key: str | None) -> None:
            if key == "filter":
                self.filter_form(variants["filter"], picked_value)
            elif key == "exact":
                self.add_mapping(path)
            elif key is not None:
                self.add_mapping(variants[key])

        self.app.push_screen(
            ChoiceScreen(
                "This value is inside an array",
                choices,
                "Which element should the action return?",
            ),
            chosen,
        )

    def filter_form(self, path: str, value: Any) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values:
                self.add_mapping(values["path"], single=not isinstance(value, list | dict))

        self.app.push_screen(
            FormScreen(
                "Filter path",
                [Field("path", "JSONPath with a filter", path)],
                "The action returns the first element that matches; change the output type to "
                "array to get every match.",
            ),
            done,
        )

    def add_mapping(self, path: str, single: bool = False) -> None:
        document = self.document
        ok, _ = preview(path, document)
        if not ok:
            self.notify(f"{path} finds nothing in this response", severity="warning")
        value: Any = None
        if ok:
            value = evaluate(path, document)
        taken = {o.name for o in self.wizard.spec.outputs}
        if single and isinstance(value, list):
            value = value[0] if value else None
        output = new_output(path, value, taken, single=single)
        if ok and value is None:
            self.ask_null_type(output)
            return
        self.append_output(output)

    def ask_null_type(self, output: OutputSpec) -> None:
        """A null sample says nothing about the type: ask rather than guess `string`."""

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.append_output(output.model_copy(update={"type": kind}))

        self.app.push_screen(
            ChoiceScreen(
                f"{output.path} is null in this response",
                [(k, f"{k}") for k in OUTPUT_TYPES if k != "array"],
                "What does it hold when it has a value? The output contract needs a type. A "
                "default does not replace null, and the output check rejects null for a typed "
                "field: this sample fails the test; test with a response where it is set.",
            ),
            chosen,
        )

    def append_output(self, output: OutputSpec) -> None:
        self.wizard.change_spec(lambda spec: setattr(spec, "outputs", [*spec.outputs, output]))
        self.refresh_mappings()
        self.notify(f"Mapped {output.name} ← {output.path}", timeout=2)

    def refresh_mappings(self, select: str | None = None) -> None:
        table = self.query_one("#mappings", DataTable)
        row = select or row_key_at_cursor(table)
        table.clear()
        document = self.document
        for o in self.wizard.spec.outputs:
            shown = output_preview(o, document)[1] if document is not None else "(fetch to preview)"
            kind = f"array<{o.items}>" if o.type == "array" else o.type
            table.add_row(*cells(o.name, kind, o.path, o.default or "", shown), key=o.name)
        move_to_row(table, row)

    @on(DataTable.RowSelected, "#mappings")
    def edit_mapping(self, event: DataTable.RowSelected) -> None:
        name = str(event.row_key.value)
        current = next(o for o in self.wizard.spec.outputs if o.name == name)
        fields = [
            Field("name", "Output name", current.name),
            Field("type", "Type", current.type, OUTPUT_TYPES),
            Field("items", "Item type (arrays)", current.items or "string", ITEM_TYPES),
            Field("path", "JSONPath", current.path),
            Field("default", "Default (JSON text, empty for none)", current.default or ""),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            new_name = values["name"].strip()
            others = {o.name for o in self.wizard.spec.outputs if o.name != name}
            if not NAME_PATTERN.match(new_name) or new_name in others:
                self.notify(
                    f"'{new_name}' is not a valid unique name (letters, digits, _ and -; "
                    "starts with a letter)",
                    severity="error",
                )
                return
            updated = OutputSpec.model_validate(
                {
                    "name": new_name,
                    "path": values["path"].strip(),
                    "type": values["type"],
                    "items": values["items"] if values["type"] == "array" else None,
                    "default": values["default"].strip() or None,
                    "description": current.description,
                }
            )
            if updated.default is not None and not is_json(updated.default):
                self.offer_quoted_default(name, updated)
                return
            self.replace_output(name, updated)

        last_path = [current.path]
        document = self.document

        def live(changed: str, values: dict[str, str]) -> tuple[str, bool, dict[str, str]]:
            text, ok, suggested = mapping_form_preview(values, document, last_path[0])
            path = values["path"].strip()
            # A half-typed path (`$.a[*`) extracts nothing yet: the switch is judged once it does.
            if suggested or looks_indefinite(path) == looks_indefinite(last_path[0]):
                last_path[0] = path
            return text, ok, suggested

        self.app.push_screen(FormScreen(f"Mapping '{name}'", fields, live=live), done)

    def replace_output(self, name: str, updated: OutputSpec) -> None:
        def change(spec: Spec) -> None:
            spec.outputs = [updated if o.name == name else o for o in spec.outputs]

        self.wizard.change_spec(change)
        self.refresh_mappings(select=updated.name)

    def offer_quoted_default(self, name: str, updated: OutputSpec) -> None:
        """A default is JSON text; `NOASSERTION` is not (Genesys fails at run time): quote it?"""
        text = updated.default or ""
        quoted = json.dumps(text, ensure_ascii=False)

        def chosen(key: str | None) -> None:
            if key == "quote":
                self.replace_output(name, updated.model_copy(update={"default": quoted}))
            elif key == "keep":
                self.replace_output(name, updated)

        self.app.push_screen(
            ChoiceScreen(
                f"The default {text} is not JSON",
                [
                    ("quote", f"Use the string {quoted}"),
                    ("keep", f"Keep {text} (the action fails when the default is used)"),
                    ("cancel", "Cancel (nothing changes)"),
                ],
                "Translation map defaults are JSON text: strings need quotes; numbers, true, "
                "false, null, arrays and objects go in as they are.",
            ),
            chosen,
        )

    def action_remove_mapping(self) -> None:
        table = self.query_one("#mappings", DataTable)
        if self.app.focused is not table or table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.wizard.change_spec(
            lambda spec: setattr(spec, "outputs", [o for o in spec.outputs if o.name != key])
        )
        self.refresh_mappings()

    # -- typed path --------------------------------------------------------------------

    @on(Input.Changed, "#path-input")
    def path_typed(self, event: Input.Changed) -> None:
        self.update_path_preview(event.value.strip())

    def update_path_preview(self, path: str) -> None:
        label = self.query_one("#path-preview", Static)
        if not path:
            label.update("")
            return
        if self.document is None:
            label.update("fetch a response to preview")
            return
        ok, text = preview(path, self.document)
        label.update(("= " if ok else "✘ ") + text)
        label.set_classes("ok" if ok else "error")

    @on(Input.Submitted, "#path-input")
    def path_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if path:
            self.add_mapping(path if path.startswith("$") else "$." + path)
            event.input.value = ""

    # -- search ------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        tree = self.query_one(JsonTree)
        query = event.value.strip()
        event.input.display = False
        tree.focus()
        if not query or tree.document is None:
            return
        self.search_worker(tree.document, query)

    @work(thread=True, exclusive=True, group="search", description="search the response")
    def search_worker(self, document: Any, query: str) -> None:
        """Walk the document off the UI thread (a 5 MB body takes about 0.1 s)."""
        self.post_message(SearchDone(query, find_in(document, query)))

    def on_search_done(self, message: SearchDone) -> None:
        self.matches = message.matches
        self.match_index = -1
        if not self.matches:
            self.notify(f"No key or value contains '{message.query}'", severity="warning")
            return
        self.action_next_match()

    def _jump(self, step: int) -> None:
        if not self.matches:
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        parts = self.matches[self.match_index]
        self.query_one(JsonTree).reveal(parts)
        self.notify(
            f"Match {self.match_index + 1} of {len(self.matches)}: {path_of(parts)}", timeout=2
        )

    def action_next_match(self) -> None:
        self._jump(1)

    def action_previous_match(self) -> None:
        self._jump(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return bool(self.matches) and isinstance(self.app.focused, JsonTree)
        if action == "remove_mapping":  # shown only with the mappings table focused
            focused = self.app.focused
            return focused is not None and focused.id == "mappings"
        return True
