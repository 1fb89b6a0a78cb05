"""Roles across articles: one MergedRole per role_id (SPEC section 3), and the career graph.

`RoleMerger` is fed one DocumentRecord (or its `MergeRows`) at a time and sends everything to a
`MergeStore` (SQLite), so a run never holds every document. The outputs are read back from
the store already sorted and written piece by piece (`write.Streamed`): roles.json role by
role and item by item (`json_chunks`), career_graph.json and .dot node by node and edge by
edge (`graph_chunks`, `dot_chunks`). Memory holds one role's distinct item texts (to fold
them), never a list that grows with the articles: sources, doc_ids, salaries and edge years
are streamed from SQL. Everything written is a function of the *set* of records added,
never of their order:

- names: every name and mention, grouped by language (`name_language`), sorted, exact dedupe;
- duties and requirements: near-duplicates folded by single linkage (`FoldSet`, over the
  distinct texts): two items fold when `similar` says so, and folding is transitive.
  Components of a graph do not depend on the order its edges were found in, which is what
  makes the fold order-independent. Kept text: the longest; ties by first source (doc_id,
  start, end), then text. The sources of each folded group are read from the store by a
  join of its rows with the group of each text;
- salaries: every distinct observation kept, with `monthly_vnd` (and `monthly_vnd_max`),
  read in source order; a per-stat summary whose median is read by rank from a scratch
  table of the monthly figures; disagreeing figures all stay;
- career edges: consecutive ladder rungs (order k -> next order), years of the `to` rung,
  merged by (from, to) in SQL: per role in roles.json, across roles in the career graph.

`result()` and `iter_roles()` build the same roles whole (for library users and tests);
`career_graph` and `career_dot` build the graph whole from them: the streamed text equals both.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz, process

from extract.lexicon import load_data
from extract.merge_store import DUTIES, REQUIREMENTS, ItemKey, MergeRows, MergeStore, SourceKey
from extract.models import (
    SCHEMA_VERSION,
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
from extract.write import Streamed, json_pieces

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
    source: SourceKey  # the text's first source


class FoldSet:
    """Items of one list of one role, folded by single linkage with union-find.

    One member per distinct text, with the first source it was added with: a role told in
    thousands of articles repeats its items, and what folding and the kept text need of a
    text is the text and its first source (every other source is read back from the store
    when the item is written).

    Each new text is compared with every distinct folded text already held: quadratic in the
    distinct items of one role (under 4 s for 3000 items drawn from a 30-word vocabulary, a
    worst case). Mitigations: a text whose folded form is held already joins its twin without
    any comparison (its links are the twin's links); a cheap prefilter runs token_sort_ratio
    over all held texts in rapidfuzz's C loop with the cutoff the mean needs
    (2*threshold-100), and only survivors get the full score. For much larger roles a
    MinHash/LSH prefilter over word shingles would bound the candidates.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._members: list[_Member] = []
        self._parent: list[int] = []
        self._by_text: dict[str, int] = {}
        self._by_norm: dict[str, int] = {}
        self._firsts: list[str] = []

    def add(self, text: str, source: SourceKey) -> None:
        held = self._by_text.get(text)
        if held is not None:  # a text seen again: only its first source matters
            if source < self._members[held].source:
                self._members[held] = replace(self._members[held], source=source)
            return
        norm = fold_text(text)
        twin = self._by_norm.get(norm)
        if twin is not None:  # the same folded form: share one copy of it
            first = self._members[twin]
            member = _Member(text, first.norm, first.digits, source)
        else:
            member = _Member(text, norm, _digit_runs(norm), source)
        index = len(self._members)
        self._members.append(member)
        self._parent.append(index)
        self._by_text[text] = index
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
            first = self._members[other]
            if self._find(other) == self._find(index):
                continue
            if _digits_agree(member.digits, first.digits) and _score(norm, held_norm, self.threshold):
                self._union(index, other)

    def groups(self) -> list[list[_Member]]:
        """Folded groups of distinct texts, each sorted by first source; groups in order of their first source."""
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


@cache
def monthly_factor(period: str) -> Fraction:
    """Multiplier from `period` to a month (assumptions in merge.json `salary`), exact (cached: every
    salary is converted twice when roles.json is written, for the summary and for the list)."""
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


def salary_summary(salaries: Iterable[MergedSalary], store: MergeStore) -> dict[str, SalarySummary]:
    """Per stat: count of observations and min/median/max over their monthly bounds.

    A single figure counts once, a range gives both bounds. Observations without a
    monthly figure (no rate) and components excluded in merge.json are left out. The bounds
    go to the store's scratch figures and the median is read there by rank: a role told in
    many articles has as many figures, never held here.
    """
    skip = set(_config()["salary"]["summary_exclude_components"])
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    lows: dict[str, int] = {}
    highs: dict[str, int] = {}

    def figures() -> Iterator[tuple[str, int]]:
        for s in salaries:
            if s.component in skip:
                continue
            bounds = sorted({b for b in (s.monthly_vnd, s.monthly_vnd_max) if b is not None})
            if not bounds:
                continue
            stat = s.stat
            counts[stat] = counts.get(stat, 0) + 1
            sizes[stat] = sizes.get(stat, 0) + len(bounds)
            lows[stat] = min(lows.get(stat, bounds[0]), bounds[0])
            highs[stat] = max(highs.get(stat, bounds[-1]), bounds[-1])
            for b in bounds:
                yield str(stat), b

    store.set_figures(figures())
    summary = {}
    for stat in sorted(counts):
        n = sizes[stat]
        middle = store.figures(str(stat), (n - 1) // 2, 2 - n % 2)  # one figure, or the two around the middle
        summary[stat] = SalarySummary(
            count=counts[stat], min=lows[stat], median=round(Fraction(sum(middle), len(middle))), max=highs[stat]
        )
    return summary


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
            (rid, s.currency, s.start, s.end, json.dumps(s.model_dump(mode="json"), ensure_ascii=False))
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

    What add() receives goes to a `MergeStore` (rows in a temporary SQLite database). The
    outputs are read back from it already sorted, one role and one item at a time
    (`json_chunks`, `graph_chunks`, `dot_chunks`): memory holds one role's distinct item
    texts, never a list that grows with the articles. The pipeline skips articles that
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
        """The merged roles one at a time, sorted by role_id (each built whole only when asked for)."""
        for role_id in self._store.role_ids():
            yield _whole(self._role(role_id))

    def role_count(self) -> int:
        return self._store.role_count()

    def _rates_used(self) -> dict[str, Any]:
        used = {c: self._rates[c] for c in self._store.currencies() if c != "VND" and c in self._rates}
        return {"exchange_rates": used, "exchange_rates_as_of": self._rates_as_of if used else None}

    def json_chunks(self) -> Iterator[str]:
        """roles.json as text pieces, byte-identical to `canonical_json(self.result(), sort_mappings=True)`:
        one item (or source) of one role at a time, since a role told in many articles has long lists."""
        roles = (self._role(role_id) for role_id in self._store.role_ids())
        yield from json_pieces(Streamed(RolesFile(**self._rates_used()), {"roles": roles}), sort_mappings=True)
        yield "\n"

    def graph_chunks(self) -> Iterator[str]:
        """career_graph.json as text pieces, byte-identical to `canonical_json(career_graph(self.result()))`,
        read from the store: no role's doc_ids nor any edge's sources are held whole."""
        head = {"schema_version": SCHEMA_VERSION, "nodes": [], "edges": []}
        yield from json_pieces(Streamed(head, {"nodes": self._graph_nodes(), "edges": self._edges()}))
        yield "\n"

    def dot_chunks(self) -> Iterator[str]:
        """career_graph.dot as text pieces, the same text as `career_dot(self.result())`."""
        yield _DOT_HEAD
        for role_id, has_record in self._store.nodes():
            yield _dot_node(role_id, group_names(self._store.names(role_id)), has_record)
        for src, dst, lo, hi, docs in self._store.edges():
            yield _dot_edge(src, dst, lo, hi, docs)
        yield "}\n"

    def _role(self, role_id: str) -> Streamed:
        """One merged role to be written: its head now, its lists read from the store as they are written."""
        function, level = self._store.role(role_id)
        head = MergedRole(
            role_id=role_id,
            function=function,
            level=level,
            names=group_names(self._store.names(role_id)),
            salary_summary=salary_summary(self._salaries(role_id), self._store),
        )
        lists = {
            "sources": self._store.doc_ids(role_id),
            "duties": self._duties(role_id),
            "requirements": self._requirements(role_id),
            "salaries": self._salaries(role_id),
            "career_edges": self._edges(role_id),
        }
        return Streamed(head, lists)

    def _duties(self, role_id: str) -> Iterator[Streamed]:
        """Folded duties in order of their first source, each with every source of its group."""
        fold = FoldSet(self._threshold)
        for _, text, source in self._store.item_texts(role_id, DUTIES):
            fold.add(text, source)
        groups = [(_DUTY_KEY, g) for g in fold.groups()]
        for _, g, sources in self._group_sources(role_id, DUTIES, groups):
            yield Streamed(MergedItem.model_construct(text=kept_text(g), sources=[]), {"sources": sources})

    def _requirements(self, role_id: str) -> Iterator[Streamed]:
        """Folded requirements (kind and years must agree), in order of first source, kept text, key."""
        folds: dict[ItemKey, FoldSet] = {}
        for key, text, source in self._store.item_texts(role_id, REQUIREMENTS):
            folds.setdefault(key, FoldSet(self._threshold)).add(text, source)
        reqs = sorted(
            ((g[0].source, kept_text(g), kind, lo is None, lo or 0, hi is None, hi or 0), (kind, lo, hi), g)
            for (kind, lo, hi), fold in folds.items()
            for g in fold.groups()
        )
        for (kind, lo, hi), g, sources in self._group_sources(role_id, REQUIREMENTS, [(k, g) for _, k, g in reqs]):
            head = MergedRequirement.model_construct(
                text=kept_text(g), sources=[], kind=kind, min_years=lo, max_years=hi
            )
            yield Streamed(head, {"sources": sources})

    def _group_sources(
        self, role_id: str, list_: int, groups: list[tuple[ItemKey, list[_Member]]]
    ) -> Iterator[tuple[ItemKey, list[_Member], Iterator[Source]]]:
        """Each (key, group) as given, with every source of its texts streamed from the store, sorted.

        The sources come from one query ordered by group: read each group's before the next.
        """
        mapping = ((key, m.text, i) for i, (key, g) in enumerate(groups) for m in g)
        rows = groupby(self._store.group_sources(role_id, list_, mapping), key=itemgetter(0))
        for (key, g), (_, sources) in zip(groups, rows, strict=True):
            yield key, g, (Source(doc_id=d, start=start, end=end) for _, d, start, end in sources)

    def _salaries(self, role_id: str) -> Iterator[MergedSalary]:
        """Every distinct observation (by `_salary_key`) in key order, read from the store in source order:
        only the observations of one source span are sorted here."""
        for _, rows in groupby(self._store.salaries(role_id), key=itemgetter(0, 1, 2)):
            by_key: dict[tuple, MergedSalary] = {}
            for doc, _, _, data in rows:
                merged = self._salary(doc, json.loads(data))
                by_key.setdefault(_salary_key(merged), merged)
            for key in sorted(by_key):
                yield by_key[key]

    def _salary(self, doc_id: str, fields: dict[str, Any]) -> MergedSalary:
        amount_min, amount_max = fields.get("min"), fields.get("max")
        currency, period = fields["currency"], fields["period"]
        return MergedSalary(
            **fields,
            doc_id=doc_id,
            monthly_vnd=to_monthly_vnd(amount_min, currency, period, self._rates),
            monthly_vnd_max=to_monthly_vnd(amount_max, currency, period, self._rates),
        )

    def _edges(self, role_id: str | None = None) -> Iterator[Streamed]:
        """Career edges merged by (from, to), sorted: of one role's ladders, or (None) of every role's."""
        for src, dst, lo, hi, _ in self._store.edges(role_id):
            head = CareerEdge.model_construct(
                from_=src, to=dst, min_years=lo, max_years=hi, sources=[], years_by_source=[]
            )
            sources = (Source(doc_id=d, start=a, end=b) for d, a, b in self._store.edge_sources(src, dst, role_id))
            years = (
                EdgeYears(doc_id=d, min_years=y0, max_years=y1)
                for d, y0, y1 in self._store.edge_years(src, dst, role_id)
            )
            yield Streamed(head, {"sources": sources, "years_by_source": years})

    def _graph_nodes(self) -> Iterator[Streamed]:
        """The nodes of `career_graph`, each role's doc_ids streamed."""
        for role_id, has_record in self._store.nodes():
            function, level = role_id.split("/", 1)
            head = {
                "id": role_id,
                "function": function,
                "level": level,
                "has_record": has_record,
                "names": group_names(self._store.names(role_id)),
                "sources": [],
            }
            yield Streamed(head, {"sources": self._store.doc_ids(role_id)})


_DUTY_KEY: ItemKey = ("", None, None)  # duties have no kind nor years: all of a role's fold together


def _whole(value: Streamed) -> Any:
    """A streamed object read whole and validated as its model (for `result()` and `iter_roles()`)."""
    head = value.head
    lists = {key: [_whole(v) if isinstance(v, Streamed) else v for v in items] for key, items in value.lists.items()}
    return type(head).model_validate({**dict(head), **lists})


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
    """Nodes (every role_id on a record or an edge) and edges with sources and years, built whole
    from merged roles (a run streams the same text from its store: `RoleMerger.graph_chunks`).

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


_DOT_HEAD = 'digraph career {\n  rankdir=LR;\n  node [shape=box, fontname="Helvetica"];\n'


def _dot_node(role_id: str, names: Mapping[str, list[str]], has_record: bool) -> str:
    """A node's line: its id and first name (Vietnamese first); dashed when it has no record."""
    first = names.get("vi") or names.get("en") or []
    label = role_id + (f"\n{first[0]}" if first else "")
    style = "" if has_record else ", style=dashed"
    return f"  {_dot_quote(role_id)} [label={_dot_quote(label)}{style}];\n"


def _dot_edge(src: str, dst: str, lo: float | None, hi: float | None, docs: int) -> str:
    """An edge's line, labelled with its years and how many articles tell it."""
    label = _years_label(lo, hi)
    label = f"{label} ({docs} src)" if label else f"{docs} src"
    return f"  {_dot_quote(src)} -> {_dot_quote(dst)} [label={_dot_quote(label)}];\n"


def career_dot(roles: RolesFile) -> str:
    """Graphviz DOT text of `career_graph` (deterministic: nodes and edges sorted), built whole
    from merged roles (a run streams the same text: `RoleMerger.dot_chunks`)."""
    graph = career_graph(roles)
    lines = [_DOT_HEAD]
    for node in graph["nodes"]:
        lines.append(_dot_node(node["id"], node["names"], node["has_record"]))
    for edge in graph["edges"]:
        n = len({s["doc_id"] for s in edge["sources"]})
        lines.append(_dot_edge(edge["from"], edge["to"], edge["min_years"], edge["max_years"], n))
    lines.append("}\n")
    return "".join(lines)
