"""Whole-article extraction cases: what a careful reader takes (SPEC 4.1) from small articles.

Each case is an article written for this file (job postings, role explainers, multi-role
articles, markdown, HTML, English-only, mixed Vietnamese/English) about professions other
than the samples, with the roles, duties, requirements, salaries and career ladders a
careful reader would take from it. The expectations come from the article and the SPEC,
not from what the pipeline prints.

One test per (case, aspect), so that a case that fails on one field still guards the
others. Texts are compared with the scorer's normalisation (SPEC 5: NFC, casefold, white
space, bullet marks, trailing punctuation) but otherwise exactly; salaries on min, max,
currency, period and stat; ladders on rung names (or role_id) in order with their years.
A (case, aspect) that the pipeline does not meet yet is marked xfail(strict=True) with
the diagnosed cause, so that fixing it turns the mark into a failure to remove.
"""

from __future__ import annotations

import pytest
from casekit import CHECKS, Aspect, Case, Req, Role, Step, params, usd, vnd

M = 1_000_000

# --- the cases ------------------------------------------------------------------------

EN_POSTING_DATA_ANALYST = Case(
    id="en_posting_data_analyst_md",
    media="md",
    text="""\
# Data Analyst

**Lumen Co.** · Ho Chi Minh City · Full-time

Salary: $60,000 - $75,000 per year

## About the role

Lumen is looking for a Data Analyst to join our growing team of 12 people.

## Responsibilities

- Build and maintain weekly dashboards in Power BI
- Clean and validate shipment data coming from our warehouse systems
- Present findings to the operations team every month

## Requirements

- Bachelor's degree in Statistics, Economics or a related field
- At least 2 years of experience with SQL
- Good command of written and spoken English

## Benefits

- 13th-month salary bonus
- Private health insurance for you and your family
- 15 days of paid leave per year

## How to apply

Send your CV to jobs@lumen.example before 30/06/2024.
""",
    roles=(
        Role(
            role_id="data_analysis/staff",
            names=("Data Analyst",),
            duties=(
                "Build and maintain weekly dashboards in Power BI",
                "Clean and validate shipment data coming from our warehouse systems",
                "Present findings to the operations team every month",
            ),
            requirements=(
                Req("Bachelor's degree in Statistics, Economics or a related field", kind="education"),
                Req("At least 2 years of experience with SQL", 2, None, kind="experience"),
                Req("Good command of written and spoken English", kind="language"),
            ),
            salaries=(usd(60000, 75000),),
        ),
    ),
)

VI_JOBBOARD_KE_TOAN = Case(
    id="vi_jobboard_ke_toan_tong_hop",
    media="txt",
    text="""\
Kế toán tổng hợp
Công ty TNHH Thương mại Minh Phát
Mức lương: 10 - 15 triệu
Địa điểm: Hà Nội
Hạn nộp hồ sơ: 30/07/2024
Mô tả công việc
- Hạch toán các nghiệp vụ kinh tế phát sinh hằng ngày trên phần mềm MISA
- Lập tờ khai thuế GTGT, TNCN hàng tháng, hàng quý
- Theo dõi công nợ phải thu, phải trả với khách hàng và nhà cung cấp
- Lập báo cáo tài chính cuối năm
Yêu cầu ứng viên
- Tốt nghiệp Cao đẳng/Đại học chuyên ngành Kế toán
- Có ít nhất 1 năm kinh nghiệm ở vị trí tương đương
- Sử dụng thành thạo Excel và phần mềm MISA
- Trung thực, cẩn thận
Quyền lợi
- Thưởng tháng 13, thưởng theo kết quả kinh doanh
- Đóng BHXH, BHYT đầy đủ theo quy định
- Du lịch hằng năm cùng công ty
Cách thức ứng tuyển
Ứng viên nộp hồ sơ trực tuyến bằng cách bấm nút Ứng tuyển ngay.
""",
    roles=(
        Role(
            role_id="accounting/staff",
            names=("Kế toán tổng hợp",),
            duties=(
                "Hạch toán các nghiệp vụ kinh tế phát sinh hằng ngày trên phần mềm MISA",
                "Lập tờ khai thuế GTGT, TNCN hàng tháng, hàng quý",
                "Theo dõi công nợ phải thu, phải trả với khách hàng và nhà cung cấp",
                "Lập báo cáo tài chính cuối năm",
            ),
            requirements=(
                Req("Tốt nghiệp Cao đẳng/Đại học chuyên ngành Kế toán", kind="education"),
                Req("Có ít nhất 1 năm kinh nghiệm ở vị trí tương đương", 1, None, kind="experience"),
                Req("Sử dụng thành thạo Excel và phần mềm MISA"),
                Req("Trung thực, cẩn thận"),
            ),
            salaries=(vnd(10 * M, 15 * M),),
        ),
    ),
)

VI_EXPLAINER_DIEU_DUONG = Case(
    id="vi_explainer_dieu_duong",
    media="txt",
    text="""\
Điều dưỡng viên là gì? Công việc, mức lương và lộ trình thăng tiến
Điều dưỡng viên là gì?
Điều dưỡng viên là người trực tiếp chăm sóc, theo dõi sức khỏe người bệnh theo chỉ định của bác sĩ tại bệnh viện, phòng khám và các cơ sở y tế.
Công việc của điều dưỡng
- Tiếp nhận người bệnh, hướng dẫn thủ tục nhập viện
- Theo dõi mạch, nhiệt độ, huyết áp và ghi chép vào hồ sơ bệnh án
- Thực hiện tiêm, truyền dịch, phát thuốc theo y lệnh
- Phối hợp với bác sĩ trong các ca cấp cứu
Yêu cầu đối với điều dưỡng viên
- Tốt nghiệp Cao đẳng hoặc Đại học chuyên ngành Điều dưỡng
- Có chứng chỉ hành nghề do Sở Y tế cấp
- Sức khỏe tốt, chịu được áp lực khi làm việc theo ca
Mức lương của điều dưỡng viên
Theo khảo sát năm 2024, điều dưỡng viên mới ra trường có mức lương từ 7 - 9 triệu đồng/tháng. Điều dưỡng có trên 5 năm kinh nghiệm có thể đạt 12 - 15 triệu đồng/tháng.
Lộ trình thăng tiến của điều dưỡng viên
Từ 0 - 2 năm: Điều dưỡng viên
Từ 2 - 5 năm: Trưởng nhóm điều dưỡng
Từ 5 - 10 năm: Điều dưỡng trưởng khoa
Trên 10 năm: Giám đốc điều dưỡng
""",
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Điều dưỡng viên", "điều dưỡng", "Điều dưỡng"),
            duties=(
                "Tiếp nhận người bệnh, hướng dẫn thủ tục nhập viện",
                "Theo dõi mạch, nhiệt độ, huyết áp và ghi chép vào hồ sơ bệnh án",
                "Thực hiện tiêm, truyền dịch, phát thuốc theo y lệnh",
                "Phối hợp với bác sĩ trong các ca cấp cứu",
            ),
            requirements=(
                Req("Tốt nghiệp Cao đẳng hoặc Đại học chuyên ngành Điều dưỡng", kind="education"),
                Req("Có chứng chỉ hành nghề do Sở Y tế cấp", kind="certification"),
                Req("Sức khỏe tốt, chịu được áp lực khi làm việc theo ca"),
            ),
            salaries=(vnd(7 * M, 9 * M), vnd(12 * M, 15 * M)),
            career=(
                Step("Điều dưỡng viên", 0, 2, "nursing/staff"),
                Step("Trưởng nhóm điều dưỡng", 2, 5, "nursing/lead"),
                Step("Điều dưỡng trưởng khoa", 5, 10, "nursing/manager"),
                Step("Giám đốc điều dưỡng", 10, None, "nursing/director"),
            ),
        ),
    ),
)

