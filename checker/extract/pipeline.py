"""Extract every claim of a document, with offsets into its decoded text."""

from __future__ import annotations

import bisect
import operator
import re
from decimal import Decimal

from ..gcpause import gc_paused
from ..glossary import Glossary
from ..lexicon import SentenceTerms, lemma, term_groups
from ..model import Claim, Document, fmt_decimal
from ..resources import load
from ..segment import clauses, sentences
from ..textnorm import entity_start, fold_width
from .dates import extract_dates
from .identifiers import extract_identifiers
from .multipliers import also_reads, extract_multipliers
from .names import extract_names
from .per_unit import per_unit
from .quantities import Quantity, direction_after, extract_quantities
from .scan import finditer as fast_finditer

# a bare domain may only start where no word, dot or hyphen precedes: with \b, every dot of
# "U.S.U.S.…" started a new attempt that rescanned the rest (quadratic)
_URL = re.compile(r"https?://\S{1,2000}|www\.\S{1,2000}|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63})*\.(?:com|org|net|gov|edu|cn|io|co|uk|kr)(?:/\S{0,2000})?")
# what every URL holds (the scheme, www. or a dot and a top-level domain): a cheap test of a text
# before the full pattern, which no first character can gate (\w) and so is tried at every position
_URL_HINT = re.compile(r"https?://|www\.|\.(?:com|org|net|gov|edu|cn|io|co|uk|kr)")
# telephone numbers are no figures: +1-222-2222-2222, +86 10 6512 3456, (212) 555-0134,
# 212-555-0134, 010-65123456 (their digit groups would read as ranges and fractions)
_PHONE = re.compile(r"(?<![0-9A-Za-z_+])\+\d{1,3}(?:[ /-]?\(\d{2,4}\)|[ /-]\d{2,5}){3,6}(?![.,]?[0-9A-Za-z_])"
                    r"|(?<![0-9A-Za-z_.,/+-])(?:\(\d{3}\) ?|\d{3}-)\d{3}-\d{4}(?![0-9A-Za-z_-])"
                    r"|(?<![0-9A-Za-z_.,/+-])0\d{2,3}-\d{7,8}(?![0-9A-Za-z_-])")
_RANGE_SEP = re.compile(r"\s?(?:-|~|～|至|到|to|and)\s?$")
_RATE_JOINER = re.compile(r"[ ]?(?:%s)[ ]?" % "|".join(map(re.escape, load("zh", "currencies")["rate_joiners"]["words"])))
_RATE_BASE_AMOUNTS = (Decimal(1), Decimal(100))


def _rate_bases(view: str, qs: list[Quantity]) -> set[int]:
    """The bases of exchange rates (zh currencies.toml [rate_joiners]): of two amounts of money
    joined by 兑, the one of 1 (or 100) units, before it or after it (1美元兑152日元, 157.86日元兑1美元,
    100日元兑4.8元): one unit of a currency, not a sum the text states."""
    out: set[int] = set()
    for a, b in zip(qs, qs[1:]):
        if a.kind == b.kind == "money" and _RATE_JOINER.fullmatch(view, a.end, b.start):
            base = a if a.num in _RATE_BASE_AMOUNTS else b if b.num in _RATE_BASE_AMOUNTS else None
            if base is not None:
                out.add(id(base))
    return out


# the number inside a stock index's name (zh numbers.toml [index_names]): glued to a name before it
_INDEX_NAME_NUMBER = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\d{1,4}(?=%s)" % "|".join(
    map(re.escape, load("zh", "numbers")["index_names"]["words"])))

# an incident named by its month and day, in quotes: “6·14”较大爆炸事故, “7·23”甬温线事故, the "6.14"
# explosion. The label is a name, not figures (6 and 14, nor the decimal 6.14)
_DATE_LABEL = re.compile(r"(?<=[“\"「『‘'])(?:1[0-2]|0?[1-9])[·・.．•](?:3[01]|[12]\d|0?[1-9])(?=[”\"」』’'])")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _range_tables():
    from ..resources import load
    zh, en = load("zh", "qualifiers")["range"], load("en", "qualifiers")["range"]
    between = re.compile(rf"\s{{0,2}}(?:{_alternation(zh['between'])})\s{{0,2}}|\s(?:{_alternation(en['between'])})\s")
    between_end = re.compile(rf"\s{{0,2}}(?:{_alternation(zh['between_end'])})")
    between_start = re.compile(rf"(?:{_alternation(en['between_start'])})\s{{1,2}}$", re.I)
    joiners = re.compile(rf"\s{{0,2}}(?:(?:{_alternation(zh['bound_joiners'] + en['bound_joiners'])})\s{{0,2}})?")
    change = re.compile(rf"(?:{_alternation(zh['change_verbs'])})|\b(?:{_alternation(en['change_verbs'])})\b", re.I)
    # a change verb right before the first figure: 'fell 26 cents to $108.58', '上涨5%至100亿元'
    change_before = re.compile(rf"(?:(?:{_alternation(zh['change_verbs'])})了?\s{{0,2}}"
                               rf"|\b(?:{_alternation(en['change_verbs'])})(?:\s{{1,2}}by)?\s{{1,2}})$", re.I)
    return between, between_end, between_start, joiners, change, change_before


