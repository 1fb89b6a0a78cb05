"""What a run remembers about each article until it ends, kept on disk: a temporary SQLite database.

The end of a run needs facts about every article: the manifest (written sorted by path)
and which doc_ids were claimed (two files must not write one document; stale documents
are removed). For millions of
articles those are hundreds of megabytes, so they are rows in a scratch SQLite database
(extract.scratch: a killed run leaves nothing behind), read back at the end.
Text goes in as `scratch.to_blob` bytes, so a file name that is not valid UTF-8 is stored
and sorted like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from extract.scratch import SqliteStore, from_blob, scratch_database, to_blob
from extract.write import json_text

_SCHEMA = """
CREATE TABLE docs (doc_id BLOB PRIMARY KEY, location BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE manifest (path BLOB NOT NULL, entry BLOB NOT NULL);
"""


class _Claimed:
    """`doc_id in ledger.doc_ids`: asked of the database, never loaded whole."""

    def __init__(self, ledger: RunLedger) -> None:
        self._ledger = ledger

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._ledger.holder(doc_id) is not None


class RunLedger(SqliteStore):
    """Per-article bookkeeping of one run: claimed doc_ids and manifest entries."""

    def __init__(self, path: str = "") -> None:
        super().__init__(scratch_database(path), _SCHEMA)
        self.doc_ids = _Claimed(self)

    def holder(self, doc_id: str) -> str | None:
        """The location that claimed `doc_id`, else None."""
        row = self._db.execute("SELECT location FROM docs WHERE doc_id = ?", (to_blob(doc_id),)).fetchone()
        return None if row is None else from_blob(row[0])

    def claim(self, doc_id: str, location: str) -> str | None:
        """Claim `doc_id` for `location`: None when it was free, else the location that holds it."""
        held = self.holder(doc_id)
        if held is not None:
            return held
        self._db.execute("INSERT INTO docs VALUES (?, ?)", (to_blob(doc_id), to_blob(location)))
        return None

    def add_entry(self, entry: dict[str, Any]) -> None:
        """One manifest entry (a JSON object with a "path"), stored as the text it is written as."""
        text = json_text(entry, level=2)
        self._db.execute("INSERT INTO manifest VALUES (?, ?)", (to_blob(entry["path"]), to_blob(text)))

    def manifest_chunks(self, head: dict[str, Any]) -> Iterator[str]:
        """The manifest file in pieces: `head`'s keys, then "articles" sorted by path (stable).

        Byte-identical to `write.canonical_json({**head, "articles": entries})`.
        """
        yield "{"
        for key, value in head.items():
            yield f"\n  {json_text(key)}: {json_text(value, level=1)},"
        yield '\n  "articles": ['
        first = True
        for (entry,) in self._db.execute("SELECT entry FROM manifest ORDER BY path, rowid"):
            yield ("" if first else ",") + "\n    " + from_blob(entry)
            first = False
        yield "]" if first else "\n  ]"
        yield "\n}\n"
