"""Role names -> function/level (SPEC section 2): what is a role mention, and what it is."""

from __future__ import annotations

import unicodedata

import pytest

from extract.lexicon import load_data
from extract.roles import (
    article_function,
    classify_role,
    resolve_function,
    role_doc,
    role_id,
    scan_roles,
)


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.function, m.level) for m in scan_roles(text).mentions]


# ---------------------------------------------------------------- mentions: (text, [(span, function, level)])

MENTIONS = [
    # customer service family, Vietnamese title + department words
    (
        "Trưởng phòng chăm sóc khách hàng là gì?",
        [("Trưởng phòng chăm sóc khách hàng", "customer_service", "manager")],
    ),
    ("Nhiệm vụ của trưởng CSKH", [("trưởng CSKH", "customer_service", "manager")]),
    (
        "Nhân viên Chăm sóc khách hàng cá nhân",
        [("Nhân viên Chăm sóc khách hàng cá nhân", "customer_service", "staff")],
    ),
    ("Trưởng bộ phận DVKH", [("Trưởng bộ phận DVKH", "customer_service", "manager")]),
    ("Nhân viên CSKH qua điện thoại", [("Nhân viên CSKH qua điện thoại", "call_center", "staff")]),
    ("làm nhân viên trực tổng đài", [("nhân viên trực tổng đài", "call_center", "staff")]),
    ("Giao dịch viên ngân hàng", [("Giao dịch viên ngân hàng", "bank_teller", "staff")]),
    (
        "Nhân viên lễ tân (Front Desk Agent)",
        [("Nhân viên lễ tân", "reception", "staff"), ("Front Desk Agent", "reception", "staff")],
    ),
    (
        "Giám Đốc Trải Nghiệm Khách hàng",
        [("Giám Đốc Trải Nghiệm Khách hàng", "customer_experience", "director")],
    ),
    (
        "Phó Chủ Tịch Trải Nghiệm Khách hàng",
        [("Phó Chủ Tịch Trải Nghiệm Khách hàng", "customer_experience", "vice_president")],
    ),
    ("Thủ Lĩnh Đội Dịch vụ Khách hàng", [("Thủ Lĩnh Đội Dịch vụ Khách hàng", "customer_service", "lead")]),
    (
        "Chuyên viên dịch vụ khách hàng cấp cao",
        [("Chuyên viên dịch vụ khách hàng cấp cao", "customer_service", "senior")],
    ),
    (
        "Phó/ Trưởng bộ phận dịch vụ khách hàng",
        [("Phó/ Trưởng bộ phận dịch vụ khách hàng", "customer_service", "manager")],
    ),
    (
        "Chuyên viên đào tạo dịch vụ khách hàng",
        [("Chuyên viên đào tạo dịch vụ khách hàng", "customer_service_training", "specialist")],
    ),
    ("Customer Service Team Leads", [("Customer Service Team Leads", "customer_service", "lead")]),
    ("Customer Service Executive", [("Customer Service Executive", "customer_service", "staff")]),
    # bilingual gloss: both names are found, folding them is the caller's job
    (
        "QA Leader (Trưởng nhóm QA)",
        [("QA Leader", "quality_assurance", "lead"), ("Trưởng nhóm QA", "quality_assurance", "lead")],
    ),
    (
        "Thực tập sinh thu mua (Purchasing Trainee)",
        [("Thực tập sinh thu mua", "purchasing", "intern"), ("Purchasing Trainee", "purchasing", "intern")],
    ),
    # other professions, Vietnamese
    ("Kế toán trưởng cần có chứng chỉ", [("Kế toán trưởng", "accounting", "manager")]),
    (
        "Tuyển Kế toán tổng hợp và Kế toán thuế",
        [("Kế toán tổng hợp", "accounting", "staff"), ("Kế toán thuế", "tax", "staff")],
    ),
    ("Luật sư tư vấn cho khách hàng", [("Luật sư", "lawyer", "staff")]),
    ("Luật sư tập sự", [("Luật sư tập sự", "lawyer", "intern")]),
    (
        "Dược sỹ lâm sàng (DSLS)",
        [("Dược sỹ lâm sàng", "clinical_pharmacy", "staff"), ("DSLS", "clinical_pharmacy", "staff")],
    ),
    ("Bếp trưởng chỉ đạo đầu bếp", [("Bếp trưởng", "kitchen", "manager"), ("đầu bếp", "kitchen", "staff")]),
    (
        "Điều dưỡng viên phối hợp với bác sĩ",
        [("Điều dưỡng viên", "nursing", "staff"), ("bác sĩ", "medicine", "staff")],
    ),
    ("Kỹ sư cơ khí thiết kế máy", [("Kỹ sư cơ khí", "mechanical_engineering", "staff")]),
    ("Trưởng phòng Nhân sự", [("Trưởng phòng Nhân sự", "human_resources", "manager")]),
    ("Nhân viên HCNS phụ trách chấm công", [("Nhân viên HCNS", "human_resources", "staff")]),
    ("Chuyên viên tuyển dụng", [("Chuyên viên tuyển dụng", "recruitment", "specialist")]),
    ("Giám đốc Kinh doanh", [("Giám đốc Kinh doanh", "sales", "director")]),
    ("Nhân viên phòng kinh doanh", [("Nhân viên phòng kinh doanh", "sales", "staff")]),
    ("Trưởng nhóm kinh doanh", [("Trưởng nhóm kinh doanh", "sales", "lead")]),
    ("Nhân viên tín dụng ngân hàng", [("Nhân viên tín dụng ngân hàng", "bank_credit", "staff")]),
    (
        "nhân viên môi giới bất động sản",
        [("nhân viên môi giới bất động sản", "real_estate_brokerage", "staff")],
    ),
    ("Giáo viên tiếng Anh", [("Giáo viên tiếng Anh", "teaching", "staff")]),
    ("Nhân viên thực tập kế toán", [("Nhân viên thực tập kế toán", "accounting", "intern")]),
    ("Tổ trưởng sản xuất", [("Tổ trưởng sản xuất", "production", "lead")]),
    ("Giám sát thi công là người chịu trách nhiệm", [("Giám sát thi công", "construction", "supervisor")]),
    ("Vị trí Quản lý kho yêu cầu kinh nghiệm", [("Quản lý kho", "warehouse", "manager")]),
    ("Phó phòng kinh doanh", [("Phó phòng kinh doanh", "sales", "manager")]),
    ("Phó giám đốc", [("Phó giám đốc", None, "director")]),
    ("Nhân viên tư vấn tài chính", [("Nhân viên tư vấn tài chính", "finance", "staff")]),
    ("Phiên dịch viên tiếng Nhật", [("Phiên dịch viên tiếng Nhật", "translation", "staff")]),
    ("Trình dược viên", [("Trình dược viên", "pharmaceutical_sales", "staff")]),
    # English only
    (
        "The Marketing Manager reports to the CFO.",
        [("Marketing Manager", "marketing", "manager"), ("CFO", "finance", "chief")],
    ),
    ("Senior Accountant", [("Senior Accountant", "accounting", "senior")]),
    ("Head of Marketing", [("Head of Marketing", "marketing", "manager")]),
    ("Director of Operations", [("Director of Operations", "operations", "director")]),
    ("VP of Sales", [("VP of Sales", "sales", "vice_president")]),
    ("Chief Marketing Officer", [("Chief Marketing Officer", "marketing", "chief")]),
    ("Assistant Store Manager", [("Assistant Store Manager", "retail", "manager")]),
    ("Junior UI Designer", [("Junior UI Designer", "ui_design", "staff")]),
    ("Intern/Fresher UI/UX Designer", [("Intern/Fresher UI/UX Designer", "ui_ux_design", "intern")]),
    ("Mid-Level UI/UX Designer", [("Mid-Level UI/UX Designer", "ui_ux_design", "staff")]),
    ("Senior Frontend Developer", [("Senior Frontend Developer", "frontend_development", "senior")]),
    ("Intern Realtor", [("Intern Realtor", "real_estate_brokerage", "intern")]),
    ("Project managers plan budgets", [("Project managers", "project_management", "manager")]),
    ("Mechanical engineers design tools", [("Mechanical engineers", "mechanical_engineering", "staff")]),
    ("A business analyst tests systems", [("business analyst", "business_analysis", "staff")]),
    ("Registered nurses coordinate care", [("Registered nurses", "nursing", "staff")]),
    ("Chefs and head cooks", [("Chefs", "kitchen", "manager"), ("head cooks", "kitchen", "manager")]),
    ("Loan Officer", [("Loan Officer", "bank_credit", "staff")]),
    ("Warehouse Supervisor", [("Warehouse Supervisor", "warehouse", "supervisor")]),
    ("Sales Team Lead", [("Sales Team Lead", "sales", "lead")]),
    (
        "Product Design Manager/Product Design Specialist",
        [
            ("Product Design Manager", "product_design", "manager"),
            ("Product Design Specialist", "product_design", "specialist"),
        ],
    ),
    ("We hire a Data Scientist", [("Data Scientist", "data_science", "staff")]),
    ("Solutions Architect", [("Solutions Architect", "software_architecture", "staff")]),  # not a building's
    ("Kỹ sư giám sát", [("Kỹ sư giám sát", "civil_engineering", "supervisor")]),  # a site's supervising engineer
    ("Thủ kho", [("Thủ kho", "storekeeping", "staff")]),  # not a warehouse worker
    ("Kiến trúc sư phần mềm", [("Kiến trúc sư phần mềm", "software_architecture", "staff")]),
    ("Marketing Director → CMO", [("Marketing Director", "marketing", "director"), ("CMO", "marketing", "chief")]),
    ("A sales manager's day", [("sales manager", "sales", "manager")]),
    ("hiring and training sales staff", [("sales staff", "sales", "staff")]),
    ("Sales Training Manager", [("Sales Training Manager", "sales_training", "manager")]),
    # bare title words, written as titles
    (
        "Các vị trí như Nhân viên, Trưởng nhóm, Giám sát đều quan trọng",
        [("Nhân viên", None, "staff"), ("Trưởng nhóm", None, "lead"), ("Giám sát", None, "supervisor")],
    ),
    (
        "Trưởng phòng CSKH (Manager).",
        [("Trưởng phòng CSKH", "customer_service", "manager"), ("Manager", None, "manager")],
    ),
    ("Giám đốc điều hành", [("Giám đốc điều hành", None, "chief")]),
    ("thực tập sinh", [("thực tập sinh", None, "intern")]),
    (
        "Trưởng nhóm và trưởng phòng chăm sóc khách hàng",
        [("Trưởng nhóm", None, "lead"), ("trưởng phòng chăm sóc khách hàng", "customer_service", "manager")],
    ),
    # a verb-like title used as a name
    (
        "Quản lý bộ phận chăm sóc khách hàng (Customer Service Manager): Giám sát hoạt động",
        [
            ("Quản lý bộ phận chăm sóc khách hàng", "customer_service", "manager"),
            ("Customer Service Manager", "customer_service", "manager"),
        ],
    ),
    (
        "Quản Lý Dịch vụ Khách hàng: Vị trí chiến lược",
        [("Quản Lý Dịch vụ Khách hàng", "customer_service", "manager")],
    ),
    # typed without diacritics
    ("nhan vien ke toan", [("nhan vien ke toan", "accounting", "staff")]),
    ("truong phong kinh doanh", [("truong phong kinh doanh", "sales", "manager")]),
    # field word then role: only the role
    ("phần mềm kế toán giúp kế toán viên", [("kế toán viên", "accounting", "staff")]),
    ("Trong ngành QA bạn khởi đầu. Một QA giỏi", [("QA", "quality_assurance", "staff")]),
    # a job noun and its workplace: one name, the function of the job
    ("Lễ tân khách sạn", [("Lễ tân khách sạn", "reception", "staff")]),
    ("Tuyển Lễ tân khách sạn", [("Lễ tân khách sạn", "reception", "staff")]),
    ("Lễ tân khách sạn cần có ngoại hình ưa nhìn", [("Lễ tân khách sạn", "reception", "staff")]),
    ("Kế toán kho", [("Kế toán kho", "accounting", "staff")]),
    ("Kế toán nhà hàng", [("Kế toán nhà hàng", "accounting", "staff")]),
    ("Tuyển Bảo vệ tòa nhà", [("Bảo vệ tòa nhà", "security_guard", "staff")]),
    ("Trưởng nhóm bảo vệ tòa nhà", [("Trưởng nhóm bảo vệ tòa nhà", "security_guard", "lead")]),
    ("Giáo viên tiểu học", [("Giáo viên tiểu học", "teaching", "staff")]),
    ("Dược sĩ bệnh viện cần có chứng chỉ hành nghề", [("Dược sĩ bệnh viện", "pharmacy", "staff")]),
    ("Bác sĩ gia đình", [("Bác sĩ gia đình", "medicine", "staff")]),
    (
        "Môi giới bất động sản cần kỹ năng đàm phán",
        [("Môi giới bất động sản", "real_estate_brokerage", "staff")],
    ),
    ("Giúp việc gia đình", [("Giúp việc gia đình", "domestic_work", "staff")]),
    # a workplace after a comma is a job board's suffix, not part of the name
    ("Nurse, ICU", [("Nurse", "nursing", "staff")]),
    ("Registered Nurse, ICU", [("Registered Nurse", "nursing", "staff")]),
    # English qualifiers before a job noun belong to its name; level words stay levels
    ("Primary School Teacher", [("Primary School Teacher", "teaching", "staff")]),
    ("High School Math Teacher", [("High School Math Teacher", "teaching", "staff")]),
    ("Primary school teachers plan lessons", [("Primary school teachers", "teaching", "staff")]),
    ("ICU Nurse", [("ICU Nurse", "nursing", "staff")]),
    (
        "Our ICU nurses and ER doctors",
        [("ICU nurses", "nursing", "staff"), ("ER doctors", "medicine", "staff")],
    ),
    ("Licensed Practical Nurse", [("Licensed Practical Nurse", "nursing", "staff")]),
    ("She is a licensed practical nurse.", [("licensed practical nurse", "nursing", "staff")]),
    ("Registered Nurse", [("Registered Nurse", "nursing", "staff")]),
    ("Certified Nursing Assistant", [("Certified Nursing Assistant", "nursing", "staff")]),
    ("Certified Public Accountant", [("Certified Public Accountant", "accounting", "staff")]),
    ("Front-end Developer", [("Front-end Developer", "frontend_development", "staff")]),
    ("Full-stack Developer", [("Full-stack Developer", "fullstack_development", "staff")]),
    ("SAP Consultant", [("SAP Consultant", "consulting", "staff")]),
    ("Senior ICU Nurse", [("Senior ICU Nurse", "nursing", "senior")]),
    ("SR ICU Nurse", [("SR ICU Nurse", "nursing", "senior")]),
    ("Senior Math Teacher", [("Senior Math Teacher", "teaching", "senior")]),
    ("Senior React Developer", [("Senior React Developer", "software_engineering", "senior")]),
    ("Senior High School Teacher", [("Senior High School Teacher", "teaching", "staff")]),
    ("HOW TO BECOME AN ICU NURSE", [("NURSE", "nursing", "staff")]),
    # a title word with a wrong tone mark counts before a department word only
    ("trường nhóm kinh doanh", [("trường nhóm kinh doanh", "sales", "lead")]),
    ("Trường nhóm CSKH", [("Trường nhóm CSKH", "customer_service", "lead")]),
    ("Tuyển Trường phòng Kế toán", [("Trường phòng Kế toán", "accounting", "manager")]),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[t for t, _ in MENTIONS])
