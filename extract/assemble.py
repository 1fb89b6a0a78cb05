"""Accumulators -> validated RoleRecords: the one place a pydantic ValidationError is caught.

For each role the Article's field stages filled: its items in the order the article gives
them, each once (a caption repeating a sentence is the same item; a salary figure restated
later is the same observation), texts as a reader sees them, the fullest name, and a
record only for a role SPEC section 2 admits. A value that fails validation is dropped with
a warning: one odd item must not cost the article.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from extract.article import Article, Found, RoleAcc
from extract.models import CareerStep, Evidence, Requirement, RoleRecord, Salary

_ITEM_KEY = re.compile(r"[\s.,;:!?…]+$")
# What a reader does not see in a slice of markup: HTML tags and comments; in markdown also
# images, link targets ("[values](/handbook/values/)" reads "values"), emphasis and code
# marks, attribute lists and backslash escapes. Entities are decoded after.
_HTML_MARKUP = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>]*>", re.S)
_HTML_BREAK = re.compile(r"</?(?:br|p|div|li|ul|ol|td|th|tr|h[1-6]|section|article|blockquote)\b[^<>]*>", re.I)
_MD_MARKUP = re.compile(
    r"<!--.*?-->|<[A-Za-z/!][^<>]*>"
    r"|!\[[^\]]*\]\([^)]*\)"  # images
    r"|\]\([^)]*\)|\]\[[^\]]*\]|(?<!\\)\[(?=[^\]]*\](?:\(|\[))"  # link targets and their opening bracket
    r"|\{:[^{}]*\}|\{[#.][^{}]*\}"  # attribute lists
    r"|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`+"  # emphasis and code marks
    r"|\\(?=[\\`*_{}\[\]()#+\-.!|<>])",  # escapes
    re.S,
)
M = TypeVar("M", bound=BaseModel)


def assemble(art: Article) -> tuple[str | None, list[RoleRecord], list[str]]:
    """(title, role records, warnings) of one article.

    For an HTML or markdown source the offsets still index the markup, while each text is
    what a reader sees there: entities decoded, emphasis marks dropped, white space collapsed
    ("designers &amp; copywriters" -> "designers & copywriters", "**Requirements:** A …").
    """
    read = {"html": _html_text, "md": _md_text}.get(art.media, _as_is)
    warnings = list(art.warnings)
    records = []
    for key, acc in art.roles.items():
        record = _record(art, key, acc, read, warnings)
        if record is not None:
            records.append(record)
    first_seen = {key: i for i, key in enumerate(art.roles)}
    main = f"{art.main[0]}/{art.main[1]}" if art.main else ""
    records.sort(key=lambda r: (r.role_id != main, first_seen[(r.function, r.level)]))
    title = read(art.title) if art.title else None
    return title, records, warnings


def _record(
    art: Article, key: tuple[str, str], acc: RoleAcc, read: Callable[[str], str], warnings: list[str]
) -> RoleRecord | None:
    def text(found: Found) -> str:
        return read(art.source[found.start : found.end])

    def build(model: type[M], found: Found, what: str, **extra: Any) -> M | None:
        try:
            return model(text=text(found), start=found.start, end=found.end, **found.values, **extra)
        except ValidationError as err:
            warnings.append(f"{what} at {found.start}-{found.end} dropped: {err.errors()[0]['msg']}")
            return None

    duties = [d for f in _once(art, acc.duties) if (d := build(Evidence, f, "duty"))]
    requirements = [r for f in _once(art, acc.requirements) if (r := build(Requirement, f, "requirement"))]
    salaries: list[Salary] = []
    for f in sorted(acc.salaries, key=_position):
        sal = build(Salary, f, "pay figure")
        if sal is not None and not any(_restates(sal, s) for s in salaries):
            salaries.append(sal)
    career = [s for f in acc.career if (s := build(CareerStep, f, "career step", name=text(f)))]
    summary = build(Evidence, acc.summary, "summary") if acc.summary else None
    has_content = bool(summary or duties or requirements or salaries or career)
    if not (has_content or key == art.main) or not acc.names:
        return None
    name, mentions = _best_name(acc.names, art.title or "", acc.headed)
    function, level = key
    try:
        return RoleRecord(
            role_id=f"{function}/{level}",
            function=function,
            level=level,
            name=read(name),
            mentions=[read(m) for m in mentions],
            summary=summary,
            duties=duties,
            requirements=requirements,
            salaries=salaries,
            career_path=career,
        )
    except ValidationError as err:
        warnings.append(f"role {function}/{level} dropped: {err.errors()[0]['msg']}")
        return None


def _position(found: Found) -> tuple[int, int]:
    return found.start, found.end


def _once(art: Article, found: list[Found]) -> list[Found]:
    """In the article's order, each text once."""
    seen: set[str] = set()
    out = []
    for f in sorted(found, key=_position):
        key = _item_key(art.source[f.start : f.end])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _item_key(text: str) -> str:
    return _ITEM_KEY.sub("", " ".join(text.casefold().split()))


def _restates(a: Salary, b: Salary) -> bool:
    """The same figure again, unless a label tells them apart: $55,000 as the mid-career base
    and as the entry-level total are two observations; a label one of them lacks is no difference."""
    if (a.min, a.max, a.currency, a.period) != (b.min, b.max, b.currency, b.period):
        return False
    pairs = ((a.component, b.component), (a.experience, b.experience), (a.region, b.region))
    return all(x is None or y is None or x == y for x, y in pairs)


def _as_is(text: str) -> str:
    return text


def _html_text(text: str) -> str:
    """A slice of HTML as a reader sees it: tags out, entities decoded, white space collapsed."""
    return " ".join(html_lib.unescape(_HTML_MARKUP.sub("", _HTML_BREAK.sub(" ", text))).split())


def _md_text(text: str) -> str:
    """A slice of markdown as a reader sees it: marks, link targets and images out."""
    return " ".join(html_lib.unescape(_MD_MARKUP.sub("", text)).split())


def _best_name(
    names: list[tuple[str, bool]], title: str, headed: set[str] = frozenset()
) -> tuple[str, list[str]]:
    """The fullest name (with its department word, as a heading about the role gives it,
    longest, as the title writes it, singular), and every other form seen. A heading wins over
    length: in "## Kế toán kho" the role is presented as that, whatever longer name a
    requirement or a ladder mentions in passing."""
    forms = list(dict.fromkeys(" ".join(n.split()) for n, _ in names if n.strip()))
    explicit = {" ".join(n.split()) for n, e in names if e}
    in_title = title.casefold()
    folded = {f.casefold() for f in forms}

    def rank(n: str) -> tuple:
        plural = n.endswith("s") and n[:-1].casefold() in folded
        return (
            n in explicit,
            n in headed,
            len(n) - plural,
            n.casefold() in in_title,
            not plural,
            -forms.index(n),
        )

    best = max(forms, key=rank)
    return best, [f for f in forms if f != best]
