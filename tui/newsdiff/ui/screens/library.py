"""The start screen: the loaded articles, a preview, marks for a diff, and a fuzzy filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.widgets import DataTable, Footer, Header, Input, Static

from ...core.article import short_ids
from ...core.text import display
from .base import NewsdiffScreen, list_keys, move_table_cursor

if TYPE_CHECKING:
    from ...core.corpus import Corpus
    from ...core.document import Document

__all__ = ["LibraryScreen"]

class LibraryScreen(NewsdiffScreen):
    SCREENSHOT_NAME = "library"
    # Focus the list when the screen starts, not the filter above it, and only once: each focus
    # change makes the footer rebuild its keys.
    AUTO_FOCUS = "#articles"
    BINDINGS = [
        Binding("enter", "read", "Read", priority=True, id="read"),
        Binding("a", "mark('a')", "Mark A", id="mark-a"),
        Binding("b", "mark('b')", "Mark B", id="mark-b"),
        Binding("d", "diff", "Diff", id="diff"),
        Binding("f", "facts", "Facts", id="facts"),
        Binding("slash", "filter", "Filter", show=False, id="filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        *list_keys(half_page=5),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ filter: type words of a headline, source or text", select_on_focus=False,
                    id="filter")
        with Horizontal(id="library-body"):
            yield DataTable(id="articles", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="preview-pane"):  # focusable: tab to it and scroll with the keys
                yield Static(id="preview", markup=False)
        yield Static(id="marks", markup=False)
        yield Footer()

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    @property
    def docs(self) -> list[Document]:
        return self.corpus.documents

    def on_mount(self) -> None:
        self.sub_title = f"{len(self.corpus.articles)} articles"
        table = self.query_one("#articles", DataTable)
        self._table_width = self.app.size.width  # the list spans the screen
        self._columns(table, self._table_width)
        self.refill()
        if not self.corpus.cleaned:
            # The list is drawn from the files alone; cleaning (a few ms an article) runs after the
            # first frame, in a thread, and the counts, preview and filter follow when it is done.
            self.call_after_refresh(self._clean)

    @work(thread=True, exclusive=True, group="clean")
    def _clean(self) -> None:
        self.corpus.documents  # noqa: B018
        self.app.call_from_thread(self._cleaned)

    def _cleaned(self) -> None:
        self.refill(self.query_one("#filter", Input).value)

    # One line per article; the headline column takes the width the others leave and is cut with an
    # ellipsis (the preview shows it whole).
    FIXED = (("", "mark", 1), ("id", "id", 4), ("source", "source", 14), ("words", "words", 5),
             ("sent.", "sentences", 5), ("bp", "bp", 3))

    def _columns(self, table: DataTable, width: int) -> None:
        table.clear(columns=True)
        fixed = sum(w + 2 for _, _, w in self.FIXED)
        self._headline_width = max(12, width - fixed - 2 - 2)
        for label, key, w in self.FIXED[:3]:
            table.add_column(label, key=key, width=w)
        table.add_column("headline", key="headline", width=self._headline_width)
        for label, key, w in self.FIXED[3:]:
            table.add_column(Text(label, justify="right"), key=key, width=w)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        if event.size.width and event.size.width != getattr(self, "_table_width", 0):
            self._table_width = event.size.width
            self._columns(self.query_one("#articles", DataTable), event.size.width)
            self.refill(self.query_one("#filter", Input).value)

    def refill(self, query: str = "") -> None:
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
        short = short_ids([a.id for a in self.corpus.articles])
        for n in self.shown:
            article = self.corpus.articles[n]
            mark = "A" if marks["a"] == n else ("B" if marks["b"] == n else "")
            source = Text(display(article.source), no_wrap=True, overflow="ellipsis") if article.source \
                else Text("unknown", style="italic")
            source.truncate(14, overflow="ellipsis")
            if cleaned:
                d = self.docs[n]
                line = d.headline
                counts = [str(d.words), str(len(d.sentences)), str(d.boilerplate_lines)]
            else:
                line = next((x for x in article.lines if x.strip()), "")
                counts = ["…", "…", "…"]
            headline = Text(" ".join(display(line).split()), no_wrap=True, overflow="ellipsis")
            headline.truncate(getattr(self, "_headline_width", 60), overflow="ellipsis")
            table.add_row(Text(mark, style="bold reverse") if mark else Text(""),
                          Text(display(short[article.id]), style="bold"),
                          source, headline, *(Text(c, justify="right") for c in counts), key=str(n))
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
        preview = self.query_one("#preview", Static)
        if n is None:
            preview.update(Text("No article matches the filter.", style="italic"))
            return
        if not self.corpus.cleaned:
            preview.update(Text("Cleaning the articles…", style="italic dim"))
            return
        d = self.docs[n]
        text = Text()
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
            parts.append(f"{key.upper()}: {display(self.corpus.articles[n].id) if n is not None else '—'}")
        hint = "  ·  a/b mark the selected article, d shows their diff" if None in marks.values() else "  ·  d: diff"
        self.query_one("#marks", Static).update(Text("   ".join(parts) + hint))

    # -- events -----------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_read()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#articles", DataTable).focus()

    def on_key(self, event: Key) -> None:
        """Typing filters: a printable key the list does not use goes to the filter."""
        table = self.query_one("#articles", DataTable)
        if self.focused is table and event.is_printable and event.character and event.character not in "abdfgjkqGST?/":
            inp = self.query_one("#filter", Input)
            inp.focus()
            inp.insert_text_at_cursor(event.character)
            event.stop()
        elif isinstance(self.focused, Input) and event.key in ("down", "up"):
            table.focus()
            table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()

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
        self.refill(self.query_one("#filter", Input).value)

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
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        inp = self.query_one("#filter", Input)
        if inp.value:
            inp.value = ""
        self.query_one("#articles", DataTable).focus()
