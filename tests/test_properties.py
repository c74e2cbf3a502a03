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


# --- hostile Unicode: full-width forms, combining marks, separators, scripts mixed ------------
#
# Example counts (deadline off; the whole module runs in well under a minute):
#   test_hostile_unicode_extraction_offsets ........ 300 examples of up to 300 characters
#   test_fold_width_is_idempotent_and_keeps_length . 500
#   test_claim_values_reparse_to_themselves ........ 200
#   test_fmt_decimal_is_idempotent ................. 500
#   test_chinese_and_english_words_agree ........... 500 integers up to 10^15

import string  # noqa: E402

from checker.model import fmt_decimal  # noqa: E402
from checker.numerals import parse_arabic, parse_en_words  # noqa: E402
from checker.textnorm import fold_width  # noqa: E402

_FULLWIDTH = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000", "．", "，", "％", "－", "～"]
_COMBINING = [chr(c) for c in range(0x0300, 0x0370)] + ["\u20dd", "\u3099", "\u309a", "\ufe0f", "\u200d"]
_SEPARATORS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\t", "\u00a0", "\u202f", "\u2009"]
_CONTROLS = ["\x00", "\x1b", "\x7f", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd"]
_NUMERIC = list("0123456789,.%$€¥£亿万千百十一二三四五六七八九零两〇壹贰叁拾佰仟萬億兆点分之成第号年月日") + [
    "billion", "million", "percent", "per cent", "twenty-one", "hundred", "and", "US$", "约", "超过", "近",
    "½", "¾", "²", "①", "Ⅻ", "٣", "६", "๓"]  # other scripts' digits: str.isdigit() is true for them
HOSTILE_ALPHABET = st.one_of(
    st.sampled_from(_FULLWIDTH + _COMBINING + _SEPARATORS + _CONTROLS + _NUMERIC),
    st.characters(blacklist_categories=("Cs",)),  # any code point but a lone surrogate
    st.sampled_from(list(string.ascii_letters + " ")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_ALPHABET, max_size=300).map("".join), st.sampled_from(["zh", "en", None]))
def test_hostile_unicode_extraction_offsets(text, lang):
    for c in claims_of(text, lang, dt.date(2026, 2, 5)):
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start:c.end]
        assert c.line == text.count("\n", 0, c.start) + 1


@settings(max_examples=500, deadline=None)
@given(st.lists(HOSTILE_ALPHABET, max_size=200).map("".join))
def test_fold_width_is_idempotent_and_keeps_length(text):
    once = fold_width(text)
    assert fold_width(once) == once
    assert len(once) == len(text)  # offsets found in the folded text index the original


_NUMERIC_KINDS = {"money", "count", "percent", "measure", "number"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_NUMERIC + _FULLWIDTH[:30] + [" ", "，", "。", "个", "美元", "元", " dollars"]),
                max_size=40).map("".join), st.sampled_from(["zh", "en"]))
def test_claim_values_reparse_to_themselves(text, lang):
    """A normalized value is canonical: parsed again (as Arabic or through the Chinese parser,
    which reads Arabic figures too) it gives the same value and prints the same string."""
    for c in claims_of(text, lang, dt.date(2026, 2, 5)):
        if c.kind not in _NUMERIC_KINDS or c.qualifier == "range" or not c.value:
            continue
        value = Decimal(c.value)
        assert fmt_decimal(value) == c.value
        assert parse_arabic(c.value) == value
        if not c.value.startswith("-"):
            assert parse_zh(c.value) == value


@settings(max_examples=500, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**15, max_value=10**15, places=6))
def test_fmt_decimal_is_idempotent(d):
    s = fmt_decimal(d)
    assert fmt_decimal(Decimal(s)) == s
    assert Decimal(s) == d


_EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _en_below_1000(n: int, british_and: bool, hyphen: bool) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_EN_ONES[hundreds], "hundred"]
        if rest and british_and:
            words.append("and")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        if ones and hyphen:
            words.append(f"{_EN_TENS[tens]}-{_EN_ONES[ones]}")
        else:
            words += [_EN_TENS[tens]] + ([_EN_ONES[ones]] if ones else [])
    elif rest:
        words.append(_EN_ONES[rest])
    return words


def to_english_words(n: int, british_and: bool = False, hyphen: bool = True) -> list[str]:
    """A reference writer of English cardinal numbers (below 10^15)."""
    if n == 0:
        return ["zero"]
    words: list[str] = []
    for size, name in _EN_SCALES:
        if n >= size:
            head, n = divmod(n, size)
            words += _en_below_1000(head, british_and, hyphen) + [name]
    return words + _en_below_1000(n, british_and, hyphen)


def to_chinese_numerals(n: int) -> str:
    """A reference writer of Chinese numerals with 万 and 亿 (万亿 above 10^12), zeros as 零."""
    if n < 10**8:
        return _to_zh(n)
    hi, lo = divmod(n, 10**8)
    out = to_chinese_numerals(hi) + "亿"
    if lo:
        out += ("零" if lo < 10**7 else "") + _to_zh(lo)
    return out


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.integers(min_value=1, max_value=10**15 - 1),
                 st.integers(min_value=1, max_value=999).map(lambda k: k * 10**8),  # round 亿 amounts
                 st.integers(min_value=1, max_value=99_999)),
       st.booleans(), st.booleans())
def test_chinese_and_english_words_agree(n, british_and, hyphen):
    zh = to_chinese_numerals(n)
    en = to_english_words(n, british_and, hyphen)
    assert parse_zh(zh) == Decimal(n), zh
    assert parse_en_words(en) == Decimal(n), " ".join(en)
