"""Crash safety: a run killed with SIGKILL mid-way, then rerun, leaves exactly what a clean run leaves.

`python -m extract run` is started as a subprocess over the sample articles, killed
once some documents are written (and before the run could finish), and run again;
the output folder, cache included, must equal a clean run's byte for byte.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from output_tree import output_tree

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = [str(ROOT / "raw"), str(ROOT / "tests" / "dev" / "raw")]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "extract", "run", *SAMPLE_DIRS, "--out", str(out), "--quiet", *extra]


tree_bytes = output_tree  # cache included, by its entries


def written_documents(out: Path) -> int:
    folder = out / "documents"
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def kill_after(out: Path, documents: int, *extra: str, timeout: float = 120.0) -> list[psutil.Process]:
    """Start a run, SIGKILL it as soon as `documents` document files exist; returns its child processes."""
    proc = subprocess.Popen(
        command(out, *extra), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    children: list[psutil.Process] = []
    try:
        while written_documents(out) < documents:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no documents written in time"
            time.sleep(0.005)
        with contextlib.suppress(psutil.Error):
            children = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return children


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("clean")
    subprocess.run(command(out), cwd=ROOT, check=True)
    return tree_bytes(out)


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["serial", "workers-2"])
def test_killed_first_run_then_rerun_equals_a_clean_run(
    extra: list[str], clean_run: dict[str, bytes], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    children = kill_after(out, 3, *extra)
    assert not (out / "manifest.json").exists()
    _, alive = psutil.wait_procs(children, timeout=10)
    assert alive == [], "worker processes outlived the killed run"
    subprocess.run(command(out, *extra), cwd=ROOT, check=True)
    assert tree_bytes(out) == clean_run


def test_killed_rerun_over_an_old_output_then_rerun_equals_a_clean_run(
    clean_run: dict[str, bytes], tmp_path: Path
) -> None:
    """The second kill hits a forced rerun over a complete earlier output, mid-way through rewriting it."""
    out = tmp_path / "out"
    kill_after(out, 2)
    subprocess.run(command(out), cwd=ROOT, check=True)
    for doc in (out / "documents").glob("*.json"):
        doc.unlink()  # so the forced run's progress is visible in the folder
    kill_after(out, 5, "--force")
    subprocess.run(command(out), cwd=ROOT, check=True)
    assert tree_bytes(out) == clean_run


def test_a_worker_killed_mid_run_costs_nothing_the_run_finishes_with_every_file(tmp_path: Path) -> None:
    """Issue 16 item 3: the OOM killer takes one worker of a --workers 2 run; its articles are retried
    in a fresh worker and the run ends as a clean one does, exit code and bytes alike."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for copy in range(4):  # enough articles that the run is still going when the worker dies
        for folder in SAMPLE_DIRS:
            for path in Path(folder).iterdir():
                (corpus / f"{path.stem}_{copy}{path.suffix}").write_bytes(path.read_bytes())
    args = [sys.executable, "-m", "extract", "run", str(corpus), "--quiet", "--out"]
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*args, str(out), "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while written_documents(out) < 3:
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before a worker could be killed"
        time.sleep(0.005)
    workers = [
        p for p in psutil.Process(proc.pid).children(recursive=True) if "spawn_main" in " ".join(p.cmdline())
    ]
    assert workers, "no worker processes found"
    workers[0].send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert (proc.returncode, err) == (0, b"")
    clean = tmp_path / "clean"
    subprocess.run([*args, str(clean)], cwd=ROOT, check=True)  # the same run, serial
    assert tree_bytes(out) == tree_bytes(clean)
