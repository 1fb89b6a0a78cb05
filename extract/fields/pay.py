"""The pay stage: every pay figure of the article, on the role it is the pay of.

A figure in prose goes to the role named before it in its sentence, else to its section's
role; a figure in a clause about "all occupations" is no role's pay. A figure in a table
goes to the role its column's header names, else to the section's role. How a figure is
read (amount, currency, period, stat …) is extract/fields/money.py's business.

Reads: blocks, mentions, sections, `Article.columns`. Leaves: salaries on the accumulators,
`Article.pay_spans`, the figures of each block (a figure is pay, not a requirement), and
`Article.pay_roles`, the roles each prose block pays (read by `other_professions`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict
from functools import cache

from extract.article import Article, Found
from extract.document import Block
from extract.fields.money import SalaryFinding, find_salaries, salaries_from_table
from extract.lexicon import cue_pattern, load_data
from extract.sections import AMBIGUOUS, Context
from extract.sentences import sentence_spans

_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[^,;]+(?:[,;](?!\s)[^,;]*)*", re.UNICODE)


def pay(art: Article) -> None:
    for idx, (block, ctx) in enumerate(zip(art.blocks, art.contexts, strict=True)):
        if block.kind == "table":
            _table_pay(art, idx, block, ctx)
        else:
            _block_pay(art, idx, block, ctx)  # "Mức lương: 10 - 15 triệu" may be a heading


@cache
def _excluded() -> re.Pattern[str]:
    return cue_pattern(tuple(load_data("cues.json")["salary_exclude"]))


def _found(art: Article, a: int, b: int, finding: SalaryFinding) -> Found | None:
    place = art.place_at(a, b)
    if place is not None:
        place.values = {k: v for k, v in asdict(finding).items() if k not in ("start", "end")}
    return place


def _context(art: Article, idx: int, ctx: Context) -> str:
    """What a pay figure reads its label, unit and period from: the section heading and the
    lines around it ("195 - 260 triệu" / "/năm" / "Tổng lương"). Kept local, so that the cost
    per figure does not grow with the section."""
    lo, hi = max(0, idx - 1), min(len(art.blocks), idx + 2)
    heading = [ctx.heading.text] if ctx.heading is not None and ctx.heading is not art.blocks[lo] else []
    ladder = [load_data("money.json")["career_context"]] if ctx.kind == "career" else []
    return "\n".join(ladder + heading + [b.text for b in art.blocks[lo:hi]])


def _block_pay(art: Article, idx: int, block: Block, ctx: Context) -> None:
    if not _DIGIT.search(block.text):
        return
    findings = find_salaries(block.text, context=_context(art, idx, ctx))
    art.pay_spans[idx] = [(f.start, f.end) for f in findings]
    if not findings:
        return
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
        if _excluded().search(clause.lower()):
            continue  # "…, compared with $46,310 for all occupations"
        before = [m for m in mentions if a <= m.start < f.start]
        if art.heading[idx] and ctx.role not in (None, AMBIGUOUS):
            role = ctx.role  # "Entry-Level: Junior SRE, Production Engineer ($90k-$120k)": the level's pay
        else:
            role = before[-1].key if before else art.role_for(ctx)
        found = _found(art, *block.source_span(f.start, f.end), f)
        if role is not None and found is not None:
            art.acc(role).salaries.append(found)
            art.pay_roles.setdefault(idx, set()).add(role)


def other_professions(art: Article) -> None:
    """Figures for other professions are not items (SPEC section 4.1).

    "… nhà phân tích nghiên cứu thị trường là 60.570 đô la, … nhà phân tích tài chính là
    74.350 đô la" in an article about data analysts: a role that the article gives nothing
    but pay, never heads a part with, is not its main role, whose function no role with
    content shares, and whose every figure sits in a prose block that pays roles of
    several functions, is a comparison, not a role of the article. Runs after every other
    stage: whether a role has content is known only then.
    """
    kept = {key[0] for key, acc in art.roles.items() if acc.summary or acc.duties or acc.requirements or acc.career}
    kept |= {key[0] for key in (art.main,) if key} | ({art.field} if art.field else set())
    starts = [b.start for b in art.blocks]
    for key, acc in art.roles.items():
        if not acc.salaries or acc.headed or key[0] in kept:
            continue
        blocks = {bisect_right(starts, f.start) - 1 for f in acc.salaries}
        if all(len({k[0] for k in art.pay_roles.get(i, ())}) >= 2 for i in blocks):
            acc.salaries.clear()


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 8 and any(a < b for a, b in sentence_spans(text))


def _prose_cell(art: Article, idx: int, block: Block, span: tuple[int, int], header: str, default) -> None:
    a0, b0 = span
    text = block.text[a0:b0]
    if not _DIGIT.search(text):
        return
    mentions = [m for m in art.mentions[idx] if a0 <= m.start and m.end <= b0]
    for f in find_salaries(text, context=header):
        a, b = next(((a, b) for a, b in sentence_spans(text) if a <= f.start < b), (0, len(text)))
        before = [m for m in mentions if a0 + a <= m.start < a0 + f.start]
        role = before[-1].key if before else default
        found = _found(art, *block.source_span(a0 + f.start, a0 + f.end), f)
        if role is not None and found is not None:
            art.acc(role).salaries.append(found)


def _table_pay(art: Article, idx: int, block: Block, ctx: Context) -> None:
    """Pay cells go to their column's role, else to the section's. A cell of prose ("Senior
    SREs often exceed $200k+ total comp") is read as prose: its figures go to the role named
    before them in their sentence, labelled by their own words, not by the row's."""
    rows = block.rows or []
    if not rows:
        return
    column_roles = art.columns.get(idx)
    row_roles = art.rows.get(idx)
    default = art.role_for(ctx)
    spans = block.cell_spans()
    prose = {(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row) if _is_prose(cell.text)}
    following = art.blocks[idx + 1].text if idx + 1 < len(art.blocks) else ""
    texts = [[c.text if (r, k) not in prose else "" for k, c in enumerate(row)] for r, row in enumerate(rows)]
    for r, c in sorted(prose):
        if spans[r][c] is not None and r > 0:
            _prose_cell(art, idx, block, spans[r][c], rows[0][c].text if c < len(rows[0]) else "", default)
    for r, c, f in salaries_from_table(texts, unit_text=following):
        cell = rows[r][c]
        if cell.ambiguous:
            continue
        role = (
            (column_roles[c] if column_roles and c < len(column_roles) else None)
            or (row_roles[r].key if row_roles and row_roles[r] else None)
            or default
        )
        found = _found(art, cell.start, cell.end, f)
        if role is not None and found is not None:
            art.acc(role).salaries.append(found)
