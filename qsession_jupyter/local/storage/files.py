"""Files the local workspace keeps: private to their user, and written whole or not at all.

Job inputs and results are the user's data, so the data directory is 0700 and
every file in it 0600 whatever the umask. A write that fails (a full disk,
most often) leaves neither a half-written file nor a temporary one behind, and
a full disk is reported as `DiskFull`, which clients see as 507.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
import uuid
from pathlib import Path

from ..errors import ServiceError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# A temporary file this old was left by a process killed mid-write: a live write
# is one `os.write` loop of at most one request's body.
ABANDONED_AFTER_SECONDS = 60.0
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


class DiskFull(ServiceError):
    """Nothing more can be written: Azure-style 507 InsufficientStorage."""

    def __init__(self, what: str, where: Path) -> None:
        super().__init__(
            507,
            "InsufficientStorage",
            f"The local workspace's disk is full: {what} could not be saved. "
            f"Free space on the disk that holds {where}, then try again.",
        )


def is_disk_full(error: BaseException) -> bool:
    """True for ENOSPC/EDQUOT from the OS and SQLITE_FULL from SQLite."""
    if isinstance(error, OSError):
        return error.errno in _FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    return False


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it 0700, also when an older version made it 0755."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make sure `path` exists and is 0600 before anyone (SQLite, a log) opens it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(descriptor)
    os.chmod(path, PRIVATE_FILE_MODE)
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (mode 0600); on any failure nothing is left behind.

    The temporary name starts with a dot, which no stored blob name can (see
    `BlobStore._path`), so it never collides with a real blob.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        try:
            write_all(descriptor, data)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_abandoned_temporaries(root: Path) -> int:
    """Delete the temporary files of writes that never finished, anywhere under `root`.

    `write_atomically` cleans up after any failure it sees, but not after a
    SIGKILL or a power cut. Only files older than `ABANDONED_AFTER_SECONDS` go,
    so a write in flight in another process is left alone. Returns how many.
    """
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    removed = 0
    for temporary in root.glob("**/.*"):
        try:
            if temporary.is_file() and temporary.stat().st_mtime < cutoff:
                temporary.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def write_all(descriptor: int, data: bytes) -> None:
    """`os.write` until every byte is out (it may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
