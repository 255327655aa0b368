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
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .article import Article
from .lazyre import LazyRe
from .limits import MAX_BLOCK_CHARS, cut_points
from .sentences import split_sentences
from .tokens import content_keys, fold

__all__ = ["BOILERPLATE", "CONTENT", "Block", "Span", "clean", "segment_blocks", "story_vocabulary"]

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
# Evidence


# Picture agencies and wire services as they appear in credits (matched as whole names, any case).
AGENCIES = frozenset(
    n.casefold()
    for n in (
        "AP", "Associated Press", "Reuters", "AFP", "Getty", "Getty Images", "EPA", "EPA-EFE", "PA", "PA Wire",
        "PA Media", "Rex", "Rex Features", "Shutterstock", "Alamy", "Bloomberg", "Xinhua", "Yonhap", "Kyodo",
        "ANSA", "dpa", "Anadolu", "NurPhoto", "SOPA", "Sipa", "Polaris", "ZUMA", "ZUMA Wire", "ZUMA Press", "UPI",
        "TASS", "KCNA", "KNS", "Newsis", "Handout", "Pool", "iStock", "iStockphoto", "Corbis", "Splash",
        "Splash News", "Backgrid", "Mirrorpix", "Press Association", "SWNS", "Solent", "WENN", "Instagram",
        "Twitter", "Facebook", "YouTube", "Supplied", "File", "Screengrab", "Screenshot",
    )
)
_CREDIT_SPLIT = LazyRe(r"\s*(?:/|\bvia\b|\band\b|,)\s*", re.I)


def _agency_only(text: str) -> bool:
    """'AP', 'AFP/Getty Images', 'Reuters via AP': agency names alone."""
    parts = [p for p in _CREDIT_SPLIT.split(text.strip()) if p]
    return bool(parts) and all(p.casefold() in AGENCIES for p in parts)


def _agency_at(s: str, end: bool) -> bool:
    """An agency name (up to three words) at the start of ``s``, or at its end."""
    words = s.split()[-3:] if end else s.split()[:3]
    for k in range(len(words), 0, -1):
        name = " ".join(words[-k:] if end else words[:k])
        if name.casefold().strip(".,;:()") in AGENCIES:
            return True
    return False


def _credit_words(text: str) -> bool:
    """Attribution shapes around an agency name: 'via Reuters', 'Jane Doe/AFP', 'AFP/Getty',
    'AP Photo/Ahn Young-joon', or a © sign."""
    if "©" in text:
        return True
    for m in re.finditer(r"/|\bvia\b", text):
        if _agency_at(text[m.end() :], end=False) or (m.group() == "/" and _agency_at(text[: m.start()], end=True)):
            return True
    return any(_agency_at(text[: m.start()], end=True)
               for m in re.finditer(r"\s(?:Photos?|Images?|Pictures?|Video)\b", text))


# "Credit: AP", "Photograph: Jane Doe/Reuters", "Picture by ...", "Image courtesy of ...",
# "Image source, UN Command".
_CREDIT_LABEL = LazyRe(
    r"(?:^|\s)(?P<credit>(?:photo(?:graph)?|picture|pic|image|images|featured image|illustration|graphic|"
    r"video|footage|credit|credits|source|image source|photo source)s?\s*(?::|,|by\b|courtesy\b|via\b|©)"
    r"\s*\S.*)$",
    re.I,
)
# "Video: Soldier shot five times as he races for the border": a headline that names its medium. A
# credit names one to four people or agencies after the label; a headline says what happened.
_TITLE_AFTER_LABEL = LazyRe(r"^(?:video|footage|watch|pictures?|photos?)\s*:\s*(?:\S+\s+){4,}\S+\s*[?!]?$", re.I)
# "X via Y": an attribution line made of names only.
_VIA_LINE = LazyRe(r"^[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*|\s+(?:of|the|and|for)){0,7}\s+via\s+"
                       r"[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}$")
