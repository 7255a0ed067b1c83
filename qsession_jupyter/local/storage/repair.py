"""A damaged database: how it is recognised, and `qsession-local repair`, which moves it aside.

A corrupt `workspace.sqlite3` (a disk error, a copy taken mid-write) stops the
service at start. Moving the file (and its WAL and SHM companions) to a dated
name lets the next start create a fresh, empty workspace while the old file
stays for anyone who wants to recover from it. Damage found while the service
runs is answered 503 with the same advice, rather than a bare 500.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ..errors import ServiceError

DATABASE_NAME = "workspace.sqlite3"

#: SQLite's answers for a file that is not, or no longer, a database.
_CORRUPT_CODES = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
#: The files SQLite keeps for one database in WAL mode.
SIDECAR_SUFFIXES = ("-wal", "-shm")


def is_corrupt(error: BaseException | None) -> bool:
    """True when SQLite says the file is not, or no longer, a database."""
    return getattr(error, "sqlite_errorcode", None) in _CORRUPT_CODES


class CorruptDatabase(RuntimeError):
    """The database file cannot be opened as a database: say so, and what to do."""

    def __init__(self, path: Path, error: sqlite3.Error) -> None:
        super().__init__(
            f"{path} is not a valid database ({error}); move it aside and start again: "
            "`qsession-local repair` does that, keeping a copy."
        )
        self.path = path


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def database_problem(path: Path) -> str | None:
    """Why `path` is not a usable database, or None when it is (or does not exist yet)."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if verdict == "ok" else str(verdict)


class DatabaseDamaged(ServiceError):
    """The database broke under a running service: 503, and what to do about it."""

    def __init__(self, path: Path, error: sqlite3.Error) -> None:
        super().__init__(
            503,
            "WorkspaceDatabaseDamaged",
            f"The local workspace's database {path} is damaged ({error}). Stop the service "
            "(`qsession-local stop`) and run `qsession-local repair`: it moves the file "
            "aside, keeping a copy, and the next start makes a fresh, empty workspace.",
        )


def damage_in(error: BaseException | None, path: Path) -> DatabaseDamaged | None:
    """`error` as a `DatabaseDamaged` when it is SQLite reporting a corrupt file, else None."""
    if isinstance(error, sqlite3.DatabaseError) and is_corrupt(error):
        return DatabaseDamaged(path, error)
    return None


def move_aside(path: Path) -> Path:
    """Rename the database and its companions to `<name>.corrupt-<time>`; the copy's path."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    copy = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", *SIDECAR_SUFFIXES):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(copy.with_name(copy.name + suffix))
    return copy
