"""Config and themes are never lost and never fatal; notifications never read data as markup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.ui.themes import load_themes, read_config, save_config

from .conftest import settle


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def _write_theme(folder: Path, name: str, body: str) -> None:
    (folder / "themes").mkdir(exist_ok=True)
    (folder / "themes" / f"{name}.toml").write_text(body)


async def test_a_config_value_of_the_wrong_type_is_ignored_with_a_message(make_app, _isolated_config: Path) -> None:
    (_isolated_config / "config.json").write_text('{"theme": ["x"], "other": 1}')
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "newsroom"
        assert any("'theme' should be a theme name (text), not a list; ignored" in m for m in _messages(app))


async def test_a_corrupt_config_is_reported_and_never_overwritten(make_app, _isolated_config: Path) -> None:
    config = _isolated_config / "config.json"
    config.write_text('{"theme": "contrast", "mine": [1, 2')  # cut short
    app = make_app(remember_theme=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("is not valid JSON" in m and "left as it is" in m for m in _messages(app))
        await pilot.press("T")
        await settle(pilot)
        assert any(m.startswith("settings not saved") for m in _messages(app))
    assert config.read_text() == '{"theme": "contrast", "mine": [1, 2'
    assert sorted(p.name for p in _isolated_config.iterdir()) == ["config.json"]


def test_saving_keeps_other_keys_and_replaces_the_file_atomically(_isolated_config: Path) -> None:
    config = _isolated_config / "config.json"
    config.write_text('{"theme": "contrast", "mine": {"keep": true}}')
    assert save_config(theme="newsprint") is None
    assert json.loads(config.read_text()) == {"theme": "newsprint", "mine": {"keep": True}}
    assert sorted(p.name for p in _isolated_config.iterdir()) == ["config.json"]


def test_a_config_that_is_a_folder_leaves_no_stray_file(_isolated_config: Path) -> None:
    (_isolated_config / "config.json").mkdir()
    error = save_config(theme="newsprint")
    assert error is not None and error.startswith("settings not saved")
    assert sorted(p.name for p in _isolated_config.iterdir()) == ["config.json"]
    assert read_config().problems and not read_config().writable


def _screenshot_in_a_child(config: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    out = tmp_path / "shot.svg"
    env = {**os.environ, "NEWSDIFF_CONFIG_DIR": str(config)}
    try:
        return subprocess.run([sys.executable, "-m", "newsdiff", "screenshot", "library", "-o", str(out), "--size",
                               "60x20", *extra], capture_output=True, text=True, env=env, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("newsdiff hung on a named pipe in the config folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipes_as_config_or_theme_never_hang(_isolated_config: Path, tmp_path: Path) -> None:
    os.mkfifo(_isolated_config / "config.json")
    (_isolated_config / "themes").mkdir()
    os.mkfifo(_isolated_config / "themes" / "x.toml")
    proc = _screenshot_in_a_child(_isolated_config, tmp_path, "--theme", "newsprint")
    assert proc.returncode == 0, proc.stderr
    assert "x.toml: cannot read it (not a regular file (a named pipe))" in proc.stderr


def test_an_invalid_theme_variable_makes_the_theme_invalid_and_is_named(_isolated_config: Path) -> None:
    _write_theme(_isolated_config, "badvar", 'name = "badvar"\nprimary = "#336699"\n'
                 '[variables]\nfooter-key-foreground = "nonsense"\nblock-cursor-text-style = "bold"\n')
    _write_theme(_isolated_config, "badstyle", 'name = "badstyle"\nprimary = "#336699"\n'
                 '[variables]\nblock-cursor-text-style = "wobbly"\n')
    _write_theme(_isolated_config, "good", 'name = "good"\nprimary = "#336699"\n'
                 '[variables]\ninput-selection-background = "#81a1c1 35%"\nbutton-focus-text-style = "b reverse"\n')
    themes = load_themes()
    assert "good" in themes.names and "badvar" not in themes.names and "badstyle" not in themes.names
    joined = "\n".join(themes.errors)
    assert "variable 'footer-key-foreground' is not a value Textual accepts: 'nonsense'" in joined
    assert "variable 'block-cursor-text-style'" in joined


async def test_an_invalid_theme_chosen_or_remembered_never_kills_the_app(make_app, _isolated_config: Path) -> None:
    _write_theme(_isolated_config, "badvar", 'name = "badvar"\nprimary = "#336699"\n'
                 '[variables]\nfooter-key-foreground = "nonsense"\n')
    (_isolated_config / "config.json").write_text('{"theme": "badvar"}')
    for theme in ("badvar", None):  # asked for, then remembered in config.json
        app = make_app(theme=theme)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.theme == "newsroom"
            assert any("footer-key-foreground" in m for m in _messages(app))


@pytest.mark.parametrize("where", ["option", "config", "theme-file"])
async def test_markup_in_theme_names_and_values_is_shown_not_parsed(make_app, _isolated_config: Path,
                                                                     where: str) -> None:
    if where == "config":
        (_isolated_config / "config.json").write_text('{"theme": "[/]bad"}')
    if where == "theme-file":
        _write_theme(_isolated_config, "x", 'primary = "[/]"\n')
    app = make_app(theme="[/]x" if where == "option" else None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "newsroom"
        shown = {"option": "unknown theme '[/]x'", "config": "unknown theme '[/]bad'",
                 "theme-file": "is not a colour: '[/]'"}[where]
        assert any(shown in m for m in _messages(app))
        await pilot.press("q")


async def test_a_screenshot_folder_with_markup_is_named_literally(make_app, tmp_path: Path) -> None:
    folder = tmp_path / "a[/]b[@click=app.quit]"
    app = make_app(screenshot_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert app.is_running
        saved = list(folder.glob("newsdiff-library-*.svg"))
        assert len(saved) == 1
        assert any(m == f"Screenshot saved: {saved[0]}" for m in _messages(app))
        await pilot.press("S")
        await settle(pilot)
        assert len(list(folder.glob("*.svg"))) == 2  # a second one, never over the first


async def test_a_screenshot_folder_that_is_a_file_is_a_clear_error(make_app, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make_app(screenshot_dir=blocker / "shots")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert any(f"{blocker} is not a folder" in m for m in _messages(app)), _messages(app)
