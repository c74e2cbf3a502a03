"""Dates in Chinese and English, resolved against the document date (DESIGN §2 normalize).

Every pattern is linear-time (bounded repeats, no nested quantifiers); offsets are code points
into the width-folded view, which has the same length as the original text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..lexicon import not_a_stop_word, zh_words
from ..numerals import parse_zh
from ..resources import load, longest_first
from .lunar import lunar_day, nearest_lunar_day
from .scan import finditer as fast_finditer, finditer_within, literal_trie

_ZH = load("zh", "dates")
_EN = load("en", "dates")
EN_MONTHS: dict[str, int] = dict(_EN["months"])
EN_WEEKDAYS: dict[str, int] = dict(_EN["weekdays"])
ZH_WEEKDAYS: dict[str, int] = dict(_ZH["weekdays"])
ZH_WEEKDAY_CHARS: dict[str, int] = dict(_ZH["weekday_chars"])
ZH_REL_DAYS: dict[str, int] = dict(_ZH["relative_days"])
EN_REL_DAYS: dict[str, int] = dict(_EN["relative_days"])
ZH_REL_YEARS: dict[str, int] = dict(_ZH["relative_years"])
EN_REL_YEARS: dict[str, int] = dict(_EN["relative_years"])
ZH_REL_MONTHS: dict[str, int] = dict(_ZH["relative_months"])
EN_REL_MONTHS: dict[str, int] = dict(_EN["relative_months"])
ZH_WEEK_PREFIX: dict[str, int] = dict(_ZH["week_prefix"])
ZH_LUNAR_MONTHS: dict[str, int] = dict(_ZH["lunar_months"])
ZH_ERAS: dict[str, int] = dict(_ZH["eras"])
_ERA_FIRSTS = frozenset(e[0] for e in ZH_ERAS)
ZH_TIME_ZONES: dict[str, str] = dict(_ZH["time_zones"])
ZH_MONTH_PARTS: dict[str, str] = dict(_ZH["month_parts"])
ZH_DAY_PRECEDERS = frozenset(_ZH["day_preceders"])
ZH_RANGE_SEPS = tuple(_ZH["range_separators"])
ZH_DAY_NOT_BEFORE = tuple(_ZH["day_not_before"])
ZH_HAO_NOT_BEFORE = tuple(longest_first(_ZH["hao_not_before"]))
ZH_BARE_DAY_NOT_AFTER = tuple(_ZH["bare_day_not_after"])
ZH_BARE_DAY_AFTER_OK = tuple(_ZH["bare_day_after_ok"])
ZH_BARE_DAY_NOT_BEFORE = tuple(_ZH["bare_day_not_before"])
ZH_YEAR_PARTS: dict[str, str] = dict(_ZH["year_parts"])
EN_REL_PREFIX: dict[str, int] = dict(_EN["relative_prefix"])
EN_WEEKDAY_POS: dict[str, int] = dict(_EN["weekday_positions"])
EN_VAGUE_COUNTS: dict[str, int] = dict(_EN["vague_counts"])
EN_DURATION_UNITS: dict[str, tuple[str, int]] = {k: (v[0], int(v[1])) for k, v in _EN["duration_units"].items()}
EN_DURATION_DIRS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _EN["duration_directions"].items()}
EN_YEAR_PARTS: dict[str, str] = dict(_EN["year_parts"])
_EN_YEAR_PARTS_FOLDED = {k.lower(): v for k, v in EN_YEAR_PARTS.items()}   # read case-blind (Q3, q3)
EN_NUMERIC_IDIOMS = frozenset(_EN["numeric_idioms"])
FUTURE = list(_ZH["future_markers"]) + list(_EN["future_markers"])


def _alt(words: Any, spaced: bool = True) -> str:
    """A regex alternation of literal words, longest first, written as a tree (see
    scan.literal_trie); a space matches any run of spaces. Words that differ in letter case only
    would share a path in a case-blind pattern and not in another: those keep the plain list."""
    ws = list(words)
    space = r"\s{1,3}" if spaced else None
    tree = literal_trie(ws, space=space)
    if tree != literal_trie(ws, fold=True, space=space):
        return "|".join(re.escape(w).replace(r"\ ", space) if space else re.escape(w) for w in longest_first(ws))
    return tree


def _day_words() -> tuple[dict[str, int], dict[str, int]]:
    """Days of the month as English words: ordinals (twenty-first) and cardinals (twenty one)."""
    ords: dict[str, int] = dict(_EN["day_ordinals"])
    cards: dict[str, int] = dict(_EN["day_cardinals"])
    for tens, tv in dict(_EN["day_tens"]).items():
        for table in (ords, cards):
            units = {w: v for w, v in (dict(_EN["day_ordinals"]) if table is ords else dict(_EN["day_cardinals"])).items()
                     if 1 <= v <= 9 and tv + v <= 31}
            for w, v in units.items():
                table[f"{tens} {w}"] = tv + v
    return ords, cards


EN_DAY_ORDINALS, EN_DAY_CARDINALS = _day_words()


def _word_alt(words: Any) -> str:
    """Alternation of multi-word numbers whose joints may be a hyphen or spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"[-\s]{1,2}") for w in longest_first(list(words)))


_ORDW = _word_alt(EN_DAY_ORDINALS)
_CARDW = _word_alt(EN_DAY_CARDINALS)
_L = r"(?<![0-9A-Za-z])"          # a token edge that, unlike \b, holds next to Chinese characters
_R = r"(?![0-9A-Za-z])"
_ZN = r"[0-9零〇○一二三四五六七八九十两]"
_ZDAY = r"(?:初[一二三四五六七八九十]|[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# a year of an era: 民國114年, 民国一一四年, 令和元年 (ZH_ERAS)
_ERA_YEAR = r"(?:%s)(?:\d{1,3}|元|[零〇一二三四五六七八九十百]{1,5})" % "|".join(
    map(re.escape, sorted(ZH_ERAS, key=len, reverse=True)))
_ZYEAR = rf"(?:\d{{4}}|[零〇○一二三四五六七八九]{{3,4}}|[一二两][千][零〇一二三四五六七八九十]{{0,3}}|{_ERA_YEAR})"
_MONTH_WORDS = _alt(EN_MONTHS, spaced=False)
# short forms: the month words that begin a longer one of the same month (feb, sept)
_MONTH_ABBREVIATIONS = frozenset(k for k, v in EN_MONTHS.items() if any(o != k and o.startswith(k) for o in EN_MONTHS))
_MON = rf"(?:{_MONTH_WORDS})(?![A-Za-z])"
_WD_WORDS = _alt(EN_WEEKDAYS, spaced=False)
_WD = rf"(?:{_WD_WORDS})(?![A-Za-z])"
_REL = _alt(EN_REL_PREFIX)
_LUNAR_M = _alt(ZH_LUNAR_MONTHS)
_ZH_TZ = _alt(ZH_TIME_ZONES)
_ZH_REL_Y = _alt(ZH_REL_YEARS)
_ZH_REL_M = _alt(ZH_REL_MONTHS)
_ZH_WEEKW = _alt(_ZH["week_words"])
_ZH_WPRE = _alt(ZH_WEEK_PREFIX)
_LUNAR_MARK = _alt(_ZH["lunar_markers"])
_LUNAR_NY = re.escape(_ZH["lunar_new_year"])
_DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])"
_SUF = r"(?:st|nd|rd|th)"
_EN_DAY = rf"(?:(?P<d>{_DAYNUM})(?P<suf>{_SUF})?(?![0-9A-Za-z]|\.[0-9]|,[0-9]{{1,3}}(?![0-9]))|(?P<dw>{_ORDW})(?![A-Za-z-])|(?P<dc>{_CARDW})(?![A-Za-z-]))"
# year in words after a date: nineteen seventy eight, two thousand and eighteen, nineteen zero one
_YW_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_YW_99 = rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]{_YW_UNIT})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_YW_UNIT})"
_EN_YEAR_WORDS = (rf"(?P<yw>(?:nineteen|twenty)\s(?:hundred|(?:oh|zero)\s{_YW_UNIT}|{_YW_99})"
                  rf"|two\sthousand(?:\s(?:and\s)?{_YW_99})?)(?![A-Za-z-])")

ZH_FULL = re.compile(
    rf"(?P<lunar>{_LUNAR_MARK})?(?P<y>{_ZYEAR})\s{{0,2}}年\s{{0,2}}(?P<lunar2>{_LUNAR_MARK})?"
    rf"(?:(?P<m>{_ZN}{{1,3}})\s{{0,2}}月|(?P<lm>{_LUNAR_M})|(?P<ny>{_LUNAR_NY}))"
    rf"(?:\s{{0,2}}(?P<d>{_ZDAY})(?P<suf>\s{{0,2}}[日号號])?)?")
ZH_MD = re.compile(
    rf"(?P<rel>{_ZH_REL_Y})?(?P<lunar>{_LUNAR_MARK})?(?:(?P<m>{_ZN}{{1,3}})\s{{0,2}}月|(?P<lm>{_LUNAR_M})|(?P<ny>{_LUNAR_NY}))"
    rf"\s{{0,2}}(?P<d>{_ZDAY})(?P<suf>\s{{0,2}}[日号號])?")
def _first_chars(*word_lists: Any) -> str:
    """A character class body of the first characters of these words (a quick filter before an alternation)."""
    return "".join(sorted({re.escape(w[0]) for words in word_lists for w in words if w}))


# the lookahead fails at once where no date can start, before the optional prefixes are tried one by one
_ZH_TZ_BEFORE = re.compile(rf"({_ZH_TZ})\s{{0,2}}$")
ZH_D = re.compile(rf"(?=[{_first_chars(ZH_REL_YEARS, ZH_REL_MONTHS, ZH_TIME_ZONES)}\s0-9一二三四五六七八九十])(?P<ry>{_ZH_REL_Y})?(?P<rm>{_ZH_REL_M})?(?:(?P<pre>{_ZH_TZ})\s{{0,2}})?(?P<d>\d{{1,2}}|[一二三]?十?[一二三四五六七八九十])\s{{0,2}}[日号號]")
ZH_YEAR = re.compile(rf"(?P<y>(?:1[5-9]|20)\d\d|{_ERA_YEAR})\s{{0,2}}年(?P<part>{_alt(ZH_YEAR_PARTS)})?(?![代度级])")
ZH_REL_YEAR = re.compile(rf"(?P<rel>{_ZH_REL_Y})(?P<part>{_alt(ZH_YEAR_PARTS)})?")
ZH_MONTH = re.compile(rf"(?P<rel>{_ZH_REL_Y})?(?P<m>{_ZN}{{1,3}})\s{{0,2}}月(?P<part>{_alt(ZH_MONTH_PARTS)})?")
ZH_REL_MONTH = re.compile(rf"(?P<rel>{_ZH_REL_M})(?P<part>{_alt(ZH_MONTH_PARTS)})?")
# parts of the day before a clock time (zh/dates.toml [day_parts]): the hour below which a time is
# read 12 hours later
ZH_DAY_PARTS: dict[str, int] = dict(_ZH["day_parts"])
_ZH_DAY_PART = "(?<![%s])(?:%s)" % ("".join(_ZH["day_part_guard"]["not_after"]), _alt(ZH_DAY_PARTS))
# a weekday in brackets right after a day (18日（周六）19时35分): part of that date
ZH_BRACKET_WEEKDAY = re.compile(rf"\s{{0,2}}[（(]\s{{0,2}}(?:{_ZH_WEEKW})(?P<w>[一二三四五六日天])\s{{0,2}}[）)]")
ZH_TIME = re.compile(r"[）)]?\s{0,2}(?P<part>" + _ZH_DAY_PART + r")?\s{0,2}(?P<h>\d{1,2}|[零一二三四五六七八九十]{1,3})\s{0,2}(?:时|時|点|點)(?:\s{0,2}(?P<mi>\d{1,2}|半|[零一二三四五六七八九十]{1,3})\s{0,2}分?)?")
ZH_WEEK = re.compile(rf"(?:(?P<pre>{_ZH_WPRE})[个個]?)?(?:{_ZH_WEEKW})(?P<w>[一二三四五六日天])")
ZH_RELDAY = re.compile(_alt(ZH_REL_DAYS))
ZH_NUMERIC_SPACED = re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d) (?P<m>0[1-9]|1[0-2]) (?P<d>[0-3][0-9])(?![0-9A-Za-z])")

EN_YMON = re.compile(rf"{_L}(?P<y>\d{{4}})(?P<s>[-/])(?P<mon>{_MON})(?P=s)(?P<d>{_DAYNUM}){_R}", re.I)
EN_MDY = re.compile(
    # 'october, 1st': a comma before the day only when the day is written as an ordinal figure
    # ('In October, 12 people died' is no date)
    rf"{_L}(?P<mon>{_MON})(?:\.?\s{{0,3}}[-/]?\s{{0,3}}|,\s{{1,3}}(?={_DAYNUM}{_SUF}(?![0-9A-Za-z-])))(?:(?P<the>the)\s{{1,3}})?{_EN_DAY}"
    rf"(?:(?:,\s{{0,3}}|\s{{1,3}})(?:(?P<y>\d{{4}})(?![0-9]|[.,][0-9])|{_EN_YEAR_WORDS}))?", re.I)
EN_DMY = re.compile(
    rf"(?<![0-9A-Za-z.,])(?:(?P<the>the)\s{{1,3}})?(?:(?P<d>{_DAYNUM})(?P<suf>{_SUF})?\.?|(?P<dw>{_ORDW}))\s{{1,3}}(?P<of>of\s{{1,3}})?"
    rf"(?P<mon>{_MON})\.?(?:,?\s{{1,3}}(?:(?P<y>\d{{4}})(?![0-9]|[.,][0-9])|{_EN_YEAR_WORDS}))?", re.I)
