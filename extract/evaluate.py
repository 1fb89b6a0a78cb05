"""SPEC section 5: score a run's output against gold files (`extract diff`, in extract.diff, shows where they differ).

The scorer reads plain JSON dicts, not the pydantic models: it must score any output, even one a
later contract would reject, and gold files have their own shape (SPEC section 4).

Every decision below is deterministic, so the same output and gold always give the same numbers.

Roles (per article, one-to-one). A (predicted, gold) pair is admissible when the role_ids are equal
or the normalised predicted `name` equals a normalised gold `names` entry. Admissible pairs are
ranked role_id+name (3) > role_id only (2) > name only (1) and taken greedily, best rank first;
ties go to a non-optional gold role, then to predicted file order, then to gold file order. So a
second prediction of the same gold role finds it taken and counts as a false hit.

Duties and requirements: inside each matched role pair, pairs with `fuzz.ratio` of the normalised
texts >= 90, taken greedily by ratio (same tie order). Salaries: admissible when min, max, currency
and period are equal (amounts rounded to cents); ranked by 1 + how many of stat, component, region,
experience also agree. Career steps: admissible on equal role_id or equal normalised name, ranked
like roles. Items of a role that matched nothing count as misses (gold) or false hits (predicted).

Optional gold (SPEC 4): a prediction matched to an optional gold item is counted nowhere; an
unmatched optional gold item is not a miss. A predicted role matched to an optional gold role
counts nothing, and neither does anything under either of them.

Scores are micro-averaged counts. With tp, fp, fn: P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R).
When a denominator is zero the value is 1.0 if there was nothing to find and nothing predicted
(tp = fp = fn = 0), else 0.0: an empty prediction for an empty gold is perfect, anything else is not.

Merge: one instance per (article, gold role) matched in that article, optional roles left out. Gold
pairs: instances with the same gold role_id. Predicted pairs: instances whose matched predicted
role's role_id names a roles.json record that lists the article in `sources`, grouped by that
record. A run with no gold pairs and no predicted pairs (one article, say) scores 1.0 by the rule
above, with TP = FP = FN = 0 shown so the reader sees it was vacuous. Without roles.json, no
predicted pairs exist and every gold pair is a miss.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from itertools import combinations
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table
from rich.text import Text

TEXT_THRESHOLD = 90.0
NEAR_MISS_FLOOR = 60.0
ROLE_FIELDS: tuple[str, ...] = ("roles", "duties", "requirements", "salaries", "career_path")
ITEM_FIELDS: tuple[str, ...] = ROLE_FIELDS[1:]
SCORED_FIELDS: tuple[str, ...] = (*ROLE_FIELDS, "merge")
TEXT_FIELDS: frozenset[str] = frozenset({"duties", "requirements"})
ATTRIBUTES: tuple[str, ...] = (
    "salaries.stat",
    "salaries.component",
    "salaries.region",
    "salaries.experience",
    "career_path.years",
    "requirements.kind",
    "requirements.years",
)

# The scorer's normalisation is part of the contract (SPEC 5), so it lives here and is deliberately
# independent of the pipeline's lexicons: changing a lexicon must never move the yardstick.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")
_LEADING_MARK = re.compile(
    r"^(?:[-*+•·●○◦▪▫■□‣⁃►▸▶➢➤➣→✓✔✗☐–—>]+"  # bullet glyphs
    r"|\(?\d{1,3}[.)](?!\d)"  # 1.  1)  (1.
    r"|\(\d{1,3}\)"  # (1)
    r"|[a-z]\))"  # a)
    r"\s*"
)
_TRAILING_PUNCT = frozenset(".,;:!?…。，；：！？、·-–—")


@functools.lru_cache(maxsize=65536)
def normalize_text(s: str) -> str:
    """SPEC 5 matching form: NFC, casefold, one space, no leading bullet/number mark, no trailing punctuation."""
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFC", s).casefold())
    s = _SPACE.sub(" ", _INVISIBLE.sub("", s)).strip()
    while (stripped := _LEADING_MARK.sub("", s, count=1)) != s:
        s = stripped
    while s and (s[-1] in _TRAILING_PUNCT or s[-1].isspace()):
        s = s[:-1]
    return s


# --- scores -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Micro-averaged counts of one field; P/R/F1 follow the zero-division rule of the module doc."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def vacuous(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.vacuous)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.vacuous)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Accuracy:
    """An attribute checked over counted matched pairs; None when there was no pair to check."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


