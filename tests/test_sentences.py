"""Sentences are cut at sentence ends only, never inside numbers or abbreviations."""

import pytest

from extract.sentences import sentence_spans


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nurses give medication. They record vitals.", ["Nurses give medication.", "They record vitals."]),
        ("Lương 6.000.000 đồng. Thưởng theo quý.", ["Lương 6.000.000 đồng.", "Thưởng theo quý."]),
        ("The median was $90,160 in 2020. It grew.", ["The median was $90,160 in 2020.", "It grew."]),
        ("Firms in the U.S. hire many. Others do not.", ["Firms in the U.S. hire many.", "Others do not."]),
        ("Use tools, e.g. Excel. Then report.", ["Use tools, e.g. Excel.", "Then report."]),
        ("Lên kế hoạch nhân sự, kinh phí,… cho phòng.", ["Lên kế hoạch nhân sự, kinh phí,… cho phòng."]),
        ("Kế toán là gì? Kế toán ghi sổ.", ["Kế toán là gì?", "Kế toán ghi sổ."]),
        ("  one sentence without a stop  ", ["one sentence without a stop"]),
    ],
)
def test_sentence_cuts(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected
