"""Do two outlets' sentences state the same fact? The evidence, weighed.

Word overlap alone cannot tell: sentences of one story share its names and key words whether or not
they report the same thing, and paraphrase ("footage" for "video") shares few words. Each candidate
pair is judged on several kinds of evidence, each a number computed from the whole two articles:

* ``lexical``: the IDF-weighted Dice coefficient of the two sentences' content words (0-1);
* ``distinct``: the same with the story's topic words left out (words in more than TOPIC_SHARE of
  the story's sentences, usually its names): what the two share *beyond* what the story is about;
* ``numbers``: how many figures they share (a toll, a date, an age: strong evidence of one fact);
* ``shared``: how many content words they share at all;
* ``lexical_row`` / ``lexical_col``: how much more alike they are than either sentence is to its
  next best candidate in the other article (a fact is usually stated once per article, so a
  partner that is only as good as several others is weak evidence);
* ``cosine``, ``cosine_row``, ``cosine_col``: the same for the sentence embeddings' cosine, with the
  optional semantic extra (which sees "guards" and "soldiers" as alike);
* ``both_headlines`` / ``one_headline``: headlines summarise; a headline against a body sentence is
  judged more cautiously;
* ``position``: how far apart the two sit in their articles (outlets keep roughly the same order);
* ``context``: how alike their diagonal neighbours are (the sentences before both, or after both):
  outlets reorder paragraphs but keep short runs of sentences together.

A logistic model weighs them into the probability that the pair states the same fact; its weights
were fitted on hand-labelled pairs of real coverage (tests/data/real, the "dev" events; see
tests/perf/fit_pairs.py, which prints them), one set for the lexical measure and one for the
semantic measure. Pairs are then taken one-to-one, most probable first, from ``pair_min``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FEATURES", "Scores", "features", "pair_min", "probability"]

FEATURES = ("lexical", "distinct", "numbers", "shared", "lexical_row", "lexical_col", "cosine", "cosine_row",
            "cosine_col", "both_headlines", "one_headline", "position", "context", "bias")

# Fitted by tests/perf/fit_pairs.py on the nine dev events of tests/data/real (logistic regression,
# L2 1e-4); left-one-event-out AUC of the lexical model 0.80-0.95, of the semantic one 0.83-0.96.
WEIGHTS_LEXICAL = (3.34, 3.63, 3.21, 3.40, 0.50, 0.92, 0.0, 0.0, 0.0, 1.58, 1.04, -1.67, 1.44, -3.77)
WEIGHTS_SEMANTIC = (0.92, 5.76, 3.96, 1.59, 0.48, 0.93, 6.78, 0.33, 0.22, 0.48, 0.64, -1.48, 1.22, -5.80)
# A pair is taken from this probability on: on the dev events, the lowest that keeps the precision of
# independent reports' pairs at 0.90 (lexical: 0.88 at 0.45, 0.91 at 0.5, 0.93 at 0.6, recall 0.56,
# 0.55, 0.52; semantic: 0.89 at 0.35, 0.91 at 0.4, 0.93 at 0.45, recall 0.62, 0.61, 0.59).
PAIR_MIN_LEXICAL = 0.5
PAIR_MIN_SEMANTIC = 0.4


def pair_min(scores: Scores) -> float:
    """The probability from which a pair is taken, for the measure ``scores`` were computed with."""
    return PAIR_MIN_LEXICAL if scores.cosine is None else PAIR_MIN_SEMANTIC
# A word in more than this share of a story's sentences is one of the story's topic words.
TOPIC_SHARE = 0.1
# Pairs with less evidence than this are not candidates at all (their probability is negligible).
CANDIDATE_LEXICAL = 0.05
CANDIDATE_COSINE = 0.3


# Candidates: a pair is weighed only when it is among the CANDIDATES_PER_LINE best of its row or of
# its column (by words or by embeddings); a pair that both its sentences rank lower is never taken.
CANDIDATES_PER_LINE = 8


class Competition:
    """For one score matrix, built row block by row block: each row's and each column's best, second
    best and CANDIDATES_PER_LINE-th best value. A headline competes only with the other article's
    headlines and a body sentence only with body sentences (a headline summarises the story)."""

    def __init__(self, head_a: np.ndarray, head_b: np.ndarray, fill: float) -> None:
        import numpy as np

        self.head_a, self.head_b, self.fill = head_a, head_b, fill
        n_a, n_b = len(head_a), len(head_b)
        self.k = max(2, min(CANDIDATES_PER_LINE, max(n_a, n_b)))
        self.row_top = np.full((n_a, self.k), -np.inf, dtype=np.float32)
        self._col_top = np.full((self.k, n_b), -np.inf, dtype=np.float32)

    def add(self, lo: int, block: np.ndarray) -> None:
        """Take in rows lo .. lo+len(block) of the matrix."""
        import numpy as np

        b = np.array(block, dtype=np.float32)  # a copy: the caller's block is not changed
        heads = self.head_a[lo : lo + len(b)]
        if heads.any() or self.head_b.any():
            b[np.ix_(heads, ~self.head_b)] = self.fill
            b[np.ix_(~heads, self.head_b)] = self.fill
        n = b.shape[1]
        k = min(self.k, n)
        top = np.partition(b, n - k, axis=1)[:, n - k :] if n else np.zeros((len(b), 0), dtype=np.float32)
        top = -np.sort(-top, axis=1)
        self.row_top[lo : lo + len(b), :k] = top
        merged = np.concatenate([self._col_top, b], axis=0)
        m = merged.shape[0]
        self._col_top = np.partition(merged, m - self.k, axis=0)[m - self.k :]

    def finish(self) -> None:
        import numpy as np

        self.col_top = -np.sort(-self._col_top, axis=0)

    def best_other(self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each cell, the best value elsewhere in its row, and elsewhere in its column."""
        import numpy as np

        r1, r2 = self.row_top[rows, 0], self.row_top[rows, 1]
        c1, c2 = self.col_top[0, cols], self.col_top[1, cols]
        row = np.where(values >= r1, r2, r1)
        col = np.where(values >= c1, c2, c1)
        return np.where(np.isfinite(row), row, self.fill), np.where(np.isfinite(col), col, self.fill)

    def leading(self, lo: int, block: np.ndarray) -> np.ndarray:
        """Mask of the cells of rows lo.. that are among the best of their row or column."""
        row_k = self.row_top[lo : lo + len(block), -1]
        col_k = self.col_top[-1]
        return (block >= row_k[:, None]) | (block >= col_k[None, :])


