"""SQLite persistence for sessions, jobs and blob metadata.

Sessions and jobs share one `items` table because the portal's top-level view
(sessions plus jobs outside any session) is then a single indexed query, and
the SDK's filters name the same columns for both. WAL mode lets the HTTP
thread read while the scheduler writes; one lock serialises writers.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import DiskFull, is_disk_full, private_dir, private_file

JSON_COLUMNS = ("input_params", "metadata", "tags", "cost_estimate", "usage")

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    item_type TEXT NOT NULL,
    name TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    job_type TEXT,
    session_id TEXT,
    creation_time REAL NOT NULL,
    begin_execution_time REAL,
    end_execution_time REAL,
    cancellation_time REAL,
    last_modified_time REAL,
    job_failure_policy TEXT,
    closed INTEGER NOT NULL DEFAULT 0,
    last_activity_time REAL,
    input_data_format TEXT,
    output_data_format TEXT,
    container TEXT,
    input_blob TEXT,
    output_blob TEXT,
    input_params TEXT,
    metadata TEXT,
    tags TEXT,
    priority TEXT,
    error_code TEXT,
    error_message TEXT,
    cost_estimate TEXT,
    usage TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS items_by_time ON items (creation_time, seq);
CREATE INDEX IF NOT EXISTS items_by_session ON items (session_id, creation_time);
CREATE INDEX IF NOT EXISTS items_by_status ON items (status);
CREATE INDEX IF NOT EXISTS items_top_level ON items (creation_time, seq)
    WHERE item_type = 'Session' OR session_id IS NULL;
CREATE INDEX IF NOT EXISTS items_by_type ON items (item_type, creation_time, seq);
CREATE TABLE IF NOT EXISTS blobs (
    container TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT,
    content_encoding TEXT,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    last_modified REAL NOT NULL,
    PRIMARY KEY (container, name)
);
CREATE TABLE IF NOT EXISTS containers (
    name TEXT PRIMARY KEY,
    created REAL NOT NULL
);
"""

#: Jobs the scheduler still owes a result.
PENDING_JOB_STATES = ("Waiting", "Executing")
TERMINAL_JOB_STATES = ("Succeeded", "Failed", "Cancelled")


#: SQLite's answers for a file that is not, or no longer, a database.
_CORRUPT_CODES = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
#: The files SQLite keeps for one database in WAL mode.
SIDECAR_SUFFIXES = ("-wal", "-shm")


class CorruptDatabase(RuntimeError):
    """The database file cannot be opened as a database: say so, and what to do."""

    def __init__(self, path: Path, error: sqlite3.Error) -> None:
        super().__init__(
            f"{path} is not a valid database ({error}); move it aside and start again: "
            "`qsession-local repair` does that, keeping a copy."
        )
        self.path = path


