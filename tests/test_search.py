"""The library's filter."""

from __future__ import annotations


def test_a_filter_word_found_only_in_boilerplate_is_told_apart(corpus) -> None:
    """The library's filter searches the whole text; a word only the page's furniture holds (a
    byline's name, a share bar's "Facebook") matches, and the preview says where."""
    from newsdiff.core.search import filter_documents, only_in_boilerplate

    yahoo = next(d for d in corpus.documents if d.id.startswith("000"))
    assert corpus.documents.index(yahoo) in filter_documents(corpus.documents, "andy wells")
    assert only_in_boilerplate(yahoo, "andy wells")  # the byline
    assert not only_in_boilerplate(yahoo, "parasites")  # the story
    assert not only_in_boilerplate(yahoo, "yahoo")  # the source