def test_finds_role_names_with_function_and_level(text: str, expected: list) -> None:
    assert found(text) == expected


NOT_ROLES = [
    "- Quản lý, đào tạo, giám sát nhân viên",
    "Quản lý toàn bộ bộ phận",
    "chịu trách nhiệm quản lý, giám sát hoạt động của bộ phận",
    "Tuyển dụng, đào tạo và bồi dưỡng nhân viên mới cho bộ phận.",
    "là người đứng đầu và quản lý bộ phận chăm sóc khách hàng",
    "Kỹ năng quản lý dự án rất quan trọng.",
    "Kỹ năng Quản lý thời gian",
    "Kiến thức kế toán và chuẩn mực kế toán Việt Nam.",
    "Quầy thu ngân luôn sạch sẽ",
    "tăng trưởng kinh doanh",
    "Bảo vệ quyền lợi của khách hàng",
    "Biết lái xe ô tô là một lợi thế.",
    "generating sales leads for the team",
    "Managers must plan budgets. Our managers and supervisors",
    "She wants to become a manager one day.",
    "ở vị trí quản lý cấp cao hơn",
    "Chuyên gia cho rằng ngành này tăng trưởng.",
    "Giám sát chất lượng dịch vụ hàng ngày",
    "BA BƯỚC ĐỂ THÀNH CÔNG",
    "Chăm sóc khách hàng là một khâu quan trọng",
    "Customer service is key to sales and marketing.",
    "Project management involves setting goals",
    "Tốt nghiệp chuyên ngành Kế toán, Kiểm toán.",
    "lưu trữ chứng từ, thông tin tài chính kế toán.",
    "Nắm vững kiến thức về kế toán, thuế liên quan;",
    "The sales team is growing and sales are up.",
    "Update the device driver.",
    "Thực hiện nhiệm vụ theo phân công Giám sát một nhóm nhỏ nhân viên",
    "Kinh nghiệm: 2 năm. Quản lý và giám sát:",
    "Bảo vệ tòa nhà khỏi trộm cắp",
    "- Bảo vệ tòa nhà, tài sản của công ty",
    "Trong ngành lễ tân khách sạn, bạn cần",
    "phần mềm kế toán nhà hàng",
    "trường nhóm",
    "Trường nhóm sẽ phân công",
    "trường nhóm và trường phòng",
    "Học tại trường kinh doanh",
    "The ICU team meets every morning.",
]