EN_EXPLAINER_SOFTWARE = Case(
    id="en_explainer_software_engineer",
    media="txt",
    text="""\
What Does a Software Engineer Do? Duties, Skills and Salary
A software engineer is a professional who applies engineering principles to build computer programs.
What does a Software Engineer do?
Software engineers work on many kinds of products, from mobile apps to banking systems. They design new features together with product managers and designers. They write clean, maintainable code in languages such as Java, Python or Go. They test their code with unit and integration tests before it is released. They also review pull requests from their teammates.
Skills you need
- A bachelor's degree in Computer Science or a related field
- Strong problem-solving skills
- 2+ years of experience with at least one programming language
How much does a Software Engineer make?
In the United States, the median salary for software engineers is $120,000 per year. Entry-level engineers typically earn between $80,000 and $95,000 a year.
""",
    roles=(
        Role(
            role_id="software_engineering/staff",
            names=("Software Engineer", "software engineer", "software engineers", "Software engineers"),
            duties=(
                "They design new features together with product managers and designers.",
                "They write clean, maintainable code in languages such as Java, Python or Go.",
                "They test their code with unit and integration tests before it is released.",
                "They also review pull requests from their teammates.",
            ),
            optional=(
                "Software engineers work on many kinds of products, from mobile apps to banking systems.",
            ),
            requirements=(
                Req("A bachelor's degree in Computer Science or a related field", kind="education"),
                Req("Strong problem-solving skills", kind="skill"),
                Req(
                    "2+ years of experience with at least one programming language",
                    2,
                    None,
                    kind="experience",
                ),
            ),
            salaries=(usd(120000, 120000, stat="median"), usd(80000, 95000)),
        ),
    ),
)

VI_MULTIROLE_SALES = Case(
    id="vi_multirole_sales",
    media="txt",
    text="""\
Nhân viên kinh doanh, Trưởng nhóm và Trưởng phòng kinh doanh làm gì?
Trong phòng kinh doanh, mỗi vị trí đảm nhận một vai trò khác nhau. Bài viết dưới đây giúp bạn hiểu rõ nhiệm vụ của từng vị trí.
1. Nhiệm vụ của Nhân viên kinh doanh
- Tìm kiếm khách hàng tiềm năng qua điện thoại, email và mạng xã hội
- Tư vấn, giới thiệu sản phẩm và gửi báo giá cho khách hàng
- Chăm sóc khách hàng sau khi ký hợp đồng
2. Nhiệm vụ của Trưởng nhóm kinh doanh
- Phân chia chỉ tiêu doanh số cho từng thành viên trong nhóm
- Đào tạo nhân viên mới về sản phẩm và kỹ năng bán hàng
- Báo cáo kết quả kinh doanh của nhóm cho Trưởng phòng
3. Nhiệm vụ của Trưởng phòng kinh doanh
- Xây dựng chiến lược kinh doanh và kế hoạch doanh số theo quý
- Quản lý, đánh giá hiệu quả làm việc của các nhóm kinh doanh
- Đàm phán với các khách hàng lớn và đối tác chiến lược
4. Mức lương tham khảo
Nhân viên kinh doanh: 8 - 12 triệu đồng/tháng (chưa kể hoa hồng)
Trưởng nhóm kinh doanh: 15 - 20 triệu đồng/tháng
Trưởng phòng kinh doanh: 25 - 40 triệu đồng/tháng
""",
    roles=(
        Role(
            role_id="sales/staff",
            names=("Nhân viên kinh doanh",),
            duties=(
                "Tìm kiếm khách hàng tiềm năng qua điện thoại, email và mạng xã hội",
                "Tư vấn, giới thiệu sản phẩm và gửi báo giá cho khách hàng",
                "Chăm sóc khách hàng sau khi ký hợp đồng",
            ),
            salaries=(vnd(8 * M, 12 * M),),
        ),
        Role(
            role_id="sales/lead",
            names=("Trưởng nhóm kinh doanh", "Trưởng nhóm"),
            duties=(
                "Phân chia chỉ tiêu doanh số cho từng thành viên trong nhóm",
                "Đào tạo nhân viên mới về sản phẩm và kỹ năng bán hàng",
                "Báo cáo kết quả kinh doanh của nhóm cho Trưởng phòng",
            ),
            salaries=(vnd(15 * M, 20 * M),),
        ),
        Role(
            role_id="sales/manager",
            names=("Trưởng phòng kinh doanh", "Trưởng phòng"),
            duties=(
                "Xây dựng chiến lược kinh doanh và kế hoạch doanh số theo quý",
                "Quản lý, đánh giá hiệu quả làm việc của các nhóm kinh doanh",
                "Đàm phán với các khách hàng lớn và đối tác chiến lược",
            ),
            salaries=(vnd(25 * M, 40 * M),),
        ),
    ),
)