_BETWEEN, _BETWEEN_END, _BETWEEN_START, _BOUND_JOINERS, _CHANGE_VERB, _CHANGE_VERB_BEFORE = _range_tables()
_TO_WORDS = frozenset({"to", "至", "到"})
_ZH_TO_WORDS = frozenset(w for w in _TO_WORDS if not w.isascii())
_FORECAST_CUE = re.compile("|".join(map(re.escape, load("zh", "qualifiers")["range"]["forecast_cues"])))
_LOWER_BOUNDS = ("over", "min")
_UPPER_BOUNDS = ("under", "max")


_RANGE_DASH = re.compile(r"\s{0,2}(?:-|~|至|到|to|through|thru)\s{0,2}")
# where a change started, a word or two before a range's first figure: 从90%降到60%, 'rose from 5% to 7%'
_FROM_BEFORE = re.compile(r"(?:%s|\b(?:%s))\s?\S{0,3}$" % (
    "|".join(map(re.escape, load("zh", "qualifiers")["level_before"]["from"])),
    "|".join(map(re.escape, load("en", "qualifiers")["level_before"]["from"]))))


def _is_year(q: Quantity) -> bool:
    """A bare four-digit figure that reads as a year (1800-2199)."""
    return q.figure.isdigit() and len(q.figure) == 4 and 1800 <= int(q.figure) <= 2199


def _same_dimension(a: Quantity, b: Quantity) -> bool:
    return a.kind == "number" or b.kind == "number" or (a.kind == b.kind and a.unit == b.unit)


def _close_percents(a: Quantity, b: Quantity) -> bool:
    """Two percentages whose upper is at most twice the lower, both written as percent: joined by 至
    after a verb of change, in a forecast (a cue word around them, zh/qualifiers.toml), they are the
    range of the change (营收增长3%至5%的指引), not a change and the level it reached (利率上调0.25%至0.5%,
    no forecast): Chinese states a level in percent after a change in points
    (上升0.2个百分点至4.1%), or, written loosely, far above the change (上涨0.3%至4.2%). English
    'fell 2 percent to 3.5 percent' is a change and a level; its ranges say 'rise of 3% to 5%'."""
    return a.kind == b.kind == "percent" and a.unit == b.unit == "%" and 0 < a.num < b.num <= 2 * a.num


