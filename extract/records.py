"""Blocks of one article -> validated RoleRecords.

This stage reads the blocks in order with the section context of each
(sections.assign_contexts), takes the items each kind of section holds (list items,
prose sentences, label/value lines, table cells, pay figures, ladder rungs), gives
each item a role, and builds the records. Every value is a slice of the decoded
source: offsets come from the block's offset map (`Article.evidence`) or a cell's
own offsets (`_evidence_at`).
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache

from pydantic import ValidationError

from extract.document import Block, Cell
from extract.fields.career import Rung, chain_links, dedupe_rungs, prose_steps, years_near
from extract.fields.prose import classify_sentence, is_list_intro
from extract.fields.requirements import requirement_fields
from extract.fields.salaries import SalaryFinding
from extract.lexicon import has_cue, load_data
from extract.models import CareerStep, Evidence, Level, Requirement, RoleRecord, Salary
from extract.roles import RoleMention
from extract.sections import (
    AMBIGUOUS,
    Context,
    assign_contexts,
    fact_kind,
    heading_flags,
    inline_heading_end,
    row_kind,
)
from extract.sentences import sentence_spans

Key = tuple[str, str]
LEVEL_RANK = {level.value: i for i, level in enumerate(Level)}
_GLOSS = re.compile(
    r"^\s*\(\s*(?:hay còn gọi là|còn gọi là|hay|tức là|hoặc|or|also known as|aka|i\.e\.)?\s*$", re.I
)
_BLOCK_GAP = "\n\n"  # between blocks when the article is read in one pass: no name spans it
_ITEM_KEY = re.compile(r"[\s.,;:!?…]+$")
_CLAUSE = re.compile(r"[^,;]+(?:[,;](?!\s)[^,;]*)*", re.UNICODE)


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
    seen: set[tuple[str, str]] = field(default_factory=set)
    headed: set[str] = field(default_factory=set)  # names it is given in a heading about it alone

    def has_content(self) -> bool:
        return bool(self.summary or self.duties or self.requirements or self.salaries or self.career)


class Article:
    """Per-article state: the source, the article's field, role mentions, role accumulators."""

    def __init__(self, blocks: Sequence[Block], source: str) -> None:
        from extract.roles import article_function

        self.source = source
        self.blocks = [b for b in blocks if not b.dropped]
        self.title = _title(self.blocks, source)
        lead = " ".join(b.text for b in self.blocks[:4])
        self.field = article_function(self.title or "", lead)
        self.aliases: dict[str, Key] = {}
        self.mentions = self._block_mentions()
        self.aliases = _gloss_aliases(self.mentions, self.blocks)
        self.mentions = [[self._alias(m) for m in found] for found in self.mentions]
        self.main = self._main_role()
        self.roles: dict[Key, RoleAcc] = defaultdict(RoleAcc)
        self.warnings: list[str] = []
        self.heading: list[bool] = []
        self.pay_spans: dict[int, list[tuple[int, int]]] = {}  # block -> pay figures found in it
        for found in self.mentions:
            for m in found:
                self.roles[m.key].names.append((m.surface, m.explicit))

    def _block_mentions(self) -> list[list[Mention]]:
        """Role names of every block, found in one pass over the article (one spaCy Doc, not
        one per block: the per-Doc set-up dominated the cost), then handed back to their blocks."""
        from extract.roles import find_role_mentions

        starts, parts, pos = [], [], 0
        for b in self.blocks:
            starts.append(pos)
            parts.append(b.text)
            pos += len(b.text) + len(_BLOCK_GAP)
        found: list[list[Mention]] = [[] for _ in self.blocks]
        for m in find_role_mentions(_BLOCK_GAP.join(parts)):
            i = bisect_right(starts, m.start) - 1
            local_start, local_end = m.start - starts[i], m.end - starts[i]
            if local_end <= len(self.blocks[i].text):
                found[i].append(self._mention(m, local_start, local_end, self.blocks[i]))
        return found

    def find_mentions(self, text: str, block: Block | None = None) -> list[Mention]:
        """Role names in `text` with their (function, level) in this article; surfaces from the source."""
        from extract.roles import find_role_mentions

        return [self._mention(m, m.start, m.end, block) for m in find_role_mentions(text)]

    def _mention(self, m: RoleMention, start: int, end: int, block: Block | None) -> Mention:
        from extract.roles import resolve_function

        if block is not None:
            a, b = block.source_span(start, end)
            surface = self.source[a:b]
        else:
            surface = m.text
        key = (resolve_function(m.function, self.field, m.generic), m.level)
        explicit = (
            m.function is not None and key[0] == m.function
        )  # a generic noun that took the field is not
        return self._alias(Mention(key, start, end, surface, explicit))

    def _alias(self, m: Mention) -> Mention:
        key = self.aliases.get(_fold(m.surface))
        return m if key is None else Mention(key, m.start, m.end, m.surface, m.explicit)

    def _main_role(self) -> Key | None:
        """The role the article is about: named in its title or lead, and most talked of."""
        counts: Counter[Key] = Counter()
        for i, found in enumerate(self.mentions):
            for m in found:
                counts[m.key] += (1 if m.explicit else 0.5) + (3 if i == 0 else 0)
        if not counts:
            return None
        return max(counts, key=lambda k: (counts[k], -self._first_index(k)))

    def _first_index(self, key: Key) -> int:
        return next((i for i, found in enumerate(self.mentions) if any(m.key == key for m in found)), 10**9)

    def pay_in(self, idx: int, a: int, b: int) -> bool:
        """'Dưới 1 năm kinh nghiệm: Mức lương 9,8 triệu' states pay, not a requirement (figures
        were found once per block by `_salaries`)."""
        return any(a <= start < b for start, _ in self.pay_spans.get(idx, ()))

    def role_for(self, ctx: Context) -> Key | None:
        if ctx.role == AMBIGUOUS:
            return None
        return ctx.role or self.main

    def evidence(self, block: Block, i: int, j: int) -> Evidence | None:
        a, b = block.source_span(i, j)
        return _evidence_at(self.source, a, b)


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _gloss_aliases(mentions: list[list[Mention]], blocks: Sequence[Block]) -> dict[str, Key]:
    """'Customer Service Executive (hay còn gọi là Chuyên viên … cấp cao)': two names, one role.

    The name that states its level (not the default staff) and its department wins;
    the other name, wherever the article writes it, stands for the same role.
    """
    aliases: dict[str, Key] = {}
    for found, block in zip(mentions, blocks, strict=True):
        for a, b in zip(found, found[1:], strict=False):
            if a.key == b.key or not _GLOSS.match(block.text[a.end : b.start]):
                continue
            keep, drop = (b, a) if _weight(b) > _weight(a) else (a, b)
            aliases.setdefault(_fold(drop.surface), keep.key)
    return aliases