HTML_MARKETING = Case(
    id="html_marketing_executive",
    media="html",
    text="""\
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Marketing Executive là gì? Mô tả công việc Marketing Executive</title></head>
<body>
<nav><a href="/">Trang chủ</a> &raquo; <a href="/nghe-nghiep">Nghề nghiệp</a></nav>
<article>
<h1>Marketing Executive là gì? Mô tả công việc chi tiết</h1>
<p>Marketing Executive (nhân viên marketing) là người triển khai các hoạt động tiếp thị theo kế hoạch của phòng Marketing.</p>
<h2>Mô tả công việc của Marketing Executive</h2>
<ul>
  <li>Lên kế hoạch và triển khai các chiến dịch quảng cáo trên Facebook, Google</li>
  <li>Viết nội dung cho website, fanpage và email gửi khách hàng</li>
  <li>Theo dõi, đo lường hiệu quả chiến dịch và báo cáo hằng tuần</li>
</ul>
<h2>Yêu cầu đối với Marketing Executive</h2>
<ul>
  <li>Tốt nghiệp Đại học chuyên ngành Marketing, Quản trị kinh doanh</li>
  <li>Có từ 1 - 2 năm kinh nghiệm ở vị trí tương đương</li>
  <li>Sử dụng thành thạo Canva, Google Analytics</li>
</ul>
<h2>Mức lương Marketing Executive</h2>
<p>Mức lương trung bình của Marketing Executive tại Việt Nam khoảng 12 triệu đồng/tháng.</p>
</article>
<footer>&copy; 2024 NgheNghiep.vn &middot; Hotline: 1900 1234</footer>
</body></html>
""",
    roles=(
        Role(
            role_id="marketing/staff",
            names=("Marketing Executive", "nhân viên marketing"),
            duties=(
                "Lên kế hoạch và triển khai các chiến dịch quảng cáo trên Facebook, Google",
                "Viết nội dung cho website, fanpage và email gửi khách hàng",
                "Theo dõi, đo lường hiệu quả chiến dịch và báo cáo hằng tuần",
            ),
            requirements=(
                Req("Tốt nghiệp Đại học chuyên ngành Marketing, Quản trị kinh doanh", kind="education"),
                Req("Có từ 1 - 2 năm kinh nghiệm ở vị trí tương đương", 1, 2, kind="experience"),
                Req("Sử dụng thành thạo Canva, Google Analytics"),
            ),
            salaries=(vnd(12 * M, 12 * M, stat="average"),),
        ),
    ),
)

EN_ARROW_LADDER = Case(
    id="en_arrow_ladder_developer_md",
    media="md",
    text="""\
# Software Developer Career Path: What Comes After Junior?

Every developer's journey is different, but in most product companies the path looks like this:

Junior Developer → Senior Developer → Tech Lead → Engineering Manager

Moving up usually takes a few years per step, depending on the company and on how quickly you take ownership of larger systems.

## Read more

- How to write a developer CV
- Interview questions for backend roles
""",
    roles=(
        Role(
            role_id="software_engineering/staff",
            names=("Software Developer", "Junior Developer"),
            career=(
                Step("Junior Developer", role_id="software_engineering/staff"),
                Step("Senior Developer", role_id="software_engineering/senior"),
                Step("Tech Lead", role_id="software_engineering/lead"),
                Step("Engineering Manager"),
            ),
        ),
    ),
)

MIXED_HR_MANAGER = Case(
    id="mixed_vi_en_hr_manager",
    media="txt",
    text="""\
HR Manager là gì? Job description của một HR Manager
HR Manager (Trưởng phòng nhân sự) là người chịu trách nhiệm quản lý toàn bộ hoạt động nhân sự trong doanh nghiệp.
Nhiệm vụ của HR Manager
- Xây dựng recruitment plan và ngân sách tuyển dụng hằng năm
- Quản lý hệ thống C&B, payroll và các chế độ phúc lợi
- Tư vấn cho Ban Giám đốc về employee engagement và văn hóa doanh nghiệp
Yêu cầu đối với HR Manager
- Tốt nghiệp Đại học chuyên ngành Quản trị nhân lực hoặc Luật
- Có ít nhất 5 năm kinh nghiệm trong lĩnh vực HR, trong đó 2 năm ở vị trí quản lý
- Tiếng Anh giao tiếp tốt (IELTS 6.5 trở lên)
Mức lương của HR Manager
HR Manager tại các công ty FDI thường có mức lương từ 30 - 50 triệu/tháng.
""",
    roles=(
        Role(
            role_id="human_resources/manager",
            names=("HR Manager", "Trưởng phòng nhân sự"),
            duties=(
                "Xây dựng recruitment plan và ngân sách tuyển dụng hằng năm",
                "Quản lý hệ thống C&B, payroll và các chế độ phúc lợi",
                "Tư vấn cho Ban Giám đốc về employee engagement và văn hóa doanh nghiệp",
            ),
            requirements=(
                Req("Tốt nghiệp Đại học chuyên ngành Quản trị nhân lực hoặc Luật", kind="education"),
                Req(
                    "Có ít nhất 5 năm kinh nghiệm trong lĩnh vực HR, trong đó 2 năm ở vị trí quản lý",
                    5,
                    None,
                    kind="experience",
                ),
                Req("Tiếng Anh giao tiếp tốt (IELTS 6.5 trở lên)", kind="language"),
            ),
            salaries=(vnd(30 * M, 50 * M),),
        ),
    ),
    xfail={
        "duties": (
            "records/prose: the title line (a paragraph block because it holds '?') is read as prose and its fragment 'Job description của một HR Manager' is a duty via the duty_phrases cue 'job description'"
        ),
    },
)

SALARY_NON_MONEY = Case(
    id="vi_salary_non_money_numbers",
    media="txt",
    text="""\
Mức lương kế toán viên năm 2024
Theo báo cáo của TopCV, 68% kế toán viên hài lòng với thu nhập hiện tại. Kế toán viên có dưới 2 năm kinh nghiệm nhận mức lương trung bình 9,5 triệu đồng/tháng, trong khi kế toán viên có 3 - 5 năm kinh nghiệm nhận từ 14 đến 18 triệu đồng/tháng. Kế toán nằm trong top 10 ngành nghề có nhu cầu tuyển dụng cao nhất năm 2023. Các công ty được đánh giá 4.5/5 sao trên Glassdoor thường trả lương cao hơn 15% so với mặt bằng chung. Liên hệ tư vấn miễn phí: 0903 123 456.
""",
    roles=(
        Role(
            role_id="accounting/staff",
            names=("Kế toán viên", "kế toán viên"),
            salaries=(vnd(9.5 * M, 9.5 * M, stat="average"), vnd(14 * M, 18 * M)),
        ),
    ),
)

EN_TEACHER = Case(
    id="en_primary_teacher",
    media="txt",
    text="""\
Primary School Teacher Job Description
A primary school teacher is an educator who teaches children aged 6 to 11 the core subjects of the national curriculum.
Primary School Teacher duties and responsibilities
- Plan and deliver lessons in English, mathematics and science
- Mark homework and give pupils regular feedback
- Keep records of pupils' progress and report to parents
- Supervise pupils during break times and school trips
Primary School Teacher requirements
- Bachelor's degree in Primary Education
- A valid teaching certificate
- Patience and excellent communication skills
Primary School Teacher salary
Primary school teachers earn an average of $28 per hour.
""",
    roles=(
        Role(
            role_id="teaching/staff",
            names=("Primary School Teacher", "primary school teacher", "Primary school teachers"),
            duties=(
                "Plan and deliver lessons in English, mathematics and science",
                "Mark homework and give pupils regular feedback",
                "Keep records of pupils' progress and report to parents",
                "Supervise pupils during break times and school trips",
            ),
            requirements=(
                Req("Bachelor's degree in Primary Education", kind="education"),
                Req("A valid teaching certificate", kind="certification"),
                Req("Patience and excellent communication skills"),
            ),
            salaries=(usd(28, 28, period="hour", stat="average"),),
        ),
    ),
)

