"""Incremental runs: an article whose bytes, location and pipeline are unchanged is not extracted again.

An entry is keyed by the sha256 of the article's bytes, its location (the record carries
`doc_id` and `source.path`, both taken from it) and a fingerprint of the pipeline: the
version plus the sha256 of every code and data file of the package, so that a lexicon
edit or a code change invalidates the cache even when nobody bumped the version.
Entries live under OUT/.cache/, one small JSON file each, written atomically, so a run
killed at any moment leaves whole entries or none. Only successful extractions are
cached: a failure is retried on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CACHE_DIRNAME = ".cache"
FINGERPRINT_SUFFIXES: frozenset[str] = frozenset({".py", ".json", ".yaml", ".yml"})


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What a hit gives back: the record exactly as serialised, and its item counts."""

    record_json: str
    counts: dict[str, int]


@cache
def pipeline_fingerprint() -> str:
    """The running pipeline's fingerprint, computed once per process."""
    from extract.pipeline import PIPELINE_VERSION

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
    return out / CACHE_DIRNAME


class ResultCache:
    """A folder of entries `<key[:2]>/<key>.json`; sharded so no folder holds millions of files."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CacheEntry | None:
        """The entry, or None when absent or unreadable (a bad entry is a miss, never an error)."""
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        record, counts = data.get("record_json"), data.get("counts")
        if not isinstance(record, str) or not isinstance(counts, dict):
            return None
        return CacheEntry(record_json=record, counts={str(k): int(v) for k, v in counts.items()})

    def put(self, key: str, entry: CacheEntry) -> None:
        from extract.write import atomic_write_text

        text = json.dumps(
            {"key": key, "counts": entry.counts, "record_json": entry.record_json}, ensure_ascii=False
        )
        atomic_write_text(self.path(key), text + "\n", durable=False)

    def prune(self, keep: Container[str]) -> int:
        """Drop entries this run did not use (old versions, removed articles) and stray temp files."""
        removed = 0
        if not self.root.is_dir():
            return removed
        for shard in self.root.iterdir():
            if not shard.is_dir():
                continue
            for path in shard.iterdir():
                if path.suffix == ".json" and path.stem in keep:
                    continue
                path.unlink(missing_ok=True)
                removed += 1
            if not any(shard.iterdir()):
                os.rmdir(shard)
        return removed