@pytest.mark.parametrize("text", NOT_ROLES)
def test_verbs_fields_and_common_nouns_are_not_role_names(text: str) -> None:
    assert found(text) == []


# ---------------------------------------------------------------- offsets and the spaCy doc


def test_offsets_point_into_the_text_given() -> None:
    text = "Mô tả:\n\n  • Trưởng nhóm CSKH (Team Leader).\n\tKế toán trưởng\r\nSales  Manager"
    mentions = scan_roles(text).mentions
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    assert [m.text for m in mentions] == [
        "Trưởng nhóm CSKH",
        "Team Leader",
        "Kế toán trưởng",
        "Sales  Manager",
    ]


def test_decomposed_unicode_is_matched_with_offsets_into_it() -> None:
    text = unicodedata.normalize("NFD", "Vị trí Trưởng phòng kế toán")
    (m,) = scan_roles(text).mentions
    assert (m.function, m.level) == ("accounting", "manager")
    assert text[m.start : m.end] == m.text
    assert unicodedata.normalize("NFC", m.text) == "Trưởng phòng kế toán"


def test_a_line_break_ends_a_name() -> None:
    assert found("Trưởng nhóm\nCSKH là bộ phận") == [("Trưởng nhóm", None, "lead")]


def test_tone_placement_and_y_i_spellings_fold() -> None:
    assert found("Nhân viên hoà giải, dược sĩ, dược sỹ") == [
        ("dược sĩ", "pharmacy", "staff"),
        ("dược sỹ", "pharmacy", "staff"),
    ]