def _weight(m: Mention) -> tuple[bool, bool]:
    return (m.key[1] != "staff", m.explicit)


_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def _readable(text: str) -> str:
    """Markup out of a value's text: HTML entities decoded, markdown emphasis marks dropped."""
    return " ".join(_EMPHASIS.sub("", html_lib.unescape(text)).split())


def _as_read(record: RoleRecord) -> RoleRecord:
    """The record with every text as the page shows it (offsets unchanged)."""

    def fix(items: list) -> list:
        return [item.model_copy(update={"text": _readable(item.text)}) for item in items]

    return record.model_copy(
        update={
            "summary": record.summary.model_copy(update={"text": _readable(record.summary.text)})
            if record.summary
            else None,
            "duties": fix(record.duties),
            "requirements": fix(record.requirements),
            "salaries": fix(record.salaries),
            "career_path": [
                step.model_copy(update={"text": _readable(step.text), "name": _readable(step.name)})
                for step in record.career_path
            ],
            "name": _readable(record.name),
            "mentions": [_readable(m) for m in record.mentions],
        }
    )


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


def extract_roles(
    blocks: Sequence[Block], source: str, warnings: Sequence[str] = (), *, markup: str = "txt"
) -> tuple[str | None, list[RoleRecord], list[str]]:
    """(title, role records, warnings) of one article.

    For an HTML or markdown source the offsets still index the markup, while each text is
    what a reader sees there: entities decoded, emphasis marks dropped, white space collapsed
    ("designers &amp; copywriters" -> "designers & copywriters", "**Requirements:** A …").
    """
    art = Article(blocks, source)
    art.warnings.extend(warnings)
    index = {id(b): i for i, b in enumerate(art.blocks)}
    flags = heading_flags(art.blocks)
    contexts = assign_contexts(
        art.blocks, lambda b: [(m.key, m.start, m.end) for m in art.mentions[index[id(b)]]], flags
    )
    art.heading = flags
    _note_headed_names(art)
    used = _ladders(art, contexts)
    listed = Counter(id(ctx) for ctx, b in zip(contexts, art.blocks, strict=True) if b.kind == "list_item")
    for idx, (block, ctx) in enumerate(zip(art.blocks, contexts, strict=True)):
        if block.kind == "table":
            _table(art, idx, block, ctx)
            continue
        _salaries(art, idx, block, ctx)  # "Mức lương: 10 - 15 triệu" may be a heading
        if flags[idx]:
            continue
        if idx in used:
            continue
        if block.kind == "list_item":
            _list_item(art, idx, block, ctx)
        elif fact_kind(block.text) and len(block.text) < 250 and ctx.kind not in ("other", "benefits"):
            _fact_line(art, block, ctx)
        else:
            _prose(
                art,
                idx,
                block,
                ctx,
                beside_list=listed[id(ctx)] >= 2 and ctx.kind in ("duties", "requirements"),
            )
    records = _records(art)
    if markup in ("html", "md"):
        return _readable(art.title) if art.title else None, [_as_read(r) for r in records], art.warnings
    return art.title, records, art.warnings


def _note_headed_names(art: Article) -> None:
    """The names under which the article presents a role: in a heading (the title included)
    that names that role alone ("## 2. Kế toán kho")."""
    for found, is_heading in zip(art.mentions, art.heading, strict=True):
        if is_heading and found and len({m.key for m in found}) == 1:
            for m in found:
                art.roles[m.key].headed.add(" ".join(m.surface.split()))


def _list_item(art: Article, idx: int, block: Block, ctx: Context) -> None:
    if is_list_intro(block.text):
        return
    if _role_colon_item(art, idx, block, ctx):
        return
    kind = ctx.kind
    if kind == "faq":
        if block.text.rstrip().endswith("?"):
            return
        kind = {"requirement": "requirements", "duty": "duties"}.get(
            classify_sentence(block.text, None, []) or "", None
        )
    if kind not in ("duties", "requirements") or art.pay_in(idx, 0, len(block.text)):
        return
    role = art.role_for(ctx) or _subject(art.mentions[idx], block.text, 0)
    ev = art.evidence(block, 0, len(block.text))
    if role is not None and ev is not None:
        _add_item(art, role, kind, ev)


def _role_colon_item(art: Article, idx: int, block: Block, ctx: Context) -> bool:
    """'Nhân viên lễ tân (Front Desk Agent): Tiếp đón khách hàng, …': a duty of the role it names."""
    found = art.mentions[idx]
    if not found or found[0].start > 2 or ctx.kind in ("other", "benefits", "requirements"):
        return False
    colon = block.text.find(":", found[0].end)
    if (
        colon < 0
        or colon - found[0].end > 40
        or any(
            m.start < colon and m is not found[0] and m.key != found[0].key
            for m in found[1:]
            if m.start < colon and "(" not in block.text[found[0].end : m.start]
        )
    ):
        return False
    rest = block.text[colon + 1 :]
    if len(rest.split()) < 3:
        return False
    ev = art.evidence(block, colon + 1 + (len(rest) - len(rest.lstrip())), len(block.text))
    if ev is not None:
        _add_item(art, found[0].key, "duties", ev)
    return True


def _fact_line(art: Article, block: Block, ctx: Context) -> None:
    role = art.role_for(ctx)
    ev = art.evidence(block, inline_heading_end(block.text), len(block.text))
    if role is not None and ev is not None:
        _add_item(art, role, "requirements", ev)


@cache
def _subject_prefixes() -> frozenset[str]:
    return frozenset(load_data("cues.json")["subject_prefix"])


def _subject(mentions: Sequence[Mention], text: str, sentence_start: int) -> Key | None:
    """The role a sentence is about: a role name that opens it, after connectives only
    ("Còn trưởng phòng …", "Typically, nurses …"), not one that is an object ("Hỗ trợ bác sỹ …")."""
    prefix_words = _subject_prefixes()
    for m in mentions:
        if m.start < sentence_start:
            continue
        before = text[sentence_start : m.start].lower()
        words = [w.strip(",;:-–—\"'“”()") for w in before.split()]
        if all(not w or w in prefix_words for w in words) and len(words) <= 4:
            return m.key
        return None
    return None


def _prose(art: Article, idx: int, block: Block, ctx: Context, *, beside_list: bool = False) -> None:
    if ctx.kind not in (None, "duties", "requirements", "summary", "faq"):
        return
    section = None if ctx.kind == "faq" else ctx.kind
    mentions = art.mentions[idx]
    for a, b in sentence_spans(block.text):
        local = [(m.start - a, m.end - a) for m in mentions if a <= m.start < b]
        kind = classify_sentence(block.text[a:b], section, local, beside_list=beside_list)
        if kind is None or (ctx.kind == "faq" and kind == "duty") or art.pay_in(idx, a, b):
            continue
        inside = [m for m in mentions if a <= m.start < b]
        role = _subject(inside, block.text, a) or art.role_for(ctx)
        if role is None:
            continue
        ev = art.evidence(block, a, b)
        if ev is None:
            continue
        if kind == "definition":
            acc = art.roles[role]
            if acc.summary is None and ctx.kind in ("summary", None):
                acc.summary = ev
            continue
        _add_item(art, role, "duties" if kind == "duty" else "requirements", ev)


def _item_key(text: str) -> str:
    return _ITEM_KEY.sub("", " ".join(text.casefold().split()))


def _add_item(art: Article, role: Key, kind: str, ev: Evidence) -> None:
    """Add a duty or requirement once per role (a caption repeating a sentence is the same item)."""
    acc = art.roles[role]
    key = (kind, _item_key(ev.text))
    if key in acc.seen:
        return
    acc.seen.add(key)
    if kind == "duties":
        acc.duties.append(ev)
        return
    try:
        acc.requirements.append(Requirement(**ev.model_dump(), **requirement_fields(ev.text)))
    except ValidationError as err:  # one odd item must not cost the article
        art.warnings.append(f"requirement at {ev.start}-{ev.end} dropped: {err.errors()[0]['msg']}")


# --- salaries -------------------------------------------------------------------------


def _salary(ev: Evidence, finding: SalaryFinding) -> Salary:
    """A pay figure read by the salary extractor, placed where it stands in the source."""
    fields = {k: v for k, v in asdict(finding).items() if k not in ("start", "end")}
    return Salary(**ev.model_dump(), **fields)


def _add_salary(art: Article, role: Key, ev: Evidence, finding: SalaryFinding) -> None:
    """One item per figure: the same figure restated later is not a new observation."""
    try:
        sal = _salary(ev, finding)
    except ValidationError as err:
        art.warnings.append(f"pay figure at {ev.start}-{ev.end} dropped: {err.errors()[0]['msg']}")
        return
    acc = art.roles[role]
    if not any(_restates(sal, s) for s in acc.salaries):
        acc.salaries.append(sal)


