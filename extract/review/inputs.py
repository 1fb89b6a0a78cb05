"""Read what a run wrote (documents, merged roles, career graph) and each article's source.

The review page is most useful on broken output, so nothing here validates strictly:
files that cannot be read become notes shown to the reviewer, not exceptions.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.read import ReadError, read_source


@dataclass(slots=True)
class Article:
    """One DocumentRecord as written, with the decoded source its offsets index."""

    doc_id: str
    record: dict[str, Any]
    text: str | None
    notes: list[str] = field(default_factory=list)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _candidates(raw: str, output_dir: Path) -> list[Path]:
    """Where the source may be: as written, else relative to the run folder or its parent."""
    path = Path(raw)
    if path.is_absolute():
        return [path]
    return [path, output_dir / path, output_dir.parent / path]


def _decode(data: bytes, encoding: str | None) -> str:
    """Decode as the run did: the recorded encoding when Python knows it, else UTF-8."""
    try:
        codec = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        codec = "utf-8"
    return data.decode(codec, errors="replace")


def _read_text(path: Path, encoding: str | None) -> str:
    """The decoded source, through the reading stage so offsets agree with the run."""
    try:
        return read_source(str(path)).text
    except ReadError:
        return _decode(path.read_bytes(), encoding)  # the run read it once; show it as best we can


def load_source(source: dict[str, Any], output_dir: Path) -> tuple[str | None, list[str]]:
    """Decoded text of a record's `source`, and notes when it is missing or has changed since the run."""
    raw = source.get("path")
    if not isinstance(raw, str) or not raw:
        return None, ["the record names no source path"]
    path = next((p for p in _candidates(raw, output_dir) if p.is_file()), None)
    if path is None:
        return None, [f"source file not found: {raw}"]
    notes = []
    if source.get("sha256") and hashlib.sha256(path.read_bytes()).hexdigest() != source["sha256"]:
        notes.append("the source file changed since the run: highlights may be misplaced")
    try:
        return _read_text(path, source.get("encoding")), notes
    except (OSError, ValueError) as exc:
        return None, [*notes, f"source could not be read: {exc}"]


def document_paths(
    output_dir: Path, doc_ids: Sequence[str] | None = None, limit: int | None = None
) -> list[Path]:
    """output_dir/documents/*.json sorted by name: those of `doc_ids` when given, the first `limit`
    of them when given. Raises LookupError naming any doc_id the run has no document for."""
    folder = output_dir / "documents"
    if doc_ids is None:
        paths = sorted(folder.glob("*.json"))
    else:
        paths = [folder / f"{d}.json" for d in dict.fromkeys(doc_ids)]
        absent = [p.stem for p in paths if not p.is_file()]
        if absent:
            raise LookupError(f"no document in {folder} for: {', '.join(absent)}")
        paths.sort()
    return paths[:limit] if limit is not None else paths


def load_articles(output_dir: Path, paths: Iterable[Path] | None = None) -> list[Article]:
    """The given documents (default: every output_dir/documents/*.json) with their sources, sorted by doc_id."""
    articles = []
    for path in document_paths(output_dir) if paths is None else paths:
        try:
            record = read_json(path)
        except (OSError, ValueError) as exc:
            articles.append(Article(path.stem, {}, None, [f"{path.name} could not be read: {exc}"]))
            continue
        if not isinstance(record, dict):
            articles.append(Article(path.stem, {}, None, [f"{path.name} is not a JSON object"]))
            continue
        text, notes = load_source(record.get("source") or {}, output_dir)
        articles.append(Article(str(record.get("doc_id") or path.stem), record, text, notes))
    return sorted(articles, key=lambda a: a.doc_id)


def load_roles(output_dir: Path) -> list[dict[str, Any]]:
    """The merged roles of roles.json (empty when the run wrote none)."""
    path = output_dir / "roles.json"
    if not path.is_file():
        return []
    data = read_json(path)
    roles = data.get("roles") if isinstance(data, dict) else None
    return [r for r in roles or [] if isinstance(r, dict) and r.get("role_id")]


@dataclass(slots=True)
class GraphFile:
    """career_graph.json as the merge stage writes it: nodes by id, and edges with from/to."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)


def _node(raw: Any) -> tuple[str, dict[str, Any]] | None:
    if isinstance(raw, str):
        return raw, {"id": raw}
    if isinstance(raw, dict):
        node_id = raw.get("id") or raw.get("role_id")
        return (node_id, raw) if isinstance(node_id, str) else None
    return None


def is_edge(raw: Any) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get("from"), str) and isinstance(raw.get("to"), str)


def load_graph(output_dir: Path) -> GraphFile | None:
    """career_graph.json when the run wrote one ({nodes: [{id, names, ...}], edges: [{from, to, ...}]})."""
    path = output_dir / "career_graph.json"
    if not path.is_file():
        return None
    data = read_json(path)
    if not isinstance(data, dict):
        return None
    nodes = dict(n for n in map(_node, data.get("nodes") or []) if n)
    return GraphFile(nodes, [e for e in data.get("edges") or [] if is_edge(e)])