EN_MY = re.compile(rf"{_L}(?P<mon>{_MON})\.?,?\s{{1,3}}(?:of\s{{1,3}})?(?P<y>\d{{4}}){_R}", re.I)
# a month named alone after a word that dates (in March, since June, last May, by the end of August)
EN_MONTH_ALONE = re.compile(
    rf"\b(?:(?P<rel>last|this|next)|in|since|until|till|by|from|to|through|during|before|after|early|mid|late|"
    rf"end\s{{1,3}}of|start\s{{1,3}}of)[\s-]{{1,3}}(?P<mon>{_MON})", re.I)
_NOT_A_MONTH_AFTER = re.compile(r"\s{1,2}[A-Z][a-z]|[\s,.]{0,3}\d")   # June Carter: a name; July 111: no month
_DIGITS_BEFORE = re.compile(r"\d[\s,.]{0,3}$")
# a month named alone, in capitals, without such a word ('February CPI figures', 'Jobs fell in
# January and February'); a capitalized word before makes it a name (Theresa May, Women's March)
_FULL_MONTHS = frozenset(max((k for k, v in EN_MONTHS.items() if v == n), key=len) for n in set(EN_MONTHS.values()))
EN_MONTH_CAPITAL = re.compile(rf"{_L}(?P<mon>{_alt(sorted(m.capitalize() for m in _FULL_MONTHS), spaced=False)})(?![A-Za-z])")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s{1,2}$")
_WORD_GOES_ON = re.compile(r"\s{1,2}[a-z]")   # a figure that a sentence goes on from: '12 of them'
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s{0,3}|\n\s*)$")
# (the character before the first digit is tested after it, '\d(?<![…]\d)': the pattern then starts
# with a plain class, so the engine skips to digits; a back reference keeps scan.finditer from
# gating these two, and a leading lookbehind made the engine try every position)
EN_ISO = re.compile(r"(?P<y>\d(?<![0-9A-Za-z.]\d)\d{3})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![0-9]|[.,][0-9])")
EN_NUMERIC = re.compile(r"(?P<a>\d(?<![0-9A-Za-z./:-]\d)\d?)(?P<s>[/.-])(?P<b>\d{1,2})(?:(?P=s)|,\s?)(?P<y>\d{4}|\d{1,2})(?![0-9%]|[.,/-][0-9])")
EN_MD_SLASH = re.compile(r"(?<![0-9A-Za-z./:,-])(?<![0-9] )(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![0-9%/]|[.,][0-9])")
EN_MD_AFTER_ON = re.compile(r"\b(?:on|in)\s{1,3}(?P<a>\d{1,2})(?P<s>[-.])(?P<b>\d{1,2})(?=\s{0,2}(?:$|[,;!?)]|\.(?:\s|$)))", re.I)
EN_DAY_OF_REL_MONTH = re.compile(
    rf"{_L}(?:the\s{{1,3}})?(?:(?P<d>{_DAYNUM})(?P<suf>{_SUF})?|(?P<dw>{_ORDW}))\s{{1,3}}of\s{{1,3}}(?:the\s{{1,3}})?(?P<rel>{_REL})\s{{1,3}}month\b", re.I)
EN_NTH_WEEKDAY = re.compile(
    rf"\b(?:the\s{{1,3}})?(?P<pos>{_alt(EN_WEEKDAY_POS)})\s{{1,3}}(?P<w>{_WD})"
    rf"(?:\s{{1,3}}(?:of|in)\s{{1,3}}(?:(?P<mon>{_MON})|(?:the\s{{1,3}})?(?P<rel>{_REL})\s{{1,3}}month\b))?", re.I)
EN_WEEKDAY_THE_DAY = re.compile(rf"\b(?P<w>{_WD})\.?,?\s{{1,3}}the\s{{1,3}}{_EN_DAY}"
                                rf"(?!\s{{1,3}}(?:{_alt(_EN['rank_nouns_after_day'])})\b)", re.I)
EN_WEEK_WEEKDAY = re.compile(
    rf"\b(?:(?P<rel1>{_REL})\s{{1,3}}week\s{{1,3}}(?:on\s{{1,3}})?(?P<w1>{_WD})"
    rf"|(?:on\s{{1,3}})?(?P<w2>{_WD}),?\s{{1,3}}(?:of\s{{1,3}})?(?:the\s{{1,3}})?(?P<rel2>{_REL})\s{{1,3}}week\b)", re.I)
EN_WEEKDAY = re.compile(rf"\b(?:(?P<rel>{_REL}|on|since|by|until|from)\s{{1,3}})?(?P<w>{_WD})(?P<dot>\.)?", re.I)
EN_RELDAY = re.compile(rf"\b(?:{_alt(EN_REL_DAYS)})\b", re.I)
EN_RELPERIOD = re.compile(rf"\b(?P<rel>{_REL})\s{{1,3}}(?P<unit>month|year)\b", re.I)
EN_YEAR = re.compile(r"\b(?P<pre>in|from|since|by|until|of|for|during|early|late|mid|before|after|year|fiscal|end of|spring|summer|autumn|fall|winter|half of|quarter of|q[1-4]|h[12])[\s-]{1,3}(?P<y>(?:1[5-9]|20)\d\d)\b(?![-/,.]\d)", re.I)
EN_YEAR_PART = re.compile(rf"\b(?:the\s{{1,3}})?(?P<part>{_alt(EN_YEAR_PARTS)})[\s-]{{0,3}}$", re.I)
EN_MONTH_PARTS: dict[str, str] = dict(_EN["month_parts"])
EN_MONTH_PART = re.compile(rf"\b(?P<part>{_alt(EN_MONTH_PARTS)})[\s-]{{1,3}}(?:in\s{{1,3}})?$", re.I)
_EN_MONTH_PARTS_FOLDED = {k.lower(): v for k, v in EN_MONTH_PARTS.items()}
_COUNT = rf"(?P<n>\d{{1,3}}|{_CARDW}|{_alt(EN_VAGUE_COUNTS)})"
_DUR_UNIT = rf"(?P<unit>{_alt(EN_DURATION_UNITS)}|(?P<wu>{_WD_WORDS})s?(?![A-Za-z]))"
EN_DURATION_REL = re.compile(rf"\b(?<![0-9][,.]){_COUNT}\s{{1,3}}{_DUR_UNIT}\s{{1,3}}(?P<dir>{_alt(EN_DURATION_DIRS)})\b", re.I)
EN_BASELINE_BEFORE = re.compile(rf"\b(?:{_alt(_EN['baseline_words'])})\s{{1,3}}$", re.I)
EN_IN_DURATION = re.compile(rf"\bin\s{{1,3}}(?:the\s{{1,3}}next\s{{1,3}})?{_COUNT}\s{{1,3}}{_DUR_UNIT}(?![A-Za-z])", re.I)
EN_DURATION_PART = re.compile(rf"{_COUNT}\s{{1,3}}(?P<unit>{_alt(EN_DURATION_UNITS)})(?:,\s{{0,3}}|\s{{1,3}}and\s{{1,3}}|\s{{1,3}})$", re.I)
EN_TIME_ZONES: dict[str, str] = dict(_EN["time_zones"])
_EN_TZ = "(?-i:%s)" % "|".join(sorted(EN_TIME_ZONES, key=len, reverse=True))   # written in capitals
EN_TIME = re.compile(rf"(?<![0-9A-Za-z:.])(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s?(?P<ap>a\.m\.|p\.m\.|am|pm)(?![A-Za-z])"
                     rf"(?:\s(?P<tz2>{_EN_TZ})(?![A-Za-z]))?"
                     rf"|(?<![0-9A-Za-z:.])(?P<hh>[01]\d|2[0-3]):?(?P<mm>[0-5]\d)\s?(?P<tz>{_EN_TZ})\b", re.I)
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
_CLOCK_NOT_BEFORE = re.compile(rf"\s*(?:{_EN_TZ}(?![A-Za-z])|a\.?m|p\.?m)", re.I)
RATIO_BEFORE = re.compile(r"(?:ratio|scale|odds|比例|比分|比)\s{0,3}(?:of\s{1,3}|was\s{1,3}|is\s{1,3}|为|是)?$", re.I)
ZH_CLOCK = re.compile(r"(?P<part>" + _ZH_DAY_PART + r")?\s{0,2}(?<![0-9零一二三四五六七八九十])(?P<h>\d{1,2}|[零一二三四五六七八九十]{1,3})\s{0,2}(?P<u>时|時|點|点)"
                      r"(?:\s{0,2}(?:(?P<mi>\d{1,2}|[零一二三四五六七八九十]{1,3})\s{0,2}分|(?P<half>半)))?(?![0-9零一二三四五六七八九十])")
# where EN_TIME and ZH_CLOCK can match (see _Scanner)
_A_EN_TIME = re.compile(rf"(?<![A-Za-z])(?:[AaPp]\.?[Mm]|{_EN_TZ})(?![A-Za-z])", re.I)
_A_ZH_CLOCK = re.compile("[时時点點]")
# a clock time (13:05) and a month/day pair (3/4) hold their separator: the few places it stands
# are scanned, not every digit of the text; what either pattern reads lies within this of it
_A_COLON = re.compile(":")
_A_SLASH = re.compile("/")
_SEPARATOR_REACH = 8
_TIME_GAP = re.compile(r"[\s,]{0,3}(?:on|at|local time)?[\s,]{0,3}")
_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n]")
# what may follow a day written without 日 (八月十五): not another numeral or a unit
_ZH_BARE_DAY_STOP = set("0123456789.．%％零〇○一二三四五六七八九十百千万萬亿億两個个人元名位家只件次年岁度号日号")


def _word_anchor(words: Any) -> re.Pattern[str]:
    """A case-blind pattern of the first word of each of these, whole (not inside a longer word):
    a cheap finder of where one of the words is written. Every pattern scanned near it writes the
    word between non-letters."""
    heads = {w.split()[0].lower() for w in words if w}
    return re.compile(r"(?<![A-Za-z])(?:%s)(?![A-Za-z])" % literal_trie(heads, fold=True), re.I)


class _Scanner:
    """Finds the matches of a pattern in a text scanning only the stretches within `reach` of where
    an anchor matches; the stretches of one anchor are found once and serve every pattern using it.

    The same matches as rx.finditer(text) when every match of `rx` holds a match of the anchor and
    reads (lookarounds included) less than `reach` characters either side of it: stretches are
    merged where they meet, so no match is cut, and each starts where no match of a full scan runs.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._windows: dict[tuple[str, int], list[tuple[int, int]]] = {}

    def windows(self, anchor: re.Pattern[str], reach: int) -> list[tuple[int, int]]:
        key = (anchor.pattern, reach)
        out = self._windows.get(key)
        if out is None:
            out = []
            n = len(self.text)
            for a in fast_finditer(anchor, self.text):
                s, e = max(0, a.start() - reach), min(n, a.end() + reach)
                if out and s <= out[-1][1]:
                    out[-1] = (out[-1][0], max(out[-1][1], e))
                else:
                    out.append((s, e))
            self._windows[key] = out
        return out

    def near(self, rx: re.Pattern[str], anchor: re.Pattern[str], reach: int) -> Iterator[re.Match[str]]:
        return finditer_within(rx, self.text, self.windows(anchor, reach))


# where the patterns below can match at all (see _Scanner)
_A_MONTH = _word_anchor(EN_MONTHS)
_A_WEEKDAY = _word_anchor(EN_WEEKDAYS)
_A_DUR_DIR = _word_anchor(EN_DURATION_DIRS)
_A_MONTH_WORD = _word_anchor(["month"])
_A_PERIOD = _word_anchor(["month", "year"])
_A_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_A_ZH_YEAR = re.compile("年")
_A_ZH_MONTH = re.compile("[月%s]" % re.escape(_ZH["lunar_new_year"][0]))
_A_ZH_DAY = re.compile("[日号號]")
# a weekday that ends a span begun by a weekly one (每周一至周五, 每週一到週五)
_ZH_EVERY_WEEKDAY_TO = re.compile(rf"每(?:{_ZH_WEEKW})[一二三四五六日天](?:至|到|－|-|~|～|—)$")
_A_ZH_WEEK = re.compile("[%s]" % _first_chars(_ZH["week_words"]))
_A_ZH_RELDAY = re.compile("[%s]" % _first_chars(ZH_REL_DAYS))
_A_ZH_REL_M = re.compile("[%s]" % _first_chars(ZH_REL_MONTHS))
_A_ZH_REL_Y = re.compile("[%s]" % _first_chars(ZH_REL_YEARS))
_EN_REACH = 100
_ZH_REACH = 30


_ZH_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}


@dataclass
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    resolved: str = ""
    alt: tuple[str, ...] = ()
    time: str = ""
    tz: str = ""
    weekday: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def iso(self) -> str:
        if self.year is None and self.month is None and self.day is None:
            return f"T{self.time}"  # a clock time alone: 'at 3:40 a.m.', 15时50分
        if self.year is None and self.month is None and self.day is not None:
            return f"--{self.day:02d}"
        if self.year is None and self.month is not None:
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _zn(s: str | None) -> int | None:
    """A Chinese or Arabic numeral; digit-by-digit strings (二零零四) read as written; a year of an
    era as the common era's (民國114 → 2025, 令和元 → 2019)."""
    if s is None:
        return None
    s = s.strip()
    for era, before in ZH_ERAS.items() if s[:1] in _ERA_FIRSTS else ():
        if s.startswith(era):
            n = s[len(era):]
            k = 1 if n == "元" else _zn(n)
            return before + k if k else None
    if s.isdigit():
        return int(s)
    if s.startswith("初") and len(s) == 2:
        return _zn(s[1:])
    if len(s) >= 3 and all(c in _ZH_DIGIT_VALUES for c in s):
        return int("".join(str(_ZH_DIGIT_VALUES[c]) for c in s))
    v = parse_zh(s)
    return int(v) if v is not None else None