def _restates(a: Salary, b: Salary) -> bool:
    """The same figure again, unless a label tells them apart: $55,000 as the mid-career base
    and as the entry-level total are two observations; a label one of them lacks is no difference."""
    if (a.min, a.max, a.currency, a.period) != (b.min, b.max, b.currency, b.period):
        return False
    pairs = ((a.component, b.component), (a.experience, b.experience), (a.region, b.region))
    return all(x is None or y is None or x == y for x, y in pairs)


def _pay_context(art: Article, idx: int, ctx: Context) -> str:
    """What a pay figure reads its label, unit and period from: the section heading and the
    lines around it ("195 - 260 triệu" / "/năm" / "Tổng lương"). Kept local, so that the cost
    per figure does not grow with the section."""
    lo, hi = max(0, idx - 1), min(len(art.blocks), idx + 2)
    heading = [ctx.heading.text] if ctx.heading is not None and ctx.heading is not art.blocks[lo] else []
    return "\n".join(heading + [b.text for b in art.blocks[lo:hi]])


def _salaries(art: Article, idx: int, block: Block, ctx: Context) -> None:
    """Pay figures of one block, each given to the role named before it in its sentence, else
    to the section's role; a figure in a clause about "all occupations" is not this role's pay."""
    from extract.fields.salaries import find_salaries

    if not any(ch.isdigit() for ch in block.text):
        return
    findings = find_salaries(block.text, context=_pay_context(art, idx, ctx))
    art.pay_spans[idx] = [(f.start, f.end) for f in findings]
    if not findings:
        return
    excluded = load_data("cues.json")["salary_exclude"]
    mentions = art.mentions[idx]
    sentences = sentence_spans(block.text)
    for f in findings:
        a, b = next(((a, b) for a, b in sentences if a <= f.start < b), (0, len(block.text)))
        clause = next(
            (
                block.text[a + m.start() : a + m.end()]
                for m in _CLAUSE.finditer(block.text[a:b])
                if a + m.start() <= f.start < a + m.end()
            ),
            block.text[a:b],
        )
        if has_cue(clause.lower(), excluded):
            continue  # "…, compared with $46,310 for all occupations"
        before = [m for m in mentions if a <= m.start < f.start]
        role = before[-1].key if before else art.role_for(ctx)
        ev = art.evidence(block, f.start, f.end)
        if role is not None and ev is not None:
            _add_salary(art, role, ev, f)


# --- tables ---------------------------------------------------------------------------


def _cell_roles(art: Article, cells: Sequence[Cell]) -> list[Key | None]:
    """The role each header cell names (None for a label cell)."""
    out: list[Key | None] = []
    for cell in cells:
        found = art.find_mentions(cell.text)
        out.append(found[0].key if found and found[0].start < 3 else None)
        for m in found:
            art.roles[m.key].names.append((art.source[cell.start : cell.end].strip(), m.explicit))
    return out


def _cell_items(source: str, cell: Cell) -> list[Evidence]:
    """One item per line of a list-like cell (its "- " lines), else the whole cell."""
    parts = cell.items or (cell,)
    return [ev for part in parts if (ev := _evidence_at(source, part.start, part.end)) is not None]


def _table(art: Article, idx: int, block: Block, ctx: Context) -> None:
    """Pay cells go to their column's role; duty/requirement rows of a comparison table too."""
    from extract.fields.salaries import salaries_from_table

    rows = block.rows or []
    if not rows:
        return
    header_roles = _cell_roles(art, rows[0])
    column_roles = header_roles if any(header_roles[1:]) else None
    default = art.role_for(ctx)
    following = art.blocks[idx + 1].text if idx + 1 < len(art.blocks) else ""
    texts = [[c.text for c in row] for row in rows]
    for r, c, f in salaries_from_table(texts, unit_text=following):
        cell = rows[r][c]
        if cell.ambiguous:
            continue
        role = (column_roles[c] if column_roles and c < len(column_roles) else None) or default
        ev = _evidence_at(art.source, cell.start, cell.end)
        if role is not None and ev is not None:
            _add_salary(art, role, ev, f)
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


