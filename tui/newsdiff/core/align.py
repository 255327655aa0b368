"""Sentence alignment of two articles that tell one story in different orders.

1. Score every sentence of A against every sentence of B (``similarity``: IDF-weighted overlap of
   normalised content words, 0-100, computed by rapidfuzz).
2. Pair one-to-one, greedily from the best score down, keeping only pairs at or above the
   threshold. Greedy-by-score favours precision: a sentence is never paired with a second-best
   partner while its best partner is free.
3. Join two adjacent sentences of one side when together they match a single sentence of the other
   clearly better than either alone (1:2 and 2:1).
4. Mark as ``moved`` the fewest pairs whose removal leaves the rest in the same order on both sides
   (the complement of a longest increasing subsequence).
5. Lay the rows out in A's reading order, with each sentence only one side has placed next to its
   neighbours, and compute word-level edit operations inside each pair (``worddiff``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .document import Document, Sentence
from .similarity import Postings, Vocabulary, dice_matrix, overlap
from .tokens import content_keys
from .worddiff import Op, word_ops

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_THRESHOLD",
    "Alignment",
    "Row",
    "Scores",
    "SentenceIndex",
    "Side",
    "align",
    "pair_sentences",
]

# The numbers below were measured on hand-labelled pairs between the seed articles
# (tests/data/align/gold.json) with tests/perf/calibrate.py; README "Choosing the threshold" has the table.
#
# Minimum similarity (0-100) for a pair; ``--threshold`` changes it.
DEFAULT_THRESHOLD = 10.0
# A pair must also be *distinctive*: its score (boosted by its diagonal neighbours, below) divided by
# the mean of the best NEIGHBOURS scores of its two sentences must reach MARGIN. This "ratio margin"
# (as in bitext mining, Artetxe & Schwenk 2019) rejects pairs that only share the story's common
# words, which every sentence shares with many others.
NEIGHBOURS = 4
MARGIN = 1.4
# Outlets reorder paragraphs but keep short runs in order: a pair whose neighbours (i-1, j-1) or
# (i+1, j+1) also match gets CONTEXT times the better neighbour's score added before the margin test.
CONTEXT = 0.3
# Scores below this are no evidence at all and are not kept.
CANDIDATE_FLOOR = 5.0
# A pair must share at least this many content words: one shared word ("courage", "head") is a
# coincidence between unrelated stories as often as it is evidence.
MIN_SHARED = 2
# Two headlines are compared with each other only, so the margin says nothing about them; they pair
# when they share this much. Headlines of one story always overlap (the outlets' own wording: "Dramatic
# video shows..." against "Stunning footage..."), and a pair is a claim that they say the same thing.
HEADLINE_MIN = 30.0
# Pairs this similar are the same sentence, distinctive or not (repeated wire copy).
ALWAYS_PAIR = 80.0
# With sentence embeddings (the optional semantic extra), the similarity is a mix of the lexical
# score and the embeddings' cosine, counted from COS_FLOOR (sentences of one story are rarely below
# it) and scaled to 0-100: LEX_SHARE of the lexical score, the rest semantic. A pair sharing fewer
# than MIN_SHARED content words may still pair when its cosine reaches COS_ALONE (a paraphrase).
LEX_SHARE = 0.5
COS_FLOOR = 0.3
COS_ALONE = 0.7
# A join (1:2 / 2:1) must raise the score by MERGE_GAIN, and the added sentence must have at least
# MERGE_CONTAIN of its weight in the other side; otherwise a join only dilutes a good pair.
MERGE_GAIN = 4.0
MERGE_CONTAIN = 0.5


class Side(NamedTuple):
    """One side of a row: one or two adjacent sentences."""

    sentences: tuple[int, ...]
    line: int
    text: str


class Row(NamedTuple):
    kind: str  # "pair", "only_a" or "only_b"
    a: Side | None
    b: Side | None
    score: float | None = None
    moved: bool = False
    ops: tuple[Op, ...] = ()


@dataclass(frozen=True)
class Alignment:
    a: Document
    b: Document
    threshold: float
    rows: tuple[Row, ...]
    similarity: str = "lexical"  # the measure that made the pairs ("lexical", or "semantic" with the extra)
    related: bool = True  # False: the articles tell different stories, only near-identical sentences pair

    @property
    def pairs(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "pair"]

    def summary(self) -> dict[str, float | int]:
        pairs = self.pairs
        scores = [r.score for r in pairs if r.score is not None]
        return {
            "pairs": len(pairs),
            "identical": sum(1 for r in pairs if r.ops and all(o.op == "equal" for o in r.ops)),
            "moved": sum(1 for r in pairs if r.moved),
            "only_a": sum(1 for r in self.rows if r.kind == "only_a"),
            "only_b": sum(1 for r in self.rows if r.kind == "only_b"),
            "mean_similarity": round(sum(scores) / len(scores), 1) if scores else 0.0,
        }


# Weekday and month names, as content keys.
_CALENDAR = frozenset(
    k for name in ("monday tuesday wednesday thursday friday saturday sunday january february march april "
                   "june july august september october november december").split()
    for k in content_keys(name)
)


class Scores(NamedTuple):
    """Every sentence pair of two documents, as ``len(a) x len(b)`` matrices."""

    score: np.ndarray  # the similarity pairs are decided on, 0-100 (0 where no pair may form)
    shared: np.ndarray  # how many content words the two sentences share (days and months aside)


@dataclass
class SentenceIndex:
    """Content-word bags of every sentence of a set of documents, and their shared vocabulary."""

    documents: Sequence[Document]
    embedder: Callable[[Sequence[str]], np.ndarray] | None = None  # sentence embeddings (semantic extra)
    vocab: Vocabulary = field(init=False)
    bags: list[list[frozenset[int]]] = field(init=False)
    headlines: list[set[int]] = field(init=False)

    def __post_init__(self) -> None:
        keys = [d.sentence_keys for d in self.documents]
        self.vocab = Vocabulary([k for doc in keys for k in doc])
        self.bags = [[self.vocab.bag(k) for k in doc] for doc in keys]
        self.headlines = [
            {s.index for s in d.sentences if d.blocks[s.block].kind == "headline"} for d in self.documents
        ]
        self._pos = {id(d): n for n, d in enumerate(self.documents)}
        self._calendar = {self.vocab.ids[k] for k in _CALENDAR if k in self.vocab.ids}
        self._postings: dict[int, Postings] = {}
        self._vectors: tuple[np.ndarray, np.ndarray] | None = None
        self._own: dict[int, np.ndarray] = {}
        self._embedded: dict[int, np.ndarray] = {}

    @property
    def similarity(self) -> str:
        """The measure the scores use: "semantic" (words and sentence embeddings) or "lexical"."""
        return "lexical" if self.embedder is None else "semantic"

    def embeddings(self, p: int) -> np.ndarray:
        """Unit-length sentence embeddings of document ``p`` (semantic extra only)."""
        if p not in self._embedded:
            assert self.embedder is not None
            self._embedded[p] = self.embedder([s.text for s in self.documents[p].sentences])
        return self._embedded[p]

    def position(self, doc: Document) -> int:
        return self._pos[id(doc)]

    def shared(self, pa: int, i: int, pb: int, j: int) -> int:
        """How many content words sentence i of document pa and sentence j of pb share; days and
        months do not count (every story has a Tuesday in it)."""
        return len((self.bags[pa][i] & self.bags[pb][j]) - self._calendar)

    def postings(self, p: int) -> Postings:
        if p not in self._postings:
            self._postings[p] = Postings(self.bags[p])
        return self._postings[p]

    def _weights(self) -> tuple[np.ndarray, np.ndarray]:
        """(IDF weight of each word, 1 for each word that counts as shared content)."""
        import numpy as np

        if self._vectors is None or len(self._vectors[0]) != len(self.vocab.weights):
            weights = self.vocab.array()
            counts = np.ones_like(weights)
            counts[list(self._calendar)] = 0.0
            self._vectors = (weights, counts)
        return self._vectors

    def own_weight(self, p: int) -> np.ndarray:
        """Each sentence's own total weight (the denominator of its Dice scores)."""
        import numpy as np

        if p not in self._own:
            self._own[p] = np.asarray([self.vocab.weight(b) for b in self.bags[p]], dtype=np.float32)
        return self._own[p]

    def scores(self, pa: int, pb: int) -> Scores:
        """Similarity of every sentence of document ``pa`` to every sentence of ``pb``.

        A headline is compared with the other headline only (it summarises the story rather than
        stating one fact of it), and two headlines need HEADLINE_MIN; scores below CANDIDATE_FLOOR
        are no evidence and are set to 0."""
        import numpy as np

        weights, counts = self._weights()
        shared_w, shared_n = overlap(self.bags[pa], self.postings(pb), [weights, counts])
        score = dice_matrix(shared_w, self.own_weight(pa), self.own_weight(pb))
        if self.embedder is not None and score.size:
            cos = self.embeddings(pa) @ self.embeddings(pb).T
            semantic = 100.0 * np.clip((cos - COS_FLOOR) / (1.0 - COS_FLOOR), 0.0, 1.0)
            score = LEX_SHARE * score + (1.0 - LEX_SHARE) * semantic
            # A close paraphrase counts as sharing enough words.
            shared_n = np.where(cos >= COS_ALONE, np.maximum(shared_n, MIN_SHARED), shared_n)
        heads_a, heads_b = self.headlines[pa], self.headlines[pb]
        if heads_a or heads_b:
            ha = np.zeros(score.shape[0], dtype=bool)
            ha[list(heads_a)] = True
            hb = np.zeros(score.shape[1], dtype=bool)
            hb[list(heads_b)] = True
            score[ha[:, None] != hb[None, :]] = 0
            score[ha[:, None] & hb[None, :] & (score < HEADLINE_MIN)] = 0
        score[score < CANDIDATE_FLOOR] = 0
        return Scores(np.round(score, 1).astype(np.float32), shared_n)


