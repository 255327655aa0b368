"""The stable JSON shapes of newsdiff's batch commands (documented in README.md).

Every function returns plain dicts/lists of str, int, float, bool and None, ready for ``json.dumps``.
Changing a key here is changing a public interface.
"""

from __future__ import annotations

from typing import Any

from .document import Document

__all__ = ["article_ref", "article_summary", "clean_json"]

SCHEMA_VERSION = 1


def article_ref(doc: Document) -> dict[str, Any]:
    """The short description of an article used inside other objects."""
    return {
        "id": doc.id,
        "path": str(doc.article.path),
        "headline": doc.headline,
        "source": doc.source,
    }


def article_summary(doc: Document) -> dict[str, Any]:
    """One element of ``newsdiff list --json``."""
    return {
        **article_ref(doc),
        "source_origin": doc.article.source_origin,
        "words": doc.words,
        "sentences": len(doc.sentences),
        "boilerplate_lines": doc.boilerplate_lines,
    }


def clean_json(doc: Document) -> dict[str, Any]:
    """``newsdiff clean --json``."""
    return {
        "article": article_ref(doc),
        "blocks": [
            {
                "line": b.line,
                "end_line": b.end_line,
                "label": b.label,
                "kind": b.kind,
                "reason": b.reason,
                "text": b.text,
                "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in b.sentences],
            }
            for b in doc.blocks
        ],
    }
