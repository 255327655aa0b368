"""Property test: arbitrary bytes as file names and contents, in a temporary folder, through loading,
cleaning and every printed view. Nothing raises, and no control character reaches any output."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from newsdiff.core.article import Skip, load_paths
from newsdiff.core.corpus import Corpus
from newsdiff.core.export import article_summary, clean_json
from newsdiff.core.text import display, json_text
from newsdiff.render import clean_view, list_table

from .hostile import forbidden

# A file name: any bytes but the separator and NUL (which no file system allows), sometimes with an
# article suffix so that folder searches pick it up.
_name = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                  and b not in (b".", b".."))
_suffix = st.sampled_from([b".txt", b".md", b".TXT", b""])
# Contents: raw bytes, or text full of what attacks terminals, in several encodings.
_nasty = st.lists(st.sampled_from([*"ab .\n\t[]/@=$", "\x1b]2;x\x07", "\x9b", "\u202e", "\u200d", "\x00", "\r", "[/]",
                                   "[@click=app.quit]", "é", "word ", "Sentence. "]), max_size=80).map("".join)
_content = st.binary(max_size=400) | _nasty.map(lambda t: t.encode("utf-8")) | \
    _nasty.map(lambda t: t.encode("utf-16"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_name, _suffix, _content), min_size=1, max_size=5),
       st.sampled_from(["", "x\x1b]2;t\x07\u202e", "[/]\u009b"]))
def test_arbitrary_names_and_bytes_load_and_print_safely(files, source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.fsencode(tmp)
        for name, suffix, data in files:
            with open(os.path.join(folder, name + suffix), "wb") as fh:
                fh.write(data)
        if source:
            meta = {"defaults": {"source": source}}
            Path(tmp, "sources.json").write_text(json.dumps(meta))
        skips: list[Skip] = []
        articles = load_paths([Path(tmp)], on_skip=skips.append)
        for skip in skips:
            assert forbidden(display(f"skipped {skip.path}: {skip.reason}")) == []
        if not articles:
            return
        docs = Corpus(articles).documents
        out = io.StringIO()
        console = Console(file=out, width=100, force_terminal=True, color_system="truecolor")
        console.print(list_table(docs))
        for d in docs:
            console.print(clean_view(d))
        assert forbidden(out.getvalue()) == []
        text = json_text(json.dumps([article_summary(d) for d in docs] + [clean_json(d) for d in docs],
                                    ensure_ascii=False))
        text.encode("utf-8")  # valid UTF-8: no lone surrogate survives
        assert forbidden(text) == []
        assert [r["id"] for r in json.loads(text)[: len(docs)]] == [d.id for d in docs]  # true values
        assert {os.fsencode(Path(d.article.path).name) for d in docs} <= {n + s for n, s, _ in files}


@given(st.text(max_size=300))
def test_display_changes_nothing_in_loaded_text(text: str) -> None:
    """Article text is sanitised on load, so showing it through display() keeps every character
    offset (sentence spans, highlights) valid."""
    from newsdiff.core.text import sanitize

    clean = sanitize(text)
    assert display(clean, multiline=True) == clean
