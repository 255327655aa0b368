"""Odd inputs at scale: one giant line, and a folder of 10,000 articles.

    python tests/perf/bench_inputs.py          # everything
    python tests/perf/bench_inputs.py --self   # also the diff of the giant line with itself

Targets (issue 9): a 5 MB file without a line break is listed, cleaned (`clean --json`) and diffed
against a normal article each within 5 s and 500 MB; in the app, its reader opens within 2 s and a key
press there answers within 0.5 s; a folder of 10,000 short articles is listed (`list`, `list --json`)
within 5 s. Each line gives wall time, CPU time and peak memory: on a busy machine the wall time is
the CPU time stretched by the other load, so compare the CPU time too. The giant text is synthetic
prose (no sentence repeats, so nothing is folded away as a duplicate).
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import _sentence, _vocab  # noqa: E402

SEED = HERE.parent.parent / "seeds" / "000_a3f45731cb395efc.txt"
SIZE = 5 * 1024 * 1024 - 1024  # just under the 5 MB limit


def giant_line(path: Path, size: int = SIZE, seed: int = 9) -> None:
    rng = random.Random(seed)
    words = _vocab(rng, 4000, "")
    parts: list[str] = []
    total = 0
    while total < size:
        s = _sentence(rng, words, rng.randint(8, 30))
        parts.append(s)
        total += len(s) + 1
    path.write_text(" ".join(parts)[:size].rsplit(" ", 1)[0] + ".", encoding="utf-8")


def run_cli(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `newsdiff ARGS` in a fresh interpreter, its
    output going to a file as a script's would."""
    code = ("import resource, sys, time\nfrom newsdiff.cli import main\n"
            f"code = main({args!r})\n"
            "r = resource.getrusage(resource.RUSAGE_SELF)\n"
            "print(r.ru_maxrss, r.ru_utime + r.ru_stime, file=sys.stderr)\nsys.exit(code)")
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], stdout=out, stderr=subprocess.PIPE, text=True, check=False)
        wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"newsdiff {' '.join(args)} failed: {proc.stderr[-500:]}")
    rss, cpu = proc.stderr.strip().splitlines()[-1].split()
    return wall, float(cpu), int(rss) / 1024


def report(name: str, wall: float, cpu: float | None, rss: float | None, target_s: float | None,
           target_mb: float | None = None) -> bool:
    ok = (target_s is None or wall <= target_s) and (target_mb is None or rss is None or rss <= target_mb)
    mark = "info" if target_s is None else "ok  " if ok else "SLOW"
    cpu_text = f"{cpu:6.2f} s cpu" if cpu is not None else " " * 12
    mem = f"{rss:6.0f} MB" if rss is not None else " " * 9
    goal = f"(target {target_s:g} s" + (f", {target_mb:g} MB)" if target_mb else ")") if target_s is not None else ""
    print(f"{mark} {name:46} {wall:7.2f} s {cpu_text} {mem}  {goal}")
    return ok


def small_articles(folder: Path, n: int = 10_000) -> None:
    """``n`` short articles (a headline and two sentences each), as a folder of clippings would be."""
    for i in range(n):
        (folder / f"story{i:05d}.txt").write_text(
            f"Headline number {i} about the storm\n\nThe storm hit the coast on Monday, officials said. "
            f"About {i} homes lost power.\n", encoding="utf-8")


async def _app_keys(folder: Path) -> tuple[float, float]:
    from newsdiff.core.corpus import Corpus
    from newsdiff.ui.app import NewsdiffApp

    app = NewsdiffApp(Corpus.load([folder]), remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        index = next(i for i, a in enumerate(app.corpus.articles) if a.id == "giant")
        t = time.perf_counter()
        app.open_reader(index)
        await pilot.pause()
        opened = time.perf_counter() - t
        # A key's latency: from the key event to its effect (the cursor moved, its rows drawn again
        # by the cursor's watcher). ``pilot.pause()`` would also wait for the background measuring
        # of the rest of the article (10 ms slices between events), which a key does not wait for.
        from textual import events

        from newsdiff.ui.widgets.docview import DocView

        view = app.screen.query_one(DocView)
        worst = 0.0
        for key in ("j", "j", "j", "G", "k", "g"):
            before = view.cursor
            t = time.perf_counter()
            app.post_message(events.Key(key, key))
            while view.cursor == before and time.perf_counter() - t < 30:
                await asyncio.sleep(0.001)
            worst = max(worst, time.perf_counter() - t)
        return opened, worst


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "giant"
        folder.mkdir()
        big = folder / "giant.txt"
        giant_line(big)
        (folder / "normal.txt").write_bytes(SEED.read_bytes())
        print(f"giant line: {big.stat().st_size / 1048576:.2f} MB, no line break")
        for name, args in (
            ("list", ["list", str(folder)]),
            ("list --json", ["list", str(folder), "--json"]),
            ("clean --json", ["clean", "giant", str(folder), "--json"]),
            ("diff against a normal article --json", ["diff", "giant", "normal", str(folder), "--json"]),
            ("diff against a normal article", ["diff", "giant", "normal", str(folder)]),
        ):
            wall, cpu, rss = run_cli(args)
            ok &= report(f"newsdiff {name}", wall, cpu, rss, 5.0, 500.0)
        if "--self" in sys.argv:
            wall, cpu, rss = run_cli(["diff", "giant", "giant", str(big), "--json"])
            report("newsdiff diff of the giant line with itself", wall, cpu, rss, None)

        many = Path(tmp) / "many"
        many.mkdir()
        small_articles(many)
        print("a folder of 10,000 short articles")
        for name, args in (("list", ["list", str(many)]), ("list --json", ["list", str(many), "--json"])):
            wall, cpu, rss = run_cli(args)
            ok &= report(f"newsdiff {name}", wall, cpu, rss, 5.0, 500.0)

        # last: the app runs in this process, and a child forked after it would inherit its peak memory
        print("the giant line in the app")
        opened, worst = asyncio.run(_app_keys(folder))
        ok &= report("app: open the reader on it", opened, None, None, 2.0)
        ok &= report("app: slowest key press in that reader", worst, None, None, 0.5)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
