"""Parallel runs: results in input order, bounded work in flight, crashes contained, same bytes as serial.

The end-to-end tests run the real pipeline over the sample articles (raw/ and the dev
set) serially, on two worker processes, on `--scheduler local` and on an existing Dask
cluster by address, and compare the output folders byte for byte.
"""

from __future__ import annotations

import json
import os
import time
from functools import partial
from pathlib import Path

import pytest
from output_tree import output_tree

from extract.parallel import (
    dask_client,
    dask_map_ordered,
    local_cluster_client,
    pool_map_ordered,
    tapered_batches,
    window_size,
)
from extract.pipeline import run_paths
from extract.task import RunOptions, warm_worker

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = [str(ROOT / "raw"), str(ROOT / "tests" / "dev" / "raw")]
DEBRIS = "Back to Reference\nWatch a demo\nĐăng ký nhận tin\n"


# --- tasks for the workers (module level, so they pickle by reference) -------------------


def slow_square(n: int) -> int:
    """Later items finish first: exposes any yield-as-completed ordering bug."""
    time.sleep(0.02 * (5 - n % 5))
    return n * n


def square_or_die(n: int) -> int:
    if n == 7:
        os._exit(3)  # a crash in native code looks like this to the pool
    return n * n


def slow_first_then_seven_dies(n: int) -> int:
    """Item 0 still runs when 7 kills its worker, with 0-7 filling the buffer: 7 is the last suspect."""
    if n == 0:
        time.sleep(1.0)
    return square_or_die(n)


def square_or_raise(n: int) -> int:
    if n % 4 == 1:
        raise ValueError(f"bad item {n}")
    return n * n


def errored(n: int, reason: str) -> str:
    return f"error {n}: {reason.split(':')[0]}"


def first_waits_for_a_later_item(marker: Path, later: int, n: int) -> str:
    """Item 0 finishes only once item `later` has run (or after 20 s): is the queue held up behind it?"""
    if n == later:
        marker.write_text("ran", encoding="utf-8")
    if n == 0:
        deadline = time.monotonic() + 20
        while not marker.exists():
            if time.monotonic() > deadline:
                return "held up"
            time.sleep(0.01)
    return "ok"


# --- the process pool ------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_pool_yields_in_input_order_when_tasks_finish_out_of_order(workers: int) -> None:
    items = list(range(12))
    assert list(pool_map_ordered(slow_square, items, workers, on_error=errored)) == [n * n for n in items]


def test_pool_holds_at_most_a_buffer_of_items_ahead_of_what_it_yielded() -> None:
    pulled: list[int] = []

    def source():
        for n in range(40):
            pulled.append(n)
            yield n

    buffer = 6
    results = pool_map_ordered(slow_square, source(), 2, on_error=errored, window=3, buffer=buffer)
    for taken, _ in enumerate(results, start=1):
        assert len(pulled) <= taken + buffer
        if taken == 5:
            break
    results.close()
    assert len(pulled) <= 5 + buffer


def test_pool_a_slow_article_does_not_hold_back_the_other_worker(tmp_path: Path) -> None:
    """While the first item runs, the other worker goes on past the window (item 5 of a window of 2)."""
    fn = partial(first_waits_for_a_later_item, tmp_path / "marker", 5)
    assert list(pool_map_ordered(fn, range(8), 2, on_error=errored, window=2)) == ["ok"] * 8


def test_dead_worker_costs_only_its_own_article() -> None:
    got = list(pool_map_ordered(square_or_die, range(12), 2, on_error=errored))
    assert got[7] == "error 7: worker process died while extracting this article"
    assert [g for i, g in enumerate(got) if i != 7] == [n * n for n in range(12) if n != 7]


def test_a_worker_dying_while_more_items_wait_to_be_submitted_costs_only_its_article() -> None:
    """Issue 16 item 3: the pool breaks while the run still has items to hand out (a window of 2
    over 30 items): they go to a fresh pool, the dead worker's article is retried once, alone."""
    got = list(pool_map_ordered(square_or_die, range(30), 2, on_error=errored, window=2))
    assert got[7] == "error 7: worker process died while extracting this article"
    assert [g for i, g in enumerate(got) if i != 7] == [n * n for n in range(30) if n != 7]


