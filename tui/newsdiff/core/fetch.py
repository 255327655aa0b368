"""Fetching articles from URLs, and keeping every fetched page in the user's cache folder.

A page is fetched once: later runs read it from ``<cache>/pages/`` (``~/.cache/newsdiff/pages`` on
Linux; ``NEWSDIFF_CACHE_DIR`` overrides the folder) without the network, so a second run or a
screenshot taken later shows the same text; ``refresh=True`` (``--refresh``) fetches it again.

The HTTP client is urllib3 (which trafilatura needs anyway): a timeout for connecting and for each
read plus a bound on the whole download, a size limit, redirects followed (at most 5), and a user
agent that says what newsdiff is. Every failure is a :class:`~newsdiff.core.article.LoadError` with
one short line saying which: the host cannot be resolved, the connection or TLS failed, HTTP 4xx/5xx,
not an HTML page, too large, or timed out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path
from typing import Any

from .. import __version__
from .article import MAX_BYTES, Article, LoadError
from .files import cache_root, read_file
from .text import CONTROL_RE, first_line

__all__ = ["USER_AGENT", "cache_dir", "cached_page", "fetch_page", "is_url", "url_article", "url_stem"]

USER_AGENT = f"newsdiff/{__version__} (reads news pages to compare how outlets tell a story)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
MAX_REDIRECTS = 5
_URL = re.compile(r"^https?://[^\s/]+", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(value: object) -> bool:
    """An http(s) address (what load_paths and the commands hand to this module)."""
    return isinstance(value, str) and bool(_URL.match(value.strip()))


def cache_dir() -> Path:
    """The folder fetched pages are kept in."""
    return cache_root() / "pages"


def url_stem(url: str) -> str:
    """A readable id for a URL: the last meaningful part of its path, or its host."""
    m = re.match(r"^https?://([^/?#]+)([^?#]*)", url.strip(), re.I)
    host, path = (m.group(1), m.group(2)) if m else (url, "")
    parts = [re.sub(r"\.(?:html?|php|aspx?|jsp|cms|shtml)$", "", p, flags=re.I) for p in path.split("/")]
    # Numbers (dates in the path) and generic file names ("index", "story") say nothing about the
    # article: the folder above them does.
    parts = [p for p in parts if p and not re.fullmatch(r"\d{1,4}|index|default|story|article|source|amp",
                                                          p, re.I)]
    stem = parts[-1] if parts else host
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:60]
    return stem or "page"


def _cache_files(url: str) -> tuple[Path, Path]:
    key = hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]
    base = cache_dir() / f"{url_stem(url)[:40]}-{key}"
    return base.with_suffix(".html"), base.with_suffix(".json")


def cached_page(url: str) -> tuple[Path, dict[str, Any]] | None:
    """The cached copy of a URL's page and what was recorded when it was fetched, if there is one."""
    page, info = _cache_files(url)
    if not page.is_file():
        return None
    try:
        meta = json.loads(read_file(info, 1 << 20).decode("utf-8"))  # a regular file, bounded (core/files.py)
    except (LoadError, ValueError, RecursionError):
        meta = {}
    return page, meta if isinstance(meta, dict) else {}


def _reason(exc: BaseException) -> str:
    """One line for the user from urllib3's exception (or the one it wraps)."""
    import urllib3.exceptions as ue

    inner = getattr(exc, "reason", None) if isinstance(exc, ue.MaxRetryError) else exc
    inner = inner or exc
    if isinstance(inner, ue.NameResolutionError) or "NameResolutionError" in type(inner).__name__ \
            or "getaddrinfo" in str(inner) or "Name or service not known" in str(inner):
        return "cannot resolve the host name (DNS)"
    if isinstance(inner, ue.SSLError):
        return "TLS/SSL error: " + _first_line(inner)
    # NewConnectionError derives from ConnectTimeoutError in urllib3: test it first.
    if isinstance(inner, ue.NewConnectionError):
        # "HTTPConnection(host=..., port=...): Failed to establish a new connection: [Errno 111]
        # Connection refused" -> "connection refused"
        why = re.sub(r"^.*new connection:\s*", "", _first_line(inner))
        return "cannot connect: " + re.sub(r"^\[Errno -?\d+\]\s*", "", why).lower()
    if isinstance(inner, (ue.ConnectTimeoutError, ue.ReadTimeoutError, TimeoutError)):
        return "timed out"
    if isinstance(inner, ue.ResponseError) and "redirect" in str(inner).lower():
        return f"too many redirects (more than {MAX_REDIRECTS})"
    if isinstance(inner, ue.ProtocolError):
        return "the connection broke: " + _first_line(inner)
    return f"cannot fetch: {_first_line(inner)}"


def _shown(value: str, limit: int = 60) -> str:
    """A server-given value (reason phrase, content type) safe for one line of a message."""
    return " ".join(CONTROL_RE.sub("", value).split())[:limit]


def _first_line(exc: BaseException) -> str:
    """``text.first_line`` without urllib3's wrapping."""
    text = first_line(exc)
    # urllib3 wraps messages as "<object at 0x...>: Failed to ...": keep the message.
    text = re.sub(r"^<[^>]*>:\s*", "", text)
    text = re.sub(r"^\([^)]*\)\s*", "", text) if text.startswith("(") and ")" in text[:60] else text
    return text[:160] or type(exc).__name__


