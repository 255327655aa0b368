"""The diff: two articles aligned sentence by sentence, changed words highlighted."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ...core.align import Alignment, Row
from ...core.text import display
from ...core.worddiff import side_pieces
from ...render import changed_figures, highlight_pieces, is_weak, summary_line
from ..widgets.docview import Band, Cell, DocView
from .base import NARROW_BELOW, READING_CSS, NewsdiffScreen, TitleBar
from .picker import ArticlePicker

__all__ = ["DiffScreen"]

# Side by side from this screen width (columns); stacked below it.
SPLIT_AT = NARROW_BELOW
THRESHOLD_STEP = 5.0
# Seconds without another threshold key before the diff is aligned again.
RECOMPUTE_AFTER = 0.35


def _same_place(old: Row, rows: tuple[Row, ...]) -> int:
    """The row of ``rows`` holding what ``old`` held: the same sentences of A and B; else the same
    sentence of A, or of B (a pair that split, or an only-A row now paired); else the first row
    after it in A's reading order."""
    def a_of(r: Row) -> tuple[int, ...]:
        return r.a.sentences if r.a else ()

    def b_of(r: Row) -> tuple[int, ...]:
        return r.b.sentences if r.b else ()

    for test in (lambda r: a_of(r) == a_of(old) and b_of(r) == b_of(old),
                 lambda r: bool(set(a_of(r)) & set(a_of(old))),
                 lambda r: bool(set(b_of(r)) & set(b_of(old)))):
        found = next((n for n, r in enumerate(rows) if test(r)), None)
        if found is not None:
            return found
    if a_of(old):
        return next((n for n, r in enumerate(rows) if a_of(r) and min(a_of(r)) > min(a_of(old))), 0)
    return 0


