"""Length limits that let one giant line degrade gracefully instead of stalling everything.

A file of 5 MB without a line break (a scraped page flattened onto one line, a JSON dump) is one
block of tens of thousands of sentences: every rule, every redraw of that block and every
comparison of its sentences then pays for all of it. Real news paragraphs are well under
:data:`MAX_BLOCK_CHARS` and real sentences under :data:`MAX_SENTENCE_CHARS`, so the limits only
ever change such degenerate input: a longer block is split into several (at a sentence end when
there is one, else at a space), a longer sentence into pieces at spaces, and the headline shown
for an article is cut to :data:`MAX_HEADLINE_CHARS`.
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_BLOCK_CHARS",
    "MAX_HEADLINE_CHARS",
    "MAX_SENTENCE_CHARS",
    "MAX_VOCABULARY_CHARS",
    "cap",
    "cut_points",
    "split_long",
]

# The longest paragraph in the seeds is 640 characters and long-form paragraphs rarely pass 2,500.
MAX_BLOCK_CHARS = 5000
# The longest sentence in the seeds is 330 characters; legal or list-like sentences reach 600-800.
MAX_SENTENCE_CHARS = 1000
# Headlines are under 150 characters; a "headline" longer than this is a paragraph that came first.
MAX_HEADLINE_CHARS = 300
# The vocabulary that cleaning compares other articles' short lines with is read from this much of
# each article: a long-form story is 30,000-60,000 characters.
MAX_VOCABULARY_CHARS = 200_000

# A sentence end followed by a space: where a block is best cut.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _cut(text: str, start: int, limit: int, prefer_sentences: bool) -> tuple[int, int]:
    """Where the piece starting at ``start`` ends, and where the next one starts: the last sentence
    end (or space) in the second half of the window, else a hard cut at the limit."""
    end = start + limit
    low = start + limit // 2
    patterns = (_SENTENCE_END, _SPACE) if prefer_sentences else (_SPACE,)
    for rx in patterns:
        best: tuple[int, int] | None = None
        for m in rx.finditer(text, low, end + 1):
            # a sentence end keeps its punctuation; the whitespace after it goes
            cut = m.start() + len(m.group().rstrip()) if rx is _SENTENCE_END else m.start()
            if cut <= end:
                best = (cut, m.end())
        if best is not None:
            return best
    return end, end


def cut_points(text: str, limit: int, prefer_sentences: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text``, each at most ``limit`` characters, that cover it but for
    the whitespace at the cuts; one piece when the text is short enough."""
    if len(text) <= limit:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end, nxt = _cut(text, start, limit, prefer_sentences)
        pieces.append((start, end))
        start = nxt
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces


def cap(text: str, limit: int = MAX_HEADLINE_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a space, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def split_long(spans: list[tuple[int, int]], text: str, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Sentence spans into ``text`` with every span longer than ``limit`` cut into pieces at spaces."""
    if all(b - a <= limit for a, b in spans):
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        out.extend((a + x, a + y) for x, y in cut_points(text[a:b], limit, prefer_sentences=False))
    return out
