"""Facts across all loaded articles: who reports what, and where their figures disagree.

A *fact* is a group of sentences from different articles that state the same thing. Articles are
first grouped into stories (``stories``): facts never cross stories. Within a story, facts are
built from the pairwise sentence pairs (``align.pair_sentences``, the same pairing the diff shows),
strongest pair first, and a sentence joins a fact only when it is paired with at least half of the
fact's other members and no member's own pairing puts it with a different sentence of its article
(``_group``): loosely related sentences cannot chain a fact across unrelated statements. The one
exception is an outlet that split the fact over two sentences: a sentence its own alignment paired
with a member of the fact, and that no other fact took, joins as a *secondary* mention.

Every mention's quantities are extracted (``quantities``) and compared across outlets, slot by slot
(counts of the same noun, times, lengths after conversion, ages, dates, weekdays, years).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .align import DEFAULT_THRESHOLD, SentenceIndex, pair_sentences
from .document import Document
from .quantities import MEASURES, WEEKDAYS, Quantity, extract_quantities, weekday_of
from .roles import Placed, place, role_words, same_event, shared_role
from .stories import group_stories
from .tokens import content_keys, segments
from .units import BY_SYMBOL

__all__ = ["Disagreement", "Fact", "Mention", "compute_facts"]

# Two stated figures agree when they differ by at most this share (rounding in unit conversions:
# "4-kilometer (2 1/2-mile)" differ by 0.6%).
TOLERANCE = 0.02


@dataclass(frozen=True)
class Mention:
    article: str
    doc: int  # position of the document in the corpus
    sentence: int  # content-sentence index in that document
    line: int
    text: str
    secondary: bool = False  # a second sentence of an article that split the fact in two

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        """The quantities the sentence states (extracted when first asked for)."""
        return tuple(extract_quantities(self.text))

    @cached_property
    def placed(self) -> tuple[Placed, ...]:
        """The quantities with what each is of (``roles``)."""
        return tuple(place(self.text, self.quantities))


class Disagreement(NamedTuple):
    kind: str  # "value", "unit", "qualifier", "weekday", "weekday-date"
    values: dict[str, str]  # article id -> the words that article uses
    note: str
    quantities: dict[str, Quantity]
    role: str = ""  # the words next to the figures that show they are of the same thing


@dataclass(frozen=True)
class Fact:
    id: str
    mentions: tuple[Mention, ...]
    disagreements: tuple[Disagreement, ...]
    # Pairs of articles (ids, in loaded order) whose mentions their own diff pairs; two mentions not
    # in here are in the fact through the other members they are paired with.
    paired: frozenset[tuple[str, str]] = frozenset()

    @property
    def articles(self) -> list[str]:
        """The articles reporting the fact, each once, in loaded order."""
        return list(dict.fromkeys(m.article for m in self.mentions))

    def mention_of(self, article: str) -> Mention | None:
        return next((m for m in self.mentions if m.article == article), None)

    def differing_spans(self, mention: Mention) -> list[tuple[int, int]]:
        """Spans of ``mention.text`` holding content words no other mention of the fact uses
        (what this outlet says that the others do not)."""
        others: set[str] = set()
        for m in self.mentions:
            if m is not mention:
                others.update(content_keys(m.text))
        spans = []
        for seg in segments(mention.text):
            word = mention.text[seg.start : seg.end].rstrip()
            keys = content_keys(word)
            if keys and not any(k in others for k in keys):
                spans.append((seg.start, seg.start + len(word)))
        return spans

    def disputed(self, quantity: Quantity) -> bool:
        """Whether ``quantity`` is one of the figures this fact's outlets disagree on."""
        return any(quantity == q for d in self.disagreements for q in d.quantities.values())


Sentence = tuple[int, int]  # (document position in the corpus, content-sentence index)


