"""The app and the same-fact judgments: the measure named in the diff, the upgrade to the semantic
measure in a worker, and the facts screen saying why two members of a fact are not a pair."""

from __future__ import annotations

import dataclasses

from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp
from newsdiff.ui.screens.diff import DiffScreen
from newsdiff.ui.screens.facts import FactsScreen
from newsdiff.ui.widgets.docview import DocView

from ..conftest import SEEDS
from .conftest import settle


def _header(app) -> str:
    return " ".join(str(w.render()) for w in app.screen.query("#diff-header, .diff-header, Static"))


async def test_the_diff_names_the_measure_and_upgrades_to_the_semantic_one(semantic) -> None:
    corpus = Corpus.load([SEEDS], similarity="lexical")
    app = NewsdiffApp(corpus, remember_theme=False, upgrade_similarity=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        for _ in range(20):  # the embedding worker, then the diff's new alignment
            if app.screen.alignment is not None and app.screen.alignment.similarity == "semantic":
                break
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
        assert corpus.similarity == "semantic"
        assert app.screen.alignment.similarity == "semantic"
        assert "(semantic)" in _header(app)


async def test_without_the_upgrade_the_diff_says_lexical(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_diff(0, 4)
        await settle(pilot)
        assert app.screen.alignment.similarity == "lexical"
        assert "(lexical)" in _header(app)


async def test_the_facts_screen_says_why_two_members_are_not_a_pair(make_app, monkeypatch) -> None:
    app = make_app()
    fact = next(f for f in app.corpus.facts() if len(f.articles) >= 3)
    first, other = fact.mentions[0].article, fact.mentions[1].article
    # The fact as if the diff of its first two outlets had not paired them.
    unpaired = dataclasses.replace(fact, paired=frozenset(p for p in fact.paired if set(p) != {first, other}))
    monkeypatch.setattr(app, "facts", lambda: [unpaired])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_facts()
        await settle(pilot)
        assert isinstance(app.screen, FactsScreen)
        view = app.screen.query_one(DocView)
        shown = " ".join(" ".join(view.render_line(y).text for y in range(view.size.height)).split())
        assert "not paired with" in shown and "in this fact through" in shown
        # d opens a diff of two outlets whose diff pairs their mentions.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        ids = {app.corpus.documents[app.screen.a].id, app.corpus.documents[app.screen.b].id}
        assert ids != {first, other}
