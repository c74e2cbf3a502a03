"""Parse written numbers: Arabic figures, Chinese numerals and English number words.

All values are `Decimal`. Parsers return None for text that is not a number they know.
"""

from __future__ import annotations

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


def _zh_integer(text: str) -> Decimal | None:
    """A Chinese integer numeral with units (三万一千二百, 一百五, 十二, 二〇二五)."""
    if not text:
        return None
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) == 1:
            return Decimal(ZH_DIGITS[text])
        # digit-by-digit: 二〇二五
        return Decimal("".join(str(ZH_DIGITS[ch]) for ch in text))
    total = Decimal(0)      # everything above the current big-unit section
    section = Decimal(0)    # the part below the next big unit
    number: Decimal | None = None
    last_unit = 0
    big_max = 0
    for ch in text:
        if ch in ZH_DIGITS:
            if number is not None and number != 0 and ZH_DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral (not 零)
            number = Decimal(ZH_DIGITS[ch]) if ZH_DIGITS[ch] else (number if number else Decimal(0))
            if ZH_DIGITS[ch] == 0:
                number = None
                last_unit = 0  # 一千零五: the 5 is units
        elif ch in ZH_SMALL:
            unit = ZH_SMALL[ch]
            section += (number if number is not None else Decimal(1)) * unit
            number = None
            last_unit = unit
        elif ch in ZH_BIG:
            unit = ZH_BIG[ch]
            part = section + (number or 0)
            if unit > big_max or total == 0:
                # 万亿: the unit multiplies everything so far
                total = (total + part) * unit if unit > big_max else total + part * unit
                big_max = max(big_max, unit)
            else:
                total += part * unit
            if part == 0 and total == 0:
                total = Decimal(unit)
            section = Decimal(0)
            number = None
            last_unit = unit
        else:
            return None
    if number is not None:
        # 三万一 = 31000, 一百五 = 150: a trailing digit counts in the next lower unit
        if last_unit >= 100 or (last_unit == 10 and False):
            number = number * (last_unit // 10)
        section += number
    return total + section


def parse_zh(text: str) -> Decimal | None:
    """A Chinese numeral, possibly mixed with Arabic figures and decimals.

    三万一 → 31000, 一百五十 → 150, 三点一四 → 3.14, 1.2万亿 → 1.2e12, 36.57亿 → 3.657e9,
    十二 → 12, 两千 → 2000.
    """
    text = text.strip()
    if not text:
        return None
    # Arabic head with Chinese scale tail: 1.2万亿, 2,549万亿, 12万
    i = 0
    while i < len(text) and (text[i].isdigit() or text[i] in ".,"):
        i += 1
    if i:
        head = parse_arabic(text[:i])
        tail = text[i:]
        if head is None:
            return None
        mult = Decimal(1)
        for ch in tail:
            if ch in ZH_BIG:
                mult *= ZH_BIG[ch]
            elif ch in ZH_SMALL:
                mult *= ZH_SMALL[ch]
            else:
                return None
        return head * mult
    # decimal point: 三点一四, 一点五亿
    for p in ZH_POINT:
        if p in text:
            whole, _, frac = text.partition(p)
            scale = Decimal(1)
            while frac and (frac[-1] in ZH_BIG or frac[-1] in ZH_SMALL):
                scale *= ZH_BIG.get(frac[-1]) or ZH_SMALL[frac[-1]]
                frac = frac[:-1]
            w = _zh_integer(whole) if whole else Decimal(0)
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
