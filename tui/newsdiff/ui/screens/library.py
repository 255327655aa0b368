"""The start screen: the loaded articles, a preview, marks for a diff, and a fuzzy filter."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.widgets import DataTable, Footer, Input, Static

from ...core.text import display
from .base import ListTable, NewsdiffScreen, TextPane, TitleBar, list_keys, move_table_cursor, plural

if TYPE_CHECKING:
    from ...core.corpus import Corpus
    from ...core.document import Document

__all__ = ["Column", "LibraryScreen", "library_columns"]


class Column(NamedTuple):
    key: str
    label: str
    width: int
    justify: str = "left"


# Every column is padded by one cell on each side; the table keeps one column for its scrollbar.
PADDING, SCROLLBAR = 2, 1
# Full ids are shown when the headline still gets this many columns beside them.
HEADLINE_ROOM = 60


def library_columns(width: int, full_id: int, short_id: int, source: int) -> list[Column]:
    """The library's columns at ``width`` cells, given the longest full id, short id and source.

    The headline is what a reader scans, so it gets what the others leave: the counts of
    sentences and boilerplate lines go below 100 columns, the words below 70 (the preview shows
    them all), the source
    column is no wider than the longest source (and at most 16, or a sixth of the width), and
    ids are shown whole only when the headline keeps ``HEADLINE_ROOM`` columns beside them.
    """
    counts = [Column("words", "words", 5, "right")] if width >= 70 else []
    if width >= 100:
        counts += [Column("sentences", "sent.", 5, "right"), Column("bp", "bp", 3, "right")]
    source_w = max(7, min(16, source, max(8, width // 6)))
    fixed = [Column("mark", "", 1), Column("source", "source", source_w), *counts]
    used = sum(c.width + PADDING for c in fixed) + SCROLLBAR + PADDING  # + the headline's padding
    id_w = max(2, full_id)
    if width - used - (id_w + PADDING) < HEADLINE_ROOM:
        id_w = max(2, short_id)
    headline = max(10, width - used - id_w - PADDING)
    return [fixed[0], Column("id", "id", id_w), fixed[1], Column("headline", "headline", headline), *counts]


MARK = Binding.Group("Mark A/B")  # one footer entry for both keys
HINT_EVERY = 3.0  # seconds between two "press / to filter" hints


class LibraryScreen(NewsdiffScreen):
    SCREENSHOT_NAME = "library"
    # Focus the list when the screen starts, not the filter above it, and only once: each focus
    # change makes the footer rebuild its keys.
    AUTO_FOCUS = "#articles"
    BINDINGS = [
        # Not a priority binding: those run as the key arrives, ahead of keys still queued for the
        # list ("j Enter" typed in one burst opened the row above). The list's own Enter selects
        # the row (RowSelected opens it) and the filter's submits it (opened too).
        Binding("enter", "read", "Read", id="read"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("a", "mark('a')", "Mark A", id="mark-a", group=MARK),
        Binding("b", "mark('b')", "Mark B", id="mark-b", group=MARK),
        Binding("d", "diff", "Diff", id="diff"),
        Binding("f", "facts", "Facts", id="facts"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        *list_keys(half_page=5),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[int] = []
        self._hinted = -HINT_EVERY

    FILTER_HINT = "press / to filter (headline, source or text)"

    def compose(self) -> ComposeResult:
        # The first frame is the title and the list, drawn from the files alone. The filter box,
        # the preview, the marks line and the footer are mounted right after it (a filter-shaped
        # line holds the filter's place, so nothing moves), and cleaning starts after them: every
        # widget of the first frame costs start-up time, and these can wait a few milliseconds.
        yield TitleBar()
        yield Static(Text(self.FILTER_HINT, style="italic"), id="filter-hint", markup=False)
        yield ListTable(id="articles", cursor_type="row", zebra_stripes=False, classes="pane")

    async def _mount_the_rest(self) -> None:
        if len(self.shown) < len(self.corpus.articles):
            self.refill()
        hint = self.query_one("#filter-hint")
        with self.app.batch_update():  # one frame: the filter takes the hint's place, nothing moves
            await self.mount(Input(placeholder=self.FILTER_HINT, select_on_focus=False, id="filter", classes="pane"),
                             before=hint)
            await hint.remove()
            preview = TextPane(Static(id="preview", markup=False), id="preview-pane", classes="pane")
            await self.mount(preview, after="#articles")  # focusable: tab to it and scroll with the keys
            await self.mount(Static(id="marks", markup=False), Footer())
        self.refresh_bindings()  # a footer mounted late shows the keys only once told of them
        self._show_marks()
        self._preview()
        self.fit_width(self.size.width)
        if not self.corpus.cleaned:
            self._clean()

    def _filter_value(self) -> str:
        found = self.query("#filter")
        return found.first(Input).value if found else ""

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    @property
    def docs(self) -> list[Document]:
        return self.corpus.documents

    def on_mount(self) -> None:
        self.sub_title = plural(len(self.corpus.articles), "article")
        table = self.query_one("#articles", DataTable)
        self._table_width = self.app.size.width  # the list spans the screen
        self._columns(table, self._table_width)
        # The first frame holds the rows a screen shows; the others (a large folder has hundreds,
        # and the table measures every cell it is given) are added with the rest of the screen.
        self.refill(rows=self.app.size.height)
        # Cleaning (a few ms an article) runs in a thread once the rest of the screen is there;
        # the counts, preview and filter follow when it is done.
        self.call_after_refresh(self._mount_the_rest)

    @work(thread=True, exclusive=True, group="clean")
    def _clean(self) -> None:
        self.app.clean()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._cleaned)

    def _cleaned(self) -> None:
        self.refill(self._filter_value())

    def _columns(self, table: DataTable, width: int) -> None:
        articles = self.corpus.articles
        short = self.corpus.short_ids
        self._layout = library_columns(
            width,
            full_id=max((len(a.id) for a in articles), default=2),
            short_id=max((len(v) for v in short.values()), default=2),
            source=max((len(a.source or "unknown") for a in articles), default=7),
        )
        self._width_of = {c.key: c.width for c in self._layout}
        table.clear(columns=True)
        for c in self._layout:
            table.add_column(Text(c.label, justify=c.justify), key=c.key, width=c.width)  # type: ignore[arg-type]

    def on_resize(self, event) -> None:
        super().on_resize(event)
        if event.size.width and event.size.width != getattr(self, "_table_width", 0):
            self._table_width = event.size.width
            self._columns(self.query_one("#articles", DataTable), event.size.width)
            self.refill(self._filter_value())

    def refill(self, query: str = "", rows: int | None = None) -> None:
        """Fill the list with the articles matching ``query`` (the first ``rows`` only, if given)."""
        table = self.query_one("#articles", DataTable)
        keep = self.shown[table.cursor_row] if self.shown and 0 <= table.cursor_row < len(self.shown) else None
        cleaned = self.corpus.cleaned
        if cleaned and query.strip():
            from ...core.search import filter_documents

            self.shown = filter_documents(self.docs, query)
        else:  # everything, in order (until cleaning is done the filter waits)
            self.shown = list(range(len(self.corpus.articles)))
        table.clear()
        marks = self.app.marks  # type: ignore[attr-defined]
        width = self._width_of
        full_ids = width["id"] >= max((len(a.id) for a in self.corpus.articles), default=0)
        short = self.corpus.short_ids
        for n in self.shown[:rows]:
            article = self.corpus.articles[n]
            mark = "A" if marks["a"] == n else ("B" if marks["b"] == n else "")
            source = Text(display(article.source)) if article.source else Text("unknown", style="italic")
            if cleaned:
                d = self.docs[n]
                line = d.headline
                counts = {"words": str(d.words), "sentences": str(len(d.sentences)), "bp": str(d.boilerplate_lines)}
            else:
                line = next((x for x in article.lines if x.strip()), "")
                counts = {"words": "…", "sentences": "…", "bp": "…"}
            cells = {
                "mark": Text(mark, style="bold reverse") if mark else Text(""),
                "id": Text(display(article.id if full_ids else short[article.id]), style="bold"),
                "source": source,
                "headline": Text(" ".join(display(line).split())),
                **{k: Text(v, justify="right") for k, v in counts.items()},
            }
            row = []
            for c in self._layout:
                cell = cells[c.key]
                cell.truncate(c.width, overflow="ellipsis")  # one line a row, cut with an ellipsis
                row.append(cell)
            table.add_row(*row, key=str(n))
        if keep in self.shown:
            table.move_cursor(row=self.shown.index(keep))
        self._show_marks()
        self._preview()

    def _selected(self) -> int | None:
        table = self.query_one("#articles", DataTable)
        if not self.shown or not (0 <= table.cursor_row < len(self.shown)):
            return None
        return self.shown[table.cursor_row]

    def _preview(self) -> None:
        n = self._selected()
        found = self.query("#preview")
        if not found:
            return  # mounted after the first frame
        preview = found.first(Static)
        if n is None:
            preview.update(Text("No article matches the filter.", style="italic"))
            return
        if not self.corpus.cleaned:
            preview.update(Text("Cleaning the articles…", style="italic dim"))
            return
        d = self.docs[n]
        text = Text()
        query = self._filter_value()
        if query:
            from ...core.search import only_in_boilerplate

            if only_in_boilerplate(d, query):  # a share bar's "Facebook" is no reason to read the story
                text.append(f"“{display(query.strip())}” is only in this article's boilerplate\n", style="italic")
        text.append(display(d.headline) + "\n", style="bold")
        # A page's own metadata (core/html.py): where it was published and when.
        text.append(display(d.id) + (f" · {display(d.article.url)}" if d.article.url else "") + "\n", style="dim")
        text.append(display(d.source or "source unknown"), style="italic")
        if d.article.published:
            text.append(f" · {display(d.article.published[:10])}", style="italic")
        text.append(f" · {d.words} words · {len(d.sentences)} sentences · {d.boilerplate_lines} boilerplate lines\n\n",
                    style="dim")
        body = [b.text for b in d.blocks if b.is_content and b.kind != "headline"]
        text.append(display("\n\n".join(body[:4]), multiline=True))
        kinds = sorted({b.kind for b in d.blocks if not b.is_content})
        if kinds:
            text.append("\n\nBoilerplate found: " + ", ".join(kinds), style="dim italic")
        preview.update(text)

    def _show_marks(self) -> None:
        marks = self.app.marks  # type: ignore[attr-defined]
        parts = []
        for key in ("a", "b"):
            n = marks[key]
            if n is None:
                parts.append(f"{key.upper()}: —")
                continue
            article = self.corpus.articles[n]
            short = display(self.corpus.short_ids[article.id])
            parts.append(f"{key.upper()}: {short} {display(article.source or '')}".rstrip())
        hint = "  ·  a/b mark articles, d diffs them" if None in marks.values() else "  ·  d diffs them"
        # One line; a narrow terminal cuts it with an ellipsis rather than mid-word.
        for line in self.query("#marks").results(Static):
            line.update(Text("   ".join(parts) + hint))

    # -- events -----------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_read()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#articles", DataTable).focus()
        self.action_read()  # Enter in the filter opens the first match, as it does in the list

    def on_key(self, event: Key) -> None:
        """Letters are commands (filtering starts with /); from the filter, up and down go back
        to the list, on the row the preview shows (the first match), not the one after it."""
        table = self.query_one("#articles", DataTable)
        if isinstance(self.focused, Input):
            if event.key in ("down", "up"):
                table.focus()
                event.stop()
        elif event.is_printable and event.character and event.key not in self.active_bindings:
            # A word typed at the list would stack one hint per letter: one every few seconds.
            now = time.monotonic()
            if now - self._hinted > HINT_EVERY:
                self._hinted = now
                self.notify("Press / to filter the list.", timeout=HINT_EVERY)

    # -- actions ----------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        move_table_cursor(self.query_one("#articles", DataTable), delta)

    def action_edge(self, end: int) -> None:
        move_table_cursor(self.query_one("#articles", DataTable), end=end)

    def action_read(self) -> None:
        n = self._selected()
        if n is not None:
            self.app.open_reader(n)  # type: ignore[attr-defined]

    def action_mark(self, key: str) -> None:
        n = self._selected()
        if n is None:
            return
        marks = self.app.marks  # type: ignore[attr-defined]
        other = "b" if key == "a" else "a"
        if marks[other] == n:
            marks[other] = None
        marks[key] = n
        self.refill(self._filter_value())

    def action_diff(self) -> None:
        marks = self.app.marks  # type: ignore[attr-defined]
        a, b = marks["a"], marks["b"]
        sel = self._selected()
        if a is None and b is None:
            self.notify("Mark two articles with a and b first (or mark A and press d on another).", timeout=4)
            return
        if b is None:
            b = sel if sel is not None and sel != a else None
        if a is None:
            a = sel if sel is not None and sel != b else None
        if a is None or b is None:
            self.notify("Mark a second article to compare with.", timeout=4)
            return
        self.app.open_diff(a, b)  # type: ignore[attr-defined]

    def action_facts(self) -> None:
        self.app.open_facts()  # type: ignore[attr-defined]

    def action_filter(self) -> None:
        for inp in self.query("#filter").results(Input):
            inp.focus()

    def action_clear_filter(self) -> None:
        for inp in self.query("#filter").results(Input):
            if inp.value:
                inp.value = ""
        self.query_one("#articles", DataTable).focus()
