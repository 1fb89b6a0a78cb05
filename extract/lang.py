"""Language of each block (vi / en / mixed) and the article's language shares.

Vietnamese is easy to see: most of its syllables carry a diacritic that English never
uses. So a sentence is decided by its share of such words when the share is clear, and
only the unclear ones (a few words, or English terms inside Vietnamese prose) go to
lingua, built once for just Vietnamese and English. A block is "mixed" when both
languages hold a fair share of its letters (an English sentence next to a Vietnamese one).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from extract.document import Block
from extract.lexicon import load_data, vi_letters

_WORD_RE = re.compile(r"[^\W\d_]+")
_SEGMENT_RE = re.compile(r"(?<=[.!?…;:])\s+|\s+[|]\s+|\n+")
VI_CLEAR = 0.3  # share of diacritic words above which a sentence is Vietnamese
MIXED_SHARE = 0.2  # each language needs this share of a block's letters to call it mixed


@functools.cache
def _en_function_words() -> frozenset[str]:
    return frozenset(load_data("lang.json")["en_function_words"])


@functools.cache
def _detector():  # noqa: ANN202
    from lingua import (  # lazy: its models load in the warm-up, not at import
        Language,
        LanguageDetectorBuilder,
    )

    # models loaded when the detector is built (once per process, at warm-up), not at its first use
    builder = LanguageDetectorBuilder.from_languages(Language.VIETNAMESE, Language.ENGLISH)
    return builder.with_preloaded_language_models().build()


def warm_up() -> None:
    """Build the detector (and load its models) now, so the first article does not pay for it."""
    _detector()


def _lingua(text: str) -> str | None:
    from lingua import Language  # lazy: see _detector

    lang = _detector().detect_language_of(text)
    if lang is None:
        return None
    return "vi" if lang == Language.VIETNAMESE else "en"


@functools.lru_cache(maxsize=8192)
def segment_language(segment: str) -> str | None:
    """vi / en for one sentence-like piece, None when it has no letters to judge."""
    words = _WORD_RE.findall(segment)
    if not words:
        return None
    vi = sum(1 for w in words if not vi_letters().isdisjoint(w))
    share = vi / len(words)
    if share >= VI_CLEAR:
        return "vi"
    if vi == 0 and all(w[0].isupper() for w in words):
        return None  # names and acronyms only ("Word, Excel, PowerPoint"): no evidence
    if vi == 0 and len(words) >= 3:
        return "en"
    if vi and not any(w.casefold() in _en_function_words() for w in words):
        return "vi"  # Vietnamese with English terms ("Thực tập sinh thu mua (Purchasing Trainee)")
    return _lingua(segment)


def language_letters(text: str) -> Counter[str]:
    """Letters per language in `text`, sentence by sentence ("?" for undecidable pieces)."""
    return Counter(dict(_letters(text)))


@functools.lru_cache(maxsize=4096)
def _letters(text: str) -> tuple[tuple[str, int], ...]:
    """`language_letters` in first-seen order, kept: a block is counted for its own label and
    again for the article's shares."""
    counts: Counter[str] = Counter()
    for seg in _SEGMENT_RE.split(text):
        if not seg:
            continue
        n = sum(len(w) for w in _WORD_RE.findall(seg))
        if n:
            counts[segment_language(seg) or "?"] += n
    return tuple(counts.items())


def label_of(counts: Counter[str]) -> str | None:
    """vi / en / mixed from letter counts; None when nothing is decided."""
    vi, en = counts.get("vi", 0), counts.get("en", 0)
    total = vi + en
    if not total:
        return None
    if vi / total >= MIXED_SHARE and en / total >= MIXED_SHARE:
        return "mixed"
    return "vi" if vi >= en else "en"


def block_language(text: str) -> str | None:
    """The language label of one block's text (lingua on the whole block if no sentence decides)."""
    label = label_of(language_letters(text))
    if label is None and _WORD_RE.search(text):
        return _lingua(text)
    return label


def assign_languages(blocks: Iterable[Block]) -> None:
    """Set `lang` on every kept block; blocks with nothing to judge take the article's main language."""
    kept = [b for b in blocks if not b.dropped]
    for b in kept:
        b.lang = block_language(b.text)
    decided = Counter(b.lang for b in kept if b.lang in ("vi", "en"))
    main = decided.most_common(1)[0][0] if decided else "vi"
    for b in kept:
        if b.lang is None:
            b.lang = main


def document_languages(blocks: list[Block]) -> dict[str, float]:
    """Share of the kept text's letters per language, rounded to 2 decimals, largest first."""
    counts: Counter[str] = Counter()
    for b in blocks:
        if not b.dropped:
            counts.update(language_letters(b.text))
    counts.pop("?", None)
    total = sum(counts.values())
    if not total:
        return {}
    shares = {lang: round(n / total, 2) for lang, n in counts.most_common() if round(n / total, 2) > 0}
    return shares
