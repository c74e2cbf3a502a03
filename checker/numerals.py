"""Parse written numbers: Arabic figures, Chinese numerals and English number words.

All values are `Decimal`. Parsers return None for text that is not a number they know.
"""

from __future__ import annotations

import re
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


def _zh_items(text: str) -> list[tuple[str, Decimal]] | None:
    """Split a numeral into ('d', digit value) and ('u', unit) items; Arabic runs are one digit item."""
    items: list[tuple[str, Decimal]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit():
            m = _ARABIC_PIECE.match(text, i)
            assert m is not None
            v = parse_arabic(m.group(0))
            if v is None:
                return None
            items.append(("a", v))
            i = m.end()
            continue
        if ch in ZH_DIGITS:
            items.append(("d", Decimal(ZH_DIGITS[ch])))
        elif ch in ZH_SMALL:
            items.append(("s", Decimal(ZH_SMALL[ch])))
        elif ch in ZH_BIG:
            items.append(("b", Decimal(ZH_BIG[ch])))
        elif ch == " ":
            pass
        else:
            return None
        i += 1
    return items


def _zh_integer(text: str) -> Decimal | None:
    """A Chinese integer numeral with units (三万一千二百, 一百五, 十二, 二〇二五, 5万4千6百, 四万万)."""
    items = _zh_items(text)
    if not items:
        return None
    if all(k == "d" for k, _ in items):
        if len(items) == 1:
            return items[0][1]
        return Decimal("".join(str(int(v)) for _, v in items))  # digit by digit: 二〇二五
    total = Decimal(0)      # everything above the current big-unit section
    section = Decimal(0)    # the part below the next big unit
    number: Decimal | None = None
    prev = ""               # kind of the previous item
    last_small = Decimal(0)  # the small unit just written, for 一百五 = 150
    last_big = Decimal(0)
    big_max = Decimal(0)
    zero_seen = False
    for kind, v in items:
        if kind in ("d", "a"):
            if kind == "d" and v == 0:
                if number is not None:
                    return None
                zero_seen = True
                prev = "z"
                continue
            if number is not None:
                return None  # two digits in a row inside a unit numeral
            number = v
        elif kind == "s":
            if prev == "s" or (last_small and v >= last_small):
                return None  # 五十千, 百百: small units fall strictly within a section
            section += (number if number is not None else Decimal(1)) * v
            last_small = v
            number = None
            zero_seen = False
        else:  # big unit
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
        prev = kind
    if number is not None:
        # 三万一 = 31000, 一百五 = 150: a trailing Chinese digit counts in the next lower unit
        if prev == "d" and not zero_seen and last_small >= 100 and section:
            number = number * (last_small / 10)
        elif prev == "d" and not zero_seen and last_small == 0 and last_big >= 10000 and total and not section:
            number = number * (last_big / 10)
        section += number
    return total + section


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


def zh_adjacent_range(text: str) -> tuple[Decimal, Decimal] | None:
    """一万六七千 → (16000, 17000); 三四十 → (30, 40); 十七八 → (17, 18).

    Two neighbouring digits in a row state an approximate range.
    """
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a in ZH_DIGITS and b in ZH_DIGITS and 0 < ZH_DIGITS[a] and ZH_DIGITS[b] == ZH_DIGITS[a] + 1:
            lo = parse_zh(text[:i] + a + text[i + 2:])
            hi = parse_zh(text[:i] + b + text[i + 2:])
            if lo is not None and hi is not None and lo < hi:
                return lo, hi
    return None


def parse_en_words(words: list[str]) -> Decimal | None:
    """English number words → value: ['two', 'hundred', 'and', 'five'] → 205.

    Accepts hyphenated tens (twenty-five), 'a hundred', scales and decimals ('point').
    """
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    i = 0
    ws = [w.lower() for w in words]
    while i < len(ws):
        w = ws[i]
        if w in ("and", "a", "an") and seen or (w in ("a", "an") and i + 1 < len(ws) and ws[i + 1] in EN_SCALES):
            if w in ("a", "an"):
                current += 1
                seen = True
            i += 1
            continue
        if "-" in w:
            parts = w.split("-")
            val = parse_en_words(parts)
            if val is None:
                return None
            current += val
            seen = True
        elif w in EN_ONES:
            current += EN_ONES[w]
            seen = True
        elif w in EN_TENS:
            current += EN_TENS[w]
            seen = True
        elif w in EN_SCALES:
            scale = EN_SCALES[w]
            if current == 0:
                current = Decimal(1)
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = Decimal(0)
            seen = True
        elif w == "point" and seen:
            digits = []
            i += 1
            while i < len(ws) and ws[i] in EN_ONES and EN_ONES[ws[i]] < 10:
                digits.append(str(EN_ONES[ws[i]]))
                i += 1
            if not digits:
                return None
            current += Decimal("0." + "".join(digits))
            continue
        elif w in ("dozen",):
            current = (current or Decimal(1)) * 12
            seen = True
        else:
            return None
        i += 1
    return total + current if seen else None


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
