"""End to end: the app ended by SIGTERM or SIGHUP leaves the terminal as it found it, and hostile
file names do not reach the real terminal (tmux tracks the modes and the title a program sets)."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ..hostile import make_hostile_corpus
from .test_tmux import EXE, TMUX, Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)"),
]


def _pane(term: Terminal, fmt: str) -> str:
    return subprocess.run([TMUX, "display-message", "-p", "-t", term.name, fmt], capture_output=True, text=True,
                          check=False).stdout.strip()


def _start(tmp_path: Path, args: str = "") -> tuple[Terminal, int]:
    """The app in tmux, started by a shell that stays after it (so the pane's modes can be read)
    and writes the app's pid and exit status."""
    pid_file, status_file = tmp_path / "pid", tmp_path / "status"
    env = f"NEWSDIFF_CONFIG_DIR={shlex.quote(str(tmp_path))} TERM=xterm-256color"
    script = tmp_path / "run.sh"
    script.write_text(f"echo $$ > {shlex.quote(str(pid_file))}\nexec env {env} {EXE} {args}\n")
    term = Terminal(f"cd {shlex.quote(str(tmp_path))} && bash run.sh; echo $? > {shlex.quote(str(status_file))}; "
                    "sleep 60", size=(100, 30))
    term.wait_for("articles")
    return term, int(pid_file.read_text())


def _wait_status(tmp_path: Path, timeout: float = 15) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = (tmp_path / "status").read_text().strip() if (tmp_path / "status").exists() else ""
        if text:
            return int(text)
        time.sleep(0.2)
    raise AssertionError("the app did not exit")


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_restore_the_terminal(tmp_path: Path, signum: int, status: int) -> None:
    term, pid = _start(tmp_path)
    try:
        assert _pane(term, "#{alternate_on}") == "1"  # the app really took the screen
        os.kill(pid, signum)
        assert _wait_status(tmp_path) == status
        modes = _pane(term, "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_all_flag} #{mouse_sgr_flag}")
        assert modes == "0 1 0 0 0", f"alternate screen, cursor, mouse modes left as: {modes}"
    finally:
        term.close()


def test_hostile_names_never_retitle_the_terminal(tmp_path: Path) -> None:
    folder = make_hostile_corpus(tmp_path / "hostile")
    term, _pid = _start(tmp_path, str(folder))
    try:
        term.keys("j", "j", "Enter")
        time.sleep(1.5)
        term.keys("Escape", "f")
        time.sleep(1.5)
        assert "PWNED" not in _pane(term, "#{pane_title}")
        term.keys("q")
        _wait_status(tmp_path)
        # the batch commands, in a second terminal opened before the first closes (tmux's server
        # exits with its last session, and a session opened right then can fail)
        commands = "; ".join(f"{EXE} {args} {folder}" for args in
                             ("list", "clean zzz", "clean clip", "diff clip style", "facts --min-outlets 1"))
        batch = Terminal(f"{commands}; echo ALL-DONE; sleep 30", size=(120, 40))
        try:
            batch.wait_for("ALL-DONE", timeout=60)
            assert "PWNED" not in _pane(batch, "#{pane_title}")
        finally:
            batch.close()
    finally:
        term.close()


@pytest.mark.parametrize("where", ["option", "config", "screenshot-dir"])
def test_markup_in_a_theme_or_folder_name_never_freezes_the_app(tmp_path: Path, where: str) -> None:
    """These used to leave the app stuck on "Cleaning the articles..." with q ignored, or crash."""
    args = {"option": "--theme '[/]x'", "config": "", "screenshot-dir": "--screenshot-dir 'a[/]b'"}[where]
    if where == "config":
        (tmp_path / "config.json").write_text('{"theme": "[/]bad"}')
    term, _pid = _start(tmp_path, args)
    try:
        term.wait_for("384 words")  # cleaning finished and the preview drawn (left of any toast)
        if where == "screenshot-dir":
            term.keys("S")
            term.wait_for("Screenshot saved")
            assert list((tmp_path / "a[" / "]b").glob("newsdiff-library-*.svg"))
        else:
            term.wait_for("[/]")  # the toast names the theme as it was given (it may wrap)
        term.keys("q")
        assert _wait_status(tmp_path) == 0
    finally:
        term.close()
