"""The tables stage: duties and requirements read from tables.

Three layouts give items:

- a comparison table names a role in each column header ("| | Data Analyst | Data
  Scientist |"); a row whose label says duties or requirements ("Nhiệm vụ", "Skills")
  gives each column's role the items of its cell;
- a table whose column headers name kinds of items (a career profile's "Knowledge (What
  you know) | Skills (What you can do) | Abilities", a "Certification" column): every cell
  of such a column is an item of that kind for the table's role;
- a label | value table (a "Role Snapshot"): a row whose label names a requirement
  ("Typical Entry-Level Education") gives its value cell as that requirement.

A list-like cell gives one item per line. Pay cells are the pay stage's.

Reads: table blocks, sections and `Article.columns`. Leaves: duties and requirements on
the accumulators.
"""

from __future__ import annotations

import re
from functools import cache

from extract.article import Article, Found, Key
from extract.document import Block, Cell
from extract.fields.money import find_salaries
from extract.fields.requirements import requirement_fields
from extract.lexicon import cue_pattern, load_data
from extract.sections import row_kind


def tables(art: Article) -> None:
    for idx, block in enumerate(art.blocks):
        rows = block.rows or []
        if block.kind != "table" or len(rows) < 2:
            continue
        if idx in art.columns:
            _comparison(art, art.columns[idx], rows)
            continue
        role = art.role_for(art.contexts[idx])
        if role is None:
            continue
        kinds = [column_kind(c.text) for c in rows[0]]
        if any(kinds):
            _kind_columns(art, role, kinds, rows)
        else:
            _label_rows(art, role, block)


@cache
def _column_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = load_data("sections.json")["column_kinds"]
    return tuple((kind, cue_pattern(tuple(words))) for kind, words in kinds.items())


def column_kind(header: str) -> str | None:
    """The kind of item a column header names: "duties", or a requirement kind
    ("knowledge", "skill", "certification", "education"); None for any other column."""
    return next((kind for kind, pattern in _column_patterns() if pattern.search(header)), None)


def _add(art: Article, role: Key, kind: str, found: Found, requirement_kind: str | None = None) -> None:
    acc = art.acc(role)
    if kind == "duties":
        acc.duties.append(found)
        return
    found.values = requirement_fields(art.source[found.start : found.end])
    if requirement_kind and found.values["kind"] != "experience":
        found.values["kind"] = requirement_kind
    acc.requirements.append(found)


def _comparison(art: Article, column_roles: list[Key | None], rows: list[list[Cell]]) -> None:
    for row in rows[1:]:
        kind = row_kind(row[0].text) if row else None
        if kind not in ("duties", "requirements"):
            continue
        for c, cell in enumerate(row[1:], start=1):
            role = column_roles[c] if c < len(column_roles) else None
            if role is not None:
                for found in _cell_items(art, cell):
                    _add(art, role, kind, found)


def _kind_columns(art: Article, role: Key, kinds: list[str | None], rows: list[list[Cell]]) -> None:
    """Each cell of a column whose header names a kind of item is one such item."""
    for row in rows[1:]:
        for c, cell in enumerate(row):
            kind = kinds[c] if c < len(kinds) else None
            if kind is None or cell.text.rstrip().endswith(":"):
                continue  # "| **Entry/Mid-Level:** | …": a row's label, not an item
            for found in _cell_items(art, cell):
                if kind == "duties":
                    _add(art, role, "duties", found)
                else:
                    _add(art, role, "requirements", found, kind)


def _label_rows(art: Article, role: Key, block: Block) -> None:
    """'| Typical Entry-Level Education | Bachelor's Degree (…) | …': the value cell of a row
    whose label names a requirement (a pay row is the pay stage's)."""
    for row in (block.rows or [])[1:]:
        if len(row) < 2 or row_kind(row[0].text) != "requirements":
            continue
        value = row[1]
        if sum(ch.isalpha() for ch in value.text) < 8 or find_salaries(value.text):
            continue
        requirement_kind = column_kind(row[0].text)
        for found in _cell_items(art, value):
            _add(art, role, "requirements", found, requirement_kind)


def _cell_items(art: Article, cell: Cell) -> list[Found]:
    """One item per line of a list-like cell (its "- " lines), else the whole cell."""
    parts = cell.items or (cell,)
    return [found for part in parts if (found := art.place_at(part.start, part.end)) is not None]
