"""doc_ids: an article's name in every output, made from where it was read.

A file's doc_id is its path under the input root it was found through, without its
extension, folders joined by `__`: `raw/a/article.txt` read as `extract run raw/` is
`a__article`, and a file of a flat folder keeps its name without extension (SPEC section 1),
so `a/article.txt` and `b/article.txt` no longer collide and every `slug/index.html` of a
site mirror is kept. A row of a JSON Lines or Parquet dump takes its `id`, else a hash of its
`url`, else the dump's own doc_id and its row number.

Every doc_id is a file name (documents/<doc_id>.json, <doc_id>.gold.json): no `/`, no control
character, no leading dot, at most MAX_DOC_ID_BYTES bytes of UTF-8. A name that had to be
changed to be one, or cut to fit, ends with `-` and HASH_CHARS hex digits of the original, so
two names never fold into one doc_id by being made safe.
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import urlsplit

MAX_DOC_ID_BYTES = 200  # leaves room for ".gold.json" and a temporary file's affixes within 255 bytes
HASH_CHARS = 12
PATH_JOIN = "__"
URL_HASH_CHARS = 16

# What no doc_id holds, whatever it comes from: a path separator or a control character.
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x1f\x7f/]")
# An id from a dump row keeps word characters (any script) and a few marks; the rest becomes "_".
_UNSAFE_IN_ID = re.compile(r"[^\w.\-~@+=,]")


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def bounded(name: str, key: str, *, changed: bool = False) -> str:
    """`name` as a doc_id: hash-suffixed (of `key`) when it was `changed` to be safe or is too long."""
    if not changed and len(name.encode("utf-8", "surrogatepass")) <= MAX_DOC_ID_BYTES:
        return name
    suffix = f"-{_digest(key)[:HASH_CHARS]}"
    room = MAX_DOC_ID_BYTES - len(suffix)
    head = name.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return head + suffix


def path_doc_id(relative: str) -> str:
    """The doc_id of a file at `relative` (a "/"-separated path under its input root)."""
    parts = [p for p in relative.split("/") if p not in ("", ".")]
    if not parts:
        return bounded("input", relative, changed=True)
    parts[-1] = os.path.splitext(parts[-1])[0] or parts[-1]
    name = PATH_JOIN.join(parts)
    safe = _UNSAFE_IN_PATH.sub("_", name)
    if safe.startswith("."):
        safe = "_" + safe[1:]
    return bounded(safe, relative, changed=safe != name)


def row_id_doc_id(raw: str) -> str:
    """The doc_id of a dump row from its `id`: as given when it is a safe name, else made one."""
    text = raw.strip()
    safe = _UNSAFE_IN_ID.sub("_", text) or "_"
    if safe.startswith("."):
        safe = "_" + safe[1:]
    return bounded(safe, raw, changed=safe != raw)


def url_doc_id(url: str) -> str:
    """The doc_id of a dump row from its `url`: the host (readable) and a hash of the whole URL (unique)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        host = ""
    host = _UNSAFE_IN_ID.sub("_", host).strip("._") or "url"
    return bounded(f"{host}-{_digest(url)[:URL_HASH_CHARS]}", url)


def row_doc_id(dump_doc_id: str, row: int) -> str:
    """The doc_id of a dump row with neither `id` nor `url`: the dump's doc_id and the row's number."""
    return bounded(f"{dump_doc_id}{PATH_JOIN}row{row}", f"{dump_doc_id}\n{row}")
