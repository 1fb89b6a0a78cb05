"""The run: many articles in -> files out.

find inputs (files, and dumps read row by row: extract.dumps) -> one task per article
(extract.task: read, extract, sign; serially, on worker processes or on Dask,
extract.parallel) -> in input order: document files, flat tables, cache, duplicates, merge
rows -> roles.json, the career graph, the manifest. Articles are independent until the
merge; outcomes are consumed in input order, so the output does not depend on how many
workers ran.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from extract.cache import CacheEntry, ResultCache, cache_dir, cache_key
from extract.dedupe import DuplicateFinder
from extract.dumps import count_rows, iter_pages
from extract.ledger import RunLedger
from extract.merge import RoleMerger, merge_rows
from extract.merge_store import MergeRows
from extract.models import PIPELINE_VERSION, DocumentRecord
from extract.outdir import OutputError, OutputFolder, check_out
from extract.parallel import SchedulerError, dask_client, dask_outcomes, process_outcomes
from extract.read import InputList, find_inputs, printable
from extract.report import Reporter, RunSummary, log_level, run_logging
from extract.task import Item, Outcome, RunOptions, article_task, warm_stages
from extract.warehouse import FORMATS, TableWriter, remove_tables, with_duplicate_of

# --- many articles -----------------------------------------------------------------


Outcomes = Callable[[Iterable[Item]], Iterator[Outcome]]


@contextlib.contextmanager
def executor(opts: RunOptions) -> Iterator[Outcomes]:
    """What turns locations into outcomes, in input order: this process, worker processes or Dask.

    Entered before the run writes anything, so a scheduler that cannot be reached
    (SchedulerError) leaves the output folder as it was.
    """
    if opts.scheduler:
        with dask_client(opts.scheduler, opts.workers) as client:
            yield partial(dask_outcomes, opts=opts, client=client)
    elif opts.workers > 1:
        yield partial(process_outcomes, opts=opts)
    else:
        yield partial(_serial_outcomes, task=article_task(opts))


def _serial_outcomes(items: Iterable[Item], task: Callable[[Item], Outcome]) -> Iterator[Outcome]:
    """The very task the workers run, here, after the same warm-up: every executor gives the same bytes."""
    warm_stages()
    for item in items:
        yield task(item)


def run_paths(paths: Sequence[str | os.PathLike[str]], opts: RunOptions | None = None) -> int:
    """The `extract run` job. Returns the exit code: 0 all ok, 1 some article failed, 2 the run could not
    be done (a usage error, no input that can be read, an output folder that cannot be used, a disk that is
    full, a scheduler that cannot be reached): one line on stderr says why.

    `paths` is a list of folders, files, fsspec URLs or "-" (JSON Lines on standard input); a bare
    string is refused (TypeError) rather than read as a list of one-character paths.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(f"run_paths takes a list of paths, not one path: run_paths([{paths!r}], …)")
    opts = replace(opts or RunOptions(), out=Path((opts or RunOptions()).out))  # library callers may pass a str
    with run_logging(log_level(quiet=opts.quiet, verbose=opts.verbose)):
        return _run(list(map(os.fspath, paths)), opts)


def _run(paths: list[str], opts: RunOptions) -> int:
    reporter = Reporter(quiet=opts.quiet, verbose=opts.verbose)
    try:
        check_options(opts)
        check_out(opts.out)
        locations = find_inputs(paths, exclude=opts.out)
    except (OutputError, FileNotFoundError, ValueError) as err:
        reporter.error(f"error: {err}")
        return 2
    with locations:
        total = len(locations)
        if not total:
            reporter.error(f"error: no .txt, .md, .html, .jsonl or .parquet inputs under: {', '.join(paths)}")
            return 2
        if len(locations.problems) == total:  # every argument names nothing that can be read
            for path, why in locations.problems:
                reporter.error(f"error: {path}: {why}")
            return 2
        if (opts.workers > 1 or opts.scheduler) and any(
            loc.startswith(PROCESS_LOCAL_PROTOCOLS) for loc in locations
        ):
            reporter.info("memory:// inputs live in this process only: extracting them here, without workers")
            opts = replace(opts, workers=1, scheduler=None)
        try:
            with executor(opts) as outcomes_of:
                summary = write_run(
                    outcomes_of(run_items(locations, opts.max_bytes)),
                    opts.out,
                    reporter,
                    total=count_articles(locations),
                    formats=opts.formats,
                )
        except (OutputError, SchedulerError) as err:
            reporter.error(f"error: {err}")
            return 2
        except OSError as err:
            reporter.error(f"error: cannot write to {opts.out}: {_os_reason(err)}")
            return 2
        except sqlite3.Error as err:  # a scratch database under $TMPDIR (or SQLITE_TMPDIR) ran out of room
            reporter.error(f"error: the run's temporary databases failed: {err} (TMPDIR full?)")
            return 2
    reporter.summary(summary, opts.out)
    return 1 if summary.failed else 0


