"""Markdown to structural units with offsets into the source (markdown-it-py, mdit-py-plugins).

The parser decides the structure: headings and their level, nested lists, pipe tables,
front matter, code, HTML blocks. What it does not give is where inline text sits: block
tokens carry line maps only. `_Inline` therefore walks an inline token's children along
the source lines the block covers, keeping each character a reader sees (text, link text,
what an entity or escape stands for) with its exact source range and stepping over markup
(emphasis and code marks, link targets, images, HTML tags, attribute text). The units are
those the HTML path yields (read.html_units), so blocks.py types both alike.

What a careful reader expects beyond the parser (patterns in data/layout.json "markdown"):
- YAML front matter is metadata. Its `title:` names the article: it comes out as a depth-1
  heading whose offsets point at the value inside the front matter; other keys come out
  as boilerplate units, so the dump shows what was dropped.
- kramdown attribute lines ("{:.no_toc}", "{: #id}") and attribute text are markup;
  table-of-contents markers ("[[_TOC_]]", "{:toc}" and the "* TOC" item it replaces) and a
  list of in-page links are page furniture; HTML comments and images are not text.
- The lines of a paragraph join when they are hard-wrapped (a line going on in lower case,
  or a break the wrap width explains); a line after a sentence's end or an explicit break,
  a line that a list mark or a bold label opens, a line after one too short or too long for
  a wrap, starts a paragraph of its own: scraped markdown often puts one fact or one
  paragraph per line with no blank line between.
- A setext underline ("---") under a long or several-line paragraph is a rule, not a heading.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from extract.lexicon import load_data
from extract.normalize import Normalized, compose, normalize
from extract.read import html_units

_EOL_RE = re.compile(r"\r\n|\r|\n")
_BR_RE = re.compile(r"<br\s*/?>", re.I)
_COMMENT_RE = re.compile(r"\s*<!--.*?-->\s*", re.S)
_FRONT_TITLE_RE = re.compile(r"title[ \t]*:[ \t]*")
_BLOCK_SCALAR = frozenset({"|", ">", "|-", ">-", "|+", ">+"})


@dataclass
class MarkupUnit:
    """One structural piece of a markdown page, in source order.

    kind: heading | list_item | paragraph | row | boilerplate. `depth` is the heading level
    or the list nesting (1 = top level); `marker` the list mark ("-", "1.") or the ATX
    heading's "#"s. A `row` carries its cells, and for each cell the views of its item lines
    (a cell of "<br>"-separated or "- " lines; empty when the cell is one item); rows of one
    table share `table`. `fixed`: a paragraph whose kind no later rule may change (a line
    of code); `label`: a paragraph that opens with bold text followed by more ("**Salary:**
    $50k"); `mark`: a list item's mark as written.
    """

    kind: str
    view: Normalized
    depth: int = 0
    marker: str = ""
    cells: list[Normalized] = field(default_factory=list)
    items: list[list[Normalized]] = field(default_factory=list)
    table: int = -1
    fixed: bool = False
    label: bool = False
    mark: Normalized | None = None
    note: str = ""


@dataclass(frozen=True)
class _Rules:
    wrap: tuple[int, int]
    sentence_end: str
    closers: str
    attribute: re.Pattern[str]
    attribute_line: re.Pattern[str]
    toc_markers: tuple[re.Pattern[str], ...]
    toc_placeholders: frozenset[str]
    bullets: str
    item_start: tuple[re.Pattern[str], ...]
    heading_max_chars: int


@functools.cache
def _rules() -> _Rules:
    lay = load_data("layout.json")
    md = lay["markdown"]
    bullets = lay["bullets"]
    item_start = (
        re.compile(rf"[{re.escape(bullets)}]\s+\S"),
        *(re.compile(p["re"] + r"\s+\S") for p in lay["numbering_patterns"]),
    )
    return _Rules(
        wrap=(md["wrap_min_chars"], md["wrap_max_chars"]),
        sentence_end=md["sentence_end"],
        closers=md["closers"],
        attribute=re.compile(md["attribute"]),
        attribute_line=re.compile(md["attribute_line"]),
        toc_markers=tuple(re.compile(p, re.I) for p in md["toc_markers"]),
        toc_placeholders=frozenset(md["toc_placeholders"]),
        bullets=bullets,
        item_start=item_start,
        heading_max_chars=lay["heading"]["max_chars"],
    )


def _kramdown_attribute_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line holding only a kramdown attribute list ("{:.no_toc}", "{:toc}"): markup.

    It also ends the paragraph or list item above it, which CommonMark would otherwise
    continue lazily ("* TOC" then "{:toc}")."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] : state.eMarks[start]]
    if not _rules().attribute_line.match(line):
        return False
    if not silent:
        token = state.push("kramdown_attribute", "", 0)
        token.map = [start, start + 1]
        token.content = line.strip()
    state.line = start + 1
    return True


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(attrs_block_plugin).use(attrs_plugin)
    md.block.ruler.before(
        "table",
        "kramdown_attribute",
        _kramdown_attribute_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.disable("text_join")  # entities and escapes stay apart, with the source text they stand for
    return md


def markdown_units(text: str) -> list[MarkupUnit]:
    """Headings, list items, paragraphs, table rows and dropped pieces of a markdown page."""
    return _Walker(text).run()


# ---------------------------------------------------------------- characters kept, with offsets


@dataclass
class _Chars:
    """Characters a reader sees, each with the source range it stands for."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def run(self, text: str, at: int) -> None:
        """`text` as it stands in the source at `at`."""
        self.chars.append(text)
        self.starts.extend(range(at, at + len(text)))
        self.ends.extend(range(at + 1, at + len(text) + 1))

    def stand_in(self, text: str, start: int, end: int) -> None:
        """`text` standing for the source range start..end (an entity, an escape, a break)."""
        self.chars.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def extend(self, other: _Chars) -> None:
        self.chars.extend(other.chars)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def view(self) -> Normalized | None:
        """The normalised view with offsets into the source; None when nothing is left."""
        raw = self.text
        norm = normalize(raw)
        if not norm.text:
            return None
        if norm.text == raw:  # nothing to normalise: each character stands for itself
            return Normalized(raw, tuple(self.starts), tuple(self.ends))
        return compose(norm, tuple(self.starts), tuple(self.ends))


@dataclass
class _Line:
    """One source line's share of an inline token, and how it ends."""

    chars: _Chars
    width: int  # length of the source line it starts on
    brk: tuple[str, int, int] | None = None  # soft | hard | br, with the break's source range
    first: str = ""  # type of the first child that shows something ("strong_open", "text" ...)
    bold_end: int = -1  # chars kept when the opening bold text closed
    linked: int = 0  # characters kept inside in-page links ("#anchor")
    column: int = 0  # where its first kept character sits on its source line

    @property
    def text(self) -> str:
        return self.chars.text

    @property
    def label(self) -> bool:
        """'**Label:** value': bold text opens the line and words follow it."""
        return self.first == "strong_open" and self.bold_end >= 0 and _has_word(self.text[self.bold_end :])

    @property
    def bold_only(self) -> bool:
        return (
            self.first == "strong_open" and self.bold_end >= 0 and not _has_word(self.text[self.bold_end :])
        )


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _shown_chars(text: str) -> int:
    return len("".join(text.split()))


class _LineIndex:
    """Where each source line starts and ends (the parser's line numbers index `spans`)."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for m in _EOL_RE.finditer(text):
            self.spans.append((pos, m.start()))
            pos = m.end()
        self.spans.append((pos, len(text)))
        self.starts = [a for a, _ in self.spans]

    def line_of(self, pos: int) -> tuple[int, int]:
        return self.spans[bisect_right(self.starts, pos) - 1]

    def column(self, pos: int) -> int:
        return pos - self.line_of(pos)[0]

    def width(self, pos: int) -> int:
        a, b = self.line_of(pos)
        return b - a


class _Inline:
    """Aligns an inline token's children with the source between `start` and `end`."""

    def __init__(self, src: str, index: _LineIndex, start: int, end: int) -> None:
        self.src = src
        self.index = index
        self.cur = start
        self.end = end
        self.lines: list[_Line] = [_Line(_Chars(), index.width(start))]
        self.in_page_link = False

    @property
    def line(self) -> _Line:
        return self.lines[-1]

    def walk(self, children: list[Token]) -> list[_Line]:
        for tok in children:
            handler = getattr(self, "_" + tok.type, None)
            if handler is not None:
                handler(tok)
            elif tok.content:
                self._keep(tok.content)
        kept = [ln for ln in self.lines if ln.text.strip()]
        for ln in kept:
            ln.column = self.index.column(ln.chars.starts[0])
        return kept

    # -- helpers

    def _find(self, s: str) -> int:
        return self.src.find(s, self.cur, self.end) if s else -1

    def _skip(self, s: str) -> int:
        """Step over markup `s` (the next occurrence); its position, or -1."""
        k = self._find(s)
        if k >= 0:
            self.cur = k + len(s)
        return k

    def _shown(self, kind: str) -> None:
        if not self.line.first:
            self.line.first = kind

    def _keep(self, text: str) -> None:
        """Text that stands in the source as written (or nearly: a table's "\\|")."""
        if not text:
            return
        if text.strip():
            self._shown("text")
        k = self._find(text)
        if k >= 0:
            self.line.chars.run(text, k)
            self.cur = k + len(text)
        else:
            for ch in text:  # the parser rewrote something: match character by character
                k = self._find(ch)
                if k < 0:
                    continue
                self.line.chars.run(ch, k)
                self.cur = k + 1
        if self.in_page_link:
            self.line.linked += _shown_chars(text)

    def _break(self, kind: str, start: int, end: int) -> None:
        if not self.line.text.strip() and len(self.lines) > 1:  # two breaks in a row: one
            prev = self.lines[-2]
            if prev.brk is not None and kind != "soft":
                prev.brk = (kind, prev.brk[1], prev.brk[2])
            self.cur = max(self.cur, end)
            return
        self.line.brk = (kind, start, end)
        self.cur = end
        self.lines.append(_Line(_Chars(), self.index.width(end)))

    # -- token handlers

    def _text(self, tok: Token) -> None:
        pos = 0
        for m in _rules().attribute.finditer(tok.content):  # {: .class}, {#id}: markup
            self._keep(tok.content[pos : m.start()])
            self._skip(m.group(0))
            pos = m.end()
        self._keep(tok.content[pos:])

    def _text_special(self, tok: Token) -> None:  # an entity or a backslash escape
        k = self._skip(tok.markup)
        if k < 0:
            self._keep(tok.content)
            return
        self._shown("text")
        if tok.content == tok.markup:  # "\\h": a backslash that escapes nothing stays as written
            self.line.chars.run(tok.content, k)
        else:
            self.line.chars.stand_in(tok.content, k, k + len(tok.markup))

    def _softbreak(self, tok: Token) -> None:
        m = _EOL_RE.search(self.src, self.cur, self.end)
        if m is not None:
            self._break("soft", m.start(), m.end())

    def _hardbreak(self, tok: Token) -> None:
        m = _EOL_RE.search(self.src, self.cur, self.end)
        if m is not None:
            self._break("hard", m.start(), m.end())

    def _html_inline(self, tok: Token) -> None:
        k = self._skip(tok.content)
        if k >= 0 and _BR_RE.fullmatch(tok.content.strip()):
            self._break("br", k, k + len(tok.content))

    def _code_inline(self, tok: Token) -> None:
        k = self._skip(tok.markup)
        if k < 0:
            self._keep(tok.content)
            return
        run = re.compile(rf"(?<!`){re.escape(tok.markup)}(?!`)")
        m = run.search(self.src, self.cur, self.end)
        close = m.start() if m else self.cur
        self._shown("code_inline")
        if self.src[self.cur : close].strip():
            self.line.chars.run(self.src[self.cur : close], self.cur)
        self.cur = m.end() if m else close

    def _image(self, tok: Token) -> None:  # not content: alt text and target both go
        k = self._find("![")
        if k < 0:
            return
        self.cur = _skip_target(self.src, _skip_brackets(self.src, k + 1, self.end), self.end)

    def _link_open(self, tok: Token) -> None:
        self.in_page_link = str(tok.attrs.get("href", "")).startswith("#")
        self._skip("<" if tok.markup == "autolink" else "[")

    def _link_close(self, tok: Token) -> None:
        self.in_page_link = False
        if tok.markup == "autolink":
            self._skip(">")
        elif self._skip("]") >= 0:
            self.cur = _skip_target(self.src, self.cur, self.end)

    def _strong_open(self, tok: Token) -> None:
        self._shown("strong_open")
        self._skip(tok.markup)

    def _strong_close(self, tok: Token) -> None:
        self._skip(tok.markup)
        if self.line.first == "strong_open" and self.line.bold_end < 0:
            self.line.bold_end = len(self.line.text)

    def _mark(self, tok: Token) -> None:
        self._skip(tok.markup)

    _em_open = _em_close = _s_open = _s_close = _mark


def _skip_brackets(src: str, pos: int, end: int) -> int:
    """Index after the "]" that closes the "[" at `pos` (escapes and nesting respected)."""
    depth = 0
    i = pos
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _skip_target(src: str, pos: int, end: int) -> int:
    """Index after a link's target: "(url "title")", "[ref]", or nothing (a shortcut link)."""
    if pos >= end:
        return pos
    if src[pos] == "[":
        return _skip_brackets(src, pos, end)
    if src[pos] != "(":
        return pos
    i = pos + 1
    depth = 0
    quote = ""
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and src[i - 1].isspace():
            quote = ch
        elif ch == "<" and i == pos + 1:
            close = src.find(">", i, end)
            i = close if close >= 0 else i
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    return end


# ---------------------------------------------------------------- lines into paragraphs


def _starts_item(text: str) -> bool:
    """A line the parser took for text that opens with a list mark ("• ...", "1) ...")."""
    return any(p.match(text) for p in _rules().item_start)


def _ends_sentence(text: str) -> bool:
    r = _rules()
    body = text.rstrip().rstrip(r.closers)
    return body[-1:] in r.sentence_end


def _new_paragraph(prev: _Line, line: _Line, *, width: int, item_column: int = -1) -> bool:
    """Does `line` start a paragraph of its own, or continue `prev` (a hard wrap at `width`)?

    In a list item (`item_column`: where its text starts) a line indented under the text
    continues it; a line the parser took in lazily, from further left, is judged as in a
    paragraph ("- Báo cáo kết quả" then "Yêu cầu kinh nghiệm 5-7 năm ..." on the next line)."""
    head = line.text.lstrip()
    if prev.brk is not None and prev.brk[0] != "soft":
        return True
    if _starts_item(head):
        return True
    if 0 <= item_column <= line.column:
        return False
    if line.label or prev.bold_only:
        return True
    if head[:1].islower():
        return False  # a sentence going on
    low, high = _rules().wrap
    if max(prev.width, line.width) > high:
        return True
    first_word = len(head.split(maxsplit=1)[0]) if head else 0
    if prev.width + 1 + first_word <= max(width, low):
        return True  # the word would have fitted: the writer broke the line on purpose
    return _ends_sentence(prev.text)


def _paragraphs(lines: list[_Line], *, item_column: int = -1) -> list[list[_Line]]:
    """The lines grouped into paragraphs (see `_new_paragraph`)."""
    width = max((ln.width for ln in lines), default=0)
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and not _new_paragraph(groups[-1][-1], line, width=width, item_column=item_column):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _joined(group: list[_Line]) -> Normalized | None:
    """One paragraph's lines as one view; each break stands as a space for its source range."""
    chars = _Chars()
    for k, line in enumerate(group):
        if k and group[k - 1].brk is not None:
            _, a, b = group[k - 1].brk  # type: ignore[misc]
            chars.stand_in(" ", a, b)
        chars.extend(line.chars)
    return chars.view()


# ---------------------------------------------------------------- blocks


@dataclass
class _ListFrame:
    depth: int
    units: list[tuple[MarkupUnit, bool]] = field(default_factory=list)  # (item, only an in-page link)


class _Walker:
    """Block tokens to units; one pass, containers on a stack."""

    def __init__(self, text: str) -> None:
        self.src = text
        self.index = _LineIndex(text)
        self.spans = self.index.spans
        self.units: list[MarkupUnit] = []
        self.tables = 0
        self.lists: list[_ListFrame] = []  # open lists, outermost first
        self.items: list[dict] = []  # open list items: marker, depth, whether text was given
        self.containers: list[str] = []  # li | blockquote, innermost last

    def region(self, tok: Token) -> tuple[int, int]:
        first, last = tok.map if tok.map else (0, 1)
        last = max(first + 1, last)
        return self.spans[min(first, len(self.spans) - 1)][0], self.spans[min(last, len(self.spans)) - 1][1]

    def inline(self, tok: Token, start: int | None = None, end: int | None = None) -> list[_Line]:
        a, b = self.region(tok)
        return _Inline(self.src, self.index, a if start is None else start, b if end is None else end).walk(
            tok.children or []
        )

    def run(self) -> list[MarkupUnit]:
        tokens = _parser().parse(self.src)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            handler = getattr(self, "_" + tok.type, None)
            if handler is not None:
                i = handler(tokens, i) or i
            i += 1
        return self.units

    def add(self, unit: MarkupUnit) -> MarkupUnit:
        self.units.append(unit)
        return unit

    # -- front matter, attribute lines, markers

    def _front_matter(self, tokens: list[Token], i: int) -> None:
        """YAML front matter: `title:` is the article's title, every other line metadata."""
        first, last = tokens[i].map or (0, 0)
        for n in range(first + 1, last - 1):
            a, b = self.spans[n]
            line = self.src[a:b]
            if not line.strip():
                continue
            m = _FRONT_TITLE_RE.match(line)
            title = _front_title(self.src, a + m.end(), b) if m else None
            if title is not None:
                self.add(MarkupUnit("heading", title, depth=1, note="front matter title"))
            else:
                self.add(MarkupUnit("boilerplate", normalize(line, base=a), note="front matter"))

    def _kramdown_attribute(self, tokens: list[Token], i: int) -> None:
        tok = tokens[i]
        if not any(p.match(tok.content) for p in _rules().toc_markers):
            return
        a, b = self.region(tok)
        self.add(MarkupUnit("boilerplate", normalize(self.src[a:b], base=a), note="table of contents marker"))
        prev = self.units[-2] if len(self.units) > 1 else None
        if (
            prev is not None
            and prev.kind == "list_item"
            and prev.view.text.casefold() in _rules().toc_placeholders
        ):
            prev.kind, prev.note = "boilerplate", "table of contents marker"

    # -- containers

    def _bullet_list_open(self, tokens: list[Token], i: int) -> None:
        self.lists.append(_ListFrame(len(self.lists) + 1))

    _ordered_list_open = _bullet_list_open

    def _bullet_list_close(self, tokens: list[Token], i: int) -> None:
        frame = self.lists.pop()
        if self.lists:  # a nested list belongs to its outer list's table-of-contents check
            self.lists[-1].units.extend(frame.units)
            return
        if len(frame.units) >= 2 and all(toc for _, toc in frame.units):
            for unit, _ in frame.units:
                unit.kind, unit.note = "boilerplate", "table of contents"

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, tokens: list[Token], i: int) -> None:
        tok = tokens[i]
        marker = f"{tok.info}{tok.markup}" if tok.info else tok.markup
        a, b = self.spans[(tok.map or [0])[0]]
        at = self.src.find(marker, a, b)
        mark = normalize(marker, base=at) if at >= 0 else None
        self.items.append({"marker": marker, "mark": mark, "depth": len(self.lists), "given": False})
        self.containers.append("li")

    def _list_item_close(self, tokens: list[Token], i: int) -> None:
        self.items.pop()
        self.containers.pop()

    def _blockquote_open(self, tokens: list[Token], i: int) -> None:
        self.containers.append("blockquote")

    def _blockquote_close(self, tokens: list[Token], i: int) -> None:
        self.containers.pop()

    # -- text blocks

    def _heading_open(self, tokens: list[Token], i: int) -> None:
        tok, inline = tokens[i], tokens[i + 1]
        lines = self.inline(inline)
        setext = not tok.markup.startswith("#")
        if setext and _underline_is_a_rule(lines):
            self.paragraph(lines)
            return
        view = _joined(lines) if lines else None
        if view is None:
            return
        marker = "" if setext else tok.markup
        self.add(MarkupUnit("heading", view.stripped(), depth=int(tok.tag[1]), marker=marker))

    def _paragraph_open(self, tokens: list[Token], i: int) -> None:
        inline = tokens[i + 1]
        a, b = self.region(inline)
        source = self.src[a:b].strip()
        if any(p.match(source) for p in _rules().toc_markers):
            self.add(
                MarkupUnit("boilerplate", normalize(self.src[a:b], base=a), note="table of contents marker")
            )
            return
        lines = self.inline(inline)
        if self.containers and self.containers[-1] == "li" and not self.items[-1]["given"]:
            self.list_item(lines)
        else:
            self.paragraph(lines)

    def list_item(self, lines: list[_Line]) -> None:
        """The item's text; a line the parser added lazily may stand apart as a paragraph."""
        item = self.items[-1]
        column = lines[0].column if lines else 0
        for k, group in enumerate(_paragraphs(lines, item_column=column)):
            view = _joined(group)
            if view is None:
                continue
            if k and group[0].column < column:
                self.paragraph(group)
                continue
            first = not item["given"]
            unit = self.add(
                MarkupUnit(
                    "list_item",
                    view.stripped(),
                    depth=item["depth"],
                    marker=item["marker"] if first else "",
                    mark=item["mark"] if first else None,
                )
            )
            item["given"] = True
            linked = sum(ln.linked for ln in group)
            only_link = linked > 0 and linked >= sum(_shown_chars(ln.text) for ln in group)
            self.lists[-1].units.append((unit, only_link))

    def paragraph(self, lines: list[_Line]) -> None:
        for group in _paragraphs(lines):
            view = _joined(group)
            if view is not None:
                self.add(MarkupUnit("paragraph", view.stripped(), label=group[0].label))

    def _fence(self, tokens: list[Token], i: int) -> None:
        """Code: each line a paragraph as written, fence lines left out."""
        tok = tokens[i]
        first, last = tok.map or (0, 0)
        if tok.type == "fence":
            closing = self.src[slice(*self.spans[last - 1])].strip() if last - 1 > first else ""
            first += 1
            if closing.startswith(tok.markup[:3]) and not closing.strip(tok.markup[0]):
                last -= 1
        for n in range(first, last):
            a, b = self.spans[n]
            view = normalize(self.src[a:b], base=a)
            if view.text:
                self.add(MarkupUnit("paragraph", view, fixed=True))

    _code_block = _fence

    def _html_block(self, tokens: list[Token], i: int) -> None:
        """Block HTML read as HTML (a table, a <details>); comments are not text."""
        a, b = self.region(tokens[i])
        html = self.src[a:b]
        if _COMMENT_RE.fullmatch(html):
            return
        tables: dict[int, int] = {}
        for unit in html_units(html):
            kind = "row" if unit.kind == "row" else unit.kind
            if kind == "row":
                if unit.table not in tables:
                    self.tables += 1
                    tables[unit.table] = self.tables
                cells = [c.shifted(a) for c in unit.cells]
                self.add(
                    MarkupUnit(
                        "row", cells[0], cells=cells, items=[[] for _ in cells], table=tables[unit.table]
                    )
                )
                continue
            note = "page furniture (HTML)" if kind == "boilerplate" else ""
            self.add(MarkupUnit(kind, unit.view.shifted(a), depth=unit.depth, marker=unit.marker, note=note))

    # -- tables

    def _table_open(self, tokens: list[Token], i: int) -> int:
        """Pipe-table rows, each cell aligned within its own stretch of the row's line."""
        self.tables += 1
        j = i + 1
        row: list[tuple[list[_Line], Normalized | None]] = []
        row_spans: list[tuple[int, int]] = []
        while j < len(tokens) and tokens[j].type != "table_close":
            tok = tokens[j]
            if tok.type == "tr_open":
                line = (tok.map or [0])[0]
                row, row_spans = [], _cell_spans(self.src, *self.spans[line])
            elif tok.type == "inline":
                k = len(row)
                if k < len(row_spans):
                    lines = self.inline(tok, *row_spans[k])
                else:
                    lines = []
                row.append((lines, _joined(lines) if lines else None))
            elif tok.type == "tr_close":
                self.table_row(row)
            j += 1
        return j

    def table_row(self, row: list[tuple[list[_Line], Normalized | None]]) -> None:
        cells: list[Normalized] = []
        items: list[list[Normalized]] = []
        for lines, view in row:
            cells.append(view.stripped() if view is not None else Normalized("", (), ()))
            items.append(_cell_items(lines))
        shown = [c for c in cells if c.text]
        if shown:
            self.add(MarkupUnit("row", shown[0], cells=cells, items=items, table=self.tables))


