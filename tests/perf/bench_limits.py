"""One giant line: a 5 MB file without a line break, listed, cleaned, diffed and read in the app.

    python tests/perf/bench_limits.py

Targets (issue 9): `newsdiff list`, `clean --json` and `diff` of the 5 MB line against a normal
article each within 5 s and 500 MB; in the app, the reader of that file opens and a key press there
answers within 0.5 s. Reported without a target: the diff of the giant line with itself.
The text is synthetic prose (no sentence repeats, so nothing is folded away as a duplicate).
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


def run_cli(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `newsdiff ARGS` in a fresh interpreter."""
    code = ("import resource, sys\nfrom newsdiff.cli import main\n"
            f"code = main({args!r})\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"newsdiff {' '.join(args)} failed: {proc.stderr[-500:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def report(name: str, wall: float, rss: float | None, target_s: float | None, target_mb: float | None) -> bool:
    ok = (target_s is None or wall <= target_s) and (target_mb is None or rss is None or rss <= target_mb)
    mark = "ok  " if ok else "SLOW"
    if target_s is None:
        mark = "info"
    mem = f"{rss:7.0f} MB" if rss is not None else " " * 10
    goal = f"(target {target_s:g} s, {target_mb:g} MB)" if target_s is not None and target_mb else \
        f"(target {target_s:g} s)" if target_s is not None else ""
    print(f"{mark} {name:52} {wall:7.2f} s {mem}  {goal}")
    return ok


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
        worst = 0.0
        for key in ("j", "j", "j", "G", "k", "g"):
            t = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            worst = max(worst, time.perf_counter() - t)
        return opened, worst


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "giant.txt"
        giant_line(big)
        (folder / "normal.txt").write_bytes(SEED.read_bytes())
        print(f"giant line: {big.stat().st_size / 1048576:.2f} MB, no line break")
        for name, args in (
            ("list", ["list", str(folder)]),
            ("list --json", ["list", str(folder), "--json"]),
            ("clean --json", ["clean", "giant", str(folder), "--json"]),
            ("diff against a normal article", ["diff", "giant", "normal", str(folder)]),
            ("diff against a normal article --json", ["diff", "giant", "normal", str(folder), "--json"]),
        ):
            wall, rss = run_cli(args)
            ok &= report(f"newsdiff {name}", wall, rss, 5.0, 500.0)
        opened, worst = asyncio.run(_app_keys(folder))
        ok &= report("app: open the reader on it", opened, None, 2.0, None)
        ok &= report("app: slowest key press in that reader", worst, None, 0.5, None)
        if "--self" in sys.argv:
            wall, rss = run_cli(["diff", "giant", "giant", str(big), "--json"])
            report("newsdiff diff of the giant line with itself", wall, rss, None, None)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
