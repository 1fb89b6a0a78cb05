"""Pay figures: formats, what is not money, labels and qualifiers, tables and widgets.

Cases are written for many professions (accounting, nursing, software, sales, teaching,
marketing, HR, logistics, F&B) in Vietnamese, English and mixed text.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.fields.money import SalaryFinding, find_salaries, salaries_from_table

M = 1_000_000


def _values(found: list[SalaryFinding]) -> list[tuple[float | None, float | None, str, str]]:
    return [(f.min, f.max, f.currency, f.period) for f in found]


# --- formats: amount, currency, period ------------------------------------------------------

FORMATS = [
    # Vietnamese
    ("Lương kế toán viên khoảng 6.000.000 mỗi tháng", (6 * M, 6 * M, "VND", "month")),
    ("Mức lương điều dưỡng: 6,000,000 VNĐ", (6 * M, 6 * M, "VND", "month")),
    ("Lương trung bình của giáo viên mầm non là 11,4 triệu", (11.4 * M, 11.4 * M, "VND", "month")),
    ("Khoảng lương năm của trưởng phòng nhân sự 195 - 260 M", (195 * M, 260 * M, "VND", "year")),
    ("Nhân viên marketing nhận 15 - 20 triệu mỗi tháng", (15 * M, 20 * M, "VND", "month")),
    ("Lương lập trình viên 5 – 8 triệu/ tháng với fresher", (5 * M, 8 * M, "VND", "month")),
    ("Thu nhập tài xế giao hàng 10tr", (10 * M, 10 * M, "VND", "month")),
    ("Dược sĩ bệnh viện có lương 12 triệu đồng/tháng", (12 * M, 12 * M, "VND", "month")),
    ("Phụ bếp làm ca được trả 500 nghìn/ngày", (500_000, 500_000, "VND", "day")),
    ("Mức lương: 18 - 25 triệu VNĐ/tháng", (18 * M, 25 * M, "VND", "month")),
    ("Lương nhân viên bán hàng part-time 25.000đ/giờ", (25_000, 25_000, "VND", "hour")),
    ("Tiền lương thủ kho 8tr5 một tháng", (8.5 * M, 8.5 * M, "VND", "month")),
    ("Thu nhập giám đốc tài chính 1 tỷ 200 triệu mỗi năm", (1.2e9, 1.2e9, "VND", "year")),
    ("Lương: 8.000.000 - 12.000.000", (8 * M, 12 * M, "VND", "month")),
    ("Thu nhập: 15tr - 25tr/tháng + thưởng", (15 * M, 25 * M, "VND", "month")),
    ("Lương giáo viên tiểu học từ 5,5 triệu đến 9 triệu đồng/tháng", (5.5 * M, 9 * M, "VND", "month")),
    # mixed: Vietnamese sentence, foreign currency
    ("Lương kỹ sư phần mềm $98,500 mỗi năm", (98_500, 98_500, "USD", "year")),
    ("Đầu bếp tại Mỹ có mức lương $28,33 /giờ", (Decimal("28.33"), Decimal("28.33"), "USD", "hour")),
    ("Lương trưởng nhóm QA 1.000 - 1.500 USD", (1000, 1500, "USD", "month")),
    ("Mức lương kế toán trung vị năm 2023 $58.920/năm", (58_920, 58_920, "USD", "year")),
    ("Lương chuyên viên IT ở Nhật Bản 300.000 yên/tháng", (300_000, 300_000, "JPY", "month")),
    # English
    ("Sales representatives earn $50k-$70k a year plus commission.", (50_000, 70_000, "USD", "year")),
    ("Registered nurses are paid $45.50 per hour on night shifts.", (Decimal("45.5"), Decimal("45.5"), "USD", "hour")),
    ("Salary: USD 1,200/month for junior accountants", (1200, 1200, "USD", "month")),
    ("Teachers in Germany earn €40,000 on average", (40_000, 40_000, "EUR", "year")),
    ("Graduate HR assistants start on a salary of £30k", (30_000, 30_000, "GBP", "year")),
    ("Pay: $18.50 - $22.00 per hour for warehouse associates", (Decimal("18.5"), 22, "USD", "hour")),
    ("Salary: 45,000 – 60,000 for a payroll specialist", (45_000, 60_000, "USD", "year")),
    ("Compensation: $120K - $150K base + equity", (120_000, 150_000, "USD", "year")),
    ("Salary between $40,000 and $55,000 depending on experience", (40_000, 55_000, "USD", "year")),
    ("Senior developers in Singapore earn S$8,000 monthly", (8000, 8000, "SGD", "month")),
    ("Salary: 20M - 30M for a Java developer", (20 * M, 30 * M, "VND", "month")),
    ("Lương kỹ sư cơ khí 60k/giờ", (60_000, 60_000, "VND", "hour")),
    ("Customer success salary: $4k/mo", (4000, 4000, "USD", "month")),
]


@pytest.mark.parametrize(("text", "expected"), FORMATS)
def test_amount_currency_and_period_are_read(text: str, expected: tuple) -> None:
    assert _values(find_salaries(text)) == [expected]


# --- open bounds ------------------------------------------------------------------------------

OPEN_BOUNDS = [
    ("Lương nhân viên kinh doanh lên tới 25 triệu", (None, 25 * M)),
    ("Kế toán trưởng có lương từ 8 triệu trở lên", (8 * M, None)),
    ("Lương điều dưỡng mới ra trường dưới 10 triệu", (None, 10 * M)),
    ("Thu nhập của trưởng phòng marketing trên 20 triệu", (20 * M, None)),
    ("Senior engineers make up to $5,000/month", (None, 5000)),
    ("Lập trình viên Frontend - Thu Nhập Upto 25 Triệu", (None, 25 * M)),  # job-board spelling
    ("Store managers earn more than $60,000 a year", (60_000, None)),
    ("Pay for ICU nurses starts at $40 an hour", (40, None)),
    ("Lương từ 12 triệu cho vị trí chuyên viên tuyển dụng", (12 * M, None)),
    ("Data scientists earn $150k+ at large firms", (150_000, None)),
]


@pytest.mark.parametrize(("text", "bounds"), OPEN_BOUNDS)
def test_unlabelled_open_range_keeps_its_open_bound_null(text: str, bounds: tuple) -> None:
    (found,) = find_salaries(text)
    assert (found.min, found.max) == bounds
    assert found.stat == "range"


# --- numbers that are not money -----------------------------------------------------------------

NOT_MONEY = [
    # each sentence speaks of pay, so a money figure in it would be taken
    "Mức lương kế toán tăng 10% so với năm ngoái.",
    "Đánh giá mức lương của công ty: 3.7 ★",
    "Salary satisfaction rating 4.5/5 from 1,200 reviews",
    "Liên hệ 0901 234 567 để biết mức lương của vị trí y tá.",
    "Hotline tuyển dụng: 0901.234.567 – lương hấp dẫn",
    "Lương giáo viên năm 2024 có gì mới?",
    "Top 10 ngành có mức lương cao nhất",
    "Python 3.11 developers earn more than before",
    "Salary data in version 2.3.1 of the report",
    "Yêu cầu 2 - 4 năm kinh nghiệm, lương thỏa thuận",
    "Công ty có 1.500 nhân viên, lương cạnh tranh",
    "Ngày 12.05.2024 công ty công bố bảng lương mới",
    "Nurses with 5+ years of experience earn more",
    "Software engineers earn 20% more in 2025",
    "Lương cao, làm việc 8 giờ/ngày, nghỉ 12 ngày phép",
    "Số lượng việc làm năm 2023: 187.100",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_numbers_that_are_not_money_are_never_salaries(text: str) -> None:
    assert find_salaries(text) == []


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("4.5/5", "Salary reviews for accountants"),
        ("Số lượng công việc trong năm 2023 187.100", "Mức lương trung vị năm 2023 $58.920/năm"),
        ("2 - 4 năm", "Khoảng lương năm 195 - 260 M"),
        ("3.6 ★", "Mức lương trưởng nhóm kinh doanh"),
    ],
)
def test_non_money_stays_out_even_under_a_pay_heading(text: str, context: str) -> None:
    assert find_salaries(text, context=context) == []


NOT_PAY = [
    "Doanh thu đạt 500 triệu mỗi tháng",
    "Học phí khóa kế toán thực hành 8 triệu",
    "The company raised $50M in funding to hire engineers.",
    "Cửa hàng bán được 10 triệu sản phẩm",
    "Lương tối thiểu vùng I là 4.960.000 đồng/tháng.",
    "The median annual wage for all occupations was $48,060.",
    "Sales reached $2 million last quarter",
    "Chi phí đào tạo một nhân viên y tế khoảng 20 triệu",
    "Lương kế toán tăng 2 triệu mỗi năm",
    "Nurses received a raise of $3,000 last year",
]


@pytest.mark.parametrize("text", NOT_PAY)
def test_money_that_is_not_pay_for_the_role_is_not_a_salary(text: str) -> None:
    assert find_salaries(text) == []


def test_pay_and_non_pay_money_in_one_sentence_are_told_apart() -> None:
    text = "Doanh số tháng đạt 500 triệu thì nhân viên kinh doanh được thưởng 5 triệu"
    assert _values(find_salaries(text)) == [(5 * M, 5 * M, "VND", "month")]


def test_a_salary_rising_to_a_level_is_a_salary() -> None:
    assert _values(find_salaries("Lương kế toán tăng lên 20 triệu sau 2 năm")) == [
        (20 * M, 20 * M, "VND", "month")
    ]
    text = "With experience, the salary of an auditor will increase to $62,000 a year"
    assert _values(find_salaries(text)) == [(62_000, 62_000, "USD", "year")]


def test_all_occupations_comparison_is_left_out() -> None:
    text = "Accountants earned a median salary of $79,880, compared with $48,060 for all occupations."
    assert _values(find_salaries(text)) == [(79_880, 79_880, "USD", "year")]


def test_bare_number_without_pay_words_is_not_money() -> None:
    assert find_salaries("Kho hàng chứa 12.000.000 kiện") == []
    assert find_salaries("12.000.000") == []


def test_bare_number_on_its_own_line_under_a_pay_heading_is_money() -> None:
    assert _values(find_salaries("12.000.000", context="Lương nhân viên kế toán")) == [
        (12 * M, 12 * M, "VND", "month")
    ]


# --- stat labels --------------------------------------------------------------------------------

STATS = [
    ("Mức lương trung bình của nhân viên HR là 11 triệu", "average", (11 * M, 11 * M)),
    ("Mức lương tối thiểu: có thể dao động từ 5 triệu đồng/tháng", "minimum", (5 * M, 5 * M)),
    (
        "Mức lương tối đa: kế toán trưởng có thể lên tới 25 triệu đồng/tháng hoặc cao hơn",
        "maximum",
        (25 * M, 25 * M),
    ),
    ("Lương trung vị của dược sĩ là 14 triệu", "median", (14 * M, 14 * M)),
    ("Mức lương thấp nhất: 6.000.000", "minimum", (6 * M, 6 * M)),
    ("Lương bậc cao: 20.900.000", "high", (20.9 * M, 20.9 * M)),
    (
        "The median annual wage for software developers was $127,260 in May 2023.",
        "median",
        (127_260, 127_260),
    ),
    ("The highest 10% of nurses earned more than $129,400.", "high", (129_400, 129_400)),
    ("The lowest 10 percent of teachers earned less than $45,000.", "low", (45_000, 45_000)),
    ("Average salary for a logistics coordinator: $52,000", "average", (52_000, 52_000)),
    (
        "Mức lương trung bình của kỹ sư cầu nối dao động từ 15 - 20 triệu mỗi tháng.",
        "average",
        (15 * M, 20 * M),
    ),
    ("Lương nhân viên thu mua 9 - 12 triệu", "range", (9 * M, 12 * M)),
]


@pytest.mark.parametrize(("text", "stat", "bounds"), STATS)
def test_stat_comes_from_the_label_and_a_labelled_single_has_min_equal_max(
    text: str, stat: str, bounds: tuple
) -> None:
    (found,) = find_salaries(text)
    assert (found.stat, found.min, found.max) == (stat, *bounds)


def test_label_that_qualifies_another_number_is_not_a_stat() -> None:
    (found,) = find_salaries("Yêu cầu kinh nghiệm tối thiểu 2 năm, lương 15 triệu")
    assert found.stat == "average"


def test_label_in_context_heading_applies_to_a_prose_line_under_it() -> None:
    (found,) = find_salaries("Kế toán ở Hà Nội nhận 12 triệu", context="Mức lương trung bình")
    assert (found.stat, found.region) == ("average", "Hà Nội")


def test_open_figure_after_a_plain_one_stays_open() -> None:
    found = find_salaries("Lương kế toán 15 triệu, có thể lên tới 20 triệu")
    assert [(f.min, f.max, f.stat) for f in found] == [(15 * M, 15 * M, "average"), (None, 20 * M, "range")]


# --- component -----------------------------------------------------------------------------------

COMPONENTS = [
    ("Nhân viên kinh doanh: lương cứng 7 triệu + hoa hồng 2-5% doanh số", ["base"]),
    ("Lương cơ bản 6 triệu, thưởng doanh số lên đến 10 triệu/tháng", ["base", "bonus"]),
    ("Tổng thu nhập của trưởng phòng kế toán 30 - 40 triệu", ["total"]),
    ("Base salary $95,000 plus a bonus of $10,000 for product managers", ["base", "bonus"]),
    ("Phụ cấp ăn trưa cho điều dưỡng 730.000đ/tháng", ["bonus"]),
    ("Lương giáo viên 12 triệu", [None]),
]


@pytest.mark.parametrize(("text", "components"), COMPONENTS)
def test_component_comes_from_its_label(text: str, components: list) -> None:
    assert [f.component for f in find_salaries(text)] == components


# --- region, experience, cited source --------------------------------------------------------------

QUALIFIERS = [
    ("Hà Nội: Mức lương trung bình của kế toán là 11,2 triệu đồng/tháng.", "region", "Hà Nội"),
    ("Lương lập trình viên ở TP.HCM khoảng 20 triệu", "region", "TP.HCM"),
    ("Software engineers in California earn $145,000 per year.", "region", "California"),
    ("Mức lương trung bình của Phó phòng nhân sự tại Việt Nam là 20 triệu", "region", None),
    ("Dưới 1 năm kinh nghiệm: Mức lương trung bình khoảng 9,8 triệu đồng/tháng.", "experience", "<1 năm"),
    ("Từ 1-4 năm kinh nghiệm: Mức lương trung bình khoảng 11,5 triệu đồng/tháng.", "experience", "1-4 năm"),
    ("Entry-level accountants earn around $48,000 a year", "experience", "Entry-level"),
    ("Nurses with 5+ years of experience make $42 an hour", "experience", "5+ years"),
    ("Giáo viên có 10 năm kinh nghiệm nhận 12 triệu", "experience", "10 năm"),
    ("Theo TopCV, kế toán mới ra trường nhận 7 - 9 triệu/tháng.", "cited_source", "TopCV"),
    (
        "According to the U.S. Bureau of Labor Statistics, pharmacists earn $132,750 a year.",
        "cited_source",
        "U.S. Bureau of Labor Statistics",
    ),
    ("Glassdoor reports an average salary of $85,000 for marketing managers.", "cited_source", "Glassdoor"),
    ("Theo khu vực, lương nhân viên kho là 9 triệu", "cited_source", None),
]


@pytest.mark.parametrize(("text", "field", "expected"), QUALIFIERS)
def test_qualifiers_stated_next_to_the_figure(text: str, field: str, expected: str | None) -> None:
    (found,) = find_salaries(text)
    assert getattr(found, field) == expected


def test_each_figure_of_a_sentence_takes_its_own_region() -> None:
    found = find_salaries("Lương trung bình của điều dưỡng ở Hà Nội là 10 triệu, ở Đà Nẵng là 8 triệu")
    assert [(f.region, f.stat) for f in found] == [("Hà Nội", "average"), ("Đà Nẵng", "average")]


def test_a_stat_label_carries_to_a_later_plain_figure_but_not_to_an_open_or_range_one() -> None:
    found = find_salaries("Lương trung bình của dược sĩ 10 triệu, có nơi lên tới 20 triệu")
    assert [(f.min, f.max, f.stat) for f in found] == [(10 * M, 10 * M, "average"), (None, 20 * M, "range")]
    found = find_salaries("Mức lương trung bình của thợ điện là 12 triệu, dao động 10 - 15 triệu")
    assert [(f.min, f.max, f.stat) for f in found] == [(12 * M, 12 * M, "average"), (10 * M, 15 * M, "range")]


def test_experience_labels_in_a_paragraph() -> None:
    text = (
        "The national starting salary for a payroll clerk is about $38,000 per year. "
        "By the time you have five years of experience, the salary will increase to $52,000 a year."
    )
    assert [f.experience for f in find_salaries(text)] == ["starting", "five years of experience"]


# --- period defaults -----------------------------------------------------------------------------

PERIOD_DEFAULTS = [
    ("Lương kế toán 15 triệu", None, "month"),
    ("Lương kế toán 15 triệu", "year", "year"),
    ("Lương giám đốc kinh doanh 600 triệu", None, "year"),
    ("Pay for baristas: $16", None, "hour"),
    ("Salary for QA testers: $65,000", None, "year"),
    ("Lương IT helpdesk 800 USD", None, "month"),
    ("Lương kế toán năm 2023 là 12 triệu", None, "month"),
    ("Nurses earn an annual salary of $81,220", None, "year"),
]


@pytest.mark.parametrize(("text", "default", "period"), PERIOD_DEFAULTS)
def test_period_when_the_text_does_not_state_one(text: str, default: str | None, period: str) -> None:
    (found,) = find_salaries(text, default_period=default)
    assert found.period == period


def test_figures_of_one_text_share_the_period_of_the_largest() -> None:
    found = find_salaries("Lương 15 triệu, phụ cấp 500 nghìn")
    assert [f.period for f in found] == ["month", "month"]


def test_period_stated_in_another_sentence_of_the_paragraph() -> None:
    text = (
        "The median annual wage for civil engineers was $89,940. The highest 10% earned more than $135,000."
    )
    assert [(f.period, f.stat) for f in find_salaries(text)] == [("year", "median"), ("year", "high")]


def test_weekly_pay_is_dropped_because_the_contract_has_no_week() -> None:
    assert find_salaries("Cashiers earn $600 per week") == []


# --- context, offsets ----------------------------------------------------------------------------


def test_offsets_are_local_to_the_text_and_cover_the_figure() -> None:
    text = "Theo Glassdoor, lương trung bình của data analyst là 18 - 22 triệu/tháng."
    (found,) = find_salaries(text, context="Mức lương\nData analyst kiếm được bao nhiêu?")
    assert text[found.start : found.end] == "18 - 22 triệu/tháng"
    assert found.cited_source == "Glassdoor"


def test_figures_in_the_context_are_never_returned() -> None:
    context = "Lương cơ bản 10 triệu\nThưởng 2 triệu"
    assert _values(find_salaries("Thưởng 2 triệu", context=context)) == [(2 * M, 2 * M, "VND", "month")]


def test_widget_labels_under_their_figures() -> None:
    widget = (
        "Kế toán trưởng có mức lương bao nhiêu?\n\n"
        "195 - 260 triệu /năm\nTổng lương\n180 - 240 triệu\n/năm\n\nLương cơ bản\n\n+\n15 - 20 triệu\n/năm\n\n"
        "Lương bổ sung\n"
    )
    found = find_salaries(widget)
    assert [(f.min, f.max, f.period, f.component) for f in found] == [
        (195 * M, 260 * M, "year", "total"),
        (180 * M, 240 * M, "year", "base"),
        (15 * M, 20 * M, "year", "bonus"),
    ]
    line = "180 - 240 triệu"
    assert [f.component for f in find_salaries(line, context=widget)] == ["base"]


def test_english_widget_labels_under_their_figures() -> None:
    found = find_salaries("Marketing Manager\n$85,000\nBase Pay\n$10,000\nAdditional Pay")
    assert [(f.min, f.component, f.period) for f in found] == [
        (85_000, "base", "year"),
        (10_000, "bonus", "year"),
    ]


def test_flattened_table_labels_above_their_figures() -> None:
    lines = (
        "Mức lương\nThấp nhất\n6.000.000\n5.000.000\nTrung bình\n12.400.000\n11.000.000\nĐơn vị: đồng/tháng"
    )
    found = find_salaries(lines)
    assert [(f.min, f.stat) for f in found] == [
        (6 * M, "minimum"),
        (5 * M, "minimum"),
        (12.4 * M, "average"),
        (11 * M, "average"),
    ]


def test_figure_line_restating_the_line_above_shares_its_label() -> None:
    found = find_salaries("Mức lương trung vị năm 2023 $61.690/năm\n$29,66 /giờ")
    assert [(f.min, f.period, f.stat) for f in found] == [
        (61_690, "year", "median"),
        (Decimal("29.66"), "hour", "median"),
    ]


def test_chart_axis_values_restating_a_range_are_not_items() -> None:
    found = find_salaries("Lương trưởng phòng\n195 - 260 triệu /năm\n195 M\n260 M")
    assert [(f.min, f.max) for f in found] == [(195 * M, 260 * M)]


def test_two_figures_side_by_side_form_a_range() -> None:
    (found,) = find_salaries("Khoảng lương phổ biến\n130 M 390 M")
    assert (found.min, found.max, found.stat) == (130 * M, 390 * M, "range")


# --- tables ------------------------------------------------------------------------------------


def test_table_with_unit_line_reads_currency_period_stat_and_source() -> None:
    rows = [
        ["Mức lương", "Trưởng phòng kế toán", "Kế toán viên"],
        ["Thấp nhất", "9.000.000", "6.000.000"],
        ["Trung bình", "18.500.000", "9.200.000"],
        ["Cao nhất", "40.000.000", "15.000.000"],
    ]
    found = salaries_from_table(
        rows, unit_text="Đơn vị tính: đồng/tháng – tổng hợp từ số liệu của Việt Nam Salary"
    )
    assert [(r, c, f.min, f.max, f.currency, f.period, f.stat, f.cited_source) for r, c, f in found] == [
        (1, 1, 9 * M, 9 * M, "VND", "month", "minimum", "Việt Nam Salary"),
        (1, 2, 6 * M, 6 * M, "VND", "month", "minimum", "Việt Nam Salary"),
        (2, 1, 18.5 * M, 18.5 * M, "VND", "month", "average", "Việt Nam Salary"),
        (2, 2, 9.2 * M, 9.2 * M, "VND", "month", "average", "Việt Nam Salary"),
        (3, 1, 40 * M, 40 * M, "VND", "month", "maximum", "Việt Nam Salary"),
        (3, 2, 15 * M, 15 * M, "VND", "month", "maximum", "Việt Nam Salary"),
    ]


def test_table_unit_multiplier_and_experience_rows() -> None:
    rows = [
        ["Kinh nghiệm", "Lương trung bình"],
        ["Dưới 1 năm", "7,5"],
        ["1-3 năm", "10,2"],
        ["Trên 5 năm", "18"],
    ]
    found = salaries_from_table(rows, unit_text="Đơn vị: triệu đồng/tháng. Nguồn: TopCV")
    assert [(r, f.min, f.experience, f.stat, f.cited_source) for r, _, f in found] == [
        (1, 7.5 * M, "<1 năm", "average", "TopCV"),
        (2, 10.2 * M, "1-3 năm", "average", "TopCV"),
        (3, 18 * M, ">5 năm", "average", "TopCV"),
    ]


def test_english_table_components_by_row_and_region_by_row() -> None:
    rows = [["", "Junior", "Senior"], ["Base salary", "$60,000", "$95,000"], ["Bonus", "$5k", "$15k"]]
    found = salaries_from_table(rows)
    assert [(r, c, f.min, f.component, f.period) for r, c, f in found] == [
        (1, 1, 60_000, "base", "year"),
        (1, 2, 95_000, "base", "year"),
        (2, 1, 5_000, "bonus", "year"),
        (2, 2, 15_000, "bonus", "year"),
    ]
    rows = [["State", "Median salary"], ["Ohio", "$78,000"], ["Texas", "$82,000"]]
    found = salaries_from_table(rows, unit_text="Source: Indeed, 2024")
    assert [(f.region, f.stat, f.cited_source) for _, _, f in found] == [
        ("Ohio", "median", "Indeed"),
        ("Texas", "median", "Indeed"),
    ]


def test_a_header_naming_the_total_and_its_parts_labels_the_total() -> None:
    rows = [
        ["Experience", "Base salary", "Total pay (with commission)"],
        ["Entry-level", "$42,000", "$55,000"],
    ]
    found = salaries_from_table(rows)
    assert [(c, f.min, f.component) for _, c, f in found] == [(1, 42_000, "base"), (2, 55_000, "total")]


def test_table_of_counts_is_not_money() -> None:
    rows = [["Năm", "Số việc làm"], ["2023", "187.100"], ["2024", "190.000"]]
    assert salaries_from_table(rows) == []


def test_a_period_word_lines_away_does_not_set_the_period() -> None:
    text = (
        "Payroll clerk\nSalary: $45,000\nMost clerks work 40 hours per week.\nReviews happen 2 times a year."
    )
    assert _values(find_salaries(text)) == [(45_000, 45_000, "USD", "year")]


def test_job_posting_reads_pay_and_benefit_figures_but_not_prices_or_targets() -> None:
    posting = (
        "# Nhân viên Kinh doanh Bất động sản\n"
        "Mức lương: 10 - 20 triệu\n"
        "Hạn nộp hồ sơ: 30/06/2024\n"
        "## Mô tả công việc\n"
        "- Tư vấn dự án có giá từ 2 tỷ đến 5 tỷ\n"
        "- Đạt doanh số 3 căn/tháng\n"
        "## Quyền lợi\n"
        "- Lương cứng 8 triệu + hoa hồng 1-3% giá trị hợp đồng\n"
        "- Thưởng nóng 5 - 10 triệu/giao dịch\n"
        "- Thu nhập trung bình 30 - 50 triệu/tháng\n"
        "- Du lịch 2 lần/năm, 12 ngày phép. Liên hệ: 0909 123 456\n"
    )
    found = find_salaries(posting)
    assert [(f.min, f.max, f.period, f.stat, f.component) for f in found] == [
        (10 * M, 20 * M, "month", "range", None),
        (8 * M, 8 * M, "month", "average", "base"),
        (5 * M, 10 * M, "month", "range", "bonus"),
        (30 * M, 50 * M, "month", "average", None),
    ]


# --- the lexicon's alternations -----------------------------------------------------------------


def _naive_alt(phrases: list[str]) -> str:
    """Every phrase its own alternative, word checks inside: what `_alt` must match exactly like."""
    from extract.fields.money import _NOT_LETTER_AFTER, _NOT_LETTER_BEFORE, _NUMBER_IN_LABEL

    parts = []
    for p in sorted({p for p in phrases if p}, key=len, reverse=True):
        body = re.escape(p).replace(r"\{N\}", _NUMBER_IN_LABEL).replace(r"\ ", r"\s+")
        parts.append(
            (_NOT_LETTER_BEFORE if p[0].isalnum() else "")
            + body
            + (_NOT_LETTER_AFTER if p[-1].isalnum() else "")
        )
    return "|".join(parts)


PHRASE = st.sampled_from(
    ["lương", "Lương cơ bản", "đ", "/tháng", "~", "top {N}%", "$", "pay", "Đồng", "ß", "a-b"]
)
TEXT = st.lists(
    st.sampled_from(
        [
            "lương",
            "Lương",
            "LƯƠNG cơ bản",
            " ",
            "/tháng",
            "~",
            "top 10%",
            "$",
            "pay",
            "repay",
            "đồng",
            "Đồng",
            "SS",
            "a-b",
            "1",
            ",",
        ]
    ),
    max_size=12,
).map("".join)


@given(st.lists(PHRASE, min_size=1, max_size=6), TEXT)
def test_word_first_alternation_matches_what_one_alternative_per_phrase_matches(
    phrases: list[str], text: str
) -> None:
    from extract.fields.money import _alt

    fast, naive = re.compile(_alt(phrases), re.IGNORECASE), re.compile(_naive_alt(phrases), re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in naive.finditer(text)]


# --- money is exact ------------------------------------------------------------------------


def _multiplier_words() -> list[tuple[str, Decimal, str | None]]:
    from extract.lexicon import load_data

    out = []
    for entry in load_data("money.json")["multipliers"]:
        for word in entry["words"]:
            out.append((word, Decimal(str(entry["value"])), entry.get("currency")))
    return out


@pytest.mark.parametrize(("word", "value", "currency"), _multiplier_words(), ids=lambda x: str(x))
def test_every_multiplier_gives_an_exact_amount(word: str, value: Decimal, currency: str | None) -> None:
    """"8,3 triệu" is 8300000, not 8300000.000000001: amounts are ints (or Decimals with cents)."""
    unit = "" if currency else " USD"
    found = find_salaries(f"Mức lương 8,3 {word}{unit} mỗi tháng / salary 8.3 {word}{unit} a month")
    assert found, word
    for f in found:
        for amount in (f.min, f.max):
            assert type(amount) in (int, Decimal), (word, amount)
            assert amount == Decimal("8.3") * value
            assert type(amount) is int or amount != amount.to_integral_value()


def test_cents_stay_decimal_and_whole_amounts_are_ints() -> None:
    (cents,) = find_salaries("Pay: $18.75 per hour")
    (whole,) = find_salaries("Lương 11,4 triệu/tháng")
    assert (cents.min, type(cents.min)) == (Decimal("18.75"), Decimal)
    assert (whole.min, type(whole.min)) == (11_400_000, int)


def test_a_column_header_states_its_unit() -> None:
    """'Mức lương (triệu đồng/tháng)' over bare '6 - 8' cells: millions of đồng a month."""
    rows = [
        ["Vị trí", "Mức lương (triệu đồng/tháng)"],
        ["Lễ tân khách sạn", "6 - 8"],
        ["Trưởng bộ phận lễ tân", "18 - 30"],
    ]
    got = [(r, c, f.min, f.max, f.currency, f.period) for r, c, f in salaries_from_table(rows)]
    assert got == [(1, 1, 6 * M, 8 * M, "VND", "month"), (2, 1, 18 * M, 30 * M, "VND", "month")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$38.50/hr - $52.75/hr · Full-time", (Decimal("38.5"), Decimal("52.75"), "USD", "hour")),
        ("Lương 10 triệu/tháng - 15 triệu/tháng", (10 * M, 15 * M, "VND", "month")),
        ("$18 per hour - $22 per hour", (18, 22, "USD", "hour")),
    ],
)
def test_a_range_whose_bounds_each_carry_the_period_is_one_range(text: str, expected: tuple) -> None:
    (f,) = find_salaries(text)
    assert (f.min, f.max, f.currency, f.period, f.stat) == (*expected, "range")
