"""Speed and memory benchmarks (not part of the default test run).

    python tests/perf/bench.py          # everything
    python tests/perf/bench.py core     # in-process targets only

Targets:
  load + clean + split of all seeds in-process            < 20 ms
  all ten seed pairs aligned + facts in-process           < 100 ms
  two synthetic 2,000-sentence articles aligned            <= 0.4 s (lexical)
  two synthetic 4,000-sentence articles aligned            <= 1.5 s and <= 250 MB (in a fresh process)
  facts of 400 synthetic articles of 80 stories            <= 8 s and <= 400 MB (in a fresh process)
  `newsdiff diff` / `newsdiff facts` wall time             <= 2.5 x `python -c "import rich.console, rapidfuzz"`

Alignment times are of ``align`` on cleaned documents whose words are already normalised (as in the
app, where cleaning and tokenising happen once when the articles load), without the word operations
inside each pair (a diff computes those too, in the app's worker: about 0.1 ms a pair); the time with
them is printed beside.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newsdiff.core.align import SentenceIndex, align
from newsdiff.core.article import Article, load_paths
from newsdiff.core.document import build_documents
from newsdiff.core.facts import compute_facts


def best_of(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def report(name: str, seconds: float, target: float) -> bool:
    ok = seconds <= target
    print(f"{'ok  ' if ok else 'SLOW'} {name:55} {seconds * 1000:9.1f} ms   (target {target * 1000:.0f} ms)")
    return ok


# -- synthetic text ---------------------------------------------------------------------------------

def _vocab(rng: random.Random, n: int, prefix: str) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [prefix + "".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]


COMMON = "the a of to in and said that was for on with as he his by at from it were had".split()


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    picks = rng.choices(words, weights=[1 / (i + 1) for i in range(len(words))], k=n)
    out = []
    for w in picks:
        out.append(w)
        if rng.random() < 0.5:
            out.append(rng.choice(COMMON))
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def _rewrite(rng: random.Random, sentence: str, words: list[str]) -> str:
    toks = sentence.rstrip(".").split()
    for _ in range(rng.randint(1, 4)):
        toks[rng.randrange(len(toks))] = rng.choice(words)
    return " ".join(toks) + "."


def _article(name: str, sentences: list[str], per_para: int = 3) -> Article:
    paras = [" ".join(sentences[i:i + per_para]) for i in range(0, len(sentences), per_para)]
    text = f"Headline of {name}\n\n" + "\n\n".join(paras)
    return Article(name, Path(f"/{name}.txt"), text)


def synthetic_pair(n: int = 2000, seed: int = 1) -> tuple[Article, Article]:
    rng = random.Random(seed)
    words = _vocab(rng, 6000, "")
    a = [_sentence(rng, words, rng.randint(8, 20)) for _ in range(n)]
    b = [_rewrite(rng, s, words) if rng.random() < 0.5 else s for s in a if rng.random() < 0.8]
    b += [_sentence(rng, words, rng.randint(8, 20)) for _ in range(n - len(b))]
    # outlets reorder paragraphs: shuffle blocks of 5 sentences
    blocks = [b[i:i + 5] for i in range(0, len(b), 5)]
    rng.shuffle(blocks)
    return _article("a", a), _article("b", [s for blk in blocks for s in blk])


def synthetic_corpus(stories: int = 40, outlets: int = 5, seed: int = 2) -> list[Article]:
    rng = random.Random(seed)
    shared = _vocab(rng, 3000, "")
    arts = []
    for s in range(stories):
        own = _vocab(rng, 150, f"s{s}")
        facts = [_sentence(rng, own + shared[:300], rng.randint(10, 18)) for _ in range(35)]
        for o in range(outlets):
            picked = [_rewrite(rng, f, own) if rng.random() < 0.5 else f for f in facts if rng.random() < 0.75]
            rng.shuffle(picked)
            arts.append(_article(f"story{s:02d}_outlet{o}", picked))
    return arts


# -- benchmarks -------------------------------------------------------------------------------------

def bench_core() -> bool:
    ok = True
    ok &= report("load + clean + split, 5 seeds", best_of(lambda: build_documents(load_paths())), 0.020)
    docs = build_documents(load_paths())

    def pairs_and_facts() -> None:
        index = SentenceIndex(docs)
        for i in range(len(docs)):
            for j in range(i + 1, len(docs)):
                align(docs[i], docs[j], index=index)
        compute_facts(docs, stories=[(range(len(docs)), index)])

    ok &= report("10 seed pairs (with word ops) + facts", best_of(pairs_and_facts), 0.100)
    a, b = build_documents(list(synthetic_pair()))
    print(f"     synthetic pair: {len(a.sentences)} and {len(b.sentences)} sentences")
    ok &= report("align two 2,000-sentence articles", best_of(lambda: align(a, b, with_ops=False), 3), 0.4)
    print(f"     with the word operations of every pair: {best_of(lambda: align(a, b), 3) * 1000:.0f} ms")
    for what, target, megabytes in (("pair4000", 1.5, 250), ("facts400", 8.0, 400)):
        out = subprocess.run([sys.executable, __file__, what], check=True, capture_output=True, text=True).stdout
        seconds, rss, note = out.split(maxsplit=2)
        print(f"     {note.strip()}")
        name = "align two 4,000-sentence articles" if what == "pair4000" else "facts of 400 articles (80 stories)"
        ok &= report(name, float(seconds), target)
        good = float(rss) <= megabytes
        ok &= good
        print(f"{'ok  ' if good else 'BIG '} {name + ', peak memory':55} {float(rss):9.1f} MB   (target {megabytes} MB)")
    return ok


def _fresh(what: str) -> None:
    """One measurement in this (fresh) process: seconds, peak RSS in MB and a note, on one line."""
    import resource

    if what == "pair4000":
        a, b = build_documents(list(synthetic_pair(4000, seed=3)))
        for d in (a, b):
            _ = d.sentence_keys  # words normalised when the articles load
        t = time.perf_counter()
        al = align(a, b, with_ops=False)
        elapsed = time.perf_counter() - t
        t = time.perf_counter()
        align(a, b)
        note = (f"{len(a.sentences)} and {len(b.sentences)} sentences, {len(al.pairs)} pairs; with the word "
                f"operations of every pair {time.perf_counter() - t:.2f} s")
    else:
        docs = build_documents(synthetic_corpus(stories=80))
        for d in docs:
            _ = d.sentence_keys
        t = time.perf_counter()
        facts = compute_facts(docs)
        elapsed = time.perf_counter() - t
        multi = [f for f in facts if len(f.articles) > 1]
        mixed = sum(1 for f in multi if len({m.article.split("_")[0] for m in f.mentions}) > 1)
        note = f"{len(docs)} articles, {sum(len(d.sentences) for d in docs)} sentences, {len(multi)} facts, {mixed} mixing stories"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {rss:.1f} {note}")


def _wall(cmd: list[str], n: int = 9) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _compile_package() -> None:
    """Byte-compile newsdiff first, as ``pip install`` does. In an editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 (set on some machines), every command would otherwise recompile its
    modules from source (~25 ms) and the timings would not be what an installed user sees."""
    import compileall

    import newsdiff

    compileall.compile_dir(str(Path(newsdiff.__file__).parent), quiet=1)


def bench_cli() -> bool:
    _compile_package()
    base = _wall([sys.executable, "-c", "import rich.console, rapidfuzz"])
    print(f"     bare `import rich.console, rapidfuzz`: {base * 1000:.1f} ms (median)")
    ok = True
    for args in (["diff", "000", "004"], ["diff", "000", "004", "--json"], ["facts"], ["facts", "--json"]):
        t = _wall([sys.executable, "-m", "newsdiff", *args])
        ratio = t / base
        good = ratio <= 2.5
        ok &= good
        print(f"{'ok  ' if good else 'SLOW'} newsdiff {' '.join(args):44} {t * 1000:9.1f} ms   ({ratio:.2f} x, target 2.5 x)")
    return ok


if __name__ == "__main__":
    if sys.argv[1:2] in (["pair4000"], ["facts400"]):
        _fresh(sys.argv[1])
        sys.exit(0)
    which = sys.argv[1:] or ["core", "cli"]
    results = []
    if "core" in which:
        results.append(bench_core())
    if "cli" in which:
        results.append(bench_cli())
    sys.exit(0 if all(results) else 1)