def test_spans_are_kept_in_the_doc() -> None:
    doc = role_doc("Trưởng phòng CSKH và Sales Manager")
    assert doc.text == "Trưởng phòng CSKH và Sales Manager"
    assert [(s.text, s.label_) for s in doc.spans["roles"]] == [
        ("Trưởng phòng CSKH", "customer_service/manager"),
        ("Sales Manager", "sales/manager"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Trưởng phòng CSKH", "vi"), ("Sales Manager", "en"), ("nhan vien ke toan", "vi"), ("QA Leader", "en")],
)
def test_mentions_carry_the_language_they_are_written_in(text: str, lang: str) -> None:
    assert [m.lang for m in scan_roles(text).mentions] == [lang]


# ---------------------------------------------------------------- classify_role


CLASSIFY = [
    ("Trưởng phòng chăm sóc khách hàng", None, ("customer_service", "manager")),
    ("Trưởng phòng CSKH", None, ("customer_service", "manager")),
    ("Customer Service Team Lead", None, ("customer_service", "lead")),
    ("Giao dịch viên", None, ("bank_teller", "staff")),
    ("Nhân viên CSKH qua điện thoại", None, ("call_center", "staff")),
    ("Quản lý cấp cao", "customer_service", ("customer_service", "senior_manager")),
    ("Giám đốc điều hành", "real_estate_brokerage", ("real_estate_brokerage", "chief")),
    ("Trưởng phòng", None, ("general", "manager")),
    ("Giám sát", "sales", ("sales", "supervisor")),
    ("Quản lý", "warehouse", ("warehouse", "manager")),
    ("designer", "graphic_design", ("graphic_design", "staff")),
    ("Kỹ sư", "mechanical_engineering", ("mechanical_engineering", "staff")),
    ("Designer", "accounting", ("design", "staff")),
    ("Product Design Manager/Product Design Specialist", None, ("product_design", "manager")),
    ("Head of Design/Product Design Expert", None, ("design", "manager")),
    ("Head of Design", "ui_ux_design", ("design", "manager")),
    ("Trưởng nhóm CSKH (Team Leader)", None, ("customer_service", "lead")),
    ("Purchasing Trainee", None, ("purchasing", "intern")),
    ("Junior Accountant", None, ("accounting", "staff")),
    ("QA Manager", None, ("quality_assurance", "manager")),
    ("Sales Manager", None, ("sales", "manager")),
    ("Entry-level engineers", "software_engineering", ("software_engineering", "staff")),
    ("Senior Developer", "mobile_development", ("mobile_development", "senior")),
    ("Lập trình viên", "backend_development", ("backend_development", "staff")),
    ("Software Engineer", "frontend_development", ("software_engineering", "staff")),
    ("Analyst", "financial_analysis", ("financial_analysis", "staff")),
    ("Kỹ thuật viên", "laboratory", ("laboratory", "staff")),
    ("Consultant", "tourism", ("tourism", "staff")),
    ("Kỹ sư", "laboratory", ("engineering", "staff")),
]


@pytest.mark.parametrize(("name", "default", "expected"), CLASSIFY, ids=[n for n, _, _ in CLASSIFY])
def test_classify_role(name: str, default: str | None, expected: tuple[str, str]) -> None:
    assert classify_role(name, default) == expected


@pytest.mark.parametrize(
    "name", ["Senior", "Executive", "chăm sóc khách hàng", "Marketing", "hello world", ""]
)
def test_classify_role_is_none_for_non_roles(name: str) -> None:
    assert classify_role(name) is None


RESOLVE = [
    # (function of the name, article field, name is a generic job noun only) -> function
    ("engineering", "software_engineering", True, "software_engineering"),
    ("engineering", "civil_engineering", True, "civil_engineering"),
    ("engineering", "quality_assurance", True, "quality_assurance"),
    ("software_engineering", "frontend_development", True, "frontend_development"),
    ("software_engineering", "frontend_development", False, "software_engineering"),
    ("design", "graphic_design", True, "graphic_design"),
    ("design", "ui_design", True, "ui_design"),
    ("analysis", "data_analysis", True, "data_analysis"),
    ("analysis", "financial_analysis", True, "financial_analysis"),
    ("consulting", "tax", True, "tax"),
    ("technician", "laboratory", True, "laboratory"),
    ("engineering", "laboratory", True, "engineering"),
    ("engineering", "accounting", True, "engineering"),
    ("design", "nursing", True, "design"),
]


@pytest.mark.parametrize(("function", "field", "generic", "expected"), RESOLVE)
def test_a_generic_job_noun_takes_the_field_that_is_a_kind_of_it(
    function: str, field: str, generic: bool, expected: str
) -> None:
    assert resolve_function(function, field, generic) == expected


def test_resolve_function_keeps_a_specific_function_against_the_article_field() -> None:
    assert resolve_function("reception", "customer_service") == "reception"
    assert resolve_function(None, None) == "general"
    assert resolve_function(None, "nursing") == "nursing"
    assert resolve_function("engineering", "civil_engineering", generic=True) == "civil_engineering"
    assert resolve_function("design", "ui_ux_design", generic=False) == "design"


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Designer", True),
        ("Senior engineers", True),
        ("Kỹ sư", True),
        ("Head of Design", False),
        ("Kỹ sư cơ khí", False),
        ("Developers", True),
        ("Lập trình viên", True),
        ("Software Engineer", False),
        ("Kỹ sư phần mềm", False),
    ],
)
def test_mentions_say_when_their_function_is_a_generic_job_noun(text: str, generic: bool) -> None:
    assert [m.generic for m in scan_roles(text).mentions] == [generic]


