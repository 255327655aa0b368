"""Which loaded articles tell the same story (report the same event).

Outlets covering one event share its names, places and key nouns; articles about different events
share mostly the generic words of news. Each article is the set of its content words, each weighing
its rarity (IDF) over the sentences of all loaded articles, so the words every story uses weigh little;
two articles' similarity is the cosine of those weighted sets (0..1). Articles are grouped by
average-linkage clustering: two groups join while the *mean* similarity of their articles reaches
STORY_MIN, so one article that mentions two events cannot chain them into one story (single linkage
would).

Scale: two groups can only join when some pair of their articles reaches STORY_MIN (a mean never
exceeds its largest term), so the similarities are computed as a sparse product a block of articles
at a time, only those pairs are kept, and average linkage runs inside each connected group of them:
thousands of articles need neither a dense n x n matrix nor n^3 steps.

Facts are only ever formed within a story, and a diff of two articles of different stories pairs
only near-identical sentences (``align``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from .document import Document

__all__ = ["STORY_MIN", "article_similarity", "group_stories"]

# Mean cosine similarity at which two groups of articles are one story. On the real-data set
# (tests/data/real, the nine dev events loaded together, with and without the seeds) every value from
# 0.10 to 0.14 groups every event into one story and mixes none; at 0.08 two events mix, at 0.16 one
# article is left on its own (tests/perf/calibrate.py --sweep STORY_MIN=...). The middle of that
# plateau.
STORY_MIN = 0.12
# Articles compared at a time.
_BLOCK = 256


def _article_vectors(documents: Sequence[Document]) -> list[dict[int, float]]:
    """Each article's TF-IDF vector (word id -> (1 + ln tf) * idf), unit length; idf over the sentences
    of all loaded articles, tf counting the sentences of the article that use the word."""
    df: Counter[str] = Counter()
    total = 0
    counts: list[Counter[str]] = []
    for d in documents:
        c: Counter[str] = Counter()
        for keys in d.sentence_keys:
            unique = set(keys)
            df.update(unique)
            c.update(unique)
            total += 1
        counts.append(c)
    ids = {k: i for i, k in enumerate(df)}
    total = max(1, total)
    idf = {k: math.log(1 + total / v) for k, v in df.items()}
    vectors = []
    for c in counts:
        v = {ids[k]: (1.0 + math.log(tf)) * idf[k] for k, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    return vectors


def _similarities(vectors: Sequence[dict[int, float]], rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
    """The cosine similarity (0..1) of articles ``rows`` x ``cols`` (a dense block)."""
    import numpy as np

    from .similarity import vector_product

    sim = vector_product([vectors[i] for i in rows], [vectors[j] for j in cols])
    return np.clip(sim, 0.0, 1.0)


def article_similarity(documents: Sequence[Document], floor: float = 0.0,
                       vectors: Sequence[dict[int, float]] | None = None) -> dict[tuple[int, int], float]:
    """Cosine similarity (0..1) of every two articles that reaches ``floor`` (and is above 0), as
    ``{(i, j): similarity}`` with i < j, computed a block of articles at a time (``vectors``: the
    articles' vectors, when already made)."""
    import numpy as np

    if vectors is None:
        vectors = _article_vectors(documents)
    everyone = list(range(len(vectors)))
    out: dict[tuple[int, int], float] = {}
    for lo in range(0, len(vectors), _BLOCK):
        rows = everyone[lo : lo + _BLOCK]
        sim = _similarities(vectors, rows, everyone)
        r, js = np.nonzero(sim >= max(floor, 1e-6))
        for a, j in zip(r.tolist(), js.tolist(), strict=True):
            if rows[a] < j:
                out[(rows[a], j)] = float(sim[a, j])
    return out


def _components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())


def _average_linkage(members: Sequence[int], sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clustering of ``members`` given their similarity matrix."""
    import numpy as np

    k = len(members)
    total = sim.astype(np.float64)
    np.fill_diagonal(total, -np.inf)
    groups = [[m] for m in members]
    sizes = np.ones(k)
    alive = np.ones(k, dtype=bool)
    while alive.sum() > 1:
        mean = total / (sizes[:, None] * sizes[None, :])
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        a, b = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        total[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        groups[a].extend(groups[b])
        groups[b] = []
    return [g for g in groups if g]


def group_stories(documents: Sequence[Document], min_similarity: float | None = None) -> list[list[int]]:
    """Groups of document positions that tell one story, each in loaded order, groups ordered by
    their first article (see the module docstring)."""
    threshold = STORY_MIN if min_similarity is None else min_similarity
    n = len(documents)
    if n == 0:
        return []
    vectors = _article_vectors(documents)
    strong = list(article_similarity(documents, threshold, vectors))
    stories: list[list[int]] = []
    for component in _components(n, strong):
        if len(component) == 1:
            stories.append(component)
        else:
            # Inside a component every pair counts towards the means, weak ones too.
            inner = _similarities(vectors, component, component)
            stories.extend(_average_linkage(component, inner, threshold))
    return sorted((sorted(g) for g in stories), key=lambda g: g[0])
