"""Deciding, block by block, what is the story and what is page furniture.

A *block* is one line, or one paragraph where the source hard-wraps paragraphs over several lines.
Every block is labelled ``content`` or ``boilerplate``, with a ``kind`` and a short human ``reason``.
Nothing is deleted: views dim boilerplate and show the reason.

The rules use evidence a reader would recognise, never one page's wording:

* what the block *is about*: the page rather than the story (archive notices, comment and licence
  prompts, "Close", instructions for scrubbing a video);
* credit and attribution shapes (``Credit: AP``, ``X via Reuters``, ``Photo by ...``, a caption
  ending in ``(AP)``);
* repetition: captions are often printed twice, once with a credit;
* *position and shape*: short name-like or job-title lines between the headline and the first
  paragraph are bylines; runs of short title-like lines that share no vocabulary with the story
  are lists of other stories;
* *support*: with several articles loaded, words the other outlets also use count as the story's.

How it runs: ``clean`` cuts the text into blocks and makes a ``Page`` of them; each family of
``PAGE_RULES`` then reads the page and labels more blocks, in order. The first asks each line what it
says about itself (``linerules.LINE_RULES``); the others look at repeats, neighbours, the headline and
the story's first and last paragraphs, and the story's vocabulary. Every boilerplate block records the
family that labelled it (``Block.rule``), so ``tests/perf/boilerplate.py --rules`` and ``--alone``
can show what each family labels, right and wrong, on how many events and pages.

The hand-tuned numbers below are explained where they are set.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .article import Article
from .lazyre import LazyRe
from .limits import MAX_BLOCK_CHARS, cut_points
from .linerules import (
    _BYLINE_BY,
    _CAPTION_PHRASE,
    _DASH_AGENCY,
    _MONTH_RE,
    _TERMINAL,
    _TITLE_AFTER_LABEL,
    _TS_MONTHS,
    AGENCIES,
    _credit_inside,
    _is_job_line,
    _is_name_line,
    _near,
    _norm,
    _short,
    _title_like,
    _unmark,
    line_furniture,
)
from .sentences import split_sentences
from .tokens import content_keys

__all__ = ["AGENCIES", "BOILERPLATE", "CONTENT", "Block", "Page", "Span", "clean", "segment_blocks",
           "story_vocabulary"]

CONTENT = "content"
BOILERPLATE = "boilerplate"


class Span(NamedTuple):
    """A sentence inside a block: ``block.text[start:end] == text``."""

    start: int
    end: int
    text: str


class Block(NamedTuple):
    index: int
    line: int  # first 1-based line in the source file
    end_line: int  # last 1-based line
    label: str  # CONTENT or BOILERPLATE
    kind: str
    reason: str
    text: str
    sentences: tuple[Span, ...] = ()
    line_starts: tuple[int, ...] = (0,)  # offsets in ``text`` where each source line begins
    rule: str = ""  # the rule family that labelled a boilerplate block (for measuring the rules)

    @property
    def is_content(self) -> bool:
        return self.label == CONTENT

    def line_of(self, offset: int) -> int:
        """The source line holding character ``offset`` of ``text``."""
        n = 0
        for i, start in enumerate(self.line_starts):
            if start <= offset:
                n = i
        return self.line + n


@dataclass
class _Raw:
    line: int
    end_line: int
    text: str
    line_starts: tuple[int, ...]


# ---------------------------------------------------------------------------------------------
# Segmentation into blocks


_LIST_OR_HEADING = LazyRe(r"^\s*(?:[-*+•]\s|\d+[.)]\s|#{1,6}\s|>)")


def _first_word(s: str) -> str:
    parts = s.split()
    return parts[0] if parts else ""


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped file wraps at, or None when paragraphs are one line each.

    A file is wrapped when most lines stop short of 100 columns, as wrapped text does (unwrapped
    prose has paragraphs of several hundred characters on one line), the widest line is at least 40
    columns (nobody wraps narrower), and at least three lines are *full*: followed by another line
    whose first word would not have fitted after them.
    """
    nonempty = [ln.rstrip() for ln in lines if ln.strip()]
    if len(nonempty) < 3:
        return None
    lengths = sorted(len(ln) for ln in nonempty)
    width = lengths[-1]
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    if p90 > 100 or width < 40:
        return None
    full = sum(
        1 for a, b in itertools.pairwise(lines)
        if a.strip() and b.strip() and len(a.rstrip()) + 1 + len(_first_word(b)) > width - 2
    )
    return width if full >= 3 else None