class DiffScreen(NewsdiffScreen):
    SCREENSHOT_NAME = "diff"
    CSS_PATH = READING_CSS
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "next_change(1)", "Next change", id="next-change"),
        Binding("N", "next_change(-1)", "Prev change", show=False, id="previous-change"),
        Binding("m", "next_moved(1)", "Next moved", id="next-moved"),
        Binding("M", "next_moved(-1)", "Prev moved", show=False, id="previous-moved"),
        Binding("s", "swap", "Swap", id="swap"),
        Binding("a", "choose('a')", "Choose A", show=False, id="choose-a"),
        Binding("b", "choose('b')", "Choose B", show=False, id="choose-b"),
        Binding("plus,equals_sign", "threshold(1)", "Threshold +", show=False, id="threshold-up"),
        Binding("minus", "threshold(-1)", "Threshold −", show=False, id="threshold-down"),
        Binding("v", "layout", "Split/stacked", show=False, id="layout"),
    ]

    def __init__(self, a: int, b: int, focus: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.focus_sentence = focus
        self.alignment: Alignment | None = None
        self.layout_mode = "auto"
        self._recompute: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="diff-header", markup=False)
        yield DocView(self.render_row, spacing=1, highlight_item=True, id="diff-rows", classes="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DocView).focus()
        self._header(loading=True)
        # The screen is drawn before the alignment starts: a thread aligning long articles takes
        # half the interpreter's time, and the first frame would take twice as long.
        self.call_after_refresh(self.compute)

    @work(thread=True, exclusive=True, group="diff")
    def compute(self) -> None:
        worker = get_current_worker()
        # A newer request (another swap or threshold) cancels this one: it then gives up the
        # computation if it has not started, and never shows a stale result.
        al = self.app.alignment(self.a, self.b, cancelled=lambda: worker.is_cancelled)  # type: ignore[attr-defined]
        if al is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show, al)

    def _show(self, al: Alignment) -> None:
        """Draw ``al`` (the first alignment, or a new one: another threshold, a swap, better
        scores), with the cursor on the row of the sentences it was on, and that row where it
        was on screen."""
        view = self.query_one(DocView)
        old = self.alignment.rows[view.cursor] if self.alignment is not None and view.stops else None
        screen_row = view.item_lines(view.cursor).start - round(view.scroll_y) if old is not None else None
        self.alignment = al
        if self.focus_sentence is not None:
            side, sentence = self.focus_sentence
            cursor = next((n for n, r in enumerate(al.rows)
                           if getattr(r, side) and sentence in getattr(r, side).sentences), 0)
            self.focus_sentence = None
        else:
            cursor = _same_place(old, al.rows) if old is not None else 0
        view.set_items(list(al.rows), cursor=cursor)
        if screen_row is not None and 0 <= screen_row < view.size.height:
            view.scroll_to(y=view.item_lines(cursor).start - screen_row, animate=False, immediate=True)
        self._header()

    def _header(self, loading: bool = False) -> None:
        docs = self.app.corpus.documents  # type: ignore[attr-defined]
        da, db = docs[self.a], docs[self.b]
        self.title = f"{da.source or da.id}  ⟷  {db.source or db.id}"
        self.sub_title = "sentence diff"
        text = Text()
        narrow = self.size.width and self.size.width < NARROW_BELOW
        for label, d in (("A", da), ("B", db)):
            text.append(f" {label} ", style="bold reverse")
            text.append(f" {display(d.source or 'source unknown')} · {display(d.id)}", style="bold")
            # narrow terminals keep one line per article; the headlines are in the reader
            text.append("\n" if narrow else f"\n    {display(d.headline)}\n")
        if loading or self.alignment is None:
            text.append("Aligning…", style="italic")
        else:
            text.append(f"{summary_line(self.alignment)} · threshold {self.alignment.threshold:g}", style="bold")
        self.query_one("#diff-header", Static).update(text)

    def on_resize(self, event) -> None:
        super().on_resize(event)
        self._header(loading=self.alignment is None)

    # -- rendering -------------------------------------------------------------------------

    def _split(self) -> bool:
        # Decided by the screen's width, as the README says, not by the text column's.
        width = self.size.width or self.app.size.width
        return self.layout_mode == "split" or (self.layout_mode == "auto" and width >= SPLIT_AT)

    def render_row(self, row: Row, width: int, active: int | None) -> list[Band]:
        view = self.query_one(DocView)
        st = view.part
        delete, insert, only = st("docview--delete"), st("docview--insert"), st("docview--only")
        gutter, score_style, moved_style = st("docview--gutter"), st("docview--score"), st("docview--moved")

        weak = False
        if row.kind == "pair" and row.a and row.b:
            pa, pb = side_pieces(row.a.text, row.ops, "a"), side_pieces(row.b.text, row.ops, "b")
            weak = is_weak(pa, pb)
            shared = st("docview--shared") if weak else None
            figs = changed_figures(pa, pb)
            a_text = highlight_pieces(pa, delete, insert, shared=shared, unshared=st("docview--unshared"), figures=figs)
            b_text = highlight_pieces(pb, delete, insert, shared=shared, unshared=st("docview--unshared"), figures=figs)
        else:
            a_text = Text(display(row.a.text, multiline=True), style=only) if row.a else Text("only in B", style=gutter)
            b_text = Text(display(row.b.text, multiline=True), style=only) if row.b else Text("only in A", style=gutter)

        mark = Text(justify="center")
        if row.kind == "pair":
            mark.append(f"{row.score:.0f}", style=score_style)
            if weak:
                mark.append("\nweak", style=gutter)
            if row.moved:
                mark.append("\n↕ moved", style=moved_style)
        elif row.kind == "only_a":
            mark.append("◀ A", style=only)
        else:
            mark.append("B ▶", style=only)

        a_line = Text(str(row.a.line) if row.a else "", style=gutter, justify="right")
        b_line = Text(str(row.b.line) if row.b else "", style=gutter, justify="right")
        if self._split():
            return [[Cell(a_line, 4, "right"), Cell(a_text), Cell(mark, 7, "center"), Cell(b_text),
                     Cell(b_line, 4, "right")]]
        bands: list[Band] = []
        if row.a:
            bands.append([Cell(Text(f"A {row.a.line}", style=gutter), 7), Cell(a_text)])
        if row.b:
            bands.append([Cell(Text(f"B {row.b.line}", style=gutter), 7), Cell(b_text)])
        label = Text()
        if row.kind == "pair":
            label.append(f"similarity {row.score:.0f}", style=score_style)
            if weak:
                label.append("  weak: the shared words in bold", style=gutter)
            if row.moved:
                label.append("  ↕ moved", style=moved_style)
        else:
            label.append("only in A" if row.kind == "only_a" else "only in B", style=only)
        bands.append([Cell(Text(""), 7), Cell(label)])
        return bands


    # -- actions ---------------------------------------------------------------------------

    def _jump(self, direction: int, test, what: str = "changes") -> None:
        if self.alignment is None:
            return
        view = self.query_one(DocView)
        rows = self.alignment.rows
        n = len(rows)
        for off in range(1, n + 1):
            i = view.cursor + direction * off
            if not 0 <= i < n:
                break
            if test(rows[i]):
                view.cursor = i
                return
        self.notify(f"No more {what} {'below' if direction > 0 else 'above'}.", timeout=1.5)

    def action_next_change(self, direction: int) -> None:
        self._jump(direction, lambda r: r.kind != "pair" or any(o.op != "equal" for o in r.ops))

    def action_next_moved(self, direction: int) -> None:
        self._jump(direction, lambda r: r.moved, "moved pairs")

    def action_swap(self) -> None:
        stop = self.query_one(DocView).current_stop
        row = self.alignment.rows[stop[0]] if self.alignment and stop else None
        self.a, self.b = self.b, self.a
        if row is not None:
            side = row.b or row.a
            self.focus_sentence = ("a" if row.b else "b", side.sentences[0]) if side else None
        self.alignment = None
        self._header(loading=True)
        self.compute()

    def action_choose(self, side: str) -> None:
        current = self.a if side == "a" else self.b
        other = self.b if side == "a" else self.a

        def chosen(doc: int | None) -> None:
            if doc is None or doc == current:
                return
            if doc == other:
                self.notify("That article is already the other side; use s to swap.", timeout=3)
                return
            if side == "a":
                self.a = doc
            else:
                self.b = doc
            self.alignment = None
            self._header(loading=True)
            self.compute()

        self.app.push_screen(ArticlePicker(f"Choose article {side.upper()}", current), chosen)

    def action_threshold(self, direction: int) -> None:
        app = self.app
        new = min(100.0, max(THRESHOLD_STEP, app.threshold + direction * THRESHOLD_STEP))  # type: ignore[attr-defined]
        if new == app.threshold:  # type: ignore[attr-defined]
            return
        app.threshold = new  # type: ignore[attr-defined]
        self.notify(f"Threshold {new:g}", timeout=1.5)
        self._header(loading=True)
        # Keys pressed in a row (10 -> 30 is four presses) align once, when they stop.
        if self._recompute is not None:
            self._recompute.stop()
        self._recompute = self.set_timer(RECOMPUTE_AFTER, self.compute)

    def action_layout(self) -> None:
        order = ["auto", "split", "stacked"]
        self.layout_mode = order[(order.index(self.layout_mode) + 1) % 3]
        # Said in full, so that a press that changes nothing on screen (auto is already split)
        # still shows it was taken.
        now = "split" if self._split() else "stacked"
        shown = f"auto (split from {SPLIT_AT} columns: {now} now)" if self.layout_mode == "auto" else self.layout_mode
        self.notify(f"Layout: {shown}", timeout=2)
        self.query_one(DocView).refresh_items()

    def similarity_changed(self) -> None:
        """The corpus switched to another measure: align again (the cursor stays on the same
        sentences, as after a threshold change)."""
        self.compute()

    def action_back(self) -> None:
        self.app.pop_screen()
