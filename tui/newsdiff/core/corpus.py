"""The loaded articles and everything computed from them, computed once and on demand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article, LoadError, Skip, find_article, load_article, load_paths
from .document import Document, build_documents

if TYPE_CHECKING:
    from .align import Alignment, SentenceIndex
    from .facts import Fact

__all__ = ["Corpus", "NothingLoaded"]


class NothingLoaded(Exception):
    """No article could be loaded from the given paths."""


class Corpus:
    """Articles loaded from paths, their cleaned documents, and cached comparisons."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles: list[Article] = list(articles)
        self._docs: list[Document] | None = None
        self._cache: dict[tuple, object] = {}

    @classmethod
    def load(
        cls, paths: Sequence[str | Path] | None = None, on_skip: Callable[[Skip], None] | None = None
    ) -> Corpus:
        articles = load_paths(paths, on_skip)
        if not articles:
            where = ", ".join(str(p) for p in paths) if paths else "the bundled seeds"
            raise NothingLoaded(f"no article could be loaded from {where}")
        return cls(articles)

    @property
    def documents(self) -> list[Document]:
        if self._docs is None:
            self._docs = build_documents(self.articles)
        return self._docs

    def __len__(self) -> int:
        return len(self.articles)

    def index_of(self, ref: str) -> int:
        """Index of an article by id, unique id prefix or path; a path not yet loaded is loaded and
        added. Raises LookupError with a message for the user."""
        try:
            return self.articles.index(find_article(self.articles, ref))
        except LookupError:
            p = Path(ref)
            if not p.is_file():
                raise
        try:
            article = load_article(p, self._unique_id(p.stem))
        except LoadError as exc:
            raise LookupError(f"cannot load {ref}: {exc}") from exc
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
    def index(self) -> SentenceIndex:
        """Content-word bags of every sentence; word rarity is measured over all loaded articles."""
        from .align import SentenceIndex

        return self.cached(("index",), lambda: SentenceIndex(self.documents))  # type: ignore[return-value]

    def alignment(self, a: int, b: int, threshold: float | None = None) -> Alignment:
        """The sentence alignment of documents ``a`` and ``b`` (positions in ``documents``)."""
        from .align import DEFAULT_THRESHOLD, align

        th = DEFAULT_THRESHOLD if threshold is None else threshold
        return self.cached(  # type: ignore[return-value]
            ("align", a, b, th), lambda: align(self.documents[a], self.documents[b], th, self.index)
        )

    def facts(self, threshold: float | None = None) -> list[Fact]:
        """Facts across all loaded articles, single-article ones included (in the last places)."""
        from .align import DEFAULT_THRESHOLD
        from .facts import compute_facts

        th = DEFAULT_THRESHOLD if threshold is None else threshold
        years = {d.id: d.article.year for d in self.documents}
        return self.cached(  # type: ignore[return-value]
            ("facts", th), lambda: compute_facts(self.documents, self.index, th, years)
        )
