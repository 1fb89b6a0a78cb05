"""What a run leaves in its output folder, in a form two runs can be compared by."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from extract.cache import CACHE_FILENAME, cache_dir


def output_tree(folder: Path) -> dict[str, bytes]:
    """Every file by relative path; the cache database by its entries (its bytes depend on its history)."""
    tree = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not (path.parent == cache_dir(folder) and path.name.startswith(CACHE_FILENAME)):
            tree[rel] = path.read_bytes()
    db = cache_dir(folder) / CACHE_FILENAME
    if db.is_file():
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT key, record_json, counts FROM entries ORDER BY key").fetchall()
        conn.close()
        tree[f".cache/{CACHE_FILENAME} entries"] = json.dumps(rows, ensure_ascii=False).encode()
    return tree
