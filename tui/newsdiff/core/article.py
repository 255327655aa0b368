"""Loading articles from files and folders, and finding one by id or path."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .lazyre import LazyRe
from .text import DecodeError, decode, sanitize

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

MAX_BYTES = 5 * 1024 * 1024
METADATA_FILE = "sources.json"
ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Article:
    """One article as loaded: decoded, LF line ends, no control characters."""

    id: str
    path: Path
    text: str
    source: str | None = None
    source_origin: str | None = None  # "metadata", "text" or None
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def year(self) -> int | None:
        """Publication year from the metadata's "published" (an ISO date or year), if given."""
        m = re.match(r"^(\d{4})", str(self.meta.get("published") or ""))
        return int(m.group(1)) if m else None


class Skip(NamedTuple):
    """A file that was not loaded, and why."""

    path: Path
    reason: str


class LoadError(Exception):
    """A file could not be loaded as an article."""


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


def self_identified_source(text: str) -> str | None:
    """The outlet the text names as its own publisher, if it does (see ``_SELF_ID``)."""
    for rx in _SELF_ID:
        for m in rx.finditer(text):
            name = _NAME_STOP.split(m.group("name"))[0]
            name = re.sub(r"(?:\s+(?:of|the|and|&))+$", "", name.strip(" .,;:'’"))
            if name and name[0].isupper() and len(name) >= 2 and name.lower() not in ("the", "all"):
                return name
    return None


def _metadata_for(folder: Path, cache: dict[Path, dict]) -> dict:
    """``{article id: metadata}`` from the folder's sources.json; its "defaults" apply to every
    article listed in it or not."""
    if folder not in cache:
        entries: dict = {}
        defaults: dict = {}
        meta = folder / METADATA_FILE
        try:
            raw = json.loads(meta.read_text(encoding="utf-8"))
            if isinstance(raw, dict):
                entries = raw.get("articles", raw)
                defaults = raw.get("defaults") if isinstance(raw.get("defaults"), dict) else {}
        except (OSError, ValueError):
            entries = {}
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


def load_article(path: Path, article_id: str | None = None, meta_cache: dict | None = None) -> Article:
    """Load one file. Raises :class:`LoadError` with a short reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_BYTES:
        raise LoadError(f"too large ({size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError("empty file")
    try:
        text = sanitize(decode(data))
    except DecodeError as exc:
        raise LoadError(str(exc)) from exc
    if not text.strip():
        raise LoadError("no text after removing control characters")
    text = text.rstrip("\n")
    aid = article_id or path.stem
    meta = _metadata_for(path.parent, meta_cache if meta_cache is not None else {})[path.stem]
    if not isinstance(meta, dict):
        meta = {}
    source = meta.get("source") if isinstance(meta.get("source"), str) else None
    origin = "metadata" if source else None
    if source is None:
        source = self_identified_source(text)
        origin = "text" if source else None
    return Article(aid, path, text, source, origin, meta)


def iter_article_files(path: Path) -> Iterable[Path]:
    """A file as given; a folder's .txt and .md files, recursively, sorted, hidden ones skipped."""
    if not path.is_dir():
        yield path
        return
    found: list[Path] = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / f for f in files if not f.startswith(".") and f.lower().endswith(ARTICLE_SUFFIXES)
        )
    yield from sorted(found)


def load_paths(
    paths: Sequence[str | Path] | None = None, on_skip: Callable[[Skip], None] | None = None
) -> list[Article]:
    """Load articles from files and folders (none: the bundled seeds).

    Files that cannot be loaded are reported through ``on_skip`` and left out; the same file
    given twice loads once. Ids are file stems, made unique with a ``~2`` suffix when two files
    share a stem.
    """
    roots = [Path(p) for p in paths] if paths else [bundled_seeds()]
    articles: list[Article] = []
    seen_files: set[Path] = set()
    ids: dict[str, int] = {}
    meta_cache: dict[Path, dict] = {}
    for root in roots:
        if not root.exists():
            if on_skip:
                on_skip(Skip(root, "no such file or folder"))
            continue
        for file in iter_article_files(root):
            try:
                key = file.resolve()
            except OSError:
                key = file
            if key in seen_files:
                continue
            seen_files.add(key)
            stem = file.stem
            ids[stem] = ids.get(stem, 0) + 1
            aid = stem if ids[stem] == 1 else f"{stem}~{ids[stem]}"
            try:
                articles.append(load_article(file, aid, meta_cache))
            except LoadError as exc:
                if on_skip:
                    on_skip(Skip(file, str(exc)))
    return articles


def short_ids(ids: Sequence[str], minimum: int = 3) -> dict[str, str]:
    """The shortest prefix (at least ``minimum`` characters) that tells each id from the others."""
    out = {}
    for aid in ids:
        n = min(minimum, len(aid))
        while n < len(aid) and any(o != aid and o.startswith(aid[:n]) for o in ids):
            n += 1
        out[aid] = aid[:n]
    return out


def find_article(articles: Sequence[Article], ref: str) -> Article:
    """An article by id, unique id prefix, or path. Raises LookupError with a clear message."""
    for a in articles:
        if a.id == ref:
            return a
    p = Path(ref)
    if p.exists():
        try:
            target = p.resolve()
            for a in articles:
                if a.path.resolve() == target:
                    return a
        except OSError:
            pass
    matches = [a for a in articles if a.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(a.id for a in articles[:8]) + (" ..." if len(articles) > 8 else "")
        raise LookupError(f"no article '{ref}' (known: {known})")
    names = ", ".join(a.id for a in matches[:6]) + (" ..." if len(matches) > 6 else "")
    raise LookupError(f"'{ref}' is ambiguous: it matches {names}")
