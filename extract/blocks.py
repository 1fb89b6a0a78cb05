"""An article as typed blocks: headings, paragraphs, list items, tables, and what was dropped.

Plain text is read line by line; HTML arrives as structural units from `read.html_units`,
markdown from `markup.markdown_units` (a real parser: headings, nested lists, pipe tables,
front matter). Every line then goes through the same passes, each a small rule that holds
for any scraped page:

1. page furniture (lexicon in data/boilerplate.json, a leading run of navigation debris,
   table-of-contents entries, the label in front of a star rating);
2. flattened tables rebuilt (extract/tables.py);
3. repeated captions: a line equal to one of the last kept lines, or glued to itself;
4. short lines stranded between dropped lines (widget debris);
5. headings (numbering, markup, or a short line without a final period that is
   followed by content), list items (mark kept in `Block.marker`), paragraphs.

Block text is the normalised view of its source slice (extract/normalize.py), markup left
out for HTML and markdown; offsets map each character back to the decoded source.
"""

from __future__ import annotations

import functools
import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract import tables
from extract.document import Block, Cell, SourceText
from extract.lang import assign_languages
from extract.lexicon import load_data
from extract.markup import markdown_units
from extract.normalize import Normalized, norm_text, normalize
from extract.read import ReadError, html_units, read_source

_EOL_RE = re.compile(r"\r\n|\r|\n")
_BLANK_LINE_RE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_WORD_RE = re.compile(r"\S+")
_INDENT_RE = re.compile(r"[ \t]*")
_SENTENCE_INSIDE_RE = re.compile(r"[^\W\d_]{2}[.!?…]\s+[\"“(]?[A-ZÀ-ỸĐ]")


@dataclass(frozen=True)
class _Lexicon:
    lines: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    ratings: tuple[re.Pattern[str], ...]
    counter: re.Pattern[str]
    toc: frozenset[str]
    nav: tuple[re.Pattern[str], ...]


@functools.cache
def _lexicon() -> _Lexicon:
    raw = load_data("boilerplate.json")

    def key(s: str) -> str:
        return norm_text(s).casefold()

    return _Lexicon(
        lines=frozenset(key(s) for s in raw["lines"]),
        prefixes=tuple(sorted({key(s) for s in raw["prefixes"]}, key=len, reverse=True)),
        patterns=tuple(re.compile(p, re.I) for p in raw["patterns"]),
        ratings=tuple(re.compile(p, re.I) for p in raw["rating_patterns"]),
        counter=re.compile(raw["counter_pattern"], re.I),
        toc=frozenset(key(s) for s in raw["toc_markers"]),
        nav=tuple(re.compile(p, re.I) for p in raw["nav_patterns"]),
    )


def _layout() -> dict:
    return load_data("layout.json")


@functools.cache
def _markers() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    lay = _layout()
    bullets = re.escape(lay["bullets"])
    bullet_re = re.compile(rf"^(?:[{bullets}](?:\s+|$))+")
    numbered = [(re.compile(p["re"]), p["kind"]) for p in lay["numbering_patterns"]]
    return bullet_re, numbered


# ---------------------------------------------------------------- lines


@dataclass
class Line:
    """One line (plain text/markdown) or one structural unit (HTML), as it is being typed."""

    view: Normalized  # the whole line, normalised
    body: Normalized  # the text after the list/number mark
    gap_before: bool  # a blank line (or block boundary) before it
    gap_after: bool
    indent: int = 0
    marker: str = ""
    mark_kind: str = ""  # bullet | star | decimal | letter | roman | bracket
    num_depth: int = 0  # components of a decimal number ("2.1." -> 2)
    kind: str = ""  # decided kind; "" while undecided
    fixed: bool = False  # kind given by the markup (markdown #, HTML tags)
    depth: int = 0
    notes: list[str] = field(default_factory=list)
    cells: list[Normalized] | None = None  # HTML or markdown table row
    cell_items: list[list[Normalized]] | None = None  # per cell: its item lines (markdown)
    table: int = -1
    skip: bool = False  # markup only (markdown rules, fences): no block at all

    @property
    def text(self) -> str:
        return self.body.text

    @property
    def dropped(self) -> bool:
        return self.kind in ("boilerplate", "caption") or self.skip




