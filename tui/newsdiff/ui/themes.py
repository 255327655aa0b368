"""Colour themes as data files, and where the user's choice is remembered.

A theme file is TOML (see ``themes/*.toml``): Textual's theme colours at the top level and
newsdiff's own colours under ``[variables]`` (diff marks, boilerplate, quantities...). The bundled
themes are read from the package's ``themes`` folder; users add their own in
``<config dir>/themes``. A file that cannot be read or does not describe a theme — including one
with a variable Textual's styles would not accept — is reported and skipped; the app falls back to
the default theme.

The config file is never lost: one that cannot be read or parsed is reported and left as it is
(settings are then not saved), values of the wrong type are ignored with a message, and saving
replaces the file atomically.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from ..core.article import data_dir
from ..core.files import LoadError, read_file, write_error, write_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "APP_VARIABLES",
    "DEFAULT_THEME",
    "Config",
    "ThemeSet",
    "config_dir",
    "load_themes",
    "read_config",
    "save_config",
    "variable_defaults",
]

DEFAULT_THEME = "newsroom"
# newsdiff's own colour variables, usable as $name in newsdiff.tcss.
APP_VARIABLES = (
    "diff-delete", "diff-delete-background", "diff-insert", "diff-insert-background", "diff-moved", "diff-only",
    "boilerplate", "quantity", "quantity-background", "search-match", "cursor-background",
)
_COLOURS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
            "surface", "panel", "boost")


def config_dir() -> Path:
    """Where the config file and user themes live ($NEWSDIFF_CONFIG_DIR, else the platform's)."""
    env = os.environ.get("NEWSDIFF_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsdiff"))


# Config and theme files are small; anything bigger is not one.
MAX_SETTINGS_BYTES = 1024 * 1024
# What each known config key must hold (anything else is kept as it is, unread).
CONFIG_TYPES: dict[str, tuple[type, str]] = {"theme": (str, "a theme name (text)")}


@dataclass
class Config:
    """The config file as read: its usable ``values``, ``problems`` to show the user, and whether
    it may be written (False when it exists but could not be read or parsed: it is left untouched)."""

    values: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    writable: bool = True
    raw: dict = field(default_factory=dict)  # everything in the file, unknown keys included


def _type_name(value: object) -> str:
    return {list: "a list", dict: "an object", bool: "true/false", int: "a number", float: "a number",
            type(None): "null"}.get(type(value), type(value).__name__)


