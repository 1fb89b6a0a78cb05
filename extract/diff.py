"""`extract diff RUN OTHER`: what differs, per article and field, between a run and its gold, or
between two runs.

OTHER is a gold folder (*.gold.json files): the run's misses (with where each stands in the
article), its extra predictions and near misses, as SPEC section 5 scores them. OTHER is a
second run's output folder (documents/): run A is held against run B with the same matching,
so each item is only in A, only in B, or in both but changed (its text, offsets or attributes).

Terminal lines keep their gutter when they wrap: the mark and indent stay in a column of their
own, so a long duty reads as one block. Exit codes: 0 nothing differs, 1 something does, 2 bad
arguments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extract.evaluate import (
    ROLE_FIELDS,
    SCORED_FIELDS,
    DocMatch,
    FieldDiff,
    Item,
    MergeInstance,
    MergeResult,
    evaluate_dirs,
    field_diff,
    load_predictions,
    match_document,
)
from extract.review.gold import GoldMiss, search_texts
from extract.review.inputs import load_source
from extract.review.locate import Place
from extract.review.render import place_miss

TEXT_LIMIT = 400
"""Longest item text shown in the terminal (the JSON output has it all)."""
ROLE_ONLY_KEYS = ("role_id", "function", "level", "name", "mentions")
"""What a role is compared on between two runs (its items are compared field by field)."""


def is_gold_dir(path: Path) -> bool:
    return any(Path(path).glob("*.gold.json"))


def is_run_dir(path: Path) -> bool:
    return (Path(path) / "documents").is_dir()


def _short(s: str, limit: int = TEXT_LIMIT) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _where(item: Item) -> str:
    return f" @{item.start}-{item.end}" if item.start is not None else ""


def _place_label(place: Place | None, has_text: bool) -> str:
    """Where a gold miss stands in the article: @start-end (exact), ~@start-end (approximate)."""
    if not has_text:
        return ""
    if place is None:
        return " (not in the text)"
    return f" {'' if place.exact else '~'}@{place.start}-{place.end}"


def line(console: Console, gutter: str, body: str, style: str | None = None) -> None:
    """One diff line whose wrapped continuation stays right of the gutter."""
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True, width=len(gutter))
    grid.add_column(overflow="fold")
    grid.add_row(Text(gutter, style=style or ""), Text(body, style=style or ""))
    console.print(grid)


# --- against gold ----------------------------------------------------------------------------------


def _article_text(output_dir: Path, doc_id: str) -> str | None:
    """The decoded source of a run's article (what its offsets index), or None when it cannot be read."""
    path = Path(output_dir) / "documents" / f"{doc_id}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    source = record.get("source") if isinstance(record, dict) else None
    return load_source(source, Path(output_dir))[0] if isinstance(source, dict) else None


def miss_places(name: str, fd: FieldDiff, text: str | None) -> dict[tuple[int, int], Place | None]:
    """Where each missed gold item stands in the article's text, by the item's key."""
    if text is None:
        return {}
    return {
        g.key: place_miss(text, GoldMiss(name, g.role_id, dict(g.data), g.text, search_texts(name, g)))
        for g in fd.missed
    }


def _render_field(
    name: str, fd: FieldDiff, places: Mapping[tuple[int, int], Place | None], has_text: bool, console: Console
) -> None:
    line(console, "  ", f"{name}: {len(fd.missed)} missed, {len(fd.extra)} extra", "bold")
    hints = {id(n.gold): (n, "≈ near miss") for n in fd.near}
    hints |= {id(n.gold): (n, "= found under another role") for n in fd.elsewhere}
    for g in fd.missed:
        where = _place_label(places.get(g.key), has_text)
        line(console, "    - ", f"[{g.role_id}] {_short(g.text)}{where}", "red")
        if id(g) in hints:
            n, how = hints[id(g)]
            line(
                console,
                "        ",
                f"{how} ({n.score:.1f}): [{n.pred.role_id}] {_short(n.pred.text)}{_where(n.pred)}",
                "yellow",
            )
    for p in fd.extra:
        line(console, "    + ", f"[{p.role_id}] {_short(p.text)}{_where(p)}", "green")


def _role_label(inst: MergeInstance) -> str:
    return f"{inst.doc_id}:{inst.gold_role_id} (predicted {inst.pred_role_id})"


