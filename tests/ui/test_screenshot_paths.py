"""`newsdiff screenshot -o`: never overwrites without --force, and says clearly why a path fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.cli import main


def test_an_existing_file_is_kept_unless_forced(capsys, tmp_path: Path) -> None:
    out = tmp_path / "shot.svg"
    out.write_text("mine")
    assert main(["screenshot", "library", "-o", str(out), "--size", "60x20"]) == 2
    assert f"{out} already exists (--force overwrites it)" in capsys.readouterr().err
    assert out.read_text() == "mine"
    out.chmod(0o640)
    assert main(["screenshot", "library", "-o", str(out), "--size", "60x20", "--force"]) == 0
    assert out.read_text().startswith('<svg xml:space="preserve" ') and (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["shot.svg"]  # no temporary file left


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/dev/null/x.svg", "cannot write /dev/null/x.svg: /dev/null is not a folder"),
        ("{tmp}/file.txt/x.svg", "cannot write {tmp}/file.txt/x.svg: {tmp}/file.txt is not a folder"),
        ("{tmp}/folder.svg", "cannot write {tmp}/folder.svg: it is a folder"),
        ("{tmp}/typo/x.svg", "cannot write {tmp}/typo/x.svg: the folder {tmp}/typo does not exist"),
    ],
)
def test_path_errors_say_what_is_wrong(capsys, tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder.svg").mkdir()
    code = main(["screenshot", "library", "-o", target.format(tmp=tmp_path), "--size", "60x20", "--force"])
    err = capsys.readouterr().err
    assert code == 2 and message.format(tmp=tmp_path) in err and "File exists" not in err


def test_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    """A typo in the folder must not leave a tree of new folders behind (as curl -o, cp)."""
    out = tmp_path / "a" / "b" / "shot.svg"
    assert main(["screenshot", "library", "-o", str(out), "--size", "60x20"]) == 2
    assert not (tmp_path / "a").exists()
