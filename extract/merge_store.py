"""What the merge has seen, kept on disk until the outputs are written: rows in SQLite.

A run over millions of articles cannot hold every duty, requirement, salary and career
edge of the corpus in memory until the end; nor can one role told in millions of articles
hold the sources of its items. Each document's contribution is reduced to plain rows
(`MergeRows`, made by `merge.merge_rows` where the document was extracted, so the parent
never re-parses a record) and appended to a temporary SQLite database. When roles.json and
the career graph are written, the rows are read back already sorted, role by role:

- the distinct texts of one list of a role, each once with its first source (what folding
  needs: `item_texts`); then every source of each folded group, by a join of the rows with
  a scratch table mapping each text to its group (`group_sources`), in group order;
- salaries in source order; doc_ids; edges merged by (from, to) with their sources and years;
- the figures of a salary summary go to a scratch table, where the median is read by rank.

Sorting is SQLite's: beyond its page cache it spills to its temporary file, so memory holds
one role's distinct texts and a bounded cache, never a list that grows with the articles.
The database is a scratch one (extract.scratch): a killed run leaves nothing behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from extract.scratch import SqliteStore, scratch_database

Years = float | None
SourceKey = tuple[str, int, int]  # (doc_id, start, end)
ItemKey = tuple[str, Years, Years]  # (kind, min_years, max_years): a requirement's; duties have ("", None, None)

DUTIES, REQUIREMENTS = 0, 1  # the `list` of an item row


@dataclass(frozen=True, slots=True)
class MergeRows:
    """One document's contribution to the merge, as plain tuples (small to pickle, cheap to insert)."""

    doc_id: str
    roles: tuple[tuple[str, str, str], ...] = ()  # (role_id, function, level)
    names: tuple[tuple[str, str], ...] = ()  # (role_id, name or mention)
    duties: tuple[tuple[str, str, int, int], ...] = ()  # (role_id, text, start, end)
    # (role_id, kind, min_years, max_years, text, start, end)
    requirements: tuple[tuple[str, str, Years, Years, str, int, int], ...] = ()
    salaries: tuple[tuple[str, str, int, int, str], ...] = ()  # (role_id, currency, start, end, Salary as JSON)
    # (role_id, from, to, from_start, from_end, to_start, to_end, to_min_years, to_max_years)
    edges: tuple[tuple[str, str, str, int, int, int, int, Years, Years], ...] = ()


_SCHEMA = """
CREATE TABLE docs (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE roles (role_id TEXT PRIMARY KEY, function TEXT NOT NULL, level TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE names (role_id TEXT, name TEXT, PRIMARY KEY (role_id, name)) WITHOUT ROWID;
CREATE TABLE role_docs (role_id TEXT, doc_id TEXT, PRIMARY KEY (role_id, doc_id)) WITHOUT ROWID;
CREATE TABLE items (
    role_id TEXT, list INTEGER, kind TEXT, min_years REAL, max_years REAL,
    text TEXT, doc_id TEXT, start INTEGER, end INTEGER
);
CREATE TABLE salaries (role_id TEXT, doc_id TEXT, start INTEGER, end INTEGER, data TEXT);
CREATE TABLE currencies (code TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE edges (
    role_id TEXT, src TEXT, dst TEXT, doc_id TEXT,
    a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER, min_years REAL, max_years REAL
);
CREATE TABLE item_groups (list INTEGER, kind TEXT, min_years REAL, max_years REAL, text TEXT, grp INTEGER);
CREATE INDEX item_groups_by_text ON item_groups (text);
CREATE TABLE figures (stat TEXT, value BLOB);
CREATE INDEX figures_by_value ON figures (stat, value);
"""

