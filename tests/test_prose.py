"""What a prose sentence is, by the section it stands in (SPEC 4.1)."""

import pytest

from extract.fields.prose import classify_sentence, opens_with_verb
from extract.fields.requirements import requirement_fields
from extract.roles import scan_roles


@pytest.mark.parametrize(
    "sentence,section,expected",
    [
        # duties sections: a sentence stating tasks is a duty
        ("Nurses record vital signs and give medication to patients.", "duties", "duty"),
        ("Kế toán viên lập báo cáo tài chính hằng tháng.", "duties", "duty"),
        ("Họ tính lương và bảo hiểm cho nhân viên công ty.", "duties", "duty"),  # payroll is a duty
        ("Các công việc của kế toán viên như sau:", "duties", None),  # list intro
        ("Kế toán viên là người ghi chép sổ sách của doanh nghiệp.", "duties", None),  # definition
        ("Hai vị trí này khác gì nhau về trách nhiệm?", "duties", None),  # question
        ("Ngoài ra, kế toán trưởng cần phải có bằng đại học chuyên ngành kế toán.", "duties", "requirement"),
        # statistics as a task is a duty; a figure cited from statistics is none
        ("Kế toán viên thống kê số liệu bán hàng hằng tuần.", "duties", "duty"),
        ("Theo thống kê, kế toán viên làm việc trung bình 45 giờ mỗi tuần.", "duties", None),
        # requirements sections: every sentence is a requirement, save talk about requirements
        ("Candidates should be comfortable with cold calling.", "requirements", "requirement"),
        ("Ứng viên cần đáp ứng những yêu cầu nhất định về trình độ.", "requirements", None),
        # beside a list, prose is kept only when it plainly states a requirement
        ("Hơn nữa, bạn cũng cần phải có kỹ năng giao tiếp tốt với khách hàng.", "requirements", "requirement"),
        # no heading: a definition, a task with a subject, an imperative task line, or nothing
        ("A registered nurse is a licensed health professional.", None, "definition"),
        ("They review code and fix bugs reported by testers.", None, "duty"),
        ("Developing test plans for each software release.", None, "duty"),
        ("Thiết lập quy trình kiểm soát chất lượng cho nhà máy.", None, "duty"),
        # "X là công việc/ngành …": what the job is like, though a task verb follows
        ("Kế toán viên là công việc có khả năng tích lũy kinh nghiệm, nghiên cứu chuyên môn.", None, "definition"),
        ("Software engineering is a rewarding career for many people.", None, None),
        ("Thường thì bạn sẽ làm việc tại vị trí này từ 2 – 3 năm.", None, None),  # tenure, not a task
        ("Để có thể trở thành dược sĩ, bạn phải học năm năm đại học.", None, None),  # how to become
        ("Teachers need a bachelor's degree and a state license.", None, "requirement"),
        # what employers want, prefer or cannot do without, in a role's part with no heading kind
        ("Nhà tuyển dụng cũng mong muốn bạn sử dụng thành thạo Excel và phần mềm MISA.", None, "requirement"),
        ("Khả năng giao tiếp bằng tiếng Anh là bắt buộc nếu bạn làm cho tập đoàn nước ngoài.", None, "requirement"),
        ("Most employers want 3+ years of experience.", None, "requirement"),
        ("To excel as a Team Lead, certain skills are essential.", None, None),  # introduces a list
        ("Một CMO thường có trên 10 năm kinh nghiệm quản lý ngân sách lớn.", "duties", "requirement"),
        ("In this guide you'll find what the job involves day to day.", None, None),
        ("Theo điều lệ, hiệu trưởng phải có ít nhất 5 năm làm giáo viên ở cấp học tương ứng.", None, "requirement"),
    ],
)
def test_sentence_kind(sentence, section, expected):
    beside_list = sentence.startswith("Hơn nữa")
    roles = [(m.start, m.end) for m in scan_roles(sentence).mentions]
    assert classify_sentence(sentence, section, roles, beside_list=beside_list) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thiết lập sổ tay chất lượng", True),
        ("Nhân viên QA là người kiểm tra", False),
        ("Analyze sales data weekly", True),
        ("Designing user interfaces", True),
        ("The role is demanding", False),
    ],
)
def test_opens_with_verb(text, expected):
    assert opens_with_verb(text) is expected


@pytest.mark.parametrize(
    "text,kind,lo,hi",
    [
        ("Tốt nghiệp Đại học chuyên ngành Kế toán, Kiểm toán", "education", None, None),
        ("Có ít nhất 2 năm kinh nghiệm bán hàng B2B", "experience", 2, None),
        ("Bachelor's degree in Computer Science", "education", None, None),
        ("3-5 years of experience in nursing", "experience", 3, 5),
        ("Chứng chỉ hành nghề dược", "certification", None, None),
        ("IELTS 6.5 trở lên hoặc tương đương", "language", None, None),
        ("Fluent in English and Japanese", "language", None, None),
        ("Ngoại hình ưa nhìn, chiều cao từ 1m60", "appearance", None, None),
        ("Am hiểu luật thuế và chuẩn mực kế toán", "knowledge", None, None),
        ("Kỹ năng đàm phán và thuyết phục khách hàng", "skill", None, None),
        ("Trung thực, chăm chỉ", "other", None, None),
    ],
)
def test_requirement_kind_and_years(text, kind, lo, hi):
    assert requirement_fields(text) == {"kind": kind, "min_years": lo, "max_years": hi}
