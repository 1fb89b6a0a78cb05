"""One article's task: what a worker (or the run itself) does with one input, and what it hands back.

read (a file, or a dump's row given as data) -> cache lookup -> extraction.extract_source
-> an `Outcome`: the record's JSON, its counts, its merge rows, its duplicate signature and,
when the run writes flat tables, its rows of them, so the parent only writes and stores.
The run's settings (`RunOptions`) and the worker warm-up live here too: pipeline (serial
runs), parallel (worker processes, Dask) and report (what it prints) import this module,
and it imports none of them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from datasketch import LeanMinHash

from extract.cache import cache_dir, cache_key, lookup
from extract.deadline import TooSlow, time_limit
from extract.dedupe import signature
from extract.document import SourceText
from extract.dumps import BadRow, Page, page_source
from extract.extraction import extract_source, with_page_fields
from extract.lang import warm_up
from extract.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS
from extract.merge import merge_rows
from extract.merge_store import MergeRows
from extract.models import DocumentRecord
from extract.read import Input, ReadError, doc_id_of, read_source
from extract.warehouse import Format, TableRows, table_rows
from extract.write import canonical_json

Status = Literal["ok", "skipped", "failed", "duplicate"]

WARM_UP_ARTICLES = Path(__file__).parent / "data" / "warmup"  # run through every stage by warm_stages


@dataclass(frozen=True)
class RunOptions:
    out: Path = Path("output")
    workers: int = 1
    scheduler: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    max_seconds: float = DEFAULT_MAX_SECONDS  # 0: no time limit
    force: bool = False
    quiet: bool = False  # no progress bar, no summary (the CLI's -q also sets the log level)
    verbose: bool = False  # one line per article (logged at DEBUG; the CLI's -v shows it)
    formats: tuple[Format, ...] = ()  # flat tables to write beside the JSON: "parquet", "jsonl"


@dataclass
class Outcome:
    """What one article's extraction gives back to the run (small and picklable)."""

    location: str
    doc_id: str
    status: Status
    reason: str | None = None
    sha256: str | None = None
    nbytes: int | None = None
    encoding: str | None = None
    record_json: str | None = None
    dedupe_text: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    duplicate_of: str | None = None
    cached: bool = False
    dedupe_signature: tuple[str | None, Any] | None = None  # computed by a worker instead of dedupe_text
    merge_rows: MergeRows | None = None  # what the merge needs, so the parent never re-parses the record
    warnings: tuple[str, ...] = ()  # the record's: bytes replaced while decoding, items dropped
    identity: str | None = None  # what keys its cache entry besides its bytes (`cache_identity`)
    tables: TableRows | None = None  # its rows of the flat tables, when the run writes them (extract.warehouse)


# --- one article ---------------------------------------------------------------------

Item = str | Input | Page | BadRow
"""What a task is given: a file (a location, or an Input with its doc_id), a dump's row, or a row that gives no article."""


def item_identity(item: Item) -> tuple[str, str]:
    """(location, doc_id) of a task's item, for its outcome whatever becomes of it."""
    if isinstance(item, str):
        return item, doc_id_of(item)
    return item.location, item.doc_id


def process_location(
    location: str | Input,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache_dir: str | None = None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_seconds: float | None = None,
) -> Outcome:
    """Read and extract one article file; never raises (see `process_item`)."""
    return process_item(location, max_bytes, cache_dir, max_chars=max_chars, max_seconds=max_seconds)


def process_item(
    item: Item,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache_dir: str | None = None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_seconds: float | None = None,
    tables: bool = False,
) -> Outcome:
    """Read and extract one article (a file or a dump's row); never raises: failures become an Outcome with a reason.

    With `cache_dir`, an article whose bytes, location, doc_id (and a row's url, title and
    date) and pipeline are unchanged since the run that cached it is not extracted again
    (extract.cache). Past `max_seconds` the work stops and the article is recorded as failed
    (too slow).
    """
    location, doc_id = item_identity(item)
    if isinstance(item, BadRow):
        return Outcome(location, doc_id, item.status, reason=item.reason)
    read: list[SourceText] = []  # the source once read, for a failure's manifest entry
    try:
        with time_limit(max_seconds):
            return _processed(item, max_bytes, max_chars, cache_dir, read, tables)
    except TooSlow:
        return _failed(location, doc_id, f"too slow: stopped after {max_seconds:g} s (--max-seconds)", read)


def _read(item: str | Input | Page, max_bytes: int, max_chars: int) -> SourceText:
    if isinstance(item, Page):
        return page_source(item, max_bytes=max_bytes, max_chars=max_chars)
    location, doc_id = item_identity(item)
    return read_source(location, max_bytes=max_bytes, max_chars=max_chars, doc_id=doc_id)


def cache_identity(item: str | Input | Page) -> str:
    """What besides its bytes makes an article's record: its location and doc_id (a row: its url, title, date, kind)."""
    location, doc_id = item_identity(item)
    if isinstance(item, Page):
        return json.dumps([location, doc_id, item.media, item.url, item.title, item.date])
    return f"{location}\n{doc_id}"


