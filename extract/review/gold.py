"""Gold misses and per-field scores for the page, taken from the scorer in extract.evaluate.

The page never scores by itself: `evaluate_dirs` (which pairs each article with
`match_document`) decides what the run missed, and this module only reshapes its answer
into what the page marks in the text and shows in the index.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.evaluate import ROLE_FIELDS, SCORED_FIELDS, DocMatch, EvalReport, Item, evaluate_dirs, field_diff


@dataclass(frozen=True, slots=True)
class GoldMiss:
    """A gold item the run did not produce; `search` holds the texts to look for in the source."""

    field: str
    role_id: str | None
    item: dict[str, Any]
    label: str
    search: tuple[str, ...] = ()
    near: dict[str, Any] | None = None


@dataclass(slots=True)
class GoldView:
    """Per article: its misses and F1 per field; for the run: F1 per field and what could not be scored."""

    misses: dict[str, list[GoldMiss]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _search_texts(name: str, item: Item) -> tuple[str, ...]:
    if name == "salaries":
        return ()  # gold salaries hold numbers, not text: the page looks for the figure instead
    if name == "roles":
        return tuple(str(n) for n in item.data.get("names") or [] if n)
    return (item.text,) if item.text else ()


def _nearest(name: str, doc: DocMatch) -> dict[tuple[int, int], dict[str, Any]]:
    """The closest extra prediction per missed gold item, as `extract diff` reports it."""
    diff = field_diff(name, doc.fields[name])
    out = {}
    for how, hits in (("near miss", diff.near), ("found under another role", diff.elsewhere)):
        for n in hits:
            out[n.gold.key] = {
                "how": how,
                "similarity": round(n.score, 1),
                "role_id": n.pred.role_id,
                "text": n.pred.text,
                "start": n.pred.start,
                "end": n.pred.end,
            }
    return out


def doc_misses(doc: DocMatch) -> list[GoldMiss]:
    """Every counted gold miss of one article (optional gold items are never misses)."""
    misses = []
    for name in ROLE_FIELDS:
        near = _nearest(name, doc)
        for item in doc.fields[name].missed:
            misses.append(
                GoldMiss(
                    name,
                    item.role_id,
                    dict(item.data),
                    item.text,
                    _search_texts(name, item),
                    near.get(item.key),
                )
            )
    return misses


def from_report(report: EvalReport) -> GoldView:
    view = GoldView()
    for doc in report.docs:
        view.misses[doc.doc_id] = doc_misses(doc)
        view.scores[doc.doc_id] = {name: fm.score.f1 for name, fm in doc.fields.items()}
    view.totals = {name: report.scores[name].f1 for name in SCORED_FIELDS if name in report.scores}
    if report.missing_predictions:
        view.notes.append("gold without a prediction file: " + ", ".join(report.missing_predictions))
    if report.unscored_predictions:
        view.notes.append("articles without gold (not scored): " + ", ".join(report.unscored_predictions))
    view.notes.extend(report.warnings)
    return view


def load_gold_view(output_dir: Path, gold_dir: Path | None) -> GoldView | None:
    """Score the run against gold_dir, or None when no gold folder was given."""
    if gold_dir is None:
        return None
    return from_report(evaluate_dirs(output_dir, gold_dir))


def scores_for(view: GoldView | None, doc_id: str) -> Mapping[str, float]:
    return view.scores.get(doc_id, {}) if view else {}