def segment_blocks(text: str, markdown: bool = False) -> list[_Raw]:
    """Split text into blocks: one per line, or per paragraph where lines are hard-wrapped."""
    lines = text.split("\n")
    width = None if markdown else _wrap_width(lines)
    blocks: list[_Raw] = []
    cur: _Raw | None = None
    prev = ""
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            cur = None
            prev = ""
            continue
        joins = False
        if cur is not None:
            if markdown:
                # Markdown: consecutive lines are one paragraph unless a list item, heading or quote
                # starts, or the previous line ends in a hard break.
                joins = not _LIST_OR_HEADING.match(raw) and not prev.endswith(("  ", "\\"))
            elif width is not None:
                # Wrapped text: the previous line continues here when this line's first word would
                # not have fitted on it (the test a wrapping editor applies).
                joins = len(prev.rstrip()) + 1 + len(_first_word(line)) > width - 2
        if joins and cur is not None:
            cur.line_starts = (*cur.line_starts, len(cur.text) + 1)
            cur.text = f"{cur.text} {line}"
            cur.end_line = n
        else:
            cur = _Raw(n, n, line, (0,))
            blocks.append(cur)
        prev = raw
    if any(len(b.text) > MAX_BLOCK_CHARS for b in blocks):
        blocks = [piece for b in blocks for piece in _split_long_block(b)]
    return blocks


def _split_long_block(raw: _Raw) -> list[_Raw]:
    """A block longer than ``limits.MAX_BLOCK_CHARS`` (a page flattened onto one line) as several
    blocks, cut at sentence ends, each keeping the source lines it spans."""
    pieces = cut_points(raw.text, MAX_BLOCK_CHARS)
    if len(pieces) == 1:
        return [raw]
    out = []
    for a, b in pieces:
        first = max(k for k, s in enumerate(raw.line_starts) if s <= a)
        last = max(k for k, s in enumerate(raw.line_starts) if s < b)
        starts = (0, *(s - a for s in raw.line_starts[first + 1 : last + 1]))
        out.append(_Raw(raw.line + first, raw.line + last, raw.text[a:b], starts))
    return out


# ---------------------------------------------------------------------------------------------
# Vocabulary support


def story_vocabulary(texts: Iterable[str]) -> set[str]:
    """Normalised content words of the given texts (see ``tokens.content_keys``)."""
    vocab: set[str] = set()
    for t in texts:
        vocab.update(content_keys(t))
    return vocab


class _Union:
    """Membership in either of two vocabularies, without copying them."""

    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, key: object) -> bool:
        return key in self.a or key in self.b


def _support(text: str, vocab: Container[str]) -> float:
    """Share of a line's content words (numbers aside) that occur in ``vocab``."""
    keys = [k for k in content_keys(text) if not k.replace(".", "").isdigit()]
    if not keys:
        return 0.0
    return sum(1 for k in keys if k in vocab) / len(keys)


# A title-like line counts as unrelated to the story when fewer than half of its content words occur
# anywhere in the story (or, with several articles loaded, in the other outlets' texts). Headlines of
# other stories on the seeds share 0-33% of their words with the story; the story's own crossheads and
# captions share 60-100%.
UNRELATED_BELOW = 0.5
# A run of title-like lines is a list of other stories when it has at least this many lines and most
# of them are unrelated to the story.
RUN_MIN = 3
# How far below the headline bylines may stand (blocks), and the longest list a list heading governs.
TOP_ZONE = 8
HEADED_LIST_MAX = 15


# ---------------------------------------------------------------------------------------------
# The labelling


def section_labels_above_headline(texts: Sequence[str], label: Sequence[tuple[str, str] | None],
                                  support: Callable[[str], float] | None = None) -> list[int]:
    """Short labels before the headline: 'NATION NOW', 'Top News', 'You are here', a site's name.

    At the top of a page, a line of at most three words without a full stop (one word with one) that
    a headline-shaped line of five or more words follows within two blocks is a section label or
    menu entry: headlines are longer than that. Given ``support`` (the share of a line's words the
    story's paragraphs use), a short line in ordinary case must also share few words with the story: a short
    headline ('River floods village') above a standfirst stays; a label in capitals ('DATA BREACH')
    goes, whatever its words.
    """
    out: list[int] = []
    free = [i for i in range(len(texts)) if label[i] is None]
    for k, i in enumerate(free[:4]):
        words = texts[i].split()
        short = len(words) <= 3 and (not _TERMINAL.search(texts[i]) or len(words) == 1)
        if not short:
            break
        ahead = free[k + 1 : k + 3]
        if not any(len(texts[j].split()) >= 5 and _title_like(texts[j]) for j in ahead):
            break
        if support is not None and not texts[i].isupper() and support(texts[i]) >= UNRELATED_BELOW:
            break
        out.append(i)
    return out


# How far apart (in blocks) the two copies of a caption stand: galleries and picture widgets print
# the caption beside the picture and again under it; a story never repeats its own sentence at once.
REPEAT_NEAR = 3


def _dash_agency(text: str) -> bool:
    """'... near Athens. —AFP': an agency after a dash ending the line. Alone it may close a story's
    paragraph; on a line printed twice it marks a caption."""
    m = _DASH_AGENCY.search(text)
    return bool(m) and m.group("agency").strip().casefold() in AGENCIES


