"""Role names a page presents in its title and headings, read by the grammar of titles.

The role lexicon (roles.py) knows the job market's words; pages still present roles it does
not know ("Site Reliability Engineer", "Phlebotomist") or write known ones in forms its
word order does not read ("Manager, Accounting", "Senior Director, Talent Acquisition", a
job-family page's bare level heading "#### Senior"). A heading or a title presents a role
when its words say so:

- a title form around the name: "X là gì", "Công việc của X", "Lộ trình trở thành X",
  "What does a X do", "X career profile", "X job description", "X Responsibilities"
  (data/titles.json);
- an inverted name: title words, a comma, the department ("Manager, Accounting" is an
  Accounting Manager; "Senior Manager, Global Payroll Operations");
- an English job noun after Title-Case words the lexicon does not know ("Reliability
  Engineer"): its field is those words and the noun's own field
  (reliability_engineering);
- title words alone ("Senior", "Associate", "Manager") under a page about one job family,
  when the heading opens that level's own duties or requirements: that family at that level.

A name with no department word takes its function from its own words (snake case), never
`general` when the title says more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from extract.lexicon import load_data
from extract.roles import RoleMention, level_words, snake_case
from extract.sections import classify_heading

_LEAD = re.compile(r"^[\W_]*(?:(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.):]\s*|(?:bước|step|level|phần|part)\s*#?\s*\d+\s*[.:)-]?\s*)?", re.I)
_TRAIL = re.compile(r"[\s:?!.。]+$")
_PAREN_END = re.compile(r"\s*\([^()]*\)\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’&+-]*|\d+")
# English nouns for a person who does something ("Phlebotomist", "Examiner", "Sommelier" is not):
# in a heading that opens a role's duties, an unknown one of them is that role's name.
_AGENT_NOUN = re.compile(r"(?:ist|[^e]er|or|ian|ant|ent)$")


@dataclass(frozen=True, slots=True)
class Presented:
    """A role a heading presents: its (function, level) and the span of its name in the text."""

    function: str
    level: str
    start: int
    end: int
    bare: bool = False  # title words alone: the level of the page's job family


@dataclass(frozen=True)
class _Data:
    forms: tuple[tuple[re.Pattern[str], bool], ...]
    suffixes: re.Pattern[str]
    job_nouns: dict[str, str]


@cache
def _data() -> _Data:
    raw = load_data("titles.json")
    suffixes = sorted(raw["section_suffixes"], key=len, reverse=True)
    return _Data(
        forms=tuple((re.compile(f["re"], re.I), bool(f["unknown"])) for f in raw["forms"]),
        suffixes=re.compile(r",?\s+(?:" + "|".join(map(re.escape, suffixes)) + r")$", re.I),
        job_nouns={k.casefold(): v for k, v in raw["job_nouns"].items()},
    )


def role_part_bare(text: str) -> tuple[int, int]:
    """Where a heading's text stands, decorations and numbering left out (no title form)."""
    a = _LEAD.match(text).end()  # type: ignore[union-attr]
    trail = _TRAIL.search(text)
    return a, max(a, trail.start() if trail else len(text))


def role_part(text: str) -> tuple[int, int, bool]:
    """Where the name stands in a heading, and whether the heading's form alone makes it a
    role: decorations, numbering and a section suffix ("… Responsibilities") left out."""
    a, b = role_part_bare(text)
    if b <= a:
        return a, a, False
    data = _data()
    part = text[a:b]
    for pattern, strong in data.forms:
        m = pattern.fullmatch(part)
        if m and m.group("role").strip():
            return a + m.start("role"), a + m.end("role"), strong
    suffix = data.suffixes.search(part)
    if suffix and suffix.end() == len(part) and suffix.start() > 0:
        return a, a + suffix.start(), False
    return a, b, False


def presented_role(
    text: str,
    found: Sequence[RoleMention],
    fields: Sequence[tuple[int, str]] = (),
    *,
    family: str | None,
    structural: bool,
) -> Presented | None:
    """The role the heading `text` presents when the lexicon's names in it (`found`) do not
    say it whole, else None. `fields`: the lexicon's department words in it (start, function).
    `structural`: the heading opens that role's own duties or requirements (or is the page's
    title), which makes title words alone a level of `family` and an unknown name a role."""
    a, b, strong = role_part(text)
    if b <= a:
        return None
    part = text[a:b]
    core_end = a + len(_PAREN_END.sub("", part))  # "Recruiter (Intermediate)": the gloss is no part of it
    inside = [m for m in found if a <= m.start and m.end <= b]
    inverted = _inverted(text, a, b, fields)
    if inverted is not None:
        return inverted
    if inside and _covers(text, a, core_end, inside):
        return _extended(text, a, inside[0]) if inside[0].generic else None
    if inside and inside[0].generic:
        return _extended(text, a, inside[0])
    if inside:
        return None
    level = level_words(text[a:core_end])
    if level is not None:
        return Presented(family, level, a, b, bare=True) if structural and family else None
    if not (strong or structural) or classify_heading(text[a:core_end]) is not None:
        return None  # "Kỹ năng", "Required Skills": a section's name, not a role's
    return _unknown(text, a, core_end, b, strong)


