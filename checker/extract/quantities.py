"""Numbers with their context: money, percentages, counts, measures and bare numbers.

The scanner is token based and linear: number tokens are found with simple regular
expressions (no nested quantifiers), then the text right before and after each token is
matched against the language tables in checker/resources (longest form first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import EN_STOP, lemma, zh_head_gloss, zh_words
from ..numerals import (EN_ONES, EN_SCALE_ABBREV, EN_SCALES, EN_TENS, ZH_BIG, ZH_DIGITS, parse_arabic,
                        parse_en_words, parse_zh, significant_unit, zh_adjacent_range)
from ..resources import load, longest_first

ZH_CUR = dict(load("zh", "currencies")["suffix"])
ZH_CUR_PREFIX = dict(load("zh", "currencies")["prefix"])
EN_CUR_SYM = dict(load("en", "currencies")["symbols"])
EN_CUR_WORDS = dict(load("en", "currencies")["words"])
UNITS = {**dict(load("zh", "units")["units"]), **dict(load("en", "units")["units"])}
ZH_QUAL_PRE = dict(load("zh", "qualifiers")["prefix"])
ZH_QUAL_SUF = dict(load("zh", "qualifiers")["suffix"])
EN_QUAL_PRE = dict(load("en", "qualifiers")["prefix"])
EN_QUAL_SUF = dict(load("en", "qualifiers")["suffix"])
CLASSIFIERS = dict(load("zh", "classifiers")["classifiers"])

_ZH_CUR_KEYS = longest_first(ZH_CUR)
_SYM_KEYS = longest_first(EN_CUR_SYM)
_EN_CUR_KEYS = longest_first(EN_CUR_WORDS)
_UNIT_KEYS = longest_first(UNITS)
_CLS_KEYS = longest_first(CLASSIFIERS)
_ZH_QPRE = longest_first(ZH_QUAL_PRE)
_EN_QPRE = longest_first(EN_QUAL_PRE)

_ZH_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟萬億点點"
NUMBER_TOKEN = re.compile(
    r"(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<arscale>[万亿兆萬億千百]{1,3})?"
    rf"|(?P<zh>[{_ZH_NUM_CHARS}]+)"
)
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_NUMBER_WORDS = set(EN_ONES) | set(EN_TENS) | set(EN_SCALES) | {"dozen"}

PERCENT_SUFFIX_EN = [("percentage points", "pp", 1), ("percentage point", "pp", 1), ("basis points", "pp", Decimal("0.01")),
                     ("basis point", "pp", Decimal("0.01")), ("bps", "pp", Decimal("0.01")), ("bp", "pp", Decimal("0.01")),
                     ("per cent", "%", 1), ("percent", "%", 1), ("pct", "%", 1)]
PERCENT_SUFFIX_ZH = [("个百分点", "pp", 1), ("百分点", "pp", 1), ("个基点", "pp", Decimal("0.01")), ("基点", "pp", Decimal("0.01"))]
UP_WORDS = ("上涨", "上升", "增长", "增加", "提高", "升至", "涨", "增", "升", "多", "偏多", "提升", "扩大", "加重", "重")
DOWN_WORDS = ("下降", "下跌", "下滑", "减少", "降低", "降至", "减重", "跌", "降", "减", "偏少", "缩小", "回落", "萎缩", "轻")
EN_UP = ("rose", "rise", "rises", "risen", "rising", "up", "increase", "increased", "increases", "grew", "grow", "grown",
         "gain", "gained", "gains", "climbed", "jumped", "higher", "heavier", "more", "above", "wetter", "surged", "added", "expand", "expanded")
EN_DOWN = ("fell", "fall", "falls", "fallen", "falling", "down", "decrease", "decreased", "decline", "declined", "dropped",
           "drop", "lower", "lighter", "less", "below", "shrank", "cut", "cuts", "slipped", "eased", "lost", "drier", "contracted", "reduced")
_ZH_STOP_NOUN = set("的之在和与及等中里了是被将已为并而或到至于向从对以上下内外前后约近多余左右共计")
# classifiers that are themselves the counted noun: 30国, 6人, 3省
NOUN_CLASSIFIERS = set("国國人城省县市岁歲票席户戶例倍")


@dataclass
class Quantity:
    kind: str
    start: int
    end: int
    num: Decimal
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str = ""
    scale_word: str = ""
    figure: str = ""
    noun: str = ""
    si: Decimal | None = None
    dimension: str = ""
    direction: int = 0
    ordinal: bool = False


def _match_any(text: str, pos: int, keys: list[str], ignore_case: bool = False, word: bool = False) -> str | None:
    for k in keys:
        seg = text[pos:pos + len(k)]
        if seg == k or (ignore_case and seg.lower() == k.lower()):
            if word and pos + len(k) < len(text) and k[-1].isascii() and text[pos + len(k)].isascii() and text[pos + len(k)].isalnum():
                continue
            return k
    return None


def _ends_with_any(text: str, end: int, keys: list[str], ignore_case: bool = False, word: bool = False) -> str | None:
    for k in keys:
        if end - len(k) < 0:
            continue
        seg = text[end - len(k):end]
        if seg == k or (ignore_case and seg.lower() == k.lower()):
            if word and end - len(k) > 0 and text[end - len(k) - 1].isalpha() and k[0].isalpha():
                continue
            return k
    return None


def _skip_spaces(text: str, pos: int, limit: int = 2) -> int:
    n = 0
    while pos < len(text) and text[pos] == " " and n < limit:
        pos += 1
        n += 1
    return pos


def _back_spaces(text: str, pos: int, limit: int = 2) -> int:
    n = 0
    while pos > 0 and text[pos - 1] == " " and n < limit:
        pos -= 1
        n += 1
    return pos


def _precision(q: Quantity, written_unit: Decimal) -> Decimal:
    return written_unit if written_unit > 0 else Decimal(1)


def apply_qualifier(q: Quantity, kind: str, unit_prec: Decimal) -> None:
    """Turn a qualifier into the interval it states (DESIGN §2: approximations by stated precision)."""
    v, u = q.num, unit_prec
    cap = Decimal(100) if q.kind == "percent" and q.unit == "%" and v <= 100 else None
    if kind == "approx":
        q.low, q.high = v - u / 2, v + u / 2
    elif kind == "near":
        q.low, q.high = v - u, v
    elif kind in ("over", "over_just"):
        q.low, q.high = v, (cap if cap is not None else v + u)
    elif kind == "min":
        q.low, q.high = v, (cap if cap is not None else v + u)
    elif kind == "max":
        q.low, q.high = Decimal(0), v
    elif kind == "under":
        q.low, q.high = v - u, v
    else:
        return
    q.qualifier = "over" if kind == "over_just" else kind


def _written_precision(figure: str, num: Decimal, mult: Decimal) -> Decimal:
    if figure and figure[0].isdigit():
        return significant_unit(figure) * mult
    # numerals in words: the place of the last non-zero digit
    if num == 0:
        return Decimal(1)
    n = num.normalize()
    exp = n.as_tuple().exponent
    return (Decimal(10) ** exp if isinstance(exp, int) else Decimal(1)) * mult


def _en_noun(text: str, pos: int) -> tuple[str, int]:
    """The counted noun after an English number: '55 partner countries' → ('partner country', end)."""
    words = []
    end = pos
    p = pos
    for _ in range(3):
        p2 = _skip_spaces(text, p, 1)
        m = _EN_WORD.match(text, p2)
        if not m or p2 == p and p != pos:
            break
        w = m.group(0)
        if w.lower() in EN_STOP or w[0].isupper() and words == [] and False:
            break
        if w.lower() in ("of",):
            break
        words.append(w)
        end = m.end()
        p = m.end()
        if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
            break  # a plural noun closes the phrase
    if not words:
        return "", pos
    return " ".join(lemma(w) for w in words), end


def _zh_noun(text: str, pos: int) -> tuple[str, int]:
    """The noun right after a Chinese classifier (up to two dictionary words)."""
    seg = []
    i = pos
    while i < len(text) and len(seg) < 6 and "\u4e00" <= text[i] <= "\u9fff" and text[i] not in _ZH_STOP_NOUN:
        seg.append(text[i])
        i += 1
    if not seg:
        return "", pos
    words = zh_words("".join(seg))[:2]
    taken = "".join(words)
    return taken, pos + len(taken)


def _direction_before(text: str, start: int, zh: bool) -> int:
    window = text[max(0, start - 6):start]
    for w in UP_WORDS if zh else ():
        if w in window[-4:]:
            return 1
    for w in DOWN_WORDS if zh else ():
        if w in window[-4:]:
            return -1
    words = [w.lower() for w in _EN_WORD.findall(text[max(0, start - 30):start])][-3:]
    if any(w in EN_UP for w in words):
        return 1
    if any(w in EN_DOWN for w in words):
        return -1
    return 0


def _number_tokens(text: str) -> list[tuple[int, int, Decimal, str, str, tuple[Decimal, Decimal] | None]]:
    """(start, end, value, figure, scale_word, range) for every number in the text."""
    out = []
    for m in NUMBER_TOKEN.finditer(text):
        start, end = m.span()
        if m.group("ar"):
            fig = m.group("ar")
            scale = m.group("arscale") or ""
            # 千米 / 千克 / 百万 handled: a unit that starts with the scale char is a unit
            while scale and _match_any(text, m.start("arscale") + len(scale) - 1, _UNIT_KEYS) and scale[-1] in "千百":
                scale = scale[:-1]
                end -= 1
            # a figure glued to a Latin word (G7, F-35, A19) is a name, not a quantity
            prev = text[start - 1] if start else ""
            if prev.isalpha() and prev.isascii() and not _ends_with_any(text, start, _SYM_KEYS):
                continue
            if prev == "-" and start >= 2 and text[start - 2].isalpha() and text[start - 2].isascii():
                continue
            if prev in "." and start >= 2 and text[start - 2].isdigit():
                continue
            val = parse_arabic(fig)
            if val is None:
                continue
            if scale:
                mult = Decimal(1)
                for ch in scale:
                    mult *= ZH_BIG.get(ch) or {"千": 1000, "百": 100}[ch]
                val *= mult
            out.append((start, end, val, fig, scale, None))
        else:
            tok = m.group("zh")
            # trim characters that cannot end a numeral (点 at the end: 一点)
            while tok and tok[-1] in "点點":
                tok = tok[:-1]
            while tok and tok[0] in "点點十百千万亿兆萬億拾佰仟" and tok[0] not in "十拾":
                tok = tok[1:]
                start += 1
            if not tok:
                continue
            end = start + len(tok)
            rng = zh_adjacent_range(tok)
            val = rng[0] if rng else parse_zh(tok)
            if val is None:
                continue
            out.append((start, end, val, tok, "", rng))
    # English number words: runs of number words
    for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:\s+(?:and\s+|a\s+)?[A-Za-z]+(?:-[A-Za-z]+)*){0,6}", text):
        pass
    return out


def _en_word_numbers(text: str) -> list[tuple[int, int, Decimal, str]]:
    """Runs of English number words: 'twenty-five', 'two hundred and five', 'a dozen'."""
    out = []
    words = list(_EN_WORD.finditer(text))
    i = 0
    while i < len(words):
        w = words[i].group(0).lower()
        parts = w.split("-")
        if not all(p in _EN_NUMBER_WORDS for p in parts) or w in ("hundred", "thousand", "dozen"):
            # 'a hundred', 'a dozen'
            if w in ("a", "an") and i + 1 < len(words) and words[i + 1].group(0).lower() in ("hundred", "thousand", "dozen", "million", "billion") \
                    and words[i + 1].start() - words[i].end() == 1:
                pass
            else:
                i += 1
                continue
        j = i
        run = [words[i].group(0)]
        while j + 1 < len(words):
            gap = text[words[j].end():words[j + 1].start()]
            nxt = words[j + 1].group(0).lower()
            if gap not in (" ", "-"):
                break
            if nxt in _EN_NUMBER_WORDS or all(p in _EN_NUMBER_WORDS for p in nxt.split("-")) or (
                    nxt == "and" and j + 2 < len(words) and words[j + 2].group(0).lower() in _EN_NUMBER_WORDS
                    and text[words[j + 1].end():words[j + 2].start()] == " "):
                run.append(words[j + 1].group(0))
                j += 1
            else:
                break
        val = parse_en_words(run)
        if val is not None:
            out.append((words[i].start(), words[j].end(), val, " ".join(run)))
        i = j + 1
    return out


def extract_quantities(text: str, taken: bytearray) -> list[Quantity]:
    """Quantities in `text` (width-folded view) outside the spans marked in `taken`."""
    tokens = [(s, e, v, f, sc, r) for s, e, v, f, sc, r in _number_tokens(text)]
    tokens += [(s, e, v, f, "", None) for s, e, v, f in _en_word_numbers(text)]
    tokens.sort(key=lambda t: (t[0], -t[1]))
    out: list[Quantity] = []
    last_end = -1
    skip_until = -1
    for idx, (start, end, val, fig, scale_word, rng) in enumerate(tokens):
        if start < max(last_end, skip_until) or any(taken[start:end]):
            continue
        q = _contextualize(text, start, end, val, fig, scale_word, rng, taken, tokens, idx)
        if q is None:
            continue
        if any(taken[q.start:q.end]):
            continue
        out.append(q)
        last_end = q.end
    return out


def _contextualize(text, start, end, val, fig, scale_word, rng, taken, tokens, idx) -> Quantity | None:
    zh_numeral = bool(fig) and not fig[0].isdigit() and any("\u4e00" <= c <= "\u9fff" for c in fig)
    en_words = bool(fig) and fig[0].isalpha() and fig.isascii()
    mult = Decimal(1)
    if scale_word:
        for ch in scale_word:
            mult *= ZH_BIG.get(ch) or {"千": 1000, "百": 100}[ch]
    q = Quantity(kind="number", start=start, end=end, num=val, figure=fig, scale_word=scale_word)
    if rng:
        q.low, q.high, q.qualifier = rng[0], rng[1], "range"
    pos = end
    currency = ""
    percent_mult: Decimal | None = None
    # ---- prefix: currency symbols, 人民币, 百分之, 第, qualifiers
    pre = _back_spaces(text, start, 1)
    sym = _ends_with_any(text, pre, _SYM_KEYS)
    if sym and (not sym[0].isalpha() or start - len(sym) - (start - pre) == 0 or not text[pre - len(sym) - 1].isalpha()):
        currency = EN_CUR_SYM[sym]
        q.start = pre - len(sym)
    else:
        zp = _ends_with_any(text, start, longest_first(ZH_CUR_PREFIX))
        if zp:
            currency = ZH_CUR_PREFIX[zp]
            q.start = start - len(zp)
    if text[max(0, start - 3):start] in ("百分之",):
        percent_mult = Decimal(1)
        q.kind, q.unit, q.dimension = "percent", "%", "%"
        q.start = start - 3
    elif text[max(0, start - 3):start] == "千分之":
        q.kind, q.unit, q.dimension = "percent", "%", "%"
        q.num = val / 10
        q.start = start - 3
        val = q.num
    if start >= 1 and text[start - 1] == "第" or start >= 2 and text[start - 2:start] in ("No", "第 "):
        return None  # ordinals and numbered items are identifiers (extracted elsewhere)
    if zh_numeral and len(fig) == 1 and fig in ZH_DIGITS and not rng:
        # a lone 一/三 is a number only when a classifier, unit or 成 follows (一致, 统一 are words)
        nxt = text[end:end + 3]
        if not (_match_any(text, end, _CLS_KEYS) or _match_any(text, end, _UNIT_KEYS) or nxt[:1] in "成倍%"
                or _match_any(text, end, _ZH_CUR_KEYS) or text[max(0, start - 3):start] == "百分之"):
            return None
        if fig == "一" and nxt[:1] in ("些", "样", "切", "直", "定", "般", "起", "旦", "致", "方", "面", "体", "同", "再", "向", "边", "道"):
            return None
    # ---- suffix: Chinese approx marker, scale, percent, currency, unit, classifier
    approx_suffix = ""
    if text[pos:pos + 1] in ("多", "余", "餘") and (text[pos + 1:pos + 2] in ZH_BIG or _match_any(text, pos + 1, _CLS_KEYS)
                                                  or _match_any(text, pos + 1, _ZH_CUR_KEYS) or _match_any(text, pos + 1, _UNIT_KEYS)):
        approx_suffix = "over"
        pos += 1
    if text[pos:pos + 1] in ZH_BIG and not scale_word and not zh_numeral:
        pass
    if zh_numeral and text[pos:pos + 1] == "成" and val <= 10 and not text[pos + 1:pos + 2] in ("为", "立", "功", "本", "员", "果", "熟", "交"):
        q.kind, q.unit, q.dimension = "percent", "%", "%"
        q.num = val * 10
        pos += 1
        mult = Decimal(10)
    elif percent_mult is not None:
        pass
    else:
        p2 = _skip_spaces(text, pos, 1)
        if text[pos:pos + 1] == "%":
            q.kind, q.unit, q.dimension = "percent", "%", "%"
            pos += 1
        else:
            found = False
            for word, unit, factor in PERCENT_SUFFIX_ZH:
                if text.startswith(word, pos):
                    q.kind, q.unit, q.dimension = "percent", unit, unit
                    q.num = val * factor
                    mult = Decimal(factor)
                    pos += len(word)
                    found = True
                    break
            if not found:
                for word, unit, factor in PERCENT_SUFFIX_EN:
                    if text[p2:p2 + len(word)].lower() == word and not text[p2 + len(word):p2 + len(word) + 1].isalpha():
                        q.kind, q.unit, q.dimension = "percent", unit, unit
                        q.num = val * factor
                        mult = Decimal(factor)
                        pos = p2 + len(word)
                        found = True
                        break
            if not found and not zh_numeral:
                # English scale: 1.2 billion, 12bn, $3m, 4.5tn
                m = re.match(r"( ?)(trillions?|billions?|millions?|thousand|bn|bln|tn|trn|mn|mln|m|b|k)(?![A-Za-z])", text[pos:pos + 12], re.I)
                if m and not scale_word and (m.group(2).lower() in ("trillion", "trillions", "billion", "billions", "million", "millions", "thousand") or
                                             (not m.group(1) and (currency or m.group(2).lower() in ("bn", "tn", "mn", "bln", "trn")))):
                    word = m.group(2)
                    sc = EN_SCALE_ABBREV.get(word, EN_SCALE_ABBREV.get(word.lower()))
                    if sc:
                        q.num = val * sc
                        mult = Decimal(sc)
                        q.scale_word = word
                        pos += m.end()
            if q.kind == "number":
                p2 = _skip_spaces(text, pos, 1)
                zc = _match_any(text, pos, _ZH_CUR_KEYS)
                ec = _match_any(text, p2, _EN_CUR_KEYS, ignore_case=False, word=True)
                if zc and not (zc in ("元", "块", "角") and currency and False):
                    cur = ZH_CUR[zc]
                    if zc == "块" and not currency and text[pos + 1:pos + 2] != "钱":
                        cur = ""
                    if cur:
                        currency = cur
                        pos += len(zc)
                elif ec:
                    currency = EN_CUR_WORDS[ec]
                    pos = p2 + len(ec)
                if currency:
                    q.kind = "money"
                    if "/" in currency:
                        code, div = currency.split("/")
                        q.num = q.num / Decimal(div)
                        currency = code
                    q.unit = currency
                    if text[pos:pos + 3] == "人民币":
                        pos += 3
            if q.kind == "number":
                hyphen = text[pos:pos + 1] == "-" and text[pos + 1:pos + 2].isalpha()
                p2 = pos + 1 if hyphen else _skip_spaces(text, pos, 1)
                u = _match_any(text, p2, _UNIT_KEYS, word=True)
                if u and (u[0].isascii() and u[0].isalpha()) and p2 == pos and not hyphen and len(u) > 2 and False:
                    u = None
                if u and u in ("m", "g", "in", "ft") and (p2 != pos and not hyphen):
                    # 'in', 'm' after a space are too often words or scale
                    u = None if u in ("in", "g") else u
                if u and u == "年" :
                    u = None
                if u and u == "度" and text[p2 + 1:p2 + 2] in "电":
                    u = "度电"
                if u and zh_numeral and fig == "一":
                    return None  # 一天, 一年: idiom more often than a measured duration
                if u:
                    sym, factor, dim = UNITS[u]
                    q.kind, q.unit, q.dimension = "measure", sym, dim
                    q.si = q.num * Decimal(str(factor))
                    pos = p2 + len(u)
                    # 米/秒 written as "米每秒" handled by table; "per second" after a length
                    tail = re.match(r"(/| per )(second|sec|s|hour|h|秒|小时)\b", text[pos:pos + 12])
                    if tail and dim == "length":
                        per = tail.group(2)
                        secs = Decimal(1) if per in ("second", "sec", "s", "秒") else Decimal(3600)
                        q.unit = f"{sym}/{'s' if secs == 1 else 'h'}"
                        q.si = q.si / secs
                        q.dimension = "speed"
                        pos += tail.end()
            if q.kind == "number":
                cls = _match_any(text, pos, _CLS_KEYS)
                if cls and not (cls == "人" and text[pos + 1:pos + 2] in "民口工类") and not (
                        cls in ("国", "國") and text[pos + 1:pos + 3] in ("集团", "集團")):
                    if zh_numeral and fig == "一" and not rng:
                        return None  # 一个, 一种, 一场: the indefinite article, not a count
                    if text[pos + len(cls):pos + len(cls) + 1] in ZH_DIGITS:
                        return None  # 三位一体, 一五一十: idioms built from numerals
                    q.kind = "count"
                    noun, after = _zh_noun(text, pos + len(cls)) if cls not in NOUN_CLASSIFIERS else ("", pos + len(cls))
                    q.noun = (zh_head_gloss(noun) if noun else "") or CLASSIFIERS[cls] or cls
                    if noun.endswith(("国", "國")) and "country" not in q.noun:
                        q.noun = (q.noun + " country").strip()
                    pos = pos + len(cls) + len(noun)
                elif not zh_numeral and text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isalpha():
                    noun, after = _en_noun(text, pos)
                    if noun and not any(n in ("am", "pm", "gmt", "utc") for n in noun.split()) and fig.lower() not in ("one", "a", "an"):
                        q.kind = "count"
                        q.noun = noun
                        pos = after
                elif zh_numeral and not rng and len(fig) > 1 and not any(c in fig for c in "十百千万亿兆萬億拾佰仟点點") and not fig[0] == "零":
                    return None  # 一一, 三三: not a numeral
    if zh_numeral and q.kind == "number" and (len(fig) == 1 or fig in ("一一",)):
        return None
    if en_words and q.kind == "number" and val < 10 and not rng:
        # 'one' as a pronoun, 'two of them': bare small number words are not claims
        if fig.lower() in ("one", "a", "an"):
            return None
    q.end = pos
    # ---- qualifiers before the number
    qpos = q.start
    qual = ""
    zq = _ends_with_any(text, qpos, _ZH_QPRE)
    if zq:
        qual = ZH_QUAL_PRE[zq]
        q.start = qpos - len(zq)
    else:
        b = _back_spaces(text, qpos, 1)
        eq = _ends_with_any(text, b, _EN_QPRE, ignore_case=True, word=True) if b < qpos else None
        if eq:
            qual = EN_QUAL_PRE[eq]
            q.start = b - len(eq)
    zs = _match_any(text, q.end, longest_first(ZH_QUAL_SUF))
    if zs and qual in ("", "exact"):
        qual = ZH_QUAL_SUF[zs]
        q.end += len(zs)
    else:
        m = re.match(r" (or more|or so|or less|plus)\b", text[q.end:q.end + 10])
        if m and not qual:
            qual = EN_QUAL_SUF[m.group(1)]
            q.end += m.end()
    if approx_suffix and not qual:
        qual = approx_suffix
    written_unit = _written_precision(fig, val, mult)
    if q.kind == "percent" and q.unit == "%" and fig and not fig[0].isdigit() and not zh_numeral:
        written_unit = Decimal(1)
    if qual and qual != "exact" and q.qualifier != "range":
        apply_qualifier(q, qual, written_unit)
    q.direction = _direction_before(text, q.start, True) or _direction_before(text, q.start, False)
    # ---- ranges: 5到10年, 16,000-17,000, 47%到87%, 5 billion to 7 billion yuan
    return q
