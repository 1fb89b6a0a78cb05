"""The output folder: what a run writes there, and the only things it ever removes.

    OUT/documents/<doc_id>.json, roles.json, career_graph.json, career_graph.dot, manifest.json
    OUT/.extract/           the runs' own state; nothing else belongs there
        extract.json        marker: this folder is written by extract
        lock                held while a run writes OUT, so a second run on it refuses
        cache.sqlite        the incremental cache (extract.cache)
        documents.sqlite    every document file a run wrote, recorded before it is written
        tmp/                temporary files of the atomic writes

A run removes a document file only when a run recorded writing it and this run has no
article of that name, and temporary files only under OUT/.extract/tmp/. Files anybody
else put in OUT, whatever their names (a foreign documents/x.json, a .cache/ folder, a
.something.tmp), are never touched. An --out that is a file, cannot be written, or holds
a .extract/ this tool did not make is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import Self

from extract.scratch import SqliteStore, durable_database, from_blob, to_blob
from extract.write import atomic_write_chunks, atomic_write_text, document_path

STATE_DIRNAME = ".extract"
MARKER_NAME = "extract.json"
MARKER_TEXT = '{\n  "written_by": "extract",\n  "layout": 1\n}\n'
LOCK_NAME = "lock"
RECORD_NAME = "documents.sqlite"
TMP_DIRNAME = "tmp"
NAME_MAX = 255  # bytes in one file name on the usual file systems


class OutputError(Exception):
    """The output folder cannot be used: one line for the person running the job (exit 2)."""


def check_out(out: Path) -> None:
    """Refuse an --out that cannot be the output folder; touches nothing."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder")
    existing = next((p for p in (out, *out.absolute().parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        raise OutputError(f"--out {out}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"--out {out} is not writable" if existing == out else f"cannot create --out {out}: {existing} is not writable")
    state = out / STATE_DIRNAME
    if state.exists() and not (state / MARKER_NAME).is_file():
        raise OutputError(f"--out {out} holds a {STATE_DIRNAME}/ that extract did not write: choose another --out")


class OutputFolder:
    """One run's hold on OUT: the lock, the record of written documents, the temporary files.

    Entering checks the folder (`check_out`), creates it with its state folder and marker,
    takes the lock (OutputError when another run holds it) and clears the temporary files a
    killed run left. `finish` removes the documents of articles no longer in the input.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.state = self.out / STATE_DIRNAME
        self.tmp = self.state / TMP_DIRNAME
        self._lock_fd = -1
        self._record: _WrittenDocuments | None = None

    def __enter__(self) -> Self:
        check_out(self.out)
        self.state.mkdir(parents=True, exist_ok=True)
        marker = self.state / MARKER_NAME
        if not marker.is_file():
            atomic_write_text(marker, MARKER_TEXT)
        try:
            self._lock()
            self._clear_tmp()
            self._record = _WrittenDocuments(self.state / RECORD_NAME)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _lock(self) -> None:
        fd = os.open(self.state / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f"another extract run (pid {holder})" if holder.isdigit() else "another extract run"
            raise OutputError(f"{who} is writing to {self.out}: wait for it to end, or choose another --out") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    def _clear_tmp(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(exist_ok=True)

    def write_document(self, doc_id: str, text: str) -> None:
        """documents/<doc_id>.json, recorded as written before it exists (so a killed run's files are known)."""
        if len(os.fsencode(f"{doc_id}.json")) > NAME_MAX:
            raise OSError(errno.ENAMETOOLONG, "the document's file name would be too long", f"{doc_id}.json")
        assert self._record is not None
        self._record.add(doc_id)
        atomic_write_text(document_path(self.out, doc_id), text, durable=False, tmp_dir=self.tmp)

    def write_text(self, name: str, text: str) -> None:
        atomic_write_text(self.out / name, text, tmp_dir=self.tmp)

    def write_chunks(self, name: str, chunks: Iterable[str]) -> None:
        atomic_write_chunks(self.out / name, chunks, tmp_dir=self.tmp)

    def finish(self, keep: Container[str]) -> None:
        """Remove the recorded documents whose doc_id this run did not write (`keep`), and the temporary files."""
        assert self._record is not None
        for batch in self._record.stale(keep):
            for doc_id in batch:
                document_path(self.out, doc_id).unlink(missing_ok=True)
                self._record.forget(doc_id)
            self._record.commit()
        self._clear_tmp()

    def close(self) -> None:
        if self._record is not None:
            self._record.close()
            self._record = None
        if self._lock_fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = -1


_RECORD_SCHEMA = "CREATE TABLE IF NOT EXISTS documents (doc_id BLOB PRIMARY KEY) WITHOUT ROWID;"


class _WrittenDocuments(SqliteStore):
    """The doc_ids whose files runs wrote into OUT/documents/ (kept between runs)."""

    COMMIT_ON_CLOSE = True

    def __init__(self, path: Path) -> None:
        super().__init__(durable_database(path, _RECORD_SCHEMA, "SELECT count(*) FROM documents"))

    def add(self, doc_id: str) -> None:
        """Record `doc_id`; a new one is committed at once, before its file can exist."""
        if self._db.execute("INSERT OR IGNORE INTO documents VALUES (?)", (to_blob(doc_id),)).rowcount:
            self.commit()

    def stale(self, keep: Container[str], batch: int = 1000) -> Iterator[list[str]]:
        """Recorded doc_ids not in `keep`, a batch at a time (read past the last one: the caller forgets them)."""
        after = b""
        while rows := self._db.execute(
            "SELECT doc_id FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT ?", (after, batch)
        ).fetchall():
            after = rows[-1][0]
            yield [d for (raw,) in rows if (d := from_blob(raw)) not in keep]

    def forget(self, doc_id: str) -> None:
        self._db.execute("DELETE FROM documents WHERE doc_id = ?", (to_blob(doc_id),))

    def commit(self) -> None:
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")
