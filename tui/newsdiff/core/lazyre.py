"""Regular expressions compiled on first use.

Python compiles a pattern in Python code, and the cleaning and quantity rules hold dozens of large
ones. Most runs reach only some of them (rules are gated by cheap word tests), and every command
pays for what it compiles at start-up, so patterns wait until a rule needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["LazyRe"]


class LazyRe:
    """A ``re.Pattern`` stand-in compiling itself on first use (only the methods newsdiff uses)."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._pattern

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(string, pos)

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(string, pos)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string)

    def findall(self, string: str) -> list:
        return self.compiled.findall(string)

    def sub(self, repl: str, string: str) -> str:
        return self.compiled.sub(repl, string)

    def split(self, string: str) -> list[str]:
        return self.compiled.split(string)
