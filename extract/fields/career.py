"""The career stage: ladders, ordered rungs with years, on the role whose path they are.

A ladder is told as lines "Từ 0 - 2 năm: Nhân viên …", as a chain
"Nhân viên QA => QA Leader => QA Manager", as a list whose items each open with a
role name, or in prose ("start as junior accountants, move up to senior accountant, and
later become an accounting manager"). Two rungs at least make a ladder.

Reads: the Article's blocks, mentions and sections. Leaves: each ladder on its owner's
accumulator, and `Article.ladder_blocks`, the blocks read as rungs (not items).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from extract.article import Article, Found, Key, Mention
from extract.document import Block
from extract.fields.years import find_years
from extract.lexicon import cue_pattern, load_data
from extract.models import Level
from extract.sections import AMBIGUOUS, Context, classify_heading, is_role_only, stage_heading
from extract.sentences import sentence_spans
from extract.titles import role_part, role_part_bare

LEVEL_RANK = {level.value: i for i, level in enumerate(Level)}


@dataclass(frozen=True, slots=True)
class Rung:
    key: tuple[str, str]  # (function, level)
    start: int  # source offsets of the role name
    end: int
    min_years: float | None = None
    max_years: float | None = None
    block: int = -1  # index of the block it was read from


@cache
def arrow_pattern() -> re.Pattern[str]:
    arrows = load_data("career.json")["arrows"]
    return re.compile("|".join(re.escape(a) for a in sorted(arrows, key=len, reverse=True)))


@cache
def _chain_rules() -> tuple[int, re.Pattern[str]]:
    rules = load_data("career.json")["chain"]
    return int(rules["max_gap"]), re.compile(rules["sentence_end"])


@cache
def _alternatives() -> frozenset[str]:
    return frozenset(load_data("career.json")["chain"]["alternatives"])


@dataclass(frozen=True, slots=True)
class Link:
    """One role name of an arrow chain: its index among the names, and the years written after it."""

    index: int
    min_years: float | None = None
    max_years: float | None = None


def chain_links(text: str, spans: list[tuple[int, int]]) -> list[Link]:
    """The longest run of role names joined by arrows ("A → B → C"); [] when there is none.
    Names joined by "or" inside it ("Staff Engineer or Tech Lead →") are rungs at one step.

    An arrow counts only between two names, in a short gap with no sentence end: "(>6 năm)"
    after a name, or a sentence that follows the chain, is no link. Years written after a
    name, before the next arrow ("Junior (0-2 years) → Senior"), are that rung's.
    """
    max_gap, sentence_end = _chain_rules()
    arrows = arrow_pattern()

    def linked(gap: str) -> bool:
        return len(gap) <= max_gap and not sentence_end.search(gap) and arrows.search(gap) is not None

    def choice(gap: str) -> bool:  # "Staff Engineer or Tech Lead": two rungs at one step
        return " ".join(gap.split()).lower() in _alternatives()

    best: list[int] = []
    run: list[int] = []
    arrowed = False  # the run has an arrow: names joined by "or" alone are no chain
    for i, (start, _) in enumerate(spans):
        gap = text[spans[i - 1][1] : start] if run else ""
        if run and (linked(gap) or choice(gap)):
            run.append(i)
            arrowed = arrowed or linked(gap)
            continue
        if arrowed:
            best = max(best, run, key=len)
        run, arrowed = [i], False
    if arrowed:
        best = max(best, run, key=len)
    if len(best) < 2:
        return []
    return [Link(i, *years_near(_after_name(text, spans, i))) for i in best]


def _after_name(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """What a chain's name is followed by, up to the next arrow, name or sentence end."""
    max_gap, sentence_end = _chain_rules()
    end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
    tail = text[spans[i][1] : min(end, spans[i][1] + max_gap)]
    for stop in (arrow_pattern().search(tail), sentence_end.search(tail)):
        if stop is not None:
            tail = tail[: stop.start()]
    return tail


