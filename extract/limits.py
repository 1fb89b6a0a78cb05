"""The run's per-article limits, defined once: read.py, deadline.py, task.py and the CLI's
defaults take them from here (a constants-only module, cheap for `extract --help`)."""

DEFAULT_MAX_BYTES = 10_000_000  # a file larger than this is skipped unread
DEFAULT_MAX_CHARS = 1_000_000  # an article with more text is skipped: each character costs the stages ~100 bytes
DEFAULT_MAX_SECONDS = 60.0  # an article takes tens of milliseconds: a minute means something is wrong
