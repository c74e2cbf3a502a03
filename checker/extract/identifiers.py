"""Numbered identifiers: 第61号公告, 第28条, Article 82, Resolution 2231, No. 16, 14th typhoon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import EN_STOP, zh_words
from ..numerals import EN_ORDINALS, parse_zh
from ..resources import load, longest_first
from ..textnorm import is_cjk
from .dates import EN_DAY_ORDINALS, EN_DURATION_UNITS, EN_MONTHS, EN_WEEKDAYS
from .scan import finditer as fast_finditer, literal_trie

_ZN = "[0-9零〇一二三四五六七八九十百千两]"
ZH_ID = re.compile(rf"第\s*(?P<n>{_ZN}{{1,6}})\s*(?P<cls>号|號|条|條|款|章|节|節|届|屆|次|轮|輪|批|期|个|個|颗|顆|名|位|艘|架|项|項|号令|號令|版)?(?P<noun>[\u4e00-\u9fff]{{0,2}})")
EN_ID = re.compile(r"\b(?P<noun>Article|Art\.|Section|Sec\.|Resolution|Decree|Order|Law|Rule|Regulation|Directive|Announcement|Notice|Bulletin|Circular|Clause|Chapter|Paragraph|Amendment|Flight|Typhoon|Storm|Launch|Mission|Item|Case)(?P<pl>s)?\s+(?:No\.\s*)?(?P<n>\d{1,6})\b"
                   # (several of them: Articles 383, 385 and 397; Sections 3 and 4)
                   r"(?P<more>(?:,\s+\d{1,6}\b)*,?\s+(?:and|or)\s+\d{1,6}\b(?![.,]\d))?"
                   # (a patent's or case's number may be grouped: U.S. Patent No. 9,412,366)
                   r"|\b(?P<no>No\.|Number|#)\s?(?P<n2>\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,6})\b"
                   # (not inside a grouped figure, and possessive: 123,123,123… is one scan, not one per group)
                   r"|\b(?<!\d,)(?P<ord>\d{1,3}(?:,\d{3})++|\d{1,4})(?:st|nd|rd|th)\s+(?P<noun2>[a-z]+|[A-Z][a-z]+)"
                   # a designator: a launch's (2025-287A) or a recall campaign's (26V-318: year, kind, number)
                   r"|(?<![0-9A-Za-z-])(?P<cospar>(?:19|20)\d\d-\d{3}[A-Z]{0,3}|\d\d[A-Z]-\d{3,5})(?![0-9A-Za-z-])")
# a numbered commentary of a series, at the head of a title: ——四论深刻领会…, 再论… (the second)
_ZH_SERIES = load("zh", "classifiers")["series"]
ZH_SERIES = re.compile(r"(?:^|(?<=[—–\-：:\s“「『《]))(?P<n>[一二三四五六七八九十]{1,2}|%s)(?P<cls>%s)(?=[\u4e00-\u9fff]{2})" % (
    "|".join(map(re.escape, _ZH_SERIES["second"])), "|".join(map(re.escape, _ZH_SERIES["markers"]))), re.M)
# the marker alone (every match holds one): a cheap test of a whole text before the full pattern,
# which starts with a numeral (frequent) or a line start (re.M: no first character to gate it by)
_ZH_SERIES_MARKER = re.compile("|".join(map(re.escape, _ZH_SERIES["markers"])))
_POSSESSIVE_BEFORE = re.compile(r"(?:['’]s|\b(?:%s))[ ]$" % "|".join(load("en", "numbers")["ordinal_possessives"]), re.I)
_ORDINAL_NOT_NOUNS = frozenset(load("en", "numbers")["ordinal_not_nouns"])
_ZH_NOT_ORDINALS = tuple(load("zh", "classifiers")["not_ordinals"])
_ZH_STREAK_WORDS = load("zh", "classifiers")["streaks"]
_ZH_STREAK_BEFORE = tuple(load("zh", "classifiers")["streak_before"])
ZH_STREAK = re.compile(r"(?<![0-9零〇一二三四五六七八九十百两])(?P<n>[0-9]{1,3}|[一二三四五六七八九十两]{1,3})(?:%s)" % "|".join(
    map(re.escape, _ZH_STREAK_WORDS)))
_ZH_STREAK_WORD = re.compile("|".join(map(re.escape, _ZH_STREAK_WORDS)))
# 2283号航班, 2231号决议: a figure numbers the thing after 号 without 第 before it
ZH_HAO_ID = re.compile(r"(?<![0-9A-Za-z第.])(?P<n>\d{1,6})\s?(?:号|號)(?P<noun>%s)" % "|".join(
    map(re.escape, longest_first(load("zh", "classifiers")["numbered_by_hao"]))))
_ZH_CLS_UNIT = {"号": "no", "號": "no", "号令": "no", "號令": "no", "条": "article", "條": "article", "款": "clause",
                "章": "chapter", "节": "section", "節": "section", "届": "session", "屆": "session", "次": "time",
                "轮": "round", "輪": "round", "批": "batch", "期": "issue", "版": "edition"}


@dataclass
class IdMention:
    start: int
    end: int
    number: int
    unit: str
    ordinal: bool
    noun: str = ""
    high: int | None = None  # a range of ranks: 在第十和第十五之间 is 10 to 15


# the English ordinal words as a tree (scan.literal_trie): every English word start is a place
# where the case-blind patterns below may begin, and there a list of words is tried one by one
_ORDINAL_WORDS = literal_trie(EN_ORDINALS, fold=True)


def _en_ordinal_words() -> re.Pattern[str]:
    return re.compile(rf"\b(?:the\s+)?(?P<w>{_ORDINAL_WORDS})\s+(?P<noun>[a-z]+)", re.I)


EN_ORD_WORDS = _en_ordinal_words()
# a finishing place in words after its verb ('finished sixth in 2:26:55'), then a function word or a
# stop: the ordinal alone (a noun after it is EN_ORD_WORDS' or EN_ORD_HEAD's)
EN_PLACE = re.compile(r"\b(?:%s)\s+(?P<w>%s)(?=\s*[,.;:)]|\s+(?:%s)\b)" % (
    "|".join(load("en", "numbers")["place_verbs"]), _ORDINAL_WORDS,
    "|".join(load("en", "numbers")["place_after"])), re.I)
_ORDINAL_HEADS = load("en", "numbers")["ordinal_heads"]
# an ordinal in words, up to three words of a name, and the noun it numbers (her fifth Grand Slam title)
EN_ORD_HEAD = re.compile(r"\b(?P<w>%s)(?P<mid>(?:\s+[A-Za-z][\w'-]*){0,3}?)\s+(?P<noun>%s)\b" % (
    _ORDINAL_WORDS, "|".join(map(re.escape, _ORDINAL_HEADS))), re.I)
_ORDINAL_NOUNS = dict(load("en", "numbers")["ordinal_nouns"])
# a figure ordinal's capitalized words that end in an occasion's head: 'the 25th Olympic Winter
# Games', 'the 20th Party Congress' (an edition of a named event, as EN_ORD_HEAD reads 'the fifth
# Winter Games'), not a title ('the 17th Door')
_TITLED_HEAD = re.compile(r"(?:\s+[A-Z][\w'-]*){0,3}?\s+(?P<noun>%s)\b" % "|".join(map(re.escape, _ORDINAL_HEADS)), re.I)
# 'for the first time in four years': the span since the last occasion, not the first occasion ever
# ('the second time in a decade' still numbers one)
_TIME_IN_SPAN = re.compile(r"\s+in\s+(?:(?:the\s+)?(?:past|last)\s+)?(?:[\w-]+\s+){0,2}?(?:%s|decades?|centur(?:y|ies))(?![A-Za-z])" % "|".join(
    re.escape(u).replace(r"\ ", r"\s+") for u in sorted(EN_DURATION_UNITS, key=len, reverse=True)), re.I)
# centuries are ordinals of their own kind: 19世纪, the 20th century, the twenty-first century
ZH_CENTURY = re.compile(r"(?P<n>(?<![0-9])\d{1,2}|(?<![零一二三四五六七八九十])[一二三四五六七八九十]{1,3})\s?(?:世纪|世紀)")
EN_CENTURY = re.compile(r"(?<![0-9A-Za-z-])(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>%s))[\s-]centur(?:y|ies)(?![A-Za-z])" % "|".join(
    re.escape(w).replace(r"\ ", r"[-\s]") for w in sorted(EN_DAY_ORDINALS, key=len, reverse=True)), re.I)
# RM4,765 and RMB12 are money, not model numbers
_CURRENCY_SYMBOLS = {k for k in load("en", "currencies")["symbols"] if k.isalpha()} | {"US", "HK", "NT", "AU", "CA", "NZ", "MX", "S", "A", "C", "R"}
# model numbers and designations: F-35, Covid-19, A4, 802.11g, H5N1, Boeing 737 MAX is not one (space)
# a figure with a unit (180.25ml) is a measure, not a version number like 802.11g
_ALL_UNIT_WORDS = frozenset(w.lower() for w in load("en", "units")["units"])
_UNIT_WORDS = frozenset(w for w in _ALL_UNIT_WORDS if len(w) >= 2)
# a flight whose airline's code opens with a digit (3U8633, 9C8517: IATA codes may) is a code as
# MU5101 is; not 1Q2026 or 2H2025, a quarter or half of a year
CODE = re.compile(r"(?<![A-Za-z0-9_.-])(?P<code>[A-Z][A-Za-z]{0,9}-?\d{1,5}(?:[A-Za-z]\d{0,3})?|\d[A-GI-PR-Z]\d{3,4}|\d{3}\.\d{1,3}[a-z]{1,2}"
                  # iPhone6, eBay2: a lower-case brand with a capital inside; covid-19, level-3: a word, hyphen, number
                  r"|[a-z][A-Z][A-Za-z]{0,8}\d{1,4}|(?P<lower>[a-z]{3,8})-\d{1,4})(?![A-Za-z0-9_-]|[.,]\d)")
_EN_IDS = load("en", "numbers")
# lower-case words before a hyphen and a number that make a compound, not a name: top-10, under-21, post-2008
_LOWER_CODE_NOT = frozenset(_EN_IDS["lower_code_not_prefix"])
_SCALE_OR_UNIT_AFTER = re.compile(r"[ ]?(?:million|billion|trillion|thousand|bn|mn|m|k|%)(?![A-Za-z])", re.I)


_ZH_CENTURY_WORD = re.compile("世纪|世紀")
# decades: the 1960s, the '80s, in their 50s, 80年代; named by their two digits so that the 1980s and
# 上世纪80年代 agree (a 4-digit decade keeps its century in the noun)
EN_DECADE = re.compile(r"(?<![\w.,$€£¥-])['’]?(?P<n>(?:1[5-9]|20)?[0-9]0)['’]?s(?![A-Za-z0-9'’-])")
ZH_DECADE = re.compile(r"(?<![0-9])(?P<n>(?:1[5-9]|20)?[0-9]0)\s?年代")
_ZH_DECADE_WORD = re.compile("年代")
_EN_CENTURY_WORD = re.compile(r"centur(?:y|ies)(?![A-Za-z])", re.I)


# a phase, stage or level: the phase 3 trial, Phase III, 三期临床试验, 4级预警 (data: en numbers [levels],
# zh classifiers [levels])
_LEVELS = load("en", "numbers")["levels"]
_ROMAN = dict(_LEVELS["roman"])
_ROMAN_ALT = "|".join(sorted(_ROMAN, key=len, reverse=True))
_LEVEL_UNITS = dict(_LEVELS["nouns"])
EN_LEVEL = re.compile(r"(?<![A-Za-z])(?P<noun>(?i:%s))[ -](?:(?P<n>\d{1,2})|(?P<r>%s))(?![A-Za-z0-9]|[.,]\d)" % (
    "|".join(_LEVEL_UNITS), _ROMAN_ALT))
_ZH_LEVELS = dict(load("zh", "classifiers")["levels"])
_ZH_LEVEL_NOT_BEFORE = tuple(load("zh", "classifiers")["levels_not_before"]["words"])
_ZH_OR_ABOVE = tuple(longest_first([w for v in _ZH_LEVELS.values() for w in v["after"] if w.endswith("以上")]))
ZH_LEVEL = re.compile(r"(?<![0-9零〇一二三四五六七八九十第A-Za-z])(?:(?P<n>\d{1,2}|[一二三四五六七八九十])|(?P<r>%s))(?P<cls>%s)" % (
    _ROMAN_ALT, "|".join(map(re.escape, _ZH_LEVELS))))
_ZH_LEVEL_CLS = frozenset(_ZH_LEVELS)


# 第十次超过100人: a qualifier after the classifier belongs to the figure after it, not to the ordinal
_ZH_QUALIFIER_WORDS = tuple(sorted(load("zh", "qualifiers")["prefix"], key=len, reverse=True))
_ZH_NUMERAL_CHARS = frozenset("0123456789零〇一二三四五六七八九十百千万亿两")


def _whole_words(text: str, start: int, noun: str) -> str:
    """The first word of the text at `start` when it fits in `noun` (text[start:] cut at two
    characters): 剂 of 第一剂疫苗 (疫苗 is one word), 剂 of 第二剂仅为, 季度 of 第三季度."""
    words = zh_words(text[start:start + 8])
    if len(words) > 1 and len(words[0]) == 2:
        # 第二周全国: 周全 (thorough) is a word, but 周 + 全国 reads the longer word after it; the
        # split whose second word is the longer is the reading (3月第二周全国生猪均价)
        then = zh_words(text[start + 1:start + 9])
        if then and len(then[0]) > len(words[1]) and len(then[0]) > 1:
            return words[0][0]
    return words[0] if words and len(words[0]) <= len(noun) else noun


_MODEL = re.compile(r"(?<![A-Za-z0-9])(?P<brand>[A-Z][A-Za-z]{1,14}) (?P<n>\d{1,4})(?P<suf>[A-Z]{0,2})(?![\d.,:/%-]?\d)(?![A-Za-z%])")
_MODEL_NOT_AFTER = frozenset(_EN_IDS["model_not_after"])
_MODEL_NOT_BEFORE = re.compile(r" (?:%s)\b" % "|".join(map(re.escape, _EN_IDS["model_not_before"])))
# a scaled currency code before an amount (MAUD 60, USD 5): money, not a model
_CURRENCY_CODES = tuple(load("en", "currencies")["scaled_codes"]["codes"])
_CALENDAR_WORDS = frozenset(EN_MONTHS) | frozenset(EN_WEEKDAYS)
# a name of several words: an acronym before it ('BSE Sensex 30'), or a name joined to it by a slash
# ('S&P/ASX 200'), ties the capitalized word to the name wherever the sentence starts
_ACRONYM_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z&]{2,5} $")


def _model_numbers(text: str, taken: bytearray, add) -> None:
    """Mate 80, Boeing 737, Windows 11: a capitalized word inside a sentence (after a lower-case
    word, a comma, or Chinese text) and a number, with no unit after it, name a numbered thing."""
    if not any(c.isdigit() for c in text):
        return
    for mt in fast_finditer(_MODEL, text):
        s, e = mt.span()
        before = text[max(0, s - 2):s]
        inside = bool(before) and (before[-1] == " " and (before[:1].islower() or before[:1] in ",;:") or is_cjk(before[-1])
                                   or before[-1] == "/" and before[:1].isupper() or _ACRONYM_BEFORE.search(text, max(0, s - 8), s))
        brand = mt.group("brand")
        if not inside or brand in _MODEL_NOT_AFTER or brand.lower() in _CALENDAR_WORDS or brand in _CURRENCY_SYMBOLS \
                or brand.upper() in _CURRENCY_SYMBOLS or brand.isupper() and brand.endswith(_CURRENCY_CODES) \
                or _MODEL_NOT_BEFORE.match(text, e) or any(taken[s:e]) \
                or _unit_after(text, e) or _SCALE_OR_UNIT_AFTER.match(text, e):
            continue
        add(IdMention(s, e, 0, "code", False, (brand + mt.group("n") + mt.group("suf")).upper()))


def _noun_is_qualifier(text: str, start: int, end: int) -> bool:
    """The characters after an ordinal's classifier start a qualifier (超过, 约), a particle's clause
    (第397条的规定) or run into a figure: no noun of the ordinal."""
    return text.startswith(_ZH_QUALIFIER_WORDS, start) or text[start:start + 1] in _ZH_NOUN_NOT_FIRST \
        or any(c in _ZH_NUMERAL_CHARS for c in text[start:end + 1])


_DIGITS = re.compile(r"\d+")
_ZH_NOUN_NOT_FIRST = frozenset(load("zh", "classifiers")["ordinal_noun_not_first"])


# ranges of ranks (data: zh qualifiers [range], en numbers [ordinal_range])
_ZH_RANGE = load("zh", "qualifiers")["range"]
_ZH_ORD_JOIN = re.compile(r"\s*(?:%s)\s*$" % "|".join(map(re.escape, sorted(set(_ZH_RANGE["between"]) | set(_ZH_RANGE["separators"]), key=len, reverse=True))))
_ZH_BETWEEN_END = tuple(_ZH_RANGE["between_end"])
_EN_ORD_RANGE_DATA = _EN_IDS["ordinal_range"]
_EN_ORD = r"(?:the\s+)?(?:(?P<d{0}>\d{{1,4}})(?:st|nd|rd|th)|(?P<w{0}>%s))" % _ORDINAL_WORDS
_EN_ORD_RANGE = re.compile(r"(?<![A-Za-z])(?:%s|(?:%s)\s+than\s+%s,?\s+(?:but|and)\s+(?:%s)\s+than\s+%s)(?![A-Za-z0-9-])" % (
    "|".join(rf"{re.escape(a)}\s+{_EN_ORD.format('a%d' % i)}\s+{re.escape(b)}\s+{_EN_ORD.format('b%d' % i)}"
             for i, (a, b) in enumerate(_EN_ORD_RANGE_DATA["between"])),
    "|".join(_EN_ORD_RANGE_DATA["above"]), _EN_ORD.format("a9"), "|".join(_EN_ORD_RANGE_DATA["below"]), _EN_ORD.format("b9")), re.I)
_EN_ORD_RANGE_AFTER = re.compile(r"\s*(?:$|[^\sA-Za-z0-9]|(?:%s)(?![A-Za-z]))" % "|".join(_EN_ORD_RANGE_DATA["after"]), re.I)


def _ordinal_value(m: re.Match[str], side: str) -> int | None:
    for name, value in m.groupdict().items():
        if value and name[1] == side:
            return int(value) if name[0] == "d" else EN_ORDINALS.get(value.lower())
    return None


def _zh_ordinal_ranges(text: str, found: list[IdMention]) -> list[IdMention]:
    """Two ranks joined as a range (第十和第十五之间, 第三到第五名) become one mention 10 to 15;
    followed by anything but 之间 or the end of the clause they are two items (第一和第二轮之间)."""
    out: list[IdMention] = []
    for m in found:
        a = out[-1] if out else None
        if (a is not None and a.unit == m.unit == "ordinal" and a.high is None and not a.noun
                and _ZH_ORD_JOIN.match(text, a.end, m.start) and a.number < m.number):
            tail = text[m.end:m.end + 1]
            if m.noun.startswith(_ZH_BETWEEN_END) or not m.noun and not (tail and is_cjk(tail)):
                a.end, a.high, a.noun = m.end, m.number, ""
                continue
        out.append(m)
    return out


def _unit_after(text: str, end: int) -> bool:
    """A unit word right after a figure ('hole-30 kilometers', 'robots-8 feet')."""
    m = re.match(r"[ ]?([A-Za-z]+)", text[end:end + 20])
    return bool(m) and m.group(1).lower() in _ALL_UNIT_WORDS


# a Chinese court's case number (案号): the year in brackets, the court's abbreviation and number,
# the kind of case and its serial number: (2026)津01刑初27号, in pinyin in English copy "(2026) Jin
# 01 Xing Chu No. 27"; one designator (2026-01-27), compared across languages by its numbers
CASE_NUMBER = re.compile(
    r"[（(]\s?(?P<y>(?:19|20)\d\d)\s?[）)]\s?(?:[\u4e00-\u9fff]{1,3}(?P<c>\d{1,4})?[\u4e00-\u9fff]{1,5}(?P<n>\d{1,6})[号號]"
    r"|(?:[A-Z][a-z]{0,5}\s)+(?:(?P<c2>\d{1,4})\s)?(?:[A-Z][a-z]{0,5}\s){2,}No\.\s?(?P<n2>\d{1,6})\b)")


def _case_value(mt: re.Match[str]) -> str:
    court = mt.group("c") or mt.group("c2")
    return "-".join(x for x in (mt.group("y"), court and str(int(court)), mt.group("n") or mt.group("n2")) if x)


def _ending_at(rx: re.Pattern[str], text: str, anchor: re.Pattern[str], back: int = 40) -> list[re.Match[str]]:
    """Matches of `rx` that end where a match of `anchor` ends: the few places the rare anchor word
    stands are searched instead of the whole text."""
    out = []
    last = 0
    for a in fast_finditer(anchor, text):
        for mt in fast_finditer(rx, text, max(last, a.start() - back), a.end()):
            if mt.end() == a.end():
                out.append(mt)
                last = mt.end()
    return out


def extract_identifiers(text: str, taken: bytearray) -> list[IdMention]:
    out: list[IdMention] = []

    def add(m: IdMention) -> None:
        out.append(m)
        for i in range(m.start, m.end):
            taken[i] = 1

    for mt in fast_finditer(CASE_NUMBER, text) if "(" in text or "（" in text else ():
        if not any(taken[mt.start():mt.end()]):
            add(IdMention(mt.start(), mt.end(), 0, "designator", False, _case_value(mt)))
    for rx, anchor in ((ZH_CENTURY, _ZH_CENTURY_WORD), (EN_CENTURY, _EN_CENTURY_WORD)):
        for mt in _ending_at(rx, text, anchor):
            if any(taken[mt.start():mt.end()]):
                continue
            if mt.group("n"):
                n = int(mt.group("n")) if mt.group("n").isdigit() else parse_zh(mt.group("n"))
            else:
                n = EN_DAY_ORDINALS.get(re.sub(r"[-\s]+", " ", mt.group("w").lower()))
            if n is None or not 1 <= int(n) <= 30:
                continue
            add(IdMention(mt.start(), mt.end(), int(n), "century", True, "century"))
    # (a Chinese decade ends with 年代: the few places it is written are searched, not every figure)
    for rx, found in ((EN_DECADE, fast_finditer(EN_DECADE, text)), (ZH_DECADE, _ending_at(ZH_DECADE, text, _ZH_DECADE_WORD))):
        for mt in found:
            if any(taken[mt.start():mt.end()]):
                continue
            n = int(mt.group("n"))
            if n < 10 and rx is EN_DECADE and not mt.group(0).startswith(("'", "’")):
                continue  # '0s'
            add(IdMention(mt.start(), mt.end(), n % 100, "decade", False, "decade"))
    for mt in _ending_at(ZH_STREAK, text, _ZH_STREAK_WORD, back=6):
        n = int(mt.group("n")) if mt.group("n").isdigit() else parse_zh(mt.group("n"))
        if n is not None and not any(taken[mt.start():mt.end()]) and 2 <= int(n) <= 200:
            add(IdMention(mt.start(), mt.end(), int(n), "streak", True, "streak"))
    zh_found: list[IdMention] = []
    pos = 0
    while mt := ZH_ID.search(text, pos):
        pos = mt.end()
        if any(taken[mt.start():mt.end()]) or text.startswith(_ZH_NOT_ORDINALS, mt.start()):
            continue
        n = parse_zh(mt.group("n")) if not mt.group("n").isdigit() else int(mt.group("n"))
        if n is None:
            continue
        cls = mt.group("cls") or ""
        noun = mt.group("noun") or ""
        end = mt.end("cls") if cls else mt.end("n")
        if noun and _noun_is_qualifier(text, mt.start("noun"), mt.end("noun")):
            noun = ""
            pos = end  # 第十和第十五: the next ordinal may start inside the characters read as a noun
        if noun and not cls:
            noun = _whole_words(text, mt.start("noun"), noun)   # 第一剂疫苗: 剂, not 剂疫
        if noun and cls in ("号", "號", "条", "條", "次", "届", "屆", ""):
            end = mt.start("noun") + len(noun)
        unit = _ZH_CLS_UNIT.get(cls, "ordinal")
        if unit == "ordinal" and text.endswith(_ZH_STREAK_BEFORE, max(0, mt.start() - 2), mt.start()):
            unit = "streak"   # 连续第三周: as 'a third straight week'
        zh_found.append(IdMention(mt.start(), end, int(n), unit, unit in ("ordinal", "time", "round", "session", "batch", "streak"), noun))
    for mt in fast_finditer(ZH_HAO_ID, text) if "号" in text or "號" in text else ():
        if not any(taken[mt.start():mt.end()]):
            zh_found.append(IdMention(mt.start(), mt.end(), int(mt.group("n")), "no", False, mt.group("noun")))
    for im in _zh_ordinal_ranges(text, zh_found):
        add(im)
    for mt in fast_finditer(_EN_ORD_RANGE, text):
        lo, hi = _ordinal_value(mt, "a"), _ordinal_value(mt, "b")
        if any(taken[mt.start():mt.end()]) or lo is None or hi is None or not lo < hi \
                or not _EN_ORD_RANGE_AFTER.match(text, mt.end()):
            continue
        add(IdMention(mt.start(), mt.end(), lo, "ordinal", True, "", hi))
    for mt in fast_finditer(ZH_SERIES, text) if _ZH_SERIES_MARKER.search(text) else ():
        if any(taken[mt.start():mt.end()]):
            continue
        n = 2 if mt.group("n") in _ZH_SERIES["second"] else parse_zh(mt.group("n"))
        if n is not None and 1 <= int(n) <= 20:
            add(IdMention(mt.start(), mt.end(), int(n), "ordinal", True, "commentary"))
    for mt in fast_finditer(EN_LEVEL, text):
        if mt.group("r") and not mt.group("noun")[0].isupper():
            continue   # 'at this stage I think': the pronoun; a numeral needs 'Phase III', 'Stage IV'
        if mt.group("n") and _unit_after(text, mt.end()):
            continue   # 'raised the water level 3 metres', 'took the stage 40 minutes late'
        if not any(taken[mt.start():mt.end()]):
            n = int(mt.group("n")) if mt.group("n") else _ROMAN[mt.group("r")]
            noun = mt.group("noun").lower()
            add(IdMention(mt.start(), mt.end(), n, _LEVEL_UNITS[noun], False, noun))
    for mt in fast_finditer(ZH_LEVEL, text) if any(c in text for c in _ZH_LEVEL_CLS) else ():
        level = _ZH_LEVELS[mt.group("cls")]
        if any(taken[mt.start():mt.end()]) or not (mt.group("r") or text.startswith(tuple(level["after"]), mt.end())):
            continue
        after = mt.end() + next((len(w) for w in _ZH_OR_ABOVE if text.startswith(w, mt.end())), 0)
        if text.startswith(_ZH_LEVEL_NOT_BEFORE, after):
            continue   # 6级及以上地震, Ⅳ级大风: a magnitude or a force
        n = int(mt.group("n")) if mt.group("n") and mt.group("n").isdigit() else \
            parse_zh(mt.group("n")) if mt.group("n") else _ROMAN[mt.group("r")]
        add(IdMention(mt.start(), mt.end(), int(n), level["unit"], False, level["unit"]))
    for mt in CODE.finditer(text):
        if any(taken[mt.start():mt.end()]):
            continue
        code = mt.group("code")
        if code[:1].isdigit() and code.lstrip("0123456789.").lower() in _UNIT_WORDS:
            continue
        prefix = re.match(r"[A-Za-z]*", code).group(0)
        if mt.group("lower") and (prefix in _LOWER_CODE_NOT or prefix.endswith("s") or _unit_after(text, mt.end())):
            continue  # top-10, post-2008, points-10, hole-30 kilometers: a compound, a plural or a measure
        if prefix.lower() in ("no", "art", "sec") or (prefix in ("Q", "H") and len(code) == 2) or prefix in _CURRENCY_SYMBOLS and (
                len(prefix) > 1 or _SCALE_OR_UNIT_AFTER.match(text, mt.end())):
            continue  # No.5, Q3, H1 are numbered items or periods, handled elsewhere; R5 million is money
        add(IdMention(mt.start(), mt.end(), 0, "code", False, code.upper().replace("-", "")))
    for mt in fast_finditer(EN_ID, text):
        if any(taken[mt.start():mt.end()]):
            continue
        if mt.group("cospar"):
            add(IdMention(mt.start(), mt.end(), 0, "designator", False, mt.group("cospar")))
            continue
        if mt.group("ord"):
            noun = mt.group("noun2")
            if noun[0].isupper():
                # a capitalized noun after an ordinal is mostly a title ('the 17th Door', 'the 25th
                # Anniversary of…'); after a possessive it numbers the owner's own: "China's 23rd
                # Swaythling Cup", "the club's 14th Premiership"
                if not _POSSESSIVE_BEFORE.search(text, max(0, mt.start() - 12), mt.start()):
                    head = _TITLED_HEAD.match(text, mt.end("ord") + 2)
                    if head and not any(taken[mt.start():head.end()]):
                        add(IdMention(mt.start(), head.end(), int(mt.group("ord").replace(",", "")), "ordinal", True,
                                      head.group("noun").lower()))
                    continue
                noun = noun.lower() if noun.lower() in _ORDINAL_NOUNS or noun.lower() in EN_STOP else noun
            if noun in _ORDINAL_NOUNS:   # for the 11th time: 第11次
                if int(mt.group("ord").replace(",", "")) == 1 and _TIME_IN_SPAN.match(text, mt.end()):
                    continue
                add(IdMention(mt.start(), mt.end(), int(mt.group("ord").replace(",", "")), _ORDINAL_NOUNS[noun], True, noun))
                continue
            if noun.lower() in _ORDINAL_NOT_NOUNS:   # also capitalized: "the university's 125th Anniversary"
                continue
            if noun in EN_STOP:   # 'finished 12th in the race': the ordinal alone, no noun 'in'
                add(IdMention(mt.start(), mt.end("ord") + 2, int(mt.group("ord").replace(",", "")), "ordinal", True, ""))
                continue
            add(IdMention(mt.start(), mt.end(), int(mt.group("ord").replace(",", "")), "ordinal", True, noun))
            continue
        n = int((mt.group("n") or mt.group("n2")).replace(",", ""))
        noun = (mt.group("noun") or "").rstrip(".").lower()
        unit = {"art": "article", "sec": "section"}.get(noun, noun or "no")
        if mt.group("noun") and not mt.group("pl") and mt.group("more"):
            add(IdMention(mt.start(), mt.end("n"), n, unit, False, noun))   # 'Article 5 and 6 more': one
            continue
        add(IdMention(mt.start(), mt.end("n") if mt.group("more") else mt.end(), n, unit, False, noun))
        if mt.group("more"):   # each number of the list numbers one of them
            for d in _DIGITS.finditer(text, mt.start("more"), mt.end("more")):
                add(IdMention(d.start(), d.end(), int(d.group(0)), unit, False, noun))
    for mt in fast_finditer(EN_ORD_WORDS, text):
        # the third round, for the second time: an ordinal in words numbering an occasion
        noun = mt.group("noun").lower()
        if noun in _ORDINAL_NOUNS and not any(taken[mt.start("w"):mt.end()]) \
                and not (EN_ORDINALS[mt.group("w").lower()] == 1 and _TIME_IN_SPAN.match(text, mt.end())):
            add(IdMention(mt.start("w"), mt.end(), EN_ORDINALS[mt.group("w").lower()], _ORDINAL_NOUNS[noun], True, noun))
    for mt in fast_finditer(EN_PLACE, text):
        if not any(taken[mt.start("w"):mt.end("w")]):
            add(IdMention(mt.start("w"), mt.end("w"), EN_ORDINALS[mt.group("w").lower()], "ordinal", True, ""))
    for mt in fast_finditer(EN_ORD_HEAD, text):
        if any(taken[mt.start():mt.end()]) or any(w.lower() in EN_STOP for w in mt.group("mid").split()):
            continue
        add(IdMention(mt.start(), mt.end(), EN_ORDINALS[mt.group("w").lower()], "ordinal", True, mt.group("noun").lower()))
    _model_numbers(text, taken, add)   # after Article 82, Flight 370: named numbers of their own
    return out
