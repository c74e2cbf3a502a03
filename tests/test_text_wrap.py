"""The text report wraps cells itself before tabulate (reports.text._plain_table): the table must be
exactly what tabulate's own maxcolwidths wrapping makes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from reports.text import _plain_table

WIDTHS = [None, 22, None, 64, 52]
_words = st.sampled_from(["FC001", "figure", "mismatch", "12", "3.5", "1,200", "False", "", " ", "  ", "\t",
                          "\n", "\r\n", "\u3000", "纤毛遥五", "«", "»", "a-very-long-hyphenated-word-that-must-break",
                          "x" * 70, "\x1b[31m", "\x1b[0m", "\u2028", "-", "2021-08-26", "1e5"])
_cell = st.lists(_words, max_size=25).map("".join) | st.lists(_words, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cell, min_size=5, max_size=5), min_size=1, max_size=4))
def test_same_table_as_tabulate_wrapping(rows):
    try:
        expected = tabulate(rows, tablefmt="plain", maxcolwidths=WIDTHS)
    except (ValueError, TypeError) as exc:   # tabulate fails on some lone cells ('1,200', a colour code): so must we
        with pytest.raises(type(exc)):
            _plain_table(rows, WIDTHS)
        return
    assert _plain_table(rows, WIDTHS) == expected


def test_real_rows():
    rows = [["error", "FC001 figure_mismatch", "0.95",
             "Revenue for 云帆纤毛遥五 differs: 1.2 billion yuan in a.md but 12亿 in b.md (a tenfold difference)",
             "a.md:3 «1.2 billion yuan»\nb.md:4 «12亿元»\nc.md:9 «about 1.2 billion yuan in the first quarter of»"],
            ["warning", "FC010 name_variant", "0.60", "short", "x.md:1 «Li»"]]
    assert _plain_table(rows, WIDTHS) == tabulate(rows, tablefmt="plain", maxcolwidths=WIDTHS)