def _processed(
    item: str | Input | Page,
    max_bytes: int,
    max_chars: int,
    cache_dir: str | None,
    read: list[SourceText],
    tables: bool,
) -> Outcome:
    location, doc_id = item_identity(item)
    try:
        src = _read(item, max_bytes, max_chars)
    except ReadError as err:
        return Outcome(location, doc_id, err.status, reason=err.reason)
    except Exception as err:  # noqa: BLE001 - a bad file must not stop the run
        return Outcome(location, doc_id, "failed", reason=f"cannot read: {type(err).__name__}: {err}")
    read.append(src)
    identity = cache_identity(item)
    if cache_dir is not None:
        hit = _cached_outcome(location, src, cache_dir, identity, tables)
        if hit is not None:
            return hit
    try:
        record = extract_source(src)
        if isinstance(item, Page):
            record = with_page_fields(record, item, src.media)
    except Exception as err:  # noqa: BLE001
        return _failed(location, doc_id, f"extraction error: {type(err).__name__}: {err}", read)
    record_json = canonical_json(record, sort_mappings=True)
    return _ok_outcome(location, src, record, record_json, identity=identity, tables=tables)


def _failed(location: str, doc_id: str, reason: str, read: list[SourceText]) -> Outcome:
    """A failed article, with what is known of its bytes once they were read."""
    if not read:
        return Outcome(location, doc_id, "failed", reason=reason)
    src = read[0]
    return Outcome(
        location, doc_id, "failed", reason=reason, sha256=src.sha256, nbytes=src.nbytes, encoding=src.encoding
    )


def _ok_outcome(
    location: str, src: SourceText, record: DocumentRecord, record_json: str, *, tables: bool, **extra: Any
) -> Outcome:
    return Outcome(
        location,
        record.doc_id,
        "ok",
        sha256=src.sha256,
        nbytes=src.nbytes,
        encoding=src.encoding,
        record_json=record_json,
        dedupe_text=src.text,
        counts=record_counts(record),
        merge_rows=merge_rows(record),
        warnings=tuple(record.warnings),
        tables=table_rows(record) if tables else None,
        **extra,
    )


def _cached_outcome(
    location: str, src: SourceText, cache_root: str, identity: str, tables: bool
) -> Outcome | None:
    try:
        entry = lookup(cache_root, cache_key(identity, src.sha256))
    except Exception:  # noqa: BLE001 - the cache is an optimisation, never a reason to fail
        return None
    if entry is None:
        return None
    try:
        record = DocumentRecord.model_validate_json(entry.record_json)
    except ValueError:  # an entry from an older contract: extract again
        return None
    return _ok_outcome(location, src, record, entry.record_json, cached=True, identity=identity, tables=tables)


def record_counts(record: DocumentRecord) -> dict[str, int]:
    roles = record.roles
    return {
        "roles": len(roles),
        "duties": sum(len(r.duties) for r in roles),
        "requirements": sum(len(r.requirements) for r in roles),
        "salaries": sum(len(r.salaries) for r in roles),
        "career_path": sum(len(r.career_path) for r in roles),
    }


# --- the task every executor runs ---------------------------------------------------


def article_task(opts: RunOptions) -> Callable[[Item], Outcome]:
    """run_article with the run's settings bound: a picklable one-argument task."""
    lookup_in = None if opts.force else str(cache_dir(opts.out).resolve())
    return partial(
        run_article,
        max_bytes=opts.max_bytes,
        cache_dir=lookup_in,
        max_chars=opts.max_chars,
        max_seconds=opts.max_seconds,
        tables=bool(opts.formats),
    )


def run_article(
    item: Item,
    max_bytes: int,
    cache_dir: str | None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_seconds: float | None = None,
    tables: bool = False,
) -> Outcome:
    """process_item, plus the duplicate signature in place of the text.

    Hashing here rather than in the parent keeps the parent's serial share of the run
    small (what limits the speed-up) and sends a 0.6 kB MinHash back instead of the text.
    """
    outcome = process_item(
        item, max_bytes, cache_dir, max_chars=max_chars, max_seconds=max_seconds, tables=tables
    )
    if outcome.status == "ok" and outcome.dedupe_text is not None:
        with contextlib.suppress(Exception):  # the parent hashes the text instead
            outcome.dedupe_signature = dedupe_signature(outcome.dedupe_text)
            outcome.dedupe_text = None
    return outcome


def dedupe_signature(text: str) -> tuple[str | None, Any]:
    exact, minhash = signature(text)
    return exact, LeanMinHash(minhash) if minhash is not None else None


def crashed_outcome(item: Item, reason: str) -> Outcome:
    """The outcome of an article whose task could not finish (its worker died, its result was lost)."""
    location, doc_id = item_identity(item)
    return Outcome(location, doc_id, "failed", reason=reason)


# --- a worker's start ---------------------------------------------------------------


def warm_worker() -> None:
    """A worker's start: every stage loaded (`warm_stages`); Ctrl-C is the parent's job."""
    with contextlib.suppress(ValueError):  # not the main thread (a Dask worker thread)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_stages()


@functools.cache
def warm_stages() -> None:
    """Load every stage, model and lexicon now, before the first article (once per process).

    Each stage loads what it needs on first use (underthesea's POS model, lazy imports,
    compiled patterns): a second or so that every worker would otherwise pay inside its
    first task, and that would count against that article's time limit. Two small bundled
    articles (markdown and HTML, Vietnamese and English) run through every stage, so that
    cost lands here, once per process, and not in a timed run.
    """
    with contextlib.suppress(Exception):
        warm_up()
        for article in sorted(WARM_UP_ARTICLES.glob("article.*")):
            run_article(str(article), max_bytes=1_000_000, cache_dir=None)