def _final_url(url: str, resp: Any) -> str:
    """The absolute address the page came from after redirects (a Location header may be relative,
    and urllib3 reports it as given)."""
    from urllib.parse import urljoin

    final = url
    for step in getattr(getattr(resp, "retries", None), "history", None) or ():
        if step.redirect_location:
            final = urljoin(final, step.redirect_location)
    return final


def fetch_page(url: str, refresh: bool = False, *, timeout: float | None = None,
               max_bytes: int = MAX_BYTES) -> tuple[Path, dict[str, Any]]:
    """The cached page of ``url``, fetched first when missing (or when ``refresh``).

    Returns the cached file and its record (``url`` asked, ``final_url`` after redirects,
    ``content_type``, ``fetched`` time). Raises :class:`LoadError` with a one-line reason.
    """
    if not refresh:
        hit = cached_page(url)
        if hit is not None:
            return hit
    import urllib3

    connect = CONNECT_TIMEOUT if timeout is None else timeout
    read = READ_TIMEOUT if timeout is None else timeout
    http = urllib3.PoolManager(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
        timeout=urllib3.Timeout(connect=connect, read=read),
        retries=urllib3.Retry(total=None, connect=0, read=0, other=0, status=0, redirect=MAX_REDIRECTS,
                              raise_on_redirect=True, raise_on_status=False),
    )
    started = time.monotonic()
    try:
        resp = http.request("GET", url.strip(), preload_content=False, redirect=True)
    except urllib3.exceptions.HTTPError as exc:
        raise LoadError(_reason(exc)) from None
    except (ValueError, UnicodeError) as exc:  # a malformed address
        raise LoadError(f"not a valid URL: {_first_line(exc)}") from None
    try:
        if resp.status >= 400:
            raise LoadError(f"HTTP {resp.status} {_shown(resp.reason or '')}".rstrip())
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        m = re.search(r"charset=[\"']?([\w.:-]+)", resp.headers.get("Content-Type") or "", re.I)
        charset = m.group(1).lower() if m else None
        if ctype and ctype not in _HTML_TYPES:
            raise LoadError(f"not an HTML page (Content-Type: {_shown(ctype)})")
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise LoadError(f"too large ({int(length) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:g} MB)")
        chunks: list[bytes] = []
        size = 0
        # A bound on the whole download, not only on each read: a server dripping a byte at a time
        # would otherwise never time out.
        # ``read1`` returns what has arrived (``stream`` would wait for 64 kB, each byte resetting
        # the read timeout, so a server announcing a length and dripping bytes would never end).
        deadline = started + 3 * read
        while chunk := resp.read1(65536):
            size += len(chunk)
            if size > max_bytes:
                raise LoadError(f"too large (more than {max_bytes / 1048576:g} MB)")
            if time.monotonic() > deadline:
                raise LoadError("timed out")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        raise LoadError(_reason(exc)) from None
    finally:
        resp.release_conn()
    data = b"".join(chunks)
    if not data.strip():
        raise LoadError("empty page")
    if not ctype:
        from .html import looks_like_html

        if not looks_like_html(data):
            raise LoadError("not an HTML page (no Content-Type, and not HTML)")
    final = _final_url(url.strip(), resp)
    record = {"url": url.strip(), "final_url": final, "content_type": ctype or None, "charset": charset,
              "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    page, info = _cache_files(url)
    try:
        page.parent.mkdir(parents=True, exist_ok=True)
        tmp = page.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, page)
        info.write_text(json.dumps(record, indent=1), encoding="utf-8")
    except OSError as exc:
        raise LoadError(f"cannot save the page in the cache folder {page.parent}: {exc.strerror or exc}") from None
    return page, record


class StaleCopy(Exception):
    """``--refresh`` could not fetch a page again; its cached copy was used (``article``)."""

    def __init__(self, article: Article, reason: str, fetched: str | None) -> None:
        super().__init__(reason)
        self.article, self.reason, self.fetched = article, reason, fetched


def url_article(url: str, aid: str | None = None, refresh: bool = False, **fetch_options: Any) -> Article:
    """The article of a URL: fetched (or read from the cache) and parsed as a web page. When a
    refresh fails and a copy is cached, :class:`StaleCopy` carries the article made from the copy
    (offline, the page read yesterday beats no page), and the reason."""
    try:
        return _url_article(url, aid, refresh, **fetch_options)
    except LoadError as exc:
        hit = cached_page(url) if refresh else None
        if hit is None:
            raise
        article = _url_article(url, aid, False, **fetch_options)
        fetched = hit[1].get("fetched")
        raise StaleCopy(article, str(exc), fetched if isinstance(fetched, str) else None) from None


def _url_article(url: str, aid: str | None, refresh: bool, **fetch_options: Any) -> Article:
    from .webpage import page_article

    page, record = fetch_page(url, refresh, **fetch_options)
    try:
        data = read_file(page, fetch_options.get("max_bytes", MAX_BYTES))  # a regular file, bounded
    except LoadError as exc:
        raise LoadError(f"cannot read the cached page {page}: {exc}") from None
    final = record.get("final_url") if isinstance(record.get("final_url"), str) else url
    charset = record.get("charset") if isinstance(record.get("charset"), str) else None
    article = page_article(data, page, aid or url_stem(url), {}, url=final, charset=charset)
    meta = dict(article.meta)
    meta.setdefault("url", final)
    meta["fetched_from"] = url.strip()
    return Article(article.id, article.path, article.text, article.source, article.source_origin, meta,
                   article.format, article.structure)
