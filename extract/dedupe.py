"""Duplicate articles: the same page scraped twice counts once.

Two copies of one article rarely match byte for byte: sites add other navigation
debris, cookie banners or a cut-off ending. So articles are compared as sets of word
5-shingles (casefolded NFC words) taken line by line, estimated with MinHash and looked
up with LSH; a candidate counts when its estimated Jaccard reaches the threshold.
Shingles never cross a line break, so an inserted debris line adds only its own few
shingles instead of also breaking those of its neighbours. Copies whose word sequences
are equal are caught exactly, before any hashing.

Which copy is "the original" depends on the order of `check` calls: call it in a
stable order (a run checks its articles in the sorted order of their paths).

Memory stays flat over millions of articles: everything remembered per article (doc_ids
checked, word-sequence hashes, MinHash values, LSH band keys) is a row in SQLite, on disk
when a path is given, never a Python object. The LSH is datasketch's own band layout
(b bands of r rows for the threshold) over an indexed table, so the candidates are
exactly those a `datasketch.MinHashLSH` would return.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import unicodedata
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from extract.lexicon import load_data
from extract.scratch import SqliteStore, from_blob, scratch_database, to_blob

_WORD = re.compile(r"\w+")
_COMMIT_EVERY = 10_000  # checks per transaction (scratch data: a killed run starts over)

_TABLES = ("checked", "exact", "article", "band")
_SCHEMA = """
CREATE TABLE checked (doc_id BLOB PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE article (ordinal INTEGER PRIMARY KEY, doc_id BLOB NOT NULL, hashvalues BLOB NOT NULL);
CREATE TABLE exact (digest BLOB PRIMARY KEY, ordinal INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE band (
    band INTEGER NOT NULL, key BLOB NOT NULL, ordinal INTEGER NOT NULL, PRIMARY KEY (band, key, ordinal)
) WITHOUT ROWID;
"""


@cache
def _config() -> dict[str, Any]:
    return load_data("merge.json")["duplicates"]


@cache
def _band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """datasketch's (start, end) slice of each band, so recall is exactly its index's."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


def words(text: str) -> list[str]:
    """The article's words as compared: NFC, casefolded."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(tokens: list[str], size: int) -> set[str]:
    """Word `size`-shingles of one line; a line shorter than `size` words is one shingle."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _connect(path: str | os.PathLike[str] | None) -> sqlite3.Connection:
    """A scratch database: no journal, no fsync, a bounded page cache; emptied if a killed run left one."""
    db = scratch_database(":memory:" if path is None else path)
    for table in _TABLES:
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.executescript(_SCHEMA)
    return db


def _candidates_sql(bands: int) -> str:
    """Remembered articles sharing at least one band key, earliest first (one index search per band)."""
    per_band = " UNION ALL ".join(
        f"SELECT ordinal FROM band WHERE band = {i} AND key = ?" for i in range(bands)
    )
    return f"SELECT doc_id, hashvalues FROM article WHERE ordinal IN ({per_band}) ORDER BY ordinal"


def signature(
    text: str, size: int | None = None, num_perm: int | None = None, seed: int | None = None
) -> tuple[str | None, MinHash | None]:
    """(hash of the word sequence, MinHash of the shingles); (None, None) without words.

    A pure function of the text (settings default to merge.json), so workers sign
    articles without any finder or database.
    """
    cfg = _config()
    size = int(cfg["shingle_words"]) if size is None else size
    lines = [w for w in map(words, text.splitlines()) if w]
    if not lines:
        return None, None
    exact = hashlib.sha256(" ".join(w for line in lines for w in line).encode("utf-8")).hexdigest()
    grams = set().union(*(shingles(line, size) for line in lines))
    minhash = MinHash(
        num_perm=int(cfg["num_perm"]) if num_perm is None else num_perm,
        seed=int(cfg["seed"]) if seed is None else seed,
    )
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return exact, minhash


class DuplicateFinder(SqliteStore):
    """Remembers the articles checked so far and names the earlier one a new article copies.

    `path`: a SQLite file to keep them in (created, or emptied when one is already there;
    the caller owns and removes it); "" is SQLite's private temporary file (deleted on
    close). None keeps the database in memory: Python's heap stays flat but SQLite's
    grows (~1.2 kB per remembered article), so a long run passes a path. Not for
    concurrent use: one thread checks at a time. `close` writes what is pending (a file stays for
    its owner to remove).
    """

    COMMIT_ON_CLOSE = True

    def __init__(self, threshold: float | None = None, *, path: str | os.PathLike[str] | None = None) -> None:
        cfg = _config()
        self.threshold = float(cfg["threshold"]) if threshold is None else threshold
        self._size = int(cfg["shingle_words"])
        self._num_perm = int(cfg["num_perm"])
        self._seed = int(cfg["seed"])
        probe = MinHash(num_perm=self._num_perm, seed=self._seed)
        self._scheme = getattr(probe, "scheme", None)
        self._dtype = probe.hashvalues.dtype
        self._ranges = _band_ranges(self.threshold, self._num_perm)
        self._query = _candidates_sql(len(self._ranges))
        super().__init__(_connect(path))
        self._pending = 0

    def check(self, doc_id: str, text: str) -> str | None:
        """The doc_id of an earlier near-identical article, else None (and remember this one).

        A text without words is never a duplicate and is not remembered.
        """
        exact, minhash = self.signature(text)
        return self.check_signature(doc_id, exact, minhash)

    def signature(self, text: str) -> tuple[str | None, MinHash | None]:
        """`signature(text)` with this finder's shingle size and MinHash settings."""
        return signature(text, self._size, self._num_perm, self._seed)

    def check_signature(self, doc_id: str, exact: str | None, minhash: MinHash | None) -> str | None:
        """`check` on a precomputed `signature` (so hashing can run where the text is read).

        `minhash` is a MinHash or a LeanMinHash (what workers send): only its hash values are read.
        """
        if self._db.execute("INSERT OR IGNORE INTO checked VALUES (?)", (to_blob(doc_id),)).rowcount == 0:
            raise ValueError(f"document {doc_id!r} checked twice")
        self._tick()
        if exact is None or minhash is None:
            return None
        row = self._db.execute(
            "SELECT doc_id FROM exact JOIN article USING (ordinal) WHERE digest = ?", (to_blob(exact),)
        ).fetchone()
        if row is not None:
            return from_blob(row[0])
        values = self._values(minhash)
        keys = [values[start:end].tobytes() for start, end in self._ranges]
        original = self._earliest_similar(values, keys)
        if original is None:
            self._remember(doc_id, exact, values, keys)
        return original

    def _values(self, minhash: MinHash) -> np.ndarray:
        """The hash values, refused when they cannot be compared with the remembered ones (as datasketch does)."""
        if getattr(minhash, "scheme", None) != self._scheme or minhash.seed != self._seed:
            raise ValueError("MinHash made with another seed or permutation scheme")
        values = np.asarray(minhash.hashvalues, dtype=self._dtype)
        if len(values) != self._num_perm:
            raise ValueError(f"expecting a MinHash with {self._num_perm} permutations, got {len(values)}")
        return values

    def _earliest_similar(self, values: np.ndarray, keys: list[bytes]) -> str | None:
        """The first remembered LSH candidate whose estimated Jaccard reaches the threshold."""
        for doc_id, blob in self._db.execute(self._query, keys):
            other = np.frombuffer(blob, dtype=self._dtype)
            if float(np.count_nonzero(values == other)) / float(len(values)) >= self.threshold:
                return from_blob(doc_id)
        return None

    def _remember(self, doc_id: str, exact: str, values: np.ndarray, keys: list[bytes]) -> None:
        ordinal = self._db.execute(
            "INSERT INTO article (doc_id, hashvalues) VALUES (?, ?)", (to_blob(doc_id), values.tobytes())
        ).lastrowid
        self._db.execute("INSERT INTO exact VALUES (?, ?)", (to_blob(exact), ordinal))
        self._db.executemany(
            "INSERT INTO band VALUES (?, ?, ?)", [(i, key, ordinal) for i, key in enumerate(keys)]
        )

    def _tick(self) -> None:
        """Commit every `_COMMIT_EVERY` checks so no transaction grows without bound."""
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._pending = 0
