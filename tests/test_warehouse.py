"""Issue 17 item 3: `extract run … --format parquet` (and `jsonl`) writes flat tables with fixed,
documented columns beside the JSON: every row keyed by doc_id/role_id with its offsets, no map keyed
by values, streamed in row groups, the same bytes whatever the number of workers; DuckDB reads them
back and joins them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import extract.warehouse as warehouse
from extract.cli import app
from extract.pipeline import run_paths
from extract.task import RunOptions
from extract.warehouse import TABLES, arrow_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "raw" / "000_cbf6e64175271390.txt", ROOT / "tests" / "dev" / "raw" / "d13_developer_career_path.md"]
ROWS = [
    {"id": "web-1", "url": "https://vieclam.example.vn/1", "date": "2024-05-01",
     "html": "<h1>Kế toán tổng hợp</h1><h2>Mô tả công việc</h2><ul><li>Lập báo cáo tài chính hằng quý</li></ul>"
             "<h2>Mức lương</h2><p>Mức lương: 12 - 15 triệu/tháng</p>"},
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in SAMPLES:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "copy").mkdir()
    (folder / "copy" / SAMPLES[0].name).write_bytes(SAMPLES[0].read_bytes())  # a duplicate article
    (folder / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    assert run_paths([str(corpus)], RunOptions(out=out, quiet=True, formats=("parquet", "jsonl"))) == 0
    return out


def documents(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "documents").glob("*.json")}


def sql(out: Path, query: str) -> list[tuple]:
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{out / 'tables' / f'{table}.parquet'}')")
    return con.execute(query).fetchall()


def test_every_table_is_written_in_both_formats_with_its_documented_columns(run: Path) -> None:
    for table, columns in TABLES.items():
        parquet = pq.read_table(run / "tables" / f"{table}.parquet")
        assert parquet.schema.names == [c.name for c in columns]
        assert parquet.schema.equals(arrow_schema(table))
        lines = (run / "tables" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == parquet.to_pylist(), table


def test_no_column_is_a_map_keyed_by_values() -> None:
    def maps(t: pa.DataType) -> bool:
        if pa.types.is_map(t):
            return True
        if pa.types.is_list(t):
            return maps(t.value_type)
        return pa.types.is_struct(t) and any(maps(t.field(i).type) for i in range(t.num_fields))

    assert [f"{t}.{f.name}" for t in TABLES for f in arrow_schema(t) if maps(f.type)] == []
    assert str(arrow_schema("documents").field("languages").type) == "list<item: struct<lang: string, share: double>>"


def test_the_tables_hold_exactly_what_the_documents_hold_with_offsets_into_each_source(run: Path, corpus: Path) -> None:
    docs = documents(run)
    assert sorted(r[0] for r in sql(run, "SELECT doc_id FROM documents")) == sorted(docs)
    expected = sorted(
        (d, role["role_id"], i, item["text"], item["start"], item["end"])
        for d, doc in docs.items()
        for role in doc["roles"]
        for i, item in enumerate(role["duties"])
    )
    assert sorted(sql(run, 'SELECT doc_id, role_id, item, text, start, "end" FROM duties')) == expected
    sources = {d: doc["source"]["path"] for d, doc in docs.items()}
    for doc_id, text, start, end in sql(run, 'SELECT doc_id, text, start, "end" FROM salaries'):
        path = sources[doc_id]
        source = ROWS[0]["html"] if path.endswith("#1") else Path(path).read_text(encoding="utf-8")
        assert source[start:end].strip() == text.strip()
    counts = {t: sum(len(r[t]) for doc in docs.values() for r in doc["roles"]) for t in ("requirements", "salaries")}
    assert {t: sql(run, f"SELECT count(*) FROM {t}")[0][0] for t in counts} == counts


def test_duckdb_joins_salaries_to_roles_to_documents(run: Path) -> None:
    rows = sql(
        run,
        """
        SELECT d.doc_id, d.url, r.name, s.text, s.monthly_vnd, s.monthly_vnd_max
        FROM salaries s
        JOIN roles r USING (doc_id, role_id)
        JOIN documents d USING (doc_id)
        WHERE d.duplicate_of IS NULL AND s.currency = 'VND' AND s.doc_id = 'web-1'
        """,
    )
    assert rows == [("web-1", "https://vieclam.example.vn/1", "Kế toán tổng hợp", "12 - 15 triệu/tháng", 12_000_000, 15_000_000)]
    per_role = sql(
        run,
        """
        SELECT r.role_id, count(*) FROM salaries s JOIN roles r USING (doc_id, role_id)
        JOIN documents d USING (doc_id) WHERE d.duplicate_of IS NULL GROUP BY r.role_id ORDER BY r.role_id
        """,
    )
    assert per_role and all(n > 0 for _, n in per_role)


def test_a_duplicate_article_is_in_the_tables_and_says_what_it_repeats(run: Path) -> None:
    assert sql(run, "SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL") == [
        ("copy__000_cbf6e64175271390", "000_cbf6e64175271390")
    ]


def test_career_edges_carry_both_rungs_with_their_offsets(run: Path) -> None:
    edges = sql(run, "SELECT doc_id, from_role_id, to_role_id, from_name, from_start, from_end FROM career_edges")
    assert edges
    text = SAMPLES[1].read_text(encoding="utf-8")
    for doc_id, a, b, name, start, end in edges:
        assert doc_id == "d13_developer_career_path" and a != b
        assert text[start:end].strip() == name.strip()


def test_the_tables_are_the_same_bytes_whatever_the_number_of_workers(corpus: Path, run: Path, tmp_path: Path) -> None:
    out = tmp_path / "workers"
    assert run_paths([str(corpus)], RunOptions(out=out, quiet=True, workers=2, formats=("parquet", "jsonl"))) == 0
    names = sorted(p.name for p in (run / "tables").iterdir())
    assert names == sorted(f"{t}.{f}" for t in TABLES for f in ("parquet", "jsonl"))
    assert [n for n in names if (out / "tables" / n).read_bytes() != (run / "tables" / n).read_bytes()] == []
    meta = pq.ParquetFile(run / "tables" / "roles.parquet").metadata
    assert set(meta.metadata) == {b"ARROW:schema"}  # no timestamp, host or user: only the schema
    assert meta.created_by.startswith("parquet-cpp-arrow version ")  # the creator: pyarrow's version, no more


def test_large_tables_are_written_in_row_groups_with_the_same_rows(
    corpus: Path, run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warehouse, "ROW_GROUP_ROWS", 3)
    out = tmp_path / "small_groups"
    run_paths([str(corpus)], RunOptions(out=out, quiet=True, formats=("parquet",)))
    small, whole = pq.ParquetFile(out / "tables" / "duties.parquet"), pq.ParquetFile(run / "tables" / "duties.parquet")
    assert whole.metadata.num_rows > 6
    assert small.metadata.num_row_groups == -(-whole.metadata.num_rows // 3)
    assert {small.metadata.row_group(i).num_rows for i in range(small.metadata.num_row_groups - 1)} == {3}
    assert small.read().equals(whole.read())


def test_a_run_without_format_removes_the_tables_an_earlier_run_wrote_and_nothing_else(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "-q", "--format", "jsonl"])
    (out / "tables" / "mine.csv").write_text("someone's own file\n", encoding="utf-8")
    assert sorted(p.name for p in (out / "tables").iterdir()) == sorted([*(f"{t}.jsonl" for t in TABLES), "mine.csv"])
    CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "-q"])
    assert sorted(p.name for p in (out / "tables").iterdir()) == ["mine.csv"]


def test_an_unknown_format_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--format", "csv"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert run_paths([str(corpus)], RunOptions(out=tmp_path / "out", formats=("csv",))) == 2  # type: ignore[arg-type]


def test_the_readme_lists_every_tables_columns_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {
        m.group(1): re.findall(r"`(\w+)`", m.group(2))
        for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$", readme, re.M)
        if m.group(1) in TABLES
    }
    assert listed == {t: [c.name for c in cols] for t, cols in TABLES.items()}


def test_the_readmes_duckdb_query_runs_over_the_tables(run: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n-- duckdb\n(.*?)```", readme, re.S).group(1)  # type: ignore[union-attr]
    rows = duckdb.connect().execute(query.replace("'output/", f"'{run}/")).fetchall()
    best = sql(run, "SELECT max(monthly_vnd) FROM salaries WHERE period = 'month'")[0][0]
    assert 0 < len(rows) <= 10 and rows[0][3] == best
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), key=lambda v: -(v or 0))
    assert "copy__000_cbf6e64175271390" not in {r[5] for r in rows}  # each article once