def pair_sentences(scores: Scores, threshold: float, related: bool = True) -> dict[int, tuple[int, float]]:
    """One-to-one pairs from the similarity of two documents' sentences; returns ``{i: (j, score)}``.

    A pair qualifies when its score reaches ``threshold``, it is distinctive (``MARGIN``) and its
    sentences share ``MIN_SHARED`` content words, or when its score reaches ``ALWAYS_PAIR``
    (the only way when the two articles are not ``related``: they tell different stories);
    qualifying pairs are taken greedily, most distinctive first, ties going to the pair whose
    sentences sit at more similar relative positions.
    """
    import numpy as np

    s = scores.score
    n_a, n_b = s.shape
    if not n_a or not n_b:
        return {}
    # Outlets keep short runs of sentences in order: a diagonal neighbour's score counts a little.
    near = np.zeros_like(s)
    near[1:, 1:] = s[:-1, :-1]
    np.maximum(near[:-1, :-1], s[1:, 1:], out=near[:-1, :-1])
    boosted = np.where(s > 0, s + CONTEXT * near, 0).astype(np.float32)

    def top_mean(m: np.ndarray, axis: int) -> np.ndarray:
        k = min(NEIGHBOURS, m.shape[axis])
        top = -np.partition(-m, k - 1, axis=axis)
        top = top[:, :k] if axis == 1 else top[:k, :]
        return top.sum(axis=axis) / NEIGHBOURS

    denom = np.maximum((top_mean(boosted, 1)[:, None] + top_mean(boosted, 0)[None, :]) / 2, 1e-9)
    margin = boosted / denom
    always = s >= ALWAYS_PAIR
    ok = (s >= threshold) & (always | ((margin >= MARGIN) & (scores.shared >= MIN_SHARED))) if related else always
    chosen = []
    for i, j in zip(*np.nonzero(ok), strict=True):
        sc = float(s[i, j])
        rank = -10.0 - sc if always[i, j] else -min(float(margin[i, j]), 10.0)
        chosen.append((rank, -sc, abs(i / n_a - j / n_b), int(i), int(j)))
    chosen.sort()
    used_b: set[int] = set()
    out: dict[int, tuple[int, float]] = {}
    for *_, i, j in chosen:
        if i in out or j in used_b:
            continue
        out[i] = (j, float(s[i, j]))
        used_b.add(j)
    return out


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values`` (O(n log n))."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(values)
    for pos, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(pos)
        pos = prev[pos]
    return keep


