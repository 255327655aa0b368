"""Measure sentence-pair precision and recall against the hand-labelled seed pairs.

    python tests/perf/calibrate.py            # the defaults, plus a threshold sweep
    python tests/perf/calibrate.py --grid     # also sweep MARGIN, NEIGHBOURS and CONTEXT
    python tests/perf/calibrate.py --errors   # list wrong and missed pairs at the defaults

Gold: tests/data/align/gold.json (see its _about). A predicted pair is right when any of its
sentence pairs is a gold or 'ok' pair; recall counts the gold sentences of A that got a gold partner.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.gold

from tests.gold import evaluate as _evaluate

from newsdiff.core import align as A
from newsdiff.core.corpus import Corpus


def evaluate(threshold: float, errors: bool = False) -> tuple[float, float, int]:
    return _evaluate(Corpus.load().documents, threshold, print if errors else None)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    print(f"defaults: threshold={A.DEFAULT_THRESHOLD} margin={A.MARGIN} neighbours={A.NEIGHBOURS} context={A.CONTEXT}")
    if args.errors:
        evaluate(A.DEFAULT_THRESHOLD, errors=True)
    print("threshold  precision  recall  pairs")
    for th in (5, 10, 15, 20, 25, 30, 40, 50):
        p, r, n = evaluate(th)
        print(f"{th:9}  {p:9.3f}  {r:6.3f}  {n:5}")
    if args.grid:
        saved = (A.MARGIN, A.NEIGHBOURS, A.CONTEXT)
        rows = []
        for m, k, c in itertools.product((1.2, 1.3, 1.4, 1.5, 1.6), (2, 3, 4, 5), (0.0, 0.3, 0.5)):
            A.MARGIN, A.NEIGHBOURS, A.CONTEXT = m, k, c
            p, r, n = evaluate(A.DEFAULT_THRESHOLD)
            rows.append((p >= 0.9, r, p, m, k, c, n))
        A.MARGIN, A.NEIGHBOURS, A.CONTEXT = saved
        print("best settings with precision >= 0.90 (recall, precision, margin, neighbours, context, pairs):")
        for row in sorted(rows, reverse=True)[:10]:
            print("  ", row[1:])


if __name__ == "__main__":
    main()
