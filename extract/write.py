"""Everything that touches the output folder: atomic writes and the manifest.

Every file is written to a temporary sibling and renamed into place, so a run killed
at any moment leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Write `text` to `path` via a temp file in the same folder and an atomic rename.

    A killed process leaves the old file or the new one either way; `durable` also syncs
    the bytes to disk before the rename, against a machine crash. Per-article files skip it:
    every run rewrites them, and the cache treats a damaged entry as a miss.
    """
    atomic_write_chunks(path, (text,), durable=durable)


def atomic_write_chunks(path: Path, chunks: Iterable[str], *, durable: bool = True) -> None:
    """Like `atomic_write_text`, for a file produced piece by piece (never whole in memory)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:  # first file of its folder (mkdir on every call costs a directory lock)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def canonical_json(obj: Any) -> str:
    """The one JSON form used for every output file: stable, UTF-8, trailing newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def document_path(out: Path, doc_id: str) -> Path:
    return out / "documents" / f"{doc_id}.json"


def remove_stale_documents(out: Path, keep: Container[str]) -> None:
    """Drop document files of articles no longer in the input, so `output/` mirrors one run."""
    folder = out / "documents"
    if not folder.is_dir():
        return
    for path in folder.glob("*.json"):
        if path.stem not in keep:
            path.unlink(missing_ok=True)
