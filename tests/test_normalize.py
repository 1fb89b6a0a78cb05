"""The normalised view: NFC, one tone-mark convention, white space, and the map back to the source."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.normalize import compose, fix_tone_placement, norm_text, normalize


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [
        ("hoà đồng", "hòa đồng"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ", "HÒA"),
        ("thuỷ sản", "thủy sản"),
        ("sức khoẻ", "sức khỏe"),
        ("khoá học kế toán", "khóa học kế toán"),
        ("hoạ sĩ", "họa sĩ"),
        ("loé sáng", "lóe sáng"),
        ("tuỳ chọn", "tùy chọn"),
    ],
)
def test_both_tone_conventions_give_the_same_text(new_style: str, old_style: str) -> None:
    assert norm_text(new_style) == norm_text(old_style) == old_style


@pytest.mark.parametrize(
    "word",
    ["quý", "quỳnh", "hoàn thành", "khuyên", "toán", "chuyên viên", "buy", "guy", "Noa", "hoa", "thuy"],
)
def test_syllables_that_have_one_spelling_are_left_alone(word: str) -> None:
    assert fix_tone_placement(word) == word


def test_tone_fix_keeps_the_length() -> None:
    text = "Nhân viên kế toán hoà đồng, khoẻ mạnh, thuỷ chung"
    assert len(fix_tone_placement(text)) == len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Kế   toán\ttổng hợp  ", "Kế toán tổng hợp"),
        ("Lương\u00a0cơ\u00a0bản", "Lương cơ bản"),
        ("Sales\u200b Manager", "Sales Manager"),
        ("ab\u200bc", "abc"),
        ("line one\r\n  line two", "line one line two"),
        ("\ufeffRegistered nurse", "Registered nurse"),
        ("   ", ""),
    ],
)
def test_white_space_is_collapsed_and_invisibles_dropped(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected
    assert norm_text(raw) == expected


def test_decomposed_letters_are_composed_and_map_to_their_whole_cluster() -> None:
    raw = unicodedata.normalize("NFD", "Kỹ năng")
    view = normalize(raw)
    assert view.text == "Kỹ năng"
    # "ỹ" stands for y + combining tilde: its range covers both source chars
    assert raw[view.starts[1] : view.ends[1]] == unicodedata.normalize("NFD", "ỹ")
    assert normalize(raw[view.starts[0] : view.ends[-1]]).text == view.text


def test_offsets_point_into_the_raw_text_and_base_shifts_them() -> None:
    raw = "  Trưởng   phòng"
    view = normalize(raw, base=100)
    assert view.text == "Trưởng phòng"
    assert view.starts[0] == 102
    assert raw[view.starts[-1] - 100] == "g"
    # the collapsed space stands for the whole run of spaces
    space = view.text.index(" ")
    assert (view.starts[space], view.ends[space]) == (108, 111)


def test_compose_maps_through_an_intermediate_string() -> None:
    source = "<b>Kế</b> toán"
    middle = "Kế toán"
    starts = (3, 4, 9, 10, 11, 12, 13)
    ends = tuple(s + 1 for s in starts)
    mapped = compose(normalize(middle), starts, ends)
    assert mapped.text == "Kế toán"
    assert source[mapped.starts[0]] == "K" and source[mapped.starts[-1]] == "n"


_pieces = st.sampled_from(
    [*"aeiouyAOU hoàòáạăâđêôơưỳýỷ\t\n\u00a0\u200b.,", "\u0300", "\u0301", "o\u0300a", "hoà", "thuỷ"]
)
_text = st.lists(_pieces, max_size=30).map("".join)


@given(_text)
def test_normalised_text_is_what_the_mapped_slice_normalises_to(raw: str) -> None:
    view = normalize(raw)
    assert norm_text(raw) == view.text
    assert len(view.starts) == len(view.ends) == len(view.text)
    if view.text:
        assert normalize(raw[view.starts[0] : view.ends[-1]]).text == view.text
        assert all(0 <= s < e <= len(raw) for s, e in zip(view.starts, view.ends, strict=True))


@given(_text)
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = norm_text(raw)
    assert norm_text(once) == once


def test_stray_second_tone_mark_is_left_alone():
    """Found by hypothesis: 'hoà' followed by a stray combining grave must normalise idempotently."""
    once = norm_text("hoà\u0300")
    assert norm_text(once) == once


def test_vowels_an_invisible_kept_apart_take_the_tone_convention_once_it_is_gone() -> None:
    """Found by hypothesis: 'o\u200bà' is 'oà' once the zero-width space is dropped, and that
    syllable takes its tone on the first vowel in the same pass, as 'oà' written plainly does."""
    assert normalize("ho\u200bà bình").text == norm_text("ho\u200bà bình") == normalize("hoà bình").text
    assert norm_text(norm_text("o\u200bà")) == norm_text("o\u200bà")
    assert normalize("hoà\u200ba").text == norm_text("hoà\u200ba")  # the same two passes in both


def test_a_mark_cut_off_its_letter_by_an_invisible_joins_it_once_the_invisible_is_gone() -> None:
    """Found by hypothesis: 'a', a zero-width space, a combining grave."""
    view = normalize("xa\u200b\u0300y", base=10)
    assert view.text == "xày"
    assert norm_text(view.text) == view.text
    assert (view.starts[1], view.ends[1]) == (11, 14)  # the letter stands for all three source chars
