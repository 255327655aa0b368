"""The reader: one article's blocks, boilerplate dimmed with its kind, a sentence cursor, and for
the current sentence, which other outlets report the same fact."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widgets import Footer, Input, Static

from ...core.clean import Block
from ...core.document import Document
from ...core.text import display
from ..widgets.docview import ACTIVE, Band, Cell, DocView
from .base import READING_CSS, NewsdiffScreen, TextPane, TitleBar, plural

__all__ = ["ReaderScreen"]


class _Hidden:
    """A run of hidden boilerplate blocks, shown as one line."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks

    @property
    def lines(self) -> int:
        return sum(b.end_line - b.line + 1 for b in self.blocks)


class ReaderScreen(NewsdiffScreen):
    SCREENSHOT_NAME = "reader"
    CSS_PATH = READING_CSS
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("h", "toggle_boilerplate", "Boilerplate", id="toggle-boilerplate"),
        Binding("enter", "jump", "Diff here", id="jump"),
        Binding("right_square_bracket", "other(1)", "Next outlet", show=False, id="next-outlet"),
        Binding("left_square_bracket", "other(-1)", "Previous outlet", show=False, id="previous-outlet"),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "next_match(1)", "Next match", show=False, id="next-match"),
        Binding("N", "next_match(-1)", "Previous match", show=False, id="previous-match"),
    ]

    def __init__(self, doc: int, sentence: int | None = None) -> None:
        super().__init__()
        self.doc_index = doc
        self.start_sentence = sentence
        self.show_boilerplate = True
        self.query_text = ""
        self.facts_by_sentence: dict[int, object] | None = None
        self.also_in: dict[int, int] = {}  # block index -> most other outlets reporting one of its facts
        self.other_choice = 0
        self._choice_sentence: int | None = None

    @property
    def doc(self) -> Document:
        return self.app.corpus.documents[self.doc_index]  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="reader-body"):
            yield DocView(self.render_item, spacing=1, highlight_item=False, id="reader-text", classes="pane")
            with TextPane(id="crossref-pane", classes="pane"):  # focusable: tab to it and scroll with the keys
                yield Static(id="crossref", markup=False)
        yield Input(placeholder="Search this article (Enter to find, n/N next/previous, Esc to close)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        d = self.doc
        self._sentence_at = {(s.block, s.start): s.index for s in d.sentences}
        self.title = d.source or d.id
        self.sub_title = d.headline
        self.query_one("#search", Input).display = False
        self._fill()
        view = self.query_one(DocView)
        if self.start_sentence is not None:
            view.move_to_stop(self._stop_of(self.start_sentence))
        view.focus()
        self._update_crossref()
        self.load_facts()

    # -- content ----------------------------------------------------------------------------

    def _fill(self) -> None:
        view = self.query_one(DocView)
        keep = view.current_stop
        sentence = self._sentence_of(keep) if keep else None  # read against the items shown so far
        items: list[object] = []
        hidden: list[Block] = []
        for b in self.doc.blocks:
            if not b.is_content and not self.show_boilerplate:
                hidden.append(b)
                continue
            if hidden:
                items.append(_Hidden(hidden))
                hidden = []
            items.append(b)
        if hidden:
            items.append(_Hidden(hidden))
        self._items = items
        stops = []
        for n, item in enumerate(items):
            if isinstance(item, Block) and item.is_content:
                stops.extend((n, k) for k in range(len(item.sentences)))
        # The cursor stays on its sentence, set with the items: one CursorMoved, for that sentence.
        at = {stop: n for n, stop in enumerate(stops)}.get(self._stop_of(sentence), 0) if sentence is not None else 0
        view.set_items(items, stops, cursor=at)

    def _sentence_of(self, stop: tuple[int, int] | None) -> int | None:
        """Global content-sentence index of a stop."""
        if stop is None or not hasattr(self, "_items"):
            return None
        item = self._items[stop[0]]
        if not isinstance(item, Block):
            return None
        return self._sentence_at.get((item.index, item.sentences[stop[1]].start))

    def _stop_of(self, sentence: int) -> tuple[int, int]:
        s = self.doc.sentences[sentence]
        for n, item in enumerate(self._items):
            if isinstance(item, Block) and item.index == s.block:
                k = next((k for k, sp in enumerate(item.sentences) if sp.start == s.start), 0)
                return (n, k)
        return (0, 0)

    def render_item(self, item: object, width: int, active: int | None) -> list[Band]:
        view = self.query_one(DocView)
        st = view.part
        gutter_w = 4
        kind_w = 14 if width >= 50 else 10
        text_w = None
        if isinstance(item, _Hidden):
            kinds = ", ".join(sorted({b.kind for b in item.blocks}))
            plural = "s" if item.lines != 1 else ""
            msg = Text(f"⋯ {item.lines} line{plural} of boilerplate hidden ({kinds}) — h shows them",
                       style=st("docview--boilerplate"))
            return [[Cell(Text(""), gutter_w), Cell(Text(""), kind_w), Cell(msg, text_w)]]
        assert isinstance(item, Block)
        line = Text(str(item.line), style=st("docview--gutter"), justify="right")
        if not item.is_content:
            body = Text(display(item.text, multiline=True), style=st("docview--boilerplate"))
            self._mark_matches(body, st("docview--match"))
            body.append("\n↳ " + display(item.reason), style=st("docview--boilerplate") + Style(italic=True))
            kind = Text(item.kind, style=st("docview--kind"))
            return [[Cell(line, gutter_w, "right"), Cell(kind, kind_w), Cell(body, text_w)]]
        body = Text(display(item.text, multiline=True),
                    style=st("docview--headline") if item.kind == "headline" else "")
        also = self.also_in.get(item.index, 0)
        reported = f"● also in {also}" if also else ""
        for k, span in enumerate(item.sentences):
            if k == active:
                body.stylize(st("docview--sentence") + Style(meta=ACTIVE), span.start, span.end)
        self._mark_matches(body, st("docview--match"))
        marks = Text(reported, style=st("docview--label")) if reported else Text("")
        return [[Cell(line, gutter_w, "right"), Cell(marks, kind_w), Cell(body, text_w)]]

    def _mark_matches(self, text: Text, style: Style) -> None:
        if self.query_text:
            for m in re.finditer(re.escape(self.query_text), text.plain, re.I):
                text.stylize(style, m.start(), m.end())

    # -- facts ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="reader-facts")
    def load_facts(self) -> None:
        facts = self.app.facts()  # type: ignore[attr-defined]
        mine = {m.sentence: f for f in facts for m in f.mentions if m.doc == self.doc_index}
        self.app.call_from_thread(self._facts_ready, mine)

    def _facts_ready(self, mine: dict) -> None:
        self.facts_by_sentence = mine
        # The gutter note of each block: the most other outlets that report a fact of its sentences.
        self.also_in = {}
        for s in self.doc.sentences:
            fact = mine.get(s.index)
            if fact is not None:
                self.also_in[s.block] = max(self.also_in.get(s.block, 0), len(fact.articles) - 1)
        self.query_one(DocView).refresh_items()
        self._update_crossref()

    def _others(self) -> list:
        view = self.query_one(DocView)
        sentence = self._sentence_of(view.current_stop)
        if sentence is None or self.facts_by_sentence is None:
            return []
        fact = self.facts_by_sentence.get(sentence)
        if fact is None:
            return []
        return [m for m in fact.mentions if m.doc != self.doc_index]  # type: ignore[attr-defined]

    def _update_crossref(self) -> None:
        panel = self.query_one("#crossref", Static)
        view = self.query_one(DocView)
        sentence = self._sentence_of(view.current_stop)
        if sentence is None:
            panel.update(Text("No sentence selected.", style="italic"))
            return
        s = self.doc.sentences[sentence]
        head = Text()  # appended parts keep their own styles (a Text's own style would cover them all)
        head.append(f"Sentence {sentence + 1} of {len(self.doc.sentences)} · line {s.line}\n\n", style="bold")
        if self.facts_by_sentence is None:
            panel.update(head.append("Looking for this fact in the other outlets…", style="italic"))
            return
        others = self._others()
        if not others:
            panel.update(head.append("No other loaded article reports this fact.", style="italic"))
            return
        self.other_choice %= len(others)
        docs = self.app.corpus.documents  # type: ignore[attr-defined]
        short = self.app.corpus.short_ids  # type: ignore[attr-defined]
        outlets = len({m.doc for m in others})
        head.append(f"Also reported by {plural(outlets, 'other outlet')}:\n\n")
        parts = [head]
        for n, m in enumerate(others):
            chosen = n == self.other_choice
            d = docs[m.doc]
            parts.append(Text.assemble(
                ("▶ " if chosen else "  ", "bold"),
                (f"{display(short[d.id])} {display(d.source or 'source unknown')}, line {m.line}",
                 "bold reverse" if chosen else "bold"),
                "\n", display(m.text), "\n\n"))
        parts.append(Text("Enter: open the diff at this pair · [ ] choose the outlet", style="italic"))
        panel.update(Text("").join(parts))
        self._show_choice(parts, 1 + self.other_choice)

    def _show_choice(self, parts: list[Text], chosen: int) -> None:
        """Scroll the side panel so the chosen outlet's entry is in view (at 80x24 the panel shows
        a few lines, and Enter must not open a diff with an outlet the reader never saw)."""
        pane = self.query_one("#crossref-pane", TextPane)
        width = pane.scrollable_content_region.width
        if width <= 0:
            self.call_after_refresh(self._update_crossref)
            return
        console = self.app.console
        heights = [len(p.wrap(console, width)) - (1 if p.plain.endswith("\n") else 0) for p in parts]
        top = sum(heights[:chosen])
        pane.scroll_to_region(Region(0, top, width, heights[chosen]), animate=False, immediate=True)

    def on_doc_view_cursor_moved(self, event: DocView.CursorMoved) -> None:
        # The chosen outlet is kept while the sentence stays (the view re-posts its cursor when
        # the reader comes back from the diff opened with that outlet).
        sentence = self._sentence_of(event.position)
        if sentence != self._choice_sentence:
            self.other_choice = 0
            self._choice_sentence = sentence
        if self.is_mounted:
            self._update_crossref()

    # -- actions ----------------------------------------------------------------------------

    def similarity_changed(self) -> None:
        """The corpus switched to another measure: find this article's facts again."""
        self.load_facts()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.query_one(DocView).focus()
            return
        self.app.pop_screen()

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        self._fill()
        self.notify("Boilerplate " + ("shown" if self.show_boilerplate else "hidden"), timeout=2)

    def action_other(self, delta: int) -> None:
        others = self._others()
        if others:
            self.other_choice = (self.other_choice + delta) % len(others)
            self._update_crossref()

    def action_jump(self) -> None:
        others = self._others()
        if not others:
            self.notify("No other outlet reports this sentence's fact.", timeout=3)
            return
        view = self.query_one(DocView)
        sentence = self._sentence_of(view.current_stop)
        other = others[self.other_choice % len(others)]
        self.app.open_diff(self.doc_index, other.doc, ("a", sentence))  # type: ignore[attr-defined]

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip()
        view = self.query_one(DocView)
        view.refresh_items()
        view.focus()
        self.query_one("#search", Input).display = False
        if self.query_text:
            self.action_next_match(1, include_current=True)

    def action_next_match(self, direction: int, include_current: bool = False) -> None:
        if not self.query_text:
            self.notify("Search first with /", timeout=2)
            return
        view = self.query_one(DocView)
        rx = re.compile(re.escape(self.query_text), re.I)
        n = len(view.stops)
        start = view.cursor
        offsets = range(0 if include_current else 1, n + 1)
        for off in offsets:
            i = (start + direction * off) % n
            item_index, k = view.stops[i]
            item = self._items[item_index]
            span = item.sentences[k]
            if rx.search(span.text):
                view.cursor = i
                return
        self._not_in_story(rx)

    def _not_in_story(self, rx: re.Pattern) -> None:
        """No sentence of the story has the words: say whether the boilerplate has them, and show
        the first such block when it is on the page (the cursor moves by story sentences only)."""
        found = [b for b in self.doc.blocks if not b.is_content and rx.search(b.text)]
        if not found:
            self.notify(f"'{self.query_text}' is not in this article", timeout=3)
            return
        where = ", ".join(f"{b.kind} on line {b.line}" for b in found[:3]) + (" …" if len(found) > 3 else "")
        if not self.show_boilerplate:
            self.notify(f"'{self.query_text}' is only in the hidden boilerplate ({where}); h shows it", timeout=4)
            return
        self.notify(f"'{self.query_text}' is only in the boilerplate ({where})", timeout=4)
        view = self.query_one(DocView)
        item = next(n for n, it in enumerate(self._items) if it is found[0])
        lines = view.item_lines(item)
        view.scroll_to_region(Region(0, lines.start, 1, len(lines)), animate=False, immediate=True)
