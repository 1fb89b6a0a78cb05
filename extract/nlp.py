"""Blank spaCy pipeline and the token keys used for lexicon matching, built once per process.

No model is downloaded: the pipeline is `spacy.blank("vi")` (pyvi off), used for its
vocab and memory zones. Docs are not made by its tokenizer (which without pyvi only splits
on white space and leaves punctuation glued to words, "(Team", "CSKH,"): roles.py builds
them from its own words and white-space runs, so that tokens keep exact character offsets
into the text given and spans map back to the source unchanged.

Matching happens on token keys, not on the text:

* `strict_key`: NFC, casefold, tone mark moved off the vowel ("hoà" == "hòa"),
  "y"/"i" after a consonant folded ("sỹ" == "sĩ"), English plural and possessive
  folded ("Managers", "manager's" == "manager").
* `loose_key`: `strict_key` with every diacritic dropped and "đ" -> "d", so text
  written without accents ("nhan vien ke toan") still finds the lexicon terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

import spacy
from spacy.attrs import LANG
from spacy.language import Language

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_TONE_CODE = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_CONSONANT_Y_RE = re.compile(r"^(?!qu)([bcdđghklmnprstvx]+)y$")


@cache
def blank_pipeline() -> Language:
    """The one blank pipeline of the process (Vietnamese defaults, no lexical attributes)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    # The rules read token texts and the NORM roles.py sets, never a lexical attribute
    # (shape, like_num, is_stop, prefix ...). spaCy computes all of them for each new word,
    # and inside per-article memory zones (`article_zone`) every word of every article is
    # new: dropping the unread getters saves most of the zone's cost. Only LANG is kept.
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {LANG: getters[LANG]} if LANG in getters else {}
    return nlp


@contextmanager
def article_zone() -> Iterator[None]:
    """A spaCy memory zone around one article, so the shared vocab does not grow with the corpus.

    Every Doc adds its words (numbers, URLs, names, typos) to the one StringStore and
    lexeme table of the process; over millions of pages that grows without bound. Strings
    and lexemes first seen inside the zone are evicted at its end, so nothing spaCy made
    inside (Doc, Span, Token, Lexeme, or a string id looked up in the store) may outlive it:
    only plain Python values leave. Zones do not nest: an inner call (an article extracted
    while another is) runs in the outer zone.
    """
    nlp = blank_pipeline()
    if nlp.vocab.in_memory_zone:
        yield
        return
    with nlp.memory_zone():
        yield


def _split_tone(syllable: str) -> tuple[str, str]:
    """The syllable without its tone mark, and the tone as a digit ('' when level tone)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = _TONE_CODE[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _singular(word: str) -> str:
    """English plural folded by spelling only; applied to ASCII words (Vietnamese syllables never end in s)."""
    if len(word) <= 3 or not word.isascii() or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


@lru_cache(maxsize=65536)
def strict_key(word: str) -> str:
    """Case, tone placement, y/i and plural folded; diacritics otherwise kept."""
    low = unicodedata.normalize("NFC", word).casefold()
    if low.endswith(("'s", "’s")) and len(low) > 3:
        low = low[:-2]  # English possessive: "manager's" is "manager"
    base, tone = _split_tone(low)
    base = _CONSONANT_Y_RE.sub(r"\1i", base)
    if tone:
        return base + tone
    return _singular(base)


@lru_cache(maxsize=65536)
def loose_key(word: str) -> str:
    """`strict_key` without any diacritic: the key text typed without accents shares."""
    base = strict_key(word).rstrip("12345") if not word.isascii() else strict_key(word)
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", base.replace("đ", "d")) if not unicodedata.combining(ch)
    )
    return _CONSONANT_Y_RE.sub(r"\1i", stripped)
