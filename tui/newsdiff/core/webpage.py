"""Articles from web pages: a saved ``.html`` file, or a page fetched from a URL (``core/fetch.py``).

The page's visible text becomes the article's text, one block per line; what the page's structure
shows is not the story travels with it (``Article.structure``) for cleaning to start from. The page's
metadata fills in the outlet, author, date and canonical URL, unless ``sources.json`` gives them.
"""

from __future__ import annotations

from pathlib import Path

from .article import Article, LoadError, self_identified_source

__all__ = ["page_article"]


def page_article(data: bytes, path: Path, aid: str, meta: dict, url: str | None = None,
                 charset: str | None = None) -> Article:
    """An article from an HTML document's bytes. Raises :class:`LoadError` with a short reason."""
    from .html import parse_page

    try:
        page = parse_page(data, url, charset)
    except (ValueError, TypeError, LookupError) as exc:  # lxml's parser errors derive from these
        raise LoadError(f"not a readable HTML page ({type(exc).__name__})") from None
    if not page.blocks:
        raise LoadError("no visible text in the page")
    structure = tuple(
        ("@headline", b.reason) if b.kind is None and b.reason == "the page's headline"
        else None if b.kind is None else (b.kind, b.reason)
        for b in page.blocks
    )
    text = page.text
    merged = {k: v for k, v in page.meta.items() if k in ("title", "site_name", "author", "published", "url")}
    merged.update(meta)  # sources.json wins over what the page says about itself
    source = meta.get("source") if isinstance(meta.get("source"), str) else None
    origin = "metadata" if source else None
    if source is None and page.site_name:
        source, origin = page.site_name, "page"
    if source is None:
        source = self_identified_source(text)
        origin = "text" if source else None
    return Article(aid, path, text, source, origin, merged, "html", structure)
