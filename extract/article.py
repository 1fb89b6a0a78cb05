"""Article: what every field stage reads, built once per article from its blocks.

An Article holds the structure of one page and nothing of any field's rules: the kept
blocks, the role names each block holds (found in one pass over the whole article), the
section each block sits in (its kind and the role it speaks of, from the heading tree),
the title, the article's own field and main role, the names a gloss makes one role, and
one accumulator per role that the field stages fill (extract/fields) and
extract/assemble.py turns into records.

What a stage leaves for a later one is a named attribute here (`ladder_blocks`,
`pay_spans`), never a side channel.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any

from extract.blocks import segment
from extract.document import Block, SourceText
from extract.lexicon import load_data
from extract.roles import RoleMention, RoleScan, article_function, resolve_function, scan_roles, stated_levels
from extract.sections import (
    AMBIGUOUS,
    Context,
    assign_contexts,
    classify_heading,
    heading_flags,
    is_role_only,
)
from extract.titles import inverted_in_text, presented_role

Key = tuple[str, str]  # (function, level)
_BLOCK_GAP = "\n\n"  # between blocks when the article is read in one pass: no name spans it


@dataclass(frozen=True, slots=True)
class Mention:
    """A role name in a block: its role in this article and where it stands."""

    key: Key
    start: int  # local to the block text
    end: int
    surface: str  # as written in the source
    explicit: bool  # the name carries its own function word


@dataclass(slots=True)
class Found:
    """One value a stage read: its place in the source (trimmed, never empty) and the
    attributes its record needs (a requirement's kind and years, a salary's figures …)."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class RoleAcc:
    """What the article says of one role, gathered by the field stages."""

    names: list[tuple[str, bool]] = field(default_factory=list)  # (surface, explicit)
    headed: set[str] = field(default_factory=set)  # names a heading about this role alone gives it
    summary: Found | None = None
    duties: list[Found] = field(default_factory=list)
    requirements: list[Found] = field(default_factory=list)
    salaries: list[Found] = field(default_factory=list)
    career: list[Found] = field(default_factory=list)  # one ladder, rungs in order

    def has_content(self) -> bool:
        return bool(self.summary or self.duties or self.requirements or self.salaries or self.career)


