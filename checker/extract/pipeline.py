"""Extract every claim of a document, with offsets into its decoded text."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ..glossary import Glossary
from ..lexicon import en_terms, zh_terms
from ..model import Claim, Document, fmt_decimal
from ..segment import clauses, sentences
from ..textnorm import fold_width
from .dates import extract_dates
from .identifiers import extract_identifiers
from .names import extract_names
from .quantities import Quantity, extract_quantities

_URL = re.compile(r"https?://\S{1,2000}|www\.\S{1,2000}|\b[\w-]{1,63}(?:\.[\w-]{1,63})*\.(?:com|org|net|gov|edu|cn|io|co|uk|kr)(?:/\S{0,2000})?")
_RANGE_SEP = re.compile(r"\s?(?:-|~|～|至|到|to|and)\s?$")


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Join 'A-B', 'A到B', 'A to B' (same kind, or a bare first figure) into one range claim."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            between = text[a.end:b.start]
            before = text[max(0, a.start - 6):a.start]
            if (len(between) <= 5 and re.fullmatch(r"\s?(?:-|~|至|到|to)\s?", between)
                    and (a.kind == "number" or (a.kind == b.kind and a.unit == b.unit))
                    and b.kind in ("money", "percent", "count", "measure", "number")
                    and not re.search(r"(从|由|from)\s?\S{0,3}$", before)
                    and not (a.kind == "number" and a.figure.isdigit() and b.figure.isdigit() and len(a.figure) == 4 and len(b.figure) == 4)):
                lo = a.num
                if a.kind == "number" and b.scale_word and not a.scale_word and b.num > 0:
                    lo = a.num * (b.num / (b.num / (Decimal(1) if not b.figure else 1)))  # placeholder, refined below
                    try:
                        lo = a.num * (b.num / Decimal(b.figure.replace(",", "")))
                    except Exception:
                        lo = a.num
                elif a.kind == "number" and b.kind == "percent":
                    lo = a.num
                if lo <= b.num:
                    b.start = a.start
                    b.low, b.high, b.qualifier = lo, b.num, "range"
                    out.append(b)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_AFTER_DOWN = re.compile(r"\s?(?:below|lower|down|less than (?:usual|normal|average|expected)|smaller|drier|fewer|decline|drop|fall|cut)\b|的?(?:降幅|跌幅|减幅)")
_AFTER_UP = re.compile(r"\s?(?:above|higher|up|more than (?:usual|normal|average|expected)|larger|wetter|heavier|increase|rise|gain|jump)\b|的?(?:涨幅|增幅|升幅)")


def _direction_after(text: str, end: int) -> int:
    """A direction stated right after a change: '30 percent below normal', '4.1%的降幅'."""
    if _AFTER_DOWN.match(text, end):
        return -1
    if _AFTER_UP.match(text, end):
        return 1
    return 0


def _quantity_value(q: Quantity) -> str:
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return f"{fmt_decimal(q.low)}-{fmt_decimal(q.high)}"
    return fmt_decimal(q.num) or ""


def extract_document(doc: Document, glossary: Glossary | None = None) -> list[Claim]:
    """Claims of one document, sorted by position."""
    view = fold_width(doc.view or doc.text)
    taken = bytearray(len(view))
    for m in _URL.finditer(view):
        for i in range(m.start(), m.end()):
            taken[i] = 1
    claims: list[Claim] = []
    names = extract_names(view, doc.lang, glossary)
    for nm in names:
        for i in range(nm.start, nm.end):
            taken[i] = 1
    for dm in extract_dates(view, doc.date, taken):
        c = Claim(doc=doc.doc, lang=doc.lang, kind="date", start=dm.start, end=dm.end, text="", value=dm.iso(),
                  resolved=dm.resolved, alt=dm.alt, date_parts=(dm.year, dm.month, dm.day), time=dm.time, tz=dm.tz,
                  weekday=dm.weekday)
        claims.append(c)
    for im in extract_identifiers(view, taken):
        value = im.noun if im.unit == "designator" else str(im.number)
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind="identifier", start=im.start, end=im.end, text="",
                            value=value, unit=im.unit, num=Decimal(im.number), ordinal=im.ordinal, noun=im.noun))
    qs = _merge_ranges(view, extract_quantities(view, taken))
    for q in qs:
        direction = q.direction or _direction_after(view, q.end)
        value, low, high = _quantity_value(q), q.low, q.high
        if q.kind == "percent" and direction < 0 and q.qualifier != "range":
            # a fall is a negative change: 'fell 0.8%' is -0.8 (%), so it differs from 'rose 0.8%'
            value = "-" + value
            low, high = (-high if high is not None else None), (-low if low is not None else None)
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind=q.kind, start=q.start, end=q.end, text="",
                            value=value, unit=q.unit, low=low, high=high, num=q.num,
                            qualifier=q.qualifier, scale_word=q.scale_word, figure=q.figure, noun=q.noun,
                            si=q.si, dimension=q.dimension, direction=direction))
    for nm in names:
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind="name", start=nm.start, end=nm.end, text="",
                            value=nm.canonical, unit="", noun=nm.source, extra={"entity": nm.entity}))
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    _annotate(doc, view, claims)
    return claims


def sentence_terms(text: str, lang: str) -> list[str]:
    return zh_terms(text) + en_terms(text) if any("\u4e00" <= ch <= "\u9fff" for ch in text) else en_terms(text)


_ANAPHORA = re.compile(r"^\s*(这一|这个|该|此|其|这|It\b|This\b|That\b|The figure|The rate|The share)", re.I)


def _annotate(doc: Document, view: str, claims: list[Claim]) -> None:
    """Text, line, sentence index and subject terms of every claim."""
    newlines = [i for i, ch in enumerate(doc.text) if ch == "\n"]
    sents = sentences(view)
    starts = [s for s, _ in sents]
    doc_sents = getattr(doc, "_sentences", None)
    term_cache: dict[int, frozenset[str]] = {}

    def terms_of(i: int) -> frozenset[str]:
        if i not in term_cache:
            s, e = sents[i]
            term_cache[i] = frozenset(sentence_terms(view[s:e], doc.lang))
        return term_cache[i]

    for c in claims:
        c.text = doc.text[c.start:c.end]
        c.line = bisect.bisect_right(newlines, c.start - 1) + 1 if c.start else 1
        si = max(0, bisect.bisect_right(starts, c.start) - 1)
        c.sent = si
        if not sents:
            continue
        s, e = sents[si]
        terms = set(terms_of(si))
        # the clause holding the claim says most about its subject
        clause = next(((cs, ce) for cs, ce in clauses(view, s, e) if cs <= c.start < ce), (s, e))
        c.extra["clause_terms"] = frozenset(sentence_terms(view[clause[0]:clause[1]], doc.lang))
        c.extra["clause"] = clause
        c.extra["sentence"] = (s, e)
        if si > 0 and _ANAPHORA.match(view[s:e]):
            terms |= terms_of(si - 1)
        c.terms = frozenset(terms)
    _ = doc_sents