def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line breaks excluded."""
    spans = []
    pos = 0
    for m in _EOL_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def parse_marker(line: Line) -> None:
    """Split a list bullet or a number off the front of the line."""
    text = line.view.text
    bullet_re, numbered = _markers()
    m = bullet_re.match(text)
    if m and m.end() < len(text):
        line.marker = m.group(0).strip()
        line.mark_kind = "star" if line.marker == "*" else "bullet"
        line.body = line.view.part(m.end()).stripped()
        return
    for pattern, kind in numbered:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end() :].lstrip()
        if not rest:
            continue
        num = m.group("num")
        if kind == "decimal" and not num.endswith((".", ")", "-")) and not rest[0].isupper():
            continue  # "3.7 ★", "11.5 triệu": a figure, not a section number
        if tables.is_value(text) and not rest[0].isalpha():
            continue
        line.marker = num
        line.mark_kind = kind
        line.num_depth = len(re.findall(r"\d+", num)) if kind == "decimal" else 1
        line.body = line.view.part(m.end()).stripped()
        return


def _text_lines(src: SourceText) -> list[Line]:
    text = src.text
    raw = split_lines(text)
    views = [normalize(text[a:b], base=a) for a, b in raw]
    lines: list[Line] = []
    gap = True
    for (a, b), view in zip(raw, views, strict=True):
        if not view.text:
            gap = True
            if lines:
                lines[-1].gap_after = True
            continue
        raw_line = text[a:b]
        indent = len(raw_line) - len(raw_line.lstrip())
        line = Line(view, view, gap, False, indent)
        lines.append(line)
        gap = False
    if lines:
        lines[-1].gap_after = True
    return lines


# ---------------------------------------------------------------- markdown


def _markdown_lines(src: SourceText) -> list[Line]:
    """Units from the markdown parser (extract/markup.py); blank lines in the source are gaps."""
    bullet_re, _ = _markers()
    text = src.text
    line_starts = [a for a, _ in split_lines(text)]
    lines: list[Line] = []
    labels: list[bool] = []
    items: list[bool] = []
    end = 0
    for unit in markdown_units(text):
        start = unit.view.starts[0]
        gap = not lines or _BLANK_LINE_RE.search(text, end, start) is not None
        if lines:
            lines[-1].gap_after = gap
        end = max(end, unit.view.ends[-1])
        line = Line(unit.view, unit.view, gap, True, _indent(text, line_starts, start))
        if unit.kind == "heading":
            line.kind, line.fixed, line.depth, line.marker = "heading", True, unit.depth, unit.marker
        elif unit.kind == "list_item":
            line.depth, line.marker = unit.depth, unit.marker
            numbered = any(ch.isdigit() for ch in unit.marker)
            line.mark_kind = "decimal" if numbered else "star" if unit.marker == "*" else "bullet"
            line.num_depth = 1 if numbered else 0
            if unit.depth > 1:  # nested: an item for sure; at the top, "1. Title" over its own
                line.kind = "list_item"  # paragraphs is a heading, as in plain text (the rules decide)
            m = bullet_re.match(unit.view.text)
            if m and m.end() < len(unit.view.text):  # "- ● Ngoại ngữ": a second mark in the text
                line.marker = f"{line.marker} {m.group(0).strip()}".strip()
                line.body = unit.view.part(m.end()).stripped()
            if unit.mark is not None:  # the whole line, mark included, as for plain text
                line.view = _joined([unit.mark, unit.view])
        elif unit.kind == "boilerplate":
            line.kind, line.fixed = "boilerplate", True
            line.notes.append(unit.note or "page furniture (markdown)")
        elif unit.kind == "row":
            line.cells, line.cell_items, line.table = unit.cells, unit.items, unit.table
        elif unit.fixed:
            line.kind, line.fixed = "paragraph", True
        if unit.note and unit.kind != "boilerplate":
            line.notes.append(unit.note)
        lines.append(line)
        labels.append(unit.label)
        items.append(unit.kind == "list_item")
    if lines:
        lines[-1].gap_after = True
    # "**Salary:** $50k" is a fact line, not a heading; right above a list it introduces the
    # list ("**Senior (5-8 years):** Senior Nurse" then its duties) and the heading rules decide.
    for k, (line, label) in enumerate(zip(lines, labels, strict=True)):
        if label and not (k + 1 < len(lines) and items[k + 1] and not lines[k + 1].gap_before):
            line.kind, line.fixed = "paragraph", True
    return lines


def _indent(text: str, line_starts: list[int], pos: int) -> int:
    """White space at the start of the source line that holds `pos`."""
    a = line_starts[bisect_right(line_starts, pos) - 1]
    return len(_INDENT_RE.match(text, a).group(0))  # type: ignore[union-attr]


# ---------------------------------------------------------------- HTML


def _html_lines(src: SourceText) -> list[Line]:
    lines: list[Line] = []
    for unit in html_units(src.text):
        line = Line(unit.view, unit.view, True, True)
        if unit.kind == "heading":
            line.kind, line.fixed, line.depth = "heading", True, unit.depth
        elif unit.kind == "list_item":
            line.kind, line.fixed, line.depth, line.marker = "list_item", True, unit.depth, unit.marker
            line.mark_kind = "bullet"
        elif unit.kind == "boilerplate":
            line.kind, line.fixed = "boilerplate", True
            line.notes.append("page furniture (HTML)")
        elif unit.kind == "row":
            line.cells, line.table = unit.cells, unit.table
        lines.append(line)
    return lines


# ---------------------------------------------------------------- pass 1: furniture


def _key(text: str) -> str:
    return text.casefold().rstrip(" :>»|").strip()


def is_boilerplate(text: str) -> bool:
    """Navigation, share bars, comment forms, dates, counters ... (whole-line judgement)."""
    lex = _lexicon()
    k = _key(text)
    if not k:
        return False
    if k in lex.lines or k.startswith(lex.prefixes):
        return True
    return any(p.match(k) for p in lex.patterns) or any(p.match(k) for p in lex.ratings)


def _mark_furniture(lines: list[Line]) -> None:
    lex = _lexicon()
    for line in lines:
        if line.skip or line.cells is not None or line.fixed and line.kind != "paragraph":
            continue  # a markup paragraph is judged as a line is ("Get our weekly newsletter."); headings and items keep their markup
        if is_boilerplate(line.view.text) or (line.marker and is_boilerplate(line.body.text)):
            line.kind = "boilerplate"
            line.notes.append("boilerplate")
    _leading_debris(lines)
    # Table of contents: the marker line and the numbered/bulleted short lines after it.
    for i, line in enumerate(lines):
        if _key(line.view.text) in lex.toc:
            line.kind = "boilerplate"
            entries: list[Line] = []
            for nxt in lines[i + 1 :]:
                short = len(nxt.body.text.split()) <= 14 and nxt.body.text[-1:] not in ".;"
                repeated = any(e.body.text == nxt.body.text for e in entries)
                if not (nxt.marker and short and not nxt.fixed) or repeated:
                    break
                entries.append(nxt)
            if len(entries) >= 2:  # one entry alone is the first heading of a lost TOC
                for e in entries:
                    e.kind = "boilerplate"
                    e.notes.append("table of contents")
    # The label in front of a rating ("Công việc/Cuộc sống" then "3.7 ★").
    for prev, line in zip(lines, lines[1:], strict=False):
        rating = any(p.match(_key(line.view.text)) for p in lex.ratings)
        if rating and not prev.fixed and not line.gap_before and len(prev.view.text.split()) <= 6:
            prev.kind = "boilerplate"
            prev.notes.append("rating label")


def _leading_debris(lines: list[Line]) -> None:
    """A page that opens with a run of short navigation lines loses the whole run."""
    lex = _lexicon()
    run: list[Line] = []

    def hit(ln: Line) -> bool:  # a menu of many short items is one line of many words
        return ln.kind == "boilerplate" or bool(lex.counter.match(ln.view.text)) or any(p.match(ln.view.text) for p in lex.nav)

    for line in lines:
        if line.fixed or (run and line.gap_before) or (len(line.view.text.split()) > 10 and not hit(line)):
            break
        run.append(line)
    if len(run) < 2:
        return
    hits = [hit(ln) for ln in run]
    rest_short = all(h or len(ln.view.text.split()) <= 3 for h, ln in zip(hits, run, strict=True))
    if sum(hits) >= 0.4 * len(run) and rest_short:
        for ln in run:
            if ln.kind != "boilerplate":
                ln.kind = "boilerplate"
                ln.notes.append("leading navigation debris")


# ---------------------------------------------------------------- pass 2: tables


@dataclass
class _Table:
    lines: list[Line]
    rows: list[list[Cell]]
    rule: str
    notes: list[str]
    views: list[list[Normalized]] | None = None  # markup tables: each cell's view (offsets per char)


def _find_tables(lines: list[Line]) -> list[_Table]:
    """Markup tables (HTML, markdown pipes) and flattened ones rebuilt from runs of lines.

    Near-linear in the number of lines: a run of short lines is measured once, not from
    every line in it; a start that finds no grid tells that no later start of the same run
    will (their candidates are a subset), nor will a later value of the same leading group
    find a value-label widget (it would pair fewer values); a header only looks ahead to
    the next blank line, where its table ends anyway.
    """
    kept = [ln for ln in lines if not ln.dropped and not ln.skip]
    next_gap = _next_gaps(kept)
    found: list[_Table] = []
    run_start = run_end = 0  # kept[run_start:run_end]: the run of short lines around i
    run_views: list[Normalized] = []
    no_grid = False  # cell_per_line found no table from an earlier start of this run
    no_widget_before = 0  # value_label_widget found none from an earlier value of this group
    i = 0
    while i < len(kept):
        line = kept[i]
        if line.cells is not None:  # markup rows of one table
            j = i
            while j < len(kept) and kept[j].cells is not None and kept[j].table == line.table:
                j += 1
            group = kept[i:j]
            views = [list(ln.cells or []) for ln in group]
            rows = [
                [_markup_cell(c, its) for c, its in zip(row, ln.cell_items or [[]] * len(row), strict=True)]
                for row, ln in zip(views, group, strict=True)
            ]
            if max(len(r) for r in rows) >= 2:
                found.append(_Table(group, rows, "markup", [], views))
            else:
                for ln in group:
                    ln.cells = None
            i = j
            continue
        if line.fixed or line.marker:
            i += 1
            continue
        if tables.split_header(line.view.text):
            rest = kept[i : next_gap[i]]  # row_per_line stops at the first blank line
            hit = tables.row_per_line([ln.view for ln in rest], [ln.gap_before for ln in rest])
            if hit is not None:
                found.append(_Table([rest[k] for k in hit.lines], hit.rows, hit.rule, hit.notes))
                i += max(hit.lines) + 1
                continue
        if i >= run_end:
            run_start = run_end = i
            while run_end < len(kept) and _run_member(kept[run_end]):
                run_end += 1
            run_views = [ln.view for ln in kept[run_start:run_end]]
            no_grid = False
        if run_end - i >= 4:
            run = kept[i:run_end]
            views = run_views[i - run_start :]
            hit = None
            if i >= no_widget_before and tables.is_value(views[0].text):
                hit = tables.value_label_widget(views)
                if hit is None:
                    no_widget_before = i + tables.leading_values(views)
            if hit is None and not no_grid:
                hit = tables.cell_per_line(views)
                no_grid = hit is None
            if hit is not None:
                first = min(hit.lines)
                found.append(_Table([run[k] for k in hit.lines], hit.rows, hit.rule, hit.notes))
                i += max(hit.lines) + 1 if first == 0 else first
                continue
        i += 1
    return found


def _markup_cell(view: Normalized, items: list[Normalized]) -> Cell:
    """A markup table's cell; a list-like cell keeps its item lines, each with its offsets."""
    cell = tables.cell_of(view)
    if len(items) < 2:
        return cell
    return Cell(cell.text, cell.start, cell.end, cell.ambiguous, tuple(tables.cell_of(v) for v in items))


