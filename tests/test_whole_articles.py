"""Whole articles of the layouts long pages take: a job-family page (front matter, one part
per level), a career profile built from markdown tables, a blog post whose headings are the
rungs of a ladder, a comparison with a column per role, job-board postings (Vietnamese plain
text with group labels, English markdown). Each was written for this file about professions
the samples and the development set do not cover; the expectations are what a careful reader
takes (SPEC 4.1), checked by the case kit (tests/casekit.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from casekit import CHECKS, Aspect, Case, Pay, Req, Role, Step, params, usd, vnd

M = 1_000_000

JOB_FAMILY_NURSING = Case(
    id="md_job_family_nursing",
    media="md",
    text="""\
---
layout: job_family_page
title: "Nursing"
---

## Staff Nurse

### Job Grade

The Staff Nurse is a [grade 5](/handbook/grades/).

### Responsibilities

- Assess patients on admission and record their vital signs
- Administer medication as prescribed by the attending physician
- Update care plans at the end of every shift

### Requirements

- Registered nurse license in good standing
- 1+ years of experience in an acute care ward
- You share our [values](/handbook/values/), and work in accordance with them.

## Levels

### Senior

#### Job Grade

The Senior Staff Nurse is a [grade 6](/handbook/grades/).

#### Responsibilities

- Extends the Staff Nurse responsibilities
- Precept newly hired nurses during their first month
- Lead the daily safety huddle

#### Requirements

- 4+ years of acute care experience

### Manager, Nursing

#### Job Grade

The Manager, Nursing is a [grade 8](/handbook/grades/).

#### Responsibilities

- Build the ward's staffing roster
- Own the ward's budget and supply orders

#### Requirements

- Bachelor of Science in Nursing
- Proven experience leading a team of nurses

## Career Ladder

The next step in the Nursing job family is to move to the [Director of Nursing](/job-families/director/) job family.
""",
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Staff Nurse",),
            duties=(
                "Assess patients on admission and record their vital signs",
                "Administer medication as prescribed by the attending physician",
                "Update care plans at the end of every shift",
            ),
            requirements=(
                Req("Registered nurse license in good standing", kind="certification"),
                Req("1+ years of experience in an acute care ward", 1, None, "experience"),
                Req("You share our values, and work in accordance with them."),
            ),
            career=(
                Step("Staff Nurse", role_id="nursing/staff"),
                Step("Senior Staff Nurse", role_id="nursing/senior"),
                Step("Manager, Nursing", role_id="nursing/manager"),
                Step("Director of Nursing", role_id="nursing/director"),
            ),
        ),
        Role(
            role_id="nursing/senior",
            names=("Senior Staff Nurse", "Senior"),
            duties=("Precept newly hired nurses during their first month", "Lead the daily safety huddle"),
            requirements=(Req("4+ years of acute care experience", 4, None, "experience"),),
        ),
        Role(
            role_id="nursing/manager",
            names=("Manager, Nursing",),
            duties=("Build the ward's staffing roster", "Own the ward's budget and supply orders"),
            requirements=(
                Req("Bachelor of Science in Nursing", kind="education"),
                Req("Proven experience leading a team of nurses"),
            ),
        ),
    ),
)

CAREER_PROFILE_LOGISTICS = Case(
    id="md_career_profile_logistics",
    media="md",
    text="""\
# 🚚 Logistics Coordinator Career Profile

**Primary Function:** To plan and track the movement of goods from suppliers to customers.

---

## 💼 Role Snapshot

| Detail | Data | Source / Context |
| :--- | :--- | :--- |
| **US Average Annual Salary** | **$48,000 - $62,000** | Varies with freight volume. |
| **Typical Entry-Level Education** | Associate's Degree in Supply Chain Management | Warehouse experience can stand in for a degree. |

## 🛠️ Core Knowledge, Skills, and Abilities (KSA)

| Category | Knowledge (What you know) | Skills (What you can do) | Abilities (Soft Skills) |
| :--- | :--- | :--- | :--- |
| **Planning** | Incoterms and customs documentation. | Build delivery schedules in a TMS. | **Calm under pressure** when trucks are late. |
| **Data** | Inventory accounting basics. | Reconcile carrier invoices in Excel. | **Clear communication** with drivers and buyers. |

