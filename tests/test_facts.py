"""Facts across articles and the disagreements between outlets."""

from __future__ import annotations

from pathlib import Path

from newsdiff.core.article import Article
from newsdiff.core.document import build_documents
from newsdiff.core.facts import compute_facts


def _fact_with(facts, needle: str):
    return next(f for f in facts if any(needle in m.text for m in f.mentions))


def test_different_days_for_one_event_are_flagged() -> None:
    docs = _docs(
        "Video\n\nThe United Nations Command on Tuesday released dramatic footage of the soldier's escape.",
        "Footage\n\nDramatic footage of the soldier's escape released Wednesday showed him racing to the border.",
    )
    fact = _fact_with(compute_facts(docs), "released Wednesday")
    (d,) = fact.disagreements
    assert d.kind == "weekday" and set(d.values.values()) == {"Tuesday", "Wednesday"}
    assert "released" in d.role


def test_seed_facts_flag_the_known_disagreements(corpus) -> None:
    facts = corpus.facts()
    worms = _fact_with(facts, "10 inches")
    unit = next(d for d in worms.disagreements if d.kind == "unit")
    assert set(unit.values.values()) >= {"as long as 10 inches", "as long as 27cm"}
    assert "25.4 cm" in unit.note


def test_every_fact_has_one_primary_mention_per_article(corpus) -> None:
    for f in corpus.facts():
        primary = [m.article for m in f.mentions if not m.secondary]
        assert len(primary) == len(set(primary)) == len(f.articles)
        for m in f.mentions:
            if m.secondary:
                # a second sentence of an article is in a fact only beside that article's first one
                assert m.article in primary


def test_every_content_sentence_is_in_exactly_one_fact(corpus) -> None:
    seen = [(m.article, m.sentence) for f in corpus.facts() for m in f.mentions]
    assert len(seen) == len(set(seen)) == sum(len(d.sentences) for d in corpus.documents)


def _docs(*texts: str, year: int | None = None):
    arts = [Article(f"a{i}", Path(f"/a{i}.txt"), t, meta={"published": str(year)} if year else {})
            for i, t in enumerate(texts)]
    return build_documents(arts)


def test_different_figures_for_the_same_role_are_flagged_with_the_words_compared() -> None:
    docs = _docs(
        "Border escape\n\nThe defecting soldier was shot five times by his former comrades at the border.",
        "Escape at the border\n\nThe defecting soldier was shot at least four times by former comrades at the border.",
    )
    fact = _fact_with(compute_facts(docs), "four times")
    (d,) = fact.disagreements
    assert d.kind == "value" and set(d.values.values()) == {"five times", "at least four times"}
    assert "shot" in d.role.split() and "border" in d.role.split()


def test_the_same_figure_with_a_compatible_hedge_is_not_a_disagreement() -> None:
    docs = _docs(
        "Crash\n\nFire chief Larry Creekmore confirmed at least three deaths in the derailment near the town.",
        "Derailment\n\nFire chief Larry Creekmore confirmed three deaths in the derailment near the town.",
    )
    fact = _fact_with(compute_facts(docs), "three deaths")
    assert len(fact.articles) == 2 and fact.disagreements == ()


def test_weekday_against_a_date_with_a_known_year() -> None:
    docs = _docs(
        "Border escape\n\nThe soldier crossed the border at the truce village on November 13, officials said.",
        "Escape at the border\n\nThe soldier crossed the border at the truce village on Wednesday, officials said.",
        year=2017,
    )
    facts = compute_facts(docs, years={d.id: d.article.year for d in docs})
    fact = _fact_with(facts, "November 13")
    d = next(x for x in fact.disagreements if x.kind == "weekday-date")
    assert "was a Monday, not a Wednesday" in d.note


def test_no_weekday_check_without_a_year() -> None:
    docs = _docs(
        "Border escape\n\nThe soldier crossed the border at the truce village on November 13, officials said.",
        "Escape at the border\n\nThe soldier crossed the border at the truce village on Wednesday, officials said.",
    )
    facts = compute_facts(docs)
    assert not [x for f in facts for x in f.disagreements if x.kind == "weekday-date"]


def test_units_that_agree_after_conversion_are_not_flagged() -> None:
    docs = _docs(
        "Zone\n\nThe demilitarised zone that divides the peninsula is 4 kilometres wide, officials said.",
        "Zone story\n\nThe demilitarised zone that divides the peninsula is 2.5 miles wide, officials said.",
    )
    facts = compute_facts(docs)
    zone = _fact_with(facts, "kilometres")
    assert len(zone.mentions) == 2 and zone.disagreements == ()