def _next_gaps(kept: list[Line]) -> list[int]:
    """For each line, the index of the next line after it that follows a blank line (or the end)."""
    nxt = [len(kept)] * len(kept)
    after = len(kept)
    for k in range(len(kept) - 1, -1, -1):
        nxt[k] = after
        if kept[k].gap_before:
            after = k
    return nxt


def _run_member(line: Line) -> bool:
    if line.fixed or line.marker or line.cells is not None:
        return False
    text = line.view.text
    return tables.is_short_cell(text) or tables.is_unit_line(text)


# ---------------------------------------------------------------- pass 3/4: captions, stranded debris


def _glued_half(text: str) -> int:
    """Length of X when `text` is X+X or "X X" (a caption glued to itself), else 0."""
    n = len(text)
    if n < 20:
        return 0
    h = n // 2
    if n % 2 == 0 and text[:h] == text[h:]:
        return h
    if n % 2 == 1 and text[h] == " " and text[:h] == text[h + 1 :]:
        return h
    return 0


def _mark_captions(lines: list[Line]) -> list[tuple[Line, int]]:
    """Repeated lines become captions; returns glued lines with the length of their first half."""
    label_re = re.compile(_layout()["label_prefix"])
    recent: list[tuple[str, str, Line]] = []
    glued: list[tuple[Line, int]] = []
    for line in lines:
        if line.dropped or line.kind == "table" or line.fixed and line.kind != "paragraph":
            if line.kind == "table":
                recent = []
            continue
        text = line.view.text
        key = text.casefold()
        alt = label_re.sub("", key)
        long_enough = len(text) >= 12 and len(text.split()) >= 3 and not tables.is_value(text)
        original = next((ln for k, a, ln in recent if key in (k, a) or alt in (k, a)), None)
        if long_enough and original is not None:
            line.kind = "caption"
            line.notes.append("repeats a line above")
            if original is recent[-1][2] and "repeated below" not in original.notes:
                original.notes.append("repeated below")  # an image caption: text, not a heading
            continue
        half = _glued_half(line.view.text) if not line.marker else 0
        if half:
            glued.append((line, half))
            line.notes.append("caption glued to itself: collapsed")
        recent = [*recent[-2:], (key, alt, line)]
    return glued


