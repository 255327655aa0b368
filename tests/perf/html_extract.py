"""Main-content precision/recall on real news pages with a known main text (tests/data/html).

Each page folder holds ``source.html`` (the page) and ``expected.html`` (its main content, from
Mozilla Readability's test suite; see tests/data/html/README.md). The truth is the words of
expected.html without picture captions (newsdiff counts a caption as furniture, not as the story),
plus the page's headline. Scores are bag-of-words precision/recall (as in the article-extraction
benchmarks) for newsdiff's content blocks and for each extractor installed alone, and block-level
precision/recall of newsdiff's boilerplate labels.

    python tests/perf/html_extract.py          # pip install readability-lxml justext boilerpy3 goose3 to compare
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tui"))

from newsdiff.core.article import load_article  # noqa: E402
from newsdiff.core.document import document  # noqa: E402

PAGES = ROOT / "tests" / "data" / "html"
# Pages tuned on while the structure rules were written; the others are held out (measured before
# their errors were looked at).
DEV = {"herald-sun-1", "tmz-1"}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


_PARAGRAPHS = frozenset("p li h1 h2 h3 h4 h5 h6 blockquote td pre figure div".split())
_CAPTIONS = "//figcaption | //*[contains(@class, 'caption')]"


def truth_text(folder: Path, title: str | None) -> str:
    """The words of expected.html by paragraph, without the captions the page marks as captions
    (expected.html drops the classes, so they are looked up in source.html)."""
    import lxml.html

    source = lxml.html.fromstring((folder / "source.html").read_bytes())
    captions = {" ".join(words(el.text_content())) for el in source.xpath(_CAPTIONS)} - {""}
    root = lxml.html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
    for el in root.xpath("//*"):
        if el.getparent() is not None and " ".join(words(el.text_content())) in captions:
            el.drop_tree()
    parts = [(title or "")]
    for el in root.iter():
        # Paragraph-level elements, and divs holding text directly (no child elements).
        if el.tag in _PARAGRAPHS and (el.tag != "div" or not len(el)):
            parts.append(el.text_content())
    return "\n".join(parts)


def prf(got: list[str], want: list[str]) -> tuple[float, float]:
    g, w = Counter(got), Counter(want)
    common = sum((g & w).values())
    return (common / sum(g.values()) if g else 0.0, common / sum(w.values()) if w else 0.0)


def _extractors() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {}
    try:
        import trafilatura

        out["trafilatura"] = lambda h: trafilatura.extract(h, include_tables=True) or ""
    except ImportError:
        pass
    try:
        from readability import Document

        def readability(h: str) -> str:
            import lxml.html

            return lxml.html.fromstring(Document(h).summary()).text_content()

        out["readability-lxml"] = readability
    except ImportError:
        pass
    try:
        import justext

        out["justext"] = lambda h: "\n".join(
            p.text for p in justext.justext(h.encode("utf-8"), justext.get_stoplist("English")) if not p.is_boilerplate)
    except ImportError:
        pass
    try:
        from boilerpy3 import extractors

        out["boilerpy3"] = lambda h: extractors.ArticleExtractor().get_content(h)
    except ImportError:
        pass
    try:
        from goose3 import Goose

        out["goose3"] = lambda h: Goose().extract(raw_html=h).cleaned_text
    except ImportError:
        pass
    return out


def block_scores() -> dict[str, tuple[int, int, int]]:
    """newsdiff's boilerplate blocks against the truth, per part: (right, wrong, missed)."""
    out = {"dev": [0, 0, 0], "held-out": [0, 0, 0]}
    for folder in sorted(p for p in PAGES.iterdir() if (p / "expected.html").is_file()):
        part = "dev" if folder.name in DEV else "held-out"
        article = load_article(folder / "source.html")
        doc = document(article)
        _score_blocks(doc, truth_text(folder, doc.headline or article.meta.get("title")), out[part])
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def _score_blocks(doc, truth: str, tp_fp_fn: list[int]) -> None:
    want = words(truth)
    norm_truth = " ".join(want)
    paragraphs = {" ".join(words(p)) for p in truth.split("\n")}
    for b in doc.blocks:
        nb = " ".join(words(b.text))
        if not nb:
            continue
        # A block is the story's when it is a whole paragraph of the truth, or (five words or more)
        # a run of one: a menu entry "News" is not the story because the story says "news".
        is_bp = not (nb in paragraphs or (len(nb.split()) >= 5 and nb in norm_truth))
        said_bp = not b.is_content
        tp_fp_fn[0] += is_bp and said_bp
        tp_fp_fn[1] += said_bp and not is_bp
        tp_fp_fn[2] += is_bp and not said_bp


def main() -> int:
    extractors = _extractors()
    rows: dict[str, dict[str, list[tuple[float, float]]]] = {}
    blocks = {"dev": [0, 0, 0], "held-out": [0, 0, 0]}
    times: dict[str, float] = {}
    for folder in sorted(p for p in PAGES.iterdir() if (p / "expected.html").is_file()):
        part = "dev" if folder.name in DEV else "held-out"
        html = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        t = time.perf_counter()
        article = load_article(folder / "source.html")
        doc = document(article)
        times["newsdiff"] = times.get("newsdiff", 0) + time.perf_counter() - t
        truth = truth_text(folder, doc.headline if doc.headline else article.meta.get("title"))
        want = words(truth)
        rows.setdefault("newsdiff", {}).setdefault(part, []).append(prf(words(doc.clean_text()), want))
        _score_blocks(doc, truth, blocks[part])
        for name, fn in extractors.items():
            t = time.perf_counter()
            try:
                text = fn(html)
            except Exception as exc:  # an extractor failing on a page scores zero there
                print(f"{name} failed on {folder.name}: {type(exc).__name__}", file=sys.stderr)
                text = ""
            times[name] = times.get(name, 0) + time.perf_counter() - t
            rows.setdefault(name, {}).setdefault(part, []).append(prf(words(text), want))
    print("| extractor | part | pages | precision | recall | time |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, parts in rows.items():
        for part, scores in sorted(parts.items()):
            p = sum(s[0] for s in scores) / len(scores)
            r = sum(s[1] for s in scores) / len(scores)
            print(f"| {name} | {part} | {len(scores)} | {p:.3f} | {r:.3f} | {times[name] * 1000:.0f} ms |")
    print()
    print("newsdiff's boilerplate blocks against the truth (a block is boilerplate when its words are not in it):")
    for part, (tp, fp, fn) in blocks.items():
        if tp + fp + fn:
            print(f"  {part}: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} "
                  f"({tp} right, {fp} wrong, {fn} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
