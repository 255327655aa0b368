"""How well newsdiff judges "the same fact", measured on hand-labelled real coverage.

    python tests/perf/calibrate.py                    # dev and test splits and the seeds, the defaults
    python tests/perf/calibrate.py --split holdout    # the held-out events (only when named; no --errors)
    python tests/perf/calibrate.py --split dev        # one split
    python tests/perf/calibrate.py --errors           # also list wrong and missed pairs, spurious flags
    python tests/perf/calibrate.py --sweep NAME=1,2,3 # vary a setting of newsdiff.core.align (or stories)

Data: tests/data/real/<event>/ (see tests/realdata.py). Every figure is computed with all the articles
of the measured split loaded together, as a user who opens several stories at once would:

* pairs: precision and recall of same-fact sentence pairs in the diffs of every two articles of one
  event, separately for independently written reports and wire copies (``copy_of`` in the manifest).
  A predicted pair is right when its sentences hold quotes of one labelled fact ("same" or
  "related"). Recall counts the sentences (of either article) that have a counterpart in the other
  article (a sentence holding a quote of the same "same" fact) and are paired with one of them; a
  diff pairs each sentence once, so a lead that sums up four facts needs only one of its partners.
  The recall of facts (every "same" fact two articles both state, found when the diff pairs a
  sentence of it in one with a sentence of it in the other) is shown beside it.
  Pairs with a sentence on a hand-labelled boilerplate line are cleaning errors (issue 8's measure):
  they are counted apart and left out of the pair precision.
* cross-event pairs: pairs formed in the diffs of articles of different events.
* stories: articles grouped into one story that belong to different events, and articles of one event
  split into several stories.
* facts: facts (two or more articles) whose mentions come from more than one event.
* disagreements: flagged quantity disagreements that match a labelled one (real) or not (spurious).

``--similarity lexical|semantic`` chooses the measure (default lexical; semantic needs the extra).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.realdata

from tests.realdata import SPLITS, Event, fact_sentences, held_out, load_events, sentences_of_quote


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0
    facts: int = 0
    facts_found: int = 0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def __str__(self) -> str:
        facts = self.facts_found / self.facts if self.facts else 1.0
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  ({self.correct}/{self.predicted} right, "
                f"{self.found}/{self.labelled} sentences found; facts {facts:.3f})")


@dataclass
class Report:
    cleaning: int = 0  # predicted pairs with a sentence on a hand-labelled boilerplate line
    independent: Tally = field(default_factory=Tally)
    wire: Tally = field(default_factory=Tally)
    headlines: Tally = field(default_factory=Tally)
    cross_diffs: int = 0
    cross_diffs_with_pairs: int = 0
    cross_pairs: int = 0
    story_mixed: int = 0
    story_split: int = 0
    facts: int = 0
    facts_mixed: int = 0
    flagged: int = 0
    flagged_real: int = 0
    labelled_disagreements: int = 0
    disagreements_found: int = 0
    articles: int = 0
    lines: list[str] = field(default_factory=list)


def _load(events: Sequence[Event], similarity: str | None = None):
    from newsdiff.core.corpus import Corpus

    paths = [ev.path(f) for ev in events for f in ev.files]
    corpus = Corpus.load(paths, similarity=similarity)
    by_path = {a.path.resolve(): n for n, a in enumerate(corpus.articles)}
    where: dict[tuple[str, str], int] = {}
    for ev in events:
        for f in ev.files:
            where[(ev.name, f)] = by_path[ev.path(f).resolve()]
    return corpus, where


def measure(events: Sequence[Event], errors: bool = False, similarity: str | None = None) -> Report:
    """The report for ``events`` loaded together; ``similarity``: "lexical", "semantic" or None (the
    semantic measure when installed, unless NEWSDIFF_SIMILARITY=lexical)."""
    corpus, where = _load(events, similarity)
    if similarity == "semantic" and corpus.similarity != "semantic":
        raise SystemExit(f"the semantic measure is not available: {corpus.similarity_note}")
    docs = corpus.documents
    rep = Report(articles=len(docs))
    say = rep.lines.append
    event_of = {pos: ev.name for (ev_name, _f), pos in where.items() for ev in events if ev.name == ev_name}

    # -- pairs within each event ----------------------------------------------------------------
    for ev in events:
        files = ev.files
        by_file = {f: docs[where[(ev.name, f)]] for f in files}
        same = fact_sentences(ev, by_file, ("same",))
        anyf = fact_sentences(ev, by_file, ("same", "related"))
        heads = {f: sentences_of_quote(ev, f, by_file[f], ev.labels["headline"][f])
                 if ev.labels.get("headline", {}).get(f) in ev.texts[f] else set() for f in files}
        copies = {(a["file"], a["copy_of"]) for a in ev.manifest["articles"] if a.get("copy_of")}
        for fa, fb in itertools.combinations(files, 2):
            pa, pb = where[(ev.name, fa)], where[(ev.name, fb)]
            if pa > pb:
                pa, pb, fa, fb = pb, pa, fb, fa
            al = corpus.alignment(pa, pb)
            wire = (fa, fb) in copies or (fb, fa) in copies
            t = Tally()
            hit_facts: set[str] = set()
            gold = {(i, j) for per in same.values() for i in per.get(fa, ()) for j in per.get(fb, ())}
            need_a, need_b = {i for i, _ in gold}, {j for _, j in gold}
            got_a: set[int] = set()
            got_b: set[int] = set()
            bp_a, bp_b = ev.boilerplate(fa), ev.boilerplate(fb)
            for row in al.pairs:
                pairs = [(i, j) for i in row.a.sentences for j in row.b.sentences]
                if any(docs[pa].sentences[i].line in bp_a for i in row.a.sentences) or \
                        any(docs[pb].sentences[j].line in bp_b for j in row.b.sentences):
                    rep.cleaning += 1  # a cleaning error (boilerplate taken for story), not a pairing one
                    continue
                good = any(i in per.get(fa, ()) and j in per.get(fb, ()) for per in anyf.values() for i, j in pairs)
                t.predicted += 1
                t.correct += good
                for i, j in pairs:
                    if (i, j) in gold:
                        got_a.add(i)
                        got_b.add(j)
                for fid, per in same.items():
                    if any(i in per.get(fa, ()) and j in per.get(fb, ()) for i, j in pairs):
                        hit_facts.add(fid)
                if errors and not good:
                    say(f"wrong   {ev.name} {fa}~{fb} {row.score}: {row.a.text[:70]!r} | {row.b.text[:70]!r}")
            both = [fid for fid, per in same.items() if per.get(fa) and per.get(fb)]
            t.facts = len(both)
            t.facts_found = len(set(both) & hit_facts)
            t.labelled = len(need_a) + len(need_b)
            t.found = len(got_a) + len(got_b)
            if errors:
                for i in sorted(need_a - got_a):
                    j = min(j for i2, j in gold if i2 == i)
                    say(f"missed  {ev.name} {fa}~{fb}: {docs[pa].sentences[i].text[:70]!r} | "
                        f"{docs[pb].sentences[j].text[:70]!r}")
            (rep.wire if wire else rep.independent).add(t)
            # Headlines: is each labelled headline pair (both headlines state one fact) found?
            ha, hb = heads.get(fa, set()), heads.get(fb, set())
            if ha and hb:
                head_facts = [fid for fid, per in same.items() if ha & per.get(fa, set()) and hb & per.get(fb, set())]
                if head_facts:
                    rep.headlines.labelled += 1
                    rep.headlines.found += any(
                        set(r.a.sentences) & ha and set(r.b.sentences) & hb for r in al.pairs)

    # -- across events ----------------------------------------------------------------------------
    positions = sorted(event_of)
    for pa, pb in itertools.combinations(positions, 2):
        if event_of[pa] == event_of[pb]:
            continue
        n = len(corpus.alignment(pa, pb).pairs)
        rep.cross_diffs += 1
        rep.cross_diffs_with_pairs += n > 0
        rep.cross_pairs += n
        if errors and n:
            for r in corpus.alignment(pa, pb).pairs:
                say(f"cross   {docs[pa].id}~{docs[pb].id} {r.score}: {r.a.text[:60]!r} | {r.b.text[:60]!r}")
    for story in corpus.stories:
        evs = {event_of[p] for p in story}
        rep.story_mixed += len(evs) > 1
    for ev in events:
        stories = {corpus.story_of(where[(ev.name, f)]) for f in ev.files}
        rep.story_split += len(stories) - 1
        if errors and len(stories) > 1:
            say(f"split   {ev.name} over {len(stories)} stories")

    facts = [f for f in corpus.facts() if len(f.articles) > 1]
    rep.facts = len(facts)
    rep.facts_mixed = sum(len({event_of[m.doc] for m in f.mentions}) > 1 for f in facts)

    # -- disagreements -----------------------------------------------------------------------------
    labelled = []  # (event, {position: set of sentence indices holding the quote})
    for ev in events:
        for d in ev.labels.get("disagreements", []):
            per = {}
            for f, q in d["values"].items():
                pos = where[(ev.name, f)]
                per[pos] = sentences_of_quote(ev, f, docs[pos], q)
            labelled.append(per)
    rep.labelled_disagreements = len(labelled)
    matched: set[int] = set()
    for f in facts:
        for d in f.disagreements:
            rep.flagged += 1
            spots = {}
            for article in d.quantities:
                m = f.mention_of(article)
                if m is not None:
                    spots[m.doc] = m.sentence
            real = None
            for k, per in enumerate(labelled):
                hits = sum(1 for pos, i in spots.items() if i in per.get(pos, ()))
                if hits >= 2:
                    real = k
                    break
            if real is not None:
                rep.flagged_real += 1
                matched.add(real)
            elif errors:
                say(f"flagged {f.id} {d.note}: " + " | ".join(f"{a}: {v}" for a, v in d.values.items()))
    rep.disagreements_found = len(matched)
    return rep


def show(name: str, rep: Report) -> None:
    print(f"== {name}: {rep.articles} articles")
    print(f"   same-fact pairs, independent reports: {rep.independent}")
    print(f"   same-fact pairs, wire copies:         {rep.wire}")
    print(f"   headline pairs found:                 {rep.headlines.found}/{rep.headlines.labelled}")
    print(f"   pairs of boilerplate taken for story (cleaning errors, not counted above): {rep.cleaning}")
    print(f"   diffs across events: {rep.cross_diffs_with_pairs} of {rep.cross_diffs} form pairs "
          f"({rep.cross_pairs} pairs in all)")
    print(f"   stories mixing events: {rep.story_mixed}; events split over stories: {rep.story_split}")
    print(f"   facts mixing events: {rep.facts_mixed} of {rep.facts}")
    spurious = rep.flagged - rep.flagged_real
    per10 = spurious / max(1, rep.articles) * 10
    print(f"   disagreements flagged: {rep.flagged}, real {rep.flagged_real}, spurious {spurious} "
          f"({per10:.1f} per 10 articles); labelled ones found {rep.disagreements_found}/{rep.labelled_disagreements}")
    for line in rep.lines:
        print("     ", line)


def _set(assignment: str) -> tuple[object, str, list[float]]:
    """NAME=v1,v2 for a setting of one of the judging modules (its type kept)."""
    from newsdiff.core import align, evidence, roles, stories

    name, values = assignment.split("=")
    module = next(m for m in (align, evidence, stories, roles) if hasattr(m, name))
    kind = type(getattr(module, name))
    return module, name, [kind(float(v)) if kind is int else float(v) for v in values.split(",")]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", action="append", choices=SPLITS)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--sweep", action="append", default=[])
    ap.add_argument("--similarity", choices=("lexical", "semantic"), default="lexical")
    args = ap.parse_args(argv)
    # The held-out events are measured only when named, and their errors are never listed (looking
    # at them would make them tuning data).
    splits = args.split or ["dev", "test", "seeds"]
    groups = {s: load_events(split=s) for s in splits}
    if not args.sweep:
        for s, evs in groups.items():
            if evs:
                errors = args.errors and not held_out(s)
                show(f"{s} ({', '.join(e.name for e in evs)})", measure(evs, errors, args.similarity))
        return
    sweeps = [_set(a) for a in args.sweep]
    for combo in itertools.product(*(vals for _, _, vals in sweeps)):
        saved = [getattr(m, n) for m, n, _ in sweeps]
        for (m, n, _), v in zip(sweeps, combo, strict=True):
            setattr(m, n, v)
        try:
            label = " ".join(f"{n}={v:g}" for (_, n, _), v in zip(sweeps, combo, strict=True))
            for s, evs in groups.items():
                if evs:
                    r = measure(evs, similarity=args.similarity)
                    print(f"{label:40} {s:5} indep {r.independent.precision:.3f}/{r.independent.recall:.3f} "
                          f"wire {r.wire.precision:.3f}/{r.wire.recall:.3f} cross {r.cross_pairs} "
                          f"mixed facts {r.facts_mixed} flags {r.flagged_real}/{r.flagged}")
        finally:
            for (m, n, _), v in zip(sweeps, saved, strict=True):
                setattr(m, n, v)


if __name__ == "__main__":
    main()
