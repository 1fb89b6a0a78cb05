"""The Article: structure built once per article (extract/article.py). Tables of text ->
what the article makes of it."""

from __future__ import annotations

import pytest

from extract.article import Article

GLOSSES = [
    # a bracket: the other name, in either order; the stated level wins over staff
    (
        "Customer Service Executive (hay còn gọi là Chuyên viên chăm sóc khách hàng cấp cao) là người …",
        {"Customer Service Executive": "customer_service/senior", "Chuyên viên chăm sóc khách hàng cấp cao": "customer_service/senior"},
    ),
    # inline glosses across languages: "hay", a dash, "còn gọi là"
    (
        "Trưởng phòng kinh doanh hay Sales Manager là người đặt chỉ tiêu doanh số.",
        {"Trưởng phòng kinh doanh": "sales/manager", "Sales Manager": "sales/manager"},
    ),
    (
        "Kế toán viên – Accountant – ghi chép sổ sách.",
        {"Kế toán viên": "accounting/staff", "Accountant": "accounting/staff"},
    ),
    # the more specific title word decides the level: "Giám đốc" over a loose "Manager"
    (
        "Giám đốc kinh doanh (Sales Manager) chịu trách nhiệm về doanh thu.",
        {"Giám đốc kinh doanh": "sales/director", "Sales Manager": "sales/director"},
    ),
    # not a gloss: the two names each state a level, and the levels differ
    (
        "Giai đoạn một - Trở thành thực tập sinh kế toán (Junior Accountant) trong 6 tháng.",
        {"thực tập sinh kế toán": "accounting/intern", "Junior Accountant": "accounting/staff"},
    ),
    # not glosses: two jobs joined by "hay"; an aside in brackets
    (
        "Bạn muốn làm kế toán hay kiểm toán viên?",
        {"kế toán": "accounting/staff", "kiểm toán viên": "auditing/staff"},
    ),
    (
        "Nhóm gồm Product Owner(BA, người xác định yêu cầu) và các Developer.",
        {"Product Owner": "product_management/staff", "BA": "business_analysis/staff"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), GLOSSES)
def test_gloss_names_one_role(text: str, expected: dict[str, str]):
    art = Article.from_text(text)
    got = {m.surface: f"{m.key[0]}/{m.key[1]}" for ms in art.mentions for m in ms}
    assert {name: got.get(name) for name in expected} == expected


def test_a_gloss_keeps_both_names_on_the_role():
    art = Article.from_text("Trưởng phòng kinh doanh hay Sales Manager là người đặt chỉ tiêu doanh số.")
    names = [n for n, _ in art.roles[("sales", "manager")].names]
    assert names == ["Trưởng phòng kinh doanh", "Sales Manager"]


def test_one_pass_finds_the_field_from_title_and_lead():
    art = Article.from_text("Kỹ sư cầu đường là gì?\n\nKỹ sư cầu đường thiết kế và giám sát thi công cầu, đường.\n")
    assert art.field is not None and art.field != "general"
    assert art.title == "Kỹ sư cầu đường là gì?"


def test_a_page_opening_with_a_menu_and_a_breadcrumb_takes_its_title_after_them():
    """Site name, a menu of many short items, a hotline, a breadcrumb: page furniture, however
    many words the menu line has; the article's title is the line after them."""
    text = (
        "MarketingPro Academy\nTrang chủ | Khóa học | Blog | Tuyển dụng | Liên hệ\n"
        "Hotline: 0901 xxx 888 - Đăng ký tư vấn miễn phí\nBlog › Nghề nghiệp\n"
        "Digital Marketing làm gì? Lộ trình từ Marketing Executive lên CMO\n\n"
        "Marketing Executive lên kế hoạch nội dung và chạy quảng cáo Facebook cho doanh nghiệp.\n"
    )
    art = Article.from_text(text)
    assert art.title == "Digital Marketing làm gì? Lộ trình từ Marketing Executive lên CMO"



def test_a_markdown_paragraph_of_page_furniture_is_dropped_like_a_plain_line():
    text = (
        "# Sales Representative\n\n## Requirements\n\n- Two years of B2B sales experience\n\n"
        "**Get our weekly career newsletter.** Enter your email address — we never share it.\n"
    )
    art = Article.from_text(text, media="md")
    assert [b.text for b in art.blocks if "newsletter" in b.text] == []


def test_a_title_naming_a_job_and_a_kind_of_it_makes_the_job_the_field():
    text = (
        "# Software Engineer vs. Software Architect\n\n"
        "Software architects design systems. Software architects choose technologies. "
        "Entry-level engineers typically start between $85,000 and $110,000.\n"
    )
    assert Article.from_text(text, media="md").field == "software_engineering"
