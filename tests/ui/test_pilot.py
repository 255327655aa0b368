"""Every key path of the app, driven headless with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from newsdiff.ui.screens.diff import DiffScreen
from newsdiff.ui.screens.facts import FactsScreen
from newsdiff.ui.screens.help import HelpScreen
from newsdiff.ui.screens.library import LibraryScreen
from newsdiff.ui.screens.picker import ArticlePicker
from newsdiff.ui.screens.reader import ReaderScreen
from newsdiff.ui.widgets.docview import DocView

from .conftest import settle


def _rows(screen) -> int:
    return screen.query_one(DataTable).row_count


async def test_library_lists_articles_and_moves_with_vim_and_arrow_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 4
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1
        preview = str(screen.query_one("#preview").render())
        assert "Stunning CCTV" in preview


async def test_filtering_starts_with_slash_and_letters_are_commands(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("x", "y", "z")  # not keys of the list: nothing is typed anywhere
        assert screen.query_one(Input).value == "" and _rows(screen) == 5
        assert any("/" in n.message for n in app._notifications)  # the hint says how to filter
        await pilot.press("d")  # a command: with nothing marked, a hint instead of a diff
        assert isinstance(app.screen, LibraryScreen) and screen.query_one(Input).value == ""
        await pilot.press("slash", *"jeep")
        assert screen.query_one(Input).value == "jeep"  # j is typed, not a move
        await pilot.press("escape")
        assert screen.query_one(Input).value == "" and _rows(screen) == 5
        await pilot.press("slash", *"quit huff")  # q in the filter is a letter, not Quit
        assert app.is_running and screen.query_one(Input).value == "quit huff"
        await pilot.press("ctrl+a", "ctrl+k", *"huff")
        assert _rows(screen) == 1
        await pilot.press("escape")
        await pilot.press("slash", *"parasites")  # a word of the text
        assert _rows(screen) == 3
        previewed = screen._selected()
        await pilot.press("down")  # back to the list, filter kept, on the row the preview showed
        assert screen.query_one(DataTable).has_focus and _rows(screen) == 3
        assert screen._selected() == previewed and screen.query_one(DataTable).cursor_row < 2


async def test_the_preview_says_when_the_filter_matched_only_boilerplate(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"andy wells")
        await settle(pilot)
        preview = str(app.screen.query_one("#preview").render())
        assert "“andy wells” is only in this article's boilerplate" in preview
        await pilot.press("ctrl+a", "ctrl+k", *"parasites")
        await settle(pilot)
        assert "only in this article's boilerplate" not in str(app.screen.query_one("#preview").render())


async def test_long_outlet_ids_are_not_folded_in_the_facts_detail(make_app, tmp_path: Path) -> None:
    from newsdiff.bands import band_lines
    from newsdiff.core.facts import Mention
    from newsdiff.ui.screens.facts import FactsScreen

    story = "The ferry fire forced the evacuation of 212 passengers near the island on Monday evening."
    for name in ("coastal-herald-ferry", "coastal-herald-budget-ferry"):
        (tmp_path / f"{name}.txt").write_text(f"Ferry fire\n\n{story}\n", encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FactsScreen) and screen.facts
        mention = next(m for m in screen.facts[0].mentions if isinstance(m, Mention))
        lines = ["".join(s.text for s in segs)
                 for band in screen.render_item(mention, 76, None) for segs in band_lines(band, 76, app.console)]
        assert any(screen._short[mention.article] in line for line in lines), lines


async def test_home_and_end_move_the_library_selection(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == 4
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_library_draws_before_cleaning_then_fills_in(make_app, monkeypatch) -> None:
    """The list appears from the files alone; counts, preview and a filter typed meanwhile follow
    when the cleaning worker is done (held back here until the first checks have run)."""
    import threading

    from newsdiff.core import document

    gate = threading.Event()
    real = document.build_documents

    def held(articles):
        gate.wait(10)
        return real(articles)

    monkeypatch.setattr(document, "build_documents", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert not app.corpus.cleaned and table.row_count == 5
        assert [str(c) for c in table.get_row_at(0)[4:]] == ["…", "…", "…"]
        assert "Cleaning" in str(screen.query_one("#preview").render())
        await pilot.press("slash", *"huff")  # the filter waits for the cleaned text
        assert _rows(screen) == 5
        gate.set()
        await settle(pilot)
        assert app.corpus.cleaned
        assert _rows(screen) == 1
        assert all(str(c).isdigit() for c in table.get_row_at(0)[4:])
        assert "boilerplate lines" in str(screen.query_one("#preview").render())


async def test_enter_opens_the_reader_and_escape_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.doc.id.startswith("001")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_keys_typed_in_one_burst_act_in_order(make_app) -> None:
    """"j Enter" arriving together (fast typing, a paste, a script over SSH) opens the row j moved
    to, not the one before it."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("j", "j", "enter"):  # queued at once, no pause between them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc.id.startswith("002")


