"""The command line's edges: where output cannot go, interruption, option order and ranges."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsdiff.cli import main

from .conftest import SEEDS

EXE = [sys.executable, "-m", "newsdiff"]


def test_closed_stdout_is_one_clear_line_not_an_internal_error() -> None:
    proc = subprocess.run(" ".join([*EXE, "facts", "--json"]) + " >&-", shell=True, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 1
    assert proc.stderr == "newsdiff: cannot write the output: standard output is closed\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["facts", "--json"], ["list"], ["clean", "000", "--only-content"]])
def test_a_full_disk_is_one_clear_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*EXE, *args], stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr == "newsdiff: cannot write the output: No space left on device\n"


def test_ctrl_c_exits_130_at_once_and_quietly_even_with_workers_running(tmp_path: Path) -> None:
    """A worker thread still computing must not hold the exit (nor print 'Exception ignored in
    threading' when a second ctrl+c comes while Python waits for it)."""
    script = textwrap.dedent("""
        import runpy, threading, time
        from newsdiff.core import corpus

        def facts(self, threshold=None):
            threading.Thread(target=time.sleep, args=(60,)).start()  # a busy worker
            raise KeyboardInterrupt  # the user's ctrl+c
        corpus.Corpus.facts = facts
        runpy.run_module("newsdiff", run_name="__main__")
    """)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, "facts"], capture_output=True, text=True, timeout=30,
                          check=False)
    assert proc.returncode == 130
    assert proc.stderr == "" and proc.stdout == ""
    assert time.monotonic() - start < 20


def test_options_may_follow_paths(capsys) -> None:
    assert main(["diff", "000", "004", "--json", str(SEEDS), "--threshold", "20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["threshold"] == 20.0
    assert main(["list", str(SEEDS), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


@pytest.mark.parametrize("value", ["1e-300", "0.5", "0", "101", "nan", "inf"])
def test_threshold_is_1_to_100(capsys, value: str) -> None:
    assert main(["diff", "000", "004", "--threshold", value]) == 2
    assert "--threshold" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-5", "two"])
def test_min_outlets_is_a_positive_whole_number(capsys, value: str) -> None:
    assert main(["facts", "--min-outlets", value]) == 2
    assert "--min-outlets" in capsys.readouterr().err


def test_the_facts_header_says_the_min_outlets_asked_for(capsys) -> None:
    assert main(["facts", "--min-outlets", "3"]) == 0
    out = capsys.readouterr().out
    assert "reported by three or more of 5 articles" in out and "two or more" not in out


def test_help_says_what_loading_skips_and_the_exit_statuses(capsys) -> None:
    for args in (["--help"], ["list", "--help"], ["facts", "--help"]):
        assert main(args) == 0
        out = " ".join(capsys.readouterr().out.split())
        for words in ("named pipes", "devices", "symlink loops", "over 5 MB", "32 levels", "130 interrupted",
                      "U+FFFD"):
            assert words in out, (args, words)