def _zh_month(mt: re.Match[str]) -> tuple[int | None, int]:
    """(month, end of the month part) of a Chinese date match: N月, a lunar month name, or 大年 (month 1)."""
    if mt.group("m"):
        return _zn(mt.group("m")), mt.end("m") + 1
    if mt.group("lm"):
        return ZH_LUNAR_MONTHS[mt.group("lm")], mt.end("lm")
    return 1, mt.end("ny")


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= 31:
        return False
    if y is not None and m is not None and d is not None:
        try:
            dt.date(y, m, d)
        except ValueError:
            return False
    return True


def _impossible(y: int | None, m: int | None, d: int | None) -> bool:
    """A day its month never has (2月30日, Feb 30) or lacks in the year stated (2019年2月29日, 2/29/2019).
    Such a date is kept as written and flagged: it must never turn into a real date of another year."""
    if m is None or d is None or not 1 <= m <= 12 or not 1 <= d <= 31:
        return False
    return d > calendar.monthrange(y if y is not None else 2000, m)[1]


def _impossible_date(s: int, e: int, y: int | None, m: int, d: int) -> DateMention:
    return DateMention(s, e, y, m, d, extra={"impossible": True})


def _to_gregorian(dm: DateMention, day: dt.date | None) -> DateMention:
    """A lunar date with its Gregorian day: compared as that day (大年初一 2026 is 2026-02-17); one
    outside the calendar table stays a lunar month-day that no rule compares with a Gregorian one."""
    if day is None:
        dm.extra["calendar"] = "lunar"
        return dm
    dm.year, dm.month, dm.day = day.year, day.month, day.day
    dm.extra["written_in"] = "lunar"
    return dm