@dataclass
class Scores:
    """The evidence for every sentence pair of two documents, as ``len(a) x len(b)`` matrices."""

    lexical: np.ndarray  # uint16, 0..LEX_ONE for 0..1 (a quarter of float64's memory; read with ``lex``)
    distinct: np.ndarray  # uint8, 0-255 for 0-1
    shared: np.ndarray  # uint8, content words in common (days and months aside)
    numbers: np.ndarray  # uint8, figures in common
    cosine: np.ndarray | None  # float16, -1..1, with the semantic extra
    head_a: np.ndarray  # bool per sentence of a: is it a headline
    head_b: np.ndarray
    lexical_competition: Competition
    cosine_competition: Competition | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.lexical.shape  # type: ignore[return-value]

    def lex(self, i: np.ndarray | int | slice, j: np.ndarray | int | slice) -> np.ndarray:
        """The lexical score (0-1) of the cells [i, j]."""
        import numpy as np

        return np.multiply(self.lexical[i, j], 1.0 / LEX_ONE, dtype=np.float32)

    def similarity(self, i: np.ndarray | int, j: np.ndarray | int) -> np.ndarray:
        """The similarity shown to the user, 0-100: the lexical score, or with the semantic extra the
        mean of it and the cosine counted from COSINE_FLOOR."""
        import numpy as np

        lex = self.lex(i, j)
        if self.cosine is None:
            return np.round(100.0 * lex, 1)
        sem = np.clip((self.cosine[i, j].astype(np.float32) - COSINE_FLOOR) / (1.0 - COSINE_FLOOR), 0.0, 1.0)
        return np.round(50.0 * lex + 50.0 * sem, 1)


