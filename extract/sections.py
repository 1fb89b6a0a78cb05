"""Which blocks speak of what (duties, requirements, salary, career …) and of which role.

Headings open sections. A heading's kind comes from the cue words in
data/sections.json; its role from the role names it contains. A heading that is only
a role name ("* Trưởng nhóm chăm sóc khách hàng", "QA Manager") or an unclassified
label ("Hỗ trợ khách hàng:") opens a sub-section that keeps the enclosing kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.document import Block
from extract.lexicon import cue_pattern, load_data
from extract.sentences import sentence_spans

CONTENT_KINDS = frozenset({"duties", "requirements", "salary", "career", "summary"})
PSEUDO_HEADING_KINDS = CONTENT_KINDS | {"benefits"}
ROLE_SPLIT_KINDS = frozenset(
    {"duties", "requirements", "career", "summary", "faq"}
)  # split by role sub-headings  # what an unmarked line may open
AMBIGUOUS = ("", "")  # a section about several roles at once: items need their own role


@dataclass(frozen=True, slots=True)
class Context:
    """What the section around a block speaks of."""

    kind: str | None
    role: tuple[str, str] | None  # (function, level); AMBIGUOUS; None = the article's main role
    heading: Block | None = None
    section: int = -1  # index of the block that opened the enclosing section (sub-sections share it)


@cache
def _kind_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = load_data("sections.json")
    return [(kind, cue_pattern(tuple(data["kinds"][kind]))) for kind in data["order"]]


@cache
def _form_patterns() -> list[tuple[str, re.Pattern[str]]]:
    forms = load_data("sections.json")["forms"]
    return [(kind, re.compile(p)) for kind, ps in forms.items() for p in ps]


LEAD_IN_KINDS = frozenset({"duties", "requirements"})  # sections whose lists a lead-in line may turn


@cache
def _lead_in_patterns() -> list[tuple[str, re.Pattern[str]]]:
    lead = load_data("sections.json")["lead_in"]
    return [(kind, cue_pattern(tuple(lead[kind]))) for kind in ("requirements", "duties")]


def lead_in_kind(text: str) -> str | None:
    """The kind of the list a line ending in ':' announces, read from its last sentence
    ('Junior recruiters will be expected to:' → duties), or None."""
    text = text.rstrip()
    if not text.endswith(":"):
        return None
    spans = sentence_spans(text)
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    if len(last) > 200:
        return None
    return next((kind for kind, pat in _lead_in_patterns() if pat.search(last)), None)


@lru_cache(maxsize=8192)
def classify_heading(text: str) -> str | None:
    """The section kind a heading announces (by its form, then by its words), or None."""
    low = text.lower()
    stripped = low.strip(" *_#:.")
    for kind, pat in _form_patterns():
        if pat.search(stripped):
            return kind
    for kind, pat in _kind_patterns():
        if pat.search(low):
            return kind
    return None


def fact_kind(text: str) -> str | None:
    """'Bằng cấp Cử nhân', 'Education Minimum of bachelor's degree': a label then its value."""
    labels = load_data("sections.json")["fact_labels"]
    head = " ".join(text.lower().lstrip("*_#-•· ").split()[:4])
    for kind, words in labels.items():
        if any(head.startswith(w) for w in words):
            return kind
    return None


def inline_heading_end(text: str) -> int:
    """Where the value starts after a section's name used as a label ("Yêu cầu: tốt nghiệp …"), else 0.

    Such a label is the section heading written inline, not part of the requirement; a
    label that says what the value is ("Kinh nghiệm: 2 năm") stays, as a reader copies it.
    """
    colon = text.find(":")
    if colon < 0 or colon > 40:
        return 0
    label = " ".join(text[:colon].lower().strip("*_#-•· ").split())
    if label not in load_data("sections.json")["inline_heading_labels"]:
        return 0
    rest = text[colon + 1 :]
    value = rest.lstrip("*_ \t")  # "**Requirements:** …": the label's closing emphasis too
    return len(text) - len(value) if value.strip() else 0


def row_kind(label: str) -> str | None:
    """Kind of a table row from its label cell: duties, requirements or salary."""
    data = load_data("sections.json")
    low = label.lower()
    for kind, key in (
        ("salary", "salary_rows"),
        ("requirements", "requirement_rows"),
        ("duties", "duty_rows"),
    ):
        if any(cue in low for cue in data[key]):
            return kind
    return None


