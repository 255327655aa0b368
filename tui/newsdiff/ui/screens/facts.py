"""Facts across all articles: a facts x outlets grid, and each outlet's wording of the selected fact
with the differing words and the quantities highlighted."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ...core.facts import Disagreement, Fact, Mention
from ...core.text import display
from ...render import STATEMENT_MIN, fact_outlets, hidden_disagrees, outlet_columns, outlet_marks
from ..widgets.docview import Band, Cell, DocView
from .base import READING_CSS, ListTable, NewsdiffScreen, TitleBar, list_keys, move_table_cursor, plural

__all__ = ["FactsScreen"]


class FactsScreen(NewsdiffScreen):
    SCREENSHOT_NAME = "facts"
    CSS_PATH = READING_CSS
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("d", "diff", "Diff", id="diff"),
        Binding("enter", "read", "Read", id="read"),
        *list_keys(half_page=8),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.facts: list[Fact] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(Text("Finding facts across the articles…", style="italic"), id="facts-summary", markup=False)
        yield ListTable(id="facts-grid", cursor_type="row", classes="pane")
        yield DocView(self.render_item, spacing=1, highlight_item=True, id="fact-detail", classes="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Facts"
        self.sub_title = f"across {plural(len(self.app.corpus.documents), 'article')}"  # type: ignore[attr-defined]
        self.query_one(DataTable).focus()
        self.compute()

    @work(thread=True, exclusive=True, group="facts")
    def compute(self) -> None:
        facts = [f for f in self.app.facts() if len(f.articles) > 1]  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, facts)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        if self.facts:
            self._show(self.facts)

    def _show(self, facts: list[Fact]) -> None:
        self.facts = facts
        docs = self.app.corpus.documents  # type: ignore[attr-defined]
        self._short = short = {k: display(v) for k, v in self.app.corpus.short_ids.items()}  # type: ignore[attr-defined]
        self._longest_id = max((len(v) for v in short.values()), default=0)  # the detail's label column
        self._by_id = {d.id: d for d in docs}
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # The grid's own width, less its focus bar and scrollbar.
        total = table.scrollable_content_region.width or (self.size.width or 80) - 2
        col = max(3, *(len(v) for v in short.values()))
        # The statement takes what the marks leave; outlets that do not fit are counted in "+N".
        reporting, apart = fact_outlets(docs, facts)
        shown = outlet_columns(reporting, facts, total - 7 - 6 - STATEMENT_MIN, col + 2)
        hidden = len(reporting) - len(shown)
        width = max(20, total - 7 - (col + 2) * len(shown) - (7 if hidden else 0) - 6)
        table.add_column("fact", key="fact", width=5)
        table.add_column("statement", key="statement", width=width)
        for d in shown:
            table.add_column(Text(short[d.id], justify="center"), key=d.id, width=col)
        if hidden:
            table.add_column(Text(f"+{hidden}", justify="right"), key="+others", width=5)
        disagree = self.query_one(DocView).part("docview--disagree")  # the detail's ◆ look
        look = {"disagrees": Text("◆", style=disagree, justify="center"), "reports": Text("●", justify="center"),
                "absent": Text("·", style=self.query_one(DocView).part("docview--gutter"), justify="center")}
        for f in facts:
            marks, others = outlet_marks(f, shown)
            cells = [look[m] for m in marks]
            if hidden:
                if hidden_disagrees(f, shown):  # a disagreeing outlet without a column: ◆ beside the count
                    cells.append(Text.assemble((str(others), "dim"), ("◆", disagree), justify="right"))
                else:
                    cells.append(Text(str(others) if others else "", style="dim", justify="right"))
            fid = Text(f.id + ("!" if f.disagreements else ""), style="bold" if f.disagreements else "")
            statement = Text(" ".join(display(f.mentions[0].text).split()), no_wrap=True, overflow="ellipsis")
            statement.truncate(width, overflow="ellipsis")
            table.add_row(fid, statement, *cells, key=f.id)
        n_dis = sum(len(f.disagreements) for f in facts)
        summary = Text()
        if len(docs) < 2:
            summary.append("Facts compare outlets: load two or more articles of the story "
                           f"({plural(len(docs), 'article')} loaded).", style="bold")
        else:
            summary.append(f"{plural(len(facts), 'fact')} reported by two or more articles, "
                           f"{plural(n_dis, 'disagreement')}", style="bold")
            if apart and facts:
                summary.append(f" · {plural(len(apart), 'article')} without a shared fact: "
                               + ", ".join(short[d.id] for d in apart), style="italic")
            summary.append("\n")
            summary.append("◆ disagrees   ● reports it   · does not report it")
            if hidden:
                summary.append(f"   +{hidden}: outlets without a column (◆: one of them disagrees)")
        self.query_one("#facts-summary", Static).update(summary)
        self._detail()

    def _selected(self) -> Fact | None:
        table = self.query_one(DataTable)
        if not self.facts or not 0 <= table.cursor_row < len(self.facts):
            return None
        return self.facts[table.cursor_row]

    def _detail(self) -> None:
        fact = self._selected()
        view = self.query_one(DocView)
        if fact is None:
            docs = self.app.corpus.documents  # type: ignore[attr-defined]
            message = ("No fact is reported by two or more articles." if len(docs) > 1 else
                       "With one article there is nothing to compare: open newsdiff on the folder or files "
                       "of several outlets' articles about the same story.")
            view.set_items([Text(message, style="italic")])
            return
        items: list[object] = [*fact.disagreements, *fact.mentions]
        view.set_items(items)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on the grid: the table takes the key before the screen's binding does.
        self.action_read()

    def render_item(self, item: object, width: int, active: int | None) -> list[Band]:
        view = self.query_one(DocView)
        st = view.part
        # Wide enough for the outlets' ids (a long short id would fold mid-word), up to a third.
        base = 18 if width >= 90 else 13
        label_w = max(base, min(self._longest_id + 1, width // 3))
        if isinstance(item, Text):
            return [[Cell(item)]]
        if isinstance(item, Disagreement):
            head = Text("◆ " + item.kind, style=st("docview--disagree"))
            note = Text(display(item.note))
            return [[Cell(head, label_w), Cell(note)]]
        assert isinstance(item, Mention)
        fact = self._selected()
        assert fact is not None
        d = self._by_id[item.article]
        label = Text.assemble((f"{self._short[d.id]}\n", "bold"), (display(d.source or "source unknown"), "italic"))
        label.append(f"\nline {item.line}", style=st("docview--gutter"))
        if item.secondary:
            label.append("\nits 2nd sentence", style=st("docview--gutter"))
        text = Text(display(item.text, multiline=True))  # one for one on loaded text: offsets hold
        note = self._link_note(fact, item)
        if note:
            text.append("\n" + note, style=st("docview--gutter"))
        for start, end in fact.differing_spans(item):
            text.stylize(st("docview--differ"), start, end)
        for q in item.quantities:
            text.stylize(st("docview--disagree") if fact.disputed(q) else st("docview--quantity"), q.start, q.end)
        return [[Cell(label, label_w), Cell(text)]]

    def _link_note(self, fact: Fact, mention: Mention) -> str:
        """Why a mention is in the fact although the diff of its article with the first outlet's does
        not pair it with the first mention: the outlets whose diffs do pair it (a fact's members are
        each paired with at least half of the others, not all)."""
        first = fact.mentions[0]
        if mention.secondary or mention.article == first.article or _paired(fact, first.article, mention.article):
            return ""
        through = [self._short[a] for a in fact.articles
                   if a != mention.article and _paired(fact, a, mention.article)]
        return (f"not paired with {self._short[first.article]} in their diff; in this fact through "
                f"{', '.join(through) or 'its split sentence'}")

    # -- actions ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        move_table_cursor(self.query_one(DataTable), delta)

    def action_edge(self, end: int) -> None:
        move_table_cursor(self.query_one(DataTable), end=end)

    def action_diff(self) -> None:
        fact = self._selected()
        if fact is None or len(fact.articles) < 2:
            return
        # The first outlet and the first other outlet its diff pairs it with (so the diff opens at
        # the pair); failing that, the first other outlet (a secondary mention is the same outlet's
        # second sentence).
        first = fact.mentions[0]
        others = [m for m in fact.mentions if m.article != first.article and not m.secondary]
        second = next((m for m in others if _paired(fact, first.article, m.article)), None) or \
            next(m for m in fact.mentions if m.article != first.article)
        self.app.open_diff(first.doc, second.doc, ("a", first.sentence))  # type: ignore[attr-defined]

    def action_read(self) -> None:
        fact = self._selected()
        if fact is None:
            return
        view = self.query_one(DocView)
        mention = fact.mentions[0]
        if self.focused is view and view.current_stop is not None:
            item = view.items[view.current_stop[0]]
            if isinstance(item, Mention):
                mention = item
        self.app.open_reader(mention.doc, mention.sentence)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()


def _paired(fact: Fact, a: str, b: str) -> bool:
    """Whether the diff of articles ``a`` and ``b`` pairs their mentions of ``fact``."""
    return (a, b) in fact.paired or (b, a) in fact.paired
