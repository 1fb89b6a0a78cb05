"""The tables stage: duties and requirements read from tables.

A comparison table names a role in each column header ("| | Data Analyst | Data
Scientist |"); a row whose label says duties or requirements ("Nhiệm vụ", "Skills") gives
each column's role the items of its cell, one per line of a list-like cell. (Pay cells
are the pay stage's.)

Reads: table blocks and `Article.columns`. Leaves: duties and requirements on the accumulators.
"""

from __future__ import annotations

from extract.article import Article, Found
from extract.document import Cell
from extract.fields.requirements import requirement_fields
from extract.sections import row_kind


def tables(art: Article) -> None:
    for idx, column_roles in art.columns.items():
        for row in (art.blocks[idx].rows or [])[1:]:
            kind = row_kind(row[0].text) if row else None
            if kind not in ("duties", "requirements"):
                continue
            for c, cell in enumerate(row[1:], start=1):
                role = column_roles[c] if c < len(column_roles) else None
                if role is None:
                    continue
                acc = art.acc(role)
                for found in _cell_items(art, cell):
                    if kind == "duties":
                        acc.duties.append(found)
                    else:
                        found.values = requirement_fields(art.source[found.start : found.end])
                        acc.requirements.append(found)


def _cell_items(art: Article, cell: Cell) -> list[Found]:
    """One item per line of a list-like cell (its "- " lines), else the whole cell."""
    parts = cell.items or (cell,)
    return [found for part in parts if (found := art.place_at(part.start, part.end)) is not None]
