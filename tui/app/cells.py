"""Table cells as plain Text: DataTable parses `str` cells as markup, and data is not markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:  # DataTable loads after the first paint (see the Request step)
    from textual.widgets import DataTable


def cells(*values: object) -> list[Text]:
    return [Text(str(v), no_wrap=True, overflow="ellipsis") for v in values]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 key`, `2 keys`, `1 category`, `3 categories`."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def row_key_at_cursor(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor (None for an empty table)."""
    if table.row_count == 0:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


def move_to_row(table: DataTable[Any], key: str | None) -> None:
    """Put the cursor back on row `key` after the table was refilled (rows keep their keys)."""
    from textual.widgets.data_table import RowDoesNotExist

    if key is None:
        return
    try:
        row = table.get_row_index(key)
    except RowDoesNotExist:
        return
    table.move_cursor(row=row, animate=False)