def _mark_stranded(lines: list[Line]) -> None:
    """A short line whose adjacent neighbours were both dropped belongs to the same widget."""
    for i in range(1, len(lines) - 1):
        prev, line, nxt = lines[i - 1], lines[i], lines[i + 1]
        if line.dropped or line.fixed or line.kind or line.gap_before or line.gap_after:
            continue
        short = (
            len(line.text.split()) <= 8 and line.text[-1:] not in ".!?;" and not re.search(r"\d", line.text)
        )
        if prev.dropped and nxt.dropped and short:
            line.kind = "boilerplate"
            line.notes.append("between page furniture")


# ---------------------------------------------------------------- pass 5: headings, lists, paragraphs


def _is_content(line: Line) -> bool:
    """What a heading must be followed by: a list, a table or prose (a sentence or a long line)."""
    if line.kind in ("list_item", "table"):
        return True
    if line.kind != "paragraph" or tables.is_value(line.text):
        return False
    text = line.text
    return (
        text[-1:] in ".!…;"
        or len(text.split()) > _layout()["heading"]["max_tokens"]
        or not _is_candidate(line)
    )


def _is_candidate(line: Line, *, numbered: bool = False) -> bool:
    """Short, one sentence, no final period: could be a heading if content follows."""
    h = _layout()["heading"]
    text = line.body.text
    if not text or len(text) > h["max_chars"]:
        return False
    n = len(text.split())
    last = text[-1]
    if last == "?" or numbered:
        limit = h["max_tokens_question"]
    elif last == ":":
        limit = h["max_tokens_label"]
    else:
        limit = h["max_tokens"]
    if n > limit or last in h["final_punct_not_heading"]:
        return False
    if _SENTENCE_INSIDE_RE.search(text[:-1]) and not _all_caps(text) or _draws_chain(text):
        return False  # "1. THỦ KHO LÀ GÌ? CÔNG VIỆC CỤ THỂ": a heading set in capitals may hold two sentences
    return not tables.is_value(text)


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters)


