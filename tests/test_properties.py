"""Property tests: loading and cleaning never raise, and offsets always slice back to their text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.core.article import LoadError, load_article
from newsdiff.core.clean import clean
from newsdiff.core.document import document
from newsdiff.core.sentences import split_sentences
from newsdiff.core.text import CONTROL_RE, decode, sanitize

# Text that looks a little like articles: words, punctuation, quotes, brackets, newlines, controls.
alphabet = st.sampled_from([*list("abcXYZ .,;:!?'\"“”‘’()[]/-—\n\n\n\t0123456789"), "U.N.", "Dr.", "Credit:", "\x1b", "\x9b", "é", "[/]", "By "])
article_text = st.lists(alphabet, max_size=400).map("".join)
settings.register_profile("newsdiff", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("newsdiff")


@given(st.binary(max_size=2000))
def test_load_never_raises_on_arbitrary_bytes(tmp_path_factory, data: bytes) -> None:
    f = Path(tmp_path_factory.mktemp("b")) / "x.txt"
    f.write_bytes(data)
    try:
        a = load_article(f)
    except LoadError:
        return
    assert not CONTROL_RE.search(a.text)
    document(a)


@given(st.binary(max_size=500))
def test_decode_then_sanitize_has_no_controls(data: bytes) -> None:
    try:
        text = sanitize(decode(data))
    except ValueError:
        return
    assert not CONTROL_RE.search(text) and "\r" not in text


@given(article_text | st.text(max_size=300))
def test_clean_never_raises_and_offsets_slice_back(text: str) -> None:
    text = sanitize(text)
    for b in clean(text):
        assert b.label in ("content", "boilerplate") and b.kind and b.reason
        assert b.line <= b.end_line
        for s in b.sentences:
            assert b.text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text


@given(article_text | st.text(max_size=300))
def test_sentence_spans_are_ordered_disjoint_and_trimmed(text: str) -> None:
    last = 0
    for a, b in split_sentences(text):
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b


@given(article_text)
def test_markdown_cleaning_never_raises(text: str) -> None:
    clean(sanitize(text), markdown=True)


@given(st.lists(st.text(alphabet="ab_~1", min_size=1, max_size=8), min_size=1, max_size=30, unique=True))
def test_short_ids_are_the_shortest_unique_prefixes(ids: list[str]) -> None:
    from newsdiff.core.article import short_ids

    short = short_ids(ids)
    for aid in ids:
        s = short[aid]
        assert aid.startswith(s) and len(s) >= min(3, len(aid))
        others = [o for o in ids if o != aid]
        if s != aid:  # a whole id may be the start of another ("plain", "plain~2")
            assert not any(o.startswith(s) for o in others)
            shorter = s[:-1]
            # one character less is too short, shared with another id, or ends in a separator
            assert len(shorter) < 3 or any(o.startswith(shorter) for o in others) or shorter[-1] in "_-~. "