# --- matching ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One role or one item under a role, from a predicted or a gold file.

    `role_index` is the owning role's position in its file's `roles`, `index` the item's position in
    that role's list (for the roles field both are the role's position). `data` is the item as read,
    so predicted items keep `start`/`end`. `optional` is true for a gold item marked optional or
    standing under an optional gold role.
    """

    role_index: int
    role_id: str | None
    index: int
    text: str
    data: Mapping[str, Any]
    optional: bool = False

    @property
    def start(self) -> int | None:
        return self.data.get("start")

    @property
    def end(self) -> int | None:
        return self.data.get("end")

    @property
    def key(self) -> tuple[int, int]:
        return (self.role_index, self.index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role_id": self.role_id,
            "role_index": self.role_index,
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "optional": self.optional,
            "value": dict(self.data),
        }


@dataclass(frozen=True)
class Match:
    """A predicted item paired with a gold item.

    `score`: fuzz ratio for duties/requirements, rank 1-3 for roles and career steps (name, role_id,
    both), 1 + agreeing attributes for salaries. `role_pair` is (predicted role_id, gold role_id).
    """

    pred: Item
    gold: Item
    score: float

    @property
    def role_pair(self) -> tuple[str | None, str | None]:
        return (self.pred.role_id, self.gold.role_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pred": self.pred.to_dict(),
            "gold": self.gold.to_dict(),
            "score": self.score,
            "role_pair": list(self.role_pair),
        }


@dataclass
class FieldMatch:
    """How one field of one article came out.

    Counted: `matched` (TP), `extra` (FP, predicted), `missed` (FN, gold). Not counted: `optional`
    (a prediction that found an optional gold item, or any pair inside an optional role pair),
    `uncounted_pred` (unmatched predictions under a role matched to an optional gold role),
    `uncounted_gold` (optional gold items nobody found).
    """

    matched: list[Match] = dataclass_field(default_factory=list)
    missed: list[Item] = dataclass_field(default_factory=list)
    extra: list[Item] = dataclass_field(default_factory=list)
    optional: list[Match] = dataclass_field(default_factory=list)
    uncounted_pred: list[Item] = dataclass_field(default_factory=list)
    uncounted_gold: list[Item] = dataclass_field(default_factory=list)

    @property
    def score(self) -> Score:
        return Score(len(self.matched), len(self.extra), len(self.missed))

    def add(self, matches: list[Match], preds: Sequence[Item], golds: Sequence[Item], neutral: bool) -> None:
        """File a role pair's outcome; `neutral` when the pair's gold role is optional."""
        taken_p = {m.pred.key for m in matches}
        taken_g = {m.gold.key for m in matches}
        for m in matches:
            (self.optional if neutral or m.gold.optional else self.matched).append(m)
        for p in preds:
            if p.key not in taken_p:
                (self.uncounted_pred if neutral else self.extra).append(p)
        for g in golds:
            if g.key not in taken_g:
                (self.uncounted_gold if g.optional else self.missed).append(g)

    def sort(self) -> None:
        """Gold order for matches and misses, predicted order for extras: stable output to read."""
        self.matched.sort(key=lambda m: (m.gold.key, m.pred.key))
        self.optional.sort(key=lambda m: (m.gold.key, m.pred.key))
        self.missed.sort(key=lambda i: i.key)
        self.uncounted_gold.sort(key=lambda i: i.key)
        self.extra.sort(key=lambda i: i.key)
        self.uncounted_pred.sort(key=lambda i: i.key)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "matched": [m.to_dict() for m in self.matched],
            "missed": [i.to_dict() for i in self.missed],
            "extra": [i.to_dict() for i in self.extra],
            "optional": [m.to_dict() for m in self.optional],
            "uncounted_pred": [i.to_dict() for i in self.uncounted_pred],
            "uncounted_gold": [i.to_dict() for i in self.uncounted_gold],
        }


@dataclass
class DocMatch:
    """One article: for each of ROLE_FIELDS, which predictions matched which gold items."""

    doc_id: str
    has_prediction: bool
    fields: dict[str, FieldMatch]

    @property
    def role_matches(self) -> list[Match]:
        """Counted role pairs (optional gold roles excluded): the instances the merge score uses."""
        return self.fields["roles"].matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "has_prediction": self.has_prediction,
            "fields": {name: fm.to_dict() for name, fm in self.fields.items()},
        }


def _is_optional(raw: Any) -> bool:
    return isinstance(raw, Mapping) and bool(raw.get("optional"))


def _as_mapping(raw: Any) -> Mapping[str, Any]:
    """Gold duties may be plain strings; everything else is already a dict."""
    return raw if isinstance(raw, Mapping) else {"text": str(raw)}


def _amount(x: Any) -> float | None:
    return None if x is None else round(float(x), 2)


def _years(x: Any) -> float | None:
    """Gold writes years with two decimals ("2 tháng" -> 0.17), so both sides compare at that precision."""
    return None if x is None else round(float(x), 2)


def _format_amount(x: Any) -> str:
    if x is None:
        return "?"
    value = float(x)
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def salary_label(s: Mapping[str, Any]) -> str:
    """A salary as one line: what the diff shows and the near-miss ratio compares."""
    return (
        f"{_format_amount(s.get('min'))}-{_format_amount(s.get('max'))} "
        f"{s.get('currency')}/{s.get('period')} {s.get('stat')}"
    )


def _item_text(field_name: str, data: Mapping[str, Any]) -> str:
    if field_name == "salaries":
        return salary_label(data)
    if field_name == "career_path":
        return str(data.get("name") or "")
    return str(data.get("text") or "")


def _role_names(data: Mapping[str, Any]) -> list[str]:
    """Every name a role answers to: gold `names`, or the predicted `name`."""
    if "names" in data:
        return [str(n) for n in data.get("names") or []]
    return [str(data.get("name") or "")]


def _role_items(roles: Sequence[Mapping[str, Any]]) -> list[Item]:
    return [
        Item(i, r.get("role_id"), i, (_role_names(r) or [""])[0], r, _is_optional(r))
        for i, r in enumerate(roles)
    ]


def _field_items(field_name: str, role: Item) -> list[Item]:
    """The items under one role; gold items inherit the role's optional mark."""
    out = []
    for j, raw in enumerate(role.data.get(field_name) or []):
        data = _as_mapping(raw)
        optional = role.optional or _is_optional(raw)
        out.append(Item(role.role_index, role.role_id, j, _item_text(field_name, data), data, optional))
    return out


