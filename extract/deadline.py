"""A time limit on one article's task: past it, the task is interrupted with `TooSlow`.

In a process's main thread (a serial run, a `--workers N` worker) the limit is a SIGALRM
timer, which also cuts a blocking read short and repeats until the block ends (Python swallows
an exception raised inside a garbage-collector callback). In any other thread (a Dask worker runs tasks
in a thread pool) a timer thread raises the exception in the task's thread
(`PyThreadState_SetAsyncExc`). Either way the exception arrives between two Python
bytecodes: a stage stuck inside one long C call is interrupted when that call returns.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TooSlow(BaseException):  # noqa: N818 - it names the outcome ("failed: too slow")
    """The article's task ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that no stage's `except Exception` takes it
    for an error of its own and carries on.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TooSlow inside the block once `seconds` have passed (no limit when None or 0)."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _async_timer(seconds):
            yield


_REPEAT = 0.1
"""Seconds between repeats of the alarm after the limit: a TooSlow raised where Python swallows
it (a garbage-collector callback prints "Exception ignored in …") is raised again."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    armed = [True]

    def too_slow(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise TooSlow
        signal.setitimer(signal.ITIMER_REAL, 0)  # a repeat that came after the block: stop the timer

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        armed[0] = False  # first, and no call: a repeat arriving from here on raises nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_timer(seconds: float) -> Iterator[None]:
    """TooSlow raised in this thread from a timer thread; never after the block has ended."""
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(TooSlow))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
        if state["fired"]:
            # Raised in the block, or about to be: a pending asynchronous exception lands at the next
            # call this thread makes, so here, while TooSlow is on its way out anyway. (Clearing it with
            # PyThreadState_SetAsyncExc(id, NULL) would leave CPython's eval breaker set for good.)
            raise TooSlow
