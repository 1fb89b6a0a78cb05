"""The items stage: duties and requirements from list items, fact lines and prose, and the
one-sentence summary of a role.

Every list item under a duties or requirements heading is one item (SPEC 4.1); a "Label
value" line ("Education Bachelor's degree …") is a requirement; a prose sentence is
classified by extract/fields/prose.py and given to the role that is its subject, else to
its section's role. A role named before a colon opens its own duty ("Lễ tân (Front Desk):
Tiếp đón khách …").

Reads: blocks, mentions, sections, `Article.ladder_blocks` (rungs are no items) and
`Article.pay_spans` (a pay figure is no requirement). Leaves: duties, requirements and
summaries on the accumulators.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from extract.article import Article, Found, Key, Mention
from extract.document import Block
from extract.fields.prose import classify_sentence, is_list_intro
from extract.fields.requirements import requirement_fields
from extract.lexicon import cue_pattern, load_data
from extract.sections import AMBIGUOUS, Context, fact_kind, inline_heading_end, names_a_role, points_elsewhere
from extract.sentences import sentence_spans


def items(art: Article) -> None:
    listed = Counter(
        id(ctx) for ctx, b in zip(art.contexts, art.blocks, strict=True) if b.kind == "list_item"
    )
    for idx, (block, ctx) in enumerate(zip(art.blocks, art.contexts, strict=True)):
        if block.kind == "table" or art.heading[idx] or idx in art.ladder_blocks:
            continue
        if block.kind == "list_item":
            _list_item(art, idx, block, ctx)
        elif (
            fact_kind(block.text)
            and len(block.text) < 250
            and len(sentence_spans(block.text)) == 1  # a label and its value, not a paragraph opening "Kỹ năng của …"
            and ctx.kind not in ("other", "benefits")
            and not block.text.rstrip().endswith("?")
        ):
            _fact_line(art, block, ctx)
        else:
            beside_list = listed[id(ctx)] >= 2 and ctx.kind in ("duties", "requirements")
            _prose(art, idx, block, ctx, beside_list=beside_list)


def _add(art: Article, role: Key, kind: str, found: Found) -> None:
    acc = art.acc(role)
    if kind == "duties":
        acc.duties.append(found)
    else:
        found.values = requirement_fields(art.source[found.start : found.end])
        acc.requirements.append(found)


def _list_item(art: Article, idx: int, block: Block, ctx: Context) -> None:
    if is_list_intro(block.text) or points_elsewhere(block.text):
        return  # "Extends the Payroll Specialist Responsibilities": a pointer, not an item
    if _role_colon_item(art, idx, block, ctx):
        return
    kind = ctx.kind
    if kind in (None, "summary", "career") and fact_kind(block.text):
        kind = "requirements"  # "Degrees: Bachelor's in …" under "Educational Pathways"
    elif kind == "career" and _rung_part(art, ctx):
        kind = "duties"  # "#### Mid-Level (3-5 years): SRE" then "- Leading incident response"
    if kind in ("faq", "advice") or (kind is None and _role_part(art, ctx)):
        # an item of an FAQ or a how-to step, or of a role's part with no section name ("## Senior
        # Sales" then "- Phụ trách nhóm khách hàng lớn"): what it says, read as a sentence;
        # a step's advice to the reader is no duty
        if block.text.rstrip().endswith("?"):
            return
        spans = [(m.start, m.end) for m in art.mentions[idx]]
        said = classify_sentence(block.text, None, spans)
        kind = {"requirement": "requirements", "duty": "duties" if kind != "advice" else None}.get(said or "", None)
    if kind not in ("duties", "requirements") or art.pay_in(idx, 0, len(block.text)):
        return
    role = art.role_for(ctx) or _subject(art.mentions[idx], block.text, 0)
    found = art.place(block, 0, len(block.text))
    if role is not None and found is not None:
        _add(art, role, kind, found)


def _role_part(art: Article, ctx: Context) -> bool:
    """A part of the page under a heading that names its role ("## Senior Sales")."""
    if ctx.role in (None, AMBIGUOUS) or ctx.heading is None:
        return False
    return any(m.key == ctx.role for m in art.mentions[art.index_of(ctx.heading)])


def _rung_part(art: Article, ctx: Context) -> bool:
    """A career section's sub-heading that names one role: its list says what that level does."""
    if ctx.role in (None, AMBIGUOUS) or ctx.heading is None or not 0 <= ctx.section < len(art.blocks):
        return False
    if ctx.heading is art.blocks[ctx.section]:
        return False
    i = art.index_of(ctx.heading)
    return names_a_role(ctx.heading.text, [(m.key, m.start, m.end) for m in art.mentions[i]])


