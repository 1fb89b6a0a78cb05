"""Runs the per-article work on local worker processes or a Dask cluster, results in input order.

Articles are independent until the merge, so each one is a task. Results are handed
back in input order, whatever finishes first, so the output files do not depend on how
many workers ran. `window` tasks run or wait on the workers; a finished one frees its place
at once, so a slow article holds back no worker, and at most `buffer` tasks (finished ones
waiting for their turn included) are held at any time: memory stays flat however many
articles there are. A worker that dies (a crash in native code, the OOM killer) costs only the
article it was working on: the pool is restarted and the articles that were in flight are
rerun one at a time in fresh workers; one that dies again is recorded as failed.

Workers look results up in the run's cache themselves (OUT/.extract, by absolute path);
workers of a remote Dask cluster that cannot see that folder simply miss and extract,
and the parent stores what they send back, so the output is the same either way.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from math import ceil
from typing import Any, TypeVar

from extract.task import Item, Outcome, RunOptions, article_task, crashed_outcome, warm_worker

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 4  # in flight per worker: enough to hide scheduling latency, small enough to stay flat
LOCAL_CLUSTER_WORKERS = 2
PARENT_CHECK_SECONDS = 0.5
DASK_CHUNK = 16  # articles per Dask task: a task costs milliseconds of scheduling, an article tens
DASK_CHUNKS_PER_THREAD = 2  # one running, one queued on each worker thread
# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, meant for workers that hold
# large arrays. An article allocates and frees many small objects; trimming that low handed
# pages back to the kernel after each one only to fault them in again (twice the system time,
# 5-10% slower). The workers of our own LocalCluster keep glibc's default, as `--workers N` does.
LOCAL_WORKER_ENVIRON: dict[str, str | None] = {"MALLOC_TRIM_THRESHOLD_": None}
# Dask's defaults serve an interactive session watched on the dashboard: each worker samples
# its own stack every 10 ms for the profile view, every server checks its event loop every
# 20 ms and reads psutil figures twice a second, the scheduler rebalances every 100 ms. A
# batch run watches none of that; idle, it cost the parent 3% of a core and each worker 2%,
# and far more while busy. Our own LocalCluster runs with them slowed or off.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,  # queued tasks go to whichever worker is free
}


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached: one line for the person running the job (exit 2)."""


SCHEDULER_CONNECT_SECONDS = 10


def window_size(workers: int) -> int:
    return max(2, TASKS_PER_WORKER * workers)


# --- local processes -----------------------------------------------------------------


def process_outcomes(locations: Iterable[Item], opts: RunOptions) -> Iterator[Outcome]:
    """`--workers N`: a pool of N spawned processes, 4N articles running or queued."""
    return pool_map_ordered(
        article_task(opts), locations, opts.workers, on_error=crashed_outcome, initializer=warm_worker
    )


def pool_map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    on_error: Callable[[T, str], R],
    window: int | None = None,
    buffer: int | None = None,
    initializer: Callable[[], None] | None = None,
) -> Iterator[R]:
    """fn over items on a process pool, yielded in input order; a task that cannot finish gives on_error.

    `window` tasks run or wait in the pool. A finished task frees its place at once, even while
    an earlier one still runs, so a long article holds back no worker; finished tasks wait to
    be yielded in order, at most `buffer` tasks in all (4 windows by default). A dead worker
    breaks the whole pool: what was in flight is rerun on a fresh pool one item at a time, and
    nothing joins an item rerun alone until it is done, so only the item that kills its worker
    is given to on_error and no item behind it is lost or blamed.
    """
    limit = window or window_size(workers)
    most = max(buffer or 4 * limit, limit)
    source = iter(items)
    suspects: deque[T] = deque()  # in flight when a worker died: rerun one at a time
    pending: deque[tuple[T, Future[R], bool]] = deque()  # (item, future, ran alone)
    running: list[Future[R]] = []
    pool = _new_pool(workers, initializer)
    try:
        while True:
            rerunning = bool(pending) and pending[0][2]  # a suspect runs alone until it is done
            if suspects or rerunning:
                if suspects and not pending:
                    item = suspects.popleft()
                    pending.append((item, _submit(pool, fn, item), True))
            else:
                running = [f for f in running if not f.done()]
                for item in _take(source, min(limit - len(running), most - len(pending))):
                    future = _submit(pool, fn, item)
                    pending.append((item, future, False))
                    running.append(future)
            if not pending:
                return
            item, future, alone = pending[0]
            if not future.done():
                wait([future, *running], return_when=FIRST_COMPLETED)
                continue
            pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                if alone:
                    yield on_error(item, "worker process died while extracting this article")
                else:
                    suspects.extendleft(reversed([item, *(it for it, _, _ in pending)]))
                pending.clear()
                running.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _new_pool(workers, initializer)
                continue
            except Exception as err:  # noqa: BLE001 - e.g. a result that cannot be pickled
                yield on_error(item, f"worker error: {type(err).__name__}: {err}")
                continue
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, fn: Callable[[T], R], item: T) -> Future[R]:
    """pool.submit, or a future that failed as the pool did: a worker may die between two submits."""
    try:
        return pool.submit(fn, item)
    except BrokenProcessPool as err:
        future: Future[R] = Future()
        future.set_exception(err)
        return future


def _new_pool(workers: int, initializer: Callable[[], None] | None) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may run threads (the progress bar, Dask) and fork copies their locks.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_pool_worker_start,
        initargs=(os.getpid(), initializer),
    )


