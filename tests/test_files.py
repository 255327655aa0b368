"""Reading that cannot hang or explode: pipes, devices, lying sizes, symlink loops, deep folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.core.article import Skip, load_article, load_paths
from newsdiff.core.files import LoadError, read_file

from .conftest import SEEDS

GOOD = "A headline here\n\nA body sentence about the story. Another sentence follows it.\n"


def _list_in_a_child(args: list[str], timeout: float = 30, memory_gb: float = 4.0) -> subprocess.CompletedProcess:
    """`newsdiff ARGS` in a child process with a time and a memory limit: on a broken build a pipe
    would block it forever and /dev/zero would eat all memory, and the test must fail, not hang."""
    def limit() -> None:
        import resource

        size = int(memory_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    try:
        return subprocess.run([sys.executable, "-m", "newsdiff", *args], capture_output=True, text=True,
                              timeout=timeout, preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"newsdiff {' '.join(args)} did not finish in {timeout} s: {exc}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipes_are_skipped_never_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "sources.json")
    proc = _list_in_a_child(["list", "--json", str(tmp_path)])
    assert proc.returncode == 0, proc.stderr
    assert f"skipped {tmp_path / 'pipe.txt'}: not a regular file (a named pipe)" in proc.stderr
    assert f"skipped {tmp_path / 'sources.json'}: not a regular file (a named pipe)" in proc.stderr
    assert '"id": "good"' in proc.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_devices_are_skipped_whatever_their_name(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    (tmp_path / "sources.json").symlink_to("/dev/zero")
    proc = _list_in_a_child(["list", "--json", "/dev/zero", str(tmp_path)])
    assert proc.returncode == 0, proc.stderr
    assert "skipped /dev/zero: not a regular file (a character device)" in proc.stderr
    assert "sources.json: not a regular file (a character device)" in proc.stderr
    assert '"id": "good"' in proc.stdout


def test_the_size_limit_holds_while_reading_whatever_stat_says(tmp_path: Path, monkeypatch) -> None:
    """st_size is 0 for devices and wrong for growing files: the limit is counted on the bytes."""
    from newsdiff.core import files

    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (1024 * 1024 + 10))  # just over 5 MB
    real_stat, real_fstat = os.stat, os.fstat

    def small(result: os.stat_result) -> os.stat_result:
        fields = list(result)
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: small(real_stat(p, *a, **k)))
    monkeypatch.setattr(files.os, "fstat", lambda fd: small(real_fstat(fd)))
    with pytest.raises(LoadError, match=r"too large \(more than 5.0 MB\)"):
        read_file(big)
    monkeypatch.undo()
    with pytest.raises(LoadError, match=r"too large \(5.0 MB; the limit is 5.0 MB\)"):
        load_article(big)


def test_a_symlink_loop_is_skipped_and_the_rest_load(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    skips: list[Skip] = []
    arts = load_paths([tmp_path], on_skip=skips.append)
    assert [a.id for a in arts] == ["good"]
    assert sorted((s.path.name, s.reason) for s in skips) == [
        ("ping.txt", "symlink loop"), ("pong.txt", "symlink loop"), ("self.txt", "symlink loop")]
    skips.clear()
    assert load_paths([tmp_path / "self.txt"], on_skip=skips.append) == []
    assert skips == [Skip(tmp_path / "self.txt", "symlink loop")]


def test_links_to_folders_inside_folders_are_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.txt").write_text(GOOD)
    (tmp_path / "a" / "up").symlink_to(tmp_path)  # a loop, if it were followed
    (tmp_path / "a" / "root").symlink_to("/")  # the whole disk, if it were followed
    skips: list[Skip] = []
    arts = load_paths([tmp_path / "a"], on_skip=skips.append)
    assert [a.id for a in arts] == ["good"]
    assert sorted(s.path.name for s in skips) == ["root", "up"]
    assert all("links inside folders are not followed" in s.reason for s in skips)
    assert [a.id for a in load_paths([tmp_path / "a" / "up" / "a"])] == ["good"]  # a link given is followed


def test_folders_nested_too_deep_are_skipped_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text(GOOD)
    deep = tmp_path
    for _ in range(300):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text(GOOD)
    (tmp_path / "d" / "shallow.txt").write_text(GOOD)
    skips: list[Skip] = []
    arts = load_paths([tmp_path], on_skip=skips.append)
    assert sorted(a.id for a in arts) == ["shallow", "top"]
    assert len(skips) == 1 and skips[0].reason == "folder nested too deep (more than 32 levels)"
    assert len(skips[0].path.relative_to(tmp_path).parts) == 33


def test_a_thousand_levels_deep_is_no_recursion_error(tmp_path: Path) -> None:
    """Deeper than Python's recursion limit: the walk is a loop, and the limit is one line."""
    deep = tmp_path
    for _ in range(1000):
        deep = deep / "d"
        try:
            deep.mkdir()
        except OSError:  # a file system that refuses such long paths
            break
    (deep / "x.txt").write_text(GOOD)
    (tmp_path / "top.txt").write_text(GOOD)
    try:
        proc = _list_in_a_child(["list", "--json", str(tmp_path)])
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.count("\n") == 1 and "nested too deep" in proc.stderr
    finally:  # pytest's own clean-up of temporary folders recurses, and would fail on this one
        (deep / "x.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_a_stray_nul_is_removed_but_a_file_of_nuls_stays_binary(tmp_path: Path) -> None:
    stray = tmp_path / "stray.txt"
    stray.write_bytes(GOOD.replace("body", "bo\x00dy").encode())
    assert "\x00" not in load_article(stray).text and "body sentence" in load_article(stray).text
    nuls = tmp_path / "nuls.txt"
    nuls.write_bytes(b"Text " + b"\x00" * 200 + b" more text")
    with pytest.raises(LoadError, match="binary"):
        load_article(nuls)


def test_a_path_reference_to_a_pipe_or_folder_says_why(capsys, tmp_path: Path) -> None:
    from newsdiff.cli import main

    assert main(["clean", str(tmp_path), str(SEEDS)]) == 2
    assert "not a regular file (a folder)" in capsys.readouterr().err
