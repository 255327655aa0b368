"""Boilerplate lines and headlines on the real-data set (tests/data/real), per split.

Each event's articles are cleaned together (the other outlets' words count as the story's, as in
the app). A source line counts as boilerplate when newsdiff puts it in a boilerplate block; the
hand labels say which lines are. The headline is right when ``Document.headline`` is the labelled
headline line.

    python tests/perf/boilerplate.py [SPLIT ...]     # P/R per split (default: dev test seeds), headlines
    python tests/perf/boilerplate.py --events dev    # the same per event
    python tests/perf/boilerplate.py --errors dev    # every wrong line of the dev split
    python tests/perf/boilerplate.py --rules dev     # what each rule family labels, right and wrong,
                                                     # on how many events and outlets
    python tests/perf/boilerplate.py --alone dev     # the same for each family on its own: a line family
                                                     # on every line, a page family after the line
                                                     # families and the headline only (a family that
                                                     # fires on one page only is fitted to that page)
    python tests/perf/boilerplate.py --dump FILE     # every block's label under tests/data (holdout
                                                     # left out), to compare before and after a refactor

Tune only on "dev"; "test" events are for reporting. "holdout" events are measured only when named
(``python tests/perf/boilerplate.py holdout``), once, at the very end; their errors are never shown.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tui"), str(ROOT / "tests")]

from newsdiff.core.article import load_article  # noqa: E402
from newsdiff.core.document import build_documents  # noqa: E402
from realdata import held_out, load_events  # noqa: E402


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    heads: int = 0
    head_ok: int = 0
    errors: list[str] = field(default_factory=list)
    # rule family -> {"tp"/"fp": count, "events"/"outlets": names where it labelled a true boilerplate line}
    rules: dict[str, dict] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.heads += other.heads
        self.head_ok += other.head_ok
        self.errors += other.errors
        for name, r in other.rules.items():
            mine = self.rules.setdefault(name, {"tp": 0, "fp": 0, "events": set(), "outlets": set()})
            for k in ("tp", "fp"):
                mine[k] += r[k]
            mine["events"] |= r["events"]
            mine["outlets"] |= r["outlets"]


def measure_event(ev) -> Score:
    score = Score()
    articles = [load_article(ev.path(f), f) for f in ev.files]
    docs = build_documents(articles)
    for file, doc in zip(ev.files, docs, strict=True):
        truth = ev.boilerplate(file)
        said: dict[int, tuple[str, str]] = {}
        for b in doc.blocks:
            if not b.is_content:
                for line in range(b.line, b.end_line + 1):
                    said[line] = (b.kind, b.rule or "?")
        for n, text in enumerate(ev.lines(file), start=1):
            if not text.strip():
                continue
            got, want = n in said, n in truth
            if got:
                r = score.rules.setdefault(said[n][1], {"tp": 0, "fp": 0, "events": set(), "outlets": set()})
                r["tp" if want else "fp"] += 1
                if want:
                    r["events"].add(ev.name)
                    r["outlets"].add(f"{ev.name}/{file}")
            if got and want:
                score.tp += 1
            elif got:
                score.fp += 1
                score.errors.append(f"FP {ev.name}/{file}:{n} [{said[n][0]} by {said[n][1]}] {text.strip()[:110]}")
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


def measure(split: str) -> Score:
    score = Score()
    for ev in load_events(split=split):
        score.add(measure_event(ev))
    return score


def alone(split: str) -> list[str]:
    """What each rule family labels on its own (see the module's docstring), as table rows."""
    from newsdiff.core import clean as cl
    from newsdiff.core.linerules import LINE_RULES

    events = load_events(split=split)
    stats: dict[str, dict] = {}

    def count(name: str, ev, file: str, line: int) -> None:
        r = stats.setdefault(name, {"tp": 0, "fp": 0, "events": set(), "pages": set()})
        r["tp" if line in ev.boilerplate(file) else "fp"] += 1
        r["events"].add(ev.name)
        r["pages"].add(f"{ev.name}/{file}")

    for ev in events:
        for file in ev.files:
            for n, text in enumerate(ev.lines(file), start=1):
                if text.strip():
                    for rule in LINE_RULES:
                        if rule(text.strip()):
                            count(rule.__name__, ev, file, n)
    base = (cl.line_labels, cl.headline)
    saved = cl.PAGE_RULES
    line_rules = {rule.__name__ for rule in LINE_RULES} | {"page-structure"}
    try:
        for family in (None, *saved):
            if family in base:
                continue
            cl.PAGE_RULES = base if family is None else (*base, family)
            for ev in events:
                articles = [load_article(ev.path(f), f) for f in ev.files]
                for file, doc in zip(ev.files, build_documents(articles), strict=True):
                    for b in doc.blocks:
                        # the headline's own rules once (with the base); each family's on top of the base
                        if b.is_content or b.rule in line_rules or (family is not None and b.rule.startswith(
                                ("section_labels_above_headline", "repeated_headline", "unrelated_labels_above"))):
                            continue
                        for line in range(b.line, b.end_line + 1):
                            count(b.rule, ev, file, line)
    finally:
        cl.PAGE_RULES = saved
    rows = []
    for name, r in sorted(stats.items(), key=lambda kv: -kv[1]["tp"]):
        flag = "  <- one page only" if len(r["pages"]) <= 1 else ""
        rows.append(f"| {name} | {r['tp']} | {r['fp']} | {len(r['events'])} | {len(r['pages'])} |{flag}")
    return rows


def _row(name: str, s: Score) -> str:
    return f"| {name} | {s.precision:.2f} / {s.recall:.2f} ({s.tp}, {s.fp}, {s.fn}) | {s.head_ok} of {s.heads} |"


def dump(out: Path) -> int:
    """Every block's label for every article under tests/data (holdout events left out) and the seeds."""
    from newsdiff.core.article import load_paths

    result: dict[str, list] = {}

    def add(paths: list[Path]) -> None:
        articles = [load_article(p, p.stem) for p in paths]
        for p, doc in zip(paths, build_documents(articles), strict=True):
            result[str(p.relative_to(ROOT))] = [[b.line, b.end_line, b.label, b.kind, b.reason, doc.headline]
                                                for b in doc.blocks]

    for ev in load_events():
        if not held_out(ev.split):
            add([ev.path(f) for f in ev.files])
    data = ROOT / "tests" / "data"
    for folder in ("clean", "other"):
        add(sorted(p for p in (data / folder).iterdir() if p.suffix in (".txt", ".md")))
    for page in sorted((data / "html").glob("*/source.html")):
        add([page])
    add([a.path for a in load_paths([])])  # the bundled seeds
    out.write_text(json.dumps(result, indent=0), encoding="utf-8")
    print(f"{len(result)} articles written to {out}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--dump"] and len(argv) == 2:
        return dump(Path(argv[1]))
    if argv[:1] in (["--errors"], ["--rules"], ["--events"], ["--alone"]):
        split = argv[1] if len(argv) > 1 else "dev"
        if held_out(split):
            print("a holdout split is measured once, as a whole, and never looked into", file=sys.stderr)
            return 2
        if split == "test" and argv[0] == "--errors":
            print("looking at the test split's errors: only after the rules are final", file=sys.stderr)
        if argv[0] == "--errors":
            for e in measure(split).errors:
                print(e)
        elif argv[0] == "--alone":
            print("| rule family, alone | right | wrong | events | pages |")
            print("| --- | --- | --- | --- | --- |")
            print("\n".join(alone(split)))
        elif argv[0] == "--events":
            print("| event | boilerplate lines P / R (right, wrong, missed) | headlines |")
            print("| --- | --- | --- |")
            for ev in load_events(split=split):
                print(_row(ev.name, measure_event(ev)))
        else:
            rules = measure(split).rules
            print("| rule family | right | wrong | events | outlets |")
            print("| --- | --- | --- | --- | --- |")
            for name, r in sorted(rules.items(), key=lambda kv: -kv[1]["tp"]):
                flag = "  <- one page only" if len(r["outlets"]) <= 1 else ""
                print(f"| {name} | {r['tp']} | {r['fp']} | {len(r['events'])} | {len(r['outlets'])} |{flag}")
        return 0
    splits = argv or ["dev", "test", "seeds"]
    print("| split | boilerplate lines P / R (right, wrong, missed) | headlines |")
    print("| --- | --- | --- |")
    for split in splits:
        print(_row(split, measure(split)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