def _joined(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """One range claim from two neighbouring quantities, or None when they are not a range."""
    between = text[a.end:b.start]
    before = text[max(0, a.start - 12):a.start]
    if len(between) > 10 or not _same_dimension(a, b):
        return None
    lo_q = hi_q = None
    # bounds: 大于10小于20, 最多100最少20, more than 10 but less than 20
    if _BOUND_JOINERS.fullmatch(between) and a.qualifier and b.qualifier:
        if a.qualifier in _LOWER_BOUNDS and b.qualifier in _UPPER_BOUNDS:
            lo_q, hi_q = a, b
        elif a.qualifier in _UPPER_BOUNDS and b.qualifier in _LOWER_BOUNDS:
            lo_q, hi_q = b, a
        if lo_q is None or hi_q is None or lo_q.num > hi_q.num or lo_q.num == hi_q.num and (
                lo_q.qualifier == "over" or hi_q.qualifier == "under"):
            return None
        # strict bounds stay open: more than 10 and less than 20 = (10, 20)
        lo = lo_q.low if lo_q.qualifier == "over" and lo_q.low is not None else lo_q.num
        hi = hi_q.high if hi_q.qualifier == "under" and hi_q.high is not None else hi_q.num
    elif a.qualifier not in ("", "approx") or b.qualifier not in ("", "exact"):
        return None
    elif _RANGE_DASH.fullmatch(between) or (
            _BETWEEN.fullmatch(between) and (_BETWEEN_END.match(text, b.end) or _BETWEEN_START.search(before))):
        if a.qualifier and not _RANGE_DASH.fullmatch(between):
            return None
        m = _FROM_BEFORE.search(before)
        if m and _CHANGE_VERB.search(text, max(0, a.start - 30), b.end):
            return None  # 从90%降到60%, rose from 5% to 7%: a change, two values
        if a.kind == "number" and _is_year(a) and _is_year(b):
            return None  # 2020-2025: years
        if a.kind != "number" and between.strip().lower() in _TO_WORDS and not m and _CHANGE_VERB_BEFORE.search(text, max(0, a.start - 24), a.start) \
                and not (between.strip() in _ZH_TO_WORDS and _close_percents(a, b)
                         and _FORECAST_CUE.search(text, max(0, a.start - 40), min(len(text), b.end + 12))):
            # fell 26 cents to $108.58, 上涨5%至100亿元: a change, then the level reached (each with its
            # own unit; 'rose by 3 to 5 percent' is a range of the change)
            return None
        lo = a.num
        if a.kind == "number" and b.scale_word and not a.scale_word and b.num > 0:
            try:
                lo = a.num * (b.num / Decimal(b.figure.replace(",", "")))  # 5到10亿: the scale is shared
            except Exception:
                lo = a.num
        hi = b.num
        if lo > hi:
            return None
    else:
        return None
    keep = b if b.kind != "number" else a
    keep.start, keep.end = a.start, b.end
    if _BETWEEN_END.match(text, b.end) and between.strip() not in ("-", "~", "到", "至", "to"):
        keep.end = _BETWEEN_END.match(text, b.end).end()
    keep.low, keep.high, keep.qualifier = lo, hi, "range"
    if keep is a:
        keep.num = hi
    return keep


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Join 'A-B', 'A到B', 'A to B', 'A和B之间', 'between A and B' and paired bounds (大于10小于20)."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            merged = _joined(text, a, qs[i + 1])
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# a figure joined by a hyphen to the word after it and followed by a noun: 'a 15-storey block',
# 'a 10-member delegation'; the figure describes one thing instead of counting things
_COMPOUND = re.compile(r"-(?P<w>[A-Za-z]{3,20})\s{1,2}[A-Za-z]")


def _compound_word(text: str, q: Quantity) -> str:
    m = _COMPOUND.match(text, q.end) if q.kind == "number" else None
    return lemma(m.group("w").lower()) if m else ""


_SHOWN = Decimal("1e-10")


def _bound_shown(x: Decimal) -> str:
    """A range bound as written: an open bound (10 + 1e-12 of its precision) prints as 10."""
    r = x.quantize(_SHOWN) if abs(x) < Decimal("1e18") else x
    return fmt_decimal(r if abs(r - x) < abs(x) * Decimal("1e-9") or x == 0 else x) or ""


def _quantity_value(q: Quantity) -> str:
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return f"{_bound_shown(q.low)}-{_bound_shown(q.high)}"
    return fmt_decimal(q.num) or ""


def extract_document(doc: Document, glossary: Glossary | None = None) -> list[Claim]:
    """Claims of one document, sorted by position."""
    # the cycle collector paused: extraction allocates a few objects per figure and frees them or keeps
    # them without cycles, so a collection would only rescan the growing heap (a quarter of the time
    # on a text of many figures)
    with gc_paused():
        return _extract_document(doc, glossary)


def _extract_document(doc: Document, glossary: Glossary | None) -> list[Claim]:
    view = fold_width(doc.view or doc.text)
    taken = bytearray(len(view))
    rxs = (_URL, _PHONE, _DATE_LABEL) if _URL_HINT.search(view) else (_PHONE, _DATE_LABEL)
    for rx in rxs + (_INDEX_NAME_NUMBER,) * (doc.lang == "zh"):
        for m in fast_finditer(rx, view):
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    claims: list[Claim] = []
    names = extract_names(view, doc.lang, glossary)
    for nm in names:
        taken[nm.start:nm.end] = b"\x01" * (nm.end - nm.start)
    for dm in extract_dates(view, doc.date, taken, lang=doc.lang):
        span = dm.extra.pop("duration_span", None)
        if span is not None:
            # '10 years ago' is a date and a measure (10 yr): a translation may state either
            taken[span[0]:span[1]] = bytes(span[1] - span[0])
        c = Claim(doc=doc.doc, lang=doc.lang, kind="date", start=dm.start, end=dm.end, text="", value=dm.iso(),
                  resolved=dm.resolved, alt=dm.alt, date_parts=(dm.year, dm.month, dm.day), time=dm.time, tz=dm.tz,
                  weekday=dm.weekday, extra=dict(dm.extra))
        claims.append(c)
    for im in extract_identifiers(view, taken):
        value = im.noun if im.unit in ("designator", "code") else str(im.number)
        rank_range = {} if im.high is None else {"low": Decimal(im.number), "high": Decimal(im.high)}
        if im.high is not None:
            value = f"{im.number}-{im.high}"  # written like a range of numbers (10-15)
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind="identifier", start=im.start, end=im.end, text="",
                            value=value, unit=im.unit, num=Decimal(im.number), ordinal=im.ordinal, noun=im.noun, **rank_range))
    multiples = extract_multipliers(view, taken)
    qs = _merge_ranges(view, extract_quantities(view, taken)) + multiples
    bases = _rate_bases(view, qs)
    for q in qs:
        if bases and id(q) in bases:
            continue  # 1美元兑152日元: the base of an exchange rate
        direction = q.direction or direction_after(view, q.end)
        value, low, high = _quantity_value(q), q.low, q.high
        if q.kind == "percent" and direction < 0 and q.qualifier != "range" and not (q.extra and q.extra.get("level")):
            # a fall is a negative change: 'fell 0.8%' is -0.8 (%), so it differs from 'rose 0.8%'; the
            # level it fell to is not negative ('fell to 3.5%', 降至3.5%)
            value = "-" + value
            low, high = (-high if high is not None else None), (-low if low is not None else None)
        extra = {"article": True} if q.article else {}
        extra.update(q.extra or {})
        also = also_reads(view, q)        # 增长两倍: two or three times
        if also:
            extra["also"] = also
        word = _compound_word(view, q)    # 'a 15-storey block'
        if word:
            extra["compound"] = word
        per = per_unit(view, q.start, q.end, doc.lang, q.dimension) if q.kind in _PER_KINDS else None
        if per:
            extra["per"] = per            # 每公斤14.62元: a price per kilogram
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind=q.kind, start=q.start, end=q.end, text="",
                            value=value, unit=q.unit, low=low, high=high, num=q.num,
                            qualifier=q.qualifier, scale_word=q.scale_word, figure=q.figure, noun=q.noun,
                            si=q.si, dimension=q.dimension, direction=direction, extra=extra))
    for nm in names:
        claims.append(Claim(doc=doc.doc, lang=doc.lang, kind="name", start=nm.start, end=nm.end, text="",
                            value=nm.canonical, unit="", noun=nm.source, extra={"entity": nm.entity}))
    claims.sort(key=_POSITION)
    _annotate(doc, view, claims)
    return claims