def _add_months(y: int, m: int, off: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + off
    return k // 12, k % 12 + 1


def _shift_months(day: dt.date, off: int) -> dt.date:
    y, m = _add_months(day.year, day.month, off)
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _two_digit_year(y: int) -> int:
    return y + (2000 if y < 50 else 1900)


def _future_context(text: str, start: int, end: int) -> bool:
    """Does the clause around a date look forward (将于, will, is due)?"""
    left = text[max(0, start - 30):start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    left = left[cut:]
    right = text[end:min(len(text), end + 20)]
    rm = _CLAUSE_BREAK.search(right)
    right = right[:rm.start()] if rm else right
    # Chinese states its marker right before the date (将于3日); English a few words back ('will
    # rise on the 23rd')
    window = (left if left.isascii() else left[-12:]) + " " + right
    return bool(_FUTURE_WORDS.search(window))   # whole words: 'willing' is no 'will


# English markers as whole words ('willing' is no 'will'); Chinese ones wherever they stand
_FUTURE_WORDS = re.compile("|".join(rf"\b{re.escape(w)}\b" if w[:1].isascii() and w[:1].isalpha() else re.escape(w)
                                     for w in sorted(FUTURE, key=len, reverse=True)), re.I)


def _future_clause(text: str, start: int, end: int) -> bool:
    """Does the whole clause holding [start, end) speak of the future ('the storm will bring rain from
    Friday to Sunday')? Wider than _future_context, for a range whose words sit far from the verb."""
    left = text[max(0, start - 80):start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    right = text[end:min(len(text), end + 40)]
    rm = _CLAUSE_BREAK.search(right)
    return bool(_FUTURE_WORDS.search(left[cut:] + " " + (right[:rm.start()] if rm else right)))


# 'the census held on August 12 last year': English may name the year right after the date
_EN_REL_YEAR_AFTER = re.compile(r"\s{1,2}(%s)\b" % "|".join(map(re.escape, EN_REL_YEARS)), re.I)


def _year_context(text: str, start: int, ref: dt.date, end: int | None = None, month: int | None = None) -> int | None:
    """A year stated nearby: 今年/去年/this year/last year in the words before the date, in its
    own sentence (…较去年增加约700列。大年初一（2月17日） is this year's February), or right after
    it ('on August 12 last year'); else the year its month was given with earlier in the sentence
    ('since August 2024, when a plane … crashed on Aug. 9': August 9, 2024)."""
    if end is not None:
        after = _EN_REL_YEAR_AFTER.match(text, end)
        if after:
            return ref.year + EN_REL_YEARS[after.group(1).lower()]
    window = text[max(0, start - 30):start]
    cut = max(window.rfind(ch) for ch in "。！？；!?;\n")
    if cut >= 0:
        window = window[cut + 1:]
    for k, off in list(ZH_REL_YEARS.items()) + list(EN_REL_YEARS.items()):
        if k in window:
            return ref.year + off
    if month is not None:
        sentence = text[max(0, start - 200):start]
        cut = max((m.end() for m in _SENTENCE_END.finditer(sentence)), default=0)
        years = [int(m.group("y") or m.group("zy")) for m in _MONTH_YEAR.finditer(sentence, cut)
                 if (EN_MONTHS[m.group("mon").lower()] if m.group("mon") else int(m.group("zm"))) == month]
        if years:
            return years[-1]
    return None


# a month with its year (August 2024, 2024年8月) and the end of a sentence before a date
_MONTH_YEAR = re.compile(r"(?<![A-Za-z])(?i:(?P<mon>%s))\.?\s{1,2}(?P<y>(?:19|20)\d\d)(?!\d)|(?P<zy>(?:19|20)\d\d)\s?年\s?(?P<zm>\d{1,2})\s?月" % "|".join(
    re.escape(m) for m in sorted(EN_MONTHS, key=len, reverse=True)))
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|[。！？!?\n]")


# words right before a date that put it in the past of the report ('since March 2'; not 自3月2日,
# which opens 自3月2日起施行 as often, a date to come)
_SINCE_BEFORE = re.compile(r"(?<![A-Za-z])(?:%s)\s{1,3}$" % "|".join(map(re.escape, _EN["since_words"])), re.I)


def resolve_month_day(m: int, d: int | None, ref: dt.date | None, future: bool, year_hint: int | None) -> tuple[int | None, str]:
    """The year of a month-day without one: context first, else the candidate nearest the document
    date, with a bias for the past (news reports events that happened) unless the clause looks forward."""
    if year_hint is not None:
        return year_hint, "context"
    if ref is None:
        return None, ""
    best, best_score = None, None
    for y in range(ref.year - 4, ref.year + 5):
        try:
            cand = dt.date(y, m, d or 15)
        except ValueError:
            continue  # 2月29日 with no year stated: the nearest leap year that has it
        delta = (cand - ref).days
        if future:
            score = abs(delta) * (3 if delta < -1 else 1)
        else:
            score = abs(delta) * (2.0 if delta > 0 else 1)
        if best_score is None or score < best_score:
            best, best_score = y, score
    return best, "document-date"


def _subject_day(text: str, mt: re.Match[str]) -> bool:
    """朝鲜8日晚间, 网站11日消息: an Arabic day with 日 right after its subject (a Chinese word) is a date,
    unless the words around make it a span of days (持续8日, 3日内) or part of another word. A
    subject may end in + (欧佩克+30日召开会议: OPEC+ on the 30th)."""
    s, e = mt.start(), mt.end()
    before = s - 1 if text[s - 1:s] not in ("+", "＋") else s - 2
    if not (mt.group("d").isdigit() and text[e - 1] == "日" and before >= 0 and "\u4e00" <= text[before] <= "\u9fff"):
        return False
    return (not text.endswith(ZH_BARE_DAY_NOT_AFTER, 0, s) or text.endswith(ZH_BARE_DAY_AFTER_OK, 0, s)) \
        and not text.startswith(ZH_BARE_DAY_NOT_BEFORE, e)


def resolve_day(d: int, ref: dt.date | None, future: bool) -> tuple[int | None, int | None]:
    """当地时间4日: the document's month, unless that is after the publication date (then the month
    before); a month that lacks the day (31日 in a 30-day month) steps one month further."""
    if ref is None:
        return None, None
    y, m = ref.year, ref.month
    if d > ref.day and not future:
        y, m = _add_months(y, m, -1)
    elif d < ref.day and future and ref.day - d > 15:
        y, m = _add_months(y, m, 1)
    step = 1 if future and (y, m) > (ref.year, ref.month) else -1
    for _ in range(2):
        if _valid(y, m, d):
            break
        y, m = _add_months(y, m, step)
    return y, m


def week_day(ref: dt.date, weeks: int, w: int) -> dt.date:
    """Weekday `w` of the week `weeks` away from the document's week (weeks start on Monday)."""
    return ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7 * weeks + w)


def resolve_weekday(w: int, ref: dt.date, rel: str, future: bool) -> dt.date:
    """The date of a named weekday: 上周五 (last week's Friday), on Tuesday (the nearest, past first)."""
    if rel in ZH_WEEK_PREFIX:
        return week_day(ref, ZH_WEEK_PREFIX[rel], w)
    off = EN_REL_PREFIX.get(rel)
    if off is not None and off < 0:
        if w < ref.weekday():
            # 'last Tuesday' said on a Thursday usually means two days ago
            return ref - dt.timedelta(days=ref.weekday() - w)
        return week_day(ref, -1, w)
    if off is not None:
        return week_day(ref, off, w)
    back = (ref.weekday() - w) % 7
    if future and back != 0:
        return ref + dt.timedelta(days=7 - back)
    return ref - dt.timedelta(days=back)


def nth_weekday(y: int, m: int, w: int, pos: int) -> dt.date | None:
    """The `pos`-th weekday `w` of a month (pos -1 = the last); None when the month has no such day."""
    last = calendar.monthrange(y, m)[1]
    if pos < 0:
        d = last - (dt.date(y, m, last).weekday() - w) % 7
    else:
        d = 1 + (w - dt.date(y, m, 1).weekday()) % 7 + 7 * (pos - 1)
    return dt.date(y, m, d) if d <= last else None


def day_with_weekday(d: int, w: int, ref: dt.date) -> dt.date | None:
    """'Friday the 15th': the month near the document date whose day `d` falls on weekday `w`."""
    best = None
    for off in (0, -1, 1, -2, 2):
        y, m = _add_months(ref.year, ref.month, off)
        if _valid(y, m, d) and dt.date(y, m, d).weekday() == w:
            cand = dt.date(y, m, d)
            if best is None or abs((cand - ref).days) < abs((best - ref).days):
                best = cand
    return best


def shift_duration(ref: dt.date, parts: list[tuple[str, int]], sign: int) -> dt.date:
    """ref moved by durations ('month', 1), ('day', 21), ('business_day', 4) in one direction."""
    months = sum(n for kind, n in parts if kind == "month")
    days = sum(n for kind, n in parts if kind == "day")
    out = _shift_months(ref, sign * months) + dt.timedelta(days=sign * days)
    for _ in range(sum(n for kind, n in parts if kind == "business_day")):
        out += dt.timedelta(days=sign)
        while out.weekday() >= 5:
            out += dt.timedelta(days=sign)
    return out


def _en_day(mt: re.Match[str]) -> int | None:
    if mt.group("d"):
        return int(mt.group("d"))
    if mt.groupdict().get("dw"):
        return EN_DAY_ORDINALS.get(re.sub(r"[-\s]+", " ", mt.group("dw").lower()))
    if mt.groupdict().get("dc"):
        return EN_DAY_CARDINALS.get(re.sub(r"[-\s]+", " ", mt.group("dc").lower()))
    return None


def _en_count(word: str) -> int | None:
    w = re.sub(r"[-\s]+", " ", word.lower())
    if w.isdigit():
        return int(w)
    return EN_VAGUE_COUNTS.get(w, EN_DAY_CARDINALS.get(w))


def _en_year_words(s: str) -> int | None:
    """nineteen seventy eight → 1978; two thousand and eighteen → 2018; nineteen oh one → 1901."""
    ws = [w for w in re.split(r"[-\s]+", s.lower()) if w and w != "and"]
    small = dict(EN_DAY_CARDINALS)
    small.update({"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})

    def num(words: list[str]) -> int | None:
        if not words:
            return 0
        if len(words) == 2 and words[0] in small and words[1] in small and small[words[0]] % 10 == 0:
            return small[words[0]] + small[words[1]]
        if len(words) == 1 and words[0] in small:
            return small[words[0]]
        return None

    if ws[:2] == ["two", "thousand"]:
        rest = num(ws[2:])
        return None if rest is None else 2000 + rest
    century = {"nineteen": 19, "twenty": 20}.get(ws[0])
    if century is None:
        return None
    rest_words = ws[1:]
    if rest_words == ["hundred"]:
        return century * 100
    if rest_words and rest_words[0] in ("oh", "zero"):
        rest_words = rest_words[1:]
    rest = num(rest_words)
    return None if rest is None else century * 100 + rest


def _month_word_ok(word: str, strong: bool) -> bool:
    """Lower-case 'may' and 'march' are verbs unless the date around them is unmistakable."""
    w = word.rstrip(".").lower()
    if word[:1].isupper():
        return True
    return strong or w not in ("may", "march")


def _on_dial(h: int, part: str | None) -> int:
    """The 24-hour reading of an hour said with a part of the day (晚7点: 19; 上午9点: 9)."""
    return h + 12 if part and h < ZH_DAY_PARTS[part] else h


def _attach_time(text: str, m: DateMention, zh: bool) -> None:
    """A clock time written right after a Chinese date joins it (4日15时); so does a weekday in
    brackets between them (18日（周六）19时35分) when it is that date's weekday: one moment, not a
    date and a weekday resolved on its own. A weekday that contradicts its date stays a mention
    of its own, so that the slip can still be seen."""
    if zh:
        wk = ZH_BRACKET_WEEKDAY.match(text, m.end)
        if wk and m.day is not None and m.weekday is None and _valid(m.year, m.month, m.day) and m.year \
                and dt.date(m.year, m.month, m.day).weekday() == ZH_WEEKDAY_CHARS[wk.group("w")]:
            m.weekday = ZH_WEEKDAY_CHARS[wk.group("w")]
            m.end = wk.end()
        t = ZH_TIME.match(text, m.end)
        if t:
            h = _zn(t.group("h"))
            mi = 30 if t.group("mi") == "半" else (_zn(t.group("mi")) if t.group("mi") else 0)
            if h is not None and h <= 24 and (mi or 0) < 60:
                h = _on_dial(h, t.group("part"))
                m.time = f"{h:02d}:{mi or 0:02d}"
                m.end = t.end()


def _looks_zh(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[:2000])


def _numeric_readings(a: int, b: int, y: int, lang: str, a_text: str, y_text: str) -> list[tuple[int, int, int]]:
    """Readings of a-b-y as (year, month, day), the language's habit first: en month/day/year;
    zh day/month/year, or year/month/day when the first figure is two digits wide and can be a year."""
    yy = _two_digit_year(y) if len(y_text) == 2 else y
    mdy, dmy = (yy, a, b), (yy, b, a)
    order = [mdy, dmy] if lang == "en" else [dmy, mdy]
    if len(y_text) == 1:
        order = []  # 27-7-3: only a leading two-digit year makes it a date
    if lang == "zh" and len(a_text) == 2 and len(y_text) <= 2:
        order.insert(0, (_two_digit_year(a), b, y))
    out: list[tuple[int, int, int]] = []
    for r in order:
        if _valid(*r) and r not in out:
            out.append(r)
    return out


def extract_dates(text: str, ref: dt.date | None, taken: bytearray, lang: str | None = None) -> list[DateMention]:
    """Date mentions in a width-folded text; marks their spans in `taken`."""
    found: list[DateMention] = []
    lang = lang or ("zh" if _looks_zh(text) else "en")

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(mention: DateMention) -> None:
        found.append(mention)
        for i in range(mention.start, mention.end):
            taken[i] = 1

    def future(s: int, e: int) -> bool:
        return _future_context(text, s, e)

    def month_day(s: int, e: int, mo: int, d: int | None, year_off: int | None = None) -> DateMention:
        hint = ref.year + year_off if (ref and year_off is not None) else (_year_context(text, s, ref, e, mo) if ref else None)
        y, how = resolve_month_day(mo, d, ref, future(s, e), hint)
        if how == "document-date" and y is not None and _SINCE_BEFORE.search(text, max(0, s - 12), s) \
                and _valid(y, mo, d or 1) and dt.date(y, mo, d or 1) > ref:
            y -= 1   # 'since March 2' in a report of February 24: the last March 2, already past
        if _impossible(y, mo, d):
            return _impossible_date(s, e, None, mo, d)
        return DateMention(s, e, y, mo, d, resolved="document-date" if how else "")

    def bare_day_end(mt: re.Match[str], month_end: int) -> int | None:
        """End of a Chinese month-day whose day has no 日: None when the figure reads as a number."""
        if mt.group("suf") or mt.group("d").startswith("初"):
            return mt.end()
        nxt = text[mt.end():mt.end() + 1]
        if nxt and nxt in _ZH_BARE_DAY_STOP:
            return None
        return mt.end()

    scan = _Scanner(text)
    _year_ranges(text, free, add)
    _zh_pass(scan, ref, found, free, add, future, month_day, bare_day_end)
    _en_pass(scan, ref, found, free, add, future, month_day, lang)
    if ref is not None:
        _quarters_alone(text, ref, free, add, future)
    _times_pass(text, found, taken, free)
    found.sort(key=lambda m: m.start)
    _anchor_months(text, found)
    _coordinated_months(text, found)
    _en_month_parts(text, found, free, taken)
    _cutoffs(text, found)
    if ref is not None:
        _anchored_days(text, ref, found, free, add)
    return found


def _day_past_sentence_end(text: str, mt: re.Match[str]) -> bool:
    """Is the 'day' of a month-day match the start of the next sentence or paragraph ('in early
    May.\n\nThe two sides…' is no May 2)? A dot after a month's full name ends a sentence before a
    day in words (May. the second…), as one before a capital letter does ('Sept. The'); a line
    break always parts them."""
    day = next(mt.start(g) for g in ("the", "d", "dw", "dc") if mt.group(g))
    gap = text[mt.end("mon"):day]
    if "\n" in gap:
        return True
    return "." in gap and (mt.group("mon").lower() in _FULL_MONTHS and not mt.group("d") or text[day:day + 1].isupper())


_CUTOFF_BEFORE = re.compile(r"(?:%s)\s{0,2}$" % "|".join(
    [re.escape(w) for w in longest_first(_ZH["cutoff_before"]["words"])]
    + [r"\b" + re.escape(w) for w in longest_first(_EN["cutoff_before"]["words"])]), re.I)


def _cutoffs(text: str, found: list[DateMention]) -> None:
    """Mark the dates a count runs up to (截至8月10日, 'as of August 10'): extra["cutoff"]."""
    for m in found:
        if m.day is not None and _CUTOFF_BEFORE.search(text, max(0, m.start - 8), m.start):
            m.extra["cutoff"] = True


def _en_month_parts(text: str, found: list[DateMention], free: Callable[[int, int], bool], taken: bytearray) -> None:
    """The part of a month English names before it ('early May', 'late this month', 'the end of
    March'), as 上旬, 下旬 and 月底 are read with the month (zh month_parts); the claim quotes it."""
    for m in found:
        if m.month is None or m.day is not None or "part" in m.extra:
            continue
        got = EN_MONTH_PART.search(text, max(0, m.start - 24), m.start)
        if got is None:
            continue
        m.extra["part"] = _EN_MONTH_PARTS_FOLDED[re.sub(r"\s+", " ", got.group("part").lower())]
        if free(got.start("part"), m.start):
            for i in range(got.start("part"), m.start):
                taken[i] = 1
            m.start = got.start("part")


_ANCHORED_MONTHS: dict[str, int] = {**dict(_ZH.get("anchored_months", {})),
                                     **{k.lower(): v for k, v in dict(_EN.get("anchored_months", {})).items()}}


def _anchor_months(text: str, found: list[DateMention]) -> None:
    """当月, 同月, 次月 (read as months of the document date) count from the last month written
    before them in their paragraph, when one is: they narrate that month. So does 上月 compared
    with (比上月, 较上月, 与上月持平: the month before the one the figures are of)."""
    last: DateMention | None = None
    for dm in found:
        word = text[dm.start:dm.end]
        off = _ANCHORED_MONTHS.get(re.sub(r"\s+", " ", word.lower())) if dm.day is None else None
        if off is None and dm.day is None and word in ZH_REL_MONTHS and text.endswith(_COMPARED_WITH, 0, dm.start):
            off = ZH_REL_MONTHS[word]
        if off is not None and last is not None and "\n\n" not in text[last.end:dm.start]:
            dm.year, dm.month = _add_months(last.year, last.month, off)  # type: ignore[arg-type]
            dm.resolved = ""
            continue   # a month counted from another is not one the text names
        if dm.year is not None and dm.month is not None:
            last = dm


_COMPARED_WITH = tuple(_ZH["compared_with"]["words"])
_MONTH_JOINERS = frozenset([*_ZH["coordinated_months"]["joiners"], *(w.lower() for w in _EN["coordinated_months"]["joiners"])])


def _coordinated_months(text: str, found: list[DateMention]) -> None:
    """'April and May 2024', 2024年4月和5月: two months joined by and/to share the year written
    once; the one whose year was only inferred from the document date takes it (the earlier month
    of the pair the year before when it comes later in the year: 'December and January 2025')."""
    for a, b in zip(found, found[1:]):
        if a.day is not None or b.day is not None or a.month is None or b.month is None \
                or text[a.end:b.start].strip().lower() not in _MONTH_JOINERS:
            continue
        if a.resolved == "document-date" and not b.resolved and b.year is not None:
            a.year, a.resolved = b.year - (a.month > b.month), ""
        elif b.resolved == "document-date" and not a.resolved and a.year is not None:
            b.year, b.resolved = a.year + (b.month < a.month), ""


_EN_ANCHORED_DIRS = {k.lower(): int(v) for k, v in dict(_EN.get("anchored_duration_directions", {})).items()}
_EN_DURATION_ANCHORED = re.compile(
    rf"\b{_COUNT}\s{{1,3}}(?P<unit>{_alt(EN_DURATION_UNITS)})\s{{1,3}}(?P<dir>{_alt(_EN_ANCHORED_DIRS)})\b", re.I) \
    if _EN_ANCHORED_DIRS else None
_ANCHORED_DAYS = {"zh": dict(_ZH.get("anchored_days", {})), "en": {k.lower(): v for k, v in dict(_EN.get("anchored_days", {})).items()}}
# each alternation starts with a class of its first characters, so the scan skips most positions fast
_ANCHORED_RX = re.compile("|".join(
    ([rf"(?=[{_first_chars(_ANCHORED_DAYS['zh'])}])(?:{_alt(_ANCHORED_DAYS['zh'])})"] if _ANCHORED_DAYS["zh"] else [])
    + ([rf"(?=[{_first_chars({w.upper(): 0 for w in _ANCHORED_DAYS['en']}, _ANCHORED_DAYS['en'])}])\b(?i:{_alt(_ANCHORED_DAYS['en'])})\b"]
       if _ANCHORED_DAYS["en"] else [])) or "(?!)")
_EN_ANCHORED_DIR_RX = re.compile(rf"\b(?:{_alt(_EN_ANCHORED_DIRS)})\b", re.I) if _EN_ANCHORED_DIRS else None


def _anchored_days(text: str, ref: dt.date, found: list[DateMention], free: Callable[[int, int], bool],
                   add: Callable[[DateMention], None]) -> None:
    """次日, the next day, two days later, 当天: a day counted from the last full date written before
    it in its paragraph (the day the text narrates), or from the document date when none is and
    the clause looks forward or the day is 'that day' (then flagged as resolved from it); otherwise
    the day it counts from is unknown."""
    full = [(m.start, m) for m in found if m.year is not None and m.month is not None and m.day is not None]
    starts = [s for s, _ in full]
    added = False

    def anchor(at: int, end: int, offset: int) -> tuple[dt.date, str] | None:
        k = bisect.bisect_left(starts, at) - 1
        if k >= 0 and _valid(full[k][1].year, full[k][1].month, full[k][1].day) \
                and "\n\n" not in text[full[k][1].end:at]:
            m = full[k][1]
            return dt.date(m.year, m.month, m.day), ""  # type: ignore[arg-type]
        if offset == 0 or _future_clause(text, at, end) or _future_context(text, at, end):
            # 'I will leave here 2 years 21 days later': from today; 当天 with no day narrated in
            # its paragraph: the day of the report
            return ref, "document-date"
        return None  # 'Two years later, the plant closed': from a day the text does not name

    for mt in fast_finditer(_ANCHORED_RX, text):
        if not free(*mt.span()):
            continue
        words = mt.group(0)
        offset = _ANCHORED_DAYS["zh"].get(words)
        if offset is None:
            offset = _ANCHORED_DAYS["en"][re.sub(r"\s+", " ", words.lower())]
        based = anchor(mt.start(), mt.end(), offset)
        if based is None:
            continue
        base, how = based
        try:
            day = base + dt.timedelta(days=offset)
        except OverflowError:
            continue
        add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved=how))
        added = True
    for dm in fast_finditer(_EN_ANCHORED_DIR_RX, text) if _EN_ANCHORED_DIR_RX is not None else ():
        # the duration ends at the direction word: 'two days later'
        mt = _EN_DURATION_ANCHORED.search(text, max(0, dm.start() - 60), dm.end())  # type: ignore[union-attr]
        while mt is not None and mt.end() != dm.end():
            mt = _EN_DURATION_ANCHORED.search(text, mt.start() + 1, dm.end())  # type: ignore[union-attr]
        if mt is None or not free(*mt.span()):
            continue
        if EN_BASELINE_BEFORE.search(text[max(0, mt.start() - 12):mt.start()]):
            continue  # 'up 62% from a year earlier' compares with a period; it names no day
        n = _en_count(mt.group("n"))
        if n is None:
            continue
        kind, size = EN_DURATION_UNITS[re.sub(r"\s+", " ", mt.group("unit").lower())]
        parts = [(kind, n * size)]
        start = mt.start()
        while True:  # earlier parts of a compound duration: '2 years 21 days later'
            window = text[max(0, start - 40):start]
            pm = EN_DURATION_PART.search(window)
            if pm is None or not free(start - len(window) + pm.start(), start):
                break
            pn = _en_count(pm.group("n"))
            if pn is None:
                break
            pk, ps = EN_DURATION_UNITS[re.sub(r"\s+", " ", pm.group("unit").lower())]
            parts.append((pk, pn * ps))
            start = start - len(window) + pm.start()
        based = anchor(start, mt.end(), 1)   # (a span of time: never the day itself)
        if based is None:
            continue
        base, how = based
        try:
            day = shift_duration(base, parts, _EN_ANCHORED_DIRS[mt.group("dir").lower()])
        except (OverflowError, ValueError):
            continue
        add(DateMention(start, mt.end(), day.year, day.month, day.day, resolved=how))
        added = True
    if added:
        found.sort(key=lambda m: m.start)


def _zh_pass(scan: _Scanner, ref: dt.date | None, found: list[DateMention], free: Callable[[int, int], bool],
             add: Callable[[DateMention], None], future: Callable[[int, int], bool],
             month_day: Callable[..., DateMention], bare_day_end: Callable[..., int | None]) -> None:
    text = scan.text
    for mt in scan.near(ZH_FULL, _A_ZH_YEAR, _ZH_REACH):
        y = _zn(mt.group("y"))
        lunar = bool(mt.group("lunar") or mt.group("lunar2") or mt.group("lm") or mt.group("ny"))
        mo, m_end = _zh_month(mt)
        d, end = None, m_end
        if mt.group("d"):
            e = bare_day_end(mt, m_end)
            if e is not None:
                d, end = _zn(mt.group("d")), e
                lunar = lunar or mt.group("d").startswith("初")
        if mt.group("ny") and d is None:
            continue
        if mt.group("ny") and d == 30:
            mo = 12  # 大年三十 is the last day of the old year
        if y is not None and not lunar and _impossible(y, mo, d) and free(mt.start(), end):
            add(_impossible_date(mt.start(), end, y, mo, d))  # 2019年2月29日: not 2019年 and a 2月29日 of 2020
            continue
        if y is None or not _valid(y, mo, d) or not free(mt.start(), end):
            continue
        if text[mt.start() - 1:mt.start()].isdigit():
            continue
        dm = DateMention(mt.start(), end, y, mo, d)
        if lunar and d is not None:
            # 农历2015年十月初一: the year of the lunar calendar; 2025年除夕 is the eve before that year's 正月初一
            eve = bool(mt.group("ny")) and d == 30
            _to_gregorian(dm, lunar_day(y - 1 if eve else y, mo, d, eve))
        elif lunar:
            dm.extra["calendar"] = "lunar"
        if d is None:
            part = re.match(_alt(ZH_MONTH_PARTS), text[end:end + 2])
            if part:
                dm.end = end + part.end()
                if ZH_MONTH_PARTS[part.group(0)]:
                    dm.extra["part"] = ZH_MONTH_PARTS[part.group(0)]
        _attach_time(text, dm, True)
        add(dm)
    for mt in fast_finditer(ZH_NUMERIC_SPACED, text):
        y, mo, d = int(mt.group("y")), int(mt.group("m")), int(mt.group("d"))
        if _valid(y, mo, d) and free(*mt.span()):
            add(DateMention(mt.start(), mt.end(), y, mo, d))
    for mt in scan.near(ZH_MD, _A_ZH_MONTH, _ZH_REACH):
        mo, m_end = _zh_month(mt)
        d = _zn(mt.group("d"))
        end = bare_day_end(mt, m_end)
        if end is None or mo is None or d is None:
            continue
        if mt.group("ny") and d == 30:
            mo = 12
        if not _valid(None, mo, d) or not free(mt.start(), end):
            continue
        s = mt.start()
        if s and text[s - 1].isdigit():
            continue
        rel = mt.group("rel")
        if mt.group("lm") or mt.group("ny") or mt.group("lunar") or mt.group("d").startswith("初"):
            eve = bool(mt.group("ny")) and d == 30
            dm = DateMention(s, end, None, mo, d)
            if text[s - 1:s] == "年":
                day = None  # 雍正四年大年三十: a year of an era, not one near the document date
            elif rel and ref is not None:
                day = lunar_day(ref.year + ZH_REL_YEARS[rel] - (1 if eve else 0), mo, d, eve)
            else:
                day = nearest_lunar_day(mo, d, ref, future(s, end), eve) if ref is not None else None
            dm.resolved = "document-date" if day else ""
            _to_gregorian(dm, day)
            _attach_time(text, dm, True)
            add(dm)
            continue
        dm = month_day(s, end, mo, d, ZH_REL_YEARS[rel] if rel else None)
        if dm.year is not None and not _valid(dm.year, mo, d):
            continue
        _attach_time(text, dm, True)
        add(dm)
    ends = {dm.end: dm for dm in found}
    for mt in scan.near(ZH_D, _A_ZH_DAY, _ZH_REACH):
        d = _zn(mt.group("d"))
        s = mt.start()
        if d is None or not 1 <= d <= 31 or not free(s, mt.end()) or text.startswith(ZH_DAY_NOT_BEFORE, mt.end()) \
                or text[mt.end() - 1] in "号號" and _numbers_a_thing(text, mt.end()):
            continue
        prev = text[s - 1:s] if s else ""
        marked = mt.group("pre") or mt.group("rm") or mt.group("ry")
        if prev and (prev.isdigit() or prev in "月第每") or (prev and not marked and prev not in ZH_DAY_PRECEDERS
                                                              and not _subject_day(text, mt)):
            continue
        if mt.group("ry") and not mt.group("rm"):
            continue  # 今年5日 is not a date
        if mt.group("rm") and ref is not None:
            y, mo = _add_months(ref.year, ref.month, ZH_REL_MONTHS[mt.group("rm")])
            y += ZH_REL_YEARS[mt.group("ry")] if mt.group("ry") else 0
        else:
            y, mo = resolve_day(d, ref, future(s, mt.end()))
            first = _range_start(text, s, ends)
            if first is not None and first.year is not None and first.month is not None and first.day is not None:
                # 5日至7日: the second day follows the first one
                y, mo = (first.year, first.month) if d >= first.day else _add_months(first.year, first.month, 1)
            elif (told := _told_before(text, s, ends)) is not None and d >= told.day \
                    and not _CUTOFF_BEFORE.search(text, max(0, s - 8), s):
                # 考试将持续到6月10日，部分省份延长至11日: a later day of the month just told, not the
                # document's month (a cut-off, 9月1日起…截至23日, counts to the report's own days)
                y, mo = told.year, told.month
        if y is not None and not _valid(y, mo, d):
            continue
        dm = DateMention(s, mt.end(), y, mo, d, resolved="document-date" if y else "")
        if mt.group("pre"):
            dm.tz = ZH_TIME_ZONES[mt.group("pre")]
        _attach_time(text, dm, True)
        add(dm)
        ends[dm.end] = dm
    for mt in scan.near(ZH_WEEK, _A_ZH_WEEK, _ZH_REACH):
        if not free(*mt.span()) or ref is None:
            continue
        s = mt.start()
        if text[s - 1:s] == "每" or text[mt.end():mt.end() + 1] in ("次", "刊", "报", "末"):
            continue  # 每周一次, 周刊: not a day
        if _ZH_EVERY_WEEKDAY_TO.search(text, max(0, s - 8), s):
            continue  # 每周一至周五: the end of a weekly span, no more a day than its start
        w = ZH_WEEKDAY_CHARS[mt.group("w")]
        day = resolve_weekday(w, ref, mt.group("pre") or "", future(s, mt.end()))
        dm = DateMention(s, mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w)
        _attach_time(text, dm, True)
        add(dm)
    for mt in scan.near(ZH_RELDAY, _A_ZH_RELDAY, _ZH_REACH):
        if not free(*mt.span()) or ref is None:
            continue
        day = ref + dt.timedelta(days=ZH_REL_DAYS[mt.group(0)])
        dm = DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date")
        _attach_time(text, dm, True)
        add(dm)
    for mt in scan.near(ZH_YEAR, _A_ZH_YEAR, _ZH_REACH):
        if free(*mt.span()) and not (mt.start() and text[mt.start() - 1].isdigit()):
            y = _zn(mt.group("y"))
            if y is None:
                continue
            dm = DateMention(mt.start(), mt.end(), y, None, None)
            if mt.group("part"):
                dm.extra["part"] = ZH_YEAR_PARTS[mt.group("part")]
            add(dm)
    for mt in scan.near(ZH_MONTH, _A_ZH_MONTH, _ZH_REACH):
        if not free(*mt.span()) or (mt.start() and text[mt.start() - 1].isdigit()):
            continue
        mo = _zn(mt.group("m"))
        if mo is None or not 1 <= mo <= 12:
            continue
        rel = mt.group("rel")
        part = mt.group("part")
        y: int | None
        if rel and ref:
            y, how = ref.year + ZH_REL_YEARS[rel], "document-date"
        else:
            # 个月 is a duration, not a month name
            if text[mt.start() - 1:mt.start()] in ("个", "個") or (mt.start() and text[mt.start() - 1] in "几数前"):
                continue
            if not rel and len(mt.group("m")) == 1 and mt.group("m") in "一两" and not part:
                continue
            y, how = resolve_month_day(mo, None, ref, future(mt.start(), mt.end()), None)
        dm = DateMention(mt.start(), mt.end(), y, mo, None, resolved=how)
        if part and ZH_MONTH_PARTS[part]:
            dm.extra["part"] = ZH_MONTH_PARTS[part]
        add(dm)
    if ref is None:
        return
    for mt in scan.near(ZH_REL_MONTH, _A_ZH_REL_M, _ZH_REACH):
        if not free(*mt.span()):
            continue
        y, mo = _add_months(ref.year, ref.month, ZH_REL_MONTHS[mt.group("rel")])
        dm = DateMention(mt.start(), mt.end(), y, mo, None, resolved="document-date")
        if mt.group("part") and ZH_MONTH_PARTS[mt.group("part")]:
            dm.extra["part"] = ZH_MONTH_PARTS[mt.group("part")]
        add(dm)
    for mt in scan.near(ZH_REL_YEAR, _A_ZH_REL_Y, _ZH_REACH):
        if not free(*mt.span()):
            continue
        dm = DateMention(mt.start(), mt.end(), ref.year + ZH_REL_YEARS[mt.group("rel")], None, None,
                         resolved="document-date")
        if mt.group("part"):
            dm.extra["part"] = ZH_YEAR_PARTS[mt.group("part")]
        add(dm)


# a quarter or half named without its year, in the words [year_parts] gives it with one: 第三季度,
# 上半年; 'third quarter' (of), 'third-quarter'. English halves are left out ('the second half' is a
# match's as often), and so are bare codes (Q3, H1: 'H1-B visa')
_QUARTERS_ALONE = {**{k: v for k, v in ZH_YEAR_PARTS.items() if not k.isascii() and v[0] in "QH"},
                   **{form: v for k, v in _EN_YEAR_PARTS_FOLDED.items() if k.endswith(" of") and v[0] == "Q"
                      for form in (k[:-3], k[:-3].replace(" ", "-"))}}
_QUARTER_ALONE = re.compile(r"(?<![A-Za-z0-9])(?:%s)(?![A-Za-z])" % "|".join(
    re.escape(k).replace(r"\ ", r"\s{1,3}") for k in longest_first(_QUARTERS_ALONE)), re.I)


_QUARTER_NOT_AFTER = frozenset(_ZH["quarter_not_after"]["chars"])
_FISCAL_QUARTER_END = re.compile(r"\s{1,3}(?:%s)\s{1,3}(?:on\s{1,3})?(?P<mon>%s)(?![A-Za-z])" % (
    "|".join(map(re.escape, _EN["fiscal_quarter_end"]["words"])),
    "|".join(map(re.escape, longest_first(EN_MONTHS)))), re.I)


def _fiscal_quarter(text: str, end: int, part: str) -> bool:
    """Is the quarter just read a fiscal one: 'the first quarter ended June 30' (a quarter's
    calendar end would be March 31)?"""
    mt = _FISCAL_QUARTER_END.match(text, end)
    if mt is None or part[0] not in "QH":
        return False
    return EN_MONTHS[mt.group("mon").lower()] != int(part[1]) * (3 if part[0] == "Q" else 6)


def _quarters_alone(text: str, ref: dt.date, free: Callable[[int, int], bool], add: Callable[[DateMention], None],
                    future: Callable[[int, int], bool]) -> None:
    """'third-quarter profit', 第三季度营收: a quarter or half without its year (the passes before
    read those with one, 2025年第四季度, 'the third quarter of 2025'). It is the latest such part
    begun by the report's date, or the next one where the clause looks forward. Not a quarter
    counted from another (上一季度) nor a company's fiscal one ('the first quarter ended June 30')."""
    for mt in fast_finditer(_QUARTER_ALONE, text):
        if not free(*mt.span()):
            continue
        if text[mt.start() - 1:mt.start()] in _QUARTER_NOT_AFTER and mt.start() > 0:
            continue
        part = _QUARTERS_ALONE[re.sub(r"\s+", " ", mt.group(0).lower())]
        if _fiscal_quarter(text, mt.end(), part):
            continue
        first_month = 3 * int(part[1]) - 2 if part[0] == "Q" else 6 * int(part[1]) - 5
        y = ref.year if first_month <= ref.month else ref.year - 1
        if future(mt.start(), mt.end()) and (y, first_month) < (ref.year, ref.month):
            y += 1
        dm = DateMention(mt.start(), mt.end(), y, None, None, resolved="document-date")
        dm.extra["part"] = part
        add(dm)


def _numbers_a_thing(text: str, at: int) -> bool:
    """Does the word after N号 make it a number of a line, building or terminal (19号线, 3号楼) rather
    than a day? The word must be one of hao_not_before whole: 线 but not 线上 (20号线上举行 is online on
    the 20th), 门 but not 门票, 车 but not 车展."""
    entry = next((w for w in ZH_HAO_NOT_BEFORE if text.startswith(w, at)), None)
    if entry is None:
        return False
    words = zh_words(text[at:at + 6])
    return not words or len(words[0]) <= len(entry) or words[0] in ZH_HAO_NOT_BEFORE


def _told_before(text: str, start: int, ends: dict[int, DateMention]) -> DateMention | None:
    """The last full date written before `start` in its sentence, within a clause or two."""
    for e in range(start, max(0, start - 30) - 1, -1):
        m = ends.get(e)
        if m is not None and m.year is not None and m.month is not None and m.day is not None:
            return None if _ZH_SENTENCE_END.search(text, e, start) else m
    return None


_ZH_SENTENCE_END = re.compile("[。！？；\n]")


def _range_start(text: str, start: int, ends: dict[int, DateMention]) -> DateMention | None:
    """The date that opens a range ending at `start` (5日至7日, 4日8时到5日), if any."""
    for e in range(start, max(0, start - 3) - 1, -1):
        if e in ends and text[e:start].strip() in ZH_RANGE_SEPS:
            return ends[e]
    return None


def _en_pass(scan: _Scanner, ref: dt.date | None, found: list[DateMention], free: Callable[[int, int], bool],
             add: Callable[[DateMention], None], future: Callable[[int, int], bool],
             month_day: Callable[..., DateMention], lang: str) -> None:
    text = scan.text
    for mt in scan.near(EN_YMON, _A_MONTH, _EN_REACH):
        y, mo, d = int(mt.group("y")), EN_MONTHS[mt.group("mon").lower()], int(mt.group("d"))
        if _valid(y, mo, d) and free(*mt.span()):
            add(DateMention(mt.start(), mt.end(), y, mo, d))
    for mt in EN_ISO.finditer(text):
        y, mo, d = int(mt.group("y")), int(mt.group("m")), int(mt.group("d"))
        if _valid(y, mo, d) and free(*mt.span()):
            add(DateMention(mt.start(), mt.end(), y, mo, d))
    for mt in EN_NUMERIC.finditer(text):
        if not free(*mt.span()):
            continue
        if len(mt.group("y")) == 1 and mt.group("s") == ".":
            continue  # 12.5.1 is a version number
        readings = _numeric_readings(int(mt.group("a")), int(mt.group("b")), int(mt.group("y")), lang,
                                     mt.group("a"), mt.group("y"))
        if readings:
            first = DateMention(mt.start(), mt.end(), *readings[0])
            first.alt = tuple(DateMention(0, 0, *r).iso() for r in readings[1:])
            add(first)
        elif len(mt.group("y")) == 4 and mt.group("s") == "/":
            y, a, b = int(mt.group("y")), int(mt.group("a")), int(mt.group("b"))
            mo, d = (b, a) if lang == "zh" else (a, b)
            if _impossible(y, mo, d):
                add(_impossible_date(mt.start(), mt.end(), y, mo, d))  # 2/29/2019
    for mt in scan.near(EN_MD_SLASH, _A_SLASH, _SEPARATOR_REACH):
        a, b = int(mt.group("a")), int(mt.group("b"))
        if not free(*mt.span()) or mt.group(0) in EN_NUMERIC_IDIOMS or ref is None:
            continue
        if a < b <= 10 or (a < b and b in (12, 16, 32)):
            continue  # 1/2, 3/4, 5/8: fractions
        _add_month_day_pair(text, mt, a, b, lang, found, add, month_day)
    for mt in fast_finditer(EN_MD_AFTER_ON, text):
        s = mt.start("a")
        if not free(s, mt.end()) or ref is None:
            continue
        if mt.group("s") == "." and len(mt.group("b")) != 2:
            continue  # 'in 4.5' is a decimal
        _add_month_day_pair(text, mt, int(mt.group("a")), int(mt.group("b")), lang, found, add, month_day, start=s)
    for mt in scan.near(EN_MDY, _A_MONTH, _EN_REACH):
        if not free(*mt.span()) or _day_past_sentence_end(text, mt):
            continue
        strong = bool(mt.group("the") or mt.group("suf") or mt.group("dw"))
        if not _month_word_ok(mt.group("mon"), strong):
            continue
        if text[mt.end("mon"):mt.end("mon") + 1] == "." and mt.group("mon").lower() in _FULL_MONTHS \
                and (mt.group("dc") or mt.group("dw") or _WORD_GOES_ON.match(text, mt.end())):
            continue  # 'prices fell in August. Four cities ...', 'in May. 12 of them': a full stop after a
            # full name ends a sentence whose first word is a figure (not 'back October. 2', a date)
        _add_named_date(text, mt, ref, add, month_day)
    for mt in scan.near(EN_DMY, _A_MONTH, _EN_REACH):
        if not free(*mt.span()):
            continue
        if not _month_word_ok(mt.group("mon"), bool(mt.group("of"))):
            continue
        _add_named_date(text, mt, ref, add, month_day)
    for mt in scan.near(EN_MY, _A_MONTH, _EN_REACH):
        if not free(*mt.span()) or not _month_word_ok(mt.group("mon"), False):
            continue
        add(DateMention(mt.start(), mt.end(), int(mt.group("y")), EN_MONTHS[mt.group("mon").rstrip(".").lower()], None))
    _en_months_alone(scan, ref, free, add, future)
    if ref is None:
        _en_years(scan, found, free, add)
        return
    for mt in scan.near(EN_DAY_OF_REL_MONTH, _A_MONTH_WORD, _EN_REACH):
        d = _en_day(mt)
        if not free(*mt.span()) or d is None:
            continue
        y, mo = _add_months(ref.year, ref.month, EN_REL_PREFIX[mt.group("rel").lower()])
        if _valid(y, mo, d):
            add(DateMention(mt.start(), mt.end(), y, mo, d, resolved="document-date"))
        elif _impossible(y, mo, d):
            add(_impossible_date(mt.start(), mt.end(), y, mo, d))  # the 31st of a 30-day month
    for mt in scan.near(EN_NTH_WEEKDAY, _A_WEEKDAY, _EN_REACH):
        if not free(*mt.span()) or not _weekday_word_ok(text, mt, "w"):
            continue
        w = EN_WEEKDAYS[mt.group("w").lower()]
        pos = EN_WEEKDAY_POS[mt.group("pos").lower()]
        if mt.group("mon"):
            mo = EN_MONTHS[mt.group("mon").lower()]
            y, _how = resolve_month_day(mo, None, ref, future(mt.start(), mt.end()), _year_context(text, mt.start(), ref, month=mo))
            if y is None:
                continue
        else:
            y, mo = _add_months(ref.year, ref.month, EN_REL_PREFIX[mt.group("rel").lower()] if mt.group("rel") else 0)
            if not mt.group("rel") and pos < 0:
                continue  # 'last Friday' is a relative weekday, not the month's last
        day = nth_weekday(y, mo, w, pos)
        if day is not None:
            add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w))
    for mt in scan.near(EN_WEEKDAY_THE_DAY, _A_WEEKDAY, _EN_REACH):
        d = _en_day(mt)
        if not free(*mt.span()) or d is None or not _weekday_word_ok(text, mt, "w"):
            continue
        w = EN_WEEKDAYS[mt.group("w").lower()]
        day = day_with_weekday(d, w, ref)
        if day is not None:
            add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w))
    for mt in scan.near(EN_WEEK_WEEKDAY, _A_WEEKDAY, _EN_REACH):
        if not free(*mt.span()):
            continue
        g = "w1" if mt.group("w1") else "w2"
        if not _weekday_word_ok(text, mt, g):
            continue
        w = EN_WEEKDAYS[mt.group(g).lower()]
        day = week_day(ref, EN_REL_PREFIX[(mt.group("rel1") or mt.group("rel2")).lower()], w)
        add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w))
    _en_durations(scan, ref, free, add)
    _merge_weekday_prefixes(text, found, free, add)
    for mt in scan.near(EN_WEEKDAY, _A_WEEKDAY, _EN_REACH):
        if not free(mt.start("w"), mt.end("w")) or not _weekday_word_ok(text, mt, "w"):
            continue
        w = EN_WEEKDAYS[mt.group("w").lower()]
        rel = (mt.group("rel") or "").lower()
        rel = rel if rel in EN_REL_PREFIX else ""
        day = resolve_weekday(w, ref, rel, future(mt.start(), mt.end()))
        s = mt.start() if rel else mt.start("w")
        first = found[-1] if found and not rel else None
        if first is not None and first.weekday is not None and first.day is not None and first.year and first.month \
                and _WEEKDAY_RANGE_GAP.fullmatch(text, first.end, s):
            # from Friday to Sunday: the end of a range of weekdays is the first such day after its start
            start_day = dt.date(first.year, first.month, first.day)
            day = start_day + dt.timedelta(days=(w - start_day.weekday()) % 7 or 7)
            if day > ref and not future(first.start, mt.end()) and not _future_clause(text, first.start, mt.end()):
                # 'rain fell from Thursday to Monday': a told range lies before the document date
                start_day -= dt.timedelta(days=7)
                day -= dt.timedelta(days=7)
                first.year, first.month, first.day = start_day.year, start_day.month, start_day.day
        add(DateMention(s, mt.end("w"), day.year, day.month, day.day, resolved="document-date", weekday=w))
    for mt in fast_finditer(EN_RELDAY, text):
        if not free(*mt.span()):
            continue
        day = ref + dt.timedelta(days=EN_REL_DAYS[re.sub(r"\s+", " ", mt.group(0).lower())])
        add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date"))
    _en_standalone_days(text, ref, free, add, future, found)
    for mt in scan.near(EN_RELPERIOD, _A_PERIOD, _EN_REACH):
        if not free(*mt.span()):
            continue
        off = EN_REL_PREFIX[mt.group("rel").lower()]
        if mt.group("unit").lower() == "year":
            add(DateMention(mt.start(), mt.end(), ref.year + off, None, None, resolved="document-date"))
        else:
            y, mo = _add_months(ref.year, ref.month, off)
            add(DateMention(mt.start(), mt.end(), y, mo, None, resolved="document-date"))
    _en_years(scan, found, free, add)


