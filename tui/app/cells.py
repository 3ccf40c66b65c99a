"""Table cells as plain Text: DataTable parses `str` cells as markup, and data is not markup."""

from __future__ import annotations

from rich.text import Text


def cells(*values: object) -> list[Text]:
    return [Text(str(v), no_wrap=True, overflow="ellipsis") for v in values]
