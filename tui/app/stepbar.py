"""The row of step names at the top: the current one highlighted, a click goes to another.

One Static instead of Textual's TabbedContent: it renders in the first frame for almost nothing,
where TabbedContent (tabs, underline, content switcher, five panes) cost ~35 ms of start-up.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static


class StepBar(Static):
    """Step titles on one line; posts :class:`StepBar.Chosen` when one is clicked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"step-bar--active", "step-bar--idle"}
    DEFAULT_CSS = """
    StepBar { height: 1; padding: 0 1; }
    StepBar > .step-bar--active { color: $text; background: $primary; text-style: bold; }
    StepBar > .step-bar--idle { color: $text-muted; }
    """

    class Chosen(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, steps: tuple[tuple[str, str], ...], current: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = steps
        self.current = current

    def show(self, key: str) -> None:
        self.current = key
        self.refresh()

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, key) of each title on the line, in cells from the content's left."""
        out, x = [], 0
        for key, title in self.steps:
            width = len(title) + 2
            out.append((x, x + width, key))
            x += width + 1
        return out

    def render(self) -> Text:
        active = self.get_component_rich_style("step-bar--active")
        idle = self.get_component_rich_style("step-bar--idle")
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (key, title) in enumerate(self.steps):
            if i:
                text.append(" ")
            text.append(f" {title} ", active if key == self.current else idle)
        return text

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, key in self.spans():
            if start <= x < end:
                self.post_message(self.Chosen(key))
                return