async def test_enter_in_the_filter_opens_the_first_match(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"parasites", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_inputs_that_did_not_load_are_named_in_the_app(tmp_path: Path) -> None:
    """The app's screen hides what was said on stderr before it started: a skipped file or URL is
    also named in a notification."""
    from newsdiff.ui.app import NewsdiffApp, _load

    (tmp_path / "ok.txt").write_text("Bridge opens\n\nThe bridge opened on Tuesday after two years.\n")
    (tmp_path / "empty.txt").write_text("")
    skipped: list[str] = []
    corpus = _load([str(tmp_path)], clean=False, skipped=skipped)
    assert len(skipped) == 1 and skipped[0].startswith("skipped ") and "empty.txt" in skipped[0]
    app = NewsdiffApp(corpus, remember_theme=False, skipped=skipped)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("Loading said 1 thing" in m and "skipped" in m and "empty.txt" in m for m in messages), messages


async def test_marks_and_d_open_the_diff(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", "j", "j", "b")
        assert app.marks == {"a": 0, "b": 2}
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert (screen.a, screen.b) == (0, 2)
        assert screen.alignment is not None and screen.alignment.pairs


async def test_f_opens_facts(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FactsScreen)
        assert app.screen.facts


async def test_reader_sentence_cursor_crossref_and_jump_to_diff(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        assert view.current_stop is not None
        await pilot.press("j", "j")  # sentence 2: "The video shows the soldier speeding..."
        assert screen._sentence_of(view.current_stop) == 2
        panel = str(screen.query_one("#crossref").render())
        assert "Also reported by" in panel
        await pilot.press("right_square_bracket")
        assert screen.other_choice == 1
        await pilot.press("left_square_bracket")
        assert screen.other_choice == 0
        other = screen._others()[0]
        await pilot.press("enter")
        await settle(pilot)
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        assert (diff.a, diff.b) == (0, other.doc)
        row = diff.alignment.rows[diff.query_one(DocView).cursor]
        assert row.a is not None and 2 in row.a.sentences
        # Back in the reader the outlet chosen with ] is still the chosen one; moving resets it.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("right_square_bracket", "enter")
        await settle(pilot)
        assert app.screen.b == screen._others()[1].doc
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.other_choice == 1
        await pilot.press("h", "h")  # the view is filled again (as when the semantic pairs arrive)
        await settle(pilot)
        assert screen.other_choice == 1
        await pilot.press("j")
        assert screen.other_choice == 0


async def test_reader_boilerplate_toggle_and_search(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        shown = len(view.items)
        await pilot.press("h")
        assert len(view.items) < shown
        assert not any(getattr(i, "label", "") == "boilerplate" for i in view.items)
        await pilot.press("h")
        assert len(view.items) == shown
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        for ch in "parasites":
            await pilot.press(ch)
        await pilot.press("enter")
        first = screen._sentence_of(view.current_stop)
        assert "parasites" in screen.doc.sentences[first].text
        await pilot.press("n")
        assert screen._sentence_of(view.current_stop) == first  # only one sentence mentions them
        await pilot.press("N")
        assert screen._sentence_of(view.current_stop) == first
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.cursor == len(view.stops) - 1
        await pilot.press("ctrl+u")
        assert view.cursor < len(view.stops) - 1


async def test_diff_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        rows = screen.alignment.rows
        await pilot.press("n")
        assert rows[view.cursor].kind != "pair" or any(o.op != "equal" for o in rows[view.cursor].ops)
        await pilot.press("m")
        assert rows[view.cursor].moved
        first_moved = view.cursor
        await pilot.press("m", "M")
        assert view.cursor == first_moved
        await pilot.press("s")
        await settle(pilot)
        assert (screen.a, screen.b) == (4, 0)
        pairs_before = screen.alignment.summary()["pairs"]
        for _ in range(6):
            await pilot.press("plus")
        await pilot.pause(0.5)  # presses in a row align once, when they stop
        await settle(pilot)
        assert app.threshold == 40 and screen.alignment.threshold == 40
        assert screen.alignment.summary()["pairs"] <= pairs_before
        await pilot.press("minus")
        await pilot.pause(0.5)
        await settle(pilot)
        assert app.threshold == 35 and screen.alignment.threshold == 35
        await pilot.press("v")
        assert screen.layout_mode == "split"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press("j", "j", "enter")  # from 000 (current B) to 002
        await settle(pilot)
        assert (screen.a, screen.b) == (4, 2)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen) and screen.a == 4
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_facts_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g", "ctrl+d", "ctrl+u")
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        detail = screen.query_one(DocView)
        fact = screen.facts[2]
        assert len([i for i in detail.items if i in fact.mentions]) == len(fact.mentions)
        await pilot.press("tab")
        assert detail.has_focus
        await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        await pilot.press("shift+tab")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)


async def test_d_on_a_fact_diffs_two_outlets_even_when_the_first_split_it(make_app, monkeypatch) -> None:
    """A fact whose first outlet has two sentences in it (a secondary mention) still opens a diff of
    two different articles."""
    import dataclasses

    from ..conftest import split_fact

    app = make_app()
    split = split_fact(app.corpus)
    twice = next(a for a in split.articles if sum(m.article == a for m in split.mentions) == 2)
    reordered = dataclasses.replace(
        split, mentions=tuple(sorted(split.mentions, key=lambda m: m.article != twice)))
    assert reordered.mentions[0].article == reordered.mentions[1].article
    monkeypatch.setattr(app, "facts", lambda: [reordered])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert app.screen.a != app.screen.b


async def test_help_lists_every_key_of_the_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 1)
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(f"{k} {d}" for rows in app.screen.entries().values() for k, d in rows)
        for words in ("Next change", "Next moved", "Swap", "Choose A", "Choose B", "Threshold +", "Screenshot",
                      "Quit", "Help", "Command palette", "Split/stacked", "Threshold −", "Back"):
            assert words in text, words
        keys = [k for rows in app.screen.entries().values() for k, _ in rows]
        assert len(keys) == len(set(keys)) and sum(k in ("ctrl+p", "^p") for k in keys) == 1  # each key once
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DiffScreen)


