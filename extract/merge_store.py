"""What the merge has seen, kept on disk until roles.json is written: rows in SQLite.

A run over millions of articles cannot hold every duty, requirement and salary of the
corpus in memory until the end. Each document's contribution is reduced to plain rows
(`MergeRows`, made by `merge.merge_rows` where the document was extracted, so the parent
never re-parses a record) and appended to a temporary SQLite database; when roles.json is written the
rows are read back one role at a time. Memory then holds one role's items, never the
corpus. The database is a scratch one (extract.scratch): a killed run leaves nothing behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extract.scratch import SqliteStore, scratch_database

Years = float | None


@dataclass(frozen=True, slots=True)
class MergeRows:
    """One document's contribution to the merge, as plain tuples (small to pickle, cheap to insert)."""

    doc_id: str
    roles: tuple[tuple[str, str, str], ...] = ()  # (role_id, function, level)
    names: tuple[tuple[str, str], ...] = ()  # (role_id, name or mention)
    duties: tuple[tuple[str, str, int, int], ...] = ()  # (role_id, text, start, end)
    # (role_id, kind, min_years, max_years, text, start, end)
    requirements: tuple[tuple[str, str, Years, Years, str, int, int], ...] = ()
    salaries: tuple[tuple[str, str, str], ...] = ()  # (role_id, currency, Salary as JSON)
    # (role_id, from, to, from_start, from_end, to_start, to_end, to_min_years, to_max_years)
    edges: tuple[tuple[str, str, str, int, int, int, int, Years, Years], ...] = ()


_SCHEMA = """
CREATE TABLE docs (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE roles (role_id TEXT PRIMARY KEY, function TEXT NOT NULL, level TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE names (role_id TEXT, name TEXT, PRIMARY KEY (role_id, name)) WITHOUT ROWID;
CREATE TABLE role_docs (role_id TEXT, doc_id TEXT, PRIMARY KEY (role_id, doc_id)) WITHOUT ROWID;
CREATE TABLE duties (role_id TEXT, text TEXT, doc_id TEXT, start INTEGER, end INTEGER);
CREATE TABLE requirements (
    role_id TEXT, kind TEXT, min_years REAL, max_years REAL, text TEXT, doc_id TEXT, start INTEGER, end INTEGER
);
CREATE TABLE salaries (role_id TEXT, doc_id TEXT, data TEXT);
CREATE TABLE currencies (code TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE edges (
    role_id TEXT, src TEXT, dst TEXT, doc_id TEXT,
    a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER, min_years REAL, max_years REAL
);
"""

# Built once, when the rows are first read back: cheaper than keeping them up to date on every insert.
_INDEXES = """
CREATE INDEX IF NOT EXISTS duties_by_role ON duties (role_id);
CREATE INDEX IF NOT EXISTS requirements_by_role ON requirements (role_id);
CREATE INDEX IF NOT EXISTS salaries_by_role ON salaries (role_id);
CREATE INDEX IF NOT EXISTS edges_by_role ON edges (role_id);
"""


@dataclass(frozen=True, slots=True)
class RoleRows:
    """Everything stored for one role, in insertion order (the merge does not depend on it).

    The item rows are cursors, read once while the role is built, so they are never a list.
    """

    role_id: str
    function: str
    level: str
    names: list[str]
    doc_ids: list[str]
    duties: Iterable[tuple[str, str, int, int]]  # (text, doc_id, start, end)
    requirements: Iterable[RequirementRow]
    salaries: Iterable[tuple[str, dict[str, Any]]]  # (doc_id, Salary fields)
    edges: Iterable[tuple[str, str, str, int, int, int, int, Years, Years]]  # (src, dst, doc_id, ...)


RequirementRow = tuple[str, Years, Years, str, str, int, int]  # (kind, lo, hi, text, doc_id, start, end)


class MergeStore(SqliteStore):
    """Append-only tables of merge rows; read back role by role, sorted by role_id."""

    def __init__(self, path: str = "") -> None:
        super().__init__(scratch_database(path), _SCHEMA)
        self._indexed = False

    def add(self, rows: MergeRows) -> None:
        """Store one document's rows; ValueError when its doc_id was already added."""
        db, doc = self._db, rows.doc_id
        try:
            db.execute("INSERT INTO docs VALUES (?)", (doc,))
        except sqlite3.IntegrityError:
            raise ValueError(f"document {doc!r} added twice") from None
        db.executemany("INSERT OR IGNORE INTO roles VALUES (?, ?, ?)", rows.roles)
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", rows.names)
        db.executemany("INSERT OR IGNORE INTO role_docs VALUES (?, ?)", ((r, doc) for r, _, _ in rows.roles))
        db.executemany(
            "INSERT INTO duties VALUES (?, ?, ?, ?, ?)", ((r, t, doc, s, e) for r, t, s, e in rows.duties)
        )
        db.executemany(
            "INSERT INTO requirements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((r, k, lo, hi, t, doc, s, e) for r, k, lo, hi, t, s, e in rows.requirements),
        )
        db.executemany(
            "INSERT INTO salaries VALUES (?, ?, ?)", ((r, doc, data) for r, _, data in rows.salaries)
        )
        db.executemany("INSERT OR IGNORE INTO currencies VALUES (?)", ((c,) for _, c, _ in rows.salaries))
        db.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r, a, b, doc, a0, a1, b0, b1, lo, hi) for r, a, b, a0, a1, b0, b1, lo, hi in rows.edges),
        )

    def currencies(self) -> list[str]:
        return [code for (code,) in self._db.execute("SELECT code FROM currencies ORDER BY code")]

    def role_ids(self) -> Iterator[str]:
        """Every role_id, sorted (read lazily: the list of roles is never held whole)."""
        self._index()
        for (role_id,) in self._db.execute("SELECT role_id FROM roles ORDER BY role_id"):
            yield role_id

    def role(self, role_id: str) -> RoleRows:
        """One role's rows (the only part of the store ever in memory at once)."""
        self._index()
        q = self._db.execute
        key = (role_id,)
        function, level = q("SELECT function, level FROM roles WHERE role_id = ?", key).fetchone()
        return RoleRows(
            role_id=role_id,
            function=function,
            level=level,
            names=[n for (n,) in q("SELECT name FROM names WHERE role_id = ?", key)],
            doc_ids=[d for (d,) in q("SELECT doc_id FROM role_docs WHERE role_id = ?", key)],
            duties=q("SELECT text, doc_id, start, end FROM duties WHERE role_id = ? ORDER BY rowid", key),
            requirements=q(
                "SELECT kind, min_years, max_years, text, doc_id, start, end FROM requirements"
                " WHERE role_id = ? ORDER BY rowid",
                key,
            ),
            salaries=(
                (doc, json.loads(data))
                for doc, data in q("SELECT doc_id, data FROM salaries WHERE role_id = ? ORDER BY rowid", key)
            ),
            edges=q(
                "SELECT src, dst, doc_id, a_start, a_end, b_start, b_end, min_years, max_years FROM edges"
                " WHERE role_id = ? ORDER BY rowid",
                key,
            ),
        )

    def _index(self) -> None:
        if not self._indexed:
            for statement in filter(str.strip, _INDEXES.split(";")):
                self._db.execute(statement)
            self._indexed = True
