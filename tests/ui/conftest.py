"""Helpers for driving the app headless with Textual's Pilot."""

from __future__ import annotations

import pytest

from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp

from ..conftest import SEEDS


@pytest.fixture
def make_app():
    def make(paths=None, **kwargs) -> NewsdiffApp:
        corpus = Corpus.load(paths or [SEEDS])
        return NewsdiffApp(corpus, remember_theme=kwargs.pop("remember_theme", False), **kwargs)

    return make


async def settle(pilot) -> None:
    """Let screens mount and workers (alignments, facts) finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
