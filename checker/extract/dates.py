"""Dates in Chinese and English, resolved against the document date (DESIGN §2 normalize)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..numerals import parse_zh
from ..resources import load, longest_first

_ZH = load("zh", "dates")
_EN = load("en", "dates")
EN_MONTHS: dict[str, int] = dict(_EN["months"])
EN_WEEKDAYS: dict[str, int] = dict(_EN["weekdays"])
ZH_WEEKDAYS: dict[str, int] = dict(_ZH["weekdays"])
ZH_REL_DAYS: dict[str, int] = dict(_ZH["relative_days"])
EN_REL_DAYS: dict[str, int] = dict(_EN["relative_days"])
ZH_REL_YEARS: dict[str, int] = dict(_ZH["relative_years"])
EN_REL_YEARS: dict[str, int] = dict(_EN["relative_years"])
ZH_REL_MONTHS: dict[str, int] = dict(_ZH["relative_months"])
EN_REL_MONTHS: dict[str, int] = dict(_EN["relative_months"])
ZH_WEEK_PREFIX: dict[str, int] = dict(_ZH["week_prefix"])
FUTURE = list(_ZH["future_markers"]) + list(_EN["future_markers"])

_ZN = r"[0-9零〇○一二三四五六七八九十两]"
_MONTH_NAMES = "|".join(sorted((m for m in EN_MONTHS if len(m) > 3 or m in ("may",)), key=len, reverse=True))
_MONTH_ABBR = "|".join(m for m in EN_MONTHS if len(m) <= 4 and m != "may")
_MON = rf"(?:(?:{_MONTH_NAMES})|(?:{_MONTH_ABBR})\.?)"
_WD = "|".join(sorted(EN_WEEKDAYS, key=len, reverse=True))

ZH_FULL = re.compile(rf"(?P<y>\d{{4}}|[零〇○一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_ZN}{{1,3}})\s*月(?:\s*(?P<d>{_ZN}{{1,3}})\s*[日号號])?")
ZH_MD = re.compile(rf"(?P<m>{_ZN}{{1,3}})\s*月\s*(?P<d>{_ZN}{{1,3}})\s*[日号號]")
ZH_D = re.compile(rf"(?P<pre>当地时间|北京时间|美国东部时间|东部时间|格林尼治时间|UTC\s*|本月|同月|当月)?(?P<d>\d{{1,2}}|[一二三]?十?[一二三四五六七八九十])\s*[日号號]")
ZH_YEAR = re.compile(r"(?P<y>(?:1[5-9]|20)\d\d)\s*年(?![代度级])")
ZH_MONTH = re.compile(rf"(?P<rel>今年|去年|明年|前年)?(?P<m>{_ZN}{{1,3}})\s*月(?:份|底|初|中旬|上旬|下旬|末)?")
ZH_TIME = re.compile(r"\s*(?P<part>凌晨|早上|上午|中午|下午|晚上|傍晚|夜间)?\s*(?P<h>\d{1,2}|[零一二三四五六七八九十]{1,3})\s*(?:时|点|點)(?:\s*(?P<mi>\d{1,2}|半|[零一二三四五六七八九十]{1,3})\s*分?)?")
ZH_WEEK = re.compile(r"(?P<pre>上上|上|下|本|这|這)?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])")
ZH_RELDAY = re.compile("|".join(longest_first(ZH_REL_DAYS)))

EN_MDY = re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)
EN_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)
EN_MY = re.compile(rf"\b(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I)
EN_ISO = re.compile(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b")
EN_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
EN_WEEKDAY = re.compile(rf"\b(?:(?P<rel>last|next|this|on|since|by|until|from)\s+)?(?P<w>{_WD})\b\.?", re.I)
EN_RELDAY = re.compile(r"\b(?:the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)\b", re.I)
EN_RELPERIOD = re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>month|year)\b", re.I)
EN_YEAR = re.compile(r"\b(?P<pre>in|from|since|by|until|of|for|during|early|late|mid|before|after|year|fiscal|end of|spring|summer|autumn|fall|winter|half of)\s+(?P<y>(?:1[5-9]|20)\d\d)\b(?![-/,.]\d)", re.I)
EN_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?![A-Za-z])|\b(?P<hh>[01]\d|2[0-3]):?(?P<mm>[0-5]\d)\s*(?P<tz>GMT|UTC|BST|EST|EDT|CET|KST|JST)\b", re.I)


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
    extra: dict = field(default_factory=dict)

    def iso(self) -> str:
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
    if s is None:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "零〇○一二三四五六七八九" for c in s):
        v = parse_zh(s)
    else:
        v = parse_zh(s)
    return int(v) if v is not None else None


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


_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n]")


def _future_context(text: str, start: int, end: int) -> bool:
    """Does the clause around a date look forward (将于, will, is due)?"""
    left = text[max(0, start - 30):start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    left = left[cut:]
    right = text[end:min(len(text), end + 20)]
    rm = _CLAUSE_BREAK.search(right)
    right = right[:rm.start()] if rm else right
    window = left[-12:] + " " + right
    return any(mk in window for mk in FUTURE)


def _year_context(text: str, start: int, ref: dt.date) -> int | None:
    """A year stated nearby: 今年/去年/this year/last year, or a full date in the same sentence."""
    window = text[max(0, start - 30):start]
    for k, off in list(ZH_REL_YEARS.items()) + list(EN_REL_YEARS.items()):
        if k in window:
            return ref.year + off
    return None


def resolve_month_day(m: int, d: int | None, ref: dt.date | None, future: bool, year_hint: int | None) -> tuple[int | None, str]:
    """The year of a month-day without one: context first, else the candidate nearest the document
    date, with a bias for the past (news reports events that happened) unless the clause looks forward."""
    if year_hint is not None:
        return year_hint, "context"
    if ref is None:
        return None, ""
    best, best_score = None, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(y, m, d or 15)
        except ValueError:
            continue
        delta = (cand - ref).days
        if future:
            score = abs(delta) * (3 if delta < -1 else 1)
        else:
            score = abs(delta) * (2.0 if delta > 0 else 1)
        if best_score is None or score < best_score:
            best, best_score = y, score
    return best, "document-date"


def resolve_day(d: int, ref: dt.date | None, future: bool) -> tuple[int | None, int | None]:
    """当地时间4日: the document's month, unless that is after the publication date (then the month before)."""
    if ref is None:
        return None, None
    y, m = ref.year, ref.month
    if d > ref.day and not future:
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    elif d < ref.day and future and ref.day - d > 15:
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return y, m


