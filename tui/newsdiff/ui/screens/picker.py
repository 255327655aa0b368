"""A modal list of the loaded articles, to choose another side of a diff."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.text import display
from .base import list_keys

__all__ = ["ArticlePicker"]


class ArticlePicker(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *list_keys(),
    ]

    def __init__(self, title: str, current: int | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text(self.title_text, style="bold"), id="picker-title")
            options = []
            for n, d in enumerate(self.app.corpus.documents):  # type: ignore[attr-defined]
                prompt = Text.assemble((display(d.id), "bold"), "  ", (display(d.source or "source unknown"), "italic"),
                                       "\n", display(d.headline))
                options.append(Option(prompt, id=str(n)))
            yield OptionList(*options, id="picker-list")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        if self.current is not None:
            ol.highlighted = self.current
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_edge(self, end: int) -> None:
        ol = self.query_one(OptionList)
        ol.action_last() if end else ol.action_first()

    def action_move(self, delta: int) -> None:
        ol = self.query_one(OptionList)
        ol.action_cursor_down() if delta > 0 else ol.action_cursor_up()
