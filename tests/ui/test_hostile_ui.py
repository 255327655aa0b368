"""Hostile names and metadata on every screen of the app (Pilot): no control character reaches the
terminal, no markup acts, and a crash is one line and exit status 1."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette

from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp, run_app
from newsdiff.ui.screens.diff import DiffScreen
from newsdiff.ui.screens.facts import FactsScreen
from newsdiff.ui.screens.help import HelpScreen
from newsdiff.ui.screens.picker import ArticlePicker
from newsdiff.ui.screens.reader import ReaderScreen

from ..hostile import HOSTILE_NAMES, forbidden, make_hostile_corpus
from .conftest import settle


@pytest.fixture
def hostile_app(tmp_path: Path) -> NewsdiffApp:
    folder = make_hostile_corpus(tmp_path / "hostile")
    return NewsdiffApp(Corpus.load([folder]), remember_theme=False, screenshot_dir=tmp_path / "shots")


def _shown(app: NewsdiffApp) -> str:
    """Everything the current screen draws (the SVG export holds each cell's character)."""
    return app.export_screenshot()


def _index(app: NewsdiffApp, name: str) -> int:
    return next(i for i, a in enumerate(app.corpus.articles) if a.id == name)


async def test_every_screen_shows_hostile_names_defused(hostile_app: NewsdiffApp) -> None:
    app = hostile_app
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        seen = {"library": _shown(app)}
        for n in range(len(app.corpus.articles)):  # every article's preview
            await pilot.press("j")
            seen[f"preview {n}"] = _shown(app)
        for name in (HOSTILE_NAMES[1], HOSTILE_NAMES[0]):
            app.open_reader(_index(app, name))
            await settle(pilot)
            assert isinstance(app.screen, ReaderScreen)
            seen[f"reader {name!r}"] = _shown(app)
            app.pop_screen()
        app.open_reader(_index(app, "page"))  # boilerplate reasons quote the page's class names
        await settle(pilot)
        seen["reader page"] = _shown(app)
        assert "comments-" in seen["reader page"] or "share-" in seen["reader page"]
        app.pop_screen()
        app.open_diff(_index(app, HOSTILE_NAMES[1]), _index(app, HOSTILE_NAMES[5]))
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        seen["diff"] = _shown(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ArticlePicker)
        seen["picker"] = _shown(app)
        await pilot.press("escape")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        seen["help"] = _shown(app)
        await pilot.press("escape")
        app.open_facts()
        await settle(pilot)
        assert isinstance(app.screen, FactsScreen)
        seen["facts"] = _shown(app)
        for where, svg in seen.items():
            assert forbidden(svg) == [], where
        assert "PWNED" in seen["reader 't\\x1b]2;PWNED\\x1b\\\\x'"]  # the name is shown, defused
        assert app.is_running


async def test_markup_in_names_and_headlines_never_acts_in_the_palette(hostile_app: NewsdiffApp) -> None:
    app = hostile_app
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "click":
            await pilot.press(ch)
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompts = [str(o.prompt) for o in palette.query_one(CommandList).options]
        assert any("Open [@click=app.quit]click[b]" in p for p in prompts), prompts
        assert all(not forbidden(p) for p in prompts)
        await pilot.press("enter")  # opens that article; the name's click action does nothing
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "open":  # every article, with headlines holding [/] and sources holding markup
            await pilot.press(ch)
        await pilot.pause(0.5)
        prompts = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any("North Korea [/] soldier" in p for p in prompts), prompts
        assert any("[@click=app.quit]Outlet" in p for p in prompts), prompts
        assert all(not forbidden(p) for p in prompts)
        assert app.is_running


async def test_titles_and_notifications_are_defused(hostile_app: NewsdiffApp) -> None:
    app = hostile_app
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.open_reader(_index(app, HOSTILE_NAMES[1]))  # its source is hostile
        await settle(pilot)
        title = app.format_title(app.screen.title or "", app.screen.sub_title or "")
        assert "Evil" in title.plain and not forbidden(title.plain)
        app.notify(HOSTILE_NAMES[0] + " [/] [@click=app.quit]x", title=HOSTILE_NAMES[3])
        await settle(pilot)
        assert not forbidden(_shown(app))
        assert app.is_running


def test_a_crash_is_one_line_and_exit_status_1(capsys, monkeypatch, tmp_path: Path) -> None:
    """An unexpected error in the app: exit 1 and one line, no traceback (NEWSDIFF_DEBUG=1 shows it)."""
    from newsdiff.ui.screens.library import LibraryScreen

    def boom(self) -> None:
        raise RuntimeError("boom\nsecond line")

    async def press_f(pilot) -> None:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause(1)

    monkeypatch.delenv("NEWSDIFF_DEBUG", raising=False)
    monkeypatch.setattr(LibraryScreen, "action_facts", boom)
    monkeypatch.setattr(NewsdiffApp, "run", functools.partialmethod(App.run, headless=True, auto_pilot=press_f))
    assert run_app(paths=None) == 1
    err = capsys.readouterr().err
    assert err == "newsdiff: internal error: RuntimeError: boom (set NEWSDIFF_DEBUG=1 for a traceback)\n"
