"""Flattened tables rebuilt by general rules: each rule on tables from several professions and layouts."""

from __future__ import annotations

import pytest

from extract.normalize import Normalized, normalize
from extract.tables import (
    cell_per_line,
    is_value,
    pipe_spans,
    row_per_line,
    split_header,
    split_row,
    value_label_widget,
)


def views(*lines: str) -> list[Normalized]:
    """Lines as they come from a file, each with source offsets into "\\n".join(lines)."""
    out, pos = [], 0
    for line in lines:
        out.append(normalize(line, base=pos))
        pos += len(line) + 1
    return out


def grid(table) -> list[list[str]]:  # noqa: ANN001
    return [[c.text for c in row] for row in table.rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6.000.000", True),
        ("$95,848", True),
        ("180 - 240 triệu /năm", True),
        ("12 triệu/tháng", True),
        ("130 M 390 M", True),
        ("7%", True),
        ("$28,33 /giờ", True),
        ("Thấp nhất", False),
        ("Senior accountant", False),
        ("Khoảng lương năm 195 - 260 M", False),
        ("Registered nurses earn about $77,600 per year", False),
    ],
)
def test_value_cells_are_figures_with_few_words(text: str, expected: bool) -> None:
    assert is_value(text) is expected


# ---------------------------------------------------------------- one cell per line


def test_cell_per_line_english_salary_table_with_header() -> None:
    lines = views(
        "Level", "Hourly", "Annual",
        "Staff nurse", "$37.31", "$77,600",
        "Charge nurse", "$41.10", "$85,500",
        "Nurse manager", "$50.40", "$104,830",
    )  # fmt: skip
    table = cell_per_line(lines)
    assert table is not None and table.rule == "cell_per_line"
    assert grid(table) == [
        ["Level", "Hourly", "Annual"],
        ["Staff nurse", "$37.31", "$77,600"],
        ["Charge nurse", "$41.10", "$85,500"],
        ["Nurse manager", "$50.40", "$104,830"],
    ]
    assert table.lines == list(range(12))


def test_cell_per_line_finds_the_table_after_a_caption_line() -> None:
    lines = views(
        "Lương kế toán theo khu vực",
        "Khu vực", "Kế toán viên", "Kế toán trưởng", "Giám đốc tài chính",
        "Hà Nội", "12 triệu", "25 triệu", "60 triệu",
        "TP. HCM", "13 triệu", "27 triệu", "65 triệu",
    )  # fmt: skip
    table = cell_per_line(lines)
    assert table is not None
    assert table.lines[0] == 1  # the caption stays outside
    assert grid(table)[0] == ["Khu vực", "Kế toán viên", "Kế toán trưởng", "Giám đốc tài chính"]
    assert grid(table)[2] == ["TP. HCM", "13 triệu", "27 triệu", "65 triệu"]


def test_cell_per_line_without_header_pairs_labels_and_values() -> None:
    lines = views("Hà Nội", "11,2 triệu", "Hồ Chí Minh", "11 triệu", "Đà Nẵng", "9,5 triệu")
    table = cell_per_line(lines)
    assert table is not None
    assert grid(table) == [["Hà Nội", "11,2 triệu"], ["Hồ Chí Minh", "11 triệu"], ["Đà Nẵng", "9,5 triệu"]]


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Kỹ năng giao tiếp",
            "Kỹ năng lãnh đạo",
            "Tư duy phản biện",
            "Làm việc nhóm",
        ),  # a list of short lines
        ("Lương cơ bản", "Thưởng", "Phụ cấp", "10 triệu"),  # one value: no rows
        ("0 - 1", "7%", "2 - 4", "40%", "5 - 7", "31%"),  # no label in front of the values
    ],
)
def test_cell_per_line_leaves_lines_that_are_not_a_grid(lines: tuple[str, ...]) -> None:
    assert cell_per_line(views(*lines)) is None


def test_cell_offsets_point_at_the_source_lines() -> None:
    raw = ["Position   ", "Salary", "Cashier", "$30,000", "Clerk", "$32,000"]
    table = cell_per_line(views(*raw))
    source = "\n".join(raw)
    assert table is not None
    for row in table.rows:
        for cell in row:
            assert source[cell.start : cell.end] == cell.text