def test_a_suspect_rerun_alone_is_alone_until_it_finishes_and_no_later_item_is_lost() -> None:
    """The dying item is the last of the suspects: while it is rerun, no new item may join it
    in the pool (it would be lost with it, or blamed for it)."""
    got = list(pool_map_ordered(slow_first_then_seven_dies, range(12), 2, on_error=errored, window=2, buffer=8))
    assert got[7] == "error 7: worker process died while extracting this article"
    assert [g for i, g in enumerate(got) if i != 7] == [n * n for n in range(12) if n != 7]


def test_task_exception_becomes_an_error_result_in_place() -> None:
    got = list(pool_map_ordered(square_or_raise, range(9), 2, on_error=errored))
    assert got == [f"error {n}: worker error" if n % 4 == 1 else n * n for n in range(9)]


@pytest.mark.parametrize(("workers", "expected"), [(1, 4), (2, 8), (0, 2)])
def test_window_grows_with_workers(workers: int, expected: int) -> None:
    assert window_size(workers) == expected


@pytest.mark.parametrize(
    ("count", "size", "parts", "expected"),
    [
        (0, 8, 4, []),
        (3, 8, 4, [1, 1, 1]),  # fewer than one batch: one item per task, spread over the workers
        (40, 8, 2, [8, 8, 8, 8, 4, 2, 1, 1]),  # the last 16 known: halved each time
        (100, 16, 4, [16, 16, 16, 13, 10, 8, 6, 4, 3, 2, 2, 1, 1, 1, 1]),
        (64, 8, 4, [8, 8, 8, 8, 8, 6, 5, 4, 3, 2, 1, 1, 1, 1]),
    ],
)
def test_batches_are_full_until_the_end_is_near_then_shrink(
    count: int, size: int, parts: int, expected: list[int]
) -> None:
    batches = list(tapered_batches(iter(range(count)), size, parts))
    assert [len(b) for b in batches] == expected
    assert [item for b in batches for item in b] == list(range(count))  # every item once, in order


def test_batches_read_only_a_bounded_lookahead_of_the_input() -> None:
    """An endless input still gives batches: the end is only looked for `size * parts` items ahead."""
    read: list[int] = []

    def endless():
        n = 0
        while True:
            read.append(n)
            yield n
            n += 1

    batches = tapered_batches(endless(), 8, 4)
    assert [len(next(batches)) for _ in range(3)] == [8, 8, 8]
    assert len(read) <= 3 * 8 + 8 * 4


def test_worker_warm_up_loads_the_models_articles_load_on_first_use() -> None:
    """Each worker pays for its lazy loads before its first task, not inside a timed run.

    Run in a fresh interpreter: in this one another test may already have loaded them.
    """
    import subprocess
    import sys

    probe = (
        "import sys; from extract.task import warm_worker; warm_worker(); "
        "print(sorted(m for m in ('underthesea.pipeline.pos_tag', 'underthesea.pipeline.word_tokenize', "
        "'selectolax.lexbor', 'lingua') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split() == [
        "['lingua',",
        "'selectolax.lexbor',",
        "'underthesea.pipeline.pos_tag',",
        "'underthesea.pipeline.word_tokenize']",
    ]
    warm_worker()  # and it does not raise where the models are loaded already


