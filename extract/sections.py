"""Which blocks speak of what (duties, requirements, salary, career …) and of which role.

Headings open sections. A heading's kind comes from the cue words in
data/sections.json; its role from the role names it contains. A heading that is only
a role name ("* Trưởng nhóm chăm sóc khách hàng", "QA Manager") or an unclassified
label ("Hỗ trợ khách hàng:") opens a sub-section that keeps the enclosing kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from extract.document import Block
from extract.lexicon import cue_pattern, load_data

CONTENT_KINDS = frozenset({"duties", "requirements", "salary", "career", "summary"})
AMBIGUOUS = ("", "")  # a section about several roles at once: items need their own role


@dataclass(frozen=True, slots=True)
class Context:
    """What the section around a block speaks of."""

    kind: str | None
    role: tuple[str, str] | None  # (function, level); AMBIGUOUS; None = the article's main role
    heading: Block | None = None


@cache
def _kind_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = load_data("sections.json")
    return [(kind, cue_pattern(tuple(data["kinds"][kind]))) for kind in data["order"]]


def classify_heading(text: str) -> str | None:
    """The section kind a heading announces, or None."""
    low = text.lower()
    for kind, pat in _kind_patterns():
        if pat.search(low):
            return kind
    return None


def row_kind(label: str) -> str | None:
    """Kind of a table row from its label cell: duties, requirements or salary."""
    data = load_data("sections.json")
    low = label.lower()
    for kind, key in (("salary", "salary_rows"), ("requirements", "requirement_rows"), ("duties", "duty_rows")):
        if any(cue in low for cue in data[key]):
            return kind
    return None


_PUNCT = re.compile(r"[\W\d_]+")


def is_role_only(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the role names cover nearly all the letters of the heading."""
    letters = len(_PUNCT.sub("", text))
    covered = sum(len(_PUNCT.sub("", text[a:b])) for a, b in spans)
    return letters > 0 and covered / letters >= 0.75


RoleFinder = Callable[[Block], list[tuple[tuple[str, str], int, int]]]


def assign_contexts(blocks: Sequence[Block], roles_in: RoleFinder) -> list[Context]:
    """One Context per block (headings get the context they open)."""
    contexts: list[Context] = []
    section = Context(None, None)
    sub: Context | None = None
    for block in blocks:
        if block.kind != "heading":
            contexts.append(sub or section)
            continue
        found = roles_in(block)
        keys = list(dict.fromkeys(k for k, _, _ in found))
        kind = classify_heading(block.text)
        if found and is_role_only(block.text, [(a, b) for _, a, b in found]) and len(keys) == 1:
            sub = Context(section.kind, keys[0], block)
        elif kind is None and not block.text.rstrip().endswith("?") and section.kind in CONTENT_KINDS:
            sub = Context(section.kind, keys[0] if len(keys) == 1 else (sub or section).role, block)
        else:
            if len(keys) == 1:
                role = keys[0]
            elif len(keys) > 1:
                role = AMBIGUOUS
            else:
                role = section.role if section.role != AMBIGUOUS else None
            section = Context(kind, role, block)
            sub = None
        contexts.append(sub or section)
    return contexts