async def test_screenshot_key_saves_svg_without_overwriting(make_app, tmp_path: Path) -> None:
    app = make_app(screenshot_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await pilot.press("ctrl+s")
        await pilot.pause()
    files = sorted(tmp_path.glob("newsdiff-library-*.svg"))
    assert len(files) == 2
    assert all(f.read_text().startswith("<svg") for f in files)
    # Spaces that indent a run of text are kept by every renderer (librsvg strips them otherwise).
    assert all(f.read_text().startswith('<svg xml:space="preserve" ') for f in files)


async def test_theme_key_cycles_our_themes_and_is_remembered(make_app, _isolated_config: Path) -> None:
    app = make_app(remember_theme=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "newsroom"
        await pilot.press("T")
        await pilot.pause()
        assert app.theme == "contrast"
    assert '"theme": "contrast"' in (_isolated_config / "config.json").read_text()
    again = make_app()
    assert again.theme == "contrast"


async def test_palette_offers_articles_diffs_facts_and_screenshot(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)] + [e[0] for e in app.palette_entries()]
        assert "Facts" in titles and "Screenshot" in titles and "Theme" in titles
        assert titles.count("Screenshot") == 1
        assert any(t.startswith("Open 003_") for t in titles)
        assert any(t.startswith("Diff 000_") for t in titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "facts":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FactsScreen)


async def test_q_and_ctrl_q_quit_from_any_screen(make_app) -> None:
    for key, opener in (("q", None), ("ctrl+q", None), ("q", "diff"), ("ctrl+q", "facts")):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if opener == "diff":
                app.open_diff(0, 1)
            elif opener == "facts":
                app.open_facts()
            await settle(pilot)
            assert app.return_code is None
            await pilot.press(key)
            await pilot.pause()
            assert app.return_code == 0 and not app.is_running


async def test_markup_and_escapes_in_articles_show_literally(make_app, tmp_path: Path) -> None:
    f = tmp_path / "evil.txt"
    f.write_bytes(
        b"Headline with [bold]x[/] and [link=http://evil]y[/link]\n\n"
        b"A body sentence with [red]brackets[/red] and [/] in it. Another \x1b[2Jsentence with \x1b]0;title\x07escapes.\n"
    )
    app = make_app(paths=[f])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        preview = " ".join(str(app.screen.query_one("#preview").render()).split())
        app.open_reader(0)
        await settle(pilot)
        view = app.screen.query_one(DocView)
        shown = " ".join(" ".join(view.render_line(y).text for y in range(view.size.height)).split())
        svg = app.export_screenshot()
    for text in (shown, preview):
        assert "Headline with [bold]x[/] and [link=http://evil]y[/link]" in text
        assert "[red]brackets[/red] and [/] in it." in text
        assert "[2Jsentence with ]0;titleescapes." in text  # the ESC and BEL bytes are gone
    assert "\x1b" not in svg and "\x07" not in svg


async def test_tab_and_shift_tab_move_between_panes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        focused = []
        for _ in range(3):
            await pilot.press("tab")
            focused.append(app.focused.id if app.focused else None)
        assert "preview-pane" in focused and "filter" in focused
        app.open_reader(0)
        await settle(pilot)
        assert app.focused.id == "reader-text"
        await pilot.press("tab")
        assert app.focused.id == "crossref-pane"
        await pilot.press("shift+tab")
        assert app.focused.id == "reader-text"


async def test_a_new_alignment_redraws_the_diff_where_the_reader_was(make_app) -> None:
    """When a better alignment arrives (a new threshold; later, semantic scores from a worker), the
    diff is drawn again from it and the cursor stays on the same sentences, at the same height."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DocView)
        for threshold in (40.0, 10.0, 60.0):
            await pilot.press("n", "n", "n")
            row = screen.alignment.rows[view.cursor]
            height = view.item_lines(view.cursor).start - round(view.scroll_y)  # where it sits on screen
            screen._show(app.corpus.alignment(0, 4, threshold))
            await pilot.pause()
            now = screen.alignment.rows[view.cursor]
            mine = set(row.a.sentences if row.a else ()) | {("b", s) for s in (row.b.sentences if row.b else ())}
            theirs = set(now.a.sentences if now.a else ()) | {("b", s) for s in (now.b.sentences if now.b else ())}
            assert mine & theirs, (threshold, row, now)
            now_height = view.item_lines(view.cursor).start - round(view.scroll_y)
            assert now_height == height or (now_height < height and round(view.scroll_y) == 0)  # unless at the top
