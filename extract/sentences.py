"""Sentence spans inside one block of text (offsets local to that text).

Prose duties and requirements are one item per sentence (SPEC 4.1), so the cut must
not fall inside numbers ("6.000.000", "$90,160", "2.5"), abbreviations ("e.g.",
"U.S.", "Mr.") or ellipses that continue the sentence ("thời gian,… cho").
"""

from __future__ import annotations

import re
from functools import cache

from extract.lexicon import load_data

# A candidate cut: sentence-final punctuation (with closing quotes/brackets), then space.
_CUT = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load_data("sentences.json")["abbreviations"])


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘(["


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _CUT.finditer(text):
        end = m.end()
        nxt = end
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt >= n or not _starts_sentence(text[nxt]):
            continue
        word = text[start:m.start() + 1].rsplit(None, 1)[-1].lower() if text[start:m.start() + 1].strip() else ""
        if word in _abbreviations() or (len(word) == 2 and word[0].isalpha() and word.endswith(".")):
            continue
        spans.append((start, end))
        start = nxt
    spans.append((start, n))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
