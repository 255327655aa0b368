"""Columns of wrapped rich ``Text`` side by side ("bands"): the line layout of the CLI's diff and
of the app's long views (reader, diff, fact detail).

A band is one row of cells; each cell is wrapped to its column, and the band is as tall as its
tallest cell. Column widths are known in advance (fixed, or an equal share of what the fixed ones
leave), so nothing is measured: a rich Table measures every cell's minimum and maximum width first,
which for a diff of thousands of rows costs more than the alignment. Rich only, never Textual.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

__all__ = ["Band", "Bands", "Cell", "band_lines", "line_segments"]


# Words as rich's wrapper sees them: leading spaces, the word, trailing spaces.
_WORDS = re.compile(r"\s*\S+\s*")


class Cell(NamedTuple):
    text: Text
    width: int | None = None  # None: share the width left over by fixed columns
    justify: str = "left"


Band = list[Cell]


def _widths(band: Band, width: int) -> list[int]:
    fixed = sum(c.width for c in band if c.width is not None)
    gaps = max(0, len(band) - 1)
    flex = sum(1 for c in band if c.width is None)
    share = max(1, (width - fixed - gaps) // flex) if flex else 0
    return [c.width if c.width is not None else share for c in band]


def line_segments(line: Text, console: Console) -> list[Segment]:
    """The segments of one wrapped line, its own style included. ``Text.render`` leaves a text's
    base style to the caller (``__rich_console__`` applies it) and, for a line without spans,
    yields bare segments: a dimmed caption or a muted line number would lose its style on every
    wrapped line that has no highlight."""
    if line.spans:
        return list(line.render(console, end=""))  # spans are combined with the base style here
    if not line.plain:
        return []
    style = console.get_style(line.style, default=Style.null()) if line.style else None
    return [Segment(line.plain, style or None)]


def _plain_offsets(text: str, width: int) -> list[int]:
    """``rich._wrap.divide_line`` for text whose every character is one cell wide (printable ASCII):
    the same breaks, with ``len`` for ``cell_len`` and slicing for ``chop_cells``."""
    breaks: list[int] = []
    offset = 0
    for m in _WORDS.finditer(text):
        start, word = m.start(), m.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # a word longer than a line: folded across lines
            chunks = [word[k:k + width] for k in range(0, len(word), width)]
            for n, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if n == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _wrap_plain(text: Text, width: int, console: Console, justify: str = "left"
                ) -> list[tuple[list[Segment], int]] | None:
    """``Text.wrap`` (left-justified, folding long words) for a one-style text of printable ASCII,
    without building a ``Text`` per line: a long article's only-A/only-B rows are most of a printed
    diff, and rich's general path costs about 0.1 ms a row. None when the text needs that path
    (spans, other justification, line breaks, tabs or characters of other widths)."""
    plain = text.plain
    if text.spans or width < 1 or not plain.isascii() or not plain.isprintable():
        return None
    style = console.get_style(text.style, default=Style.null()) if text.style else None
    if justify != "left":
        # Right or centred: one short line only (line numbers, marks), as ``Lines.justify`` does
        # it: trailing spaces dropped, then padded on the left (centred: on both sides).
        stripped = plain.rstrip()
        if len(stripped) > width or justify not in ("right", "center"):
            return None
        pad = width - len(stripped) if justify == "right" else (width - len(stripped)) // 2
        return [([Segment((" " * pad + stripped).ljust(width), style or None)], width)]
    bounds = [0, *_plain_offsets(plain, width), len(plain)]
    out = []
    for a, b in itertools.pairwise(bounds):
        line = plain[a:b]
        if len(line) > width:  # Text.rstrip_end: trailing spaces past the width go
            line = line[: max(width, len(line.rstrip()))]
        line = line[:width].ljust(width)  # Lines.justify("left"): cropped and padded
        out.append(([Segment(line, style or None)], width))
    return out


def band_lines(band: Band, width: int, console: Console) -> list[list[Segment]]:
    """The band's lines, each a list of segments exactly ``width`` cells wide (columns one space
    apart, short lines padded, anything past ``width`` cropped)."""
    widths = _widths(band, width)
    columns: list[list[tuple[list[Segment], int]]] = []
    for c, w in zip(band, widths, strict=True):
        fast = _wrap_plain(c.text, w, console, c.justify) if c.text else None
        if fast is not None:
            columns.append(fast)
            continue
        lines = c.text.wrap(console, w, justify=c.justify, overflow="fold", no_wrap=False) if c.text else []
        columns.append([(line_segments(line, console), line.cell_len) for line in lines])
    height = max((len(col) for col in columns), default=0) or 1
    space = Segment(" ")
    out = []
    for k in range(height):
        segments: list[Segment] = []
        used = 0
        for n, (col, w) in enumerate(zip(columns, widths, strict=True)):
            if n:
                segments.append(space)
                used += 1
            segs, length = col[k] if k < len(col) else ([], 0)
            if length > w:  # pragma: no cover - wrapping keeps lines within the width
                segs, length = list(Segment.adjust_line_length(segs, w)), w
            segments.extend(segs)
            if length < w:
                segments.append(Segment(" " * (w - length)))
            used += w
        if used < width:
            segments.append(Segment(" " * (width - used)))
        elif used > width:
            segments = list(Segment.adjust_line_length(segments, width))
        out.append(segments)
    return out


def _rstrip(segments: list[Segment]) -> list[Segment]:
    """A line without the padding at its end (printed output should not end lines in spaces)."""
    segments = list(segments)
    while segments and not (segments[-1].style and segments[-1].style.bgcolor):
        last = segments.pop()
        text = last.text.rstrip()
        if text:
            segments.append(Segment(text, last.style, last.control))
            break
    return segments


class Bands:
    """A rich renderable: rows of cells in fixed columns, laid out as bands at the console's width
    (the CLI's diff). ``widths`` as in ``Cell`` (None: a share of the rest); ``justify`` per column."""

    def __init__(self, widths: Sequence[int | None], justify: Sequence[str] = ()) -> None:
        self.widths = list(widths)
        self.justify = list(justify) + ["left"] * (len(self.widths) - len(justify))
        self.rows: list[Band] = []

    def add_row(self, *cells: Text | str) -> None:
        self.rows.append([Cell(c if isinstance(c, Text) else Text(c), w, j)
                          for c, w, j in zip(cells, self.widths, self.justify, strict=True)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for band in self.rows:
            for segments in band_lines(band, options.max_width, console):
                yield from _rstrip(segments)
                yield Segment.line()
