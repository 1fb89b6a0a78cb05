"""Typed blocks: furniture dropped, captions collapsed, headings/lists/paragraphs, tables in place, offsets kept.

The checked-in dumps in tests/blocks_dump/<doc_id>.txt are the reviewed segmentation of the
five sample articles; `test_sample_dump_is_unchanged` fails on any difference. After a
deliberate change, regenerate them and review the diff:

    UPDATE_BLOCKS_DUMP=1 .venv/bin/pytest tests/test_blocks.py -k dump
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from extract.blocks import blocks_command, is_boilerplate, render_blocks, segment
from extract.document import Block, SourceText
from extract.normalize import normalize
from extract.read import read_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "raw").glob("*.txt"))
DEV = sorted((ROOT / "tests" / "dev" / "raw").glob("*.txt"))
DUMPS = Path(__file__).resolve().parent / "blocks_dump"


def seg(text: str, media: str = "txt") -> list[Block]:
    return segment(SourceText("t", "t", text, "utf-8", "0", len(text.encode()), media))  # type: ignore[arg-type]


def kept(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks if not b.dropped]


def kinds(text: str, media: str = "txt") -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in seg(text, media)]


# ---------------------------------------------------------------- furniture


@pytest.mark.parametrize(
    "line",
    [
        "Back to Reference",
        "Watch a demo",
        "Xem thêm:",
        "Xem thêm: >> Kỹ năng phỏng vấn cho kế toán",
        "Xem thêm >>> Việc làm Kế toán",
        "Bài viết liên quan",
        "Related posts",
        "Leave a Reply",
        "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *",
        "Your email address will not be published. Required fields are marked *",
        "We use cookies to improve your experience. By continuing to use this site you agree.",
        "Share on LinkedIn",
        "Chia sẻ lên Facebook",
        "June 18, 2025",
        "07/11/2023",
        "5 min read",
        "12 bình luận",
        "4.5 ★",
        "1900.com.vn",
        "© 2024 Careers Inc. All rights reserved.",
        "Trang chủ",
        "(Ảnh: Kế toán viên kiểm tra chứng từ cuối tháng)",  # an image caption
        "Photo: A nurse checks a patient's chart",
        "Báo cáo tin tuyển dụng — Nếu bạn thấy tin tuyển dụng này không đúng, hãy phản ánh với chúng tôi.",
        "Hotline: 0901 xxx 888 - Đăng ký tư vấn miễn phí",
    ],
)
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kế toán viên cần xem thêm các chứng từ gốc trước khi ghi sổ.",
        "Share of revenue from new clients grew 12% last year.",
        "Trả lời điện thoại và email của khách hàng",
        "By 2030, demand for nurses will rise by 6%.",
        "6.000.000",
        "Liên hệ với nhà cung cấp để đối chiếu công nợ",
        "Cập nhật các chính sách thuế mới năm 2024",
        "Trả lời hotline của khách hàng trong giờ hành chính",  # a task that names a hotline
        "Level | Years | Salary",  # a table row is no menu outside a page's opening lines
    ],
)
def test_content_that_looks_a_little_like_furniture_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_page_opening_with_navigation_debris_loses_the_whole_run() -> None:
    text = "Home\nCareers\nMost popular\nMarch 3, 2024\n6 min read\n\nWhat does a Data Analyst do?\n\nData analysts turn raw data into decisions.\n"
    blocks = seg(text)
    assert [b.text for b in blocks if b.dropped] == [
        "Home",
        "Careers",
        "Most popular",
        "March 3, 2024",
        "6 min read",
    ]
    assert kept(blocks)[0] == ("heading", "What does a Data Analyst do?")


def test_table_of_contents_entries_are_dropped_but_a_lone_first_heading_is_not() -> None:
    toc = "Mục lục\n1. Kế toán là gì?\n2. Công việc của kế toán\n3. Mức lương\nKế toán là người ghi chép sổ sách.\n"
    assert [t for k, t in kinds(toc) if k == "boilerplate"] == [
        "Mục lục",
        "1. Kế toán là gì?",
        "2. Công việc của kế toán",
        "3. Mức lương",
    ]
    lost_toc = (
        "Table of contents\n1. What is a nurse?\nA nurse cares for patients in hospitals and clinics.\n"
    )
    assert ("heading", "What is a nurse?") in kinds(lost_toc)


def test_the_label_in_front_of_a_star_rating_goes_with_it() -> None:
    text = "Kế toán lập sổ sách.\nBằng cấp Cử nhân\nWork/Life balance\n4.1 ★\nSố năm kinh nghiệm 2 - 4 năm\n"
    assert kept(seg(text))[1:] == [
        ("paragraph", "Bằng cấp Cử nhân"),
        ("paragraph", "Số năm kinh nghiệm 2 - 4 năm"),
    ]


# ---------------------------------------------------------------- captions


def test_a_line_repeated_right_after_itself_is_a_caption() -> None:
    text = "Nurses check vital signs\n\nNurses check vital signs\n\nThey also give medicines on schedule.\n"
    blocks = seg(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Nurses check vital signs"),
        ("caption", "Nurses check vital signs"),
        ("paragraph", "They also give medicines on schedule."),
    ]


def test_a_repeat_with_a_short_label_in_front_is_a_caption() -> None:
    text = "How do you handle an angry customer?\nsite.com\nQ: How do you handle an angry customer?\nI listen first.\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "boilerplate", "caption", "paragraph"]


def test_a_caption_glued_to_itself_is_collapsed() -> None:
    text = "Kế toán kiểm tra chứng từ hằng ngàyKế toán kiểm tra chứng từ hằng ngày\n"
    blocks = seg(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Kế toán kiểm tra chứng từ hằng ngày"),
        ("caption", "Kế toán kiểm tra chứng từ hằng ngày"),
    ]
    assert text[blocks[0].start : blocks[0].end] == "Kế toán kiểm tra chứng từ hằng ngày"
    assert blocks[1].start == blocks[0].end


def test_equal_figures_in_a_row_are_not_captions() -> None:
    text = "Level\nJunior\nSenior\nLow\n5.000.000\n5.000.000\nHigh\n9.000.000\n12.000.000\n"
    assert not any(b.kind == "caption" for b in seg(text))


# ---------------------------------------------------------------- headings, lists, paragraphs


def test_plain_text_headings_by_numbering_questions_and_short_lines() -> None:
    text = (
        "Software Engineer career guide\n\n"
        "1. What does a software engineer do?\n\n"
        "1.1. Daily tasks\n\n"
        "Software engineers design, build and test programs.\n\n"
        "Skills you need:\n\n"
        "  • Programming in Python or Java.\n"
        "  • Code review.\n\n"
        "2. Salary\n\n"
        "Salaries start around $70,000 per year.\n"
    )
    heads = [(b.text, b.depth) for b in seg(text) if b.kind == "heading"]
    assert heads == [
        ("Software Engineer career guide", 1),
        ("What does a software engineer do?", 2),
        ("Daily tasks", 3),
        ("Skills you need:", 4),
        ("Salary", 2),
    ]
    marks = [b.marker for b in seg(text) if b.kind == "heading"]
    assert marks == ["", "1.", "1.1.", "", "2."]


def test_a_short_line_is_not_a_heading_when_no_content_follows_it() -> None:
    text = "Giao dịch viên\n\nGiao dịch viên tiếp nhận hồ sơ vay của khách hàng.\n\nKế toán có vai trò quan trọng\n\n2. Mức lương\n\nMức lương từ 8 triệu.\n"
    got = kinds(text)
    assert got[0] == ("heading", "Giao dịch viên")
    assert ("paragraph", "Kế toán có vai trò quan trọng") in got  # followed by a heading: a caption line


@pytest.mark.parametrize(
    "line",
    [
        "Apprentice electrician → Journeyman electrician → Master electrician",
        "Nhân viên QA => QA Leader => QA Manager",
        "Junior -> Senior -> Lead",
    ],
)
def test_a_ladder_drawn_on_one_line_is_content_not_a_heading(line: str) -> None:
    text = f"Career path\n\n{line}\n\nMost start as apprentices and qualify after four years of training.\n"
    assert ("paragraph", line) in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "  • Lập báo cáo thuế.\n  • Đối chiếu công nợ.\n",
            [("list_item", "•", "Lập báo cáo thuế."), ("list_item", "•", "Đối chiếu công nợ.")],
        ),
        (
            "- Triage patients\n- Record vital signs\n",
            [("list_item", "-", "Triage patients"), ("list_item", "-", "Record vital signs")],
        ),
        (
            "– Gọi điện cho khách hàng\n– Chốt đơn\n",
            [("list_item", "–", "Gọi điện cho khách hàng"), ("list_item", "–", "Chốt đơn")],
        ),
        (
            "1. Excel\n2. SQL\n3. Power BI\n",
            [("list_item", "1.", "Excel"), ("list_item", "2.", "SQL"), ("list_item", "3.", "Power BI")],
        ),
        (
            "1.1. Lập dự toán\n1.2. Theo dõi chi phí\n",
            [("list_item", "1.1.", "Lập dự toán"), ("list_item", "1.2.", "Theo dõi chi phí")],
        ),
        (
            "a) Đọc bản vẽ\nb) Giám sát thi công\n",
            [("list_item", "a)", "Đọc bản vẽ"), ("list_item", "b)", "Giám sát thi công")],
        ),
        (
            "- ● Ngoại ngữ: đọc tài liệu\n- ● Tin học văn phòng\n",
            [("list_item", "- ●", "Ngoại ngữ: đọc tài liệu"), ("list_item", "- ●", "Tin học văn phòng")],
        ),
        (
            "  1. Junior Developer: fixes bugs.\n  2. Senior Developer: designs systems.\n",
            [
                ("list_item", "1.", "Junior Developer: fixes bugs."),
                ("list_item", "2.", "Senior Developer: designs systems."),
            ],
        ),
    ],
)
def test_list_items_keep_their_mark_apart_from_the_text(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(b.kind, b.marker, b.text) for b in seg(text)] == expected


def test_star_line_followed_by_content_is_a_sub_heading_bullets_are_items() -> None:
    text = (
        "Nhiệm vụ\n\n"
        "* Trưởng nhóm bán hàng\n\n"
        "Trưởng nhóm giao chỉ tiêu cho nhân viên.\n\n"
        "* Nhân viên bán hàng\n\n"
        "  • Tư vấn sản phẩm.\n"
        "  • Chốt đơn hàng.\n"
    )
    got = [(b.kind, b.text, b.depth) for b in seg(text) if b.kind in ("heading", "list_item")]
    assert got == [
        ("heading", "Nhiệm vụ", 1),
        ("heading", "Trưởng nhóm bán hàng", 2),
        ("heading", "Nhân viên bán hàng", 2),
        ("list_item", "Tư vấn sản phẩm.", 1),
        ("list_item", "Chốt đơn hàng.", 1),
    ]
    consecutive = "* Python\n* SQL\n* Docker\n"
    assert [b.kind for b in seg(consecutive)] == ["list_item", "list_item", "list_item"]


def test_a_lower_case_line_under_an_unfinished_one_continues_it() -> None:
    text = "Kế toán viên chịu trách nhiệm lập báo cáo\ntài chính hằng tháng cho ban giám đốc.\nNgoài ra còn kê khai thuế.\n"
    assert kept(seg(text)) == [
        ("paragraph", "Kế toán viên chịu trách nhiệm lập báo cáo tài chính hằng tháng cho ban giám đốc."),
        ("paragraph", "Ngoài ra còn kê khai thuế."),
    ]


def test_markdown_headings_lists_tables_and_inline_marks() -> None:
    text = (
        "# Data Analyst\n\n"
        "A **data analyst** turns [raw data](https://x.org) into decisions.\n\n"
        "## Duties\n\n"
        "- Clean data sets\n"
        "- Build dashboards\n\n"
        "| Level | Salary |\n"
        "|---|---|\n"
        "| Junior | $55,000 |\n"
        "| Senior | $95,000 |\n\n"
        "Tools\n-----\n\n"
        "SQL and Python.\n"
    )
    blocks = seg(text, "md")
    assert [(b.kind, b.text, b.depth) for b in blocks if b.kind != "table"] == [
        ("heading", "Data Analyst", 1),
        ("paragraph", "A data analyst turns raw data into decisions.", 0),
        ("heading", "Duties", 2),
        ("list_item", "Clean data sets", 1),
        ("list_item", "Build dashboards", 1),
        ("heading", "Tools", 2),
        ("paragraph", "SQL and Python.", 0),
    ]
    table = next(b for b in blocks if b.kind == "table")
    assert [[c.text for c in row] for row in table.rows or []] == [
        ["Level", "Salary"],
        ["Junior", "$55,000"],
        ["Senior", "$95,000"],
    ]
    para = blocks[1]
    i = para.text.index("raw data")
    assert text[slice(*para.source_span(i, i + len("raw data")))] == "raw data"


def test_html_page_becomes_blocks_with_source_offsets() -> None:
    html = (
        "<html><body><nav>Home | Jobs</nav><article><h1>Pharmacist</h1>"
        "<p>Pharmacists dispense medicines &amp; advise patients.</p>"
        "<h2>Duties</h2><ul><li>Check prescriptions</li><li>Counsel patients</li></ul>"
        "<p>Share on Facebook</p></article></body></html>"
    )
    blocks = seg(html, "html")
    assert [(b.kind, b.text) for b in blocks] == [
        ("boilerplate", "Home | Jobs"),
        ("heading", "Pharmacist"),
        ("paragraph", "Pharmacists dispense medicines & advise patients."),
        ("heading", "Duties"),
        ("list_item", "Check prescriptions"),
        ("list_item", "Counsel patients"),
        ("boilerplate", "Share on Facebook"),
    ]
    para = blocks[2]
    amp = para.text.index("&")
    assert html[slice(*para.source_span(amp, amp + 1))] == "&amp;"


# ---------------------------------------------------------------- tables in place


def test_a_flattened_table_becomes_one_block_and_the_unit_line_stays_after_it() -> None:
    text = "Bảng lương\n\nMức lương\n\nKế toán viên\n\nKế toán trưởng\n\nThấp nhất\n\n7.000.000\n\n15.000.000\n\nCao nhất\n\n15.000.000\n\n40.000.000\n\nĐơn vị tính: đồng/tháng.\n"
    blocks = seg(text)
    table = next(b for b in blocks if b.kind == "table")
    assert [[c.text for c in row] for row in table.rows or []] == [
        ["Mức lương", "Kế toán viên", "Kế toán trưởng"],
        ["Thấp nhất", "7.000.000", "15.000.000"],
        ["Cao nhất", "15.000.000", "40.000.000"],
    ]
    after = blocks[blocks.index(table) + 1]
    assert (after.kind, after.text) == ("paragraph", "Đơn vị tính: đồng/tháng.")
    assert table.text.splitlines()[1] == "Thấp nhất | 7.000.000 | 15.000.000"


def _sample_doc(prefix: str) -> tuple[SourceText, list[Block]]:
    path = next(p for p in SAMPLES if p.name.startswith(prefix))
    src = read_source(str(path))
    return src, segment(src)


def test_sample_000_salary_table_is_6_rows_by_3_columns() -> None:
    _, blocks = _sample_doc("000")
    table = next(b for b in blocks if b.kind == "table")
    rows = [[c.text for c in row] for row in table.rows or []]
    assert len(rows) == 6 and all(len(r) == 3 for r in rows)
    assert rows[0] == ["Mức lương", "Trưởng phòng CSKH", "Trưởng nhóm CSKH"]
    assert rows[-1] == ["Cao nhất", "45.000.000", "42.000.000"]
    after = blocks[blocks.index(table) + 1]
    assert after.kind == "paragraph" and after.text.startswith("Đơn vị tính: đồng/tháng")


def test_sample_003_comparison_table_has_title_header_and_ambiguous_item_cells() -> None:
    _, blocks = _sample_doc("003")
    table = next(b for b in blocks if b.kind == "table")
    rows = table.rows or []
    assert [c.text for c in rows[0]] == [
        "Tiêu chí",
        "Customer Service Executive",
        "Nhân viên Chăm sóc Khách hàng",
        "Trưởng nhóm Chăm sóc Khách hàng",
        "Giám sát Chăm sóc Khách hàng",
    ]
    assert all(len(r) == 5 for r in rows)
    experience = next(r for r in rows if r[0].text == "Yêu cầu kinh nghiệm")
    assert experience[1].text == "3-5 năm kinh nghiệm trong lĩnh vực CSKH, ít nhất 1-2 năm ở vị trí quản lý"
    duties = next(r for r in rows if r[0].text == "Nhiệm vụ chính")
    assert all(c.ambiguous and c.items for c in duties[1:])
    assert sum(len(c.items) for c in duties[1:]) == 17


def test_sample_001_widget_pairs_values_with_labels() -> None:
    _, blocks = _sample_doc("001")
    table = next(b for b in blocks if b.kind == "table")
    rows = [[c.text for c in row] for row in table.rows or []]
    assert rows[:3] == [
        ["Tổng lương", "195 - 260 triệu /năm"],
        ["Lương cơ bản", "180 - 240 triệu /năm"],
        ["Lương bổ sung", "15 - 20 triệu /năm"],
    ]
    assert rows[-1] == ["Khoảng lương", "130 M 390 M"]


def test_samples_drop_captions_and_debris() -> None:
    for prefix, dropped in [
        ("000", ["Trưởng phòng chăm sóc khách hàng sẽ quản lý toàn bộ bộ phận CSKH"]),
        ("002", ["Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *"]),
        ("004", ["Back to Reference", "Watch a demoTake a product tour"]),
    ]:
        _, blocks = _sample_doc(prefix)
        texts = [b.text for b in blocks if b.dropped]
        for t in dropped:
            assert t in texts, (prefix, t)
    _, blocks = _sample_doc("002")
    glued = [b for b in blocks if b.kind == "caption" and b.text.startswith("Trưởng phòng CSKH có nhiệm vụ")]
    assert len(glued) == 1


# ---------------------------------------------------------------- offsets: the invariant


@pytest.mark.parametrize("path", SAMPLES + DEV, ids=lambda p: p.stem)
def test_every_block_and_cell_is_its_normalised_source_slice(path: Path) -> None:
    src = read_source(str(path))
    for b in segment(src):
        assert len(b.offsets) == len(b.text)
        assert b.lang in (None, "vi", "en", "mixed") and (b.dropped or b.lang is not None)
        if b.kind != "table":
            assert normalize(src.text[b.start : b.end]).text == b.text
        for row in b.rows or []:
            for cell in row:
                assert normalize(src.text[cell.start : cell.end]).text == cell.text
                for item in cell.items:
                    assert normalize(src.text[item.start : item.end]).text == item.text
        if b.kind == "table":
            continue
        for m in re.finditer(r"\S+", b.text):  # every word maps back onto itself
            a, e = b.source_span(m.start(), m.end())
            assert normalize(src.text[a:e]).text == m.group(0)


def test_blocks_are_in_source_order_and_cover_every_line() -> None:
    src, blocks = _sample_doc("001")
    starts = [b.start for b in blocks]
    assert starts == sorted(starts)
    covered = set()
    for b in blocks:
        if b.kind == "table":
            for row in b.rows or []:
                covered.update(range(row[0].start, row[-1].end))
        covered.update(range(b.start, b.end))
    for m in re.finditer(r"\S+", src.text):
        if re.search(r"\w", m.group(0)):  # list marks and lone symbols need no block
            assert m.start() in covered, m.group(0)


# ---------------------------------------------------------------- dump


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_dump_is_unchanged(path: Path) -> None:
    dump = render_blocks(segment(read_source(str(path))))
    target = DUMPS / f"{path.stem}.txt"
    if os.environ.get("UPDATE_BLOCKS_DUMP"):
        DUMPS.mkdir(exist_ok=True)
        target.write_text(dump, encoding="utf-8")
    assert target.exists(), "run with UPDATE_BLOCKS_DUMP=1 to create the dump"
    assert dump == target.read_text(encoding="utf-8")


def test_blocks_command_prints_the_dump_and_reports_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "nurse.txt"
    good.write_text("Registered Nurse\n\nNurses care for patients.\n", encoding="utf-8")
    assert blocks_command(str(good)) == 0
    out = capsys.readouterr().out
    assert "heading h1 en" in out and "Nurses care for patients." in out
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert blocks_command(str(empty)) == 2
    assert "empty file" in capsys.readouterr().err


def test_decomposed_legacy_text_gives_composed_blocks_whose_spans_cover_the_marks() -> None:
    # Windows-1258 decodes to letters followed by combining tone marks.
    text = unicodedata.normalize(
        "NFD", "Kế toán trưởng\n\nKế toán trưởng phụ trách sổ sách và hoà giải số liệu.\n"
    )
    blocks = seg(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Kế toán trưởng"),
        ("paragraph", "Kế toán trưởng phụ trách sổ sách và hòa giải số liệu."),
    ]
    para = blocks[1]
    i = para.text.index("trưởng")
    a, e = para.source_span(i, i + len("trưởng"))
    assert text[a:e] == unicodedata.normalize("NFD", "trưởng")


def test_a_very_long_line_is_one_block() -> None:
    line = " ".join(f"Nhân viên kinh doanh số {i} tư vấn sản phẩm và chốt hợp đồng." for i in range(4000))
    blocks = seg(line)
    assert [b.kind for b in blocks] == ["paragraph"]
    assert blocks[0].text == line.strip()


def test_a_numbered_heading_in_capitals_may_hold_two_questions():
    """'1. THỦ KHO LÀ GÌ? CÔNG VIỆC CỤ THỂ' heads its part; the same words in sentence case are a line."""
    text = "1. THỦ KHO LÀ GÌ? CÔNG VIỆC CỤ THỂ\n\nThủ kho quản lý hàng hóa trong kho.\n\n- Ghi thẻ kho hằng ngày\n"
    kinds = [(b.kind, b.text) for b in seg(text) if not b.dropped]
    assert kinds[0] == ("heading", "THỦ KHO LÀ GÌ? CÔNG VIỆC CỤ THỂ")
