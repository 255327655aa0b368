"""Finding articles by a few typed words (the library's filter)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from .document import Document

__all__ = ["MATCH_AT", "filter_documents", "only_in_boilerplate"]

# A document matches when the query's fuzzy score (rapidfuzz partial_ratio, 0-100) against its
# headline, source or id reaches this, or when the query occurs word for word in its text.
MATCH_AT = 70


def filter_documents(docs: Sequence[Document], query: str) -> list[int]:
    """Indices of documents matching ``query``, best first (all of them, in order, when empty)."""
    q = " ".join(query.split()).casefold()
    if not q:
        return list(range(len(docs)))
    scored = []
    for n, d in enumerate(docs):
        best = _field_score(d, q)
        if best < MATCH_AT and q in d.folded_text:
            best = MATCH_AT
        if best >= MATCH_AT:
            scored.append((-best, n))
    return [n for _, n in sorted(scored)]


def only_in_boilerplate(doc: Document, query: str) -> bool:
    """Whether ``query`` matched ``doc`` only through its boilerplate: not by its headline, source or
    id, and not word for word in its story ("facebook" found in a share bar)."""
    q = " ".join(query.split()).casefold()
    return bool(q) and q in doc.folded_text and q not in doc.folded_story and _field_score(doc, q) < MATCH_AT


def _field_score(doc: Document, q: str) -> float:
    """The best fuzzy score of the folded query ``q`` against the headline, source and id."""
    return max(fuzz.partial_ratio(q, f.casefold()) for f in (doc.headline, doc.source or "", doc.id))