_FIELD_AFTER_COMMA = re.compile(r",[ \t]+((?:[A-Z][\w&'’-]*)(?:[ \t]+(?:[A-Z][\w&'’-]*|&|and|of))*)")


_TITLE_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*[ \t]+){0,2}[A-Z][\w'’-]*)$")


def inverted_in_text(text: str, fields: Sequence[tuple[int, str]]) -> list[Presented]:
    """'The Manager, Recruiting is a grade 8': capitalised title words alone, a comma, then
    capitalised words that hold a department word: one name, that department at that level."""
    out: list[Presented] = []
    for after in _FIELD_AFTER_COMMA.finditer(text):
        inside = [fn for start, fn in fields if after.start(1) <= start < after.end(1)]
        if not inside or text[after.start(1) : after.end(1)].split()[-1] in ("and", "of", "&"):
            continue
        before = _TITLE_WORDS_BEFORE.search(text, 0, after.start())
        if before is None:
            continue
        words = list(re.finditer(r"\S+", before.group(1)))
        for w in words:  # the longest run of title words that ends at the comma
            start = before.start(1) + w.start()
            level = level_words(text[start : after.start()])
            if level is not None:
                out.append(Presented(inside[0], level, start, after.end(1)))
                break
    return out


def _covers(text: str, a: int, b: int, inside: Sequence[RoleMention]) -> bool:
    letters = sum(ch.isalpha() for ch in text[a:b])
    covered = sum(ch.isalpha() for m in inside for ch in text[max(a, m.start) : min(b, m.end)])
    return letters > 0 and covered / letters >= 0.75


def _inverted(text: str, a: int, b: int, fields: Sequence[tuple[int, str]]) -> Presented | None:
    """'Manager, Accounting', 'Senior Director, Talent Acquisition': title words, a comma, the field."""
    comma = text.find(",", a, b)
    if comma < 0:
        return None
    level = level_words(text[a:comma])
    if level is None:
        return None
    rest_end = a + len(_PAREN_END.sub("", text[a:b]))
    rest = [fn for start, fn in fields if comma < start < rest_end]
    function = rest[0] if rest else snake_case(text[comma + 1 : rest_end])
    return Presented(function, level, a, b) if function else None


def _extended(text: str, a: int, m: RoleMention) -> Presented | None:
    """A generic job noun ("Engineer") after Title-Case words the lexicon does not know
    ("Site Reliability"): the name is the whole phrase, its field those words' and the noun's."""
    words = [w for w in _WORD.finditer(text, a, m.start)]
    start = m.start
    for w in reversed(words):
        if not w.group()[:1].isupper() or text[w.end() : start].strip():
            break
        start = w.start()
    if start == m.start or level_words(text[start : m.start]) is not None:
        return None
    modifiers = snake_case(text[start : m.start])
    return Presented(f"{modifiers}_{m.function}" if m.function else modifiers, m.level, start, m.end)


def _unknown(text: str, a: int, core_end: int, b: int, strong: bool) -> Presented | None:
    """A name no lexicon word reads, which the page presents as a role: its function from its
    own words (an English job noun gives its field: "Phlebotomy Technician" -> phlebotomy_technology).
    Only a title form ("X là gì") vouches for a name without a job noun."""
    words = _WORD.findall(text[a:core_end])
    level = "staff"
    for k in (2, 1):  # "Senior Phlebotomist": title words first
        if len(words) > k and (lvl := level_words(" ".join(words[:k]))) is not None:
            level, words = lvl, words[k:]
            break
    if not words or len(words) > 6:
        return None
    nouns = _data().job_nouns
    last = words[-1].casefold()
    stem = last[:-1] if last.endswith("s") and last[:-1] in nouns else last
    if stem in nouns:
        head = " ".join(words[:-1])
        function = "_".join(p for p in (snake_case(head), nouns[stem]) if p) or snake_case(stem)
    elif strong or _AGENT_NOUN.search(stem):
        function = snake_case(" ".join(words))
    else:
        return None
    return Presented(function, level, a, b) if function else None