def _side(doc: Document, idx: Sequence[int]) -> Side:
    """Text of one or two adjacent sentences, exactly as in the source when they share a block."""
    sents: list[Sentence] = [doc.sentences[i] for i in idx]
    first, last = sents[0], sents[-1]
    if first.block == last.block:
        text = doc.blocks[first.block].text[first.start : last.end]
    else:
        text = " ".join(s.text for s in sents)
    return Side(tuple(idx), first.line, text)


def align(
    a: Document,
    b: Document,
    threshold: float = DEFAULT_THRESHOLD,
    index: SentenceIndex | None = None,
    with_ops: bool = True,
    related: bool = True,
) -> Alignment:
    """Align the content sentences of ``a`` and ``b`` (see module docstring). ``related=False``: the
    articles tell different stories (``stories``), so only near-identical sentences pair."""
    if index is None:
        index = SentenceIndex([a, b] if a is not b else [a])
    pa, pb = index.position(a), index.position(b)
    bags_a, bags_b = index.bags[pa], index.bags[pb]
    vocab = index.vocab
    n_a, n_b = len(bags_a), len(bags_b)

    scores = index.scores(pa, pb)
    best = pair_sentences(scores, threshold, related)

    # groups: A indices -> B indices, with score
    groups: list[tuple[list[int], list[int], float]] = [([i], [j], s) for i, (j, s) in best.items()]
    a_group = {i: g for g, (ai, _, _) in enumerate(groups) for i in ai}
    b_group = {j: g for g, (_, bj, _) in enumerate(groups) for j in bj}

    def try_join(u: int, side: str) -> None:
        """Join unpaired sentence u of one side to an adjacent paired sentence's group."""
        own_bags, other_bags = (bags_a, bags_b) if side == "a" else (bags_b, bags_a)
        own_group = a_group if side == "a" else b_group
        best_gain, best_g, best_score = 0.0, None, 0.0
        for nb in (u - 1, u + 1):
            g = own_group.get(nb)
            if g is None:
                continue
            ai, bj, score = groups[g]
            own, other = (ai, bj) if side == "a" else (bj, ai)
            if len(own) != 1 or len(other) != 1:
                continue  # at most two sentences on one side, one on the other
            target = other_bags[other[0]]
            new = vocab.dice(own_bags[own[0]] | own_bags[u], target)
            if new - score >= MERGE_GAIN and vocab.containment(own_bags[u], target) >= MERGE_CONTAIN \
                    and new - score > best_gain:
                best_gain, best_g, best_score = new - score, g, new
        if best_g is not None:
            ai, bj, _ = groups[best_g]
            if side == "a":
                ai = sorted([*ai, u])
            else:
                bj = sorted([*bj, u])
            own_group[u] = best_g
            groups[best_g] = (ai, bj, round(best_score, 1))

    # Joins need a story in common: between unrelated articles only identical sentences pair.
    if related:
        for u in range(n_a):
            if u not in a_group:
                try_join(u, "a")
        for u in range(n_b):
            if u not in b_group:
                try_join(u, "b")

        # Two adjacent unpaired sentences that together match one unpaired sentence of the other side.
        near: dict[tuple[str, int], set[int]] = {}
        for i, j in zip(*scores.score.nonzero(), strict=True):
            i, j = int(i), int(j)
            if i not in a_group and j not in b_group:
                near.setdefault(("a", i), set()).add(j)
                near.setdefault(("b", j), set()).add(i)
        for side, n_own, own_group, other_group, own_bags, other_bags in (
            ("a", n_a, a_group, b_group, bags_a, bags_b),
            ("b", n_b, b_group, a_group, bags_b, bags_a),
        ):
            for u in range(n_own - 1):
                if u in own_group or u + 1 in own_group:
                    continue
                options = near.get((side, u), set()) | near.get((side, u + 1), set())
                scored = []
                for v in options:
                    if v in other_group:
                        continue
                    joined = own_bags[u] | own_bags[u + 1]
                    s = vocab.dice(joined, other_bags[v])
                    if s >= threshold and min(vocab.containment(own_bags[u], other_bags[v]),
                                              vocab.containment(own_bags[u + 1], other_bags[v])) >= MERGE_CONTAIN:
                        scored.append((s, v))
                if scored:
                    s, v = max(scored)
                    g = len(groups)
                    groups.append(([u, u + 1], [v], round(s, 1)) if side == "a" else ([v], [u, u + 1], round(s, 1)))
                    own_group[u] = own_group[u + 1] = g
                    other_group[v] = g

    # Moved: pairs outside one longest run that is in order on both sides.
    order = sorted(range(len(groups)), key=lambda g: groups[g][0][0])
    in_order = {order[p] for p in _longest_increasing([groups[g][1][0] for g in order])}

    # Rows in A's reading order; B-only sentences go before the next in-order pair that follows
    # them in B, so each sits next to its neighbours.
    rows: list[Row] = []
    emitted_b: set[int] = set()

    def flush_b(upto: int) -> None:
        for j in range(upto):
            if j not in b_group and j not in emitted_b:
                emitted_b.add(j)
                rows.append(Row("only_b", None, _side(b, [j])))

    done: set[int] = set()
    for i in range(n_a):
        g = a_group.get(i)
        if g is None:
            rows.append(Row("only_a", _side(a, [i]), None))
            continue
        if g in done:
            continue
        done.add(g)
        ai, bj, score = groups[g]
        if g in in_order:
            flush_b(bj[0])
        sa, sb = _side(a, ai), _side(b, bj)
        ops = tuple(word_ops(sa.text, sb.text)) if with_ops else ()
        rows.append(Row("pair", sa, sb, score, g not in in_order, ops))
    flush_b(n_b)
    return Alignment(a, b, threshold, tuple(rows), index.similarity, related)
