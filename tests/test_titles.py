"""Role names a heading presents, read by the grammar of titles (extract/titles.py)."""

from __future__ import annotations

import pytest

from extract.roles import scan_roles
from extract.titles import presented_role, role_part


def presented(text: str, *, family: str | None = None, structural: bool = False):
    scan = scan_roles(text)
    p = presented_role(text, scan.mentions, scan.fields, family=family, structural=structural)
    return None if p is None else (p.function, p.level, text[p.start : p.end])


ROLE_PARTS = [
    ("Data Analyst là gì?", "Data Analyst", True),
    ("Công việc của nhân viên kho", "nhân viên kho", False),
    ("Lộ trình trở thành kiểm toán viên", "kiểm toán viên", False),
    ("What does a Phlebotomist do?", "Phlebotomist", True),
    ("Dental Hygienist Career Profile", "Dental Hygienist", True),
    ("Payroll Analyst, US Responsibilities", "Payroll Analyst, US", False),
    ("2. Kế toán kho", "Kế toán kho", False),
    ("🛠️ IT Support Specialist Job Description", "IT Support Specialist", True),
]


@pytest.mark.parametrize(("heading", "name", "strong"), ROLE_PARTS)
def test_role_part_finds_the_name_inside_a_title_form(heading: str, name: str, strong: bool):
    a, b, is_strong = role_part(heading)
    assert (heading[a:b], is_strong) == (name, strong)


PRESENTED = [
    # inverted names: title words, a comma, the field
    ("Manager, Accounting", {}, ("accounting", "manager", "Manager, Accounting")),
    ("Senior Manager, Global Payroll Operations", {}, ("payroll", "senior_manager", "Senior Manager, Global Payroll Operations")),
    ("Director, Nursing Services", {}, ("nursing", "director", "Director, Nursing Services")),
    ("Senior Director, Talent Sourcing (EMEA)", {}, ("recruitment", "director", "Senior Director, Talent Sourcing (EMEA)")),
    ("Senior Manager, Wind Turbine Blades", {}, ("wind_turbine_blades", "senior_manager", "Senior Manager, Wind Turbine Blades")),
    # a generic job noun after words the lexicon does not know
    ("Yield Engineer", {}, ("yield_engineering", "staff", "Yield Engineer")),
    # title words alone: a level of the page's job family, only where the heading opens its own items
    ("Senior", {"family": "sales", "structural": True}, ("sales", "senior", "Senior")),
    ("Associate", {"family": "recruiting", "structural": True}, ("recruiting", "staff", "Associate")),
    ("Senior", {"family": "sales", "structural": False}, None),
    # a name nobody listed, vouched for by its title form or by its job noun
    ("What does a Phlebotomist do?", {}, ("phlebotomist", "staff", "Phlebotomist")),
    ("Nghệ nhân gốm là gì?", {}, ("nghe_nhan_gom", "staff", "Nghệ nhân gốm")),
    ("Phlebotomy Technician", {}, ("phlebotomy_technician", "staff", "Phlebotomy Technician")),
    ("Senior Phlebotomist", {"structural": True}, ("phlebotomist", "senior", "Senior Phlebotomist")),
    ("Senior Fraud Examiner", {"structural": True}, ("fraud_examiner", "senior", "Senior Fraud Examiner")),
    ("Early Career Programs", {"structural": True}, None),
    ("Executive Search", {"structural": True}, None),
    # not roles: section names, known names the lexicon already reads
    ("Required Skills", {"structural": True}, None),
    ("Kỹ năng", {"structural": True}, None),
    ("Sales & Marketing", {"structural": True}, None),
    ("Accounting Manager", {}, None),
    ("Job Grade", {"structural": True}, None),
]


@pytest.mark.parametrize(("heading", "context", "expected"), PRESENTED)
def test_presented_role(heading: str, context: dict, expected):
    assert presented(heading, **context) == expected