def _story_edges(members: Sequence[int], index: SentenceIndex, threshold: float
                 ) -> tuple[list[tuple[float, Sentence, Sentence]], dict[tuple[Sentence, int], int]]:
    """The pairs of every two articles of one story (the pairing the diff shows), strongest first,
    and each sentence's partner in every other article."""
    edges: list[tuple[float, Sentence, Sentence]] = []
    partner: dict[tuple[Sentence, int], int] = {}
    for x, p in enumerate(members):
        for y in range(x + 1, len(members)):
            q = members[y]
            for i, (j, s) in pair_sentences(index.scores(x, y), threshold).items():
                edges.append((s, (p, i), (q, j)))
                partner[((p, i), q)] = j
                partner[((q, j), p)] = i
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    return edges, partner


def _group(edges: Sequence[tuple[float, Sentence, Sentence]], partner: Mapping[tuple[Sentence, int], int]
           ) -> dict[Sentence, list[Sentence]]:
    """Facts from pairs, strongest pair first, without chaining: two groups join only when

    * they share no article (a fact has one mention per outlet),
    * no member's own pairing puts it with a *different* sentence of another member's article, and
    * afterwards every member is paired with at least half of the other members.

    So A~B and B~C never put an unrelated A and C in one fact: C joins A's fact only when it also
    pairs with A (or, in a larger fact, with at least half of it). Returns {root: members}."""
    groups: dict[Sentence, list[Sentence]] = {}
    root: dict[Sentence, Sentence] = {}

    def paired(x: Sentence, y: Sentence) -> bool:
        return partner.get((x, y[0])) == y[1]

    def conflict(x: Sentence, y: Sentence) -> bool:
        px, py = partner.get((x, y[0])), partner.get((y, x[0]))
        return (px is not None and px != y[1]) or (py is not None and py != x[1])

    for _s, u, v in edges:
        ru, rv = root.get(u, u), root.get(v, v)
        if ru == rv:
            continue
        mu, mv = groups.get(ru, [u]), groups.get(rv, [v])
        if {p for p, _ in mu} & {p for p, _ in mv}:
            continue
        if any(conflict(x, y) for x in mu for y in mv):
            continue
        merged = mu + mv
        if any(2 * sum(paired(x, y) for y in merged if y != x) < len(merged) - 1 for x in merged):
            continue
        groups[ru] = merged
        groups.pop(rv, None)
        for x in merged:
            root[x] = ru
    return groups


def compute_facts(
    documents: Sequence[Document],
    threshold: float = DEFAULT_THRESHOLD,
    years: Mapping[str, int | None] | None = None,
    min_articles: int = 1,
    stories: Sequence[tuple[Sequence[int], SentenceIndex]] | None = None,
) -> list[Fact]:
    """Group the sentences of all documents into facts (see module docstring). ``stories`` are the
    groups of document positions that tell one story, each with its ``SentenceIndex`` (computed
    when not given); facts never cross stories. ``years`` gives each article's publication year,
    when known, for checking weekdays against dates."""
    if stories is None:
        stories = [(m, SentenceIndex([documents[p] for p in m])) for m in group_stories(documents)]
    sizes = [len(d.sentences) for d in documents]
    clusters: list[list[Sentence]] = []
    secondary: set[Sentence] = set()
    partner: dict[tuple[Sentence, int], int] = {}
    for members, index in stories:
        edges, story_partner = _story_edges(members, index, threshold)
        partner.update(story_partner)
        groups = _group(edges, story_partner)
        extra = _secondary(edges, groups)
        secondary.update(extra)
        for x, r in extra.items():
            groups[r].append(x)
        grouped = {x for g in groups.values() for x in g}
        clusters.extend(groups.values())
        clusters.extend([(p, s.index)] for p in members for s in documents[p].sentences
                        if (p, s.index) not in grouped)

    def position(members: list[Sentence]) -> float:
        return sum(i / max(1, sizes[p]) for p, i in members) / len(members)

    def n_articles(members: list[Sentence]) -> int:
        return len({p for p, _ in members})

    ordered = sorted(clusters, key=lambda m: (-n_articles(m), position(m), min(m)))
    facts: list[Fact] = []
    for members in ordered:
        if n_articles(members) < min_articles:
            continue
        mentions = []
        for p, i in sorted(members):
            doc = documents[p]
            sent = doc.sentences[i]
            mentions.append(Mention(doc.id, p, i, sent.line, sent.text, (p, i) in secondary))
        found = disagreements(mentions, years or {}) if n_articles(members) > 1 else []
        paired = frozenset(
            (documents[x[0]].id, documents[y[0]].id)
            for x, y in itertools.combinations(sorted(members), 2)
            if x[0] != y[0] and partner.get((x, y[0])) == y[1]
        )
        facts.append(Fact(f"F{len(facts) + 1}", tuple(mentions), tuple(found), paired))
    return facts


