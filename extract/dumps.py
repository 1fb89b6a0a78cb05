"""Scrapers' dumps as input: JSON Lines and Parquet files whose rows each hold one page.

A row has the page as `html`, `markdown` or `text` (the first one present is read; `text`
is read as HTML or markdown when its content is, `read.sniff_media`) and may have `url`,
`title`, `date` and `id`. Its doc_id comes from `id`, else from a hash of `url`, else from
the dump's doc_id and the row's number (extract.ids); its location, in the manifest and in
the record's `source.path`, is the dump's with `#<row>` (JSON Lines: the line number). The
record keeps the row's `url` and `date`; its `title` is the page's own (an HTML page's
title or h1, markdown's front matter) and else the row's, tags and entities taken out.

Rows are read one at a time in the run's own process and handed to the workers as data
(`Page`): a JSON Lines file a line at a time (a line longer than the size limit is skipped
without being held), a Parquet file a small batch at a time (pyarrow's `iter_batches`,
only the columns named above), standard input (`extract run -`) as JSON Lines. A row that
gives no article (not JSON, not an object, no text, a field of the wrong type) becomes a
`BadRow`: a named failure in the manifest, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import IO, Any, Literal

import fsspec

from extract.document import SourceText
from extract.ids import row_doc_id, row_id_doc_id, url_doc_id
from extract.limits import DEFAULT_MAX_BYTES
from extract.read import (
    STDIN,
    Input,
    ReadError,
    dump_kind,
    is_url,
    is_utf8,
    source_from_text,
    without_surrogates,
)

CONTENT_FIELDS: tuple[tuple[str, Literal["html", "md"] | None], ...] = (
    ("html", "html"),
    ("markdown", "md"),
    ("text", None),  # its kind from its content
)
"""The fields a row may hold its page in, in the order they are looked for, with the kind each gives."""
META_FIELDS = ("url", "title", "date", "id")
PARQUET_BATCH_ROWS = 64  # rows decoded at a time: a few pages' worth of memory
LINE_SLACK_BYTES = 1 << 20  # room for a row's other fields and JSON escapes beyond the page itself
STDIN_LOCATION = "<stdin>"


@dataclass(frozen=True, slots=True)
class Page:
    """One article given as data (a dump's row, a library call) rather than as a file."""

    location: str
    doc_id: str
    text: str
    media: Literal["txt", "md", "html"] | None = None  # None: from the content
    url: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row (or a dump) that gives no article: why, for the manifest."""

    location: str
    doc_id: str
    status: Literal["skipped", "failed"]
    reason: str


def dump_location(location: str) -> str:
    """How a dump is named in row locations: standard input as "<stdin>"."""
    return STDIN_LOCATION if location == STDIN else location


def iter_pages(dump: Input, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | BadRow]:
    """Every row of one dump, in order; a dump that cannot be read is one BadRow."""
    kind = "jsonl" if dump.location == STDIN else dump_kind(dump.location)
    if not is_utf8(dump.location):
        yield BadRow(dump.location, dump.doc_id, "failed", "file name is not valid UTF-8 (rename the file)")
        return
    rows = 0
    try:
        reader = _parquet_rows(dump) if kind == "parquet" else _jsonl_rows(dump, max_bytes)
        for item in reader:
            rows += 1
            yield item
    except ReadError as err:
        yield BadRow(dump_location(dump.location), dump.doc_id, err.status, err.reason)
        return
    except (OSError, ValueError) as err:  # ArrowInvalid is a ValueError
        yield BadRow(dump_location(dump.location), dump.doc_id, "failed", f"cannot read: {type(err).__name__}: {err}")
        return
    if not rows:
        yield BadRow(dump_location(dump.location), dump.doc_id, "skipped", "empty dump (no rows)")


def count_rows(location: str) -> int | None:
    """How many rows a local dump holds (JSON Lines: lines that are not blank), for the progress bar; None when
    not known without reading it (standard input, a URL)."""
    if location == STDIN or is_url(location):
        return None
    try:
        if dump_kind(location) == "parquet":
            import pyarrow.parquet as pq  # lazy: pyarrow takes a quarter of a second, only dumps need it

            return pq.ParquetFile(location).metadata.num_rows
        with open(location, "rb") as fh:
            return sum(1 for line in fh if not line.isspace())
    except (OSError, ValueError):
        return None


# --- JSON Lines ------------------------------------------------------------------------


def _open_binary(location: str) -> IO[bytes]:
    if location == STDIN:
        return sys.stdin.buffer
    if is_url(location):
        return fsspec.open(location, "rb").open()
    try:
        return open(location, "rb")
    except FileNotFoundError:
        raise ReadError("failed", "file not found") from None


def _jsonl_rows(dump: Input, max_bytes: int) -> Iterator[Page | BadRow]:
    """Rows of a JSON Lines dump, a line at a time; blank lines are passed over (but counted)."""
    limit = 8 * max_bytes + LINE_SLACK_BYTES  # a page's bytes, as JSON escapes may write them
    fh = _open_binary(dump.location)
    try:
        number = 0
        while line := fh.readline(limit + 1):
            number += 1
            location = f"{dump_location(dump.location)}#{number}"
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := fh.readline(limit)) and not rest.endswith(b"\n"):
                    pass  # the rest of an over-long line, never held whole
                yield BadRow(location, row_doc_id(dump.doc_id, number), "skipped",
                             f"over the size limit (line longer than {limit} bytes)")  # fmt: skip
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as err:
                yield BadRow(location, row_doc_id(dump.doc_id, number), "failed", f"not JSON: {err}")
                continue
            yield page_of_row(row, location=location, fallback_id=row_doc_id(dump.doc_id, number))
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


# --- Parquet ---------------------------------------------------------------------------


def _parquet_rows(dump: Input) -> Iterator[Page | BadRow]:
    """Rows of a Parquet dump, PARQUET_BATCH_ROWS at a time, only the columns a page needs."""
    import pyarrow.parquet as pq  # lazy: pyarrow takes a quarter of a second, only dumps need it

    if is_url(dump.location):
        fs, path = fsspec.core.url_to_fs(dump.location)
        source: Any = fs.open(path, "rb")
    else:
        source = dump.location
    try:
        file = pq.ParquetFile(source)
        wanted = {name for name, _ in CONTENT_FIELDS} | set(META_FIELDS)
        columns = [name for name in file.schema_arrow.names if name in wanted]
        if not any(name in columns for name, _ in CONTENT_FIELDS):
            raise ReadError("failed", "no html, markdown or text column")
        number = 0
        for batch in file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                location = f"{dump.location}#{number}"
                yield page_of_row(row, location=location, fallback_id=row_doc_id(dump.doc_id, number))
    finally:
        if not isinstance(source, str):
            source.close()


# --- one row ---------------------------------------------------------------------------


def page_of_row(row: Any, *, location: str, fallback_id: str) -> Page | BadRow:
    """A dump's row as a Page, or a BadRow saying why it is none."""
    if not isinstance(row, dict):
        return BadRow(location, fallback_id, "failed", f"not a JSON object but {type(row).__name__}")
    meta: dict[str, str | None] = {}
    for name in META_FIELDS:
        value = row.get(name)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date, type(None))):
            return BadRow(location, fallback_id, "failed", f"{name!r} is not a string but {type(value).__name__}")
        meta[name] = _as_text(value)
    doc_id = (
        row_id_doc_id(meta["id"]) if meta["id"] else url_doc_id(meta["url"]) if meta["url"] else fallback_id
    )
    for name, media in CONTENT_FIELDS:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return BadRow(location, doc_id, "failed", f"{name!r} is not a string but {type(value).__name__}")
        if not value.strip():
            continue
        return Page(location, doc_id, value, media, url=meta["url"], title=plain_title(meta["title"]), date=meta["date"])
    return BadRow(location, doc_id, "failed", "no text: the row has no html, markdown or text")


def _as_text(value: str | int | float | dt.date | None) -> str | None:
    """A field's value as the text written to the record (a Parquet date or timestamp in ISO 8601); None when empty."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return without_surrogates(text).strip() or None


_TAG_RE = re.compile(r"<[^<>]*>")


def plain_title(title: str | None) -> str | None:
    """A row's title as a reader sees it: tags dropped, entities decoded, white space collapsed."""
    if title is None:
        return None
    text = " ".join(unescape(_TAG_RE.sub(" ", without_surrogates(title))).split())
    return text or None


def page_source(page: Page, *, max_bytes: int | None = None, max_chars: int | None = None) -> SourceText:
    """The SourceText of a page (raises ReadError as reading a file does)."""
    return source_from_text(
        page.text, doc_id=page.doc_id, path=page.location, media=page.media, max_bytes=max_bytes,
        max_chars=max_chars,
    )  # fmt: skip