def _check_no_chaining(corpus) -> None:
    """Every non-secondary member of a fact is paired, in its own article pair's alignment (the
    diff), with at least half of the fact's other members, and with no other sentence of their
    articles; all members come from one story."""
    for f in corpus.facts():
        main = [m for m in f.mentions if not m.secondary]
        stories = {corpus.story_of(m.doc) for m in f.mentions}
        assert len(stories) == 1, f
        for m in main:
            partners = 0
            for o in main:
                if o is m:
                    continue
                al = corpus.alignment(min(m.doc, o.doc), max(m.doc, o.doc))
                first, second = (m, o) if m.doc < o.doc else (o, m)
                for r in al.pairs:
                    if first.sentence in r.a.sentences:
                        if second.sentence in r.b.sentences:
                            partners += 1
                        else:  # paired with another sentence of that article: a contradiction
                            assert len(r.a.sentences) + len(r.b.sentences) > 2, (f.id, m.text, o.text)
            assert 2 * partners >= len(main) - 1, (f.id, m.text)


def test_every_member_of_a_fact_pairs_with_most_of_its_members(corpus) -> None:
    _check_no_chaining(corpus)


def test_facts_do_not_chain_across_stories() -> None:
    """Seeds plus articles of other events: no fact mixes stories, and the property holds."""
    from newsdiff.core.corpus import Corpus

    from .conftest import DATA, SEEDS

    c = Corpus.load([SEEDS, DATA / "other"])
    _check_no_chaining(c)
    seeds = {d.id for d in c.documents[:5]}
    for f in c.facts():
        ids = set(f.articles)
        assert ids <= seeds or not (ids & seeds), f


def test_grid_marks_count_outlets_not_mentions(corpus) -> None:
    """An outlet that split a fact over two sentences is one mark and one outlet in the "+N" count."""
    from newsdiff.render import outlet_marks

    from .conftest import split_fact

    split = split_fact(corpus)
    docs = corpus.documents
    marks, others = outlet_marks(split, [])
    assert marks == [] and others == len(split.articles)
    marks, others = outlet_marks(split, docs[:2])
    assert len(marks) == 2 and set(marks) <= {"reports", "disagrees", "absent"}
    assert others == len(set(split.articles) - {d.id for d in docs[:2]})


def test_a_disagreeing_outlet_without_a_column_is_marked_in_the_count() -> None:
    """In a narrow terminal the grid keeps a few outlets; the "+N" cell says when a hidden one disagrees."""
    from newsdiff.render import facts_view, hidden_disagrees

    docs = _docs(
        "Ferry sinks\n\nThe ferry fire killed at least 12 people, officials said on the island.",
        "Ferry disaster\n\nThe ferry fire killed at least 12 people, officials said on the island.",
        "Storm\n\nThe ferry fire killed at least 12 people, officials said on the island.",
        "Island\n\nThe ferry fire killed 19 people, officials said on the island.",
    )
    fact = _fact_with(compute_facts(docs), "killed 19")
    assert fact.disagreements
    assert hidden_disagrees(fact, docs[:2]) and not hidden_disagrees(fact, docs)
    from rich.console import Console

    console = Console(width=50, record=True, color_system=None)
    console.print(facts_view(docs, compute_facts(docs), width=50, plain=True))
    out = console.export_text()
    row = next(line for line in out.splitlines() if line.startswith("F1!"))
    assert row.split()[-1] == "3!" and "(!: one of them disagrees)" in " ".join(out.split())


def test_an_article_sharing_no_fact_gets_no_column_but_is_named() -> None:
    """An article of another story loaded beside them: a column of "does not report it" says
    nothing; the grid names it instead."""
    from rich.console import Console

    from newsdiff.render import fact_outlets, facts_view

    docs = _docs(
        "Ferry sinks\n\nThe ferry fire killed at least 12 people, officials said on the island.",
        "Ferry disaster\n\nThe ferry fire killed at least 12 people, officials said on the island.",
        "Budget vote\n\nThe council approved the city budget for next year after a long debate.",
    )
    facts = [f for f in compute_facts(docs) if len(f.articles) > 1]
    reporting, apart = fact_outlets(docs, facts)
    assert [d.id for d in reporting] == ["a0", "a1"] and [d.id for d in apart] == ["a2"]
    console = Console(width=100, record=True, color_system=None)
    console.print(facts_view(docs, facts, width=100, plain=True))
    out = console.export_text()
    header = next(line for line in out.splitlines() if line.startswith("fact"))
    assert "a0" in header and "a2" not in header
    assert "1 of them shares no fact with the others (another story?): a2" in out


def test_a_weekday_note_names_the_days_in_the_order_the_outlets_are_listed() -> None:
    docs = _docs(
        "Video\n\nThe United Nations Command on Wednesday released dramatic footage of the soldier's escape.",
        "Footage\n\nDramatic footage of the soldier's escape released Tuesday showed him racing to the border.",
    )
    (d,) = _fact_with(compute_facts(docs), "released Tuesday").disagreements
    assert d.note == "different days: " + " vs ".join(d.values.values())
