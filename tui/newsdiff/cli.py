"""The ``newsdiff`` command: the app by default, batch sub-commands for scripts.

Exit status: 0 success; 1 the output could not be written, or an unexpected internal error; 2 usage
error, nothing loaded, or an unknown or ambiguous article; 129/143 the app was ended by SIGHUP/SIGTERM;
130 interrupted. Textual is imported only by the app and ``screenshot``. Everything printed for a
person goes through :func:`core.text.display`; JSON through :func:`core.text.json_text`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .core.corpus import Corpus

__all__ = ["main"]

COMMANDS = ("list", "clean", "diff", "facts", "screenshot")
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# What loading skips, for --help (the README's "Loading" says the same at more length).
LOADING_HELP = """\
Loading: folders are searched for .txt, .md, .html and .htm files (hidden ones, links to folders and
folders more than 32 levels deep are left out). Only regular files are read: named pipes, sockets and
devices are skipped, and so are files that are empty, binary, unreadable, over 5 MB (counted while
reading), symlink loops, and a sources.json that is not valid JSON. Each skip is one line on stderr
naming the file and the reason. Control characters, bidi overrides and bytes of a name that are not
UTF-8 are shown as U+FFFD; JSON output keeps the true values.

Exit status: 0 success; 1 the output could not be written, or an internal error (one line; set
NEWSDIFF_DEBUG=1 for a traceback); 2 usage error, nothing loaded, unknown article; 129/143 the app
was ended by SIGHUP/SIGTERM; 130 interrupted."""


class UserError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


class OutputError(Exception):
    """Standard output could not be written (closed, or a full disk); exit status 1."""


def _warn(message: object) -> None:
    """One line on stderr, made safe to show (file names, ids and messages are untrusted)."""
    from .core.text import display

    if sys.stderr is not None:  # `2>&-`: nowhere to say it
        print(f"newsdiff: {display(message)}", file=sys.stderr, flush=True)


def _stdout():
    if sys.stdout is None:  # started with `>&-`
        raise OutputError("standard output is closed")
    return sys.stdout


def _load(paths: Sequence[str], refresh: bool = False, similarity: str | None = None) -> Corpus:
    from .core.corpus import Corpus, NothingLoaded

    try:
        return Corpus.load(list(paths) or None, on_skip=lambda s: _warn(s.line()),
                           refresh=refresh, similarity=None if similarity in (None, "auto") else similarity)
    except NothingLoaded as exc:
        raise UserError(str(exc)) from None


def _similarity_note(corpus: Corpus, asked: str | None) -> None:
    """One line on stderr when the semantic measure was asked for and cannot run."""
    if asked == "semantic" and corpus.similarity != "semantic":
        _warn(f"the semantic similarity is not available ({corpus.similarity_note or 'not installed'}); "
              "pairs are judged by words alone")


def _index(corpus: Corpus, ref: str) -> int:
    try:
        return corpus.index_of(ref)
    except LookupError as exc:
        raise UserError(str(exc.args[0] if exc.args else exc)) from None


def _write(text: str) -> None:
    out = _stdout()
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # /dev/full, a closed descriptor
        raise OutputError(exc.strerror or str(exc)) from exc


def _print_json(obj: Any) -> None:
    import json

    from .core.text import json_text

    _write(json_text(json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)) + "\n")


class _TrimmedLines:
    """A text stream that drops the spaces rich pads lines with (piped output should not end lines
    in spaces); everything else passes through."""

    def __init__(self, out) -> None:
        self.out = out
        self.pending = ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self.out.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.out.write(self.pending.rstrip(" "))
            self.pending = ""
        self.out.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.out.fileno()


class _Console:
    """rich's Console on standard output, with write errors reported as :class:`OutputError`."""

    def __init__(self) -> None:
        from rich.console import Console

        out = _stdout()
        # Piped output has no spaces at line ends; a terminal gets rich's lines as they are.
        self.console = Console(file=out if out.isatty() else _TrimmedLines(out), highlight=False)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)

    def print(self, renderable: Any) -> None:
        try:
            self.console.print(renderable)
            self.console.file.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc


def _console() -> Any:
    return _Console()


# ------------------------------------------------------------------------------------------ commands


def cmd_list(args: argparse.Namespace) -> int:
    from .core.export import article_summary

    corpus = _load(args.paths, args.refresh)
    if args.json:
        _print_json([article_summary(d) for d in corpus.documents])
    else:
        from .render import list_table

        _console().print(list_table(corpus.documents))
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    from .core.export import clean_json

    corpus = _load(args.paths, args.refresh)
    doc = corpus.document(_index(corpus, args.article))
    if args.json:
        _print_json(clean_json(doc))
    elif args.only_content:
        from .core.text import display

        _write(display(doc.clean_text(), multiline=True) + "\n")
    else:
        from .render import clean_view

        _console().print(clean_view(doc, reasons=not args.no_reasons))
    return EXIT_OK


