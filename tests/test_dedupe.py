"""Duplicate articles: copies with other debris are caught, distinct articles are not."""

from __future__ import annotations

import itertools
import random
import unicodedata
from pathlib import Path

import pytest

from extract.dedupe import DuplicateFinder, find_duplicates, shingles, words

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw").glob("*.txt")) + sorted((ROOT / "tests/dev/raw").glob("*.txt"))
DEBRIS = [
    "Back to Reference",
    "Watch a demo",
    "Đăng nhập | Đăng ký",
    "Chia sẻ bài viết: Facebook Twitter LinkedIn",
    "Xem thêm: Top 10 việc làm lương cao nhất",
    "Trang chủ > Cẩm nang nghề nghiệp",
    "Subscribe to our newsletter",
    "Copyright © 2024 All rights reserved",
]

ABOUT_US = (
    "About us. We are a fast growing retail group with more than two hundred stores across the country "
    "and a team of five thousand people who care about our customers. Benefits: thirteenth month salary, "
    "health insurance, annual company trip, training budget, hybrid working two days a week, and a "
    "modern office in the city centre close to public transport. "
)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _with_debris(text: str, seed: int, count: int = 6) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for line in rng.sample(DEBRIS, count):
        lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_identical_copy_is_a_duplicate_of_the_first(path):
    finder = DuplicateFinder()
    assert finder.check("first", _text(path)) is None
    assert finder.check("second", _text(path)) == "first"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_copy_with_other_navigation_debris_is_a_duplicate(path):
    finder = DuplicateFinder()
    assert finder.check("a", _with_debris(_text(path), 1)) is None
    assert finder.check("b", _with_debris(_text(path), 2)) == "a"


@pytest.mark.parametrize("path", ARTICLES[:5], ids=lambda p: p.stem)
def test_copy_with_a_truncated_ending_is_a_duplicate(path):
    text = _text(path)
    finder = DuplicateFinder()
    finder.check("full", text)
    assert finder.check("cut", text[: int(len(text) * 0.92)]) == "full"


def test_distinct_articles_are_never_duplicates():
    pairs = [(p.stem, _text(p)) for p in ARTICLES]
    assert find_duplicates(pairs) == {}


def test_job_postings_sharing_a_company_template_are_not_duplicates():
    sales = "Sales Executive. Find and develop new customers in the north region, reach the monthly revenue target, keep in touch with dealers, report weekly to the sales manager, attend trade fairs and prepare quotations for key accounts."
    accounting = "Accountant. Record daily transactions, reconcile bank statements every month, prepare VAT and personal income tax declarations, support the chief accountant with year-end closing and audits."
    finder = DuplicateFinder()
    assert finder.check("sales", ABOUT_US + sales) is None
    assert finder.check("accounting", ABOUT_US + accounting) is None


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.upper(),
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: "  ".join(t.split()),
    ],
    ids=["case", "nfd", "whitespace"],
)
def test_case_unicode_form_and_spacing_do_not_hide_a_copy(variant):
    text = _text(ARTICLES[0])
    finder = DuplicateFinder()
    finder.check("a", text)
    assert finder.check("b", variant(text)) == "a"


def test_a_third_copy_points_to_the_original_not_to_the_second():
    text = _text(ARTICLES[1])
    finder = DuplicateFinder()
    finder.check("orig", text)
    assert finder.check("copy1", _with_debris(text, 1)) == "orig"
    assert finder.check("copy2", _with_debris(text, 2)) == "orig"


def test_text_without_words_is_neither_a_duplicate_nor_remembered():
    finder = DuplicateFinder()
    assert finder.check("empty1", " \n — ") is None
    assert finder.check("empty2", "") is None


def test_checking_the_same_doc_id_twice_is_refused():
    finder = DuplicateFinder()
    finder.check("a", "some words here")
    with pytest.raises(ValueError):
        finder.check("a", "other words")


def test_find_duplicates_does_not_depend_on_input_order():
    texts = [(p.stem, _text(p)) for p in ARTICLES[:6]]
    texts += [
        ("zz_copy_of_" + texts[2][0], _with_debris(texts[2][1], 5)),
        ("0000_copy_of_" + texts[4][0], texts[4][1]),
    ]
    expected = {"zz_copy_of_" + texts[2][0]: texts[2][0], texts[4][0]: "0000_copy_of_" + texts[4][0]}
    for perm in itertools.islice(itertools.permutations(texts), 0, 40000, 9973):
        assert find_duplicates(perm) == expected


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("Kế toán tổng hợp", 5, {"kế toán tổng hợp"}),
        ("a b c d", 3, {"a b c", "b c d"}),
        ("", 5, set()),
    ],
)
def test_shingles(text, size, expected):
    assert shingles(words(text), size) == expected
