"""The newsdiff Textual app: library, reader, diff and facts screens over a loaded corpus.

The app only renders what the core computed. Slow computations (facts, alignments of long
articles) run in thread workers; the library appears as soon as the articles are cleaned.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen
from textual.worker import WorkerCancelled

from ..core.corpus import Corpus, NothingLoaded
from ..core.files import write_error, write_text
from ..core.text import display
from .themes import DEFAULT_THEME, ThemeSet, load_themes, read_config, save_config, variable_defaults

if TYPE_CHECKING:
    from ..core.align import Alignment
    from ..core.facts import Fact

__all__ = ["NewsdiffApp", "run_app", "take_screenshot"]


class DataCommands(Provider):
    """Palette entries made from data — articles, diffs, the screenshot folder — as plain
    ``Content``: Textual's system commands parse their titles and help as markup, so a file named
    ``[@click=app.quit]x.txt`` would act, and one with ``[/]`` in its headline would crash."""

    _cached: list[tuple[str, str, Callable[[], object]]] | None = None

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Built once per opening of the palette, not on every keystroke (each entry's texts pass
        the sanitiser; with 40 articles there are hundreds of diff entries)."""
        if self._cached is None:
            app = self.app
            assert isinstance(app, NewsdiffApp)
            self._cached = app.palette_entries()
        return self._cached

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries()[:1]:  # the screenshot; articles are searched for
            yield Hit(1.0, Content(title), callback, text=title, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score, offsets = matcher.fuzzy_search.match(matcher.query, title)
            if score > 0:
                prompt = Content(title)
                for offset in offsets:
                    prompt = prompt.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, prompt, callback, text=title, help=Content(help_text))  # type: ignore[arg-type]


