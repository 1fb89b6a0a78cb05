"""What a run tells the person watching it, through `logging` (the `extract` logger): a progress
bar on a terminal, plain lines otherwise.

Levels: ERROR an article that failed or a run that cannot be done; WARNING an input passed
over (skipped); INFO an article read with repairs (its warnings: bytes replaced …),
duplicates, notes and the plain progress lines; DEBUG one line per article. A run prints them through `LineHandler` (a rich
handler: one plain line per record, never wrapped, so logs stay greppable) at the level
-q/-v (RunOptions.quiet/verbose) choose, unless the caller put its own handler on the
`extract` logger: then that handler and its level decide. Off a terminal (a log file, CI, a cluster job) a progress line
is logged every tenth of the run, and at least every PLAIN_EVERY_SECONDS, so a long run
shows it is alive without flooding the log. The summary is the command's result: stdout.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console, ConsoleRenderable
from rich.highlighter import NullHighlighter
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from extract.read import printable
from extract.task import Outcome

PLAIN_EVERY_SECONDS = 30.0
PLAIN_STEPS = 10
LOGGER = logging.getLogger("extract")
_LEVEL_STYLES = {logging.ERROR: "red", logging.WARNING: "yellow", logging.DEBUG: "dim"}


def log_level(*, quiet: bool = False, verbose: bool = False) -> int:
    """-q: failures and skipped inputs only; -v: one line per article too."""
    return logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO


@functools.cache
def stderr_console() -> Console:
    """The one console on stderr: the progress bar and the log lines share it, so lines print above the bar."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


class LineHandler(RichHandler):
    """A rich handler that prints each record as one plain line (no time, level or path columns, never
    wrapped: a log stays greppable), coloured by level on a terminal."""

    def __init__(self, level: int = logging.NOTSET, console: Console | None = None) -> None:
        super().__init__(
            level,
            console=console or stderr_console(),
            show_time=False,
            show_level=False,
            show_path=False,
            markup=False,
            highlighter=NullHighlighter(),
            keywords=[],
        )

    def render(
        self, *, record: logging.LogRecord, traceback: object, message_renderable: ConsoleRenderable
    ) -> ConsoleRenderable:
        if isinstance(message_renderable, Text) and record.levelno in _LEVEL_STYLES:
            message_renderable.stylize(_LEVEL_STYLES[record.levelno])
        return message_renderable


@contextlib.contextmanager
def run_logging(level: int, console: Console | None = None) -> Iterator[None]:
    """A run's logging: when nobody put a handler on the `extract` logger, a LineHandler at `level` for
    the run's duration (the CLI's -q/-v, a library caller's RunOptions), else the caller's own logging."""
    if LOGGER.handlers:
        yield
        return
    handler = LineHandler(console=console)
    saved = LOGGER.level, LOGGER.propagate
    LOGGER.addHandler(handler)
    LOGGER.setLevel(level)
    LOGGER.propagate = False  # printed once, here, not again by a root handler
    try:
        yield
    finally:
        LOGGER.removeHandler(handler)
        LOGGER.setLevel(saved[0])
        LOGGER.propagate = saved[1]


@dataclass
class RunSummary:
    """The run's totals, counted as outcomes are taken and printed at the end."""

    articles: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    cached: int = 0
    roles: int = 0
    items: dict[str, int] = field(default_factory=dict)
    warnings: int = 0


class Reporter:
    """The run's progress and per-article lines; `quiet` drops the progress bar and the summary."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.err = stderr_console()
        self.out = Console(highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task = None
        self._plain = False
        self._total: int | None = 0
        self._done = 0
        self._next_step = 0
        self._last_line = 0.0

    def start(self, total: int | None) -> None:
        """`total`: how many articles the run will see, None when not known ahead (standard input)."""
        self._total, self._done = total, 0
        if self.quiet:
            return
        if not self.err.is_terminal:
            self._plain = True
            self._next_step = 1
            self._last_line = time.monotonic()
            return
        self._progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.err,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("extract", total=total)

    def article(self, oc: Outcome) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress.advance(self._task)
        elif self._plain:
            self._plain_progress()
        location = printable(oc.location)
        if oc.status == "failed":
            LOGGER.error("failed: %s: %s", location, oc.reason)
        elif oc.status == "skipped":
            LOGGER.warning("skipped: %s: %s", location, oc.reason)
        elif oc.warnings:  # read with repairs: the record is good, its warnings say what was mended
            LOGGER.info("warning: %s: %s", location, "; ".join(oc.warnings))
        elif oc.duplicate_of:
            LOGGER.info("duplicate: %s repeats %s; counted once", location, oc.duplicate_of)
        elif LOGGER.isEnabledFor(logging.DEBUG):
            counts = ", ".join(f"{k} {v}" for k, v in oc.counts.items())
            LOGGER.debug("ok: %s (%s)", location, counts)

    def _plain_progress(self) -> None:
        now = time.monotonic()
        total = self._total or 0
        step_due = total and self._done * PLAIN_STEPS >= self._next_step * total
        if step_due or now - self._last_line >= PLAIN_EVERY_SECONDS:
            if total:
                pct = min(100, 100 * self._done // total)
                LOGGER.info("extracted %d/%d articles (%d%%)", self._done, total, pct)
            else:
                LOGGER.info("extracted %d articles", self._done)
            self._last_line = now
            while total and self._done * PLAIN_STEPS >= self._next_step * total:
                self._next_step += 1

    def info(self, msg: str) -> None:
        """A note for the person running the job (not an error)."""
        LOGGER.info("%s", msg)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def error(self, msg: str) -> None:
        LOGGER.error("%s", msg)

    def summary(self, s: RunSummary, out: Path) -> None:
        if self.quiet:
            return
        items = ", ".join(f"{k} {v}" for k, v in s.items.items()) or "no items"
        self.out.print(
            f"{s.articles} articles: {s.ok} ok ({s.cached} from cache), {s.skipped} skipped, {s.failed} failed, "
            f"{s.duplicates} duplicates; "
            f"{s.roles} merged roles; {items}; {s.warnings} warnings -> {out}/",
            markup=False,
        )
