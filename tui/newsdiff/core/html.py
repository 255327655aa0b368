"""Saved web pages: the whole visible text, block by block, with the page's own structure as evidence
of what is the story and what is furniture, and the page's metadata.

A page becomes one line per visible block (a paragraph, a heading, a list item, a table cell, a menu
entry). Nothing visible is dropped: the blocks outside the story are labelled with a kind read from
the elements around them (``<nav>``, ``<aside>``, ``<figcaption>``, ``<footer>``, classes and ids
such as ``comments``, ``related``, ``share``) and dimmed by the views like any boilerplate.

Which blocks are the story comes from trafilatura (measured against its alternatives in
``tests/perf/html_extract.py``): its main text is matched back onto the page's blocks, in order.
The structure then overrides it where it is unambiguous (a caption inside the story is still a
caption). lxml and trafilatura are imported only when a page is parsed: plain-text runs never pay
for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .text import sanitize

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["HTML_SUFFIXES", "Page", "PageBlock", "decode_html", "looks_like_html", "parse_page"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Elements whose content is never shown (or is shown only without scripts, which a terminal reader
# of a saved page stands for).
_INVISIBLE = frozenset(
    "head script style noscript template svg math iframe object embed canvas audio video source track "
    "map area input select textarea option datalist meta link title base param picture img".split()
)
# Elements that start a new block of text: everything else is inline and joins its neighbours.
_BLOCK = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul label button".split()
)
# Classes that hide an element from sighted readers (screen-reader text, collapsed widgets).
_HIDDEN_CLASSES = frozenset(
    "sr-only visually-hidden visuallyhidden screen-reader-text screenreader-only off-screen offscreen "
    "hidden hide is-hidden u-hidden a11y-hidden element-invisible".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# What the page's structure says a block is. Tags first (their meaning is standard), then class and
# id words (conventions every CMS shares). A word matches a whole token of the class or id split at
# -, _ and case changes: "related-stories" has "related", "shareBar" has "share"; "shareholders"
# does not.
_TAG_KINDS = {
    "nav": "navigation",
    "menu": "navigation",
    "aside": "aside",
    "figcaption": "caption",
    "footer": "footer",
    "form": "call-to-action",
    "button": "navigation",
    "label": "call-to-action",
    "legend": "call-to-action",
}
_WORD_KINDS: dict[str, str] = {}
for _kind, _words in {
    "comments": "comment comments commentlist disqus livefyre discussion replies respond",
    "share-bar": "share sharing sharebar social socials sharetools addthis sociallinks",
    "related-links": "related recommended recommendations outbrain taboola morestories mostpopular mostread "
                     "popular trending readmore moreon teaser teasers promo promos also",
    "navigation": "nav navbar navigation menu breadcrumb breadcrumbs masthead topbar toolbar skip pagination "
                  "sitenav mainnav subnav sections",
    "caption": "caption captions figcaption credit credits",
    "footer": "footer colophon copyright legal legals",
    "advertising": "ad ads adv advert advertisement advertising adsense sponsor sponsored dfp banner",
    "byline": "byline author authors contributor",
    "timestamp": "date dateline timestamp published updated datestamp",
    "newsletter": "newsletter subscribe subscription signup paywall",
    "login": "login signin register account",
    "tags": "tags tag topics keywords",
    "aside": "sidebar aside rail widget widgets",
}.items():
    for _w in _words.split():
        _WORD_KINDS[_w] = _kind
# Kinds that stand even inside the story's main text: a caption, a share bar, an advertisement or a
# comment is never the story's own sentence, wherever the extractor put it.
_ALWAYS_FURNITURE = frozenset({"caption", "share-bar", "advertising", "comments", "login", "call-to-action",
                               "newsletter"})
# Containers whose classes say nothing about their parts ("page", "wrapper"): skipping <html> and
# <body> keeps a site-wide class list ("paywall", "ads-enabled") from labelling every block.
_IGNORED_ANCESTORS = frozenset({"html", "body"})
_TOKEN_SPLIT = re.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")

_REASONS = {
    "navigation": "the page's navigation or menu",
    "aside": "a sidebar beside the story",
    "caption": "a picture's caption or credit",
    "footer": "the page's footer",
    "call-to-action": "a form or prompt on the page",
    "comments": "readers' comments",
    "share-bar": "buttons to share the page",
    "related-links": "links to other stories",
    "advertising": "an advertisement",
    "byline": "the author's byline",
    "timestamp": "the publication date",
    "newsletter": "a newsletter or subscription prompt",
    "login": "a login prompt",
    "tags": "the page's topic tags",
    "other": "outside the story's main text",
}


@dataclass(frozen=True)
class PageBlock:
    """One visible block of a page. ``kind`` is None for the story's text, else a boilerplate kind."""

    text: str
    tag: str
    kind: str | None
    reason: str
    heading: bool = False


