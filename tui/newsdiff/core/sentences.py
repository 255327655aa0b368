"""Sentence splitting with exact character offsets.

The splitting itself is sentencex's (maintained, and on the Golden Rules and the seeds far better
than a regex; see STYLE.md). On top of it we only trim whitespace off the spans and rejoin two kinds
of fragment it can leave behind: a piece with no letters or digits (a lone closing quote or
bracket), and a one- or two-word piece after an abbreviation such as "p.m." ("... at 5 p.m. Monday."),
or one that goes on with a time zone or a word in lower case ("at 3:45 p.m. ET from the pad").
"""

from __future__ import annotations

import re

from sentencex import get_sentence_boundaries

from .limits import split_long

__all__ = ["split_sentences"]

_ALNUM = re.compile(r"[^\W_]")
# A lower-case dotted abbreviation at the end of a piece (a.m., p.m., e.g., i.e., etc.) or a short
# title abbreviation that ends a piece only when the splitter was wrong.
_ABBREV_END = re.compile(r"(?:\b[a-z]\.[a-z]\.|\b(?:etc|approx|incl|est|vs)\.)\s*$")
# What continues a sentence after "a.m."/"p.m.": a time zone ("3:45 p.m. ET launch") or a word in
# lower case ("5 p.m. local time").
_CONTINUES = re.compile(r"(?:[A-Z]{1,2}[SD]?T|GMT|UTC|CES?T|AES?T|AEDT|local)\b|[a-z]")


def split_sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, with surrounding whitespace excluded.

    ``text[start:end]`` is the sentence. Empty or whitespace-only text gives no sentences.
    """
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    for b in get_sentence_boundaries(language, text):
        start, end = b["start_index"], b["end_index"]
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        start, end = start + lead, end - trail
        if start >= end:
            continue
        if spans:
            prev_start, prev_end = spans[-1]
            piece = text[start:end]
            fragment = not _ALNUM.search(piece)
            after_abbrev = _ABBREV_END.search(text[prev_start:prev_end]) and (
                len(piece.split()) <= 2 or _CONTINUES.match(piece))
            if fragment or after_abbrev:
                spans[-1] = (prev_start, end)
                continue
        spans.append((start, end))
    return split_long(spans, text)  # a run-on "sentence" of thousands of characters is cut at spaces