def resolve_weekday(w: int, ref: dt.date, rel: str, future: bool) -> dt.date:
    """The date of a named weekday: 上周五 (last week's Friday), on Tuesday (the nearest, past first)."""
    monday = ref - dt.timedelta(days=ref.weekday())
    if rel in ("上", "last"):
        if rel == "last" and w < ref.weekday():
            # 'last Tuesday' said on a Thursday usually means two days ago
            return ref - dt.timedelta(days=ref.weekday() - w)
        return monday - dt.timedelta(days=7) + dt.timedelta(days=w)
    if rel == "上上":
        return monday - dt.timedelta(days=14) + dt.timedelta(days=w)
    if rel in ("下", "next"):
        return monday + dt.timedelta(days=7 + w)
    if rel in ("本", "这", "這", "this"):
        return monday + dt.timedelta(days=w)
    back = (ref.weekday() - w) % 7
    if future and back != 0:
        return ref + dt.timedelta(days=7 - back)
    return ref - dt.timedelta(days=back)


def _attach_time(text: str, m: DateMention, zh: bool) -> None:
    if zh:
        t = ZH_TIME.match(text, m.end)
        if t and (t.group("mi") or t.group("part") or text[t.end():t.end() + 1] in "，,起前后许左" or True):
            h = _zn(t.group("h"))
            mi = 30 if t.group("mi") == "半" else (_zn(t.group("mi")) if t.group("mi") else 0)
            if h is not None and h <= 24 and (mi or 0) < 60:
                if t.group("part") in ("下午", "晚上", "傍晚") and h < 12:
                    h += 12
                m.time = f"{h:02d}:{mi or 0:02d}"
                m.end = t.end()