class NewsdiffApp(App):
    """Read one story as told by several outlets (see the package README for the keys)."""

    CSS_PATH = "newsdiff.tcss"
    TITLE = "newsdiff"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {DataCommands}

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
        upgrade_similarity: bool = False,
        skipped: Sequence[str] = (),
    ) -> None:
        """``upgrade_similarity``: the corpus judges pairs by words; once the articles are cleaned a
        worker embeds their sentences and switches it to the semantic measure, and the screens
        showing pairs or facts redraw with the new ones (``similarity_changed``). ``skipped``: the
        lines said on stderr for inputs that did not load (the app's screen hides them)."""
        super().__init__()
        self.corpus = corpus
        self.upgrade_similarity = upgrade_similarity
        self.screenshot_dir = Path(screenshot_dir) if screenshot_dir else Path.cwd()
        self.remember_theme = remember_theme
        self.theme_set = theme_set or load_themes()
        self._threshold: float | None = None
        self.marks: dict[str, int | None] = {"a": None, "b": None}
        self._lock = threading.Lock()
        self.crash: BaseException | None = None  # an unexpected error that ended the app
        config = read_config()
        self._startup_messages: list[tuple[str, str]] = [(e, "error") for e in self.theme_set.errors]
        self._startup_messages += [(problem, "warning") for problem in config.problems]
        if skipped:
            shown = "; ".join(skipped[:3]) + (f"; and {len(skipped) - 3} more" if len(skipped) > 3 else "")
            self._startup_messages.append(
                (f"Loading said {len(skipped)} thing{'s' if len(skipped) != 1 else ''}: {shown} "
                 "(also on the terminal after quitting)", "warning"))
        for t in self.theme_set.themes:
            self.register_theme(t)
        self.theme = self._choose_theme(theme, config.values.get("theme"))

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

    def _choose_theme(self, requested: str | None, remembered: str | None = None) -> str:
        wanted = requested or remembered or DEFAULT_THEME
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
        if not self.is_headless:
            self._handle_signals()

    # -- what is shown --------------------------------------------------------------------------

    def notify(self, message: object, *, title: object = "", severity="information",  # type: ignore[override]
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification, from any screen: its text made safe to show (``display``) and never
        read as markup (file names, theme names and error messages are data; ``markup`` is ignored)."""
        super().notify(display(message, multiline=True), title=display(title), severity=severity,
                       timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every header's title and sub-title (sources, ids, headlines), made safe to show."""
        return super().format_title(display(title), display(sub_title))

    # -- signals and crashes --------------------------------------------------------------------

    EXIT_ON_SIGNAL = {signal.SIGTERM: 143, signal.SIGHUP: 129}

    def _handle_signals(self) -> None:
        """SIGTERM and SIGHUP end the app the normal way, so the terminal is restored (alternate
        screen left, mouse reporting off, cursor shown) instead of being left broken."""
        loop = asyncio.get_running_loop()
        for signum, code in self.EXIT_ON_SIGNAL.items():
            # not possible outside the main thread or on platforms without these signals
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, lambda code=code: self.exit(return_code=code))

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error: it ends the app (exit status 1) and prints a long
        # traceback. newsdiff keeps the error for run_app's one line; the traceback is printed only
        # with NEWSDIFF_DEBUG=1 (see _print_error_renderables).
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if os.environ.get("NEWSDIFF_DEBUG"):
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()

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

    @contextmanager
    def _computing(self) -> Iterator[None]:
        """One computation at a time, with Python's cyclic garbage collector paused and its
        results moved out of the collector's sight when it ends.

        The corpus, its alignments and facts live as long as the app: a full collection walks all
        of them (tens of thousands of objects for two 2,000-sentence articles), and while it runs,
        in any thread, the event loop waits: pauses of 100-200 ms on this machine. Frozen objects
        are still freed when nothing refers to them; only reference cycles among them would stay.
        """
        with self._lock:
            enabled = gc.isenabled()
            gc.disable()
            try:
                yield
            finally:
                gc.freeze()
                if enabled:
                    gc.enable()

    def clean(self) -> None:
        """Clean every article (the library's worker; the first use of the documents)."""
        with self._computing():
            self.corpus.documents  # noqa: B018
        if self.upgrade_similarity:
            self.upgrade_similarity = False
            self.call_from_thread(self._upgrade)

    def _upgrade(self) -> None:
        self.run_worker(self._embed, thread=True, exclusive=True, group="similarity")

    def _embed(self) -> None:
        """Embed every sentence (slow the first time, from the disk cache after: it needs no lock,
        the comparisons read none of it), then switch the measure between two computations."""
        ok = self.corpus.embed_all()
        if ok:
            with self._computing():
                ok = self.corpus.use_semantic()
        self.call_from_thread(self._similarity_changed, ok)

    def _similarity_changed(self, ok: bool) -> None:
        if not ok:
            note = self.corpus.similarity_note
            if note:
                self.notify(f"Pairs are judged by words alone: the semantic measure is not available ({note}).",
                            severity="warning", timeout=8)
            return
        # Said only where the view on screen changes with it (a diff, the reader's cross-references):
        # on the library nothing moves, and a toast on every start would cover the preview; the
        # diff's header names the measure wherever it is opened.
        if getattr(self.screen, "similarity_changed", None) is not None:
            self.notify("Pairs are now judged by meaning too (semantic similarity).", timeout=4)
        for screen in self.screen_stack:
            changed = getattr(screen, "similarity_changed", None)
            if changed is not None:
                changed()

    def alignment(self, a: int, b: int, cancelled: Callable[[], bool] | None = None) -> Alignment | None:
        """The alignment of documents ``a`` and ``b`` at the current threshold; None when
        ``cancelled()`` says, once this computation's turn comes, that it is no longer wanted."""
        with self._computing():
            if cancelled is not None and cancelled():
                return None
            return self.corpus.alignment(a, b, self.threshold)

    def facts(self) -> list[Fact]:
        with self._computing():
            return self.corpus.facts(self.threshold)

    # -- screenshots ----------------------------------------------------------------------------

    def action_screenshot(self) -> None:
        """Save an SVG of the screen as the user sees it, without the notifications on it (earlier
        "Screenshot saved" toasts would cover the right half): they are hidden for the capture,
        which waits for the screen to be drawn without them, and the new one comes after."""
        racks = list(self.screen.query("#textual-toastrack"))
        for rack in racks:
            rack.display = False

        def capture() -> None:
            try:
                self._save_screenshot()
            finally:
                for rack in racks:
                    rack.display = True

        self.screen.call_after_refresh(capture)

    def _save_screenshot(self) -> None:
        name = getattr(self.screen, "SCREENSHOT_NAME", "screen")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = self.screenshot_dir
        svg = portable_svg(self.export_screenshot())
        path = folder / f"newsdiff-{name}-{stamp}.svg"
        n = 2
        while True:
            try:
                write_text(path, svg)  # a new file only: never overwrites
                break
            except FileExistsError as exc:
                if not os.path.lexists(path):  # said of a folder on the way: a file stands there
                    self.notify(f"Screenshot not saved: {write_error(exc, path)}", severity="error")
                    return
                path = folder / f"newsdiff-{name}-{stamp}-{n}.svg"
                n += 1
            except OSError as exc:
                self.notify(f"Screenshot not saved: {write_error(exc, path)}", severity="error")
                return
        self.notify(f"Screenshot saved: {path}", title="Screenshot", timeout=6)

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's saves to ~/Downloads; ours (DataCommands) saves here
                yield command
        yield SystemCommand("Facts", "Facts across all articles and where outlets disagree", self.open_facts)
        yield SystemCommand("Library", "Back to the list of articles", self.action_library)

    def palette_entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(title, help, action) of the palette entries made from data (see ``DataCommands``),
        every value made safe to show."""
        entries: list[tuple[str, str, Callable[[], object]]] = [
            ("Screenshot", f"Save an SVG of this screen in {display(self.screenshot_dir)}", self.action_screenshot),
        ]
        docs = self.corpus.documents
        for i, d in enumerate(docs):
            entries.append((f"Open {display(d.id)}", f"{display(d.source or 'source unknown')} — {display(d.headline)}",
                            lambda i=i: self.open_reader(i)))
        if len(docs) <= 40:
            for i in range(len(docs)):
                for j in range(i + 1, len(docs)):
                    a, b = docs[i], docs[j]
                    entries.append((f"Diff {display(a.id)} / {display(b.id)}",
                                    f"{display(a.source or a.id)} vs {display(b.source or b.id)}",
                                    lambda i=i, j=j: self.open_diff(i, j)))
        return entries

    def action_library(self) -> None:
        from .screens.library import LibraryScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()


# ------------------------------------------------------------------------------------------------


def _say(line: str) -> None:
    if sys.stderr is not None:
        print(f"newsdiff: {display(line)}", file=sys.stderr)


def _semantic_wanted() -> bool:
    """Whether the semantic measure is installed and not turned off (a cheap check: nothing heavy
    is imported)."""
    from ..core import semantic

    return semantic.available()


def _load(paths: Sequence[str] | None, clean: bool = True, refresh: bool = False,
          similarity: str | None = "lexical", skipped: list[str] | None = None) -> Corpus | str:
    """The corpus, lexical by default: the app shows word-judged pairs at once and upgrades them in
    a worker (``NewsdiffApp.upgrade_similarity``). Each input skipped is said on stderr and, with
    ``skipped``, kept there too."""
    def skip(s) -> None:
        _say(s.line())
        if skipped is not None:
            skipped.append(s.line())

    try:
        corpus = Corpus.load(list(paths or []) or None, on_skip=skip, refresh=refresh, similarity=similarity)
    except NothingLoaded as exc:
        return str(exc)
    if clean:
        corpus.documents  # noqa: B018
    return corpus


def run_app(paths: Sequence[str] | None = None, theme: str | None = None, screenshot_dir: str | None = None,
            refresh: bool = False) -> int:
    """Run the app in this terminal; returns the exit status: 0, 1 when it crashed (one line on
    stderr; the traceback with NEWSDIFF_DEBUG=1), 2 when nothing could be loaded, 129/143 when
    ended by SIGHUP/SIGTERM."""
    # Files are read (and bad ones reported) before the app starts; cleaning waits for the
    # library screen, which draws the list first and fills in the counts from a worker.
    skipped: list[str] = []
    corpus = _load(paths, clean=False, refresh=refresh, skipped=skipped)
    if isinstance(corpus, str):
        _say(corpus)
        return 2
    app = NewsdiffApp(corpus, theme=theme, screenshot_dir=screenshot_dir, upgrade_similarity=_semantic_wanted(),
                      skipped=skipped)
    app.run()
    if app.crash is not None:
        from ..cli import internal_error_line

        if not os.environ.get("NEWSDIFF_DEBUG"):
            _say(internal_error_line(app.crash))
        return 1
    return app.return_code or 0


def portable_svg(svg: str) -> str:
    """The exported SVG marked ``xml:space="preserve"``: each run of text is positioned by its first
    cell, and renderers that strip leading spaces (librsvg, hence ``rsvg-convert`` and many image
    viewers) otherwise draw an indented line from the column's edge and run styled words together."""
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1) if "xml:space=" not in svg[:500] else svg


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
            # A worker superseded by a newer one of its group (exclusive) ends cancelled: the newer
            # one is waited for in the next round.
            with contextlib.suppress(WorkerCancelled):
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
    overwrite: bool = False,
) -> str | None:
    """Render ``view`` headless and write an SVG to ``output`` (an existing file only with
    ``overwrite``); returns an error message or None."""
    corpus = _load(paths, refresh=refresh, similarity=None)  # a picture of the final state: semantic if installed
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
    svg = portable_svg(asyncio.run(_shoot(app, view, indices, size)))
    try:
        write_text(output, svg, overwrite=overwrite)
    except FileExistsError as exc:
        message = write_error(exc, output)
        return message + " (--force overwrites it)" if message.endswith("already exists") else message
    except OSError as exc:
        return write_error(exc, output)
    return None
