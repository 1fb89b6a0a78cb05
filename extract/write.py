"""Everything that touches the output folder: atomic writes and the one JSON form.

Every file is written to a temporary sibling and renamed into place, so a run killed
at any moment leaves either the old file or the new one, never half of one. Files that
grow with the run (roles.json, the career graph, the manifest) are written from pieces
(`atomic_write_chunks`): a `Streamed` object is its head with the long lists left empty
plus the lists' items, produced one at a time when `json_pieces` writes them, so neither
the text nor the objects of such a file are ever whole in memory.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring  # the C implementation: ensure_ascii=False's string form
from pathlib import Path
from typing import Any

from pydantic import BaseModel


def atomic_write_text(path: Path, text: str, *, durable: bool = True, tmp_dir: Path | None = None) -> None:
    """Write `text` to `path` via a temp file and an atomic rename.

    A killed process leaves the old file or the new one either way; `durable` also syncs
    the bytes to disk before the rename, against a machine crash. Per-article files skip it:
    every run rewrites them, and the cache treats a damaged entry as a miss. The temp file
    is made in `tmp_dir` (on the same file system: a run's own folder, which it may clear)
    or else beside `path`.
    """
    atomic_write_chunks(path, (text,), durable=durable, tmp_dir=tmp_dir)


def atomic_write_chunks(
    path: Path, chunks: Iterable[str], *, durable: bool = True, tmp_dir: Path | None = None
) -> None:
    """Like `atomic_write_text`, for a file produced piece by piece (never whole in memory)."""
    folder = path.parent if tmp_dir is None else tmp_dir
    prefix = f".{path.name}." if tmp_dir is None else ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except FileNotFoundError:  # first file of its folder (mkdir on every call costs a directory lock)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        try:
            os.replace(tmp, path)
        except FileNotFoundError:  # the first file of its folder
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def canonical_json(obj: Any, *, sort_mappings: bool = False) -> str:
    """The one JSON form used for every output file: stable, UTF-8, trailing newline (`json_text`'s options)."""
    return json_text(obj, sort_mappings=sort_mappings) + "\n"


@dataclass(frozen=True, slots=True)
class Streamed:
    """A JSON object too big to hold whole: `head` (a model or a dict) with each field named in
    `lists` set to [], and the items of those fields, read from `lists` only when written.

    An item may be a `Streamed` object itself (a role's duties, each with its own sources).
    """

    head: Any
    lists: Mapping[str, Iterable[Any]]


def json_pieces(obj: Any, *, level: int = 0, sort_mappings: bool = False) -> Iterator[str]:
    """`json_text` of `obj` made whole, in pieces: a `Streamed` object's lists one item at a time.

    The head is written with its lists empty, then each `"<key>": []` is replaced by the items.
    The marker cannot occur elsewhere: only the object's own fields stand at its indent plus
    one, and JSON escapes the quotes and new lines inside strings.
    """
    if not isinstance(obj, Streamed):
        yield json_text(obj, level=level, sort_mappings=sort_mappings)
        return
    nl = "\n" + "  " * level
    text = json_text(obj.head, level=level, sort_mappings=sort_mappings)
    markers = {key: f"{nl}  {encode_basestring(key)}: []" for key in obj.lists}
    for key in sorted(obj.lists, key=lambda k: text.index(markers[k])):  # in the order the head writes them
        before, text = text.split(markers[key], 1)
        yield before
        first = True
        for item in obj.lists[key]:
            sep = (f"{nl}  {encode_basestring(key)}: [" if first else ",") + nl + "    "
            if isinstance(item, Streamed):
                yield sep
                yield from json_pieces(item, level=level + 2, sort_mappings=sort_mappings)
            else:
                yield sep + json_text(item, level=level + 2, sort_mappings=sort_mappings)
            first = False
        yield markers[key] if first else nl + "  ]"
    yield text


def json_text(obj: Any, *, level: int = 0, sort_mappings: bool = False) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)`, byte for byte, only faster.

    With `indent`, the standard library falls back to its pure-Python encoder, a generator
    per container: writing roles.json was the serial tail of every run. This one appends to
    one list and leaves strings to the C escaper. It also writes pydantic models field by
    field (by alias; a field in the model's WRITTEN_WHEN_SET only when it is not None), enums
    by value and sets sorted; `sort_mappings` sorts mapping keys (as
    `str`); `level` indents the text as if it stood that many levels deep (first line excepted).
    """
    parts: list[str] = []
    _encode(obj, "\n" + "  " * level, parts.append, sort_mappings)
    return "".join(parts)


def _encode(obj: Any, nl: str, put: Callable[[str], Any], sort: bool) -> None:
    kind = type(obj)
    if kind is str:
        put(encode_basestring(obj))
    elif obj is None:
        put("null")
    elif obj is True:
        put("true")
    elif obj is False:
        put("false")
    elif kind is int:
        put(int.__repr__(obj))
    elif kind is float:
        put(_float(obj))
    elif kind is list or kind is tuple:
        _encode_list(obj, nl, put, sort)
    elif kind is dict:
        _encode_pairs(_dict_pairs(obj, sort), nl, put, sort)
    elif isinstance(obj, BaseModel):
        optional = _written_when_set(kind)
        fields = kind.model_fields.items()
        if optional:
            pairs: Iterable[tuple[str, Any]] = (
                (f.alias or name, value)
                for name, f in fields
                if (value := getattr(obj, name)) is not None or name not in optional
            )
        else:
            pairs = ((f.alias or name, getattr(obj, name)) for name, f in fields)
        _encode_pairs(pairs, nl, put, sort)
    elif isinstance(obj, Enum):
        _encode(obj.value, nl, put, sort)
    elif isinstance(obj, str):
        put(encode_basestring(obj))
    elif isinstance(obj, int):
        put(int.__repr__(obj))
    elif isinstance(obj, float):
        put(_float(obj))
    elif isinstance(obj, Decimal):
        put(_decimal(obj))
    elif isinstance(obj, Mapping):
        _encode_pairs(_dict_pairs(obj, sort), nl, put, sort)
    elif isinstance(obj, (list, tuple)):
        _encode_list(obj, nl, put, sort)
    elif isinstance(obj, (set, frozenset)):
        _encode_list(sorted(obj, key=_set_order), nl, put, sort)
    else:
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


_WRITTEN_WHEN_SET: dict[type, frozenset[str]] = {}


def _written_when_set(kind: type) -> frozenset[str]:
    """A model's fields written only when they hold a value (its WRITTEN_WHEN_SET), looked up once per class."""
    found = _WRITTEN_WHEN_SET.get(kind)
    if found is None:
        found = _WRITTEN_WHEN_SET[kind] = frozenset(getattr(kind, "WRITTEN_WHEN_SET", ()))
    return found


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"cannot write {value} as JSON")
    return float.__repr__(value)


def _decimal(value: Decimal) -> str:
    """An exact amount as a JSON number: the digits it holds, never an exponent."""
    if not value.is_finite():
        raise ValueError(f"cannot write {value} as JSON")
    return format(value, "f")


def _set_order(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _dict_pairs(obj: Mapping[Any, Any], sort: bool) -> Iterable[tuple[Any, Any]]:
    if sort:
        return ((str(k), obj[k]) for k in sorted(obj, key=str))
    return obj.items()


def _encode_pairs(pairs: Iterable[tuple[Any, Any]], nl: str, put: Callable[[str], Any], sort: bool) -> None:
    inner = nl + "  "
    sep = "{" + inner
    for key, value in pairs:
        put(sep)
        put(encode_basestring(key if type(key) is str else _key(key)))
        put(": ")
        _encode(value, inner, put, sort)
        sep = "," + inner
    put("{}" if sep[0] == "{" else nl + "}")


def _key(key: Any) -> str:
    """Keys as json.dumps writes them: strings as they are, numbers and constants as JSON text."""
    if isinstance(key, str):
        return key
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, float):
        return _float(key)
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _encode_list(items: Iterable[Any], nl: str, put: Callable[[str], Any], sort: bool) -> None:
    inner = nl + "  "
    sep = "[" + inner
    for value in items:
        put(sep)
        _encode(value, inner, put, sort)
        sep = "," + inner
    put("[]" if sep[0] == "[" else nl + "]")


def document_path(out: Path, doc_id: str) -> Path:
    return out / "documents" / f"{doc_id}.json"
