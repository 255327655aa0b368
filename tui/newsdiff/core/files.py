"""Reading files and walking folders so that nothing can hang, explode or abort a load.

Every file newsdiff reads — articles, ``sources.json``, ``config.json``, theme files — goes through
:func:`read_file`: only regular files are read (a named pipe would block forever, a device such as
``/dev/zero`` never ends), and the size limit is enforced while reading, since ``st_size`` is 0 for
devices and can be wrong for files that grow. Folders are walked by :func:`walk_files`: links to
folders inside a folder are not followed (one could lead to ``/``), symlink loops and folders nested
too deep are reported and skipped, and a walk is a loop over a stack, not recursion.

Files newsdiff writes (screenshots, the config) go through :func:`write_text`: a new file is created
exclusively (never replacing one that appeared meanwhile), an existing one is replaced atomically
(a temporary file beside it, then a rename), and nothing half-written is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "LoadError",
    "Skip",
    "cache_root",
    "file_key",
    "kind_of",
    "output_problem",
    "read_file",
    "reason_for",
    "walk_files",
    "write_error",
    "write_text",
]

MAX_BYTES = 5 * 1024 * 1024
# Folders below a given folder are searched this many levels deep. News archives are a few levels
# deep (outlet/year/month/day); deeper trees are almost always links or generated, and a limit keeps
# a pathological tree (thousands of levels) from taking the load down.
MAX_DEPTH = 32
_CHUNK = 1 << 20


class LoadError(Exception):
    """A file could not be loaded; the message is the short reason shown to the user."""


class Skip(NamedTuple):
    """A file, folder (or URL) that was not loaded, and why; with ``loaded``, one that was loaded
    all the same and what to know about it (a URL that could not be fetched again: its cached copy)."""

    path: Path | str
    reason: str
    loaded: bool = False

    def line(self) -> str:
        """The line said on stderr."""
        return f"{self.path}: {self.reason}" if self.loaded else f"skipped {self.path}: {self.reason}"


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words ("a named pipe", "a character device", ...)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def reason_for(exc: OSError) -> str:
    """The short reason for an OS error, as shown in a 'skipped' line."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT and exc.filename is not None and os.path.islink(exc.filename):
        return "cannot read: broken link (its target does not exist)"
    return f"cannot read: {exc.strerror or exc}"


def file_key(path: str | os.PathLike) -> tuple[int, int] | None:
    """(device, inode) of what ``path`` names, to tell when two paths are one file (None on error).
    One ``stat``, where ``Path.resolve`` costs one call per path component and raises on loops."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _size_text(n: int) -> str:
    return f"{n / 1048576:.1f} MB"


def read_file(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises :class:`LoadError` with the
    reason: not a regular file (pipe, socket, device, folder), symlink loop, too large, cannot read.

    The type is checked before opening (opening some devices has effects) and again on the open
    file (the path may have been swapped in between); the file is opened non-blocking, so even a
    pipe that slipped through cannot block; and reading stops one byte past the limit.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise LoadError(reason_for(exc) if isinstance(exc, OSError) else f"cannot read: {exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"not a regular file ({kind_of(st.st_mode)})")
    if st.st_size > limit:
        raise LoadError(f"too large ({_size_text(st.st_size)}; the limit is {_size_text(limit)})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise LoadError(reason_for(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(f"not a regular file ({kind_of(st.st_mode)})")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew, or its size was never true
                raise LoadError(f"too large (more than {_size_text(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise LoadError(reason_for(exc)) from exc
    finally:
        os.close(fd)


def walk_files(
    root: Path,
    accept: Callable[[str], bool],
    on_skip: Callable[[Skip], None] | None = None,
    max_depth: int = MAX_DEPTH,
) -> list[Path]:
    """The files under folder ``root`` whose names ``accept`` takes, sorted by path; hidden files
    and folders (a leading dot) are left out. Links to folders are not followed (reported once
    each); a folder more than ``max_depth`` levels down, or one that cannot be listed, is reported
    and skipped. A link to a file is returned like a file (reading it decides).
    """
    found: list[tuple[tuple[str, ...], str]] = []  # (path parts, path): sorted as Paths sort, faster
    stack: list[tuple[str, int]] = [(os.fspath(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            if on_skip and depth:  # the root itself is the caller's to report
                on_skip(Skip(Path(folder), reason_for(exc)))
            continue
        parts = Path(folder).parts
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                link_to_dir = not is_dir and entry.is_symlink() and entry.is_dir()
            except OSError:
                is_dir = link_to_dir = False
            if is_dir:
                if depth + 1 > max_depth:
                    if on_skip:
                        on_skip(Skip(Path(entry.path), f"folder nested too deep (more than {max_depth} levels)"))
                else:
                    stack.append((entry.path, depth + 1))
            elif link_to_dir:
                if on_skip:
                    on_skip(Skip(Path(entry.path), "a link to a folder (links inside folders are not followed)"))
            elif accept(name):
                found.append(((*parts, name), entry.path))
    found.sort()
    return [Path(path) for _, path in found]


# ------------------------------------------------------------------------------------------ writing


def _not_a_folder(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` when it is not a folder (``/dev/null`` in
    ``/dev/null/x.svg``), else None."""
    for parent in path.absolute().parents:
        try:
            mode = os.stat(parent).st_mode
        except (FileNotFoundError, NotADirectoryError):  # missing, or below the file we look for
            continue
        except OSError:
            return None
        return None if stat.S_ISDIR(mode) else parent
    return None