def repeated_captions(texts: Sequence[str], dup_of: dict[int, int],
                      label: Sequence[tuple[str, str] | None], bare: Sequence[str]) -> list[tuple[int, int]]:
    """First copies of captions printed twice: ``(copy, first)`` pairs whose first copy is still
    unlabelled, stands at most ``REPEAT_NEAR`` blocks before its copy, and reads as a caption (a
    sentence ending in a full stop, or carrying a credit) rather than a title (a repeated headline or
    crosshead is kept once as it is)."""
    out = []
    for i, j in dup_of.items():
        # Only furniture may stand between the copies: a paragraph between them makes the first copy the
        # story's own (a pasted paragraph repeats later; a caption repeats at once).
        if label[j] is not None or i - j > REPEAT_NEAR or any(label[k] is None for k in range(j + 1, i)):
            continue
        # The same words (one copy may add a credit or a picture label), not merely similar ones.
        if not (bare[i].startswith(bare[j]) or bare[j].startswith(bare[i])):
            continue
        t = texts[j].strip()
        if len(t.split()) > 60:
            continue
        if t.endswith(".") or len(t.split()) > 20 or _credit_inside(t) or _credit_inside(texts[i]) \
                or _dash_agency(t) or _PICTURE_LABEL.match(texts[i].strip()):
            out.append((i, j))
    return out


def caption_neighbours(texts: Sequence[str], kinds: Sequence[str | None],
                       touches_previous: Sequence[bool]) -> list[tuple[int, str]]:
    """Blocks that belong to the captions they touch (no blank line between): a block between two
    captions (a gallery's run of captions), and a short unpunctuated label right above a caption
    (the picture's title, "Lombok quake")."""
    out: list[tuple[int, str]] = []
    n = len(texts)
    for i in range(n):
        if kinds[i] is not None:
            continue
        below = i + 1 < n and touches_previous[i + 1] and kinds[i + 1] == "caption"
        above = i > 0 and touches_previous[i] and kinds[i - 1] == "caption"
        words = len(texts[i].split())
        if below and above and words <= 60:
            out.append((i, "between two captions (a gallery of pictures)"))
        elif below and words <= 5 and not _TERMINAL.search(texts[i]):
            out.append((i, "a picture's title, right above its caption"))
    return out


# How many blocks from the top the first copy of a repeated headline may stand.
HEADLINE_ZONE = 12


def repeated_headline(texts: Sequence[str], label: Sequence[tuple[str, str] | None],
                      dup_of: dict[int, int]) -> int | None:
    """The headline when the page prints it twice near the top (a title and a heading): the first
    copy of a headline-shaped line repeated within the first ``HEADLINE_ZONE`` blocks, above the
    first paragraph. Title-shaped lines above it are then other stories' titles or section labels."""
    # A headline precedes the story: the first copy must stand above the first paragraph.
    first_para = next((k for k, t in enumerate(texts) if label[k] is None and len(t.split()) >= 10
                       and _TERMINAL.search(t)), len(texts))
    # The first copy may have been taken for a video note ("WATCH: ... video" printed three times).
    firsts = sorted(j for i, j in dup_of.items() if j < min(HEADLINE_ZONE, first_para)
                    and (label[j] is None or label[j][0] == "video-note")
                    and _title_like(texts[j]) and len(texts[j].split()) >= 4)
    return firsts[0] if firsts else None


# A lone headline-like line inside the story is a link to another story when at most this share of
# its content words occur in the story (crossheads of the story's own share most of theirs).
LONE_TITLE_BELOW = 0.25


def lone_other_title(text: str, support: float) -> bool:
    """'Father and daughter swept away and killed by avalanche in French Alps', between two paragraphs
    of a story about a resignation: six words or more, shaped like a headline, sharing almost nothing."""
    return len(text.split()) >= 6 and support < LONE_TITLE_BELOW


