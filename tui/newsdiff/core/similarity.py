"""How alike two sentences are: IDF-weighted overlap of normalised content words, computed by rapidfuzz.

Each sentence becomes a *bag* of word ids (its ``tokens.content_keys``, typos folded together). A
word's weight is its rarity across the sentences of all loaded articles (inverse document
frequency), so "parasites" counts for far more than "soldier" in a story about a soldier.

The score is the weighted Dice coefficient 2·W(A∩B) / (W(A)+W(B)), in 0..100. rapidfuzz computes it:
each bag is encoded as a string in which every word id is one character repeated ``weight`` times,
in id order; for two such sorted strings the longest common subsequence is exactly the weight they
share, so ``Indel.normalized_similarity`` *is* the weighted Dice, and ``process.extract`` /
``process.cdist`` compute it for whole sets of sentences in C.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

__all__ = ["Vocabulary", "score_candidates", "score_matrix"]

# Word ids are encoded as code points from here on (rapidfuzz compares code points, so any will do;
# starting in the CJK block keeps the strings printable when debugging).
_BASE = 0x4E00
# Weight resolution: weight = round(SCALE * ln(1 + N/df)), at least 1.
SCALE = 2.0


def _typo_groups(keys: Iterable[str], freq: Counter[str]) -> dict[str, str]:
    """Fold spelling variants and typos of longer words into the most frequent spelling.

    Only alphabetic keys of five or more letters that share their first two letters are compared;
    up to 7 letters they may differ by one edit (a swap of two letters counts as one), longer ones
    by two ("solider"/"soldier", "panmungok"/"panmunjom"). Numbers are never folded (1950 is not 1953).
    """
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= 5 and k.isalpha():
            buckets[k[:2]].append(k)
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for group in buckets.values():
        group.sort(key=lambda k: (-freq[k], k))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if abs(len(a) - len(b)) > 2:
                    continue
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
        self.weights: list[int] = []
        for key in sorted(df):
            self._add(key, df[key])

    def _add(self, key: str, df: int) -> int:
        self.ids[key] = len(self.weights)
        self.weights.append(max(1, round(SCALE * math.log(1 + self.n / df))))
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

    def weight(self, bag: Iterable[int]) -> int:
        return sum(self.weights[i] for i in bag)

    def encode(self, bag: Iterable[int]) -> str:
        """The bag as a sorted string with each id repeated by its weight (see module docstring)."""
        return "".join(chr(_BASE + i) * self.weights[i] for i in sorted(bag))

    def dice(self, a: frozenset[int], b: frozenset[int]) -> float:
        """Weighted Dice in 0..100 (the same number ``score_candidates`` computes in C)."""
        total = self.weight(a) + self.weight(b)
        return 200.0 * self.weight(a & b) / total if total else 0.0

    def containment(self, part: frozenset[int], whole: frozenset[int]) -> float:
        """Share of ``part``'s weight that ``whole`` also has, 0..1."""
        w = self.weight(part)
        return self.weight(part & whole) / w if w else 0.0


def score_candidates(a: Sequence[str], b: Sequence[str], cutoff: float) -> list[tuple[float, int, int]]:
    """All pairs (score, i, j) of encoded sentences with weighted Dice >= cutoff (0..100), scored by
    ``process.extract`` one sentence at a time (no numpy: cheap to start)."""
    # Sentences without content words (all function words) match nothing.
    ib = [j for j, s in enumerate(b) if s]
    sb = [b[j] for j in ib]
    out: list[tuple[float, int, int]] = []
    if not sb:
        return out
    for i, s in enumerate(a):
        if not s:
            continue
        for _choice, score, y in process.extract(s, sb, scorer=Indel.normalized_similarity,
                                                 score_cutoff=cutoff / 100.0, limit=None):
            if score > 0:
                out.append((round(100.0 * score, 1), i, ib[y]))
    return out


def score_matrix(a: Sequence[str], b: Sequence[str], cutoff: float):  # -> numpy.ndarray
    """The same scores as a dense ``len(a) x len(b)`` numpy matrix (0 below ``cutoff``), computed by
    ``process.cdist`` on all cores; for large inputs."""
    import numpy as np

    m = process.cdist(a, b, scorer=Indel.normalized_similarity, score_cutoff=cutoff / 100.0, workers=-1,
                      dtype=np.float32)
    m *= 100.0
    empty_a = np.array([not s for s in a], dtype=bool)
    empty_b = np.array([not s for s in b], dtype=bool)
    m[empty_a, :] = 0
    m[:, empty_b] = 0
    return m
