"""What every newsdiff screen shares."""

from __future__ import annotations

from textual.events import Resize
from textual.screen import Screen

__all__ = ["NARROW_BELOW", "NewsdiffScreen"]

# Below this many columns, panes stack vertically instead of side by side.
NARROW_BELOW = 100


class NewsdiffScreen(Screen):
    SCREENSHOT_NAME = "screen"

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")
