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

The hand-tuned numbers below are explained where they are set.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .article import Article
from .sentences import split_sentences
from .tokens import content_keys, fold

__all__ = ["BOILERPLATE", "CONTENT", "Block", "Span", "clean", "segment_blocks", "story_vocabulary"]

CONTENT = "content"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence inside a block: ``block.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    index: int
    line: int  # first 1-based line in the source file
    end_line: int  # last 1-based line
    label: str  # CONTENT or BOILERPLATE
    kind: str
    reason: str
    text: str
    sentences: tuple[Span, ...] = ()
    line_starts: tuple[int, ...] = (0,)  # offsets in ``text`` where each source line begins

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


_LIST_OR_HEADING = re.compile(r"^\s*(?:[-*+•]\s|\d+[.)]\s|#{1,6}\s|>)")


def _first_word(s: str) -> str:
    parts = s.split()
    return parts[0] if parts else ""


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped file wraps at, or None when paragraphs are one line each.

    A file is wrapped when at least a quarter of its non-empty lines are followed by another
    non-empty line and most lines stop short of 100 columns, as wrapped text does (unwrapped prose
    has paragraphs of several hundred characters on one line).
    """
    nonempty = [ln.rstrip() for ln in lines if ln.strip()]
    if len(nonempty) < 4:
        return None
    follow = sum(1 for a, b in itertools.pairwise(lines) if a.strip() and b.strip())
    lengths = sorted(len(ln) for ln in nonempty)
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    if follow < 0.25 * len(nonempty) or p90 > 100:
        return None
    return max(lengths)


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
    return blocks


# ---------------------------------------------------------------------------------------------
# Evidence


# Picture agencies and wire services as they appear in credits.
_AGENCIES = (
    r"AP|Associated Press|Reuters|AFP|Getty(?: Images)?|EPA(?:-EFE)?|PA(?: Wire| Media)?|Rex(?: Features)?|"
    r"Shutterstock|Alamy|Bloomberg|Xinhua|Yonhap|Kyodo|ANSA|dpa|Anadolu|NurPhoto|SOPA|Sipa|Polaris|"
    r"ZUMA(?: Wire| Press)?|UPI|TASS|KCNA|KNS|Newsis|Handout|Pool|iStock(?:photo)?|Corbis|Splash(?: News)?|"
    r"Backgrid|Mirrorpix|Press Association|SWNS|Solent|WENN|Instagram|Twitter|Facebook|YouTube|"
    r"Supplied|File|Screengrab|Screenshot"
)
_AGENCY_RE = re.compile(rf"\b(?:{_AGENCIES})\b")
_AGENCY_ONLY = re.compile(rf"^(?:{_AGENCIES})(?:\s*(?:/|via|and|,)\s*(?:{_AGENCIES}))*$", re.I)
# "Credit: AP", "Photo: Jane Doe/Reuters", "Picture by ...", "Image courtesy of ...".
_CREDIT_LABEL = re.compile(
    r"(?:^|\s)(?P<credit>(?:photo(?:graph)?|picture|pic|image|images|featured image|illustration|graphic|"
    r"video|footage|credit|credits|source)s?\s*(?::|by\b|courtesy\b|via\b|©)\s*\S.*)$",
    re.I,
)
_CREDIT_WORDS = re.compile(rf"(?:\bvia\s+(?:{_AGENCIES})\b|/\s*(?:{_AGENCIES})\b|\b(?:{_AGENCIES})\s*/|©)")
# "X via Y": an attribution line made of names only.
_VIA_LINE = re.compile(r"^[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*|\s+(?:of|the|and|for)){0,7}\s+via\s+"
                       r"[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}$")
_TRAILING_PAREN = re.compile(r"\((?P<inner>[^()]{1,40})\)\s*$")

# Lines about the page itself.
_ARCHIVE = re.compile(
    r"\b(?:part of|from|in) (?:the|our) (?:online |digital )?archives?\b|"
    r"\barchived? (?:article|story|page|content|version)\b|"
    r"\b(?:article|story|page|content) (?:is|has been) archived\b|"
    r"\bsite features (?:have been|are) disabled\b|"
    r"\bthis (?:article|story|page) is (?:more|over) than \w+ (?:years?|months?) old\b|"
    r"\b(?:no longer|not) (?:being )?(?:updated|maintained)\b",
    re.I,
)
_PROVENANCE = re.compile(
    r"^(?:this|the) (?:article|story|piece|report) (?:was |has been )?(?:first |originally )?"
    r"(?:appeared|published|republished|reprinted) (?:on|in|by|with)\b|"
    r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b",
    re.I,
)
_CTA = re.compile(
    r"^(?:leave|post|add|write|view|read|show|load|see|hide|join|jump to)\b.{0,25}"
    r"\b(?:comments?|replies|reactions|discussion|conversation)\b|"
    r"^\d+\s+comments?$|^comments?\s*(?:\(\d+\))?$|"
    r"\b(?:licen[cs]e|reprint|republish|syndicate|buy)\b.{0,20}\b(?:this|our)\b.{0,12}"
    r"\b(?:content|article|story|photo|image|picture)s?\b|"
    r"^(?:share|email|tweet|pin|print|save)(?: this| it)?(?: (?:article|story|page|on \w+|via \w+))?\s*$|"
    r"\b(?:sign up|subscribe)\b.{0,40}\b(?:newsletter|updates|alerts|email|today|now|for)\b|"
    r"\bnewsletter\b|\bfollow (?:us|\w+(?: \w+){0,2}) on (?:twitter|facebook|instagram|x|tiktok|youtube)\b|"
    r"\bclick here\b|\bdownload (?:the|our) app\b|\bsupport (?:our|independent) journalism\b|"
    r"\bif you have (?:any )?questions or concerns\b|\bcontact (?:us|support)\b|"
    r"\b(?:got|have) a (?:story|news) tip\b|\bwe want to hear from you\b|"
    r"\bto continue reading\b|\balready a subscriber\b|\bcookies?\b.{0,30}\b(?:accept|consent|policy)\b",
    re.I,
)
_NAVIGATION = {
    "close", "open", "next", "previous", "prev", "menu", "home", "back", "back to top", "skip to content",
    "skip to main content", "advertisement", "advert", "ad", "sponsored", "share", "tweet", "email", "print",
    "more", "see more", "show more", "load more", "expand", "collapse", "search", "log in", "login",
    "sign in", "register", "image", "photo", "video", "gallery", "enlarge", "play", "pause", "mute",
    "unmute", "replay", "hide caption", "toggle caption", "show caption", "caption", "full screen",
    "fullscreen", "view gallery", "view image", "continue reading", "top", "x", "×", "•", "|", "…",
}
# Headings that introduce a list of other stories.
_RELATED_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|stories|content|coverage|links|news))?|read more|more (?:stories|news|"
    r"from|on|in)\b.*|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|recommended"
    r"(?: for you| stories)?|you (?:may|might) (?:also )?like|up next|also read|see also|top stories|"
    r"latest(?: news| stories)?|editor'?s picks?|in other news)\s*:?$",
    re.I,
)
_RELATED_PREFIX = re.compile(r"^(?:related|read more|see also|also read|read also|more on this|recommended)"
                             r"\s*[:|»›-]\s*\S", re.I)
# Instructions for playing a video, or notes about one, addressed to the viewer.
_VIDEO_NOTE = re.compile(
    r"\b(?:drag|skip|scroll|fast[- ]?forward|jump|rewind|go|move|head|forward)\b(?:\s+\w+){0,3}\s+to\s+"
    r"\d{1,2}[.:]\d{2}\b|"
    r"\b(?:at|from|after|around|until)\s+(?:the\s+)?\d{1,2}[.:]\d{2}\s*(?:mark|minute|min|seconds?)?\b"
    r".{0,40}\b(?:video|clip|footage|mark)\b|"
    r"\b(?:video|clip|player|footage)\s+(?:above|below)\b|\b(?:watch|see|play)\s+(?:the\s+)?"
    r"(?:video|clip|footage)\s+(?:above|below|here)\b|"
    r"\bvideo (?:will|may|might|should) (?:play|load|autoplay|start)\b|"
    r"\b(?:this|the) video (?:is|was) (?:not|no longer|un)\s*available\b|\bautoplay\b|"
    r"\b(?:enable|turn on) javascript\b|\bbrowser (?:does not|doesn't) support\b",
    re.I,
)
_CAPTION_PHRASE = re.compile(
    r"\b(?:in this (?:undated |handout |file |\w+ )?(?:image|photo|photograph|picture|still|screen ?grab|"
    r"frame|file photo)|pictured\b|\(pictured\)|file photo|photo taken|image taken from|"
    r"(?:still|screengrab|screen grab|frame) (?:taken )?from (?:a |the )?video|seen here|"
    r"\((?:left|right|centre|center|top|bottom|l|r|c|above|below|inset)\))",
    re.I,
)
_TIMESTAMP = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|modified)\b[:\s]*.{0,60}|"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"\d{4}(?:\s*[,•|·-]?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4})?)?|"
    r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[A-Z]{2,4})?(?:,\s*\d{1,2}\s+\w+\s+\d{4})?|"
    r"\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}.*)?|"
    r"\d+\s+min(?:ute)?s?\s+read|reading time:?.{0,20})$",
    re.I,
)
_BYLINE_BY = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+[A-Z]", re.I)
_JOB_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|journalist|contributor|columnist|staff|producer|analyst|"
    r"bureau|freelance|freelancer|presenter|anchor|photographer|author|news desk|newsdesk|intern|"
    r"commentator|critic|blogger|contributing|senior|chief|deputy|associate)\b",
    re.I,
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zà-ÿ’'-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|de|van|von|da|al|bin|del|la|le)$"
)
_TERMINAL = re.compile(r"[.!?…]['\"’”)\]]*\s*$")
_EMAIL_OR_URL = re.compile(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)$", re.I)
_MD_LINK_ITEM = re.compile(r"^(?:[-*+•]\s*)?\[[^\]]+\]\([^)]+\)\s*$")


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def _initials_match(inner: str, before: str) -> bool:
    """``Military Demarcation Line (MDL)``: the parenthesis spells the initials of the words before."""
    letters = re.sub(r"[^A-Za-z]", "", inner)
    if not (2 <= len(letters) <= 8 and letters.isupper()):
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", before)[-len(letters) * 2 :]).upper()
    return letters in initials


def _credit_inside(text: str) -> str | None:
    """The credit a caption carries, if any ('Credit: AP', 'Photo by X', 'Jane Doe/Reuters')."""
    m = _CREDIT_LABEL.search(text)
    # A credit is short, capitalised ("Credit: AP", "Photo by ...") and never ends a sentence.
    if m and len(m.group("credit").split()) <= 8 and m.group("credit")[0].isupper() \
            and not _TERMINAL.search(m.group("credit")):
        return m.group("credit").strip()
    m = _TRAILING_PAREN.search(text)
    if m and _is_credit_name(m.group("inner")) and not _initials_match(m.group("inner"), text[: m.start()]):
        return f"({m.group('inner')})"
    return None


def _is_credit_name(inner: str) -> bool:
    """A short parenthesised attribution: an agency, or up to three capitalised name words."""
    inner = inner.strip()
    if _AGENCY_ONLY.match(inner) or _CREDIT_WORDS.search(inner):
        return True
    toks = inner.replace("/", " ").split()
    return 1 <= len(toks) <= 3 and all(t[0].isupper() for t in toks) and not any(c.isdigit() for c in inner)


def _is_credit_line(text: str) -> str | None:
    """A whole block that is a credit; returns a description for the reason."""
    t = text.strip().strip("[]").strip()
    if not t or (_TERMINAL.search(t) and not t.endswith(("Inc.", "Ltd.", "Co."))):
        return None
    words = t.split()
    if len(words) > 12:
        return None
    if _AGENCY_ONLY.match(t):
        return f"agency credit '{t}'"
    if _CREDIT_LABEL.match(t):
        return f"photo credit '{t}'"
    if _VIA_LINE.match(t):
        return f"picture attribution '{t}'"
    if _CREDIT_WORDS.search(t) and len(words) <= 8:
        return f"photo credit '{t}'"
    return None


def _is_name_line(text: str) -> bool:
    toks = text.replace(",", " ").split()
    if toks and toks[0].lower() == "by":
        toks = toks[1:]
    if not 2 <= len(toks) <= 4:
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and sum(t[0].isupper() for t in toks) >= 2


def _title_like(text: str) -> bool:
    """Shaped like a headline: 3-20 words, no sentence-final full stop."""
    n = len(text.split())
    return 3 <= n <= 20 and not text.rstrip().endswith((".", ":", ";", ","))


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

    def __init__(self, a: Collection[str], b: Collection[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, key: object) -> bool:
        return key in self.a or key in self.b


def _support(text: str, vocab: Collection[str] | _Union) -> float:
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


# ---------------------------------------------------------------------------------------------
# The labelling


def clean(
    article: Article | str, others: Collection[str] = frozenset(), markdown: bool | None = None
) -> list[Block]:
    """Label every block of ``article``.

    ``others`` is the vocabulary (``tokens.content_keys``) of the other loaded articles: words they
    use count as the story's when deciding whether a short line is about the story.
    """
    if isinstance(article, Article):
        text = article.text
        if markdown is None:
            markdown = article.path.suffix.lower() == ".md"
    else:
        text = article
    raws = segment_blocks(text, bool(markdown))
    n = len(raws)
    label: list[tuple[str, str] | None] = [None] * n  # (kind, reason) when boilerplate
    texts = [r.text for r in raws]
    norms = [_norm(t) for t in texts]

    def mark(i: int, kind: str, reason: str) -> None:
        if label[i] is None:
            label[i] = (kind, reason)

    # 1. What a block says about itself.
    for i, t in enumerate(texts):
        low = norms[i].strip(" .:!»›>|-")
        if _ARCHIVE.search(t):
            mark(i, "archive-notice", "archive notice about the page, not the story")
        elif _PROVENANCE.search(t) and len(t.split()) <= 40:
            mark(i, "notice", "publication or copyright notice")
        elif low in _NAVIGATION or _EMAIL_OR_URL.match(t.strip()):
            mark(i, "navigation", f"page control '{t.strip()}'")
        elif _RELATED_HEADING.match(t.strip()):
            mark(i, "navigation", "heading of a list of other stories")
        elif _CTA.search(t) and len(t.split()) <= 40:
            mark(i, "call-to-action", f"prompt to the reader: '{_short(t)}'")
        elif _VIDEO_NOTE.search(t) and len(t.split()) <= 40:
            mark(i, "video-note", "note about playing the video")
        elif (credit := _is_credit_line(t)) is not None:
            mark(i, "credit", credit)
        elif _MD_LINK_ITEM.match(t):
            mark(i, "related-links", "a link on its own line")
        elif _RELATED_PREFIX.match(t):
            mark(i, "related-links", "link to another story")
        elif _TIMESTAMP.match(t.strip()) and len(t.split()) <= 12:
            mark(i, "timestamp", "publication date or time")

    # 2. Repeats: captions printed twice (once with a credit), headlines repeated, copied lines.
    first_seen: dict[str, int] = {}
    dup_of: dict[int, int] = {}
    for i in range(n):
        dup = first_seen.get(norms[i])
        if dup is None:
            first_seen[norms[i]] = i
            # near repeats within a short window: a caption with and without its credit
            for j in range(max(0, i - 4), i):
                a, b = norms[j], norms[i]
                if min(len(a), len(b)) < 12:
                    continue
                if b.startswith(a) or a.startswith(b) or fuzz.ratio(a, b, score_cutoff=90):
                    dup = j
                    break
        if dup is None or dup == i:
            continue
        dup_of[i] = dup
        # The copy that carries a credit marks both copies as a caption.
        credit = None
        if norms[i] != norms[dup]:
            credit = _credit_inside(texts[i]) or _credit_inside(texts[dup])
        if credit:
            label[dup] = label[dup] or ("caption", f"caption, printed again with a credit on line {raws[i].line}")
            label[i] = label[i] or ("caption", f"repeats line {raws[dup].line} with photo credit '{credit}'")
        elif label[dup] is not None and label[dup][0] in ("caption", "credit"):
            mark(i, "caption", f"caption repeated from line {raws[dup].line}")
        else:
            mark(i, "duplicate", f"repeats line {raws[dup].line}")

    # 3. Captions: next to a credit line, ending in a credit, or worded as one.
    for i, t in enumerate(texts):
        if label[i] is not None:
            continue
        words = len(t.split())
        nxt = i + 1 < n and raws[i + 1].line == raws[i].end_line + 1 and label[i + 1] is not None \
            and label[i + 1][0] == "credit"
        prv = i > 0 and raws[i - 1].end_line == raws[i].line - 1 and label[i - 1] is not None \
            and label[i - 1][0] == "credit"
        if (nxt or prv) and words <= 60:
            mark(i, "caption", f"caption next to the credit on line {raws[i + 1 if nxt else i - 1].line}")
            continue
        credit = _credit_inside(t)
        if credit and i > 0 and words <= 50 and not _TERMINAL.search(t[: t.rfind(credit)] if credit in t else t):
            mark(i, "caption", f"caption ending in photo credit '{credit}'")
            continue
        if _CAPTION_PHRASE.search(t) and words <= 45 and len(split_sentences(t)) <= 2:
            mark(i, "caption", "describes a picture ('in this image', 'pictured')")

    # Copies of a caption are captions too.
    for i, j in dup_of.items():
        if label[i] is not None and label[i][0] == "duplicate" and label[j] is not None \
                and label[j][0] == "caption":
            label[i] = ("caption", f"caption repeated from line {raws[j].line}")

    # 4. The headline is the first block left; bylines sit between it and the first paragraph.
    head = next((i for i in range(n) if label[i] is None), None)
    first_para = next(
        (i for i in range(n) if label[i] is None and i != head and len(texts[i].split()) >= 10
         and _TERMINAL.search(texts[i])),
        n,
    )
    if head is not None:
        for i in range(head + 1, min(first_para, head + 9)):
            if label[i] is not None:
                continue
            t = texts[i].strip()
            words = len(t.split())
            if _BYLINE_BY.match(t) and words <= 16:
                mark(i, "byline", "byline ('By ...') near the top")
            elif words <= 6 and _JOB_WORDS.search(t) and not _TERMINAL.search(t):
                mark(i, "byline", f"author's job title '{t}' near the top")
            elif _is_name_line(t):
                mark(i, "byline", f"author's name '{t}' near the top")

    # 5. Runs of short title-like lines that share no vocabulary with the story: other stories.
    run_ok = [label[i] is None and i != head and _title_like(texts[i]) for i in range(n)]
    runs: list[list[int]] = []
    i = 0
    while i < n:
        if run_ok[i]:
            j = i
            while j + 1 < n and run_ok[j + 1] and raws[j + 1].line - raws[j].end_line <= 2:
                j += 1
            runs.append(list(range(i, j + 1)))
            i = j + 1
        else:
            i += 1
    if runs:
        in_runs = {k for r in runs for k in r}
        body = [texts[k] for k in range(n) if label[k] is None and k not in in_runs and k != head]
        own = story_vocabulary(body)
        vocab = _Union(own, others)
        for run in runs:
            unrelated = [k for k in run if _support(texts[k], vocab) < UNRELATED_BELOW]
            headed = run[0] > 0 and label[run[0] - 1] is not None and label[run[0] - 1][1].startswith("heading")
            if (len(run) >= RUN_MIN or (headed and len(run) >= 2)) and 2 * len(unrelated) > len(run):
                for k in run:
                    mark(k, "related-links", f"one of {len(run)} short headline-like lines unrelated to the story")
            else:
                for k in unrelated:
                    if _support(texts[k], vocab) == 0 and len(texts[k].split()) >= 4:
                        mark(k, "related-links", "headline-like line sharing no words with the story")

    # 6. Everything else is the story.
    blocks: list[Block] = []
    for i, r in enumerate(raws):
        if label[i] is not None:
            kind, reason = label[i]
            blocks.append(Block(i, r.line, r.end_line, BOILERPLATE, kind, reason, r.text, (), r.line_starts))
            continue
        if i == head and len(r.text.split()) <= 30:
            spans = (Span(0, len(r.text), r.text),)
            blocks.append(Block(i, r.line, r.end_line, CONTENT, "headline", "first line of the story", r.text,
                                spans, r.line_starts))
            continue
        spans = tuple(Span(a, b, r.text[a:b]) for a, b in split_sentences(r.text))
        blocks.append(Block(i, r.line, r.end_line, CONTENT, "body", "part of the story", r.text, spans,
                            r.line_starts))
    return blocks


def _short(text: str, limit: int = 40) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"
