"""Flat tables for warehouses: `extract run … --format parquet` (or `jsonl`) writes OUT/tables/.

Six tables with fixed columns (TABLES: name -> columns, each with its type and meaning),
one row per document, role, duty, requirement, salary and career edge of every document the
run wrote, each row keyed by doc_id (and role_id) and carrying its character offsets. No
column is a map keyed by values: a document's languages are a list of (lang, share) structs.

The rows of one article are made where it was extracted (`table_rows`, on the worker), and
the run's own process appends them in input order (`TableWriter`): Parquet through pyarrow,
ROW_GROUP_ROWS rows per row group, so memory stays flat over millions of articles; JSON
Lines one row per line. Row order and row-group boundaries depend on the input only, and the
writer's options are fixed (no timestamp is written; the creator is the pyarrow version), so
the same input gives the same bytes whatever the number of workers. Files are written under
OUT/.extract/tmp and renamed into place at the end of the run, like every other output.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

from extract.merge import configured_rates, ladder_edges, to_monthly_vnd
from extract.models import DocumentRecord

Format = Literal["parquet", "jsonl"]
FORMATS: tuple[Format, ...] = ("parquet", "jsonl")
TABLES_DIRNAME = "tables"
ROW_GROUP_ROWS = 50_000  # rows per Parquet row group (and per write): a few MB of memory per table
PARQUET_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
    "write_page_index": False,
}
"""ParquetWriter options, fixed so that a file's bytes depend on its rows only."""


class Column(NamedTuple):
    """One column of a flat table: its name, its Arrow type, what it holds, and whether it may be null."""

    name: str
    type: str
    meaning: str
    null: bool = False


_OFFSETS: tuple[Column, ...] = (
    Column("start", "int64", "character offset of the value's first character in the article's decoded source"),
    Column("end", "int64", "character offset just past the value's last character"),
)
TABLES: dict[str, tuple[Column, ...]] = {
    "documents": (
        Column("doc_id", "string", "the article's doc_id (documents/<doc_id>.json)"),
        Column("path", "string", "where it was read (a dump's row: the dump's path and #row)"),
        Column("url", "string", "the page's URL when the input gave one, else null", null=True),
        Column("date", "string", "the page's date when the input gave one, else null", null=True),
        Column("title", "string", "the article's title, null when it has none", null=True),
        Column("sha256", "string", "SHA-256 of the article's bytes"),
        Column("bytes", "int64", "size of the article in bytes"),
        Column("encoding", "string", "the encoding its text was decoded with"),
        Column("languages", "list<struct<lang: string, share: double>>", "share of the text in each language"),
        Column("warnings", "list<string>", "what went wrong reading or extracting it without stopping it"),
        Column("duplicate_of", "string", "doc_id of the article it repeats (its roles are not merged), else null", null=True),
    ),
    "roles": (
        Column("doc_id", "string", "the article"),
        Column("role_id", "string", "the role, <function>/<level>"),
        Column("function", "string", "the department or job, snake_case English"),
        Column("level", "string", "the role's seniority"),
        Column("name", "string", "the fullest name the article gives the role"),
        Column("mentions", "list<string>", "every other surface form seen"),
        Column("summary", "string", "the article's one-sentence definition of the role, else null", null=True),
        Column("summary_start", "int64", "offset of the summary's first character, else null", null=True),
        Column("summary_end", "int64", "offset just past the summary, else null", null=True),
    ),
    "duties": (
        Column("doc_id", "string", "the article"),
        Column("role_id", "string", "the role"),
        Column("item", "int32", "0-based position among the role's duties in the article"),
        Column("text", "string", "the duty as written"),
        *_OFFSETS,
    ),
    "requirements": (
        Column("doc_id", "string", "the article"),
        Column("role_id", "string", "the role"),
        Column("item", "int32", "0-based position among the role's requirements in the article"),
        Column("kind", "string", "education, experience, skill, knowledge, language, certification, appearance or other"),
        Column("text", "string", "the requirement as written"),
        *_OFFSETS,
        Column("min_years", "double", "fewest years of experience stated, else null", null=True),
        Column("max_years", "double", "most years of experience stated, else null", null=True),
    ),
    "salaries": (
        Column("doc_id", "string", "the article"),
        Column("role_id", "string", "the role"),
        Column("item", "int32", "0-based position among the role's salaries in the article"),
        Column("text", "string", "the figure as written"),
        *_OFFSETS,
        Column("min", "double", "lower bound in the currency's unit, else null (an open range)", null=True),
        Column("max", "double", "upper bound in the currency's unit, else null (an open range)", null=True),
        Column("currency", "string", "ISO 4217 code"),
        Column("period", "string", "month, year, hour or day"),
        Column("stat", "string", "range, average, median, minimum, low, high or maximum"),
        Column("component", "string", "total, base or bonus, else null", null=True),
        Column("region", "string", "the region the figure applies to, else null", null=True),
        Column("experience", "string", "the experience group the figure applies to, else null", null=True),
        Column("cited_source", "string", "the survey or site cited for the figure, else null", null=True),
        Column("monthly_vnd", "int64", "min as whole VND per month, else null (no bound or no exchange rate)", null=True),
        Column("monthly_vnd_max", "int64", "max as whole VND per month, else null", null=True),
    ),
    "career_edges": (
        Column("doc_id", "string", "the article"),
        Column("role_id", "string", "the role whose career ladder holds the step"),
        Column("from_role_id", "string", "the lower rung's role"),
        Column("to_role_id", "string", "the next rung's role"),
        Column("from_name", "string", "the lower rung's name as written"),
        Column("to_name", "string", "the next rung's name as written"),
        Column("from_start", "int64", "offset of the lower rung's name"),
        Column("from_end", "int64", "offset just past the lower rung's name"),
        Column("to_start", "int64", "offset of the next rung's name"),
        Column("to_end", "int64", "offset just past the next rung's name"),
        Column("min_years", "double", "fewest years the article gives for the next rung, else null", null=True),
        Column("max_years", "double", "most years the article gives for the next rung, else null", null=True),
    ),
}
"""Every table's columns, in order. Types are Arrow's (Parquet's logical types); a column not marked
`null` always holds a value (declared non-nullable in the Parquet schema)."""

