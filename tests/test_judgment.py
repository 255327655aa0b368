"""Regression tests for the judgments of "the same fact", one per kind of failure seen on independently
written coverage: shared names taken for a shared fact, facts chaining unrelated statements,
articles of different events sharing facts, and figures compared without their role. The sentences
are written for these tests after real ones (tests/data/real), not copied from any one article."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.article import Article
from newsdiff.core.corpus import Corpus
from newsdiff.core.document import build_documents
from newsdiff.core.facts import compute_facts
from newsdiff.core.quantities import extract_quantities
from newsdiff.core.roles import place, shared_role


def corpus(*articles: str) -> Corpus:
    return Corpus([Article(f"a{n}", Path(f"/a{n}.txt"), text) for n, text in enumerate(articles)])


def pairs(c: Corpus, a: int, b: int) -> list[tuple[str, str]]:
    return [(r.a.text, r.b.text) for r in c.alignment(a, b).pairs]


TRAIN = [
    "Train derails onto highway near the town\n\n"
    "A passenger train on its first run derailed onto a busy highway on Monday, killing at least three people.\n\n"
    "The Pierce County sheriff's office said several drivers on the highway were hurt.\n\n"
    "Thirteen of the train's 14 cars left the tracks as it crossed a bridge.\n\n"
    "\u201cIt couldn't have happened in a worse spot,\u201d sheriff's spokesman Ed Troyer said of the bridge.",
    "Deadly derailment on first run of new service\n\n"
    "At least three people were killed when a passenger train on its inaugural trip derailed onto a highway.\n\n"
    "Ed Troyer, a spokesman for the Pierce County sheriff, said no one in the cars on the road had died.\n\n"
    "The train was travelling at 80 mph in a 30 mph zone, investigators said.\n\n"
    "Thirteen of the 14 cars jumped the track on the bridge, officials said.",
]


def test_sentences_that_share_only_the_storys_names_do_not_pair() -> None:
    c = corpus(*TRAIN)
    got = pairs(c, 0, 1)
    assert any("Thirteen" in a and "Thirteen" in b for a, b in got)
    assert any("killing at least three" in a and "At least three people were killed" in b for a, b in got)
    # Troyer's quote about the bridge and his statement about the drivers share his name, his job
    # and the sheriff's office, but not a fact.
    assert not any("worse spot" in a and "no one in the cars" in b for a, b in got)


def test_articles_of_different_events_neither_pair_nor_share_facts() -> None:
    quake = ("Quake kills dozens on island\n\n"
             "A magnitude 6.9 earthquake struck the island on Sunday evening, killing at least 82 people.\n\n"
             "Thousands of buildings were damaged and rescuers searched the rubble through the night.\n\n"
             "The quake was felt on the neighbouring island, where tourists ran into the streets.")
    c = corpus(*TRAIN, quake)
    assert c.story_of(0) == c.story_of(1) != c.story_of(2)
    assert pairs(c, 0, 2) == [] and pairs(c, 1, 2) == []
    assert c.alignment(0, 2).related is False
    for f in c.facts():
        assert len({c.story_of(m.doc) for m in f.mentions}) == 1


def test_a_fact_does_not_chain_through_a_loosely_related_sentence() -> None:
    c = corpus(
        "Flood\n\nThe river burst its banks on Tuesday and flooded the market square of the old town.\n\n"
        "The mayor opened the sports hall as a shelter for families whose homes were flooded.",
        "River floods town\n\nThe river burst its banks on Tuesday, flooding the old town's market square.\n\n"
        "Families whose homes were flooded spent the night in the sports hall, the mayor said.",
        "Town cleans up\n\nShopkeepers on the market square began to clear mud from their shops on Wednesday.\n\n"
        "Volunteers brought food to the families sheltering in the sports hall.",
    )
    for f in c.facts():
        if len(f.articles) < 2:
            continue
        texts = " | ".join(m.text for m in f.mentions)
        # The river bursting its banks and the clean-up a day later are two facts, whatever words
        # ("market square") their sentences share.
        assert not ("burst its banks" in texts and "clear mud" in texts), texts


POOL = [
    "A passenger train derailed onto a highway on Monday, killing at least three people.",
    "At least three people were killed when the train derailed onto the highway.",
    "Thirteen of the train's 14 cars left the tracks on the bridge.",
    "The train was travelling at 80 mph in a 30 mph zone, investigators said.",
    "Investigators said the train was going 80 mph where the limit is 30 mph.",
    "The governor declared a state of emergency after the derailment.",
    "Dozens of passengers were taken to hospitals in the area.",
    "More than 70 people were taken to hospital, officials said.",
    "The sheriff's spokesman said the drivers on the highway were not among the dead.",
    "It was the first run of the new service between the two cities.",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True), min_size=2, max_size=5))
def test_every_member_of_a_fact_pairs_with_at_least_half_of_the_others(articles: list[list[str]]) -> None:
    c = corpus(*("Train story\n\n" + "\n\n".join(sentences) for sentences in articles))
    for f in c.facts():
        main = [m for m in f.mentions if not m.secondary]
        for m in main:
            partners = sum(1 for o in main if o is not m
                           and tuple(sorted((m.article, o.article))) in f.paired)
            assert 2 * partners >= len(main) - 1, (f.id, [x.text for x in main])


def roles_of(text: str):
    return place(text, extract_quantities(text))


def figure(text: str, words: str):
    return next(p for p in roles_of(text) if p.quantity.text == words)


def test_figures_of_different_moments_are_not_compared() -> None:
    sunday = figure("Four survivors were pulled from the boat on Sunday.", "Four survivors")
    monday = figure("Four more survivors were pulled from the boat on Monday.", "Four more survivors")
    in_all = figure("Eight survivors have been pulled from the boat so far.", "Eight survivors")
    assert shared_role(sunday, monday) is None  # two days: two moments
    assert shared_role(sunday, in_all) is None  # a day against an unknown moment


def test_dates_of_different_events_are_not_compared() -> None:
    trapped = figure("The crew was trapped by the storm on June 23.", "June 23")
    rescued = figure("The last of the crew was rescued on July 10.", "July 10")
    assert shared_role(trapped, rescued) is None


def test_counts_of_the_same_noun_in_different_roles_are_not_compared() -> None:
    inside = figure("Nineteen firefighters went into the burning building.", "Nineteen firefighters")
    at_scene = figure("In all, 90 firefighters worked at the scene through the night.", "90 firefighters")
    assert shared_role(inside, at_scene) is None
    dead = figure("The fire killed at least 12 people.", "at least 12 people")
    hurt = figure("At least 30 people were injured in the fire.", "At least 30 people")
    assert shared_role(dead, hurt) is None  # the dead against the injured


def test_the_same_role_in_other_words_is_compared() -> None:
    a = figure("The fire killed at least 12 people, officials said.", "at least 12 people")
    b = figure("Officials said 15 people died in the fire.", "15 people")
    assert shared_role(a, b) is not None  # killed / died: the dead


def test_weekdays_of_different_events_in_one_story_are_not_flagged() -> None:
    docs = build_documents([
        Article("a", Path("/a.txt"), "Vote\n\nThe party announced on Wednesday that its members would vote "
                                     "against the president in parliament.", meta={"published": "2018"}),
        Article("b", Path("/b.txt"), "Vote ahead\n\nThe party said its members would vote against the "
                                     "president in parliament on Thursday.", meta={"published": "2018"}),
    ])
    facts = compute_facts(docs)
    assert not [d for f in facts for d in f.disagreements if d.kind == "weekday"]


def test_words_between_a_number_and_its_noun_narrow_what_it_counts() -> None:
    side = figure("The two side boosters landed back at the Cape.", "two side boosters")
    all_three = figure("The rocket's three boosters fired at liftoff.", "three boosters")
    also_three = figure("Its three boosters fired together at liftoff.", "three boosters")
    assert shared_role(side, all_three) is None
    assert shared_role(all_three, also_three) is not None


def test_a_figure_of_another_year_is_another_moment() -> None:
    now = figure("The fires have killed at least 74 people, officials said.", "at least 74 people")
    then = figure("It surpassed the 77 people killed in the deadliest fires in 2007.", "77 people")
    assert shared_role(now, then) is None


def test_figures_are_compared_only_within_groups_of_one_role() -> None:
    docs = build_documents([
        Article("a", Path("/a.txt"), "Launch\n\nThe rocket's three boosters fired as it rose from the pad."),
        Article("b", Path("/b.txt"), "Rocket\n\nAll three boosters fired as the rocket rose from the pad."),
        Article("c", Path("/c.txt"), "Liftoff\n\nThe two side boosters fired and later landed as the rocket rose from the pad."),
    ])
    flagged = [d for f in compute_facts(docs) for d in f.disagreements]
    assert not [d for d in flagged if set(d.values.values()) >= {"two side boosters", "three boosters"}]


def test_the_semantic_measure_pairs_paraphrases_the_lexical_one_misses(semantic) -> None:
    """Different words for one fact ("footage"/"video", "guards"/"soldiers"): the embeddings see it."""
    a = ("Border escape at Panmunjom\n\nThe defector crossed the border at Panmunjom on Monday, officials said.\n\n"
         "Footage shows guards firing at him as he sprints towards the border.\n\n"
         "The weather in the capital was unusually warm for November.")
    b = ("Defector crosses at Panmunjom\n\nOfficials said the defector crossed at Panmunjom on Monday.\n\n"
         "A video shows soldiers shooting at the defector as he runs for the border.\n\n"
         "Shares in technology companies fell sharply on Tuesday.")
    lexical = Corpus([Article("a", Path("/a.txt"), a), Article("b", Path("/b.txt"), b)], similarity="lexical")
    meaning = Corpus([Article("a", Path("/a.txt"), a), Article("b", Path("/b.txt"), b)], similarity="semantic")
    assert meaning.similarity == "semantic" and lexical.similarity == "lexical"
    assert meaning.alignment(0, 1).similarity == "semantic"
    got = [(r.a.text, r.b.text) for r in meaning.alignment(0, 1).pairs]
    assert any("guards firing" in x and "soldiers shooting" in y for x, y in got)
    missed = [(r.a.text, r.b.text) for r in lexical.alignment(0, 1).pairs]
    assert not any("guards firing" in x and "soldiers shooting" in y for x, y in missed)
    assert not any("weather" in x or "Shares" in y for x, y in got)


def test_a_corpus_switches_to_the_semantic_measure_only_once_everything_is_embedded(semantic) -> None:
    c = corpus(*TRAIN)
    c_lex = Corpus(c.articles, similarity="lexical")
    before = c_lex.alignment(0, 1)
    assert before.similarity == "lexical"
    assert c_lex.prepare() is True
    after = c_lex.alignment(0, 1)
    assert after.similarity == "semantic" and after is not before


def test_without_the_extra_a_request_for_the_semantic_measure_falls_back_with_a_reason(monkeypatch) -> None:
    from newsdiff.core import semantic as S

    def refuse(texts):
        raise S.SemanticUnavailable("onnxruntime is not installed")

    monkeypatch.setattr(S, "embed", refuse)
    c = Corpus(corpus(*TRAIN).articles, similarity="semantic")
    assert c.alignment(0, 1).similarity == "lexical"
    assert c.similarity == "lexical" and "onnxruntime" in (c.similarity_note or "")
