"""The output JSON form: json_text writes exactly what json.dumps(indent=2, ensure_ascii=False) writes,
and json_pieces writes the same text of an object whose lists are streamed."""

from __future__ import annotations

import json
import math
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.models import MergedItem, Source
from extract.write import Streamed, json_pieces, json_text

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # every code point, lone surrogates and control characters included
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def reference(value: object, level: int = 0) -> str:
    """The standard library's form, indented as if `level` deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("\n", "\n" + "  " * level)


@given(JSON_VALUES, st.integers(min_value=0, max_value=3))
def test_json_text_is_byte_identical_to_json_dumps(value: object, level: int) -> None:
    assert json_text(value, level=level) == reference(value, level)


@given(st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=5))
def test_sorted_mappings_match_json_dumps_sort_keys(value: dict) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, sort_keys=True)
    assert json_text(value, sort_mappings=True) == expected


class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({}, "{}"),
        ([], "[]"),
        ({"a": []}, '{\n  "a": []\n}'),
        ([{}], "[\n  {}\n]"),
        ({1: "x", None: "y", 2.5: "z"}, '{\n  "1": "x",\n  "null": "y",\n  "2.5": "z"\n}'),  # as json.dumps
        (Colour.RED, '"red"'),
        ({Colour.BLUE, Colour.RED}, '[\n  "blue",\n  "red"\n]'),  # sets sorted, enums by value
        ((1, 2.5), "[\n  1,\n  2.5\n]"),
        ("tab\there \u2028 \x7f", '"tab\\there \u2028 \x7f"'),
    ],
)
def test_json_text_table(value: object, expected: str) -> None:
    assert json_text(value) == expected


def test_models_are_written_field_by_field_in_declaration_order() -> None:
    assert (
        json_text(Source(doc_id="d", start=1, end=5)) == '{\n  "doc_id": "d",\n  "start": 1,\n  "end": 5\n}'
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="cannot write"):
        json_text({"x": [bad]})


def test_unknown_objects_are_refused() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_text({"x": object()})


@given(
    st.dictionaries(st.text(max_size=6), st.lists(JSON_VALUES, max_size=4), min_size=1, max_size=4),
    st.data(),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_streamed_lists_join_to_the_text_of_the_whole_object(
    value: dict, data: st.DataObject, level: int, sort: bool
) -> None:
    streamed = data.draw(st.sets(st.sampled_from(sorted(value))))
    head = {key: [] if key in streamed else items for key, items in value.items()}
    obj = Streamed(head, {key: iter(value[key]) for key in streamed})
    pieces = json_pieces(obj, level=level, sort_mappings=sort)
    assert "".join(pieces) == json_text(value, level=level, sort_mappings=sort)


def test_streamed_items_may_stream_lists_of_their_own() -> None:
    """A role's duties, each with its sources: items are written one source at a time."""
    sources = [[Source(doc_id=f"d{i}", start=k, end=k + 1) for k in range(3)] for i in range(2)]
    items = [MergedItem(text=f"duty {i}", sources=s) for i, s in enumerate(sources)]
    streamed_items = (
        Streamed(MergedItem.model_construct(text=item.text, sources=[]), {"sources": iter(item.sources)})
        for item in items
    )
    obj = Streamed({"name": "x", "duties": [], "z": 1}, {"duties": streamed_items})
    pieces = list(json_pieces(obj, level=1, sort_mappings=True))
    whole = {"name": "x", "duties": items, "z": 1}
    assert "".join(pieces) == json_text(whole, level=1, sort_mappings=True)
    assert max(piece.count('"doc_id"') for piece in pieces) == 1