def test_role_id() -> None:
    assert role_id("customer_service", "manager") == "customer_service/manager"


# ---------------------------------------------------------------- one role, many forms


SAME_ROLE = [
    ("Trưởng phòng CSKH", "trưởng phòng chăm sóc khách hàng"),
    ("Trưởng phòng CSKH", "Customer Service Manager"),
    ("Customer Service Team Lead", "Customer Service Team Leads"),
    ("Trưởng nhóm Dịch vụ Khách hàng", "Thủ Lĩnh Đội Dịch vụ Khách hàng"),
    ("Nhân viên DVKH", "customer care staff"),
    ("Kế toán trưởng", "Chief Accountant"),
    ("Dược sỹ lâm sàng", "DSLS"),
    ("Nhân viên kế toán", "Accountant"),
    ("Trưởng phòng Nhân sự", "HR Manager"),
    ("Thực tập sinh thu mua", "Purchasing Trainee"),
]


@pytest.mark.parametrize(("a", "b"), SAME_ROLE)
def test_forms_of_one_role_read_as_one_role(a: str, b: str) -> None:
    assert classify_role(a) == classify_role(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Trưởng phòng CSKH", "Trưởng nhóm CSKH"),
        ("Nhân viên CSKH", "Nhân viên lễ tân"),
        ("Nhân viên CSKH", "Nhân viên CSKH qua điện thoại"),
        ("Giao dịch viên", "Nhân viên tín dụng"),
    ],
)
def test_different_roles_read_apart(a: str, b: str) -> None:
    assert classify_role(a) != classify_role(b)