def _pool_worker_start(parent: int, initializer: Callable[[], None] | None) -> None:
    """A pool worker leaves when its parent is gone (SIGKILL gives the parent no chance to stop it)."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="exit-with-parent").start()
    if initializer is not None:
        initializer()


def _exit_with_parent(parent: int, every: float = PARENT_CHECK_SECONDS) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _take(source: Iterator[T], n: int) -> list[T]:
    return list(islice(source, max(n, 0)))


def tapered_batches(items: Iterable[T], size: int, parts: int) -> Iterator[list[T]]:
    """Batches of `size` items that shrink near the end, so the last tasks of a run finish together.

    Equal batches leave one worker idle while another finishes the last one (half a batch of
    articles, on average). A lookahead of `size * parts` items tells when the end is near
    without counting the input; from there each batch is 1/parts of what is left.
    """
    source = iter(items)
    ahead: deque[T] = deque()
    capacity = size * parts
    while True:
        ahead.extend(_take(source, capacity - len(ahead)))
        if not ahead:
            return
        n = size if len(ahead) >= capacity else min(size, ceil(len(ahead) / parts))
        yield [ahead.popleft() for _ in range(n)]


# --- dask.distributed ---------------------------------------------------------------


def dask_outcomes(locations: Iterable[Item], opts: RunOptions, client: Any) -> Iterator[Outcome]:
    """`--scheduler ADDRESS`: tasks on the Dask cluster of `client` (`dask_client`)."""
    nthreads = sum(client.nthreads().values()) or 1
    yield from dask_map_ordered(
        client,
        article_task(opts),
        locations,
        window=DASK_CHUNKS_PER_THREAD * nthreads,
        chunk=DASK_CHUNK,
        on_error=crashed_outcome,
    )


@contextlib.contextmanager
def dask_client(scheduler: str, workers: int = 1) -> Iterator[Any]:
    """A Client on `scheduler`; "local" starts (and stops) a LocalCluster (2 workers unless more are asked for)."""
    from distributed import Client  # lazy: ~1 s to import, and only --scheduler needs it

    if scheduler != "local":
        try:
            client = Client(scheduler, timeout=SCHEDULER_CONNECT_SECONDS)
        except (OSError, ValueError, TypeError) as err:  # refused, timed out, not an address
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        with client:
            yield client
        return
    with local_cluster_client(workers if workers > 1 else LOCAL_CLUSTER_WORKERS) as client:
        yield client


@contextlib.contextmanager
def local_cluster_client(n_workers: int, warm: Callable[[], None] = warm_worker) -> Iterator[Any]:
    """A Client on a fresh LocalCluster of exactly `n_workers` processes, one thread each, warmed up by `warm`."""
    import dask  # lazy: ~1 s to import, and only --scheduler needs it
    from distributed import Client, LocalCluster  # lazy: as above

    settings = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in LOCAL_WORKER_ENVIRON.items()}
    settings.update(LOCAL_CLUSTER_CONFIG)
    with (
        dask.config.set(settings),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            # each article a lost worker costs is reported by the run itself (crashed_outcome);
            # distributed's own ERROR lines are noise on a good run, e.g. a worker's last
            # heartbeat racing the scheduler's shutdown printed a traceback after the results
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        with contextlib.suppress(Exception):  # a worker lost while warming up is restarted, cold
            client.run(warm)
        yield client


def dask_map_ordered(
    client: Any,
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    window: int,
    on_error: Callable[[T, str], R],
    chunk: int = 1,
    buffer: int | None = None,
) -> Iterator[R]:
    """fn over items as Dask tasks of up to `chunk` items, `window` of them running or queued, gathered in input order.

    A finished task frees its place at once, even while an earlier one still runs: a worker
    that got ahead keeps working instead of waiting for the slowest task to be handed back.
    Finished tasks wait to be yielded in order, at most `buffer` tasks in all (4 windows by
    default), so memory stays flat. A task that fails as a whole (its worker died, the
    connection dropped) is retried item by item, so only the item that cannot be done is given
    to on_error.
    """
    from distributed import wait as dask_wait  # lazy: as in dask_client

    batches = tapered_batches(items, chunk, window)
    limit = max(buffer or 4 * window, window)
    pending: deque[tuple[list[T], Any]] = deque()
    running: list[Any] = []
    try:
        while True:
            running = [f for f in running if not f.done()]
            while len(running) < window and len(pending) < limit and (batch := next(batches, None)):
                future = client.submit(map_chunk, fn, batch, pure=False)
                pending.append((batch, future))
                running.append(future)
            if not pending:
                return
            batch, future = pending[0]
            if not future.done():
                dask_wait(running, return_when="FIRST_COMPLETED")
                continue
            pending.popleft()
            try:
                results = future.result()
            except Exception as err:  # noqa: BLE001 - KilledWorker, lost connection, unpicklable result
                reason = f"dask task failed: {type(err).__name__}: {err}"
                results = (
                    [_alone(client, fn, item, on_error) for item in batch]
                    if len(batch) > 1
                    else [on_error(batch[0], reason)]
                )
            finally:
                future.release()
            yield from results
    finally:
        for _, future in pending:
            future.cancel()


def map_chunk(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    """One Dask task: a few articles, so the per-task overhead is shared."""
    return [fn(item) for item in batch]


def _alone(client: Any, fn: Callable[[T], R], item: T, on_error: Callable[[T, str], R]) -> R:
    future = client.submit(fn, item, pure=False)
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001
        return on_error(item, f"dask task failed: {type(err).__name__}: {err}")
    finally:
        future.release()
