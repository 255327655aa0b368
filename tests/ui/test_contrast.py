"""Every foreground/background pair the app draws, in each bundled theme, is readable.

The app is walked through its screens and states (library with marks and the filter, reader with a
search match, hidden boilerplate and the side panel, diff split and stacked, the article picker,
help, facts and their detail, notifications); every run of text on the screen is collected with its
final colours. Text needs a WCAG contrast of 4.5:1; dimmed text (drawn dim, or in the theme's
boilerplate or muted colour) needs 3:1 and must differ visibly from the story's text (a luminance
ratio of at least 1.8 against it). The same holds after the colours are reduced to the 256 colours
of terminals without truecolor (SSH, tmux), and with NO_COLOR. In 16 colours, where every
terminal has its own palette, what must hold is that marks keep their meaning: deleted words
stay red, inserted words green, and boilerplate another colour than the story.
"""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem, ColorType
from textual.color import Color

from newsdiff.core.corpus import Corpus
from newsdiff.ui.app import NewsdiffApp
from newsdiff.ui.themes import load_themes

from ..conftest import SEEDS
from .conftest import settle
from .seen import RGB, Drawn, contrast, drawn, record

THEMES = ["newsroom", "newsprint", "contrast"]
TEXT, DIMMED, APART = 4.5, 3.0, 1.8


async def walk(app: NewsdiffApp, size: tuple[int, int] = (120, 40)) -> dict[Drawn, str]:
    """Every run of text drawn while visiting the app's screens, with the first step that drew it."""
    recorder = record(app)
    seen: dict[Drawn, str] = {}

    def look(step: str, widget: str | None = None) -> None:
        region = app.screen.query_one(widget).region if widget else None
        for d in drawn(app, recorder, region):
            seen.setdefault(d, step)

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        look("library")
        await pilot.press("a", "j", "b", "tab")
        await settle(pilot)
        look("library: marks, preview focused")
        await pilot.press("slash")
        await settle(pilot)
        look("library: empty filter focused")
        await pilot.press("x")
        await settle(pilot)
        look("library: filtered")
        await pilot.press("escape")
        app.notify("a message")
        app.notify("a warning", severity="warning")
        app.notify("an error", severity="error")
        await settle(pilot)
        look("notifications")
        app.clear_notifications()
        app.open_reader(0)
        await settle(pilot)
        look("reader")
        await pilot.press("j", "j", "right_square_bracket", "tab")
        await settle(pilot)
        look("reader: side panel focused")
        await pilot.press("shift+tab", "slash")
        await settle(pilot)
        look("reader: search box")
        await pilot.press(*"Andy", "enter")
        await settle(pilot)
        look("reader: match in a byline")
        app.clear_notifications()
        await pilot.press("slash", *"soldier", "enter")
        await settle(pilot)
        look("reader: match in the story")
        await pilot.press("h")
        await settle(pilot)
        look("reader: boilerplate hidden")
        await pilot.press("escape")
        app.clear_notifications()
        app.open_diff(0, 4)
        await settle(pilot)
        look("diff")
        await pilot.press("n", "m")
        await settle(pilot)
        look("diff: moved pair")
        await pilot.press("v", "v")
        await settle(pilot)
        look("diff: stacked")
        await pilot.press("b")
        await settle(pilot)
        look("picker", "#picker")
        await pilot.press("escape", "f1")
        await settle(pilot)
        look("help", "#help")
        await pilot.press("escape", "escape")
        app.open_facts()
        await settle(pilot)
        look("facts")
        await pilot.press(*"jjjj", "tab", "j")
        await settle(pilot)
        look("facts: a disagreement, detail focused")
    return seen


def _downgrade(rgb: RGB, system: ColorSystem) -> RichColor:
    return RichColor.from_rgb(*rgb).downgrade(system)


def _as_shown(rgb: RGB, system: ColorSystem | None) -> RGB:
    """The colour a terminal with ``system`` shows for ``rgb`` (the 256 colours are xterm's)."""
    if system is None:
        return rgb
    return tuple(_downgrade(rgb, system).get_truecolor())  # type: ignore[return-value]


