"""Parse written numbers: Arabic figures, Chinese numerals and English number words.

All values are `Decimal`. Parsers return None for text that is not a number they know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from .resources import load

_ZH = load("zh", "numbers")
ZH_DIGITS: dict[str, int] = dict(_ZH["digits"])
ZH_SMALL: dict[str, int] = dict(_ZH["small_units"])
ZH_BIG: dict[str, int] = dict(_ZH["big_units"])
ZH_POINT = set(_ZH["decimal_point"])
ZH_NUMERAL_CHARS = "".join(ZH_DIGITS) + "".join(ZH_SMALL) + "".join(ZH_BIG)

_EN = load("en", "numbers")
EN_ONES: dict[str, int] = dict(_EN["ones"])
EN_TENS: dict[str, int] = dict(_EN["tens"])
EN_SCALES: dict[str, int] = dict(_EN["scales"])
EN_SCALE_ABBREV: dict[str, int] = dict(_EN["scale_abbrev"])
EN_ORDINALS: dict[str, int] = dict(_EN["ordinals"])
EN_SPECIAL: dict[str, float] = dict(_EN["special"])
EN_NEGATIVE = set(_EN["negative"])
EN_ZERO = set(_EN["zero_words"])
EN_DOZEN = set(_EN["dozen_words"])
EN_FRACTION_JOINERS = list(_EN["fraction_joiners"])
EN_FRACTION_WORDS: dict[str, int] = dict(_EN["fraction_words"])


def parse_arabic(text: str) -> Decimal | None:
    """'1,234.5' → 1234.5; spaces and commas as thousands separators."""
    s = text.replace(",", "").replace(" ", "").replace("_", "")
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


_ARABIC_PIECE = re.compile(r"\d[\d,]*(?:\.\d+)?")


_ZH_ITEM_KIND = {**{c: "d" for c in ZH_DIGITS}, **{c: "s" for c in ZH_SMALL}, **{c: "b" for c in ZH_BIG}}
_ZH_ITEM_VALUE = {**{c: Decimal(v) for c, v in ZH_DIGITS.items()}, **{c: Decimal(v) for c, v in ZH_SMALL.items()},
                  **{c: Decimal(v) for c, v in ZH_BIG.items()}}
_ZH_DIGIT_RUN = re.compile("[%s ]*" % re.escape("".join(ZH_DIGITS)))


def _zh_items(text: str) -> Iterator[tuple[str, Decimal | None, int]]:
    """The items of a numeral as (kind, value, offset): 'd' a Chinese digit, 'a' an Arabic run,
    's' a small unit, 'b' a big unit; ('?', None, offset) where an unknown character stops it.
    A generator, so a parse that fails early reads no further."""
    i = 0
    n = len(text)
    kinds, values = _ZH_ITEM_KIND, _ZH_ITEM_VALUE
    while i < n:
        ch = text[i]
        kind = kinds.get(ch)
        if kind is not None:
            yield kind, values[ch], i
        elif ch.isdigit():
            m = _ARABIC_PIECE.match(text, i)
            v = parse_arabic(m.group(0)) if m is not None else None
            if m is None or v is None:
                yield "?", None, i
                return
            yield "a", v, i
            i = m.end()
            continue
        elif ch != " ":
            yield "?", None, i
            return
        i += 1


def _zh_integer(text: str) -> Decimal | None:
    """A Chinese integer numeral with units (三万一千二百, 一百五, 十二, 二〇二五, 5万4千6百, 四万万)."""
    return _zh_integer_scan(text)[0]


def _zh_integer_scan(text: str) -> tuple[Decimal | None, int]:
    """The value of a Chinese integer numeral (None when it is none) and the offset of the first
    item that makes it fail (len(text) when none does): every longer text with the same start
    fails there too, unless it is all digits (二〇二五), so callers can skip those."""
    n = len(text)
    if _ZH_DIGIT_RUN.fullmatch(text):
        digits = [ZH_DIGITS[c] for c in text if c != " "]
        if not digits:
            return None, n
        if len(digits) == 1:
            return Decimal(digits[0]), n
        return Decimal("".join(str(d) for d in digits)), n  # digit by digit: 二〇二五
    total = Decimal(0)      # everything above the current big-unit section
    section = Decimal(0)    # the part below the next big unit
    number: Decimal | None = None
    prev = ""               # kind of the previous item
    last_small = Decimal(0)  # the small unit just written, for 一百五 = 150
    last_big = Decimal(0)
    big_max = Decimal(0)
    zero_seen = False
    for kind, v, at in _zh_items(text):
        if kind in ("d", "a"):
            if kind == "d" and v == 0:
                if number is not None:
                    return None, at
                zero_seen = True
                prev = "z"
                continue
            if number is not None:
                return None, at  # two digits in a row inside a unit numeral
            number = v
        elif kind == "s":
            if prev == "s" or (last_small and v >= last_small):
                return None, at  # 五十千, 百百: small units fall strictly within a section
            section += (number if number is not None else Decimal(1)) * v
            last_small = v
            number = None
            zero_seen = False
        elif kind == "b":
            part = section + (number if number is not None else 0)
            if part == 0 and prev == "b":
                total = total * v  # 万亿, 万万: the units multiply
                big_max = max(big_max, total)
            elif part == 0 and total == 0:
                total = v  # a leading 万 (rare)
            elif v > big_max:
                total = (total + part) * v
                big_max = v
            else:
                total += part * v
            section = Decimal(0)
            number = None
            last_small = Decimal(0)
            last_big = v
            zero_seen = False
        else:
            return None, at  # not a numeral character
        prev = kind
    if number is not None:
        # 三万一 = 31000, 一百五 = 150: a trailing Chinese digit counts in the next lower unit
        if prev == "d" and not zero_seen and last_small >= 100 and section:
            number = number * (last_small / 10)
        elif prev == "d" and not zero_seen and last_small == 0 and last_big >= 10000 and total and not section:
            number = number * (last_big / 10)
        section += number
    return total + section, n


def parse_zh(text: str) -> Decimal | None:
    """A Chinese numeral, possibly mixed with Arabic figures and decimals.

    三万一 → 31000, 一百五十 → 150, 三点一四 → 3.14, 1.2万亿 → 1.2e12, 36.57亿 → 3.657e9,
    十二 → 12, 两千 → 2000, 5万4千6百 → 54600, 3万4000 → 34000.
    """
    text = text.strip()
    if not text:
        return None
    # decimal point: 三点一四, 一点五亿
    for p in ZH_POINT:
        if p in text:
            whole, _, frac = text.partition(p)
            frac = frac.replace(" ", "")
            scale = Decimal(1)
            while frac and (frac[-1] in ZH_BIG or frac[-1] in ZH_SMALL):
                scale *= ZH_BIG.get(frac[-1]) or ZH_SMALL[frac[-1]]
                frac = frac[:-1]
            w = _zh_integer(whole) if whole.strip() else Decimal(0)
            if w is None or not frac or not all(ch in ZH_DIGITS for ch in frac):
                return None
            return (w + Decimal("0." + "".join(str(ZH_DIGITS[c]) for c in frac))) * scale
    return _zh_integer(text)


def _zh_dead_end(text: str) -> int:
    """An offset L such that parse_zh fails on every text that starts with text[:L + 1]
    (len(text) when there is none): the first item that breaks the numeral, unless only digits
    come before it (二〇二五 reads digit by digit), or what cannot follow a decimal point.

    It lets the callers that try many variants of one run skip those that cannot parse, so a
    long run costs a few parses instead of one per prefix."""
    n = len(text)
    if not text or text[0] == " ":
        return n  # parse_zh strips: offsets would shift
    point = min((i for i in (text.find(p) for p in ZH_POINT) if i >= 0), default=n)
    fail = _zh_integer_scan(text[:point])[1] if point > 0 else n
    if fail >= point:
        fail = n  # the whole part parses (or is empty: 点五 = 0.5)
    if point < n:
        # after a point: digits, then only the units that scale the whole (三点五万)
        unit_seen = False
        for j in range(point + 1, n):
            ch = text[j]
            if ch in ZH_BIG or ch in ZH_SMALL:
                unit_seen = True
            elif ch in ZH_DIGITS and not unit_seen or ch == " ":
                continue
            else:
                fail = min(fail, j)
                break
    digits = 0
    while digits < n and (text[digits] in ZH_DIGITS or text[digits] == " "):
        digits += 1
    return max(fail, digits) if fail < n else n


def zh_longest_prefix(text: str) -> tuple[int, Decimal] | None:
    """The longest proper prefix of a run that parses as a numeral (五十千 → 五十), as (length, value)."""
    for cut in range(min(len(text) - 1, _zh_dead_end(text)), 0, -1):
        v = parse_zh(text[:cut])
        if v is not None:
            return cut, v
    return None


def zh_adjacent_range(text: str) -> tuple[Decimal, Decimal] | None:
    """一万六七千 → (16000, 17000); 三四十 → (30, 40); 十七八 → (17, 18).

    Two neighbouring digits in a row state an approximate range; after a decimal point they are
    only digits (十点二三三 = 10.233).
    """
    dead_end = -1
    point = min((i for i in (text.find(p) for p in ZH_POINT) if i >= 0), default=len(text))
    for i in range(point - 1):
        a, b = text[i], text[i + 1]
        if a in ZH_DIGITS and b in ZH_DIGITS and 0 < ZH_DIGITS[a] and ZH_DIGITS[b] == ZH_DIGITS[a] + 1:
            if dead_end < 0:
                dead_end = _zh_dead_end(text)
            if dead_end <= i:
                break  # both readings start with text[:i + 1], which no numeral starts with
            lo = parse_zh(text[:i] + a + text[i + 2:])
            if lo is None:
                continue
            hi = parse_zh(text[:i] + b + text[i + 2:])
            if hi is not None and lo < hi:
                return lo, hi
    return None


def _en_denominator(word: str) -> int | None:
    """'fifths' → 5, 'quarter' → 4, 'twenty-first' → 21, 'hundredths' → 100 ('first'/'second' alone are not)."""
    if word in EN_FRACTION_WORDS:
        return EN_FRACTION_WORDS[word]
    parts = word.split("-")
    last = parts[-1]
    base = last[:-1] if last.endswith("s") and last[:-1] in EN_ORDINALS else last
    if base not in EN_ORDINALS:
        return None
    if len(parts) == 1:
        return EN_ORDINALS[base] if EN_ORDINALS[base] > 2 else None
    head = _en_integer(parts[:-1])
    if head is None or head < 20 or head % 10 or EN_ORDINALS[base] >= 10:
        return None  # twenty-first, thirty-fifths; one-eighth is one eighth
    return int(head) + EN_ORDINALS[base]


def _en_integer(ws: list[str]) -> Decimal | None:
    """Cardinal words (and Arabic figures) → value: 'two hundred and five', '3 hundred and 21', 'nine point nought four'."""
    if not ws or ws[0] == "and" or ws[-1] in ("and", "a", "an", "point"):
        return None
    total = Decimal(0)
    current = Decimal(0)
    group = Decimal(0)   # what was added since the last scale word (3 hundred and 2 dozens)
    last_scale = Decimal(0)
    seen = False
    prev = ""
    i = 0
    while i < len(ws):
        w = ws[i]
        if w == "and":
            nxt = ws[i + 1] if i + 1 < len(ws) else ""
            if not seen or prev != "scale" and not (prev == "tens" and EN_ONES.get(nxt, 10) < 10):
                return None  # 'and' follows a scale word: two hundred and five (ten and fifteen is two numbers)
            prev = w
            i += 1
            continue
        if w in ("a", "an"):
            if i + 1 < len(ws) and (ws[i + 1] in EN_SCALES or ws[i + 1] in EN_DOZEN) and not seen:
                current, group, seen = Decimal(1), Decimal(1), True
                prev = "ones"
                i += 1
                continue
            return None
        if w == "point":
            if not seen or i + 1 >= len(ws):
                return None
            digits = ""
            for d in ws[i + 1:]:
                v = Decimal(0) if d in EN_ZERO or d == "oh" else _en_integer(d.split("-")) if d not in ("and",) else None
                if v is None or v != v.to_integral_value():
                    return None
                digits += str(int(v))
            current += Decimal("0." + digits)
            break
        v: Decimal | None = None
        if w[0].isdigit():
            try:
                v = Decimal(w.replace(",", ""))
            except ArithmeticError:
                return None
        elif "-" in w:
            v = _en_integer(w.split("-"))
        elif w in EN_ONES:
            v = Decimal(EN_ONES[w])
        elif w in EN_ZERO:
            v = Decimal(0)
        elif w in EN_TENS:
            v = Decimal(EN_TENS[w])
        if v is not None:
            if prev in ("ones", "digit") or prev == "tens" and (v >= 10 or w[0].isdigit()):
                return None  # 'one one', 'twenty thirty': two numbers, not one
            kind = "digit" if w[0].isdigit() else ("tens" if w in EN_TENS and "-" not in w else "ones")
            current += v
            group += v
            seen = True
            prev = kind
        elif w in EN_SCALES:
            scale = Decimal(EN_SCALES[w])
            if scale == 100:
                if current % 100 == 0 and current >= 100:
                    return None
                current = (current or Decimal(1)) * 100
                group = Decimal(0)
            elif current == 0 and total and scale > last_scale:
                total *= scale  # three lakh crore
                last_scale = scale
            else:
                if last_scale and scale >= last_scale and current:
                    return None  # 'two thousand three thousand'
                total += (current or Decimal(1)) * scale
                current = Decimal(0)
                group = Decimal(0)
                last_scale = scale
            seen = True
            prev = "scale"
        elif w in EN_DOZEN:
            if not seen:
                return None
            current = current - group + (group or Decimal(1)) * 12
            group = Decimal(0)
            prev = "scale"
        else:
            return None
        i += 1
    return total + current if seen else None


def parse_en_words(words: list[str]) -> Decimal | None:
    """English number words → value: ['two', 'hundred', 'and', 'five'] → 205.

    Also signs (minus five), fractions (two thirds, one and a half, 1 over 3, a quarter,
    five and a half million, two thirds of a million), decimals (two point five), dozens.
    """
    ws = [w.lower() for w in words if w]
    sign = Decimal(1)
    while ws and ws[0] in EN_NEGATIVE:
        sign = -sign
        ws = ws[1:]
    if not ws:
        return None
    # 'one over three', 'one out of three'
    for j, w in enumerate(ws):
        if w == "over" and 0 < j < len(ws) - 1 or w == "out" and 0 < j < len(ws) - 2 and ws[j + 1] == "of":
            num = _en_integer(ws[:j])
            den = _en_integer(ws[j + 2:] if w == "out" else ws[j + 1:])
            if num is None or not den:
                return None
            return sign * num / den
    # a trailing scale: 'half million', 'two thirds of a million', 'half a dozen'
    mult = Decimal(1)
    if len(ws) >= 2 and (ws[-1] in EN_SCALES or ws[-1] in EN_DOZEN):
        k = len(ws) - 1
        if ws[k - 1] in ("a", "an") and k >= 2:
            k -= 1
            if ws[k - 1] == "of" and k >= 2:
                k -= 1
        if _en_denominator(ws[k - 1]) is not None:
            mult = Decimal(12) if ws[-1] in EN_DOZEN else Decimal(EN_SCALES[ws[-1]])
            ws = ws[:k]
    den = _en_denominator(ws[-1])
    if den is None:
        value = _en_integer(ws)
        return sign * value * mult if value is not None else None
    left = ws[:-1]
    # 'one hundred thirty fifths' = 100/35: a tens word before the ordinal joins it after another number
    if len(left) >= 2 and left[-1] in EN_TENS and left[-2] != "and" and (left[-2] in EN_SCALES or left[-2] in EN_TENS):
        den += EN_TENS[left[-1]]
        left = left[:-1]
    whole = Decimal(0)
    if "and" in left:
        k = len(left) - 1 - left[::-1].index("and")
        after = left[k + 1:]
        after_v = Decimal(1) if after in (["a"], ["an"]) else _en_integer(after)
        if after_v is not None and (after in (["a"], ["an"]) or after_v < 10 or den in (2, 4, 100)):
            w = _en_integer(left[:k])
            if w is None:
                return None
            whole, left = w, after
            if mult == 1 and k > 0 and ws[k - 1] in EN_SCALES and EN_SCALES[ws[k - 1]] >= 1000:
                mult_tail = Decimal(EN_SCALES[ws[k - 1]])  # three million and a half = 3.5 million
                numer_tail = Decimal(1) if after in (["a"], ["an"]) else _en_integer(after)
                if numer_tail is not None:
                    return sign * (whole + numer_tail / Decimal(den) * mult_tail)
    if left in ([], ["a"], ["an"]):
        if not left and den != 2 and not whole and mult == 1:
            return None  # a bare 'quarter', 'fifth' is no number
        numer = Decimal(1)
    else:
        numer = _en_integer(left)
        if numer is None:
            return None
    frac = numer / Decimal(den)
    if mult != 1 and whole >= mult:
        return sign * (whole + frac * mult)
    return sign * (whole + frac) * mult


def significant_unit(written: str) -> Decimal:
    """The place value of the last significant digit of an Arabic figure as written.

    '1,470' → 10, '30' → 10, '9.4' → 0.1, '306,000' → 1000, '7' → 1.
    """
    s = written.replace(",", "").replace(" ", "")
    if "." in s:
        frac = s.split(".", 1)[1]
        return Decimal(1).scaleb(-len(frac)) if frac else Decimal(1)
    digits = s.lstrip("-+")
    stripped = digits.rstrip("0")
    if not stripped:
        return Decimal(1)
    return Decimal(10) ** (len(digits) - len(stripped))
