"""Headings say what a section is about, in Vietnamese and English."""

import pytest

from extract.sections import classify_heading, inline_heading_end, is_role_only, row_kind


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("Mô tả công việc kế toán tổng hợp", "duties"),
        ("Nhiệm vụ của điều dưỡng viên", "duties"),
        ("What does a Software Engineer do?", "duties"),
        ("Key Responsibilities", "duties"),
        ("Yêu cầu công việc", "requirements"),
        ("Kỹ năng cần có của nhân viên bán hàng", "requirements"),
        ("Qualifications", "requirements"),
        ("What you'll bring", "requirements"),  # job-board postings
        ("Bonus points", "requirements"),
        ("Day to day", "duties"),
        ("In this role you will", "duties"),
        ("Mức lương của kế toán bao nhiêu?", "salary"),
        ("Registered Nurse Salary", "salary"),
        ("Lộ trình thăng tiến của lập trình viên", "career"),
        ("Career Path and Growth", "career"),
        ("How to advance", "career"),
        ("Career outlook", "other"),  # demand for the job, not its ladder
        ("Quyền lợi", "benefits"),
        ("What we offer", "benefits"),
        ("Câu hỏi phỏng vấn kế toán", "other"),
        ("Tools and Technologies", "other"),
        ("Kế toán là gì?", "summary"),
        ("What is a Data Analyst?", "summary"),
        ("Hỗ trợ khách hàng:", None),
        ("Learn more", None),
    ],
)
def test_heading_kind(heading, kind):
    assert classify_heading(heading) == kind


@pytest.mark.parametrize(
    "label,kind",
    [
        ("Nhiệm vụ chính", "duties"),
        ("Yêu cầu kinh nghiệm", "requirements"),
        ("Kỹ năng trọng tâm", "requirements"),
        ("Salary range", "salary"),
        ("Cấp bậc", None),
    ],
)
def test_table_row_kind(label, kind):
    assert row_kind(label) == kind


def test_role_only_heading():
    assert is_role_only("* Trưởng nhóm kinh doanh", [(2, 24)])
    assert not is_role_only("Mô tả công việc của trưởng nhóm kinh doanh", [(20, 42)])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Yêu cầu: tốt nghiệp cao đẳng trở lên.", "tốt nghiệp cao đẳng trở lên."),
        ("Requirements: Bachelor's degree in Nursing.", "Bachelor's degree in Nursing."),
        ("**Qualifications:**  CPA preferred", "CPA preferred"),  # emphasis marks around the label
        ("Kinh nghiệm: 2 năm", "Kinh nghiệm: 2 năm"),  # a label that says what the value is stays
        ("Education: Bachelor's degree", "Education: Bachelor's degree"),
        ("Yêu cầu:", "Yêu cầu:"),  # nothing after the label: left alone
        ("Yêu cầu công việc rất cao đối với ứng viên", "Yêu cầu công việc rất cao đối với ứng viên"),
    ],
)
def test_a_section_name_used_as_an_inline_label_is_not_part_of_the_value(text: str, value: str) -> None:
    assert text[inline_heading_end(text) :] == value