def _ladders(art: Article, contexts: Sequence[Context]) -> set[int]:
    """Find every ladder; returns the blocks whose text was read as rungs."""
    used: set[int] = set()
    by_section: dict[int, list[int]] = defaultdict(list)
    for i, ctx in enumerate(contexts):
        if ctx.kind == "career" and i != ctx.section:
            by_section[ctx.section].append(i)
    for section, idxs in by_section.items():
        rungs, rung_blocks = _rungs(art, idxs)
        rungs = _climbing_prefix(rungs)
        if len(rungs) >= 2:
            owner_ctx = contexts[section] if section >= 0 else contexts[idxs[0]]
            _add_ladder(art, _ladder_owner(art, owner_ctx, rungs), rungs)
            used |= {j for j in rung_blocks if j <= rungs[-1].block}
    for run in _numbered_runs(art, contexts):
        if run[0] in used:
            continue
        rungs, rung_blocks = _rungs(art, run)
        if len(rungs) >= 3 and len(rung_blocks) == len(run) and len(_climbing_prefix(rungs)) == len(rungs):
            _add_ladder(art, _ladder_owner(art, contexts[run[0]], rungs), rungs)
            used |= rung_blocks
    for i, block in enumerate(art.blocks):
        found = art.mentions[i]
        if i not in used and (rungs := _chain_rungs(block, found, i)):
            _add_ladder(art, _ladder_owner(art, contexts[i], rungs), rungs)
            used.add(i)
    return used


def _ladder_owner(art: Article, ctx: Context, rungs: Sequence[Rung]) -> Key:
    """The role whose path the ladder is: its section's role; in a section about several roles,
    the article's main role when it is a rung; else the first rung."""
    role = art.role_for(ctx)
    if role is None and art.main in {r.key for r in rungs}:
        return art.main
    return role or rungs[0].key


def _chain_rungs(block: Block, found: Sequence[Mention], j: int) -> list[Rung]:
    """The rungs of an arrow chain in the block ("A → B → C"), with the years written after each."""
    links = chain_links(block.text, [(m.start, m.end) for m in found])
    return [
        Rung(
            found[k.index].key,
            *block.source_span(found[k.index].start, found[k.index].end),
            k.min_years,
            k.max_years,
            j,
        )
        for k in links
    ]


def _rungs(art: Article, idxs: Sequence[int]) -> tuple[list[Rung], set[int]]:
    """Blocks that open with a role name (headings, list items, short lines) are rungs; so is
    every name of an arrow chain. A section with no such rungs may tell its ladder in prose."""
    rungs: list[Rung] = []
    blocks: set[int] = set()
    prose: list[int] = []
    for j in idxs:
        block, found = art.blocks[j], art.mentions[j]
        if not found:
            continue
        if chain := _chain_rungs(block, found, j):  # "A → B → C" inside the section: each name a rung
            rungs.extend(chain)
            blocks.add(j)
            continue
        if block.kind == "paragraph" and not art.heading[j] and not block.text.rstrip().endswith(":"):
            prose.append(j)
        m = found[0]
        short = len(block.text) < 120 or block.kind == "list_item" or art.heading[j]
        if not short or m.start > 30:
            continue
        lo, hi = years_near(block.text)
        rungs.append(Rung(m.key, *block.source_span(m.start, m.end), lo, hi, j))
        blocks.add(j)
    rungs = dedupe_rungs(rungs, art.source)
    if len(rungs) < 2 and prose:
        return _prose_rungs(art, prose)
    return rungs, blocks


