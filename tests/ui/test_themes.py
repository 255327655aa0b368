"""Themes are data files; bad ones are reported and skipped; the choice is remembered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsdiff.ui.themes import APP_VARIABLES, load_themes, variable_defaults

from .conftest import settle


def test_bundled_themes_load_with_every_app_variable() -> None:
    themes = load_themes()
    assert themes.errors == []
    by_name = {t.name: t for t in themes.themes}
    assert {"newsprint", "newsroom", "contrast"} <= set(by_name)
    assert by_name["newsprint"].dark is False and by_name["newsroom"].dark is True
    for t in by_name.values():
        assert set(APP_VARIABLES) <= set(t.variables), t.name


def test_textual_themes_get_derived_values_for_our_variables() -> None:
    from textual.theme import BUILTIN_THEMES

    values = variable_defaults(BUILTIN_THEMES["nord"])
    assert set(values) == set(APP_VARIABLES)


def test_user_themes_load_and_bad_files_are_reported(_isolated_config: Path) -> None:
    folder = _isolated_config / "themes"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\ndark = false\n[variables]\ndiff-delete = "#ff0000"\n')
    (folder / "broken.toml").write_text("name = \n")
    (folder / "nocolour.toml").write_text('name = "x"\nprimary = "notacolour"\n')
    (folder / "noprimary.toml").write_text('name = "y"\n')
    themes = load_themes()
    assert "mine" in themes.names
    assert len(themes.errors) == 3
    joined = "\n".join(themes.errors)
    assert "broken.toml" in joined and "'primary' is not a colour" in joined and "'primary' colour is missing" in joined


async def test_app_notifies_bad_theme_files_and_falls_back(make_app, _isolated_config: Path) -> None:
    folder = _isolated_config / "themes"
    folder.mkdir()
    (folder / "broken.toml").write_text("this is not toml = = =")
    app = make_app(theme="does-not-exist")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert app.theme == "newsroom"
        assert any("broken.toml" in m for m in messages)
        assert any("unknown theme 'does-not-exist'" in m for m in messages)


async def test_theme_option_and_user_theme_apply(make_app, _isolated_config: Path) -> None:
    folder = _isolated_config / "themes"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n')
    app = make_app(theme="mine")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "mine"
        assert app.theme_variables["diff-delete"]  # derived default for a theme without our variables
    app = make_app(theme="newsprint")
    assert app.theme == "newsprint"


def test_cli_warns_about_an_unknown_theme(tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    proc = subprocess.run([sys.executable, "-m", "newsdiff", "screenshot", "library", "-o", str(out), "--theme", "nope",
                           "--size", "60x20"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "unknown theme 'nope'" in proc.stderr and "newsprint" in proc.stderr
    assert out.read_text().startswith("<svg")
