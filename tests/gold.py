"""Scoring sentence pairs against the hand labels in data/align/gold.json (shared by the test of the
defaults and tests/perf/calibrate.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from newsdiff.core.align import SentenceIndex, align
from newsdiff.core.document import Document

GOLD = Path(__file__).resolve().parent / "data" / "align" / "gold.json"


def evaluate(docs: Sequence[Document], threshold: float, report=None) -> tuple[float, float, int]:
    """(precision, recall, pairs) of the alignments of the seed documents at ``threshold``.

    A predicted pair is right when any of its sentence pairs is a gold or 'ok' pair; recall counts
    the gold sentences of A that got a gold partner. ``report(line)`` receives the wrong and missed
    pairs when given."""
    gold = json.loads(GOLD.read_text())
    by_prefix = {d.id[:3]: d for d in docs}
    index = SentenceIndex(list(docs))
    predicted = correct = labelled = found = 0
    for key, lab in gold.items():
        if key.startswith("_"):
            continue
        a, b = (by_prefix[x] for x in key.split("-"))
        g = {int(i): set(js) for i, js in lab["gold"].items()}
        ok = {tuple(x) for x in lab["ok"]}
        hit: set[int] = set()
        for row in align(a, b, threshold, index, with_ops=False).pairs:
            pairs = [(i, j) for i in row.a.sentences for j in row.b.sentences]
            good = any(j in g.get(i, ()) or (i, j) in ok for i, j in pairs)
            predicted += 1
            correct += good
            hit.update(i for i, j in pairs if j in g.get(i, ()))
            if report and not good:
                report(f"wrong  {key} {row.a.sentences}->{row.b.sentences} {row.score}: "
                       f"{row.a.text[:60]!r} | {row.b.text[:60]!r}")
        labelled += len(g)
        found += len(hit)
        if report:
            for i in sorted(set(g) - hit):
                report(f"missed {key} {i}->{sorted(g[i])}: {a.sentences[i].text[:60]!r} | "
                       f"{b.sentences[min(g[i])].text[:60]!r}")
    return correct / max(1, predicted), found / max(1, labelled), predicted
