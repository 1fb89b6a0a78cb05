"""What a run tells the person watching it: a progress bar on a terminal, plain lines otherwise.

Failures always go to stderr with the file named, whatever --quiet says.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:
    from extract.pipeline import Outcome, RunSummary


class Reporter:
    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.out = Console(highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task = None

    def start(self, total: int) -> None:
        if self.quiet or not self.err.is_terminal:
            return
        self._progress = Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=self.err,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("extract", total=total)

    def article(self, oc: Outcome) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)
        if oc.status in ("failed", "skipped"):
            self.error(f"{oc.status}: {oc.location}: {oc.reason}")
        elif oc.duplicate_of:
            if not self.quiet:
                self.err.print(f"duplicate: {oc.location} repeats {oc.duplicate_of}; counted once")
        elif self.verbose:
            counts = ", ".join(f"{k} {v}" for k, v in oc.counts.items())
            self.err.print(f"ok: {oc.location} ({counts})")

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
            f"{s.articles} articles: {s.ok} ok, {s.skipped} skipped, {s.failed} failed, {s.duplicates} duplicates; "
            f"{s.roles} merged roles; {items}; {s.warnings} warnings -> {out}/",
            markup=False,
        )
