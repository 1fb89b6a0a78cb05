"""Markdown read by a parser (extract/markup.py): structure kept, markup left out, offsets exact.

Each behaviour has a table (markdown in -> the blocks a reader sees: kind, depth, text), on
hand-written pages about nursing, sales, accounting, logistics and retail. Every block of
every page here and of every .md file in tests/dev/raw must be the markup-free view of its
source slice, character by character (`assert_markup_free_view`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.blocks import blocks_command, segment
from extract.document import Block, SourceText
from extract.extraction import extract_text
from extract.markup import markdown_units
from extract.normalize import normalize
from extract.read import read_source

DEV_MD = sorted((Path(__file__).resolve().parent / "dev" / "raw").glob("*.md"))


def seg(text: str) -> list[Block]:
    return segment(SourceText("t", "t.md", text, "utf-8", "0", len(text.encode()), "md"))


def shown(text: str) -> list[tuple[str, int, str]]:
    """(kind, depth, text) of every block a reader keeps."""
    return [(b.kind, b.depth, b.text) for b in seg(text) if not b.dropped]


# ---------------------------------------------------------------- the invariant

# Markup as written in the test pages and the dev files, read independently of the parser:
# escapes, entities, images, link targets, tags, code and emphasis marks, attribute text.
_MARKUP_RE = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<target>\]\((?:[^()]|\([^)]*\))*\)|\]\[[^\]]*\])"
    r"|(?P<autolink><(?P<url>https?://[^>\s]+)>)"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<tag><!--.*?-->|</?[A-Za-z][^>]*>)"
    r"|(?P<attr>\{:[^{}\n]*\}|\{[#.][A-Za-z_][^{}\n]*\})"
    r"|(?P<quote>^[ \t]*>[ \t]?)"
    r"|(?P<mark>`+|\*+|~~|(?<![^\W_])_+|_+(?![^\W_])|\[(?=[^\]]*(?:\][(\[]|\Z)))",
    re.M | re.S,
)


def markup_free(source: str) -> str:
    """The normalised text a reader sees in a slice of markdown."""

    def repl(m: re.Match[str]) -> str:
        if m.group("escape"):
            return m.group("escape")[1]
        if m.group("autolink"):
            return m.group("url")
        if m.group("br"):
            return " "
        return ""

    return normalize(html.unescape(_MARKUP_RE.sub(repl, source))).text


def assert_markup_free_view(source: str, blocks: list[Block]) -> None:
    """Each kept character stands for exactly its source characters (an entity or an
    escape for what it means, a space for white space or a line break); each block, cell
    and item is the markup-free view of its source slice."""
    for b in blocks:
        assert len(b.offsets) == len(b.text)
        if b.kind == "table":
            for row in b.rows or []:
                for cell in row:
                    assert markup_free(source[cell.start : cell.end]) == cell.text
                    for item in cell.items:
                        assert markup_free(source[item.start : item.end]) == item.text
            continue
        if b.dropped:  # shown in the dump as written
            assert normalize(source[b.start : b.end]).text == b.text
            continue
        assert markup_free(source[b.start : b.end]) == b.text, b.text
        ends = b.ends or tuple(o + 1 for o in b.offsets)
        assert list(b.offsets) == sorted(b.offsets)
        for ch, a, e in zip(b.text, b.offsets, ends, strict=True):
            piece = source[a:e]
            if ch == " ":
                assert piece[:1].isspace() or _BR.match(piece), (b.text, piece)
            else:
                assert normalize(html.unescape(re.sub(r"\\(.)", r"\1", piece))).text == ch, (b.text, piece)


_BR = re.compile(r"<br\s*/?>", re.I)


@pytest.mark.parametrize("path", DEV_MD, ids=lambda p: p.stem)
def test_every_block_of_a_dev_markdown_file_is_the_markup_free_view_of_its_source(path: Path) -> None:
    src = read_source(str(path))
    assert_markup_free_view(src.text, segment(src))


# Pieces that make markdown parsers work hard: marks, brackets, breaks, entities, tags.
_PIECES = ["Kế", "toán", " ", "  ", "\t", "\n", "\n\n", "\r\n", "*", "**", "_", "`", "~~", "[", "]", "(", ")",
           "!", "#", "## ", "- ", "1. ", "> ", "|", "---", "&amp;", "&#39;", "\\", "<br>", "<b>", "</b>",
           "<!--", "-->", "{:toc}", "{: .x}", "    ", "http://x.vn", "<", ">", "e\u0301", "\u00a0",
           "---\ntitle: T\n---\n"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
def test_any_markdown_gives_blocks_whose_characters_stand_for_themselves(text: str) -> None:
    for b in seg(text):
        if b.kind == "table" or b.dropped:
            continue
        ends = b.ends or tuple(o + 1 for o in b.offsets)
        assert list(b.offsets) == sorted(b.offsets) and 0 <= b.start <= b.end <= len(text)
        for ch, a, e in zip(b.text, b.offsets, ends, strict=True):
            if ch != " ":
                piece = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text[a:e])
                assert normalize(html.unescape(piece)).text == ch, (b.text, text[a:e])


# ---------------------------------------------------------------- front matter

FRONT = '---\nlayout: post\ntitle: "Registered Nurse"\ntags: [nursing, health]\n---\n\nNurses assess patients and give medicines.\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FRONT,
            [
                ("heading", 1, "Registered Nurse"),
                ("paragraph", 0, "Nurses assess patients and give medicines."),
            ],
        ),
        (
            "---\ntitle: Sales Associate\n---\n---\n\nSales associates greet customers.\n",
            [("heading", 1, "Sales Associate"), ("paragraph", 0, "Sales associates greet customers.")],
        ),
        (
            "---\ntitle: 'Kế toán tổng hợp'\ndescription: Kế toán tổng hợp ghi sổ cái.\n---\n## Nhiệm vụ\n\n- Ghi sổ cái\n",
            [("heading", 1, "Kế toán tổng hợp"), ("heading", 2, "Nhiệm vụ"), ("list_item", 1, "Ghi sổ cái")],
        ),
        (
            "---\nlayout: job_family_page\n---\n\n## Warehouse Clerk\n\nClerks count stock.\n",
            [("heading", 2, "Warehouse Clerk"), ("paragraph", 0, "Clerks count stock.")],
        ),
    ],
    ids=["quoted title", "rule under front matter", "single quotes, other keys", "no title"],
)
def test_front_matter_is_metadata_and_its_title_a_depth_1_heading(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert shown(text) == expected
    assert_markup_free_view(text, seg(text))


def test_the_front_matter_title_points_at_the_value_and_names_the_article() -> None:
    blocks = seg(FRONT)
    title = next(b for b in blocks if b.kind == "heading")
    assert FRONT[title.start : title.end] == "Registered Nurse"
    assert "front matter title" in title.notes
    dropped = [b.text for b in blocks if b.dropped]
    assert dropped == ["layout: post", "tags: [nursing, health]"]
    assert extract_text(FRONT, "nurse", media="md").title == "Registered Nurse"


# ---------------------------------------------------------------- markup that is not content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # kramdown attribute lines and attribute text
            "# Logistics Coordinator\n{:.no_toc}\n\n{: #duties}\n## Duties {#duties}\n\n"
            "Plan **shipments**{: .lead} daily.\n{: .intro}\n",
            [
                ("heading", 1, "Logistics Coordinator"),
                ("heading", 2, "Duties"),
                ("paragraph", 0, "Plan shipments daily."),
            ],
        ),
        (  # kramdown's generated table of contents
            "# Payroll Clerk\n\n* TOC\n{:toc}\n\nPayroll clerks run payroll.\n",
            [("heading", 1, "Payroll Clerk"), ("paragraph", 0, "Payroll clerks run payroll.")],
        ),
        (
            "# Payroll Clerk\n\n[[_TOC_]]\n\nPayroll clerks run payroll.\n",
            [("heading", 1, "Payroll Clerk"), ("paragraph", 0, "Payroll clerks run payroll.")],
        ),
        (
            "# Payroll Clerk\n\n[TOC]\n\n${toc}\n\nPayroll clerks run payroll.\n",
            [("heading", 1, "Payroll Clerk"), ("paragraph", 0, "Payroll clerks run payroll.")],
        ),
        (  # markdown-toc: a comment pair around a list of in-page links
            "# Buyer\n\n<!-- toc -->\n\n- [Duties](#duties)\n  - [Daily](#daily)\n- [Pay](#pay)\n\n<!-- tocstop -->\n\n"
            "## Duties\n\nBuyers source suppliers.\n",
            [("heading", 1, "Buyer"), ("heading", 2, "Duties"), ("paragraph", 0, "Buyers source suppliers.")],
        ),
        (  # HTML comments, inline and as blocks
            "Accountants <!-- draft: check --> reconcile ledgers.\n\n<!--\nTODO: add salary table\n-->\n\nThey close the books.\n",
            [("paragraph", 0, "Accountants reconcile ledgers."), ("paragraph", 0, "They close the books.")],
        ),
        (  # images go, link text stays, link targets go
            '![chart](pay.png "Pay chart")\n\n'
            'See the [CPA guide](https://example.org/cpa "CPA") and [tax rules][tax] or <https://example.org/irs>.\n\n'
            "[tax]: https://example.org/tax\n",
            [("paragraph", 0, "See the CPA guide and tax rules or https://example.org/irs.")],
        ),
    ],
    ids=[
        "kramdown attributes",
        "kramdown toc",
        "gitlab toc",
        "toc placeholders",
        "markdown-toc",
        "comments",
        "links and images",
    ],
)
def test_markup_that_is_not_content_is_left_out(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert shown(text) == expected
    assert_markup_free_view(text, seg(text))


# ---------------------------------------------------------------- rules and setext underlines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cashiers handle payments.\n\n---\n\nThey also restock shelves.\n",
            [("paragraph", 0, "Cashiers handle payments."), ("paragraph", 0, "They also restock shelves.")],
        ),
        (
            "Retail Cashier\n==============\n\nCashiers handle payments.\n\nShift work\n----------\n\nShifts start at 7.\n",
            [
                ("heading", 1, "Retail Cashier"),
                ("paragraph", 0, "Cashiers handle payments."),
                ("heading", 2, "Shift work"),
                ("paragraph", 0, "Shifts start at 7."),
            ],
        ),
        (  # an underline under a sentence, or under several lines, draws a rule
            "Logistics coordinators plan routes, book carriers and track every shipment to the customer.\n---\n\n"
            "Dispatchers assign drivers\nto the morning routes\n---\n",
            [
                (
                    "paragraph",
                    0,
                    "Logistics coordinators plan routes, book carriers and track every shipment to the customer.",
                ),
                ("paragraph", 0, "Dispatchers assign drivers to the morning routes"),
            ],
        ),
    ],
    ids=["rule after a blank line", "setext headings", "underline under a sentence"],
)
def test_a_dash_line_is_a_rule_unless_it_underlines_a_heading(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert shown(text) == expected
    assert_markup_free_view(text, seg(text))


# ---------------------------------------------------------------- headings and lists


def test_headings_keep_their_level_and_a_bold_line_heading_nests_under_them() -> None:
    text = (
        "# Nurse\n\n## Duties\n\n### On the ward\n\n#### Night shift\n\nNurses hand over at 7.\n\n"
        "## Pay\n\n**Allowances**\n- Night shift allowance\n"
    )
    assert [(b.depth, b.text, b.marker) for b in seg(text) if b.kind == "heading"] == [
        (1, "Nurse", "#"),
        (2, "Duties", "##"),
        (3, "On the ward", "###"),
        (4, "Night shift", "####"),
        (2, "Pay", "##"),
        (3, "Allowances", ""),
    ]
    assert_markup_free_view(text, seg(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- Receive goods\n  - Check invoices\n    - Match purchase orders\n  - Count pallets\n- Ship orders\n",
            [
                ("-", 1, "Receive goods"),
                ("-", 2, "Check invoices"),
                ("-", 3, "Match purchase orders"),
                ("-", 2, "Count pallets"),
                ("-", 1, "Ship orders"),
            ],
        ),
        (
            "1. Plan routes\n   1. By road\n   2. By rail\n2. Track the fleet\n",
            [
                ("1.", 1, "Plan routes"),
                ("1.", 2, "By road"),
                ("2.", 2, "By rail"),
                ("2.", 1, "Track the fleet"),
            ],
        ),
        (
            "* Gọi điện cho khách hàng\n\n* Chốt đơn\n  + Gửi báo giá\n",
            [("*", 1, "Gọi điện cho khách hàng"), ("*", 1, "Chốt đơn"), ("+", 2, "Gửi báo giá")],
        ),
        (
            "- ● Ngoại ngữ: đọc tài liệu\n- ● Tin học văn phòng\n",
            [("- ●", 1, "Ngoại ngữ: đọc tài liệu"), ("- ●", 1, "Tin học văn phòng")],
        ),
        (  # a hard-wrapped item is one item
            "- Prepare monthly VAT returns and\n  file them before the 20th\n- Reconcile bank accounts\n",
            [
                ("-", 1, "Prepare monthly VAT returns and file them before the 20th"),
                ("-", 1, "Reconcile bank accounts"),
            ],
        ),
    ],
    ids=["bullets", "numbered", "loose and mixed marks", "second mark", "wrapped item"],
)
def test_nested_lists_keep_their_depth_and_marks(text: str, expected: list[tuple[str, int, str]]) -> None:
    blocks = seg(text)
    assert [(b.marker, b.depth, b.text) for b in blocks if b.kind == "list_item"] == expected
    assert_markup_free_view(text, blocks)


# ---------------------------------------------------------------- tables

TABLE = (
    "| Level | Pay | Tasks |\n"
    "| :--- | ---: | --- |\n"
    "| **Junior** Sales Rep | $40,000 &amp; commission | - Cold calls<br>- Demos |\n"
    "| Senior Sales Rep | $70,000 | Key accounts<br/>Forecasts<br>Mentoring |\n"
    "| Sales Manager | `n/a` | • Hiring • Quotas |\n"
    "| Area Manager \\| North | $90,000 | |\n"
)


def test_table_rows_and_cells_keep_their_text_and_offsets() -> None:
    blocks = seg(TABLE)
    (table,) = blocks
    assert [[c.text for c in row] for row in table.rows or []] == [
        ["Level", "Pay", "Tasks"],
        ["Junior Sales Rep", "$40,000 & commission", "- Cold calls - Demos"],
        ["Senior Sales Rep", "$70,000", "Key accounts Forecasts Mentoring"],
        ["Sales Manager", "n/a", "• Hiring • Quotas"],
        ["Area Manager | North", "$90,000", ""],
    ]
    rows = table.rows or []
    assert TABLE[rows[1][0].start : rows[1][0].end] == "Junior** Sales Rep"  # from the first kept character
    assert TABLE[rows[4][0].start : rows[4][0].end] == "Area Manager \\| North"
    assert_markup_free_view(TABLE, blocks)


@pytest.mark.parametrize(
    ("row", "col", "items"),
    [
        (1, 2, ["Cold calls", "Demos"]),
        (2, 2, ["Key accounts", "Forecasts", "Mentoring"]),
        (3, 2, ["Hiring", "Quotas"]),
        (1, 1, []),
    ],
    ids=["dash lines", "br lines", "bullet marks", "one value"],
)
def test_a_list_like_cell_keeps_its_items(row: int, col: int, items: list[str]) -> None:
    (table,) = seg(TABLE)
    cell = (table.rows or [])[row][col]
    assert [it.text for it in cell.items] == items
    for it in cell.items:
        assert TABLE[it.start : it.end] == it.text


# ---------------------------------------------------------------- inline marks and paragraphs


def test_emphasis_and_code_marks_are_dropped_and_kept_characters_keep_their_offsets() -> None:
    text = "Nurses **must** chart *every* `dose` and ~~never~~ skip the __double__ check\\*.\n"
    (para,) = seg(text)
    assert para.text == "Nurses must chart every dose and never skip the double check*."
    for word in ("must", "every", "dose", "never", "double"):
        i = para.text.index(word)
        assert text[slice(*para.source_span(i, i + len(word)))] == word
    star = para.text.index("*")
    assert text[slice(*para.source_span(star, star + 1))] == "\\*"
    assert_markup_free_view(text, [para])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # hard-wrapped: one paragraph
            "Accountants prepare financial statements and\nreconcile bank accounts every month, making\nsure the books balance.\n",
            [
                (
                    "paragraph",
                    0,
                    "Accountants prepare financial statements and reconcile bank accounts every month, making sure the books balance.",
                )
            ],
        ),
        (  # one fact per line
            "**Salary:** $50,000 a year\n**Location:** Da Nang\n",
            [("paragraph", 0, "Salary: $50,000 a year"), ("paragraph", 0, "Location: Da Nang")],
        ),
        (  # one sentence per line
            "Nhân viên kho nhận hàng mỗi sáng.\nHọ kiểm kê hàng tồn vào cuối tháng.\n",
            [
                ("paragraph", 0, "Nhân viên kho nhận hàng mỗi sáng."),
                ("paragraph", 0, "Họ kiểm kê hàng tồn vào cuối tháng."),
            ],
        ),
        (  # list marks the parser does not know
            "Công việc chính:\n• Lập kế hoạch giao hàng\n• Theo dõi đơn vận chuyển\n",
            [
                ("heading", 1, "Công việc chính:"),
                ("list_item", 1, "Lập kế hoạch giao hàng"),
                ("list_item", 1, "Theo dõi đơn vận chuyển"),
            ],
        ),
        (  # explicit breaks
            "The shift lead opens the store at 7 am.  \nShe counts the till<br>She locks up at 10 pm\n",
            [
                ("paragraph", 0, "The shift lead opens the store at 7 am."),
                ("paragraph", 0, "She counts the till"),
                ("paragraph", 0, "She locks up at 10 pm"),
            ],
        ),
        (  # a bold label over a list introduces it
            "## Career path\n\n**Junior (0-2 years):** Junior Accountant\n- Post journal entries\n- Reconcile accounts\n",
            [
                ("heading", 2, "Career path"),
                ("heading", 3, "Junior (0-2 years): Junior Accountant"),
                ("list_item", 1, "Post journal entries"),
                ("list_item", 1, "Reconcile accounts"),
            ],
        ),
        (  # a blockquote is read as its text
            "> **Tip:** ask about night shifts\n> before you sign.\n",
            [("paragraph", 0, "Tip: ask about night shifts before you sign.")],
        ),
    ],
    ids=[
        "hard wrap",
        "fact lines",
        "sentence lines",
        "unknown marks",
        "breaks",
        "label over list",
        "blockquote",
    ],
)
def test_paragraph_lines_join_when_hard_wrapped_and_stand_apart_otherwise(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert shown(text) == expected
    assert_markup_free_view(text, seg(text))


def test_a_line_longer_than_a_wrap_is_a_paragraph_of_its_own() -> None:
    first = (
        "Logistics coordinators "
        + "plan routes and book carriers for every order that leaves the warehouse " * 2
    )
    text = f"{first.strip()}\nThey track each shipment\nuntil delivery.\n"
    assert [t for _, _, t in shown(text)] == [first.strip(), "They track each shipment until delivery."]
    assert_markup_free_view(text, seg(text))


# ---------------------------------------------------------------- the other passes still apply


def test_furniture_tables_of_contents_and_flattened_tables_are_found_in_markdown_too() -> None:
    text = (
        "Mục lục\n\n1. Kế toán là gì?\n2. Công việc của kế toán\n3. Mức lương\n\n"
        "## Kế toán là gì?\n\nKế toán ghi chép sổ sách.\n\nShare on Facebook\n\n"
        "## Mức lương\n\nMức lương\n\nKế toán viên\n\nKế toán trưởng\n\nThấp nhất\n\n7.000.000\n\n15.000.000\n\n"
        "Cao nhất\n\n15.000.000\n\n40.000.000\n"
    )
    blocks = seg(text)
    assert [b.text for b in blocks if b.dropped] == [
        "Mục lục",
        "1. Kế toán là gì?",
        "2. Công việc của kế toán",
        "3. Mức lương",
        "Share on Facebook",
    ]
    table = next(b for b in blocks if b.kind == "table")
    assert [[c.text for c in row] for row in table.rows or []] == [
        ["Mức lương", "Kế toán viên", "Kế toán trưởng"],
        ["Thấp nhất", "7.000.000", "15.000.000"],
        ["Cao nhất", "15.000.000", "40.000.000"],
    ]
    assert all(b.lang == "vi" for b in blocks if not b.dropped and b.kind != "table")
    assert_markup_free_view(text, blocks)


def test_html_blocks_inside_markdown_are_read_as_html() -> None:
    text = (
        "Pay at a glance:\n\n<table>\n<tr><th>Level</th><th>Pay</th></tr>\n"
        "<tr><td>Store clerk</td><td>$30,000 &amp; bonus</td></tr>\n</table>\n\n"
        '<div align="center">Most clerks <b>work weekends</b>.</div>\n'
    )
    blocks = seg(text)
    table = next(b for b in blocks if b.kind == "table")
    assert [[c.text for c in row] for row in table.rows or []] == [
        ["Level", "Pay"],
        ["Store clerk", "$30,000 & bonus"],
    ]
    assert ("paragraph", "Most clerks work weekends.") in [(b.kind, b.text) for b in blocks]
    assert_markup_free_view(text, blocks)


def test_markdown_units_read_windows_line_ends_and_decomposed_letters() -> None:
    text = "# Ke\u0302\u0301 toa\u0301n\r\n\r\nKe\u0302\u0301 toa\u0301n ghi so\u0302\u0309\r\nca\u0301i mỗi ngày.\r\n"
    units = markdown_units(text)
    assert [(u.kind, u.view.text) for u in units] == [
        ("heading", "Kế toán"),
        ("paragraph", "Kế toán ghi sổ cái mỗi ngày."),
    ]
    assert_markup_free_view(text, seg(text))


def test_blocks_command_reads_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "buyer.md"
    page.write_text("---\ntitle: Buyer\n---\n\n## Duties\n\n- Source **suppliers**\n", encoding="utf-8")
    assert blocks_command(str(page)) == 0
    out = capsys.readouterr().out
    assert "heading h1 en" in out and "| Buyer  # front matter title" in out
    assert "list_item - d1 en" in out and "| Source suppliers" in out
