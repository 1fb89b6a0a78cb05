"""Roles across articles: one MergedRole per role_id (SPEC section 3).

`RoleMerger` is fed one DocumentRecord at a time and keeps per-role state only, so a run
never holds every document. Everything `result()` writes is a function of the *set* of
records added, never of their order:

- names: every name and mention, grouped by language (`name_language`), sorted, exact dedupe;
- duties and requirements: near-duplicates folded by single linkage (`FoldSet`): two items
  fold when `similar` says so, and folding is transitive. Components of a graph do not
  depend on the order its edges were found in, which is what makes the fold
  order-independent. Kept text: the longest; ties by first source (doc_id, start, end);
- salaries: every observation kept, with `monthly_vnd` (and `monthly_vnd_max`) and a
  per-stat summary; disagreeing figures all stay;
- career edges: consecutive ladder rungs (order k -> next order), years of the `to` rung.

roles.json is written by `RoleMerger.json_chunks`, one role at a time, byte-identical to
`write.canonical_json(merger.result(), sort_mappings=True)`.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from extract.lexicon import load_data
from extract.merge_store import MergeRows, MergeStore, RoleRows
from extract.models import (
    CareerEdge,
    CareerStep,
    DocumentRecord,
    EdgeYears,
    MergedItem,
    MergedRequirement,
    MergedRole,
    MergedSalary,
    RolesFile,
    SalarySummary,
    Source,
)
from extract.write import json_text

SourceKey = tuple[str, int, int]  # (doc_id, start, end)


# --- configuration --------------------------------------------------------------------


@cache
def _config() -> dict[str, Any]:
    return load_data("merge.json")


@cache
def _rates_file() -> dict[str, Any]:
    return load_data("exchange_rates.json")


def configured_rates() -> dict[str, float]:
    """Rates to VND from extract/data/exchange_rates.json (VND itself is 1)."""
    return {code: float(rate) for code, rate in _rates_file()["rates"].items()}


def fold_threshold() -> float:
    return float(_config()["fold"]["threshold"])


# --- text similarity ------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def fold_text(text: str) -> str:
    """The form items are compared in: NFC, casefold, every non-word run -> one space."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def _digit_runs(norm: str) -> frozenset[str]:
    return frozenset(_DIGITS.findall(norm))


def _score(a: str, b: str, cutoff: float) -> float:
    """Mean of token_sort_ratio and token_set_ratio on folded texts; 0 when below `cutoff`.

    token_set rewards a shared core even when one side adds words; token_sort penalises
    the added words; their mean sits between. Each part must reach 2*cutoff-100 for the
    mean to reach cutoff, which lets rapidfuzz stop early (the cheap prefilter).
    """
    floor = max(0.0, 2 * cutoff - 100)
    sort = fuzz.token_sort_ratio(a, b, score_cutoff=floor)
    if not sort:
        return 0.0
    tset = fuzz.token_set_ratio(a, b, score_cutoff=floor)
    score = (sort + tset) / 2
    return score if score >= cutoff else 0.0


def similarity(a: str, b: str) -> float:
    """0-100: how alike two item texts are (the figure compared with the fold threshold)."""
    na, nb = fold_text(a), fold_text(b)
    if not _digits_agree(_digit_runs(na), _digit_runs(nb)):
        return 0.0
    return _score(na, nb, 0.0)


