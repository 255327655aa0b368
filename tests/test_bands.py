"""The band layout keeps every cell's style on every wrapped line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text

from newsdiff.bands import Bands, Cell, band_lines

LONG = "A photo caption long enough to wrap over several lines of a narrow column in any terminal"


def _styles_of_text(segments) -> list[Style]:
    return [s.style for s in segments if s.text.strip()]


def test_a_styled_cell_keeps_its_style_on_every_wrapped_line() -> None:
    console = Console(width=60)
    dim = Style(color="grey50", dim=True, italic=True)
    lines = band_lines([Cell(Text("12", style="dim"), 4, "right"), Cell(Text(LONG, style=dim))], 40, console)
    assert len(lines) >= 3
    for n, segments in enumerate(lines):
        text = [s for s in segments[2:] if s.text.strip()]  # past the line-number column
        assert text, n
        assert all(s.style is not None and s.style.dim and s.style.italic for s in text), (n, text)
    assert lines[0][0].style is not None and lines[0][0].style.dim  # the line number too


def test_a_highlight_inside_a_styled_cell_keeps_both() -> None:
    console = Console(width=60)
    text = Text(LONG, style=Style(italic=True))
    text.stylize("bold", 2, 7)
    lines = band_lines([Cell(text)], 30, console)
    first = [s for s in lines[0] if s.text.strip()]
    assert first[0].style.italic and not first[0].style.bold
    assert any(s.style.italic and s.style.bold and s.text == "photo" for s in first)
    assert all(s.style.italic for line in lines[1:] for s in line if s.text.strip())


def test_printed_bands_keep_styles_and_end_lines_without_spaces() -> None:
    console = Console(width=50, force_terminal=True, color_system="standard", record=True)
    grid = Bands([4, None])
    grid.add_row(Text("7", style="dim"), Text(LONG, style="italic"))
    console.print(grid)
    out = console.export_text(styles=True)
    lines = [line for line in out.split("\n") if line.strip()]
    assert len(lines) >= 3
    assert all("\x1b[3m" in line for line in lines)  # italic on each wrapped line
    assert all(not line.endswith(" ") for line in console.export_text().split("\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200)
       | st.lists(st.sampled_from(["a", "bb", "word", "x" * 30, " ", "  ", "end."]), max_size=40).map("".join),
       st.integers(min_value=1, max_value=40), st.sampled_from(["", "italic", "dim", "bold red"]),
       st.sampled_from(["left", "left", "right", "center"]))
def test_the_plain_fast_path_wraps_exactly_as_rich(plain: str, width: int, style: str, justify: str) -> None:
    """One-style ASCII cells (a printed diff's only-A/only-B rows) skip rich's general wrapper; the
    lines, their styles and their widths are the same as rich's."""
    from rich.console import Console

    from newsdiff.bands import _wrap_plain, line_segments

    console = Console(width=80, color_system="truecolor")
    text = Text(plain, style=style)
    fast = _wrap_plain(text, width, console, justify)
    if justify != "left" and len(plain.rstrip()) > width:
        assert fast is None  # several lines right or centred: rich's own path
        return
    assert fast is not None
    slow = [(line_segments(line, console), line.cell_len)
            for line in text.wrap(console, width, justify=justify, overflow="fold", no_wrap=False)]
    assert [("".join(s.text for s in segs), n) for segs, n in fast] == \
        [("".join(s.text for s in segs), n) for segs, n in slow]
    assert {s.style for segs, _ in fast for s in segs} <= {s.style for segs, _ in slow for s in segs} | {None}
