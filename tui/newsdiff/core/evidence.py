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
semantic measure. Pairs are then taken one-to-one, most probable first, from PAIR_MIN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FEATURES", "PAIR_MIN", "Scores", "features", "probability"]

FEATURES = ("lexical", "distinct", "numbers", "shared", "lexical_row", "lexical_col", "cosine", "cosine_row",
            "cosine_col", "both_headlines", "one_headline", "position", "context", "bias")

# Fitted by tests/perf/fit_pairs.py on the dev events of tests/data/real (logistic regression, L2 1e-4).
WEIGHTS_LEXICAL = (2.27, 4.25, 3.41, 2.83, 0.57, 0.87, 0.0, 0.0, 0.0, 1.63, 0.98, -1.85, 1.29, -3.48)
WEIGHTS_SEMANTIC = (0.50, 5.79, 3.65, 1.45, 0.13, 0.40, 5.72, 0.39, 0.50, -0.29, 0.64, -1.40, 1.42, -5.29)
# A pair is taken from this probability on (chosen on the dev events for a precision near 0.85).
PAIR_MIN = 0.4
# A word in more than this share of a story's sentences is one of the story's topic words.
TOPIC_SHARE = 0.1
# Pairs with less evidence than this are not candidates at all (their probability is negligible).
CANDIDATE_LEXICAL = 0.05
CANDIDATE_COSINE = 0.3


@dataclass
class Scores:
    """The evidence for every sentence pair of two documents, as ``len(a) x len(b)`` matrices."""

    lexical: np.ndarray  # float32, 0-1
    distinct: np.ndarray  # float16, 0-1
    shared: np.ndarray  # uint8, content words in common (days and months aside)
    numbers: np.ndarray  # uint8, figures in common
    cosine: np.ndarray | None  # float32, -1..1, with the semantic extra
    head_a: np.ndarray  # bool per sentence of a: is it a headline
    head_b: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.lexical.shape  # type: ignore[return-value]

    def similarity(self, i: np.ndarray | int, j: np.ndarray | int) -> np.ndarray:
        """The similarity shown to the user, 0-100: the lexical score, or with the semantic extra the
        mean of it and the cosine counted from COSINE_FLOOR."""
        import numpy as np

        lex = self.lexical[i, j].astype(np.float32)
        if self.cosine is None:
            return np.round(100.0 * lex, 1)
        sem = np.clip((self.cosine[i, j] - COSINE_FLOOR) / (1.0 - COSINE_FLOOR), 0.0, 1.0)
        return np.round(50.0 * lex + 50.0 * sem, 1)


# The semantic part of the shown similarity counts the cosine from here (sentences of one story are
# rarely less alike than this).
COSINE_FLOOR = 0.3


def _others_best(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every cell: the best value elsewhere in its row, and elsewhere in its column."""
    import numpy as np

    def best_two(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = x.shape[1]
        if n == 1:
            return x[:, 0], np.full(x.shape[0], -1.0, dtype=x.dtype)
        part = np.partition(x, (n - 2, n - 1), axis=1)
        return part[:, n - 1], part[:, n - 2]

    r1, r2 = best_two(m)
    c1, c2 = best_two(m.T)
    row = np.where(m >= r1[:, None], r2[:, None], r1[:, None])
    col = np.where(m >= c1[None, :], c2[None, :], c1[None, :])
    return row, col


def features(scores: Scores, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The evidence (``FEATURES``, one column each) for the cells (rows[k], cols[k])."""
    import numpy as np

    n_a, n_b = scores.shape
    mixed = scores.head_a[:, None] != scores.head_b[None, :]
    out = np.zeros((len(rows), len(FEATURES)), dtype=np.float32)
    lex = scores.lexical
    # Competition is measured among sentences of the same kind (headline with headline).
    lex_row, lex_col = _others_best(np.where(mixed, 0.0, lex).astype(np.float32))
    out[:, 0] = lex[rows, cols]
    out[:, 1] = scores.distinct[rows, cols]
    out[:, 2] = np.minimum(scores.numbers[rows, cols], 3) / 3.0
    out[:, 3] = np.minimum(scores.shared[rows, cols], 5) / 5.0
    out[:, 4] = out[:, 0] - lex_row[rows, cols]
    out[:, 5] = out[:, 0] - lex_col[rows, cols]
    if scores.cosine is not None:
        cos = scores.cosine
        cos_row, cos_col = _others_best(np.where(mixed, -1.0, cos).astype(np.float32))
        out[:, 6] = cos[rows, cols]
        out[:, 7] = out[:, 6] - cos_row[rows, cols]
        out[:, 8] = out[:, 6] - cos_col[rows, cols]
    ha, hb = scores.head_a[rows], scores.head_b[cols]
    out[:, 9] = ha & hb
    out[:, 10] = ha != hb
    out[:, 11] = np.abs(rows / max(1, n_a) - cols / max(1, n_b))
    # Outlets reorder paragraphs but keep short runs: a diagonal neighbour that also matches.
    up = np.where((rows > 0) & (cols > 0), lex[np.maximum(rows - 1, 0), np.maximum(cols - 1, 0)], 0.0)
    down = np.where((rows < n_a - 1) & (cols < n_b - 1),
                    lex[np.minimum(rows + 1, n_a - 1), np.minimum(cols + 1, n_b - 1)], 0.0)
    out[:, 12] = np.maximum(up, down)
    out[:, 13] = 1.0
    return out


def candidates(scores: Scores) -> tuple[np.ndarray, np.ndarray]:
    """The cells worth weighing (the others have negligible evidence)."""
    import numpy as np

    keep = scores.lexical >= CANDIDATE_LEXICAL
    if scores.cosine is not None:
        keep |= scores.cosine >= CANDIDATE_COSINE
    return np.nonzero(keep)


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
