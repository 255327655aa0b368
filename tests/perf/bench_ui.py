"""App benchmarks (not part of the default test run).

    python tests/perf/bench_ui.py

1. First frame: a minimal Textual app and `newsdiff` are started side by side in a pseudo-terminal
   (120x40), alternately, several times; the time from spawn until a known piece of text reaches the
   terminal is the first frame. Target: newsdiff within 1.3 x the minimal app.
2. Memory: peak RSS (VmHWM) of the running app after opening the reader, a diff and the facts on the
   seeds. Target: under 150 MB.
3. Long diffs: two synthetic 2,000-sentence articles; time to lay out the diff view and to page
   through it (the view draws lines, not widgets).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("READY-MARKER")
Minimal().run()
"""


def first_frame(argv: list[str], marker: bytes, env: dict[str, str], timeout: float = 20.0,
                after=None) -> tuple[float, int | None]:
    """Seconds until ``marker`` is written to the terminal; and the peak RSS in kB if ``after`` ran."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    buf = b""
    elapsed = None
    rss = None
    try:
        end = start + timeout
        while time.perf_counter() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                buf += chunk
                if elapsed is None and marker in buf.replace(b"\x1b", b""):
                    elapsed = time.perf_counter() - start
                    if after is None:
                        break
                    rss = after(pid, fd)
                    break
        if elapsed is None:
            raise RuntimeError(f"{argv} never showed {marker!r}")
    finally:
        try:
            os.write(fd, b"\x11")  # ctrl+q
            time.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed, rss


def _drain(fd: int, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def _walk_and_measure(pid: int, fd: int) -> int:
    for keys, wait in ((b"\r", 1.5), (b"\x1b", 0.5), (b"ajbd", 2.0), (b"\x1b", 0.5), (b"f", 2.5)):
        os.write(fd, keys)
        _drain(fd, wait)
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def bench_first_frame(runs: int = 7) -> bool:
    from bench import _compile_package  # the sibling script: measure with bytecode, as installed

    _compile_package()
    exe = shutil.which("newsdiff") or str(Path(sys.executable).parent / "newsdiff")
    with tempfile.TemporaryDirectory() as cfg:
        env = {**os.environ, "TERM": "xterm-256color", "NEWSDIFF_CONFIG_DIR": cfg, "COLUMNS": "120", "LINES": "40"}
        minimal, ours = [], []
        for _ in range(runs):
            minimal.append(first_frame([sys.executable, "-c", MINIMAL], b"READY-MARKER", env)[0])
            ours.append(first_frame([exe], b"articles", env)[0])
        rss = first_frame([exe], b"articles", env, after=_walk_and_measure)[1]
    m, o = statistics.median(minimal), statistics.median(ours)
    ratio = o / m
    ok_frame = ratio <= 1.3
    print(f"{'ok  ' if ok_frame else 'SLOW'} first frame: minimal Textual app {m * 1000:.0f} ms, "
          f"newsdiff {o * 1000:.0f} ms (medians of {runs}) -> {ratio:.2f} x (target 1.3 x)")
    ok_rss = rss is not None and rss < 150 * 1024
    print(f"{'ok  ' if ok_rss else 'BIG '} peak RSS after reader, diff and facts on the seeds: "
          f"{(rss or 0) / 1024:.0f} MB (target 150 MB)")
    return ok_frame and ok_rss


async def _long_diff() -> tuple[float, float, int]:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import synthetic_pair

    from newsdiff.core.corpus import Corpus
    from newsdiff.ui.app import NewsdiffApp
    from newsdiff.ui.widgets.docview import DocView

    a, b = synthetic_pair()
    corpus = Corpus([a, b])
    corpus.documents  # noqa: B018
    app = NewsdiffApp(corpus, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        t = time.perf_counter()
        app.open_diff(0, 1)
        while True:
            await pilot.pause(0.05)
            screen = app.screen
            if getattr(screen, "alignment", None) is not None and screen.query_one(DocView).items:
                break
        open_time = time.perf_counter() - t
        view = app.screen.query_one(DocView)
        lines = view.virtual_size.height
        t = time.perf_counter()
        for _ in range(50):
            await pilot.press("pagedown")
        page_time = (time.perf_counter() - t) / 50
    return open_time, page_time, lines


def bench_long_diff() -> bool:
    open_time, page_time, lines = asyncio.run(_long_diff())
    ok = page_time < 0.1
    print(f"     long diff: aligned and laid out in {open_time:.2f} s ({lines} lines in one view)")
    print(f"{'ok  ' if ok else 'SLOW'} paging through it: {page_time * 1000:.1f} ms per page (smooth under 100 ms)")
    return ok


if __name__ == "__main__":
    results = [bench_first_frame(), bench_long_diff()]
    sys.exit(0 if all(results) else 1)
