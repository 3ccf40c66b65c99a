"""One hand-editable part of the action in Review: its editor, state, errors and Revert button.

The Review step (tui.app.steps.review) owns the checking and applying; this widget only shows
a part and says what the user did with it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widgets import Button, Label, Static, TextArea

from tui.app.guide import Part

EDITOR_HINT = "Editable: checked as you type, applied once valid."


def editor_area(widget_id: str, language: str | None) -> TextArea:
    """A code editor, highlighted when the grammar is installed (plain text otherwise)."""
    from textual.widgets.text_area import LanguageDoesNotExist

    try:
        return TextArea.code_editor(
            "", language=language, id=widget_id, soft_wrap=True, tab_behavior="focus"
        )
    except LanguageDoesNotExist:
        return editor_area(widget_id, None)


class PartEditor(Vertical):
    DEFAULT_CSS = """
    PartEditor { height: auto; }
    PartEditor .part-head { height: auto; }
    PartEditor .part-title { width: 1fr; }
    PartEditor .part-state { text-style: italic; }
    PartEditor .part-revert { margin-top: 1; }
    PartEditor TextArea { height: 9; }
    PartEditor .part-errors { height: auto; }
    """

    class Revert(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, part: Part, language: str | None) -> None:
        super().__init__(id=f"part-{part.key}")
        self.part = part
        self.language = language

    def compose(self) -> ComposeResult:
        key = self.part.key
        with Horizontal(classes="part-head"):
            yield Label(self.part.title, classes="section part-title")
            yield Button(
                "Revert to generated",
                id=f"revert-{key}",
                classes="part-revert",
                compact=True,
                disabled=True,
            )
        yield Static("", id=f"state-{key}", classes="part-state", markup=False)
        note = f"{escape(self.part.explanation)} [link='{self.part.link}']Genesys docs[/link]"
        yield Static(f"{note} {EDITOR_HINT}", classes="hint")
        yield Static("", id=f"errors-{key}", classes="part-errors", markup=False)
        editor = editor_area(f"edit-{key}", self.language)
        editor.border_title = f"{self.part.title} (editable)"
        yield editor

    # A class, not `:focus-within`: Textual restyles the focused widget and its ancestors on a
    # focus change, not the ancestors' other children (the title would keep its old look).
    def on_descendant_focus(self) -> None:
        self.add_class("-editing")

    def on_descendant_blur(self) -> None:
        self.remove_class("-editing")

    @property
    def editor(self) -> TextArea:
        return self.query_one(TextArea)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Revert(self.part.key))

    def show_state(self, edited: bool, pending: bool = False) -> None:
        """'generated' or 'hand-edited', plus whether the editor holds an unapplied edit."""
        state = "hand-edited" if edited else "generated"
        if pending:
            state += ", change NOT applied yet"
        self.query_one(f"#state-{self.part.key}", Static).update(f"({state})")
        self.query_one(Button).disabled = not (edited or pending)

    def show_errors(self, lines: list[str]) -> None:
        box = self.query_one(".part-errors", Static)
        box.update("\n".join(f"✘ {line}" for line in lines))
        box.set_classes("part-errors error" if lines else "part-errors")