VI_LOGISTICS_PROSE = Case(
    id="vi_logistics_prose_duties",
    media="txt",
    text="""\
Nhân viên Logistics là gì? Công việc và thu nhập
Nhân viên Logistics là người phụ trách việc lưu chuyển hàng hóa từ kho của doanh nghiệp đến tay khách hàng.
Nhân viên Logistics làm những công việc gì?
Hằng ngày, nhân viên logistics lập kế hoạch vận chuyển cho từng đơn hàng. Họ làm việc với các hãng tàu, hãng xe để đặt chỗ và theo dõi lịch trình giao hàng. Khi hàng bị chậm hoặc hư hỏng, họ xử lý sự cố và thông báo cho khách hàng. Đây là một công việc năng động, phù hợp với người trẻ.
Tố chất cần có
1. Kỹ năng đàm phán và giao tiếp tốt
2. Thành thạo tin học văn phòng
3. Tiếng Anh đọc hiểu chứng từ
Thu nhập
Nhân viên logistics mới vào nghề có thu nhập từ 8 triệu đồng/tháng trở lên. Sau 2 - 3 năm kinh nghiệm, thu nhập tăng lên 12 - 15 triệu đồng/tháng.
""",
    roles=(
        Role(
            role_id="logistics/staff",
            names=("Nhân viên Logistics", "nhân viên logistics"),
            duties=(
                "Hằng ngày, nhân viên logistics lập kế hoạch vận chuyển cho từng đơn hàng.",
                "Họ làm việc với các hãng tàu, hãng xe để đặt chỗ và theo dõi lịch trình giao hàng.",
                "Khi hàng bị chậm hoặc hư hỏng, họ xử lý sự cố và thông báo cho khách hàng.",
            ),
            optional=("Đây là một công việc năng động, phù hợp với người trẻ.",),
            requirements=(
                Req("Kỹ năng đàm phán và giao tiếp tốt", kind="skill"),
                Req("Thành thạo tin học văn phòng"),
                Req("Tiếng Anh đọc hiểu chứng từ", kind="language"),
            ),
            salaries=(vnd(8 * M, None), vnd(12 * M, 15 * M)),
        ),
    ),
)

EN_RECRUITER_POSTING = Case(
    id="en_posting_talent_acquisition",
    media="txt",
    text="""\
Talent Acquisition Specialist
Hanoi, Vietnam · Full-time · Hybrid
About us
We are a fintech company with 300 employees in 4 countries, building payment tools for small shops.
What you'll do
- Source candidates for engineering and product roles through LinkedIn and referrals
- Screen CVs and run first-round phone interviews
- Coordinate interview schedules with hiring managers
- Keep candidate records up to date in our ATS
What we're looking for
- 2-4 years of experience in recruitment, ideally in the tech industry
- Fluent English, both written and spoken
- Familiarity with LinkedIn Recruiter
What we offer
- Monthly salary: 20,000,000 - 30,000,000 VND (gross)
- Premium health insurance for you and your family
- A company laptop and 18 days of annual leave
""",
    roles=(
        Role(
            role_id="recruitment/specialist",
            names=("Talent Acquisition Specialist",),
            duties=(
                "Source candidates for engineering and product roles through LinkedIn and referrals",
                "Screen CVs and run first-round phone interviews",
                "Coordinate interview schedules with hiring managers",
                "Keep candidate records up to date in our ATS",
            ),
            requirements=(
                Req(
                    "2-4 years of experience in recruitment, ideally in the tech industry",
                    2,
                    4,
                    kind="experience",
                ),
                Req("Fluent English, both written and spoken", kind="language"),
                Req("Familiarity with LinkedIn Recruiter"),
            ),
            salaries=(vnd(20 * M, 30 * M),),
        ),
    ),
)

VI_TEACHER_POSTING = Case(
    id="vi_posting_giao_vien_tieng_anh",
    media="txt",
    text="""\
TUYỂN DỤNG GIÁO VIÊN TIẾNG ANH TIỂU HỌC
Trung tâm Anh ngữ Sao Mai tuyển 05 giáo viên tiếng Anh cho năm học 2024 - 2025.
Mức lương: 180.000 - 250.000 đồng/giờ
Mô tả công việc:
- Giảng dạy tiếng Anh cho học sinh từ 6 đến 11 tuổi theo giáo trình của trung tâm
- Soạn giáo án, chuẩn bị tài liệu trước mỗi buổi học
- Trao đổi với phụ huynh về tình hình học tập của học sinh
Yêu cầu:
- Tốt nghiệp Đại học Sư phạm tiếng Anh hoặc Ngôn ngữ Anh
- Có chứng chỉ TESOL hoặc CELTA
- Tối thiểu 02 năm kinh nghiệm giảng dạy trẻ em
- Phát âm chuẩn, ngoại hình ưa nhìn
Quyền lợi:
- Được đào tạo phương pháp giảng dạy miễn phí
- Thưởng lễ, Tết theo quy định
Liên hệ: 0912 345 678 (Ms. Hoa)
""",
    roles=(
        Role(
            role_id="teaching/staff",
            names=("GIÁO VIÊN TIẾNG ANH TIỂU HỌC", "giáo viên tiếng Anh", "GIÁO VIÊN TIẾNG ANH"),
            duties=(
                "Giảng dạy tiếng Anh cho học sinh từ 6 đến 11 tuổi theo giáo trình của trung tâm",
                "Soạn giáo án, chuẩn bị tài liệu trước mỗi buổi học",
                "Trao đổi với phụ huynh về tình hình học tập của học sinh",
            ),
            requirements=(
                Req("Tốt nghiệp Đại học Sư phạm tiếng Anh hoặc Ngôn ngữ Anh", kind="education"),
                Req("Có chứng chỉ TESOL hoặc CELTA", kind="certification"),
                Req("Tối thiểu 02 năm kinh nghiệm giảng dạy trẻ em", 2, None, kind="experience"),
                Req("Phát âm chuẩn, ngoại hình ưa nhìn"),
            ),
            salaries=(vnd(180000, 250000, period="hour"),),
        ),
    ),
)