def years_near(text: str) -> tuple[float | None, float | None]:
    lo, hi, span = find_years(text)
    return (lo, hi) if span else (None, None)


def dedupe_rungs(rungs: list[Rung], source: str) -> list[Rung]:
    """A ladder names each rung once: a name repeated keeps its first place (two rungs
    may share a role_id, "Junior" and "Mid-level" designer are both staff)."""
    seen: set[str] = set()
    out = []
    for r in rungs:
        name = " ".join(source[r.start : r.end].casefold().split())
        if name not in seen:
            seen.add(name)
            out.append(r)
    return out


def prose_steps(names: list[tuple[str, int]]) -> list[int]:
    """The names a ladder told in prose climbs through, as indices into `names`
    ((name as written, level rank) in the order the text gives them).

    Each name counts once; a name that only sharpens the one before it at the same level
    ("accountants", then "junior accountants") takes its place; the ladder ends where the
    level steps down. Nothing unless it climbs at least once: names at one level are a
    list of jobs, not a ladder.
    """
    kept: list[int] = []
    seen: set[str] = set()
    for i, (name, rank) in enumerate(names):
        folded = _fold_name(name)
        if folded in seen:
            continue
        seen.add(folded)
        if kept:
            before, before_rank = names[kept[-1]]
            if rank < before_rank:
                break
            if rank == before_rank and _sharpens(folded, _fold_name(before)):
                kept[-1] = i
                continue
        kept.append(i)
    climbs = len({names[i][1] for i in kept}) >= 2
    return kept if len(kept) >= 2 and climbs else []


def _fold_name(name: str) -> str:
    return " ".join(w.removesuffix("s") for w in name.casefold().split())


def _sharpens(name: str, before: str) -> bool:
    """'junior accountant' after 'accountant': the same job, said more precisely."""
    return name.endswith(" " + before)


# --- the stage ------------------------------------------------------------------------


def career(art: Article) -> None:
    """Find every ladder (in career sections, in numbered runs of role names, in arrow chains,
    in a page's sequence of role headings or numbered stage headings, in "next step" sentences) and give each to the role
    whose path it is; ladders of one role join into one, each rung once."""
    by_owner: dict[Key, list[tuple[str, list[Rung]]]] = defaultdict(list)
    for owner, source, rungs in _ladders(art):
        by_owner[owner].append((source, rungs))
    for owner, ladders in by_owner.items():
        drawn = [ladder for ladder in ladders if ladder[0] != "next"] or ladders  # a drawn ladder leads
        source, primary = max(drawn, key=lambda ladder: len(ladder[1]))  # the first of the longest
        _add_ladder(art, owner, primary)
        for other_source, rungs in ladders:
            if rungs is primary:
                continue
            if source == "headings":  # a page's own ladder takes in every other rung it names
                _add_ladder(art, owner, rungs)
            elif other_source == "next":  # "the next step is …": roles the ladder lacks
                _add_ladder(art, owner, rungs, new_roles_only=True)


