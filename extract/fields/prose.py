"""What a prose sentence says about a role: a duty, a requirement, a definition, or nothing.

SPEC 4.1: in a duties section (or a "what does X do" part) a sentence that states
concrete tasks is a duty; a sentence that defines or praises the role is not; soft
qualities under a requirements heading count as requirements.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from extract.fields.years import find_years
from extract.lexicon import cue_pattern, load_data

SentenceKind = Literal["duty", "requirement", "definition"]


def _cues(name: str) -> list[str]:
    return load_data("cues.json")[name]


@cache
def _cue_regex(name: str) -> re.Pattern[str]:
    return cue_pattern(tuple(_cues(name)))


def _has(text: str, name: str) -> bool:
    """Whether `text` holds a cue of the named list (the list's regex is built once)."""
    return _cue_regex(name).search(text) is not None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the role names blanked out, so their words are not read as cues."""
    chars = list(text)
    for a, b in spans:
        chars[max(a, 0) : max(b, 0)] = " " * (max(b, 0) - max(a, 0))
    return "".join(chars)


def is_list_intro(text: str) -> bool:
    """'… như sau:' / 'These skills include:' introduce a list; they are not items."""
    return text.rstrip().endswith(":")


def is_definition(text: str) -> bool:
    """'X là người …', 'X is a …', 'Là bộ phận quan trọng …': says what the role is, not what it does."""
    low = f" {text.lower()} "
    return any(cue in low for cue in _cues("definition"))


def has_task_subject(text: str, role_spans: list[tuple[int, int]]) -> bool:
    """The sentence is about someone doing something: a pronoun or a role name near its start."""
    head = text[:80].lower()
    if any(a < 60 for a, _ in role_spans):
        return True
    return _has(head, "duty_subjects")


def opens_with_verb(text: str) -> bool:
    """An imperative task line ("Thiết lập sổ tay…", "Developing designs…"): it starts with a verb.

    Vietnamese verbs are told by underthesea's POS tagger on the first words only (cheap);
    English ones by the duty-verb lexicon or a capitalised -ing form.
    """
    words = text.split()
    if len(words) > 1 and words[0].endswith(",") or len(words) > 2 and words[1].endswith(","):
        words = words[2 if words[1].endswith(",") else 1 :]  # "Hằng ngày, …", "Every day, …"
    if not words:
        return False
    first = words[0].strip(",.;:").lower()
    if first.isascii():
        if any(w.lower() in _cues("aux_after_subject") for w in words[1:4]):
            return False  # "Accounting departments are …": a noun subject, not a task
        return first in _cues("duty_verbs") or (
            first.endswith("ing") and words[0][:1].isupper() and len(first) > 4
        )
    from underthesea import pos_tag  # lazy: underthesea takes ~1 s to import; most texts never need it

    tags = pos_tag(" ".join(words[:6]))
    return bool(tags) and tags[0][1] == "V"


def _subject_acts(text: str, role_spans: list[tuple[int, int]]) -> bool:
    """'Trưởng nhóm kiểm toán phân công công việc cho cả đoàn': the role opens the sentence and a
    verb follows it (Vietnamese: underthesea's POS tag of the next words)."""
    first = min(role_spans, default=None)
    if first is None or first[0] > 25:
        return False
    rest = text[first[1] :].strip()
    if not rest or rest.isascii() or _cue_regex("state_verbs").match(rest.lower()):
        return False
    return opens_with_verb(rest)


def states_requirement(low: str) -> bool:
    """'bạn cũng cần phải có bản lĩnh…', 'must hold a license', 'phải có ít nhất 5 năm làm giáo viên':
    a need, and something a candidate has (a skill, a degree, or years of work)."""
    if not _has(low, "need") or _has(low, "requirement_meta"):
        return False
    return _has(low, "requirement") or find_years(low, experience=True)[2] is not None


def classify_sentence(
    text: str, section: str | None, role_spans: list[tuple[int, int]], *, beside_list: bool = False
) -> SentenceKind | None:
    """Kind of one sentence in a section of kind `section` (None: no heading says what it is).

    `beside_list`: the section also has a list, so its prose is mostly an introduction or
    an aside; only a sentence that plainly states a requirement is kept.
    """
    stripped = text.strip()
    min_words = 2 if section in ("duties", "requirements") else 4  # a posting's line: "Cẩn thận, trung thực"
    words = [w for w in stripped.split() if any(ch.isalpha() for ch in w)]
    if len(words) < min_words or stripped.endswith("?") or is_list_intro(stripped):
        return None
    low = stripped.lower()
    if _has(low, "meta"):
        return None
    if beside_list:
        if states_requirement(low):
            return "requirement"
        # "Ngoài ra, điều dưỡng còn tham gia quản lý trang thiết bị …" after a duties list: one more
        # task, stated with the role as subject; other prose beside a list introduces or aside
        tasks = _mask(low, role_spans)
        acts = _has(tasks, "duty_verbs") or _subject_acts(stripped, role_spans)
        if section == "duties" and has_task_subject(stripped, role_spans) and acts and not _has(low, "not_duty"):
            return None if is_definition(stripped) else "duty"
        return None
    if section == "requirements":
        return None if _has(low, "requirement_meta") else "requirement"
    definition = is_definition(stripped)
    if section == "duties":
        if states_requirement(low):
            return "requirement"
        if definition or _has(low, "not_duty"):
            return None
        return "duty"
    if definition:
        # the article's definition of a role names the role as its subject
        return "definition" if any(a < 25 for a, _ in role_spans) else None
    if states_requirement(low):
        return "requirement"
    if find_years(stripped)[2] is not None:
        return None  # "bạn sẽ làm việc tại vị trí này từ 2 – 3 năm": tenure, not a task
    if "%" in low:
        return None  # "68% kế toán viên hài lòng …": a statistic about the job, not a task
    tasks = _mask(low, role_spans)  # "chăm sóc" in "Nhân viên chăm sóc khách hàng" is no task
    if section in ("summary", None) and has_task_subject(stripped, role_spans):
        if _has(tasks, "duty_verbs") or _has(tasks, "duty_phrases") or _subject_acts(stripped, role_spans):
            if not _has(low, "not_duty"):
                return "duty"
    if section == "summary" and _has(tasks, "duty_phrases") and _has(tasks, "duty_verbs"):
        return "duty"
    if section in ("summary", None) and not _has(low, "not_duty") and opens_with_verb(stripped):
        return "duty"
    return None