def _draws_chain(text: str) -> bool:
    """'Apprentice → Journeyman → Master': a ladder drawn on one line is content, not a heading."""
    for arrow in _layout()["heading"]["chain_arrows"]:
        at = text.find(arrow)
        if at > 0 and text[:at].strip() and text[at + len(arrow) :].strip():
            return True
    return False


def _classify(lines: list[Line], blank_separated: bool, *, markup_levels: bool = False) -> None:
    kept: list[Line] = []
    for ln in lines:  # a table counts once, as its first line
        if not ln.dropped and not (ln.kind == "table" and kept and kept[-1].kind == "table"):
            kept.append(ln)

    def next_of(k: int) -> Line | None:
        return kept[k + 1] if k + 1 < len(kept) else None

    # Kinds that do not depend on what follows.
    for ln in kept:
        if ln.fixed or ln.kind:
            continue
        if ln.mark_kind == "bullet":
            ln.kind = "list_item"
    # Numbered lines and "* Title" lines.
    for k, ln in enumerate(kept):
        if ln.kind or ln.fixed or not ln.marker:
            continue
        nxt = next_of(k)
        prev = kept[k - 1] if k else None
        short = _is_candidate(ln, numbered=True) and ln.indent <= 1
        if ln.mark_kind == "star":
            siblings = any(x is not None and x.mark_kind == "star" for x in (prev, nxt))
            ln.kind = "heading" if short and nxt is not None and not siblings else "list_item"
            if ln.kind == "heading":
                ln.notes.append("star sub-heading")
            continue
        same = nxt is not None and nxt.mark_kind == ln.mark_kind and nxt.num_depth == ln.num_depth
        same_prev = prev is not None and prev.mark_kind == ln.mark_kind and prev.num_depth == ln.num_depth
        adjacent = (same and not nxt.gap_before) or (same_prev and not ln.gap_before)  # type: ignore[union-attr]
        ln.kind = "heading" if short and nxt is not None and not adjacent else "list_item"
    _mark_continuations([ln for ln in kept if ln.kind != "table"])
    # Was a "Label:" sub-heading already seen in this section? Then a line in front of the
    # next label is not a new parent heading (the labels are siblings).
    labels_before: list[bool] = []
    seen_label = False
    for ln in kept:
        labels_before.append(seen_label)
        if ln.text.endswith(":") and _is_candidate(ln, numbered=bool(ln.marker)) and not ln.fixed:
            seen_label = True  # "Tổ chức, triển khai:", "1. Quản lý nhân sự:": a group's label
        elif ln.marker and ln.kind == "heading" or ln.fixed and ln.kind == "heading":
            seen_label = False
    # Plain lines, from the end so that "followed by a sub-heading" can be asked.
    for k in range(len(kept) - 1, -1, -1):
        ln = kept[k]
        if ln.kind or ln.fixed:
            if ln.fixed and ln.kind == "":
                ln.kind = "paragraph"
            continue
        nxt = next_of(k)
        heading = False
        unfinished = nxt is not None and nxt.kind == "continuation"
        if _is_candidate(ln) and nxt is not None and not unfinished and "repeated below" not in ln.notes:
            isolated = ln.gap_before and ln.gap_after
            if _is_content(nxt):
                heading = True
            elif nxt.kind == "heading" and ("star sub-heading" in nxt.notes or nxt.text.endswith(":")):
                heading = isolated or not blank_separated
                heading = heading and not ln.text.endswith(":") and not labels_before[k]
            elif k == 0:
                heading = True  # the title
                ln.notes.append("title")
            elif blank_separated and isolated and nxt.kind == "paragraph" and not nxt.gap_after:
                heading = True  # a labelled group of lines follows
        ln.kind = "heading" if heading else "paragraph"
    _depths(lines, markup_levels=markup_levels)