EN_NURSE_MD = Case(
    id="en_registered_nurse_md",
    media="md",
    text="""\
# Registered Nurse: Job Description, Salary and Career Path

## What is a Registered Nurse?

A registered nurse (RN) is a licensed healthcare professional who provides and coordinates patient care.

## Duties

1. Assess patients' conditions and record their symptoms
2. Administer medication and treatments prescribed by doctors
3. Educate patients and families about managing illnesses

## Requirements

* An Associate Degree in Nursing or a Bachelor of Science in Nursing
* A passing score on the NCLEX-RN exam
* Basic Life Support (BLS) certification

## Salary

The median annual wage for registered nurses was $86,070 in May 2023. The lowest 10 percent earned less than $63,720, and the highest 10 percent earned more than $132,680.

## Career path

1. Staff Nurse (0-3 years)
2. Charge Nurse (3-5 years)
3. Nurse Manager (5+ years)
4. Director of Nursing
""",
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Registered Nurse", "registered nurse", "RN", "registered nurses"),
            duties=(
                "Assess patients' conditions and record their symptoms",
                "Administer medication and treatments prescribed by doctors",
                "Educate patients and families about managing illnesses",
            ),
            requirements=(
                Req("An Associate Degree in Nursing or a Bachelor of Science in Nursing", kind="education"),
                Req("A passing score on the NCLEX-RN exam"),
                Req("Basic Life Support (BLS) certification", kind="certification"),
            ),
            salaries=(
                usd(86070, 86070, stat="median"),
                usd(63720, 63720, stat="low"),
                usd(132680, 132680, stat="high"),
            ),
            career=(
                Step("Staff Nurse", 0, 3, "nursing/staff"),
                Step("Charge Nurse", 3, 5),
                Step("Nurse Manager", 5, None, "nursing/manager"),
                Step("Director of Nursing", None, None, "nursing/director"),
            ),
        ),
    ),
)

VI_RECRUITER_EXCERPT = Case(
    id="vi_excerpt_chuyen_vien_tuyen_dung",
    media="txt",
    text=(
        "Chuyên viên tuyển dụng là người tìm kiếm và thu hút những ứng viên phù hợp cho doanh nghiệp. "
        "Hằng ngày, chuyên viên tuyển dụng đăng tin tuyển dụng, sàng lọc hồ sơ và phỏng vấn ứng viên. "
        "Để làm tốt công việc này, bạn cần có kỹ năng giao tiếp và khả năng đánh giá con người.\n"
    ),
    roles=(
        Role(
            role_id="recruitment/specialist",
            names=("Chuyên viên tuyển dụng", "chuyên viên tuyển dụng"),
            duties=(
                "Hằng ngày, chuyên viên tuyển dụng đăng tin tuyển dụng, sàng lọc hồ sơ và phỏng vấn ứng viên.",
            ),
            requirements=(
                Req("Để làm tốt công việc này, bạn cần có kỹ năng giao tiếp và khả năng đánh giá con người."),
            ),
        ),
    ),
)

EN_ACCOUNTING_LEVELS_MD = Case(
    id="en_accounting_three_levels_md",
    media="md",
    text="""\
# Accounting Careers: Staff Accountant, Senior Accountant and Accounting Manager

Accounting departments are usually organised in three levels. Here is what each one does and what it takes.

## Staff Accountant

### Responsibilities

- Record daily transactions in the general ledger
- Reconcile bank statements every month
- Prepare invoices and track accounts receivable

### Requirements

- Bachelor's degree in Accounting or Finance
- 0-2 years of experience

Typical salary: $50,000 - $60,000 per year.

## Senior Accountant

### Responsibilities

- Prepare monthly and quarterly financial statements
- Review the work of junior staff
- Support the annual external audit

### Requirements

- CPA certification preferred
- 3-5 years of accounting experience

Typical salary: $70,000 - $85,000 per year.

## Accounting Manager

### Responsibilities

- Oversee the month-end close process
- Hire, train and develop a team of five to ten people
- Design internal controls and accounting policies

### Requirements

- 7+ years of experience, including 2 years in a supervisory role

Typical salary: $95,000 - $120,000 per year.
""",
    roles=(
        Role(
            role_id="accounting/staff",
            names=("Staff Accountant",),
            duties=(
                "Record daily transactions in the general ledger",
                "Reconcile bank statements every month",
                "Prepare invoices and track accounts receivable",
            ),
            requirements=(
                Req("Bachelor's degree in Accounting or Finance", kind="education"),
                Req("0-2 years of experience", 0, 2, kind="experience"),
            ),
            salaries=(usd(50000, 60000),),
        ),
        Role(
            role_id="accounting/senior",
            names=("Senior Accountant",),
            duties=(
                "Prepare monthly and quarterly financial statements",
                "Review the work of junior staff",
                "Support the annual external audit",
            ),
            requirements=(
                Req("CPA certification preferred", kind="certification"),
                Req("3-5 years of accounting experience", 3, 5, kind="experience"),
            ),
            salaries=(usd(70000, 85000),),
        ),
        Role(
            role_id="accounting/manager",
            names=("Accounting Manager",),
            duties=(
                "Oversee the month-end close process",
                "Hire, train and develop a team of five to ten people",
                "Design internal controls and accounting policies",
            ),
            requirements=(
                Req(
                    "7+ years of experience, including 2 years in a supervisory role",
                    7,
                    None,
                    kind="experience",
                ),
            ),
            salaries=(usd(95000, 120000),),
        ),
    ),
)

VI_JOBBOARD_XNK = Case(
    id="vi_jobboard_chung_tu_xnk_negotiable",
    media="txt",
    text="""\
Nhân viên chứng từ xuất nhập khẩu
Công ty CP Giao nhận Toàn Cầu
Mức lương: Thỏa thuận
Số lượng tuyển: 02 người
Mô tả công việc
- Chuẩn bị bộ chứng từ xuất nhập khẩu: invoice, packing list, C/O
- Khai báo hải quan điện tử trên phần mềm ECUS
- Liên hệ hãng tàu để lấy lệnh giao hàng
Yêu cầu
- Nam/Nữ, tuổi từ 22 - 30
- Tốt nghiệp chuyên ngành Ngoại thương, Logistics
- Có từ 6 tháng kinh nghiệm trở lên
Quyền lợi
- Lương tháng 13, thưởng KPI theo quý
- Được đóng bảo hiểm xã hội đầy đủ
""",
    roles=(
        Role(
            role_id="import_export/staff",
            names=("Nhân viên chứng từ xuất nhập khẩu",),
            duties=(
                "Chuẩn bị bộ chứng từ xuất nhập khẩu: invoice, packing list, C/O",
                "Khai báo hải quan điện tử trên phần mềm ECUS",
                "Liên hệ hãng tàu để lấy lệnh giao hàng",
            ),
            requirements=(
                Req("Nam/Nữ, tuổi từ 22 - 30"),
                Req("Tốt nghiệp chuyên ngành Ngoại thương, Logistics", kind="education"),
                Req("Có từ 6 tháng kinh nghiệm trở lên", 0.5, None, kind="experience"),
            ),
        ),
    ),
)