@dataclass(frozen=True)
class Page:
    blocks: tuple[PageBlock, ...]
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text(self) -> str:
        """The visible text: one block per line."""
        return "\n".join(b.text for b in self.blocks)

    def labels(self) -> tuple[tuple[str, str] | None, ...]:
        """Per line: ``(kind, reason)`` for furniture, None for the story."""
        return tuple(None if b.kind is None else (b.kind, b.reason) for b in self.blocks)


def looks_like_html(data: bytes) -> bool:
    """Whether file bytes are an HTML document (a doctype or <html>/<head>/<body> near the start)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:65536].lower()) \
        or bool(re.match(rb"\s*(?:<!--.*?-->\s*)*<(?:html|head|body)\b", head, re.S))


# ---------------------------------------------------------------------------------------------
# Visible blocks


@dataclass
class _Raw:
    parts: list[str]
    tag: str
    signals: tuple[tuple[str, str], ...]  # (kind, evidence) from the element outwards
    heading: bool
    link_parts: list[str] = field(default_factory=list)  # the text inside <a href> elements

    @property
    def link_density(self) -> float:
        """Share of the block's characters (spaces aside) that are link text."""
        total = len("".join("".join(self.parts).split()))
        return len("".join("".join(self.link_parts).split())) / total if total else 0.0


def _tokens(value: str) -> set[str]:
    """A class or id's words, and the words run together ("most-read" is also "mostread")."""
    parts = [t.lower() for t in _TOKEN_SPLIT.split(value) if t]
    return {*parts, "".join(parts)} if len(parts) > 1 else set(parts)


def _signals(el: HtmlElement) -> list[tuple[str, str]]:
    """What one element's tag, role, class and id say it is."""
    out: list[tuple[str, str]] = []
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _TAG_KINDS:
        out.append((_TAG_KINDS[tag], f"<{tag}>"))
    role = (el.get("role") or "").lower()
    if role in ("navigation", "menu", "menubar", "banner"):
        out.append(("navigation", f'role="{role}"'))
    elif role == "contentinfo":
        out.append(("footer", 'role="contentinfo"'))
    elif role in ("complementary",):
        out.append(("aside", 'role="complementary"'))
    for attr in ("class", "id"):
        value = el.get(attr)
        if not value:
            continue
        # The first class (or the id) naming a kind: its name is the evidence shown in the reason.
        found = next(((name, _WORD_KINDS[t]) for name in value.split() for t in sorted(_tokens(name))
                      if t in _WORD_KINDS), None)
        if found:
            out.append((found[1], f'{attr} "{_short(found[0], 30)}"'))
    return out


def _hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and not _HIDDEN_CLASSES.isdisjoint(c.lower() for c in cls.split())


