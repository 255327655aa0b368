"""Rich renderables for the command-line views (``list``, ``clean``, ``diff``, ``facts``).

Only rich, never textual: these paths must start fast. Article text always goes into ``Text``
objects, so brackets in it are never read as markup, and every value shown passes through
:func:`core.text.display` (ids, sources and headlines come from file names and metadata).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text

from .bands import Bands
from .core.document import Document
from .core.numbers import NUMBER_WORDS
from .core.text import display
from .core.tokens import STOPWORDS

if TYPE_CHECKING:

    from .core.align import Alignment
    from .core.facts import Fact

__all__ = ["changed_figures", "clean_view", "diff_view", "fact_outlets", "facts_view", "hidden_disagrees",
           "highlight_pieces", "is_weak", "list_table", "outlet_marks", "summary_line"]


def _wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped greedily at word boundaries to ``width`` cells (runs of spaces become one;
    a word wider than a line is cut)."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = cell_len(word)
        if size > width:
            if line:
                lines.append(line)
            *whole, word = chop_cells(word, width)
            lines.extend(whole)
            line, used = word, cell_len(word)
        elif line and used + 1 + size > width:
            lines.append(line)
            line, used = word, size
        else:
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
    if line or not lines:
        lines.append(line)
    return lines


class ListTable:
    """The articles as a boxed table, the id above the headline so both fit in 80 columns.

    Drawn by hand at fixed column widths, like the diff's bands: rich's Table measures every cell
    first, which for a folder of 10,000 articles took longer than loading and cleaning them. The
    headline column takes the width the others leave; the source column is as wide as the widest
    source, at most 20 cells. Rows are produced as they are printed.
    """

    HEAD = ("id · headline", "source", "words", "sen-\ntences", "boiler-\nplate")
    NUMBERS = (5, 6, 7)  # widths of the words, sentences and boilerplate columns

    def __init__(self, docs: Sequence[Document]) -> None:
        self.docs = list(docs)
        self.sources = [display(d.source) if d.source else None for d in self.docs]
        self.source_width = min(20, max([len("unknown"), *(cell_len(x) for x in self.sources if x)]))

    def _cells(self, n: int, widths: list[int], console: Console) -> list[list[list[Segment]]]:
        d, source = self.docs[n], self.sources[n]
        bold, dim = console.get_style("bold"), console.get_style("italic dim")
        idw, srcw = widths[0], widths[1]
        first = [[Segment(line, bold)] for line in _wrap(display(d.id), idw)]
        first += [[Segment(line)] for line in _wrap(display(d.headline), idw)]
        return [
            first,
            [[Segment(line)] for line in _wrap(source, srcw)] if source else [[Segment("unknown", dim)]],
            *([[Segment(str(x))]] for x in (d.words, len(d.sentences), d.boilerplate_lines)),
        ]

    @staticmethod
    def _pad(line: list[Segment], width: int, right: bool) -> list[Segment]:
        gap = width - Segment.get_line_length(line)
        return ([Segment(" " * gap), *line] if right else [*line, Segment(" " * gap)]) if gap > 0 else line

    def _row(self, columns: list[list[list[Segment]]], widths: list[int], edge: str, bottom: bool = False):
        height = max(len(c) for c in columns)
        for k in range(height):
            line = [Segment(edge + " ")]
            for i, (col, w) in enumerate(zip(columns, widths, strict=True)):
                if i:
                    line.append(Segment(f" {edge} "))
                skip = height - len(col) if bottom else 0  # header cells sit at the bottom
                line.extend(self._pad(col[k - skip] if 0 <= k - skip < len(col) else [], w, right=i >= 2))
            line.append(Segment(f" {edge}\n"))
            yield from Segment.simplify(line)  # fewer segments: printing 10,000 rows costs half

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # borders and padding take 3 cells a column and 1 more; the id and headline get at least 12
        # cells, taken from the source column (down to 7) when the terminal is narrow
        room = options.max_width - sum(self.NUMBERS) - 3 * (len(self.NUMBERS) + 2) - 1
        source = max(7, min(self.source_width, room - 12))
        widths = [max(12, room - source), source, *self.NUMBERS]
        rule = [("━" * (w + 2)) for w in widths]
        title = f"{len(self.docs)} article{'s' if len(self.docs) != 1 else ''}"
        yield Segment(title, console.get_style("table.title", default="italic"))
        yield Segment.line()
        yield Segment("┏" + "┳".join(rule) + "┓\n")
        bold = console.get_style("bold")
        head = [[[Segment(line, bold)] for part in h.split("\n") for line in _wrap(part, w)]
                for h, w in zip(self.HEAD, widths, strict=True)]
        yield from self._row(head, widths, "┃", bottom=True)
        yield Segment("┡" + "╇".join(rule) + "┩\n")
        for n in range(len(self.docs)):
            if n:
                yield Segment("├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n")
            yield from self._row(self._cells(n, widths, console), widths, "│")
        yield Segment("└" + "┴".join("─" * (w + 2) for w in widths) + "┘\n")


def list_table(docs: Sequence[Document]) -> ListTable:
    """The articles as a table (see :class:`ListTable`)."""
    return ListTable(docs)


def clean_view(doc: Document, reasons: bool = True) -> RenderableType:
    """The article with boilerplate dimmed and its kind in a left margin."""
    from rich.table import Table

    head = Text.assemble((display(doc.id), "bold"), "  ", (display(doc.source or "source unknown"), "italic"))
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", no_wrap=True, width=4, style="dim")
    grid.add_column(justify="left", no_wrap=True, width=15)
    grid.add_column(ratio=1)
    for b in doc.blocks:
        lines = str(b.line) if b.line == b.end_line else f"{b.line}-"
        if b.is_content:
            style = "bold" if b.kind == "headline" else ""
            grid.add_row(lines, Text(""), Text(display(b.text), style=style))
        else:
            body = Text(display(b.text), style="dim")
            if reasons:
                body.append("\n↳ " + display(b.reason), style="dim italic")
            grid.add_row(lines, Text(b.kind, style="dim italic"), body)
        grid.add_row("", "", "")
    return Group(head, Text(""), grid)


# ------------------------------------------------------------------------------------------ diff


# Changed words are marked by style as well as colour, so they survive NO_COLOR and 16 colours.
STYLE_DELETE = "bold red strike"
STYLE_INSERT = "bold green underline"
STYLE_ONLY = "italic"
SPLIT_MIN_WIDTH = 110


# A pair whose two sentences have less than this share of their words in common is *weak*: marking
# what differs would strike or underline nearly every word and hide the fact they share, so a weak
# pair is shown the other way round: the shared words stand out and the rest is muted. Counted on
# the word operations, not the similarity score, so it holds whatever measure made the pair.
WEAK_SHARE = 0.5
STYLE_SHARED = "bold"
STYLE_UNSHARED = "dim"
_WORD = re.compile(r"\w+")
_WORD_OR_NOT = re.compile(r"(\w+)")


def _meaningful(piece: str) -> int:
    """Words of ``piece`` that carry content (function words such as "the" do not)."""
    return sum(1 for w in _WORD.findall(piece) if w.casefold() not in STOPWORDS)


def _has_figure(piece: str) -> bool:
    """Whether ``piece`` holds a number, in digits or words ("one" aside: "one of the soldiers")."""
    return any(ch.isdigit() for ch in piece) or any(
        (k := w.casefold()) in NUMBER_WORDS and k != "one" for w in _WORD.findall(piece))


def is_weak(pieces_a: list[tuple[str, str]], pieces_b: list[tuple[str, str]]) -> bool:
    """Whether a pair shares less than ``WEAK_SHARE`` of its content words (pieces as
    ``side_pieces``): a shared "the" or "of" says nothing about a shared fact."""
    shared = total = 0
    for piece, kind in (*pieces_a, *pieces_b):
        n = _meaningful(piece)
        total += n
        shared += n if kind == "equal" else 0
    return total > 0 and shared < WEAK_SHARE * total


def changed_figures(pieces_a: list[tuple[str, str]], pieces_b: list[tuple[str, str]]) -> bool:
    """Whether both sides of a pair change a figure ("Four people" / "Six people"): a figure one
    outlet gives and the other does not mention is not a disagreement to point at."""
    return all(any(kind != "equal" and _has_figure(p) for p, kind in side) for side in (pieces_a, pieces_b))


def highlight_pieces(pieces: list[tuple[str, str]], delete: StyleType = STYLE_DELETE,
                     insert: StyleType = STYLE_INSERT, plain: bool = False,
                     shared: StyleType | None = None, unshared: StyleType = STYLE_UNSHARED,
                     figures: bool = False) -> Text:
    """Word-diff pieces (``worddiff.side_pieces``/``unified_pieces``) as highlighted text; with
    ``plain``, [-deleted-] and {+inserted+} markers instead of styles. With ``shared`` (a weak
    pair), the equal words take that style and the changed ones ``unshared`` instead, but for
    changed figures, which keep their marks with ``figures`` (``changed_figures``). The
    whitespace after a changed word stays unmarked."""
    text = Text()
    for piece, kind in pieces:
        if shared is not None and not plain:
            # Only shared words that carry content stand out: a lone shared "the" stays muted. A
            # changed figure ("Four" / "Six") keeps its deletion or insertion mark: of a weak
            # pair's differences it is the one a reader must not miss.
            if kind == "equal" or not figures or not _has_figure(piece):
                text.append(display(piece), shared if kind == "equal" and _meaningful(piece) else unshared)
                continue
            for part in _WORD_OR_NOT.split(display(piece)):
                if part:
                    figure = _has_figure(part) and part.strip() == part
                    text.append(part, (delete if kind == "delete" else insert) if figure else unshared)
            continue
        if kind == "equal" or not piece.strip():
            text.append(display(piece))
            continue
        piece = display(piece)
        core = piece.rstrip()
        if plain:
            text.append(f"[-{core}-]" if kind == "delete" else f"{{+{core}+}}")
        else:
            text.append(core, delete if kind == "delete" else insert)
        text.append(piece[len(core) :])
    return text


def summary_line(al: Alignment) -> str:
    """'12 pairs (2 identical, 4 moved) · 3 only in A · ...': the diff's counts in one line, with
    the measure that judged the pairs and, for articles of different stories, what that means."""
    s = al.summary()
    line = (f"{s['pairs']} pairs ({s['identical']} identical, {s['moved']} moved) · {s['only_a']} only in A · "
            f"{s['only_b']} only in B · mean similarity {s['mean_similarity']} ({al.similarity})")
    if not al.related:
        line += " · different stories: only identical sentences pair"
    return line


def _article_line(label: str, doc: Document) -> Text:
    return Text.assemble((f"{label} ", "bold"), (display(doc.id), "bold"), "  ",
                         (display(doc.source or "source unknown"), "italic"), "  ", display(doc.headline))


def diff_view(al: Alignment, width: int, layout: str = "auto", plain: bool = False) -> RenderableType:
    """The alignment side by side (wide terminals) or as a unified word diff. Prose is wrapped,
    never truncated."""
    from .core.worddiff import side_pieces, unified_pieces

    if layout == "auto":
        layout = "split" if width >= SPLIT_MIN_WIDTH else "unified"
    head = Bands([None])  # wrapped like the rows, without spaces at line ends
    for line in (_article_line("A", al.a), _article_line("B", al.b), Text(summary_line(al), style="bold"),
                 Text(f"threshold {al.threshold:g}", style="dim"), ""):
        head.add_row(line)
    if layout == "split":
        grid = Bands([4, None, 7, None, 4], justify=["right", "left", "center", "left", "right"])
        grid.add_row(Text("A", style="bold"), Text(display(al.a.id), style="bold"), "",
                     Text(display(al.b.id), style="bold"), Text("B", style="bold"))
        for r in al.rows:
            if r.kind == "pair" and r.a and r.b:
                pa, pb = side_pieces(r.a.text, r.ops, "a"), side_pieces(r.b.text, r.ops, "b")
                shared = STYLE_SHARED if is_weak(pa, pb) else None
                mark = Text(f"{r.score:.0f}" if r.score is not None else "", style="bold")
                if shared and not plain:
                    mark.append("\nweak", style="dim")
                if r.moved:
                    mark.append("\n↕ moved" if not plain else "\nmoved", style="bold magenta")
                figs = changed_figures(pa, pb)
                grid.add_row(Text(str(r.a.line), style="dim"),
                             highlight_pieces(pa, plain=plain, shared=shared, figures=figs), mark,
                             highlight_pieces(pb, plain=plain, shared=shared, figures=figs),
                             Text(str(r.b.line), style="dim"))
            elif r.kind == "only_a" and r.a:
                grid.add_row(Text(str(r.a.line), style="dim"), Text(display(r.a.text), style=STYLE_ONLY),
                             Text("◀ A" if not plain else "<A"), Text("only in A", style="dim italic"), "")
            elif r.b:
                grid.add_row("", Text("only in B", style="dim italic"), Text("B ▶" if not plain else "B>"),
                             Text(display(r.b.text), style=STYLE_ONLY), Text(str(r.b.line), style="dim"))
            grid.add_row("", "", "", "", "")
        return Group(head, grid)
    grid = Bands([11, None])
    for r in al.rows:
        if r.kind == "pair" and r.a and r.b:
            pa, pb = side_pieces(r.a.text, r.ops, "a"), side_pieces(r.b.text, r.ops, "b")
            weak = not plain and is_weak(pa, pb)
            gutter = Text(f"A{r.a.line} B{r.b.line}", style="dim")
            gutter.append(f"\nsim {r.score:.0f}" if r.score is not None else "", style="bold")
            if weak:
                gutter.append("\nweak", style="dim")
            if r.moved:
                gutter.append("\nmoved", style="bold magenta")
            if weak:  # two mostly different sentences read better apart than merged word by word
                figs = changed_figures(pa, pb)
                body = Text.assemble("A ", highlight_pieces(pa, shared=STYLE_SHARED, figures=figs), "\nB ",
                                     highlight_pieces(pb, shared=STYLE_SHARED, figures=figs))
            else:
                body = highlight_pieces(unified_pieces(r.a.text, r.b.text, r.ops), plain=plain)
            grid.add_row(gutter, body)
        elif r.kind == "only_a" and r.a:
            grid.add_row(Text(f"A{r.a.line}", style="dim").append("\nonly A", style="bold"),
                         Text("- " + display(r.a.text), style=STYLE_ONLY))
        elif r.b:
            grid.add_row(Text(f"B{r.b.line}", style="dim").append("\nonly B", style="bold"),
                         Text("+ " + display(r.b.text), style=STYLE_ONLY))
        grid.add_row("", "")
    return Group(head, grid)


# ------------------------------------------------------------------------------------------ facts


def _crop(text: str, width: int) -> str:
    text = " ".join(display(text).split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


# The statement column never gets narrower than this; outlets that do not fit beside it are counted
# in a "+N" column instead of pushing the grid off the screen.
STATEMENT_MIN = 30


def fact_outlets(docs: Sequence[Document], facts: Sequence[Fact]) -> tuple[list[Document], list[Document]]:
    """The articles that report at least one of ``facts`` (the grid's columns), and the others (an
    article of another story, loaded beside them: a column of "does not report it" says nothing)."""
    ids = {a for f in facts for a in f.articles}
    return [d for d in docs if d.id in ids], [d for d in docs if d.id not in ids]


def outlet_columns(docs: Sequence[Document], facts: Sequence[Fact], room: int, col: int) -> list[Document]:
    """The outlets to give a column in a facts grid ``room`` cells wide (``col`` cells a column):
    all of them when they fit, else the ones reporting the most facts, in their loaded order."""
    if len(docs) * col <= room:
        return list(docs)
    fit = max(1, (room - 5) // col)  # keep 5 cells for the "+N" column
    counts = {d.id: 0 for d in docs}
    for f in facts:
        for a in f.articles:
            counts[a] = counts.get(a, 0) + 1
    keep = {d.id for d in sorted(docs, key=lambda d: -counts[d.id])[:fit]}
    return [d for d in docs if d.id in keep]


def outlet_marks(fact: Fact, shown: Sequence[Document]) -> tuple[list[str], int]:
    """For each outlet with a column, "disagrees", "reports" or "absent"; and how many of the
    outlets without a column report the fact."""
    disputed = {a for x in fact.disagreements for a in x.values}
    reporting = set(fact.articles)
    marks = ["disagrees" if d.id in disputed else "reports" if d.id in reporting else "absent" for d in shown]
    return marks, len(reporting - {d.id for d in shown})


def hidden_disagrees(fact: Fact, shown: Sequence[Document]) -> bool:
    """Whether an outlet without a column in the grid is one that disagrees (its "+N" cell says so:
    a narrow terminal must not hide a disagreement)."""
    ids = {d.id for d in shown}
    return any(a not in ids for x in fact.disagreements for a in x.values)


_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def outlets_phrase(n: int) -> str:
    """'two or more' for --min-outlets 2: what the facts header says the listed facts have."""
    return f"{_COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else n} or more"


def facts_view(docs: Sequence[Document], facts: Sequence[Fact], width: int = 80, plain: bool = False,
               min_outlets: int = 2) -> RenderableType:
    """Facts (rows) by articles (columns), then every disagreement with each outlet's wording.

    The grid is laid out by hand (fixed columns, the statement cut to fit) rather than with a
    rich Table: it is a matrix of marks, and measuring a table of prose costs more than the rest of
    the command.
    """
    from .core.article import short_ids

    short = {k: display(v) for k, v in short_ids([d.id for d in docs]).items()}
    col = max(3, *(len(v) for v in short.values())) + 2
    id_w = max(4, *(len(f.id) + 1 for f in facts)) if facts else 4
    reporting, apart = fact_outlets(docs, facts)
    shown = outlet_columns(reporting, facts, width - id_w - 2 - STATEMENT_MIN, col)
    hidden = len(reporting) - len(shown)
    text_w = max(10, width - id_w - 2 - col * len(shown) - (5 if hidden else 0))
    mark_yes, mark_no, mark_bad = ("x", ".", "!") if plain else ("●", "·", "◆")
    title = Text(f"{len(facts)} facts reported by {outlets_phrase(min_outlets)} of {len(docs)} articles", style="bold")
    lines = [title]
    if apart and facts:
        lines.append(Text(f"{len(apart)} of them share{'s' if len(apart) == 1 else ''} no fact with the others "
                          f"(another story?): " + ", ".join(short[d.id] for d in apart), style="dim"))
    header = Text(f"{'fact':<{id_w}}  {'statement':<{text_w}}", style="bold")
    for d in shown:
        header.append(f"{short[d.id]:^{col}}", style="bold")
    if hidden:
        header.append(f"{'+' + str(hidden):>5}", style="bold")
    lines.append(header)
    look = {"disagrees": (mark_bad, "bold red"), "reports": (mark_yes, ""), "absent": (mark_no, "dim")}
    for f in facts:
        row = Text(f"{f.id + ('!' if f.disagreements else ''):<{id_w}}  ", style="bold" if f.disagreements else "")
        row.append(f"{_crop(f.mentions[0].text, text_w):<{text_w}}")
        marks, others = outlet_marks(f, shown)
        for mark in marks:
            sign, style = look[mark]
            row.append(f"{sign:^{col}}", style=style)
        if hidden:
            bad = hidden_disagrees(f, shown)
            row.append(f"{(str(others or '') + (mark_bad if bad else '')):>5}", style="bold red" if bad else "dim")
        lines.append(row)
    parts: list[RenderableType] = [*lines]
    legend = f"{mark_yes} reports it   {mark_bad} disagrees with another outlet   {mark_no} does not report it"
    if hidden:
        legend += (f"   +{hidden}: how many of the {hidden} outlets without a column report it"
                   f" ({mark_bad}: one of them disagrees)")
    parts.append(Text(legend, style="dim"))
    by_id = {d.id: d for d in docs}
    # Each disagreement, then every outlet's wording, indented under it (Padding, not a table: the
    # facts command should not pay for measuring one).
    indent = max(len(v) for v in short.values()) + 2
    for f in facts:
        for dis in f.disagreements:
            parts.append(Text(""))
            parts.append(Text.assemble((f.id, "bold"), "  ", (dis.kind, "bold red"), f"  {display(dis.note)}"))
            for m in f.mentions:
                q = dis.quantities.get(m.article)
                if m.article not in dis.values or (q is not None and q not in m.quantities):
                    continue  # the outlet's other sentence of the fact holds the figure
                found = q is not None and m.text[q.start : q.end] == q.text
                if found and plain:
                    sentence = Text(display(f"{m.text[: q.start]}[{q.text}]{m.text[q.end :]}"))
                else:
                    sentence = Text(display(m.text))
                    if found:
                        sentence.stylize("bold reverse", q.start, q.end)
                src = display(by_id[m.article].source or "source unknown")
                parts.append(Text.assemble((f"{short[m.article]:<{indent}}", "bold"),
                                           (f"{src}, line {m.line}:", "italic dim")))
                parts.append(Padding(sentence, (0, 0, 0, indent)))
    return Group(*parts)
