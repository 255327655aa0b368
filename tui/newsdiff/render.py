"""Rich renderables for the command-line views (``list``, ``clean``, ``diff``, ``facts``).

Only rich, never textual: these paths must start fast. Article text always goes into ``Text``
objects, so brackets in it are never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .core.document import Document

__all__ = ["clean_view", "list_table"]


def list_table(docs: Sequence[Document]) -> Table:
    """Articles as a table; the id sits above the headline so both fit in 80 columns."""
    table = Table(title=f"{len(docs)} article{'s' if len(docs) != 1 else ''}", title_justify="left",
                  expand=True, show_lines=True)
    table.add_column("id · headline", ratio=1, overflow="fold")
    table.add_column("source", max_width=20, overflow="fold")
    table.add_column("words", justify="right", width=5)
    table.add_column("sen-\ntences", justify="right", width=6)
    table.add_column("boiler-\nplate", justify="right", width=7)
    for d in docs:
        table.add_row(
            Text.assemble((d.id, "bold"), "\n", d.headline),
            Text(d.source) if d.source else Text("unknown", style="italic dim"),
            str(d.words),
            str(len(d.sentences)),
            str(d.boilerplate_lines),
        )
    return table


def clean_view(doc: Document, reasons: bool = True) -> RenderableType:
    """The article with boilerplate dimmed and its kind in a left margin."""
    head = Text.assemble((doc.id, "bold"), "  ", (doc.source or "source unknown", "italic"))
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", no_wrap=True, width=4, style="dim")
    grid.add_column(justify="left", no_wrap=True, width=15)
    grid.add_column(ratio=1)
    for b in doc.blocks:
        lines = str(b.line) if b.line == b.end_line else f"{b.line}-"
        if b.is_content:
            style = "bold" if b.kind == "headline" else ""
            grid.add_row(lines, Text(""), Text(b.text, style=style))
        else:
            body = Text(b.text, style="dim")
            if reasons:
                body.append("\n↳ " + b.reason, style="dim italic")
            grid.add_row(lines, Text(b.kind, style="dim italic"), body)
        grid.add_row("", "", "")
    return Group(head, Text(""), grid)