def extract_dates(text: str, ref: dt.date | None, taken: bytearray) -> list[DateMention]:
    """Date mentions in a width-folded text; marks their spans in `taken`."""
    found: list[DateMention] = []

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(mention: DateMention) -> None:
        found.append(mention)
        for i in range(mention.start, mention.end):
            taken[i] = 1

    # --- Chinese
    for rx in (ZH_FULL,):
        for mt in rx.finditer(text):
            y, mo, d = _zn(mt.group("y")), _zn(mt.group("m")), _zn(mt.group("d"))
            if _valid(y, mo, d) and free(*mt.span()):
                dm = DateMention(mt.start(), mt.end(), y, mo, d)
                _attach_time(text, dm, True)
                add(dm)
    for mt in ZH_MD.finditer(text):
        mo, d = _zn(mt.group("m")), _zn(mt.group("d"))
        if mo is None or d is None or not _valid(None, mo, d) or not free(*mt.span()):
            continue
        if mt.start() and text[mt.start() - 1].isdigit():
            continue
        fut = _future_context(text, mt.start(), mt.end())
        y, how = resolve_month_day(mo, d, ref, fut, _year_context(text, mt.start(), ref) if ref else None)
        dm = DateMention(mt.start(), mt.end(), y, mo, d, resolved=how if how == "document-date" else "")
        _attach_time(text, dm, True)
        add(dm)
    for mt in ZH_D.finditer(text):
        d = _zn(mt.group("d"))
        s = mt.start()
        if d is None or not 1 <= d <= 31 or not free(s, mt.end()):
            continue
        prev = text[s - 1:s] if s else ""
        if prev and (prev.isdigit() or prev in "月第每") or (prev and not mt.group("pre") and prev not in "于在至到（(，,、 \n"):
            continue
        fut = _future_context(text, s, mt.end())
        y, mo = resolve_day(d, ref, fut)
        dm = DateMention(s, mt.end(), y, mo, d, resolved="document-date" if y else "")
        if mt.group("pre") and "时间" in (mt.group("pre") or ""):
            dm.tz = {"北京时间": "Asia/Shanghai", "美国东部时间": "America/New_York", "东部时间": "America/New_York",
                     "格林尼治时间": "UTC"}.get(mt.group("pre"), "local")
        _attach_time(text, dm, True)
        add(dm)
    for mt in ZH_WEEK.finditer(text):
        if not free(*mt.span()) or ref is None:
            continue
        w = ZH_WEEKDAYS.get("周" + mt.group("w"))
        if w is None:
            continue
        day = resolve_weekday(w, ref, mt.group("pre") or "", _future_context(text, mt.start(), mt.end()))
        dm = DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w)
        _attach_time(text, dm, True)
        add(dm)
    for mt in ZH_RELDAY.finditer(text):
        if not free(*mt.span()) or ref is None:
            continue
        day = ref + dt.timedelta(days=ZH_REL_DAYS[mt.group(0)])
        dm = DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date")
        add(dm)
    for mt in ZH_YEAR.finditer(text):
        if free(*mt.span()) and not (mt.start() and text[mt.start() - 1].isdigit()):
            add(DateMention(mt.start(), mt.end(), int(mt.group("y")), None, None))
    for mt in ZH_MONTH.finditer(text):
        if not free(*mt.span()) or (mt.start() and text[mt.start() - 1].isdigit()):
            continue
        mo = _zn(mt.group("m"))
        if mo is None or not 1 <= mo <= 12:
            continue
        rel = mt.group("rel")
        y: int | None
        if rel and ref:
            y = ref.year + ZH_REL_YEARS[rel]
            how = "document-date"
        else:
            # 个月 is a duration, not a month name
            if text[mt.start() - 1:mt.start()] in ("个", "個") or (mt.start() and text[mt.start() - 1] in "几数前"):
                continue
            if not rel and len(mt.group("m")) == 1 and mt.group("m") in "一两" and text[mt.end():mt.end() + 1] not in "份底初末":
                continue
            y, how = resolve_month_day(mo, None, ref, _future_context(text, mt.start(), mt.end()), None)
        add(DateMention(mt.start(), mt.end(), y, mo, None, resolved=how))
    # --- English
    for rx in (EN_ISO,):
        for mt in rx.finditer(text):
            y, mo, d = int(mt.group("y")), int(mt.group("m")), int(mt.group("d"))
            if _valid(y, mo, d) and free(*mt.span()):
                add(DateMention(mt.start(), mt.end(), y, mo, d))
    for mt in EN_NUMERIC.finditer(text):
        if not free(*mt.span()):
            continue
        a, b, y = int(mt.group("a")), int(mt.group("b")), int(mt.group("y"))
        if y < 100:
            y += 2000
        readings = [(a, b), (b, a)] if a != b else [(a, b)]
        ok = [(mo, d) for mo, d in readings if _valid(y, mo, d)]
        if not ok:
            continue
        first = DateMention(mt.start(), mt.end(), y, ok[0][0], ok[0][1])
        if len(ok) > 1:
            other = DateMention(0, 0, y, ok[1][0], ok[1][1])
            first.alt = (other.iso(),)
        add(first)
    for rx, has_year_group in ((EN_MDY, True), (EN_DMY, True)):
        for mt in rx.finditer(text):
            if not free(*mt.span()):
                continue
            mon_word = mt.group("mon").rstrip(".").lower()
            if mon_word == "may" and not re.match(r"May\b", mt.group("mon")):
                continue  # 'may' as a verb
            if mon_word in ("mar", "jan", "jun", "jul", "dec", "sep", "oct", "nov", "aug", "apr", "feb", "sun", "sat") and \
                    mt.group("mon")[0].islower():
                continue
            mo = EN_MONTHS[mon_word]
            d = int(mt.group("d"))
            y = int(mt.group("y")) if mt.group("y") else None
            if not _valid(y, mo, d):
                continue
            how = ""
            if y is None:
                y, how = resolve_month_day(mo, d, ref, _future_context(text, mt.start(), mt.end()),
                                           _year_context(text, mt.start(), ref) if ref else None)
                how = "document-date" if how == "document-date" else ""
            add(DateMention(mt.start(), mt.end(), y, mo, d, resolved=how))
    for mt in EN_MY.finditer(text):
        if not free(*mt.span()):
            continue
        mon_word = mt.group("mon").rstrip(".").lower()
        if mon_word == "may" and not mt.group("mon").startswith("May"):
            continue
        add(DateMention(mt.start(), mt.end(), int(mt.group("y")), EN_MONTHS[mon_word], None))
    for mt in EN_WEEKDAY.finditer(text):
        if not free(*mt.span()) or ref is None:
            continue
        word = mt.group("w")
        if not word[0].isupper():
            continue
        w = EN_WEEKDAYS[word.lower().rstrip(".")]
        rel = (mt.group("rel") or "").lower()
        day = resolve_weekday(w, ref, rel if rel in ("last", "next", "this") else "",
                              _future_context(text, mt.start(), mt.end()))
        s = mt.start("w") if rel not in ("last", "next", "this") else mt.start()
        add(DateMention(s, mt.end(), day.year, day.month, day.day, resolved="document-date", weekday=w))
    for mt in EN_RELDAY.finditer(text):
        if not free(*mt.span()) or ref is None:
            continue
        day = ref + dt.timedelta(days=EN_REL_DAYS[mt.group(0).lower()])
        add(DateMention(mt.start(), mt.end(), day.year, day.month, day.day, resolved="document-date"))
    for mt in EN_RELPERIOD.finditer(text):
        if not free(*mt.span()) or ref is None:
            continue
        rel, unit = mt.group("rel").lower(), mt.group("unit").lower()
        off = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "year":
            add(DateMention(mt.start(), mt.end(), ref.year + off, None, None, resolved="document-date"))
        else:
            mo = ref.month + off
            y = ref.year + (mo - 1) // 12
            mo = (mo - 1) % 12 + 1
            add(DateMention(mt.start(), mt.end(), y, mo, None, resolved="document-date"))
    for mt in EN_YEAR.finditer(text):
        if free(mt.start("y"), mt.end("y")):
            add(DateMention(mt.start("y"), mt.end("y"), int(mt.group("y")), None, None))
    # clock times (13:00:05) are not figures of their own
    for mt in re.finditer(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])", text):
        if free(*mt.span()) and not re.match(r"\s*(?:GMT|UTC|a\.?m|p\.?m)", text[mt.end():mt.end() + 5], re.I):
            for dm in found:
                if 0 <= mt.start() - dm.end <= 2 and not dm.time:
                    dm.time = mt.group(0)[:5]
                    dm.end = mt.end()
            for i in range(mt.start(), mt.end()):
                taken[i] = 1
    # English times glued to a date mention: '6 p.m. on Tuesday', '1847 GMT Tuesday'
    for mt in EN_TIME.finditer(text):
        if not free(*mt.span()):
            continue
        if mt.group("ap"):
            h = int(mt.group("h"))
            mi = int(mt.group("mi") or 0)
            if h > 12:
                continue
            ap = mt.group("ap").lower().replace(".", "")
            h = (h % 12) + (12 if ap == "pm" else 0)
            tz = ""
        else:
            h, mi, tz = int(mt.group("hh")), int(mt.group("mm")), mt.group("tz").upper()
        for dm in found:
            gap = text[mt.end():dm.start] if dm.start >= mt.end() else text[dm.end:mt.start()]
            if 0 <= len(gap) <= 8 and re.fullmatch(r"[\s,]*(?:on|local time)?[\s,]*", gap):
                dm.time = f"{h:02d}:{mi:02d}"
                dm.tz = tz or dm.tz
                dm.start, dm.end = min(dm.start, mt.start()), max(dm.end, mt.end())
                for i in range(dm.start, dm.end):
                    taken[i] = 1
                break
        else:
            if tz:
                for i in range(mt.start(), mt.end()):
                    taken[i] = 1
    found.sort(key=lambda m: m.start)
    return found
