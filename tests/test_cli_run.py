"""`extract run`: exit codes 0/1/2, --quiet/--verbose, failures named on stderr and in the manifest,
plain progress lines off a terminal, and fsspec inputs (memory://)."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import fsspec
import pytest
from output_tree import output_tree
from rich.console import Console
from typer.testing import CliRunner

import extract.task as task
from extract.cli import app
from extract.report import Reporter, run_logging
from extract.task import Outcome

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "ke_toan.txt": "Kế toán tổng hợp\n\nCông việc\n\n- Lập báo cáo tài chính hằng quý\n- Kiểm tra chứng từ\n",
    "nurse.md": "# Registered Nurse\n\n## Duties\n\n- Administer medication to patients\n- Record vital signs\n",
    "dev.html": "<h1>Software Engineer</h1><h2>Requirements</h2><ul><li>3+ years of Python</li></ul>",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def invoke(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["run", *args])


def manifest_of(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["doc_id"]: e for e in data["articles"]}


def test_all_ok_exits_0_with_a_summary_and_plain_progress(corpus: Path, tmp_path: Path) -> None:
    result = invoke(str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "3 articles: 3 ok" in result.stdout
    assert "extracted 3/3 articles (100%)" in result.stderr  # stderr is not a terminal here
    assert sorted(p.name for p in (tmp_path / "out" / "documents").iterdir()) == [
        "dev.json",
        "ke_toan.json",
        "nurse.json",
    ]


def test_quiet_prints_nothing_when_all_is_well(corpus: Path, tmp_path: Path) -> None:
    result = invoke(str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_verbose_names_every_article(corpus: Path, tmp_path: Path) -> None:
    result = invoke(str(corpus), "--out", str(tmp_path / "out"), "--verbose")
    assert result.exit_code == 0
    assert sorted(line.split(" (")[0] for line in result.stderr.splitlines() if line.startswith("ok: ")) == [
        f"ok: {corpus / name}" for name in sorted(ARTICLES)
    ]


@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_a_failed_article_exits_1_and_is_named_on_stderr_and_in_the_manifest(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: list[str]
) -> None:
    real = task.extract_source

    def fail_nurse(src):  # noqa: ANN001, ANN202
        if src.doc_id == "nurse":
            raise ValueError("no roles table")
        return real(src)

    monkeypatch.setattr(task, "extract_source", fail_nurse)
    missing = corpus / "missing.txt"
    result = invoke(str(corpus), str(missing), "--out", str(tmp_path / "out"), *quiet)
    assert result.exit_code == 1
    assert f"failed: {corpus / 'nurse.md'}: extraction error: ValueError: no roles table" in result.stderr
    assert f"failed: {missing}: file not found" in result.stderr
    manifest = manifest_of(tmp_path / "out")
    assert {d: e["status"] for d, e in manifest.items()} == {
        "dev": "ok",
        "ke_toan": "ok",
        "missing": "failed",
        "nurse": "failed",
    }
    assert (tmp_path / "out" / "documents" / "ke_toan.json").is_file()


def test_skipped_articles_are_reported_but_do_not_fail_the_run(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    result = invoke(str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert f"skipped: {corpus / 'empty.txt'}: empty file" in result.stderr
    assert manifest_of(tmp_path / "out")["empty"]["status"] == "skipped"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-paths"),
        pytest.param(["{missing}"], id="missing-folder"),
        pytest.param(["{empty}"], id="folder-without-articles"),
        pytest.param(["{corpus}", "--workers", "0"], id="zero-workers"),
        pytest.param(["{corpus}", "--no-such-flag"], id="unknown-option"),
    ],
)
def test_usage_errors_exit_2(args: list[str], corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    values = {"missing": str(tmp_path / "nope"), "empty": str(tmp_path / "empty"), "corpus": str(corpus)}
    result = invoke(*[a.format(**values) for a in args], "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out" / "manifest.json").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_memory_fsspec_urls_are_read(tmp_path: Path, workers: str) -> None:
    fs = fsspec.filesystem("memory")
    root = f"/cli-run-{workers}"
    for name, text in ARTICLES.items():
        fs.pipe(f"{root}/{name}", text.encode("utf-8"))
    try:
        result = invoke(f"memory://{root}", "--out", str(tmp_path / "out"), "--workers", workers)
    finally:
        fs.rm(root, recursive=True)
    assert result.exit_code == 0, result.stderr
    manifest = manifest_of(tmp_path / "out")
    assert sorted(manifest) == ["dev", "ke_toan", "nurse"]
    assert {e["path"] for e in manifest.values()} == {f"memory://{root}/{name}" for name in ARTICLES}
    record = json.loads((tmp_path / "out" / "documents" / "nurse.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == f"memory://{root}/nurse.md"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extract", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.dask
def test_cli_workers_and_local_scheduler_write_what_a_serial_cli_run_writes(
    corpus: Path, tmp_path: Path
) -> None:
    """Through `python -m extract` itself, where spawned workers must not re-run the CLI."""
    outputs = {}
    for name, extra in {
        "serial": [],
        "workers": ["--workers", "2"],
        "dask": ["--scheduler", "local"],
    }.items():
        result = run_cli(str(corpus), "--out", str(tmp_path / name), "--quiet", *extra)
        assert (result.returncode, result.stderr) == (0, ""), f"{name}: {result.stderr}"
        outputs[name] = output_tree(tmp_path / name)
    for name in ("workers", "dask"):
        assert sorted(outputs[name]) == sorted(outputs["serial"])
        assert [f for f in outputs[name] if outputs[name][f] != outputs["serial"][f]] == [], name


def test_a_terminal_gets_a_progress_bar_instead_of_log_lines() -> None:
    reporter = Reporter()
    screen = io.StringIO()
    reporter.err = Console(file=screen, force_terminal=True, width=100)
    with run_logging(logging.INFO, console=reporter.err):  # as a run does, on the bar's console
        reporter.start(2)
        reporter.article(Outcome("in/a.txt", "a", "ok"))
        reporter.article(Outcome("in/b.txt", "b", "failed", reason="extraction error: boom"))
        reporter.stop()
    shown = screen.getvalue()
    assert "extracting" in shown and "2/2" in shown
    assert "failed: in/b.txt: extraction error: boom" in shown
    assert "extracted 2/2 articles" not in shown
