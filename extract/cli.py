"""The `extract` command line: run, eval, diff, review, blocks, schema.

Each command is a thin shell over a library function so that everything the CLI
does can also be done from Python; exit codes: 0 ok, 1 some articles failed or a
check did not pass, 2 usage error or a run that could not be done (one line says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extract.deadline import DEFAULT_MAX_SECONDS
from extract.pipeline import run_paths
from extract.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from extract.task import RunOptions

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Career articles (vi/en/mixed) -> validated, source-grounded JSON role records.",
)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Folders, files or fsspec URLs of articles.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    workers: Annotated[int, typer.Option(help="Local worker processes.")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="dask.distributed scheduler address, or 'local' for a LocalCluster.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    max_chars: Annotated[
        int, typer.Option(help="Skip articles with more characters of text (HTML: text, not markup).")
    ] = DEFAULT_MAX_CHARS,
    max_seconds: Annotated[
        float, typer.Option(help="Stop an article after this many seconds and record it as failed; 0: no limit.")
    ] = DEFAULT_MAX_SECONDS,
    force: Annotated[bool, typer.Option(help="Ignore the cache and rerun every article.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per article.")] = False,
) -> None:
    """Extract every article under PATHS into OUT/documents/*.json, OUT/roles.json and OUT/manifest.json."""
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
    )
    raise typer.Exit(run_paths(paths, opts))


@app.command("eval")
def eval_(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder.")],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <doc_id>.gold.json files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Exit 1 when any field's F1 is below.")] = None,
) -> None:
    """Score a run against gold files (SPEC section 5)."""
    from extract.evaluate import eval_command  # lazy: a command imports only its own stage (start-up time)

    _check_dirs(output_dir, gold_dir)
    raise typer.Exit(eval_command(output_dir, gold_dir, as_json=as_json, min_f1=min_f1))


@app.command()
def diff(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder.")],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <doc_id>.gold.json files.")],
    doc: Annotated[str | None, typer.Option(help="Only this doc_id.")] = None,
    field: Annotated[str | None, typer.Option(help="Only this field.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Missed gold items, extra predictions and near misses, per article and field; exit 1 on any difference."""
    from extract.evaluate import diff_command  # lazy: a command imports only its own stage (start-up time)

    _check_dirs(output_dir, gold_dir)
    raise typer.Exit(diff_command(output_dir, gold_dir, doc=doc, field=field, as_json=as_json))


@app.command()
def review(
    output_dir: Annotated[Path, typer.Argument(help="A run's output folder.")],
    gold: Annotated[Path | None, typer.Option(help="Gold folder, to mark misses and show scores.")] = None,
) -> None:
    """Write OUTPUT_DIR/review.html: every extracted span highlighted in its article."""
    from extract.review import review_command  # lazy: a command imports only its own stage (start-up time)

    _check_dirs(output_dir, *([gold] if gold else []))
    raise typer.Exit(review_command(output_dir, gold))


@app.command()
def blocks(path: Annotated[str, typer.Argument(help="One article file.")]) -> None:
    """Print the typed blocks of one article (for reviewers)."""
    from extract.blocks import blocks_command  # lazy: a command imports only its own stage (start-up time)

    raise typer.Exit(blocks_command(path))


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the schema files.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas generated from the pydantic models."""
    from extract.schemas import write_schemas  # lazy: a command imports only its own stage (start-up time)

    for path in write_schemas(out):
        typer.echo(str(path))


def _check_dirs(*dirs: Path) -> None:
    for d in dirs:
        if not d.is_dir():
            typer.echo(f"error: {d} is not a folder", err=True)
            raise typer.Exit(2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
