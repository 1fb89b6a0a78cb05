"""The review page places a gold miss where the scorer would match it: the needle is normalised
exactly as SPEC 5's scorer normalises (evaluate.normalize_text)."""

import pytest

from extract.evaluate import normalize_text
from extract.review.locate import locate, norm_needle

CASES = [
    # (article, gold text, the slice a reader would point at)
    ("Nhiệm vụ\n- Lập báo cáo thuế.\n", "Lập báo cáo thuế", "Lập báo cáo thuế"),
    ("(1) Kiểm kê kho hằng tháng", "(1) Kiểm kê kho hằng tháng", "Kiểm kê kho hằng tháng"),
    ("Đối chiếu\u200b công nợ", "Đối chiếu công nợ", "Đối chiếu\u200b công nợ"),
    ("ĐỐI CHIẾU CÔNG NỢ", "đối chiếu công nợ —", "ĐỐI CHIẾU CÔNG NỢ"),
    ("Tiếp nhận ho\u0300 sơ", "Tiếp nhận hồ sơ", None),  # another word, not the gold text
]


@pytest.mark.parametrize(("source", "gold", "expected"), CASES)
def test_a_miss_is_placed_where_the_scorer_matches_it(source: str, gold: str, expected: str | None):
    place = locate(source, gold)
    if expected is None:
        assert place is None or not place.exact
        return
    assert place is not None and place.exact
    assert source[place.start : place.end] == expected


@pytest.mark.parametrize("text", ["- Lập báo cáo.", "(2) Kiểm kê;", "a) Ghi sổ …", "\u00adĐối chiếu  công nợ"])
def test_the_needle_is_the_scorers_form(text: str):
    assert norm_needle(text) == normalize_text(text)