# ---------------------------------------------------------------- value before label


def test_widget_pairs_each_value_with_the_label_after_it() -> None:
    lines = views("$65,000 - $80,000", "/yr", "Base pay", "$5,000 - $12,000", "/yr", "Additional pay")
    table = value_label_widget(lines)
    assert table is not None and table.rule == "value_label_widget"
    assert grid(table) == [["Base pay", "$65,000 - $80,000 /yr"], ["Additional pay", "$5,000 - $12,000 /yr"]]
    assert not any(c.ambiguous for row in table.rows for c in row)


def test_widget_with_more_values_than_labels_pairs_from_the_end_and_says_so() -> None:
    lines = views(
        "20 - 30 triệu", "Lương cơ bản", "5 triệu", "Thưởng", "25 triệu", "40 triệu", "Khoảng lương"
    )
    table = value_label_widget(lines)
    assert table is not None
    assert grid(table)[:2] == [["Lương cơ bản", "20 - 30 triệu"], ["Thưởng", "5 triệu"]]
    assert grid(table)[2:] == [["", "25 triệu"], ["Khoảng lương", "40 triệu"]]
    assert all(c.ambiguous for row in table.rows[2:] for c in row)
    assert table.notes


@pytest.mark.parametrize(
    "lines",
    [
        ("Base pay", "$65,000", "Bonus", "$5,000"),  # label first: not this rule
        ("$65,000", "Base pay"),  # a single pair is not a widget
        ("$65,000", "The company also pays a yearly bonus of five percent to all staff."),
    ],
)
def test_widget_rule_needs_a_value_first_and_two_pairs(lines: tuple[str, ...]) -> None:
    assert value_label_widget(views(*lines)) is None


# ---------------------------------------------------------------- one row per line


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        (
            "Criteria Junior Accountant Senior Accountant Chief Accountant",
            ["Criteria", "Junior Accountant", "Senior Accountant", "Chief Accountant"],
        ),
        (
            "Tiêu chí Nhân viên kinh doanh Trưởng nhóm kinh doanh Giám đốc kinh doanh",
            ["Tiêu chí", "Nhân viên kinh doanh", "Trưởng nhóm kinh doanh", "Giám đốc kinh doanh"],
        ),
        (
            "Vị trí Software Engineer Senior Software Engineer Engineering Manager",
            ["Vị trí", "Software Engineer", "Senior Software Engineer", "Engineering Manager"],
        ),
        (
            "Điều dưỡng viên Điều dưỡng trưởng Trưởng khoa",
            ["Điều dưỡng viên", "Điều dưỡng trưởng", "Trưởng khoa"],
        ),
        (
            "Trưởng phòng Quản lý chất lượng Giám đốc Nhà máy",
            ["Trưởng phòng Quản lý chất lượng", "Giám đốc Nhà máy"],
        ),
        ("Kế toán viên cần kỹ năng Excel và nghiệp vụ thuế.", None),
        ("So sánh Nhân viên kinh doanh và Trưởng phòng kinh doanh", None),
        ("Mức lương trung bình của kế toán", None),
    ],
)
def test_header_cells_are_found_as_job_titles(line: str, cells: list[str] | None) -> None:
    spans = split_header(line)
    if cells is None or len(cells) < 3:
        assert spans is None  # fewer than three cells is no comparison table
    else:
        assert spans is not None
        assert [line[a:b] for a, b in spans] == cells


