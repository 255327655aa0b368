"""Sentence alignment of two articles that tell one story in different orders.

1. Weigh the evidence that each sentence of A states the same fact as each sentence of B
   (``SentenceIndex.scores``: IDF-weighted overlap of normalised content words as a sparse matrix
   product, shared figures, competition among candidates, and sentence embeddings with the semantic
   extra; ``evidence`` turns it into a probability).
2. Pair one-to-one, most probable first, from ``evidence.pair_min`` and the similarity threshold: a
   sentence is never paired with a second-best partner while its best partner is free. Between
   articles of different stories (``related=False``) only near-identical sentences pair.
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

from . import evidence
from .document import Document, Sentence
from .evidence import Scores
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

# Minimum similarity (0-100) for a pair; ``--threshold`` changes it. Whether a pair is taken is decided
# by the weighed evidence that it states one fact (``evidence``); this is only a floor under it.
DEFAULT_THRESHOLD = 10.0
# Pairs this similar (lexically, 0-100) are the same sentence, whatever else holds (repeated wire copy);
# between articles of different stories they are the only pairs.
ALWAYS_PAIR = 80.0
# A join (1:2 / 2:1) must raise the lexical score by MERGE_GAIN, and the added sentence must have at
# least MERGE_CONTAIN of its weight in the other side; otherwise a join only dilutes a good pair.
MERGE_GAIN = 4.0
MERGE_CONTAIN = 0.5
# Candidates for joining two unpaired sentences with one: the best few matches of either.
JOIN_CANDIDATES = 4


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
        self._vectors: tuple[np.ndarray, ...] | None = None
        self._own: dict[tuple[int, int], np.ndarray] = {}
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

    def postings(self, p: int) -> Postings:
        if p not in self._postings:
            self._postings[p] = Postings(self.bags[p])
        return self._postings[p]

    def _weights(self) -> tuple[np.ndarray, ...]:
        """Per word id: (IDF weight, 1 for a word that counts as shared content (days and months do
        not), IDF weight outside the story's topic words, 1 for a figure)."""
        import numpy as np

        if self._vectors is None or len(self._vectors[0]) != len(self.vocab.weights):
            weights = self.vocab.array()
            counts = np.ones_like(weights)
            counts[list(self._calendar)] = 0.0
            n_sentences = max(1, sum(len(b) for b in self.bags))
            df = np.asarray(self.vocab.df, dtype=np.float32)
            distinct = np.where(df > evidence.TOPIC_SHARE * n_sentences, 0.0, weights).astype(np.float32)
            figures = np.zeros_like(weights)
            for key, i in self.vocab.ids.items():
                if key[:1].isdigit():
                    figures[i] = 1.0
            self._vectors = (weights, counts, distinct, figures)
        return self._vectors

    def own_weight(self, p: int, vector: int = 0) -> np.ndarray:
        """Each sentence's own total weight under one of ``_weights`` (the denominators of Dice)."""
        import numpy as np

        if (p, vector) not in self._own:
            w = self._weights()[vector]
            bags = self.bags[p]
            ids = np.fromiter((i for b in bags for i in b), dtype=np.intp)
            owner = np.repeat(np.arange(len(bags)), [len(b) for b in bags])
            self._own[(p, vector)] = np.bincount(owner, weights=w[ids], minlength=len(bags)).astype(np.float32)
        return self._own[(p, vector)]

    def scores(self, pa: int, pb: int) -> Scores:
        """The evidence (``evidence.Scores``) for every sentence pair of documents ``pa`` and ``pb``,
        computed a block of rows at a time so that long articles need little more memory than the
        matrices themselves."""
        import numpy as np

        weights, counts, distinct, figures = self._weights()
        n_a, n_b = len(self.bags[pa]), len(self.bags[pb])
        head_a = np.zeros(n_a, dtype=bool)
        head_a[list(self.headlines[pa])] = True
        head_b = np.zeros(n_b, dtype=bool)
        head_b[list(self.headlines[pb])] = True
        lexical = np.zeros((n_a, n_b), dtype=np.uint16)
        dist = np.zeros((n_a, n_b), dtype=np.uint8)
        shared = np.zeros((n_a, n_b), dtype=np.uint8)
        numbers = np.zeros((n_a, n_b), dtype=np.uint8)
        semantic = self.embedder is not None and n_a and n_b
        cosine = np.zeros((n_a, n_b), dtype=np.float16) if semantic else None
        lex_comp = evidence.Competition(head_a, head_b, 0.0)
        cos_comp = evidence.Competition(head_a, head_b, -1.0) if semantic else None
        cols = self.postings(pb)
        own_a, own_b = self.own_weight(pa), self.own_weight(pb)
        dis_a, dis_b = self.own_weight(pa, 2), self.own_weight(pb, 2)
        for lo in range(0, n_a, evidence.BLOCK):
            hi = min(n_a, lo + evidence.BLOCK)
            # Two small whole numbers in one product: shared words + 256 x shared figures.
            w, nf, d = overlap(self.bags[pa][lo:hi], cols, [weights, counts + 256.0 * figures, distinct])
            both = nf.astype(np.int32)
            shared[lo:hi] = np.minimum(both & 255, 255)
            numbers[lo:hi] = np.minimum(both >> 8, 255)
            lex = dice_matrix(w, own_a[lo:hi], own_b)
            lex *= 0.01 * evidence.LEX_ONE
            lex += 0.5
            lexical[lo:hi] = lex
            # Competition sees the stored scores, so a pair compares equal to its own row's best.
            lex_comp.add(lo, np.multiply(lexical[lo:hi], 1.0 / evidence.LEX_ONE, dtype=np.float32))
            d = dice_matrix(d, dis_a[lo:hi], dis_b)
            d *= 2.55
            dist[lo:hi] = d  # 0-255 for 0-1 (truncated)
            if cosine is not None and cos_comp is not None:
                block = self.embeddings(pa)[lo:hi] @ self.embeddings(pb).T
                cosine[lo:hi] = block
                cos_comp.add(lo, block)
        lex_comp.finish()
        if cos_comp is not None:
            cos_comp.finish()
        return Scores(lexical, dist, shared, numbers, cosine, head_a, head_b, lex_comp, cos_comp)


def pair_sentences(scores: Scores, threshold: float, related: bool = True) -> dict[int, tuple[int, float]]:
    """One-to-one pairs of two documents' sentences; returns ``{i: (j, similarity)}``.

    A pair qualifies when the evidence says it states one fact (``evidence.probability`` reaches
    ``evidence.pair_min``) and its similarity reaches ``threshold``, or when the two sentences are
    near-identical (``ALWAYS_PAIR``: the only pairs when the articles are not ``related``, i.e. tell
    different stories). Qualifying pairs are taken greedily, most probable first, so a sentence is
    never paired with a second-best partner while its best partner is free.
    """
    import numpy as np

    rows, cols, prob = evidence.probability(scores)
    if not len(rows):
        return {}
    sim = scores.similarity(rows, cols)
    lex = scores.lex(rows, cols)
    always = lex >= ALWAYS_PAIR / 100.0
    ok = always if not related else always | ((prob >= evidence.pair_min(scores)) & (sim >= threshold))
    rank = np.where(always, 2.0 + lex, prob)
    order = np.lexsort((-sim[ok], -rank[ok]))
    used_b: set[int] = set()
    out: dict[int, tuple[int, float]] = {}
    r, c, sv = rows[ok][order], cols[ok][order], sim[ok][order]
    for i, j, v in zip(r.tolist(), c.tolist(), sv.tolist(), strict=True):
        if i in out or j in used_b:
            continue
        out[i] = (j, float(v))
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


class _Groups:
    """Paired sentences as groups (A indices, B indices, score), and the group of each sentence."""

    def __init__(self, best: dict[int, tuple[int, float]]) -> None:
        self.groups: list[tuple[list[int], list[int], float]] = [([i], [j], s) for i, (j, s) in best.items()]
        self.of: dict[str, dict[int, int]] = {
            "a": {i: g for g, (ai, _, _) in enumerate(self.groups) for i in ai},
            "b": {j: g for g, (_, bj, _) in enumerate(self.groups) for j in bj},
        }

    def sides(self, g: int, side: str) -> tuple[list[int], list[int]]:
        """(this side's sentences, the other side's) of group g."""
        ai, bj, _ = self.groups[g]
        return (ai, bj) if side == "a" else (bj, ai)

    def set(self, g: int, side: str, own: list[int], other: list[int], score: float) -> None:
        self.groups[g] = (own, other, score) if side == "a" else (other, own, score)
        for i in own:
            self.of[side][i] = g
        for j in other:
            self.of["b" if side == "a" else "a"][j] = g

    def add(self, side: str, own: list[int], other: list[int], score: float) -> None:
        self.groups.append(([], [], 0.0))
        self.set(len(self.groups) - 1, side, own, other, score)


# shown(side, this side's sentences, the other side's, lexical score 0-100) -> the similarity shown
Shown = Callable[[str, Sequence[int], Sequence[int], float], float]


def _join_neighbours(groups: _Groups, side: str, n: int, own_bags: Sequence[frozenset[int]],
                     other_bags: Sequence[frozenset[int]], vocab: Vocabulary, shown: Shown) -> None:
    """Join each unpaired sentence of one side to an adjacent sentence's 1:1 pair when together they
    match the other side's sentence clearly better in words (MERGE_GAIN) and the added sentence is
    mostly contained in it (MERGE_CONTAIN): an outlet that split one sentence in two."""
    of = groups.of[side]
    for u in range(n):
        if u in of:
            continue
        best_gain, best_g, best_score = 0.0, None, 0.0
        for nb in (u - 1, u + 1):
            g = of.get(nb)
            if g is None:
                continue
            own, other = groups.sides(g, side)
            if len(own) != 1 or len(other) != 1:
                continue  # at most two sentences on one side, one on the other
            target = other_bags[other[0]]
            old = vocab.dice(own_bags[own[0]], target)
            new = vocab.dice(own_bags[own[0]] | own_bags[u], target)
            if new - old >= MERGE_GAIN and vocab.containment(own_bags[u], target) >= MERGE_CONTAIN \
                    and new - old > best_gain:
                best_gain, best_g, best_score = new - old, g, new
        if best_g is not None:
            own, other = groups.sides(best_g, side)
            own = sorted([*own, u])
            groups.set(best_g, side, own, other, shown(side, own, other, best_score))


def _join_unpaired(groups: _Groups, side: str, n: int, own_bags: Sequence[frozenset[int]],
                   other_bags: Sequence[frozenset[int]], vocab: Vocabulary, score: np.ndarray,
                   threshold: float, shown: Shown) -> None:
    """Pair two adjacent unpaired sentences of one side with one unpaired sentence of the other when
    together they reach the threshold and each is mostly contained in it. Candidates are the
    JOIN_CANDIDATES best matches of either sentence (``score``: this side's rows)."""
    import numpy as np

    of, other_of = groups.of[side], groups.of["b" if side == "a" else "a"]
    k = min(JOIN_CANDIDATES, score.shape[1]) if score.ndim == 2 else 0
    for u in range(n - 1):
        if u in of or u + 1 in of or not k:
            continue
        options: set[int] = set()
        for row in (u, u + 1):
            top = np.argpartition(-score[row], k - 1)[:k]
            options.update(int(v) for v in top if score[row, v] > 0)
        joined = own_bags[u] | own_bags[u + 1]
        scored = []
        for v in options:
            if v in other_of:
                continue
            s = vocab.dice(joined, other_bags[v])
            if s >= threshold and min(vocab.containment(own_bags[u], other_bags[v]),
                                      vocab.containment(own_bags[u + 1], other_bags[v])) >= MERGE_CONTAIN:
                scored.append((s, v))
        if scored:
            s, v = max(scored)
            groups.add(side, [u, u + 1], [v], shown(side, [u, u + 1], [v], s))


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

    def shown(side: str, own: Sequence[int], other: Sequence[int], lexical: float) -> float:
        """The similarity shown for a join: its lexical score, with the semantic extra averaged with
        the best cosine part of its sentences (as ``Scores.similarity`` does for one pair)."""
        if scores.cosine is None:
            return round(lexical, 1)
        ai, bj = (own, other) if side == "a" else (other, own)
        semantic = max(float(scores.similarity(i, j)) - 50.0 * float(scores.lex(i, j)) for i in ai for j in bj)
        return round(0.5 * lexical + semantic, 1)

    groups = _Groups(best)
    # Joins need a story in common: between unrelated articles only identical sentences pair.
    if related:
        _join_neighbours(groups, "a", n_a, bags_a, bags_b, vocab, shown)
        _join_neighbours(groups, "b", n_b, bags_b, bags_a, vocab, shown)
        _join_unpaired(groups, "a", n_a, bags_a, bags_b, vocab, scores.lexical, threshold, shown)
        _join_unpaired(groups, "b", n_b, bags_b, bags_a, vocab, scores.lexical.T, threshold, shown)
    groups_list = groups.groups
    a_group, b_group = groups.of["a"], groups.of["b"]

    # Moved: pairs outside one longest run that is in order on both sides.
    order = sorted(range(len(groups_list)), key=lambda g: groups_list[g][0][0])
    in_order = {order[p] for p in _longest_increasing([groups_list[g][1][0] for g in order])}

    # Rows in A's reading order; B-only sentences go before the next in-order pair that follows
    # them in B, so each sits next to its neighbours.
    rows: list[Row] = []
    emitted_b: set[int] = set()

    flushed = 0  # B's sentences before this one are placed (the in-order pairs' B sides only grow)

    def flush_b(upto: int) -> None:
        nonlocal flushed
        for j in range(flushed, upto):
            if j not in b_group and j not in emitted_b:
                emitted_b.add(j)
                rows.append(Row("only_b", None, _side(b, [j])))
        flushed = max(flushed, upto)

    done: set[int] = set()
    for i in range(n_a):
        g = a_group.get(i)
        if g is None:
            rows.append(Row("only_a", _side(a, [i]), None))
            continue
        if g in done:
            continue
        done.add(g)
        ai, bj, score = groups_list[g]
        if g in in_order:
            flush_b(bj[0])
        sa, sb = _side(a, ai), _side(b, bj)
        ops = tuple(word_ops(sa.text, sb.text)) if with_ops else ()
        rows.append(Row("pair", sa, sb, score, g not in in_order, ops))
    flush_b(n_b)
    return Alignment(a, b, threshold, tuple(rows), index.similarity, related)
