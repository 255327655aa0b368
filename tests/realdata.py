"""The real-data set under tests/data/real: loading, checking the hand labels, and mapping them onto
newsdiff's own sentences and lines.

Layout: one folder per event, ``tests/data/real/<event>/``, holding the articles as plain text (the
page text as found, furniture included), a ``manifest.json`` and a ``labels.json``:

manifest.json::

    {"event": "<folder name>", "title": "...", "date": "YYYY-MM-DD", "theme": "...",
     "split": "dev" | "test" | "holdout" | "holdout2" | "seeds",   (holdout*: gathered last, measured once,
                                                                   never looked into; holdout2 in a later round)
     "source_folder": "seeds"        (optional: the articles live in this folder of the checkout),
     "articles": [{"file": "cbs-newyork.txt", "outlet": "CBS New York", "url": "https://...",
                   "published": "YYYY-MM-DD" | null, "written": "independent" | "wire:AP" | ...,
                   "copy_of": "<file of the same wire text>" | null}]}

labels.json::

    {"_about": "who labelled, how",
     "headline": {"<file>": "<the story's headline, the exact text of its line>"},
     "boilerplate": {"<file>": {"<1-based line>": "<kind>", ...}},
     "facts": [{"id": "toll", "about": "...", "strength": "same" | "related",
                "mentions": {"<file>": ["<exact quote from one story sentence>", ...]}}],
     "disagreements": [{"fact": "toll", "what": "people killed",
                        "values": {"<file>": "<exact quote of the figure>", ...}, "why": "..."}]}

Every non-empty line not listed under "boilerplate" is story content. A quote is a verbatim substring
of exactly one line of its file, and that line is content. Two sentences of different articles state
the same fact when they hold quotes of one fact; "related" facts are pairs a reader would accept but
does not require (neither rewarded nor punished).

adjudicated.json (optional), a second, blind pass over a pool of similar-looking sentence pairs that
the annotators had not put in one fact (labelling is never exhaustive; the pool was drawn from every
pair with a high word or embedding similarity, or the best match of a sentence, plus labelled pairs as
controls, and judged without knowing which was which)::

    {"_about": "...", "pairs": [{"a": "<file>", "b": "<file>", "A": "<sentence of a>", "B": "<sentence of b>",
                                 "verdict": "same" | "related" | "different" | "not-story"}]}

A "same" or "related" pair counts as a two-sentence fact of that strength.

    python tests/realdata.py            # check every event's labels, print a summary
    python tests/realdata.py EVENT ...  # check some
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The splits; the held-out ones (measured once, at the end of the round that gathered them, and never
# looked into) start with "holdout".
SPLITS = ("dev", "test", "holdout", "holdout2", "seeds")


def held_out(split: str) -> bool:
    return split.startswith("holdout")
REAL = ROOT / "tests" / "data" / "real"
BOILERPLATE_KINDS = frozenset(
    "navigation section-label byline timestamp caption credit video-note related-links call-to-action comments "
    "login advertising social-embed share-bar notice archive-notice newsletter duplicate separator footer "
    "reporter-line tags other".split()
)


@dataclass
class Event:
    name: str
    folder: Path
    manifest: dict
    labels: dict
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return self.manifest.get("split", "dev")

    @property
    def files(self) -> list[str]:
        return [a["file"] for a in self.manifest["articles"]]

    @property
    def source(self) -> Path:
        """The folder holding the articles (the event's own, or ``source_folder`` of the checkout)."""
        sf = self.manifest.get("source_folder")
        return ROOT / sf if sf else self.folder

    def path(self, file: str) -> Path:
        return self.source / file

    def lines(self, file: str) -> list[str]:
        return self.texts[file].split("\n")

    def boilerplate(self, file: str) -> dict[int, str]:
        return {int(k): v for k, v in self.labels.get("boilerplate", {}).get(file, {}).items()}

    def article(self, file: str) -> dict:
        return next(a for a in self.manifest["articles"] if a["file"] == file)

    def quote_line(self, file: str, quote: str) -> int:
        """The 1-based line holding ``quote`` (checked unique by ``check``)."""
        for n, line in enumerate(self.lines(file), start=1):
            if quote in line:
                return n
        raise LookupError(f"{self.name}/{file}: quote not found: {quote!r}")


def load_events(names: Iterable[str] | None = None, split: str | None = None) -> list[Event]:
    """The events under tests/data/real (all, or those named), optionally only one split."""
    wanted = set(names or ())
    out = []
    for folder in sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []:
        if wanted and folder.name not in wanted:
            continue
        mf, lf = folder / "manifest.json", folder / "labels.json"
        if not mf.is_file():
            continue
        manifest = json.loads(mf.read_text(encoding="utf-8"))
        labels = json.loads(lf.read_text(encoding="utf-8")) if lf.is_file() else {}
        af = folder / "adjudicated.json"
        if af.is_file():
            labels = dict(labels, adjudicated=json.loads(af.read_text(encoding="utf-8"))["pairs"])
        ev = Event(folder.name, folder, manifest, labels)
        if split and ev.split != split:
            continue
        for a in manifest["articles"]:
            ev.texts[a["file"]] = ev.path(a["file"]).read_text(encoding="utf-8")
        out.append(ev)
    return out


def check(ev: Event) -> list[str]:
    """Problems with one event's files and labels (empty when all is well)."""
    problems: list[str] = []
    say = problems.append
    if ev.manifest.get("event") != ev.name:
        say(f"manifest 'event' is {ev.manifest.get('event')!r}, the folder is {ev.name!r}")
    if ev.split not in SPLITS:
        say(f"split must be one of {', '.join(SPLITS)}, not {ev.split!r}")
    files = ev.files
    if len(set(files)) != len(files):
        say("a file is listed twice in the manifest")
    on_disk = {p.name for p in ev.source.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm")}
    for extra in sorted(on_disk - set(files)):
        say(f"{extra} is in the folder but not in the manifest")
    for a in ev.manifest["articles"]:
        for key in ("file", "outlet", "url", "written"):
            if not a.get(key):
                say(f"{a.get('file')}: manifest entry lacks {key!r}")
        if a.get("copy_of") and a["copy_of"] not in files:
            say(f"{a['file']}: copy_of {a['copy_of']!r} is not an article of this event")
    for file in files:
        text = ev.texts[file]
        if "\r" in text:
            say(f"{file}: has CR characters (save with LF line ends)")
        n_lines = len(ev.lines(file))
        for n, kind in ev.boilerplate(file).items():
            if not 1 <= n <= n_lines:
                say(f"{file}: boilerplate line {n} is outside the file (1-{n_lines})")
            elif not ev.lines(file)[n - 1].strip():
                say(f"{file}: boilerplate line {n} is empty")
            if kind not in BOILERPLATE_KINDS:
                say(f"{file}: boilerplate kind {kind!r} on line {n} is not one of {sorted(BOILERPLATE_KINDS)}")
        head = ev.labels.get("headline", {}).get(file)
        if head is None:
            say(f"{file}: no headline label")
        elif head not in [ln.strip() for ln in ev.lines(file)]:
            say(f"{file}: the headline label is not the text of one of its lines: {head!r}")

    def check_quote(file: str, quote: str, where: str) -> None:
        if file not in ev.texts:
            say(f"{where}: {file!r} is not an article of this event")
            return
        hits = [(n, line.count(quote)) for n, line in enumerate(ev.lines(file), start=1) if quote in line]
        if not hits:
            say(f"{where}: quote not found in {file}: {quote!r}")
        elif len(hits) > 1 or hits[0][1] > 1:
            say(f"{where}: quote occurs more than once in {file}: {quote!r}")
        elif hits[0][0] in ev.boilerplate(file):
            say(f"{where}: quote is on boilerplate line {hits[0][0]} of {file}: {quote!r}")

    ids = set()
    for fact in ev.labels.get("facts", []):
        fid = fact.get("id")
        if fid in ids:
            say(f"fact id {fid!r} is used twice")
        ids.add(fid)
        if fact.get("strength", "same") not in ("same", "related"):
            say(f"fact {fid}: strength must be 'same' or 'related'")
        mentions = fact.get("mentions", {})
        if len(mentions) < 2:
            say(f"fact {fid}: fewer than two articles mention it")
        for file, quotes in mentions.items():
            if isinstance(quotes, str):
                say(f"fact {fid}: mentions of {file} must be a list of quotes")
                continue
            for q in quotes:
                check_quote(file, q, f"fact {fid}")
    for d in ev.labels.get("disagreements", []):
        if d.get("fact") not in ids:
            say(f"disagreement on {d.get('what')!r}: fact {d.get('fact')!r} is not labelled")
        if len(d.get("values", {})) < 2:
            say(f"disagreement on {d.get('what')!r}: needs values from two or more articles")
        for file, q in d.get("values", {}).items():
            check_quote(file, q, f"disagreement {d.get('fact')}")
    return problems


# ------------------------------------------------------------------------------------------------
# Mapping labels onto newsdiff's documents


def fact_sentences(ev: Event, docs: dict[str, object], strength: Sequence[str] = ("same",)) -> dict[str, dict[str, set[int]]]:
    """{fact id: {file: {content-sentence indices holding one of its quotes}}} for newsdiff documents
    keyed by file; a quote maps to every sentence its span overlaps."""
    out: dict[str, dict[str, set[int]]] = {}
    for fact in ev.labels.get("facts", []):
        if fact.get("strength", "same") not in strength:
            continue
        per: dict[str, set[int]] = {}
        for file, quotes in fact["mentions"].items():
            doc = docs.get(file)
            if doc is None:
                continue
            for q in quotes:
                per.setdefault(file, set()).update(sentences_of_quote(ev, file, doc, q))
        out[fact["id"]] = per
    for k, pair in enumerate(ev.labels.get("adjudicated", [])):
        if pair["verdict"] not in strength or pair["a"] not in docs or pair["b"] not in docs:
            continue
        out[f"adj-{k}"] = {pair["a"]: sentences_of_text(docs[pair["a"]], pair["A"]),
                           pair["b"]: sentences_of_text(docs[pair["b"]], pair["B"])}
    return out


def sentences_of_text(doc, text: str) -> set[int]:
    """Content-sentence indices of ``doc`` whose text is ``text`` (or holds it, or is held by it), with
    whitespace normalised: adjudicated pairs name sentences by their text."""
    norm = " ".join(text.split())
    exact = {s.index for s in doc.sentences if " ".join(s.text.split()) == norm}
    if exact:
        return exact
    return {s.index for s in doc.sentences if norm in " ".join(s.text.split()) or " ".join(s.text.split()) in norm}


def sentences_of_quote(ev: Event, file: str, doc, quote: str) -> set[int]:
    """Content-sentence indices of ``doc`` (a newsdiff Document) that the quote's span overlaps."""
    line = ev.quote_line(file, quote)
    found: set[int] = set()
    for b, block in enumerate(doc.blocks):
        if not block.line <= line <= block.end_line:
            continue
        start = block.text.find(quote)
        if start < 0:  # a hard-wrapped block joins lines with single spaces
            start = " ".join(block.text.split()).find(" ".join(quote.split()))
        if start < 0:
            continue
        end = start + len(quote)
        found.update(s.index for s in doc.sentences if s.block == b and s.start < end and start < s.end)
    return found


def main(argv: Sequence[str]) -> int:
    events = load_events(argv or None)
    bad = 0
    for ev in events:
        problems = check(ev)
        n_facts = len(ev.labels.get("facts", []))
        n_bp = sum(len(v) for v in ev.labels.get("boilerplate", {}).values())
        n_dis = len(ev.labels.get("disagreements", []))
        print(f"{ev.name} [{ev.split}]: {len(ev.files)} articles, {n_facts} facts, {n_bp} boilerplate lines, "
              f"{n_dis} disagreements" + (f", {len(problems)} problems" if problems else ""))
        for p in problems:
            print("   ", p)
        bad += bool(problems)
    if not events:
        print(f"no events under {REAL}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