def run_items(locations: InputList, max_bytes: int) -> Iterator[Item]:
    """What the tasks are given, in input order: each file as an Input, each row of a dump as a Page
    (read here, one row at a time, and sent to the workers as data)."""
    for inp in locations.inputs():
        if inp.location in locations.dumps:
            yield from iter_pages(inp, max_bytes=max_bytes)
        else:
            yield inp


def count_articles(locations: InputList) -> int | None:
    """How many articles the run will see (a dump counts its rows); None when a dump's rows cannot be
    counted without reading it (standard input, a URL)."""
    total = len(locations) - len(locations.dumps)
    for loc in sorted(locations.dumps):
        rows = count_rows(loc)
        if rows is None:
            return None
        total += max(rows, 1)
    return total


def check_options(opts: RunOptions) -> None:
    """ValueError naming the first option out of range."""
    limits = {"--workers": (opts.workers, 1), "--max-bytes": (opts.max_bytes, 0),
              "--max-chars": (opts.max_chars, 0), "--max-seconds": (opts.max_seconds, 0)}  # fmt: skip
    for flag, (value, least) in limits.items():
        if value < least:
            raise ValueError(f"{flag} must be at least {least}, not {value}")
    _check_formats(opts.formats)


def _check_formats(formats: Sequence[str]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {', '.join(map(str, unknown))}")


def _os_reason(err: OSError) -> str:
    where = f" ({err.filename})" if err.filename else ""
    return f"{err.strerror or err}{where}"


PROCESS_LOCAL_PROTOCOLS = ("memory://",)
# Errors writing one article's document that are that article's (its name), not the disk's.
ARTICLE_WRITE_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL})


def write_run(
    outcomes: Iterable[Outcome],
    out: Path,
    reporter: Reporter,
    total: int | None,
    *,
    store_cache: bool = True,
    formats: Sequence[str] = (),
) -> RunSummary:
    """Consume outcomes in order: write each document (and its rows of the flat tables in `formats`),
    feed the merger, then roles, graph, manifest.

    Memory stays flat: what the end of the run needs about every article (merge rows,
    duplicate signatures, manifest entries, claimed doc_ids) goes to temporary SQLite
    databases (RoleMerger, DuplicateFinder, RunLedger), never to lists.

    Crash safety: every file is replaced atomically, and everything that depends on the
    whole run (stale documents, roles, graph, manifest, the cache's unused entries, temp
    files of a killed run) is settled only after the last article, so a rerun of a killed
    run ends with exactly the files a clean run writes. Only what runs wrote is removed
    (extract.outdir). OSError and OutputError end the run (the caller exits 2).
    """
    _check_formats(formats)
    summary = RunSummary()
    with (
        OutputFolder(Path(out)) as folder,
        RoleMerger() as merger,
        DuplicateFinder(path="") as dupes,
        RunLedger() as ledger,
        _open_cache(folder.out, reporter, store_cache) as cache,
        _table_writer(folder, formats) as tables,
    ):
        reporter.start(total)
        try:
            for oc in outcomes:
                _take_outcome(oc, folder, merger, dupes, ledger, cache, summary)
                if tables is not None and oc.status == "ok" and oc.tables is not None:
                    tables.add(with_duplicate_of(oc.tables, oc.duplicate_of))
                reporter.article(oc)
                ledger.add_entry(_manifest_entry(oc))
                oc.dedupe_text = oc.dedupe_signature = oc.record_json = oc.merge_rows = oc.tables = None
        finally:
            reporter.stop()
        if tables is not None:
            tables.commit()
        else:
            remove_tables(folder.out)
        folder.finish(keep=ledger.doc_ids)
        summary.roles = _write_roles(folder, merger)
        folder.write_chunks("manifest.json", ledger.manifest_chunks({"pipeline_version": PIPELINE_VERSION}))
        if cache is not None:
            cache.prune()
    return summary


