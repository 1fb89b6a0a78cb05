"""Loads the data files under extract/data once per process.

Lexicons and patterns are data, so that adding a profession or a heading word is a
data change; this is the one place that knows where they live.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(name: str) -> Any:
    """The parsed JSON data file `extract/data/<name>`."""
    return json.loads(resources.files("extract.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def cue_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of `words` as whole words (case-insensitive)."""
    alts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in alts) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def has_cue(text: str, words: list[str] | tuple[str, ...]) -> bool:
    return cue_pattern(tuple(words)).search(text) is not None


@cache
def vi_letters(*, own_only: bool = False) -> frozenset[str]:
    """Vietnamese letters in both cases (data/lang.json): with `own_only`, just the ones no other
    Latin-script language writes, so that one of them alone marks a text Vietnamese."""
    data = load_data("lang.json")["vi_letters"]
    letters = data["own"] if own_only else data["own"] + data["shared"]
    return frozenset(letters + letters.upper())