@dataclass
class Article:
    """One article's structure, and the accumulators the field stages fill."""

    source: str  # the decoded text: every offset points into it
    media: str  # txt | md | html
    blocks: list[Block]  # kept blocks (dropped debris and captions are gone)
    title: str | None
    title_at: int | None  # the title's block
    field: str | None  # the article's own function, for names with no department word
    mentions: list[list[Mention]]  # per block
    heading: list[bool]  # per block: it opens a section
    contexts: list[Context]  # per block: the section's kind and role
    main: Key | None  # the role the article is about
    roles: dict[Key, RoleAcc]
    columns: dict[int, list[Key | None]]  # table block -> the role each header cell names
    rows: dict[int, list[Mention | None]]  # table block -> the name of the role each row names (a level table)
    warnings: list[str] = field(default_factory=list)
    # left by one stage for a later one
    ladder_blocks: set[int] = field(default_factory=set)  # career: blocks read as ladder rungs
    pay_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # pay: figures per block
    pay_roles: dict[int, set[Key]] = field(default_factory=dict)  # pay: the roles a prose block's figures went to

    @classmethod
    def from_blocks(
        cls, blocks: Sequence[Block], source: str, *, media: str = "txt", warnings: Sequence[str] = ()
    ) -> Article:
        kept = [b for b in blocks if not b.dropped]
        at = _title_at(kept, media)
        title = source[kept[at].start : kept[at].end].strip() or None if at is not None else None
        starts, scan = _scan(kept)
        ends = [start + len(b.text) for start, b in zip(starts, kept, strict=True)]
        title_part = scan.within(starts[at], ends[at]) if at is not None else RoleScan([], [])
        lead = scan.within(starts[0], ends[min(3, len(kept) - 1)]) if kept else RoleScan([], [])
        fn = article_function(title_part, lead)
        heading = heading_flags(kept)
        raw = _presented(kept, *_local(kept, starts, scan), heading, fn, at)
        found = [
            [_resolve(m, source[slice(*b.source_span(m.start, m.end))], fn) for m in ms]
            for b, ms in zip(kept, raw, strict=True)
        ]
        aliases = _gloss_aliases(found, kept)
        mentions = [[_alias(m, aliases) for m in ms] for ms in found]
        contexts = assign_contexts(
            kept, [[(m.key, m.start, m.end) for m in ms] for ms in mentions], heading, marked_depths=media != "txt"
        )
        roles: dict[Key, RoleAcc] = {}
        for ms in mentions:
            for m in ms:
                roles.setdefault(m.key, RoleAcc()).names.append((m.surface, m.explicit))
        for ms, is_heading in zip(mentions, heading, strict=True):
            if is_heading and ms and len({m.key for m in ms}) == 1:  # "## 2. Kế toán kho"
                for m in ms:
                    roles[m.key].headed.add(" ".join(m.surface.split()))
        columns = {
            i: header
            for i, b in enumerate(kept)
            if b.kind == "table" and b.rows and any((header := _header_roles(b, found[i], aliases, roles, source))[1:])
        }
        rows = {}
        for i, b in enumerate(kept):
            if b.kind == "table" and i not in columns:
                named = _row_roles(b, found[i])
                if sum(1 for k in named if k) >= 2:
                    rows[i] = named
        return cls(
            source=source,
            media=media,
            blocks=kept,
            title=title,
            title_at=at,
            field=fn,
            mentions=mentions,
            heading=heading,
            contexts=contexts,
            main=_main_role(mentions, at if at is not None else 0),
            roles=roles,
            columns=columns,
            rows=rows,
            warnings=list(warnings),
        )

    @classmethod
    def from_source(cls, src: SourceText) -> Article:
        return cls.from_blocks(segment(src), src.text, media=src.media, warnings=src.warnings)

    @classmethod
    def from_text(cls, text: str, media: str = "txt") -> Article:
        """The Article of a text (tests, and library callers that run one stage)."""
        return cls.from_source(
            SourceText(doc_id="article", path="<text>", text=text, encoding="utf-8", sha256="", nbytes=0, media=media)  # type: ignore[arg-type]
        )

    # --- queries the stages share -------------------------------------------------------

    def acc(self, key: Key) -> RoleAcc:
        """The accumulator of a role (a role first met by a stage gets one)."""
        return self.roles.setdefault(key, RoleAcc())

    def role_for(self, ctx: Context) -> Key | None:
        """The role a section speaks of: its own, else the article's main role; None when it
        is about several roles at once (each item then needs its own subject)."""
        if ctx.role == AMBIGUOUS:
            return None
        return ctx.role or self.main

    def place(self, block: Block, i: int, j: int) -> Found | None:
        """The source place of `block.text[i:j]`, white space trimmed; None when empty."""
        a, b = block.source_span(i, j)
        return self.place_at(a, b)

    def place_at(self, a: int, b: int) -> Found | None:
        source = self.source
        while a < b and source[a].isspace():
            a += 1
        while b > a and source[b - 1].isspace():
            b -= 1
        return Found(a, b) if b > a else None

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(b): i for i, b in enumerate(self.blocks)}

    def index_of(self, block: Block) -> int:
        """The position of one of the article's blocks (a section's heading)."""
        return self._positions[id(block)]

    def pay_in(self, idx: int, a: int, b: int) -> bool:
        """Whether the pay stage read a figure in `blocks[idx].text[a:b]`."""
        return any(a <= start < b for start, _ in self.pay_spans.get(idx, ()))



def _title_at(blocks: Sequence[Block], media: str = "txt") -> int | None:
    """Which block is the title: the first when it reads as one (a heading, or a short unfinished
    line); on a page that marks its headings, its first top-level heading ("<h1>") when a short
    line of page furniture stands before it ("TopCV | Việc làm | Công ty")."""
    if not blocks:
        return None
    first = blocks[0]
    marked = first.kind == "heading" and first.depth == 1 and "title" not in first.notes
    if media != "txt" and not marked:  # the page's own <h1>, not a line the rules took for a title
        for i, b in enumerate(blocks[1:4], start=1):
            if b.kind == "heading" and b.depth == 1 and "title" not in b.notes:
                return i
    if first.kind == "heading" or (len(first.text) < 140 and not first.text.rstrip().endswith(".")):
        return 0
    return None


def _scan(blocks: Sequence[Block]) -> tuple[list[int], RoleScan]:
    """Role names of the whole article in one pass (one spaCy Doc, not one per block: the
    per-Doc set-up dominated the cost), and where each block starts in the joined text."""
    starts, pos = [], 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + len(_BLOCK_GAP)
    return starts, scan_roles(_BLOCK_GAP.join(b.text for b in blocks))