_TRAILING_PAREN = LazyRe(r"[(\[](?P<inner>[^()\[\]]{1,60})[)\]]\s*$")
# "... near Athens. —AFP", "... in Mati - Reuters": an agency after a dash, ending a caption.
_DASH_AGENCY = LazyRe(r"\s[—–-]+\s*(?P<agency>[A-Za-z][\w .&-]{1,30})\s*$")
# "... January 11, 2018. REUTERS/Rogan Ward", "AP Photo/Lee Jin-man": agency, slash, photographer.
_AGENCY_SLASH = LazyRe(r"(?:^|\s)(?P<credit>(?P<agency>[A-Za-z][\w.&]*(?: [A-Za-z][\w.&]*){0,2})/"
                       r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*$")
# "Image caption, ..." / "Media caption: ..." labels that extraction leaves in front of captions.
_CAPTION_LABEL = LazyRe(r"^(?:image|media|video|photo|picture)\s+caption\s*[,:]", re.I)
_MD_IMAGE = LazyRe(r"^!\[[^\]]*\]\([^)]*\)")

_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_RE_TEXT = _MONTH_RE

# Lines about the page itself rather than the story.
_ARCHIVE = LazyRe(
    r"\bpart of (?:the|our|its) (?:online |digital )?archives?\b|\b(?:from|in) our (?:online |digital )?"
    r"archives?\b|"
    r"\barchived (?:article|story|page|content|version)\b|"
    r"\b(?:article|story|page|content) (?:is|has been) archived\b|"
    r"\bsite features (?:have been|are) disabled\b|"
    r"\bthis (?:article|story|page|content) is (?:more than|over(?: than)?) \w+ (?:years?|months?) old\b|"
    r"\bthis (?:article|story|page|content) (?:is )?(?:no longer|not) (?:being )?(?:updated|maintained)\b",
    re.I,
)
_NOTICE = LazyRe(
    r"^(?:this|the) (?:article|story|piece|report) (?:was |has been )?(?:first |originally )?"
    r"(?:appeared|published|republished|reprinted) (?:on|in|by|with)\b|"
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b|"
    r"\bthis material may not be (?:published|broadcast|rewritten|redistributed)\b|"
    r"\b(?:a version of )?this (?:article|story|report) appear(?:s|ed) in print\b",
    re.I,
)
# Site policies: only on short lines, where they are links or labels rather than reporting.
_POLICY = LazyRe(
    r"\b(?:our|editorial) (?:standards|policies|guidelines)\b|\bterms (?:of|and) (?:use|service|conditions)\b|"
    r"\bprivacy (?:policy|notice)\b|\bcorrections? policy\b|\btrust principles\b|\bwhy you can trust\b|"
    r"\bour (?:journalism|editorial) (?:standards|principles|values)\b",
    re.I,
)
_CTA = LazyRe(
    r"^(?:leave|post|add|write|view|read|show|load|see|hide|join|jump to)\b.{0,25}"
    r"\b(?:comment\w*|replies|reactions|discussions?|conversations?|forums?|community)\b|"
    r"^\d+\s+comments?$|^comments?\s*(?:\(\d+\))?$|"
    r"\b(?:licen[cs]e|reprint|republish|reuse|syndicate|buy)\b.{0,20}\b(?:this|our)\b.{0,12}"
    r"\b(?:content|article|story|photo|image|picture)s?\b|"
    r"^(?:share|email|tweet|pin|print|save|copy)(?: this| it)?(?: (?:article|story|page|link|on \w+|via \w+|"
    r"with \w+))?\s*$|"
    r"\b(?:sign(?:ing)? up|subscrib\w*|register\w*)\b.{0,40}\b(?:newsletters?|updates|alerts|inbox)\b|"
    r"\b(?:enter|type) (?:a |your )?(?:valid )?e-?mail(?: address)?\b|"
    r"\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox)\b|"
    r"\bfollow (?:us|[\w'’-]+(?: [\w'’-]+){0,2}) on (?:twitter|facebook|instagram|x|tiktok|youtube|linkedin)\b|"
    r"^(?:share|comment)\b.{0,20}\b(?:this|the) (?:article|story|post|page)\b|"
    r"\bclick here\b|\bdownload (?:the|our) app\b|\bsupport (?:our|independent) journalism\b|"
    r"\bif you have (?:any )?questions or concerns\b|\bcontact (?:us|support)\b|\bplease check our\b|"
    r"\b(?:got|have) a (?:story|news) tip\b|\bwe want to hear from you\b|"
    r"\bto continue reading\b|\balready a subscriber\b|\bcookies?\b.{0,30}\b(?:accept|consent|policy)\b",
    re.I,
)
# Wire-service credits for reporters and editors, wherever they stand.
_CONTRIBUTORS = LazyRe(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|translated|research|graphics)(?: and \w+)? by"
    r"(?:[\s;,&]+(?:(?-i:[A-Z][\w’'.-]*)|and|in|with|from|by|editing|writing|additional|reporting))+[\s;,.)]*$|"
    r"\bcontributed (?:reporting )?to this (?:report|story|article)\b|"
    r"^(?:contact|email|follow) (?:the )?(?:author|reporter|writer)\b",
    re.I,
)
_NAVIGATION = {
    "close", "open", "next", "previous", "prev", "menu", "home", "back", "back to top", "skip to content",
    "skip to main content", "advertisement", "advert", "ad", "sponsored", "share", "tweet", "email", "print",
    "more", "see more", "show more", "load more", "expand", "collapse", "search", "log in", "login",
    "sign in", "register", "image", "photo", "video", "gallery", "enlarge", "play", "pause", "mute",
    "unmute", "replay", "hide caption", "toggle caption", "show caption", "caption", "full screen",
    "fullscreen", "view gallery", "view image", "continue reading", "top", "x", "×", "copy link",
    "share this", "share on facebook", "share on twitter", "share on whatsapp", "share via email",
    "comments", "comment", "loading", "loading...", "listen", "listen to this article", "supported by",
    "continue reading the main story", "story continues below", "story continues below advertisement",
    "next story", "previous story", "see gallery", "view slideshow", "you are here", "advertising",
    "article continues below", "scroll to continue with content", "credit", "credits",
    # video players' labels
    "just watched", "must watch", "more videos", "more videos ...", "video ad feedback", "ad feedback",
    "up next", "watch now", "now playing", "playing now", "watch", "video player",
    # comment forms
    "website", "name", "email address", "post comment", "submit", "cancel reply", "reply",
}
# Share and comment counters: "share2", "Comments 14", "3 shares".
_COUNTER = LazyRe(r"^(?:shares?|comments?|likes?|reactions?)\s*\d+$|^\d+\s*(?:shares?|comments?|likes?|reactions?)$",
                  re.I)