# Lexical scores are stored as whole numbers: LEX_ONE is a score of 1 (steps of 0.000015, far finer
# than the one decimal of 0-100 shown).
LEX_ONE = 65535

# The semantic part of the shown similarity counts the cosine from here (sentences of one story are
# rarely less alike than this).
COSINE_FLOOR = 0.3


def features(scores: Scores, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The evidence (``FEATURES``, one column each) for the cells (rows[k], cols[k])."""
    import numpy as np

    n_a, n_b = scores.shape
    out = np.zeros((len(rows), len(FEATURES)), dtype=np.float32)
    out[:, 0] = scores.lex(rows, cols)
    out[:, 1] = scores.distinct[rows, cols] / 255.0
    out[:, 2] = np.minimum(scores.numbers[rows, cols], 3) / 3.0
    out[:, 3] = np.minimum(scores.shared[rows, cols], 5) / 5.0
    # Competition is measured among sentences of the same kind (headline with headline).
    lex_row, lex_col = scores.lexical_competition.best_other(rows, cols, out[:, 0])
    out[:, 4] = out[:, 0] - lex_row
    out[:, 5] = out[:, 0] - lex_col
    if scores.cosine is not None and scores.cosine_competition is not None:
        out[:, 6] = scores.cosine[rows, cols]
        cos_row, cos_col = scores.cosine_competition.best_other(rows, cols, out[:, 6])
        out[:, 7] = out[:, 6] - cos_row
        out[:, 8] = out[:, 6] - cos_col
    ha, hb = scores.head_a[rows], scores.head_b[cols]
    out[:, 9] = ha & hb
    out[:, 10] = ha != hb
    out[:, 11] = np.abs(rows / max(1, n_a) - cols / max(1, n_b))
    # Outlets reorder paragraphs but keep short runs: a diagonal neighbour that also matches.
    up = np.where((rows > 0) & (cols > 0), scores.lex(np.maximum(rows - 1, 0), np.maximum(cols - 1, 0)), 0.0)
    down = np.where((rows < n_a - 1) & (cols < n_b - 1),
                    scores.lex(np.minimum(rows + 1, n_a - 1), np.minimum(cols + 1, n_b - 1)), 0.0)
    out[:, 12] = np.maximum(up, down)
    out[:, 13] = 1.0
    return out


def candidates(scores: Scores) -> tuple[np.ndarray, np.ndarray]:
    """The cells worth weighing: among the best of their row or column (by words or by embeddings)
    and with some evidence at all."""
    import numpy as np

    found_r, found_c = [], []
    n_a = scores.shape[0]
    for lo in range(0, n_a, BLOCK):
        lex = scores.lex(slice(lo, lo + BLOCK), slice(None))
        keep = scores.lexical_competition.leading(lo, lex) & (lex >= CANDIDATE_LEXICAL)
        if scores.cosine is not None and scores.cosine_competition is not None:
            cos = scores.cosine[lo : lo + BLOCK]
            keep |= scores.cosine_competition.leading(lo, cos) & (cos >= CANDIDATE_COSINE)
        r, c = np.nonzero(keep)
        found_r.append(r + lo)
        found_c.append(c)
    if not found_r:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(found_r), np.concatenate(found_c)


# Rows of a long article handled at a time (bounds the memory of the temporaries).
BLOCK = 512


def probability(scores: Scores, weights: tuple[float, ...] | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, probability that the pair states the same fact) for the candidate cells."""
    import numpy as np

    rows, cols = candidates(scores)
    if weights is None:
        weights = WEIGHTS_LEXICAL if scores.cosine is None else WEIGHTS_SEMANTIC
    if not len(rows):
        return rows, cols, np.zeros(0, dtype=np.float32)
    logit = features(scores, rows, cols) @ np.asarray(weights, dtype=np.float32)
    return rows, cols, 1.0 / (1.0 + np.exp(-logit))