def _ladders(art: Article) -> list[tuple[Key, str, list[Rung]]]:
    """Every ladder the article draws: (its owner, where it was read, its rungs)."""
    used = art.ladder_blocks
    contexts = art.contexts
    found: list[tuple[Key, str, list[Rung]]] = []
    laddered: set[int] = set()  # blocks inside the rungs' parts of a ladder a career section drew
    by_section: dict[int, list[int]] = defaultdict(list)
    for i, ctx in enumerate(contexts):
        if ctx.kind == "career" and i != ctx.section:
            by_section[ctx.section].append(i)
    for section, idxs in by_section.items():
        rungs, rung_blocks = _rungs(art, idxs)
        rungs = _climbing_prefix(rungs)
        if len(rungs) >= 2:
            owner_ctx = contexts[section] if section >= 0 else contexts[idxs[0]]
            found.append((_ladder_owner(art, owner_ctx, rungs), "section", rungs))
            used |= {j for j in rung_blocks if j <= rungs[-1].block}
            laddered |= set(range(rungs[0].block, _part_end(art, rungs[-1].block)))
    for run in _numbered_runs(art):
        if run[0] in used:
            continue
        rungs, rung_blocks = _rungs(art, run)
        if len(rungs) >= 3 and len(rung_blocks) == len(run) and len(_climbing_prefix(rungs)) == len(rungs):
            found.append((_ladder_owner(art, contexts[run[0]], rungs), "numbered", rungs))
            used |= rung_blocks
    for i, block in enumerate(art.blocks):
        if i not in used and (rungs := _chain_rungs(block, art.mentions[i], i)):
            found.append((_ladder_owner(art, contexts[i], rungs), "chain", rungs))
            used.add(i)
    for idx, named in art.rows.items():
        if rungs := _table_ladder(art, idx, named):
            found.append((_ladder_owner(art, contexts[idx], rungs), "table", rungs))
    if (rungs := _heading_ladder(art)) and art.main is not None:
        found.append((_main_or_first(art, rungs), "headings", rungs))
    if rungs := _stage_ladder(art):
        found.append((_main_or_first(art, rungs), "stages", rungs))
        used |= {r.block for r in rungs}
    if art.main is not None:
        found.extend((art.main, "next", rungs) for rungs in _next_steps(art, laddered))
    return found
def _main_or_first(art: Article, rungs: Sequence[Rung]) -> Key:
    """A page-wide ladder (its role headings, its numbered stages) is the main role's when it
    is a rung, else the first rung's."""
    return art.main if art.main in {r.key for r in rungs} else rungs[0].key


def _ladder_owner(art: Article, ctx: Context, rungs: Sequence[Rung]) -> Key:
    """The role whose path the ladder is: its section's own role; else, when the title names two
    or more of its rungs ("Lộ trình từ Marketing Executive lên CMO", "Engineer vs. Architect"),
    the lowest of those, where the path starts; else the article's main role when it is a rung,
    in a section about several roles; else the first rung."""
    if ctx.role is None or ctx.role == AMBIGUOUS:
        titled = {m.key for m in art.mentions[art.title_at]} if art.title_at is not None else set()
        named = [r.key for r in rungs if r.key in titled]
        if len(set(named)) >= 2:
            return named[0]
    role = art.role_for(ctx)
    if role is None and art.main in {r.key for r in rungs}:
        return art.main
    return role or rungs[0].key


def _chain_rungs(block: Block, found: Sequence[Mention], j: int) -> list[Rung]:
    """The rungs of an arrow chain in the block ("A → B → C"), with the years written after each."""
    links = chain_links(block.text, [(m.start, m.end) for m in found])
    return [
        Rung(
            found[k.index].key,
            *block.source_span(found[k.index].start, found[k.index].end),
            k.min_years,
            k.max_years,
            j,
        )
        for k in links
    ]


def _rungs(art: Article, idxs: Sequence[int]) -> tuple[list[Rung], set[int]]:
    """Blocks that open with a role name (headings, list items, short lines) are rungs; so is
    every name of an arrow chain. A section with no such rungs may tell its ladder in prose."""
    rungs: list[Rung] = []
    blocks: set[int] = set()
    prose: list[int] = []
    for j in idxs:
        block, found = art.blocks[j], art.mentions[j]
        if not found:
            continue
        if chain := _chain_rungs(block, found, j):  # "A → B → C" inside the section: each name a rung
            rungs.extend(chain)
            blocks.add(j)
            continue
        if block.kind == "paragraph" and not art.heading[j] and not block.text.rstrip().endswith(":"):
            prose.append(j)
        m = found[0]
        short = len(block.text) < 120 or block.kind == "list_item" or art.heading[j]
        if not short or m.start > 30 or not _opens_with_name(block.text, m.start):
            continue
        lo, hi = years_near(block.text)
        rungs.append(Rung(m.key, *block.source_span(m.start, m.end), lo, hi, j))
        blocks.add(j)
    rungs = dedupe_rungs(rungs, art.source)
    if len(rungs) < 2 and prose:
        return _prose_rungs(art, prose)
    return rungs, blocks


