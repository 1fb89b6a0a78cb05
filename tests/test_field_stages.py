"""Each field stage alone: `Article.from_text(...)`, one stage, then what it left on the
role accumulators (and on the Article for later stages). Tables of input -> expected."""

from __future__ import annotations

import pytest

from extract.article import Article, Found
from extract.fields import STAGES, career, items, pay, run_stages, tables


def _text(art: Article, found: Found) -> str:
    return art.source[found.start : found.end]


def _by_role(art: Article, field: str) -> dict[str, list[str]]:
    out = {}
    for (fn, level), acc in art.roles.items():
        got = [_text(art, f) for f in getattr(acc, field)]
        if got:
            out[f"{fn}/{level}"] = got
    return out


def test_the_stage_order_is_one_tuple():
    assert [name for name, _ in STAGES] == ["career", "tables", "pay", "items", "other_professions"]


# ---------------------------------------------------------------- career

LADDERS = [
    (
        "Lộ trình thăng tiến của nhân viên kinh doanh\n\n"
        "Nhân viên kinh doanh => Trưởng nhóm kinh doanh => Trưởng phòng kinh doanh\n",
        "sales/staff",
        ["Nhân viên kinh doanh", "Trưởng nhóm kinh doanh", "Trưởng phòng kinh doanh"],
    ),
    (
        "# Nurse career path\n\n## Career path\n\n"
        "- Staff Nurse (0-2 years)\n- Charge Nurse (3-5 years)\n- Nurse Manager (6+ years)\n",
        "nursing/staff",
        ["Staff Nurse", "Charge Nurse", "Nurse Manager"],
    ),
    (
        "Junior Accountant (0-2 years) → Senior Accountant (3-5 years) → Accounting Manager\n",
        "accounting/staff",
        ["Junior Accountant", "Senior Accountant", "Accounting Manager"],
    ),
    (  # numbered stage headings, each opening with the role it makes one
        "# Lộ trình thăng tiến của nhân viên kế toán\n\n"
        "## Giai đoạn một - Trở thành thực tập sinh kế toán\n\nĐây là thời điểm có từ 0 - 6 tháng kinh nghiệm.\n\n"
        "## Giai đoạn hai - Trở thành nhân viên kế toán\n\nĐây là thời điểm có từ 6 tháng - 2 năm kinh nghiệm.\n\n"
        "## Giai đoạn ba - Trở thành kế toán trưởng\n\nBạn quản lý cả phòng kế toán.\n",
        "accounting/staff",
        ["thực tập sinh kế toán", "nhân viên kế toán", "kế toán trưởng"],
    ),
    (
        "# Sales career path\n\n## Stage 1: Become a Sales Representative\n\nYou learn the product.\n\n"
        "## Stage 2: Become a Sales Manager\n\nYou lead a team.\n",
        "sales/staff",
        ["Sales Representative", "Sales Manager"],
    ),
    (  # the title names two rungs: the path is the lower one's, though the upper is talked of more
        "# Lộ trình từ Marketing Executive lên CMO\n\n"
        "Marketing Executive (0 - 2 năm) → Marketing Manager (4 - 6 năm) → CMO (trên 10 năm).\n\n"
        "## CMO làm gì?\n\nCMO xây dựng chiến lược thương hiệu. CMO báo cáo cho CEO. CMO quản lý ngân sách.\n",
        "marketing/staff",
        ["Marketing Executive", "Marketing Manager", "CMO"],
    ),
]


@pytest.mark.parametrize(("text", "owner", "rungs"), LADDERS)
def test_career_stage_puts_the_ladder_on_its_owner(text: str, owner: str, rungs: list[str]):
    art = Article.from_text(text, media="md" if text.startswith("#") else "txt")
    career(art)
    assert _by_role(art, "career") == {owner: rungs}
    assert art.ladder_blocks, "the rungs' blocks are left for the items stage to skip"


