"""Career ladders: ordered rungs with years, from promotion lines, arrow chains and lists.

A ladder is told as lines "Từ 0 - 2 năm: Nhân viên …", as a chain
"Nhân viên QA => QA Leader => QA Manager", or as a list whose items each open with a
role name. Two rungs at least make a ladder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.fields.years import find_years
from extract.lexicon import load_data


@dataclass(frozen=True, slots=True)
class Rung:
    key: tuple[str, str]  # (function, level)
    start: int  # source offsets of the role name
    end: int
    min_years: float | None = None
    max_years: float | None = None
    block: int = -1  # index of the block it was read from


@cache
def arrow_pattern() -> re.Pattern[str]:
    arrows = load_data("career.json")["arrows"]
    return re.compile("|".join(re.escape(a) for a in sorted(arrows, key=len, reverse=True)))


def is_chain(text: str, mention_count: int) -> bool:
    """Two arrows or more between role names make a chain."""
    return mention_count >= 2 and len(arrow_pattern().findall(text)) >= mention_count - 1


def years_near(text: str) -> tuple[float | None, float | None]:
    lo, hi, span = find_years(text)
    return (lo, hi) if span else (None, None)


def dedupe_rungs(rungs: list[Rung], source: str) -> list[Rung]:
    """A ladder names each rung once: a name repeated keeps its first place (two rungs
    may share a role_id, "Junior" and "Mid-level" designer are both staff)."""
    seen: set[str] = set()
    out = []
    for r in rungs:
        name = " ".join(source[r.start : r.end].casefold().split())
        if name not in seen:
            seen.add(name)
            out.append(r)
    return out
