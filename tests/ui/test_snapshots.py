"""SVG snapshots of every screen (pytest-textual-snapshot). Update with `pytest --snapshot-update`
after looking at the new images (`snapshot_report.html`)."""

from __future__ import annotations

import pytest

from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp

from ..conftest import SEEDS

SIZES = [(80, 24), (120, 40)]


def _app(**kwargs) -> NewsdiffApp:
    return NewsdiffApp(Corpus.load([SEEDS]), remember_theme=False, **kwargs)


def _opener(view: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        if view == "reader":
            app.open_reader(0)
        elif view == "diff":
            app.open_diff(0, 4)
        elif view == "facts":
            app.open_facts()
        elif view == "help":
            app.open_diff(0, 4)
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        if view == "help":
            await pilot.press("f1")
        elif view == "reader":
            await pilot.press("j", "j")
        elif view == "diff":
            await pilot.press("n")
        elif view == "facts":
            await pilot.press("j", "j", "j", "j")  # a fact with a disagreement
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["library", "reader", "diff", "facts", "help"])
def test_screens_in_the_default_theme(snap_compare, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(_app(), terminal_size=size, run_before=_opener(view))


@pytest.mark.parametrize("theme", ["newsprint", "newsroom", "contrast"])
def test_diff_in_each_bundled_theme(snap_compare, theme: str) -> None:
    assert snap_compare(_app(theme=theme), terminal_size=(120, 40), run_before=_opener("diff"))


def test_diff_with_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(_app(), terminal_size=(120, 40), run_before=_opener("diff"))
