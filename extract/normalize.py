"""The normalised view used for matching, with a map back to the text it came from.

Matching must not care whether a page wrote "hoà" or "hòa", precomposed or decomposed
letters, or three spaces and a no-break space; evidence offsets must still point at the
decoded source. `normalize` therefore returns, for every output character, the index
range of the input characters it stands for. Every step is cheap (regex driven, no
per-character Python loop on already-NFC text), so the stage stays far below the cost of
one tokenizer pass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER_RE = re.compile(rf"[^{_COMBINING}][{_COMBINING}]*|[{_COMBINING}]+", re.DOTALL)
# Runs of white space (\s covers NBSP, ideographic space ...) and invisible characters.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_RE = re.compile(rf"[\s{_INVISIBLE}]+")
_HAS_SPACE_RE = re.compile(r"\s")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
# Anything `normalize` would change about white space: a space that is not " ", an invisible
# character, two spaces in a row, a space at either end.
_IRREGULAR_SPACE_RE = re.compile(rf"[^\S ]|[{_INVISIBLE}]|  |\A | \Z")

# Tone placement: old style ("hòa", "khỏe", "thủy") is the canonical form, as in
# underthesea's text_normalize, so "hoà"/"hòa" compare equal. Only open syllables
# ending in oa / oe / uy differ between the two conventions.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"


def _toned(base: str) -> str:
    return "".join(unicodedata.normalize("NFC", b + t) for b in base for t in _TONES)


_NEW_STYLE_RE = re.compile(
    rf"(?<![^\W\d_])([{_ONSET}]*)(?:([oO])([{_toned('aeAE')}])|([uU])([{_toned('yY')}]))(?![^\W\d_])"
)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text; `starts[i]`/`ends[i]` delimit the input characters behind `text[i]`."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def part(self, i: int, j: int | None = None) -> Normalized:
        """The view of `text[i:j]`, each character keeping its source range."""
        j = len(self.text) if j is None else j
        return Normalized(self.text[i:j], self.starts[i:j], self.ends[i:j])

    def stripped(self) -> Normalized:
        """The view without its leading and trailing spaces."""
        i, j = 0, len(self.text)
        while i < j and self.text[i] == " ":
            i += 1
        while j > i and self.text[j - 1] == " ":
            j -= 1
        return self.part(i, j)

    def shifted(self, base: int) -> Normalized:
        """The same view with offsets moved by `base` (a slice of a larger text)."""
        return Normalized(self.text, tuple(s + base for s in self.starts), tuple(e + base for e in self.ends))


def _move_tone(m: re.Match[str]) -> str:
    if m.end() < len(m.string) and unicodedata.combining(m.string[m.end()]):
        return m.group(0)  # a second, stray mark follows ("hoà̀"): leave the syllable as written
    onset = m.group(1)
    if m.group(2):
        first, second = m.group(2), m.group(3)
    else:
        first, second = m.group(4), m.group(5)
        if onset[-1:] in ("q", "Q"):  # "quý": u belongs to the onset, tone stays on y
            return m.group(0)
    decomposed = unicodedata.normalize("NFD", second)
    tone = next((c for c in decomposed if c in _TONES), "")
    bare = decomposed.replace(tone, "")
    return onset + unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", bare)


def fix_tone_placement(text: str) -> str:
    """Put the tone of open oa/oe/uy syllables on the first vowel; keeps the length."""
    return _NEW_STYLE_RE.sub(_move_tone, text)


def _nfc_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """NFC per base+combining cluster, so each output char knows its input range."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _CLUSTER_RE.finditer(text):
        cluster = m.group(0)
        composed = unicodedata.normalize("NFC", cluster)
        a, b = m.span()
        if len(composed) == len(cluster):
            out.append(composed)
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        else:
            out.append(composed)
            starts.extend([a] * len(composed))
            ends.extend([b] * len(composed))
    return "".join(out), starts, ends


def normalize(text: str, base: int = 0) -> Normalized:
    """NFC, canonical tone placement, white space collapsed and trimmed, invisibles dropped.

    Offsets are indices into `text` plus `base` (pass a slice's start to get source offsets).
    """
    if unicodedata.is_normalized("NFC", text):
        composed, cstarts, cends = text, None, None
    else:
        composed, cstarts_l, cends_l = _nfc_with_map(text)
        cstarts, cends = cstarts_l, cends_l
    toned = fix_tone_placement(composed)
    if cstarts is None and not _IRREGULAR_SPACE_RE.search(toned):
        # Already clean (single inner spaces only): every character stands for itself. Most
        # lines are, and this skips a Python step per word.
        n = len(toned)
        return Normalized(toned, tuple(range(base, base + n)), tuple(range(base + 1, base + n + 1)))
    pieces: list[str] = []
    idx: list[int] = []  # indices into `toned` of every output character
    spaces: list[int] = []  # output positions of collapsed spaces
    pos = 0
    n = len(toned)
    for m in _SPACE_RE.finditer(toned):
        a, b = m.span()
        if a > pos:
            pieces.append(toned[pos:a])
            idx.extend(range(pos, a))
        if idx and b < n and _HAS_SPACE_RE.search(m.group(0)):
            spaces.append(len(idx))
            pieces.append(" ")
            idx.append(a)
        pos = b
    if pos < n:
        pieces.append(toned[pos:])
        idx.extend(range(pos, n))
    if cstarts is None:
        starts = list(map(base.__add__, idx)) if base else idx
        ends = list(map((base + 1).__add__, idx))
    else:
        starts = [cstarts[i] + base for i in idx]
        ends = [cends[i] + base for i in idx]  # type: ignore[index]
    for i in spaces:  # a collapsed space stands for its whole white-space run
        ends[i] = starts[i + 1]
    joined = "".join(pieces)
    view = Normalized(fix_tone_placement(joined), tuple(starts), tuple(ends))  # "o\u200bà": the vowels meet
    if not unicodedata.is_normalized("NFC", view.text):  # "a\u200b\u0300": the mark meets its letter
        return compose(normalize(view.text), view.starts, view.ends)  # only once the invisible is gone
    return view


def norm_text(text: str) -> str:
    """The normalised string alone (for lexicon keys and comparisons); same result as `normalize`."""
    if unicodedata.is_normalized("NFC", text):
        toned = fix_tone_placement(text)
        clean = " ".join(_INVISIBLE_RE.sub("", toned).split())
        if len(clean) != len(toned):  # the same two passes as `normalize`: "o\u200bà" meets once the invisible is gone
            clean = fix_tone_placement(clean)
        if unicodedata.is_normalized("NFC", clean):
            return clean
    return normalize(text).text


def compose(view: Normalized, starts: tuple[int, ...], ends: tuple[int, ...]) -> Normalized:
    """Map `view` (offsets into an intermediate string) through that string's own source map."""
    return Normalized(
        view.text,
        tuple(starts[s] for s in view.starts),
        tuple(ends[e - 1] for e in view.ends),
    )
