"""Many texts in, records out, in order: the library's batch API (like spaCy's `nlp.pipe`).

    for record in extract.extract_texts(texts, workers=2):
        ...

Each item is a text (str) or a row as a dump holds it (a mapping with `html`, `markdown` or
`text`, and optional `url`, `title`, `date`, `id`: extract.dumps). Records come back lazily,
in input order, as each is done: a generator over millions of texts holds a bounded window
of them. With `workers` > 1 the texts are extracted on that many worker processes
(extract.parallel), which give the very records a single process gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from extract.dumps import BadRow, Page, page_of_row
from extract.extraction import extract_page
from extract.models import DocumentRecord
from extract.parallel import pool_map_ordered
from extract.read import ReadError
from extract.task import warm_worker

TextItem = str | Mapping[str, Any]


def extract_texts(
    items: Iterable[TextItem],
    *,
    media: Literal["txt", "md", "html"] | None = None,
    workers: int = 1,
    max_chars: int | None = None,
) -> Iterator[DocumentRecord]:
    """One validated record per item, in order; raises ReadError for an item that gives no article.

    A text's doc_id is "text-<n>" (n from 1); a row's comes from its `id` or `url` as in a dump.
    `media` applies to plain texts (default: told from each text's content). Offsets index
    each item's text as given.
    """
    if isinstance(items, (str, bytes)):
        raise TypeError("extract_texts takes an iterable of texts; for one text use extract_text")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    pages = (_page(item, n, media) for n, item in enumerate(items, start=1))
    task = _Task(max_chars)
    if workers == 1:
        results: Iterator[DocumentRecord | ReadError] = map(task, pages)
    else:
        results = pool_map_ordered(task, pages, workers, on_error=_crashed, initializer=warm_worker)
    for result in results:
        if isinstance(result, ReadError):
            raise result
        yield result


def _page(item: TextItem, n: int, media: Literal["txt", "md", "html"] | None) -> Page | BadRow:
    location = f"<text:{n}>"
    if isinstance(item, str):
        return Page(location, f"text-{n}", item, media)
    return page_of_row(dict(item), location=location, fallback_id=f"text-{n}")


class _Task:
    """One item's record, or the ReadError that says why it has none (picklable, for the workers)."""

    def __init__(self, max_chars: int | None) -> None:
        self.max_chars = max_chars

    def __call__(self, page: Page | BadRow) -> DocumentRecord | ReadError:
        if isinstance(page, BadRow):
            return ReadError(page.status, f"{page.location}: {page.reason}")
        try:
            return extract_page(page, max_chars=self.max_chars)
        except ReadError as err:
            return ReadError(err.status, f"{page.location}: {err.reason}")


def _crashed(page: Page | BadRow, reason: str) -> ReadError:
    return ReadError("failed", f"{page.location}: {reason}")
