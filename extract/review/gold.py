"""Gold misses, extras and per-field scores for the page, taken from the scorer in extract.evaluate.

The page never scores by itself: `evaluate_dirs` (which pairs each article with
`match_document`) decides what the run missed and which predictions are extra, and this
module only reshapes its answer into what the page marks in the text and shows in the index.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.evaluate import (
    ROLE_FIELDS,
    SCORED_FIELDS,
    DocMatch,
    EvalReport,
    Item,
    evaluate_dirs,
    field_diff,
    summarize,
)
from extract.review.inputs import read_json

OK, EXTRA, NEUTRAL = "ok", "extra", "neutral"
"""What the scorer made of a prediction: matched a gold item; matched none (a false hit); or
counted neither way (it found an optional gold item, or sits under an optional gold role)."""

ValueKey = tuple[str, int, int]
"""(field, role position in the document, item position in that role's field list); for the
roles field the item position is the role's own position."""


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
    """Per article: misses, each prediction's status and F1 per field; for the run: F1 per field
    and what could not be scored."""

    misses: dict[str, list[GoldMiss]] = field(default_factory=dict)
    statuses: dict[str, dict[ValueKey, str]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def search_texts(name: str, item: Item) -> tuple[str, ...]:
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
                    search_texts(name, item),
                    near.get(item.key),
                )
            )
    return misses


def doc_statuses(doc: DocMatch) -> dict[ValueKey, str]:
    """Each prediction of one article: matched (ok), extra, or neutral, keyed by where it stands."""
    out: dict[ValueKey, str] = {}
    for name, fm in doc.fields.items():
        for status, items in (
            (OK, [m.pred for m in fm.matched]),
            (NEUTRAL, [m.pred for m in fm.optional]),
            (NEUTRAL, fm.uncounted_pred),
            (EXTRA, fm.extra),
        ):
            for item in items:
                out[(name, item.role_index, item.index)] = status
    return out


def from_report(report: EvalReport) -> GoldView:
    view = GoldView()
    for doc in report.docs:
        view.misses[doc.doc_id] = doc_misses(doc)
        view.statuses[doc.doc_id] = doc_statuses(doc)
        view.scores[doc.doc_id] = {name: fm.score.f1 for name, fm in doc.fields.items()}
    view.totals = {name: report.scores[name].f1 for name in SCORED_FIELDS if name in report.scores}
    if report.missing_predictions:
        view.notes.append("gold without a prediction file: " + ", ".join(report.missing_predictions))
    if report.unscored_predictions:
        view.notes.append("articles without gold (not scored): " + ", ".join(report.unscored_predictions))
    view.notes.extend(report.warnings)
    return view


def _only(report: EvalReport, output_dir: Path, doc_ids: Collection[str]) -> EvalReport:
    """The report over the chosen articles only (`--doc`, `--limit`): scores and totals of those."""
    roles_path = output_dir / "roles.json"
    merged = read_json(roles_path) if roles_path.is_file() else None
    sub = summarize(
        [d for d in report.docs if d.doc_id in doc_ids], merged if isinstance(merged, dict) else None
    )
    sub.unscored_predictions = [d for d in report.unscored_predictions if d in doc_ids]
    sub.warnings = report.warnings
    return sub


def load_gold_view(
    output_dir: Path, gold_dir: Path | None, doc_ids: Collection[str] | None = None
) -> GoldView | None:
    """Score the run against gold_dir (over `doc_ids` only when given), or None without a gold folder."""
    if gold_dir is None:
        return None
    report = evaluate_dirs(output_dir, gold_dir)
    if doc_ids is not None:
        report = _only(report, output_dir, set(doc_ids))
    return from_report(report)
