"""Loading files and folders, ids and references, sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdiff.core.article import (
    Skip,
    bundled_seeds,
    find_article,
    load_article,
    load_paths,
    self_identified_source,
)

from .conftest import SEEDS


def test_bundled_seeds_are_the_five_seed_files() -> None:
    arts = load_paths()
    assert [a.id for a in arts] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(arts) == 5
    assert bundled_seeds().is_dir()


def test_seed_sources_come_from_metadata_and_unknowns_stay_unknown() -> None:
    arts = {a.id[:3]: a for a in load_paths()}
    assert arts["000"].source == "Yahoo News UK"
    assert arts["001"].source == "HuffPost Australia"
    assert arts["002"].source == "ARY News"
    assert arts["000"].source_origin == "metadata"
    assert arts["003"].source is None
    assert arts["004"].source is None


def test_folders_recursive_sorted_hidden_skipped_only_txt_md(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z story\n\nBody text here.")
    (tmp_path / "a.md").write_text("# A story\n\nBody.")
    (tmp_path / ".secret.txt").write_text("hidden")
    (tmp_path / ".hidden" / "c.txt").write_text("hidden too")
    (tmp_path / "notes.json").write_text("{}")
    arts = load_paths([tmp_path])
    assert [a.path.relative_to(tmp_path).as_posix() for a in arts] == ["a.md", "b/z.txt"]


def test_same_file_twice_loads_once_and_clashing_stems_get_unique_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "story.txt").write_text("One\n\nText.")
    (tmp_path / "y" / "story.txt").write_text("Two\n\nText.")
    arts = load_paths([tmp_path / "x" / "story.txt", tmp_path, tmp_path / "x" / "story.txt"])
    assert [a.id for a in arts] == ["story", "story~2"]


def test_skips_are_reported_and_others_still_load(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nA body sentence.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(5 * 1024 * 1024 + 1)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target")
    skips: list[Skip] = []
    arts = load_paths([tmp_path, tmp_path / "nope"], on_skip=skips.append)
    assert [a.id for a in arts] == ["good"]
    reasons = {s.path.name: s.reason for s in skips}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["big.txt"]
    assert "cannot read" in reasons["broken.txt"]
    assert reasons["nope"] == "no such file or folder"


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("Headline\n\nBody.")

    from newsdiff.core import files

    def deny(path, flags, *args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", deny)
    skips: list[Skip] = []
    assert load_paths([f], on_skip=skips.append) == []
    assert skips[0].reason == "cannot read: Permission denied"


def test_control_characters_never_survive_loading(tmp_path: Path) -> None:
    f = tmp_path / "evil.txt"
    f.write_bytes(b"Head\x1b]0;pwned\x07line\r\n\r\nBody \x1b[31mred\x1b[0m \xc2\x9b text.\r\n")
    a = load_article(f)
    assert a.text == "Head]0;pwnedline\n\nBody [31mred[0m  text."


def test_find_article_by_id_prefix_and_path() -> None:
    arts = load_paths()
    assert find_article(arts, "002").id.startswith("002_")
    assert find_article(arts, arts[3].id) is arts[3]
    assert find_article(arts, str(arts[1].path)) is arts[1]
    with pytest.raises(LookupError, match="ambiguous"):
        find_article(arts, "00")
    with pytest.raises(LookupError, match="no article 'zzz'"):
        find_article(arts, "zzz")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("This article exists as part of the online archive for HuffPost Australia, which closed.", "HuffPost Australia"),
        ("Body.\n\n© 2017 Example News Group. All rights reserved.", "Example News Group"),
        ("Body.\n\nCopyright 2019 The Daily Planet", "The Daily Planet"),
        ("This story originally appeared on The Conversation.", "The Conversation"),
        ("A story with no self-identification at all.", None),
        # a photo credit's agency is not the publisher
        ("Rescuers dig through the rubble. © Xinhua\n\nBody of the story.", None),
        ("Photo: © Xinhua\n\nBody.\n\n© 2018 Global Times. All rights reserved.", "Global Times"),
    ],
)
def test_self_identified_source(text: str, source: str | None) -> None:
    assert self_identified_source(text) == source


def test_metadata_file_beside_articles_names_their_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    (tmp_path / "b.txt").write_text("Headline\n\nBody.\n\n(c) 2020 Text Source")
    (tmp_path / "sources.json").write_text(json.dumps({"articles": {"a": {"source": "Meta Outlet"}, "b": {"source": None}}}))
    arts = {a.id: a for a in load_paths([tmp_path])}
    assert (arts["a"].source, arts["a"].source_origin) == ("Meta Outlet", "metadata")
    assert (arts["b"].source, arts["b"].source_origin) == ("Text Source", "text")


# -- short ids ---------------------------------------------------------------------------------


def test_short_ids_tell_a_users_own_file_names_apart() -> None:
    from newsdiff.core.article import short_ids

    ids = ["bridge_gazette", "bridge_courier", "bridge_times", "plain", "plain~2",
           *(f"note_{n:02d}" for n in range(1, 21)), "000_a3f45731cb395efc", "001_b2"]
    short = short_ids(ids)
    assert [short[i] for i in ids[:5]] == ["bridge_g", "bridge_c", "bridge_t", "plain", "plain~2"]
    assert short["note_07"] == "note_07" and short["000_a3f45731cb395efc"] == "000"
    assert len(set(short.values())) == len(ids)  # twenty notes, twenty different ids


def test_every_short_id_finds_its_article() -> None:
    from newsdiff.core.article import Article, short_ids

    ids = ["bridge_gazette", "bridge_courier", "plain", "plain~2", "ab", "abc-1", "abc-2"]
    arts = [Article(i, Path(f"/x/{i}.txt"), "text") for i in ids]
    for aid, short in short_ids(ids).items():
        assert find_article(arts, short).id == aid
