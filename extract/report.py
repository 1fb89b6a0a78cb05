"""What a run tells the person watching it: a progress bar on a terminal, plain lines otherwise.

Failures always go to stderr with the file named, whatever --quiet says. Off a terminal
(a log file, CI, a cluster job) a progress line is printed every tenth of the run, and at
least every PLAIN_EVERY_SECONDS, so a long run shows it is alive without flooding the log.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extract.read import printable
from extract.task import Outcome

PLAIN_EVERY_SECONDS = 30.0
PLAIN_STEPS = 10


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
    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.out = Console(highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task = None
        self._plain = False
        self._total = 0
        self._done = 0
        self._next_step = 0
        self._last_line = 0.0

    def start(self, total: int) -> None:
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
        if oc.status in ("failed", "skipped"):
            self.error(f"{oc.status}: {location}: {oc.reason}")
        elif oc.warnings and not self.quiet:
            self.error(f"warning: {location}: {'; '.join(oc.warnings)}")
        elif oc.duplicate_of:
            if not self.quiet:
                self.err.print(f"duplicate: {location} repeats {oc.duplicate_of}; counted once", markup=False)
        elif self.verbose:
            counts = ", ".join(f"{k} {v}" for k, v in oc.counts.items())
            self.err.print(f"ok: {location} ({counts})", markup=False)

    def _plain_progress(self) -> None:
        now = time.monotonic()
        step_due = self._total and self._done * PLAIN_STEPS >= self._next_step * self._total
        if step_due or now - self._last_line >= PLAIN_EVERY_SECONDS:
            pct = 100 * self._done // self._total if self._total else 100
            print(f"extracted {self._done}/{self._total} articles ({pct}%)", file=sys.stderr, flush=True)
            self._last_line = now
            while self._total and self._done * PLAIN_STEPS >= self._next_step * self._total:
                self._next_step += 1

    def info(self, msg: str) -> None:
        """A note for the person running the job (not an error): silent under --quiet."""
        if not self.quiet:
            self.error(msg)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def error(self, msg: str) -> None:
        if self._progress is not None:
            self._progress.console.print(msg, markup=False)
        else:
            print(msg, file=sys.stderr)

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
