"""Headings say what a section is about, in Vietnamese and English."""

import pytest

from extract.sections import classify_heading, is_role_only, row_kind


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
        ("Mức lương của kế toán bao nhiêu?", "salary"),
        ("Registered Nurse Salary", "salary"),
        ("Lộ trình thăng tiến của lập trình viên", "career"),
        ("Career Path and Growth", "career"),
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
    [("Nhiệm vụ chính", "duties"), ("Yêu cầu kinh nghiệm", "requirements"), ("Kỹ năng trọng tâm", "requirements"),
     ("Salary range", "salary"), ("Cấp bậc", None)],
)
def test_table_row_kind(label, kind):
    assert row_kind(label) == kind


def test_role_only_heading():
    assert is_role_only("* Trưởng nhóm kinh doanh", [(2, 24)])
    assert not is_role_only("Mô tả công việc của trưởng nhóm kinh doanh", [(20, 42)])
