"""A cleaned article: its blocks and the content sentences the rest of newsdiff works on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .article import Article
from .clean import Block, clean
from .limits import MAX_VOCABULARY_CHARS, cap
from .tokens import content_keys, words

__all__ = ["Document", "Sentence", "build_documents", "document"]


class Sentence(NamedTuple):
    """A content sentence. ``index`` counts the article's content sentences from 0 in reading order;
    ``start``/``end`` index into the text of block ``block``."""

    index: int
    block: int
    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True)
class Document:
    article: Article
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def source(self) -> str | None:
        return self.article.source

    # Derived values are computed once: the library asks for them on every redraw and keystroke.
    @cached_property
    def headline(self) -> str:
        """The first content block (normally the headline) from its first sentence on (without a
        Markdown heading's ``#``), cut to ``limits.MAX_HEADLINE_CHARS``."""
        for b in self.blocks:
            if b.is_content:
                return cap(b.text[b.sentences[0].start:] if b.sentences else b.text)
        return ""

    @cached_property
    def sentence_keys(self) -> tuple[tuple[str, ...], ...]:
        """Each content sentence's normalised content words (``tokens.content_keys``)."""
        return tuple(tuple(content_keys(s.text)) for s in self.sentences)

    @cached_property
    def words(self) -> int:
        """Words in the story's content blocks."""
        return sum(len(words(b.text)) for b in self.blocks if b.is_content)

    @cached_property
    def boilerplate_lines(self) -> int:
        """Source lines that belong to boilerplate blocks."""
        return sum(b.end_line - b.line + 1 for b in self.blocks if not b.is_content)

    @cached_property
    def folded_text(self) -> str:
        """The whole text, case-folded, with runs of whitespace as one space (for searching)."""
        return " ".join(self.article.text.split()).casefold()

    @cached_property
    def folded_story(self) -> str:
        """The story alone (content blocks), case-folded, runs of whitespace as one space."""
        return " ".join(self.clean_text().split()).casefold()

    def clean_text(self) -> str:
        """The story alone: content blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.is_content)


def document(article: Article, others: Container[str] = frozenset()) -> Document:
    """Clean one article and number its content sentences."""
    blocks = tuple(clean(article, others))
    sentences: list[Sentence] = []
    for b in blocks:
        for span in b.sentences:
            sentences.append(Sentence(len(sentences), b.index, span.start, span.end, span.text,
                                      b.line_of(span.start)))
    return Document(article, blocks, tuple(sentences))


class _CorpusVocabulary:
    """Which articles use each word, computed on first use: cleaning needs it only for runs of
    headline-like lines, which most articles do not have."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles
        self._own: list[set[str]] | None = None
        self._df: Counter[str] = Counter()

    def own(self, n: int) -> set[str]:
        if self._own is None:
            # An article's vocabulary is read from its first MAX_VOCABULARY_CHARS characters: far
            # more than any story, and a 5 MB file costs no more than a long article.
            self._own = [set(content_keys(a.text[:MAX_VOCABULARY_CHARS])) for a in self.articles]
            for keys in self._own:
                self._df.update(keys)
        return self._own[n]

    def used_elsewhere(self, key: str, n: int) -> bool:
        own = self.own(n)
        return self._df.get(key, 0) - (key in own) > 0


class _Others:
    """The vocabulary of every loaded article but one (``n``), without building a set per article."""

    def __init__(self, vocab: _CorpusVocabulary, n: int) -> None:
        self.vocab, self.n = vocab, n

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.vocab.used_elsewhere(key, self.n)


def build_documents(articles: Sequence[Article]) -> list[Document]:
    """Clean all articles, each with the others' vocabulary as evidence of what the story is."""
    if len(articles) < 2:
        return [document(a) for a in articles]
    vocab = _CorpusVocabulary(articles)
    return [document(a, _Others(vocab, n)) for n, a in enumerate(articles)]