class Store:
    def __init__(self, path: Path) -> None:
        private_dir(path.parent)
        for file in (path, *(path.with_name(path.name + s) for s in SIDECAR_SUFFIXES)):
            # SQLite makes its WAL and SHM files with the database's mode: 0600 for all three.
            if file == path or file.exists():
                private_file(file)
        self.path = path
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        try:
            with self._writing():
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            self._conn.close()
            if getattr(error, "sqlite_errorcode", None) in _CORRUPT_CODES:
                raise CorruptDatabase(path, error) from None
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The writer lock; a full disk becomes `DiskFull` (507), not a bare sqlite3 error."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as error:
                if is_disk_full(error):
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise DiskFull("the workspace database", self.path) from None
                raise

    # -- items ---------------------------------------------------------------

    def insert_item(self, fields: dict) -> dict:
        row = _encode(fields)
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._writing():
            self._conn.execute(
                f"INSERT INTO items ({columns}) VALUES ({marks})", list(row.values())
            )
        return self.get_item(fields["id"])

    def insert_items(self, rows: Iterable[dict]) -> None:
        """Bulk insert (benchmarks seed large workspaces with it)."""
        rows = [_encode(r) for r in rows]
        if not rows:
            return
        columns = list(rows[0])
        sql = f"INSERT INTO items ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        with self._writing():
            self._conn.execute("BEGIN")
            self._conn.executemany(sql, [[r[c] for c in columns] for r in rows])
            self._conn.execute("COMMIT")

    def get_item(self, item_id: str) -> dict | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        return _decode(row) if row else None

    def update_item(self, item_id: str, **fields) -> dict:
        row = _encode(fields)
        assignments = ", ".join(f"{column} = ?" for column in row)
        with self._writing():
            self._conn.execute(
                f"UPDATE items SET {assignments} WHERE id = ?", [*row.values(), item_id]
            )
        return self.get_item(item_id)

    def update_items_where(self, where: str, params: list, **fields) -> int:
        row = _encode(fields)
        assignments = ", ".join(f"{column} = ?" for column in row)
        with self._writing():
            cursor = self._conn.execute(
                f"UPDATE items SET {assignments} WHERE {where}", [*row.values(), *params]
            )
        return cursor.rowcount

    def delete_item(self, item_id: str) -> None:
        with self._writing():
            self._conn.execute("DELETE FROM items WHERE id = ?", (item_id,))

    def select_items(
        self,
        where: str,
        params: list,
        order: str,
        limit: int | None = None,
        offset: int = 0,
        index: str | None = None,
    ) -> list[dict]:
        """`index` forces a plan where SQLite's own choice is poor (see listing.LIST_SCOPES)."""
        source = f"items INDEXED BY {index}" if index else "items"
        sql = f"SELECT * FROM {source} WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [_decode(row) for row in rows]

    def count_by_state(self) -> dict[str, dict[str, int]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT item_type, status, COUNT(*) FROM items GROUP BY item_type, status"
            ).fetchall()
        counts: dict[str, dict[str, int]] = {"Session": {}, "Job": {}}
        for item_type, status, count in rows:
            counts.setdefault(item_type, {})[status] = count
        return counts

    def session_job_counts(self, session_id: str) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT status, COUNT(*) FROM items WHERE session_id = ? GROUP BY status",
                (session_id,),
            ).fetchall()
        return {status: count for status, count in rows}

    # -- blobs -----------------------------------------------------------------

    def ensure_container(self, name: str, now: float) -> bool:
        """Create the container if missing; True when it was created."""
        with self._writing():
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO containers (name, created) VALUES (?, ?)", (name, now)
            )
        return cursor.rowcount == 1

    def container_exists(self, name: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM containers WHERE name = ?", (name,)).fetchone()
        return row is not None

    def put_blob_meta(self, meta: dict) -> None:
        with self._writing():
            self._conn.execute(
                "INSERT OR REPLACE INTO blobs (container, name, content_type, content_encoding,"
                " size, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    meta["container"],
                    meta["name"],
                    meta.get("content_type"),
                    meta.get("content_encoding"),
                    meta["size"],
                    meta["etag"],
                    meta["last_modified"],
                ),
            )

    def get_blob_meta(self, container: str, name: str) -> dict | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM blobs WHERE container = ? AND name = ?", (container, name)
            ).fetchone()
        return dict(row) if row else None

    def list_blob_meta(self, container: str, prefix: str = "") -> list[dict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM blobs WHERE container = ? AND substr(name, 1, ?) = ? ORDER BY name",
                (container, len(prefix), prefix),
            ).fetchall()
        return [dict(row) for row in rows]

    def delete_blob_meta(self, container: str, name: str | None = None) -> None:
        with self._writing():
            if name is None:
                self._conn.execute("DELETE FROM blobs WHERE container = ?", (container,))
                self._conn.execute("DELETE FROM containers WHERE name = ?", (container,))
            else:
                self._conn.execute(
                    "DELETE FROM blobs WHERE container = ? AND name = ?", (container, name)
                )


def _encode(fields: dict) -> dict:
    return {
        key: (json.dumps(value) if key in JSON_COLUMNS and value is not None else value)
        for key, value in fields.items()
    }


def _decode(row: sqlite3.Row) -> dict:
    """A row as a dict; a JSON column that cannot be read becomes None.

    One unreadable value (nested too deeply for the decoder, say, stored before
    the depth limit existed) must not make every list that includes its row fail.
    """
    item = dict(row)
    for key in JSON_COLUMNS:
        if item.get(key) is not None:
            try:
                item[key] = json.loads(item[key])
            except (ValueError, RecursionError):
                log.warning(
                    "item %s: stored %s is not readable JSON; shown as empty", item["id"], key
                )
                item[key] = None
    return item
