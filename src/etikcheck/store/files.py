"""Writing the user's files: private (0600) and atomic, so a crash never leaves half a file.

See PITFALLS.md: temp file in the target directory, write, flush, fsync, os.replace, fsync the
directory. Appends (the journal) take an exclusive lock and never touch earlier bytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from etikcheck.errors import Message, UsageError, os_reason

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def _os_error(key: str, path: Path, exc: OSError) -> UsageError:
    return UsageError(Message(key, path=path, reason=os_reason(exc)))


def ensure_private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error("error.cannot_create_folder", path, exc) from None


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_target(path: Path, *, overwrite: bool = False) -> Path:
    """Refuse a file we may not write: one that exists (unless ``overwrite``: ``--force``), or
    one in a folder that does not exist. Commands call this before asking anything, so that no
    answers are lost at the end; :func:`write_private` calls it again. Returns the folder."""
    if path.exists() and not overwrite:
        raise UsageError(Message("error.file_exists", path=path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(Message("error.no_folder", path=path, folder=parent))
    return parent


def write_private(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600.

    Refuses to replace an existing file unless ``overwrite``; the check and the rename are not
    one atomic step, but the rename itself never exposes a half-written file.
    """
    parent = check_target(path, overwrite=overwrite)
    _replace(path, parent, text.encode("utf-8"))


@contextlib.contextmanager
def locked_append(path: Path) -> Iterator[int]:
    """An O_APPEND descriptor on ``path`` (0600) holding an exclusive lock while in use.

    The lock is on the file the path names when the lock is taken: if another process
    replaced the file (``journal delete``) while we waited, we open the new one."""
    ensure_private_dir(path.parent)
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
        except OSError as exc:
            raise _os_error("error.cannot_open_file", path, exc) from None
        _lock(fd)
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = -1
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def replace_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (0600), for a caller holding its lock."""
    _replace(path, path.parent if str(path.parent) else Path("."), data)


def _replace(path: Path, parent: Path, data: bytes) -> None:
    """Write ``data`` to a private temporary file beside ``path``, flush it to the disk and
    rename it over ``path``: a reader sees the old file or the new one, never half of one."""
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _os_error("error.cannot_write_here", path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _os_error("error.cannot_write_file", path, exc) from None
    _fsync_dir(parent)


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: msvcrt locks a byte range
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