def _walk(root: HtmlElement) -> list[_Raw]:
    """The visible blocks of a document in reading order, each with its structural signals."""
    blocks: list[_Raw] = []
    stack: list[tuple[tuple[str, str], ...]] = [()]
    heading = [False]
    tags = ["body"]
    current: list[_Raw | None] = [None]
    in_link = [0]
    # A link that ends with nothing after it: the next link is set apart by a space ("Home News",
    # not "HomeNews"; menus and lists of stories write their links back to back and space them
    # with styles).
    link_end = [False]

    def flush() -> None:
        cur = current[0]
        if cur is not None and "".join(cur.parts).strip():
            blocks.append(cur)
        current[0] = None
        link_end[0] = False

    def add_text(text: str | None) -> None:
        if not text:
            return
        link_end[0] = False
        if current[0] is None:
            if not text.strip():
                return
            current[0] = _Raw([], tags[-1], stack[-1], heading[-1])
        current[0].parts.append(text)
        if in_link[0]:
            current[0].link_parts.append(text)

    def visit(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments and processing instructions: only their tail is text
            add_text(el.tail)
            return
        tag = tag.lower().split("}")[-1]
        if tag in _INVISIBLE or _hidden(el):
            add_text(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
            sig = () if tag in _IGNORED_ANCESTORS else tuple(_signals(el))
            stack.append(sig + stack[-1])
            heading.append(heading[-1] or tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
            tags.append(tag)
        link = tag == "a" and bool(el.get("href"))
        if link and link_end[0] and current[0] is not None:
            current[0].parts.append(" ")
        in_link[0] += link
        add_text(el.text)
        for child in el:
            visit(child)
        in_link[0] -= link
        if link:
            link_end[0] = True
        if block:
            flush()
            stack.pop()
            heading.pop()
            tags.pop()
        add_text(el.tail)

    visit(root)
    flush()
    return blocks


_WS = re.compile(r"\s+")


def _block_text(raw: _Raw) -> str:
    return _WS.sub(" ", sanitize("".join(raw.parts))).strip()


# ---------------------------------------------------------------------------------------------
# Main text: trafilatura's, matched back onto the blocks


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# News pages show a few hundred visible blocks (the five test pages: 83-171; long live blogs a few
# thousand). Above this many, the extractor runs without its fallback extractors (jusText and
# readability, compared with its own result), which cost seconds per 10,000 blocks: a hostile page of
# 100,000 list items took 50 s to load, and such a page has no story that the fallbacks would find.
FAST_ABOVE_BLOCKS = 3000


def _main_text(html: str, fast: bool = False) -> list[str]:
    """The extractor's main text, as normalised paragraphs (see the module doc for the choice)."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    out = trafilatura.extract(html, include_comments=False, include_tables=True, include_images=False,
                              include_links=False, favor_precision=False, deduplicate=False, fast=fast)
    return [n for n in (_norm(p) for p in (out or "").split("\n")) if n]


def _match_main(blocks: Sequence[str], main: Sequence[str]) -> list[bool]:
    """Which blocks hold the main text. The extractor's paragraphs are matched in reading order; a
    block belongs to the main text when its words are a run of the current paragraph (extractors
    join inline pieces and split at line breaks differently than the page shows them)."""
    norms = [_norm(b) for b in blocks]
    inside = [False] * len(blocks)
    if not main:
        return inside
    joined = "\n".join(main)
    # Where each paragraph starts in ``joined``: block texts are searched forward from the last
    # match, so a menu entry repeated in the story ("Opinion") is not taken for it before it starts.
    pos = 0
    for i, nb in enumerate(norms):
        if not nb:
            continue
        k = joined.find(nb, pos)
        # A short block ("Opinion", "World") matches by accident: it counts only when it is a whole
        # paragraph of the main text, or continues right where the last match stopped.
        if k < 0:
            continue
        whole = (k == 0 or joined[k - 1] == "\n") and (k + len(nb) == len(joined) or joined[k + len(nb)] == "\n")
        near = pos > 0 and k - pos <= 1  # continues the last match (an inline piece of its paragraph)
        if len(nb) >= 40 or whole or near:
            inside[i] = True
            pos = k + len(nb)
    return inside


# ---------------------------------------------------------------------------------------------
# Metadata


def _first(*values: object) -> str | None:
    for v in values:
        if isinstance(v, str) and v.strip():
            return " ".join(sanitize(v).split())
    return None


def _site_name(name: str | None) -> str | None:
    """A site name as people write it: pages that give an address ("http://www.tmz.com") get its host."""
    if name and re.match(r"^(?:https?://|www\.)", name, re.I):
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", name, flags=re.I).split("/")[0]
        return host or None
    return name


def _author(name: str | None) -> str | None:
    """An author as the extractor found it, when it is shaped like a name: two words or more, or a
    wire service. A single other word is usually a page control the extractor mistook ("Username")."""
    if not name:
        return None
    if len(name.split()) >= 2:
        return name
    from .clean import AGENCIES

    return name if name.casefold() in AGENCIES else None


def _metadata(html: str, url: str | None) -> dict[str, str | None]:
    import trafilatura

    try:
        # extensive=False: dates come from the page's markup (meta tags, <time>, JSON-LD, the URL);
        # the extensive search parses free text with dateparser and costs about a second a page.
        md = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    except Exception:  # a metadata parser's failure must not lose the page
        md = None
    d = md.as_dict() if md is not None else {}
    return {
        "title": _first(d.get("title")),
        "site_name": _site_name(_first(d.get("sitename"))),
        "author": _author(_first(d.get("author"))),
        "published": _first(d.get("date")),
        "url": _first(d.get("url"), url),
        "description": _first(d.get("description")),
    }


# ---------------------------------------------------------------------------------------------
# The page


# Tags that say only what an element is for on any page (a button, a form, something aside), not
# which part of the page it belongs to: a class or id further out that names the part ("comments",
# "newsletter", "related") says more. A "Post" button of the comment form is of the comments.
_GENERIC_SIGNALS = frozenset({"<button>", "<form>", "<label>", "<legend>", "<aside>", 'role="complementary"'})


def _kind_of(signals: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The innermost structural kind, with the evidence for the reason; past generic tags to the
    first signal that names the part of the page, when there is one."""
    if not signals:
        return None
    return next((s for s in signals if s[1] not in _GENERIC_SIGNALS), signals[0])


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def decode_html(data: bytes, charset: str | None = None) -> str:
    """An HTML document's text: a byte-order mark first, then the HTTP charset, UTF-8 when the bytes
    are valid UTF-8, the charset the page declares, and cp1252 (what browsers assume for latin-1)."""
    import codecs

    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    m = _META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii", "ignore").lower() if m else None
    for name in (charset, "utf-8", declared, "cp1252"):
        codec = _web_codec(name) if name else None
        if not codec:
            continue
        try:
            return data.decode(codec)
        except UnicodeError:
            continue
    return data.decode("cp1252", "replace")


# Python codecs that a page's charset may name but that are not character sets of web pages: some
# turn escapes in the text into characters (unicode_escape), one never decodes (undefined), one is
# quadratic (punycode: a 5 MB page would take minutes), and UTF-7 hides markup (browsers refuse it).
_NOT_CHARSETS = frozenset({"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7"})


def _web_codec(name: str) -> str | None:
    """The Python codec for a charset a server or page names, or None when it is not one a web
    page may use. Latin-1 and ASCII mean cp1252, as in browsers (the WHATWG Encoding standard)."""
    import codecs

    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None  # rot13, base64, zlib...: transforms, not character sets
    return "cp1252" if info.name in ("ascii", "iso8859-1") else info.name


def parse_page(data: bytes | str, url: str | None = None, charset: str | None = None) -> Page:
    """Parse an HTML document into labelled visible blocks and metadata."""
    import lxml.etree
    import lxml.html

    text = decode_html(data, charset) if isinstance(data, bytes) else data
    # lxml refuses str input that declares an encoding; the text is decoded already.
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ValueError("empty document")
    try:
        root = lxml.html.document_fromstring(text)
    except lxml.etree.LxmlError as exc:  # "Document is empty" and the like: not a page
        raise ValueError(str(exc)) from None
    html = lxml.html.tostring(root, encoding="unicode")
    raws = _walk(root)
    texts = [_block_text(r) for r in raws]
    keep = [i for i, t in enumerate(texts) if t]
    raws = [raws[i] for i in keep]
    texts = [texts[i] for i in keep]
    meta = _metadata(html, url)
    inside = _match_main(texts, _main_text(html, fast=len(raws) > FAST_ABOVE_BLOCKS))
    title_at = _title_block(texts, raws, meta.get("title"), inside)
    blocks: list[PageBlock] = []
    for i, (raw, text) in enumerate(zip(raws, texts, strict=True)):
        sig = _kind_of(raw.signals)
        if i == title_at:
            blocks.append(PageBlock(text, raw.tag, None, "the page's headline", True))
        elif inside[i] and not (sig and sig[0] in _ALWAYS_FURNITURE):
            blocks.append(PageBlock(text, raw.tag, None, "part of the page's main text", raw.heading))
        else:
            kind, why = sig if sig else ("other", "")
            reason = _REASONS.get(kind, kind) + (f" ({why})" if why else "")
            blocks.append(PageBlock(text, raw.tag, kind, reason, raw.heading))
    blocks = _teasers(blocks, raws, title_at)
    return Page(tuple(blocks), meta.get("title"), meta.get("site_name"), meta.get("author"),
                meta.get("published"), meta.get("url"), {k: v for k, v in meta.items() if v})


# A heading or list item that is mostly link text points to another page: a teaser of another story
# when the extractor took it for the story (lists of other stories under the article are its most
# common mistake). The story's own links are words inside its sentences, well under this share.
LINK_DENSE = 0.6


def _teasers(blocks: list[PageBlock], raws: Sequence[_Raw], title_at: int | None) -> list[PageBlock]:
    """Other stories' teasers that the main text took in: link headings, the summaries between two
    of them, and the heading over a run of them."""
    out = list(blocks)
    n = len(out)

    def furniture(i: int, kind: str, reason: str) -> None:
        b = out[i]
        out[i] = PageBlock(b.text, b.tag, kind, reason, b.heading)

    for i, (b, raw) in enumerate(zip(out, raws, strict=True)):
        if b.kind is None and i != title_at and (raw.heading or raw.tag == "li") \
                and raw.link_density >= LINK_DENSE:
            furniture(i, "related-links", "a link to another story")
    for i in range(1, n - 1):
        if out[i].kind is None and out[i - 1].kind == "related-links" and out[i + 1].kind == "related-links" \
                and i != title_at and (title_at is None or i > title_at):
            furniture(i, "related-links", "the summary of a linked story, between two links")
    for i in range(n - 2):
        if out[i].kind is None and out[i].heading and i != title_at \
                and out[i + 1].kind == "related-links" and out[i + 2].kind == "related-links":
            furniture(i, "related-links", "the heading over links to other stories")
    return out


def _title_block(texts: Sequence[str], raws: Sequence[_Raw], title: str | None, inside: Sequence[bool]) -> int | None:
    """The block that is the story's headline: the <h1> (or heading) whose words are the title's,
    the one nearest the start of the main text when the page repeats it."""
    if not title:
        return None
    nt = _norm(title)
    first_main = next((i for i, x in enumerate(inside) if x), len(texts))
    best: tuple[tuple[int, int], int] | None = None
    for i, (t, raw) in enumerate(zip(texts, raws, strict=True)):
        n = _norm(t)
        if not n or not raw.heading:
            continue
        if n == nt or (len(n) >= 20 and (n in nt or nt in n)):
            score = (0 if raw.tag == "h1" else 1, abs(first_main - i))
            if best is None or score < best[0]:
                best = (score, i)
    return best[1] if best else None


def _short(text: str, limit: int = 40) -> str:
    """``text`` on one line, without control characters (a class name quoted in a reason is the
    page's, untrusted like its text), cut at ``limit``."""
    t = " ".join(sanitize(text).split())
    return t if len(t) <= limit else t[: limit - 1] + "…"