## 🏅 Certifications

| Certification Title | Provider | Focus Area |
| :--- | :--- | :--- |
| **Certified Logistics Associate (CLA)** | MSSC | Entry-level logistics practice. |

## Career Progression

**Entry-Level (0-2 years):** Logistics Coordinator ($45k-$55k)
- Book shipments with carriers
- Track deliveries and report delays

**Mid-Level (3-6 years):** Logistics Manager ($70k-$90k)
- Negotiate freight contracts
- Manage a team of coordinators

### Educational Pathways

* **Degrees:** Associate's or Bachelor's degree in Supply Chain Management.
* **Career Ladder:** The common next step is often **Supply Chain Analyst** or **Procurement Specialist**.
""",
    roles=(
        Role(
            role_id="logistics/staff",
            names=("Logistics Coordinator",),
            duties=("Book shipments with carriers", "Track deliveries and report delays"),
            requirements=(
                Req("Associate's Degree in Supply Chain Management", kind="education"),
                Req("Incoterms and customs documentation.", kind="knowledge"),
                Req("Inventory accounting basics.", kind="knowledge"),
                Req("Build delivery schedules in a TMS.", kind="skill"),
                Req("Reconcile carrier invoices in Excel.", kind="skill"),
                Req("Calm under pressure when trucks are late.", kind="skill"),
                Req("Clear communication with drivers and buyers.", kind="skill"),
                Req("Certified Logistics Associate (CLA)", kind="certification"),
                Req("Degrees: Associate's or Bachelor's degree in Supply Chain Management.", kind="education"),
            ),
            salaries=(usd(48_000, 62_000, stat="average"), usd(45_000, 55_000)),
            career=(
                Step("Logistics Coordinator", 0, 2),
                Step("Logistics Manager", 3, 6),
                Step("Supply Chain Analyst"),
                Step("Procurement Specialist"),
            ),
        ),
        Role(
            role_id="logistics/manager",
            names=("Logistics Manager",),
            duties=("Negotiate freight contracts", "Manage a team of coordinators"),
            salaries=(usd(70_000, 90_000),),
        ),
    ),
)

HEADING_LADDER_BLOG_VI = Case(
    id="md_heading_ladder_kiem_toan",
    media="md",
    text="""\
Bài viết này mô tả con đường nghề nghiệp của một kiểm toán viên, theo thứ tự từ thấp lên cao.

## Trợ lý kiểm toán

Mới ra trường, bạn bắt đầu ở vị trí trợ lý kiểm toán. Công việc của trợ lý kiểm toán là kiểm tra chứng từ, đối chiếu số dư và chuẩn bị giấy tờ làm việc. Mức lương khởi điểm khoảng 8 - 10 triệu đồng/tháng.

## Kiểm toán viên

Sau 2 - 3 năm, bạn trở thành kiểm toán viên. Kiểm toán viên lập kế hoạch kiểm toán cho từng phần hành và hướng dẫn trợ lý. Mức lương khoảng 15 - 20 triệu đồng/tháng.

## Trưởng nhóm kiểm toán

Trưởng nhóm kiểm toán phân công công việc cho cả đoàn và làm việc trực tiếp với khách hàng. Mức lương khoảng 25 - 35 triệu đồng/tháng.

## Chủ nhiệm kiểm toán

Chủ nhiệm kiểm toán duyệt hồ sơ kiểm toán và chịu trách nhiệm về chất lượng báo cáo.
""",
    roles=(
        # the assistant and the auditor are both staff: one record with both names (SPEC 2)
        Role(
            role_id="auditing/staff",
            names=("Kiểm toán viên", "Trợ lý kiểm toán"),
            duties=(
                "Công việc của trợ lý kiểm toán là kiểm tra chứng từ, đối chiếu số dư và chuẩn bị giấy tờ làm việc.",
                "Kiểm toán viên lập kế hoạch kiểm toán cho từng phần hành và hướng dẫn trợ lý.",
            ),
            salaries=(vnd(8 * M, 10 * M), vnd(15 * M, 20 * M)),
            career=(
                Step("Trợ lý kiểm toán", role_id="auditing/staff"),
                Step("Kiểm toán viên", role_id="auditing/staff"),
                Step("Trưởng nhóm kiểm toán", role_id="auditing/lead"),
                Step("Chủ nhiệm kiểm toán", role_id="auditing/manager"),
            ),
        ),
        Role(
            role_id="auditing/lead",
            names=("Trưởng nhóm kiểm toán",),
            duties=("Trưởng nhóm kiểm toán phân công công việc cho cả đoàn và làm việc trực tiếp với khách hàng.",),
            salaries=(vnd(25 * M, 35 * M),),
        ),
        Role(
            role_id="auditing/manager",
            names=("Chủ nhiệm kiểm toán",),
            duties=("Chủ nhiệm kiểm toán duyệt hồ sơ kiểm toán và chịu trách nhiệm về chất lượng báo cáo.",),
        ),
    ),
)

POSTING_VI_GROUP_LABELS = Case(
    id="txt_posting_real_estate_manager",
    media="txt",
    text="""\
