"""Tables that a scrape flattened into lines, rebuilt by general rules.

Each rule reads a run of normalised lines (with their source offsets) and returns the
rows it recognises; what no rule claims stays ordinary text. The rules:

* `cell_per_line`: one cell per line, header row first, then rows "label, value, value";
  the column count is the one that makes every data row start with a label and carry
  values in the other columns ("Mức lương / Trưởng phòng / Trưởng nhóm / Thấp nhất /
  6.000.000 / 5.000.000 ...").
* `value_label_widget`: salary widgets that print the figure before its label
  ("180 - 240 triệu" "/năm" "Lương cơ bản"); each value is paired with the label after it.
* `row_per_line`: one row per line with the cells run together; the header cells are
  found as job titles, every other row is cut into as many cells at capitalised words
  (and, failing that, at numbers). A row whose cells are "- " item lines keeps the items
  and spreads them evenly over the columns, every such cell marked ambiguous because
  the page shows no boundary.
* `pipe_rows`: markdown "| a | b |" tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from extract.document import Cell
from extract.lexicon import load_data
from extract.normalize import Normalized, norm_text

_TOKEN_RE = re.compile(r"\S+")
_DIGIT_RE = re.compile(r"\d")
_LETTER_TOKEN_RE = re.compile(r"[^\W\d_]")
_ITEM_RE = re.compile(r"^[-–—•*+]\s+")
_SENTENCE_END = ".!?;…"


def _layout() -> dict:
    return load_data("layout.json")


@functools.cache
def _titles() -> dict[str, object]:
    raw = load_data("table_titles.json")
    vi = sorted({norm_text(t).casefold() for t in raw["vi_title_starts"]}, key=lambda t: -len(t.split()))
    index: dict[str, list[tuple[str, ...]]] = {}
    for t in vi:
        words = tuple(t.split())
        index.setdefault(words[0], []).append(words)  # longest first, as sorted above
    return {
        "vi": index,
        "en_ends": frozenset(t.casefold() for t in raw["en_title_ends"]),
        "en_modifiers": frozenset(t.casefold() for t in raw["en_title_modifiers"]),
        "labels": frozenset(norm_text(t).casefold() for t in raw["header_labels"]),
        "function_words": frozenset(norm_text(t).casefold() for t in raw["function_words"]),
    }


@functools.cache
def _unit_re() -> re.Pattern[str]:
    return re.compile(_layout()["unit_continuation"], re.I)


@dataclass
class TableFound:
    """A rebuilt table: `lines` are the indices (into the caller's list) it consumed."""

    rule: str
    rows: list[list[Cell]]
    lines: list[int]
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- cells and line kinds


def cell_of(view: Normalized, i: int = 0, j: int | None = None, *, ambiguous: bool = False) -> Cell:
    """A Cell for `view.text[i:j]` with its source offsets."""
    j = len(view.text) if j is None else j
    while i < j and view.text[i] == " ":
        i += 1
    while j > i and view.text[j - 1] == " ":
        j -= 1
    if i >= j:
        start = view.starts[i] if i < len(view.starts) else (view.ends[-1] if view.ends else 0)
        return Cell("", start, start, ambiguous)
    return Cell(view.text[i:j], view.starts[i], view.ends[j - 1], ambiguous)


def is_value(text: str) -> bool:
    """A figure-like cell: has digits, few words ("6.000.000", "180 - 240 triệu /năm", "7%")."""
    if not _DIGIT_RE.search(text):
        return False
    tokens = text.split()
    words = [t for t in tokens if _LETTER_TOKEN_RE.search(t) and not _DIGIT_RE.search(t)]
    lay = _layout()
    return len(tokens) <= lay["value_max_tokens"] and len(words) <= lay["value_max_word_tokens"]


def is_short_cell(text: str) -> bool:
    """Could be a table cell on its own line: short, not a sentence, not a list item."""
    lay = _layout()["short_cell"]
    if not text or len(text) > lay["max_chars"] or len(text.split()) > lay["max_tokens"]:
        return False
    if _ITEM_RE.match(text) and not is_value(text):
        return False
    return text[-1] not in _SENTENCE_END or is_value(text)


def is_unit_line(text: str) -> bool:
    """A line that only carries the unit of the value above it ("/năm", "per month", "VND")."""
    return bool(_unit_re().match(text.strip())) and len(text) <= 20


def is_label(text: str) -> bool:
    return is_short_cell(text) and not is_value(text) and not is_unit_line(text)


# ---------------------------------------------------------------- rule 1: one cell per line


def cell_per_line(views: Sequence[Normalized], *, min_rows: int = 3, max_cols: int = 6) -> TableFound | None:
    """The best grid over `views` (all short lines): header of labels, rows "label, values...".

    Returns the table for the longest match (ties: fewer columns); None when no column
    count gives at least `min_rows` rows including the header.
    """
    texts = [v.text for v in views]
    values = [is_value(t) for t in texts]
    best: tuple[int, int, int, bool] | None = None  # (covered, -cols, start, header)
    n = len(texts)
    for cols in range(2, max_cols + 1):
        chain = _data_rows_from(values, cols)
        for s in range(0, n - cols * 2 + 1):
            header = not any(values[s : s + cols])
            k = s + cols if header else s
            rows = (1 if header else 0) + chain[k]
            k += cols * chain[k]
            data_rows = rows - (1 if header else 0)
            if rows < min_rows or data_rows < 2:
                continue
            cand = (k - s, -cols, s, header)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return None
    covered, neg_cols, s, _header = best
    cols = -neg_cols
    rows = [[cell_of(views[s + r * cols + c]) for c in range(cols)] for r in range(covered // cols)]
    return TableFound("cell_per_line", rows, list(range(s, s + covered)))


def _data_rows_from(values: Sequence[bool], cols: int) -> list[int]:
    """For each line k, how many "label, values..." rows of `cols` cells follow one another from k.

    Counted once from the end (a row at k is followed by the rows at k + cols), so the grid
    search costs one pass per column count instead of one per start line.
    """
    n = len(values)
    chain = [0] * (n + 1)
    for k in range(n - cols, -1, -1):
        if not values[k] and all(values[k + 1 : k + cols]):
            chain[k] = 1 + chain[k + cols]
    return chain


# ---------------------------------------------------------------- rule 3: value before label


def value_label_widget(views: Sequence[Normalized]) -> TableFound | None:
    """Pair figures with the label printed after them; rows are [label, value].

    A value may continue on unit-only lines ("/năm"); where k values are followed by
    m != k labels, the last labels take the last values (cells marked ambiguous) and
    the other values get an empty label. Needs at least two pairs and a value first.
    Lines are read only as far as the pairing goes.
    """
    if not views or not is_value(views[0].text):
        return None
    items = _widget_items(views)
    item = next(items, None)
    rows: list[list[Cell]] = []
    used: list[int] = []
    notes: list[str] = []
    pairs = 0
    while item is not None:
        vals = []
        while item is not None and item[0] == "V":
            vals.append(item)
            item = next(items, None)
        labels = []
        while item is not None and item[0] == "L" and len(labels) < len(vals):
            labels.append(item)
            item = next(items, None)
        if not labels:
            break
        exact = len(vals) == len(labels)
        offset = len(vals) - len(labels)
        for vi, v in enumerate(vals):
            value_cell = _span_cell(views, v[1], v[2], ambiguous=not exact)
            li = vi - offset
            if li >= 0:
                lab = labels[li]
                rows.append([cell_of(views[lab[1]], ambiguous=not exact), value_cell])
                pairs += 1
            else:
                start = value_cell.start
                rows.append([Cell("", start, start, True), value_cell])
        if not exact:
            notes.append(f"{len(vals)} values before {len(labels)} labels: paired from the end")
        last = labels[-1][2]
        used.extend(range(vals[0][1], last + 1))
    if pairs < 2:
        return None
    return TableFound("value_label_widget", rows, sorted(set(used)), notes)


def leading_values(views: Sequence[Normalized]) -> int:
    """How many lines the values at the top cover (with the unit-only lines under them).

    A later value among them pairs no more labels than the first one does, so where
    `value_label_widget` finds nothing from the first, it finds nothing from those either.
    """
    end = 0
    for kind, _, last in _widget_items(views):
        if kind != "V":
            break
        end = last + 1
    return end


def _widget_items(views: Sequence[Normalized]) -> Iterator[tuple[str, int, int]]:
    """("V" | "L", first, last) from the top: a value with the unit-only lines under it, or a label."""
    value: tuple[str, int, int] | None = None  # the value just read: unit lines may still extend it
    for i, view in enumerate(views):
        t = view.text
        if is_unit_line(t) and value is not None and not is_value(t):
            value = ("V", value[1], i)
        elif is_value(t):
            if value is not None:
                yield value
            value = ("V", i, i)
        elif is_label(t):
            if value is not None:
                yield value
                value = None
            yield ("L", i, i)
        else:
            break
    if value is not None:
        yield value


def _span_cell(views: Sequence[Normalized], first: int, last: int, *, ambiguous: bool = False) -> Cell:
    """One cell over lines first..last (a value and its unit lines)."""
    if first == last:
        return cell_of(views[first], ambiguous=ambiguous)
    text = " ".join(views[i].text for i in range(first, last + 1))
    return Cell(text, views[first].starts[0], views[last].ends[-1], ambiguous)


# ---------------------------------------------------------------- rule 2: one row per line


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int  # index in the line's normalised text
    end: int

    @property
    def capitalised(self) -> bool:
        c = self.text[0]
        return c.isupper() and not (len(self.text) > 1 and self.text.isupper())

    @property
    def numeric(self) -> bool:
        return self.text[0].isdigit()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _bare(tok: str) -> str:
    return tok.strip("()[],.;:!?\"'“”").casefold()


def split_header(text: str) -> list[tuple[int, int]] | None:
    """Header cells of a run-together comparison table, as (start, end) spans in `text`.

    The first cell may be a label ("Tiêu chí", "Criteria"); every other cell must be a
    job title: Vietnamese titles start at a capitalised title word, English ones are a
    capitalised run ending in a title word. None unless there are at least two titles.
    """
    if not text or text[-1] in _SENTENCE_END or len(text.split()) > 40:
        return None
    toks = _tokens(text)
    titles = _titles()
    low = [_bare(t.text) for t in toks]
    bounds: list[int] = [0]
    label_end = 0
    for n in (3, 2, 1):
        if len(low) > n and " ".join(low[:n]) in titles["labels"]:  # type: ignore[operator]
            label_end = n
            bounds.append(n)
            break
    title_cells = 0
    cell_has_body = False  # the current Vietnamese title has words after its title word
    i = label_end
    en_ends: frozenset[str] = titles["en_ends"]  # type: ignore[assignment]
    en_mods: frozenset[str] = titles["en_modifiers"]  # type: ignore[assignment]
    while i < len(toks):
        vi_len = _vi_title_at(low, i)
        if vi_len and toks[i].capitalised and (i == bounds[-1] or cell_has_body):
            if i != bounds[-1]:
                bounds.append(i)
            title_cells += 1
            cell_has_body = False
            i += vi_len
            continue
        if toks[i].capitalised:
            # an English run: capitalised tokens up to a title word
            j = i
            while j < len(toks) and toks[j].capitalised and low[j] not in en_ends:
                j += 1
            if j < len(toks) and toks[j].capitalised and low[j] in en_ends and not _vi_title_at(low, i):
                # "Chief Accountant", "Staff Nurse": a modifier title word runs on into the next one
                while (
                    j + 1 < len(toks)
                    and low[j] in en_mods
                    and toks[j + 1].capitalised
                    and low[j + 1] in en_ends
                ):
                    j += 1
                if i != bounds[-1]:
                    bounds.append(i)
                title_cells += 1
                bounds.append(j + 1)
                cell_has_body = False
                i = j + 1
                continue
        cell_has_body = True
        i += 1
    bounds = sorted(set(b for b in bounds if b < len(toks)))
    if title_cells < 2 or len(bounds) < 3:
        return None
    fw: frozenset[str] = titles["function_words"]  # type: ignore[assignment]
    spans = []
    for a, b in zip(bounds, [*bounds[1:], len(toks)], strict=True):
        if low[b - 1] in fw:
            return None  # "So sánh Nhân viên kinh doanh và Trưởng phòng": a sentence, not cells
        spans.append((toks[a].start, toks[b - 1].end))
    return spans


def _vi_title_at(low: list[str], i: int) -> int:
    """Length in words of the Vietnamese title starting at word i (0 if none)."""
    for title in _titles()["vi"].get(low[i], ()):  # type: ignore[union-attr]
        n = len(title)
        if tuple(low[i : i + n]) == title:
            return n
    return 0


def split_row(text: str, ncells: int) -> tuple[list[tuple[int, int]], bool]:
    """Cut a run-together row into `ncells` cells; returns spans and whether it is a guess.

    Every capitalised word (acronyms aside) and every number could start a cell. A
    capitalised word scores 3, less inside a capitalised run (2) or after a comma or a
    function word like "in"/"của" (1); a number scores 1, the first one 2 (row labels are
    short and end where the figures begin). The best-scoring boundaries win, earlier ones
    on ties; a tie at the cut, or too few boundaries, makes the row a guess.
    """
    toks = _tokens(text)
    if not toks:
        return [], True
    fw: frozenset[str] = _titles()["function_words"]  # type: ignore[assignment]
    scored: list[tuple[int, int]] = []  # (score, index)
    first_number = True
    for i in range(1, len(toks)):
        prev, tok = toks[i - 1], toks[i]
        if tok.capitalised:
            score = 3
            if prev.text.endswith((",", ";", "(", "/")) or _bare(prev.text) in fw:
                score = 1
            elif prev.capitalised:
                score = 2
            scored.append((score, i))
        elif tok.numeric and not prev.numeric:
            scored.append((2 if first_number else 1, i))
            first_number = False
    need = ncells - 1
    ranked = sorted(scored, key=lambda p: (-p[0], p[1]))
    chosen = sorted(i for _, i in ranked[:need])
    guess = len(chosen) < need
    if len(ranked) > need and need > 0:
        guess = guess or ranked[need][0] == ranked[need - 1][0]
    bounds = [0, *chosen]
    spans = [(toks[a].start, toks[b - 1].end) for a, b in zip(bounds, [*bounds[1:], len(toks)], strict=True)]
    return spans, guess


def row_per_line(views: Sequence[Normalized], gaps: Sequence[bool]) -> TableFound | None:
    """A header line of job titles and the rows under it (until a blank line or prose)."""
    if not views:
        return None
    header = split_header(views[0].text)
    if header is None:
        return None
    ncols = len(header)
    rows: list[list[Cell]] = [[cell_of(views[0], a, b) for a, b in header]]
    used = [0]
    notes: list[str] = []
    clear = 0  # rows whose cells were found without guessing
    k = 1
    while k < len(views) and not gaps[k]:
        text = views[k].text
        if _ITEM_RE.match(text) or text[-1:] in ".!?" or len(text.split()) > 80:
            break
        items_idx = [k]
        j = k + 1
        while j < len(views) and not gaps[j] and _ITEM_RE.match(views[j].text):
            items_idx.append(j)
            j += 1
        row, note = _table_row(views, items_idx, ncols)
        rows.append(row)
        if note:
            notes.append(note)
        clear += len(items_idx) > 1 or not note
        used.extend(items_idx)
        k = j
    if len(rows) < 2 or clear * 2 < len(rows) - 1:
        return None  # most rows would be guesswork: probably not a table
    return TableFound("row_per_line", rows, used, notes)


def _table_row(views: Sequence[Normalized], idx: list[int], ncols: int) -> tuple[list[Cell], str]:
    first = views[idx[0]]
    text = first.text
    dash = re.search(r"\s[-–—]\s", text)
    if len(idx) > 1 or dash:
        # "Label - item" then "- item" lines: the items are the row's cells' content.
        label_end = dash.start() if dash else len(text)
        label = cell_of(first, 0, label_end)
        items: list[Cell] = []
        marks: list[str] = []  # the item mark in front of each item ("" when inline)
        if dash:
            items.append(cell_of(first, dash.end()))
            marks.append("")
        for i in idx[1:]:
            m = _ITEM_RE.match(views[i].text)
            items.append(cell_of(views[i], m.end() if m else 0))
            marks.append(m.group(0).strip() if m else "")
        exact = len(items) == ncols - 1
        cells = [label]
        pos = 0
        for size in _spread(len(items), ncols - 1):
            part, part_marks = items[pos : pos + size], marks[pos : pos + size]
            pos += size
            if not part:
                cells.append(Cell("", label.end, label.end, True))
            else:
                cells.append(_items_cell(part, part_marks, ambiguous=not exact))
        note = (
            ""
            if exact
            else f"row '{label.text}': {len(items)} items spread over {ncols - 1} columns (no visible boundary)"
        )
        return cells, note
    spans, guess = split_row(text, ncols)
    cells = [cell_of(first, a, b, ambiguous=guess) for a, b in spans]
    note = f"row '{cells[0].text}': cell boundaries guessed" if guess else ""
    return cells, note


def _items_cell(part: list[Cell], marks: list[str], *, ambiguous: bool) -> Cell:
    """One cell holding several item lines; its text is what the source slice normalises to."""
    text = part[0].text
    for item, mark in zip(part[1:], marks[1:], strict=True):
        text += f" {mark} {item.text}" if mark else f" {item.text}"
    return Cell(text, part[0].start, part[-1].end, ambiguous, tuple(part) if len(part) > 1 else ())


def _spread(n: int, k: int) -> list[int]:
    """n items over k columns as evenly as possible, extras to the first columns."""
    if k <= 0:
        return []
    base, extra = divmod(n, k)
    return [base + (1 if c < extra else 0) for c in range(k)]


# ---------------------------------------------------------------- markdown pipe tables

_PIPE_SEP_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def is_pipe_row(text: str) -> bool:
    return text.count("|") >= 2 or (text.startswith("|") and text.count("|") >= 1)


def is_pipe_separator(text: str) -> bool:
    return bool(_PIPE_SEP_RE.match(text.replace(" ", "")))


def pipe_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of one "| a | b |" line; escaped \\| stays inside a cell."""
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", text)]
    edges = [-1, *bars, len(text)]
    spans = []
    for k, (a, b) in enumerate(zip(edges, edges[1:], strict=False)):
        outer = k == 0 or k == len(edges) - 2
        if outer and not text[a + 1 : b].strip():
            continue  # nothing before the first bar / after the last one
        spans.append((a + 1, b))
    return spans
