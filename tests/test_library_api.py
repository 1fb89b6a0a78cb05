"""Issue 17 item 4: the library API the README shows. extract_text (HTML told from the content),
extract_file (str, Path or bytes), extract_texts (many texts, records in order, like nlp.pipe),
__version__ and `extract --version` from one source, ReadError exported, run_paths refusing a bare
string, and logging through the `extract` logger."""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import logging
import pickle
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract
import extract.version as version
from extract.cli import app
from extract.read import ReadError

ROOT = Path(__file__).resolve().parent.parent
PAGE = "<h1>Kế toán tổng hợp</h1><h2>Mô tả công việc</h2><ul><li>Lập báo cáo tài chính hằng quý</li></ul>"
NURSE = "# Registered Nurse\n\n## Duties\n\n- Administer medication to patients\n- Record vital signs\n"
SALES = "Nhân viên kinh doanh\n\nCông việc\n\n- Tìm kiếm khách hàng mới\n- Chăm sóc khách hàng\n"
SAMPLE = ROOT / "raw" / "000_cbf6e64175271390.txt"


def summary(record: extract.DocumentRecord) -> tuple:
    return record.title, [(r.role_id, [(d.text, d.start, d.end) for d in r.duties]) for r in record.roles]


def test_extract_text_reads_html_as_html_when_no_media_is_given() -> None:
    record = extract.extract_text(PAGE)
    assert summary(record) == summary(extract.extract_text(PAGE, media="html"))
    assert record.title == "Kế toán tổng hợp"
    duty = record.roles[0].duties[0]
    assert PAGE[duty.start : duty.end] == duty.text == "Lập báo cáo tài chính hằng quý"
    assert "<h1>" in (extract.extract_text(PAGE, media="txt").title or "")  # what a caller who says txt gets


@pytest.mark.parametrize(
    "given",
    [lambda: str(SAMPLE), lambda: SAMPLE, lambda: SAMPLE.read_bytes()],
    ids=["str", "Path", "bytes"],
)
def test_extract_file_takes_a_str_a_path_or_the_files_bytes(given) -> None:  # noqa: ANN001
    record = extract.extract_file(given())
    assert summary(record) == summary(extract.extract_file(str(SAMPLE)))
    expected_id = "article" if isinstance(given(), bytes) else SAMPLE.stem
    assert record.doc_id == expected_id


def test_extract_file_tells_html_from_bytes_and_names_what_it_cannot_read(tmp_path: Path) -> None:
    assert summary(extract.extract_file(PAGE.encode("utf-8"))) == summary(extract.extract_text(PAGE))
    assert extract.extract_file(PAGE.encode(), doc_id="ke-toan").doc_id == "ke-toan"
    (tmp_path / "saved_page").write_text(PAGE, encoding="utf-8")  # no extension: kind from the content
    assert summary(extract.extract_file(tmp_path / "saved_page")) == summary(extract.extract_text(PAGE))
    with pytest.raises(extract.ReadError, match="file not found"):
        extract.extract_file(tmp_path / "gone.txt")
    with pytest.raises(extract.ReadError, match="empty file"):
        extract.extract_file(b"   ")
    with pytest.raises(ValueError, match="dump of many pages"):
        extract.extract_file(tmp_path / "pages.jsonl")


def test_extract_texts_yields_records_lazily_in_order_from_texts_and_rows() -> None:
    items = [PAGE, NURSE, {"id": "row-9", "url": "https://a.vn/x", "text": SALES}]
    records = extract.extract_texts(items)
    assert inspect.isgenerator(records)
    got = list(records)
    assert [r.doc_id for r in got] == ["text-1", "text-2", "row-9"]
    assert [summary(r) for r in got[:2]] == [summary(extract.extract_text(PAGE)), summary(extract.extract_text(NURSE))]
    assert got[2].url == "https://a.vn/x"
    md = list(extract.extract_texts([NURSE], media="md"))[0]
    assert md.title == "Registered Nurse"


def test_extract_texts_on_worker_processes_gives_the_same_records() -> None:
    items = [PAGE, NURSE, SALES, SAMPLE.read_text(encoding="utf-8")]
    serial = [r.model_dump() for r in extract.extract_texts(items)]
    assert [r.model_dump() for r in extract.extract_texts(items, workers=2)] == serial


def test_extract_texts_raises_read_error_naming_the_item_that_gives_no_article() -> None:
    records = extract.extract_texts([SALES, {"title": "no text"}, NURSE])
    assert next(records).doc_id == "text-1"
    with pytest.raises(extract.ReadError, match=r"<text:2>: no text"):
        next(records)
    with pytest.raises(TypeError, match="iterable of texts"):
        next(extract.extract_texts(SALES))


@pytest.mark.parametrize("paths", ["raw", Path("raw"), b"raw"], ids=["str", "Path", "bytes"])
def test_run_paths_refuses_a_bare_path_instead_of_reading_its_characters(paths: object, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"a list of paths, not one path"):
        extract.run_paths(paths, extract.RunOptions(out=tmp_path / "out"))  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_run_paths_takes_path_objects_and_default_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sales.txt").write_text(SALES, encoding="utf-8")
    assert extract.run_paths([tmp_path / "in"]) == 0
    assert (tmp_path / "output" / "documents" / "sales.json").is_file()


def test_read_error_is_exported_and_survives_a_worker_process() -> None:
    assert extract.ReadError is ReadError
    err = pickle.loads(pickle.dumps(ReadError("skipped", "empty file")))
    assert (err.status, err.reason, str(err)) == ("skipped", "empty file", "skipped: empty file")


def test_the_version_has_one_source_pyprojects() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert extract.__version__ == importlib.metadata.version("career-extract") == declared
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"extract (career-extract) {declared}\n")


def test_a_source_checkout_never_installed_reads_its_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    version.package_version.cache_clear()
    try:
        declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
        assert version.package_version() == declared
    finally:
        version.package_version.cache_clear()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "9.9"\n', encoding="utf-8")
    assert version.checkout_version(tmp_path / "pyproject.toml") == version.UNKNOWN_VERSION
    assert version.checkout_version(tmp_path / "missing.toml") == version.UNKNOWN_VERSION


def test_the_version_loads_none_of_the_pipelines_libraries() -> None:
    probe = (
        "import json, sys\nimport extract\nv = extract.__version__\n"
        "print(json.dumps([v, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'pydantic', 'underthesea', 'pyarrow', 'dask') or m == 'extract.pipeline')]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout) == [extract.__version__, []]


# --- logging ---------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "sales.txt").write_text(SALES, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("flags", "shown"),
    [
        (["-q"], ["skipped"]),
        ([], ["skipped", "extracted"]),
        (["-v"], ["skipped", "extracted", "ok"]),
    ],
    ids=["quiet", "default", "verbose"],
)
def test_q_and_v_set_the_log_level(flags: list[str], shown: list[str], corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), *flags])
    kinds = sorted({line.split(":")[0].split(" ")[0] for line in result.stderr.splitlines()})
    assert (result.exit_code, kinds) == (0, sorted(shown))


def test_a_library_caller_s_own_handler_gets_the_run_s_records_and_nothing_else_is_printed(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("extract")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        assert extract.run_paths([str(corpus)], extract.RunOptions(out=tmp_path / "out", quiet=True)) == 0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert sorted((r.levelname, r.getMessage().split(":")[0]) for r in records) == [
        ("DEBUG", "ok"),
        ("WARNING", "skipped"),
    ]
    assert capsys.readouterr().err == ""
