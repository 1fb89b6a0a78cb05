"""The per-article time limit (issue 16 item 2): a task past its limit is interrupted, in a process's
main thread (serial runs, --workers) and in any other thread (Dask runs tasks in threads), and
nothing is raised once the task has ended in time."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extract.deadline import TooSlow, time_limit
from extract.task import process_location


def busy(seconds: float) -> str:
    """Python work (not one long C call), so an interruption can land."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(1000))
    return "finished"


def limited(limit: float | None, work: float) -> str:
    try:
        with time_limit(limit):
            busy(work)
    except TooSlow:
        return "too slow"
    busy(0.3)  # past the limit, outside the block: nothing may arrive here
    return "finished"


@pytest.mark.parametrize(
    ("limit", "work", "expected"),
    [(0.2, 2.0, "too slow"), (2.0, 0.1, "finished"), (None, 0.3, "finished"), (0, 0.3, "finished")],
    ids=["over", "under", "no-limit", "zero-is-no-limit"],
)
@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_the_limit_interrupts_only_work_that_runs_past_it(
    limit: float | None, work: float, expected: str, where: str
) -> None:
    start = time.monotonic()
    if where == "main thread":
        got = limited(limit, work)
    else:
        with ThreadPoolExecutor(1) as pool:
            got = pool.submit(limited, limit, work).result()
    assert got == expected
    if expected == "too slow":
        assert time.monotonic() - start < work


def test_a_sleeping_main_thread_is_woken_by_the_alarm() -> None:
    start = time.monotonic()
    with pytest.raises(TooSlow), time_limit(0.2):
        time.sleep(5)
    assert time.monotonic() - start < 2


def test_an_article_past_its_limit_is_recorded_as_too_slow_with_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(
        "".join(f"Nhân viên số {i} lập báo cáo tài chính và kiểm tra chứng từ thu chi.\n" for i in range(8000)),
        encoding="utf-8",
    )
    outcome = process_location(str(path), max_seconds=0.5)
    assert (outcome.status, outcome.reason) == ("failed", "too slow: stopped after 0.5 s (--max-seconds)")
    assert outcome.sha256 is not None and outcome.nbytes == path.stat().st_size


def test_a_thread_interrupted_once_leaves_the_interpreter_at_full_speed() -> None:
    """Clearing a pending asynchronous exception left CPython's eval breaker set: every later
    function call, profiled ones most, crawled. The same steps in a fresh process must finish."""
    code = (
        "import cProfile, sys\nsys.path.insert(0, 'tests')\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "from test_deadline import limited\n"
        "with ThreadPoolExecutor(1) as pool:\n    assert pool.submit(limited, 0.2, 2.0).result() == 'too slow'\n"
        "profile = cProfile.Profile()\nprofile.enable()\nsum(sum(range(10)) for _ in range(200_000))\n"
        "profile.disable()\nprint('done')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.stdout == "done\n", done.stderr