# --- Dask --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_address():
    """One LocalCluster for the module: starting one costs seconds."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def worker_settings() -> tuple[str | None, bool, bool]:
    import dask

    return (
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        dask.config.get("distributed.worker.profile.enabled"),
        dask.config.get("distributed.scheduler.work-stealing"),
    )


@pytest.mark.dask
def test_local_cluster_workers_run_as_a_batch_job_not_a_watched_session() -> None:
    """Our own LocalCluster's workers keep glibc's malloc trimming (Dask's nanny sets 65536) and do
    not sample their stacks for a profile view every 10 ms; its scheduler does not rebalance."""
    with local_cluster_client(1) as client:
        seen = client.run(worker_settings)
        stealing = "stealing" in client.run_on_scheduler(
            lambda dask_scheduler: list(dask_scheduler.extensions)
        )
    assert list(seen.values()) == [(None, False, False)]
    assert not stealing


def die_in_warm_up() -> None:
    os._exit(3)  # the OOM killer, say, while the models load


@pytest.mark.dask
def test_a_dask_worker_lost_during_warm_up_does_not_end_the_run() -> None:
    """Issue 16 item 3: the nanny restarts it; the tasks run on the restarted workers."""
    with local_cluster_client(2, warm=die_in_warm_up) as client:
        got = list(dask_map_ordered(client, slow_square, range(6), window=2, on_error=errored))
    assert got == [n * n for n in range(6)]


@pytest.mark.dask
def test_a_slow_task_does_not_hold_back_the_other_workers(dask_address: str, tmp_path: Path) -> None:
    """Tasks are handed out as earlier ones finish, not as they are gathered: while the first item
    runs, the other worker goes on past the window (here item 5 of a window of 2)."""
    fn = partial(first_waits_for_a_later_item, tmp_path / "marker", 5)
    with dask_client(dask_address) as client:
        got = list(dask_map_ordered(client, fn, range(8), window=2, on_error=errored))
    assert got == ["ok"] * 8


@pytest.mark.dask
@pytest.mark.parametrize("chunk", [1, 4])
def test_dask_gathers_in_input_order_with_errors_in_place(dask_address: str, chunk: int) -> None:
    """A chunk holding a failing item is retried item by item: only that item becomes an error."""
    with dask_client(dask_address) as client:
        got = list(
            dask_map_ordered(client, square_or_raise, range(10), window=3, chunk=chunk, on_error=errored)
        )
    assert got == [f"error {n}: dask task failed" if n % 4 == 1 else n * n for n in range(10)]


# --- the real pipeline: same bytes whatever runs it --------------------------------------


tree_bytes = output_tree  # cache included, by its entries


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The samples plus two re-scraped copies (debris added), so duplicate handling is compared too."""
    extra = tmp_path_factory.mktemp("copies")
    first = sorted(Path(SAMPLE_DIRS[0]).glob("*.txt"))[0]
    dev = sorted(Path(SAMPLE_DIRS[1]).glob("*.txt"))[3]
    (extra / "zz_copy_a.txt").write_text(DEBRIS + first.read_text(encoding="utf-8"), encoding="utf-8")
    (extra / "zz_copy_b.txt").write_text(dev.read_text(encoding="utf-8") + DEBRIS, encoding="utf-8")
    return [*SAMPLE_DIRS, str(extra)]


@pytest.fixture(scope="module")
def serial_output(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    assert run_paths(inputs, RunOptions(out=out, quiet=True)) == 0
    return tree_bytes(out)


def test_serial_run_writes_every_article_and_flags_the_copies(serial_output: dict[str, bytes]) -> None:
    documents = {name for name in serial_output if name.startswith("documents/")}
    expected = {f"documents/{p.stem}.json" for d in SAMPLE_DIRS for p in Path(d).iterdir() if p.suffix in (".txt", ".md")}
    assert documents == expected | {"documents/zz_copy_a.json", "documents/zz_copy_b.json"}
    assert {"roles.json", "manifest.json", "career_graph.json", "career_graph.dot"} <= set(serial_output)
    manifest = json.loads(serial_output["manifest.json"])
    pairs = {
        frozenset((e["doc_id"], e["duplicate_of"]))
        for e in manifest["articles"]
        if e["status"] == "duplicate"
    }
    first, dev = sorted(Path(SAMPLE_DIRS[0]).glob("*.txt"))[0], sorted(Path(SAMPLE_DIRS[1]).glob("*.txt"))[3]
    assert pairs == {frozenset(("zz_copy_a", first.stem)), frozenset(("zz_copy_b", dev.stem))}


@pytest.mark.parametrize(
    "how",
    [
        pytest.param({"workers": 2}, id="workers-2"),
        pytest.param({"scheduler": "local"}, id="scheduler-local", marks=pytest.mark.dask),
        pytest.param({"scheduler": "address"}, id="scheduler-address", marks=pytest.mark.dask),
    ],
)
def test_parallel_output_is_byte_identical_to_serial(
    how: dict,
    inputs: list[str],
    serial_output: dict[str, bytes],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if how.get("scheduler") == "address":
        how = {"scheduler": request.getfixturevalue("dask_address")}
    assert run_paths(inputs, RunOptions(out=tmp_path, quiet=True, **how)) == 0
    got = tree_bytes(tmp_path)
    assert sorted(got) == sorted(serial_output)
    assert [name for name in got if got[name] != serial_output[name]] == []
