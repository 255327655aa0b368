"""F1 / ?: every key of the current screen, the focused widget and the app."""

from __future__ import annotations

from rich.console import Group
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
               "diff; f lists the facts across all articles; / filters the list.",
    "reader": "One article: boilerplate is dimmed, in italics, with its kind in the gutter. The cursor "
              "moves by sentence; the panel shows which other outlets report the same fact. Tab moves "
              "between the text and the panel (the focused one has a bar on its left).",
    "diff": "Sentences of A and B that state the same fact are paired, even when the outlets order "
            "them differently; deleted words of A are struck, inserted words of B underlined; a weak "
            "pair (less than half its content words shared) shows its shared content words in bold instead; "
            "↕ marks moved pairs.",
    "facts": "Facts (rows) by outlets (columns): ● reports it, ◆ reports a figure that disagrees. "
             "The detail below shows every outlet's wording with quantities highlighted.",
}


# The key column is never wider than this; longer key lists wrap.
KEY_WIDTH = 16


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
            if not b.description or b.action == "app.command_palette" or b.action == "command_palette":
                continue  # the palette is described once, below, with what it holds
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
        groups["Everywhere"].append((_key_name(self.app, "ctrl+p"),
                                     "Command palette: open an article, a diff, facts, a theme, a screenshot"))
        return groups

    def _content(self) -> Group:
        """The title and what the screen is for across the whole width, then each group's heading
        and keys: the key column is as wide as the longest key (at most ``KEY_WIDTH``), the rest
        is for the words."""
        name = getattr(self.under, "SCREENSHOT_NAME", "screen")
        groups = {g: rows for g, rows in self.entries().items() if rows}
        longest = max((len(k) for rows in groups.values() for k, _ in rows), default=3)
        parts: list = [Text(f"Keys — {name}", style="bold"), Text(INTRO.get(name, ""), style="italic")]
        for group, rows in [*groups.items(), ("", [("Esc", "close this help")])]:
            table = Table(box=None, expand=True, show_header=False, padding=(0, 1), pad_edge=False)
            table.add_column("key", style="bold", width=min(KEY_WIDTH, longest), overflow="fold")
            table.add_column("action", ratio=1)
            for k, d in rows:
                table.add_row(Text(k), Text(d))
            parts += [Text(""), Text(group, style="bold underline"), table] if group else [Text(""), table]
        return Group(*parts)