_WEEKDAY_RANGE_GAP = re.compile(r"\s{0,2}(?:-|–|to|through|thru|until|till)\s{0,2}", re.I)


def _weekday_word_ok(text: str, mt: re.Match[str], g: str) -> bool:
    """A weekday word, not a name: abbreviations (Sun, Wed) need a dot, a comma, a date cue before them
    or the end of the clause after them ('Sun Yat-sen' is a name); lower case needs the full word."""
    word = mt.group(g)
    full = len(word) > 4 or word.lower() in ("tues", "thurs")
    if len(word) > 4:
        return True
    after = text[mt.end(g):mt.end(g) + 2]
    before = text[max(0, mt.start(g) - 6):mt.start(g)].lower()
    cue = re.search(r"\b(?:on|last|next|this|past|by|until|since)\s$", before) is not None
    if after[:1] in (".", ",") or (cue and (after[:1] in ("", "!", "?", ";") or after[:1].isspace() and not after[1:2].isupper())):
        return True
    return full and word[:1].isupper() and not after[1:2].isupper()


def _add_month_day_pair(text: str, mt: re.Match[str], a: int, b: int, lang: str, found: list[DateMention],
                        add: Callable[[DateMention], None], month_day: Callable[..., DateMention],
                        start: int | None = None) -> None:
    """A month-day written in figures without a year (4/22, 22/04): month first unless it cannot be."""
    readings = [(a, b), (b, a)] if a != b else [(a, b)]
    ok = [(mo, d) for mo, d in readings if _valid(None, mo, d)]
    if not ok:
        return
    s = mt.start() if start is None else start
    dm = month_day(s, mt.end(), ok[0][0], ok[0][1])
    if dm.year is None or not _valid(dm.year, dm.month, dm.day):
        return
    if len(ok) > 1:
        other = month_day(s, mt.end(), ok[1][0], ok[1][1])
        dm.alt = (other.iso(),)
    add(dm)


