"""In-memory shapes that flow between the stages (not part of the JSON contract).

read      -> SourceText   (bytes decoded, with encoding and hash)
segment   -> [Block]      (typed blocks over a normalised view, each char mapped back to the source)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "boilerplate", "caption"]
DROPPED_KINDS: frozenset[str] = frozenset({"boilerplate", "caption"})


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article as read: decoded text plus what the manifest and `source` record need."""

    doc_id: str
    path: str
    text: str
    encoding: str
    sha256: str
    nbytes: int
    media: Literal["txt", "md", "html"] = "txt"
    warnings: tuple[str, ...] = ()  # e.g. invalid bytes replaced while decoding


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell; `start`/`end` are decoded-source offsets."""

    text: str
    start: int
    end: int
    ambiguous: bool = False
    items: tuple[Cell, ...] = ()  # a list-like cell's "- " lines, each with its own offsets


@dataclass(slots=True)
class Block:
    """A typed piece of the article.

    `text` is the normalised view used for matching; `offsets[i]` is the index in the
    decoded source of `text[i]`, so any span of `text` maps back to the source with
    `source_span`. `start`/`end` cover the whole block in the source.
    """

    kind: BlockKind
    text: str
    start: int
    end: int
    offsets: tuple[int, ...]
    depth: int = 0
    marker: str = ""
    rows: list[list[Cell]] | None = None
    lang: str | None = None
    notes: list[str] = field(default_factory=list)
    # `ends[i]` is the source index just after `text[i]`; empty when it is always offsets[i] + 1.
    # They differ when one char stands for several (an entity, a decomposed letter, a space run).
    ends: tuple[int, ...] = ()

    @property
    def dropped(self) -> bool:
        return self.kind in DROPPED_KINDS

    def cell_spans(self) -> list[list[tuple[int, int] | None]]:
        """Where each cell of a table block stands in `text` (cells " | "-joined, rows on
        lines; an empty cell has no place)."""
        out: list[list[tuple[int, int] | None]] = []
        pos, first = 0, True
        for row in self.rows or []:
            spans: list[tuple[int, int] | None] = []
            for c, cell in enumerate(row):
                if not cell.text:
                    spans.append(None)
                    continue
                pos += 0 if first else len("\n" if c == 0 else " | ")
                spans.append((pos, pos + len(cell.text)))
                pos += len(cell.text)
                first = False
            out.append(spans)
        return out

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of `text[i:j]` (j exclusive)."""
        if not self.offsets or i >= j:
            return self.start, self.start
        end = self.ends[j - 1] if self.ends else self.offsets[j - 1] + 1
        return self.offsets[i], end
