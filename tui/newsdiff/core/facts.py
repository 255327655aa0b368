"""Facts across all loaded articles: who reports what, and where their figures disagree.

A *fact* is a cluster of sentences from different articles that state the same thing. Clusters are
built from the pairwise sentence pairs (``align.pair_sentences``, the same pairing the diff shows),
strongest pair first, joining two clusters only when they share no article: one outlet's two
different sentences are never glued together through a third outlet's sentence that resembles
both. The one exception is an outlet that split the fact over two sentences: a sentence its own
alignment paired with a member of the fact, and that no other fact took, joins as a *secondary*
mention.

For large corpora the candidate pairs are found by blocking instead of scoring every sentence
against every other: only sentences that share a rare word (one used in few sentences) are scored.

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

from rapidfuzz.distance import Indel

from .align import (
    CANDIDATE_FLOOR,
    DEFAULT_THRESHOLD,
    HEADLINE_MIN,
    SentenceIndex,
    candidate_scores,
    pair_sentences,
)
from .document import Document
from .quantities import MEASURES, WEEKDAYS, Quantity, extract_quantities, weekday_of
from .tokens import content_keys, segments
from .units import BY_SYMBOL

__all__ = ["Disagreement", "Fact", "Mention", "compute_facts"]

# Above this many sentence pairs in the whole corpus, candidates come from blocking on rare words.
BLOCK_ABOVE = 250_000
# In blocking, a word used by more than this share of all sentences is too common to propose pairs.
RARE_SHARE = 0.02
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


class Disagreement(NamedTuple):
    kind: str  # "value", "unit", "qualifier", "weekday", "weekday-date"
    values: dict[str, str]  # article id -> the words that article uses
    note: str
    quantities: dict[str, Quantity]


@dataclass(frozen=True)
class Fact:
    id: str
    mentions: tuple[Mention, ...]
    disagreements: tuple[Disagreement, ...]

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


def _blocked_scores(index: SentenceIndex) -> dict[tuple[int, int], dict[tuple[int, int], float]]:
    """Candidate scores per document pair, only for sentences that share a rare word."""
    total = sum(len(b) for b in index.bags)
    df: dict[int, int] = defaultdict(int)
    for doc in index.bags:
        for bag in doc:
            for w in bag:
                df[w] += 1
    limit = max(2, int(RARE_SHARE * total))
    postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, doc in enumerate(index.bags):
        for i, bag in enumerate(doc):
            for w in bag:
                if df[w] <= limit:
                    postings[w].append((d, i))
    seen: set[tuple[int, int, int, int]] = set()
    out: dict[tuple[int, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for plist in postings.values():
        for (d1, i1), (d2, i2) in itertools.combinations(plist, 2):
            if d1 == d2:
                continue
            if d1 > d2:
                d1, i1, d2, i2 = d2, i2, d1, i1
            key = (d1, i1, d2, i2)
            if key in seen:
                continue
            seen.add(key)
            head = i1 in index.headlines[d1]
            if head != (i2 in index.headlines[d2]):
                continue  # a headline is compared with headlines only (as in align.candidate_scores)
            s = 100.0 * Indel.normalized_similarity(index.codes[d1][i1], index.codes[d2][i2])
            if s >= (HEADLINE_MIN if head else CANDIDATE_FLOOR):
                out[(d1, d2)][(i1, i2)] = round(s, 1)
    return out


def compute_facts(
    documents: Sequence[Document],
    index: SentenceIndex | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    years: Mapping[str, int | None] | None = None,
    min_articles: int = 1,
) -> list[Fact]:
    """Cluster the sentences of all documents into facts (see module docstring). ``years`` gives
    each article's publication year, when known, for checking weekdays against dates."""
    index = index or SentenceIndex(documents)
    n_docs = len(documents)
    sizes = [len(d.sentences) for d in documents]
    total_pairs = sum(sizes[p] * sizes[q] for p in range(n_docs) for q in range(p + 1, n_docs))
    if total_pairs > BLOCK_ABOVE:
        blocked = _blocked_scores(index)
        scores_of = lambda p, q: blocked.get((p, q), {})  # noqa: E731
    else:
        scores_of = lambda p, q: candidate_scores(index, p, q, threshold)  # noqa: E731

    edges: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
    partner: dict[tuple[tuple[int, int], int], int] = {}  # (sentence, other doc) -> paired sentence
    for p in range(n_docs):
        for q in range(p + 1, n_docs):
            shared = lambda i, j, p=p, q=q: index.shared(p, i, q, j)  # noqa: E731
            for i, (j, s) in pair_sentences(scores_of(p, q), threshold, sizes[p], sizes[q], shared).items():
                edges.append((s, (p, i), (q, j)))
                partner[((p, i), q)] = j
                partner[((q, j), p)] = i

    def verdict(x: tuple[int, int], y: tuple[int, int]) -> int:
        """+1 when the alignment of x's and y's articles paired them, -1 when it paired either
        with some other sentence, 0 when it has nothing to say."""
        px, py = partner.get((x, y[0])), partner.get((y, x[0]))
        if px == y[1]:
            return 1
        return -1 if px is not None or py is not None else 0
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))

    # Union-find over sentences; a cluster records the documents it has a sentence of.
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    docs_in: dict[tuple[int, int], set[int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for _s, u, v in edges:
        ru, rv = find(u), find(v)
        if ru == rv:
            continue
        du, dv = docs_in.get(ru, {u[0]}), docs_in.get(rv, {v[0]})
        if du & dv:
            continue  # would give one article two mentions of the fact
        mu, mv = members.get(ru, [u]), members.get(rv, [v])
        # Joining two clusters must agree with the pairwise alignments of their articles: the pairs
        # that put a member with a *different* sentence must not outnumber the pairs that put
        # members together (otherwise A~B and B~C chain unrelated A and C into one fact).
        if sum(verdict(x, y) for x in mu for y in mv) < 0:
            continue
        parent[rv] = ru
        docs_in[ru] = du | dv
        members[ru] = mu + mv

    # A sentence left on its own although its article's alignment paired it with a member of a fact
    # that already has a mention from that article joins the fact as a second mention: the outlet
    # split the fact over two sentences ("racing across the border under fire" beside "shot at least
    # four times"). Strongest pair first; never more than one extra sentence per pair.
    secondary: dict[tuple[int, int], tuple[int, int]] = {}
    for _s, u, v in edges:
        for x, y in ((u, v), (v, u)):
            ry = find(y)
            if x not in secondary and find(x) == x and x not in members and ry in members \
                    and x[0] in docs_in[ry]:
                secondary[x] = ry
    for x, root in secondary.items():
        parent[x] = root

    clusters: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for p, doc in enumerate(documents):
        for s in doc.sentences:
            clusters[find((p, s.index))].append((p, s.index))

    def position(members: list[tuple[int, int]]) -> float:
        return sum(i / max(1, sizes[p]) for p, i in members) / len(members)

    def n_articles(members: list[tuple[int, int]]) -> int:
        return len({p for p, _ in members})

    ordered = sorted(clusters.values(), key=lambda m: (-n_articles(m), position(m), m[0]))
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
        facts.append(Fact(f"F{len(facts) + 1}", tuple(mentions), tuple(found)))
    return facts


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
    """Where the mentions of one fact state different figures for the same kind of quantity."""
    by_slot: dict[tuple[str, str | None], dict[str, Quantity]] = defaultdict(dict)
    for m in mentions:
        for q in m.quantities:
            slot = q.slot()
            if q.kind == "count" and slot[1] is None:
                continue
            by_slot[slot].setdefault(m.article, q)  # an article's first figure for the slot
    out: list[Disagreement] = []
    for (kind, _subject), per_article in by_slot.items():
        if len(per_article) < 2:
            continue
        found = _compare(kind, per_article)
        if found:
            out.append(found)
    out.extend(_weekday_against_date(mentions, years))
    return out


def _compare(kind: str, per: dict[str, Quantity]) -> Disagreement | None:
    values = {a: q.text for a, q in per.items()}
    qs = dict(per)
    if kind == "weekday":
        days = {int(q.low) for q in per.values()}
        if len(days) > 1:
            note = " vs ".join(sorted({WEEKDAYS[d].capitalize() for d in days}))
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
    quals = {q.qualifier or "exactly" for q in per.values() if q.value is not None}
    if len(points) >= 2 and len(quals) > 1:
        parts = [q.describe() for q in per.values()]
        return Disagreement("qualifier", values, "same figure, different certainty: " + " vs ".join(_unique(parts)), qs)
    return None


def _weekday_against_date(mentions: Sequence[Mention], years: Mapping[str, int | None]) -> list[Disagreement]:
    """A weekday in one mention against a calendar date in another, when the year is known (stated
    with the date, or the article's publication year)."""
    dates = [(m, q) for m in mentions for q in m.quantities if q.kind == "date"]
    days = [(m, q) for m in mentions for q in m.quantities if q.kind == "weekday"]
    out = []
    for (md, qd), (mw, qw) in itertools.product(dates, days):
        if md.article == mw.article and md.sentence != mw.sentence:
            continue  # two sentences of one outlet may date two different events
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
            out.append(Disagreement("weekday-date", values, note, {md.article: qd, mw.article: qw}))
    return out


def _unique(parts: list[str]) -> list[str]:
    return list(dict.fromkeys(parts))