def _plain(console) -> bool:
    """Plain markers instead of styles: output piped, or NO_COLOR set."""
    return not console.is_terminal or console.no_color


def cmd_diff(args: argparse.Namespace) -> int:
    corpus = _load(args.paths, args.refresh, args.similarity)
    a, b = _index(corpus, args.a), _index(corpus, args.b)
    al = corpus.alignment(a, b, args.threshold)
    _similarity_note(corpus, args.similarity)
    if args.json:
        from .core.export import diff_json

        _print_json(diff_json(al))
        return EXIT_OK
    from .render import diff_view

    console = _console()
    console.print(diff_view(al, console.width, args.layout, plain=_plain(console)))
    return EXIT_OK


def cmd_facts(args: argparse.Namespace) -> int:
    corpus = _load(args.paths, args.refresh, args.similarity)
    facts = [f for f in corpus.facts(args.threshold) if len(f.articles) >= args.min_outlets]
    _similarity_note(corpus, args.similarity)
    if args.json:
        from .core.export import facts_json

        _print_json(facts_json(corpus.documents, facts, corpus.similarity))
        return EXIT_OK
    from .render import facts_view

    console = _console()
    console.print(facts_view(corpus.documents, facts, console.width, plain=_plain(console),
                             min_outlets=args.min_outlets))
    return EXIT_OK


def _similarity_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--similarity", choices=("auto", "lexical", "semantic"), default="auto",
                   help="how sentences are compared: by words (lexical), or by words and sentence embeddings "
                        "(semantic, needs pip install 'newsdiff[semantic]'); auto: semantic when installed")


def _threshold(value: str) -> float:
    """A similarity threshold: a number from 1 to 100 (scores are whole-number percentages, so a
    threshold below 1 would pair anything at all)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= x <= 100:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"must be between 1 and 100, not {value}")
    return x


def _min_outlets(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return n


def _size(value: str) -> tuple[int, int]:
    try:
        cols, rows = (int(x) for x in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected COLSxROWS such as 120x40, not {value!r}") from None
    if not (20 <= cols <= 1000 and 5 <= rows <= 500):
        raise argparse.ArgumentTypeError(f"size out of range: {value}")
    return cols, rows


def cmd_screenshot(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .core.files import output_problem
    from .ui.app import take_screenshot

    out = Path(args.output)
    if out.suffix.lower() != ".svg":
        raise UserError(f"the output must be an .svg file, not {out}")
    problem = output_problem(out, overwrite=args.force)
    if problem:  # before the slow part: loading and rendering
        raise UserError(problem)
    _check_theme(args.theme)
    error = take_screenshot(args.view, args.articles, out, args.size, args.theme, args.path, args.refresh,
                            overwrite=args.force)
    if error:
        raise UserError(error)
    _warn(f"saved {out}")
    return EXIT_OK


def _check_theme(name: str | None) -> None:
    """A bad --theme is a warning (the app falls back to its default theme), with the choices."""
    if not name:
        return
    from textual.theme import BUILTIN_THEMES

    from .ui.themes import load_themes

    themes = load_themes()
    for error in themes.errors:
        _warn(error)
    known = set(themes.names) | set(BUILTIN_THEMES)
    if name not in known:
        _warn(f"unknown theme '{name}'; using the default. Available: {', '.join(sorted(known))}")


def cmd_app(args: argparse.Namespace) -> int:
    from .ui.app import run_app

    return run_app(paths=args.paths, theme=args.theme, screenshot_dir=args.screenshot_dir, refresh=args.refresh)


# ------------------------------------------------------------------------------------------ parsing


def _paths_arg(p: argparse.ArgumentParser, positional: bool = True) -> None:
    if positional:
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="article files, folders (.txt/.md/.html, recursively) or http(s) URLs; "
                            "default: the bundled seeds")
    p.add_argument("--refresh", action="store_true",
                   help="fetch URLs again instead of reading the pages cached by an earlier run")


def build_parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The parser for sub-commands and the parser for the app (``newsdiff [PATH ...]``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--version", action="version", version=f"newsdiff {__version__}")

    app = argparse.ArgumentParser(
        prog="newsdiff", parents=[common], epilog=LOADING_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read one news story as told by several outlets and see, sentence by sentence, "
                    f"how they differ. Sub-commands: {', '.join(COMMANDS)} (newsdiff COMMAND --help).",
    )
    _paths_arg(app)
    app.add_argument("--theme", help="colour theme (newsprint, newsroom, contrast, or any Textual theme)")
    app.add_argument("--screenshot-dir", metavar="DIR",
                     help="where the screenshot key saves SVGs (default: the current folder)")

    cmds = argparse.ArgumentParser(prog="newsdiff", parents=[common])
    sub = cmds.add_subparsers(dest="command", required=True, metavar="COMMAND",
                              parser_class=_SubParser)

    p = sub.add_parser("list", help="list the loaded articles")
    _paths_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("clean", help="show one article with its boilerplate labelled")
    p.add_argument("article", metavar="ARTICLE", help="article id, unique id prefix, or path")
    _paths_arg(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="print blocks, labels and sentences as JSON")
    g.add_argument("--only-content", action="store_true", help="print the story's text alone")
    p.add_argument("--no-reasons", action="store_true", help="do not print why a block is boilerplate")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("diff", help="align two articles sentence by sentence and show what differs")
    p.add_argument("a", metavar="A", help="first article (id, unique id prefix, or path)")
    p.add_argument("b", metavar="B", help="second article")
    _paths_arg(p)
    p.add_argument("--json", action="store_true", help="print the alignment as JSON")
    p.add_argument("--threshold", type=_threshold, default=None, metavar="N",
                   help="minimum similarity (1-100) for two sentences to pair (default: 10)")
    p.add_argument("--layout", choices=("auto", "split", "unified"), default="auto",
                   help="side by side, or one column (default: side by side when 110+ columns wide)")
    _similarity_arg(p)
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("facts", help="facts across all articles: who reports what, and where figures disagree")
    _paths_arg(p)
    p.add_argument("--json", action="store_true", help="print facts, mentions, quantities and disagreements as JSON")
    p.add_argument("--threshold", type=_threshold, default=None, metavar="N",
                   help="minimum similarity (1-100) for two sentences to state one fact (default: 10)")
    p.add_argument("--min-outlets", type=_min_outlets, default=2, metavar="N",
                   help="only facts reported by at least N articles (default: 2; 1 lists every sentence)")
    _similarity_arg(p)
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("screenshot", help="render a view headless to an SVG file (no terminal needed)",
                       description="VIEW is library, read ARTICLE, diff A B, or facts.")
    p.add_argument("view", choices=("library", "read", "diff", "facts"), metavar="VIEW",
                   help="library | read | diff | facts")
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="the article(s) the view needs")
    p.add_argument("-o", "--output", required=True, metavar="FILE.svg",
                   help="where to write the SVG (an existing file is an error unless --force)")
    p.add_argument("--force", action="store_true", help="overwrite FILE.svg if it exists")
    p.add_argument("--size", type=_size, default=(120, 40), metavar="COLSxROWS", help="terminal size (default 120x40)")
    p.add_argument("--theme", help="colour theme")
    p.add_argument("-p", "--path", action="append", metavar="PATH",
                   help="load articles from PATH (file, folder or URL; repeatable; default: the bundled seeds)")
    _paths_arg(p, positional=False)
    p.set_defaults(func=cmd_screenshot)

    return cmds, app


class _SubParser(argparse.ArgumentParser):
    """A sub-command's parser that takes options anywhere, also after PATHs
    (``diff A B --json PATH``): argparse's intermixed parsing, which sub-parsers do not get from
    their parent. Its help ends with what loading skips."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", LOADING_HELP)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if getattr(self, "_intermixing", False):
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered cannot fail again when
    Python exits (a closed pipe, a full disk)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


