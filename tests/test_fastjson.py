"""reports.fastjson must write exactly what json.dumps(ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.fastjson import Raw, dumps_indented, fragment

_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
            | st.text())
_keys = st.text() | st.integers() | st.booleans()
_data = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
                     | st.dictionaries(_keys, inner, max_size=5), max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(_data)
def test_same_as_json_dumps(data):
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_report_shaped_data():
    finding = {"id": "FC001-ab", "confidence": 0.85, "message": 'A "quoted" \u2028 line\nbreak \x01 控制',
               "claims": [{"doc": "a.md", "line": 3, "alternatives": ["x", "y"]}, {"doc": "b.md", "low": None}],
               "outlier": {"doc": "a.md", "start": 10}, "docs": ["a.md", "b.md"], "empty": [], "none": {},
               "similarity": 1e-07}
    data = {"schema_version": 1, "documents": [], "findings": [finding] * 3, "errors": [{"doc": "c", "error": "e"}]}
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_lone_surrogates_and_odd_keys_fall_back_to_the_same_text():
    data = {"a\udcff": ["\ud800"], 1: {2.5: True, None: [1]}, "n": [float("nan"), -0.0]}
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_unserializable_still_raises_type_error():
    with pytest.raises(TypeError):
        dumps_indented({"x": [Decimal("1")]})


def test_circular_still_raises_value_error():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        dumps_indented({"x": loop})


@settings(max_examples=200, deadline=None)
@given(st.lists(_data, max_size=4), st.integers(min_value=0, max_value=3))
def test_raw_fragments_write_what_their_values_write(items, depth):
    """A part written earlier by `fragment` for its depth goes in as it is and gives the text of the
    whole value (also when something else in the value sends the whole to json.dumps)."""
    data: object = items
    for _ in range(depth - 1):
        data = {"k": data}
    nested: object = [Raw(fragment(v, depth)) for v in items]
    for _ in range(depth - 1):
        nested = {"k": nested}
    if depth == 0:
        data, nested = items, [Raw(fragment(v, 1)) for v in items]
    assert dumps_indented(nested) == json.dumps(data, ensure_ascii=False, indent=2)


def test_the_end_is_joined_with_the_text():
    data = {"findings": [Raw(fragment({"id": "x", "claims": [{"doc": "a"}]}, 2))], "n": 1}
    assert dumps_indented(data, "\n") == json.dumps({"findings": [{"id": "x", "claims": [{"doc": "a"}]}], "n": 1},
                                                    ensure_ascii=False, indent=2) + "\n"
    odd = {1: [Raw(fragment({"a": 1}, 2))]}   # a key json.dumps must write: the fallback reads the Raw back
    assert dumps_indented(odd, "\n") == json.dumps({1: [{"a": 1}]}, ensure_ascii=False, indent=2) + "\n"