# ---------------------------------------------------------------- article_function


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Trưởng nhóm và trưởng phòng chăm sóc khách hàng khác gì nhau?", "", "customer_service"),
        ("Luật sư là gì?", "Luật sư là những chuyên gia pháp lý.", "lawyer"),
        (
            "Mechanical Engineer Job Description",
            "Mechanical engineers design tools.",
            "mechanical_engineering",
        ),
        (
            "Lộ trình thăng tiến",
            "Lộ trình của nhân viên thu mua bắt đầu từ Thực tập sinh thu mua.",
            "purchasing",
        ),
        ("Chăm sóc khách hàng là gì", "Một khâu quan trọng của doanh nghiệp.", "customer_service"),
        ("Hello", "Nothing here.", None),
    ],
)
def test_article_function(title: str, lead: str, expected: str | None) -> None:
    assert article_function(scan_roles(title), scan_roles(lead)) == expected


def test_a_title_glued_to_the_lead_does_not_make_one_name() -> None:
    """Title and lead are read as the separate blocks they are: 'Bảo vệ' ending the title and
    'Customer Service Executive' opening the lead are two things, not one name."""
    text = "Mô tả công việc Bảo vệ\n\nCustomer Service Executive là vị trí quản lý cấp trung."
    scan = scan_roles(text)
    assert [m.text for m in scan.mentions][:1] == ["Customer Service Executive"]
    assert article_function(scan.within(0, 22), scan) == "customer_service"