def _line_blocks(text: str) -> list[_Raw]:
    """One block per non-empty line."""
    return [_Raw(n, n, line.strip(), (0,)) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _adjacent(raws: Sequence[_Raw], i: int, j: int) -> bool:
    """Blocks i and j touch, with no blank line between them."""
    a, b = (raws[i], raws[j]) if i < j else (raws[j], raws[i])
    return b.line == a.end_line + 1


# ---------------------------------------------------------------------------------------------
# The page being labelled, and the rule families that look beyond one line


Label = tuple[str, str, str]  # (kind, reason, rule family) of a boilerplate block


@dataclass
class Page:
    """One article while it is labelled: its blocks, what each has been judged so far, and where the
    story stands. Rule families read and extend it in the order of ``PAGE_RULES``."""

    raws: list[_Raw]
    texts: list[str]  # the blocks' text as the rules read it (Markdown marks removed)
    others: Container[str] = frozenset()  # the other loaded articles' vocabulary
    structure: Sequence[tuple[str, str] | None] | None = None  # a web page's structure labels, by line
    label: list[Label | None] = field(default_factory=list)
    norms: list[str] = field(default_factory=list)
    page_head: int | None = None  # the headline a web page names (its <h1>), or the one found twice
    dup_of: dict[int, int] = field(default_factory=dict)  # a repeated block -> its first copy
    head: int | None = None  # the headline, once found
    first_para: int = 0  # the first paragraph of the story (a sentence of ten words or more)
    _keys: dict[int, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.label = [None] * len(self.raws)
        self.norms = [_norm(t) for t in self.texts]
        self.first_para = len(self.raws)

    @property
    def n(self) -> int:
        return len(self.raws)

    def mark(self, i: int, kind: str, reason: str, rule: str) -> None:
        """Label block ``i`` unless it is labelled already or is a page's own headline."""
        if self.label[i] is None and i != self.page_head:  # a page's <h1> is the story's, whatever follows
            self.label[i] = (kind, reason, rule)

    def keys(self, i: int) -> set[str]:
        """Block ``i``'s content words (``tokens.content_keys``), computed once."""
        keys = self._keys.get(i)
        if keys is None:
            keys = self._keys[i] = set(content_keys(self.texts[i]))
        return keys

    def vocabulary(self, blocks: Iterable[int]) -> set[str]:
        """The content words of the given blocks."""
        vocab: set[str] = set()
        for i in blocks:
            vocab |= self.keys(i)
        return vocab

    def kind(self, i: int) -> str | None:
        lab = self.label[i] if 0 <= i < self.n else None
        return lab[0] if lab is not None else None

    def touches(self, i: int, j: int) -> bool:
        """Blocks i and j touch, with no blank line between them."""
        return _adjacent(self.raws, i, j)

    @cached_property
    def year(self) -> str | None:
        """The latest year of the full dates on the page ("August 6, 2018"): the year of its news."""
        years = [m.group("year") for t in self.texts if _has_year(t) for m in _FULL_DATE.finditer(t)]
        return max(years) if years else None

    def gap(self, i: int) -> int:
        """Source lines from the end of block ``i - 1`` to the start of block ``i`` (1: touching)."""
        return self.raws[i].line - self.raws[i - 1].end_line


def line_labels(p: Page) -> None:
    """What each block says about itself (``linerules``); on a web page, what its place in the page's
    structure says comes first."""
    structure = p.structure
    for i, t in enumerate(p.texts):
        line = p.raws[i].line
        preset = structure[line - 1] if structure is not None and line <= len(structure) else None
        if preset is not None and preset[0] == "@headline":
            p.page_head = i
        elif preset is not None:
            # Structure says where a block stands; its words may name the kind better ("Read more"
            # outside the story is a link heading, not just "other").
            found = line_furniture(t) if preset[0] == "other" else None
            p.label[i] = found or (preset[0], preset[1], "page-structure")
        else:
            p.label[i] = line_furniture(t)


# A full date with its year: "Feb. 6, 2018", "August 6, 2018", "24 July 2018".
_FULL_DATE = LazyRe(rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE},?)"
                    r"\s+(?P<year>(?:19|20)\d{2})\b", re.I)
# Reporting words and quotation marks: a sentence that reports what someone said is the story's.
_REPORTING = LazyRe(r"\b(?:said|says|say|told|tells|according to|reported|reports|added|adds|announced|"
                    r"stated|wrote|writes|insisted|warned)\b|[\"“”«»]", re.I)


def _has_year(text: str) -> bool:
    """A cheap gate before ``_FULL_DATE``: a word that is a year of the news (19xx, 20xx) and a month."""
    if "20" not in text and "19" not in text:
        return False
    words = [w.strip(",.;:()") for w in text.split()]
    return any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in words) \
        and any(w.casefold() in _TS_MONTHS for w in words)


def dated_caption(text: str, year: str | None = None) -> bool:
    """A picture's caption in the wire services' style: it describes what the picture shows and when,
    with the full date and its year ("Rescuers search the rubble in Mataram on August 6, 2018, a day
    after ..."). A story omits the year of recent events, and reports what people said; a line that
    opens with its date is a dateline or a timestamp, not a caption. Given the page's ``year`` (its
    latest), the date must be of that year: a story recalls older events with their full dates."""
    if not _has_year(text):  # cheap gate: most lines hold no year
        return False
    words = text.split()
    if len(words) > 60 or len(words) < 6:
        return False
    m = _FULL_DATE.search(text)
    if m is None or len(text[: m.start()].split()) < 3 or (year is not None and m.group("year") != year):
        return False
    return not _REPORTING.search(text) and len(split_sentences(text)) <= 2