# A line of page links: several short items separated by | • · (e.g. "Order Reprints | Today's Paper").
_LINK_BAR = LazyRe(r"^[^|•·]{1,30}(?:\s[|•·]\s[^|•·]{1,30}){1,8}$")
# Headings that introduce a list of other stories or tags.
_LIST_HEADING = LazyRe(
    r"^(?:related(?: (?:articles?|stories|posts?|content|coverage|links|news|topics|reading|videos?))?|read more|"
    r"story highlights|key points|highlights|"
    r"more (?:stories|news|from|on|in|like this)\b.*|most (?:read|popular|viewed|shared|watched)\b.{0,30}|"
    r"trending(?: now| stories| topics)?|recommended(?: for you| stories| reading)?|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|up next|also read|see also|top stories|"
    r"latest(?: news| stories)?|editor'?s picks?|in other news|topics|tags|related topics|explore more|"
    r"what to read next|read next)\s*:?$",
    re.I,
)
_RELATED_PREFIX = LazyRe(r"^(?:related|read more|see also|also read|read also|more on this|recommended|"
                             r"read next|more)\s*[:|»›]\s*\S|"
                             # "Feb. 7:How far into space...": a date label glued to another story's title
                             rf"^{_MONTH_RE}\s+\d{{1,2}}:(?=\S)", re.I)
# "Tags: North Korea, DMZ": the page's topic labels.
_TAGS = LazyRe(r"^(?:tags?|topics?|categor(?:y|ies)|filed under|keywords?|more about)\s*:\s*\S", re.I)
# A form's field label, marked required ("Name *", "Email *").
_FORM_FIELD = LazyRe(r"^[\w' -]{1,30}\s\*$")
# Instructions to the viewer for playing a video: imperative, about a time code or the player.
_VIDEO_NOTE = LazyRe(
    r"^\W{0,2}(?:drag|skip|scroll|fast[- ]?forward|jump|rewind|go|move|head|forward|watch|see|click|tap|"
    r"press|play|wind)\b.{0,40}(?:\b\d{1,2}[.:]\d{2}\b|\b(?:video|clip|footage|player)\b)|"
    r"\b(?:video|clip|player|footage)\s+(?:above|below)\b|\bautoplay\b|"
    r"\bvideo (?:will|may|might|should) (?:play|load|start)\b|"
    r"\b(?:this|the) video (?:is|was) (?:not|no longer|un)\s*available\b|"
    r"\b(?:enable|turn on) javascript\b|\bbrowser (?:does not|doesn't) support\b",
    re.I,
)
_CAPTION_PHRASE = LazyRe(
    r"\b(?:in this (?:undated |handout |file |\w+ )?(?:image|photo|photograph|picture|still|screen ?grab|"
    r"frame|file photo)|\(pictured\)|file photo|photo taken|image (?:made|taken) from|"
    r"(?:still|screengrab|screen grab|frame) (?:taken )?from (?:a |the )?video|"
    r"\((?:left|right|centre|center|top|bottom|l|r|c|above|below|inset)\))",
    re.I,
)
_MONTH = _MONTH_RE
_TIMESTAMP = LazyRe(
    r"^(?:(?:published|updated|posted|last updated|last modified|first published|modified)\b[:\s]*"
    rf"(?=.{{0,40}}(?:\d{{4}}|\d{{1,2}}[:.]\d{{2}}|{_MONTH_RE}\s*\d|\d\s*{_MONTH_RE}|\bago\b)).{{0,120}}|"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}(?:\s*(?:[,•|·-]|at)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"[,\s]*(?:[a-z]{2,4})?)?|"
    r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[a-z]{2,4})?(?:,\s*\d{1,2}\s+\w+\s+\d{4})?|"
    r"\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}.*)?|"
    r"\d+\s+min(?:ute)?s?\s+read|reading time:?.{0,20})$",
    re.I,
)
_BYLINE_BY = LazyRe(r"^(?i:by|written by|words by|story by)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)")
_JOB_WORDS = (
    r"writer|reporter|correspondent|editor|journalist|contributor|columnist|staff|producer|analyst|"
    r"bureau|freelance|freelancer|presenter|anchor|photographer|author|desk|newsdesk|intern|"
    r"commentator|critic|blogger|contributing|senior|chief|deputy|associate|political|foreign|"
    r"business|science|health|news|sports?|digital|special|international|national|asia|europe|"
    r"us|uk|global|affairs|defence|defense|security|diplomatic|economics|technology"
)
_JOB_RE = LazyRe(rf"\b(?:{_JOB_WORDS})\b", re.I)
_JOB_TOKEN = LazyRe(rf"^(?:(?:{_JOB_WORDS})|of|the|and|at|for|in|&|[A-Z][\w’'.&-]*),?$", re.I)
_NAME_TOKEN = LazyRe(
    r"^(?:[A-Z][a-zà-ÿ’']+(?:-[A-Za-zà-ÿ’']+)*|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,}(?:-[A-Z]{2,})?|de|van|von|da|al|bin|"
    r"del|la|le|el)$"
)
_TERMINAL = LazyRe(r"[.!?…]['\"’”)\]]*\s*$")
_EMAIL_OR_URL = LazyRe(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)$", re.I)
_MD_LINK_ITEM = LazyRe(r"^(?:[-*+•]\s*)?\[[^\]]+\]\([^)]+\)\s*$")
_NO_WORDS = LazyRe(r"^[\W_]+$")