_WORD = re.compile(r"[A-Za-z]+")


def _few_words(view: str, clause: tuple[int, int]) -> bool:
    """An English clause of a few words around its figure ('…per square metre, up 5.1 percent',
    'down 1.2 yuan from last year'): it takes its subject from the clause before, as a short
    Chinese one does."""
    return len(_WORD.findall(view, clause[0], clause[1])) <= 6


_POSITION = operator.attrgetter("start", "end", "kind")
# the kinds of figure stated per a unit (a price, a yield)
_PER_KINDS = frozenset({"money", "measure"})


def _own_terms(c: Claim) -> frozenset[str]:
    """Subject words a claim carries itself: a count's noun, an identifier's kind (条 = article)."""
    if c.kind == "count" and c.noun:
        return frozenset(c.noun.split())
    if c.kind == "identifier" and c.unit not in ("", "ordinal", "no"):
        return frozenset({c.unit})
    return frozenset()


_NEWLINE = re.compile("\n")
_ANAPHORA = re.compile(r"^\s*(这一|这个|该|此|其|这|It\b|This\b|That\b|The figure|The rate|The share)", re.I)


def _annotate(doc: Document, view: str, claims: list[Claim]) -> None:
    """Text, line, sentence index and subject terms of every claim.

    Claims of one sentence (or clause) share its groups: they are built once per sentence, clause
    and claim-owned terms, so a sentence holding thousands of figures costs no more per claim.
    """
    newlines = [m.start() for m in _NEWLINE.finditer(doc.text)]
    sents = sentences(view)
    starts = [s for s, _ in sents]
    group_cache: dict[tuple[int, int], tuple[frozenset[str], ...]] = {}
    clause_cache: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
    borrow_cache: dict[tuple[int, int], bool] = {}
    clause_groups_cache: dict[tuple[tuple[int, int], tuple[int, int] | None, frozenset[str]], tuple[frozenset[str], ...]] = {}
    sent_groups_cache: dict[tuple[int, frozenset[str]], tuple[frozenset[str], ...]] = {}

    terms_cache: dict[int, SentenceTerms] = {}

    def groups_of(span: tuple[int, int], si: int) -> tuple[frozenset[str], ...]:
        """term_groups of a stretch of sentence `si` (the sentence is read once for all its clauses)."""
        out = group_cache.get(span)
        if out is None:
            terms = terms_cache.get(si)
            if terms is None:
                terms = terms_cache[si] = SentenceTerms(view, *sents[si])
            out = group_cache[span] = terms.within(*span)
        return out

    html = view is not doc.text and "&" in doc.text
    for c in claims:
        if html and view[c.start] != doc.text[c.start]:
            c.start = entity_start(doc.text, c.start)   # a claim that starts with &euro;
        c.text = doc.text[c.start:c.end]
        c.line = bisect.bisect_right(newlines, c.start - 1) + 1 if c.start else 1
        si = max(0, bisect.bisect_right(starts, c.start) - 1)
        c.sent = si
        if not sents:
            continue
        s, e = sents[si]
        # the clause holding the claim says most about its subject
        entry = clause_cache.get(si)
        if entry is None:
            parts = clauses(view, s, e)
            entry = clause_cache[si] = (parts, [cs for cs, _ in parts])
        parts, clause_starts = entry
        k: int | None = bisect.bisect_right(clause_starts, c.start) - 1
        if k is not None and (k < 0 or c.start >= parts[k][1]):
            k = None
        clause = parts[k] if k is not None else (s, e)
        borrow = False
        if k:
            # 这一比例更高达90%以上: a short or anaphoric clause takes its subject from the one before
            borrow = borrow_cache.get((si, k))  # type: ignore[assignment]
            if borrow is None:
                borrow = borrow_cache[(si, k)] = bool(clause[1] - clause[0] < 14 or _ANAPHORA.match(view[clause[0]:clause[1]])
                                                      or doc.lang != "zh" and _few_words(view, clause))
        before = parts[k - 1] if borrow and k else None
        own = _own_terms(c)
        key = (clause, before, own)
        clause_groups = clause_groups_cache.get(key)
        if clause_groups is None:
            clause_groups = groups_of(clause, si) + (groups_of(before, si) if before else ()) + ((own,) if own else ())
            clause_groups_cache[key] = clause_groups
        # the words right before (and just after) a figure name what it measures: CPI涨幅为2.1% vs 经济增长2.0%
        near_start = max(clause[0], c.start - (8 if doc.lang == "zh" else 40))
        near_end = min(clause[1], c.end + (4 if doc.lang == "zh" else 20))
        if doc.lang != "zh":
            # whole words only: the window cut inside 'price' would read 'rice'
            while near_start < c.start and view[near_start - 1:near_start].isalpha() and view[near_start:near_start + 1].isalpha():
                near_start += 1
            while near_end > c.end and view[near_end - 1:near_end].isalpha() and view[near_end:near_end + 1].isalpha():
                near_end -= 1
        after = ""
        if c.kind == "date" and doc.lang == "zh" and c.end == clause[1] and k is not None and k + 1 < len(parts):
            # 12日，江苏省南通市中级人民法院公开宣判…: a date that closes its clause heads the next one,
            # whose first words say what happened on it
            after = view[parts[k + 1][0]:min(parts[k + 1][1], parts[k + 1][0] + 12)]
        near = term_groups(view[near_start:c.start] + " " + view[c.end:near_end] + " " + after)
        if before:
            near += groups_of(before, si)
        c.extra["near_groups"] = near
        c.extra["clause_groups"] = clause_groups
        c.extra["clause"] = clause
        c.extra["sentence"] = (s, e)
        groups = sent_groups_cache.get((si, own))
        if groups is None:
            groups = groups_of((s, e), si) + ((own,) if own else ())
            if si > 0 and _ANAPHORA.match(view[s:e]):
                groups += groups_of(sents[si - 1], si - 1)
            sent_groups_cache[(si, own)] = groups
        c.extra["groups"] = groups   # its subject terms (Claim.terms) are their words
