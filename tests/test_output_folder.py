"""The output folder (issue 16 items 1 and 8): a run removes only what runs wrote, refuses an --out it
cannot use before touching anything, and ends an operational failure with one line and exit 2."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from output_tree import output_tree

import extract.parallel as parallel
from extract.ledger import RunLedger
from extract.outdir import LOCK_NAME, MARKER_NAME, STATE_DIRNAME, OutputFolder
from extract.pipeline import run_paths
from extract.task import RunOptions

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw").glob("*.txt"))[:3]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FOREIGN = {
    ".cache/pip/http/abc": b"a pip cache entry\n",
    ".cache/results.sqlite": b"an older layout's cache, or anybody's file of that name\n",
    "documents/from_elsewhere.json": b'{"doc_id": "from_elsewhere"}\n',
    "documents/.x.json.k3j4h5.tmp": b"a temp file\n",
    ".manifest.json.abcdef.tmp": b"another temp file\n",
    "README.txt": b"my notes\n",
}


def corpus(folder: Path, articles: list[Path] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in articles:
        shutil.copy(path, folder / path.name)
    return folder


def put(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(paths: list[Path], out: Path, **extra: object) -> int:
    return run_paths([str(p) for p in paths], RunOptions(out=out, quiet=True, **extra))


# --- item 1: only what runs wrote is removed ----------------------------------------------


def test_files_the_run_did_not_write_survive_it_and_its_rerun(tmp_path: Path) -> None:
    out = tmp_path / "out"
    put(out, FOREIGN)
    source = corpus(tmp_path / "in")
    assert run([source], out) == 0
    (source / ARTICLES[0].name).unlink()  # its document is now stale: a run wrote it, so a run removes it
    assert run([source], out) == 0
    after = files_of(out)
    assert {name: after.get(name) for name in FOREIGN} == FOREIGN
    assert sorted(p.name for p in (out / "documents").iterdir()) == sorted(
        [".x.json.k3j4h5.tmp", "from_elsewhere.json", *(f"{p.stem}.json" for p in ARTICLES[1:])]
    )


def test_the_runs_state_lives_in_its_own_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run([corpus(tmp_path / "in")], out) == 0
    top = sorted(p.name for p in out.iterdir())
    assert top == [STATE_DIRNAME, "career_graph.dot", "career_graph.json", "documents", "manifest.json", "roles.json"]
    state = sorted(p.name for p in (out / STATE_DIRNAME).iterdir())
    assert state == ["cache.sqlite", "documents.sqlite", MARKER_NAME, LOCK_NAME, "tmp"]
    assert list((out / STATE_DIRNAME / "tmp").iterdir()) == []


def test_a_rerun_after_a_run_that_wrote_other_documents_removes_those_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    put(out, FOREIGN)
    assert run([corpus(tmp_path / "a", ARTICLES[:2])], out) == 0
    assert run([corpus(tmp_path / "b", ARTICLES[2:])], out) == 0
    clean = tmp_path / "clean"
    assert run([tmp_path / "b"], clean) == 0
    ours = {k: v for k, v in output_tree(out).items() if k not in FOREIGN}
    assert ours == output_tree(clean)


@pytest.mark.parametrize("kind", ["file", "foreign-state"])
def test_an_out_that_cannot_be_ours_is_refused_with_one_line_and_nothing_touched(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    if kind == "file":
        out.write_bytes(b"not a folder")
    else:
        put(out, {f"{STATE_DIRNAME}/something.db": b"another tool's state"})
    source = corpus(tmp_path / "in")
    before = files_of(tmp_path)
    assert run([source], out) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: --out")
    assert files_of(tmp_path) == before


@pytest.mark.skipif(IS_ROOT, reason="root writes into any folder: os.access cannot refuse it")
def test_an_out_that_cannot_be_written_is_refused_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert run([corpus(tmp_path / "in")], locked / "out") == 2
        assert run([corpus(tmp_path / "in")], locked) == 2
    finally:
        locked.chmod(0o755)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all("not writable" in line for line in lines)
    assert list(locked.iterdir()) == []


# --- item 8: operational failures: one line, exit 2 -------------------------------------------


def test_a_second_run_on_the_same_out_refuses_while_the_first_holds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with OutputFolder(out):  # the first run, writing
        assert run([corpus(tmp_path / "in")], out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"another extract run (pid {os.getpid()}) is writing to {out}" in err
    assert not (out / "manifest.json").exists()
    assert run([tmp_path / "in"], out) == 0  # released when the first run ends


@pytest.mark.parametrize(
    ("flag", "value"),
    [("max_bytes", -1), ("max_chars", -5), ("max_seconds", -1.0), ("workers", 0)],
)
def test_an_option_out_of_range_is_one_line_and_exit_2(
    flag: str, value: float, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([corpus(tmp_path / "in")], tmp_path / "out", **{flag: value}) == 2
    err = capsys.readouterr().err
    assert err == f"error: --{flag.replace('_', '-')} must be at least {0 if flag != 'workers' else 1}, not {value}\n"
    assert not (tmp_path / "out").exists()


def test_a_full_disk_ends_the_run_with_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: OutputFolder, doc_id: str, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.out / "documents" / f"{doc_id}.json"))

    monkeypatch.setattr(OutputFolder, "write_document", full)
    assert run([corpus(tmp_path / "in")], tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write to {tmp_path / 'out'}: No space left on device") and err.count("\n") == 1


def test_a_full_temporary_folder_ends_the_run_with_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: RunLedger, entry: dict) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(RunLedger, "add_entry", full)
    assert run([corpus(tmp_path / "in")], tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err == "error: the run's temporary databases failed: database or disk is full (TMPDIR full?)\n"


def test_an_unreachable_scheduler_is_one_line_and_exit_2_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "SCHEDULER_CONNECT_SECONDS", 1)
    assert run([corpus(tmp_path / "in")], tmp_path / "out", scheduler="tcp://127.0.0.1:9") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_the_marker_says_who_wrote_the_folder(tmp_path: Path) -> None:
    assert run([corpus(tmp_path / "in")], tmp_path / "out") == 0
    marker = json.loads((tmp_path / "out" / STATE_DIRNAME / MARKER_NAME).read_text(encoding="utf-8"))
    assert marker["written_by"] == "extract"