def _mark_continuations(kept: list[Line]) -> None:
    """A line that starts in lower case right under an unfinished one continues it."""
    for prev, ln in zip(kept, kept[1:], strict=False):
        if ln.kind or ln.gap_before or ln.marker or ln.fixed or prev.dropped:
            continue
        if prev.kind not in ("", "paragraph", "list_item") or prev.fixed or prev.text[-1:] in ".!?;:…":
            continue
        if ln.text[:1].islower():
            ln.kind = "continuation"


def _depths(lines: list[Line], *, markup_levels: bool = False) -> None:
    """Heading levels: markup gives its own; a heading found by the rules nests under the
    title and the numbering, and with `markup_levels` (markdown) under the last markup heading."""
    title = False
    base = 0  # level of the last markup heading (markup_levels only)
    last_main = 0  # last heading that is not a star/label sub-heading
    anchor = 0  # last numbered heading
    seen_content = False
    for ln in lines:
        if ln.dropped or ln.kind != "heading":
            if ln.kind in ("paragraph", "list_item", "table"):
                seen_content = True
            continue
        if ln.fixed:
            depth = ln.depth
            if markup_levels:
                base, anchor = depth, 0
        elif not seen_content and not title and not ln.marker and not base:
            title, depth = True, 1
            if "title" not in ln.notes:
                ln.notes.append("title")
        else:
            top = base or (1 if title else 0)  # the level found headings nest under
            if ln.text.endswith(":") and ln.marker and last_main and not anchor:
                depth = last_main + 1  # "Mô tả công việc" then "1. Tổ chức, triển khai:": its groups
            elif ln.mark_kind in ("decimal", "bracket", "roman"):
                depth = top + ln.num_depth
                anchor = depth
            elif ln.mark_kind == "letter":
                depth = (anchor or top) + 1
            elif ln.mark_kind == "star" or ln.text.endswith(":"):
                depth = (last_main or top) + 1
            else:
                depth = (anchor or top) + 1
        ln.depth = depth
        if not (ln.mark_kind == "star" or ln.text.endswith(":")):
            last_main = depth


