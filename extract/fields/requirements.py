"""Requirement kind and years for one requirement text."""

from __future__ import annotations

from extract.fields.years import find_years
from extract.lexicon import has_cue, load_data


def requirement_kind(text: str, has_years: bool) -> str:
    """A stated number of years makes it experience; otherwise the first kind whose cue appears."""
    if has_years:
        return "experience"
    kinds = load_data("cues.json")["kinds"]
    low = text.lower()
    for kind in kinds["order"]:
        if has_cue(low, kinds[kind]):
            return kind
    return "other"


def requirement_fields(text: str) -> dict:
    """kind, min_years, max_years of a requirement item."""
    lo, hi, span = find_years(text)
    return {"kind": requirement_kind(text, span is not None), "min_years": lo, "max_years": hi}
