"""Small modal dialogs the steps share: a form of fields, a list of choices, a help page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option


def dialog_css(screen: str) -> str:
    """A dialog's styles, parsed when it first opens rather than at start-up."""
    return f"""
    {screen} {{ align: center middle; }}
    {screen} .dialog {{
        width: 80%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }}
    {screen} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
    {screen} .dialog-buttons {{ height: auto; margin-top: 1; }}
    {screen} .dialog-buttons Button {{ margin-right: 2; }}
    {screen} .help {{ height: 80%; }}
    """


# A form's live line: (changed field key, all values) -> (text, ok, field values to suggest).
LivePreview = Callable[[str, dict[str, str]], tuple[str, bool, dict[str, str]]]


@dataclass
class Field:
    key: str
    label: str
    value: str = ""
    options: tuple[str, ...] = ()
    password: bool = False


class FormScreen(ModalScreen[dict[str, str] | None]):
    DEFAULT_CSS = dialog_css("FormScreen")
    """Edit a few text/select fields; Enter (or OK) returns them, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel")
    ]

    def __init__(
        self, title: str, fields: list[Field], note: str = "", live: LivePreview | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.note = note
        self.live = live

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            for f in self.fields:
                yield Label(f.label)
                if f.options:
                    yield Select(
                        [(o, o) for o in f.options],
                        value=f.value if f.value in f.options else f.options[0],
                        allow_blank=False,
                        id=f"field-{f.key}",
                    )
                else:
                    # No select-all on focus: End + typing must extend the value, not replace it.
                    yield Input(
                        f.value, password=f.password, select_on_focus=False, id=f"field-{f.key}"
                    )
            if self.live is not None:
                yield Static("", id="form-live", markup=False)
            if self.note:
                yield Static(self.note, classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.fields:
            first = self.query_one(f"#field-{self.fields[0].key}")
            first.focus()
            if isinstance(first, Input):
                first.cursor_position = len(first.value)
        self.refresh_live("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_live((event.input.id or "").removeprefix("field-"))

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_live((event.select.id or "").removeprefix("field-"))

    def refresh_live(self, changed: str) -> None:
        """Show the live line for the current values and apply the fields it suggests."""
        if self.live is None or not self.is_mounted:
            return
        text, ok, suggested = self.live(changed, self.values())
        line = self.query_one("#form-live", Static)
        line.update(text)
        line.set_classes("ok" if ok else "error")
        options = {f.key: f.options for f in self.fields}
        for key, value in suggested.items():
            if options.get(key) and value not in options[key]:
                continue
            widget = self.field_widget(key)
            if widget.value != value:
                widget.value = value

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            out[f.key] = str(self.field_widget(f.key).value)
        return out

    def field_widget(self, key: str) -> Input | Select[str]:
        """A field's editor: compose() yields a Select for fields with options, else an Input."""
        return cast("Input | Select[str]", self.query_one(f"#field-{key}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.values())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.values() if event.button.id == "ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    DEFAULT_CSS = dialog_css("ChoiceScreen")
    """Pick one of a few labelled choices (keys are returned)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel")
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], explanation: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.explanation:
                yield Static(self.explanation, classes="hint", markup=False)
            yield OptionList(*(Option(label, id=key) for key, label in self.choices), id="choices")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = dialog_css("HelpScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help.close")
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import; only help needs it

        with VerticalScroll(classes="dialog help"):
            yield Markdown(self.markdown)
            yield Static("Escape or F1 closes this help.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
