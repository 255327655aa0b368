"""Loading articles from files and folders, and finding one by id or path."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .files import MAX_BYTES, LoadError, Skip, file_key, read_file, reason_for, walk_files
from .lazyre import LazyRe
from .text import DecodeError, decode, first_line, sanitize

__all__ = [
    "MAX_BYTES",
    "METADATA_FILE",
    "Article",
    "LoadError",
    "Skip",
    "bundled_seeds",
    "data_dir",
    "find_article",
    "iter_article_files",
    "load_article",
    "load_paths",
    "self_identified_source",
    "short_ids",
]

METADATA_FILE = "sources.json"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Article:
    """One article as loaded: decoded, LF line ends, no control characters."""

    id: str
    path: Path
    text: str
    source: str | None = None
    source_origin: str | None = None  # "metadata", "page", "text" or None
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    format: str = "text"  # "text", "markdown" or "html"
    # Saved pages only: per line of ``text``, (kind, reason) for what the page's structure shows is
    # not the story, ("@headline", reason) for its headline, None for the story's text.
    structure: tuple[tuple[str, str] | None, ...] | None = field(default=None, compare=False, hash=False)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def url(self) -> str | None:
        """Where the article was published (a page's canonical URL, or metadata's "url")."""
        return _str_or_none(self.meta.get("url"))

    @property
    def published(self) -> str | None:
        """The publication date as given (ISO 8601 from pages), if known."""
        return _str_or_none(self.meta.get("published"))

    @property
    def author(self) -> str | None:
        return _str_or_none(self.meta.get("author"))

    @property
    def year(self) -> int | None:
        """Publication year from the metadata's "published" (an ISO date or year), if given."""
        m = re.match(r"^(\d{4})", str(self.meta.get("published") or ""))
        return int(m.group(1)) if m else None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def data_dir(name: str) -> Path:
    """The bundled ``seeds`` or ``themes`` folder: inside the wheel, or at the top of a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / name, here.parent.parent / name):
        if candidate.is_dir():
            return candidate
    return here / "_data" / name


def bundled_seeds() -> Path:
    return data_dir("seeds")


# How articles name their own outlet. Each pattern captures a run of capitalised words (the name);
# they come from archive notices, copyright lines and republication notes, which is how pages say
# who published them.
_NAME = r"(?P<name>(?:[A-Z][\w&’'.-]*|of|the|and|&)(?:[ \t]+(?:[A-Z][\w&’'.-]*|of|the|and|&)){0,5})"
_SELF_ID = [
    LazyRe(r"\b(?:online |digital )?archives? (?:for|of) (?:the )?" + _NAME),
    LazyRe(r"(?:©|\(c\)|\bcopyright\b)[ \t]*(?:\d{4}(?:[-–]\d{2,4})?[ \t]*,?[ \t]*)?" + _NAME, re.I),
    LazyRe(r"\b(?:article|story|piece) (?:was )?(?:first |originally )?(?:appeared|published) "
               r"(?:on|in|by) (?:the )?" + _NAME),
]
_NAME_STOP = LazyRe(r"\b(?:which|that|who|and all|all rights|inc\b|ltd\b)", re.I)


# A copyright *line* names the site: it carries a year, "all rights reserved" or the word itself. A
# bare "© Xinhua" under a picture credits the photographer's agency, not the article's publisher.
_COPYRIGHT_LINE = LazyRe(r"\b(?:19|20)\d{2}\b|rights reserved|\bcopyright\b", re.I)
_PICTURE_WORDS = LazyRe(r"\b(?:photo|photos|image|images|picture|pictures|credit|video|footage|screengrab)\b", re.I)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:] if end < 0 else text[start:end]


# Pages name their publisher in their furniture, at the top (archive notices) or the bottom
# (copyright lines, republication notes): only this much of each end of a longer text is searched,
# which is all of any real article and keeps a 5 MB file from costing a second.
SELF_ID_REACH = 50_000


def _may_self_identify(text: str) -> list[bool]:
    """For each ``_SELF_ID`` pattern, whether the text holds the word it cannot match without
    ("archive"; the copyright sign or word, in any case; "appeared" or "published"). Scanning a
    text with these patterns is most of the time of loading a large folder, and most articles
    hold none of the words."""
    low = text.lower()
    return ["archive" in text, "©" in text or "(c)" in low or "copyright" in low,
            "appeared" in text or "published" in text]


def self_identified_source(text: str) -> str | None:
    """The outlet the text names as its own publisher, if it does (see ``_SELF_ID``)."""
    if len(text) > 2 * SELF_ID_REACH:
        text = text[:SELF_ID_REACH] + "\n" + text[-SELF_ID_REACH:]
    for n, (rx, may) in enumerate(zip(_SELF_ID, _may_self_identify(text), strict=True)):
        if not may:
            continue
        for m in rx.finditer(text):
            if n == 1:  # the copyright pattern: only a copyright line, never a picture's credit
                line = _line_at(text, m.start())
                if not _COPYRIGHT_LINE.search(line) or _PICTURE_WORDS.search(line):
                    continue
            name = _NAME_STOP.split(m.group("name"))[0]
            name = re.sub(r"(?:\s+(?:of|the|and|&))+$", "", name.strip(" .,;:'’"))
            if name and name[0].isupper() and len(name) >= 2 and name.lower() not in ("the", "all"):
                return name
    return None


def _metadata_for(folder: Path, cache: dict[Path, dict], on_skip: Callable[[Skip], None] | None = None) -> dict:
    """``{article id: metadata}`` from the folder's sources.json; its "defaults" apply to every
    article listed in it or not. A sources.json that cannot be read or is not JSON is reported
    (once) and ignored."""
    if folder not in cache:
        entries: dict = {}
        defaults: dict = {}
        meta = folder / METADATA_FILE
        try:
            raw = json.loads(read_file(meta).decode("utf-8-sig"))
            if isinstance(raw, dict):
                entries = raw.get("articles", raw)
                defaults = raw.get("defaults") if isinstance(raw.get("defaults"), dict) else {}
        except LoadError as exc:
            if on_skip and not str(exc).startswith("cannot read: No such file"):
                on_skip(Skip(meta, str(exc)))
        except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, or nested too deep to parse
            if on_skip:
                on_skip(Skip(meta, f"not valid JSON ({first_line(exc, 120)}); its sources are ignored"))
        entries = entries if isinstance(entries, dict) else {}
        cache[folder] = _Defaulted(
            {k: {**defaults, **v} for k, v in entries.items() if isinstance(v, dict)}, defaults
        )
    return cache[folder]


class _Defaulted(dict):
    def __init__(self, entries: dict, defaults: dict) -> None:
        super().__init__(entries)
        self.defaults = defaults

    def __missing__(self, key: str) -> dict:
        return dict(self.defaults)


def load_article(
    path: Path,
    article_id: str | None = None,
    meta_cache: dict | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> Article:
    """Load one file. Raises :class:`LoadError` with a short reason (``on_skip`` hears about a
    sources.json beside it that cannot be used)."""
    data = read_file(path)
    if not data.strip():
        raise LoadError("empty file")
    meta = _metadata_for(path.parent, meta_cache if meta_cache is not None else {}, on_skip)[path.stem]
    if path.suffix.lower() in HTML_SUFFIXES:  # saved web pages: see core/webpage.py
        from .webpage import page_article

        return page_article(data, path, article_id or path.stem, meta if isinstance(meta, dict) else {})
    return text_article(data, path, article_id or path.stem, meta if isinstance(meta, dict) else {})


def text_article(data: bytes, path: Path, aid: str, meta: dict) -> Article:
    """An article from the bytes of a text or Markdown file."""
    try:
        text = sanitize(decode(data))
    except DecodeError as exc:
        raise LoadError(str(exc)) from exc
    if not text.strip():
        raise LoadError("no text after removing control characters")
    text = text.rstrip("\n")
    source = meta.get("source") if isinstance(meta.get("source"), str) and meta["source"].strip() else None
    origin = "metadata" if source else None
    if source is None:
        source = self_identified_source(text)
        origin = "text" if source else None
    fmt = "markdown" if path.suffix.lower() == ".md" else "text"
    return Article(aid, path, text, source, origin, meta, fmt)


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


def iter_article_files(path: Path, on_skip: Callable[[Skip], None] | None = None) -> list[Path]:
    """A file as given; a folder's .txt and .md files, recursively, sorted, hidden ones skipped
    (see :func:`files.walk_files` for links, loops and depth)."""
    if not os.path.isdir(path):
        return [path]
    return walk_files(path, _is_article_name, on_skip)


def load_paths(
    paths: Sequence[str | Path] | None = None, on_skip: Callable[[Skip], None] | None = None,
    refresh: bool = False,
) -> list[Article]:
    """Load articles from files, folders and URLs (none: the bundled seeds).

    Files that cannot be loaded are reported through ``on_skip`` and left out; the same file
    given twice loads once. Ids are file stems (for URLs, the last part of the address), made
    unique with a ``~2`` suffix when two share a stem. URLs are read from the cache when they were
    fetched before, unless ``refresh``.
    """
    roots: list[str | Path] = list(paths) if paths else [bundled_seeds()]
    articles: list[Article] = []
    seen_files: set[tuple[int, int] | Path | str] = set()
    ids: dict[str, int] = {}
    meta_cache: dict[Path, dict] = {}

    def next_id(stem: str) -> str:
        ids[stem] = ids.get(stem, 0) + 1
        return stem if ids[stem] == 1 else f"{stem}~{ids[stem]}"

    for given in roots:
        if isinstance(given, str) and _is_url(given):  # web addresses: core/fetch.py
            from .fetch import StaleCopy, url_article, url_stem

            if given.strip() in seen_files:
                continue
            seen_files.add(given.strip())
            try:
                articles.append(url_article(given, next_id(url_stem(given)), refresh))
            except StaleCopy as stale:
                articles.append(stale.article)
                if on_skip:
                    when = f" on {stale.fetched}" if stale.fetched else ""
                    on_skip(Skip(given, f"not fetched again ({stale.reason}); the copy cached{when} is used",
                                 loaded=True))
            except LoadError as exc:
                if on_skip:
                    on_skip(Skip(given, str(exc)))
            continue
        root = Path(given)
        try:
            os.stat(root)
        except (OSError, ValueError) as exc:
            if on_skip:
                missing = isinstance(exc, FileNotFoundError) and not os.path.islink(root)
                on_skip(Skip(root, "no such file or folder" if missing else
                             reason_for(exc) if isinstance(exc, OSError) else f"cannot read: {exc}"))
            continue
        for file in iter_article_files(root, on_skip):
            key = file_key(file) or file
            if key in seen_files:
                continue
            seen_files.add(key)
            aid = next_id(file.stem)
            try:
                articles.append(load_article(file, aid, meta_cache, on_skip))
            except LoadError as exc:
                if on_skip:
                    on_skip(Skip(file, str(exc)))
    return articles


def _is_url(value: str) -> bool:
    return bool(re.match(r"^\s*https?://", value, re.I))


# A short id that would end in one of these is taken one character further: "bridge_" or "plain~"
# reads as a cut word, "bridge_g" and "plain~2" as names.
_ID_SEPARATORS = "_-~. "


def short_ids(ids: Sequence[str], minimum: int = 3) -> dict[str, str]:
    """The shortest prefix (at least ``minimum`` characters) that no other id starts with.

    An id that is itself the start of another ("plain" and "plain~2") is shown whole. The ids are
    sorted once: the longest prefix an id shares with any other is the one it shares with a
    neighbour in sorted order, so this takes O(n log n), not a scan of every other id per id.
    """
    order = sorted(set(ids))
    shared = [0] * len(order)  # longest common prefix with either neighbour
    for n in range(1, len(order)):
        a, b = order[n - 1], order[n]
        k = 0
        for ca, cb in zip(a, b, strict=False):
            if ca != cb:
                break
            k += 1
        shared[n - 1] = max(shared[n - 1], k)
        shared[n] = max(shared[n], k)
    out = {}
    for aid, k in zip(order, shared, strict=True):
        n = min(len(aid), max(minimum, k + 1))
        while n < len(aid) and aid[n - 1] in _ID_SEPARATORS:
            n += 1
        out[aid] = aid[:n]
    return out


def find_article(articles: Sequence[Article], ref: str) -> Article:
    """An article by id, unique id prefix, or path. Raises LookupError with a clear message."""
    for a in articles:
        if a.id == ref or (_is_url(ref) and ref.strip() in (a.meta.get("fetched_from"), a.url)):
            return a
    target = file_key(ref)
    if target is not None:
        for a in articles:
            if file_key(a.path) == target:
                return a
    matches = [a for a in articles if a.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(a.id for a in articles[:8]) + (" ..." if len(articles) > 8 else "")
        raise LookupError(f"no article '{ref}' (known: {known})")
    names = ", ".join(a.id for a in matches[:6]) + (" ..." if len(matches) > 6 else "")
    raise LookupError(f"'{ref}' is ambiguous: it matches {names}")
