"""Hostile names and metadata through every command: nothing reaches the terminal, JSON stays true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.cli import main
from newsdiff.core.text import display, json_text

from .hostile import HOSTILE_NAMES, HOSTILE_SOURCE, UNDECODABLE, forbidden, make_hostile_corpus


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return make_hostile_corpus(tmp_path / "hostile")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_display_replaces_controls_and_keeps_the_rest() -> None:
    assert display("t\x1b]2;PWNED\x1b\\x") == "t\ufffd]2;PWNED\ufffd\\x"
    assert display("csi\u009b31m rtl\u202eabc") == "csi\ufffd31m rtl\ufffdabc"
    assert display(os.fsdecode(b"bad\xffname")) == "bad\ufffdname"
    assert display("a\nb\tc") == "a b c" and display("a\nb\tc", multiline=True) == "a\nb\tc"
    assert display("👨\u200d👩\ufeff") == "👨👩"
    assert display("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"  # never parsed: shown as it is


def test_json_text_is_true_valid_utf8_and_inert() -> None:
    name = os.fsdecode(b"bad\xff.txt")
    text = json_text(json.dumps({"p": name, "c": "\x1b]2;x\x07\u009b\u202e"}, ensure_ascii=False))
    assert not forbidden(text)
    text.encode("utf-8")  # no lone surrogates left
    data = json.loads(text)
    assert os.fsencode(data["p"]) == b"bad\xff.txt" and data["c"] == "\x1b]2;x\x07\u009b\u202e"


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["clean", "clip"],
        ["clean", "clip", "--only-content"],
        ["clean", "style"],
        ["diff", "clip", "style"],
        ["diff", "clip", "style", "--layout", "unified"],
        ["facts", "--min-outlets", "1"],
        ["clean", "zzz"],  # the "known: ..." line names every id
        ["clean", "c"],  # ambiguous (clip, csi): names the matches
    ],
)
def test_nothing_hostile_reaches_the_terminal(capsys, hostile: Path, args: list[str]) -> None:
    code, out, err = _run(capsys, *args, str(hostile))  # options before PATH and after it both work
    assert code == (2 if args[1:2] in (["zzz"], ["c"]) else 0), err
    assert forbidden(out) == [] and forbidden(err) == []
    assert "PWNED" not in err or "\ufffd]2;PWNED" in err  # a name is shown, its escape defused


def test_hostile_source_is_shown_defused_in_a_colour_terminal(hostile: Path) -> None:
    """The styled path (a terminal): only rich's own colour codes, no escape from the data."""
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    shown = {}
    for args in (["list"], ["clean", "clip"], ["diff", "clip", "style"], ["facts", "--min-outlets", "1"]):
        proc = subprocess.run([sys.executable, "-m", "newsdiff", *args, str(hostile)],
                              capture_output=True, env=env, check=False)
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        assert proc.returncode == 0, err
        assert "\x1b[" in out  # it really was the styled path
        assert forbidden(out) == [] and forbidden(err) == [], args
        shown[args[0]] = out
    assert "Evil\ufffd]2;PWNED-SOURCE\ufffd [/] [@click=app.quit]Outlet" in shown["clean"]  # shown, defused


def test_json_keeps_the_true_values_as_valid_utf8(hostile: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "newsdiff", "list", "--json", str(hostile)], capture_output=True,
                          check=False)
    assert proc.returncode == 0
    text = proc.stdout.decode("utf-8")  # strict: valid UTF-8 even with a non-UTF-8 file name
    assert forbidden(text) == []
    rows = json.loads(text)
    ids = {r["id"] for r in rows}
    assert set(HOSTILE_NAMES) <= ids
    assert os.fsdecode(UNDECODABLE) in ids
    by_id = {r["id"]: r for r in rows}
    assert by_id[HOSTILE_NAMES[1]]["source"] == HOSTILE_SOURCE
    bad = by_id[os.fsdecode(UNDECODABLE)]
    assert os.fsencode(bad["path"]).endswith(UNDECODABLE + b".txt")
    assert Path(os.fsencode(bad["path"]).decode("utf-8", "surrogateescape")).is_file()


def test_a_zero_width_joiner_never_reaches_the_table(capsys, hostile: Path) -> None:
    """Terminals draw a ZWJ emoji sequence 2 to 8 cells wide while rich counts 2: the row broke."""
    code, out, _ = _run(capsys, "list", str(hostile))
    assert code == 0 and "\u200d" not in out and "👨👩👧" in out