def write_error(exc: OSError, path: Path) -> str:
    """A clear message for an error writing ``path`` (the OS's words are often misleading:
    "File exists" for ``/dev/null/x.svg``)."""
    blocker = _not_a_folder(path)
    if blocker is not None:
        return f"cannot write {path}: {blocker} is not a folder"
    if isinstance(exc, FileExistsError):
        return f"{path} already exists"
    if isinstance(exc, IsADirectoryError):
        return f"cannot write {path}: it is a folder"
    if isinstance(exc, PermissionError):
        return f"cannot write {path}: permission denied"
    return f"cannot write {path}: {exc.strerror or exc}"


def output_problem(path: Path, overwrite: bool = False) -> str | None:
    """Why ``path`` cannot be written as a new file (or replaced, with ``overwrite``), checked
    before any slow work; None when it looks writable (writing may still fail, and says why)."""
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return write_error(exc, path)
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            return f"cannot write {path}: it is a folder"
        if not overwrite:
            return f"{path} already exists (--force overwrites it)"
        if not stat.S_ISREG(st.st_mode):
            return f"cannot write {path}: it is {kind_of(st.st_mode)}, not a file"
    blocker = _not_a_folder(path)
    if blocker is not None:
        return f"cannot write {path}: {blocker} is not a folder"
    if not path.absolute().parent.exists():
        # A typo in the folder must not create a tree of folders: the folder has to be there.
        return f"cannot write {path}: the folder {path.absolute().parent} does not exist"
    return None


def write_text(path: Path, text: str, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``, creating missing folders. Without ``overwrite`` the
    file must not exist (``FileExistsError``); with it, an existing file is replaced atomically and
    keeps its permissions. Raises OSError (see :func:`write_error`); never leaves a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode) if overwrite else None
    except FileNotFoundError:
        mode = None
    if mode is None:
        with open(path, "xb") as fh:
            try:
                fh.write(data)
                fh.flush()
            except BaseException:
                fh.close()
                with contextlib.suppress(OSError):
                    os.unlink(path)
                raise
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def cache_root() -> Path:
    """newsdiff's cache folder: $NEWSDIFF_CACHE_DIR, else the platform's user cache folder for
    newsdiff (fetched pages keep a "pages" folder in it, sentence embeddings a database file)."""
    env = os.environ.get("NEWSDIFF_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsdiff", appauthor=False))
