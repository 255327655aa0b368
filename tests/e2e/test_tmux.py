"""End to end: the installed `newsdiff` in a real terminal (tmux, 80x24), driven by keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
EXE = Path(sys.executable).parent / "newsdiff"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)"),
]


class Terminal:
    def __init__(self, command: str, size: tuple[int, int] = (80, 24)) -> None:
        self.name = f"newsdiff-e2e-{uuid.uuid4().hex[:8]}"
        cols, rows = size
        subprocess.run([TMUX, "new-session", "-d", "-s", self.name, "-x", str(cols), "-y", str(rows), command],
                       check=True)

    def screen(self, history: bool = False) -> str:
        extra = ["-S", "-"] if history else []
        out = subprocess.run([TMUX, "capture-pane", "-p", *extra, "-t", self.name], capture_output=True, text=True,
                             check=False)
        return out.stdout

    def keys(self, *keys: str) -> None:
        for k in keys:
            subprocess.run([TMUX, "send-keys", "-t", self.name, k], check=True)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 20.0, history: bool = False) -> str:
        end = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < end:
            screen = self.screen(history)
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def alive(self) -> bool:
        return subprocess.run([TMUX, "has-session", "-t", self.name], capture_output=True, check=False).returncode == 0

    def close(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True, check=False)


def test_library_reader_diff_facts_quit(tmp_path: Path) -> None:
    assert EXE.exists(), f"newsdiff is not installed next to {sys.executable}"
    env = f"env NEWSDIFF_CONFIG_DIR={tmp_path} TERM=xterm-256color COLORTERM= "
    term = Terminal(f"cd {tmp_path} && {env}{EXE}")
    try:
        term.wait_for("5 articles")
        term.wait_for("HuffPost")  # the rows, not only the header
        lib = term.wait_for("Read")  # the footer follows the first frame
        assert "Yahoo News UK" in lib

        term.keys("Enter")  # reader on 000
        reader = term.wait_for("Sentence 1 of 15")
        assert "North Korea soldier shot five times" in reader
        assert "byline" in reader  # boilerplate shown with its kind
        term.wait_for("Also reported by")

        term.keys("j", "j", "Enter")  # diff at "The video shows the soldier speeding..."
        diff = term.wait_for("pairs (")
        assert "only in" in diff and "similarity" in diff

        term.keys("S")  # screenshot into the current folder
        term.wait_for("Screenshot saved")
        assert list(tmp_path.glob("newsdiff-diff-*.svg"))

        term.keys("Escape", "Escape")
        term.wait_for("HuffPost")
        term.keys("f")
        term.wait_for("facts reported by two or more")
        facts = term.wait_for("F2 ")  # the grid's rows
        assert "F1 " in facts

        term.keys("q")
        end = time.monotonic() + 10
        while term.alive() and time.monotonic() < end:
            time.sleep(0.2)
        assert not term.alive(), "q did not quit"
    finally:
        term.close()


def test_no_color_batch_diff_marks_changes_without_colour(tmp_path: Path) -> None:
    """In a terminal with NO_COLOR the diff command marks changed words with [-...-] and {+...+}."""
    env = f"env NEWSDIFF_CONFIG_DIR={tmp_path} NO_COLOR=1 TERM=xterm-256color "
    term = Terminal(f"{env}{EXE} diff 000 002 --layout unified; sleep 10", size=(100, 30))
    try:
        screen = term.wait_for("mean similarity", history=True)
        assert "[-" in screen and "{+" in screen and "only A" in screen
    finally:
        term.close()