def test_a_stage_heading_takes_the_years_of_its_parts_first_sentence():
    art = Article.from_text(LADDERS[3][0], media="md")
    career(art)
    steps = art.roles[("accounting", "staff")].career
    assert [(s.values["min_years"], s.values["max_years"]) for s in steps] == [(0, 0.5), (0.5, 2), (None, None)]


def test_stages_that_name_no_role_are_no_ladder():
    text = (
        "# How to become an accountant\n\n## Step 1: Earn a bachelor's degree\n\nStudy accounting.\n\n"
        "## Step 2: Pass the CPA exam\n\nMost states require it.\n\n## Step 3: Gain experience\n\nWork two years.\n"
    )
    art = Article.from_text(text, media="md")
    career(art)
    assert _by_role(art, "career") == {}


def test_career_stage_reads_the_years_each_rung_states():
    art = Article.from_text("Junior Accountant (0-2 years) → Senior Accountant (3-5 years) → Accounting Manager\n")
    career(art)
    steps = art.roles[("accounting", "staff")].career
    assert [(s.values["order"], s.values["min_years"], s.values["max_years"]) for s in steps] == [
        (1, 0, 2),
        (2, 3, 5),
        (3, None, None),
    ]


def test_career_stage_ignores_names_at_one_level():
    art = Article.from_text("Accountants work with auditors, bookkeepers and tax accountants every day.\n")
    career(art)
    assert _by_role(art, "career") == {}


# ---------------------------------------------------------------- tables

COMPARISON = """# Kế toán và thủ quỹ khác nhau thế nào

| | Kế toán | Nhân viên kinh doanh |
|---|---|---|
| Nhiệm vụ | Lập báo cáo thuế | Tìm kiếm khách hàng mới |
| Yêu cầu | Bằng cao đẳng kế toán | Giao tiếp tốt |
"""


def test_tables_stage_gives_each_column_its_roles_items():
    art = Article.from_text(COMPARISON, media="md")
    tables(art)
    duties, requirements = _by_role(art, "duties"), _by_role(art, "requirements")
    assert duties == {"accounting/staff": ["Lập báo cáo thuế"], "sales/staff": ["Tìm kiếm khách hàng mới"]}
    assert requirements == {"accounting/staff": ["Bằng cao đẳng kế toán"], "sales/staff": ["Giao tiếp tốt"]}


def test_tables_stage_reads_a_requirements_kind():
    art = Article.from_text(COMPARISON, media="md")
    tables(art)
    kinds = {_text(art, f): f.values["kind"] for acc in art.roles.values() for f in acc.requirements}
    assert kinds["Bằng cao đẳng kế toán"] == "education"


# ---------------------------------------------------------------- pay

