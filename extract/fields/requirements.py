"""Requirement kind and years for one requirement text."""

from __future__ import annotations

from extract.fields.years import find_years
from extract.lexicon import cue_pattern, has_cue, load_data


def requirement_kind(text: str, has_years: bool) -> str:
    """A stated number of years makes it experience; else the kind its label names
    ("Ngoại ngữ: …", "Education Minimum of …"); else the kind whose cue comes first."""
    if has_years:
        return "experience"
    kinds = load_data("cues.json")["kinds"]
    low = text.lower()
    colon = low.find(":")
    label = low[:colon] if 0 < colon <= 40 else " ".join(low.split()[:2])
    for kind in kinds["order"]:
        if has_cue(label, kinds[kind]):
            return kind
    first: tuple[int, int, str] | None = None
    for rank, kind in enumerate(kinds["order"]):
        m = cue_pattern(tuple(kinds[kind])).search(low)
        if m and (first is None or (m.start(), rank) < first[:2]):
            first = (m.start(), rank, kind)
    return first[2] if first else "other"


def requirement_fields(text: str) -> dict:
    """kind, min_years, max_years of a requirement item."""
    lo, hi, span = find_years(text, experience=True)
    return {"kind": requirement_kind(text, span is not None), "min_years": lo, "max_years": hi}