EN_DIGITAL_MARKETING_MD = Case(
    id="en_digital_marketing_manager_md",
    media="md",
    text="""\
# Digital Marketing Manager Job Description

## What does a Digital Marketing Manager do?

A Digital Marketing Manager plans and runs a company's online campaigns across search, social and email. They set the monthly budget for paid ads and decide how it is split between channels. They track conversion rates in Google Analytics and report results to the Marketing Director.

## Tools they use

- Google Ads
- HubSpot
- Semrush

## Salary

Digital marketing managers in the US earn a median of $85,000 a year, compared with $48,060 for all occupations.

## FAQ

**Is digital marketing a good career?**

Yes, demand for digital marketers is expected to grow 6% over the next decade.
""",
    roles=(
        Role(
            role_id="digital_marketing/manager",
            names=("Digital Marketing Manager", "Digital marketing managers"),
            duties=(
                "They set the monthly budget for paid ads and decide how it is split between channels.",
                "They track conversion rates in Google Analytics and report results to the Marketing Director.",
            ),
            optional=(
                "A Digital Marketing Manager plans and runs a company's online campaigns across search, social and email.",
            ),
            salaries=(usd(85000, 85000, stat="median"),),
        ),
    ),
)

EN_SALES_EXPLAINER = Case(
    id="en_sales_representative_explainer_txt",
    media="txt",
    text="""\
Sales Representative Job Description

A sales representative sells a company's products or services to customers and builds long-term client relationships.

Sales Representative Responsibilities
Sales representatives typically do the following:
- Identify and prospect new customers through cold calls, emails and networking.
- Present products and negotiate contracts with clients.
- Meet monthly and quarterly sales targets.

Requirements and skills
- 1-2 years of experience in sales or customer service.
- Excellent communication and negotiation skills.

Sales Representative Salary
According to the Bureau of Labor Statistics, the median annual wage for sales representatives was $67,750 in May 2023.

Career path
Sales Representative → Senior Sales Representative → Sales Manager → Regional Sales Director
Most sales representatives are promoted to senior roles after 2-3 years.
""",
    roles=(
        Role(
            role_id="sales/staff",
            names=("Sales Representative",),
            duties=(
                "Identify and prospect new customers through cold calls, emails and networking.",
                "Present products and negotiate contracts with clients.",
                "Meet monthly and quarterly sales targets.",
            ),
            requirements=(
                Req("1-2 years of experience in sales or customer service.", 1, 2, kind="experience"),
                Req("Excellent communication and negotiation skills.", kind="skill"),
            ),
            salaries=(usd(67750, 67750, stat="median"),),
            # the chain is the ladder; the sentence after it names the first rung again
            career=(
                Step("Sales Representative", role_id="sales/staff"),
                Step("Senior Sales Representative", role_id="sales/senior"),
                Step("Sales Manager", role_id="sales/manager"),
                Step("Regional Sales Director", role_id="sales/director"),
            ),
            optional=(
                "A sales representative sells a company's products or services to customers and builds "
                "long-term client relationships.",
            ),
        ),
    ),
)

VI_SALES_DEPARTMENT_ROLES = Case(
    id="vi_sales_department_inline_labels_txt",
    media="txt",
    text="""\
Các vị trí trong phòng kinh doanh: mô tả công việc và mức lương

Phòng kinh doanh là bộ phận mang lại doanh thu cho doanh nghiệp. Dưới đây là các vị trí phổ biến.

1. Nhân viên kinh doanh (Sales Executive)
Nhân viên kinh doanh là người trực tiếp tìm kiếm khách hàng và bán sản phẩm.
Công việc chính:
- Tìm kiếm, chăm sóc khách hàng tiềm năng qua điện thoại, email.
- Tư vấn sản phẩm, báo giá và chốt hợp đồng.
- Báo cáo doanh số hằng tuần cho trưởng nhóm.
Yêu cầu: tốt nghiệp cao đẳng trở lên, có kỹ năng giao tiếp tốt.
Mức lương: từ 8 - 15 triệu đồng/tháng cộng hoa hồng.

2. Trưởng phòng kinh doanh (Sales Manager)
Trưởng phòng kinh doanh chịu trách nhiệm xây dựng chiến lược bán hàng và quản lý đội ngũ.
Công việc chính:
- Lập kế hoạch kinh doanh theo quý và năm.
- Đào tạo, đánh giá hiệu quả làm việc của nhân viên.
- Đàm phán với các khách hàng lớn.
Yêu cầu: tối thiểu 5 năm kinh nghiệm trong lĩnh vực bán hàng, trong đó 2 năm ở vị trí quản lý.
Mức lương: 25 - 40 triệu đồng/tháng.

3. Giám đốc kinh doanh (Sales Director)
Giám đốc kinh doanh định hướng toàn bộ hoạt động kinh doanh của công ty.
Mức lương: trên 60 triệu đồng/tháng.
""",
    roles=(
        Role(
            role_id="sales/staff",
            names=("Nhân viên kinh doanh", "Sales Executive"),
            duties=(
                "Tìm kiếm, chăm sóc khách hàng tiềm năng qua điện thoại, email.",
                "Tư vấn sản phẩm, báo giá và chốt hợp đồng.",
                "Báo cáo doanh số hằng tuần cho trưởng nhóm.",
            ),
            # "Yêu cầu:" is the section's heading written inline: the requirement is what follows it
            requirements=(Req("tốt nghiệp cao đẳng trở lên, có kỹ năng giao tiếp tốt."),),
            salaries=(vnd(8 * M, 15 * M),),
            optional=("Nhân viên kinh doanh là người trực tiếp tìm kiếm khách hàng và bán sản phẩm.",),
        ),
        Role(
            role_id="sales/manager",
            names=("Trưởng phòng kinh doanh", "Sales Manager"),
            duties=(
                "Lập kế hoạch kinh doanh theo quý và năm.",
                "Đào tạo, đánh giá hiệu quả làm việc của nhân viên.",
                "Đàm phán với các khách hàng lớn.",
            ),
            requirements=(
                Req(
                    "tối thiểu 5 năm kinh nghiệm trong lĩnh vực bán hàng, trong đó 2 năm ở vị trí quản lý.",
                    5,
                    None,
                    kind="experience",
                ),
            ),
            salaries=(vnd(25 * M, 40 * M),),
            optional=(
                "Trưởng phòng kinh doanh chịu trách nhiệm xây dựng chiến lược bán hàng và quản lý đội ngũ.",
            ),
        ),
        Role(
            role_id="sales/director",
            names=("Giám đốc kinh doanh", "Sales Director"),
            salaries=(vnd(60 * M, None),),
            optional=("Giám đốc kinh doanh định hướng toàn bộ hoạt động kinh doanh của công ty.",),
        ),
    ),
)

