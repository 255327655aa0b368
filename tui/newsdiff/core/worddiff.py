"""Word-level edit operations between two sentences, as character spans of the originals.

The edit script comes from ``rapidfuzz.distance.Indel.opcodes`` over word/punctuation tokens
(``tokens.segments``: compared case-folded, with typographic quotes and dashes unified). Indel has
only insertions and deletions, so a changed word shows as the old word deleted and the new one
inserted, never as a loose "replacement" that pairs unrelated words.

Short runs of common words left "equal" between two changes ("... the ..." inside a rewritten
clause) are folded into the change, as diff-match-patch's semantic clean-up does: otherwise a
rewritten clause shows as a confetti of tiny highlights around every "the" and "and". As there, a run
is folded only when the changes on both sides of it are larger than it (counted in tokens, twice its
length): "when it" after an inserted comma, or "about" between two-word rewrites, stays unmarked,
since a reader sees those words are shared.

Each token carries the whitespace after it, so the spans of the operations tile both sentences:
the ``a`` spans of the equal and delete operations, in order, reassemble sentence A exactly, and the
``b`` spans of the equal and insert operations reassemble sentence B.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz.distance import Indel

from .tokens import STOPWORDS, segments

__all__ = ["Op", "side_pieces", "unified_pieces", "word_ops"]


class Op(NamedTuple):
    op: str  # "equal", "insert" or "delete"
    a: tuple[int, int] | None
    b: tuple[int, int] | None


# An equal run between two changes is folded into them when it is at most this many tokens, all
# function words or punctuation.
FOLD_EQUAL = 2


def _is_filler(key: str) -> bool:
    return key in STOPWORDS or not any(ch.isalnum() for ch in key)


def _change_size(codes: list[tuple[str, int, int, int, int]], n: int, step: int) -> int:
    """Tokens changed (the larger side) in the run of non-equal codes next to ``codes[n]``, going
    back (``step`` -1) or forward (+1)."""
    dele = ins = 0
    k = n + step
    while 0 <= k < len(codes) and codes[k][0] != "equal":
        _, i1, i2, j1, j2 = codes[k]
        dele, ins = dele + i2 - i1, ins + j2 - j1
        k += step
    return max(dele, ins)


def _cleanup(codes: list[tuple[str, int, int, int, int]], keys_a: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Fold short filler 'equal' runs into the surrounding change and merge each change into one
    delete and/or one insert. The sizes of the changes are those of the edit script, before any
    folding, so that one fold does not make its neighbour's look larger (no cascade)."""
    folds = [
        n for n in range(1, len(codes) - 1)
        if codes[n][0] == "equal" and codes[n - 1][0] != "equal" and codes[n + 1][0] != "equal"
        and (size := codes[n][2] - codes[n][1]) <= FOLD_EQUAL
        and all(_is_filler(k) for k in keys_a[codes[n][1]:codes[n][2]])
        and 2 * size < min(_change_size(codes, n, -1), _change_size(codes, n, 1))
    ]
    for n in folds:
        _, i1, i2, j1, j2 = codes[n]
        codes[n] = ("change", i1, i2, j1, j2)
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            out.append((tag, i1, i2, j1, j2))
        elif out and out[-1][0] == "change":
            _, a1, _, b1, _ = out[-1]
            out[-1] = ("change", a1, i2, b1, j2)
        else:
            out.append(("change", i1, i2, j1, j2))
    return out


def word_ops(a: str, b: str) -> list[Op]:
    """Edit operations turning ``a`` into ``b``, word by word (see module docstring)."""
    sa, sb = segments(a), segments(b)
    if not sa or not sb:
        ops = []
        if a:
            ops.append(Op("delete", (0, len(a)), None))
        if b:
            ops.append(Op("insert", None, (0, len(b))))
        return ops
    keys_a = [s.key for s in sa]
    codes = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end)
             for o in Indel.opcodes(keys_a, [s.key for s in sb])]
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in _cleanup(codes, keys_a):
        span_a = (sa[i1].start, sa[i2 - 1].end) if i2 > i1 else None
        span_b = (sb[j1].start, sb[j2 - 1].end) if j2 > j1 else None
        if tag == "equal":
            ops.append(Op("equal", span_a, span_b))
            continue
        if span_a:
            ops.append(Op("delete", span_a, None))
        if span_b:
            ops.append(Op("insert", None, span_b))
    return ops


def side_pieces(text: str, ops: list[Op] | tuple[Op, ...], side: str) -> list[tuple[str, str]]:
    """One side's text cut into (piece, "equal" | "delete" | "insert") for highlighting; ``side``
    is "a" (equal and deleted words) or "b" (equal and inserted words). Joined, the pieces are
    ``text``."""
    out: list[tuple[str, str]] = []
    for o in ops:
        span = o.a if side == "a" else o.b
        if span is not None:
            out.append((text[span[0] : span[1]], o.op))
    return out or [(text, "equal")]


def unified_pieces(a: str, b: str, ops: list[Op] | tuple[Op, ...]) -> list[tuple[str, str]]:
    """Both sentences as one word diff: equal words (from B), deleted words of A, inserted of B.

    Spans from the two sentences meet here, so the space a word had before it in its own sentence
    is kept when the text so far does not end in one ("road in a" must not become "roadin a")."""
    out: list[tuple[str, str]] = []
    for o in ops:
        if o.op == "equal" and o.b is not None:
            src, span, kind = b, o.b, "equal"
        elif o.op == "delete" and o.a is not None:
            src, span, kind = a, o.a, "delete"
        elif o.op == "insert" and o.b is not None:
            src, span, kind = b, o.b, "insert"
        else:
            continue
        if out and span[0] > 0 and src[span[0] - 1].isspace() and not out[-1][0][-1:].isspace():
            out.append((" ", "equal"))
        out.append((src[span[0] : span[1]], kind))
    return out