def _local(
    blocks: Sequence[Block], starts: list[int], scan: RoleScan
) -> tuple[list[list[RoleMention]], list[list[tuple[int, str]]]]:
    """The article's role names and department words handed back to their blocks, offsets
    local to each block."""
    found: list[list[RoleMention]] = [[] for _ in blocks]
    fields: list[list[tuple[int, str]]] = [[] for _ in blocks]
    for m in scan.mentions:
        i = bisect_right(starts, m.start) - 1
        local = replace(m, start=m.start - starts[i], end=m.end - starts[i])
        if local.end <= len(blocks[i].text):
            found[i].append(local)
    for start, fn in scan.fields:
        i = bisect_right(starts, start) - 1
        fields[i].append((start - starts[i], fn))
    return found, fields


def _presented(
    blocks: Sequence[Block],
    found: list[list[RoleMention]],
    fields: list[list[tuple[int, str]]],
    heading: list[bool],
    family: str | None,
    title_at: int | None,
) -> list[list[RoleMention]]:
    """Headings that present a role the lexicon's names do not say whole ("Manager, Accounting",
    "#### Senior" on a job-family page, "Reliability Engineer"), and inverted names in running
    text ("The Manager, Recruiting is a grade 8"): that role replaces the names it covers
    (extract/titles.py)."""
    out = list(found)
    opens = _opening_items(blocks, heading)
    for i, block in enumerate(blocks):
        if not (heading[i] or i == title_at):
            out[i] = _inverted_names(block.text, found[i], fields[i])
            continue
        structural = i == title_at or i in opens
        p = presented_role(block.text, found[i], fields[i], family=family, structural=structural)
        if p is None:
            continue
        # a job family's bare level heading ("#### Senior") takes the family as its function,
        # as a name with no department word does: it is no explicit name of the role
        name = RoleMention(p.start, p.end, block.text[p.start : p.end], None if p.bare else p.function, p.level)
        out[i] = sorted(
            [m for m in found[i] if m.end <= p.start or m.start >= p.end] + [name], key=lambda m: m.start
        )
    return out


def _inverted_names(text: str, found: list[RoleMention], fields: list[tuple[int, str]]) -> list[RoleMention]:
    out = list(found)
    for p in inverted_in_text(text, fields) if "," in text else ():
        name = RoleMention(p.start, p.end, text[p.start : p.end], p.function, p.level)
        out = sorted([m for m in out if m.end <= p.start or m.start >= p.end] + [name], key=lambda m: m.start)
    return out


def _opening_items(blocks: Sequence[Block], heading: list[bool]) -> set[int]:
    """The headings whose own sub-headings say duties or requirements ("### Responsibilities"
    under "## Senior Accountant"): each such heading is a role's part of the page. One pass
    with the open headings on a stack, so long pages cost linear time."""
    out: set[int] = set()
    stack: list[tuple[int, int]] = []  # (depth, index) of the open headings
    for j, block in enumerate(blocks):
        if not heading[j]:
            continue
        depth = block.depth if block.kind == "heading" and block.depth > 0 else 99
        if block.kind == "heading" and block.depth > 0:
            while stack and stack[-1][0] >= depth:
                stack.pop()
        if classify_heading(block.text) in ("duties", "requirements"):
            out.update(i for _, i in stack)
        while stack and stack[-1][0] == 99:
            stack.pop()  # a label line is open until the next heading or label
        stack.append((depth, j))
    return out


def _resolve(m: RoleMention, surface: str, fn: str | None) -> Mention:
    """A name's role in an article of field `fn`; a generic noun that took the field is not explicit."""
    key = (resolve_function(m.function, fn, m.generic), m.level)
    return Mention(key, m.start, m.end, surface, m.function is not None and key[0] == m.function)


def _header_roles(
    block: Block, found: list[Mention], aliases: dict[str, Key], roles: dict[Key, RoleAcc], source: str
) -> list[Key | None]:
    """The role each header cell of a table names (None for a label cell); a header naming a
    role gives that role the cell as one of its names. The table block's text holds its cells
    " | "-joined, the header row first."""
    out: list[Key | None] = []
    for cell, span in zip((block.rows or [[]])[0], block.cell_spans()[0], strict=True):
        if span is None:
            out.append(None)
            continue
        inside = [_alias(m, aliases) for m in found if span[0] <= m.start and m.end <= span[1]]
        out.append(inside[0].key if inside and inside[0].start - span[0] < 3 else None)
        for m in inside:
            roles.setdefault(m.key, RoleAcc()).names.append((source[cell.start : cell.end].strip(), m.explicit))
    return out