# "Image Amtrak carriages fell...": the label a picture's copy of its caption starts with.
_PICTURE_LABEL = LazyRe(r"^(?:image|photo|picture|video|enlarge|gallery)\s+", re.I)


def repeats(p: Page) -> None:
    """Blocks printed twice: a caption printed with and without its credit (both are the caption),
    a copied line (the later copy is a duplicate), and captions printed twice in a row."""
    first_seen: dict[str, int] = {}
    norms, texts, raws = p.norms, p.texts, p.raws
    # Copies are compared without a leading "Image"/"Photo" label that one copy carries.
    bare = [_PICTURE_LABEL.sub("", x) for x in norms]
    for i in range(p.n):
        dup = first_seen.get(norms[i])
        if dup is None:
            first_seen[norms[i]] = i
            # A near repeat within a few blocks: a caption printed with and without its credit.
            for j in range(max(0, i - 4), i):
                a, b = bare[j], bare[i]
                if min(len(a), len(b)) < 12:
                    continue
                # A copy that adds or drops a credit keeps most of the text: a short line that only
                # begins a long paragraph ("Lupita Nyong'o" / "Lupita Nyong'o's dress was...") is not one.
                prefix = (b.startswith(a) or a.startswith(b)) and min(len(a), len(b)) >= 0.5 * max(len(a), len(b))
                if prefix or _near(a, b):
                    dup = j
                    break
        if dup is None or i == p.page_head:  # a page's headline is the story's, however often printed
            continue
        p.dup_of[i] = dup
        credit = _credit_inside(texts[i]) or _credit_inside(texts[dup]) if norms[i] != norms[dup] else None
        if credit:  # the copy that carries a credit shows both copies are a caption
            p.label[dup] = p.label[dup] or (
                "caption", f"caption, printed again with a credit on line {raws[i].line}", "repeats")
            p.mark(i, "caption", f"repeats line {raws[dup].line} with photo credit '{credit}'", "repeats")
        else:
            p.mark(i, "duplicate", f"repeats line {raws[dup].line}", "repeats")
    for i, j in repeated_captions(texts, p.dup_of, p.label, bare):
        p.label[j] = ("caption", f"a sentence printed twice in a row (again on line {raws[i].line}): "
                                 "a picture's caption", "repeated_captions")


def headed_lists(p: Page) -> None:
    """Lists under a heading such as "Related" or "Topics": the short lines that follow it."""
    for i in range(p.n):
        lab = p.label[i]
        if lab is not None and lab[1].startswith("heading of a list"):
            j = i + 1
            while j < p.n and j - i <= HEADED_LIST_MAX and p.gap(j) <= 2:
                if p.label[j] is None:
                    if len(p.texts[j].split()) > 16 or _TERMINAL.search(p.texts[j]):
                        break
                    p.mark(j, "related-links", f"listed under the heading on line {p.raws[i].line}", "headed_lists")
                j += 1


def captions(p: Page) -> None:
    """Captions: touching a credit line, ending in a credit, or worded as one; copies of a caption;
    the blocks a run of captions frames (``caption_neighbours``)."""
    texts, raws, n = p.texts, p.raws, p.n
    for i, t in enumerate(texts):
        if p.label[i] is not None:
            continue
        words = len(t.split())
        # A caption stands right before its credit; after a credit comes the story again (a copy of the
        # caption after it is caught as a repeat).
        nxt = p.label[i + 1] if i + 1 < n else None
        credit_at = i + 1 if nxt is not None and nxt[0] == "credit" and p.touches(i, i + 1) \
            and not nxt[1].startswith("source") else None  # "Source: agencies" credits the text
        if credit_at is not None and words <= 60:
            p.mark(i, "caption", f"caption next to the credit on line {raws[credit_at].line}",
                   "captions:next-to-credit")
            continue
        # (the cheap tests first: on a long block the credit and caption patterns cost the most)
        credit = _credit_inside(t) if i > 0 and words <= 60 else None
        if credit:
            p.mark(i, "caption", f"caption ending in photo credit '{credit}'", "captions:credit-inside")
            continue
        if words <= 45 and _CAPTION_PHRASE.search(t) and len(split_sentences(t)) <= 2:
            p.mark(i, "caption", "describes a picture ('in this image')", "captions:phrase")
            continue
        if dated_caption(t) and dated_caption(t, p.year):
            p.mark(i, "caption", "describes a picture taken on a date given with its year (a caption's "
                                 "dateline)", "captions:dated")
    for i, j in p.dup_of.items():  # copies of a caption are captions too
        if p.kind(i) == "duplicate" and p.kind(j) == "caption":
            p.label[i] = ("caption", f"caption repeated from line {raws[j].line}", "captions")
    for i, reason in caption_neighbours(texts, [p.kind(k) for k in range(n)],
                                        [p.gap(k) == 1 if k else False for k in range(n)]):
        if i != p.page_head:
            p.mark(i, "caption", reason, "caption_neighbours")