def _add_named_date(text: str, mt: re.Match[str], ref: dt.date | None, add: Callable[[DateMention], None],
                    month_day: Callable[..., DateMention]) -> None:
    mo = EN_MONTHS[mt.group("mon").rstrip(".").lower()]
    d = _en_day(mt)
    if d is None:
        return
    y: int | None = None
    if mt.group("y"):
        y = int(mt.group("y"))
    elif mt.groupdict().get("yw"):
        y = _en_year_words(mt.group("yw"))
    end = mt.end()
    if text[end - 1] == "." and mt.group("mon").lower() not in _MONTH_ABBREVIATIONS:
        end -= 1   # '22 February.': the full stop ends the sentence (only 'Feb.' takes a dot)
    if y is None and (mt.group("y") or mt.groupdict().get("yw")):
        end = mt.end("mon") if mt.end("mon") > mt.start("mon") and mt.start("mon") > mt.start() else end
    if y is not None:
        if _impossible(y, mo, d):
            add(_impossible_date(mt.start(), end, y, mo, d))
        elif _valid(y, mo, d):
            dm = DateMention(mt.start(), end, y, mo, d)
            add(dm)
            if mt.re is EN_MDY:
                _add_more_days(text, dm, add)
            else:
                _add_days_before(text, dm, add)
        return
    if not _valid(None, mo, d):
        return
    dm = month_day(mt.start(), end, mo, d)
    if dm.year is not None and not _valid(dm.year, mo, d):
        return
    add(dm)
    if mt.re is EN_MDY:
        _add_more_days(text, dm, add)
    else:
        _add_days_before(text, dm, add)


