"""The stable JSON shapes of newsdiff's batch commands (documented in README.md).

Every function returns plain dicts/lists of str, int, float, bool and None, ready for ``json.dumps``.
Changing a key here is changing a public interface.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: `list --json` need not import the alignment machinery
    from .align import Alignment, Side
    from .document import Document
    from .facts import Fact
    from .quantities import Quantity

__all__ = ["article_ref", "article_summary", "clean_json", "diff_json", "facts_json", "quantity_json"]


def article_ref(doc: Document) -> dict[str, Any]:
    """The short description of an article used inside other objects."""
    return {
        "id": doc.id,
        "path": str(doc.article.path),
        "headline": doc.headline,
        "source": doc.source,
        "url": doc.article.url,
        "published": doc.article.published,
        "author": doc.article.author,
        "format": doc.article.format,
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


def _side(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"sentences": list(side.sentences), "line": side.line, "text": side.text}


def diff_json(al: Alignment) -> dict[str, Any]:
    """``newsdiff diff --json``."""
    return {
        "a": article_ref(al.a),
        "b": article_ref(al.b),
        "threshold": al.threshold,
        "similarity": al.similarity,
        "related": al.related,
        "rows": [
            {
                "kind": r.kind,
                "a": _side(r.a),
                "b": _side(r.b),
                "score": r.score,
                "moved": r.moved,
                "ops": [{"op": o.op, "a": list(o.a) if o.a else None, "b": list(o.b) if o.b else None} for o in r.ops],
            }
            for r in al.rows
        ],
        "summary": al.summary(),
    }


def _finite(x: float) -> float | None:
    """A bound or value as JSON allows it: unbounded (or too large to be a float) is null."""
    return round(x, 6) if math.isfinite(x) else None


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {
        "kind": q.kind,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": _finite(q.value) if q.value is not None else None,
        "unit": q.unit,
        "qualifier": q.qualifier,
        "low": _finite(q.low),
        "high": _finite(q.high),
        "base": q.base,
        "subject": q.subject,
    }


def facts_json(docs: Sequence[Document], facts: Sequence[Fact], similarity: str = "lexical") -> dict[str, Any]:
    """``newsdiff facts --json``."""
    return {
        "similarity": similarity,
        "articles": [article_ref(d) for d in docs],
        "facts": [
            {
                "id": f.id,
                "mentions": [
                    {
                        "article": m.article,
                        "line": m.line,
                        "sentence": m.sentence,
                        "text": m.text,
                        "secondary": m.secondary,
                        "quantities": [quantity_json(q) for q in m.quantities],
                    }
                    for m in f.mentions
                ],
                "paired": [list(p) for p in sorted(f.paired)],
                "disagreements": [{"kind": d.kind, "values": d.values, "note": d.note, "role": d.role}
                                  for d in f.disagreements],
            }
            for f in facts
        ],
    }
