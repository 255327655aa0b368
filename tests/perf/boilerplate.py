"""Boilerplate lines and headlines on the real-data set (tests/data/real), per split.

Each event's articles are cleaned together (the other outlets' words count as the story's, as in
the app). A source line counts as boilerplate when newsdiff puts it in a boilerplate block; the
hand labels say which lines are. The headline is right when ``Document.headline`` is the labelled
headline line.

    python tests/perf/boilerplate.py [SPLIT ...]     # P/R per split (default: dev test seeds), headlines
    python tests/perf/boilerplate.py --errors dev    # every wrong line of the dev split

Tune only on "dev"; "test" events are for reporting.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tui"), str(ROOT / "tests")]

from newsdiff.core.article import load_article  # noqa: E402
from newsdiff.core.document import build_documents  # noqa: E402
from realdata import load_events  # noqa: E402


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    heads: int = 0
    head_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def measure(split: str) -> Score:
    score = Score()
    for ev in load_events(split=split):
        articles = [load_article(ev.path(f), f) for f in ev.files]
        docs = build_documents(articles)
        for file, doc in zip(ev.files, docs, strict=True):
            truth = ev.boilerplate(file)
            said: dict[int, str] = {}
            for b in doc.blocks:
                if not b.is_content:
                    for line in range(b.line, b.end_line + 1):
                        said[line] = b.kind
            lines = ev.lines(file)
            for n, text in enumerate(lines, start=1):
                if not text.strip():
                    continue
                got, want = n in said, n in truth
                if got and want:
                    score.tp += 1
                elif got:
                    score.fp += 1
                    score.errors.append(f"FP {ev.name}/{file}:{n} [{said[n]}] {text.strip()[:110]}")
                elif want:
                    score.fn += 1
                    score.errors.append(f"FN {ev.name}/{file}:{n} [{truth[n]}] {text.strip()[:110]}")
            head = ev.labels.get("headline", {}).get(file)
            score.heads += 1
            if head is not None and " ".join(doc.headline.split()) == " ".join(head.split()):
                score.head_ok += 1
            else:
                score.errors.append(f"HEAD {ev.name}/{file}: got {doc.headline[:80]!r}, want {str(head)[:80]!r}")
    return score


def main(argv: list[str]) -> int:
    if argv[:1] == ["--errors"]:
        split = argv[1] if len(argv) > 1 else "dev"
        if split == "test":
            print("looking at the test split's errors: only after the rules are final", file=sys.stderr)
        for e in measure(split).errors:
            print(e)
        return 0
    splits = argv or ["dev", "test", "holdout", "seeds"]
    print("| split | boilerplate lines P / R (right, wrong, missed) | headlines |")
    print("| --- | --- | --- |")
    for split in splits:
        s = measure(split)
        print(f"| {split} | {s.precision:.2f} / {s.recall:.2f} ({s.tp}, {s.fp}, {s.fn}) | {s.head_ok} of {s.heads} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
