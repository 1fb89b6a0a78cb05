"""Issue 17 item 2: scrapers' dumps as input. JSON Lines and Parquet files whose rows hold a page
(`html`, `markdown` or `text`; optional `url`, `title`, `date`, `id`) are read row by row, each row an
article with its doc_id from `id` or a hash of `url`; `extract run -` reads JSON Lines from stdin; the
record keeps `url` and `date`; bad rows are named failures and the run goes on."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import extract.dumps as dumps
from extract.cli import app
from extract.dumps import BadRow, Page, iter_pages, page_of_row, plain_title
from extract.ids import url_doc_id
from extract.pipeline import run_paths
from extract.read import Input, sniff_media
from extract.schemas import schema_dict
from extract.task import RunOptions

ROOT = Path(__file__).resolve().parent.parent
KE_TOAN = "<h1>Kế toán tổng hợp</h1><h2>Mô tả công việc</h2><ul><li>Lập báo cáo tài chính hằng quý</li></ul>"
NURSE = "# Registered Nurse\n\n## Duties\n\n- Administer medication to patients\n- Record vital signs\n"
SALES = "Nhân viên kinh doanh\n\nCông việc\n\n- Tìm kiếm khách hàng mới\n- Chăm sóc khách hàng\n"
ROWS = [
    {"id": "p-1", "url": "https://vieclam.example.vn/ke-toan", "date": "2024-05-01",
     "title": "<b>Kế toán</b> &amp; thuế", "html": KE_TOAN},
    {"url": "https://jobs.example.com/nurse?id=3", "markdown": NURSE},
    {"text": SALES, "title": "Nhân viên <i>kinh doanh</i>"},
]  # fmt: skip


def write_jsonl(path: Path, rows: list[object], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]


def document(out: Path, doc_id: str) -> dict:
    return json.loads((out / "documents" / f"{doc_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"id": "p-1", "html": "<p>x</p>"}, ("p-1", "html")),
        ({"id": 42, "text": "plain words"}, ("42", None)),
        ({"url": "https://a.vn/x", "markdown": "# X"}, (url_doc_id("https://a.vn/x"), "md")),
        ({"text": "plain words"}, ("dump__row7", None)),
        ({"id": "", "url": None, "text": "x"}, ("dump__row7", None)),  # empty id: as if absent
        ({"html": "  ", "text": "the text"}, ("dump__row7", None)),  # blank html: the next field is read
    ],
)
def test_a_row_becomes_a_page_with_its_doc_id_from_id_else_url_else_its_number(
    row: dict, expected: tuple[str, str | None]
) -> None:
    page = page_of_row(row, location="dump.jsonl#7", fallback_id="dump__row7")
    assert isinstance(page, Page)
    assert (page.doc_id, page.media) == expected


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ([1, 2], "not a JSON object but list"),
        ({"title": "no page"}, "no text: the row has no html, markdown or text"),
        ({"text": ""}, "no text: the row has no html, markdown or text"),
        ({"html": 12}, "'html' is not a string but int"),
        ({"text": "x", "url": {"href": "x"}}, "'url' is not a string but dict"),
        ({"text": "x", "id": True}, "'id' is not a string but bool"),
    ],
)
def test_a_row_that_gives_no_article_says_why(row: object, reason: str) -> None:
    bad = page_of_row(row, location="dump.jsonl#7", fallback_id="dump__row7")
    assert isinstance(bad, BadRow)
    assert (bad.status, bad.reason, bad.location) == ("failed", reason, "dump.jsonl#7")


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("<b>Kế toán</b> &amp; thuế", "Kế toán & thuế"),
        ("  Nurse\n  | Jobs  ", "Nurse | Jobs"),
        ("<span></span>", None),
        (None, None),
    ],
)
def test_a_rows_title_is_written_as_a_reader_sees_it_never_as_markup(title: str | None, plain: str | None) -> None:
    assert plain_title(title) == plain


@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("<!doctype html><html><body><p>x</p></body></html>", "html"),
        ("<h1>Kế toán</h1><p>Lập báo cáo</p>", "html"),
        ("  <!-- saved --> <div class='post'>x</div>", "html"),
        ("---\ntitle: Registered Nurse\n---\n\n## Duties\n", "md"),
        ("Kế toán <b>trưởng</b> lập báo cáo", "txt"),  # a tag inside prose is not a page
        ("# Registered Nurse\n\n- Record vital signs\n", "txt"),  # without front matter: read as plain text
        ("a < b and c > d", "txt"),
    ],
)
def test_an_articles_kind_is_told_from_its_content_when_no_name_says_it(text: str, media: str) -> None:
    assert sniff_media(text) == media


def test_a_jsonl_dump_gives_one_article_per_row_and_names_its_bad_rows(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "pages.jsonl", ROWS, ("{not json", "", "[1, 2]", '{"title": "x"}'))
    out = tmp_path / "out"
    assert run_paths([str(dump)], RunOptions(out=out, quiet=True)) == 1  # bad rows failed; the rest went through
    nurse_id = url_doc_id("https://jobs.example.com/nurse?id=3")
    assert [(e["path"].removeprefix(str(dump)), e["doc_id"], e["status"], e["reason"]) for e in manifest(out)] == [
        ("#1", "p-1", "ok", None),
        ("#2", nurse_id, "ok", None),
        ("#3", "pages__row3", "ok", None),
        ("#4", "pages__row4", "failed", "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ("#6", "pages__row6", "failed", "not a JSON object but list"),
        ("#7", "pages__row7", "failed", "no text: the row has no html, markdown or text"),
    ]  # fmt: skip
    first = document(out, "p-1")
    assert (first["url"], first["date"], first["title"]) == ("https://vieclam.example.vn/ke-toan", "2024-05-01", "Kế toán tổng hợp")
    assert first["source"]["path"] == f"{dump}#1"
    assert [r["role_id"] for r in first["roles"]] == ["accounting/staff"]
    duty = first["roles"][0]["duties"][0]
    assert KE_TOAN[duty["start"] : duty["end"]] == duty["text"] == "Lập báo cáo tài chính hằng quý"
    nurse = document(out, nurse_id)
    assert (nurse["url"], "date" in nurse, nurse["title"]) == ("https://jobs.example.com/nurse?id=3", False, "Registered Nurse")
    assert "url" not in document(out, "pages__row3")
    for doc_id in ("p-1", nurse_id, "pages__row3"):
        assert not list(Draft202012Validator(schema_dict("document")).iter_errors(document(out, doc_id)))


def test_a_rows_title_names_the_article_only_when_its_text_gives_none(tmp_path: Path) -> None:
    rows = [
        {"id": "given", "title": "<h1>Nhân viên</h1> <i>kế toán</i>", "text": "- Lập báo cáo tài chính hằng quý\n"},
        {"id": "own", "title": "Ignored", "html": KE_TOAN},
    ]
    out = tmp_path / "out"
    run_paths([str(write_jsonl(tmp_path / "d.jsonl", rows))], RunOptions(out=out, quiet=True))
    assert document(out, "given")["title"] == "Nhân viên kế toán"
    assert document(out, "own")["title"] == "Kế toán tổng hợp"


def test_a_parquet_dump_is_read_row_by_row_with_typed_columns(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": pa.array([101, 102, 103], pa.int64()),
            "url": ["https://a.vn/1", None, "https://a.vn/3"],
            "date": pa.array([dt.date(2024, 1, 2), None, dt.date(2024, 3, 4)], pa.date32()),
            "text": [SALES, None, NURSE],
            "crawl_meta": ["ignored", "ignored", "ignored"],
        }
    )
    pq.write_table(table, tmp_path / "pages.parquet", row_group_size=1)
    out = tmp_path / "out"
    assert run_paths([str(tmp_path / "pages.parquet")], RunOptions(out=out, quiet=True)) == 1
    assert [(e["doc_id"], e["status"]) for e in manifest(out)] == [("101", "ok"), ("102", "failed"), ("103", "ok")]
    assert (document(out, "101")["date"], document(out, "101")["url"]) == ("2024-01-02", "https://a.vn/1")


def test_a_parquet_dump_is_streamed_a_small_batch_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = 10 * dumps.PARQUET_BATCH_ROWS
    pq.write_table(pa.table({"text": [f"Kế toán số {i}" for i in range(rows)]}), tmp_path / "big.parquet")
    batches: list[int] = []
    real = pq.ParquetFile.iter_batches

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        for batch in real(self, *args, **kwargs):
            batches.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)
    pages = iter_pages(Input(str(tmp_path / "big.parquet"), "big"))
    first = next(pages)
    assert isinstance(first, Page) and first.doc_id == "big__row1"
    assert batches == [dumps.PARQUET_BATCH_ROWS]  # one batch decoded for the first row, not the file
    assert sum(1 for _ in pages) == rows - 1


def test_an_over_long_line_is_skipped_without_holding_it_and_the_next_rows_are_read(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 5000})
    dump.write_text("\n".join([big, json.dumps({"id": "next", "text": SALES})]) + "\n", encoding="utf-8")
    items = list(iter_pages(Input(str(dump), "d"), max_bytes=100))  # line limit: 800 bytes + slack
    assert [type(i).__name__ for i in items] == ["Page", "Page"]  # slack lets a 5 kB line through
    old = dumps.LINE_SLACK_BYTES
    try:
        dumps.LINE_SLACK_BYTES = 0
        items = list(iter_pages(Input(str(dump), "d"), max_bytes=100))
    finally:
        dumps.LINE_SLACK_BYTES = old
    assert [(type(i).__name__, i.doc_id) for i in items] == [("BadRow", "d__row1"), ("Page", "next")]
    assert items[0].reason == "over the size limit (line longer than 800 bytes)"


def test_a_dump_that_cannot_be_read_is_one_named_failure(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "ok.jsonl").write_text(json.dumps({"id": "fine", "text": SALES}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_paths([str(tmp_path)], RunOptions(out=out, quiet=True)) == 1
    got = {e["path"].rsplit("/", 1)[-1]: (e["doc_id"], e["status"], e["reason"].split(":")[0] if e["reason"] else None)
           for e in manifest(out)}  # fmt: skip
    assert got == {
        "broken.parquet": ("broken", "failed", "cannot read"),
        "empty.jsonl": ("empty", "skipped", "empty dump (no rows)"),
        "ok.jsonl#1": ("fine", "ok", None),
    }


def test_extract_run_dash_reads_json_lines_from_standard_input(tmp_path: Path) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS)
    done = subprocess.run(
        [sys.executable, "-m", "extract", "run", "-", "--out", str(tmp_path / "out"), "-q"],
        input=lines, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert [(e["path"], e["doc_id"]) for e in manifest(tmp_path / "out")] == [
        ("<stdin>#1", "p-1"),
        ("<stdin>#2", url_doc_id("https://jobs.example.com/nurse?id=3")),
        ("<stdin>#3", "stdin__row3"),
    ]


def test_dump_rows_give_the_same_output_with_workers(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "pages.jsonl", ROWS, ("{broken",))
    serial, workers = tmp_path / "serial", tmp_path / "workers"
    assert run_paths([str(dump)], RunOptions(out=serial, quiet=True)) == 1
    assert run_paths([str(dump)], RunOptions(out=workers, quiet=True, workers=2)) == 1
    for name in ("manifest.json", "roles.json", *(f"documents/{p.name}" for p in (serial / "documents").iterdir())):
        assert (serial / name).read_bytes() == (workers / name).read_bytes(), name


def test_a_rerun_takes_unchanged_rows_from_the_cache_and_a_changed_url_misses(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "pages.jsonl", ROWS)
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["run", str(dump), "--out", str(out)])
    assert "3 ok (0 from cache)" in first.stdout
    write_jsonl(dump, [{**ROWS[0], "url": "https://moved.example.vn/ke-toan"}, *ROWS[1:]])
    again = CliRunner().invoke(app, ["run", str(dump), "--out", str(out)])
    assert "3 ok (2 from cache)" in again.stdout
    assert document(out, "p-1")["url"] == "https://moved.example.vn/ke-toan"


def test_lone_surrogates_from_json_escapes_are_replaced_not_a_crash(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        '{"id": "s\\ud800", "url": "https://a.vn/\\udc80", "title": "T\\ud800", "text": "Nh\\u00e2n vi\\u00ean kinh doanh\\n\\n- T\\u00ecm ki\\u1ebfm kh\\u00e1ch h\\u00e0ng \\ud83d m\\u1edbi\\n"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_paths([str(dump)], RunOptions(out=out, quiet=True)) == 0
    (entry,) = manifest(out)
    record = document(out, entry["doc_id"])
    assert entry["doc_id"].startswith("s_-") and record["url"] == "https://a.vn/\ufffd"
    assert record["warnings"] == ["1 lone surrogate(s) replaced"]