TableRows = dict[str, list[tuple[Any, ...]]]
"""One article's rows, by table; each row a tuple in TABLES' column order."""


def _amount(value: int | Decimal | None) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


def table_rows(record: DocumentRecord, rates: dict[str, float] | None = None) -> TableRows:
    """One record's rows of every table; the documents row's duplicate_of is None (the run sets it)."""
    rates = configured_rates() if rates is None else rates
    src = record.source
    rows: TableRows = {name: [] for name in TABLES}
    rows["documents"].append((
        record.doc_id, src.path, record.url, record.date, record.title, src.sha256, src.bytes, src.encoding,
        [{"lang": lang, "share": share} for lang, share in sorted(record.languages.items())],
        list(record.warnings), None,
    ))  # fmt: skip
    for role in record.roles:
        d, r = record.doc_id, role.role_id
        s = role.summary
        rows["roles"].append((
            d, r, role.function, str(role.level), role.name, list(role.mentions),
            s.text if s else None, s.start if s else None, s.end if s else None,
        ))  # fmt: skip
        rows["duties"].extend((d, r, i, e.text, e.start, e.end) for i, e in enumerate(role.duties))
        rows["requirements"].extend(
            (d, r, i, str(q.kind), q.text, q.start, q.end, q.min_years, q.max_years)
            for i, q in enumerate(role.requirements)
        )
        rows["salaries"].extend(
            (
                d, r, i, p.text, p.start, p.end, _amount(p.min), _amount(p.max), p.currency, str(p.period),
                str(p.stat), None if p.component is None else str(p.component), p.region, p.experience,
                p.cited_source, to_monthly_vnd(p.min, p.currency, str(p.period), rates),
                to_monthly_vnd(p.max, p.currency, str(p.period), rates),
            )  # fmt: skip
            for i, p in enumerate(role.salaries)
        )
        rows["career_edges"].extend(
            (d, r, a.role_id, b.role_id, a.name, b.name, a.start, a.end, b.start, b.end, b.min_years, b.max_years)
            for a, b in ladder_edges(role.career_path)
        )
    return rows


def with_duplicate_of(rows: TableRows, duplicate_of: str | None) -> TableRows:
    """The rows with the documents row's duplicate_of set (known only once the run has seen earlier articles)."""
    if duplicate_of is not None:
        rows["documents"] = [(*row[:-1], duplicate_of) for row in rows["documents"]]
    return rows


