"""SQLite databases of a run: where it keeps what grows with the number of articles.

The inputs' listing, the merge rows, the duplicate finder's signatures and the run's
per-article ledger would grow without bound in memory over millions of articles; in
SQLite they cost a bounded page cache. They are scratch databases: the empty path is
SQLite's private temporary database, whose file is unlinked as soon as it is opened (it
lives under $TMPDIR or SQLITE_TMPDIR), so a killed run leaves nothing behind; no journal
and no fsync: the data is rebuilt by rerunning, never recovered. The cache is the one
durable database (extract.cache). Every one of them is a `SqliteStore`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Self

CACHE_KIB = 2048  # page cache per database: the bound on what a store holds in memory


def scratch_database(path: str | os.PathLike[str] = "") -> sqlite3.Connection:
    """A connection in autocommit mode (callers open their own long transactions)."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = FILE")
    return conn


def durable_database(path: Path, schema: str, probe: str) -> sqlite3.Connection:
    """A database kept between runs, with its schema; one that is not a database (damaged,
    truncated) is replaced by a new one.

    WAL: worker processes read while the parent writes, and a commit costs no fsync
    (synchronous NORMAL): a crash of the machine may lose the last commits, never the file.
    `probe` is a query that proves the tables can be read.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open_durable(path, schema, probe)
    except sqlite3.DatabaseError:
        for stale in path.parent.glob(path.name + "*"):  # the file and its -wal / -shm
            stale.unlink(missing_ok=True)
        return _open_durable(path, schema, probe)


def _open_durable(path: Path, schema: str, probe: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript(schema)
        db.execute(probe).fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def to_blob(text: str) -> bytes:
    """Text as stored: UTF-8 with `surrogatepass`, so a name from a non-UTF-8 file name round-trips.

    Byte order of UTF-8 is code point order, so ORDER BY on these blobs sorts as Python sorts strings.
    """
    return text.encode("utf-8", "surrogatepass")


def from_blob(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


class SqliteStore:
    """An object that owns one SQLite connection: closed once by `close()`, or used in `with`.

    What a store writes goes into one long transaction, begun here. `close` commits it first
    when `COMMIT_ON_CLOSE` (a database its owner reads afterwards); a scratch database is
    dropped with its uncommitted pages, which costs nothing.
    """

    COMMIT_ON_CLOSE = False

    def __init__(self, db: sqlite3.Connection, schema: str = "") -> None:
        self._db = db
        if schema:
            db.executescript(schema)
        db.execute("BEGIN")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed already
            if self.COMMIT_ON_CLOSE and self._db.in_transaction:
                self._db.execute("COMMIT")
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
