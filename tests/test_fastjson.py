"""reports.fastjson must write exactly what json.dumps(ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.fastjson import dumps_indented

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
