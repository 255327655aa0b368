"""Layout at every size (80x24, 120x40, 60x20), ids on a user's own folder, screenshots, and the small
promises of each screen: read from what is drawn."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import DataTable

from newsdiff.ui.screens.library import library_columns
from newsdiff.ui.screens.reader import ReaderScreen

from ..conftest import SEEDS
from .conftest import settle
from .seen import screen_text

STORY = ("The bridge over the river closed on Tuesday after engineers found cracks in two of its piers. "
         "The council said repairs would take at least six weeks and cost about 2 million pounds. ")


@pytest.fixture
def own_folder(tmp_path: Path) -> Path:
    """A user's folder: names that share long prefixes, and two files with one stem."""
    folder = tmp_path / "bridge"
    (folder / "more").mkdir(parents=True)
    for name in ("bridge_gazette", "bridge_courier", "bridge_times", "bridge_herald"):
        (folder / f"{name}.txt").write_text(f"Bridge closed, says the {name.split('_')[1].title()}\n\n{STORY}\n")
    for n in range(1, 21):
        (folder / f"note_{n:02d}.txt").write_text(f"Note {n} about the bridge\n\n{STORY}\n")
    (folder / "plain.txt").write_text(f"Plain one\n\n{STORY}\n")
    (folder / "more" / "plain.txt").write_text(f"Plain two\n\n{STORY}\n")
    return folder


def _ids_shown(app) -> list[str]:
    table = app.screen.query_one("#articles", DataTable)
    return [str(table.get_row_at(r)[1]) for r in range(table.row_count)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_ids_on_a_users_folder_are_told_apart_and_the_table_fits(make_app, own_folder, size) -> None:
    app = make_app(paths=[own_folder])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shown = _ids_shown(app)
        assert len(shown) == 26 and len(set(shown)) == 26
        assert "plain" in shown and "plain~2" in shown
        assert all(len(i) >= 3 for i in shown)
        table = app.screen.query_one("#articles", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no horizontal scrolling
        assert not table.show_horizontal_scrollbar
        headline_width = next(c.width for c in table.columns.values() if str(c.label) == "headline")
        assert headline_width >= size[0] // 2


async def test_full_ids_where_there_is_room(make_app, own_folder) -> None:
    app = make_app(paths=[own_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "bridge_gazette" in _ids_shown(app)
    app = make_app(paths=[own_folder])
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert "bridge_g" in _ids_shown(app)


def test_library_columns_give_the_headline_the_room() -> None:
    wide = {c.key: c.width for c in library_columns(160, full_id=20, short_id=3, source=18)}
    assert wide["id"] == 20 and wide["source"] == 16 and "bp" in wide
    seeds = {c.key: c.width for c in library_columns(120, full_id=20, short_id=3, source=18)}
    assert seeds["id"] == 3 and seeds["headline"] >= 70
    narrow = {c.key: c.width for c in library_columns(60, full_id=20, short_id=3, source=18)}
    assert set(narrow) == {"mark", "id", "source", "headline"} and narrow["headline"] >= 35
    for width in (60, 80, 100, 120, 200):
        cols = library_columns(width, full_id=14, short_id=8, source=30)
        assert sum(c.width + 2 for c in cols) + 1 <= width  # padding and the scrollbar included


# -- narrow terminals ------------------------------------------------------------------------


async def test_at_60_columns_every_footer_keeps_quit_and_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        for opener in (None, lambda: app.open_reader(0), lambda: app.open_diff(0, 4), app.open_facts):
            if opener:
                opener()
                await settle(pilot)
            footer = screen_text(app)[-1]
            assert "q Quit" in footer and "f1 Help" in footer, footer


async def test_help_keys_sit_beside_their_words_at_60_columns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        rows = [r for r in screen_text(app) if "Mark A" in r]
        assert rows
        key = rows[0].strip("│ ").partition("Mark A")[0]
        assert len(key.rstrip()) <= 18, rows[0]


async def test_the_status_line_ends_with_an_ellipsis_when_cut(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("a", "j", "b")
        line = next(r for r in screen_text(app) if r.startswith(" A: "))
        assert line.rstrip().endswith("…") or "d diffs them" in line


# -- screenshots -----------------------------------------------------------------------------


def _svg_text(svg: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_screenshots_do_not_show_earlier_notifications(make_app, tmp_path: Path) -> None:
    app = make_app(screenshot_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify("something transient")
        for _ in range(3):
            await pilot.press("S")
            await pilot.pause(0.2)
        await pilot.pause()
        assert sum("Screenshot saved" in n.message for n in app._notifications) == 3  # each press says so
    files = sorted(tmp_path.glob("*.svg"))
    assert len(files) == 3
    for f in files:
        text = _svg_text(f.read_text())
        assert "Screenshot saved" not in text and "something transient" not in text
        assert "North Korea soldier" in text


# -- small promises ----------------------------------------------------------------------------


async def test_one_article_reads_in_the_singular_and_facts_say_why_they_are_empty(make_app) -> None:
    app = make_app(paths=[next(SEEDS.glob("000_*.txt"))])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "1 article" in screen_text(app)[0] and "1 articles" not in screen_text(app)[0]
        app.open_facts()
        await settle(pilot)
        text = " ".join(screen_text(app))
        assert "across 1 article" in text and "1 articles" not in text
        assert "two or more articles" in text and "nothing to compare" in text


async def test_the_facts_legend_reads_plainly(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        legend = next(r for r in screen_text(app) if "reports it" in r)
        assert "· ·" not in legend and "does not report it" in legend


async def test_enter_on_the_facts_grid_reads_the_sentence(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        fact = app.screen.facts[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.doc_index == fact.mentions[0].doc


async def test_a_search_found_only_in_boilerplate_says_so(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_reader(0)
        await settle(pilot)
        await pilot.press("slash", *"Andy", "enter")
        await pilot.pause()
        message = list(app._notifications)[-1].message if app._notifications else ""
        assert "only in the boilerplate" in message and "byline" in message
        assert any("Andy Wells" in r for r in screen_text(app))  # and it is on screen
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert "not in this article" in list(app._notifications)[-1].message