# The app's options (those that take a value, and flags); given before a command ("newsdiff --theme x
# screenshot ..."), they are moved after it rather than the command being taken for a path.
_APP_OPTIONS = ("--theme", "--screenshot-dir")
_APP_FLAGS = ("--refresh",)


def _command_first(argv: list[str]) -> list[str]:
    """``argv`` with a command that follows app options moved to the front (its parser then
    accepts the options, or names them as not its own)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in COMMANDS:
            return [arg, *argv[i + 1 :], *argv[:i]] if i else argv
        if arg in _APP_OPTIONS:
            i += 2
        elif arg in _APP_FLAGS or arg.startswith(tuple(f"{o}=" for o in _APP_OPTIONS)):
            i += 1
        else:
            return argv
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = _command_first(list(sys.argv[1:] if argv is None else argv))
    cmds, app = build_parser()
    try:
        if argv and argv[0] in COMMANDS:
            args = cmds.parse_args(argv)
        elif argv and argv[0] in ("-h", "--help"):
            _write(app.format_help())
            return EXIT_OK
        else:
            args = app.parse_intermixed_args(argv)
            args.func = cmd_app
        return args.func(args)
    except UserError as exc:
        _warn(exc)
        return EXIT_USAGE
    except OutputError as exc:
        _warn(f"cannot write the output: {exc}")
        _quiet_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        _quiet_stdout()
        return EXIT_OK
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 for --help
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("NEWSDIFF_DEBUG"):
            raise
        _warn(internal_error_line(exc))
        return EXIT_ERROR


def internal_error_line(exc: BaseException) -> str:
    """The one line an unexpected error gets (the app's crashes too)."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"internal error: {type(exc).__name__}: {first} (set NEWSDIFF_DEBUG=1 for a traceback)"


def entry() -> None:
    """The ``newsdiff`` command. Interrupted, it exits at once with 130 and nothing more: worker
    threads still computing are not waited for (Python's exit would join them, and a second
    ctrl+c there prints "Exception ignored in threading")."""
    code = main()
    if code == EXIT_INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    raise SystemExit(code)