def _secondary(edges: Sequence[tuple[float, Sentence, Sentence]], groups: Mapping[Sentence, list[Sentence]]
               ) -> dict[Sentence, Sentence]:
    """Sentences left out of every fact although their article's pairing put them with a member of
    a fact that already has a mention from that article: the outlet split the fact over two
    sentences ("racing across the border under fire" beside "shot at least four times"). Each joins
    as a second mention, strongest pair first. Returns {sentence: root of its fact}."""
    root_of = {x: r for r, g in groups.items() for x in g}
    docs_of = {r: {p for p, _ in g} for r, g in groups.items()}
    out: dict[Sentence, Sentence] = {}
    for _s, u, v in edges:
        for x, y in ((u, v), (v, u)):
            r = root_of.get(y)
            if x not in out and x not in root_of and r is not None and x[0] in docs_of[r]:
                out[x] = r
    return out


# ------------------------------------------------------------------------------------------------
# Disagreements


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > TOLERANCE * max(abs(a), abs(b), 1e-9)


def _overlap(a: Quantity, b: Quantity) -> bool:
    return a.low <= b.high * (1 + TOLERANCE) and b.low <= a.high * (1 + TOLERANCE)


def _converted(q: Quantity, ref: str | None) -> str:
    """'10 in (25.4 cm)' when q is in another unit than the reference one."""
    if q.point is None or not ref or q.unit == ref or ref not in BY_SYMBOL:
        return q.describe()
    return f"{q.describe()} ({q.point / BY_SYMBOL[ref].factor:.3g} {ref})"