@contextlib.contextmanager
def _table_writer(folder: OutputFolder, formats: Sequence[str]) -> Iterator[TableWriter | None]:
    """The flat tables' writer when the run writes any (removed unfinished if the run stops)."""
    if not formats:
        yield None
        return
    writer = TableWriter(folder.out, folder.tmp, tuple(dict.fromkeys(formats)))  # type: ignore[arg-type]
    try:
        yield writer
    finally:
        writer.discard()  # after commit: nothing left to remove


@contextlib.contextmanager
def _open_cache(out: Path, reporter: Reporter, wanted: bool) -> Iterator[ResultCache | None]:
    """The run's cache, or None when it is not wanted or cannot be opened (the run goes on without it)."""
    if not wanted:
        yield None
        return
    try:
        cache = ResultCache(cache_dir(out))
    except (OSError, sqlite3.Error) as err:
        reporter.info(f"cache unavailable, every article is extracted: {err}")
        yield None
        return
    with cache:
        yield cache


def _take_outcome(
    oc: Outcome,
    folder: OutputFolder,
    merger: RoleMerger,
    dupes: DuplicateFinder,
    ledger: RunLedger,
    cache: ResultCache | None,
    summary: RunSummary,
) -> None:
    """One article's share of the run: its document file, cache entry, duplicate check, merge rows, counts."""
    summary.articles += 1
    if oc.status == "ok":
        holder = ledger.claim(oc.doc_id, oc.location)
        if holder is not None:
            oc.status, oc.reason = "failed", f"doc_id {oc.doc_id!r} already used by {printable(holder)}"
    if oc.status == "ok":
        assert oc.record_json is not None
        try:
            folder.write_document(oc.doc_id, oc.record_json)
        except OSError as err:
            if err.errno not in ARTICLE_WRITE_ERRNOS:
                raise
            oc.status, oc.reason = "failed", f"cannot write its document: {_os_reason(err)}"
    if oc.status == "skipped":
        summary.skipped += 1
    if oc.status not in ("ok", "skipped"):
        summary.failed += 1
    if oc.status != "ok":
        return
    assert oc.record_json is not None
    if cache is not None and oc.sha256:
        key = cache_key(oc.identity or oc.location, oc.sha256)
        if oc.cached:
            cache.keep(key)
        else:
            cache.put(key, CacheEntry(oc.record_json, oc.counts))
    summary.cached += oc.cached
    if oc.dedupe_signature is not None:
        oc.duplicate_of = dupes.check_signature(oc.doc_id, *oc.dedupe_signature)
    else:
        oc.duplicate_of = dupes.check(oc.doc_id, oc.dedupe_text or "")
    if oc.duplicate_of is not None:
        summary.duplicates += 1
    else:
        merger.add_rows(oc.merge_rows or _rows_of(oc.record_json))
    summary.warnings += len(oc.warnings)
    summary.ok += 1
    for k, v in oc.counts.items():
        summary.items[k] = summary.items.get(k, 0) + v


def _rows_of(record_json: str) -> MergeRows:
    """Merge rows of an outcome made without them (a caller's own executor)."""
    return merge_rows(DocumentRecord.model_validate_json(record_json))


def _write_roles(folder: OutputFolder, merger: RoleMerger) -> int:
    """roles.json, then the career graph (JSON and DOT), each streamed from the merge store."""
    folder.write_chunks("roles.json", merger.json_chunks())
    folder.write_chunks("career_graph.json", merger.graph_chunks())
    folder.write_chunks("career_graph.dot", merger.dot_chunks())
    return merger.role_count()


def _manifest_entry(oc: Outcome) -> dict:
    entry = {
        "path": printable(oc.location),
        "doc_id": printable(oc.doc_id),
        "status": "duplicate" if oc.duplicate_of else oc.status,
        "reason": oc.reason if not oc.duplicate_of else f"duplicate of {oc.duplicate_of}",
        "sha256": oc.sha256,
        "bytes": oc.nbytes,
        "encoding": oc.encoding,
        "counts": oc.counts,
    }
    if oc.duplicate_of:
        entry["duplicate_of"] = oc.duplicate_of
    if oc.warnings:
        entry["warnings"] = list(oc.warnings)
    return entry
