"""What every newsdiff screen shares."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable

__all__ = ["NARROW_BELOW", "READING_CSS", "NewsdiffScreen", "list_keys", "move_table_cursor"]

# Below this many columns, panes stack vertically instead of side by side.
NARROW_BELOW = 100
# Styles of the reader, diff and facts screens, parsed when the first of them opens.
READING_CSS = str(Path(__file__).resolve().parent.parent / "reading.tcss")


class NewsdiffScreen(Screen):
    SCREENSHOT_NAME = "screen"

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")


def list_keys(half_page: int | None = None) -> list[Binding]:
    """Vim-style keys of a screen's list, bound to its ``action_move(delta)`` and
    ``action_edge(end)``: j/k, g/G and, with ``half_page``, ctrl+d/ctrl+u."""
    keys = [
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("g", "edge(0)", "First", show=False),
        Binding("G", "edge(1)", "Last", show=False),
    ]
    if half_page:
        keys += [Binding("ctrl+d", f"move({half_page})", "Half page down", show=False),
                 Binding("ctrl+u", f"move({-half_page})", "Half page up", show=False)]
    return keys


def move_table_cursor(table: DataTable, delta: int | None = None, end: int | None = None) -> None:
    """Move a table's row cursor by ``delta`` rows (kept inside the table), or to its first
    (``end=0``) or last (``end=1``) row."""
    if end is not None:
        row = table.row_count - 1 if end else 0
    else:
        row = max(0, min(table.row_count - 1, table.cursor_row + (delta or 0)))
    table.move_cursor(row=row)
