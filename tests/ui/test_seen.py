"""What a person sees on each screen, read from the rendered lines and their styles (not the widgets'
state), in every bundled theme and with NO_COLOR."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.widgets import DataTable

from newsdiff.core.clean import Block
from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp
from newsdiff.ui.widgets.docview import DocView

from ..conftest import SEEDS
from .conftest import settle
from .seen import DECORATION, bar_at, contrast, screen_text, style_of, widget_rows

THEMES = ["newsroom", "newsprint", "contrast"]
LOOKS = [*THEMES, "no-color"]


def _app(look: str, monkeypatch, paths=None) -> NewsdiffApp:
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
        look = "newsroom"
    return NewsdiffApp(Corpus.load(paths or [SEEDS]), theme=look, remember_theme=False)


def _text(segs: list[Segment]) -> list[Segment]:
    """The runs of text (not blanks, bars or scrollbars)."""
    return [s for s in segs if s.style is not None and not set(s.text) <= DECORATION]


async def _scroll_rows(pilot, view: DocView):
    """Every screen row of ``view`` from top to bottom of its content: (item, segments)."""
    app = pilot.app
    seen: dict[int, list[Segment]] = {}
    view.scroll_to(y=0, animate=False, immediate=True)
    await pilot.pause()
    while True:
        top = round(view.scroll_y)
        content = view.content_region  # less the borders and padding
        for y, segs in widget_rows(app, view, content):
            seen.setdefault(top + y - content.y, segs)
        if top >= view.max_scroll_y:
            break
        view.scroll_to(y=top + view.size.height, animate=False, immediate=True)
        await pilot.pause()
    return [(view.item_at(line), segs) for line, segs in sorted(seen.items()) if view.item_at(line) is not None]


def _fg(seg: Segment):
    return tuple(seg.style.color.triplet) if seg.style and seg.style.color and seg.style.color.triplet else None


def _bg(seg: Segment):
    return tuple(seg.style.bgcolor.triplet) if seg.style and seg.style.bgcolor and seg.style.bgcolor.triplet else None


# -- reader ------------------------------------------------------------------------------------


@pytest.mark.parametrize("look", LOOKS)
async def test_reader_boilerplate_is_faint_on_every_wrapped_line(look: str, monkeypatch) -> None:
    app = _app(look, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        view = app.screen.query_one(DocView)
        rows = await _scroll_rows(pilot, view)
        items = view.items
        story = [s for i, segs in rows if isinstance(items[i], Block) and items[i].kind == "body"
                 for s in _text(segs) if s.text.strip().startswith("This is the shocking")]
        assert story, "the story's first sentence is on screen"
        story_fg, bg = _fg(story[0]), _bg(story[0])
        boiler = [(i, segs) for i, segs in rows if isinstance(items[i], Block) and not items[i].is_content]
        assert len({i for i, _ in boiler}) >= 3
        wrapped = 0
        for _, segs in boiler:
            text = _text(segs)
            if not text:
                continue  # the blank line after a block
            for seg in text:
                fg = _fg(seg)
                assert fg != story_fg and contrast(fg, _bg(seg) or bg) < contrast(story_fg, bg), (seg.text, look)
                assert seg.style.italic or seg.text.strip().isdigit(), seg.text  # all but the line number
            wrapped += 1
        assert wrapped > len({i for i, _ in boiler})  # blocks of more than one line were seen
        # The line numbers beside the story are muted too, on every line of a block.
        numbers = [s for i, segs in rows if isinstance(items[i], Block) and items[i].is_content
                   for s in _text(segs)[:1] if s.text.strip().isdigit()]
        assert numbers and all(_fg(s) != story_fg for s in numbers)
        # "● also in N" stands apart from the story's text.
        also = style_of(app, "● also in")
        assert also.color is not None and tuple(also.color.triplet) != story_fg


@pytest.mark.parametrize("look", ["newsroom", "no-color"])
async def test_the_hidden_boilerplate_line_is_faint_at_60_columns(look: str, monkeypatch) -> None:
    app = _app(look, monkeypatch)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        view = app.screen.query_one(DocView)
        rows = await _scroll_rows(pilot, view)
        hidden = [segs for i, segs in rows if not isinstance(view.items[i], Block)]
        lines = [_text(segs) for segs in hidden if _text(segs)]
        assert len(lines) >= 2  # "⋯ N lines of boilerplate hidden (...)" wraps at 60 columns
        story = {_fg(s) for i, segs in rows if isinstance(view.items[i], Block) and view.items[i].kind == "body"
                 for s in _text(segs)[2:]}
        assert len(story) == 1  # the story's text has one colour
        assert all(_fg(s) not in story and s.style.italic for line in lines for s in line)


# -- diff --------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["split", "stacked"])
@pytest.mark.parametrize("look", LOOKS)
async def test_diff_marks_survive_every_line_theme_and_no_color(look: str, size, monkeypatch) -> None:
    app = _app(look, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        rows = await _scroll_rows(pilot, view)
        al = screen.alignment
        only = [(i, segs) for i, segs in rows if al.rows[i].kind != "pair"]
        assert len({i for i, _ in only}) >= 5
        for i, segs in only:
            row = al.rows[i]
            own = (row.a or row.b).text
            for seg in _text(segs):
                if seg.text.strip() in own and len(seg.text.strip()) > 3:
                    assert seg.style.italic, (seg.text, look)
        multi = [i for i in {i for i, _ in only} if sum(1 for j, _ in only if j == i) > 2]
        assert multi, "an only-A/B sentence that wraps"
        struck = [s for _, segs in rows for s in _text(segs) if s.style.strike]
        underlined = [s for _, segs in rows for s in _text(segs) if s.style.underline]
        deleted = {al.rows[i].a.text[o.a[0]:o.a[1]].strip() for i in range(len(al.rows)) if al.rows[i].kind == "pair"
                   for o in al.rows[i].ops if o.op == "delete"}
        inserted = {al.rows[i].b.text[o.b[0]:o.b[1]].strip() for i in range(len(al.rows)) if al.rows[i].kind == "pair"
                    for o in al.rows[i].ops if o.op == "insert"}
        assert struck and underlined
        assert all(any(s.text.strip() in d for d in deleted) for s in struck)
        assert all(any(s.text.strip() in t for t in inserted) for s in underlined)
        assert "in a vehicle as" in " ".join(" ".join(s.text for s in struck).split())


async def test_a_weak_pair_shows_what_it_shares(monkeypatch) -> None:
    """A pair sharing less than half its words: the shared words are bold, nothing but a changed
    figure is struck or underlined; a strong pair keeps its struck and underlined words."""
    from newsdiff.core.worddiff import side_pieces
    from newsdiff.render import is_weak

    app = _app("newsroom", monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        screen = app.screen
        al = screen.alignment
        weak = [n for n, r in enumerate(al.rows) if r.kind == "pair"
                and is_weak(side_pieces(r.a.text, r.ops, "a"), side_pieces(r.b.text, r.ops, "b"))]
        strong = [n for n, r in enumerate(al.rows) if r.kind == "pair" and n not in weak
                  and any(o.op != "equal" for o in r.ops)]
        assert weak and strong
        view = screen.query_one(DocView)
        for n, want_weak in ((weak[0], True), (strong[0], False)):
            view.cursor = n
            await settle(pilot)
            lines = view.item_lines(n)
            segs = [s for y, row in widget_rows(app, view, view.content_region)
                    if round(view.scroll_y) + y - view.content_region.y in lines for s in _text(row)]
            marked = [s for s in segs if s.style.strike or s.style.underline]
            row = al.rows[n]
            shared = [p.strip() for p, kind in side_pieces(row.a.text, row.ops, "a") if kind == "equal" and p.strip()]
            bold = " ".join(" ".join(s.text for s in segs if s.style.bold).split())
            if want_weak:
                from newsdiff.render import _has_figure

                assert all(_has_figure(s.text) for s in marked), [s.text for s in marked]  # figures only
                assert shared and all(" ".join(p.split()) in bold for p in shared if len(p) > 3)
                assert "weak" in " ".join(s.text for s in segs)  # the mark column says so
            else:
                assert marked


async def test_the_diff_is_side_by_side_from_100_columns(monkeypatch) -> None:
    for width, split in ((99, False), (100, True)):
        app = _app("newsroom", monkeypatch)
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(pilot)
            app.open_diff(0, 4)
            await settle(pilot)
            text = "\n".join(screen_text(app))
            # side by side, an only-A/B row has its mark in the middle column; stacked, a label line
            assert ("◀ A" in text or "B ▶" in text) is split, width
            assert ("only in A" in text or "only in B" in text)


# -- facts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("look", LOOKS)
async def test_fact_detail_disagreement_and_own_words_are_marked(look: str, monkeypatch) -> None:
    app = _app(look, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        n = next(k for k, f in enumerate(screen.facts) if f.disagreements)
        table.move_cursor(row=n)
        await settle(pilot)
        view = screen.query_one(DocView)
        rows = await _scroll_rows(pilot, view)
        head = [_text(segs) for i, segs in rows if i == 0]
        assert len(head) >= 2  # the ◆ line and its note wrap at 80 columns
        diamond = head[0][0]
        assert diamond.text.startswith("◆") and (diamond.style.reverse or diamond.style.bold)
        story_fg = _fg(next(s for i, segs in rows if i > 0 for s in _text(segs)[1:] if not s.style.underline))
        own = [s for i, segs in rows if i > 0 for s in _text(segs) if s.style.underline]
        assert own, "each outlet's own words are underlined"
        for s in own:
            assert contrast(_fg(s), _bg(s)) >= 4.5, (s.text, look)  # never black on black
        assert all(_fg(s) != story_fg or _bg(s) != _bg(own[0]) for s in own)


# -- focus -------------------------------------------------------------------------------------


@pytest.mark.parametrize("look", ["newsroom", "no-color"])
async def test_the_focused_pane_has_a_bar_and_only_it(look: str, monkeypatch) -> None:
    app = _app(look, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table, preview = screen.query_one("#articles"), screen.query_one("#preview-pane")
        assert bar_at(app, table) and not bar_at(app, preview)
        await pilot.press("tab")
        await pilot.pause()
        assert bar_at(app, preview) and not bar_at(app, table)
        app.open_reader(0)
        await settle(pilot)
        text, side = app.screen.query_one("#reader-text"), app.screen.query_one("#crossref-pane")
        assert bar_at(app, text) and not bar_at(app, side)
        await pilot.press("tab")
        await pilot.pause()
        assert bar_at(app, side) and not bar_at(app, text)
        await pilot.press("j")  # the side pane scrolls with the list keys
        await pilot.press("shift+tab", "j")
        assert app.screen._sentence_of(text.current_stop) == 1
        app.open_facts()
        await settle(pilot)
        grid, detail = app.screen.query_one("#facts-grid"), app.screen.query_one("#fact-detail")
        assert bar_at(app, grid) and not bar_at(app, detail)
        await pilot.press("tab")
        await pilot.pause()
        assert bar_at(app, detail) and not bar_at(app, grid)


async def test_the_chosen_outlet_in_the_side_panel_is_scrolled_into_view(monkeypatch) -> None:
    app = _app("newsroom", monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        # a sentence whose fact the most other outlets report
        best = max(range(len(view.stops)), key=lambda n: len(screen._others() if view.cursor == n else []) or 0)
        for n in range(len(view.stops)):
            view.cursor = n
            await pilot.pause()
            if len(screen._others()) >= 3:
                best = n
                break
        view.cursor = best
        await settle(pilot)
        others = screen._others()
        assert len(others) >= 3
        pane = screen.query_one("#crossref-pane")
        for k in range(1, len(others)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            chosen = screen.app.corpus.short_ids[screen.app.corpus.documents[others[k].doc].id]
            rows = [("".join(s.text for s in segs)) for _, segs in widget_rows(app, pane)]
            assert any(r.strip().startswith(f"▶ {chosen} ") for r in rows), (k, rows)
