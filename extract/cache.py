"""Incremental runs: an article whose bytes, location and pipeline are unchanged is not extracted again.

An entry is keyed by the sha256 of the article's bytes, its location (the record carries
`doc_id` and `source.path`, both taken from it) and a fingerprint of the pipeline: the
version plus the sha256 of every code and data file of the package, so that a lexicon
edit or a code change invalidates the cache even when nobody bumped the version.
Entries live in one SQLite database, OUT/.extract/cache.sqlite, rather than one file
each: a file per article costs a directory entry and an inode (millions of them on a big
corpus) and its creation is the most expensive thing the parent process did per article.
In WAL mode, worker processes read entries while the parent writes; the parent commits
every few hundred entries, so a run killed at any moment loses at most the last batch
(a rerun extracts those again) and never leaves half an entry. Only successful
extractions are cached: a failure is retried on the next run. A database that cannot be
read is a miss for the workers and is replaced by the parent, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.models import PIPELINE_VERSION
from extract.outdir import STATE_DIRNAME
from extract.scratch import SqliteStore, durable_database

FINGERPRINT_SUFFIXES: frozenset[str] = frozenset({".py", ".json", ".yaml", ".yml"})


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What a hit gives back: the record exactly as serialised, and its item counts."""

    record_json: str
    counts: dict[str, int]


@cache
def pipeline_fingerprint() -> str:
    """The running pipeline's fingerprint, computed once per process."""
    return tree_fingerprint(Path(__file__).resolve().parent, PIPELINE_VERSION)


def tree_fingerprint(root: Path, version: str) -> str:
    """sha256 over `version` and the names and bytes of every code and data file under `root`."""
    digest = hashlib.sha256(version.encode())
    for path in fingerprint_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint_files(root: Path) -> list[Path]:
    """Code (.py) and data (.json, .yaml) files of the package, in a stable order."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in FINGERPRINT_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )


def cache_key(location: str, content_sha256: str) -> str:
    """One entry per (pipeline, location, bytes): a changed article or pipeline misses."""
    text = f"{pipeline_fingerprint()}\n{location}\n{content_sha256}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_dir(out: Path) -> Path:
    """Where a run over `out` keeps its cache: the run's own state folder (extract.outdir)."""
    return out / STATE_DIRNAME


CACHE_FILENAME = "cache.sqlite"
COMMIT_EVERY = 256  # entries per transaction: what a killed run can lose

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, record_json TEXT NOT NULL, counts TEXT NOT NULL, run INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY);
"""


class ResultCache(SqliteStore):
    """The run's cache (the parent's handle): look up, store, keep, and prune what this run did not use.

    Each run gets a new number; `put` and `keep` stamp an entry with it, and `prune` drops
    every entry this run did not stamp (old pipeline versions, removed articles).
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.path = self.root / CACHE_FILENAME
        db = durable_database(self.path, _SCHEMA, "SELECT count(*) FROM entries")
        self._run = db.execute("INSERT INTO runs DEFAULT VALUES").lastrowid
        db.execute("DELETE FROM runs WHERE run < ?", (self._run,))
        self._pending = 0
        super().__init__(db)

    def put(self, key: str, entry: CacheEntry) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
            (key, entry.record_json, json.dumps(entry.counts, sort_keys=True), self._run),
        )
        self._written()

    def keep(self, key: str) -> None:
        """Mark an entry this run used, so `prune` leaves it."""
        self._db.execute("UPDATE entries SET run = ? WHERE key = ?", (self._run, key))
        self._written()

    def prune(self) -> int:
        """Drop the entries this run neither stored nor kept (old pipeline versions, removed articles)."""
        removed = self._db.execute("DELETE FROM entries WHERE run != ?", (self._run,)).rowcount
        self.commit()
        return removed

    def commit(self) -> None:
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._pending = 0
        self._db.execute("BEGIN")

    def close(self) -> None:
        """Commit, fold the WAL back into the database file, and release it (workers' readers first)."""
        close_readers()
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed already
            if self._db.in_transaction:
                self._db.execute("COMMIT")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        super().close()

    def _written(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit()


def lookup(cache_root: str, key: str) -> CacheEntry | None:
    """A worker's read: the entry, or None when absent or when the database cannot be read."""
    try:
        row = (
            _reader(cache_root)
            .execute("SELECT record_json, counts FROM entries WHERE key = ?", (key,))
            .fetchone()
        )
    except sqlite3.Error:
        close_readers()  # absent or replaced: open it again next time
        return None
    return _entry(row)


_readers: dict[str, sqlite3.Connection] = {}


def _reader(cache_root: str) -> sqlite3.Connection:
    """One read-only connection per process and cache, opened on first use."""
    conn = _readers.get(cache_root)
    if conn is None:
        path = Path(cache_root) / CACHE_FILENAME
        if not path.is_file():
            raise sqlite3.OperationalError(f"no cache at {path}")
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        _readers[cache_root] = conn
    return conn


def close_readers() -> None:
    """Close this process's read connections (the last one to close removes the WAL side files)."""
    while _readers:
        _readers.popitem()[1].close()


def _entry(row: tuple[str, str] | None) -> CacheEntry | None:
    """A stored row as an entry; None for a row that does not hold one (a damaged entry is a miss)."""
    if row is None:
        return None
    record, counts = row
    try:
        parsed = json.loads(counts)
        if not isinstance(record, str) or not isinstance(parsed, dict):
            return None
        return CacheEntry(record_json=record, counts={str(k): int(v) for k, v in parsed.items()})
    except (ValueError, TypeError):
        return None