def _render_merge(merge: MergeResult, console: Console) -> None:
    line(
        console,
        "",
        f"merge: {len(merge.missed_pairs)} missed pairs, {len(merge.extra_pairs)} extra pairs",
        "bold",
    )
    for a, b in merge.missed_pairs:
        line(console, "  - ", f"not merged: {_role_label(a)} + {_role_label(b)}", "red")
    for a, b in merge.extra_pairs:
        line(console, "  + ", f"wrongly merged: {_role_label(a)} + {_role_label(b)}", "green")


def _missed_json(fd: FieldDiff, places: Mapping[tuple[int, int], Place | None]) -> list[dict[str, Any]]:
    out = []
    for g in fd.missed:
        place = places.get(g.key)
        out.append(
            {
                **g.to_dict(),
                "place": {"start": place.start, "end": place.end, "exact": place.exact} if place else None,
            }
        )
    return out


def diff_gold(
    output_dir: Path, gold_dir: Path, doc: str | None, field: str | None, as_json: bool, err: Console
) -> int:
    report = evaluate_dirs(output_dir, gold_dir)
    if not report.docs:
        err.print(Text(f"no *.gold.json files in {gold_dir}", style="red"))
        return 2
    docs = [d for d in report.docs if doc is None or d.doc_id == doc]
    if doc is not None and not docs:
        err.print(Text(f"no gold for article {doc!r} in {gold_dir}", style="red"))
        return 2
    names = [n for n in ROLE_FIELDS if field in (None, n)]
    diffs = {d.doc_id: {n: field_diff(n, d.fields[n]) for n in names} for d in docs}
    texts = {
        d.doc_id: _article_text(output_dir, d.doc_id)
        if d.has_prediction and any(fd.missed for fd in diffs[d.doc_id].values())
        else None
        for d in docs
    }
    places = {
        d.doc_id: {n: miss_places(n, fd, texts[d.doc_id]) for n, fd in diffs[d.doc_id].items()} for d in docs
    }
    merge = report.merge
    if doc is not None:
        keep = [p for p in merge.missed_pairs if doc in (p[0].doc_id, p[1].doc_id)]
        extra = [p for p in merge.extra_pairs if doc in (p[0].doc_id, p[1].doc_id)]
        merge = MergeResult(merge.score, keep, extra)
    show_merge = field in (None, "merge")
    differs = any(fd.differs for per in diffs.values() for fd in per.values()) or (
        show_merge and bool(merge.missed_pairs or merge.extra_pairs)
    )
    if as_json:
        payload: dict[str, Any] = {
            "differs": differs,
            "articles": {
                d.doc_id: {
                    "has_prediction": d.has_prediction,
                    "fields": {
                        n: {**fd.to_dict(), "missed": _missed_json(fd, places[d.doc_id][n])}
                        for n, fd in diffs[d.doc_id].items()
                    },
                }
                for d in docs
            },
            "unscored_predictions": report.unscored_predictions,
            "warnings": report.warnings,
        }
        if show_merge:
            payload["merge"] = merge.to_dict()
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return int(differs)
    console = Console(highlight=False)
    for d in docs:
        per = {n: fd for n, fd in diffs[d.doc_id].items() if fd.differs}
        if not per:
            continue
        console.rule(Text(d.doc_id + ("" if d.has_prediction else "  (no prediction file)")))
        for n, fd in per.items():
            _render_field(n, fd, places[d.doc_id][n], texts[d.doc_id] is not None, console)
    if show_merge and (merge.missed_pairs or merge.extra_pairs):
        console.rule(Text("merge"))
        _render_merge(merge, console)
    for w in report.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    if not differs:
        console.print(Text("no differences", style="green"))
    return int(differs)


# --- two runs --------------------------------------------------------------------------------------


def as_reference(record: Mapping[str, Any]) -> dict[str, Any]:
    """A run's document in the shape the scorer reads gold in: each role answers to its name and mentions."""
    roles = [
        {**r, "names": [r.get("name"), *(r.get("mentions") or [])]}
        for r in record.get("roles") or []
        if isinstance(r, Mapping)
    ]
    return {"doc_id": record.get("doc_id"), "roles": roles}


