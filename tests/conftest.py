"""Shared fixtures. The package is imported from the installed distribution (pip install -e .)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the user's real settings and themes."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("NEWSDIFF_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _lexical_by_default(_session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests judge pairs lexically unless they ask for the semantic measure (``semantic`` fixture),
    and never touch the user's cache (embeddings and fetched pages go to one folder per run)."""
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(_session_cache))
    monkeypatch.setenv("NEWSDIFF_SIMILARITY", "lexical")


@pytest.fixture
def semantic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The semantic measure for this test; skipped when the extra is not installed."""
    monkeypatch.delenv("NEWSDIFF_SIMILARITY", raising=False)
    from newsdiff.core import semantic as S

    if not S.available():
        pytest.skip(f"the semantic extra is not available: {S.unavailable_reason()}")


@pytest.fixture(scope="session")
def corpus():
    from newsdiff.core.corpus import Corpus

    return Corpus.load([SEEDS])


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def split_fact(corpus):
    """A fact in which one outlet states the fact in two sentences (a secondary mention): the first
    such fact of the corpus, or the first multi-outlet fact with a second sentence of its first
    outlet added as a secondary mention (for tests of how such facts are shown)."""
    import dataclasses

    from newsdiff.core.facts import Mention

    facts = corpus.facts()
    found = next((f for f in facts if len(f.mentions) > len(f.articles)), None)
    if found is not None:
        return found
    fact = next(f for f in facts if len(f.articles) > 1)
    first = fact.mentions[0]
    doc = corpus.documents[first.doc]
    other = next(s for s in doc.sentences if s.index != first.sentence)
    extra = Mention(first.article, first.doc, other.index, other.line, other.text, secondary=True)
    return dataclasses.replace(fact, mentions=(*fact.mentions, extra))