_MD_MARKS = LazyRe(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?!\[))?[*_]*|[*_]+\s*$")


def _unmark(text: str) -> str:
    """Markdown block text without heading, quote, list and emphasis markers (for the rules)."""
    return _MD_MARKS.sub("", text).strip() or text


def _near(a: str, b: str) -> bool:
    """Near-identical lines (rapidfuzz ratio >= 90). Only lines of similar length with the same
    first words are compared, so rapidfuzz is imported only when a candidate turns up."""
    if abs(len(a) - len(b)) > 0.2 * max(len(a), len(b)) or a[:10] != b[:10]:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b, score_cutoff=90) > 0


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
    """The credit a caption carries at its end, if any: 'Credit: AP', 'Photograph: X/Reuters',
    '(AP)', '(United Nations Command via AP)'."""
    m = _CREDIT_LABEL.search(text)
    # A credit is short, capitalised ("Credit: AP", "Photo by ...") and never ends a sentence.
    if m and len(m.group("credit").split()) <= 8 and m.group("credit")[0].isupper() \
            and not _TERMINAL.search(m.group("credit")):
        return m.group("credit").strip()
    m = _AGENCY_SLASH.search(text)
    if m and _agency_at(m.group("agency"), end=True):
        return m.group("credit")
    m = _TRAILING_PAREN.search(text)
    if m and text[m.start()] == "[" and not _credit_words(m.group("inner")):
        m = None  # "[Reuters]" closing a paragraph names its source; "[Name/Reuters]" credits a picture
    if m and not _initials_match(m.group("inner"), text[: m.start()]):
        inner = m.group("inner").strip()
        strong = _agency_only(inner) or _credit_words(inner)
        # After a full stop only an unmistakable credit counts ("... 2017. (AP Photo/Lee Jin-man)");
        # without one, a short capitalised name does ("... the border with the South (AP)").
        if strong or (not _TERMINAL.search(text[: m.start()]) and _name_words(inner, 3)):
            return f"({inner})"
    return None


def _name_words(text: str, most: int) -> bool:
    toks = text.replace("/", " ").split()
    return 1 <= len(toks) <= most and all(t[0].isupper() for t in toks) and not any(c.isdigit() for c in text)


def _is_credit_line(text: str) -> str | None:
    """A whole block that is a credit; returns a description for the reason."""
    t = text.strip().strip("[]()").strip()
    if not t or (_TERMINAL.search(t) and not t.endswith(("Inc.", "Ltd.", "Co."))):
        return None
    words = t.split()
    if len(words) > 12:
        return None
    if _agency_only(t):
        return f"agency credit '{t}'"
    if _CREDIT_LABEL.match(t):
        if t.lower().startswith("source"):
            return f"source credit '{t}'"
        return f"photo credit '{t}'"
    if _VIA_LINE.match(t):
        return f"picture attribution '{t}'"
    if _credit_words(t) and len(words) <= 8:
        return f"photo credit '{t}'"
    return None


def _is_name_line(text: str) -> bool:
    """An author line: 'Andy Wells', 'By Jane Doe and John Roe', 'Justin McCurry in Tokyo',
    'KIM TONG-HYUNG'. Name groups of two to four name-shaped words, joined by 'and', 'in', '&', ','."""
    toks = text.replace(",", " , ").split()
    if toks and toks[0].lower() == "by":
        toks = toks[1:]
    if not 2 <= len(toks) <= 12:
        return False
    groups: list[list[str]] = [[]]
    for t in toks:
        if t in (",", "and", "&", "in", "|", "-", "–", "—"):
            groups.append([])
        elif _NAME_TOKEN.match(t):
            groups[-1].append(t)
        else:
            return False
    groups = [g for g in groups if g]
    return bool(groups) and 2 <= len(groups[0]) <= 4 and all(1 <= len(g) <= 4 for g in groups)


def _is_job_line(text: str) -> bool:
    """A job title: 'Freelance Writer', 'Senior Correspondent, BBC News' - only job words and names."""
    toks = text.split()
    return 1 <= len(toks) <= 7 and bool(_JOB_RE.search(text)) and all(_JOB_TOKEN.match(t) for t in toks) \
        and not _TERMINAL.search(text)