def _same_text(a: Any, b: Any) -> bool:
    """Attribute equality for free text (region, experience): None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    return normalize_text(str(a)) == normalize_text(str(b))


def _rank_by_id_or_name(pred: Item, gold: Item) -> float:
    same_id = pred.role_id is not None and pred.role_id == gold.role_id
    pred_name = normalize_text(pred.text)
    same_name = bool(pred_name) and pred_name in {normalize_text(n) for n in _labels(gold)}
    return 3.0 if same_id and same_name else 2.0 if same_id else 1.0 if same_name else 0.0


def _rank_step(pred: Item, gold: Item) -> float:
    """Career steps carry their own role_id, not the owning role's."""
    same_id = pred.data.get("role_id") is not None and pred.data.get("role_id") == gold.data.get("role_id")
    pred_name = normalize_text(pred.text)
    same_name = bool(pred_name) and pred_name == normalize_text(gold.text)
    return 3.0 if same_id and same_name else 2.0 if same_id else 1.0 if same_name else 0.0


def _rank_text(pred: Item, gold: Item) -> float:
    ratio = fuzz.ratio(normalize_text(pred.text), normalize_text(gold.text))
    return ratio if ratio >= TEXT_THRESHOLD else 0.0


def _salary_checks(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, bool]:
    return {
        "salaries.stat": pred.get("stat") == gold.get("stat"),
        "salaries.component": pred.get("component") == gold.get("component"),
        "salaries.region": _same_text(pred.get("region"), gold.get("region")),
        "salaries.experience": _same_text(pred.get("experience"), gold.get("experience")),
    }