@pytest.mark.parametrize(
    ("line", "n", "cells", "guess"),
    [
        ("Level Entry Mid Senior", 4, ["Level", "Entry", "Mid", "Senior"], False),
        (
            "Experience 0-2 years 3-5 years Over 7 years",
            4,
            ["Experience", "0-2 years", "3-5 years", "Over 7 years"],
            True,
        ),
        (
            "Kinh nghiệm 1-2 năm Từ 3 năm Trên 5 năm",
            4,
            ["Kinh nghiệm", "1-2 năm", "Từ 3 năm", "Trên 5 năm"],
            False,
        ),
        (
            "Education Bachelor's degree in Accounting Bachelor's degree, CPA preferred Master's degree, CPA required",
            4,
            [
                "Education",
                "Bachelor's degree in Accounting",
                "Bachelor's degree, CPA preferred",
                "Master's degree, CPA required",
            ],
            False,
        ),
        ("Ca làm việc Ca sáng Ca chiều Ca đêm", 4, ["Ca làm việc", "Ca sáng", "Ca chiều", "Ca đêm"], False),
    ],
)
def test_rows_are_cut_at_capitalised_words_then_numbers(
    line: str, n: int, cells: list[str], guess: bool
) -> None:
    spans, guessed = split_row(line, n)
    assert [line[a:b] for a, b in spans] == cells
    assert guessed is guess


def test_row_per_line_english_comparison_table() -> None:
    lines = views(
        "Criteria Staff Accountant Senior Accountant Accounting Manager",
        "Experience 0-2 years 3-5 years 7+ years",
        "Focus Bookkeeping Reconciliations Reporting",
    )
    table = row_per_line(lines, [True, False, False])
    assert table is not None and table.rule == "row_per_line"
    assert grid(table) == [
        ["Criteria", "Staff Accountant", "Senior Accountant", "Accounting Manager"],
        ["Experience", "0-2 years", "3-5 years", "7+ years"],
        ["Focus", "Bookkeeping", "Reconciliations", "Reporting"],
    ]


def test_row_per_line_item_rows_spread_items_and_mark_them_ambiguous() -> None:
    lines = views(
        "Tiêu chí Nhân viên bán hàng Trưởng cửa hàng",
        "Nhiệm vụ - Tư vấn khách hàng",
        "- Thu ngân",
        "- Quản lý ca",
        "Lương 7-9 triệu 15-20 triệu",
        "",
        "Đoạn văn sau bảng.",
    )
    gaps = [True, False, False, False, False, True, True]
    table = row_per_line(lines, gaps)
    assert table is not None
    assert table.lines == [0, 1, 2, 3, 4]  # the blank line ends the table
    duties = table.rows[1]
    assert duties[0].text == "Nhiệm vụ"
    assert duties[1].text == "Tư vấn khách hàng - Thu ngân"
    assert [it.text for it in duties[1].items] == ["Tư vấn khách hàng", "Thu ngân"]
    assert duties[2].text == "Quản lý ca"
    assert duties[1].ambiguous and duties[2].ambiguous
    assert [c.text for c in table.rows[2]] == ["Lương", "7-9 triệu", "15-20 triệu"]
    assert table.notes


def test_row_per_line_with_one_item_per_column_is_not_ambiguous() -> None:
    lines = views(
        "Criteria Junior Developer Senior Developer",
        "Tasks - Fix bugs",
        "- Design systems",
    )
    table = row_per_line(lines, [True, False, False])
    assert table is not None
    assert [c.text for c in table.rows[1]] == ["Tasks", "Fix bugs", "Design systems"]
    assert not any(c.ambiguous for c in table.rows[1])


def test_row_per_line_needs_a_title_header() -> None:
    lines = views("Kỹ năng cần có Giao tiếp Thuyết phục", "Kinh nghiệm 1 năm 2 năm")
    assert row_per_line(lines, [True, False]) is None


def test_row_per_line_rejects_a_title_line_over_prose_it_cannot_cut() -> None:
    lines = views(
        "Tiêu chí Kế toán viên Kế toán trưởng",
        "Ghi chép sổ sách hằng ngày theo chuẩn mực kế toán",
        "phối hợp với phòng kinh doanh để đối chiếu công nợ",
    )
    assert row_per_line(lines, [True, False, False]) is None


# ---------------------------------------------------------------- markdown pipes


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| Level | Salary |", [" Level ", " Salary "]),
        ("Level | Salary", ["Level ", " Salary"]),
        ("| a \\| b | c |", [" a \\| b ", " c "]),
        ("| Junior | | 8 triệu |", [" Junior ", " ", " 8 triệu "]),
    ],
)
def test_pipe_rows_split_at_unescaped_bars(line: str, cells: list[str]) -> None:
    assert [line[a:b] for a, b in pipe_spans(line)] == cells
