"""What every newsdiff screen shares."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

__all__ = ["NARROW_BELOW", "READING_CSS", "ListTable", "NewsdiffScreen", "TextPane", "TitleBar", "list_keys",
           "move_table_cursor", "plural"]

# Below this many columns, panes stack vertically instead of side by side.
NARROW_BELOW = 100
# Styles of the reader, diff and facts screens, parsed when the first of them opens.
READING_CSS = str(Path(__file__).resolve().parent.parent / "reading.tcss")


# Below this many columns the footer drops its spacing and the command palette's key (ctrl+p
# still works, and F1 lists it), so that q Quit and F1 Help stay on screen at 60 columns.
COMPACT_FOOTER_BELOW = 80


class TitleBar(Static):
    """One line at the top: the screen's title and subtitle (the app's name on the library).

    Textual's Header does this with an icon, a clock slot and three child widgets; this one is a
    single line of text, which the first frame of the library draws in a fraction of the time."""

    def __init__(self) -> None:
        super().__init__(markup=False, id="title-bar")

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._update)
        self.watch(self.screen, "sub_title", self._update)

    def _update(self, _: object = None) -> None:
        from rich.text import Text

        from ...core.text import display  # titles hold file names and page metadata: never raw

        title = display(self.screen.title or self.app.title)
        sub_title = display(self.screen.sub_title or "")
        self.update(Text.assemble((title, "bold"), f" — {sub_title}" if sub_title else ""))


class NewsdiffScreen(Screen):
    SCREENSHOT_NAME = "screen"

    def on_resize(self, event: Resize) -> None:
        self.fit_width(event.size.width)

    def fit_width(self, width: int) -> None:
        """Stack panes below ``NARROW_BELOW`` columns; compact the footer below ``COMPACT_FOOTER_BELOW``."""
        self.set_class(width < NARROW_BELOW, "narrow")
        compact = width < COMPACT_FOOTER_BELOW
        for footer in self.query(Footer):
            footer.compact = compact
            footer.show_command_palette = not compact


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 article', '5 articles'."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


class ListTable(DataTable):
    """A row-cursor table whose Home and End move the cursor to the first and last row (a
    DataTable only scrolls there, leaving the selection behind)."""

    BINDINGS = [
        Binding("home", "edge_row(0)", "First", show=False),
        Binding("end", "edge_row(1)", "Last", show=False),
        # Enter selects the row (the screen opens it on RowSelected), shown in the footer as the
        # screen's "Read": the table's own binding would hide the screen's, and a priority binding
        # on the screen would run ahead of keys still queued for the table.
        Binding("enter", "select_cursor", "Read", id="read-row"),
    ]

    def action_edge_row(self, end: int) -> None:
        move_table_cursor(self, end=end)


class TextPane(VerticalScroll):
    """A scrollable side pane (preview, cross-references): focusable with Tab, and scrolled by the
    same keys as the lists (j/k, g/G) as well as the arrows."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


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