def _front_title(src: str, a: int, b: int) -> Normalized | None:
    """The `title:` value's view (quotes left out), or None for an empty or block value."""
    while b > a and src[b - 1] in " \t":
        b -= 1
    value = src[a:b]
    if not value or value in _BLOCK_SCALAR:
        return None
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        a, b = a + 1, b - 1
    view = normalize(src[a:b], base=a)
    return view if view.text else None


def _underline_is_a_rule(lines: list[_Line]) -> bool:
    """A setext underline under what cannot be a heading (several lines, a sentence, a long
    text) is a thematic break after a paragraph."""
    if len(lines) != 1:
        return True
    text = lines[0].text.strip()
    return len(text) > _rules().heading_max_chars or text.endswith(".")


def _cell_items(lines: list[_Line]) -> list[Normalized]:
    """Item lines of a list-like cell ("a<br>b", "- a<br>- b", "• a • b"); [] for one item."""
    views = [v for ln in lines if (v := ln.chars.view()) is not None]
    if len(views) == 1:
        views = _split_on_mark(views[0])
    items = [_unmarked(v) for v in views]
    items = [v for v in items if v.text]
    return items if len(items) > 1 else []


def _split_on_mark(view: Normalized) -> list[Normalized]:
    """'- a - b' or '• a • b': a cell that opens with a list mark and repeats it."""
    text = view.text
    if len(text) < 3 or text[0] not in _rules().bullets or text[1] != " ":
        return [view]
    sep = f" {text[0]} "
    cuts = [m.start() for m in re.finditer(re.escape(sep), text)]
    if not cuts:
        return [view]
    edges = [0, *cuts, len(text)]
    return [view.part(x, y) for x, y in zip(edges, edges[1:], strict=False)]


def _unmarked(view: Normalized) -> Normalized:
    view = view.stripped()
    if len(view.text) > 2 and view.text[0] in _rules().bullets and view.text[1] == " ":
        return view.part(2).stripped()
    return view


def _cell_spans(src: str, a: int, b: int) -> list[tuple[int, int]]:
    """Source stretch of each cell of a pipe-table line (split on unescaped "|", as the parser does)."""
    line = src[a:b]
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
    lead = len(line) - len(line.lstrip())
    edges = [lead - 1, *bars, len(line)]
    if bars and bars[0] == lead:
        edges = edges[1:]
    if bars and not line[bars[-1] + 1 :].strip():
        edges = edges[:-1]
    return [(a + x + 1, a + y) for x, y in zip(edges, edges[1:], strict=False)]