# Built once, when the rows are first read back: cheaper than keeping them up to date on every
# insert. Each serves a read in its own order, so those reads need no sort.
_INDEXES = """
CREATE INDEX IF NOT EXISTS items_by_text ON items (role_id, list, kind, min_years, max_years, text, doc_id, start, end);
CREATE INDEX IF NOT EXISTS salaries_by_source ON salaries (role_id, doc_id, start, end);
CREATE INDEX IF NOT EXISTS edges_by_role ON edges (role_id, src, dst);
CREATE INDEX IF NOT EXISTS edges_by_step ON edges (src, dst);
"""

_EDGES = "SELECT src, dst, MIN(min_years), MAX(max_years), COUNT(DISTINCT doc_id) FROM edges"
_EDGE_SIDES = "SELECT doc_id, {0}_start, {0}_end FROM edges WHERE src = ? AND dst = ?"
_EDGE_YEARS = "SELECT DISTINCT doc_id, min_years, max_years FROM edges WHERE src = ? AND dst = ?"


class MergeStore(SqliteStore):
    """Append-only tables of merge rows, read back sorted; two scratch tables for the writing."""

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
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r, DUTIES, "", None, None, t, doc, s, e) for r, t, s, e in rows.duties),
        )
        db.executemany(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r, REQUIREMENTS, k, lo, hi, t, doc, s, e) for r, k, lo, hi, t, s, e in rows.requirements),
        )
        db.executemany(
            "INSERT INTO salaries VALUES (?, ?, ?, ?, ?)",
            ((r, doc, s, e, data) for r, _, s, e, data in rows.salaries),
        )
        db.executemany("INSERT OR IGNORE INTO currencies VALUES (?)", ((c,) for _, c, _, _, _ in rows.salaries))
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

    def role_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM roles").fetchone()[0]

    def role(self, role_id: str) -> tuple[str, str]:
        """(function, level) of a stored role."""
        return self._db.execute("SELECT function, level FROM roles WHERE role_id = ?", (role_id,)).fetchone()

    def names(self, role_id: str) -> list[str]:
        """A role's distinct names and mentions (none for a role_id without rows)."""
        return [n for (n,) in self._db.execute("SELECT name FROM names WHERE role_id = ?", (role_id,))]

    def doc_ids(self, role_id: str) -> Iterator[str]:
        """The doc_ids a role came from, sorted, one at a time."""
        for (doc,) in self._db.execute("SELECT doc_id FROM role_docs WHERE role_id = ? ORDER BY doc_id", (role_id,)):
            yield doc

    def item_texts(self, role_id: str, list_: int) -> Iterator[tuple[ItemKey, str, SourceKey]]:
        """Each distinct (key, text) of one list of a role once, with its first source (doc_id, start, end)."""
        self._index()
        rows = self._db.execute(
            "SELECT kind, min_years, max_years, text, doc_id, start, end FROM items WHERE role_id = ? AND list = ?"
            " ORDER BY kind, min_years, max_years, text, doc_id, start, end",
            (role_id, list_),
        )
        last = None
        for kind, lo, hi, text, doc, start, end in rows:
            if (kind, lo, hi, text) != last:
                last = (kind, lo, hi, text)
                yield (kind, lo, hi), text, (doc, start, end)

    def group_sources(
        self, role_id: str, list_: int, groups: Iterable[tuple[ItemKey, str, int]]
    ) -> Iterator[tuple[int, str, int, int]]:
        """(group, doc_id, start, end) of every row of one list of a role, its (key, text) mapped
        to a group by `groups`; sorted by group, then source; each source once per group.

        The mapping replaces the list's previous one: read one role's groups before the next's.
        """
        self._index()
        db = self._db
        db.execute("DELETE FROM item_groups WHERE list = ?", (list_,))
        db.executemany(
            "INSERT INTO item_groups VALUES (?, ?, ?, ?, ?, ?)",
            ((list_, kind, lo, hi, text, grp) for (kind, lo, hi), text, grp in groups),
        )
        return db.execute(
            "SELECT DISTINCT g.grp, i.doc_id, i.start, i.end FROM item_groups AS g JOIN items AS i"
            " ON i.role_id = ? AND i.list = g.list AND i.kind = g.kind AND i.min_years IS g.min_years"
            " AND i.max_years IS g.max_years AND i.text = g.text"
            " WHERE g.list = ? ORDER BY g.grp, i.doc_id, i.start, i.end",
            (role_id, list_),
        )

    def salaries(self, role_id: str) -> Iterator[tuple[str, int, int, str]]:
        """(doc_id, start, end, Salary as JSON) of a role, sorted by source, then as added."""
        self._index()
        return self._db.execute(
            "SELECT doc_id, start, end, data FROM salaries WHERE role_id = ? ORDER BY doc_id, start, end, rowid",
            (role_id,),
        )

    def set_figures(self, figures: Iterable[tuple[str, int]]) -> None:
        """Replace the scratch figures with (stat, non-negative whole number) rows."""
        self._db.execute("DELETE FROM figures")
        self._db.executemany("INSERT INTO figures VALUES (?, ?)", ((stat, _sortable(v)) for stat, v in figures))

    def figures(self, stat: str, offset: int, limit: int) -> list[int]:
        """`limit` figures of `stat` from rank `offset` (0: the smallest) in ascending order."""
        rows = self._db.execute(
            "SELECT value FROM figures WHERE stat = ? ORDER BY value LIMIT ? OFFSET ?", (stat, limit, offset)
        )
        return [int.from_bytes(value[_LENGTH:], "big") for (value,) in rows]

    def edges(self, role_id: str | None = None) -> Iterator[tuple[str, str, Years, Years, int]]:
        """(from, to, fewest years, most years, number of doc_ids) of every edge merged by (from, to),
        sorted; of one role's rows when `role_id` is given, else of all."""
        self._index()
        if role_id is None:
            return self._db.execute(f"{_EDGES} GROUP BY src, dst ORDER BY src, dst")
        return self._db.execute(f"{_EDGES} WHERE role_id = ? GROUP BY src, dst ORDER BY src, dst", (role_id,))

    def edge_sources(self, src: str, dst: str, role_id: str | None = None) -> Iterator[SourceKey]:
        """Both ends' (doc_id, start, end) of every row of one edge, distinct and sorted."""
        where, args = ("", (src, dst)) if role_id is None else (" AND role_id = ?", (src, dst, role_id))
        return self._db.execute(
            f"{_EDGE_SIDES.format('a')}{where} UNION {_EDGE_SIDES.format('b')}{where} ORDER BY 1, 2, 3", args * 2
        )

    def edge_years(self, src: str, dst: str, role_id: str | None = None) -> Iterator[tuple[str, Years, Years]]:
        """(doc_id, min_years, max_years) of one edge, distinct; sorted by doc_id, then years, nulls first."""
        where, args = ("", (src, dst)) if role_id is None else (" AND role_id = ?", (src, dst, role_id))
        return self._db.execute(f"{_EDGE_YEARS}{where} ORDER BY doc_id, min_years, max_years", args)

    def nodes(self) -> Iterator[tuple[str, bool]]:
        """Every role_id with rows or at an end of an edge, sorted; True when it has rows."""
        self._index()
        rows = self._db.execute(
            "SELECT id, id IN (SELECT role_id FROM roles) FROM"
            " (SELECT role_id AS id FROM roles UNION SELECT src FROM edges UNION SELECT dst FROM edges) ORDER BY id"
        )
        for role_id, has_rows in rows:
            yield role_id, bool(has_rows)

    def _index(self) -> None:
        if not self._indexed:
            for statement in filter(str.strip, _INDEXES.split(";")):
                self._db.execute(statement)
            self._indexed = True


_LENGTH = 4  # bytes of a figure's length prefix


def _sortable(value: int) -> bytes:
    """A whole number as a blob whose byte order is its numeric order (SQLite's INTEGER stops at 2**63).

    Length first, then the big-endian bytes: a longer number is a larger one.
    """
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return len(raw).to_bytes(_LENGTH, "big") + raw