def headline(p: Page) -> None:
    """The headline is the first block left (a page's is its <h1>), unless the page prints one twice
    near the top; short section labels above it are the site's. A ``Video:`` line opening the page is
    its headline, not a credit."""
    label, texts = p.label, p.texts
    if p.page_head is not None and label[p.page_head] is not None:
        p.page_head = None
    if p.page_head is None:
        # "Video: Soldier shot five times as he races for the border" opening the page is its headline,
        # though worded like a credit's label (further down, such a line is a link to a gallery).
        top = next((k for k in range(p.n) if label[k] is None or label[k][0] == "credit"), None)
        if top is not None and label[top] is not None and _TITLE_AFTER_LABEL.match(texts[top].strip()):
            label[top] = None
        for i in section_labels_above_headline(texts, label, _own_support(p)):
            p.mark(i, "navigation", "a section label above the headline", "section_labels_above_headline")
        twice = repeated_headline(texts, label, p.dup_of)
        if twice is not None:
            label[twice] = None
            p.page_head = twice
            for i in range(twice):
                if label[i] is None:
                    kind_above = "related-links" if _title_like(texts[i]) else "navigation"
                    p.mark(i, kind_above, f"above the headline on line {p.raws[twice].line}, which the page "
                                          "prints twice", "repeated_headline")
        for i in unrelated_labels_above_headline(p):
            p.mark(i, "navigation", "a short label above the headline that shares few words with the story",
                   "unrelated_labels_above_headline")
    p.head = p.page_head if p.page_head is not None else next((i for i in range(p.n) if label[i] is None), None)
    p.first_para = next(
        (i for i in range(p.n) if label[i] is None and i != p.head and len(texts[i].split()) >= 10
         and _TERMINAL.search(texts[i])),
        p.n,
    )


def _own_support(p: Page) -> Callable[[str], float]:
    """The share of a line's words that the article's own paragraphs use, gathering their words on
    first use. Short lines and the other articles' words are left out: they include the pages'
    furniture ('News', 'Watch')."""
    vocab: list[Container[str]] = []

    def support(text: str) -> float:
        if not vocab:
            vocab.append(p.vocabulary(i for i in range(p.n) if p.label[i] is None and _is_paragraph(p.texts[i])))
        return _support(text, vocab[0])

    return support


def _is_paragraph(text: str) -> bool:
    """A sentence of ten words or more: the story's paragraphs are."""
    return len(text.split()) >= 10 and bool(_TERMINAL.search(text))


def unrelated_labels_above_headline(p: Page) -> list[int]:
    """Short lines opening the page that share few words with the story ('Directory of sites', 'World
    News'), when a headline-shaped line about the story follows before the first paragraph: the
    headline is the first line about the story, not the site's label above it."""
    free = [i for i in range(p.n) if p.label[i] is None]
    first_para = next((i for i in free if _is_paragraph(p.texts[i])), p.n)
    top = [i for i in free if i < first_para]
    if len(top) < 2 or len(p.texts[top[0]].split()) > LABEL_MAX_WORDS or _TERMINAL.search(p.texts[top[0]]):
        return []  # the page opens with a line too long for a label: no vocabulary needed
    vocab = _Union(p.vocabulary(i for i in free if i >= first_para), p.others)
    out: list[int] = []
    for k, i in enumerate(top[:4]):
        t = p.texts[i]
        if len(t.split()) > LABEL_MAX_WORDS or _TERMINAL.search(t) or _support(t, vocab) >= UNRELATED_BELOW:
            break
        if not any(len(p.texts[j].split()) >= 3 and _title_like(p.texts[j])
                   and _support(p.texts[j], vocab) >= UNRELATED_BELOW for j in top[k + 1 :]):
            break
        out.append(i)
    return out


def bylines_near_top(p: Page) -> None:
    """Bylines sit between the headline and the first paragraph: 'By ...', a job title, a name."""
    if p.head is None:
        return
    for i in range(p.head + 1, min(p.first_para, p.head + 1 + TOP_ZONE)):
        if p.label[i] is not None:
            continue
        t = p.texts[i].strip()
        if _BYLINE_BY.match(t) and len(t.split()) <= 16:
            p.mark(i, "byline", "byline ('By ...') near the top", "bylines_near_top")
        elif _is_job_line(t):
            p.mark(i, "byline", f"author's job title '{_short(t)}' near the top", "bylines_near_top")
        elif _is_name_line(t):
            p.mark(i, "byline", f"author's name '{_short(t)}' near the top", "bylines_near_top")


# The furniture after which, above the story, a headline-shaped line is a picture's or video's title.
_BYLINE_KINDS = frozenset({"byline", "timestamp"})


