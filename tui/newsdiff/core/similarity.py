"""How alike two sentences are in words: IDF-weighted overlap of normalised content words.

Each sentence becomes a *bag* of word ids (its ``tokens.content_keys``, typos folded together). A
word's weight is its rarity across the sentences it is measured over (inverse document frequency),
so "parasites" counts for far more than "soldier" in a story about a soldier.

The score is the weighted Dice coefficient 2·W(A∩B) / (W(A)+W(B)), in 0..100. For whole articles
it is computed as one sparse matrix product (``overlap``): the weight two sentences share is the sum,
over the words they share, of the word's weight, so every word adds its weight to the block of
sentence pairs that both use it. Words that many sentences use form a small dense matrix product;
the rest are added word by word. Typos are folded with rapidfuzz's OSA distance.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Postings", "Vocabulary", "dice_matrix", "overlap"]


def _typo_groups(keys: Iterable[str], freq: Counter[str]) -> dict[str, str]:
    """Fold spelling variants and typos of longer words into the most frequent spelling.

    Only alphabetic keys of five or more letters that share their first two letters are compared;
    up to 7 letters they may differ by one edit (a swap of two letters counts as one), longer ones
    by two ("solider"/"soldier", "panmungok"/"panmunjom"). Numbers are never folded (1950 is not 1953).
    """
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= 5 and k.isalpha():
            buckets[(k[:2], len(k))].append(k)
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    # Buckets by first two letters and length: a word is compared only with words at most two
    # letters longer or shorter (the edit limit), never with the whole alphabet bucket.
    for (prefix, length), group in buckets.items():
        nearby = [k for d in (0, 1, 2) for k in buckets.get((prefix, length + d), ())]
        group_set = set(group)
        for a in group:
            for b in nearby:
                if b == a or (b in group_set and b < a):
                    continue  # each unordered pair once
                limit = 1 if min(len(a), len(b)) <= 7 else 2
                if OSA.distance(a, b, score_cutoff=limit) <= limit:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        # keep the more frequent spelling as the representative
                        if (-freq[ra], ra) <= (-freq[rb], rb):
                            parent[rb] = ra
                        else:
                            parent[ra] = rb
    return {k: find(k) for k in parent}


class Vocabulary:
    """Word ids and weights over a collection of sentences (each a list of content keys)."""

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        freq: Counter[str] = Counter()
        for keys in sentences:
            freq.update(keys)
        self.canonical = _typo_groups(freq, freq)
        df: Counter[str] = Counter()
        for keys in sentences:
            df.update({self.canonical.get(k, k) for k in keys})
        self.n = max(1, len(sentences))
        self.ids: dict[str, int] = {}
        self.weights: list[float] = []
        self.df: list[int] = []
        for key in sorted(df):
            self._add(key, df[key])

    def _add(self, key: str, df: int) -> int:
        self.ids[key] = len(self.weights)
        self.weights.append(math.log(1 + self.n / df))
        self.df.append(df)
        return self.ids[key]

    def bag(self, keys: Iterable[str]) -> frozenset[int]:
        """The set of word ids of a sentence; unseen words get the weight of a word seen once."""
        out = set()
        for k in keys:
            k = self.canonical.get(k, k)
            i = self.ids.get(k)
            if i is None:
                i = self._add(k, 1)
            out.add(i)
        return frozenset(out)

    def weight(self, bag: Iterable[int]) -> float:
        w = self.weights
        return sum([w[i] for i in bag])

    def dice(self, a: frozenset[int], b: frozenset[int]) -> float:
        """Weighted Dice in 0..100 (the number ``dice_matrix`` computes for whole articles)."""
        total = self.weight(a) + self.weight(b)
        return 200.0 * self.weight(a & b) / total if total else 0.0

    def containment(self, part: frozenset[int], whole: frozenset[int]) -> float:
        """Share of ``part``'s weight that ``whole`` also has, 0..1."""
        w = self.weight(part)
        return self.weight(part & whole) / w if w else 0.0

    def array(self) -> np.ndarray:
        """The weights as a float32 array indexed by word id."""
        import numpy as np

        return np.asarray(self.weights, dtype=np.float32)


# A word whose block of sentence pairs is larger than this goes into the dense product.
_DENSE_BLOCK = 2_000


class Postings:
    """For a list of bags (the columns of a product): each word's column numbers."""

    def __init__(self, bags: Sequence[frozenset[int]]) -> None:
        import numpy as np

        lists: dict[int, list[int]] = defaultdict(list)
        for j, bag in enumerate(bags):
            for w in bag:
                lists[w].append(j)
        self.n = len(bags)
        self.cols: dict[int, np.ndarray] = {w: np.asarray(js, dtype=np.intp) for w, js in lists.items()}


def overlap(rows: Sequence[frozenset[int]], cols: Postings, weights: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each weight vector (indexed by word id): the ``len(rows) x cols.n`` float32 matrix of the
    weight every row bag shares with every column bag. One pass over the words serves all vectors."""
    import numpy as np

    out = [np.zeros((len(rows), cols.n), dtype=np.float32) for _ in weights]
    if not rows or not cols.n:
        return out
    row_lists: dict[int, list[int]] = defaultdict(list)
    for i, bag in enumerate(rows):
        for w in bag:
            if w in cols.cols:
                row_lists[w].append(i)
    dense: list[int] = []
    for w, ri in row_lists.items():
        cj = cols.cols[w]
        if len(ri) * len(cj) > _DENSE_BLOCK:
            dense.append(w)
            continue
        block = np.ix_(ri, cj)
        for m, vec in zip(out, weights, strict=True):
            if vec[w]:
                m[block] += vec[w]
    if dense:
        # Frequent words: rows x k and k x cols indicator matrices, one BLAS product per vector.
        left = np.zeros((len(rows), len(dense)), dtype=np.float32)
        right = np.zeros((len(dense), cols.n), dtype=np.float32)
        for k, w in enumerate(dense):
            left[row_lists[w], k] = 1.0
            right[k, cols.cols[w]] = 1.0
        ids = np.asarray(dense, dtype=np.intp)
        for m, vec in zip(out, weights, strict=True):
            m += (left * vec[ids]) @ right
    return out


def dice_matrix(shared: np.ndarray, row_weight: np.ndarray, col_weight: np.ndarray) -> np.ndarray:
    """Weighted Dice, 0..100, from the shared-weight matrix and each bag's own weight."""
    import numpy as np

    total = row_weight[:, None] + col_weight[None, :]
    return np.divide(200.0 * shared, total, out=np.zeros_like(shared), where=total > 0)