PAY = [
    (
        "Mức lương nhân viên kế toán\n\nMức lương của nhân viên kế toán từ 8 - 12 triệu/tháng.\n",
        {"accounting/staff": [(8_000_000, 12_000_000, "VND", "month", "range")]},
    ),
    (
        "Sales Representative salary\n\nSales representatives earn an average of $62,000 per year.\n",
        {"sales/staff": [(62_000, 62_000, "USD", "year", "average")]},
    ),
    (
        "Registered nurse pay\n\nThe median pay for registered nurses is $86,000 a year, compared with $46,310 for all occupations.\n",
        {"nursing/staff": [(86_000, 86_000, "USD", "year", "median")]},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAY)
def test_pay_stage_reads_figures_onto_their_role(text: str, expected: dict):
    art = Article.from_text(text)
    pay(art)
    got = {
        f"{fn}/{level}": [
            (s.values["min"], s.values["max"], s.values["currency"], s.values["period"], s.values["stat"])
            for s in acc.salaries
        ]
        for (fn, level), acc in art.roles.items()
        if acc.salaries
    }
    assert got == expected


def test_pay_stage_leaves_where_the_figures_are():
    art = Article.from_text("Kế toán\n\nLương kế toán khoảng 10 triệu đồng mỗi tháng.\n")
    pay(art)
    (idx,) = [i for i, spans in art.pay_spans.items() if spans]
    assert art.pay_in(idx, 0, len(art.blocks[idx].text))


OTHER_PROFESSIONS = [
    (  # a sentence comparing the article's role with other professions: their figures are not items
        "Accountant job description\n\nAccountants prepare financial statements and check tax returns.\n\n"
        "Accountants earn a median of $79,000 a year, while auditors earn $82,000 and financial analysts earn $95,000.\n",
        {"accounting/staff": [79_000]},
    ),
    (
        "Kế toán là gì?\n\nKế toán viên ghi chép sổ sách và lập báo cáo tài chính.\n\n"
        "Lương trung bình của kế toán viên là 12 triệu đồng/tháng, của kiểm toán viên là 15 triệu "
        "và của chuyên viên phân tích tài chính là 20 triệu.\n",
        {"accounting/staff": [12_000_000]},
    ),
    (  # levels of the article's own function are its roles, whatever the sentence
        "Accountant job description\n\nAccountants prepare financial statements and check tax returns.\n\n"
        "Junior accountants earn $50,000 a year and senior accountants earn $80,000.\n",
        {"accounting/staff": [50_000], "accounting/senior": [80_000]},
    ),
    (  # a role with a part of its own keeps its pay
        "Careers in finance\n\n## Auditor\n\nAuditors examine financial records.\n\n"
        "## Financial analyst\n\nFinancial analysts build forecasts. Financial analysts earn $95,000 a year, "
        "while auditors earn $82,000.\n",
        {"auditing/staff": [82_000], "financial_analysis/staff": [95_000]},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_PROFESSIONS)
def test_pay_of_professions_named_only_to_compare_is_dropped(text: str, expected: dict):
    art = run_stages(Article.from_text(text))
    got = {f"{fn}/{level}": [s.values["min"] for s in acc.salaries] for (fn, level), acc in art.roles.items()}
    assert {k: v for k, v in got.items() if v} == expected


# ---------------------------------------------------------------- items

ITEMS = [
    (
        "Nhân viên kho\n\nNhiệm vụ:\n\n- Kiểm đếm hàng nhập kho\n- Sắp xếp hàng hóa trên kệ\n\n"
        "Yêu cầu:\n\n- Tốt nghiệp trung cấp trở lên\n- Có sức khỏe tốt\n",
        {"warehouse/staff": ["Kiểm đếm hàng nhập kho", "Sắp xếp hàng hóa trên kệ"]},
        {"warehouse/staff": ["Tốt nghiệp trung cấp trở lên", "Có sức khỏe tốt"]},
    ),
    (
        "Bookkeeper job description\n\nResponsibilities\n\n- Record daily transactions\n- Reconcile bank statements\n\n"
        "Requirements\n\n- 2+ years of bookkeeping experience\n",
        {"accounting/staff": ["Record daily transactions", "Reconcile bank statements"]},
        {"accounting/staff": ["2+ years of bookkeeping experience"]},
    ),
]


@pytest.mark.parametrize(("text", "duties", "requirements"), ITEMS)
def test_items_stage_takes_list_items_of_duty_and_requirement_sections(text: str, duties, requirements):
    art = Article.from_text(text)
    items(art)
    assert _by_role(art, "duties") == duties
    assert _by_role(art, "requirements") == requirements


LEAD_INS = [
    # a lead-in under "Requirements" that announces tasks: the list is duties
    (
        "# Nurse\n\n## Requirements\n\nJunior nurses share the same requirements as the nurse above. "
        "They will be expected to:\n\n- Monitor patients' vital signs\n- Give medication on schedule\n",
        {"nursing/staff": ["Monitor patients' vital signs", "Give medication on schedule"]},
        {},
    ),
    # and one under "Nhiệm vụ" that announces what is needed: requirements
    (
        "# Kế toán viên\n\n## Nhiệm vụ\n\n- Lập báo cáo thuế\n\nĐể làm tốt công việc này, bạn cần có:\n\n"
        "- Kỹ năng sử dụng Excel\n- Tính cẩn thận\n",
        {"accounting/staff": ["Lập báo cáo thuế"]},
        {"accounting/staff": ["Kỹ năng sử dụng Excel", "Tính cẩn thận"]},
    ),
    # "requirements" as a bare noun is no cue: the heading's kind stands
    (
        "# Accountant\n\n## Responsibilities\n\nSenior accountants share the same requirements as the "
        "accountant above, but also carry the following:\n\n- Review journal entries\n",
        {"accounting/staff": ["Review journal entries"]},
        {},
    ),
]


@pytest.mark.parametrize(("text", "duties", "requirements"), LEAD_INS)
def test_a_lead_in_line_says_what_the_list_below_it_is(text: str, duties, requirements):
    art = Article.from_text(text, media="md")
    items(art)
    assert _by_role(art, "duties") == duties
    assert _by_role(art, "requirements") == requirements


BOTH_ROLES = (
    "# Kế toán viên và kiểm toán viên\n\n## Kế toán viên và kiểm toán viên: nhiệm vụ\n\n"
    "Cả 2 vị trí đều làm việc với số liệu tài chính của doanh nghiệp. "
    "Kiểm toán viên kiểm tra báo cáo tài chính do kế toán viên lập.\n\n"
    "## Kế toán viên và kiểm toán viên: yêu cầu\n\n"
    "Kỹ năng của hai nghề có nhiều điểm chung. Cả hai công việc đều yêu cầu bằng cử nhân kế toán.\n"
)


def test_a_sentence_about_both_roles_compared_goes_to_each():
    art = Article.from_text(BOTH_ROLES, media="md")
    items(art)
    both = "Cả 2 vị trí đều làm việc với số liệu tài chính của doanh nghiệp."
    assert _by_role(art, "duties") == {
        "accounting/staff": [both],
        "auditing/staff": [both, "Kiểm toán viên kiểm tra báo cáo tài chính do kế toán viên lập."],
    }
    need = "Cả hai công việc đều yêu cầu bằng cử nhân kế toán."
    assert _by_role(art, "requirements") == {"accounting/staff": [need], "auditing/staff": [need]}


PATH_ARTICLE = (
    '---\ntitle: "Nursing Career Path"\n---\n\n# Nursing Career Path\n\n'
    "## 1. Staff Nurse\n\nStaff nurses are where most graduates start. They assess patients and give medication.\n\n"
    "## 2. Nurse Manager\n\nMost employers want 5+ years of experience. A BSN is required.\n\n"
    "## 3. Director of Nursing\n\nAn RN license is almost always required, along with 10 years of experience.\n"
)


def test_a_heading_that_repeats_the_title_opens_no_career_section():
    """Front matter's title, then '# Nursing Career Path': both are the title, so the first
    role's part is read for duties like the others (a 'career' section would hide them)."""
    art = Article.from_text(PATH_ARTICLE, media="md")
    items(art)
    assert _by_role(art, "duties") == {"nursing/staff": ["They assess patients and give medication."]}


def test_a_role_name_a_requirement_asks_for_is_a_credential_not_the_subject():
    art = Article.from_text(PATH_ARTICLE, media="md")
    items(art)
    reqs = _by_role(art, "requirements")
    assert reqs["nursing/manager"] == ["Most employers want 5+ years of experience.", "A BSN is required."]
    assert reqs["nursing/director"] == [
        "An RN license is almost always required, along with 10 years of experience."
    ]


def test_a_role_heading_with_its_years_in_parentheses_opens_that_roles_part():
    """'Kế toán viên (0 - 2 năm kinh nghiệm)': the years are an aside, not a requirements heading."""
    text = (
        "Lộ trình nghề kế toán\n\nKế toán viên (0 - 2 năm kinh nghiệm)\n\n"
        "Kế toán viên hạch toán các nghiệp vụ phát sinh vào phần mềm kế toán.\n\n"
        "Kế toán trưởng (từ 5 năm kinh nghiệm)\n\n"
        "Kế toán trưởng ký duyệt báo cáo tài chính và tờ khai thuế.\n"
    )
    art = Article.from_text(text)
    items(art)
    assert _by_role(art, "duties") == {
        "accounting/staff": ["Kế toán viên hạch toán các nghiệp vụ phát sinh vào phần mềm kế toán."],
        "accounting/manager": ["Kế toán trưởng ký duyệt báo cáo tài chính và tờ khai thuế."],
    }
    assert _by_role(art, "requirements") == {}


def test_a_line_that_extends_another_levels_items_keeps_the_items_on_its_own_level():
    text = (
        "# Claims Adjuster\n\n## Senior Claims Adjuster\n\n### Responsibilities\n\n"
        "**Extends the Intermediate Claims Adjuster responsibilities, plus:**\n\n"
        "- Handle complex and litigated claims\n- Train new adjusters\n"
    )
    art = Article.from_text(text, media="md")
    items(art)
    assert list(_by_role(art, "duties")) == ["insurance/senior"]


HOW_TO = (
    "# Từ kế toán sang kiểm toán viên\n\nKiểm toán viên là người kiểm tra báo cáo tài chính của doanh nghiệp.\n\n"
    "## Bước 1: Quan sát và học hỏi\n\nQuan sát cách kiểm toán viên làm việc với khách hàng. "
    "Đọc kỹ các báo cáo kiểm toán cũ.\n\n"
    "## Bước 2: Trang bị kỹ năng và chứng chỉ\n\nKiểm toán viên cần có chứng chỉ ACCA hoặc CPA. "
    "Hãy luyện tập kỹ năng viết báo cáo mỗi ngày.\n\n- Tham gia một khóa học kiểm toán\n"
)


def test_a_how_to_steps_advice_is_no_duty_but_a_plain_requirement_stays():
    art = Article.from_text(HOW_TO, media="md")
    items(art)
    assert _by_role(art, "duties") == {}
    assert _by_role(art, "requirements") == {"auditing/staff": ["Kiểm toán viên cần có chứng chỉ ACCA hoặc CPA."]}


def test_a_step_that_opens_with_its_role_is_that_roles_part():
    text = (
        "# Lộ trình nghề kinh doanh\n\n## Bước 1: Nhân viên kinh doanh\n\n- Gọi điện cho khách hàng mới mỗi ngày\n\n"
        "## Bước 2: Trưởng phòng kinh doanh\n\n- Lập kế hoạch doanh số cho cả phòng\n"
    )
    art = Article.from_text(text, media="md")
    items(art)
    assert _by_role(art, "duties") == {
        "sales/staff": ["Gọi điện cho khách hàng mới mỗi ngày"],
        "sales/manager": ["Lập kế hoạch doanh số cho cả phòng"],
    }


def test_items_stage_skips_blocks_the_career_stage_read_as_rungs():
    text = "Kế toán\n\nNhiệm vụ:\n\n- Lập báo cáo thuế hằng quý\n- Kế toán trưởng duyệt chứng từ\n"
    art = Article.from_text(text)
    rung = next(i for i, b in enumerate(art.blocks) if b.text.startswith("Kế toán trưởng"))
    art.ladder_blocks.add(rung)
    items(art)
    assert [t for ts in _by_role(art, "duties").values() for t in ts] == ["Lập báo cáo thuế hằng quý"]


def test_items_stage_leaves_pay_lines_to_the_pay_stage():
    text = "Nhân viên bán hàng\n\nYêu cầu:\n\n- Lương 7 triệu/tháng\n- Giao tiếp tốt\n"
    art = Article.from_text(text)
    pay(art)
    items(art)
    assert [t for ts in _by_role(art, "requirements").values() for t in ts] == ["Giao tiếp tốt"]


def test_items_stage_keeps_a_roles_definition_as_its_summary():
    art = Article.from_text("Thủ kho là gì\n\nThủ kho là người quản lý hàng hóa ra vào kho của doanh nghiệp.\n")
    items(art)
    summaries = [_text(art, acc.summary) for acc in art.roles.values() if acc.summary]
    assert summaries == ["Thủ kho là người quản lý hàng hóa ra vào kho của doanh nghiệp."]