def _changed_keys(name: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    keys = ROLE_ONLY_KEYS if name == "roles" else sorted(set(a) | set(b))
    return [k for k in keys if a.get(k) != b.get(k) and k != "names"]


@dataclass
class RunFieldDiff:
    """One field of one article, run A against run B."""

    only_a: list[Item] = field(default_factory=list)
    only_b: list[Item] = field(default_factory=list)
    changed: list[tuple[Item, Item, list[str]]] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return bool(self.only_a or self.only_b or self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "only_in_a": [i.to_dict() for i in self.only_a],
            "only_in_b": [i.to_dict() for i in self.only_b],
            "changed": [{"a": a.to_dict(), "b": b.to_dict(), "keys": keys} for a, b, keys in self.changed],
        }


def run_field_diff(name: str, dm: DocMatch) -> RunFieldDiff:
    """A matched against B (B read as gold): B's misses are only in B, A's extras only in A."""
    fm = dm.fields[name]
    out = RunFieldDiff(list(fm.extra), list(fm.missed))
    for m in fm.matched:
        keys = _changed_keys(name, m.pred.data, m.gold.data)
        if keys:
            out.changed.append((m.pred, m.gold, keys))
    return out


def _render_run_field(name: str, fd: RunFieldDiff, console: Console) -> None:
    line(
        console,
        "  ",
        f"{name}: {len(fd.only_a)} only in A, {len(fd.only_b)} only in B, {len(fd.changed)} changed",
        "bold",
    )
    for i in fd.only_a:
        line(console, "    - ", f"[{i.role_id}] {_short(i.text)}{_where(i)}", "red")
    for i in fd.only_b:
        line(console, "    + ", f"[{i.role_id}] {_short(i.text)}{_where(i)}", "green")
    for a, b, keys in fd.changed:
        texts = _short(a.text) if a.text == b.text else f"{_short(a.text)} → {_short(b.text)}"
        line(
            console,
            "    ~ ",
            f"[{a.role_id}] {texts}{_where(a)} →{_where(b) or ' –'} ({', '.join(keys)})",
            "yellow",
        )


def diff_runs(
    run_a: Path, run_b: Path, doc: str | None, field: str | None, as_json: bool, err: Console
) -> int:
    if field == "merge":
        err.print(Text("the merge is scored against gold only: compare two runs field by field", style="red"))
        return 2
    warnings: list[str] = []
    docs_a, docs_b = load_predictions(run_a, warnings), load_predictions(run_b, warnings)
    ids = sorted(set(docs_a) | set(docs_b))
    if doc is not None:
        if doc not in ids:
            err.print(Text(f"no article {doc!r} in {run_a} or {run_b}", style="red"))
            return 2
        ids = [doc]
    names = [n for n in ROLE_FIELDS if field in (None, n)]
    result: dict[str, dict[str, RunFieldDiff] | str] = {}
    for doc_id in ids:
        if doc_id not in docs_b:
            result[doc_id] = "a"
        elif doc_id not in docs_a:
            result[doc_id] = "b"
        else:
            dm = match_document(docs_a[doc_id], as_reference(docs_b[doc_id]))
            result[doc_id] = {n: run_field_diff(n, dm) for n in names}
    differs = any(isinstance(r, str) or any(fd.differs for fd in r.values()) for r in result.values())
    if as_json:
        articles = {
            d: {"only_in": r} if isinstance(r, str) else {"fields": {n: fd.to_dict() for n, fd in r.items()}}
            for d, r in result.items()
        }
        payload = {
            "differs": differs,
            "a": str(run_a),
            "b": str(run_b),
            "articles": articles,
            "warnings": warnings,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return int(differs)
    console = Console(highlight=False)
    line(console, "", f"A: {run_a}   B: {run_b}   (- only in A, + only in B, ~ changed)", "bold")
    for d, r in result.items():
        if isinstance(r, str):
            console.rule(Text(f"{d}  (only in {r.upper()})"))
            continue
        per = {n: fd for n, fd in r.items() if fd.differs}
        if per:
            console.rule(Text(d))
            for n, fd in per.items():
                _render_run_field(n, fd, console)
    for w in warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    if not differs:
        console.print(Text("no differences", style="green"))
    return int(differs)


# --- the command -----------------------------------------------------------------------------------


def diff_command(
    output_dir: Path, other: Path, doc: str | None = None, field: str | None = None, as_json: bool = False
) -> int:
    """`extract diff`: OTHER is a gold folder or a second run; 1 when anything differs, 0 if nothing, 2 on bad arguments."""
    err = Console(stderr=True, highlight=False)
    if field is not None and field not in SCORED_FIELDS:
        err.print(Text(f"unknown field {field!r}; one of: {', '.join(SCORED_FIELDS)}", style="red"))
        return 2
    if is_gold_dir(other):
        return diff_gold(Path(output_dir), Path(other), doc, field, as_json, err)
    if is_run_dir(other):
        return diff_runs(Path(output_dir), Path(other), doc, field, as_json, err)
    err.print(
        Text(
            f"{other} holds neither gold files (*.gold.json) nor a run (documents/): "
            "give a gold folder, or a second run's output folder to compare two runs",
            style="red",
        )
    )
    return 2