# ---------------------------------------------------------------- blocks


def _block_of(line: Line, kind: str, view: Normalized | None = None) -> Block:
    view = view or line.body
    if not view.text:
        view = line.view
    ends = view.ends
    trivial = tuple(ends) == tuple(map((1).__add__, view.starts))  # each char stands for one source char
    depth = line.depth if kind in ("heading", "list_item") else 0
    if kind == "list_item" and not depth:
        depth = 2 if line.indent >= 4 else 1
    return Block(
        kind=kind,  # type: ignore[arg-type]
        text=view.text,
        start=view.starts[0] if view.starts else 0,
        end=ends[-1] if ends else 0,
        offsets=tuple(view.starts),
        depth=depth,
        marker=line.marker if kind in ("list_item", "heading") else "",
        notes=list(line.notes),
        ends=() if trivial else tuple(ends),
    )


def _joined(views: Sequence[Normalized]) -> Normalized:
    """Views on consecutive lines as one: a space (standing for the line break) between."""
    text, starts, ends = views[0].text, list(views[0].starts), list(views[0].ends)
    for v in views[1:]:
        text += " " + v.text
        starts.append(ends[-1])
        ends.append(v.starts[0])
        starts.extend(v.starts)
        ends.extend(v.ends)
    return Normalized(text, tuple(starts), tuple(ends))


def _table_block(src: SourceText, table: _Table) -> Block:
    """One block for a rebuilt table: cells " | "-joined, rows on lines, offsets per char."""
    rows: list[list[Cell]] = []
    text_parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for r, row in enumerate(table.rows):
        out_row: list[Cell] = []
        for c, cell in enumerate(row):
            if table.views is not None:
                view = table.views[r][c]
            else:  # plain text: the cell is exactly its normalised source slice
                view = normalize(src.text[cell.start : cell.end], base=cell.start)
                cell = _exact_cell(src, cell)
            out_row.append(Cell(view.text, cell.start, cell.end, cell.ambiguous, cell.items))
            if not view.text:
                continue
            sep = ("\n" if c == 0 else " | ") if text_parts else ""
            if sep:
                text_parts.append(sep)
                starts.extend([ends[-1] - 1] * len(sep))
                ends.extend([ends[-1]] * len(sep))
            text_parts.append(view.text)
            starts.extend(view.starts)
            ends.extend(view.ends)
        rows.append(out_row)
    first, last = table.lines[0], table.lines[-1]
    return Block(
        kind="table",
        text="".join(text_parts),
        start=first.view.starts[0],
        end=max(last.view.ends[-1], max((c.end for row in rows for c in row), default=0)),
        offsets=tuple(starts),
        rows=rows,
        notes=[f"rebuilt: {table.rule}", *table.notes],
        ends=tuple(ends),
    )


def _exact_cell(src: SourceText, cell: Cell) -> Cell:
    """The cell with its text as the normalised source slice (the invariant tests check)."""
    if not cell.text:
        return cell
    text = normalize(src.text[cell.start : cell.end]).text
    items = tuple(_exact_cell(src, it) for it in cell.items)
    return Cell(text, cell.start, cell.end, cell.ambiguous, items)