_STOP_END = LazyRe(r"[.;:,]['\"’”)\]]*\s*$")


def _title_like(text: str) -> bool:
    """Shaped like a headline: 3-20 words, not ending in a full stop (a question mark may end one)."""
    n = len(text.split())
    return 3 <= n <= 20 and not _STOP_END.search(text)


# Words without which a family of patterns cannot match: checking them first keeps the regular
# expressions off ordinary paragraphs (cleaning is on every command's start-up path).
_GATE_ARCHIVE = ("archiv", "site feature", " old", "updated", "maintained")
_GATE_NOTICE = ("©", "(c)", "copyright", "rights reserved", "may not be", "appeared", "published", "reprinted",
                "in print")
_GATE_CTA = frozenset(
    "leave post add write view read show load see hide join jump comment comments replies reactions discussion "
    "conversation license licence reprint republish reuse syndicate buy share email tweet pin print save copy "
    "sign signing subscribe subscribed subscribing register newsletter follow click download support questions "
    "contact please tip hear continue subscriber cookie cookies enter type e-mail thanks".split()
)
_GATE_WORDS = LazyRe(r"[\w'-]+")  # words without the punctuation around them ("tip?" -> "tip")
_GATE_VIDEO = ("video", "clip", "footage", "player", "autoplay", "javascript", "browser", ":", ".")
_GATE_CONTRIB = ("reporting", "writing", "editing", "compiled", "translated", "research", "graphics",
                 "contributed", "contact", "email", "follow")


# Page furniture that plain-text copies of web pages carry (each a small rule family, tested apart):
# the prompts of a comment box, a gallery's counter, a logo's label, notices about the reader's
# browser or a machine translation, and another story's title in brackets.
_COMMENT_FORM = LazyRe(
    r"^(?:leave an? (?:reply|comment|response)|post an? comment|no comments?(?: yet)?|"
    r"please enter your (?:comment|name|email)\b.*|your email(?: address)? will not be published\b.*|"
    r"required fields are marked\b.*|fill in your details below\b.*|you are commenting using\b.*|"
    r"(?:log|sign) in to (?:reply|comment)\b.*|notify me of (?:new |follow-up )?(?:comments|posts)\b.*)$",
    re.I,
)
_GALLERY_LABEL = LazyRe(r"^(?:\d+\s+(?:photos?|images?|pictures?|slides?)|slideshow\b.{0,20}\d+\s+slides?)$", re.I)
_LOGO = LazyRe(r"^[\w&.'’ -]{1,30}\b(?:logo|icon)$", re.I)
_SITE_NOTICE = LazyRe(
    r"\b(?:your )?(?:web )?browser is (?:no longer|not|out of date|outdated)\b|"
    r"\b(?:automated|machine|automatic) translation\b",
    re.I,
)
_BRACKETED_TITLE = LazyRe(r"^\[[^\[\]]{10,160}\]$")
# "06 Agustus 2018 11:59 WIB", "Agencies15 Feb 2018 11:36 PM IST": a day, a month word in any
# language, a year and a time, possibly glued to a word before it (a source or a label).
_DATE_TIME = LazyRe(r"^(?:[A-Za-z]+(?=\d))?\d{1,2}\s+[^\W\d_]{3,12}\.?,?\s+\d{4},?\s+\d{1,2}[:.]\d{2}"
                    r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s+[A-Z]{2,5})?$", re.I)
# "Tom Barnes@thomas_barnes": an author's name glued to (or followed by) their social handle.
_NAME_HANDLE = LazyRe(r"^(?:by\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\s*@\w{2,30}$")
# "Thanassis StavrakisAP Photo": a photographer's name glued to the agency's credit.
_GLUED_CREDIT = LazyRe(r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}(?:AP|AFP|EPA|Reuters|Getty Images|"
                       r"Xinhua|Bloomberg)(?:\s+(?:Photo|Images))?$")
# "Get the latest tech news ...": a newsletter's pitch.
_NEWS_PITCH = LazyRe(r"^get (?:the )?(?:latest|breaking|top|daily)\b.{0,30}\b(?:news|headlines|updates|alerts)\b", re.I)


def comment_form(text: str) -> tuple[str, str] | None:
    """'Leave a Reply', 'Your email address will not be published', 'Please enter your name here'."""
    t = text.strip().rstrip("!.:*").strip()
    if len(t.split()) <= 16 and _COMMENT_FORM.match(t):
        return "call-to-action", "the prompt of a comment form"
    return None


def gallery_or_logo(text: str) -> tuple[str, str] | None:
    """'23 PHOTOS', 'Slideshow Icon 10 slides', 'AP logo', 'Enlarge Icon': labels of a gallery or a
    picture (text that stood in for an image)."""
    t = text.strip()
    if _GALLERY_LABEL.match(t):
        return "navigation", "a gallery's label"
    if len(t.split()) <= 5 and _LOGO.match(t):
        return "navigation", "a logo's or an icon's label"
    return None