_PUNCT = re.compile(r"[\W\d_]+")


def is_role_only(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the role names cover nearly all the letters of the heading."""
    letters = len(_PUNCT.sub("", text))
    covered = sum(len(_PUNCT.sub("", text[a:b])) for a, b in spans)
    return letters > 0 and covered / letters >= 0.75


BlockRoles = Sequence[tuple[tuple[str, str], int, int]]  # (role key, start, end) of the names in a block


def heading_flags(blocks: Sequence[Block]) -> list[bool]:
    """Which blocks open a section: headings, short unpunctuated lines that name a section
    kind ("Yêu cầu công việc") and are followed by content rather than by more short
    label/value lines ("Bằng cấp Cử nhân", "Job Skills Highly organized"), and a section's
    name written as a label ("Yêu cầu công việc:", "Quyền lợi được hưởng:") over any lines."""
    flags = []
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if block.kind == "heading":
            flags.append(not _label_value(text))
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "paragraph" and _section_label(text) and nxt is not None:
            flags.append(True)
            continue
        prev = blocks[i - 1] if i else None
        flags.append(
            block.kind == "paragraph"
            and len(text) < 90
            and not (prev is not None and prev.kind == "paragraph" and _item_line(prev.text))
            and not text.endswith((".", ";", ",", "!"))
            and "," not in text
            and ". " not in text  # two sentences are no heading
            and not any(ch.isdigit() for ch in text)
            and (kind := classify_heading(text)) in PSEUDO_HEADING_KINDS
            and nxt is not None
            and (nxt.kind in ("list_item", "table", "heading") or len(nxt.text) >= 120 or kind == "career")
        )
    return flags


def _item_line(text: str) -> bool:
    """A short line with no end mark: one of a run of task lines ("Tuyển dụng, đào tạo đội ngũ"),
    after which a line that holds a section word ("Phân công công việc …") is one more task."""
    text = text.strip()
    return 0 < len(text) < 90 and not text.endswith((".", ";", "!", "?", ":"))


def _section_label(text: str) -> bool:
    """'Mô tả công việc:', 'Job Requirements:': a short line naming a section kind, then a colon."""
    return (
        text.endswith(":")
        and len(text) < 60
        and not any(ch.isdigit() for ch in text)
        and classify_heading(text[:-1]) in PSEUDO_HEADING_KINDS
    )


_LABEL_VALUE = re.compile(r"^[^:\d]{2,40}:\s*\S.*\d")


def _label_value(text: str) -> bool:
    """'Average salary: $110,000 per year' set in bold is a fact line, not a heading."""
    return _LABEL_VALUE.match(text) is not None


@cache
def stage_heading() -> re.Pattern[str]:
    """What opens a numbered stage or step heading, up to the role it may name: "Giai đoạn một -
    Trở thành ", "Stage 2: Become a ", "Bước 1: " (data/career.json `stage_heading`)."""
    data = load_data("career.json")["stage_heading"]

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return re.compile(
        rf"^[\W\d_]*(?:{alt(data['labels'])})\s*#?\s*(?:\d{{1,2}}|{alt(data['ordinals'])})(?!\w)\s*[-–—:.)]?\s*"
        rf"(?:(?:{alt(data['become'])})\s+)?(?:(?:an?|một)\s+)?",
        re.I,
    )


def assign_contexts(
    blocks: Sequence[Block], roles: Sequence[BlockRoles], flags: Sequence[bool], *, marked_depths: bool = False
) -> list[Context]:
    """One Context per block (headings get the context they open); `roles[i]` are the role
    names of `blocks[i]`. `marked_depths`: heading levels are the page's own (markdown #,
    HTML h1-h6), so a heading at the level of a section's heading or above closes it; in
    plain text levels are guessed, and a role heading may be a sibling label inside a section."""
    groups = _task_groups(blocks, roles, flags)
    # plain text whose headings all sit at one guessed level says nothing of nesting
    flat = not marked_depths and len({b.depth for i, b in enumerate(blocks) if flags[i] and b.kind == "heading" and i}) <= 1
    contexts: list[Context] = []
    section = Context(None, None)
    sub: Context | None = None
    stack: list[tuple[int, tuple[str, str] | None]] = []  # (depth, role) of the open headings
    lead: Context | None = None  # what the list right below a lead-in line is
    for idx, block in enumerate(blocks):
        if not flags[idx]:
            intro_role = _intro_role(block, roles[idx])
            if intro_role is not None:  # "Để ứng tuyển vị trí Junior UI Designer, bạn cần có:"
                cur = sub or section
                sub = Context(cur.kind, intro_role, cur.heading, cur.section)
                if stack:
                    stack[-1] = (stack[-1][0], intro_role)
            cur = sub or section
            if block.kind != "list_item":
                kind = lead_in_kind(block.text) if block.kind == "paragraph" and cur.kind in LEAD_IN_KINDS else None
                lead = Context(kind, cur.role, cur.heading, cur.section) if kind not in (None, cur.kind) else None
            contexts.append(lead if block.kind == "list_item" and lead is not None else cur)
            continue
        lead = None
        found = [] if points_elsewhere(block.text) else _level_names(block.text, roles[idx])
        keys = list(dict.fromkeys(k for k, _, _ in found))
        title = idx == 0 or _repeats_title(blocks, idx)
        # "Kế toán viên (0 - 2 năm kinh nghiệm)": a role's part, its years an aside, no requirements section
        head = _TRAILING_PAREN.sub("", block.text) or block.text
        head_spans = [(a, min(b, len(head))) for _, a, b in found if a < len(head)]
        role_head = bool(found) and len(keys) == 1 and is_role_only(head, head_spans)
        kind = classify_heading(head if role_head else block.text) if not title else None  # a title announces the whole article
        if not title and _advice_step(block.text, found):
            kind = "advice"
        inherited = _open_role(stack, block)
        if idx in groups:  # "2. Quản lý nhân sự:" among "1. Tổ chức, triển khai:": tasks, not a role
            sub = Context(section.kind, (sub or section).role, block, section.section)
        elif kind is None and role_head:
            # "* Trưởng nhóm kinh doanh" under "Nhiệm vụ": that role's part of the section;
            # "## 2. Data Analyst" after a pay line, or a level above the section's own heading
            # ("## 2. Kế toán kho" after "### Yêu cầu:"): a new part about that role
            closes = _same_or_higher(block, section.heading) if marked_depths else _above(block, section.heading)
            nested = section.kind in ROLE_SPLIT_KINDS and not closes
            inherited_kind = section.kind if nested else None
            sub = Context(inherited_kind, keys[0], block, section.section)
        elif (
            kind is None
            and not block.text.rstrip().endswith("?")
            and section.kind in CONTENT_KINDS
            and (
                len(keys) == 1 and not marked_depths
                or not _same_or_higher(block, section.heading)
                # plain text has no levels: "Nhập hàng", "Xuất hàng" under "Mô tả công việc" group
                # its tasks; a heading of another kind ("Môi trường làm việc": other) closes it
                or flat and not keys and section.kind in ("duties", "requirements")
            )
        ):
            sibling = sub is not None and _same_or_higher(block, sub.heading)
            role = keys[0] if len(keys) == 1 else (section if sibling or sub is None else sub).role
            sub = Context(section.kind, role, block, section.section)
        else:
            if title:
                role = None  # the title speaks of the article's main role, decided from the whole text
            elif len(keys) == 1:
                role = keys[0]
            elif len(keys) > 1:
                role = AMBIGUOUS
            elif inherited is not None and inherited != AMBIGUOUS:
                role = inherited
            else:
                role = None
            section = Context(kind, role, block, idx)
            sub = None
        if block.kind == "heading" and block.depth > 0:
            stack.append((block.depth, (sub or section).role))
        contexts.append(sub or section)
    return contexts


def _advice_step(text: str, found: BlockRoles) -> bool:
    """A numbered step of a how-to that does not open with a role ("Bước 1: Quan sát, tiếp thu
    và tham gia một phần", "Step 4: Earn a certificate"): an `advice` section. What follows
    advises the reader: no duty, and a requirement only where a sentence plainly states one;
    the heading's words ("kỹ năng", "vai trò") do not make it a section of duties or
    requirements. A step that opens with the role it makes one ("Stage 2: Become a Sales
    Manager") is that role's part."""
    m = stage_heading().match(text)
    if m is None or not m.group():
        return False
    return not any(start <= m.end() + 1 and end > m.end() for _, start, end in found)


def names_a_role(text: str, found: BlockRoles) -> bool:
    """A heading that is a role's name ("QA Manager", "2. Kế toán kho"), or a level's label
    and its titles ("Mid-Level (3-5 years): SRE, Site Reliability Engineer ($130k-$165k)")."""
    if not found:
        return False
    if is_role_only(text, [(a, b) for _, a, b in found]):
        return True
    colon = text.find(":")
    first = _level_names(text, found)[0]
    if not 0 < colon < first[1]:
        return False
    segment = text[colon + 1 :].split(",")[0]  # the first of the titles the level goes by
    return is_role_only(_PAREN.sub("", segment), [(first[1] - colon - 1, first[2] - colon - 1)])


_PAREN = re.compile(r"\([^()]*\)")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


@cache
def _pointer_pattern() -> re.Pattern[str]:
    return cue_pattern(tuple(load_data("cues.json")["item_meta"]))


def points_elsewhere(text: str) -> bool:
    """'Extends the Intermediate Claims Adjuster responsibilities, plus:', 'Same as above': a
    pointer to items elsewhere. As a list item it is no item; as a heading under a Senior's
    heading, the role it names is where other items are, not whose part this is."""
    return _pointer_pattern().match(text.lstrip("*_ ")) is not None


def _repeats_title(blocks: Sequence[Block], idx: int) -> bool:
    """A heading above any content that repeats the title (front matter's title, then the page's
    "# Title"): a title too, not a section about what its words name."""
    block = blocks[idx]
    return (
        block.kind == "heading"
        and " ".join(block.text.casefold().split()) == " ".join(blocks[0].text.casefold().split())
        and all(b.kind == "heading" for b in blocks[:idx])
    )


def _task_groups(blocks: Sequence[Block], roles: Sequence[BlockRoles], flags: Sequence[bool]) -> set[int]:
    """Label headings ("Tổ chức, triển khai:") that group a section's tasks, siblings of which
    name no role: a sibling whose words could name a job ("Quản lý nhân sự:", managing the
    team) is such a label too, not a part about that job."""
    labels = [
        i
        for i, b in enumerate(blocks)
        if flags[i] and b.kind == "heading" and b.text.rstrip().endswith(":") and classify_heading(b.text) is None
    ]
    out: set[int] = set()
    run: list[int] = []
    for i in [*labels, -1]:
        if run and (i < 0 or blocks[i].depth != blocks[run[-1]].depth or _heading_between(blocks, flags, run[-1], i)):
            if any(not roles[j] for j in run):
                out.update(run)
            run = []
        if i >= 0:
            run.append(i)
    return out


def _heading_between(blocks: Sequence[Block], flags: Sequence[bool], a: int, b: int) -> bool:
    """A heading above the labels' level stands between them (they belong to two sections)."""
    depth = blocks[a].depth
    return any(flags[j] and blocks[j].kind == "heading" and blocks[j].depth < depth for j in range(a + 1, b))


def _level_names(text: str, found: BlockRoles) -> BlockRoles:
    """'Entry-Level (0-2 years): Junior SRE, Production Engineer ($90k-$120k)': a level's
    label, then the titles it goes by; the first title names the level's role."""
    colon = text.find(":")
    if colon < 0 or len(found) < 2 or any(a < colon for _, a, _ in found):
        return found
    return found[:1]


def _open_role(stack: list[tuple[int, tuple[str, str] | None]], block: Block) -> tuple[str, str] | None:
    """Close the headings at this heading's depth or deeper; the role of the one it sits under."""
    if block.kind != "heading" or block.depth <= 0:
        return None
    while stack and stack[-1][0] >= block.depth:
        stack.pop()
    return stack[-1][1] if stack else None


def _intro_role(block: Block, found: BlockRoles) -> tuple[str, str] | None:
    """A line that introduces a list for one named role ("To apply as a Junior UI Designer, you need:")."""
    if block.kind != "paragraph" or not block.text.rstrip().endswith(":") or len(block.text) > 200:
        return None
    keys = list(dict.fromkeys(k for k, _, _ in found))
    return keys[0] if len(keys) == 1 else None


def _above(block: Block, parent: Block | None) -> bool:
    """A heading a level above the section's heading: it closes that section (plain text gives
    every heading one level, so there it closes nothing)."""
    return (
        parent is not None
        and parent.kind == "heading"
        and block.kind == "heading"
        and 0 < block.depth < parent.depth
    )


def _same_or_higher(block: Block, parent: Block | None) -> bool:
    """An unclassified heading at the level of the section's own heading closes that section."""
    return (
        parent is not None
        and parent.kind == "heading"
        and block.kind == "heading"
        and 0 < block.depth <= parent.depth
    )
