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
def corpus():
    from newsdiff.core.corpus import Corpus

    return Corpus.load([SEEDS])


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst
