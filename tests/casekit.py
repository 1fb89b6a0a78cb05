"""The whole-article case kit: expectation shapes and the checks that hold an extraction to
them (used by test_extraction_cases.py and test_whole_articles.py).

Texts are compared with the scorer's normalisation (SPEC 5: NFC, casefold, white space,
bullet marks, trailing punctuation) but otherwise exactly; salaries on min, max, currency,
period and stat; ladders on rung names (or role_id) in order with their years. A (case,
aspect) that the pipeline does not meet yet is marked xfail(strict=True) with the diagnosed
cause, so that fixing it turns the mark into a failure to remove.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

import pytest

from extract import extract_text
from extract.evaluate import normalize_text
from extract.models import DocumentRecord, RoleRecord

# --- the expectation shapes -----------------------------------------------------------


@dataclass(frozen=True)
class Req:
    """A requirement: its text, years (None when the item states none), and kind when unambiguous."""

    text: str
    min_years: float | None = None
    max_years: float | None = None
    kind: str | None = None  # None: not checked


@dataclass(frozen=True)
class Pay:
    min: float | None
    max: float | None
    currency: str
    period: str
    stat: str


@dataclass(frozen=True)
class Step:
    """A ladder rung: matched on its name or on role_id (SPEC 5.4), years checked, level when given."""

    name: str
    min_years: float | None = None
    max_years: float | None = None
    role_id: str | None = None


@dataclass(frozen=True)
class Role:
    role_id: str
    names: tuple[str, ...]
    duties: tuple[str, ...] = ()
    requirements: tuple[Req, ...] = ()
    salaries: tuple[Pay, ...] = ()
    career: tuple[Step, ...] = ()
    optional: tuple[str, ...] = ()  # duty or requirement texts a reader could take either way


Aspect = Literal["roles", "name", "duties", "requirements", "salaries", "career", "evidence"]
ASPECTS: tuple[Aspect, ...] = ("roles", "name", "duties", "requirements", "salaries", "career", "evidence")


@dataclass(frozen=True)
class Case:
    id: str
    media: Literal["txt", "md", "html"]
    text: str
    roles: tuple[Role, ...]
    xfail: dict[str, str] = field(default_factory=dict)  # aspect -> diagnosis


def vnd(lo: float | None, hi: float | None, period: str = "month", stat: str = "range") -> Pay:
    return Pay(lo, hi, "VND", period, stat)


def usd(lo: float | None, hi: float | None, period: str = "year", stat: str = "range") -> Pay:
    return Pay(lo, hi, "USD", period, stat)


M = 1_000_000



# --- running and comparing ------------------------------------------------------------


_RECORDS: dict[str, DocumentRecord] = {}


def _record_of(case: Case) -> DocumentRecord:
    if case.id not in _RECORDS:
        _RECORDS[case.id] = extract_text(case.text, doc_id=case.id, media=case.media)
    return _RECORDS[case.id]


def _norm(text: str) -> str:
    return normalize_text(text)


def _match_roles(case: Case, record: DocumentRecord) -> dict[str, RoleRecord]:
    """Expected role_id -> predicted role, one-to-one, on role_id first, then on name (SPEC 5.1)."""
    free = list(record.roles)
    out: dict[str, RoleRecord] = {}
    for exp in case.roles:
        hit = next((r for r in free if r.role_id == exp.role_id), None)
        if hit is None:
            names = {_norm(n) for n in exp.names}
            hit = next((r for r in free if _norm(r.name) in names), None)
        if hit is not None:
            free.remove(hit)
            out[exp.role_id] = hit
    return out


def _role_pairs(case: Case) -> list[tuple[Role, RoleRecord]]:
    record = _record_of(case)
    found = _match_roles(case, record)
    missing = [r.role_id for r in case.roles if r.role_id not in found]
    assert not missing, f"roles not found: {missing}; got {[r.role_id for r in record.roles]}"
    return [(exp, found[exp.role_id]) for exp in case.roles]


def _roles(case: Case) -> None:
    record = _record_of(case)
    found = _match_roles(case, record)
    got = sorted(r.role_id for r in record.roles)
    assert sorted(found) == sorted(r.role_id for r in case.roles), f"got roles {got}"
    wrong = {k: v.role_id for k, v in found.items() if v.role_id != k}
    assert not wrong, f"matched by name but role_id differs: {wrong}"
    extra = sorted({r.role_id for r in record.roles} - set(found))
    assert not extra, f"roles a reader would not take: {extra}"


def _names(case: Case) -> None:
    """SPEC 2: `name` is the fullest name the article gives; it must be one a reader accepts."""
    for exp, got in _role_pairs(case):
        assert _norm(got.name) in {_norm(n) for n in exp.names}, f"{exp.role_id} named {got.name!r}"


def _texts(case: Case, which: Literal["duties", "requirements"]) -> None:
    for exp, got in _role_pairs(case):
        optional = {_norm(t) for t in exp.optional}
        items = got.duties if which == "duties" else got.requirements
        predicted = sorted(_norm(i.text) for i in items if _norm(i.text) not in optional)
        wanted = exp.duties if which == "duties" else tuple(r.text for r in exp.requirements)
        assert predicted == sorted(_norm(t) for t in wanted), f"{exp.role_id} {which}"


def _requirements(case: Case) -> None:
    """The requirement texts, then each found item's years and (where unambiguous) kind."""
    _texts(case, "requirements")
    for exp, got in _role_pairs(case):
        by_text = {_norm(r.text): r for r in got.requirements}
        for req in exp.requirements:
            item = by_text.get(_norm(req.text))
            if item is None:
                continue
            assert (item.min_years, item.max_years) == (req.min_years, req.max_years), req.text
            if req.kind is not None:
                assert item.kind == req.kind, req.text


def _salaries(case: Case) -> None:
    for exp, got in _role_pairs(case):
        predicted = sorted(((s.min, s.max, s.currency, s.period, s.stat) for s in got.salaries), key=repr)
        wanted = sorted(((p.min, p.max, p.currency, p.period, p.stat) for p in exp.salaries), key=repr)
        assert predicted == wanted, exp.role_id


def _career(case: Case) -> None:
    for exp, got in _role_pairs(case):
        steps = sorted(got.career_path, key=lambda s: s.order)
        assert [s.order for s in steps] == list(range(1, len(steps) + 1))
        assert len(steps) == len(exp.career), [s.name for s in steps]
        for want, step in zip(exp.career, steps, strict=True):
            same = _norm(step.name) == _norm(want.name) or (
                want.role_id is not None and step.role_id == want.role_id
            )
            assert same, f"rung {step.name!r} ({step.role_id}) where {want.name!r} was expected"
            if want.role_id is not None:
                assert step.role_id == want.role_id, want.name
            assert (step.min_years, step.max_years) == (want.min_years, want.max_years), want.name


def _evidence(case: Case) -> None:
    record = _record_of(case)
    for role in record.roles:
        items = [role.summary, *role.duties, *role.requirements, *role.salaries, *role.career_path]
        for ev in items:
            if ev is not None:
                assert ev.text == reader_view(case.text[ev.start : ev.end], case.media), (role.role_id, ev.text)


CHECKS = {
    "roles": _roles,
    "name": _names,
    "duties": lambda c: _texts(c, "duties"),
    "requirements": _requirements,
    "salaries": _salaries,
    "career": _career,
    "evidence": _evidence,
}


def reader_view(raw: str, media: str) -> str:
    """What a reader sees of a slice of the page: markup out (tags, link targets, images,
    emphasis and code marks), entities decoded, white space collapsed; plain text as it is."""
    if media == "txt":
        return raw
    raw = re.sub(r"<[^>]+>|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\*\*|__|`|(?<!\w)\[", "", raw)
    return " ".join(html.unescape(raw).split())


def params(cases: tuple[Case, ...]) -> list:
    out = []
    for case in cases:
        for aspect in ASPECTS:
            reason = case.xfail.get(aspect)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(case, aspect, id=f"{case.id}-{aspect}", marks=marks))
    return out