Trưởng phòng Kinh doanh Bất động sản
Công ty Cổ phần Địa ốc Sao Mai
Địa điểm làm việc: Quận 7, TP. Hồ Chí Minh
Mức lương: 25 - 40 triệu

Mô tả công việc
1. Tổ chức, triển khai:
Xây dựng kế hoạch kinh doanh theo tháng, quý cho phòng
Triển khai các chiến dịch bán hàng cho dự án mới
2. Quản lý nhân sự:
Tuyển dụng, đào tạo đội ngũ nhân viên kinh doanh
Phân công công việc và đánh giá hiệu quả của từng thành viên

Yêu cầu ứng viên
- Tốt nghiệp Đại học chuyên ngành Kinh tế, Quản trị kinh doanh
- Có ít nhất 3 năm kinh nghiệm quản lý đội nhóm kinh doanh
- Chịu được áp lực doanh số

Quyền lợi
- Lương cứng 25 - 40 triệu + hoa hồng
- Đóng BHXH, BHYT đầy đủ theo quy định
- Du lịch công ty hằng năm
""",
    roles=(
        Role(
            role_id="sales/manager",
            names=("Trưởng phòng Kinh doanh Bất động sản", "Trưởng phòng Kinh doanh"),
            duties=(
                "Xây dựng kế hoạch kinh doanh theo tháng, quý cho phòng",
                "Triển khai các chiến dịch bán hàng cho dự án mới",
                "Tuyển dụng, đào tạo đội ngũ nhân viên kinh doanh",
                "Phân công công việc và đánh giá hiệu quả của từng thành viên",
            ),
            requirements=(
                Req("Tốt nghiệp Đại học chuyên ngành Kinh tế, Quản trị kinh doanh", kind="education"),
                Req("Có ít nhất 3 năm kinh nghiệm quản lý đội nhóm kinh doanh", 3, None, "experience"),
                Req("Chịu được áp lực doanh số"),
            ),
            salaries=(vnd(25 * M, 40 * M),),
        ),
    ),
)

POSTING_VI_PLAIN_LINES = Case(
    id="txt_posting_general_accountant",
    media="txt",
    text="""\
NHÂN VIÊN KẾ TOÁN TỔNG HỢP
Công ty TNHH Thương mại Hoàng Long
Mức lương: 10 - 14 triệu

Mô tả công việc:
Kiểm tra, đối chiếu chứng từ thu chi hằng ngày
Hạch toán các nghiệp vụ kinh tế phát sinh
Lập báo cáo thuế GTGT, TNCN hằng tháng

Yêu cầu công việc:
Tốt nghiệp Cao đẳng trở lên chuyên ngành Kế toán
Có ít nhất 1 năm kinh nghiệm ở vị trí tương đương
Cẩn thận, trung thực

Quyền lợi được hưởng:
Lương tháng 13, thưởng lễ Tết
Được đóng bảo hiểm theo luật lao động
""",
    roles=(
        Role(
            role_id="accounting/staff",
            names=("NHÂN VIÊN KẾ TOÁN TỔNG HỢP",),
            duties=(
                "Kiểm tra, đối chiếu chứng từ thu chi hằng ngày",
                "Hạch toán các nghiệp vụ kinh tế phát sinh",
                "Lập báo cáo thuế GTGT, TNCN hằng tháng",
            ),
            requirements=(
                Req("Tốt nghiệp Cao đẳng trở lên chuyên ngành Kế toán", kind="education"),
                Req("Có ít nhất 1 năm kinh nghiệm ở vị trí tương đương", 1, None, "experience"),
                Req("Cẩn thận, trung thực"),
            ),
            salaries=(vnd(10 * M, 14 * M),),
        ),
    ),
)

POSTING_EN_MARKDOWN = Case(
    id="md_posting_data_engineer",
    media="md",
    text="""\