def _rank_salary(pred: Item, gold: Item) -> float:
    p, g = pred.data, gold.data
    same = (
        _amount(p.get("min")) == _amount(g.get("min"))
        and _amount(p.get("max")) == _amount(g.get("max"))
        and p.get("currency") == g.get("currency")
        and p.get("period") == g.get("period")
    )
    return 1.0 + sum(_salary_checks(p, g).values()) if same else 0.0


_RANKERS: dict[str, Callable[[Item, Item], float]] = {
    "roles": _rank_by_id_or_name,
    "duties": _rank_text,
    "requirements": _rank_text,
    "salaries": _rank_salary,
    "career_path": _rank_step,
}


def _greedy(field_name: str, preds: Sequence[Item], golds: Sequence[Item]) -> list[Match]:
    """One-to-one, best score first; ties: non-optional gold, then predicted order, then gold order."""
    rank = _RANKERS[field_name]
    candidates = [(rank(p, g), p, g) for p in preds for g in golds]
    candidates = [c for c in candidates if c[0] > 0]
    candidates.sort(key=lambda c: (-c[0], c[2].optional, c[1].key, c[2].key))
    taken_p: set[tuple[int, int]] = set()
    taken_g: set[tuple[int, int]] = set()
    out = []
    for score, p, g in candidates:
        if p.key not in taken_p and g.key not in taken_g:
            taken_p.add(p.key)
            taken_g.add(g.key)
            out.append(Match(p, g, score))
    return out


def _match_items(
    field_name: str, role_matches: list[Match], pred_roles: list[Item], gold_roles: list[Item]
) -> FieldMatch:
    """Items are matched inside role pairs; items of unmatched roles all count against the run."""
    fm = FieldMatch()
    for rm in role_matches:
        preds, golds = _field_items(field_name, rm.pred), _field_items(field_name, rm.gold)
        fm.add(_greedy(field_name, preds, golds), preds, golds, neutral=rm.gold.optional)
    paired_p = {rm.pred.key for rm in role_matches}
    paired_g = {rm.gold.key for rm in role_matches}
    for role in gold_roles:
        if role.key not in paired_g:
            fm.add([], [], _field_items(field_name, role), neutral=False)
    for role in pred_roles:
        if role.key not in paired_p:
            fm.add([], _field_items(field_name, role), [], neutral=False)
    fm.sort()
    return fm


def match_document(pred: Mapping[str, Any] | None, gold: Mapping[str, Any]) -> DocMatch:
    """Pair one article's prediction (a documents/*.json dict, or None if absent) with its gold."""
    pred_roles = _role_items((pred or {}).get("roles") or [])
    gold_roles = _role_items(gold.get("roles") or [])
    role_matches = _greedy("roles", pred_roles, gold_roles)
    roles = FieldMatch()
    roles.add(role_matches, pred_roles, gold_roles, neutral=False)
    roles.sort()
    fields = {"roles": roles}
    for name in ITEM_FIELDS:
        fields[name] = _match_items(name, role_matches, pred_roles, gold_roles)
    doc_id = str(gold.get("doc_id") or (pred or {}).get("doc_id") or "")
    return DocMatch(doc_id, pred is not None, fields)


