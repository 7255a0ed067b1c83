"""`qsession-local serve` on a disk that fills up when a test says so.

Mounting a small tmpfs needs privileges CI does not have, so the service's two
writers are patched instead, at their lowest level: while the file named by
QSESSION_TEST_DISK_FULL holds "blobs", every blob write fails with ENOSPC;
while it holds "all", database writes fail with SQLITE_FULL as well. Delete
the file and the disk has space again. Everything else is the real service.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from qsession_jupyter.local.app import cli
from qsession_jupyter.local.storage import files, store

FLAG = Path(os.environ["QSESSION_TEST_DISK_FULL"])


def _full(what: str) -> bool:
    try:
        state = FLAG.read_text().strip()
    except FileNotFoundError:
        return False
    return state == "all" or state == what


_write_all = files.write_all


def write_all(descriptor: int, data: bytes) -> None:
    if _full("blobs"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    _write_all(descriptor, data)


_writing = store.Store._writing


@contextmanager
def writing(self):
    with _writing(self):
        if _full("database"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlite3.SQLITE_FULL
            raise error
        yield


files.write_all = write_all
store.Store._writing = writing

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
