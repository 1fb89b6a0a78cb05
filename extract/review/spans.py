"""Turn extracted values and gold misses into highlightable spans over the article text.

Spans overlap (a duty inside a career-path paragraph, a salary inside a duty), and
HTML elements must nest, so the text is cut at every span boundary into segments;
each segment knows every span that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FIELDS: tuple[str, ...] = ("summary", "duties", "requirements", "salaries", "career_path")
"""Fields of a RoleRecord that carry Evidence offsets, in legend order."""

FIELD_LABELS: dict[str, str] = {
    "summary": "Summary",
    "duties": "Duty",
    "requirements": "Requirement",
    "salaries": "Salary",
    "career_path": "Career step",
    "roles": "Role",
}

ROLE_KEYS: tuple[str, ...] = ("role_id", "function", "level", "name", "mentions")


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: `rid` indexes the article's record table; `miss` marks a gold item the run lacks."""

    start: int
    end: int
    field: str
    rid: int
    miss: bool = False
    status: str | None = None
    """With gold: "ok" (matches a gold item), "extra" (matches none) or "neutral" (counted neither way)."""


@dataclass(slots=True)
class Segment:
    """A stretch of text covered by the same spans, innermost span first."""

    start: int
    end: int
    spans: list[Span] = field(default_factory=list)

    @property
    def top(self) -> Span | None:
        return self.spans[0] if self.spans else None


def role_summary(role: dict[str, Any]) -> dict[str, Any]:
    """What the side panel shows of the role a value belongs to (not its whole record)."""
    return {k: role[k] for k in ROLE_KEYS if k in role}


def role_values(role: dict[str, Any]) -> Iterable[tuple[str, int, dict[str, Any]]]:
    """(field, position in the field's list, value) for every Evidence-bearing value of one RoleRecord dict."""
    summary = role.get("summary")
    if isinstance(summary, dict):
        yield "summary", 0, summary
    for name in FIELDS[1:]:
        for i, value in enumerate(role.get(name) or []):
            if isinstance(value, dict):
                yield name, i, value


def clamp_span(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    """Offsets inside the text, or None when the value cannot be shown there."""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    a, b = max(0, min(start, length)), max(0, min(end, length))
    return (a, b) if a < b else None


def segment(length: int, spans: Iterable[Span]) -> list[Segment]:
    """Cut [0, length) at every span boundary; each piece lists its covering spans, innermost first."""
    placed = [s for s in spans if 0 <= s.start < s.end <= length]
    cuts = sorted({0, length, *(s.start for s in placed), *(s.end for s in placed)})
    segments: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in placed if s.start <= a and s.end >= b]
        covering.sort(
            key=lambda s: (s.miss, s.end - s.start, FIELDS.index(s.field) if s.field in FIELDS else 99, s.rid)
        )
        segments.append(Segment(a, b, covering))
    return segments
