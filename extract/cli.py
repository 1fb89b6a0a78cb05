"""The `extract` command line: run, eval, diff, review, blocks, schema.

Each command is a thin shell over a library function so that everything the CLI
does can also be done from Python; exit codes: 0 ok, 1 some articles failed or a
check did not pass, 2 usage error or a run that could not be done (one line says why).
"""

from __future__ import annotations

from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated

import typer

from extract.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS
from extract.version import DIST_NAME

# Every command imports its library module when it runs, never here: `extract --help` and
# `import extract` stay well under 0.3 s, where the pipeline's imports (spaCy, pydantic …) take most of a second.
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Career articles (vi/en/mixed) -> validated, source-grounded JSON role records.",
)


class TableFormat(StrEnum):
    """The flat tables' file formats (extract.warehouse)."""

    parquet = "parquet"
    jsonl = "jsonl"


def _print_version(value: bool) -> None:
    if value:
        from extract.version import package_version  # lazy: importlib.metadata, only --version needs it

        typer.echo(f"extract ({DIST_NAME}) {package_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Career articles (vi/en/mixed) -> validated, source-grounded JSON role records."""


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Folders, files or fsspec URLs of articles (.txt .md .html) and dumps (.jsonl .parquet); "
            "- reads JSON Lines from standard input."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    workers: Annotated[int, typer.Option(help="Local worker processes.")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="dask.distributed scheduler address, or 'local' for a LocalCluster (needs the dask extra)."
        ),
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    max_chars: Annotated[
        int, typer.Option(help="Skip articles with more characters of text (HTML: text, not markup).")
    ] = DEFAULT_MAX_CHARS,
    max_seconds: Annotated[
        float, typer.Option(help="Stop an article after this many seconds and record it as failed; 0: no limit.")
    ] = DEFAULT_MAX_SECONDS,
    force: Annotated[bool, typer.Option(help="Ignore the cache and rerun every article.")] = False,
    table_format: Annotated[
        list[TableFormat] | None,
        typer.Option(
            "--format",
            help="Also write flat tables (documents, roles, duties, requirements, salaries, career_edges) "
            "to OUT/tables/ in this format; repeat for both.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only failed and skipped inputs (log level WARNING).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per article (log level DEBUG).")
    ] = False,
) -> None:
    """Extract every article under PATHS into OUT/documents/*.json, OUT/roles.json and OUT/manifest.json."""
    if scheduler is not None:
        _need_dask()
    from extract.pipeline import run_paths  # lazy: start-up time
    from extract.task import RunOptions  # lazy: start-up time


    opts = RunOptions(
        out=out,
        workers=workers,
        scheduler=scheduler,
        max_bytes=max_bytes,
        max_chars=max_chars,
        max_seconds=max_seconds,
        force=force,
        quiet=quiet,
        verbose=verbose,
        formats=tuple(dict.fromkeys(str(f) for f in table_format or ())),
    )
    raise typer.Exit(run_paths(paths, opts))


@app.command("eval")
def eval_(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder.")],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <doc_id>.gold.json files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when any field's F1 is below.")
    ] = None,
) -> None:
    """Score a run against gold files (SPEC section 5)."""
    from extract.evaluate import eval_command  # lazy: start-up time

    _check_dirs(output_dir, gold_dir)
    raise typer.Exit(eval_command(output_dir, gold_dir, as_json=as_json, min_f1=min_f1))


@app.command()
def diff(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder (run A).", metavar="RUN")],
    other: Annotated[
        Path,
        typer.Argument(
            help="A gold folder (*.gold.json), or a second run's output folder (run B) to compare two runs.",
            metavar="GOLD_OR_RUN",
        ),
    ],
    doc: Annotated[str | None, typer.Option(help="Only this doc_id.")] = None,
    field: Annotated[str | None, typer.Option(help="Only this field.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Against gold: missed items (with where they stand in the article), extra predictions, near misses.
    Against another run: what is only in A, only in B, or changed. Exit 1 on any difference."""
    from extract.diff import diff_command  # lazy: start-up time

    _check_dirs(output_dir, other)
    raise typer.Exit(diff_command(output_dir, other, doc=doc, field=field, as_json=as_json))


@app.command()
def review(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder.")],
    gold: Annotated[
        Path | None, typer.Option(help="Gold folder: scores, gold misses and extra predictions.")
    ] = None,
    doc: Annotated[
        list[str] | None,
        typer.Option("--doc", help="Only this doc_id (repeat for more).", show_default=False),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles (by doc_id).", min=1)] = None,
) -> None:
    """Write OUTPUT_DIR/review.html: search and filter the articles, open one to see every extracted span."""
    from extract.review import review_command  # lazy: start-up time

    _check_dirs(output_dir, *([gold] if gold else []))
    raise typer.Exit(review_command(output_dir, gold, doc_ids=doc or None, limit=limit))


@app.command()
def blocks(path: Annotated[str, typer.Argument(help="One article file.")]) -> None:
    """Print the typed blocks of one article (for reviewers)."""
    from extract.blocks import blocks_command  # lazy: start-up time

    raise typer.Exit(blocks_command(path))


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the schema files.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas generated from the pydantic models."""
    from extract.schemas import write_schemas  # lazy: start-up time

    for path in write_schemas(out):
        typer.echo(str(path))


def _need_dask() -> None:
    """--scheduler runs on Dask, an optional extra: say how to get it instead of a traceback."""
    if find_spec("distributed") is None:
        typer.echo(
            f'error: --scheduler needs Dask, which is not installed: pip install "{DIST_NAME}[dask]"',
            err=True,
        )
        raise typer.Exit(2)


def _check_dirs(*dirs: Path) -> None:
    for d in dirs:
        if not d.is_dir():
            typer.echo(f"error: {d} is not a folder", err=True)
            raise typer.Exit(2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
