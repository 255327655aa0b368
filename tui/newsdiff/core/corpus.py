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
    import numpy as np

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

    def __init__(self, articles: Sequence[Article], similarity: str | None = None) -> None:
        """``similarity``: "lexical", "semantic", or None for semantic when the extra is installed
        (and not turned off with NEWSDIFF_SIMILARITY=lexical)."""
        self.articles: list[Article] = list(articles)
        self._docs: list[Document] | None = None
        self._cache: dict[tuple, object] = {}
        self._clean_lock = threading.Lock()
        self._similarity_lock = threading.Lock()
        self._wanted = similarity
        self._decided = similarity == "lexical"
        # Sentence embeddings for the semantic similarity (``use_semantic``), None for the lexical one.
        self.embedder: Callable[[Sequence[str]], np.ndarray] | None = None
        self._vectors: dict[str, np.ndarray] = {}
        # Why the semantic measure is not in use although it was asked for (None when it is, or when
        # it was not asked for).
        self.similarity_note: str | None = None

    @classmethod
    def load(
        cls, paths: Sequence[str | Path] | None = None, on_skip: Callable[[Skip], None] | None = None,
        refresh: bool = False, similarity: str | None = None,
    ) -> Corpus:
        articles = load_paths(paths, on_skip, refresh)
        if not articles:
            where = ", ".join(str(p) for p in paths) if paths else "the bundled seeds"
            raise NothingLoaded(f"no article could be loaded from {where}")
        return cls(articles, similarity)

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
    def short_ids(self) -> dict[str, str]:
        """Each article's shortest unique id prefix (``article.short_ids``), computed once."""
        from .article import short_ids

        return self.cached(("short_ids",), lambda: short_ids([a.id for a in self.articles]))  # type: ignore[return-value]

    @property
    def similarity(self) -> str:
        """The measure pairs are judged with: "semantic" (words and sentence embeddings) or "lexical"."""
        self._decide()
        return "lexical" if self.embedder is None else "semantic"

    def _decide(self) -> None:
        """Choose the measure on first need: the semantic one when asked for or installed."""
        if self._decided:
            return
        with self._similarity_lock:
            if self._decided:
                return
            from . import semantic

            if self._wanted == "semantic" or semantic.available():
                self._use_semantic()  # when it cannot run, similarity_note says why
            self._decided = True

    def use_semantic(self) -> bool:
        """Judge pairs with sentence embeddings from now on, dropping the comparisons computed so far.
        Sentences are embedded a story at a time when first compared (the vectors are cached on disk,
        so a second run costs nothing). False, and the lexical measure stays, when the extra cannot
        run (``similarity_note`` says why). Safe from a worker thread; ``prepare`` embeds everything
        at once (the app does it in a worker before it switches)."""
        with self._similarity_lock:
            ok = self._use_semantic()
            self._decided = True
            return ok

    def prepare(self) -> bool:
        """Embed every content sentence, then switch to the semantic measure (``use_semantic``):
        nothing computed before the switch is half semantic. False when the extra cannot run (the
        lexical measure stays, ``similarity_note`` says why). For a worker thread: it can take a
        while the first time (a second run reads the vectors from the disk cache)."""
        return self.embed_all() and self.use_semantic()

    def embed_all(self) -> bool:
        """Embed every content sentence not embedded yet (the slow half of ``prepare``: it changes
        nothing that comparisons read, so it may run beside them); False when the extra cannot run."""
        from . import semantic

        if not semantic.available():
            self.similarity_note = semantic.unavailable_reason()
            return False
        return self._embed(self.documents)

    def _use_semantic(self) -> bool:
        from . import semantic

        if not self._vectors and not self._embed(self.documents[:1]):
            return False  # the extra cannot run: say why, stay lexical

        def embedder(batch: Sequence[str]) -> np.ndarray:
            import numpy as np

            missing = [t for t in dict.fromkeys(batch) if t not in self._vectors]
            if missing:
                self._vectors.update(zip(missing, semantic.embed(missing), strict=True))
            if not batch:
                return np.zeros((0, semantic.DIM), dtype=np.float32)
            return np.stack([self._vectors[t] for t in batch])

        self.embedder = embedder
        self.similarity_note = None
        self._cache = {k: v for k, v in self._cache.items() if k[0] == "stories"}
        return True

    def _embed(self, docs: Sequence[Document]) -> bool:
        """Embed the sentences of ``docs`` not embedded yet, in one batch; on failure fall back to the
        lexical measure for good (``similarity_note`` says why)."""
        from . import semantic

        texts = [t for t in dict.fromkeys(s.text for d in docs for s in d.sentences) if t not in self._vectors]
        if not texts:
            return True
        try:
            self._vectors.update(zip(texts, semantic.embed(texts), strict=True))
        except semantic.SemanticUnavailable as exc:
            self.similarity_note = str(exc)
            self.embedder = None
            self._cache = {k: v for k, v in self._cache.items() if k[0] == "stories"}
            return False
        return True

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
        self._decide()

        def build() -> SentenceIndex:
            members = [docs[p] for p in self.stories[story]]
            if self.embedder is not None:
                self._embed(members)  # one batch for the story (falls back to lexical on failure)
            return SentenceIndex(members, self.embedder)

        return self.cached(("index", story), build)  # type: ignore[return-value]

    def alignment(self, a: int, b: int, threshold: float | None = None) -> Alignment:
        """The sentence alignment of documents ``a`` and ``b`` (positions in ``documents``). Within one
        story the story's index is used (so the diff pairs exactly as the facts do); articles of
        different stories are aligned as unrelated (only near-identical sentences pair)."""
        from .align import DEFAULT_THRESHOLD, SentenceIndex, align

        th = DEFAULT_THRESHOLD if threshold is None else threshold
        docs = self.documents

        self._decide()

        def compute() -> Alignment:
            sa, sb = self.story_of(a), self.story_of(b)
            if sa == sb:
                return align(docs[a], docs[b], th, self.story_index(sa))
            if self.embedder is not None:
                self._embed([docs[a], docs[b]])
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