EN_ELECTRICIAN_MD = Case(
    id="en_electrician_trade_ladder_md",
    media="md",
    text="""\
# Electrician Career Guide: Duties, Salary and How to Advance

An electrician installs, maintains and repairs electrical systems in homes, businesses and factories.

## What does an electrician do?

Electricians typically:

- Read blueprints and technical diagrams
- Install and maintain wiring, control and lighting systems
- Inspect electrical components such as transformers and circuit breakers
- Identify electrical problems using testing devices

## Requirements

- High school diploma or equivalent
- Completion of a 4-year apprenticeship program
- Most states require electricians to be licensed

## Electrician salary

The median annual wage for electricians was $61,590 in May 2023. The lowest 10 percent earned less than $39,000, and the highest 10 percent earned more than $104,000.

## Career path

Apprentice electrician → Journeyman electrician → Master electrician

Apprentices usually need 4 years of training before they can sit the journeyman exam.
""",
    roles=(
        Role(
            role_id="electrical_engineering/staff",
            names=(
                "Electrician",
                "Journeyman electrician",
            ),  # a trade's qualified level, as "Junior Developer"
            duties=(
                "Read blueprints and technical diagrams",
                "Install and maintain wiring, control and lighting systems",
                "Inspect electrical components such as transformers and circuit breakers",
                "Identify electrical problems using testing devices",
            ),
            requirements=(
                Req("High school diploma or equivalent", kind="education"),
                Req("Completion of a 4-year apprenticeship program"),
                Req("Most states require electricians to be licensed", kind="certification"),
            ),
            salaries=(
                usd(61_590, 61_590, stat="median"),
                usd(39_000, 39_000, stat="low"),
                usd(104_000, 104_000, stat="high"),
            ),
            career=(  # a ladder drawn on its own line under "Career path" is the article's role's path
                Step("Apprentice electrician", role_id="electrical_engineering/intern"),
                Step("Journeyman electrician", role_id="electrical_engineering/staff"),
                Step("Master electrician", role_id="electrical_engineering/senior"),
            ),
            optional=(  # the definition, worded as what the role does
                "An electrician installs, maintains and repairs electrical systems in homes, businesses and factories.",
            ),
        ),
    ),
)

VI_TOUR_GUIDE_PROSE_LADDER = Case(
    id="vi_tour_guide_prose_ladder",
    media="txt",
    text="""\
Hướng dẫn viên du lịch là gì? Công việc, mức lương và lộ trình thăng tiến

Hướng dẫn viên du lịch là người dẫn đoàn, thuyết minh và chăm sóc du khách trong suốt chuyến tham quan.

Công việc của hướng dẫn viên du lịch
1. Đón khách tại sân bay, khách sạn theo lịch trình
2. Thuyết minh về lịch sử, văn hóa của điểm đến
3. Xử lý các tình huống phát sinh trong chuyến đi

Yêu cầu đối với hướng dẫn viên du lịch
- Có thẻ hướng dẫn viên du lịch
- Ngoại ngữ tốt, đặc biệt với hướng dẫn viên quốc tế

Mức lương hướng dẫn viên du lịch
Hướng dẫn viên mới vào nghề có mức lương từ 7 - 10 triệu đồng/tháng, chưa kể tiền tip.

Lộ trình thăng tiến
Sau vài năm dẫn tour, hướng dẫn viên có thể trở thành điều hành tour, rồi lên trưởng phòng điều hành và cao hơn nữa là giám đốc công ty lữ hành.
""",
    roles=(
        Role(
            role_id="tourism/staff",
            names=("Hướng dẫn viên du lịch",),
            duties=(
                "Đón khách tại sân bay, khách sạn theo lịch trình",
                "Thuyết minh về lịch sử, văn hóa của điểm đến",
                "Xử lý các tình huống phát sinh trong chuyến đi",
            ),
            requirements=(
                Req("Có thẻ hướng dẫn viên du lịch", kind="certification"),
                Req("Ngoại ngữ tốt, đặc biệt với hướng dẫn viên quốc tế", kind="language"),
            ),
            salaries=(vnd(7 * M, 10 * M),),
            career=(  # a ladder told in one sentence of the career section
                Step("hướng dẫn viên", role_id="tourism/staff"),
                Step("điều hành tour", role_id="tourism/staff"),
                Step("trưởng phòng điều hành", role_id="operations/manager"),
                Step("giám đốc công ty lữ hành", role_id="tourism/director"),
            ),
        ),
    ),
)

EN_RN_JOB_POSTING_MD = Case(
    id="en_registered_nurse_job_posting_md",
    media="md",
    text="""\
# Registered Nurse - Medical/Surgical Unit

**Location:** Springfield General Hospital, Springfield, IL
**Job type:** Full-time, nights
**Pay range:** $38.50 - $52.00 per hour

## What you'll do

- Assess, plan, implement and evaluate patient care for an assignment of 4-5 patients
- Administer medications and treatments as prescribed
- Educate patients and families on discharge plans

## What you'll bring

- Active RN license in the State of Illinois
- 1+ years of acute care experience
- Bachelor of Science in Nursing (BSN) preferred

## Benefits

- Sign-on bonus up to $10,000
- Medical, dental and vision insurance
""",
    roles=(
        Role(
            role_id="nursing/staff",
            names=("Registered Nurse",),
            duties=(
                "Assess, plan, implement and evaluate patient care for an assignment of 4-5 patients",
                "Administer medications and treatments as prescribed",
                "Educate patients and families on discharge plans",
            ),
            requirements=(
                Req("Active RN license in the State of Illinois", kind="certification"),
                Req("1+ years of acute care experience", min_years=1, kind="experience"),
                Req("Bachelor of Science in Nursing (BSN) preferred", kind="education"),
            ),
            salaries=(usd(38.5, 52.0, period="hour"),),  # a one-time sign-on bonus is not pay for the role
        ),
    ),
)