def top_matter_titles(p: Page) -> None:
    """Between the headline and the first paragraph, a headline-shaped line that comes after the
    byline or the date is the title of the picture or video the page shows next to the story: the
    story's own standfirst stands above them, right under the headline. A line that the next one
    continues (a hard-wrapped paragraph whose wrapping went unseen) is not a title."""
    # Only under a headline that reads as one: when the line taken for the headline is the site's
    # (a list of tags, a label), the headline-shaped line below it is the real one.
    if p.head is None or len(p.texts[p.head].split()) < 4 or not _title_like(p.texts[p.head]):
        return
    after_byline = False
    for i in range(p.head + 1, p.first_para):
        if p.label[i] is not None:
            after_byline = after_byline or p.label[i][0] in _BYLINE_KINDS
            continue
        t = p.texts[i]
        continued = i + 1 < p.n and p.touches(i, i + 1) and p.texts[i + 1][:1].islower()
        if after_byline and 5 <= len(t.split()) <= 25 and _title_like(t) and not _TERMINAL.search(t) \
                and not continued:
            p.mark(i, "caption", "a picture's or video's title between the byline or date and the story",
                   "top_matter_titles")


def unrelated_titles(p: Page) -> None:
    """Runs of short title-like lines that share no vocabulary with the story are lists of other
    stories; so is a lone one inside the story that shares almost nothing with it."""
    label, texts, n, head = p.label, p.texts, p.n, p.head
    run_ok = [label[i] is None and i != head and _title_like(texts[i]) for i in range(n)]
    runs: list[list[int]] = []
    i = 0
    while i < n:
        if run_ok[i]:
            j = i
            while j + 1 < n and run_ok[j + 1] and p.gap(j + 1) <= 2:
                j += 1
            runs.append(list(range(i, j + 1)))
            i = j + 1
        else:
            i += 1
    if not runs:
        return
    in_runs = {k for r in runs for k in r}
    vocab = _Union(p.vocabulary(k for k in range(n) if label[k] is None and k not in in_runs), p.others)
    for run in runs:
        support = {k: _support(texts[k], vocab) for k in run}
        unrelated = [k for k in run if support[k] < UNRELATED_BELOW]
        if len(run) >= RUN_MIN and 2 * len(unrelated) > len(run) and not _introduced_list(p, run[0], vocab):
            for k in run:
                p.mark(k, "related-links", f"one of {len(run)} short headline-like lines unrelated to the story",
                       "unrelated_titles")
        elif len(run) == 1 and run[0] > p.first_para and lone_other_title(texts[run[0]], support[run[0]]) \
                and not _list_item_among_items(p, run[0]):
            p.mark(run[0], "related-links", "a headline-like line inside the story that shares almost no "
                                            "words with it (a link to another story)", "unrelated_titles")


# A line that ends announcing a list: "Early symptoms include:", "... include…".
_LIST_INTRO = LazyRe(r"(?::|…|\.\.\.|\binclude)\s*$", re.I)


def _introduced_list(p: Page, first: int, vocab: Container[str]) -> bool:
    """The run starting at block ``first`` is a list the story announces: the line before it is the
    story's own (unlabelled, about the story) and ends announcing a list ("Symptoms include:")."""
    i = first - 1
    while i >= 0 and p.label[i] is not None and p.label[i][2] == "unrelated_titles":
        i -= 1
    if i < 0 or p.label[i] is not None or p.gap(first) > 2:
        return False
    t = p.texts[i]
    return bool(_LIST_INTRO.search(t)) and _support(t, vocab) >= UNRELATED_BELOW


_ITEM_MARK = LazyRe(r"^\s*(?:[-*•·–—]+|\d{1,2}[.)]|>+)\s")


def _list_item_among_items(p: Page, i: int) -> bool:
    """Block ``i`` is an item of a list the story keeps: it opens with a list mark ('•', '-', '1.'),
    and a touching neighbour opens with the same mark and is the story's."""
    m = _ITEM_MARK.match(p.texts[i])
    if m is None:
        return False
    mark = m.group().strip()
    for j in (i - 1, i + 1):
        if 0 <= j < p.n and p.label[j] is None and abs(p.raws[max(i, j)].line - p.raws[min(i, j)].end_line) <= 2:
            mj = _ITEM_MARK.match(p.texts[j])
            if mj is not None and mj.group().strip() == mark:
                return True
    return False


# Labels of page controls: a short line between two of them belongs to the same widget.
_CONTROLS = frozenset({"navigation", "video-note", "call-to-action", "timestamp"})


def between_controls(p: Page) -> None:
    """A short unpunctuated line between two page controls belongs to the widget they frame (the
    title of a video player between "JUST WATCHED" and "Replay")."""
    for i in range(1, p.n - 1):
        if p.label[i] is None and i != p.head and len(p.texts[i].split()) <= 15 and not _TERMINAL.search(p.texts[i]) \
                and p.kind(i - 1) in _CONTROLS and p.kind(i + 1) in _CONTROLS and p.gap(i) <= 2 and p.gap(i + 1) <= 2:
            p.mark(i, "navigation", "a title between page controls (a player's or widget's label)", "between_controls")