def _digits_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Items that both state figures fold only when the figures are the same."""
    return not a or not b or a == b


def similar(a: str, b: str, threshold: float | None = None) -> bool:
    """True when two duty/requirement texts are one item (see merge.json `fold`)."""
    limit = fold_threshold() if threshold is None else threshold
    return similarity(a, b) >= limit


@dataclass(frozen=True, slots=True)
class _Member:
    text: str
    norm: str
    digits: frozenset[str]
    source: SourceKey


class FoldSet:
    """Items of one list of one role, folded by single linkage with union-find.

    Each new item is compared with every distinct item already held: quadratic in the
    items of one role (under 4 s for 3000 items drawn from a 30-word vocabulary, a worst case). Mitigations: an identical folded text
    joins its twin without any comparison (its links are the twin's links); a cheap
    prefilter runs token_sort_ratio over all held texts in rapidfuzz's C loop with the
    cutoff the mean needs (2*threshold-100), and only survivors get the full score. For
    much larger roles a MinHash/LSH prefilter over word shingles would bound the candidates.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._members: list[_Member] = []
        self._parent: list[int] = []
        self._by_norm: dict[str, int] = {}
        self._firsts: list[str] = []
        self._seen: set[tuple[str, SourceKey]] = set()

    def add(self, text: str, source: SourceKey) -> None:
        if (text, source) in self._seen:
            return
        self._seen.add((text, source))
        norm = fold_text(text)
        twin = self._by_norm.get(norm)
        if twin is not None:  # a role told in many articles repeats its items: share one copy of each string
            held = self._members[twin]
            member = _Member(held.text if held.text == text else text, held.norm, held.digits, source)
        else:
            member = _Member(text, norm, _digit_runs(norm), source)
        index = len(self._members)
        self._members.append(member)
        self._parent.append(index)
        if twin is not None:
            self._union(index, twin)
            return
        # Only first copies are compared: a twin's links are its first copy's links.
        floor = max(0.0, 2 * self.threshold - 100)
        hits = process.extract(
            norm, self._firsts, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=floor, limit=None
        )
        self._by_norm[norm] = index
        self._firsts.append(norm)
        for held_norm, _, _ in hits:
            other = self._by_norm[held_norm]
            held = self._members[other]
            if self._find(other) == self._find(index):
                continue
            if _digits_agree(member.digits, held.digits) and _score(norm, held_norm, self.threshold):
                self._union(index, other)

    def groups(self) -> list[list[_Member]]:
        """Folded groups, each sorted by source; groups in order of their first source."""
        by_root: dict[int, list[_Member]] = {}
        for i, m in enumerate(self._members):
            by_root.setdefault(self._find(i), []).append(m)
        groups = [sorted(g, key=lambda m: (m.source, m.text)) for g in by_root.values()]
        return sorted(groups, key=lambda g: (g[0].source, g[0].text))

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def kept_text(group: list[_Member]) -> str:
    """The text a folded item keeps: the longest; ties by first source (doc_id, start, end)."""
    return min(group, key=lambda m: (-len(m.text), m.source, m.text)).text


def _sources(keys: Iterable[SourceKey]) -> list[Source]:
    return [Source(doc_id=d, start=s, end=e) for d, s, e in sorted(set(keys))]


# --- names ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def name_language(name: str, siblings: Iterable[str] = ()) -> str:
    """'vi' when the name is Vietnamese (letters, abbreviations, unaccented syllables), else 'en'.

    A bare acronym ("DSLS", "QA") says nothing by its letters; when it spells the
    initials of one of its `siblings` (the role's other names: "Dược sỹ lâm sàng"),
    it takes that name's language.
    """
    cfg = _config()["names"]
    text = unicodedata.normalize("NFC", name).casefold()
    if any(ch in _vi_letters() for ch in text):
        return "vi"
    words = _WORD.findall(text)
    if any(w in _vi_abbreviations() for w in words):
        return "vi"
    if sum(w in _vi_syllables() for w in words) >= cfg["vi_min_syllables"]:
        return "vi"
    if len(words) == 1 and len(words[0]) >= 2 and name.strip().isupper():
        spelled = sorted(s for s in siblings if s != name and words[0] in _initials(s))
        if spelled:
            return name_language(spelled[0])
    return "en"


def _initials(name: str) -> str:
    """First letters of the words, diacritics dropped ("Dược sỹ lâm sàng" -> "dsls")."""
    letters = [w[0] for w in _WORD.findall(unicodedata.normalize("NFC", name).casefold())]
    base = unicodedata.normalize("NFD", "".join(letters)).replace("đ", "d")
    return "".join(ch for ch in base if not unicodedata.combining(ch))


@cache
def _vi_letters() -> frozenset[str]:
    return frozenset(_config()["names"]["vi_letters"])


@cache
def _vi_abbreviations() -> frozenset[str]:
    return frozenset(w.casefold() for w in _config()["names"]["vi_abbreviations"])


@cache
def _vi_syllables() -> frozenset[str]:
    return frozenset(w.casefold() for w in _config()["names"]["vi_ascii_syllables"])


def _clean_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def group_names(names: Iterable[str]) -> dict[str, list[str]]:
    """{lang: sorted distinct surface forms} (exact, case-sensitive dedupe)."""
    cleaned = sorted({n for n in map(_clean_name, names) if n})
    grouped: dict[str, set[str]] = {}
    for name in cleaned:
        grouped.setdefault(name_language(name, cleaned), set()).add(name)
    return {lang: sorted(forms) for lang, forms in sorted(grouped.items())}


# --- salaries -------------------------------------------------------------------------


def monthly_factor(period: str) -> Fraction:
    """Multiplier from `period` to a month (assumptions in merge.json `salary`), exact."""
    cfg = _config()["salary"]
    days, hours = Fraction(str(cfg["working_days_per_month"])), Fraction(str(cfg["hours_per_day"]))
    factors = {"month": Fraction(1), "year": 1 / Fraction(str(cfg["months_per_year"])), "day": days, "hour": hours * days}
    return factors[period]


def to_monthly_vnd(
    amount: int | Decimal | None, currency: str, period: str, rates: Mapping[str, float]
) -> int | None:
    """`amount` per `period` in `currency` as whole đồng a month (rounded half to even, in exact
    arithmetic); None without a rate."""
    if amount is None:
        return None
    rate = 1 if currency == "VND" else rates.get(currency)
    if rate is None:
        return None
    return round(Fraction(amount) * Fraction(str(rate)) * monthly_factor(period))


def salary_summary(salaries: Iterable[MergedSalary]) -> dict[str, SalarySummary]:
    """Per stat: count of observations and min/median/max over their monthly bounds.

    A single figure counts once, a range gives both bounds. Observations without a
    monthly figure (no rate) and components excluded in merge.json are left out.
    """
    skip = set(_config()["salary"]["summary_exclude_components"])
    counts: dict[str, int] = {}
    figures: dict[str, list[int]] = {}
    for s in salaries:
        if s.component in skip:
            continue
        bounds = sorted({b for b in (s.monthly_vnd, s.monthly_vnd_max) if b is not None})
        if not bounds:
            continue
        counts[s.stat] = counts.get(s.stat, 0) + 1
        figures.setdefault(s.stat, []).extend(bounds)
    return {
        stat: SalarySummary(
            count=counts[stat],
            min=min(vals),
            median=round(statistics.median(Fraction(v) for v in vals)),
            max=max(vals),
        )
        for stat, vals in sorted(figures.items())
    }


def _salary_key(s: MergedSalary) -> tuple:
    return (
        s.doc_id,
        s.start,
        s.end,
        str(s.text),
        -1.0 if s.min is None else s.min,
        -1.0 if s.max is None else s.max,
        s.currency,
        s.period,
        s.stat,
        s.component or "",
        s.region or "",
        s.experience or "",
        s.cited_source or "",
    )


# --- career edges ---------------------------------------------------------------------


def ladder_edges(steps: Iterable[CareerStep]) -> list[tuple[CareerStep, CareerStep]]:
    """(from, to) rung pairs: every rung of one order to every rung of the next order present.

    Rungs sharing a role_id give no edge (a self-loop says nothing about a path).
    """
    by_order: dict[int, list[CareerStep]] = {}
    for step in steps:
        by_order.setdefault(step.order, []).append(step)
    orders = sorted(by_order)
    pairs = []
    for lo, hi in zip(orders, orders[1:], strict=False):
        for a in by_order[lo]:
            for b in by_order[hi]:
                if a.role_id != b.role_id:
                    pairs.append((a, b))
    return pairs


@dataclass(slots=True)
class _EdgeState:
    sources: set[SourceKey] = field(default_factory=set)
    years: set[tuple[str, float | None, float | None]] = field(default_factory=set)

    def edge(self, start: str, end: str) -> CareerEdge:
        mins = [lo for _, lo, _ in self.years if lo is not None]
        maxs = [hi for _, _, hi in self.years if hi is not None]
        return CareerEdge.model_validate(
            {
                "from": start,
                "to": end,
                "min_years": min(mins) if mins else None,
                "max_years": max(maxs) if maxs else None,
                "sources": _sources(self.sources),
                "years_by_source": [
                    EdgeYears(doc_id=d, min_years=lo, max_years=hi)
                    for d, lo, hi in sorted(self.years, key=_years_key)
                ],
            }
        )


def _years_key(y: tuple[str, float | None, float | None]) -> tuple:
    doc, lo, hi = y
    return (doc, lo is not None, lo or 0.0, hi is not None, hi or 0.0)


def merge_rows(doc: DocumentRecord) -> MergeRows:
    """The rows `RoleMerger` needs from one record (a pure function of the record, run where it was extracted)."""
    roles, names, duties, reqs, salaries, edges = [], [], [], [], [], []
    for role in doc.roles:
        rid = role.role_id
        roles.append((rid, role.function, str(role.level)))
        names.extend((rid, name) for name in (role.name, *role.mentions))
        duties.extend((rid, d.text, d.start, d.end) for d in role.duties)
        reqs.extend(
            (rid, str(r.kind), r.min_years, r.max_years, r.text, r.start, r.end) for r in role.requirements
        )
        salaries.extend(
            (rid, s.currency, json.dumps(s.model_dump(mode="json"), ensure_ascii=False))
            for s in role.salaries
        )
        edges.extend(
            (rid, a.role_id, b.role_id, a.start, a.end, b.start, b.end, b.min_years, b.max_years)
            for a, b in ladder_edges(role.career_path)
        )
    return MergeRows(
        doc.doc_id, tuple(roles), tuple(names), tuple(duties), tuple(reqs), tuple(salaries), tuple(edges)
    )


# --- the merger -----------------------------------------------------------------------


class RoleMerger:
    """Streaming: add() one DocumentRecord (or its MergeRows) at a time; memory stays flat.

    What add() receives goes to a `MergeStore` (rows in a temporary SQLite database);
    roles are built one at a time when they are read (`iter_roles`, `json_chunks`), so
    memory holds one role's items, never the corpus. The pipeline skips articles that
    `DuplicateFinder.check` flags, so a duplicate article counts once. Adding the same
    doc_id twice is an error.
    """

    def __init__(self, *, rates: dict[str, float] | None = None, path: str = "") -> None:
        self._rates = configured_rates() if rates is None else dict(rates)
        self._rates_as_of: str | None = _rates_file().get("as_of") if rates is None else None
        self._threshold = fold_threshold()
        self._store = MergeStore(path)

    def add(self, doc: DocumentRecord) -> None:
        self.add_rows(merge_rows(doc))

    def add_rows(self, rows: MergeRows) -> None:
        """add() for rows computed elsewhere (a worker process) with `merge_rows`."""
        self._store.add(rows)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> RoleMerger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def result(self) -> RolesFile:
        """Roles sorted by role_id; every list in a canonical order (independent of add() order)."""
        return RolesFile(roles=list(self.iter_roles()), **self._rates_used())

    def iter_roles(self) -> Iterator[MergedRole]:
        """The merged roles one at a time, sorted by role_id (each built only when asked for)."""
        for role_id in self._store.role_ids():
            yield self._parts(self._store.role(role_id)).whole()

    def _rates_used(self) -> dict[str, Any]:
        used = {c: self._rates[c] for c in self._store.currencies() if c != "VND" and c in self._rates}
        return {"exchange_rates": used, "exchange_rates_as_of": self._rates_as_of if used else None}

    def json_chunks(self, skeleton: list[MergedRole] | None = None) -> Iterator[str]:
        """roles.json as text pieces, byte-identical to `canonical_json(self.result(), sort_mappings=True)`, with one
        merged role in memory at a time (the whole file is never built: it grows with the corpus).
        `skeleton`, when given, receives each role without its items (for the career graph)."""
        head = RolesFile(**self._rates_used())
        yield '{\n  "schema_version": ' + json_text(head.schema_version) + ',\n  "roles": ['
        first = True
        for role_id in self._store.role_ids():
            parts = self._parts(self._store.role(role_id))
            yield ("" if first else ",") + "\n    "
            yield from parts.json_pieces(level=2)
            first = False
            if skeleton is not None:
                skeleton.append(parts.head)
        yield ("\n  ]" if not first else "]")
        for key in ("exchange_rates", "exchange_rates_as_of"):
            yield f',\n  "{key}": ' + json_text(getattr(head, key), level=1, sort_mappings=True)
        yield "\n}\n"

    def _parts(self, rows: RoleRows) -> _RoleParts:
        """One role from its stored rows: items folded, pay converted, ladder edges joined."""
        duties = FoldSet(self._threshold)
        for text, doc, start, end in rows.duties:
            duties.add(text, (doc, start, end))
        folds: dict[tuple[str, Years, Years], FoldSet] = {}
        for kind, lo, hi, text, doc, start, end in rows.requirements:
            folds.setdefault((kind, lo, hi), FoldSet(self._threshold)).add(text, (doc, start, end))
        reqs = sorted(
            ((g[0].source, kept_text(g), kind, lo is None, lo or 0, hi is None, hi or 0), (kind, lo, hi), g)
            for (kind, lo, hi), fold in folds.items()
            for g in fold.groups()
        )
        by_key: dict[tuple, MergedSalary] = {}
        for doc, fields in rows.salaries:
            merged = self._salary(doc, fields)
            by_key.setdefault(_salary_key(merged), merged)
        salaries = [by_key[k] for k in sorted(by_key)]
        edges: dict[tuple[str, str], _EdgeState] = {}
        for src, dst, doc, a0, a1, b0, b1, lo, hi in rows.edges:
            edge = edges.setdefault((src, dst), _EdgeState())
            edge.sources.update({(doc, a0, a1), (doc, b0, b1)})
            edge.years.add((doc, lo, hi))
        head = MergedRole(
            role_id=rows.role_id,
            function=rows.function,
            level=rows.level,
            names=group_names(rows.names),
            sources=sorted(rows.doc_ids),
            career_edges=[edges[k].edge(*k) for k in sorted(edges)],
            salary_summary=salary_summary(salaries),
        )
        return _RoleParts(head, duties.groups(), [(key, g) for _, key, g in reqs], salaries)

    def _salary(self, doc_id: str, fields: dict[str, Any]) -> MergedSalary:
        amount_min, amount_max = fields.get("min"), fields.get("max")
        currency, period = fields["currency"], fields["period"]
        return MergedSalary(
            **fields,
            doc_id=doc_id,
            monthly_vnd=to_monthly_vnd(amount_min, currency, period, self._rates),
            monthly_vnd_max=to_monthly_vnd(amount_max, currency, period, self._rates),
        )


Years = float | None


@dataclass(slots=True)
class _RoleParts:
    """A merged role before its item lists are built: they are made one item at a time when written."""

    head: MergedRole  # every field but duties, requirements and salaries
    duty_groups: list[list[_Member]]
    requirement_groups: list[tuple[tuple[str, Years, Years], list[_Member]]]  # ((kind, lo, hi), group)
    salaries: list[MergedSalary]

    def duties(self) -> Iterator[MergedItem]:
        for g in self.duty_groups:
            yield MergedItem(text=kept_text(g), sources=_sources(m.source for m in g))

    def requirements(self) -> Iterator[MergedRequirement]:
        for (kind, lo, hi), g in self.requirement_groups:
            yield MergedRequirement(
                text=kept_text(g),
                sources=_sources(m.source for m in g),
                kind=kind,
                min_years=lo,
                max_years=hi,
            )

    def whole(self) -> MergedRole:
        update = {
            "duties": list(self.duties()),
            "requirements": list(self.requirements()),
            "salaries": self.salaries,
        }
        return self.head.model_copy(update=update)

    def json_pieces(self, level: int = 0) -> Iterator[str]:
        """`json_text(self.whole(), level=level, sort_mappings=True)`, in pieces: one list item at a time.

        The head is dumped with empty lists; each `"<list>": []` is then replaced by its items.
        The marker cannot occur inside a string value: JSON escapes the quotes and new lines there.
        `level` indents the text as if the role stood that many levels deep.
        """
        nl = "\n" + "  " * level
        text = json_text(self.head, level=level, sort_mappings=True)
        lists: dict[str, Iterator[BaseModel]] = {
            "duties": self.duties(),
            "requirements": self.requirements(),
            "salaries": iter(self.salaries),
        }
        for key, items in lists.items():
            before, text = text.split(f'{nl}  "{key}": []', 1)
            yield before
            yield from _list_pieces(key, items, nl)
        yield text


def _list_pieces(key: str, items: Iterator[BaseModel], nl: str) -> Iterator[str]:
    """`"key": [...]` as a role's dump writes it (at the indent `nl` gives), one item per piece."""
    first = True
    level = (len(nl) - 1) // 2 + 2
    for item in items:
        body = json_text(item, level=level, sort_mappings=True)
        yield (f'{nl}  "{key}": [' if first else ",") + nl + "    " + body
        first = False
    yield f'{nl}  "{key}": []' if first else nl + "  ]"


# --- career graph ---------------------------------------------------------------------


def _graph_edges(roles: RolesFile) -> dict[tuple[str, str], _EdgeState]:
    """Edges of every role's ladders, merged across roles by (from, to)."""
    edges: dict[tuple[str, str], _EdgeState] = {}
    for role in roles.roles:
        for e in role.career_edges:
            state = edges.setdefault((e.from_, e.to), _EdgeState())
            state.sources.update((s.doc_id, s.start, s.end) for s in e.sources)
            state.years.update((y.doc_id, y.min_years, y.max_years) for y in e.years_by_source)
    return edges


def career_graph(roles: RolesFile) -> dict:
    """Nodes (every role_id on a record or an edge) and edges with sources and years.

    Edges are merged across roles by (from, to): the same step told on two roles' ladders
    is one edge. Written as output/career_graph.json.
    """
    edges = _graph_edges(roles)
    records = {r.role_id: r for r in roles.roles}
    ids = sorted(set(records) | {end for key in edges for end in key})
    nodes = []
    for role_id in ids:
        function, level = role_id.split("/", 1)
        rec = records.get(role_id)
        nodes.append(
            {
                "id": role_id,
                "function": function,
                "level": level,
                "has_record": rec is not None,
                "names": rec.names if rec else {},
                "sources": rec.sources if rec else [],
            }
        )
    return {
        "schema_version": roles.schema_version,
        "nodes": nodes,
        "edges": [edges[k].edge(*k).model_dump(mode="json", by_alias=True) for k in sorted(edges)],
    }


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _years_label(lo: float | None, hi: float | None) -> str:
    def fmt(v: float) -> str:
        return f"{v:g}"

    if lo is None and hi is None:
        return ""
    if lo is not None and hi is not None:
        return f"{fmt(lo)} y" if lo == hi else f"{fmt(lo)}-{fmt(hi)} y"
    return f"≥{fmt(lo)} y" if lo is not None else f"≤{fmt(hi)} y"  # type: ignore[arg-type]


def career_dot(roles: RolesFile) -> str:
    """Graphviz DOT text of `career_graph` (deterministic: nodes and edges sorted)."""
    graph = career_graph(roles)
    lines = ["digraph career {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    for node in graph["nodes"]:
        names = node["names"].get("vi") or node["names"].get("en") or []
        label = node["id"] + (f"\n{names[0]}" if names else "")
        style = "" if node["has_record"] else ", style=dashed"
        lines.append(f"  {_dot_quote(node['id'])} [label={_dot_quote(label)}{style}];")
    for edge in graph["edges"]:
        label = _years_label(edge["min_years"], edge["max_years"])
        n = len({s["doc_id"] for s in edge["sources"]})
        label = f"{label} ({n} src)" if label else f"{n} src"
        lines.append(f"  {_dot_quote(edge['from'])} -> {_dot_quote(edge['to'])} [label={_dot_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