def _role_colon_item(art: Article, idx: int, block: Block, ctx: Context) -> bool:
    """'Nhân viên lễ tân (Front Desk Agent): Tiếp đón khách hàng, …': a duty of the role it names."""
    found = art.mentions[idx]
    if not found or found[0].start > 2 or ctx.kind in ("other", "benefits", "requirements", "salary"):
        return False
    colon = block.text.find(":", found[0].end)
    if (
        colon < 0
        or colon - found[0].end > 40
        or any(
            m.start < colon and m is not found[0] and m.key != found[0].key
            for m in found[1:]
            if m.start < colon and "(" not in block.text[found[0].end : m.start]
        )
    ):
        return False
    rest = block.text[colon + 1 :]
    if len(rest.split()) < 3 or art.pay_in(idx, colon, len(block.text)):
        return False  # "Điều dưỡng mới ra trường: 7 - 9 triệu/tháng" is pay
    place = art.place(block, colon + 1 + (len(rest) - len(rest.lstrip())), len(block.text))
    if place is not None:
        _add(art, found[0].key, "duties", place)
    return True


def _fact_line(art: Article, block: Block, ctx: Context) -> None:
    role = art.role_for(ctx)
    found = art.place(block, inline_heading_end(block.text), len(block.text))
    if role is not None and found is not None:
        _add(art, role, "requirements", found)


@cache
def _subject_prefixes() -> frozenset[str]:
    return frozenset(load_data("cues.json")["subject_prefix"])


@cache
def _cues(key: str) -> re.Pattern[str]:
    return cue_pattern(tuple(load_data("cues.json")[key]))


def _opens_with(key: str, text: str, pos: int = 0) -> re.Match[str] | None:
    """A cue of cues.json `key` right at `pos`, after white space, quotes and an opening bracket."""
    while pos < len(text) and (text[pos].isspace() or text[pos] in "\"'“("):
        pos += 1
    return _cues(key).match(text, pos)


def _subject(mentions: Sequence[Mention], text: str, sentence_start: int) -> Key | None:
    """The role a sentence is about: a role name that opens it, after connectives only
    ("Còn trưởng phòng …", "Bên cạnh đó, nurses …", "Nhiệm vụ của một Tester …"), not one that
    is an object ("Hỗ trợ bác sỹ …")."""
    for m in mentions:
        if m.start < sentence_start:
            continue
        if _opens_with("credential_after", text, m.end):
            return None  # "A CPA is almost always required": a credential, not who the sentence is about
        before = text[sentence_start : m.start].lower()
        words = [w for w in (w.strip(",;:-–—\"'“”()") for w in before.split()) if w]
        return m.key if len(words) <= 5 and _only_prefixes(words) else None
    return None


def _only_prefixes(words: list[str]) -> bool:
    """The words are subject prefixes end to end, each phrase of one to three words."""
    prefixes = _subject_prefixes()
    i = 0
    while i < len(words):
        step = next((n for n in (3, 2, 1) if " ".join(words[i : i + n]) in prefixes), 0)
        if not step:
            return False
        i += step
    return True


def _prose(art: Article, idx: int, block: Block, ctx: Context, *, beside_list: bool = False) -> None:
    if ctx.kind not in (None, "duties", "requirements", "summary", "faq", "advice"):
        return
    section = None if ctx.kind in ("faq", "advice") else ctx.kind
    mentions = art.mentions[idx]
    for a, b in sentence_spans(block.text):
        local = [(m.start - a, m.end - a) for m in mentions if a <= m.start < b]
        kind = classify_sentence(_without_both(block.text[a:b]), section, local, beside_list=beside_list)
        if kind is None or (ctx.kind in ("faq", "advice") and kind != "requirement") or art.pay_in(idx, a, b):
            continue
        inside = [m for m in mentions if a <= m.start < b]
        found = art.place(block, a, b)
        if found is None:
            continue
        if kind != "definition" and (pair := _both(art, ctx, inside, block.text[a:b])):
            for role in pair:
                _add(art, role, "duties" if kind == "duty" else "requirements", found)
            continue
        role = _subject(inside, block.text, a) or art.role_for(ctx)
        if role is None:
            continue
        if kind == "definition":
            acc = art.acc(role)
            if acc.summary is None and ctx.kind in ("summary", None):
                acc.summary = found
            continue
        _add(art, role, "duties" if kind == "duty" else "requirements", found)


def _without_both(sentence: str) -> str:
    """The sentence with an opening 'Cả 2 vị trí' blanked (offsets kept): comparing is not what
    it says ('2 vị trí' alone marks a comparison, no task)."""
    m = _opens_with("both_subject", sentence)
    return sentence if m is None else " " * m.end() + sentence[m.end() :]


def _both(art: Article, ctx: Context, inside: Sequence[Mention], sentence: str) -> list[Key]:
    """The two roles a sentence opening with 'Cả 2 vị trí …', 'Both roles …' speaks of: in a section
    about several roles, the two its heading names; else the two it names; else none."""
    if _opens_with("both_subject", sentence) is None:
        return []
    if ctx.role == AMBIGUOUS and ctx.heading is not None:
        at = next((i for i, b in enumerate(art.blocks) if b is ctx.heading), None)
        pair = list(dict.fromkeys(m.key for m in art.mentions[at])) if at is not None else []
        if len(pair) == 2:
            return pair
    keys = list(dict.fromkeys(m.key for m in inside))
    return keys if len(keys) == 2 else []

