"""The loaded articles and everything computed from them, computed once and on demand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .article import Article, LoadError, Skip, find_article, load_article, load_paths
from .document import Document, build_documents

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
