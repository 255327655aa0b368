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
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Postings", "Vocabulary", "dice_matrix", "overlap", "vector_product"]


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


# A word used by more than this many column bags goes into the dense product (BLAS); the others are
# added pair by pair.
_DENSE_WORDS = 48


class Postings:
    """For a list of bags (the columns of a product): each word's column numbers, as one array of
    column numbers ordered by word (``cols[start[w]:start[w + 1]]``)."""

    def __init__(self, bags: Sequence[frozenset[int]]) -> None:
        import numpy as np

        self.n = len(bags)
        size = 1 + max((max(b) for b in bags if b), default=-1)
        words = np.fromiter((w for bag in bags for w in bag), dtype=np.intp)
        owners = np.repeat(np.arange(len(bags), dtype=np.intp), [len(b) for b in bags])
        order = np.argsort(words, kind="stable")
        self.cols = owners[order]
        self.df = np.bincount(words, minlength=size)
        self.start = np.concatenate([[0], np.cumsum(self.df)])


def overlap(rows: Sequence[frozenset[int]], cols: Postings, weights: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each weight vector (indexed by word id): the ``len(rows) x cols.n`` float32 matrix of the
    weight every row bag shares with every column bag (a sparse product, see the module docstring).

    Words that many columns use form indicator matrices multiplied by BLAS; every other (row, word)
    entry is expanded into the cells it adds to, and the weights are summed by ``np.bincount``."""
    import numpy as np

    n_rows, n_cols = len(rows), cols.n
    out = [np.zeros((n_rows, n_cols), dtype=np.float32) for _ in weights]
    if not n_rows or not n_cols:
        return out
    size = len(cols.df)
    ent_w = np.fromiter((w for bag in rows for w in bag), dtype=np.intp)
    ent_r = np.repeat(np.arange(n_rows, dtype=np.intp), [len(b) for b in rows])
    inside = ent_w < size
    ent_w, ent_r = ent_w[inside], ent_r[inside]
    df = cols.df[ent_w]
    ent_w, ent_r, df = ent_w[df > 0], ent_r[df > 0], df[df > 0]
    heavy = df > _DENSE_WORDS
    # Light words: every cell (row, column) each entry adds to, summed per weight vector.
    lw, lr, ld = ent_w[~heavy], ent_r[~heavy], df[~heavy]
    if len(lw):
        total = int(ld.sum())
        reps = np.repeat(np.arange(len(lw)), ld)
        offset = np.arange(total) - np.repeat(np.cumsum(ld) - ld, ld)
        cells = lr[reps] * n_cols + cols.cols[cols.start[lw][reps] + offset]
        words = lw[reps]
        for m, vec in zip(out, weights, strict=True):
            w = vec[words]
            nz = w != 0  # a vector that weighs few words (figures) adds few cells
            flat = m.reshape(-1)
            flat += np.bincount(cells[nz], weights=w[nz], minlength=n_rows * n_cols).astype(np.float32)
    # Heavy words: rows x k and k x cols indicator matrices, one BLAS product per vector.
    hw, hr = ent_w[heavy], ent_r[heavy]
    if len(hw):
        ids, slot = np.unique(hw, return_inverse=True)
        left = np.zeros((n_rows, len(ids)), dtype=np.float32)
        left[hr, slot] = 1.0
        right = np.zeros((len(ids), n_cols), dtype=np.float32)
        for k, w in enumerate(ids.tolist()):
            right[k, cols.cols[cols.start[w] : cols.start[w + 1]]] = 1.0
        for m, vec in zip(out, weights, strict=True):
            w = vec[ids]
            nz = w != 0
            if nz.any():
                m += (left[:, nz] * w[nz]) @ right[nz]
    return out


def vector_product(rows: Sequence[Mapping[int, float]], cols: Sequence[Mapping[int, float]]) -> np.ndarray:
    """The ``len(rows) x len(cols)`` matrix of dot products of sparse vectors (word id -> value),
    computed like ``overlap``: rare words cell by cell through ``np.bincount``, common ones by BLAS."""
    import numpy as np

    n_rows, n_cols = len(rows), len(cols)
    out = np.zeros((n_rows, n_cols), dtype=np.float32)
    if not n_rows or not n_cols:
        return out
    c_words = np.fromiter((w for v in cols for w in v), dtype=np.intp)
    c_vals = np.fromiter((x for v in cols for x in v.values()), dtype=np.float32)
    c_owner = np.repeat(np.arange(n_cols, dtype=np.intp), [len(v) for v in cols])
    order = np.argsort(c_words, kind="stable")
    c_words, c_vals, c_owner = c_words[order], c_vals[order], c_owner[order]
    size = int(c_words.max()) + 1 if len(c_words) else 0
    df = np.bincount(c_words, minlength=size)
    start = np.concatenate([[0], np.cumsum(df)])
    r_words = np.fromiter((w for v in rows for w in v), dtype=np.intp)
    r_vals = np.fromiter((x for v in rows for x in v.values()), dtype=np.float32)
    r_owner = np.repeat(np.arange(n_rows, dtype=np.intp), [len(v) for v in rows])
    keep = r_words < size
    r_words, r_vals, r_owner = r_words[keep], r_vals[keep], r_owner[keep]
    d = df[r_words]
    keep = d > 0
    r_words, r_vals, r_owner, d = r_words[keep], r_vals[keep], r_owner[keep], d[keep]
    heavy = d > _DENSE_WORDS
    lw, lv, lr, ld = r_words[~heavy], r_vals[~heavy], r_owner[~heavy], d[~heavy]
    if len(lw):
        reps = np.repeat(np.arange(len(lw)), ld)
        offset = np.arange(int(ld.sum())) - np.repeat(np.cumsum(ld) - ld, ld)
        at = start[lw][reps] + offset
        cells = lr[reps] * n_cols + c_owner[at]
        flat = out.reshape(-1)
        flat += np.bincount(cells, weights=lv[reps] * c_vals[at], minlength=n_rows * n_cols).astype(np.float32)
    hw, hv, hr = r_words[heavy], r_vals[heavy], r_owner[heavy]
    if len(hw):
        ids, slot = np.unique(hw, return_inverse=True)
        left = np.zeros((n_rows, len(ids)), dtype=np.float32)
        left[hr, slot] = hv
        right = np.zeros((len(ids), n_cols), dtype=np.float32)
        for k, w in enumerate(ids.tolist()):
            right[k, c_owner[start[w] : start[w + 1]]] = c_vals[start[w] : start[w + 1]]
        out += left @ right
    return out


def dice_matrix(shared: np.ndarray, row_weight: np.ndarray, col_weight: np.ndarray) -> np.ndarray:
    """Weighted Dice, 0..100, from the shared-weight matrix and each bag's own weight."""
    import numpy as np

    total = row_weight[:, None] + col_weight[None, :]
    np.maximum(total, 1e-9, out=total)
    out = np.multiply(shared, 200.0, dtype=np.float32)
    out /= total
    return out
