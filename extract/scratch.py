"""Scratch SQLite databases: where a run keeps what grows with the number of articles.

The merge rows, the duplicate finder's signatures and the run's per-article ledger would
grow without bound in memory over millions of articles; in SQLite they cost a bounded
page cache. The empty path is SQLite's private temporary database: its file is unlinked
as soon as it is opened (it lives under $TMPDIR or SQLITE_TMPDIR), so a killed run leaves
nothing behind. No journal and no fsync: the data is rebuilt by rerunning, never recovered.
"""

from __future__ import annotations

import os
import sqlite3

CACHE_KIB = 2048  # page cache per database: the bound on what a store holds in memory


def scratch_database(path: str | os.PathLike[str] = "") -> sqlite3.Connection:
    """A connection in autocommit mode (callers open their own long transactions)."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = FILE")
    return conn


def to_blob(text: str) -> bytes:
    """Text as stored: UTF-8 with `surrogatepass`, so a name from a non-UTF-8 file name round-trips.

    Byte order of UTF-8 is code point order, so ORDER BY on these blobs sorts as Python sorts strings.
    """
    return text.encode("utf-8", "surrogatepass")


def from_blob(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")
