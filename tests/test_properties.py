"""Property tests: extraction never raises on arbitrary text and every offset is exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.numerals import parse_zh
from conftest import claims_of

ALPHABET = st.sampled_from(list("0123456789,.%$€亿万千百十一二三四五六七八九零两个年月日号第约近超过以上 -–~至到 abcdefgmnorstuvwy\n。，")
                           + ["１", "２", "０", "\u0301", "\u3000", "US$", "billion", "percent", "当地时间", "上周五", "April"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["zh", "en"]))
def test_extraction_never_raises_and_offsets_are_valid(text, lang):
    for c in claims_of(text, lang, dt.date(2026, 2, 5)):
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start:c.end]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text):
    for c in claims_of(text, None, dt.date(2026, 2, 5)):
        assert c.text == text[c.start:c.end]


_DIGITS = "零一二三四五六七八九"


def _to_zh(n: int) -> str:
    """A reference writer of Chinese numerals (for numbers below 10^8)."""
    if n == 0:
        return "零"
    units = ["", "十", "百", "千"]

    def section(x: int) -> str:
        out, zero = "", False
        for i in range(3, -1, -1):
            d = x // 10 ** i % 10
            if d:
                if zero:
                    out += "零"
                out += _DIGITS[d] + units[i]
                zero = False
            elif out:
                zero = True
        return out

    hi, lo = divmod(n, 10000)
    s = (section(hi) + "万" if hi else "")
    if lo:
        s += ("零" if hi and lo < 1000 else "") + section(lo)
    return s


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_match_arabic(n):
    assert parse_zh(_to_zh(n)) == Decimal(n)
