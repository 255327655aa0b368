"""A line-based scrolling view of long documents: the reader, the diff and the fact detail.

Items (blocks, diff rows, mentions) are rendered by the screen into *bands* of columns of rich
``Text``; the view wraps each column to its width, lays the lines out and draws only the visible
ones (``render_line``), so a diff of thousands of rows is one widget, not thousands.

Laying out is lazy. Wrapping text costs about half a millisecond an item, so a diff of 2,000 rows
would hold the event loop for a second. The view lays out the items on screen (and a screen either
side) at once, gives the others the mean height seen so far, and measures them in small slices
between events. When a slice finds an item above the window taller or shorter than guessed, the
scroll position moves by the difference, so what is on screen stays where it is. Only the lines of
recently drawn items are kept (a few hundred items): holding every line of a long diff would make
each of Python's full garbage collections walk a million objects, a pause of a few hundred ms.

A cursor moves over *stops* — (item, sub) pairs the screen chooses: every diff row, every content
sentence of an article. The renderer is told which sub of an item is active and marks it; text
marked with the ``ACTIVE`` meta is what the view keeps in sight when the cursor moves.
"""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Any

from rich.style import Style
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

# A slice of background layout stops after this many seconds; then the view sleeps for a moment,
# in which the event loop passes any key through the several message queues it crosses (a bare
# yield would let only one hop happen between two slices).
SLICE_SECONDS = 0.010
BETWEEN_SLICES = 0.002
# The items on screen are laid out at once; those this many screens above and below it follow in
# the first background slices, so that scrolling a little finds them ready.
MARGIN_SCREENS = 1
# Items whose lines are kept (a few screens' worth); the others are measured once and drawn again
# when scrolled to.
CACHED_ITEMS = 150


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
        "docview--shared",
        "docview--unshared",
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

    class LaidOut(Message):
        """Every item is laid out at the current width (the scrollbar is exact)."""

        def __init__(self, view: DocView) -> None:
            super().__init__()
            self.view = view

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
        self._stop_index: dict[tuple[int, int], int] = {}
        self._cache: OrderedDict[int, list[Strip]] = OrderedDict()  # lines of recently drawn items
        self._heights: list[int] = []  # lines per item: measured, or a guess where _measured is 0
        self._measured = bytearray()
        self._todo = 0  # items not measured yet
        self._offsets: list[int] = [0]
        self._width = 0
        self._styles_seen: tuple | None = None
        self._laying_out = False
        self._refresh_due = False
        self._base_style = Style.null()

    # -- content ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[Any], stops: Sequence[tuple[int, int]] | None = None,
                  cursor: int = 0) -> None:
        """Replace the content; ``stops`` default to one per item."""
        guess = self._mean_height()
        self.items = list(items)
        self.stops = list(stops) if stops is not None else [(i, 0) for i in range(len(self.items))]
        self._stop_index = {s: n for n, s in enumerate(self.stops)}
        self.set_reactive(DocView.cursor, max(0, min(cursor, len(self.stops) - 1)))
        self._heights = [guess] * len(self.items)
        self._invalidate()
        self.scroll_to_cursor(animate=False)
        self.post_message(self.CursorMoved(self, self.current_stop))

    def refresh_items(self) -> None:
        """Render everything again (styles or renderer state changed); what is on screen stays.
        Done once, after this refresh, however often it is asked for meanwhile."""
        if not self._refresh_due:
            self._refresh_due = True
            self.call_after_refresh(self._refresh_if_due)

    def _refresh_if_due(self) -> None:
        self._refresh_due = False
        if self.items and self.is_attached:  # its screen may have been closed meanwhile
            self._invalidate()

    @property
    def current_stop(self) -> tuple[int, int] | None:
        return self.stops[self.cursor] if self.stops else None

    @property
    def laid_out(self) -> bool:
        """Whether every item is measured (not only those near the window): the scrollbar is exact."""
        return self._todo == 0

    def item_at(self, line: int) -> int | None:
        """The item drawn on virtual line ``line`` (None past the end)."""
        if not self.items or not 0 <= line < self._offsets[-1]:
            return None
        return bisect_right(self._offsets, line) - 1

    def item_lines(self, index: int) -> range:
        """The virtual lines of item ``index``."""
        return range(self._offsets[index], self._offsets[index + 1])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Focus and hover change the widget's styles; its items only need drawing again when the
        # styles they are rendered with changed (a new theme), not on every focus change.
        if self.items and self.is_mounted and self._item_styles() != self._styles_seen:
            self.call_later(self.refresh_items)

    def part(self, name: str) -> Style:
        """A component's own style (``docview--delete``...), without the widget's colours under
        it: renderers stack these, and a full style would paint the widget's background over the
        cursor's."""
        return self.get_component_rich_style(name, partial=True)

    def _item_styles(self) -> tuple:
        return tuple(self.part(name) for name in sorted(self.COMPONENT_CLASSES))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._invalidate()
            self.scroll_to_cursor(animate=False)

    # -- layout -------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _mean_height(self) -> int:
        measured = [h for h, m in zip(self._heights, self._measured, strict=False) if m]
        return round(sum(measured) / len(measured)) if measured else 2 + self.spacing

    def _invalidate(self) -> None:
        """Forget every item's lines (keeping their heights as guesses), lay out the window now
        and measure the rest in the background."""
        self._width = self._content_width()
        self._styles_seen = self._item_styles() if self.is_mounted else None
        self._cache.clear()
        self._measured = bytearray(len(self.items))
        self._todo = len(self.items)
        self._reindex()
        self._lay_out_window()
        self.refresh()
        if self._todo:
            self.run_worker(self._measure_rest, exclusive=True, group="docview-layout")
        else:
            self.post_message(self.LaidOut(self))

    def _reindex(self, publish: bool = True) -> None:
        """Recompute where each item starts; with ``publish``, tell Textual the new height too (a
        new virtual size lays out the whole screen again, so background slices only do it when
        something on screen moved, and once at the end)."""
        self._offsets = [0, *accumulate(self._heights)]
        if publish:
            self.virtual_size = Size(self._width, self._offsets[-1])

    def _render_item(self, index: int) -> list[Strip]:
        width = self._width
        bands = self.renderer(self.items[index], width, self._active_sub(index))
        console = self.app.console
        strips: list[Strip] = []
        for band in bands:
            strips.extend(Strip(segments, width) for segments in band_lines(band, width, console))
        strips.extend(Strip.blank(width) for _ in range(self.spacing))
        return strips

    def _render(self, index: int, keep: bool = True) -> tuple[list[Strip], bool]:
        """Render item ``index`` (kept in the cache with ``keep``); and whether its height changed."""
        lines = self._render_item(index)
        if keep:
            self._cache[index] = lines
            self._cache.move_to_end(index)
            while len(self._cache) > CACHED_ITEMS:
                self._cache.popitem(last=False)
        if not self._measured[index]:
            self._measured[index] = 1
            self._todo -= 1
        changed = len(lines) != self._heights[index]
        self._heights[index] = len(lines)
        return lines, changed

    def _lay_out(self, indices: Iterable[int], keep: bool = True, deadline: float | None = None) -> int:
        """Render the given items (until ``deadline``, a ``perf_counter`` time, if given); keep the
        first line on screen where it is when items above it change height. Returns how many
        items were rendered."""
        top = round(self.scroll_y)
        anchor = self.item_at(top)
        anchor_offset = top - self._offsets[anchor] if anchor is not None else 0
        changed = above = False
        done = 0
        for i in indices:
            done += 1
            if self._render(i, keep)[1]:
                changed = True
                above = above or (anchor is not None and i < anchor)
            if deadline is not None and time.perf_counter() > deadline:
                break
        if changed or (done and self._todo == 0):
            # the last item measured: tell Textual the exact height before anyone sees laid_out
            self._reindex(publish=keep or above or self._todo == 0)
            if above and top > 0:
                self._scroll_y_to(self._offsets[anchor] + anchor_offset)  # type: ignore[index]
        return done

    def _window(self, margin: int = 0) -> range:
        """The items on screen, and ``margin`` screens above and below it."""
        if not self.items:
            return range(0)
        height = max(1, self.scrollable_content_region.height or self.size.height or 24)
        top = round(self.scroll_y)
        first = self.item_at(max(0, top - height * margin))
        last = self.item_at(min(self._offsets[-1] - 1, top + height * (1 + margin)))
        return range(first or 0, (last if last is not None else len(self.items) - 1) + 1)

    def _lay_out_window(self) -> None:
        if self._laying_out:
            return
        self._laying_out = True
        try:
            # Laying out may change heights and so the window: repeat until it is all laid out.
            for _ in range(8):
                todo = [i for i in self._window() if i not in self._cache]
                if not todo:
                    break
                self._lay_out(todo)
        finally:
            self._laying_out = False

    async def _measure_rest(self) -> None:
        """In slices: lay out the screens around the window, then measure the items not measured
        yet, from the cursor down, then up (their lines are not kept: they are drawn again when
        scrolled to)."""
        near = (i for i in self._window(MARGIN_SCREENS) if i not in self._cache)
        while self._lay_out(near, deadline=time.perf_counter() + SLICE_SECONDS):
            await asyncio.sleep(BETWEEN_SLICES)
        start = self.current_stop[0] if self.current_stop else 0
        order = (*range(start, len(self.items)), *range(start - 1, -1, -1))
        pending = (i for i in order if not self._measured[i])
        while self._lay_out(pending, keep=False, deadline=time.perf_counter() + SLICE_SECONDS):
            await asyncio.sleep(BETWEEN_SLICES)
        self._reindex()
        self.post_message(self.LaidOut(self))

    def _lines_of(self, index: int) -> list[Strip]:
        lines = self._cache.get(index)
        if lines is None:
            self._lay_out([index])
            lines = self._cache[index]
        return lines

    # -- drawing ------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # computed from every ancestor's styles: once a frame
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._base_style
        item = self.item_at(line)
        if item is None:
            return Strip.blank(width, base)
        lines = self._cache.get(item)
        if lines is None:
            # Not laid out yet (drawn before its turn): draw it now; if its height was guessed
            # wrong, the lines below are corrected in the next frame.
            lines = self._render(item)[0]
            self.call_later(self._reindex_window)
        k = line - self._offsets[item]
        strip = lines[k] if k < len(lines) else Strip.blank(self._width)
        if self.highlight_item and self.has_focus and self.current_stop is not None and self.current_stop[0] == item:
            strip = strip.apply_style(self.part("docview--cursor"))
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

    def _reindex_window(self) -> None:
        self._reindex()
        self._lay_out_window()
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.items and round(old_value) != round(new_value):
            self._lay_out_window()

    def _scroll_y_to(self, y: float) -> None:
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    # -- cursor ------------------------------------------------------------------------------

    def _active_sub(self, index: int) -> int | None:
        stop = self.current_stop
        return stop[1] if stop is not None and stop[0] == index else None

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.stops:
            return
        old_item = self.stops[old][0] if 0 <= old < len(self.stops) else None
        new_item = self.stops[new][0]
        for index in {old_item, new_item} - {None}:  # their marks change: draw them again
            self._cache.pop(index, None)  # type: ignore[arg-type]
        self._lay_out(sorted({old_item, new_item} - {None}))  # type: ignore[arg-type]
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self, self.current_stop))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Scroll the least distance that shows the active stop (or its item's start)."""
        stop = self.current_stop
        if stop is None or not self.items:
            return
        item = stop[0]
        lines = self._lines_of(item)
        first = last = None
        for n, strip in enumerate(lines):
            if any(seg.style is not None and seg.style.meta.get("newsdiff-active") for seg in strip):
                first = n if first is None else first
                last = n
        if first is None:
            first, last = 0, max(0, len(lines) - 1 - self.spacing)
        top, bottom = self._offsets[item] + first, self._offsets[item] + (last or 0) + 1
        height = max(1, self.scrollable_content_region.height or self.size.height or 1)
        y = round(self.scroll_y)
        if top < y:
            self._scroll_y_to(top)
        elif bottom > y + height:
            self._scroll_y_to(min(top, bottom - height))
        self._lay_out_window()

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
        item = max(0, min(len(self.items) - 1, bisect_right(self._offsets, max(0, target)) - 1))
        here = self.cursor
        if lines > 0:
            found = next((n for n in range(here, len(self.stops)) if self.stops[n][0] >= item), len(self.stops) - 1)
        else:
            found = next((n for n in range(here, -1, -1) if self.stops[n][0] <= item), 0)
        if found == here:
            self.action_move(1 if lines > 0 else -1)
        else:
            self.cursor = found

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
        if stop in self._stop_index:
            self.cursor = self._stop_index[stop]
            return
        same = next((n for n, s in enumerate(self.stops) if s[0] == stop[0]), None)
        if same is not None:
            self.cursor = same
