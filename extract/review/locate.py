"""Find a gold text in the decoded source, so a miss can be marked where it stands.

Gold texts are copied from the article but may differ from it in case, white space,
Unicode composition, invisible characters, a bullet mark or trailing punctuation (SPEC
section 5). The needle is normalised exactly as the scorer normalises (evaluate.
normalize_text: a different normalisation would place misses where the scorer would not
look), and the source is searched in the same form, with a map back to source offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from extract.evaluate import normalize_text

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")  # what normalize_text drops
FUZZY_MIN_SCORE = 90.0
"""Same bar as SPEC section 5 uses to match texts, so an approximate place is one the scorer would accept."""
FUZZY_MIN_CHARS = 12
"""Shorter needles match by chance too easily to place them approximately."""


@dataclass(frozen=True, slots=True)
class NormView:
    """A normalised view of a text; `starts[i]`/`ends[i]` bound the source chars that gave `text[i]`."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _clusters(source: str) -> list[tuple[int, int]]:
    """Base character + its combining marks, so NFC can compose decomposed Vietnamese."""
    bounds: list[tuple[int, int]] = []
    for i, ch in enumerate(source):
        if bounds and unicodedata.combining(ch):
            bounds[-1] = (bounds[-1][0], i + 1)
        else:
            bounds.append((i, i + 1))
    return bounds


@cache
def norm_view(source: str) -> NormView:
    """The scorer's form of the whole source (NFC, casefold, invisible characters dropped, white
    space collapsed), remembering where each char came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for a, b in _clusters(source):
        piece = "".join(ch for ch in source[a:b] if ch not in _INVISIBLE)
        piece = unicodedata.normalize("NFC", unicodedata.normalize("NFC", piece).casefold())
        if not piece:
            continue
        if piece.isspace():
            if not out or out[-1] == " ":
                continue
            piece = " "
        for ch in piece:
            out.append(ch)
            starts.append(a)
            ends.append(b)
    return NormView("".join(out), tuple(starts), tuple(ends))


def norm_needle(text: str) -> str:
    """The gold text as the scorer sees it (SPEC 5): evaluate.normalize_text, nothing else."""
    return normalize_text(text)


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    exact: bool


def locate(source: str, text: str) -> Place | None:
    """Where `text` stands in `source`: exact normalised match first, then a close fuzzy one."""
    needle = norm_needle(text)
    if not needle:
        return None
    view = norm_view(source)
    i = view.text.find(needle)
    if i >= 0:
        return Place(view.starts[i], view.ends[i + len(needle) - 1], True)
    if len(needle) < FUZZY_MIN_CHARS:
        return None
    hit = fuzz.partial_ratio_alignment(needle, view.text, score_cutoff=FUZZY_MIN_SCORE)
    if hit is None or hit.dest_end <= hit.dest_start:
        return None
    return Place(view.starts[hit.dest_start], view.ends[hit.dest_end - 1], False)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SCALES: tuple[int, ...] = (1, 1_000, 1_000_000, 1_000_000_000)
"""A figure may be written in thousands, millions or billions ("14,2 triệu", "$60k", "1.2 tỷ")."""
RANGE_GAP = 60
"""Most characters between the two bounds of one written range ("10 - 15 triệu/tháng")."""


def number_readings(token: str) -> set[float]:
    """The values a written number can have: separators as thousands marks, or the last one as a decimal mark."""
    readings = {float(re.sub(r"[.,]", "", token))}
    cut = max(token.rfind("."), token.rfind(","))
    if cut > 0:
        readings.add(float(re.sub(r"[.,]", "", token[:cut]) + "." + token[cut + 1 :]))
    return readings


def _writes(token: str, amount: float) -> bool:
    return any(round(v * s, 2) == round(amount, 2) for v in number_readings(token) for s in SCALES)


def _spans_of(source: str, amount: float) -> list[tuple[int, int]]:
    return [m.span() for m in _NUMBER.finditer(source) if _writes(m.group(), amount)]


def locate_amount(source: str, low: float | None, high: float | None) -> Place | None:
    """Where a gold salary's figure is written: the first number that reads as its amount (for a
    range, a low figure followed closely by the high one). Gold salaries carry no text, so this is
    the only way to put their misses in place; it is marked approximate."""
    bounds = [b for b in (low, high) if isinstance(b, (int, float))]
    if not bounds:
        return None
    if len(bounds) == 1 or bounds[0] == bounds[1]:
        spans = _spans_of(source, bounds[0])
        return Place(*spans[0], False) if spans else None
    highs = _spans_of(source, bounds[1])
    for start, end in _spans_of(source, bounds[0]):
        after = next((h for h in highs if end <= h[0] <= end + RANGE_GAP), None)
        if after:
            return Place(start, after[1], False)
    return None
