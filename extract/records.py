"""Blocks of one article -> validated RoleRecords.

This stage reads the blocks in order with the section context of each
(sections.assign_contexts), takes the items each kind of section holds (list items,
prose sentences, table cells, pay figures, ladder rungs), gives each item a role, and
builds the records. Every value is a slice of the decoded source: its offsets come
from the block's offset map, in one place (`_evidence`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.document import Block, Cell
from extract.fields.career import Rung, dedupe_rungs, is_chain, years_near
from extract.fields.prose import classify_sentence, is_list_intro
from extract.fields.requirements import requirement_fields
from extract.lexicon import has_cue, load_data
from extract.models import CareerStep, Evidence, Requirement, RoleRecord, Salary
from extract.sections import AMBIGUOUS, Context, assign_contexts, row_kind
from extract.sentences import sentence_spans

Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Mention:
    key: Key
    start: int  # local to the block text
    end: int
    surface: str  # as written in the source
    explicit: bool  # the name carries its own function word


@dataclass
class RoleAcc:
    """What the article says of one role, gathered while reading."""

    names: list[tuple[str, bool]] = field(default_factory=list)
    summary: Evidence | None = None
    duties: list[Evidence] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    salaries: list[Salary] = field(default_factory=list)
    career: list[CareerStep] = field(default_factory=list)

    def has_content(self) -> bool:
        return bool(self.summary or self.duties or self.requirements or self.salaries or self.career)


class Article:
    """Per-article state: the source, the default function, the role accumulators."""

    def __init__(self, blocks: Sequence[Block], source: str) -> None:
        from extract.roles import article_function

        self.source = source
        self.blocks = [b for b in blocks if not b.dropped]
        self.title = _title(self.blocks, source)
        lead = " ".join(b.text for b in self.blocks[:4])
        self.field = article_function(self.title or "", lead)
        self.mentions = [self._mentions(b.text) for b in self.blocks]
        self.main = self._main_role()
        self.roles: dict[Key, RoleAcc] = defaultdict(RoleAcc)
        self.warnings: list[str] = []
        for found in self.mentions:
            for m in found:
                self.roles[m.key].names.append((m.surface, m.explicit))

    # --- roles ---------------------------------------------------------------------

    def _mentions(self, text: str, base: Block | None = None) -> list[Mention]:
        from extract.roles import find_role_mentions

        out = []
        for m in find_role_mentions(text):
            function = m.function or self.field or "general"
            out.append(Mention((function, m.level), m.start, m.end, m.text, m.function is not None))
        return out

    def _main_role(self) -> Key | None:
        if self.blocks and self.title and self.blocks[0].kind in ("heading", "paragraph"):
            explicit = [m for m in self.mentions[0] if m.explicit]
            if explicit:
                return explicit[0].key
            if self.mentions[0]:
                return self.mentions[0][0].key
        counts: dict[Key, int] = defaultdict(int)
        for found in self.mentions[:6]:
            for m in found:
                counts[m.key] += 2 if m.explicit else 1
        if not counts:
            for found in self.mentions:
                for m in found:
                    counts[m.key] += 1
        return max(counts, key=lambda k: (counts[k], k)) if counts else None

    def role_for(self, ctx: Context) -> Key | None:
        if ctx.role == AMBIGUOUS:
            return None
        return ctx.role or self.main

    # --- evidence ------------------------------------------------------------------

    def _evidence(self, block: Block, i: int, j: int) -> Evidence | None:
        a, b = block.source_span(i, j)
        return _evidence_at(self.source, a, b)


def _evidence_at(source: str, a: int, b: int) -> Evidence | None:
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    if b <= a:
        return None
    return Evidence(text=source[a:b], start=a, end=b)


def _title(blocks: Sequence[Block], source: str) -> str | None:
    if not blocks:
        return None
    first = blocks[0]
    if first.kind == "heading" or (len(first.text) < 140 and not first.text.rstrip().endswith(".")):
        return source[first.start : first.end].strip() or None
    return None


# --- the stage ------------------------------------------------------------------------


def extract_roles(blocks: Sequence[Block], source: str) -> tuple[str | None, list[RoleRecord], list[str]]:
    """(title, role records, warnings) of one article."""
    art = Article(blocks, source)
    contexts = assign_contexts(art.blocks, lambda b: _heading_roles(art, b))
    ladder_done: set[int] = set()
    for idx, (block, ctx) in enumerate(zip(art.blocks, contexts, strict=True)):
        if block.kind == "heading":
            continue
        if block.kind == "table":
            _table(art, idx, block, ctx)
            continue
        _salaries(art, idx, block, ctx)
        if ctx.kind == "career" or is_chain(block.text, len(art.mentions[idx])):
            if idx not in ladder_done:
                ladder_done |= _ladder(art, idx, contexts)
            continue
        if block.kind == "list_item":
            _list_item(art, idx, block, ctx)
        else:
            _prose(art, idx, block, ctx)
    return art.title, _records(art), art.warnings


def _heading_roles(art: Article, block: Block) -> list[tuple[Key, int, int]]:
    idx = next(i for i, b in enumerate(art.blocks) if b is block)
    return [(m.key, m.start, m.end) for m in art.mentions[idx]]


def _list_item(art: Article, idx: int, block: Block, ctx: Context) -> None:
    if ctx.kind not in ("duties", "requirements") or is_list_intro(block.text):
        return
    role = art.role_for(ctx) or _subject(art.mentions[idx], 0)
    ev = art._evidence(block, 0, len(block.text))
    if role is None or ev is None:
        return
    _add_item(art, role, ctx.kind, ev)


def _subject(mentions: Sequence[Mention], sentence_start: int) -> Key | None:
    """The role a sentence is about: a role name in its first words."""
    for m in mentions:
        if sentence_start <= m.start < sentence_start + 25:
            return m.key
    return None


def _prose(art: Article, idx: int, block: Block, ctx: Context) -> None:
    if ctx.kind not in (None, "duties", "requirements", "summary"):
        return
    mentions = art.mentions[idx]
    for a, b in sentence_spans(block.text):
        local = [(m.start - a, m.end - a) for m in mentions if a <= m.start < b]
        kind = classify_sentence(block.text[a:b], ctx.kind, local)
        if kind is None:
            continue
        inside = [m for m in mentions if a <= m.start < b]
        role = _subject(inside, a) or art.role_for(ctx)
        if role is None:
            continue
        ev = art._evidence(block, a, b)
        if ev is None:
            continue
        if kind == "definition":
            acc = art.roles[role]
            if acc.summary is None and ctx.kind in ("summary", None):
                acc.summary = ev
            continue
        _add_item(art, role, "duties" if kind == "duty" else "requirements", ev)


def _add_item(art: Article, role: Key, kind: str, ev: Evidence) -> None:
    acc = art.roles[role]
    if kind == "duties":
        if all(d.text != ev.text for d in acc.duties):
            acc.duties.append(ev)
    else:
        if all(r.text != ev.text for r in acc.requirements):
            acc.requirements.append(Requirement(**ev.model_dump(), **requirement_fields(ev.text)))


# --- salaries -------------------------------------------------------------------------


def _salary(ev: Evidence, finding) -> Salary:
    return Salary(
        text=ev.text,
        start=ev.start,
        end=ev.end,
        min=finding.min,
        max=finding.max,
        currency=finding.currency,
        period=finding.period,
        stat=finding.stat,
        component=finding.component,
        region=finding.region,
        experience=finding.experience,
        cited_source=finding.cited_source,
    )


def _add_salary(art: Article, role: Key, sal: Salary) -> None:
    acc = art.roles[role]
    same = (sal.min, sal.max, sal.currency, sal.period)
    if all((s.min, s.max, s.currency, s.period) != same for s in acc.salaries):
        acc.salaries.append(sal)


def _salaries(art: Article, idx: int, block: Block, ctx: Context) -> None:
    from extract.fields.salaries import find_salaries

    if ctx.kind in ("other",) or not any(ch.isdigit() for ch in block.text):
        return
    context = ctx.heading.text if ctx.heading is not None else ""
    excluded = load_data("cues.json")["salary_exclude"]
    mentions = art.mentions[idx]
    for a, b in sentence_spans(block.text):
        sentence = block.text[a:b]
        if has_cue(sentence.lower(), excluded):
            continue
        for f in find_salaries(sentence, context=context):
            before = [m for m in mentions if a <= m.start < a + f.start]
            role = before[-1].key if before else art.role_for(ctx)
            ev = art._evidence(block, a + f.start, a + f.end)
            if role is not None and ev is not None:
                _add_salary(art, role, _salary(ev, f))


# --- tables ---------------------------------------------------------------------------

def _cell_roles(art: Article, cells: Sequence[Cell]) -> list[Key | None]:
    out: list[Key | None] = []
    for cell in cells:
        found = art._mentions(cell.text)
        out.append(found[0].key if found and found[0].start < 3 else None)
        for m in found:
            art.roles[m.key].names.append((art.source[cell.start : cell.end].strip(), m.explicit))
    return out


def _cell_items(source: str, cell: Cell) -> list[Evidence]:
    """One item per line of a list-like cell (its "- " lines), else the whole cell."""
    parts = cell.items or (cell,)
    return [ev for part in parts if (ev := _evidence_at(source, part.start, part.end)) is not None]


def _table(art: Article, idx: int, block: Block, ctx: Context) -> None:
    from extract.fields.salaries import salaries_from_table

    rows = block.rows or []
    if not rows:
        return
    header_roles = _cell_roles(art, rows[0])
    column_roles = header_roles if any(header_roles[1:]) else None
    default = art.role_for(ctx)
    # pay cells: read with the unit line that follows the table
    following = art.blocks[idx + 1].text if idx + 1 < len(art.blocks) else ""
    texts = [[c.text for c in row] for row in rows]
    for r, c, f in salaries_from_table(texts, unit_text=following):
        role = (column_roles[c] if column_roles and c < len(column_roles) else None) or default
        cell = rows[r][c]
        ev = _evidence_at(art.source, cell.start, cell.end)
        if role is not None and ev is not None:
            _add_salary(art, role, _salary(ev, f))
    # duty / requirement rows of a comparison table: one column per role
    for row in rows[1:] if column_roles else []:
        kind = row_kind(row[0].text) if row else None
        if kind not in ("duties", "requirements"):
            continue
        for c, cell in enumerate(row[1:], start=1):
            role = column_roles[c] if c < len(column_roles) else None
            if role is None:
                continue
            for ev in _cell_items(art.source, cell):
                _add_item(art, role, kind, ev)


# --- career ladders -------------------------------------------------------------------


def _ladder(art: Article, idx: int, contexts: Sequence[Context]) -> set[int]:
    """Collect the rungs of the ladder starting at block idx; returns the blocks used."""
    block = art.blocks[idx]
    ctx = contexts[idx]
    used = {idx}
    rungs: list[Rung] = []
    mentions = art.mentions[idx]
    if is_chain(block.text, len(mentions)):
        for m in mentions:
            a, b = block.source_span(m.start, m.end)
            rungs.append(Rung(m.key, a, b))
    else:
        j = idx
        while j < len(art.blocks) and contexts[j] is ctx and art.blocks[j].kind != "heading":
            b = art.blocks[j]
            found = art.mentions[j]
            if found and b.kind == "list_item" or (found and found[0].start < 40 and len(b.text) < 200):
                m = found[0]
                lo, hi = years_near(b.text)
                a0, b0 = b.source_span(m.start, m.end)
                rungs.append(Rung(m.key, a0, b0, lo, hi))
            used.add(j)
            j += 1
    rungs = dedupe_rungs(rungs)
    if len(rungs) < 2:
        return used
    owner = art.role_for(ctx) or rungs[0].key
    acc = art.roles[owner]
    if acc.career:
        return used
    for order, r in enumerate(rungs, start=1):
        text = art.source[r.start : r.end]
        acc.career.append(
            CareerStep(
                text=text, start=r.start, end=r.end, order=order, name=text,
                role_id=f"{r.key[0]}/{r.key[1]}", min_years=r.min_years, max_years=r.max_years,
            )
        )
    return used


# --- records --------------------------------------------------------------------------


def _best_name(names: list[tuple[str, bool]]) -> tuple[str, list[str]]:
    """The fullest name (explicit function, then longest), and every other form seen."""
    forms = list(dict.fromkeys(n.strip() for n, _ in names if n.strip()))
    explicit = {n.strip() for n, e in names if e}
    best = max(forms, key=lambda n: (n in explicit, len(n), -forms.index(n)))
    return best, [f for f in forms if f != best]


def _records(art: Article) -> list[RoleRecord]:
    records = []
    for key, acc in art.roles.items():
        if not (acc.has_content() or key == art.main) or not acc.names:
            continue
        name, mentions = _best_name(acc.names)
        function, level = key
        records.append(
            RoleRecord(
                role_id=f"{function}/{level}", function=function, level=level, name=name, mentions=mentions,
                summary=acc.summary, duties=acc.duties, requirements=acc.requirements, salaries=acc.salaries,
                career_path=acc.career,
            )
        )
    first_seen = {key: i for i, key in enumerate(art.roles)}
    records.sort(key=lambda r: (r.role_id != _rid(art.main), first_seen[(r.function, r.level)]))
    return records


def _rid(key: Key | None) -> str:
    return f"{key[0]}/{key[1]}" if key else ""
