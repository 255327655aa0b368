"""Which loaded articles tell the same story (report the same event).

Outlets covering one event share its names, places and key nouns; articles about different events
share mostly the generic words of news. Each article becomes a TF-IDF vector of its content words
(rarity measured over the sentences of all loaded articles, so the words every story uses weigh
little), and articles are grouped by average-linkage clustering on the cosine of those vectors: two
groups join while the *mean* similarity of their articles reaches STORY_MIN, so one article that
mentions two events cannot chain them into one story (single linkage would).

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
# (tests/data/real, the dev events loaded together, with and without the seeds) every value from 0.10
# to 0.18 groups every event into one story and mixes none; at 0.08 events mix, at 0.20 one article
# of an event is left on its own (tests/perf/calibrate.py --sweep STORY_MIN=...). The middle of
# that plateau.
STORY_MIN = 0.14


def article_similarity(documents: Sequence[Document]) -> np.ndarray:
    """Cosine similarity, 0..1, of every two articles' TF-IDF vectors (content sentences only)."""
    import numpy as np

    n = len(documents)
    df: Counter[str] = Counter()
    counts: list[Counter[str]] = []
    total = 0
    for d in documents:
        c: Counter[str] = Counter()
        for keys in d.sentence_keys:
            unique = set(keys)
            df.update(unique)
            c.update(unique)
            total += 1
        counts.append(c)
    total = max(1, total)
    idf = {k: math.log(1 + total / v) for k, v in df.items()}
    # Only words in two or more articles can make two articles alike; all count towards the norms.
    in_docs: Counter[str] = Counter()
    for c in counts:
        in_docs.update(c.keys())
    shared = {k: i for i, k in enumerate(k for k, v in in_docs.items() if v > 1)}
    x = np.zeros((n, len(shared)), dtype=np.float32)
    norms = np.zeros(n, dtype=np.float32)
    for r, c in enumerate(counts):
        sq = 0.0
        for k, tf in c.items():
            w = (1.0 + math.log(tf)) * idf[k]
            sq += w * w
            col = shared.get(k)
            if col is not None:
                x[r, col] = w
        norms[r] = math.sqrt(sq)
    sim = x @ x.T
    denom = np.maximum(norms[:, None] * norms[None, :], 1e-9)
    sim = np.clip(sim / denom, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def group_stories(documents: Sequence[Document], min_similarity: float | None = None,
                  similarity: np.ndarray | None = None) -> list[list[int]]:
    """Groups of document positions that tell one story, each in loaded order, groups ordered by
    their first article (average linkage, see the module docstring)."""
    import numpy as np

    if min_similarity is None:
        min_similarity = STORY_MIN
    n = len(documents)
    if n == 0:
        return []
    sim = article_similarity(documents) if similarity is None else similarity
    groups: list[list[int]] = [[i] for i in range(n)]
    total = sim.astype(np.float64).copy()  # summed similarity between groups
    np.fill_diagonal(total, -np.inf)
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        mean = total / (sizes[:, None] * sizes[None, :])
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        a, b = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[a, b] < min_similarity:
            break
        a, b = min(a, b), max(a, b)
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        total[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        groups[a].extend(groups[b])
        groups[b] = []
    return sorted((sorted(g) for g in groups if g), key=lambda g: g[0])