def _prose_rungs(art: Article, idxs: Sequence[int]) -> tuple[list[Rung], set[int]]:
    """A ladder told in the paragraphs of a career section ("Từ nhân viên kinh doanh, bạn có
    thể lên trưởng nhóm, rồi trưởng phòng"): the names it climbs through, in order."""
    found = [(j, m) for j in idxs for m in art.mentions[j]]
    steps = prose_steps([(m.surface, LEVEL_RANK.get(m.key[1], 0)) for _, m in found])
    rungs = [
        Rung(m.key, *art.blocks[j].source_span(m.start, m.end), None, None, j)
        for j, m in (found[k] for k in steps)
    ]
    return rungs, {r.block for r in rungs}


def _numbered_runs(art: Article, contexts: Sequence[Context]) -> list[list[int]]:
    """Consecutive numbered list items of one section ("1. …", "2. …")."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, block in enumerate(art.blocks):
        numbered = block.kind == "list_item" and any(ch.isdigit() for ch in block.marker)
        if numbered and (not current or contexts[current[-1]] is contexts[i]):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = [i] if numbered else []
    if current:
        runs.append(current)
    return runs


def _climbing_prefix(rungs: list[Rung]) -> list[Rung]:
    """The rungs up to the first one that steps down: a ladder climbs; what follows is something else."""
    for i in range(1, len(rungs)):
        if LEVEL_RANK.get(rungs[i].key[1], 0) < LEVEL_RANK.get(rungs[i - 1].key[1], 0):
            return rungs[:i]
    return rungs


def _add_ladder(art: Article, owner: Key, rungs: list[Rung]) -> None:
    acc = art.roles[owner]
    if len(acc.career) >= len(rungs):
        return
    acc.career = []
    for order, r in enumerate(rungs, start=1):
        text = art.source[r.start : r.end]
        acc.career.append(
            CareerStep(
                text=text,
                start=r.start,
                end=r.end,
                order=order,
                name=text,
                role_id=f"{r.key[0]}/{r.key[1]}",
                min_years=r.min_years,
                max_years=r.max_years,
            )
        )


# --- records --------------------------------------------------------------------------


def _best_name(
    names: list[tuple[str, bool]], title: str, headed: set[str] = frozenset()
) -> tuple[str, list[str]]:
    """The fullest name (with its department word, as a heading about the role gives it,
    longest, as the title writes it, singular), and every other form seen. A heading wins over
    length: in "## Kế toán kho" the role is presented as that, whatever longer name a
    requirement or a ladder mentions in passing."""
    forms = list(dict.fromkeys(" ".join(n.split()) for n, _ in names if n.strip()))
    explicit = {" ".join(n.split()) for n, e in names if e}
    in_title = title.casefold()
    folded = {f.casefold() for f in forms}

    def rank(n: str) -> tuple:
        plural = n.endswith("s") and n[:-1].casefold() in folded
        return (
            n in explicit,
            n in headed,
            len(n) - plural,
            n.casefold() in in_title,
            not plural,
            -forms.index(n),
        )

    best = max(forms, key=rank)
    return best, [f for f in forms if f != best]


def _records(art: Article) -> list[RoleRecord]:
    records = []
    for key, acc in art.roles.items():
        if not (acc.has_content() or key == art.main) or not acc.names:
            continue
        name, mentions = _best_name(acc.names, art.title or "", acc.headed)
        function, level = key
        records.append(
            RoleRecord(
                role_id=f"{function}/{level}",
                function=function,
                level=level,
                name=name,
                mentions=mentions,
                summary=acc.summary,
                duties=acc.duties,
                requirements=acc.requirements,
                salaries=acc.salaries,
                career_path=acc.career,
            )
        )
    first_seen = {key: i for i, key in enumerate(art.roles)}
    main = f"{art.main[0]}/{art.main[1]}" if art.main else ""
    records.sort(key=lambda r: (r.role_id != main, first_seen[(r.function, r.level)]))
    return records