# 'July 17 and 22', 'May 3, 5 and 9': more days of the month just named, each ending its phrase
_DAY_RANGE = "|".join(rf"\s{{0,2}}{re.escape(w)}\s{{0,2}}" if not w.isalpha() else rf"\s{{1,3}}{w}\s{{1,3}}"
                      for w in longest_first(_EN["day_range_joiners"]))
# words that may follow the end of a range only ('February 17 to 22 across the country'): after a
# listed day they start a phrase of a figure ('On May 3, 12 from the village died')
_RANGE_ONLY_FOLLOWERS = "across|for|from|with|during|before|after"
_EN_MORE_DAY = re.compile(
    rf"(?:\s{{0,2}}(?:,\s{{0,2}}|\s(?:and|&|or)\s{{1,3}}|,\s{{0,2}}(?:and|or)\s{{1,3}})|(?P<to>{_DAY_RANGE}))(?P<d>{_DAYNUM})(?:{_SUF})?"
    r"(?![0-9A-Za-z%]|[.,:][0-9])(?=\s{0,2}(?:$|[.,;:!?)]|\s(?:and|or|in|at|on|to|of|this|last|next|respectively|when|while"
    rf"|{_RANGE_ONLY_FOLLOWERS})\b))",
    re.I)
# a range written tight with a dash may stand before the noun it dates: 'the June 16-17 meeting'
_EN_TIGHT_DAY_RANGE = re.compile(rf"(?P<to>[-–])(?P<d>{_DAYNUM})(?![0-9A-Za-z%]|[.,:][0-9]|[-–])(?=\s{{1,2}}[a-z])")
_RANGE_ONLY_AFTER = re.compile(rf"\s{{1,2}}(?:{_RANGE_ONLY_FOLLOWERS})\b", re.I)
# a change verb a few words before a date: 'rose on February 17 to 22' states a change to 22
_CHANGE_BEFORE = re.compile(r"(?<![A-Za-z])(?:%s)(?:\s+[A-Za-z]+){0,2}\s+$" % "|".join(
    map(re.escape, longest_first(load("en", "qualifiers")["range"]["change_verbs"]))), re.I)
# a year after the end of a range ('Feb 17–22, 2025'), not a figure that a noun follows ('22, 1500 people')
_RANGE_YEAR = re.compile(r",\s{0,3}(?P<y>(?:19|20)\d\d)(?![0-9]|[.,][0-9]|\s{1,2}%s[a-z])" % not_a_stop_word())


# '17 and 22 July', '3, 5 and 9 May': days written before the one that names the month
_EN_DAY_BEFORE = re.compile(
    rf"(?<![0-9A-Za-z.,$€£¥-])(?P<d>{_DAYNUM})(?P<suf>{_SUF})?(?:\s{{0,2}},\s{{0,2}}|\s{{1,3}}(?:and|&|or)\s{{1,3}}|,\s{{0,2}}(?:and|or)\s{{1,3}}|(?P<to>{_DAY_RANGE}))$", re.I)


def _add_days_before(text: str, last: DateMention, add: Callable[[DateMention], None]) -> None:
    start = last.start
    for _ in range(8):
        m = _EN_DAY_BEFORE.search(text, max(0, start - 16), start)
        if m is None or last.month is None:
            return
        d = int(m.group("d"))
        if not _valid(last.year, last.month, d) or d >= (last.day or 32):
            return
        add(DateMention(m.start("d"), m.end("suf") if m.group("suf") else m.end("d"), last.year, last.month, d,
                        resolved=last.resolved))
        if m.group("to"):
            return   # a range has one start ('17 to 22 February')
        start = m.start()


def _add_more_days(text: str, first: DateMention, add: Callable[[DateMention], None]) -> None:
    end = first.end
    for _ in range(8):
        m = _EN_MORE_DAY.match(text, end)
        if m is None and end == first.end:
            m = _EN_TIGHT_DAY_RANGE.match(text, end)
            nxt = re.match(r"\s{1,2}([a-z]+(?:\s[a-z]+)?)", text[m.end():m.end() + 24]) if m else None
            if nxt and (nxt.group(1) in _EN_UNIT_WORDS or nxt.group(1).split()[0] in _EN_UNIT_WORDS | {"percent", "per", "pct"}):
                m = None   # 'rose June 16-17 percent' is not a range of days
        if m is None:
            return
        d = int(m.group("d"))
        if first.month is None or not _valid(first.year, first.month, d):
            return
        if m.group("to") and d <= (first.day or 32):
            return   # the end of a range of days follows its start ('February 17 to 22')
        if not m.group("to") and _RANGE_ONLY_AFTER.match(text, m.end()):
            return
        if m.group("to") and m.group("to").strip().isalpha() and _CHANGE_BEFORE.search(text, max(0, first.start - 40), first.start):
            return   # 'the toll rose on February 17 to 22': a change to a figure, not a range of days
        last = DateMention(m.start("d"), m.end(), first.year, first.month, d, resolved=first.resolved)
        if m.group("to"):
            # a range has one end; a year after it is the whole range's ('Feb 17–22, 2026')
            y = _RANGE_YEAR.match(text, m.end())
            if y and _valid(int(y.group("y")), first.month, d) and _valid(int(y.group("y")), first.month, first.day):
                # (first is the mention already added: its span is unchanged, only its year is now read)
                first.year = last.year = int(y.group("y"))
                first.resolved = last.resolved = ""
                last.end = y.end()
            add(last)
            return
        add(last)
        end = m.end()


def _en_durations(scan: _Scanner, ref: dt.date, free: Callable[[int, int], bool], add: Callable[[DateMention], None]) -> None:
    """'3 days ago', '1 month and 21 days ago', 'two weeks from now', 'in 3 weeks', 'two sundays from now'."""
    text = scan.text
    def part_of(mt: re.Match[str]) -> tuple[str, int] | None:
        n = _en_count(mt.group("n"))
        if n is None:
            return None
        kind, size = EN_DURATION_UNITS[re.sub(r"\s+", " ", mt.group("unit").lower())]
        return kind, n * size

    for mt in scan.near(EN_DURATION_REL, _A_DUR_DIR, _EN_REACH):
        if not free(*mt.span()):
            continue
        if EN_BASELINE_BEFORE.search(text[max(0, mt.start() - 12):mt.start()]):
            continue  # 'up 5% from a year ago' compares with a period; it names no day
        sign, base = EN_DURATION_DIRS[re.sub(r"\s+", " ", mt.group("dir").lower())]
        n = _en_count(mt.group("n"))
        if n is None:
            continue
        start = mt.start()
        if mt.group("wu"):
            # 'two sundays from now': the n-th such weekday after (or before) the base day
            w = EN_WEEKDAYS[mt.group("wu").lower()]
            day = ref + dt.timedelta(days=base)
            step = 1 if sign > 0 else -1
            count = 0
            while count < n:
                day += dt.timedelta(days=step)
                if day.weekday() == w:
                    count += 1
        else:
            parts = [part_of(mt)]
            # earlier parts of a compound duration: '2 years 1 month 21 days ago'
            while True:
                window = text[max(0, start - 40):start]
                pm = EN_DURATION_PART.search(window)
                if pm is None or not free(start - len(window) + pm.start(), start):
                    break
                parts.append(part_of(pm))
                start = start - len(window) + pm.start()
            if any(p is None for p in parts):
                continue
            day = shift_duration(ref + dt.timedelta(days=base), [p for p in parts if p], sign)
        dm = DateMention(start, mt.end(), day.year, day.month, day.day, resolved="document-date")
        if not mt.group("wu"):
            # '3 days ago' also states a span of 3 days: the quantity reader may read those words too
            dm.extra["duration_span"] = (start, mt.start("dir"))
        add(dm)
    for mt in fast_finditer(EN_IN_DURATION, text):
        if not free(*mt.span()) or mt.group("wu"):
            continue
        n = _en_count(mt.group("n"))
        if n is None:
            continue
        kind, size = EN_DURATION_UNITS[re.sub(r"\s+", " ", mt.group("unit").lower())]
        if kind == "month" and not _future_clause(scan.text, mt.start(), mt.end()):
            # 'grew 50% in 3 years', 'earn $10000 in 3 years': a span of time (a measure), not a date;
            # 'in four business days', 'in two weeks' schedule something, with or without 'will'
            continue
        day = shift_duration(ref, [(kind, n * size)], 1)
        # 'will be finished in three years' names a year, not a day: the date is as precise as its unit
        years = kind == "month" and size % 12 == 0
        add(DateMention(mt.start(), mt.end(), day.year, None if years else day.month,
                        None if kind == "month" else day.day, resolved="document-date"))


# the words before a day alone, as a tree (_alt): tried at every English word start, a list is tried
# word by word (none is the start of another, so the tree's order, longest first, finds the same)
_STANDALONE_DAY_PRE = _alt(("on", "for", "by", "until", "till", "since", "from", "before", "after", "to", "through"), spaced=False)
_EN_STANDALONE_DAY = re.compile(
    rf"\b(?P<pre>{_STANDALONE_DAY_PRE}|(?:{_alt(_EN['day_parts'])})\s{{1,3}}of)\s{{1,3}}(?:(?P<the>the)\s{{1,3}})?"
    rf"(?:(?P<d>{_DAYNUM})(?P<suf>{_SUF})?|(?P<dw>{_ORDW})|(?P<dc>{_CARDW}))"
    rf"(?=\s{{0,2}}(?:$|[.,](?![0-9])|[;!?)]|\s(?:at|in|of|and|or|to|until|when|we|i|you|he|she|they|local\s+time)\b))", re.I)


def _en_standalone_days(text: str, ref: dt.date, free: Callable[[int, int], bool], add: Callable[[DateMention], None],
                        future: Callable[[int, int], bool], found: list[DateMention] = ()) -> None:
    """'on the 4th', 'for the 27th', 'on the second': a day of the month alone, at the end of its phrase;
    'to the 23rd' only as the end of a range whose start is a day ('from the 21st to the 23rd'),
    and then it follows that day."""
    ends = {dm.end: dm for dm in found if dm.day is not None and dm.month is not None and dm.year is not None}
    for mt in fast_finditer(_EN_STANDALONE_DAY, text):
        pre = mt.group("pre").lower()
        if not mt.group("the") and not (pre == "on" and (mt.group("d") or mt.group("dw"))):
            continue
        first = None
        if pre in ("to", "through"):
            gap = text[:mt.start()].rstrip()
            first = ends.get(len(gap))
            if first is None:
                continue
        if mt.group("dc") and not mt.group("the"):
            continue
        s = mt.start("the") if mt.group("the") else mt.start("d") if mt.group("d") else mt.start("dw")
        if not free(s, mt.end()):
            continue
        d = _en_day(mt)
        if d is None or not 1 <= d <= 31:
            continue
        if first is not None:   # the end of a range follows its start
            y, mo = (first.year, first.month) if d >= first.day else _add_months(first.year, first.month, 1)
        else:
            y, mo = resolve_day(d, ref, future(s, mt.end()))
        if y is None or not _valid(y, mo, d):
            continue
        dm = DateMention(s, mt.end(), y, mo, d, resolved="document-date")
        add(dm)
        if dm.year is not None:
            ends[dm.end] = dm


def _merge_weekday_prefixes(text: str, found: list[DateMention], free: Callable[[int, int], bool],
                            add: Callable[[DateMention], None]) -> None:
    """'Tuesday, Feb. 24', 'monday, jan twenty two, 2018', 'this friday (jun-15)': a weekday written
    just before a date belongs to it (the span grows; the date's value stands)."""
    rx = re.compile(rf"(?:\b(?:{_REL})\s{{1,3}})?\b(?P<w>{_WD})\.?,?\s{{0,3}}[-(]?\s{{0,2}}$", re.I)
    for dm in list(found):
        if dm.day is None or dm.weekday is not None:
            continue
        window = text[max(0, dm.start - 24):dm.start]
        mt = rx.search(window)
        if mt is None or mt.group("w")[:1].islower() and len(mt.group("w")) <= 4:
            continue
        s = dm.start - len(window) + mt.start()
        if not free(s, dm.start):
            continue
        dm.weekday = EN_WEEKDAYS[mt.group("w").lower()]
        dm.start = s
        if text[dm.end:dm.end + 1] == ")" and "(" in window[mt.start():]:
            dm.end += 1
        found.remove(dm)
        add(dm)

# a range of years: 2015-2019, 2015–19, from 2015 to 2019, between 2010 and 2020, 2015至2019年
YEAR_RANGE = re.compile(r"(?<![0-9A-Za-z_.,/$€£¥-])(?P<between>between\s{1,3})?(?P<y1>(?:1[5-9]|20)\d\d)\s{0,2}"
                        r"(?P<sep>-|to|through|thru|until|till|and|至|到)\s{0,2}(?P<y2>(?:1[5-9]|20)\d\d|\d\d)"
                        r"(?P<nian>年)?(?![0-9A-Za-z_%]|[.,/-]\d)", re.I)
_YEAR_RANGE_NOT_AFTER = re.compile(r"(?:年)?(?:[0-9零一二三四五六七八九十]|%s)|\s{0,2}(?:%s)|\s[a-z]+s\b" % (
    _alt(ZH_YEAR_PARTS), "|".join(re.escape(k) for k in ("$", "€", "£", "¥"))))


