"""`extract review`: one self-contained HTML page to hold a run against its articles (and gold).

Reviewers need to see where each value came from and what the run missed, not read JSON:
the page highlights every extracted span in its article, marks gold misses in place,
and draws the merged career graph. It loads nothing from the network.
"""

from __future__ import annotations

from pathlib import Path

from extract.review.gold import GoldView, load_gold_view
from extract.review.inputs import load_articles, load_graph, load_roles
from extract.review.render import ArticleView, Records, collect, render_graph, render_page

__all__ = ["build_page", "review_command"]

PAGE_NAME = "review.html"


def build_page(output_dir: Path, gold_dir: Path | None = None) -> str:
    """The page's HTML for one run folder (pure apart from reading the run, its sources and gold)."""
    output_dir = Path(output_dir)
    gold: GoldView | None = load_gold_view(output_dir, Path(gold_dir) if gold_dir else None)
    records = Records()
    views: list[ArticleView] = []
    for i, article in enumerate(load_articles(output_dir)):
        misses = gold.misses.get(article.doc_id, []) if gold else []
        view = collect(article, i, records, misses)
        if gold:
            view.scores = dict(gold.scores.get(article.doc_id, {}))
        views.append(view)
    graph = render_graph(load_roles(output_dir), load_graph(output_dir), records)
    page = render_page(
        views,
        graph,
        records,
        title=output_dir.resolve().name,
        with_gold=gold is not None,
        totals=gold.totals if gold else {},
        notes=gold.notes if gold else [],
    )
    # A lone surrogate (a "\\ud800" escape in some JSON) cannot be written as UTF-8; show it as U+FFFD.
    return page.encode("utf-8", "replace").decode("utf-8")


def review_command(output_dir: Path, gold_dir: Path | None = None) -> int:
    """Write output_dir/review.html; 0 on success."""
    from extract.write import atomic_write_text

    path = Path(output_dir) / PAGE_NAME
    atomic_write_text(path, build_page(output_dir, gold_dir))
    print(path)
    return 0
