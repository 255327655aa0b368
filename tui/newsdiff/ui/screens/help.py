"""F1 / ?: every key of the current screen, the focused widget and the app."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["HelpScreen"]

INTRO = {
    "library": "The loaded articles. Enter reads one; mark two with a and b and press d for their sentence "
               "diff; f lists the facts across all articles. Type to filter.",
    "reader": "One article: boilerplate is dimmed with its kind in the gutter. The cursor moves by "
              "sentence; the panel shows which other outlets report the same fact.",
    "diff": "Sentences of A and B that state the same fact are paired, even when the outlets order "
            "them differently; deleted words of A and inserted words of B are marked; ↕ marks moved pairs.",
    "facts": "Facts (rows) by outlets (columns): ● reports it, ◆ reports a figure that disagrees. "
             "The detail below shows every outlet's wording with quantities highlighted.",
}


def _key_name(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._content(), markup=False)

    def entries(self) -> dict[str, list[tuple[str, str]]]:
        """Keys and what they do, grouped: this screen, the focused widget, everywhere."""
        seen: set[tuple[str, str]] = set()
        groups: dict[str, list[tuple[str, str]]] = {"This screen": [], "In the text or list": [], "Everywhere": []}
        for key, active in self.under.active_bindings.items():
            b = active.binding
            if not b.description:
                continue
            if active.node is self.app:
                group = "Everywhere"
            elif active.node is self.under:
                group = "This screen"
            else:
                group = "In the text or list"
            entry = (_key_name(self.app, key), b.description)
            if (group, b.action) in seen:
                # several keys for one action: show them together
                for n, (k, d) in enumerate(groups[group]):
                    if d == b.description:
                        groups[group][n] = (f"{k}, {entry[0]}", d)
                continue
            seen.add((group, b.action))
            groups[group].append(entry)
        groups["Everywhere"].append(("ctrl+p", "Command palette: open an article, a diff, facts, a theme, "
                                               "a screenshot"))
        return groups

    def _content(self) -> Table:
        name = getattr(self.under, "SCREENSHOT_NAME", "screen")
        table = Table(box=None, expand=True, show_header=False, padding=(0, 2))
        table.add_column("key", no_wrap=True, style="bold")
        table.add_column("action", ratio=1)
        table.add_row(Text(f"Keys — {name}", style="bold underline"), "")
        table.add_row("", Text(INTRO.get(name, ""), style="italic"))
        table.add_row("", "")
        for group, rows in self.entries().items():
            if not rows:
                continue
            table.add_row(Text(group, style="bold"), "")
            for k, d in rows:
                table.add_row(Text(k), Text(d))
            table.add_row("", "")
        table.add_row(Text("Esc", style="dim"), Text("close this help", style="dim"))
        return table
