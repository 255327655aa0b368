"""Fit the weights of the same-fact evidence (newsdiff.core.evidence) on hand-labelled real coverage.

    python tests/perf/fit_pairs.py                        # the lexical measure
    python tests/perf/fit_pairs.py --similarity semantic  # with the semantic extra installed

Data: the "dev" events of tests/data/real (never the "test" ones). Every candidate sentence pair of two
articles of one event is an example: positive when the two sentences hold quotes of one "same" fact
(or an adjudicated "same" pair), negative when they hold none; "related" pairs are left out. The
model is a logistic regression (Newton's method, L2 penalty 1e-4) over ``evidence.FEATURES``.

Printed: the weights to paste into evidence.py, the same fit left-one-event-out (each dev event scored
by weights fitted on the others: how well the weights carry to unseen events), and the end-to-end
precision/recall of the dev pairs (tests/perf/calibrate.py) for a range of PAIR_MIN_LEXICAL /
PAIR_MIN_SEMANTIC.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.realdata

from tests.perf.calibrate import _load, measure
from tests.realdata import fact_sentences, load_events

from newsdiff.core import evidence


def examples(events, similarity: str) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(event, features, labels) per article pair; labels 1 same, 0 different, -1 related."""
    corpus, where = _load(events, similarity)
    if corpus.similarity != similarity:
        raise SystemExit(f"the {similarity} measure is not available: {corpus.similarity_note}")
    docs = corpus.documents
    out = []
    for ev in events:
        by_file = {f: docs[where[(ev.name, f)]] for f in ev.files}
        same = fact_sentences(ev, by_file, ("same",))
        related = fact_sentences(ev, by_file, ("related",))
        for fa, fb in itertools.combinations(ev.files, 2):
            pa, pb = where[(ev.name, fa)], where[(ev.name, fb)]
            story = corpus.story_of(pa)
            if story != corpus.story_of(pb):
                continue
            members = corpus.stories[story]
            scores = corpus.story_index(story).scores(members.index(pa), members.index(pb))
            rows, cols = evidence.candidates(scores)
            x = evidence.features(scores, rows, cols)
            y = np.zeros(len(rows), dtype=np.int8)
            for per, value in ((related, -1), (same, 1)):
                for facts in per.values():
                    for i in facts.get(fa, ()):
                        for j in facts.get(fb, ()):
                            y[(rows == i) & (cols == j)] = value
            out.append((ev.name, x, y))
    return out


def fit(data) -> np.ndarray:
    x = np.concatenate([d[1] for d in data])
    y = np.concatenate([d[2] for d in data])
    keep = y >= 0
    x, y = x[keep].astype(np.float64), (y[keep] == 1).astype(np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(60):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + 1e-4 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x / len(y) + 1e-4 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(len(scores))
    n1 = y.sum()
    n0 = len(y) - n1
    return float((ranks[y == 1].sum() - n1 * (n1 - 1) / 2) / max(1, n1 * n0))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--similarity", choices=("lexical", "semantic"), default="lexical")
    args = ap.parse_args()
    events = load_events(split="dev")
    data = examples(events, args.similarity)
    w = fit(data)
    if args.similarity == "lexical":
        w[[6, 7, 8]] = 0.0  # no cosine without the extra
    print("weights:", "(" + ", ".join(f"{v:.2f}" for v in w) + ")")
    for name, v in zip(evidence.FEATURES, w, strict=True):
        print(f"   {name:15} {v:6.2f}")
    print("left-one-event-out AUC of the probability:")
    for ev in events:
        train = [d for d in data if d[0] != ev.name]
        held = [d for d in data if d[0] == ev.name]
        wi = fit(train)
        x = np.concatenate([d[1] for d in held])
        y = np.concatenate([d[2] for d in held])
        keep = y >= 0
        print(f"   {ev.name:28} {auc(x[keep] @ wi, y[keep] == 1):.3f}")
    name = "WEIGHTS_LEXICAL" if args.similarity == "lexical" else "WEIGHTS_SEMANTIC"
    cut_name = "PAIR_MIN_LEXICAL" if args.similarity == "lexical" else "PAIR_MIN_SEMANTIC"
    saved = (getattr(evidence, name), getattr(evidence, cut_name))
    setattr(evidence, name, tuple(float(round(v, 2)) for v in w))
    print("end to end on the dev events (independent reports; wire copies):")
    try:
        for cut in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
            setattr(evidence, cut_name, cut)
            r = measure(events, similarity=args.similarity)
            print(f"   PAIR_MIN {cut:4}: {r.independent.precision:.3f} / {r.independent.recall:.3f}; "
                  f"{r.wire.precision:.3f} / {r.wire.recall:.3f}; cross-event pairs {r.cross_pairs}")
    finally:
        setattr(evidence, name, saved[0])
        setattr(evidence, cut_name, saved[1])


if __name__ == "__main__":
    main()