def disagreements(mentions: Sequence[Mention], years: Mapping[str, int | None]) -> list[Disagreement]:
    """Where the mentions of one fact state different figures for the same quantity: the same kind
    (and counted noun), the same role in their sentences and the same moment (``roles``)."""
    by_slot: dict[tuple[str, str | None], dict[str, list[Placed]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        for p in m.placed:
            slot = p.quantity.slot()
            if p.quantity.kind == "count" and slot[1] is None:
                continue
            by_slot[slot][m.article].append(p)
    out: list[Disagreement] = []
    for (kind, _subject), per_article in by_slot.items():
        if len(per_article) < 2:
            continue
        for chosen, role in _same_role_groups(per_article):
            found = _compare(kind, {a: p.quantity for a, p in chosen.items()})
            if found:
                out.append(found._replace(role=role_words(next(iter(chosen.values())), role)))
    out.extend(_weekday_against_date(mentions, years))
    return out


def _same_role_groups(per_article: Mapping[str, Sequence[Placed]]) -> list[tuple[dict[str, Placed], set[str]]]:
    """Groups of figures, at most one per article, in which every two are of the same role (each
    figure with every other, not through a third: "three boosters" ~ "three boosters" and "two side
    boosters" ~ "two side boosters" are two groups, never one), largest first, and the words that
    showed it."""
    figures = [(a, p) for a, ps in per_article.items() for p in ps]
    roles: dict[tuple[int, int], frozenset[str]] = {}
    for x, y in itertools.combinations(range(len(figures)), 2):
        if figures[x][0] != figures[y][0]:
            r = shared_role(figures[x][1], figures[y][1])
            if r is not None:
                roles[(x, y)] = r
    used: set[int] = set()
    groups = []
    # Grow each group from the pair sharing the most role words, adding a figure only when it is of
    # the same role as every member and its article is not in the group yet.
    for (x, y), _r in sorted(roles.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if x in used or y in used:
            continue
        members = [x, y]
        for z in range(len(figures)):
            if z in used or z in members or figures[z][0] in {figures[m][0] for m in members}:
                continue
            if all((min(z, m), max(z, m)) in roles for m in members):
                members.append(z)
        used.update(members)
        words: set[str] = set()
        for a, b in itertools.combinations(sorted(members), 2):
            words |= roles[(a, b)]
        groups.append(({figures[m][0]: figures[m][1] for m in members}, words))
    return groups


def _compare(kind: str, per: dict[str, Quantity]) -> Disagreement | None:
    values = {a: q.text for a, q in per.items()}
    qs = dict(per)
    if kind == "weekday":
        days = {int(q.low) for q in per.values()}
        if len(days) > 1:
            note = " vs ".join(dict.fromkeys(WEEKDAYS[int(q.low)].capitalize() for q in per.values()))  # as listed
            return Disagreement("weekday", values, f"different days: {note}", qs)
        return None
    points = {a: q.point for a, q in per.items() if q.point is not None}
    units = {q.unit for q in per.values() if q.value is not None}
    if len(points) >= 2 and any(_differ(x, y) for x, y in itertools.combinations(points.values(), 2)):
        if len(units) > 1 and kind in MEASURES:
            ref = next(q.unit for q in per.values() if q.value is not None)
            parts = [_converted(q, ref) for q in per.values()]
            return Disagreement("unit", values, "do not agree after conversion: " + " vs ".join(_unique(parts)), qs)
        parts = [q.describe() for q in per.values()]
        return Disagreement("value", values, "different figures: " + " vs ".join(_unique(parts)), qs)
    for (_a, qa), (_b, qb) in itertools.combinations(per.items(), 2):
        if not _overlap(qa, qb):
            parts = [q.describe() for q in per.values()]
            return Disagreement("value", values, "ranges do not overlap: " + " vs ".join(_unique(parts)), qs)
    # The same figure with a different certainty counts only when the two cannot both be true:
    # "nearly 700" against "more than 700", not "at least three" against "three confirmed".
    quals = {q.qualifier or "exactly" for q in per.values() if q.value is not None}
    strict = any(qa.high < qb.low or qb.high < qa.low for qa, qb in itertools.combinations(per.values(), 2))
    if len(points) >= 2 and len(quals) > 1 and strict:
        parts = [q.describe() for q in per.values()]
        return Disagreement("qualifier", values, "same figure, different certainty: " + " vs ".join(_unique(parts)), qs)
    return None


def _weekday_against_date(mentions: Sequence[Mention], years: Mapping[str, int | None]) -> list[Disagreement]:
    """A weekday that does not fall on the date it goes with, when the year is known (stated with the
    date, or the article's publication year). They go together when written side by side in one
    sentence ("on Monday, November 13"), or in two outlets' sentences with the same role (the same
    event words next to both: "released on Tuesday" / "released on November 22")."""
    dates = [(m, p) for m in mentions for p in m.placed if p.quantity.kind == "date"]
    days = [(m, p) for m in mentions for p in m.placed if p.quantity.kind == "weekday"]
    out = []
    for (md, pd), (mw, pw) in itertools.product(dates, days):
        qd, qw = pd.quantity, pw.quantity
        if md.article == mw.article:
            if md.sentence != mw.sentence or not _side_by_side(md.text, qd, qw):
                continue
        elif same_event(pd, pw) is None:
            continue  # two outlets' days and dates of different events
        year = int(qd.value) if qd.value else years.get(md.article) or years.get(mw.article)
        if not year:
            continue
        month, day = divmod(int(qd.low), 100)
        wd = weekday_of(year, month, day)
        if wd is not None and wd != int(qw.low):
            if md.article != mw.article:
                values = {md.article: qd.text, mw.article: qw.text}
            else:
                values = {md.article: f"{qd.text} / {qw.text}"}
            day_name, said = WEEKDAYS[wd].capitalize(), WEEKDAYS[int(qw.low)].capitalize()
            note = f"{qd.describe()} {year} was a {day_name}, not a {said}"
            role = role_words(pw, pd.context & pw.context)
            out.append(Disagreement("weekday-date", values, note, {md.article: qd, mw.article: qw}, role))
    return out


def _side_by_side(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one sentence are written next to each other ("Monday, Nov. 13")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return len(text[first.end : second.start].strip(" ,")) <= 3


def _unique(parts: list[str]) -> list[str]:
    return list(dict.fromkeys(parts))