def read_config() -> Config:
    """Read ``<config>/config.json`` without ever failing (see the module docstring)."""
    path = config_dir() / "config.json"
    try:
        data = json.loads(read_file(path, MAX_SETTINGS_BYTES).decode("utf-8-sig"))
    except LoadError as exc:
        if str(exc).startswith("cannot read: No such file"):
            return Config()
        return Config(problems=[f"settings file {path}: {exc}; it is left as it is and settings are not saved"],
                      writable=False)
    except (ValueError, RecursionError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        return Config(problems=[f"settings file {path} is not valid JSON ({first}); it is left as it is and "
                                "settings are not saved"], writable=False)
    if not isinstance(data, dict):
        return Config(problems=[f"settings file {path} is not a JSON object; it is left as it is and settings are "
                                "not saved"], writable=False)
    config = Config(raw=data)
    for key, value in data.items():
        wanted = CONFIG_TYPES.get(key)
        if wanted is None:
            continue
        kind, words = wanted
        if isinstance(value, kind) and (not isinstance(value, str) or value.strip()):
            config.values[key] = value
        else:
            config.problems.append(f"settings file {path}: '{key}' should be {words}, not {_type_name(value)}; "
                                   "ignored")
    return config


def save_config(**changes: object) -> str | None:
    """Merge ``changes`` into the config file; returns an error message instead of raising. A file
    that could not be read is never overwritten; the new file replaces the old one atomically."""
    path = config_dir() / "config.json"
    config = read_config()
    if not config.writable:
        return f"settings not saved: {config.problems[0]}"
    try:
        write_text(path, json.dumps({**config.raw, **changes}, indent=2, ensure_ascii=False) + "\n", overwrite=True)
    except OSError as exc:
        return f"settings not saved: {write_error(exc, path)}"
    return None


def _check_colour(what: str, value: object) -> None:
    try:
        Color.parse(value)  # type: ignore[arg-type]
    except (ColorParseError, TypeError, ValueError):
        raise ValueError(f"{what} is not a colour: {value!r}") from None


# Theme names are shown in lists, the palette and notifications, and used as keys: plain words.
_THEME_NAME = re.compile(r"^[\w][\w .-]{0,39}$")


def _check_variables(variables: dict[str, str]) -> None:
    """Raise ValueError naming the first variable Textual's styles would refuse. Each is tried the
    way Textual uses it — a text style for ``*-style`` names, a colour for the rest — by parsing a
    rule with it, which is exactly what fails (and used to kill the app) when the theme is applied."""
    from textual.css.stylesheet import Stylesheet

    def parses(names: list[str]) -> bool:
        rules = "\n".join(f"Widget {{ {'text-style' if n.endswith('style') else 'color'}: ${n}; }}" for n in names)
        sheet = Stylesheet(variables={n: variables[n] for n in names})
        try:
            sheet.add_source(rules, read_from=("theme", ""))
            sheet.parse()
        except Exception:  # StylesheetParseError, TokenError: whatever Textual raises for a bad value
            return False
        return True

    names = sorted(variables)
    if names and not parses(names):
        bad = next((n for n in names if not parses([n])), names[0])
        raise ValueError(f"variable '{bad}' is not a value Textual accepts: {variables[bad]!r}")


def _theme_from_file(path: Path) -> Theme:
    data = tomllib.loads(read_file(path, MAX_SETTINGS_BYTES).decode("utf-8-sig"))
    name = data.get("name") or path.stem
    if not isinstance(name, str) or not _THEME_NAME.match(name.strip()):
        raise ValueError("'name' must be a short name of letters, digits, spaces, '-', '_' or '.'")
    if "primary" not in data:
        raise ValueError("'primary' colour is missing")
    kwargs: dict = {}
    for key in _COLOURS:
        if key in data:
            _check_colour(f"'{key}'", data[key])
            kwargs[key] = data[key]
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("[variables] must be a table")
    for key, value in variables.items():
        if not isinstance(value, str):
            raise ValueError(f"variable '{key}' must be text, not {_type_name(value)}")
        if key in APP_VARIABLES:
            _check_colour(f"variable '{key}'", value)
    _check_variables(variables)
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("'dark' must be true or false")
    return Theme(name=name.strip(), dark=dark, variables={str(k): str(v) for k, v in variables.items()}, **kwargs)


@dataclass
class ThemeSet:
    themes: list[Theme] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per bad file

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]


def load_themes(extra_dirs: list[Path] | None = None) -> ThemeSet:
    """The bundled themes, then the user's (a user theme with a bundled name replaces it)."""
    result = ThemeSet()
    folders = [data_dir("themes"), config_dir() / "themes", *(extra_dirs or [])]
    seen: dict[str, int] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = _theme_from_file(path)
            except (LoadError, UnicodeDecodeError) as exc:
                result.errors.append(f"theme file {path}: cannot read it ({exc})")
                continue
            except (tomllib.TOMLDecodeError, ValueError, TypeError, RecursionError) as exc:
                result.errors.append(f"theme file {path}: {exc}; the theme is not available")
                continue
            if theme.name in seen:
                result.themes[seen[theme.name]] = theme
            else:
                seen[theme.name] = len(result.themes)
                result.themes.append(theme)
    return result


def variable_defaults(theme: Theme) -> dict[str, str]:
    """Values of newsdiff's variables for a theme that does not set them (Textual's own themes):
    derived from the theme's error, success, accent and muted colours. A theme that sets them
    all (the bundled ones) needs none, and its colour system is not generated twice."""
    if all(name in theme.variables for name in APP_VARIABLES):
        return {}
    v = theme.to_color_system().generate()
    return {
        "diff-delete": v["error"],
        "diff-delete-background": v["error-muted"],
        "diff-insert": v["success"],
        "diff-insert-background": v["success-muted"],
        "diff-moved": v["accent"],
        "diff-only": v["secondary"],
        "boilerplate": v["foreground-muted"],
        "quantity": v["primary"],
        "quantity-background": v["primary-muted"],
        "search-match": v["warning-muted"],
        "cursor-background": v["block-cursor-blurred-background"],
    }
