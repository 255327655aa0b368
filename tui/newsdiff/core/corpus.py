"""The loaded articles and everything computed from them, computed once and on demand."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article, LoadError, Skip, find_article, load_article, load_paths
from .article import _is_url as is_url

if TYPE_CHECKING:
    from .align import Alignment, SentenceIndex
    from .document import Document
    from .facts import Fact

__all__ = ["Corpus", "NothingLoaded"]


class NothingLoaded(Exception):
    """No article could be loaded from the given paths."""


class Corpus:
    """Articles loaded from paths, their cleaned documents, and cached comparisons.

    Loading only reads and decodes the files; cleaning happens on the first use of ``documents``,
    which is safe from any thread (the app cleans in a worker while its first screen is drawn).
    """

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles: list[Article] = list(articles)
        self._docs: list[Document] | None = None
        self._cache: dict[tuple, object] = {}
        self._clean_lock = threading.Lock()
        # Sentence embeddings for the semantic similarity, when that extra is installed.
        self.embedder: Callable[[Sequence[str]], object] | None = None

    @classmethod
    def load(
        cls, paths: Sequence[str | Path] | None = None, on_skip: Callable[[Skip], None] | None = None,
        refresh: bool = False,
    ) -> Corpus:
        articles = load_paths(paths, on_skip, refresh)
        if not articles:
            where = ", ".join(str(p) for p in paths) if paths else "the bundled seeds"
            raise NothingLoaded(f"no article could be loaded from {where}")
        return cls(articles)

    @property
    def documents(self) -> list[Document]:
        """The cleaned articles, in loaded order (cleaned once, on first use)."""
        docs = self._docs
        if docs is None:
            with self._clean_lock:  # a second thread waits for the first one's result
                if self._docs is None:
                    from .document import build_documents

                    self._docs = build_documents(self.articles)
                docs = self._docs
        return docs

    @property
    def cleaned(self) -> bool:
        """Whether ``documents`` is ready without work."""
        return self._docs is not None

    def __len__(self) -> int:
        return len(self.articles)

    def index_of(self, ref: str) -> int:
        """Index of an article by id, unique id prefix or path; a path not yet loaded is loaded and
        added. Raises LookupError with a message for the user."""
        try:
            return self.articles.index(find_article(self.articles, ref))
        except LookupError:
            p = Path(ref)
            if not is_url(ref) and not os.path.lexists(p):  # not a path either: the lookup's message stands
                raise
        try:
            if is_url(ref):
                from .fetch import url_article, url_stem

                article = url_article(ref, self._unique_id(url_stem(ref)))
            else:
                article = load_article(p, self._unique_id(p.stem))
        except LoadError as exc:
            raise LookupError(f"cannot load {ref}: {exc}") from exc
        with self._clean_lock:
            self.articles.append(article)
            self._docs = None
            self._cache.clear()
        return len(self.articles) - 1

    def document(self, ref: str | int) -> Document:
        i = ref if isinstance(ref, int) else self.index_of(ref)
        return self.documents[i]

    def _unique_id(self, stem: str) -> str:
        ids = {a.id for a in self.articles}
        if stem not in ids:
            return stem
        n = 2
        while f"{stem}~{n}" in ids:
            n += 1
        return f"{stem}~{n}"

    def cached(self, key: tuple, compute: Callable[[], object]) -> object:
        """Memoise a computation over this corpus (alignments, facts)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def similarity(self) -> str:
        """The measure pairs are judged with: "semantic" (words and sentence embeddings) or "lexical"."""
        return "lexical" if self.embedder is None else "semantic"

    @property
    def stories(self) -> list[list[int]]:
        """Groups of document positions that tell one story (``stories.group_stories``)."""
        from .stories import group_stories

        return self.cached(("stories",), lambda: group_stories(self.documents))  # type: ignore[return-value]

    def story_of(self, doc: int) -> int:
        """The position in ``stories`` of the story document ``doc`` belongs to."""
        return next(n for n, members in enumerate(self.stories) if doc in members)

    def story_index(self, story: int) -> SentenceIndex:
        """Content-word bags of one story's sentences; word rarity is measured within the story, so
        the names every outlet of the story uses weigh little."""
        from .align import SentenceIndex

        docs = self.documents
        return self.cached(  # type: ignore[return-value]
            ("index", story), lambda: SentenceIndex([docs[p] for p in self.stories[story]], self.embedder)
        )

    def alignment(self, a: int, b: int, threshold: float | None = None) -> Alignment:
        """The sentence alignment of documents ``a`` and ``b`` (positions in ``documents``). Within one
        story the story's index is used (so the diff pairs exactly as the facts do); articles of
        different stories are aligned as unrelated (only near-identical sentences pair)."""
        from .align import DEFAULT_THRESHOLD, SentenceIndex, align

        th = DEFAULT_THRESHOLD if threshold is None else threshold
        docs = self.documents

        def compute() -> Alignment:
            sa, sb = self.story_of(a), self.story_of(b)
            if sa == sb:
                return align(docs[a], docs[b], th, self.story_index(sa))
            return align(docs[a], docs[b], th, SentenceIndex([docs[a], docs[b]], self.embedder), related=False)

        return self.cached(("align", a, b, th), compute)  # type: ignore[return-value]

    def facts(self, threshold: float | None = None) -> list[Fact]:
        """Facts across all loaded articles, single-article ones included (in the last places)."""
        from .align import DEFAULT_THRESHOLD
        from .facts import compute_facts

        th = DEFAULT_THRESHOLD if threshold is None else threshold
        years = {d.id: d.article.year for d in self.documents}
        return self.cached(  # type: ignore[return-value]
            ("facts", th),
            lambda: compute_facts(self.documents, th, years,
                                  stories=[(m, self.story_index(n)) for n, m in enumerate(self.stories)]),
        )
