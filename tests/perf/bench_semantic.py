"""Speed and memory of the semantic layer (newsdiff.core.semantic; needs the semantic extra).

    python tests/perf/bench_semantic.py            # everything
    python tests/perf/bench_semantic.py --batches  # also: throughput by batch size (tuning BATCH_TOKENS)

Each measure runs in a fresh process with its own empty cache folder, as a user's first and second
runs would:
  cold import + model load                                 <= 1.5 s
  93 seed sentences embedded (model loaded, cache empty)    <= 1.0 s
  2,000 sentences embedded (model loaded, cache empty)      <= 14 s
  peak RSS of a process that embedded the 2,000 sentences   <= 400 MB
  the same 2,000 sentences in a second process (cached)     <= 0.3 s, no model load
The 2,000 sentences are the real coverage's under tests/data/real (about 900), the seeds' and the
test articles', and halves of them recombined (the first part of one with the rest of another).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def seed_sentences() -> list[str]:
    from newsdiff.core.corpus import Corpus

    return [s.text for d in Corpus.load().documents for s in d.sentences]


def many_sentences(n: int = 2000, seed: int = 7) -> list[str]:
    """``n`` distinct sentences of news: those of the real coverage under tests/data/real, the seeds
    and the test articles, then, to make up the number, halves of them recombined."""
    from newsdiff.core.corpus import Corpus

    data = ROOT / "tests" / "data"
    paths = [p for p in (ROOT / "seeds", data / "real", data / "clean", data / "other") if p.is_dir()]
    base = sorted({s.text for d in Corpus.load(paths).documents for s in d.sentences if len(s.text.split()) >= 6})
    rng = random.Random(seed)
    out = rng.sample(base, min(n, len(base)))
    seen = set(base)
    while len(out) < n:
        a, b = rng.sample(base, 2)
        wa, wb = a.split(), b.split()
        text = " ".join(wa[: rng.randint(3, len(wa) - 2)] + wb[rng.randint(2, len(wb) - 2):])
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


# -- what runs in the child processes ------------------------------------------------------------------

def child(task: str) -> dict:
    if task == "load":
        t0 = time.perf_counter()
        from newsdiff.core import semantic

        semantic.load()
        return {"load_s": time.perf_counter() - t0, "rss_mb": _rss_mb()}
    texts = seed_sentences() if task == "seeds" else many_sentences()
    t0 = time.perf_counter()
    import numpy  # noqa: F401  (timed apart: the core imports it for its own matrices)

    from newsdiff.core import semantic

    if task != "cached":  # a cached run must not need the model: it is not loaded
        semantic.load()
    t1, c1 = time.perf_counter(), time.process_time()
    semantic.embed(texts)
    t2, c2 = time.perf_counter(), time.process_time()
    return {"embed_s": t2 - t1, "cpu_s": c2 - c1, "texts": len(texts), "stats": semantic.stats(),
            "rss_mb": _rss_mb(), "process_s": t2 - t0, "onnxruntime_loaded": "onnxruntime" in sys.modules}


def run_child(task: str, cache: str) -> dict:
    env = {**os.environ, "NEWSDIFF_CACHE_DIR": cache}
    env.pop("NEWSDIFF_SIMILARITY", None)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", task], env=env, capture_output=True, text=True,
                         check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t
    return result


def report(name: str, value: float, target: float, unit: str = "s") -> bool:
    ok = value <= target
    print(f"{'ok  ' if ok else 'SLOW'} {name:62} {value:8.2f} {unit}   (target {target:g} {unit})")
    return ok


def bench() -> bool:
    ok = True
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    # cold import + load: the first run of a user hashes the model file; later runs do not
    with tempfile.TemporaryDirectory() as cache:
        first = run_child("load", cache)
        later = min((run_child("load", cache) for _ in range(3)), key=lambda r: r["load_s"])
    ok &= report("cold import + model load, first run (sha256 of the model)", first["load_s"], 1.5)
    ok &= report("cold import + model load, later runs", later["load_s"], 1.5)
    print(f"     RSS after load: {later['rss_mb']:.0f} MB")

    best = None
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            r = run_child("seeds", cache)
        best = r if best is None or r["embed_s"] < best["embed_s"] else best
    ok &= report(f"{best['texts']} seed sentences embedded, cache empty "
                 f"({best['texts'] / best['embed_s']:.0f} sentences/s)", best["embed_s"], 1.0)
    print(f"     CPU time {best['cpu_s']:.2f} s (all threads; wall time suffers when other work shares the cores)")

    with tempfile.TemporaryDirectory() as cache:
        big = run_child("many", cache)
        cached = min((run_child("cached", cache) for _ in range(3)), key=lambda r: r["embed_s"])
    ok &= report(f"{big['texts']} sentences embedded, cache empty "
                 f"({big['texts'] / big['embed_s']:.0f} sentences/s, {big['stats']['model_runs']} batches)",
                 big["embed_s"], 14)
    print(f"     CPU time {big['cpu_s']:.1f} s")
    ok &= report("peak RSS of that process", big["rss_mb"], 400, "MB")
    ok &= report(f"the same {cached['texts']} in a second process, cached", cached["embed_s"], 0.3)
    assert cached["stats"]["computed"] == 0 and not cached["onnxruntime_loaded"], cached
    print(f"     (no model call, onnxruntime not imported; with the imports of numpy and the module "
          f"{cached['process_s']:.2f} s, peak RSS {cached['rss_mb']:.0f} MB)")
    return ok


def bench_batches() -> None:
    """Throughput by batch bound, on one thread (CPU cost, which contention hardly changes) and on all."""
    from newsdiff.core import semantic

    texts = many_sentences(300, seed=11)
    bounds = ((10**6, 1), (128, 4), (256, 8), (512, 16), (1024, 32), (2048, 64), (4096, 64))
    for threads in sorted({1, semantic._threads()}):
        semantic._threads = lambda n=threads: n
        semantic._encoder = None
        semantic.load()
        encoder = semantic._encoder
        best: dict[tuple[int, int], tuple[float, float]] = {}
        for _ in range(3):  # rounds: every bound once a round, so load from elsewhere hits them alike
            for bound in bounds:
                semantic.BATCH_TOKENS, semantic.BATCH_MAX = bound
                t, c = time.perf_counter(), time.process_time()
                encoder.encode(texts)
                wall, cpu = time.perf_counter() - t, time.process_time() - c
                old = best.get(bound, (wall, cpu))
                best[bound] = (min(old[0], wall), min(old[1], cpu))
        print(f"batch bounds, {len(texts)} sentences, {threads} thread(s), best of 3:")
        for (tokens, count), (wall, cpu) in best.items():
            print(f"     BATCH_TOKENS {tokens:7}  BATCH_MAX {count:3}: {len(texts) / wall:5.0f} sentences/s, "
                  f"CPU {cpu:5.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--batches", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    from newsdiff.core import semantic

    if not semantic.available():
        print("semantic layer unavailable:", semantic.unavailable_reason())
        return 2
    print(f"{semantic.name()} on {semantic._threads()} threads")
    ok = bench()
    if args.batches:
        bench_batches()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
