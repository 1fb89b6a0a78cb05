"""Years of experience in an item ("3-5 năm", "ít nhất 1 năm", "2+ years", "0 - 2 tháng").

Months become fractions of a year (SPEC: "0 - 2 tháng" -> 0, 0.17; "3 tháng - 1 năm" -> 0.25, 1).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.lexicon import load_data


@cache
def _patterns() -> list[re.Pattern[str]]:
    data = load_data("years.json")
    n, u = data["number"], data["unit"]
    return [re.compile(p.replace("{n}", n).replace("{u}", u), re.IGNORECASE) for p in data["patterns"]]


def _value(token: str | None, months: bool) -> float | None:
    if token is None:
        return None
    words = load_data("years.json")["words"]
    low = token.lower()
    number = float(words[low]) if low in words else float(low.replace(",", "."))
    if months:
        return round(number / 12, 2)
    return int(number) if number.is_integer() else number


@cache
def _unit() -> re.Pattern[str]:
    return re.compile(load_data("years.json")["unit"], re.IGNORECASE)


@cache
def _limit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("years.json")
    return re.compile(data["time_limit_before"], re.I), re.compile(data["time_limit_after"], re.I)


def _time_limit(text: str, start: int, end: int) -> bool:
    """'within 6 months of hire', 'trong vòng 3 tháng kể từ …': a deadline, not experience."""
    before, after = _limit_patterns()
    return before.search(text[max(0, start - 30) : start]) is not None or after.match(text[end : end + 30]) is not None


@lru_cache(maxsize=8192)
def find_years(
    text: str, *, experience: bool = False
) -> tuple[float | None, float | None, tuple[int, int] | None]:
    """(min_years, max_years, span) of the first years expression in `text`, else (None, None, None).
    A text with no unit word is answered by one search (most sentences have none). `experience`:
    the years a requirement asks for, so a deadline ('ACLS within 6 months of hire') is skipped;
    a career step's 'trong vòng 2 năm' is how long the step takes, and is kept."""
    if not _unit().search(text):
        return None, None, None
    months_words = set(load_data("years.json")["months"])
    for pat in _patterns():
        m = next((m for m in pat.finditer(text) if not (experience and _time_limit(text, *m.span()))), None)
        if not m:
            continue
        months = m.group("unit").lower() in months_words
        groups = m.groupdict()
        lo_unit = groups.get("lo_unit")
        lo = _value(groups.get("lo"), months if lo_unit is None else lo_unit.lower() in months_words)
        hi = _value(groups.get("hi"), months)
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo  # "7-2 năm": written backwards, still a range
        if pat is _patterns()[-1]:
            return lo, lo, m.span()
        if groups.get("lo") is None and "lo" not in pat.groupindex:
            lo = 0  # "dưới 1 năm", "<1 năm": from none up to the bound
        return lo, hi, m.span()
    return None, None, None