def _problems(seen: dict[Drawn, str], content: RGB, system: ColorSystem | None) -> list[str]:
    problems = []
    for d, step in sorted(seen.items(), key=lambda kv: kv[1]):
        fg, bg = _as_shown(d.fg, system), _as_shown(d.bg, system)
        dimmed = d.dim
        ratio = contrast(fg, bg)
        need = DIMMED if dimmed else TEXT
        if ratio < need:
            problems.append(f"{step}: {d.text!r} {fg} on {bg}: {ratio:.2f} < {need}")
        if dimmed and contrast(fg, _as_shown(content, system)) < APART:
            problems.append(f"{step}: dimmed {d.text!r} {fg} too close to the story's {content}")
    return problems


@pytest.fixture(scope="module")
def walks() -> dict[tuple[str, bool], tuple[dict[Drawn, str], RGB]]:
    return {}


STORY = "This is the shocking moment"


async def _walked(walks, theme: str, no_color: bool, monkeypatch) -> tuple[dict[Drawn, str], RGB]:
    """The walk of a theme (done once for the module) and the colour of the story's text."""
    key = (theme, no_color)
    if key not in walks:
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        app = NewsdiffApp(Corpus.load([SEEDS]), theme=theme, remember_theme=False)
        seen = await walk(app)
        story = [d for d in seen if d.text.startswith(STORY) and not d.dim]
        content = max(story, key=lambda d: contrast(d.fg, d.bg)).fg  # the plainest run of the story
        walks[key] = (seen, content)
    return walks[key]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("colours", ["truecolor", "256 colours"])
async def test_every_pair_drawn_is_readable(walks, monkeypatch, theme: str, colours: str) -> None:
    seen, content = await _walked(walks, theme, False, monkeypatch)
    assert len(seen) > 100  # the walk saw the screens
    assert any(d.dim for d in seen)  # and dimmed text
    system = None if colours == "truecolor" else ColorSystem.EIGHT_BIT
    assert _problems(seen, content, system) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_every_pair_drawn_is_readable_with_no_color(walks, monkeypatch, theme: str) -> None:
    seen, content = await _walked(walks, theme, True, monkeypatch)
    assert all(d.fg[0] == d.fg[1] == d.fg[2] for d in seen)  # greys only
    assert any(d.dim for d in seen)
    assert _problems(seen, content, None) == []


def _standard(rgb: RGB) -> int:
    return _downgrade(rgb, ColorSystem.STANDARD).number  # type: ignore[return-value]


RED, GREEN = {1, 9}, {2, 10}
NAMED = ("diff-delete", "diff-delete-background", "diff-insert", "diff-insert-background", "boilerplate",
         "foreground", "surface", "quantity", "quantity-background")


@pytest.mark.parametrize("theme", THEMES)
def test_marks_keep_their_meaning_in_16_colours(theme: str) -> None:
    bundled = {t.name: t for t in load_themes().themes}[theme]
    v = {k: Color.parse(c).rgb for k, c in {**bundled.to_color_system().generate(), **bundled.variables}.items() if k in NAMED}
    assert set(v) == set(NAMED)
    delete = {_standard(v["diff-delete"]), _standard(v["diff-delete-background"])}
    insert = {_standard(v["diff-insert"]), _standard(v["diff-insert-background"])}
    assert delete & RED, f"deleted words are not red in 16 colours: {delete}"
    assert insert & GREEN, f"inserted words are not green in 16 colours: {insert}"
    assert not insert & RED and not delete & GREEN
    assert _standard(v["boilerplate"]) != _standard(v["foreground"])
    for fg, bg in (("diff-delete", "diff-delete-background"), ("diff-insert", "diff-insert-background"),
                   ("foreground", "surface"), ("boilerplate", "surface"), ("quantity", "quantity-background")):
        assert _standard(v[fg]) != _standard(v[bg]), (fg, bg)


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert RichColor.parse("#777777").type == ColorType.TRUECOLOR