def dates_and_names(text: str) -> tuple[str, str] | None:
    """Datelines, author handles and glued photo credits that the other rules' English shapes miss."""
    t = text.strip()
    if len(t.split()) <= 8 and _DATE_TIME.match(t):
        return "timestamp", "publication date and time"
    if _NAME_HANDLE.match(t):
        return "byline", "the author's name and social handle"
    if len(t.split()) <= 6 and _GLUED_CREDIT.match(t):
        return "credit", f"photo credit '{t}'"
    if len(t.split()) <= 30 and _NEWS_PITCH.match(t):
        return "call-to-action", "a newsletter's pitch"
    return None


# "pic.twitter.com/abc — Jane Doe (@jdoe) November 21, 2017": an embedded social post's signature.
_SOCIAL_EMBED = LazyRe(r"\bpic\.twitter\.com/\w+|[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s*(?:" + _MONTH_RE_TEXT +
                       r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH_RE_TEXT + r"\s+\d{4})", re.I)
# "The BBC's Laura Bicker reports from Seoul": the line that introduces a reporter's video or audio.
_REPORTER_LINE = LazyRe(r"^[A-Z][\w.&'’ -]{1,40}['’]s\s+(?:[A-Z][\w'’-]+\s+){1,3}reports?\s+(?:from|on)\s+\S")
# "ByABC News", "By Jane Doe | Reuters Published: 22 Nov": bylines glued or followed by the outlet.
_BYLINE_GLUED = LazyRe(r"^By(?=[A-Z]{2,}|[A-Z][a-z]+[A-Z])\S")
_BYLINE_PIPE = LazyRe(r"^by\s+[^|]{2,60}\|.{0,80}\b(?:published|updated|posted)\b", re.I)


def posts_and_bylines(text: str) -> tuple[str, str] | None:
    """Embedded social posts, reporter lines and bylines of shapes the top-of-page rule cannot see
    ('ByABC News', 'By NAME | OUTLET Published: ...')."""
    t = text.strip()
    n = len(t.split())
    if n <= 60 and _SOCIAL_EMBED.search(t):
        return "social-embed", "an embedded social media post"
    if n <= 14 and _REPORTER_LINE.match(t):
        return "byline", "introduces a reporter's report"
    if n <= 6 and _BYLINE_GLUED.match(t):
        return "byline", "byline ('By...')"
    if n <= 30 and _BYLINE_PIPE.match(t):
        return "byline", "byline with the outlet and date"
    return None


def site_notice(text: str) -> tuple[str, str] | None:
    """Notices about the page rather than the story: an old browser, a machine translation."""
    if len(text.split()) <= 25 and _SITE_NOTICE.search(text):
        return "notice", "a notice about the page or the reader's browser"
    return None


def bracketed_title(text: str) -> tuple[str, str] | None:
    """'[Launch schedule: Upcoming Florida rocket launches]': a link to another story, in brackets."""
    t = text.strip()
    if _BRACKETED_TITLE.match(t) and not _TERMINAL.search(t[1:-1]):
        return "related-links", "another story's title in brackets"
    return None


_FURNITURE_RULES = (comment_form, gallery_or_logo, site_notice, bracketed_title, dates_and_names)


def _intrinsic(text: str) -> tuple[str, str] | None:
    """What a block says about itself, without looking at its neighbours."""
    t = text.strip()
    nwords = len(t.split())
    low = _norm(t).strip(" .:!»›>|-•")
    if _NO_WORDS.match(t):
        return "separator", "decorative line without words"
    found = posts_and_bylines(t)  # before the link-bar rule: "By X | Outlet Published: ..." is a byline
    if found:
        return found
    if any(g in low for g in _GATE_ARCHIVE) and _ARCHIVE.search(t):
        return "archive-notice", "archive notice about the page, not the story"
    if nwords <= 60 and any(g in low for g in _GATE_NOTICE) and _NOTICE.search(t):
        return "notice", "publication, copyright or policy notice"
    if nwords <= 15 and _POLICY.search(t):
        return "notice", "publication, copyright or policy notice"
    if low in _NAVIGATION or _EMAIL_OR_URL.match(t):
        return "navigation", f"page control '{_short(t)}'"
    if nwords <= 3 and _COUNTER.match(t):
        return "navigation", f"share or comment counter '{_short(t)}'"
    if nwords <= 20 and _LINK_BAR.match(t) and not _TERMINAL.search(t):
        return "navigation", "a bar of page links"
    if nwords <= 8 and _LIST_HEADING.match(t):
        return "navigation", "heading of a list of other stories or tags"
    if nwords <= 40 and not _GATE_CTA.isdisjoint(_GATE_WORDS.findall(low)) and _CTA.search(t):
        return "call-to-action", f"prompt to the reader: '{_short(t)}'"
    if nwords <= 30 and any(g in low for g in _GATE_VIDEO) and _VIDEO_NOTE.search(t):
        return "video-note", "note to the viewer about playing the video"
    if nwords <= 40 and any(g in low for g in _GATE_CONTRIB) and _CONTRIBUTORS.search(t):
        return "byline", "credits for reporters or editors"
    credit = _is_credit_line(t)
    if credit is not None:
        return "credit", credit
    if _CAPTION_LABEL.match(t):
        return "caption", "labelled as a picture caption"
    if _MD_IMAGE.match(t):
        return "caption", "a picture on its own line"
    if _MD_LINK_ITEM.match(t):
        return "related-links", "a link on its own line"
    if _RELATED_PREFIX.match(t):
        return "related-links", "link to another story"
    if nwords <= 20 and _TAGS.match(t):
        return "navigation", "the page's topic tags"
    if nwords <= 4 and _FORM_FIELD.match(t):
        return "call-to-action", "a field of a comment or sign-up form"
    if nwords <= 20 and _TIMESTAMP.match(t.lstrip("•·*-–— \t")):
        return "timestamp", "publication date or time"
    for rule in _FURNITURE_RULES:
        found = rule(t)
        if found:
            return found
    return None


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