def _opens_with_name(text: str, start: int) -> bool:
    """The name opens the line, after a mark or a label at most ("Từ 0 - 2 năm: Nhân viên …"),
    not after words of a sentence ("Defining SRE practices")."""
    before = text[:start].strip()
    return not before or before.endswith((":", "-", "–", "—", ")", ".")) or not any(ch.isalpha() for ch in before)


def _prose_rungs(art: Article, idxs: Sequence[int]) -> tuple[list[Rung], set[int]]:
    """A ladder told in the paragraphs of a career section ("Từ nhân viên kinh doanh, bạn có
    thể lên trưởng nhóm, rồi trưởng phòng"): the names it climbs through, in order."""
    found = [(j, m) for j in idxs for m in art.mentions[j]]
    steps = prose_steps([(m.surface, LEVEL_RANK.get(m.key[1], 0)) for _, m in found])
    rungs = [
        Rung(m.key, *art.blocks[j].source_span(m.start, m.end), None, None, j)
        for j, m in (found[k] for k in steps)
    ]
    return rungs, {r.block for r in rungs}


def _numbered_runs(art: Article) -> list[list[int]]:
    """Consecutive numbered list items of one section ("1. …", "2. …")."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, block in enumerate(art.blocks):
        numbered = block.kind == "list_item" and any(ch.isdigit() for ch in block.marker)
        if numbered and (not current or art.contexts[current[-1]] is art.contexts[i]):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = [i] if numbered else []
    if current:
        runs.append(current)
    return runs


def _climbing_prefix(rungs: list[Rung]) -> list[Rung]:
    """The rungs up to the first one that steps down: a ladder climbs; what follows is something
    else. Staff and specialist are one tier (pages rank "Payroll Specialist" below "Analyst")."""
    for i in range(1, len(rungs)):
        if _tier(rungs[i].key[1]) < _tier(rungs[i - 1].key[1]):
            return rungs[:i]
    return rungs


def _tier(level: str) -> int:
    return LEVEL_RANK["staff"] if level == "specialist" else LEVEL_RANK.get(level, 0)


def _add_ladder(art: Article, owner: Key, rungs: list[Rung], *, new_roles_only: bool = False) -> None:
    """Rungs join a role's ladder in order, each once (a rung is its name: two rungs may share
    a role_id, "Junior" and "Mid-level" designer); `new_roles_only`: only roles it lacks."""
    acc = art.acc(owner)
    have = {_fold_name(art.source[f.start : f.end]) for f in acc.career}
    roles = {f.values["role_id"] for f in acc.career}
    for r in rungs:
        name = _fold_name(art.source[r.start : r.end])
        if name in have or (new_roles_only and f"{r.key[0]}/{r.key[1]}" in roles):
            continue
        have.add(name)
        acc.career.append(
            Found(
                r.start,
                r.end,
                {
                    "order": len(acc.career) + 1,
                    "role_id": f"{r.key[0]}/{r.key[1]}",
                    "min_years": r.min_years,
                    "max_years": r.max_years,
                },
            )
        )


# --- ladders a page draws with its headings and its "next step" sentences ------------------


def _heading_ladder(art: Article) -> list[Rung]:
    """A page whose headings present roles one after another, climbing ("## Junior Developer",
    "## Developer", "### Team Leader", "### Project Manager"; a job family's levels): the
    headings are the rungs, each named as its part of the page names that role best. Only on
    a page that speaks of careers, and only headings that are a role's name alone: "Nhiệm vụ
    của Trưởng nhóm" after "Nhiệm vụ của Nhân viên" presents two roles, not a ladder."""
    if not _speaks_of_careers(art):
        return []
    rungs: list[Rung] = []
    for i, block in enumerate(art.blocks):
        if not art.heading[i] or i == art.title_at:
            continue
        a, b, _ = role_part(block.text)
        if (a, b) != role_part_bare(block.text):
            continue
        inside = [m for m in art.mentions[i] if a <= m.start and m.end <= b]
        if len({m.key for m in inside}) != 1:
            continue
        named = _QUALIFIER.sub("", block.text[a : max(m.end for m in inside)] + _QUALIFIER.sub("", block.text[max(m.end for m in inside) : b]))
        if not is_role_only(named, [(m.start - a, m.end - a) for m in inside]):
            continue
        j, m = _best_mention(art, inside[0], i)
        lo, hi = years_near(block.text)
        rungs.append(Rung(m.key, *art.blocks[j].source_span(m.start, m.end), lo, hi, i))
    rungs = dedupe_rungs(rungs, art.source)
    tiers = [_tier(r.key[1]) for r in rungs]
    descents = sum(1 for x, y in zip(tiers, tiers[1:], strict=False) if y < x)
    # climbing, but for one step down: a family page names its base role before listing its
    # levels from the bottom ("## Recruiter" then "#### Intern" …), a blog ends on a side track
    if len(rungs) >= 3 and descents <= 1 and len(set(tiers)) >= 2:
        return rungs
    return []


def _stage_ladder(art: Article) -> list[Rung]:
    """Headings that number the stages of a career, each opening with the role it makes one
    ("Giai đoạn một - Trở thành thực tập sinh …", "Giai đoạn hai - Trở thành nhân viên …"): the
    rungs in order, with the years the heading states, else the first sentence of its part
    ("Đây là thời điểm có từ 0 - 2 tháng kinh nghiệm"). A stage that names no role ("Step 1:
    Earn a degree") is no rung."""
    pattern = stage_heading()
    rungs: list[Rung] = []
    for i, block in enumerate(art.blocks):
        if not art.heading[i] or i == art.title_at or (m := pattern.match(block.text)) is None or not m.group():
            continue
        name = next((x for x in art.mentions[i] if x.start >= m.end()), None)
        if name is None or name.start > m.end():
            continue
        lo, hi = years_near(block.text)
        if lo is None and hi is None and i + 1 < len(art.blocks) and not art.heading[i + 1]:
            text = art.blocks[i + 1].text
            a, b = next(iter(sentence_spans(text)), (0, len(text)))
            lo, hi = years_near(text[a:b])
        rungs.append(Rung(name.key, *block.source_span(name.start, name.end), lo, hi, i))
    rungs = dedupe_rungs(rungs, art.source)
    return rungs if len(rungs) >= 2 and len(_climbing_prefix(rungs)) == len(rungs) else []


def _part_end(art: Article, i: int) -> int:
    """Where the part a block opens ends: the next heading (or labelled line) of the page."""
    return next((j for j in range(i + 1, len(art.blocks)) if art.heading[j]), len(art.blocks))


# What follows a name in a heading without changing the role: a gloss or note in brackets
# ("Recruiter (Intermediate)"), a region after a comma ("Payroll Analyst, EMEA/APAC,LATAM").
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$|^,.*$")


def _speaks_of_careers(art: Article) -> bool:
    """A career section, or career words in the title or the lead."""
    if any(ctx.kind == "career" for ctx in art.contexts):
        return True
    return any(classify_heading(b.text) == "career" for b in art.blocks[:3])


def _table_ladder(art: Article, idx: int, named: list[Mention | None]) -> list[Rung]:
    """A level table ("| Apprentice Electrician | 0–4 years | $17–$23 per hour |" …, one role
    per row, climbing): its rows are the rungs, with the years each row states."""
    block = art.blocks[idx]
    rungs = []
    for row, name in zip(block.rows or [], named, strict=False):
        if name is None:
            continue
        stated = [years for c in row if (years := years_near(c.text)) != (None, None)]
        lo, hi = stated[0] if stated else (None, None)
        rungs.append(Rung(name.key, *block.source_span(name.start, name.end), lo, hi, idx))
    rungs = dedupe_rungs(rungs, art.source)
    tiers = [_tier(r.key[1]) for r in rungs]
    descents = sum(1 for x, y in zip(tiers, tiers[1:], strict=False) if y < x)
    return rungs if len(rungs) >= 3 and descents == 0 and len(set(tiers)) >= 2 else []


def _best_mention(art: Article, heading: Mention, i: int) -> tuple[int, Mention]:
    """The fullest name of a heading's role within the heading's part of the page: a level
    heading "#### Senior" is named "Senior Recruiter" where its part says so (a heading that
    names its role in full keeps its own name)."""
    if heading.explicit:
        return i, heading
    depth = art.blocks[i].depth if art.blocks[i].kind == "heading" else 99
    best = (i, heading)
    for j in range(i + 1, len(art.blocks)):
        block = art.blocks[j]
        if art.heading[j] and block.kind == "heading" and 0 < block.depth <= depth:
            break
        for m in art.mentions[j]:
            if m.key == heading.key and m.explicit and _fuller(m.surface, best[1].surface):
                best = (j, m)
    return best


def _fuller(name: str, than: str) -> bool:
    """A longer name, but a plural never beats its singular ("Associate recruiters")."""
    if _fold_name(name) == _fold_name(than):
        return False
    return len(name) - name.endswith("s") > len(than) - than.endswith("s")


@cache
def _next_step_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("career.json")
    return cue_pattern(tuple(data["next_step"])), cue_pattern(tuple(data["ladder_labels"]))


def _next_steps(art: Article, laddered: set[int]) -> list[list[Rung]]:
    """'The common next step is often Site Reliability Engineer or Platform Engineer', a
    "Career Ladder:" item over a list of roles: the article's role, then the roles named."""
    main = _main_rung(art)
    if main is None:
        return []
    cue, label = _next_step_cues()
    out: list[list[Rung]] = []
    for i, block in enumerate(art.blocks):
        if i in art.ladder_blocks or art.heading[i] or i in laddered:
            continue  # a rung's own part: its ladder says it
        for a, b in sentence_spans(block.text):
            m = cue.search(block.text, a, b)
            if m is None:
                continue
            named = [x for x in art.mentions[i] if m.end() <= x.start < b and x.key != art.main]
            named = list({x.key: x for x in reversed(named)}.values())[::-1]  # a gloss names its role twice
            if named:
                out.append([main, *(_rung(art, i, x) for x in named)])
        if block.kind == "list_item" and label.match(block.text.lstrip("*_ ")):
            listed = _listed_under(art, i)
            if listed:
                out.append([main, *listed])
    return out


def _listed_under(art: Article, i: int) -> list[Rung]:
    """The roles opening the items nested under item `i` ("* Career Ladder: …" then
    "    * Cybersecurity Analyst: …")."""
    rungs = []
    depth = art.blocks[i].depth
    for j in range(i + 1, len(art.blocks)):
        block = art.blocks[j]
        if block.kind != "list_item" or block.depth <= depth:
            break
        found = art.mentions[j]
        if found and found[0].start <= 3:
            rungs.append(_rung(art, j, found[0]))
    return rungs


def _main_rung(art: Article) -> Rung | None:
    """The article's own role as a rung: where a heading presents it, else where the page names
    it most fully."""
    headed = art.roles[art.main].headed if art.main in art.roles else set()
    best: tuple[int, Mention] | None = None
    for i, found in enumerate(art.mentions):
        for m in found:
            if m.key != art.main or not m.explicit:
                continue
            rank = (" ".join(m.surface.split()) in headed, len(m.surface))
            if best is None or rank > best[0]:
                best = (rank, (i, m))
    return None if best is None else _rung(art, *best[1])


def _rung(art: Article, i: int, m: Mention) -> Rung:
    lo, hi = years_near(_after_name(art.blocks[i].text, [(m.start, m.end)], 0))
    return Rung(m.key, *art.blocks[i].source_span(m.start, m.end), lo, hi, i)