# Labels of at most this many words are judged by whether they share words with the story.
LABEL_MAX_WORDS = 4


def unsupported_labels(p: Page) -> None:
    """Outside the story (above its first paragraph or below its last), a short label that shares
    few words with the story is the site's: a menu entry or section name ('World News', 'Directory of
    sites'), a widget's heading ('Author'), a score ('0 : 0'). Fewer than half of its words occur in
    the story: its paragraphs and headline, and the other loaded articles. Inside the story such a
    line is a crosshead ('What the video shows') and stays."""
    paras = [i for i in range(p.n) if p.label[i] is None and (i == p.head or len(p.texts[i].split()) >= 8
                                                                or _TERMINAL.search(p.texts[i]))]
    body = [i for i in paras if i != p.head and len(p.texts[i].split()) >= 10]
    first, last = (body[0], body[-1]) if body else (p.n, -1)
    cand = [i for i in range(p.n) if p.label[i] is None and i != p.head and not first < i < last
            and len(p.texts[i].split()) <= LABEL_MAX_WORDS and not _TERMINAL.search(p.texts[i])]
    vocab: Container[str] | None = None  # the story's words, gathered only when a candidate needs them
    for i in cand:
        t = p.texts[i]
        if not any(c.isalpha() for c in t):
            p.mark(i, "navigation", "figures without words (a score or a counter)", "unsupported_labels")
            continue
        if not any(not k.replace(".", "").isdigit() for k in content_keys(t)):
            continue
        if vocab is None:
            vocab = _Union(p.vocabulary(paras), p.others)
        if _support(t, vocab) < UNRELATED_BELOW:
            p.mark(i, "navigation", "a short label that shares few words with the story (the site's menu or a "
                                    "widget's heading)", "unsupported_labels")


# The page-level families, in order: each sees what the ones before it decided.
PAGE_RULES: tuple[Callable[[Page], None], ...] = (
    line_labels, repeats, headed_lists, captions, headline, bylines_near_top, top_matter_titles, unrelated_titles,
    between_controls, unsupported_labels,
)


def clean(
    article: Article | str, others: Container[str] = frozenset(), markdown: bool | None = None
) -> list[Block]:
    """Label every block of ``article``.

    ``others`` is the vocabulary (``tokens.content_keys``) of the other loaded articles: words they
    use count as the story's when deciding whether a short line is about the story.
    """
    structure = None
    if isinstance(article, Article):
        text = article.text
        if markdown is None:
            markdown = article.format == "markdown" or article.path.suffix.lower() == ".md"
        structure = article.structure
    else:
        text = article
    # A page's text is one block per line already (core/html.py); its structure labels come first.
    raws = _line_blocks(text) if structure is not None else segment_blocks(text, bool(markdown))
    # Rules read the text without Markdown's heading, emphasis and list markers.
    texts = [_unmark(r.text) if markdown else r.text for r in raws]
    page = Page(raws, texts, others, structure)
    for rule in PAGE_RULES:
        rule(page)
    return _blocks(page, bool(markdown))


# A Markdown block's leading marker (heading, quote or list item): part of the block's text, shown
# as written, but not of its sentence, so that "# Ferry sinks" is headlined and diffed as "Ferry sinks".
_MD_LEAD = LazyRe(r"(?:#{1,6}[ \t]+|>[ \t]*|[-*+][ \t]+|\d{1,3}[.)][ \t]+)(?=\S)")


def _blocks(p: Page, markdown: bool = False) -> list[Block]:
    """Everything not labelled boilerplate is the story: the headline, then body blocks split into
    sentences (in Markdown, after the block's leading marker)."""
    blocks: list[Block] = []
    for i, r in enumerate(p.raws):
        lab = p.label[i]
        if lab is not None:
            k, reason, rule = lab
            blocks.append(Block(i, r.line, r.end_line, BOILERPLATE, k, reason, r.text, (), r.line_starts, rule))
            continue
        lead = m.end() if markdown and (m := _MD_LEAD.match(r.text)) else 0
        if i == p.head and len(r.text.split()) <= 30:
            spans = (Span(lead, len(r.text), r.text[lead:]),)
            blocks.append(Block(i, r.line, r.end_line, CONTENT, "headline", "first line of the story", r.text,
                                spans, r.line_starts))
        else:
            spans = tuple(Span(a + lead, b + lead, r.text[a + lead:b + lead])
                          for a, b in split_sentences(r.text[lead:]))
            blocks.append(Block(i, r.line, r.end_line, CONTENT, "body", "part of the story", r.text, spans,
                                r.line_starts))
    return blocks