def attribute_checks(field_name: str, match: Match) -> dict[str, bool]:
    """Which attributes a counted pair got right (SPEC 5.3 and 5.4, plus requirement kind and years)."""
    p, g = match.pred.data, match.gold.data
    same_years = _years(p.get("min_years")) == _years(g.get("min_years")) and _years(
        p.get("max_years")
    ) == _years(g.get("max_years"))
    if field_name == "salaries":
        return _salary_checks(p, g)
    if field_name == "career_path":
        return {"career_path.years": same_years}
    if field_name == "requirements":
        return {"requirements.kind": p.get("kind") == g.get("kind"), "requirements.years": same_years}
    return {}


def _labels(item: Item) -> list[str]:
    return _role_names(item.data) if "names" in item.data else [item.text]


# --- merge ------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class MergeInstance:
    """A gold role matched in one article, and the roles.json record (if any) its prediction landed in."""

    doc_id: str
    gold_index: int
    gold_role_id: str
    pred_role_id: str
    in_merged: bool


@dataclass
class MergeResult:
    score: Score
    missed_pairs: list[tuple[MergeInstance, MergeInstance]]
    extra_pairs: list[tuple[MergeInstance, MergeInstance]]

    def to_dict(self) -> dict[str, Any]:
        def pair(a: MergeInstance, b: MergeInstance) -> list[dict[str, Any]]:
            return [
                {"doc_id": x.doc_id, "gold_role_id": x.gold_role_id, "pred_role_id": x.pred_role_id}
                for x in (a, b)
            ]

        return {
            **self.score.to_dict(),
            "missed_pairs": [pair(a, b) for a, b in self.missed_pairs],
            "extra_pairs": [pair(a, b) for a, b in self.extra_pairs],
        }


def _merged_sources(merged: Mapping[str, Any] | None) -> dict[str, set[str]]:
    return {
        str(r.get("role_id")): {str(s) for s in r.get("sources") or []}
        for r in (merged or {}).get("roles") or []
    }


def _pairs(groups: Mapping[Any, list[MergeInstance]]) -> set[tuple[MergeInstance, MergeInstance]]:
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def score_merge(docs: Iterable[DocMatch], merged: Mapping[str, Any] | None) -> MergeResult:
    """SPEC 5.5: pairwise agreement between gold role identity and roles.json records."""
    sources = _merged_sources(merged)
    instances = [
        MergeInstance(
            doc.doc_id,
            m.gold.role_index,
            str(m.gold.role_id),
            str(m.pred.role_id),
            doc.doc_id in sources.get(str(m.pred.role_id), set()),
        )
        for doc in docs
        for m in doc.role_matches
    ]
    gold_groups: dict[str, list[MergeInstance]] = defaultdict(list)
    pred_groups: dict[str, list[MergeInstance]] = defaultdict(list)
    for inst in instances:
        gold_groups[inst.gold_role_id].append(inst)
        if inst.in_merged:
            pred_groups[inst.pred_role_id].append(inst)
    gold_pairs, pred_pairs = _pairs(gold_groups), _pairs(pred_groups)
    score = Score(len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
    return MergeResult(score, sorted(gold_pairs - pred_pairs), sorted(pred_pairs - gold_pairs))


# --- a whole run ------------------------------------------------------------------------------------


@dataclass
class EvalReport:
    """Per-field micro-averaged scores, attribute accuracies, and every article's matches."""

    scores: dict[str, Score]
    attributes: dict[str, Accuracy]
    docs: list[DocMatch]
    merge: MergeResult
    missing_predictions: list[str] = dataclass_field(default_factory=list)
    unscored_predictions: list[str] = dataclass_field(default_factory=list)
    warnings: list[str] = dataclass_field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": len(self.docs),
            "fields": {name: s.to_dict() for name, s in self.scores.items()},
            "attributes": {name: a.to_dict() for name, a in self.attributes.items()},
            "per_article": {
                d.doc_id: {name: fm.score.to_dict() for name, fm in d.fields.items()} for d in self.docs
            },
            "missing_predictions": self.missing_predictions,
            "unscored_predictions": self.unscored_predictions,
            "warnings": self.warnings,
        }


