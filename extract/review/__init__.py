"""`extract review`: one self-contained HTML page to hold a run against its articles (and gold).

Reviewers need to see where each value came from, what the run missed and what it found that
gold does not have, not read JSON: the page lists every article with search and filters,
opens one article at a time with every extracted span highlighted (extras marked apart from
correct values, gold misses marked in place), and draws the merged career graph by function.
It loads nothing from the network; at 2,000 articles it stays a page a browser opens at once,
as each article's data waits as JSON until the article is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from extract.review.gold import GoldView, load_gold_view
from extract.review.inputs import document_paths, load_articles, load_graph, load_roles
from extract.review.render import article_data, graph_records_and_data, render_page
from extract.write import atomic_write_text

__all__ = ["build_page", "review_command"]

PAGE_NAME = "review.html"


def build_page(
    output_dir: Path,
    gold_dir: Path | None = None,
    *,
    doc_ids: Sequence[str] | None = None,
    limit: int | None = None,
) -> str:
    """The page's HTML for one run folder (pure apart from reading the run, its sources and gold).

    `doc_ids` and `limit` keep some articles only (those named, the first `limit` by doc_id); the
    scores are then over those articles. Raises LookupError for a doc_id the run has no document for.
    """
    output_dir = Path(output_dir)
    paths = document_paths(output_dir, doc_ids, limit)
    chosen = [p.stem for p in paths] if doc_ids is not None or limit is not None else None
    gold: GoldView | None = load_gold_view(output_dir, Path(gold_dir) if gold_dir else None, chosen)
    articles = [
        article_data(
            article,
            i,
            gold.misses.get(article.doc_id, []) if gold else (),
            gold.statuses.get(article.doc_id) if gold else None,
            gold.scores.get(article.doc_id, {}) if gold else None,
        )
        for i, article in enumerate(load_articles(output_dir, paths))
    ]
    page = render_page(
        articles,
        graph_records_and_data(load_roles(output_dir), load_graph(output_dir)),
        title=output_dir.resolve().name,
        with_gold=gold is not None,
        totals=gold.totals if gold else {},
        notes=gold.notes if gold else [],
    )
    # A lone surrogate (a "\\ud800" escape in some JSON) cannot be written as UTF-8; show it as U+FFFD.
    return page.encode("utf-8", "replace").decode("utf-8")


def review_command(
    output_dir: Path,
    gold_dir: Path | None = None,
    *,
    doc_ids: Sequence[str] | None = None,
    limit: int | None = None,
) -> int:
    """Write output_dir/review.html; 0 on success, 2 when a named doc_id has no document."""
    try:
        page = build_page(output_dir, gold_dir, doc_ids=doc_ids, limit=limit)
    except LookupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    path = Path(output_dir) / PAGE_NAME
    atomic_write_text(path, page)
    print(path)
    return 0