def _row_roles(block: Block, found: list[Mention]) -> list[Mention | None]:
    """The role each row of a table names in a cell of its own ("| Senior Physiotherapist |
    Band 6 | £37,338 – £44,962 |", "| E3 | Senior Civil Engineer | 5–8 years | …"): a level
    table, one role per row (None for the header and for rows naming none)."""
    out: list[Mention | None] = [None]
    for row, spans in zip((block.rows or [])[1:], block.cell_spans()[1:], strict=True):
        name = None
        for cell, span in zip(row, spans, strict=True):
            if span is None:
                continue
            inside = [m for m in found if span[0] <= m.start and m.end <= span[1]]
            local = [(m.start - span[0], m.end - span[0]) for m in inside]
            if inside and is_role_only(_PAREN.sub("", cell.text), local):
                name = inside[0]
                break
        out.append(name)
    return out


_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _alias(m: Mention, aliases: dict[str, Key]) -> Mention:
    key = aliases.get(_fold(m.surface))
    return m if key is None else Mention(key, m.start, m.end, m.surface, m.explicit)


def _gloss_aliases(mentions: list[list[Mention]], blocks: Sequence[Block]) -> dict[str, Key]:
    """'Customer Service Executive (hay còn gọi là Chuyên viên … cấp cao)', 'Trưởng phòng kinh
    doanh hay Sales Manager', 'Kế toán viên – Accountant': two names, one role.

    The name with the more specific title word wins (not a loose English "Manager"), then the
    one that states its level (not the default staff) and its department; the other name,
    wherever the article writes it, stands for the same role and stays one of its names.
    """
    aliases: dict[str, Key] = {}
    bracket, inline = _gloss()
    for found, block in zip(mentions, blocks, strict=True):
        for a, b in zip(found, found[1:], strict=False):
            gap = block.text[a.end : b.start]
            if a.key == b.key:
                continue
            if bracket.match(gap):
                if not block.text[b.end :].lstrip().startswith(")"):
                    continue  # "Product Owner(BA, người xác định …)": an aside, not the other name
            elif not (inline.match(gap) and (_lang(a) != _lang(b) or a.key[0] == b.key[0])):
                continue  # "Kế toán hay kiểm toán": two jobs, unless the names are one job in two languages
            if a.key[1] != b.key[1] and _firm_level(a) and _firm_level(b):
                continue  # "thử việc nhân viên môi giới (Intern Realtor)": two levels, each said plainly
            keep, drop = (b, a) if _weight(b) > _weight(a) else (a, b)
            aliases.setdefault(_fold(drop.surface), keep.key)
    return aliases


@cache
def _gloss() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What stands between a name and its other name: an opening bracket, maybe a gloss word;
    or, without brackets, a gloss word or a dash."""
    data = load_data("role_context.json")
    words = sorted(data["gloss"], key=len, reverse=True)
    inline = sorted(data["gloss_inline"], key=len, reverse=True)
    return (
        re.compile(r"^\s*\(\s*(?:" + "|".join(map(re.escape, words)) + r")?\s*$", re.I),
        re.compile(r"^\s*,?\s*(?:" + "|".join(map(re.escape, inline)) + r")\s*:?\s*$", re.I),
    )


@cache
def _loose_titles() -> frozenset[str]:
    return frozenset(load_data("role_context.json")["loose_titles"])


def _firm_level(m: Mention) -> bool:
    """The name states its level with a word English does not use loosely ("nhân viên",
    "Intern", "Giám đốc"; not "Manager" or "Executive")."""
    return bool(stated_levels(m.surface) - _loose_titles())


def _lang(m: Mention) -> str:
    return "en" if m.surface.isascii() else "vi"


def _weight(m: Mention) -> tuple[bool, bool, bool]:
    words = m.surface.casefold().split()
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words))}
    loose = not _loose_titles().isdisjoint({*words, *pairs})
    return (not loose, m.key[1] != "staff", m.explicit)


def _main_role(mentions: list[list[Mention]], title: int) -> Key | None:
    """The role the article is about: named in its title or lead, and most talked of."""
    counts: Counter[Key] = Counter()
    first: dict[Key, int] = {}
    for i, found in enumerate(mentions):
        for m in found:
            counts[m.key] += (1 if m.explicit else 0.5) + (3 if i == title else 0)
            first.setdefault(m.key, i)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))
