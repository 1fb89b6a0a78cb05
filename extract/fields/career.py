"""Career ladders: ordered rungs with years, from promotion lines, arrow chains and lists.

A ladder is told as lines "Từ 0 - 2 năm: Nhân viên …", as a chain
"Nhân viên QA => QA Leader => QA Manager", as a list whose items each open with a
role name, or in prose ("start as junior accountants, move up to senior accountant, and
later become an accounting manager"). Two rungs at least make a ladder.
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


@cache
def _chain_rules() -> tuple[int, re.Pattern[str]]:
    rules = load_data("career.json")["chain"]
    return int(rules["max_gap"]), re.compile(rules["sentence_end"])


@dataclass(frozen=True, slots=True)
class Link:
    """One role name of an arrow chain: its index among the names, and the years written after it."""

    index: int
    min_years: float | None = None
    max_years: float | None = None


def chain_links(text: str, spans: list[tuple[int, int]]) -> list[Link]:
    """The longest run of role names joined by arrows ("A → B → C"); [] when there is none.

    An arrow counts only between two names, in a short gap with no sentence end: "(>6 năm)"
    after a name, or a sentence that follows the chain, is no link. Years written after a
    name, before the next arrow ("Junior (0-2 years) → Senior"), are that rung's.
    """
    max_gap, sentence_end = _chain_rules()
    arrows = arrow_pattern()

    def linked(gap: str) -> bool:
        return len(gap) <= max_gap and not sentence_end.search(gap) and arrows.search(gap) is not None

    best: list[int] = []
    run: list[int] = []
    for i, (start, _) in enumerate(spans):
        if run and linked(text[spans[i - 1][1] : start]):
            run.append(i)
            continue
        best = max(best, run, key=len)
        run = [i]
    best = max(best, run, key=len)
    if len(best) < 2:
        return []
    return [Link(i, *years_near(_after_name(text, spans, i))) for i in best]


def _after_name(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """What a chain's name is followed by, up to the next arrow, name or sentence end."""
    max_gap, sentence_end = _chain_rules()
    end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
    tail = text[spans[i][1] : min(end, spans[i][1] + max_gap)]
    for stop in (arrow_pattern().search(tail), sentence_end.search(tail)):
        if stop is not None:
            tail = tail[: stop.start()]
    return tail


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


def prose_steps(names: list[tuple[str, int]]) -> list[int]:
    """The names a ladder told in prose climbs through, as indices into `names`
    ((name as written, level rank) in the order the text gives them).

    Each name counts once; a name that only sharpens the one before it at the same level
    ("accountants", then "junior accountants") takes its place; the ladder ends where the
    level steps down. Nothing unless it climbs at least once: names at one level are a
    list of jobs, not a ladder.
    """
    kept: list[int] = []
    seen: set[str] = set()
    for i, (name, rank) in enumerate(names):
        folded = _fold_name(name)
        if folded in seen:
            continue
        seen.add(folded)
        if kept:
            before, before_rank = names[kept[-1]]
            if rank < before_rank:
                break
            if rank == before_rank and _sharpens(folded, _fold_name(before)):
                kept[-1] = i
                continue
        kept.append(i)
    climbs = len({names[i][1] for i in kept}) >= 2
    return kept if len(kept) >= 2 and climbs else []


def _fold_name(name: str) -> str:
    return " ".join(w.removesuffix("s") for w in name.casefold().split())


def _sharpens(name: str, before: str) -> bool:
    """'junior accountant' after 'accountant': the same job, said more precisely."""
    return name.endswith(" " + before)