def summarize(docs: list[DocMatch], merged: Mapping[str, Any] | None) -> EvalReport:
    """Sum the articles' counts into one report (pure: no files)."""
    scores = {name: sum((d.fields[name].score for d in docs), Score()) for name in ROLE_FIELDS}
    merge = score_merge(docs, merged)
    scores["merge"] = merge.score
    attributes = {name: Accuracy() for name in ATTRIBUTES}
    for doc in docs:
        for name in ITEM_FIELDS:
            for m in doc.fields[name].matched:
                for attr, ok in attribute_checks(name, m).items():
                    attributes[attr] += Accuracy(int(ok), 1)
    missing = [d.doc_id for d in docs if not d.has_prediction]
    return EvalReport(scores, attributes, docs, merge, missing_predictions=missing)


def _read_json(path: Path, warnings: list[str]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        warnings.append(f"{path}: unreadable ({exc.__class__.__name__}: {exc}); treated as absent")
        return None


def load_gold(gold_dir: Path, warnings: list[str]) -> dict[str, dict[str, Any]]:
    """doc_id (the file name before `.gold.json`) -> gold dict."""
    out = {}
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        doc_id = path.name.removesuffix(".gold.json")
        gold = _read_json(path, warnings)
        if not isinstance(gold, dict):
            continue
        if gold.get("doc_id") not in (None, doc_id):
            warnings.append(
                f"{path}: doc_id {gold.get('doc_id')!r} differs from the file name; using {doc_id!r}"
            )
        out[doc_id] = gold
    return out


def load_predictions(output_dir: Path, warnings: list[str]) -> dict[str, dict[str, Any]]:
    """doc_id (the file name before `.json`) -> documents/*.json dict."""
    out = {}
    for path in sorted((Path(output_dir) / "documents").glob("*.json")):
        pred = _read_json(path, warnings)
        if isinstance(pred, dict):
            out[path.name.removesuffix(".json")] = pred
    return out


def evaluate_dirs(output_dir: Path, gold_dir: Path) -> EvalReport:
    """Score output_dir (documents/*.json, roles.json) against gold_dir/*.gold.json."""
    warnings: list[str] = []
    golds = load_gold(gold_dir, warnings)
    preds = load_predictions(output_dir, warnings)
    merged_path = Path(output_dir) / "roles.json"
    merged = _read_json(merged_path, warnings) if merged_path.exists() else None
    if merged is None and golds:
        warnings.append(f"{merged_path}: absent; the merge score has no predicted pairs")
    if not golds:
        warnings.append(f"{gold_dir}: no *.gold.json files; nothing was scored")
    docs = [replace(match_document(preds.get(doc_id), gold), doc_id=doc_id) for doc_id, gold in golds.items()]
    report = summarize(docs, merged if isinstance(merged, dict) else None)
    report.unscored_predictions = sorted(set(preds) - set(golds))
    report.warnings = warnings
    return report


# --- eval command -----------------------------------------------------------------------------------

_CAPTION = (
    "TP: predictions that match a gold item; FP: predictions that match none; FN: gold items not found. "
    "P = TP/(TP+FP), R = TP/(TP+FN), F1 = their harmonic mean, summed over all articles. "
    "Items count only under matched roles; optional gold items count nothing. "
    "Merge counts pairs of (article, role). TP = FP = FN = 0 means nothing to find: scored 1.0."
)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render_report(report: EvalReport, console: Console) -> None:
    """The eval table, the attribute accuracies, and what could not be scored."""
    table = Table(title=f"Scores over {len(report.docs)} articles", caption=_CAPTION, caption_justify="left")
    for col in ("Field", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "Field" else "right")
    for name, s in report.scores.items():
        table.add_row(name, str(s.tp), str(s.fp), str(s.fn), _fmt(s.precision), _fmt(s.recall), _fmt(s.f1))
    console.print(table)
    attrs = Table(
        title="Attributes of matched pairs",
        caption="Share of counted matched pairs whose attribute equals gold; n/a: no pair to check.",
        caption_justify="left",
    )
    for col in ("Attribute", "Correct", "Pairs", "Accuracy"):
        attrs.add_column(col, justify="left" if col == "Attribute" else "right")
    for name, a in report.attributes.items():
        attrs.add_row(name, str(a.correct), str(a.total), _fmt(a.value))
    console.print(attrs)
    if report.missing_predictions:
        console.print(
            Text(f"No prediction (all gold counted as missed): {', '.join(report.missing_predictions)}")
        )
    if report.unscored_predictions:
        console.print(
            Text(f"Predictions without gold (not scored): {', '.join(report.unscored_predictions)}")
        )
    for w in report.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))


