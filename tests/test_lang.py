"""Language per block (vi / en / mixed) and the article's language shares."""

from __future__ import annotations

import pytest

from extract.document import Block
from extract.lang import assign_languages, block_language, document_languages, segment_language


@pytest.mark.parametrize(
    ("segment", "lang"),
    [
        ("Kế toán viên lập báo cáo tài chính hằng tháng.", "vi"),
        ("Điều dưỡng chăm sóc bệnh nhân sau phẫu thuật.", "vi"),
        ("Registered nurses assess patients and record symptoms.", "en"),
        ("The median annual wage for accountants was $78,000.", "en"),
        ("Thực tập sinh thu mua (Purchasing Trainee)", "vi"),  # Vietnamese with an English title
        ("Customer Service Executive là người đứng đầu bộ phận.", "vi"),
        ("Word, Excel, PowerPoint", None),  # names only: no evidence either way
        ("CSKH", None),
        ("6.000.000", None),
    ],
)
def test_sentence_language(segment: str, lang: str | None) -> None:
    assert segment_language(segment) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nhân viên kinh doanh tìm kiếm khách hàng mới và chăm sóc khách hàng cũ.", "vi"),
        ("Software engineers design, build and maintain applications.", "en"),
        (
            "A data analyst cleans and models data for the business. Chuyên viên phân tích dữ liệu "
            "xây dựng báo cáo và dashboard cho ban giám đốc mỗi tuần.",
            "mixed",
        ),
        (
            "Công cụ: Phần mềm như Slack giúp tương tác nội bộ. Email and live chat tools are essential for teams.",
            "mixed",
        ),
        ("Thành thạo tin học văn phòng: Word, Excel, PowerPoint", "vi"),
        ("Introduction", "en"),
    ],
)
def test_block_language(text: str, lang: str) -> None:
    assert block_language(text) == lang


def _block(text: str, kind: str = "paragraph") -> Block:
    return Block(kind=kind, text=text, start=0, end=len(text), offsets=tuple(range(len(text))))  # type: ignore[arg-type]


def test_every_kept_block_gets_a_language_figures_take_the_articles_main_one() -> None:
    blocks = [
        _block("Kế toán trưởng phụ trách toàn bộ công tác kế toán của doanh nghiệp."),
        _block("15.000.000"),
        _block("Share on Facebook", "boilerplate"),
    ]
    assign_languages(blocks)
    assert [b.lang for b in blocks] == ["vi", "vi", None]


def test_document_shares_are_by_letters_over_kept_blocks_and_sum_to_one() -> None:
    vi = "Giáo viên soạn giáo án và chấm bài cho học sinh mỗi tuần."
    en = "Teachers plan lessons."
    blocks = [
        _block(vi),
        _block(vi),
        _block(en),
        _block("Related posts about teaching careers", "boilerplate"),
    ]
    shares = document_languages(blocks)
    assert list(shares) == ["vi", "en"]
    assert shares["vi"] > 0.8 and shares["en"] > 0.1
    assert abs(sum(shares.values()) - 1) <= 0.01
    assert all(round(v, 2) == v for v in shares.values())


def test_no_letters_no_shares() -> None:
    assert document_languages([_block("6.000.000 | 5.000.000")]) == {}
