"""Facts across articles and the disagreements between outlets."""

from __future__ import annotations

from pathlib import Path

from newsdiff.core.article import Article
from newsdiff.core.document import build_documents
from newsdiff.core.facts import compute_facts


def _fact_with(facts, needle: str):
    return next(f for f in facts if any(needle in m.text for m in f.mentions))


def test_seed_facts_flag_the_known_disagreements(corpus) -> None:
    facts = corpus.facts()
    shot = _fact_with(facts, "at least four times")
    kinds = {d.kind: d for d in shot.disagreements}
    assert "value" in kinds
    assert set(kinds["value"].values.values()) >= {"five times", "at least four times"}
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


def test_blocking_keeps_the_pairs_that_scoring_everything_finds(corpus, monkeypatch) -> None:
    """Large corpora score only sentences sharing a rare word; on the seeds (forced into that mode)
    nearly every same-fact pair found by scoring everything must survive."""
    import itertools

    from newsdiff.core import facts as F

    def together(facts) -> set[tuple]:
        return {tuple(sorted(p)) for f in facts for p in itertools.combinations([(m.article, m.sentence) for m in f.mentions], 2)}

    dense = together(F.compute_facts(corpus.documents, corpus.index))
    monkeypatch.setattr(F, "BLOCK_ABOVE", 0)
    monkeypatch.setattr(F, "RARE_SHARE", 0.2)
    blocked = together(F.compute_facts(corpus.documents, corpus.index))
    assert len(dense & blocked) >= 0.9 * len(dense)


def test_grid_marks_count_outlets_not_mentions(corpus) -> None:
    """An outlet that split a fact over two sentences is one mark and one outlet in the "+N" count."""
    from newsdiff.render import outlet_marks

    split = next(f for f in corpus.facts() if len(f.mentions) > len(f.articles))
    docs = corpus.documents
    marks, others = outlet_marks(split, [])
    assert marks == [] and others == len(split.articles)
    marks, others = outlet_marks(split, docs[:2])
    assert len(marks) == 2 and set(marks) <= {"reports", "disagrees", "absent"}
    assert others == len(set(split.articles) - {d.id for d in docs[:2]})