def below_threshold(report: EvalReport, min_f1: float | None) -> list[str]:
    """Fields whose F1 is under min_f1 (none when no threshold is set)."""
    if min_f1 is None:
        return []
    return [name for name, s in report.scores.items() if s.f1 < min_f1]


def eval_command(output_dir: Path, gold_dir: Path, as_json: bool = False, min_f1: float | None = None) -> int:
    """`extract eval`: print the scores; 1 when a field's F1 is below min_f1, else 0.

    2 when gold_dir holds no gold file: an empty or mistyped folder would otherwise score a vacuous
    1.0 everywhere and let a --min-f1 gate pass.
    """
    report = evaluate_dirs(output_dir, gold_dir)
    if not report.docs:
        Console(stderr=True, highlight=False).print(Text(f"no *.gold.json files in {gold_dir}", style="red"))
        return 2
    failing = below_threshold(report, min_f1)
    if as_json:
        payload = report.to_dict()
        payload["min_f1"] = min_f1
        payload["below_min_f1"] = failing
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False)
        render_report(report, console)
        if failing:
            console.print(Text(f"F1 below {min_f1}: {', '.join(failing)}", style="bold red"))
    return 1 if failing else 0


# --- diff -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NearMiss:
    """A missed gold item and the closest extra prediction of the same field in the same article."""

    gold: Item
    pred: Item
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold.to_dict(), "pred": self.pred.to_dict(), "score": round(self.score, 1)}


@dataclass
class FieldDiff:
    """`near`: best ratio in [60, threshold); `elsewhere`: ratio >= threshold, i.e. the item was
    found but under a role that did not pair with the gold one. The threshold is 90 for duties and
    requirements and 100 for the exact-match fields (roles, salaries, career steps)."""

    missed: list[Item]
    extra: list[Item]
    near: list[NearMiss]
    elsewhere: list[NearMiss]

    @property
    def differs(self) -> bool:
        return bool(self.missed or self.extra)

    def to_dict(self) -> dict[str, Any]:
        return {
            "missed": [i.to_dict() for i in self.missed],
            "extra": [i.to_dict() for i in self.extra],
            "near_misses": [n.to_dict() for n in self.near],
            "elsewhere": [n.to_dict() for n in self.elsewhere],
        }


def _best_ratio(gold: Item, pred: Item) -> float:
    return max(
        (fuzz.ratio(normalize_text(g), normalize_text(p)) for g in _labels(gold) for p in _labels(pred)),
        default=0.0,
    )


def field_diff(field_name: str, fm: FieldMatch) -> FieldDiff:
    """Missed, extra, and for each missed item its closest extra when that is close enough to help."""
    threshold = TEXT_THRESHOLD if field_name in TEXT_FIELDS else 100.0
    near, elsewhere = [], []
    for gold in fm.missed:
        scored = [(_best_ratio(gold, pred), pred) for pred in fm.extra]
        if not scored:
            continue
        score, pred = max(scored, key=lambda sp: sp[0])  # first best in predicted order
        if score >= threshold:
            elsewhere.append(NearMiss(gold, pred, score))
        elif score >= NEAR_MISS_FLOOR:
            near.append(NearMiss(gold, pred, score))
    return FieldDiff(list(fm.missed), list(fm.extra), near, elsewhere)
