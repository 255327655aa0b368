"""The newsdiff Textual app: library, reader, diff and facts screens over a loaded corpus.

The app only renders what the core computed. Slow computations (facts, alignments of long
articles) run in thread workers; the library appears as soon as the articles are cleaned.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..core.corpus import Corpus, NothingLoaded
from .themes import DEFAULT_THEME, ThemeSet, load_config, load_themes, save_config, variable_defaults

if TYPE_CHECKING:
    from ..core.align import Alignment
    from ..core.facts import Fact

__all__ = ["NewsdiffApp", "run_app", "take_screenshot"]


class NewsdiffApp(App):
    """Read one story as told by several outlets (see the package README for the keys)."""

    CSS_PATH = "newsdiff.tcss"
    TITLE = "newsdiff"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-priority"),
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("S,ctrl+s", "screenshot", "Screenshot", show=False, id="screenshot"),
        Binding("T", "next_theme", "Theme", show=False, id="next-theme"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        theme: str | None = None,
        screenshot_dir: str | Path | None = None,
        remember_theme: bool = True,
        theme_set: ThemeSet | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.screenshot_dir = Path(screenshot_dir) if screenshot_dir else Path.cwd()
        self.remember_theme = remember_theme
        self.theme_set = theme_set or load_themes()
        self._threshold: float | None = None
        self.marks: dict[str, int | None] = {"a": None, "b": None}
        self._lock = threading.Lock()
        self._startup_messages: list[tuple[str, str]] = [(e, "error") for e in self.theme_set.errors]
        for t in self.theme_set.themes:
            self.register_theme(t)
        self.theme = self._choose_theme(theme)

    @property
    def threshold(self) -> float:
        """The similarity threshold of diffs and facts (the diff screen's [ and ] change it)."""
        if self._threshold is None:
            from ..core.align import DEFAULT_THRESHOLD  # the aligner is imported after the first frame

            self._threshold = DEFAULT_THRESHOLD
        return self._threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        self._threshold = value

    # -- themes ---------------------------------------------------------------------------------

    def _choose_theme(self, requested: str | None) -> str:
        wanted = requested or load_config().get("theme") or DEFAULT_THEME
        if wanted in self.available_themes:
            return wanted
        self._startup_messages.append(
            (f"unknown theme '{wanted}'; using {DEFAULT_THEME}. Available: {', '.join(sorted(self.available_themes))}",
             "warning")
        )
        return DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def _remember_theme(self, theme) -> None:
        if self.remember_theme:
            error = save_config(theme=theme.name)
            if error:
                self.notify(error, severity="warning")

    def action_next_theme(self) -> None:
        ours = [n for n in self.theme_set.names if n in self.available_themes] or ["textual-dark"]
        nxt = ours[(ours.index(self.theme) + 1) % len(ours)] if self.theme in ours else ours[0]
        self.theme = nxt
        self.notify(f"Theme: {nxt}", timeout=2)

    # -- start ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        from .screens.library import LibraryScreen

        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(LibraryScreen())
        for message, severity in self._startup_messages:
            self.notify(message, severity=severity, timeout=10)  # type: ignore[arg-type]

    # -- navigation -----------------------------------------------------------------------------

    def open_reader(self, doc: int, sentence: int | None = None) -> None:
        from .screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(doc, sentence))

    def open_diff(self, a: int, b: int, focus: tuple[str, int] | None = None) -> None:
        from .screens.diff import DiffScreen

        if a == b:
            self.notify("Choose two different articles to compare.", severity="warning")
            return
        self.push_screen(DiffScreen(a, b, focus))

    def open_facts(self) -> None:
        from .screens.facts import FactsScreen

        self.push_screen(FactsScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- computations (thread-safe: screens call these from workers) ----------------------------

    def alignment(self, a: int, b: int) -> Alignment:
        with self._lock:
            return self.corpus.alignment(a, b, self.threshold)

    def facts(self) -> list[Fact]:
        with self._lock:
            return self.corpus.facts(self.threshold)

    # -- screenshots ----------------------------------------------------------------------------

    def action_screenshot(self) -> None:
        name = getattr(self.screen, "SCREENSHOT_NAME", "screen")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = self.screenshot_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"newsdiff-{name}-{stamp}.svg"
            n = 2
            while path.exists():  # never overwrite
                path = folder / f"newsdiff-{name}-{stamp}-{n}.svg"
                n += 1
            with path.open("x", encoding="utf-8") as fh:
                fh.write(self.export_screenshot())
        except OSError as exc:
            self.notify(f"Screenshot not saved: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Screenshot saved: {path}", title="Screenshot", timeout=6)

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's saves to ~/Downloads; ours saves here
                yield command
        yield SystemCommand("Screenshot", f"Save an SVG of this screen in {self.screenshot_dir}",
                            self.action_screenshot)
        yield SystemCommand("Facts", "Facts across all articles and where outlets disagree", self.open_facts)
        yield SystemCommand("Library", "Back to the list of articles", self.action_library)
        for doc_index, d in enumerate(self.corpus.documents):
            yield SystemCommand(f"Open {d.id}", f"{d.source or 'source unknown'} — {d.headline}",
                                lambda i=doc_index: self.open_reader(i), discover=False)
        docs = self.corpus.documents
        if len(docs) <= 40:
            for i in range(len(docs)):
                for j in range(i + 1, len(docs)):
                    yield SystemCommand(f"Diff {docs[i].id} / {docs[j].id}",
                                        f"{docs[i].source or docs[i].id} vs {docs[j].source or docs[j].id}",
                                        lambda a=i, b=j: self.open_diff(a, b), discover=False)

    def action_library(self) -> None:
        from .screens.library import LibraryScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()


# ------------------------------------------------------------------------------------------------


def _load(paths: Sequence[str] | None, clean: bool = True, refresh: bool = False) -> Corpus | str:
    skipped: list[str] = []
    try:
        corpus = Corpus.load(list(paths or []) or None,
                             on_skip=lambda s: skipped.append(f"skipped {s.path}: {s.reason}"), refresh=refresh)
    except NothingLoaded as exc:
        for line in skipped:
            print(f"newsdiff: {line}", file=sys.stderr)
        return str(exc)
    for line in skipped:
        print(f"newsdiff: {line}", file=sys.stderr)
    if clean:
        corpus.documents  # noqa: B018
    return corpus


def run_app(paths: Sequence[str] | None = None, theme: str | None = None, screenshot_dir: str | None = None,
            refresh: bool = False) -> int:
    """Run the app in this terminal; returns the exit status."""
    # Files are read (and bad ones reported) before the app starts; cleaning waits for the
    # library screen, which draws the list first and fills in the counts from a worker.
    corpus = _load(paths, clean=False, refresh=refresh)
    if isinstance(corpus, str):
        print(f"newsdiff: {corpus}", file=sys.stderr)
        return 2
    NewsdiffApp(corpus, theme=theme, screenshot_dir=screenshot_dir).run()
    return 0


async def _shoot(app: NewsdiffApp, view: str, refs: list[int], size: tuple[int, int]) -> str:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if view == "read":
            app.open_reader(refs[0])
        elif view == "diff":
            app.open_diff(refs[0], refs[1])
        elif view == "facts":
            app.open_facts()
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        return app.export_screenshot()


def take_screenshot(
    view: str,
    refs: Sequence[str],
    output: Path,
    size: tuple[int, int] = (120, 40),
    theme: str | None = None,
    paths: Sequence[str] | None = None,
    refresh: bool = False,
) -> str | None:
    """Render ``view`` headless and write an SVG to ``output``; returns an error message or None."""
    corpus = _load(paths, refresh=refresh)
    if isinstance(corpus, str):
        return corpus
    needed = {"library": 0, "facts": 0, "read": 1, "diff": 2}[view]
    if len(refs) != needed:
        return f"'{view}' takes {needed} article{'s' if needed != 1 else ''}, not {len(refs)}"
    try:
        indices = [corpus.index_of(r) for r in refs]
    except LookupError as exc:
        return str(exc.args[0] if exc.args else exc)
    if view == "diff" and indices[0] == indices[1]:
        return "choose two different articles to compare"
    app = NewsdiffApp(corpus, theme=theme, remember_theme=False)
    svg = asyncio.run(_shoot(app, view, indices, size))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(svg, encoding="utf-8")
    except OSError as exc:
        return f"cannot write {output}: {exc.strerror or exc}"
    return None
