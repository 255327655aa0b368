"""`newsdiff screenshot VIEW [ARGS] -o FILE.svg`: every view headless, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.cli import main


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, one string (tags removed, entities decoded)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["library"], "Stunning CCTV"),
        (["read", "003"], "A Video Captures"),
        (["diff", "000", "004"], "pairs ("),
        (["facts"], "facts reported by two or more"),
    ],
)
def test_every_view_renders_headless(capsys, tmp_path: Path, args: list[str], expected: str) -> None:
    out = tmp_path / "shot.svg"
    assert main(["screenshot", *args, "-o", str(out), "--size", "100x30"]) == 0
    svg = out.read_text()
    assert svg.startswith("<svg") and expected in svg_text(svg)
    assert 'viewBox="0 0 ' in svg


def test_size_and_theme_options(tmp_path: Path) -> None:
    small, big = tmp_path / "s.svg", tmp_path / "b.svg"
    assert main(["screenshot", "library", "-o", str(small), "--size", "80x24", "--theme", "newsprint"]) == 0
    assert main(["screenshot", "library", "-o", str(big), "--size", "160x50", "--theme", "contrast"]) == 0
    assert len(big.read_text()) > len(small.read_text())
    assert "#f2ecdc" in small.read_text().lower()  # newsprint paper
    assert "#000000" in big.read_text().lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["read"], "'read' takes 1 article, not 0"),
        (["diff", "000"], "'diff' takes 2 articles, not 1"),
        (["diff", "000", "000"], "two different articles"),
        (["read", "zzz"], "no article 'zzz'"),
        (["library", "--size", "10"], "expected COLSxROWS"),
        (["library", "-p", "/nonexistent"], "no article could be loaded"),
        (["bogus"], "invalid choice"),
    ],
)
def test_errors(capsys, tmp_path: Path, args: list[str], message: str) -> None:
    code = main(["screenshot", *args[:1], *args[1:], "-o", str(tmp_path / "x.svg")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_output_must_be_svg(capsys, tmp_path: Path) -> None:
    assert main(["screenshot", "library", "-o", str(tmp_path / "x.png")]) == 2
    assert ".svg" in capsys.readouterr().err


def test_articles_from_paths(tmp_path: Path) -> None:
    f = tmp_path / "mine.txt"
    f.write_text("A headline of mine\n\nThe first sentence is here. The second one follows.\n")
    out = tmp_path / "r.svg"
    assert main(["screenshot", "read", "mine", "-p", str(f), "-o", str(out)]) == 0
    assert "A headline of mine" in svg_text(out.read_text())
