"""Colour themes as data files, and where the user's choice is remembered.

A theme file is TOML (see ``themes/*.toml``): Textual's theme colours at the top level and
newsdiff's own colours under ``[variables]`` (diff marks, boilerplate, quantities...). The bundled
themes are read from the package's ``themes`` folder; users add their own in
``<config dir>/themes``. A file that cannot be read or does not describe a theme is reported and
skipped; the app falls back to the default theme.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from ..core.article import data_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "APP_VARIABLES",
    "DEFAULT_THEME",
    "ThemeSet",
    "config_dir",
    "load_config",
    "load_themes",
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


def load_config() -> dict:
    try:
        data = json.loads((config_dir() / "config.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_config(**changes: object) -> str | None:
    """Merge ``changes`` into the config file; returns an error message instead of raising."""
    path = config_dir() / "config.json"
    try:
        data = {**load_config(), **changes}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        return f"could not save settings to {path}: {exc.strerror or exc}"
    return None


def _check_colour(what: str, value: object) -> None:
    try:
        Color.parse(value)  # type: ignore[arg-type]
    except (ColorParseError, TypeError, ValueError):
        raise ValueError(f"{what} is not a colour: {value!r}") from None


def _theme_from_file(path: Path) -> Theme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    name = data.get("name") or path.stem
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' must be a non-empty string")
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
        if key in APP_VARIABLES:
            _check_colour(f"variable '{key}'", value)
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
            except (OSError, UnicodeDecodeError) as exc:
                result.errors.append(f"theme file {path}: cannot read it ({exc})")
                continue
            except (tomllib.TOMLDecodeError, ValueError, TypeError) as exc:
                result.errors.append(f"theme file {path}: {exc}")
                continue
            if theme.name in seen:
                result.themes[seen[theme.name]] = theme
            else:
                seen[theme.name] = len(result.themes)
                result.themes.append(theme)
    return result


def variable_defaults(theme: Theme) -> dict[str, str]:
    """Values of newsdiff's variables for a theme that does not set them (Textual's own themes):
    derived from the theme's error, success, accent and muted colours."""
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
