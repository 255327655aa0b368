"""A line-based scrolling view of long documents: the reader, the diff and the fact detail.

Items (blocks, diff rows, mentions) are rendered by the screen into *bands* of columns of rich
``Text``; the view wraps each column to its width, lays the lines out and draws only the visible
ones (``render_line``), so a diff of thousands of rows is one widget, not thousands.

A cursor moves over *stops* — (item, sub) pairs the screen chooses: every diff row, every content
sentence of an article. The renderer is told which sub of an item is active and marks it; text
marked with the ``ACTIVE`` meta is what the view keeps in sight when the cursor moves.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...bands import Band, Cell, band_lines

__all__ = ["ACTIVE", "Band", "Cell", "DocView", "Renderer"]

# Put this meta on the text of the active stop (Style(meta=ACTIVE)) so the view can scroll to it.
ACTIVE = {"newsdiff-active": True}


# renderer(item, width, active_sub) -> bands; active_sub is None unless the cursor is on this item
Renderer = Callable[[Any, int, "int | None"], list[Band]]


class DocView(ScrollView, can_focus=True):
    """Scrolling, cursor-driven view of rendered items (see module docstring)."""

    COMPONENT_CLASSES = {
        "docview--cursor",
        "docview--gutter",
        "docview--boilerplate",
        "docview--kind",
        "docview--headline",
        "docview--delete",
        "docview--insert",
        "docview--only",
        "docview--moved",
        "docview--score",
        "docview--sentence",
        "docview--match",
        "docview--quantity",
        "docview--disagree",
        "docview--label",
        "docview--differ",
    }

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("ctrl+d", "half(1)", "Half page down", show=False),
        Binding("ctrl+u", "half(-1)", "Half page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class CursorMoved(Message):
        """The cursor reached another stop."""

        def __init__(self, view: DocView, position: tuple[int, int] | None) -> None:
            super().__init__()
            self.view = view
            self.position = position  # the (item, sub) stop, or None when there is nothing

        @property
        def control(self) -> DocView:
            return self.view

    def __init__(self, renderer: Renderer, *, spacing: int = 1, highlight_item: bool = True,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.renderer = renderer
        self.spacing = spacing
        self.highlight_item = highlight_item
        self.items: list[Any] = []
        self.stops: list[tuple[int, int]] = []
        self._lines: list[list[Strip]] = []  # rendered lines per item at _width
        self._offsets: list[int] = [0]
        self._width = 0  # the width the lines were rendered at; 0: a layout is due
        self._layout_due = False

    # -- content ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[Any], stops: Sequence[tuple[int, int]] | None = None,
                  cursor: int = 0) -> None:
        """Replace the content; ``stops`` default to one per item."""
        self.items = list(items)
        self.stops = list(stops) if stops is not None else [(i, 0) for i in range(len(self.items))]
        self._width = 0
        self.set_reactive(DocView.cursor, max(0, min(cursor, len(self.stops) - 1)))
        self._layout()
        self.scroll_to_cursor(animate=False)
        self.post_message(self.CursorMoved(self, self.current_stop))

    def refresh_items(self) -> None:
        """Render everything again (styles or renderer state changed): once, after this refresh,
        however often it is asked for meanwhile (a long article costs a layout each time)."""
        self._width = 0
        self._schedule_layout()

    def _schedule_layout(self) -> None:
        if not self._layout_due:
            self._layout_due = True
            self.call_after_refresh(self._layout_if_due)

    def _layout_if_due(self) -> None:
        self._layout_due = False
        # not laid out by a resize meanwhile, and still on screen (its screen may have been closed)
        if self._width == 0 and self.items and self.is_attached:
            self._layout()
            self.scroll_to_cursor(animate=False)

    @property
    def current_stop(self) -> tuple[int, int] | None:
        return self.stops[self.cursor] if self.stops else None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.items:
            self.call_later(self.refresh_items)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._layout()
            self.scroll_to_cursor(animate=False)

    # -- layout -------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _layout(self) -> None:
        width = self._content_width()
        self._width = width
        self._lines = [self._render_item(i, width) for i in range(len(self.items))]
        self._reindex()

    def _reindex(self) -> None:
        offsets = [0]
        for lines in self._lines:
            offsets.append(offsets[-1] + len(lines))
        self._offsets = offsets
        self.virtual_size = Size(self._width, offsets[-1])
        self.refresh()

    def _active_sub(self, index: int) -> int | None:
        stop = self.current_stop
        return stop[1] if stop is not None and stop[0] == index else None

    def _render_item(self, index: int, width: int) -> list[Strip]:
        bands = self.renderer(self.items[index], width, self._active_sub(index))
        console = self.app.console
        strips: list[Strip] = []
        for band in bands:
            strips.extend(Strip(segments, width) for segments in band_lines(band, width, console))
        strips.extend(Strip.blank(width) for _ in range(self.spacing))
        return strips

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        if not self._lines or line >= self._offsets[-1] or line < 0:
            return Strip.blank(width, self.rich_style)
        item = bisect_right(self._offsets, line) - 1
        strip = self._lines[item][line - self._offsets[item]]
        if self.highlight_item and self.has_focus and self.current_stop is not None and self.current_stop[0] == item:
            strip = strip.apply_style(self.get_component_rich_style("docview--cursor"))
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_style(self.rich_style)

    # -- cursor ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.stops:
            return
        if self._width == 0:  # a layout is due and will draw the cursor where it is
            self.post_message(self.CursorMoved(self, self.current_stop))
            return
        old_item = self.stops[old][0] if 0 <= old < len(self.stops) else None
        new_item = self.stops[new][0]
        for index in {old_item, new_item} - {None}:
            lines = self._render_item(index, self._width)  # type: ignore[arg-type]
            if len(lines) != len(self._lines[index]):  # pragma: no cover - styling never rewraps
                self._lines[index] = lines
                self._reindex()
            else:
                self._lines[index] = lines
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self, self.current_stop))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        stop = self.current_stop
        if stop is None or not self._lines:
            return
        item = stop[0]
        top, lines = self._offsets[item], self._lines[item]
        first = last = None
        for n, strip in enumerate(lines):
            if any(seg.style is not None and seg.style.meta.get("newsdiff-active") for seg in strip):
                first = n if first is None else first
                last = n
        if first is None:
            first, last = 0, max(0, len(lines) - 1 - self.spacing)
        region = Region(0, top + first, self._width, (last or 0) - first + 1)
        self.scroll_to_region(region, animate=animate, spacing=None, force=True)

    def action_move(self, delta: int) -> None:
        if self.stops:
            self.cursor = max(0, min(len(self.stops) - 1, self.cursor + delta))

    def _move_lines(self, lines: int) -> None:
        """Move the cursor to the stop about ``lines`` lines away."""
        if not self.stops:
            return
        stop = self.current_stop
        assert stop is not None
        target = self._offsets[stop[0]] + lines
        item = max(0, min(len(self._lines) - 1, bisect_right(self._offsets, max(0, target)) - 1))
        candidates = [n for n, s in enumerate(self.stops) if (s[0] >= item if lines > 0 else s[0] <= item)]
        if candidates:
            self.cursor = candidates[0] if lines > 0 else candidates[-1]
            if self.cursor == self.stops.index(stop):
                self.action_move(1 if lines > 0 else -1)

    def action_page(self, direction: int) -> None:
        self._move_lines(direction * max(1, self.size.height - 2))

    def action_half(self, direction: int) -> None:
        self._move_lines(direction * max(1, self.size.height // 2))

    def action_first(self) -> None:
        if self.stops:
            self.cursor = 0

    def action_last(self) -> None:
        if self.stops:
            self.cursor = len(self.stops) - 1

    def move_to_stop(self, stop: tuple[int, int]) -> None:
        """Put the cursor on ``stop`` (or the nearest one of the same item)."""
        if stop in self.stops:
            self.cursor = self.stops.index(stop)
            return
        same = [n for n, s in enumerate(self.stops) if s[0] == stop[0]]
        if same:
            self.cursor = same[0]

