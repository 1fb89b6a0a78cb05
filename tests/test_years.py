"""Years of experience as the articles write them."""

import pytest

from extract.fields.years import find_years


@pytest.mark.parametrize(
    "text,lo,hi",
    [
        ("3-5 năm kinh nghiệm kế toán", 3, 5),
        ("ít nhất 1 năm", 1, None),
        ("Kinh nghiệm bán hàng ít nhất là 1 năm.", 1, None),
        ("từ 2 - 3 năm", 2, 3),
        ("tối thiểu 03 năm kinh nghiệm điều dưỡng", 3, None),
        ("at least 2 years of software development", 2, None),
        ("2+ years in B2B sales", 2, None),
        ("Từ 0 - 2 tháng: thực tập sinh", 0, 0.17),
        ("5 years of experience in nursing", 5, 5),
        ("1 năm trở lên", 1, None),
        ("between 3 and 5 years", 3, 5),
        ("up to 2 years", 0, 2),
        ("<1 năm kinh nghiệm", 0, 1),
        ("Có từ 7-2 năm kinh nghiệm", 2, 7),  # written backwards: still a valid range
        (">6 năm kinh nghiệm", 6, None),
        ("Đây là thời điểm có từ 3 tháng - 1 năm kinh nghiệm.", 0.25, 1),  # each bound in its own unit
        ("6 months to 2 years of experience", 0.5, 2),
    ],
)
def test_years_are_read(text, lo, hi):
    got_lo, got_hi, span = find_years(text)
    assert (got_lo, got_hi) == (lo, hi) and span is not None


@pytest.mark.parametrize("text", ["trên 25 tuổi", "Tốt nghiệp đại học ngành kế toán", "IELTS 6.5", "năm 2024"])
def test_no_years_where_none_are_stated(text):
    assert find_years(text) == (None, None, None)


@pytest.mark.parametrize(
    "text,lo,hi",
    [
        ("BLS certification required; ACLS within 6 months of hire", None, None),
        ("Có chứng chỉ CPA trong vòng 2 năm kể từ ngày vào làm", None, None),
        ("3 years of experience; PMP within 1 year of hire", 3, 3),  # the deadline skipped, not the experience
        ("Kinh nghiệm làm việc trong 2 năm", 2, 2),  # 'trong' alone is how long, not a deadline
    ],
)
def test_a_deadline_is_no_experience_a_requirement_asks_for(text, lo, hi):
    assert find_years(text, experience=True)[:2] == (lo, hi)


def test_a_career_steps_within_is_how_long_it_takes():
    assert find_years("Trong vòng 2 năm, bạn có thể lên Senior")[:2] == (2, 2)
