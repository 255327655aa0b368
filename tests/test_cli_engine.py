"""`newsdiff diff` and `newsdiff facts`: JSON schemas, layouts, plain markers, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from newsdiff.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_json_schema(capsys) -> None:
    code, out, _ = run(capsys, "diff", "000", "004", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"a", "b", "threshold", "similarity", "related", "rows", "summary"}
    assert data["similarity"] in ("lexical", "semantic") and data["related"] is True
    assert data["threshold"] == 10
    assert set(data["summary"]) == {"pairs", "identical", "moved", "only_a", "only_b", "mean_similarity"}
    for row in data["rows"]:
        assert set(row) == {"kind", "a", "b", "score", "moved", "ops"}
        assert row["kind"] in ("pair", "only_a", "only_b")
        if row["kind"] == "pair":
            a, b = row["a"]["text"], row["b"]["text"]
            assert "".join(a[o["a"][0]:o["a"][1]] for o in row["ops"] if o["a"]) == a
            assert "".join(b[o["b"][0]:o["b"][1]] for o in row["ops"] if o["b"]) == b
            assert 0 <= row["score"] <= 100
        else:
            assert row["score"] is None and row["ops"] == [] and row["moved"] is False
        for side in ("a", "b"):
            if row[side]:
                assert set(row[side]) == {"sentences", "line", "text"}


def test_diff_threshold_option_changes_pairs(capsys) -> None:
    _, low, _ = run(capsys, "diff", "000", "001", "--json", "--threshold", "10")
    _, high, _ = run(capsys, "diff", "000", "001", "--json", "--threshold", "60")
    assert json.loads(high)["summary"]["pairs"] < json.loads(low)["summary"]["pairs"]
    assert json.loads(high)["threshold"] == 60


@pytest.mark.parametrize("bad", ["0", "101", "abc", "-5"])
def test_bad_threshold_is_a_usage_error(capsys, bad: str) -> None:
    code, _, err = run(capsys, "diff", "000", "001", "--threshold", bad)
    assert code == 2 and "threshold" in err


def test_diff_plain_markers_when_piped(capsys) -> None:
    code, out, _ = run(capsys, "diff", "000", "002")
    assert code == 0
    assert "[-" in out and "{+" in out
    assert "pairs (" in out and "only in A" in out and "mean similarity" in out


def test_diff_layouts(capsys) -> None:
    _, split, _ = run(capsys, "diff", "000", "004", "--layout", "split")
    _, unified, _ = run(capsys, "diff", "000", "004", "--layout", "unified")
    assert "only B" in unified and "sim " in unified
    assert split != unified


@pytest.mark.parametrize("width", [60, 80, 140])
@pytest.mark.parametrize("layout", ["split", "unified"])
def test_diff_view_wraps_every_word_within_the_width(corpus, width: int, layout: str) -> None:
    """Prose is wrapped, never cut: every word of both articles' sentences is printed, and no line
    is wider than the terminal."""
    import io
    import re

    from rich.console import Console

    from newsdiff.render import diff_view

    al = corpus.alignment(0, 4)
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(diff_view(al, width, layout))  # styles, not [- -] markers, which split words
    out = console.file.getvalue()
    assert max(console.measure(line).maximum for line in out.splitlines()) <= width
    assert not any(line.endswith(" ") for line in out.splitlines())  # no padding at line ends
    words = re.compile(r"[^\W\d_]+|\d+")  # "27cm" may print as "27 cm" when B has "27 centimetres"
    printed = set(words.findall(out.casefold()))
    for d in (al.a, al.b):
        for s in d.sentences:
            for word in words.findall(s.text.casefold()):
                assert word in printed, (layout, width, word)


def _sgr_attributes(out: str) -> set[int]:
    """The text attributes (bold 1, strike 9, ...) that SGR escapes in ``out`` switch on; colour
    arguments (38;5;n, 48;2;r;g;b) are skipped, so a colour numbered 9 is not mistaken for strike."""
    found: set[int] = set()
    for m in re.finditer(r"\x1b\[([0-9;]*)m", out):
        params = [int(p) for p in m.group(1).split(";") if p]
        k = 0
        while k < len(params):
            if params[k] in (38, 48):
                k += 3 if k + 1 < len(params) and params[k + 1] == 5 else 5
                continue
            found.add(params[k])
            k += 1
    return found


def test_diff_in_a_colour_terminal_uses_styles_not_markers() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "140", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    out = subprocess.run([sys.executable, "-m", "newsdiff", "diff", "000", "004"], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert "\x1b[" in out and "[-" not in out
    assert 9 in _sgr_attributes(out)  # strike-through marks deletions
    assert "weak" in out  # pairs sharing few words show the shared ones instead


def test_diff_no_color_keeps_style_marks() -> None:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "1", "COLUMNS": "140"}
    out = subprocess.run([sys.executable, "-m", "newsdiff", "diff", "000", "002"], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert "[-" in out  # no colour: plain markers


def test_facts_json_schema_and_known_disagreements(capsys) -> None:
    code, out, _ = run(capsys, "facts", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"similarity", "articles", "facts"}
    assert len(data["articles"]) == 5
    notes = []
    for f in data["facts"]:
        assert set(f) == {"id", "mentions", "paired", "disagreements"}
        ids = {m["article"] for m in f["mentions"]}
        assert all(len(p) == 2 and set(p) <= ids for p in f["paired"])
        assert len(f["mentions"]) >= 2
        for m in f["mentions"]:
            assert set(m) == {"article", "line", "sentence", "text", "secondary", "quantities"}
            for q in m["quantities"]:
                assert m["text"][q["start"]:q["end"]] == q["text"]
        for d in f["disagreements"]:
            assert set(d) == {"kind", "values", "note", "role"}
            notes.append((d["kind"], sorted(d["values"].values())))
    assert any(k == "unit" and "as long as 10 inches" in v for k, v in notes)


def test_facts_min_outlets_one_lists_every_sentence(capsys) -> None:
    _, out, _ = run(capsys, "facts", "--json", "--min-outlets", "1")
    data = json.loads(out)
    assert sum(len(f["mentions"]) for f in data["facts"]) == 15 + 16 + 15 + 17 + 30


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_facts_min_outlets_counts_articles_not_mentions(capsys, n: int) -> None:
    """An outlet that split a fact over two sentences is still one outlet."""
    _, out, _ = run(capsys, "facts", "--json", "--min-outlets", str(n))
    _, every, _ = run(capsys, "facts", "--json", "--min-outlets", "1")

    def outlets(f) -> int:
        return len({m["article"] for m in f["mentions"]})

    assert [f["id"] for f in json.loads(out)["facts"]] == \
        [f["id"] for f in json.loads(every)["facts"] if outlets(f) >= n]


def test_facts_table_and_disagreement_list(capsys) -> None:
    code, out, _ = run(capsys, "facts")
    assert code == 0
    assert "facts reported by two or more" in out
    assert "do not agree after" in out and "10 inches]" in out