# Senior Data Engineer

**Company:** Nimbus Analytics
**Salary:** $150,000 - $180,000 per year

## About the role

Nimbus is looking for a Senior Data Engineer to own our streaming data platform.

## What you'll do

- Design and build batch and streaming pipelines in Spark and Kafka
- Own the reliability of our data warehouse on Snowflake

## What you'll bring

- 5+ years of experience building data pipelines
- Strong SQL and Python

## Benefits

- Medical, dental and vision insurance
- 401(k) with 4% match
""",
    roles=(
        Role(
            role_id="data_engineering/senior",
            names=("Senior Data Engineer",),
            duties=(
                "Design and build batch and streaming pipelines in Spark and Kafka",
                "Own the reliability of our data warehouse on Snowflake",
            ),
            requirements=(
                Req("5+ years of experience building data pipelines", 5, None, "experience"),
                Req("Strong SQL and Python"),
            ),
            salaries=(usd(150_000, 180_000),),
        ),
    ),
)

COMPARISON_TABLE_VI = Case(
    id="md_comparison_nurse_midwife",
    media="md",
    text="""\
# Điều dưỡng và hộ sinh khác nhau thế nào?

Hai nghề đều làm việc trong bệnh viện nhưng nhiệm vụ rất khác nhau.

| Tiêu chí | Điều dưỡng | Hộ sinh |
| --- | --- | --- |
| Nhiệm vụ | Chăm sóc, theo dõi người bệnh nằm viện | Đỡ đẻ và chăm sóc sản phụ sau sinh |
| Yêu cầu | Bằng cao đẳng điều dưỡng | Bằng cao đẳng hộ sinh |
| Mức lương | 8 - 12 triệu | 9 - 13 triệu |
""",
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Điều dưỡng",),
            duties=("Chăm sóc, theo dõi người bệnh nằm viện",),
            requirements=(Req("Bằng cao đẳng điều dưỡng", kind="education"),),
            salaries=(vnd(8 * M, 12 * M),),
        ),
        Role(
            role_id="midwifery/staff",
            names=("Hộ sinh",),
            duties=("Đỡ đẻ và chăm sóc sản phụ sau sinh",),
            requirements=(Req("Bằng cao đẳng hộ sinh", kind="education"),),
            salaries=(vnd(9 * M, 13 * M),),
        ),
    ),
)

POSTING_VI_HTML = Case(
    id="html_posting_software_sales",
    media="html",
    text='''\
<html><body>
<div class="header"><a href="/">TopCV</a> | Việc làm | Công ty</div>
<h1 class="job-title">Nhân Viên Kinh Doanh Phần Mềm - Thu Nhập 15 - 25 Triệu</h1>
<div class="company-name">CÔNG TY CỔ PHẦN GIẢI PHÁP SỐ VIỆT</div>
<div class="job-detail__info"><span>Mức lương</span><span>15 - 25 triệu</span><span>Địa điểm</span><span>Hà Nội</span><span>Kinh nghiệm</span><span>1 năm</span></div>
<div class="job-description">
<h3>Mô tả công việc</h3>
<div>- Tìm kiếm khách hàng doanh nghiệp có nhu cầu sử dụng phần mềm quản lý<br>- Tư vấn, demo sản phẩm cho khách hàng<br>- Lên báo giá, đàm phán và ký hợp đồng<br>- Chăm sóc khách hàng sau bán hàng</div>
<h3>Yêu cầu ứng viên</h3>
<div>- Tốt nghiệp Cao đẳng trở lên<br>- Có ít nhất 1 năm kinh nghiệm bán hàng B2B<br>- Giao tiếp tốt, ngoại hình ưa nhìn</div>
<h3>Quyền lợi</h3>
<div>- Lương cứng 10 triệu + hoa hồng hấp dẫn<br>- Đóng BHXH đầy đủ<br>- Du lịch hằng năm</div>
<h3>Địa điểm làm việc</h3>
<div>- Hà Nội: Tầng 5, tòa nhà ABC, Cầu Giấy</div>
</div>
</body></html>
''',
    roles=(
        Role(
            role_id="sales/staff",
            names=("Nhân Viên Kinh Doanh Phần Mềm", "Nhân Viên Kinh Doanh"),
            duties=(
                "Tìm kiếm khách hàng doanh nghiệp có nhu cầu sử dụng phần mềm quản lý",
                "Tư vấn, demo sản phẩm cho khách hàng",
                "Lên báo giá, đàm phán và ký hợp đồng",
                "Chăm sóc khách hàng sau bán hàng",
            ),
            requirements=(
                Req("Tốt nghiệp Cao đẳng trở lên", kind="education"),
                Req("Có ít nhất 1 năm kinh nghiệm bán hàng B2B", 1, None, "experience"),
                Req("Giao tiếp tốt, ngoại hình ưa nhìn"),
            ),
            # the pay in the title and in the facts widget is one figure; the base pay under
            # Quyền lợi is its fixed part
            salaries=(vnd(15 * M, 25 * M), vnd(10 * M, 10 * M, stat="average")),
        ),
    ),
)

POSTING_EN_HTML = Case(
    id="html_posting_icu_nurse",
    media="html",
    text='''\
<html><head><title>Registered Nurse - ICU | Mercy Hospital | LinkedIn</title></head><body>
<nav>Jobs · People · Learning</nav>
<main>
<h1>Registered Nurse - ICU</h1>
<div class="company">Mercy Hospital · Springfield, IL · On-site</div>
<div class="salary">$38.50/hr - $52.75/hr · Full-time</div>
<section class="description">
<div><strong>About the job</strong></div>
<div>Mercy Hospital is hiring an experienced ICU Registered Nurse to join our 24-bed critical care unit.</div>
<div><br></div>
<div><strong>Responsibilities:</strong></div>
<div>• Provide direct care to critically ill patients on ventilators and drips</div>
<div>• Titrate vasoactive medications per protocol</div>
<div>• Collaborate with intensivists, respiratory therapists &amp; pharmacists</div>
<div>• Educate patients and families on plans of care</div>
<div><br></div>
<div><strong>Qualifications:</strong></div>
<div>• Active RN license in Illinois</div>
<div>• BLS and ACLS certification required</div>
<div>• 2+ years of ICU experience preferred</div>
<div>• BSN preferred</div>
<div><br></div>
<div><strong>Benefits:</strong></div>
<div>• Medical, dental and vision from day one</div>
<div>• $10,000 sign-on bonus</div>
<div>• Tuition reimbursement</div>
</section>
<footer>© 2024 LinkedIn Corporation · Privacy · Terms</footer>
</main></body></html>
''',
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Registered Nurse", "ICU Registered Nurse"),
            duties=(
                "Provide direct care to critically ill patients on ventilators and drips",
                "Titrate vasoactive medications per protocol",
                "Collaborate with intensivists, respiratory therapists & pharmacists",
                "Educate patients and families on plans of care",
            ),
            requirements=(
                Req("Active RN license in Illinois", kind="certification"),
                Req("BLS and ACLS certification required", kind="certification"),
                Req("2+ years of ICU experience preferred", 2, None, "experience"),
                Req("BSN preferred"),
            ),
            salaries=(Pay(Decimal("38.5"), Decimal("52.75"), "USD", "hour", "range"),),  # no sign-on bonus
        ),
    ),
)

CASES: tuple[Case, ...] = (
    JOB_FAMILY_NURSING,
    CAREER_PROFILE_LOGISTICS,
    HEADING_LADDER_BLOG_VI,
    POSTING_VI_GROUP_LABELS,
    POSTING_VI_PLAIN_LINES,
    POSTING_EN_MARKDOWN,
    COMPARISON_TABLE_VI,
    POSTING_VI_HTML,
    POSTING_EN_HTML,
)


@pytest.mark.parametrize("case,aspect", params(CASES))
def test_whole_article(case: Case, aspect: Aspect) -> None:
    CHECKS[aspect](case)