def segment(src: SourceText) -> list[Block]:
    """The whole article as typed blocks in source order, dropped ones included."""
    if src.media == "html":
        lines = _html_lines(src)
    elif src.media == "md":
        lines = _markdown_lines(src)
    else:
        lines = _text_lines(src)
    for ln in lines:
        if not ln.fixed and not ln.skip and not ln.marker and ln.body is ln.view and ln.cells is None:
            parse_marker(ln)
    _mark_furniture(lines)
    found = _find_tables(lines)
    table_of: dict[int, _Table] = {}
    for t in found:
        for ln in t.lines:
            ln.kind = "table"
        table_of[id(t.lines[0])] = t
    glued = dict((id(ln), half) for ln, half in _mark_captions(lines))
    _mark_stranded(lines)
    n_blank = sum(1 for ln in lines if ln.gap_before)
    _classify(lines, blank_separated=n_blank >= 0.3 * max(1, len(lines)), markup_levels=src.media == "md")

    blocks: list[Block] = []
    pending: list[Line] = []  # a paragraph/list item and its continuation lines

    def flush() -> None:
        if not pending:
            return
        head = pending[0]
        view = _joined([ln.body for ln in pending]) if len(pending) > 1 else head.body
        if len(pending) > 1 and src.media == "txt":
            view = normalize(src.text[view.starts[0] : view.ends[-1]], base=view.starts[0])
        blocks.append(_block_of(head, head.kind, view))
        pending.clear()

    for ln in lines:
        if ln.skip:
            continue
        if ln.kind == "continuation" and pending:
            pending.append(ln)
            continue
        flush()
        if ln.kind == "table":
            t = table_of.get(id(ln))
            if t is not None:
                blocks.append(_table_block(src, t))
            continue
        if id(ln) in glued:
            half = glued[id(ln)]
            first, second = ln.view.part(0, half).stripped(), ln.view.part(half).stripped()
            blocks.append(_block_of(ln, "paragraph", first))
            blocks.append(_block_of(ln, "caption", second))
            continue
        if ln.kind in ("paragraph", "list_item"):
            pending.append(ln)
            continue
        kind = ln.kind if ln.kind in ("heading", "boilerplate", "caption") else "paragraph"
        blocks.append(_block_of(ln, kind, ln.view if kind in ("boilerplate", "caption") else None))
    flush()
    blocks.sort(key=lambda b: b.start)
    assign_languages(blocks)
    return blocks


# ---------------------------------------------------------------- dump


def render_blocks(blocks: list[Block]) -> str:
    """A reviewer's view: one block per line (tables one row per line), dropped ones marked."""
    out: list[str] = []
    for i, b in enumerate(blocks):
        tag = b.kind.upper() if b.dropped else b.kind
        bits = [f"[{i}]", tag]
        if b.kind == "heading":
            bits.append(f"h{b.depth}")
        if b.kind == "list_item":
            bits.append(f"{b.marker or '-'} d{b.depth}")
        if b.lang:
            bits.append(b.lang)
        bits.append(f"{b.start}-{b.end}")
        if b.kind == "table" and b.rows is not None:
            ncols = max((len(r) for r in b.rows), default=0)
            bits.append(f"{len(b.rows)}x{ncols}")
            out.append(" ".join(bits) + ("  # " + "; ".join(b.notes) if b.notes else ""))
            for row in b.rows:
                cells = [(c.text + (" (?)" if c.ambiguous else "")) for c in row]
                out.append("    | " + " | ".join(cells))
                for c in row:
                    for it in c.items:
                        out.append(f"    |   - {it.text}")
            continue
        note = ("  # " + "; ".join(b.notes)) if b.notes else ""
        out.append(" ".join(bits) + " | " + b.text + note)
    return "\n".join(out) + "\n"


def blocks_command(path: str) -> int:
    """`extract blocks FILE`: print the dump; exit code 0, or 2 when the file cannot be read."""
    try:
        src = read_source(path)
    except ReadError as err:
        print(f"{path}: {err.status}: {err.reason}", file=sys.stderr)
        return 2
    sys.stdout.write(render_blocks(segment(src)))
    return 0