def section_labels_above_headline(texts: Sequence[str], label: Sequence[tuple[str, str] | None]) -> list[int]:
    """Short labels before the headline: 'NATION NOW', 'Top News', 'You are here', a site's name.

    At the top of a page, a line of at most three words without a full stop (one word with one) that
    a headline-shaped line of five or more words follows within two blocks is a section label or
    menu entry: headlines are longer than that.
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
        out.append(i)
    return out


# "Image Amtrak carriages fell...": the label a picture's copy of its caption starts with.
_PICTURE_LABEL = LazyRe(r"^(?:image|photo|picture|video|enlarge|gallery)\s+", re.I)
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
    n = len(raws)
    label: list[tuple[str, str] | None] = [None] * n  # (kind, reason) when boilerplate
    # Rules read the text without Markdown's heading, emphasis and list markers.
    texts = [_unmark(r.text) if markdown else r.text for r in raws]
    norms = [_norm(t) for t in texts]
    page_head: int | None = None

    def mark(i: int, kind: str, reason: str) -> None:
        if label[i] is None and i != page_head:  # a page's <h1> headline is the story's, whatever follows
            label[i] = (kind, reason)

    def kind(i: int) -> str | None:
        return label[i][0] if 0 <= i < n and label[i] is not None else None

    # 1. What each block says about itself; on a page, what its place in the page says first.
    for i, t in enumerate(texts):
        preset = structure[raws[i].line - 1] if structure is not None and raws[i].line <= len(structure) else None
        if preset is not None and preset[0] == "@headline":
            page_head = i
        elif preset is not None:
            # Structure says where a block stands; its words may name the kind better ("Read more"
            # outside the story is a link heading, not just "other").
            label[i] = (_intrinsic(t) or preset) if preset[0] == "other" else preset
        else:
            label[i] = _intrinsic(t)

    # 2. Repeats: captions printed twice (once with a credit), headlines repeated, copied lines.
    first_seen: dict[str, int] = {}
    dup_of: dict[int, int] = {}
    # Copies are compared without a leading "Image"/"Photo" label that one copy carries.
    bare = [_PICTURE_LABEL.sub("", x) for x in norms]
    for i in range(n):
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
        if dup is None or i == page_head:  # a page's headline is the story's, however often printed
            continue
        dup_of[i] = dup
        credit = _credit_inside(texts[i]) or _credit_inside(texts[dup]) if norms[i] != norms[dup] else None
        if credit:  # the copy that carries a credit shows both copies are a caption
            label[dup] = label[dup] or ("caption", f"caption, printed again with a credit on line {raws[i].line}")
            mark(i, "caption", f"repeats line {raws[dup].line} with photo credit '{credit}'")
        else:
            mark(i, "duplicate", f"repeats line {raws[dup].line}")
    for i, j in repeated_captions(texts, dup_of, label, bare):
        label[j] = ("caption", f"a sentence printed twice in a row (again on line {raws[i].line}): a picture's caption")

    # 3. Lists under a heading such as "Related" or "Topics": the short lines that follow it.
    for i in range(n):
        if label[i] is not None and label[i][1].startswith("heading of a list"):
            j = i + 1
            while j < n and j - i <= HEADED_LIST_MAX and raws[j].line - raws[j - 1].end_line <= 2:
                if label[j] is None:
                    if len(texts[j].split()) > 16 or _TERMINAL.search(texts[j]):
                        break
                    mark(j, "related-links", f"listed under the heading on line {raws[i].line}")
                j += 1

    # 4. Captions: touching a credit line, ending in a credit, or worded as one.
    for i, t in enumerate(texts):
        if label[i] is not None:
            continue
        words = len(t.split())
        # A caption stands right before its credit; after a credit comes the story again (a copy of the
        # caption after it is caught as a repeat).
        credit_at = i + 1 if i + 1 < n and kind(i + 1) == "credit" and _adjacent(raws, i, i + 1) \
            and not label[i + 1][1].startswith("source") else None  # "Source: agencies" credits the text
        if credit_at is not None and words <= 60:
            mark(i, "caption", f"caption next to the credit on line {raws[credit_at].line}")
            continue
        # (the cheap tests first: on a long block the credit and caption patterns cost the most)
        credit = _credit_inside(t) if i > 0 and words <= 60 else None
        if credit:
            mark(i, "caption", f"caption ending in photo credit '{credit}'")
            continue
        if words <= 45 and _CAPTION_PHRASE.search(t) and len(split_sentences(t)) <= 2:
            mark(i, "caption", "describes a picture ('in this image')")
    for i, j in dup_of.items():  # copies of a caption are captions too
        if kind(i) == "duplicate" and kind(j) == "caption":
            label[i] = ("caption", f"caption repeated from line {raws[j].line}")
    for i, reason in caption_neighbours(texts, [kind(k) for k in range(n)],
                                        [raws[k].line - raws[k - 1].end_line == 1 if k else False for k in range(n)]):
        if i != page_head:
            mark(i, "caption", reason)

    # 5. The headline is the first block left (a page's is its <h1>); bylines sit between it and the
    #    first paragraph.
    if page_head is not None and label[page_head] is not None:
        page_head = None
    if page_head is None:
        # "Video: Soldier shot five times as he races for the border" opening the page is its headline,
        # though worded like a credit's label (further down, such a line is a link to a gallery).
        top = next((k for k in range(n) if label[k] is None or label[k][0] == "credit"), None)
        if top is not None and label[top] is not None and _TITLE_AFTER_LABEL.match(texts[top].strip()):
            label[top] = None
        for i in section_labels_above_headline(texts, label):
            mark(i, "navigation", "a section label above the headline")
        twice = repeated_headline(texts, label, dup_of)
        if twice is not None:
            label[twice] = None
            page_head = twice
            for i in range(twice):
                if label[i] is None:
                    kind_above = "related-links" if _title_like(texts[i]) else "navigation"
                    mark(i, kind_above, f"above the headline on line {raws[twice].line}, which the page prints twice")
    head = page_head if page_head is not None else next((i for i in range(n) if label[i] is None), None)
    first_para = next(
        (i for i in range(n) if label[i] is None and i != head and len(texts[i].split()) >= 10
         and _TERMINAL.search(texts[i])),
        n,
    )
    if head is not None:
        for i in range(head + 1, min(first_para, head + 1 + TOP_ZONE)):
            if label[i] is not None:
                continue
            t = texts[i].strip()
            if _BYLINE_BY.match(t) and len(t.split()) <= 16:
                mark(i, "byline", "byline ('By ...') near the top")
            elif _is_job_line(t):
                mark(i, "byline", f"author's job title '{_short(t)}' near the top")
            elif _is_name_line(t):
                mark(i, "byline", f"author's name '{_short(t)}' near the top")

    # 6. Runs of short title-like lines that share no vocabulary with the story: other stories.
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
        body = [texts[k] for k in range(n) if label[k] is None and k not in in_runs]
        vocab = _Union(story_vocabulary(body), others)
        for run in runs:
            support = {k: _support(texts[k], vocab) for k in run}
            unrelated = [k for k in run if support[k] < UNRELATED_BELOW]
            if len(run) >= RUN_MIN and 2 * len(unrelated) > len(run):
                for k in run:
                    mark(k, "related-links", f"one of {len(run)} short headline-like lines unrelated to the story")
            elif len(run) == 1 and run[0] > first_para and lone_other_title(texts[run[0]], support[run[0]]):
                mark(run[0], "related-links", "a headline-like line inside the story that shares almost no "
                                              "words with it (a link to another story)")

    # 7. A short unpunctuated line between two page controls belongs to the widget they frame (the
    #    title of a video player between "JUST WATCHED" and "Replay").
    controls = {"navigation", "video-note", "call-to-action", "timestamp"}
    for i in range(1, n - 1):
        if label[i] is None and i != head and len(texts[i].split()) <= 15 and not _TERMINAL.search(texts[i]) \
                and kind(i - 1) in controls and kind(i + 1) in controls \
                and raws[i].line - raws[i - 1].end_line <= 2 and raws[i + 1].line - raws[i].end_line <= 2:
            mark(i, "navigation", "a title between page controls (a player's or widget's label)")

    # 8. Everything else is the story.
    blocks: list[Block] = []
    for i, r in enumerate(raws):
        if label[i] is not None:
            k, reason = label[i]
            blocks.append(Block(i, r.line, r.end_line, BOILERPLATE, k, reason, r.text, (), r.line_starts))
        elif i == head and len(r.text.split()) <= 30:
            spans = (Span(0, len(r.text), r.text),)
            blocks.append(Block(i, r.line, r.end_line, CONTENT, "headline", "first line of the story", r.text,
                                spans, r.line_starts))
        else:
            spans = tuple(Span(a, b, r.text[a:b]) for a, b in split_sentences(r.text))
            blocks.append(Block(i, r.line, r.end_line, CONTENT, "body", "part of the story", r.text, spans,
                                r.line_starts))
    return blocks


def _short(text: str, limit: int = 40) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"
