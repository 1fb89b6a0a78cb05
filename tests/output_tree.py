"""What a run leaves in its output folder, in a form two runs can be compared by."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from extract.cache import CACHE_FILENAME
from extract.outdir import LOCK_NAME, RECORD_NAME, STATE_DIRNAME

# The run's state databases, compared by their rows (their bytes depend on their history).
DATABASES = {
    CACHE_FILENAME: "SELECT key, record_json, counts FROM entries ORDER BY key",
    RECORD_NAME: "SELECT doc_id FROM documents ORDER BY doc_id",
}


def output_tree(folder: Path) -> dict[str, bytes]:
    """Every file by relative path; the state databases by their rows; the lock file by its name."""
    tree = {}
    state = folder / STATE_DIRNAME
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if path.parent == state and path.name == LOCK_NAME:
            tree[rel] = b""
        elif not (path.parent == state and any(path.name.startswith(db) for db in DATABASES)):
            tree[rel] = path.read_bytes()
    for name, query in DATABASES.items():
        db = state / name
        if db.is_file():
            with sqlite3.connect(db) as conn:
                rows = conn.execute(query).fetchall()
            conn.close()
            tree[f"{STATE_DIRNAME}/{name} rows"] = json.dumps(rows, ensure_ascii=False, default=repr).encode()
    return tree