# ---------------------------------------------------------------- the lexicon itself


def test_lexicon_covers_the_job_market_in_both_languages() -> None:
    functions = load_data("functions.json")["functions"]
    both = [
        fn
        for fn, e in functions.items()
        if any(e.get(p, {}).get("vi") for p in ("dept", "job"))
        and any(e.get(p, {}).get("en") for p in ("dept", "job"))
    ]
    assert len(both) >= 40


def test_lexicon_parents_exist_and_levels_are_spec_levels() -> None:
    functions = load_data("functions.json")["functions"]
    levels = load_data("levels.json")
    assert all(e["parent"] in functions for e in functions.values() if "parent" in e)
    spec = {
        "intern",
        "staff",
        "specialist",
        "senior",
        "lead",
        "supervisor",
        "manager",
        "senior_manager",
        "director",
        "vice_president",
        "chief",
    }
    assert set(levels["ranks"]) == spec
    assert {t["level"] for t in levels["terms"]} <= spec
    assert {lvl for e in functions.values() for lvl in e.get("job_level", {})} <= spec


def test_generic_job_nouns_are_jobs_of_their_function() -> None:
    functions = load_data("functions.json")["functions"]
    for fn, entry in functions.items():
        jobs = {p.casefold() for lang in ("vi", "en") for p in entry.get("job", {}).get(lang, [])}
        assert {p.casefold() for p in entry.get("generic_job", [])} <= jobs, fn


@pytest.mark.parametrize(
    ("abbr", "function"),
    [
        ("CSKH", "customer_service"),
        ("DVKH", "customer_service"),
        ("KT", "accounting"),
        ("HCNS", "human_resources"),
        ("IT", "information_technology"),
        ("QA", "quality_assurance"),
        ("QC", "quality_control"),
        ("BA", "business_analysis"),
        ("DSLS", "clinical_pharmacy"),
        ("HR", "human_resources"),
    ],
)
def test_abbreviations_fold_into_their_function(abbr: str, function: str) -> None:
    assert classify_role(f"Nhân viên {abbr}") == (function, "staff")


def test_lowercase_words_do_not_match_abbreviations() -> None:
    assert found("it is a ba") == []
