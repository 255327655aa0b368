"""`newsdiff list` and `newsdiff clean`: output, JSON schema, and every error path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.cli import main

from .conftest import SEEDS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_every_field(capsys) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= {"id", "path", "headline", "source", "words", "sentences", "boilerplate_lines"}
        assert Path(row["path"]).is_file()
        assert row["words"] > 300 and row["sentences"] > 10
    by_id = {r["id"][:3]: r for r in rows}
    assert by_id["001"]["headline"].startswith("Stunning CCTV Footage")  # not the archive notice
    assert by_id["003"]["source"] is None
    assert by_id["000"]["boilerplate_lines"] == 11


def test_list_table_names_every_article(capsys) -> None:
    code, out, _ = run(capsys, "list", str(SEEDS))
    assert code == 0
    for p in SEEDS.glob("*.txt"):
        assert p.stem in out
    assert "HuffPost Australia" in out and "unknown" in out


def test_clean_json_schema_and_offsets(capsys) -> None:
    code, out, _ = run(capsys, "clean", "001", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data["article"]) == {"id", "path", "headline", "source", "url", "published", "author", "format"}
    blocks = data["blocks"]
    assert blocks[0] == {**blocks[0], "line": 1, "end_line": 1, "label": "boilerplate", "kind": "archive-notice"}
    source_lines = Path(data["article"]["path"]).read_text(encoding="utf-8").split("\n")
    for b in blocks:
        assert set(b) == {"line", "end_line", "label", "kind", "reason", "text", "sentences"}
        assert b["text"] == source_lines[b["line"] - 1].strip()
        for s in b["sentences"]:
            assert b["text"][s["start"] : s["end"]] == s["text"]


def test_clean_only_content_is_the_story_alone(capsys) -> None:
    code, out, _ = run(capsys, "clean", "000", "--only-content")
    assert code == 0
    assert "Andy Wells" not in out and "Loch Ness" not in out and "(AP)" not in out
    assert out.startswith("North Korea soldier shot five times")
    assert "About 30,000 North Koreans have fled" in out


def test_clean_rich_view_shows_kinds_and_reasons(capsys) -> None:
    code, out, _ = run(capsys, "clean", "002")
    assert code == 0
    assert "video-note" in out and "call-to-action" in out and "Leave a Comment" in out


def test_clean_accepts_a_path_not_among_loaded_articles(capsys, tmp_path: Path) -> None:
    f = tmp_path / "mine.txt"
    f.write_text("My headline\n\nBy Jane Doe\n\nThe first sentence. The second one.\n")
    code, out, _ = run(capsys, "clean", str(f), "--json")
    assert code == 0
    assert [b["kind"] for b in json.loads(out)["blocks"]] == ["headline", "byline", "body"]


def test_markup_in_articles_prints_literally(capsys, tmp_path: Path) -> None:
    f = tmp_path / "markup.txt"
    f.write_text("Head [bold]x[/] and [link=http://x]y[/link]\n\nBody with [red]brackets[/red] and [/] here.\n")
    code, out, _ = run(capsys, "clean", str(f))
    assert code == 0
    assert "[bold]x[/]" in out and "[link=http://x]y[/link]" in out and "[/] here" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "zzz"], "no article 'zzz'"),
        (["clean", "00"], "is ambiguous"),
        (["list", "/nonexistent/path"], "no article could be loaded"),
        (["clean"], "the following arguments are required"),
        (["list", "--bogus"], "unrecognized arguments"),
    ],
)
def test_user_errors_exit_2_with_one_clear_line(capsys, args: list[str], message: str) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_nothing_loadable_exits_2(capsys, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 50)
    code, _out, err = run(capsys, "list", str(tmp_path))
    assert code == 2
    assert f"skipped {tmp_path / 'bin.txt'}: binary data, not text" in err
    assert f"skipped {tmp_path / 'empty.txt'}: empty file" in err
    assert "no article could be loaded" in err


def test_every_skip_reason_reaches_stderr_and_the_rest_load(capsys, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Headline\n\nA body sentence here.\n")
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing")
    (tmp_path / "empty.md").write_bytes(b"")
    code, out, err = run(capsys, "list", "--json", str(tmp_path))
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["ok"]
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any("huge.txt: too large" in x for x in lines)
    assert any("gone.txt: cannot read" in x for x in lines)
    assert any("empty.md: empty file" in x for x in lines)


def test_skipped_files_warn_but_the_rest_load(capsys, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Headline\n\nA body sentence here.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 10)
    code, out, err = run(capsys, "list", "--json", str(tmp_path))
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["ok"]
    assert err.count("\n") == 1 and "bad.txt" in err


def test_installed_command_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "newsdiff"]
    ok = subprocess.run([*exe, "list", "--json"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)
    bad = subprocess.run([*exe, "clean", "nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.startswith("newsdiff: ")


def test_output_piped_into_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m newsdiff clean 004 | head -c 10", shell=True, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


@pytest.mark.parametrize("args", [["list"], ["clean", "000"], ["facts"], ["diff", "000", "004"]])
def test_piped_output_does_not_end_lines_in_spaces(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", "newsdiff", *args], capture_output=True, text=True, check=True).stdout
    lines = out.split("\n")
    assert len(lines) > 5
    assert [n for n, line in enumerate(lines) if line != line.rstrip()] == []


def test_an_app_option_before_a_command_is_not_taken_for_a_path(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--theme", "nope", "list")
    assert code == 2
    assert "--theme" in err and "no article could be loaded" not in err and "skipped list" not in err
    out = tmp_path / "x.svg"
    code, _, err = run(capsys, "--theme", "newsprint", "screenshot", "library", "-o", str(out), "--size", "60x20")
    assert code == 0 and out.read_text().startswith("<svg")
