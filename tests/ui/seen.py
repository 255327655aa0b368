"""What a person sees: the screen's rendered lines with their styles, and the contrast of what is drawn.

A test reads the strips the terminal receives (after Textual's line filters: dim turned into a
blended colour, NO_COLOR into greys) rather than the widgets' state, so a style that never reaches
the screen is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip

# Characters that draw lines, bars and blocks rather than text (borders, scrollbars, focus marks).
DECORATION = {chr(c) for c in range(0x2500, 0x25A0)} | {" ", "\xa0"}


def screen_strips(app: App) -> list[Strip]:
    """Every row of the current screen as the terminal receives it."""
    return app.screen._compositor.render_strips()


def screen_text(app: App) -> list[str]:
    return [strip.text for strip in screen_strips(app)]


def row_of(app: App, needle: str) -> int:
    """The first screen row that contains ``needle``."""
    for y, text in enumerate(screen_text(app)):
        if needle in text:
            return y
    raise AssertionError(f"{needle!r} is not on the screen:\n" + "\n".join(screen_text(app)))


def cells(strip: Strip) -> Iterator[tuple[int, Segment]]:
    """(column, segment) for the segments of a row."""
    x = 0
    for seg in strip:
        yield x, seg
        x += seg.cell_length


def style_of(app: App, needle: str, row: int | None = None) -> Style:
    """The style of the first character of ``needle`` where it is drawn."""
    y = row_of(app, needle) if row is None else row
    strip = screen_strips(app)[y]
    col = strip.text.index(needle)
    for x, seg in cells(strip):
        if x <= col < x + seg.cell_length:
            return seg.style or Style.null()
    raise AssertionError(f"{needle!r} not found in row {y}")


def text_segments(strip: Strip) -> list[Segment]:
    """The segments of a row that show text (not blanks, borders or bars)."""
    return [s for s in strip if s.text and not set(s.text) <= DECORATION and not s.control]


# -- contrast ----------------------------------------------------------------------------------


RGB = tuple[int, int, int]


def luminance(c: RGB) -> float:
    """WCAG relative luminance of an (r, g, b) colour."""
    r, g, b = c

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Drawn:
    """A run of text as drawn: its final colours, and whether the app meant it to be faint."""

    text: str
    fg: RGB
    bg: RGB
    dim: bool

    @property
    def contrast(self) -> float:
        return contrast(self.fg, self.bg)


class Recorder(LineFilter):
    """Runs the app's own line filters in their place and remembers which final styles were meant
    to be faint: drawn dim, or in one of the ``faint`` theme colours (Textual turns dim into a
    blended colour and NO_COLOR turns colours into greys, so the screen alone cannot tell)."""

    def __init__(self, app: App, filters: list[LineFilter], faint: tuple[str, ...]) -> None:
        super().__init__(enabled=True)
        self.app = app
        self.filters = filters
        self.faint_names = faint
        self.from_faint: set[Style] = set()

    def _is_faint(self, style: Style | None, background: Color) -> bool:
        if style is None:
            return False
        if style.dim:
            return True
        if style.color is None or style.color.triplet is None:
            return False
        bg = Color.from_rich_color(style.bgcolor) if style.bgcolor and style.bgcolor.triplet else background
        fg = tuple(style.color.triplet)
        variables = self.app.theme_variables
        for name in self.faint_names:  # a faint colour may be translucent: compare it over this background
            shown = (bg + Color.parse(variables[name])).rgb
            if all(abs(a - b) <= 2 for a, b in zip(shown, fg, strict=True)):
                return True
        return False

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out = segments
        for f in self.filters:
            if f.enabled:
                out = f.apply(out, background)
        for before, after in zip(segments, out, strict=True):
            if after.style is not None and self._is_faint(before.style, background):
                self.from_faint.add(after.style)
        return out


def record(app: App, faint: tuple[str, ...] = ("boilerplate", "foreground-muted")) -> Recorder:
    """Put a recorder in place of the app's line filters (before the app runs); ``faint`` names
    the theme variables of dimmed text."""
    recorder = Recorder(app, list(app._filters), faint)
    app._filters = [recorder]
    return recorder


def drawn(app: App, recorder: Recorder, region: Region | None = None) -> set[Drawn]:
    """The text runs on the screen now (inside ``region``: a dialog without the faded screen
    behind it), with their colours as drawn; reverse video swaps them."""
    strips = screen_strips(app)
    region = region or Region(0, 0, app.size.width, len(strips))
    out: set[Drawn] = set()
    for y in range(region.y, region.bottom):
        for x, seg in cells(strips[y]):
            if x + seg.cell_length <= region.x or x >= region.right:
                continue
            if not seg.text or set(seg.text) <= DECORATION or seg.control or seg.style is None:
                continue
            fg, bg = seg.style.color, seg.style.bgcolor
            if fg is None or bg is None or fg.triplet is None or bg.triplet is None:
                continue  # the terminal's own colours: nothing the app chose
            f, b = tuple(fg.triplet), tuple(bg.triplet)
            if seg.style.reverse:
                f, b = b, f
            out.add(Drawn(seg.text.strip()[:40], f, b, seg.style in recorder.from_faint))  # type: ignore[arg-type]
    return out


# -- reading a widget's rows -------------------------------------------------------------------


def widget_rows(app: App, widget, region: Region | None = None) -> list[tuple[int, list[Segment]]]:
    """(screen row, the segments inside ``widget``'s region, or ``region``) for every row."""
    region = region or widget.region
    strips = screen_strips(app)
    out = []
    for y in range(region.y, region.bottom):
        segs = []
        for x, seg in cells(strips[y]):
            if region.x <= x < region.right and seg.text:
                segs.append(seg)
        out.append((y, segs))
    return out


def bar_at(app: App, widget) -> bool:
    """Whether a focus bar is drawn down the left edge of ``widget``."""
    strips = screen_strips(app)
    region = widget.region
    column = [strips[y].text[region.x : region.x + 1] for y in range(region.y, region.bottom)]
    return bool(column) and all(c == "▌" for c in column)
