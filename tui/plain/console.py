"""Prompts and messages: a thin layer over questionary that tests can point at a pipe.

Every prompt raises KeyboardInterrupt on Ctrl-C (questionary's `unsafe_ask`), so the flow can
save a draft in one place instead of checking for `None` after every question.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import questionary
from questionary import Choice

Validator = Callable[[str], bool | str]


class Console:
    """Asks questions and prints messages; `input`/`output` go to prompt_toolkit."""

    def __init__(self, stream: TextIO | None = None, **prompt_io: Any) -> None:
        self.stream = stream or sys.stdout
        self.prompt_io = prompt_io

    # -- messages ----------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        print(text, file=self.stream, flush=True)

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"== {text} ==")

    # -- questions ---------------------------------------------------------------------

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        instruction: str | None = None,
        multiline: bool = False,
    ) -> str:
        kwargs: dict[str, Any] = {"default": default, "multiline": multiline}
        if validate is not None:
            kwargs["validate"] = validate
        if instruction is not None:
            kwargs["instruction"] = instruction
        return questionary.text(message, **kwargs, **self.prompt_io).unsafe_ask()

    def secret(self, message: str) -> str:
        return questionary.password(message, **self.prompt_io).unsafe_ask()

    def confirm(self, message: str, default: bool = True) -> bool:
        return bool(questionary.confirm(message, default=default, **self.prompt_io).unsafe_ask())

    def select(
        self,
        message: str,
        choices: Sequence[str | Choice],
        default: Any = None,
        search: bool = False,
        instruction: str | None = None,
    ) -> Any:
        """One choice; with `search`, typing filters the list (for long path lists)."""
        kwargs: dict[str, Any] = {}
        if default is not None:
            kwargs["default"] = default
        if search:
            kwargs.update(use_search_filter=True, use_jk_keys=False, use_shortcuts=False)
        if instruction is not None:
            kwargs["instruction"] = instruction
        return questionary.select(
            message, choices=list(choices), **kwargs, **self.prompt_io
        ).unsafe_ask()