def _year_ranges(text: str, free: Callable[[int, int], bool], add: Callable[[DateMention], None]) -> None:
    """'for the years 2015–2019': two years, the start and the end of a span (DESIGN §2: each bound is a
    date). A 2-digit end takes the start's century (2020-21). Amounts are left alone: 1800-1900 people."""
    for mt in fast_finditer(YEAR_RANGE, text):
        y1 = int(mt.group("y1"))
        y2s = mt.group("y2")
        y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
        sep = mt.group("sep").lower()
        if not y1 < y2 <= y1 + 100 or sep == "and" and not mt.group("between") or len(y2s) == 2 and sep != "-":
            continue
        if _UNIT_OR_NOUN_AFTER_YEARS.match(text, mt.end()) or mt.group("nian") and _YEAR_RANGE_NOT_AFTER.match(text, mt.end()):
            continue
        s1, e1, s2, e2 = mt.start("y1"), mt.end("y1"), mt.start("y2"), mt.end()
        if not free(s1, e2):
            continue
        add(DateMention(s1, e1, y1, None, None, extra={"range": "start"}))
        add(DateMention(s2, e2, y2, None, None, extra={"range": "end"}))


# after a range of 'years', a plural noun, a unit or a currency says it is an amount (1800-1900 people)
_UNIT_OR_NOUN_AFTER_YEARS = re.compile(r"\s{0,2}(?:[a-z]+s\b|(?:%s)\b|%%|km|kg|m\b|mm\b|cm\b|t\b|[$€£¥]|元|美元|人|个|個|名|吨|公里|万|萬|亿|億)" % "|".join(map(re.escape, _EN["amount_nouns"])), re.I)


# the 2002 census, a 2016 election, their 2019 report: a year figure before a singular noun names the year
EN_YEAR_BEFORE_NOUN = re.compile(r"\b(?:the|a|an|its|his|her|their|our|this|that|whose)\s{1,3}(?P<y>1\d\d\d|20\d\d|2100)"
                                 r"\s{1,3}(?P<noun>[A-Za-z][a-z]{2,})(?:\s{1,3}(?P<next>[a-z]+))?\b", re.I)
_EN_AMOUNT_NOUNS = frozenset(_EN["amount_nouns"])


def _plural(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _en_year_before_noun(scan: _Scanner, free: Callable[[int, int], bool], add: Callable[[DateMention], None]) -> None:
    """A 4-digit figure 1000-2100 after a determiner and before a singular noun (the 2002 census) is a
    year; before a plural (the 2000 soldiers, the 1000 member states) or a unit it is an amount."""
    for mt in scan.near(EN_YEAR_BEFORE_NOUN, _A_YEAR, _EN_REACH):
        noun, nxt = mt.group("noun"), mt.group("next") or ""
        if not free(mt.start("y"), mt.end("y")) or _plural(noun) or noun.lower() in _EN_AMOUNT_NOUNS \
                or noun.lower() in _EN_UNIT_WORDS or (nxt and _plural(nxt) and nxt.lower() not in _EN_NOT_PLURAL_NEXT):
            continue
        add(DateMention(mt.start("y"), mt.end("y"), int(mt.group("y")), None, None))


_EN_UNIT_WORDS = frozenset(w.lower() for w in load("en", "units")["units"]) | frozenset(
    w.lower() for w in load("en", "currencies")["words"])
_EN_NOT_PLURAL_NEXT = frozenset({"was", "has", "is", "its", "this", "his", "as", "us", "does", "yes"})


def _en_months_alone(scan: _Scanner, ref: dt.date | None, free: Callable[[int, int], bool],
                     add: Callable[[DateMention], None], future: Callable[[int, int], bool]) -> None:
    """A month without a day or year: after a word that dates it ('in March', 'last May'), or alone
    in capitals ('February CPI figures'). The month of the year the document's date makes most
    likely (the nearest, the past preferred, as for 3月), of this, last or next year's when the words
    say so. A month word only where it cannot be something else: written in full or abbreviated with
    a dot, 'may' and 'march' in capitals, not followed by a capitalized word ('by June Carter') or a
    figure ('July 111'), and alone only when no capitalized word or figure comes before it (Theresa
    May, Women's March) and, for May and March, not opening a sentence ('May I…')."""
    text = scan.text
    for mt in scan.near(EN_MONTH_ALONE, _A_MONTH, _EN_REACH):
        mon = mt.group("mon")
        end = mt.end()
        if mon.lower() not in _FULL_MONTHS:
            if text[end:end + 1] != ".":
                continue  # 'Mar' or 'Jun' without a dot may be a word or a name
            end += 1
        if not _month_word_ok(mon, False) or _NOT_A_MONTH_AFTER.match(text, mt.end()):
            continue
        rel = (mt.group("rel") or "").lower()
        s = mt.start() if rel else mt.start("mon")
        if free(s, end):
            add(_month_alone(text, s, end, EN_MONTHS[mon.rstrip(".").lower()], rel, ref, future))
    for mt in scan.near(EN_MONTH_CAPITAL, _A_MONTH, _EN_REACH):   # (full names only)
        s, end = mt.span()
        mon = mt.group("mon")
        if not free(s, end) or _NOT_A_MONTH_AFTER.match(text, end) or _CAPITAL_BEFORE.search(text, max(0, s - 30), s) \
                or _DIGITS_BEFORE.search(text, max(0, s - 5), s):
            continue
        if mon in ("May", "March") and _SENTENCE_START.search(text, max(0, s - 6), s):
            continue  # 'May I…', 'March on': a verb opening a sentence
        add(_month_alone(text, s, end, EN_MONTHS[mon.lower()], "", ref, future))


def _month_alone(text: str, s: int, end: int, mo: int, rel: str, ref: dt.date | None,
                 future: Callable[[int, int], bool]) -> DateMention:
    """The date of a month named without its year, `rel` the word before it (last, this, next, '')."""
    if ref is None:
        return DateMention(s, end, None, mo, None)
    if rel == "this":
        return DateMention(s, end, ref.year, mo, None, resolved="document-date")
    ahead = rel == "next" or (not rel and future(s, end))
    y, how = resolve_month_day(mo, None, ref, ahead, None if rel else _year_context(text, s, ref, end, month=mo))
    if rel == "last" and y is not None and (y, mo) >= (ref.year, ref.month):
        y -= 1
    elif rel == "next" and y is not None and (y, mo) <= (ref.year, ref.month):
        y += 1
    return DateMention(s, end, y, mo, None, resolved=how if how == "document-date" else "")


def _en_years(scan: _Scanner, found: list[DateMention], free: Callable[[int, int], bool], add: Callable[[DateMention], None]) -> None:
    text = scan.text
    _en_year_before_noun(scan, free, add)
    for mt in scan.near(EN_YEAR, _A_YEAR, _EN_REACH):
        if not free(mt.start("y"), mt.end("y")):
            continue
        dm = DateMention(mt.start("y"), mt.end("y"), int(mt.group("y")), None, None)
        window = max(0, mt.start("y") - 24)
        part = EN_YEAR_PART.search(text[window:mt.start("y")])
        if part:
            dm.extra["part"] = _EN_YEAR_PARTS_FOLDED[re.sub(r"\s+", " ", part.group("part").lower())]
            if dm.extra["part"][0] in "QH" and free(window + part.start("part"), mt.start("y")):
                dm.start = window + part.start("part")   # the claim quotes its quarter: 'Q3 2025'
        add(dm)


# a clock reading after one of these words is a time taken ('won in 2:00:35'), read by the quantities
_CLOCK_CUES = load("en", "units")["clock_durations"]["before"]
_CLOCK_CUE_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?:%s)|%s)[ ]{0,2}$" % (
    "|".join(re.escape(w).replace("\\ ", " ") for w in longest_first([w for w in _CLOCK_CUES if w.isascii()])),
    "|".join(re.escape(w) for w in longest_first([w for w in _CLOCK_CUES if not w.isascii()]))), re.I)


_SECOND_FRACTION = re.compile(r"\.\d")


def clock_duration(text: str, start: int) -> bool:
    """Does a clock reading at `start` state a time taken rather than a time of day?"""
    return _CLOCK_CUE_BEFORE.search(text, max(0, start - 12), start) is not None


def _times_pass(text: str, found: list[DateMention], taken: bytearray, free: Callable[[int, int], bool]) -> None:
    """Clock times: joined to the date they are written with ('4日15时', 'Feb. 4 13:00', '6 p.m. on
    Tuesday'), else a mention of their own with only the time (year, month and day unknown)."""
    # mentions by where they start and end, so a time finds its neighbours without a scan of all of them
    by_start: dict[int, list[int]] = {}
    by_end: dict[int, list[int]] = {}
    for i, dm in enumerate(found):
        by_start.setdefault(dm.start, []).append(i)
        by_end.setdefault(dm.end, []).append(i)
    alone: list[DateMention] = []

    def move(i: int, start: int, end: int) -> None:
        dm = found[i]
        by_start[dm.start].remove(i)
        by_end[dm.end].remove(i)
        dm.start, dm.end = start, end
        by_start.setdefault(start, []).append(i)
        by_end.setdefault(end, []).append(i)

    def mark(s: int, e: int) -> None:
        for j in range(s, e):
            taken[j] = 1

    def join_near(s: int, e: int, time: str, tz: str) -> bool:
        """Give the time to a date without one written just before or after it ('Feb 4 at 6 p.m.')."""
        cands = sorted({i for p in range(e, e + 9) for i in by_start.get(p, ())}
                       | {i for p in range(s - 8, s + 1) for i in by_end.get(p, ())})
        for i in cands:
            dm = found[i]
            gap = text[e:dm.start] if dm.start >= e else text[dm.end:s]
            if 0 <= len(gap) <= 8 and _TIME_GAP.fullmatch(gap) and not dm.time and dm.day is not None:
                dm.time = time
                dm.tz = tz or dm.tz
                move(i, min(dm.start, s), max(dm.end, e))
                mark(dm.start, dm.end)
                return True
        return False

    # clock times (13:00:05) are not figures of their own
    scan = _Scanner(text)
    for mt in scan.near(_CLOCK, _A_COLON, _SEPARATOR_REACH):
        if mt.group(0).count(":") == 2 and clock_duration(text, mt.start()) or _SECOND_FRACTION.match(text, mt.end()):
            continue   # 'won in 2:00:35', '3:58.85': a time taken, read by the quantities
        if free(*mt.span()) and not _CLOCK_NOT_BEFORE.match(text, mt.end(), mt.end() + 5):
            near = sorted(i for e in range(mt.start() - 2, mt.start() + 1) for i in by_end.get(e, ()))
            joined = False
            for i in near:
                dm = found[i]
                if not dm.time:
                    dm.time = mt.group(0)[:5]
                    move(i, dm.start, mt.end())
                    joined = True
            h, mi = int(mt.group(0).split(":")[0]), int(mt.group(0).split(":")[1])
            if not joined:
                joined = join_near(mt.start(), mt.end(), f"{h:02d}:{mi:02d}", "")
            if not joined and h <= 24 and mi < 60 and not RATIO_BEFORE.search(text, max(0, mt.start() - 12), mt.start()):
                alone.append(DateMention(mt.start(), mt.end(), None, None, None, time=f"{h:02d}:{mi:02d}"))
            mark(mt.start(), mt.end())
    # English times glued to a date mention: '6 p.m. on Tuesday', '1847 GMT Tuesday'
    for mt in scan.near(EN_TIME, _A_EN_TIME, 12):
        if not free(*mt.span()):
            continue
        if mt.group("ap"):
            h = int(mt.group("h"))
            mi = int(mt.group("mi") or 0)
            if h > 12 or mi > 59:
                continue
            ap = mt.group("ap").lower().replace(".", "")
            h = (h % 12) + (12 if ap == "pm" else 0)
            tz = EN_TIME_ZONES[mt.group("tz2")] if mt.group("tz2") else ""
        else:
            h, mi, tz = int(mt.group("hh")), int(mt.group("mm")), EN_TIME_ZONES[mt.group("tz")]
        if not join_near(mt.start(), mt.end(), f"{h:02d}:{mi:02d}", tz):
            alone.append(DateMention(mt.start(), mt.end(), None, None, None, time=f"{h:02d}:{mi:02d}", tz=tz))
            mark(mt.start(), mt.end())
    # Chinese times alone: 15时50分, 下午3点, 3点半
    for mt in scan.near(ZH_CLOCK, _A_ZH_CLOCK, 16):
        if not free(*mt.span()):
            continue
        arabic = mt.group("h").isdigit()
        if not (mt.group("part") or arabic or mt.group("u") in "时時" and mt.group("mi")):
            continue  # 三点 may be three points, 一点十分 'a bit, very', 一时 'for a while'
        if mt.group("u") in "点點" and not (mt.group("part") or mt.group("mi") or mt.group("half")):
            continue  # 3点 alone may be three points
        h = _zn(mt.group("h"))
        mi = 30 if mt.group("half") else (_zn(mt.group("mi")) if mt.group("mi") else 0)
        if h is None or h > 24 or mi is None or mi > 59:
            continue
        h = _on_dial(h, mt.group("part"))
        # a zone named right before the time alone: 于北京时间15时42分 (as ZH_D reads 北京时间10日)
        zone = _ZH_TZ_BEFORE.search(text, max(0, mt.start() - 12), mt.start())
        alone.append(DateMention(mt.start(), mt.end(), None, None, None, time=f"{h:02d}:{mi:02d}",
                                 tz=ZH_TIME_ZONES[zone.group(1)] if zone else ""))
        mark(mt.start(), mt.end())
    found.extend(alone)