def table_path(out: Path, table: str, fmt: Format) -> Path:
    return out / TABLES_DIRNAME / f"{table}.{fmt}"


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of a table, each field's meaning in its metadata ("description")."""
    import pyarrow as pa  # lazy: a quarter of a second, only --format parquet needs it

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "int32": pa.int32(),
        "double": pa.float64(),
        "list<string>": pa.list_(pa.string()),
        "list<struct<lang: string, share: double>>": pa.list_(
            pa.struct([("lang", pa.string()), ("share", pa.float64())])
        ),
    }
    return pa.schema(
        [pa.field(c.name, types[c.type], nullable=c.null, metadata={"description": c.meaning}) for c in TABLES[table]]
    )


class _ParquetTable:
    """One table's Parquet file, a row group every ROW_GROUP_ROWS rows."""

    def __init__(self, table: str, path: Path) -> None:
        import pyarrow.parquet as pq  # lazy: as in arrow_schema

        self.schema = arrow_schema(table)
        self.path = path
        self.rows: list[tuple[Any, ...]] = []
        self.writer = pq.ParquetWriter(str(path), self.schema, **PARQUET_OPTIONS)

    def add(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.rows.extend(rows)
        while len(self.rows) >= ROW_GROUP_ROWS:
            self._flush(self.rows[:ROW_GROUP_ROWS])
            del self.rows[:ROW_GROUP_ROWS]

    def _flush(self, rows: Sequence[tuple[Any, ...]]) -> None:
        import pyarrow as pa  # lazy: as in arrow_schema

        columns = list(zip(*rows, strict=True)) if rows else [() for _ in self.schema]
        arrays = [pa.array(col, type=f.type) for col, f in zip(columns, self.schema, strict=True)]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema), row_group_size=ROW_GROUP_ROWS)

    def close(self) -> None:
        if self.rows:
            self._flush(self.rows)
            self.rows = []
        self.writer.close()


class _JsonlTable:
    """One table's JSON Lines file: one compact JSON object per row."""

    def __init__(self, table: str, path: Path) -> None:
        self.names = [c.name for c in TABLES[table]]
        self.path = path
        self.fh = open(path, "w", encoding="utf-8", newline="\n")

    def add(self, rows: Iterable[tuple[Any, ...]]) -> None:
        for row in rows:
            obj = dict(zip(self.names, row, strict=True))
            self.fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")

    def close(self) -> None:
        self.fh.close()


@dataclass
class TableWriter:
    """Every table in every asked format, written under `tmp` while the run goes and put in OUT/tables/ by `commit`."""

    out: Path
    tmp: Path
    formats: Sequence[Format]

    def __post_init__(self) -> None:
        self._files: dict[tuple[str, Format], _ParquetTable | _JsonlTable] = {}
        try:
            for fmt in self.formats:
                for table in TABLES:
                    tmp = self.tmp / f"{table}.{fmt}"
                    self._files[table, fmt] = _ParquetTable(table, tmp) if fmt == "parquet" else _JsonlTable(table, tmp)
        except BaseException:
            self.discard()
            raise

    def add(self, rows: TableRows) -> None:
        for (table, _), file in self._files.items():
            file.add(rows.get(table, ()))

    def commit(self) -> None:
        """Close every file, sync it, and rename it into OUT/tables/; remove the tables of formats not written."""
        for file in self._files.values():
            file.close()
        (self.out / TABLES_DIRNAME).mkdir(parents=True, exist_ok=True)
        for (table, fmt), file in self._files.items():
            with open(file.path, "rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(file.path, 0o644)
            os.replace(file.path, table_path(self.out, table, fmt))
        self._files = {}
        remove_tables(self.out, keep=self.formats)

    def discard(self) -> None:
        for file in self._files.values():
            with contextlib.suppress(Exception):
                file.close()
            Path(file.path).unlink(missing_ok=True)
        self._files = {}


def remove_tables(out: Path, keep: Sequence[Format] = ()) -> None:
    """Remove the table files (by their fixed names) of every format not in `keep`: they describe an older run."""
    folder = out / TABLES_DIRNAME
    if not folder.is_dir():
        return
    for fmt in FORMATS:
        if fmt in keep:
            continue
        for table in TABLES:
            table_path(out, table, fmt).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty: someone else's files stay
