"""What every newsdiff screen shares."""

from __future__ import annotations

from pathlib import Path

from textual.events import Resize
from textual.screen import Screen

__all__ = ["NARROW_BELOW", "READING_CSS", "NewsdiffScreen"]

# Below this many columns, panes stack vertically instead of side by side.
NARROW_BELOW = 100
# Styles of the reader, diff and facts screens, parsed when the first of them opens.
READING_CSS = str(Path(__file__).resolve().parent.parent / "reading.tcss")


class NewsdiffScreen(Screen):
    SCREENSHOT_NAME = "screen"

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")