VI_ACCOUNTING_ROLES_MD = Case(
    id="vi_accounting_roles_md",
    media="md",
    text="""\
# Các vị trí kế toán trong doanh nghiệp: nhiệm vụ và mức lương

Phòng kế toán của một doanh nghiệp thường có nhiều vị trí khác nhau. Dưới đây là những vị trí phổ biến nhất.

## 1. Kế toán thuế

Kế toán thuế là người phụ trách toàn bộ công việc liên quan đến thuế của doanh nghiệp.

**Nhiệm vụ:**
- Lập tờ khai thuế GTGT, thuế TNCN hàng tháng, hàng quý
- Quyết toán thuế cuối năm
- Làm việc với cơ quan thuế khi có thanh tra, kiểm tra

**Mức lương:** từ 9 - 15 triệu đồng/tháng

## 2. Kế toán kho

**Nhiệm vụ:**
- Theo dõi nhập, xuất, tồn kho hàng ngày
- Kiểm kê kho định kỳ và đối chiếu số liệu với thủ kho

**Yêu cầu:**
- Tốt nghiệp trung cấp trở lên chuyên ngành kế toán
- Thành thạo Excel

**Mức lương:** 8 - 12 triệu đồng/tháng

## 3. Kế toán trưởng

Kế toán trưởng chịu trách nhiệm điều hành toàn bộ bộ máy kế toán.

**Nhiệm vụ:**
- Tổ chức công tác kế toán và phân công công việc cho các kế toán viên
- Ký duyệt báo cáo tài chính

**Yêu cầu:**
- Có chứng chỉ kế toán trưởng
- Tối thiểu 5 năm kinh nghiệm ở vị trí kế toán tổng hợp

**Mức lương:** 25 - 40 triệu đồng/tháng

## Lộ trình thăng tiến

Kế toán viên → Kế toán tổng hợp (2-3 năm) → Kế toán trưởng (5 năm trở lên) → Giám đốc tài chính
""",
    roles=(
        Role(
            role_id="tax/staff",
            names=("Kế toán thuế",),
            duties=(
                "Lập tờ khai thuế GTGT, thuế TNCN hàng tháng, hàng quý",
                "Quyết toán thuế cuối năm",
                "Làm việc với cơ quan thuế khi có thanh tra, kiểm tra",
            ),
            salaries=(vnd(9 * M, 15 * M),),
        ),
        Role(  # presented under its own heading: named so, whatever a requirement or the ladder mentions
            role_id="accounting/staff",
            names=("Kế toán kho",),
            duties=(
                "Theo dõi nhập, xuất, tồn kho hàng ngày",
                "Kiểm kê kho định kỳ và đối chiếu số liệu với thủ kho",
            ),
            requirements=(
                Req("Tốt nghiệp trung cấp trở lên chuyên ngành kế toán", kind="education"),
                Req("Thành thạo Excel", kind="skill"),
            ),
            salaries=(vnd(8 * M, 12 * M),),
            career=(
                Step("Kế toán viên", role_id="accounting/staff"),
                Step("Kế toán tổng hợp", 2, 3, role_id="accounting/staff"),
                Step("Kế toán trưởng", 5, None, role_id="accounting/manager"),
                Step("Giám đốc tài chính", role_id="finance/director"),
            ),
        ),
        Role(  # "## 3." sits a level above the previous role's "**Yêu cầu:**": its prose is no requirement
            role_id="accounting/manager",
            names=("Kế toán trưởng",),
            duties=(
                "Kế toán trưởng chịu trách nhiệm điều hành toàn bộ bộ máy kế toán.",
                "Tổ chức công tác kế toán và phân công công việc cho các kế toán viên",
                "Ký duyệt báo cáo tài chính",
            ),
            requirements=(
                Req("Có chứng chỉ kế toán trưởng", kind="certification"),
                Req("Tối thiểu 5 năm kinh nghiệm ở vị trí kế toán tổng hợp", min_years=5, kind="experience"),
            ),
            salaries=(vnd(25 * M, 40 * M),),
        ),
    ),
)

EN_SALES_PAY_TABLE_MD = Case(
    id="en_sales_pay_table_md",
    media="md",
    text="""\
# Sales Representative Salary Guide 2026

How much does a sales representative make? Pay depends on experience and on the market.

| Experience | Base salary | Total pay (with commission) |
|---|---|---|
| Entry-level (0-2 years) | $42,000 | $55,000 |
| Mid-career (3-5 years) | $55,000 | $75,000 |
| Senior (6+ years) | $68,000 | $98,000 |

## Sales representative job description

Sales representatives are responsible for:

1. Prospecting new clients by phone, email and LinkedIn
2. Presenting products and negotiating contracts
3. Meeting monthly and quarterly sales quotas

## Skills

- Excellent communication and negotiation skills
- Experience with a CRM such as Salesforce or HubSpot
""",
    roles=(
        Role(
            role_id="sales/staff",
            names=("Sales Representative",),
            duties=(
                "Prospecting new clients by phone, email and LinkedIn",
                "Presenting products and negotiating contracts",
                "Meeting monthly and quarterly sales quotas",
            ),
            requirements=(
                Req("Excellent communication and negotiation skills", kind="skill"),
                Req("Experience with a CRM such as Salesforce or HubSpot"),
            ),
            salaries=(  # $55,000 twice: the entry-level total and the mid-career base, two observations
                usd(42_000, 42_000, stat="average"),
                usd(55_000, 55_000, stat="average"),
                usd(55_000, 55_000, stat="average"),
                usd(75_000, 75_000, stat="average"),
                usd(68_000, 68_000, stat="average"),
                usd(98_000, 98_000, stat="average"),
            ),
        ),
    ),
)

VI_TWO_ROLES_COMPARED = Case(
    id="vi_two_roles_compared",
    media="txt",
    text="""\
Kế toán và kiểm toán khác nhau như thế nào?

Kế toán và kiểm toán là hai nghề thường bị nhầm lẫn.

Nhiệm vụ của một kế toán viên là ghi chép các nghiệp vụ kinh tế phát sinh hằng ngày. Bên cạnh đó, kiểm toán viên kiểm tra tính trung thực của báo cáo tài chính. Có lúc kế toán viên cũng lập báo cáo thuế cho doanh nghiệp.
""",
    roles=(
        Role(
            role_id="accounting/staff",
            names=("kế toán viên",),
            duties=(
                "Nhiệm vụ của một kế toán viên là ghi chép các nghiệp vụ kinh tế phát sinh hằng ngày.",
                "Có lúc kế toán viên cũng lập báo cáo thuế cho doanh nghiệp.",
            ),
        ),
        Role(
            role_id="auditing/staff",
            names=("kiểm toán viên",),
            duties=("Bên cạnh đó, kiểm toán viên kiểm tra tính trung thực của báo cáo tài chính.",),
        ),
    ),
)

CASES: tuple[Case, ...] = (
    EN_POSTING_DATA_ANALYST,
    VI_JOBBOARD_KE_TOAN,
    VI_EXPLAINER_DIEU_DUONG,
    EN_EXPLAINER_SOFTWARE,
    VI_MULTIROLE_SALES,
    HTML_MARKETING,
    EN_ARROW_LADDER,
    MIXED_HR_MANAGER,
    SALARY_NON_MONEY,
    EN_TEACHER,
    VI_LOGISTICS_PROSE,
    EN_RECRUITER_POSTING,
    VI_TEACHER_POSTING,
    EN_NURSE_MD,
    VI_RECRUITER_EXCERPT,
    EN_ACCOUNTING_LEVELS_MD,
    VI_JOBBOARD_XNK,
    EN_DIGITAL_MARKETING_MD,
    EN_SALES_EXPLAINER,
    VI_SALES_DEPARTMENT_ROLES,
    EN_ELECTRICIAN_MD,
    VI_TOUR_GUIDE_PROSE_LADDER,
    EN_RN_JOB_POSTING_MD,
    VI_ACCOUNTING_ROLES_MD,
    EN_SALES_PAY_TABLE_MD,
    VI_TWO_ROLES_COMPARED,
)



@pytest.mark.parametrize("case,aspect", params(CASES))
def test_article_extraction(case: Case, aspect: Aspect) -> None:
    CHECKS[aspect](case)
