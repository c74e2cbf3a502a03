"""Numbers with their context: money, percentages, counts, measures and bare numbers.

The scanner is token based and linear: number tokens are found with simple regular
expressions (no nested quantifiers), then the text right before and after each token is
matched against the language tables in checker/resources (longest form first).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import EN_STOP, is_describing_character, is_verb, lemma, not_a_stop_word, zh_head_gloss, zh_words
from ..numerals import (EN_DOZEN, EN_FRACTION_WORDS, EN_NEGATIVE, EN_ONES, EN_ORDINALS, EN_SCALE_ABBREV, EN_SCALES, EN_TENS, EN_ZERO, ZH_BIG, ZH_DIGITS, ZH_SMALL, parse_arabic,
                        parse_en_words, parse_zh, _en_denominator, significant_unit, zh_adjacent_range,
                        zh_longest_prefix)
from ..resources import load, longest_first
from .dates import EN_MONTHS, EN_WEEKDAYS, RATIO_BEFORE, clock_duration
from .scan import finditer as fast_finditer, literal_trie

ZH_CUR = dict(load("zh", "currencies")["suffix"])
ZH_CUR_PREFIX = dict(load("zh", "currencies")["prefix"])
EN_CUR_SYM = dict(load("en", "currencies")["symbols"])
EN_CUR_WORDS = dict(load("en", "currencies")["words"])
UNITS = {**dict(load("zh", "units")["units"]), **dict(load("en", "units")["units"])}
# a unit word read as another where words shortly before say so (气温30度 is in degrees Celsius)
# units that after 一 make an adverb far more often than a measure: 一度 (at one point, once)
_ZH_ONE_UNIT_ADVERBS = frozenset(load("zh", "units").get("one_unit_adverbs", []))
# a unit word that a word starting with it makes no unit (zh units.toml [not_a_unit_before])
_NOT_A_UNIT_BEFORE = {u: tuple(ws) for u, ws in dict(load("zh", "units").get("not_a_unit_before", {})).items()}
def _context_rules(lang: str) -> dict:
    # English words are matched as words (case-blind); Chinese ones anywhere before the figure
    wrap = (r"(?<![A-Za-z])(?:%s)(?![A-Za-z])", re.I) if lang == "en" else ("(?:%s)", 0)
    return {word: [(rule["unit"], re.compile(wrap[0] % "|".join(map(re.escape, rule["words"])), wrap[1]))
                   for rule in rules]
            for word, rules in dict(load(lang, "units").get("context_units", {})).items()}


_CONTEXT_UNITS = {**_context_rules("zh"), **_context_rules("en")}
# how far the words that say which unit is meant are looked for: Chinese writes them right before
# the figure (气温30度); English anywhere in the sentence ('3.1 degrees higher', '…Celsius' before)
_CONTEXT_REACH = {"zh": (12, 0), "en": (100, 40)}
_CONTEXT_ONLY = {word: re.compile(r"(?<![A-Za-z])(?:%s)(?![A-Za-z])" % "|".join(map(re.escape, words)), re.I)
                 for word, words in dict(load("en", "units").get("context_only_units", {})).items()}
_CONTEXT_DOCUMENT = {word: re.compile(r"(?<![A-Za-z])(?:%s)(?![A-Za-z])" % "|".join(map(re.escape, words)))
                     for word, words in dict(load("en", "units").get("context_only_document", {})).items()}


def _unit_in_context(text: str, unit: str, start: int, end: int) -> str | None:
    """The unit a written unit word stands for where the words around it say so (气温30度 → 摄氏度,
    '3.1 degrees higher than normal' in a sentence about degrees Celsius)."""
    if not unit.isascii():
        before, _ = _CONTEXT_REACH["zh"]
        for other, words in _CONTEXT_UNITS.get(unit, ()):
            if words.search(text, max(0, start - before), end):
                return other
        return None
    # English: the rule whose word is nearest ('155 Fahrenheit, or 43 to 44 degrees Centigrade')
    best = _nearest_context_rule(text, unit, start, end)
    return best[1] if best else None


def _nearest_context_rule(text: str, unit: str, start: int, end: int) -> tuple[int, str, str] | None:
    """(distance, unit, word) of the English context rule whose word is nearest the figure."""
    before, after = _CONTEXT_REACH["en"]
    lo, hi = max(0, start - before), end + len(unit) + after
    best: tuple[int, str, str] | None = None
    for other, words in _CONTEXT_UNITS.get(unit, ()):
        for m in words.finditer(text, lo, hi):
            d = start - m.end() if m.end() <= start else m.start() - end
            if best is None or d < best[0]:
                best = (d, other, m.group(0))
    return best


def _scale_guessed(text: str, unit: str, start: int, end: int) -> bool:
    """Whether an English unit word read as a temperature scale was read so from words of weather
    alone ('temperature reaches 118 degrees'): no word of its sentence names the scale, which American
    copy leaves to Fahrenheit and most other copy to Celsius."""
    best = _nearest_context_rule(text, unit, start, end)
    return best is not None and not any(rx.fullmatch(best[2]) for rx in _CONTEXT_DOCUMENT.values())


def _only_in_context(text: str, unit: str, start: int, end: int) -> bool:
    """A unit read only in a sentence that speaks of its dimension ('40-42C', 'fell to 938 mb'); a
    one-letter one attached to its figure, or after one space as a capital that ends a word ('highs
    of 110 F (43 C)' in American copy; a spaced 'C' that goes on is a letter: 3 C-sections)."""
    words = _CONTEXT_ONLY.get(unit)
    if words is None:
        return True
    before, after = _CONTEXT_REACH["en"]
    spaced_capital = (end == start + 1 and text[start] == " " and text[end:end + 1].isupper()
                      and not re.match(r"[\w\-\u2010-\u2014]", text[end + 1:end + 2]))
    if not (end == start or len(unit) > 1 or spaced_capital):
        return False
    in_document = _CONTEXT_DOCUMENT.get(unit)
    return bool(words.search(text, max(0, start - before), end + len(unit) + after)
                or in_document is not None and in_document.search(text))
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
_ZH_QSUF = longest_first(ZH_QUAL_SUF)
_ZH_CUR_PREFIX_KEYS = longest_first(ZH_CUR_PREFIX)
_ZH_GENERIC_UNIT = frozenset(load("zh", "currencies")["generic_unit"]["words"])
_EN_NOUN_MODIFIERS = set(load("en", "numbers")["noun_modifiers"])
_EN_QPRE = longest_first(EN_QUAL_PRE)
_EN_MODIFIERS_BEFORE_UNIT = re.compile(r"(?:(?:%s)[ ]{1,2}){1,2}" % "|".join(map(re.escape, sorted(_EN_NOUN_MODIFIERS, key=len, reverse=True))), re.I)
_EN_QSUF = re.compile(r"[ ]{1,2}(%s)(?![A-Za-z])(?![ ]{1,2}than\b)" % "|".join(re.escape(w) for w in longest_first(EN_QUAL_SUF)), re.I)
_EN_INCLUSIVE = re.compile(r"[ ]{1,2}(?:%s)(?![A-Za-z])" % "|".join(
    re.escape(w) for w in longest_first(dict(load("en", "qualifiers")["inclusive_suffix"]))), re.I)
_EN_APPROX_WORDS = {w for w, k in EN_QUAL_PRE.items() if k == "approx"}
_ZH_OR_EQUAL_BEFORE = re.compile(r"(%s)[ ]{0,2}(?:或者|或|or)[ ]{0,2}$" % "|".join(
    re.escape(w) for w, k in longest_first(ZH_QUAL_PRE) and [(w, ZH_QUAL_PRE[w]) for w in longest_first(ZH_QUAL_PRE)] if k in ("over", "under")))

PERCENT_SUFFIX_EN = [("percentage points", "pp", 1), ("percentage point", "pp", 1), ("basis points", "pp", Decimal("0.01")),
                     ("basis point", "pp", Decimal("0.01")), ("bps", "pp", Decimal("0.01")), ("bp", "pp", Decimal("0.01")),
                     ("per cent", "%", 1), ("percent", "%", 1), ("pct", "%", 1)]
PERCENT_SUFFIX_ZH = sorted([(w, "pp", Decimal(str(f)) if f != 1 else 1) for w, f in load("zh", "numbers")["percent_point_suffix"].items()]
                           + [(w, "%", Decimal(str(f))) for w, f in load("zh", "numbers")["rate_suffix"].items()],
                           key=lambda wuf: -len(wuf[0]))
# rates per thousand and more (6.19 per 1,000) are percent too: of a figure, 'per 1,000' before 'per 1,000,000'
PERCENT_SUFFIX_EN = sorted(PERCENT_SUFFIX_EN + [(w, "%", Decimal(str(f))) for w, f in load("en", "numbers")["rate_suffix"].items()],
                           key=lambda wuf: -len(wuf[0]))
_DIRECTION_ZH, _DIRECTION_EN = load("zh", "qualifiers")["direction"], load("en", "qualifiers")["direction"]
UP_WORDS, DOWN_WORDS = tuple(_DIRECTION_ZH["up"]), tuple(_DIRECTION_ZH["down"])
EN_UP, EN_DOWN = tuple(_DIRECTION_EN["up"]), tuple(_DIRECTION_EN["down"])
_ZH_STOP_NOUN = frozenset(load("zh", "words")["noun_stops"])
# verbs of voting after a count of people: 6人赞成 (six in favour) counts votes
_ZH_VOTE_VERBS = longest_first(load("zh", "classifiers")["vote_verbs"])
# classifiers that are themselves the counted noun: 30国, 6人, 3省
NOUN_CLASSIFIERS = set("国國人城省县市岁歲票席户戶例倍")
OBJECT_CLASSIFIERS = frozenset(load("zh", "classifiers")["object_classifiers"])


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
    article: bool = False  # 一个, 一种: the indefinite article read as a count (the engine never compares it)
    extra: dict | None = None  # more the claim states: a tally's minority ({"tally": (5, 2)})


class _Table:
    """Written forms and, for each two characters a form starts (or ends) with, the lengths of the
    forms that do, longest first: a lookup slices only at lengths that can match there; the
    characters forms start and end with turn away most positions before any slicing."""

    __slots__ = ("forms", "firsts", "lasts", "heads", "head_ones", "tails", "tail_ones")

    def __init__(self, keys: list[str], ignore_case: bool) -> None:
        self.forms: dict[str, str] = {}
        for k in keys:  # longest_first order: the first form of a folded spelling wins
            self.forms.setdefault(k.lower() if ignore_case else k, k)
        # every spelling the lookup can meet at either end (str.lower may change a character's case only)
        self.firsts = frozenset(c for k in keys if k for c in (k[0], k[0].lower(), k[0].upper(), k.lower()[:1]))
        self.lasts = frozenset(c for k in keys if k for c in (k[-1], k[-1].lower(), k[-1].upper(), k.lower()[-1:]))
        # the written length of each key, by the first (last) two characters of its form; a form of
        # one character is found under any pair it starts (ends)
        self.heads, self.head_ones = self._index(keys, ignore_case, lambda f: f[:2], lambda f, h: h[:1] == f)
        self.tails, self.tail_ones = self._index(keys, ignore_case, lambda f: f[-2:], lambda f, h: h[-1:] == f)

    @staticmethod
    def _index(keys, ignore_case, part, one_fits):
        by: dict[str, set[int]] = {}
        ones: dict[str, set[int]] = {}
        for k in keys:
            f = k.lower() if ignore_case else k
            if len(f) >= 2:
                by.setdefault(part(f), set()).add(len(k))
            elif f:
                ones.setdefault(f, set()).add(len(k))
        for h, lengths in by.items():
            for f, more in ones.items():
                if one_fits(f, h):
                    lengths |= more
        return ({h: tuple(sorted(v, reverse=True)) for h, v in by.items()},
                {f: tuple(sorted(v, reverse=True)) for f, v in ones.items()})


_TABLES: dict[int, tuple[list[str], _Table, _Table]] = {}


def _table(keys: list[str], ignore_case: bool) -> _Table:
    entry = _TABLES.get(id(keys))
    if entry is None or entry[0] is not keys:
        entry = (keys, _Table(keys, False), _Table(keys, True))
        _TABLES[id(keys)] = entry
    return entry[2] if ignore_case else entry[1]


def _match_any(text: str, pos: int, keys: list[str], ignore_case: bool = False, word: bool = False) -> str | None:
    """The longest of `keys` written at `pos` (with `word`, not followed by an ASCII letter or digit)."""
    t = _table(keys, ignore_case)
    c = text[pos:pos + 1]
    if c not in t.firsts and not (ignore_case and c.lower()[:1] in t.firsts):
        return None
    head = text[pos:pos + 2]
    if ignore_case:
        head = head.lower()[:2]  # = the start of any longer slice, lowered
    lengths = t.heads.get(head)
    if lengths is None:
        lengths = t.head_ones.get(head[:1], ())
    n = len(text)
    for length in lengths:
        if pos + length > n:
            continue
        seg = text[pos:pos + length]
        k = t.forms.get(seg.lower() if ignore_case else seg)
        if k is not None:
            after = pos + length
            if word and after < n and k[-1].isascii() and text[after].isascii() and text[after].isalnum():
                continue
            return k
    return None


def _ends_with_any(text: str, end: int, keys: list[str], ignore_case: bool = False, word: bool = False) -> str | None:
    """The longest of `keys` written right before `end` (with `word`, not glued to a letter before it)."""
    t = _table(keys, ignore_case)
    if end <= 0:
        return None
    c = text[end - 1]
    if c not in t.lasts and not (ignore_case and c.lower()[-1:] in t.lasts):
        return None
    tail = text[max(0, end - 2):end]
    if ignore_case:
        tail = tail.lower()[-2:]  # = the end of any longer slice, lowered
    lengths = t.tails.get(tail)
    if lengths is None:
        lengths = t.tail_ones.get(tail[-1:], ())
    for length in lengths:
        if end - length < 0:
            continue
        seg = text[end - length:end]
        k = t.forms.get(seg.lower() if ignore_case else seg)
        if k is not None:
            if word and end - length > 0 and text[end - length - 1].isalpha() and k[0].isalpha():
                continue
            return k
    return None


EN_CUR_SYM_AFTER = dict(load("en", "currencies")["symbols_after"])
_SYM_AFTER_KEYS = longest_first(EN_CUR_SYM_AFTER)
_SCALED = load("en", "currencies")["scaled_codes"]
_SCALED_PREFIX = {k: Decimal(v) for k, v in dict(_SCALED["prefixes"]).items()}
_SCALED_ALT = r"(%s)(%s)" % ("|".join(map(re.escape, _SCALED_PREFIX)), "|".join(map(re.escape, _SCALED["codes"])))
_SCALED_CODE_BEFORE = re.compile(r"(?<![A-Za-z])%s[ ]?$" % _SCALED_ALT, re.I)
_SCALED_CODE_AFTER = re.compile(r"%s(?![A-Za-z])" % _SCALED_ALT, re.I)
_SCALE_AFTER_CODE = re.compile(r"[ ](million|billion|trillion|thousand|mn|bn|tn)(?![A-Za-z])", re.I)
_MINOR = {**{k: Decimal(v) for k, v in dict(load("en", "currencies")["minor_units"]).items()},
          **{k: Decimal(v) for k, v in dict(load("zh", "currencies")["minor_units"]).items()}}
_MINOR_KEYS = longest_first(_MINOR)
_MINOR_GAP = re.compile(r"(?:[ ]{1,2}and[ ]{1,2}|[ ]{1,2}|和|又|零)?")


def _minor_amounts(text: str, pos: int, q: "Quantity", tokens: list, idx: int, en: bool) -> int:
    """Smaller units after an amount: 3 dollars 50 cents = 3.5, 五元三毛 = 5.3, 50元6角三分 = 50.63,
    15 dollars and 15 = 15.15 (a bare trailing number under 100 is cents)."""
    j = idx + 1
    den_prev = Decimal(1)
    for _ in range(3):
        while j < len(tokens) and tokens[j][0] < pos:
            j += 1
        if j >= len(tokens):
            return pos
        t_start, t_end, t_val = tokens[j][0], tokens[j][1], tokens[j][2]
        gap = _MINOR_GAP.match(text, pos)
        if gap is None or gap.end() != t_start or t_val != t_val.to_integral_value() or not 0 < t_val < 100:
            return pos
        p = _skip_spaces(text, t_end, 1)
        word = _match_any(text, p, _MINOR_KEYS, ignore_case=True, word=True)
        if word and text[p + len(word):p + len(word) + 1] in _MINOR_NOT_AFTER:
            word = None
        if word:
            den = _MINOR[word]
            if den <= den_prev:
                return pos
            q.num += t_val / den
            pos, den_prev = p + len(word), den
            if den == 10:
                continue  # 五元三毛五: a trailing digit after 角/毛 is fen
            return pos
        after = text[t_end:t_end + 1]
        nxt = text[_skip_spaces(text, t_end, 1):][:1]
        if en and den_prev == 1 and t_val < 100 and (not nxt or not (nxt.isalnum() or nxt in "%$.,-")
                                                     or nxt in ".," and not text[t_end + 1:t_end + 2].isalnum()):
            q.num += t_val / 100  # 15 dollars 50, 17 USD 25
            return t_end
        if den_prev == 10 and t_val < 10 and not (after.isalnum() or after == "%"
                                                   or after in ".," and text[t_end + 1:t_end + 2].isalnum()):
            q.num += t_val / 100  # 五元三毛五
            return t_end
        return pos
    return pos


def _number_follows(text: str, pos: int) -> bool:
    """A figure or number word starts right after `pos` (past up to two spaces)."""
    p = _skip_spaces(text, pos, 2)
    if p < len(text) and (text[p].isdigit() or text[p] in "-+$€£¥"):
        return True
    m = _EN_WORD.match(text, p)
    return bool(m) and p > pos and m.group(0).lower() in _EN_NUMBER_WORDS


def _skip_spaces(text: str, pos: int, limit: int = 2) -> int:
    if not text.startswith(" ", pos):
        return pos
    n = 0
    while pos < len(text) and text[pos] == " " and n < limit:
        pos += 1
        n += 1
    return pos


def _back_spaces(text: str, pos: int, limit: int = 2) -> int:
    if pos <= 0 or text[pos - 1] != " ":
        return pos
    n = 0
    while pos > 0 and text[pos - 1] == " " and n < limit:
        pos -= 1
        n += 1
    return pos


def _precision(q: Quantity, written_unit: Decimal) -> Decimal:
    return written_unit if written_unit > 0 else Decimal(1)


# An open bound sits this fraction of the stated precision inside the interval: 330多 = (330, 340) and
# "more than 340" = (340, 350) then share no point, while the bound still equals the written value to
# far better than any printed precision.
_OPEN = Decimal("1e-12")


def apply_qualifier(q: Quantity, kind: str, unit_prec: Decimal) -> None:
    """Turn a qualifier into the interval it states (DESIGN §2: approximations by stated precision).

    Strict bounds are open: 'over' excludes the value itself and the next step of its precision
    (330多 = (330, 340)); 超过90% keeps its cap, (90, 100].
    """
    v, u = q.num, unit_prec
    tiny = u * _OPEN
    cap = Decimal(100) if q.kind == "percent" and q.unit == "%" and v <= 100 else None
    if kind == "approx":
        q.low, q.high = v - u / 2, v + u / 2
    elif kind == "near":
        # as far below as 'about' reaches either side: 近30国 is 25 to 30, 'nearly 1,000' 500 to 1,000
        q.low, q.high = v - u / 2, v
    elif kind in ("over", "over_just"):
        q.low, q.high = v + tiny, (cap if cap is not None else v + u - tiny)
    elif kind == "min":
        q.low, q.high = v, (cap if cap is not None else v + u)
    elif kind == "max":
        q.low, q.high = (min(Decimal(0), v), v)
    elif kind == "under":
        q.low, q.high = v - u, v - tiny
    elif kind == "equal":
        q.low = q.high = v
        return
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


# a figure's -fold (en multipliers.toml [figure_suffix]): a 3.5-fold increase
_EN_FOLD_AFTER = re.compile(r"-?(?:%s)(?![A-Za-z])" % "|".join(load("en", "multipliers")["figure_suffix"]["words"]), re.I)
# a model designation after a count (32 F-35 Lightning II fighters, 5 MiG-29 jets), its name words, the noun
_DESIGNATION_AFTER = re.compile(r"[ ](?P<code>[A-Z][A-Za-z]{0,9}-?\d{1,5}(?:[A-Za-z]\d{0,3})?)(?![A-Za-z0-9-])"
                                r"(?:[ ](?:[A-Z][A-Za-z]*|[IVX]{1,4})(?![A-Za-z0-9-])){0,3}(?:[ ](?P<noun>[a-z]{3,})(?![A-Za-z0-9-]))?")


_EN_VERBS_AFTER_FIGURES = frozenset(load("en", "numbers")["verbs_after_figures"])
# a word that may be a noun after a participle: lower-case, not a function word
_EN_NOUN_AFTER = re.compile(r"[ ]%s[a-z]{3,}" % not_a_stop_word())


# a lower-case plural right after a word: the head noun a capitalized plural (a name's word) leads to
_EN_PLURAL_NOUN_AFTER = re.compile(r"[ ]%s[a-z]{2,}(?<!s)s(?![A-Za-z0-9-])" % not_a_stop_word())


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
        if text[m.end():m.end() + 1].isdigit():
            break  # 'm212': a code, not a word
        if (w.lower() in _EN_NOUN_MODIFIERS or w.lower() in _DIRECTION_THAN) and not words and p2 - pos <= 1:
            p = m.end()  # '12 new deep-water berths', 'three fewer medals': the adjective is not the noun
            continue
        if w.lower() == "times" and not words:
            return "times", m.end()   # 4.2 times that of …: a multiple, as 倍 is
        if w.lower() in EN_STOP:
            break
        if w.lower() in _EN_VERBS_AFTER_FIGURES and not words and not _EN_NOUN_AFTER.match(text, m.end()):
            break   # '300 million came from abroad'; but '500 paid internships': an adjective before its noun
        if words and (len(w) > 4 and w.lower().endswith("ed") or w.lower() in _EN_VERBS_AFTER_FIGURES):
            break   # 'half a million people marched', '3 armed men fled': a past verb after the noun ends it
        if w.lower() in ("of",):
            break
        words.append(w)
        end = m.end()
        p = m.end()
        if w.endswith("s") and len(w) > 3 and not w.endswith("ss") and not (
                w[:1].isupper() and _EN_PLURAL_NOUN_AFTER.match(text, m.end())):
            break  # a plural noun closes the phrase; a name's ('five Stellix Communications patents') not
    if not words:
        return "", pos
    return counted_noun(" ".join(lemma(w) for w in words)), end


# (en numbers.toml counted_noun_synonyms)
_NOUN_SYNONYM = {w: canon for canon, words in load("en", "numbers")["counted_noun_synonyms"].items() for w in words}


def counted_noun(words: str) -> str:
    """A counted noun with its head, the last word, read as the first of its synonyms (nation →
    country); the words before it only qualify it ('firm offers' are no companies)."""
    *mods, head = words.split() or [""]
    return " ".join([*mods, _NOUN_SYNONYM.get(head, head)]).strip()


def _zh_noun(text: str, pos: int) -> tuple[str, int]:
    """The noun right after a Chinese classifier: two dictionary words, or three when the first two
    are single characters that describe the third (12个深水泊位: 深|水|泊位, whose head is the last
    word, 'berth'), ending before a verb (8个郡发布: the counties, then what they did)."""
    seg = []
    i = pos
    while i < len(text) and len(seg) < 6 and "\u4e00" <= text[i] <= "\u9fff" and text[i] not in _ZH_STOP_NOUN:
        seg.append(text[i])
        i += 1
    if not seg:
        return "", pos
    words = zh_words("".join(seg))[:3]
    if words and len(words[0]) > 1 and words[0] in _ZH_DIRECTION:
        return "", pos      # 由7.23张增加到7.38张: a verb of change, not what the figure counts
    if len(words) == 3 and not (len(words[0]) == len(words[1]) == 1 and len(words[2]) > 1
                                and is_describing_character(words[0]) and is_describing_character(words[1])):
        words = words[:2]
    for k in range(1, len(words)):
        if is_verb(words[k]):
            words = words[:k]   # 8个郡发布: the counties, then what they did (发布 'to release')
            break
    taken = "".join(words)
    return taken, pos + len(taken)


# direction words of Chinese, the first listed of a spelling wins (as when the up words were tried first)
_ZH_DIRECTION: dict[str, int] = {}
for _w in UP_WORDS:
    _ZH_DIRECTION.setdefault(_w, 1)
for _w in DOWN_WORDS:
    _ZH_DIRECTION.setdefault(_w, -1)
_ZH_DIRECTION_LENGTHS = sorted({len(w) for w in _ZH_DIRECTION}, reverse=True)
_ZH_COMPARATIVE = load("zh", "qualifiers")["comparative_direction"]
_ZH_COMPARATIVE_RX = re.compile("(?<![%s])(?:%s)(?![%s])[^，。；：！？,;:!?\n]{1,%d}?(?:(%s)|(%s))$" % (
    "".join(_ZH_COMPARATIVE["marker_not_after"]), "|".join(map(re.escape, _ZH_COMPARATIVE["markers"])),
    "".join(_ZH_COMPARATIVE["marker_not_before"]), _ZH_COMPARATIVE["reach"],
    "|".join(map(re.escape, longest_first(_ZH_COMPARATIVE["up"]))),
    "|".join(map(re.escape, longest_first(_ZH_COMPARATIVE["down"])))))
_ZH_DIRECTION_LASTS = frozenset(w[-1] for w in _ZH_DIRECTION)
# and of English, looked up in one step (an up word that is also a down word stays up)
_EN_DIRECTION = {**{w: -1 for w in EN_DOWN}, **{w: 1 for w in EN_UP}}
_EN_SHARE_VERBS = frozenset(_DIRECTION_EN["share_verbs"])


_ASCII_LETTER = re.compile("[A-Za-z]")


_LEVEL_EN = load("en", "qualifiers")["level_before"]


def _word_just_before(words: list[str]) -> re.Pattern[str]:
    """One of the words right before a place (searched in a window that ends there)."""
    return re.compile(r"\b(?:%s)[ ]{1,2}$" % "|".join(map(re.escape, words)), re.I)


# (the words of a level reached: 'fell to 3.5%', 'closed lower at 197 pence'; and where it started)
_TO_BEFORE = _word_just_before(_LEVEL_EN["to"])
_TO_OR_AT_BEFORE = _word_just_before(_LEVEL_EN["to"] + _LEVEL_EN["at"])
_FROM_BEFORE = _word_just_before(_LEVEL_EN["from"])


_SENTENCE_END = re.compile(r"[.!?;][\"'”’)]?\s+(?=[A-Z0-9\"'“‘(]|$)")


def _this_sentence(window: str) -> str:
    """The part of a window after the last sentence end in it: 'Prices fell in August. Four cities
    rose' gives 'Four' no direction from 'fell'."""
    last = None
    for last in _SENTENCE_END.finditer(window):
        pass
    return window[last.end():] if last else window


# a figure and the end of its clause after it: a direction word before them is that figure's
_FIGURE_THEN_BREAK = re.compile(r"\d[^,;:]*[,;:]")


def _direction_before(text: str, start: int, zh: bool) -> int:
    """The direction word closest before a figure (减重约15% is down although 重 alone is 'heavier')."""
    if zh:
        # the word that ends nearest the figure (within 3 characters of it), the longest of those
        window = text[max(0, start - 6):start]
        n = len(window)
        if _ZH_DIRECTION_LASTS.isdisjoint(window[-4:]):
            return _zh_comparative(text, start)
        for e in range(n, max(n - 3, 0) - 1, -1):
            for length in _ZH_DIRECTION_LENGTHS:
                if length <= e:
                    sign = _ZH_DIRECTION.get(window[e - length:e])
                    if sign is not None:
                        return sign
        return _zh_comparative(text, start)
    window = _this_sentence(text[max(0, start - 30):start])
    if not _ASCII_LETTER.search(window):
        return 0
    words = _EN_WORD.findall(window)
    reach = 3
    if words and words[-1].lower() == "by":
        # the verb of 'by' reaches further: 'cut its benchmark interest rate by 25 basis points'
        window = _this_sentence(text[max(0, start - 60):start])
        words, reach = _EN_WORD.findall(window), 7
    if not any(w.lower() in _EN_DIRECTION for w in words[-reach:]):
        return 0  # (most figures: the words alone are read, without a match object for each)
    found = list(_EN_WORD.finditer(window))[-reach:]
    for k in range(len(found) - 1, -1, -1):
        m = found[k]
        w = m.group(0).lower()
        sign = _EN_DIRECTION.get(w, 0)
        if sign and w == "up" and k and found[k - 1].group(0).lower() in _EN_SHARE_VERBS:
            return 0   # 'made up 22.1%': a share
        if sign and _FIGURE_THEN_BREAK.search(window, m.end()):
            return 0   # 'up 13.5 percent, with growth narrowing by 2.3 points': the word's figure came before
        if sign:
            # 'fell 2 percent to 3.5 percent': a figure after the verb took its change; this one is the level
            level = _TO_BEFORE.search(window) and any(c.isdigit() for c in window[m.end():])
            return 0 if level else sign
    return 0


def _zh_comparative(text: str, start: int) -> int:
    """The direction of a comparison a figure is the difference of: 比去年同期低0.15元 is down."""
    m = _ZH_COMPARATIVE_RX.search(text, max(0, start - _ZH_COMPARATIVE["reach"] - 4), start)
    return 0 if m is None else 1 if m.group(1) else -1


def _direction_after_table():
    en, zh = load("en", "qualifiers")["direction_after"], load("zh", "qualifiers")["direction_after"]
    signs = {w: sign for sign, key in ((1, "up"), (-1, "down")) for table in (en, zh) for w in table[key]}
    # (a comparative before 'than' a norm is looked up apart: 'more' alone says nothing)
    signs.update((" " + w, sign) for sign, key in ((1, "than_norm_up"), (-1, "than_norm_down")) for w in en[key])
    than_norm = r"(%s)[ ]than[ ](?:the[ ])?(?:[\w-]+[ ]){0,2}?(?:%s)(?![A-Za-z])" % (
        "|".join(map(re.escape, en["than_norm_up"] + en["than_norm_down"])), "|".join(map(re.escape, en["norms"])))
    rx = re.compile(r"[ -]{1,2}(?:%s|([a-z]+)(?![A-Za-z]))|(?:%s)?(%s)" % (
        than_norm, re.escape(zh["joiner"]), "|".join(map(re.escape, longest_first(zh["up"] + zh["down"])))))
    return signs, rx


_DIRECTION_AFTER, _DIRECTION_AFTER_RX = _direction_after_table()


def direction_after(text: str, end: int) -> int:
    """The direction a word right after a figure says of its change (en, zh qualifiers.toml
    [direction_after]): 'a 0.3% contraction', '30 percent below normal', 'less than the seasonal
    norm', 4.1%的降幅."""
    m = _DIRECTION_AFTER_RX.match(text, end)
    if m is None:
        return 0
    return _DIRECTION_AFTER.get(" " + m.group(1) if m.group(1) else m.group(m.lastindex), 0)


_DIRECTION_THAN = {w: sign for sign, key in ((1, "up"), (-1, "down"))
                   for w in load("en", "qualifiers")["direction_than"][key]}
_THAN_AFTER = re.compile(r"[ ]{1,2}(%s)(?:[ ]{1,2}[a-z]+)?[ ]{1,2}than(?![A-Za-z])" % "|".join(
    map(re.escape, longest_first(_DIRECTION_THAN))), re.I)
# a figure and at most two words after it, no punctuation: what may stand before the comparative
_WORDS_ONLY = re.compile(r"[\w.$€£¥%-]+(?:[ ]{1,2}[\w.%-]+){0,2}")


def _direction_than(text: str, start: int, end: int) -> int:
    """The direction of a difference compared right after its figure ('four more than the nine',
    'three fewer medals than': the count may have taken the comparative and its noun), of any kind."""
    m = _THAN_AFTER.search(text, start, min(len(text), end + 24))
    if m is None or m.end() <= end or m.start() > end or not _WORDS_ONLY.fullmatch(text, start, m.start()):
        return 0   # ('500 units, more than analysts expected': another clause's comparison)
    if _NOT_A_COMPARISON_AFTER.match(text, m.end()):
        return 0   # '40 firms less than two years old', 'more than doubled': a bound, a verb's qualifier
    return _DIRECTION_THAN[m.group(1).lower()]


# after 'than': a figure or a number word (a threshold), a verb in the past (its degree)
_NOT_A_COMPARISON_AFTER = re.compile(r"[ ]{1,2}(?:\d|(?:%s)\b|[a-z]+ed\b)" % "|".join(
    map(re.escape, longest_first([*load("en", "numbers")["ones"], *load("en", "numbers")["tens"]]))), re.I)


def _own_clause_direction(text: str, start: int) -> int:
    """The direction a change verb right before a figure gives it ('fell 3 percent', 'dropped by 4'),
    not a noun further back ('the decline was 0.2 points wider than')."""
    words = list(_EN_WORD.finditer(text, max(0, start - 30), start))
    if words and words[-1].group(0).lower() == "by":
        words = words[:-1]
    if not words or any(ch in ",;:" for ch in text[words[-1].end():start]):
        return 0   # ('…saw prices rise, one fewer than': the verb is another clause's)
    return _EN_DIRECTION.get(words[-1].group(0).lower(), 0)


_LEVEL_ZH = load("zh", "qualifiers")["level_before"]
_LEVEL_TO_ZH, _LEVEL_FROM_ZH = frozenset(_LEVEL_ZH["to"]), frozenset(_LEVEL_ZH["from"])


def _level_before(text: str, start: int) -> str:
    """Is a figure a level rather than the size of a change: "to" for the level a change reached
    (降至3.5%, 下调至1.6%, 'fell to 3.5%': its direction is still the change's), "from" for where it
    started (从1.8%下调, 'cut to 1.6% from 1.8%'), "" for neither (下降0.5%, 'fell 0.5%')."""
    b = _back_spaces(text, start, 1)
    before = text[b - 1] if b >= 1 else ""
    if before in _LEVEL_TO_ZH:
        return "to"
    if before in _LEVEL_FROM_ZH:
        return "from"
    if _TO_OR_AT_BEFORE.search(text, max(0, start - 4), start):
        return "to"   # ('closed lower at 197 pence': the price it stood at)
    if _FROM_BEFORE.search(text, max(0, start - 6), start):
        return "from"
    return ""


_ZH_NUMBERS = load("zh", "numbers")
_ZH_DIG = "".join(ZH_DIGITS)
_ZH_UNITS = "".join(ZH_SMALL) + "".join(ZH_BIG)
_ZH_BIG_CHARS = "".join(ZH_BIG)
_ZH_ALL = _ZH_DIG + _ZH_UNITS
_ZH_APPROX_IN = "".join(_ZH_NUMBERS["approx_inside"])
_ZH_FIN = set(_ZH_NUMBERS["financial"])
_ZH_NEG = tuple(_ZH_NUMBERS["negative"])
_ZH_MINUS_AFTER = frozenset(_ZH_NUMBERS["minus_after"])
_ZH_BELOW_ZERO = longest_first(_ZH_NUMBERS.get("below_zero", []))
_ZH_NOT_NUMBERS = re.compile(literal_trie(list(_ZH_NUMBERS["not_numbers"])))
# after 'digit.' a figure is one group of a dotted run (192.168.1.2, 1.2.3): it takes no decimals
_ARABIC = (r"(?<!\d\.)\d{1,3}(?:,\d{3})++(?:\.\d++(?!\.\d))?|(?<!\d\.)\d++(?:\.\d++(?!\.\d))?"
           r"|\d{1,3}(?:,\d{3})++|\d++")
# one Chinese (or mixed) numeral: atoms with optional spaces between them and 多/余/几 before a big unit
_ZH_RUN = (rf"(?:{_ARABIC}|[{_ZH_ALL}])"
           rf"(?:{_ARABIC}|[{_ZH_ALL}]|[点點](?=[ ]{{0,2}}[{_ZH_DIG}])|[ ]{{1,2}}(?=[{_ZH_ALL}点點])"
           rf"|(?<=[{_ZH_ALL}点點])[ ]{{1,2}}(?=\d)|[ ]{{0,2}}[{_ZH_APPROX_IN}](?=[ ]{{0,2}}[{_ZH_BIG_CHARS}])){{0,40}}+")
# (bounded: no real numeral has more than 40 atoms, and parsing a run is not linear in its length)
# vulgar fractions: ½, ¾, 1½
_ZH_NUMERAL_GOES_ON = frozenset(_ZH_ALL + "点點") - {""}
# a Chinese numeral character, then Arabic digits that end the run (一百万15, not 三千2百)
_ZH_THEN_FIGURE = re.compile(rf"[{_ZH_ALL}][ ]{{0,2}}(\d[\d,]*(?:\.\d+)?)$")
_PLAIN_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")  # one Arabic piece, as checker.numerals reads it
_VULGAR = "".join(chr(c) for c in list(range(0xBC, 0xBF)) + list(range(0x2150, 0x215F)))
NUMBER_TOKEN = re.compile(
    # a position that cannot start any number fails on this one class (most of the text)
    rf"(?=[\d.{_VULGAR}{_ZH_ALL}])"
    r"(?:(?P<sci>(?<![\w.])\d++(?:\.\d++)?(?:[eE][-+]?\d++|\^[-+]{0,2}\d++|x10\^[-+]?\d++)(?![\w.]))"
    r"|(?P<frac>(?<![A-Za-z0-9_/.])(?<!\d,)(?:\d{1,3}[ ]{1,2})?\d{1,4}/\d{1,4}(?![A-Za-z0-9_/]|\.\d))"
    r"|(?P<spaced>(?<![\w.,])(?<!\d[ ])\d{1,3}(?:[ ]\d{3})++(?:\.\d++)?(?![\w,]|\.\d))"
    r"|(?P<indian>(?<![\w.,])\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d++)?(?![\d,]|\.\d))"
    rf"|(?P<vulgar>(?<![\w.,])(?:\d{{1,3}}[ ]?)?[{_VULGAR}])"
    rf"|(?P<zh>{_ZH_RUN})"
    r"|(?P<dot>(?<![\w.])\.\d++))"
)
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_NUMBER_WORDS = set(EN_ONES) | set(EN_TENS) | set(EN_SCALES) | {"dozen"}


# 'SCP2-173': a word of letters and digits before the hyphen makes the figure part of a code
_CODE_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,8}\d{1,4}$")
# letters glued to a figure and followed by more digits: 24703L202
_CODE_TAIL = re.compile(r"(?!x)[A-Za-z]{1,3}\d{2}|[ ][A-Za-z]\d{3}")  # not 4x10 (times); 24703 m212
# '5k-20k': the word before the hyphen is a figure with a scale letter, not a name like F-35
_FIGURE_WORD_BEFORE = re.compile(r"(?<![A-Za-z])\d[\d.,]*[A-Za-z]{1,3}$")


_LOWER_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9])[a-z]{3,}$")


def _dash_then_measure(text: str, start: int, end: int) -> bool:
    """'the black hole-30 kilometers away', 'robots-8-foot': a dash glued to a lowercase word sets off
    a measure (a unit follows the figure); F-35 and covid-19 are names (no unit after them)."""
    if not _LOWER_WORD_BEFORE.search(text, max(0, start - 20), start - 1):
        return False
    p = end + 1 if text[end:end + 1] == "-" else _skip_spaces(text, end, 1)
    u = _match_any(text, p, _UNIT_KEYS, ignore_case=False, word=True)
    return bool(u) and len(u) >= 2 and u.isascii() and u.lower() not in ("in", "am", "pm")


def _sci_value(tok: str) -> Decimal | None:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:[eE]([-+]?\d+)|\^([-+]{0,2})(\d+)|x10\^([-+]?\d+))", tok)
    if not m:
        return None
    base = Decimal(m.group(1))
    try:
        if m.group(2) is not None:
            return base.scaleb(int(m.group(2)))
        if m.group(5) is not None:
            return base.scaleb(int(m.group(5)))
        exp = int(m.group(4))
        if exp > 60:
            return None
        sign = -1 if m.group(3).count("-") % 2 else 1
        return Decimal(float(base) ** (sign * exp))
    except (ArithmeticError, ValueError, OverflowError):
        return None


_EN_NEG_BEFORE = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}$" % "|".join(map(re.escape, EN_NEGATIVE)), re.I)


def _negative_before(text: str, start: int) -> int:
    """Start of a minus sign or 负 written right before a number at `start`, else -1."""
    if start >= 1 and text[start - 1] == "-":
        before = text[start - 2] if start >= 2 else ""
        if not (before.isalnum() and before not in _ZH_MINUS_AFTER or before in ")%]-/.") \
                and not (before == " " and text[start - 3:start - 2].isdigit()):  # 75 -300mm: a range dash
            return start - 1
    b = _back_spaces(text, start, 2)
    if b >= 1 and text[b - 1] in _ZH_NEG:
        return b - 1
    below = _ends_with_any(text, b, _ZH_BELOW_ZERO) if b >= 1 else None
    if below:
        return b - len(below)  # 零下5度
    # (minus 5: the word and a space or two)
    m = _EN_NEG_BEFORE.search(text, max(0, start - 10), start) \
        if text[start - 1:start] == " " and text[start:start + 1].isdigit() else None
    if m:
        return m.start()  # minus 5
    if b == 1 and text[0] == "-":
        return 0
    return -1


_SMALLEST, _LARGEST = Decimal("1e-15"), Decimal("1e27")  # fmt_decimal prints 28 digits at most


_BARE_SCALE_PREFIXES = longest_first(_ZH_NUMBERS["bare_scale_prefixes"])
_BARE_SCALES = {c: ZH_BIG.get(c) or ZH_SMALL[c] for c in "百千万萬" if c in ZH_BIG or c in ZH_SMALL}


def _bare_scale(text: str, start: int, end: int, tok: str):
    """逾千人, 近万人, 上千名, 千余人, 百余户: a 百, 千 or 万 alone read as 100, 1000 or 10000 (a token
    as _number_tokens gives them), else None. The prefixes are data (bare_scale_prefixes), with
    the qualifier of those that are no qualifier elsewhere (上: at least)."""
    if len(tok) != 1 or tok not in _BARE_SCALES:
        return None
    after = end + 1 if text[end:end + 1] in _ZH_APPROX_IN else end
    prefix = _ends_with_any(text, start, _BARE_SCALE_PREFIXES)
    if not (prefix or after > end) or not _match_any(text, after, _CLS_KEYS):
        return None
    own = _ZH_NUMBERS["bare_scale_prefixes"].get(prefix or "")
    if own:   # a prefix that qualifies only here (上千, 'upwards of'): the figure quotes it
        if start - len(prefix) >= 1 and text[start - len(prefix) - 1] in _ZH_ALL:
            return None  # 成千上万: thousands upon thousands, no figure
        return (start - len(prefix), end, Decimal(_BARE_SCALES[tok]), tok, "", None, own)
    return (start, end, Decimal(_BARE_SCALES[tok]), tok, "", None, "")


def _number_tokens(text: str) -> list[tuple[int, int, Decimal, str, str, tuple[Decimal, Decimal] | None, str]]:
    """(start, end, value, figure, scale_word, range, approx) for every number in the text."""
    out = []
    blocked = bytearray(len(text))
    for m in fast_finditer(_ZH_NOT_NUMBERS, text):
        blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    raw = []  # (start, end, kind, token)
    for m in NUMBER_TOKEN.finditer(text):
        raw.append((m.start(), m.end(), m.lastgroup, m.group(0)))
    for ri, (start, end, kind, tok) in enumerate(raw):
        raw_end = end
        if blocked[start]:
            continue
        if kind == "sci":
            val = _sci_value(tok)
            if val is None:
                continue
            fig, scale, rng, approx = tok, "", None, ""
        elif kind == "frac":
            whole, _, fr = tok.rpartition(" ")
            num, _, den = fr.partition("/")
            if int(den) == 0:
                continue
            val = Decimal(num) / Decimal(den) + (Decimal(whole.strip()) if whole.strip() else 0)
            fig, scale, rng, approx = tok, "", None, ""
        elif kind in ("spaced", "indian"):   # 1 000 000, 12,34,567
            val = parse_arabic(tok)
            if val is None:
                continue
            fig, scale, rng, approx = tok, "", None, ""
        elif kind == "vulgar":
            whole = tok[:-1].strip()
            val = Decimal(str(unicodedata.numeric(tok[-1]))).quantize(Decimal("1e-12")).normalize() + (Decimal(whole) if whole else 0)
            if tok[-1] in "⅓⅔⅙⅚":
                val = (Decimal(whole) if whole else 0) + Decimal({"⅓": 1, "⅔": 2, "⅙": 1, "⅚": 5}[tok[-1]]) / (3 if tok[-1] in "⅓⅔" else 6)
            fig, scale, rng, approx = tok, "", None, ""
        elif kind == "dot":
            val = Decimal("0" + tok)
            fig, scale, rng, approx = "0" + tok, "", None, ""
        else:
            # a plain figure (most tokens) has no numeral characters to trim, split or parse
            plain = _PLAIN_FIGURE.fullmatch(tok) is not None
            if not plain:
                # trim what cannot end a numeral (点 at the end: 一点) and spaces
                tok = tok.rstrip(" 点點")
                end = start + len(tok)
                tail = _ZH_THEN_FIGURE.search(tok)
                if tail is not None and not any(c.isdigit() for c in tok[:tail.start(1)]):
                    # 每一百万15起: a Chinese numeral never takes Arabic digits after it as its last
                    # places (三千2百 goes on with a scale word, 一百万15 does not); the figure is read next
                    nm = NUMBER_TOKEN.match(text, start + tail.start(1))
                    if nm is not None and nm.end() <= raw_end:
                        raw.insert(ri + 1, (nm.start(), nm.end(), nm.lastgroup, nm.group(0)))
                    tok = tok[:tail.start(1)].rstrip()
                    end = start + len(tok)
            approx = "over" if not plain and any(c in _ZH_APPROX_IN for c in tok) else ""
            clean = tok if plain else "".join(c for c in tok if c not in _ZH_APPROX_IN)
            fig = tok
            scale = ""
            rng = None
            if clean[:1].isdigit():
                if not plain:
                    # 千米 / 千克 / 兆瓦: a unit that starts with a scale char is a unit
                    k = len(tok)
                    while k > 0 and tok[k - 1] in _ZH_UNITS:
                        k -= 1
                    head, tail = tok[:k], tok[k:]
                    while tail and _match_any(text, start + k + len(tail) - 1, _UNIT_KEYS) and tail[-1] in _ZH_UNITS:
                        tail = tail[:-1]
                        end -= 1
                    tok = head + tail
                    fig = tok
                    clean = "".join(c for c in tok if c not in _ZH_APPROX_IN)
                    if head and all(c.isdigit() or c in ".," for c in head) and not approx:
                        fig, scale = head, tail  # 12万, 1.2万亿: a figure with a scale word
                # a figure glued to a Latin word (G7, F-35, A19) is a name, not a quantity
                prev = text[start - 1] if start else ""
                if prev.isalpha() and prev.isascii() and not _ends_with_any(text, start, _SYM_KEYS):
                    continue
                if prev == "-" and start >= 2 and (text[start - 2].isalpha() and text[start - 2].isascii()
                                                   or _CODE_WORD_BEFORE.search(text, max(0, start - 12), start - 1)) \
                        and not _FIGURE_WORD_BEFORE.search(text, max(0, start - 8), start - 1) \
                        and not _dash_then_measure(text, start, end) \
                        and not _UNIT_BEFORE_RX.search(text, max(0, start - 16), start):
                    continue  # F-35, SCP2-173: the number of a designation (magnitude-6.8 is a measure)
                if _CODE_TAIL.match(text, start + len(tok)):
                    continue  # 24703L202, 24703m212: a code, not a figure with a unit
            else:
                if all(c in _ZH_UNITS for c in tok) and start and text[start - 1] in _ZH_HALF:
                    val = Decimal("0.5")  # 半百 = 50
                    for c in tok:
                        val *= ZH_BIG.get(c) or ZH_SMALL[c]
                    out.append((start - 1, end, val, text[start - 1:end], "", None, ""))
                    continue
                bare = _bare_scale(text, start, end, tok)
                if bare is not None:
                    out.append(bare)
                    continue
                if len(tok) > 1 and tok[-1] in _ZH_UNIT_DIGITS and (tok[-2] in _ZH_UNITS or tok[-2] in ZH_DIGITS and ZH_DIGITS[tok[-2]] > 1) \
                        and not (text[end:end + 1] and (text[end] in _ZH_ALL or _match_any(text, end, _CLS_KEYS))):
                    tok = tok[:-1]  # 三十两, 二两: the last 两 is the unit liang
                    end -= 1
                while tok and tok[0] in _ZH_UNITS and tok[0] not in "十拾百佰千仟" or tok[:1] == " ":
                    tok = tok[1:]
                    start += 1
                if tok[:1] in "百佰千仟" and not (len(tok) == 2 and tok[1] in _ZH_DIG):
                    # a leading 百/千 starts a numeral only in 百三, 千三 (130, 1300)
                    while tok and tok[0] in _ZH_UNITS and tok[0] not in "十拾":
                        tok = tok[1:]
                        start += 1
                clean = "".join(c for c in tok if c not in _ZH_APPROX_IN)
                if not clean:
                    continue
                # 千米, 千克, 兆瓦 after a Chinese numeral: the unit wins
                while len(clean) > 2 and clean[-1] in _ZH_UNITS and _match_any(text, start + len(tok) - 1, _UNIT_KEYS):
                    tok = tok[:-1]
                    clean = clean[:-1]
                fig = tok
                end = start + len(tok)
            if not clean:
                continue
            if plain:
                val = parse_arabic(clean)
            else:
                if not any(c.isdigit() for c in clean):
                    rng = zh_adjacent_range(clean)
                val = rng[0] if rng else parse_zh(clean)
            if val is None:
                # the longest prefix that parses: 五十千 → 五十
                prefix = zh_longest_prefix(clean) if not approx else None
                if prefix is None:
                    continue
                cut, val = prefix
                tok = clean[:cut].rstrip()
                fig, scale = tok, ""
                # '667.123 五点八': a run that breaks at a space holds a second numeral; read it next
                # (the list is iterated by index, so the token inserted after this one is visited)
                if clean[len(tok):len(tok) + 1] == " " and text.startswith(clean, start):
                    nm = NUMBER_TOKEN.match(text, _skip_spaces(text, start + len(tok), 2))
                    if nm is not None and nm.end() <= raw_end:
                        raw.insert(ri + 1, (nm.start(), nm.end(), nm.lastgroup, nm.group(0)))
                end = start + len(tok)
            if val is None:
                continue
        out.append((start, end, val, fig, scale, rng, approx))
    out = _zh_fractions(text, out)
    out = _decimal_commas(text, out)
    final = []
    for start, end, val, fig, scale, rng, approx in out:
        if blocked[start] and not _FRACTION_AFTER.match(text, end):
            continue
        if not val.is_finite() or val and not (_SMALLEST <= abs(val) < _LARGEST):
            continue  # beyond what any news figure states (and what fmt_decimal can print)
        neg = _negative_before(text, start)
        if neg >= 0:
            val = -val
            start = neg
        final.append((start, end, val, fig, scale, rng, approx))
    return final


_DECIMAL_COMMA_AFTER = re.compile(r"[ ]?(?:%|(?:per[ ]?cent|percent|pct|percentage points?|trillions?|billions?|millions?|thousands?|bn|mn|tn|m|k)(?![A-Za-z]))", re.I)
_CJK_RX = re.compile("[\u4e00-\u9fff]")


def _decimal_comma_stated(text: str, start: int, end: int) -> bool:
    """What stands around '3,5' makes it a decimal comma: a scale word, currency, unit or % after it,
    or a currency symbol before it (3,5 million; 12,5 euros; €12,5; 2,5 km). A bare '12,13' stays a list."""
    if _DECIMAL_COMMA_AFTER.match(text, end):
        return True
    p = _skip_spaces(text, end, 1)
    if p > end or text[end:end + 1].isalpha():
        if _match_any(text, p, _EN_CUR_KEYS, ignore_case=True, word=True) or _match_any(text, p, _UNIT_KEYS, word=True):
            return True
    return bool(_ends_with_any(text, _back_spaces(text, start, 1), _SYM_KEYS))


def _decimal_commas(text: str, toks: list) -> list:
    """'3,5 million', '12,5 euros': a comma followed by one or two digits (not a group of three) is a
    decimal comma when a scale word, currency or unit says the figure is an amount; Chinese text
    (whose ， folds to ',') and lists written with a space ('3, 5') are left alone."""
    out: list = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if i + 1 < len(toks) and text[t[1]:t[1] + 1] == ",":
            nxt = toks[i + 1]
            a, b = t[3], nxt[3]
            if nxt[0] == t[1] + 1 and a.isdigit() and len(a) <= 3 and b.isdigit() and len(b) <= 2 and not t[4] and not nxt[4] \
                    and t[2] == int(a) and text[t[0] - 1:t[0]] not in (",", ".") \
                    and not (text[nxt[1]:nxt[1] + 1] in ",." and text[nxt[1] + 1:nxt[1] + 2].isdigit()) \
                    and not _CJK_RX.search(text, max(0, t[0] - 12), min(len(text), nxt[1] + 6)) \
                    and _decimal_comma_stated(text, t[0], nxt[1]):
                fig = f"{a}.{b}"
                out.append((t[0], nxt[1], Decimal(fig), fig, "", None, ""))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


_PERCENT_PREFIX = re.compile(r"([百千万萬亿億佰仟]{1,4})[ ]{0,2}分[ ]{0,2}之[ ]{0,2}$")
_TENTHS = dict(_ZH_NUMBERS["tenths"])
_TENTHS_KEYS = longest_first(_TENTHS)
_TENTHS_NOT = {k: longest_first(list(v)) for k, v in dict(_ZH_NUMBERS["tenths_not_before"]).items()}
_TENTHS_TAIL = re.compile(r"[ ]{0,2}([半%s])(?![%s])" % ("".join(ZH_DIGITS), "".join(ZH_DIGITS) + "".join(ZH_SMALL) + "".join(ZH_BIG)))
_ZH_HALF = "".join(_ZH_NUMBERS["half"])
_ZH_UNIT_DIGITS = "".join(_ZH_NUMBERS["unit_digits"])
_MULT_SUFFIX = dict(_ZH_NUMBERS["multiplier_suffix"])
_ZH_QUAL = load("zh", "qualifiers")
_ZH_FILLER = set(_ZH_QUAL["filler"]["chars"])
_ZH_VERB_PREFIX = {w: frozenset(chars) for w, chars in dict(_ZH_QUAL["verb_prefix"]).items()}
_ZH_VERB_OBJECT = {w: tuple(words) for w, words in dict(_ZH_QUAL["verb_object"]).items()}
_ZH_CMP_PRE = set(_ZH_QUAL["comparison"]["prefix"])
_ZH_CMP_GT = set(_ZH_QUAL["comparison"]["greater"])
_ZH_CMP_LT = set(_ZH_QUAL["comparison"]["less"])
_LONE_FOLLOW = set(_ZH_NUMBERS["lone_digit_follow"])


_ZH_RANGE_NEXT = re.compile(r"[ ]{0,2}(?:%s)[ ]{0,2}[%s\d]" % (
    "|".join(re.escape(w) for w in _ZH_QUAL["range"]["separators"]), _ZH_DIG + "十拾"))


_KUAI_MONEY_BEFORE = re.compile("|".join(map(re.escape, longest_first(load("zh", "currencies")["kuai"]["money_before"]))))
_MINOR_NOT_AFTER = set(load("zh", "currencies")["minor_not_before"]["chars"])


_RELATIVE_AFTER_DURATION = re.compile(r"[ ]{1,2}(?:later|ago|earlier|before|after|on|hence)\b|后|後|前|以后|以前|之后|之前", re.I)
_ZH_VAGUE_PREFIX = set(_ZH_NUMBERS["vague_prefix"])
_ZH_ERA_YEAR_AFTER = re.compile(r"[^，。；,;\s个個]{0,2}月|大年")  # 雍正四年大年三十, 神龙二年正月: a year of an era (一年六个月 is a term)
_ZH_YEAR_NOT_DURATION = ["代", "级", "級", "底", "初", "末", "中", "度", "份", "前后"]
_NOT_QUANTITY_AFTER = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])|(?:'?s)(?![A-Za-z'])|[ ]?(?:世纪|世紀|年代)|[ ]?(?:century|centuries)\b", re.I)
_BARE_HALF = {"half", "a half", "one half"}
_RATE_BASE_BEFORE = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}$" % "|".join(
    map(re.escape, load("en", "numbers")["rate_base_before"])), re.I)
_HALF_OF = re.compile(r"[ ]{1,2}(?:of|the|an?|its|their|his|her|our|my|your)\b", re.I)
_EN_QUALIFIED_BEFORE = re.compile(r"\b(?:than|about|almost|nearly|over|under|around|least|most)[ ]{1,2}$", re.I)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


_FRACTION_AFTER = re.compile(r"[ ]{0,2}分[ ]{0,2}之[ ]{0,2}")
_FRACTION_WHOLE = re.compile(r"[ ]{0,2}[%s][ ]{0,2}$" % "".join(_ZH_NUMBERS["fraction_whole"]))


def _zh_fractions(text: str, toks: list) -> list:
    """四分之一 → 0.25, 三又三分之一 → 3.333…, 16分之5: a denominator, 分之, a numerator."""
    if "之" not in text:
        return toks  # no 分之 anywhere (most texts, all English ones)
    out: list = []
    i = 0
    while i < len(toks):
        t = toks[i]
        m = _FRACTION_AFTER.match(text, t[1])
        if m and i + 1 < len(toks) and t[2] != 0:
            nxt = toks[i + 1]
            nstart = nxt[0]
            negn = text[m.end():nstart] in _ZH_NEG
            if nstart == m.end() or negn:
                val = (-nxt[2] if negn else nxt[2]) / t[2]
                start = t[0]
                if out and _FRACTION_WHOLE.search(text, out[-1][1], start) and \
                        _FRACTION_WHOLE.search(text[out[-1][1]:start]):
                    w = out.pop()
                    val = w[2] + val if w[2] >= 0 else w[2] - val
                    start = w[0]
                out.append((start, nxt[1], val, text[start:nxt[1]], "", None, ""))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


_EN_ITEM = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d+(?:\.\d+)?")
_EN_GAP = re.compile(r"[ ]?-[ ]?|[ \t]{1,3}")
_EN_VOCAB = (set(EN_ONES) | set(EN_TENS) | set(EN_SCALES) | EN_DOZEN | EN_ZERO | EN_NEGATIVE | set(EN_FRACTION_WORDS)
             | {"and", "a", "an", "point", "over", "out", "of"})
_EN_CONNECTORS = {"and", "a", "an", "point", "over", "out", "of"}
_EN_SIMPLE_SCALES = {"thousand", "million", "millions", "billion", "billions", "trillion", "trillions"}
_EN_NOT_ONE_BEFORE = {"the", "this", "that", "which", "each", "every", "any", "no", "another", "no."}


@functools.lru_cache(maxsize=4096)
def _en_vocab(word: str) -> bool:
    w = word.lower()
    if w in _EN_VOCAB:
        return True
    parts = w.split("-")
    if all(p in EN_ONES or p in EN_TENS or p in EN_ZERO for p in parts):
        return True
    return _en_denominator(w) is not None


# the words that can start a run of number words (a run then takes a/an before it)
_EN_SEED_WORDS = frozenset(set(EN_ONES) | set(EN_TENS) | set(EN_SCALES) | EN_DOZEN | EN_ZERO | EN_NEGATIVE
                           | set(EN_FRACTION_WORDS) | set(EN_ORDINALS) | {w + "s" for w in EN_SCALES}
                           | {w + "s" for w in EN_ORDINALS})


def _ascii_caseless(word: str) -> str:
    """A pattern of an ASCII word in any letter case: [Oo][Nn][Ee] (re.I would also let a few
    non-ASCII letters, such as the long s, stand for ASCII ones)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def _caseless_trie(words: list[str]) -> str:
    """Words as a tree of alternatives, in any letter case: {one, ones, two} → [Oo][Nn][Ee](?:[Ss])?|[Tt][Ww][Oo].
    Each step tries the letters that can come next instead of every word in turn; followed by a
    test that the word ends, it matches what the plain alternation of the words matches."""
    by_first: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            by_first.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    alts = [_ascii_caseless(c) + _caseless_trie(rests) for c, rests in sorted(by_first.items())]
    if not alts:
        return ""
    body = "(?:%s)" % "|".join(alts) if len(alts) > 1 or ends else alts[0]
    return body + "?" if ends else body


# where a run of number words or a figure followed by words may start: only the words that can
# start one are matched, so the scan does not stop at every word of English text
# (a figure only when a word or figure follows it, see _en_word_numbers: the same test as _EN_ITEM
# then _EN_GAP there, written possessive and atomic so it cannot accept what they reject)
_EN_SEED = re.compile(r"(?<![A-Za-z0-9.,])(?:\d(?=\d*+(?:\.\d++)?+(?>[ ]?-[ ]?|[ \t]{1,3})[0-9A-Za-z])|(?:%s)(?![A-Za-z]))" % _caseless_trie(
    sorted(w for w in _EN_SEED_WORDS if re.fullmatch("[a-z]+", w))))
_EN_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])(an?)[ ]{1,3}$", re.I)
_COMPOUND_NOUN_HEADS = frozenset(load("en", "numbers")["compound_noun_heads"])
_UNIT_OR_CURRENCY_WORDS = {k.lower() for k in list(UNITS) + list(EN_CUR_WORDS)} | {"cent", "cents", "yen", "penny"}


def _en_items_at(text: str, pos: int) -> list[tuple[int, int, str]]:
    """The word or figure at `pos`; a hyphenated word splits where its number part ends
    (six-mile → six + mile; one-eighth → one + eighth), other compounds (one-time) are no number."""
    m = _EN_ITEM.match(text, pos)
    if not m:
        return []
    w = m.group(0)
    if "-" not in w or _en_vocab(w):
        return [(m.start(), m.end(), w)]
    parts = w.split("-")
    k = len(parts) - 1
    while k > 0 and not _en_vocab("-".join(parts[:k])):
        k -= 1
    if k == 0:
        return [(m.start(), m.end(), w)]
    rest = "-".join(parts[k:])
    head_end = m.start() + len("-".join(parts[:k]))
    head = (m.start(), head_end, "-".join(parts[:k]))
    joint = _HYPHEN_RATIO_JOINT.match(rest)
    if joint and _en_vocab(rest[joint.end():]):
        # a one-in-three chance: both figures of a share (_ratios reads the pair)
        return [head, (head_end + 1 + joint.end(), m.end(), rest[joint.end():])]
    if _en_vocab(rest):
        return [head, (head_end + 1, m.end(), rest)]
    if rest.lower() in _UNIT_OR_CURRENCY_WORDS:
        return [head, (head_end + 1, m.end(), rest)]
    if head[2].lower() in _COMPOUND_NOUN_HEADS:
        return [(m.start(), m.end(), w)]   # half-time, half-brother: a word, no number
    if head[2].lower() not in ("one", "a", "an") and not head[2].lower().endswith(("th", "st", "nd", "rd")) \
            and rest[:1].islower():
        return [head]  # three-time, six-point, four-month-old: the number leads a compound adjective
    return [(m.start(), m.end(), w)]


def _scale_order_limit(run: list[tuple[int, int, str]], k: int) -> int:
    """Where one number of a run of number words must end: scale words fall as a number goes on
    (three hundred thousand five hundred), so a repeated or rising one ('60 million and 200 million',
    'three hundred and two hundred') starts another number after the last 'and' or ',' before it."""
    prev = 0
    last_joint = -1
    for i in range(k, len(run)):
        w = run[i][2].lower()
        w = w[:-1] if w.endswith("s") and w[:-1] in EN_SCALES else w
        if w == "and":
            last_joint = i
        scale = EN_SCALES.get(w)
        if scale is None:
            continue
        if prev and (scale == prev or scale > prev >= 1000) and last_joint > k:
            return last_joint
        prev = scale
        last_joint = -1
    return len(run)


_PERIODS = load("en", "numbers")["period_fractions"]
_PERIOD_FRACTIONS = frozenset(_PERIODS["nouns"])
_PERIOD_BEFORE = re.compile(r"\b(?:%s)[ ]{1,2}$" % "|".join(map(re.escape, _PERIODS["before"])), re.I)


# '$1.6 billion over five years', 'rose 20% over two years': over a duration right after an amount
# spreads the amount across that time; it does not say more than (over five years old)
_ACROSS = load("en", "qualifiers")["across_durations"]
_EN_ACROSS = frozenset(w.lower() for w in _ACROSS["words"])
_AMOUNT_BEFORE = re.compile(r"(?:\d|%%|\b(?:%s))$" % "|".join(
    re.escape(w).replace("\\ ", " ") for w in longest_first(_ACROSS["amount_words"])), re.I)


def _en_word_numbers(text: str) -> list[tuple[int, int, Decimal, str]]:
    """Runs of English number words: 'twenty-five', 'two hundred and five', 'a dozen', 'two thirds',
    'minus five point five', '3 hundred and 21', 'one over three'."""
    out: list[tuple[int, int, Decimal, str]] = []
    done = -1
    for seed in fast_finditer(_EN_SEED, text):
        if seed.start() < done:
            continue
        w = seed.group(0)
        if w[0].isdigit():
            # a figure starts a run only when a word or figure follows it ('3 hundred and 21');
            # alone it is read by the number tokenizer (most figures, and every one in Chinese text)
            fm = _EN_ITEM.match(text, seed.start())
            g = _EN_GAP.match(text, fm.end()) if fm is not None else None
            if g is None or not text[g.end():g.end() + 1].isascii() or not text[g.end():g.end() + 1].isalnum():
                done = fm.end() if fm is not None else seed.end()
                continue
            nxt = _en_items_at(text, g.end())[0][2]
            if not (nxt[0].isdigit() or _en_vocab(nxt)):
                # '5 percent', '20 people': the run would end at the figure alone (with an article
                # before it at most), which states no number in words
                done = fm.end()
                continue
        elif w.lower() not in _EN_SEED_WORDS:
            continue
        run: list[tuple[int, int, str]] = []
        art = _EN_ARTICLE_BEFORE.search(text, max(0, seed.start() - 6), seed.start())
        if art and art.start() >= done:
            run.append((art.start(1), art.end(1), art.group(1)))
        pos = seed.start()
        while len(run) < 25:
            items = _en_items_at(text, pos)
            if not items:
                break
            ok = True
            for it in items:
                if _en_vocab(it[2]) or it[2][0].isdigit():
                    run.append(it)
                else:
                    ok = False
                    break
            if not ok or items[-1][1] != _EN_ITEM.match(text, pos).end():
                break
            g = _EN_GAP.match(text, items[-1][1])
            if not g:
                break
            pos = g.end()
        done = run[-1][1] if run else seed.end()
        # words (not figures) in run[:i]: a stretch of figures alone is read by the number tokenizer,
        # so a long run of figures ('1 1 1 …') costs no attempts
        word_count = [0]
        for it in run:
            word_count.append(word_count[-1] + (not it[2][0].isdigit()))
        k = 0
        while k < len(run):
            if word_count[-1] == word_count[k]:
                break  # only figures from here on
            found = None
            for e in range(_scale_order_limit(run, k), k, -1):
                if word_count[e] == word_count[k]:
                    continue  # figures alone
                words = [m[2] for m in run[k:e]]
                low = [w.lower() for w in words]
                if low[0] in _EN_CONNECTORS and low[0] not in ("a", "an") or low[-1] in _EN_CONNECTORS:
                    continue
                if all(w[0].isdigit() for w in words):
                    continue  # figures alone are read by the number tokenizer
                if words[0][0].isdigit() and len(words) == 2 and low[1] in _EN_SIMPLE_SCALES:
                    continue  # '3 million': the figure reader keeps its scale word
                if words[0][0].isdigit() and len(words) > 2 and low[1] in _EN_SIMPLE_SCALES \
                        and low[2] not in EN_SCALES and low[2] != "and" \
                        and ("." in words[0] or text.startswith("-", run[e - 1][1])):
                    continue  # '2.1 million twenty-foot units': no smaller part follows a decimal or leads a compound
                if any(w[0].isdigit() for w in words) and not any(x in EN_SCALES or x in EN_DOZEN or x in ("over",) for x in low):
                    continue
                if low in (["a"], ["an"]):
                    continue
                if len(low) == 2 and low[0] in ("a", "an") and low[1] in EN_ORDINALS and low[1] not in EN_FRACTION_WORDS \
                        and (nxt := _EN_WORD.match(text, _skip_spaces(text, run[e - 1][1], 1))) and nxt.group(0).lower() != "of":
                    continue   # 'a seventh straight win', 'a third term': an ordinal; 'a third of' is a fraction
                if "and" in low and not _and_composes(low, words):
                    continue
                # words joined by ' - ' are one word when together they are one: fifty - two (not one - fourth)
                joined: list[str] = []
                for idx, m in enumerate(run[k:e]):
                    gap = text[run[k + idx - 1][1]:m[0]] if idx else ""
                    if "-" in gap and joined and _en_vocab(joined[-1] + "-" + m[2].lower()):
                        joined[-1] = joined[-1] + "-" + m[2].lower()
                    else:
                        joined.append(m[2].lower())
                if "over" in low and _EN_WORD.match(text, _skip_spaces(text, run[e - 1][1], 1)) \
                        and run[e - 1][1] < len(text) and text[run[e - 1][1]] == " ":
                    continue  # '$500 million over five years': a span of time, not a fraction
                if joined[-1] in _PERIOD_FRACTIONS and _PERIOD_BEFORE.search(text, max(0, run[k][0] - 16), run[k][0]):
                    continue  # 'the first three quarters', 'the past two halves': periods, not a fraction
                val = parse_en_words(joined)
                if val is not None:
                    found = (e, val, words)
                    break
            if found:
                e, val, words = found
                out.append((run[k][0], run[e - 1][1], val, " ".join(words)))
                k = e
            else:
                k += 1
    return out


def _and_composes(low: list[str], words: list[str]) -> bool:
    """Does 'and' join two parts of one number? Only after a whole number that ends in a scale word,
    before a smaller part ('two billion and 300 million', '3 hundred and 21', 'one thousand and 5'),
    or before a fraction ('one and a half').
    '$1.2 billion and 300 jobs' and '1.2 billion and three hundred' are two numbers."""
    k = low.index("and")
    left, right = low[:k], words[k + 1:]
    if not left or left[0] in EN_SCALES or any("." in w for w in words[:k]) or not right:
        return False   # (a scale word first is the tail of a figure before it: '1.2 [billion and …]')
    value = parse_en_words([w.lower() for w in right]) if not all(w[0].isdigit() for w in right) else None
    if value is None and len(right) == 1 and right[0].replace(",", "").isdigit():
        value = Decimal(right[0].replace(",", ""))
    if value is not None and value < 1:
        return True   # 'one and a half'
    if right[-1].lower() in EN_SCALES and len(right) > 1:
        core = parse_en_words([w.lower() for w in right[:-1]])
        if core is not None and core < 1:
            return True   # 'two and a half million'
        if left[-1] in EN_SCALES and EN_SCALES[right[-1].lower()] > EN_SCALES[left[-1]]:
            return True   # 'two hundred and two thousand': (two hundred and two) thousand
    if left[-1] in EN_TENS and value is not None and value < 10:
        return True   # 'twenty and three'
    return left[-1] in EN_SCALES and value is not None and value < EN_SCALES[left[-1]]


def extract_quantities(text: str, taken: bytearray) -> list[Quantity]:
    """Quantities in `text` (width-folded view) outside the spans marked in `taken`."""
    clocks = _clock_durations(text, taken) + _zh_race_times(text, taken)
    tokens = _number_tokens(text)
    tokens += [(s, e, v, f, "", None, "") for s, e, v, f in _en_word_numbers(text)]
    tokens.sort(key=lambda t: (t[0], -t[1]))
    out: list[Quantity] = []
    last_end = -1
    skip_until = -1
    for idx, (start, end, val, fig, scale_word, rng, approx) in enumerate(tokens):
        if start < max(last_end, skip_until) or taken.find(1, start, end) >= 0:
            continue
        q = _contextualize(text, start, end, val, fig, scale_word, rng, taken, tokens, idx, approx, max(last_end, 0))
        if q is None:
            continue
        if taken.find(1, q.start, q.end) >= 0:
            continue
        out.append(q)
        last_end = q.end
    if clocks:
        out = sorted(out + clocks, key=lambda q: q.start)
    out = _implicit_ones(text, taken, out)
    out = _tallies(text, taken, out)
    out = _score_lines(text, out)
    out = _parts_of_wholes(text, out)
    out = _counts_of_sized(text, out)
    out = _percent_words(text, taken, out)
    out = _ratios(text, out)
    _regional_yuan(text, out)
    return _shared_units(text, _compound_measures(text, out))


_REGIONAL = load("zh", "currencies")["regional_yuan"]
_REGIONAL_NAMES = re.compile("|".join(map(re.escape, longest_first(_REGIONAL["names"]))))
_RENMINBI = re.compile("|".join(map(re.escape, longest_first(_REGIONAL["renminbi"]))))


def _regional_yuan(text: str, out: list[Quantity]) -> None:
    """The plain 元 amounts of a document that names one regional dollar (新臺幣, 港幣: data
    regional_yuan) and never the renminbi are in that dollar: a Taiwanese report's 營收2兆8,943億元
    is NT$2.89 trillion, a mainland one's 2兆 would be the renminbi's."""
    plain = [q for q in out if q.extra and q.extra.pop("plain_yuan", None)]
    if not plain:
        return
    named = {_REGIONAL["names"][m.group(0)] for m in _REGIONAL_NAMES.finditer(text)}
    if len(named) != 1 or _RENMINBI.search(text):
        return
    (local,) = named
    for q in plain:
        if q.unit == "CNY":
            q.unit = local


# h:mm:ss (a time of day too, unless a cue says it was taken), or m:ss with fractions of a second
# (3:58.85: a clock reading never has them, a race time does)
CLOCK_DURATION = re.compile(r"(?<![\d:.])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                            r"|(?P<m2>\d{1,2}):(?P<s2>[0-5]\d)\.(?P<f2>\d{1,3}))(?![\d:]|\.\d)")


def _clock_durations(text: str, taken: bytearray) -> list[Quantity]:
    """A time taken written as a clock reading ('won in 2:00:35', 'a time of 2:11:53'): a duration
    in hours, its span marked taken (the date pass leaves such readings alone, dates._times_pass)."""
    out: list[Quantity] = []
    if ":" not in text:
        return out
    for m in fast_finditer(CLOCK_DURATION, text):
        if taken.find(1, m.start(), m.end()) >= 0 or not (m.group("f") or m.group("f2") or clock_duration(text, m.start())) \
                or RATIO_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue   # (the ratio was 1:10.5: no time)
        if m.group("h"):
            secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
            si = Decimal(secs) + (Decimal("0." + m.group("f")) if m.group("f") else Decimal(0))
            num, unit = si / 3600, "h"
        else:   # minutes and seconds: stated in seconds
            num = si = int(m.group("m2")) * 60 + int(m.group("s2")) + Decimal("0." + m.group("f2"))
            unit = "s"
        out.append(Quantity(kind="measure", start=m.start(), end=m.end(), num=num, unit=unit,
                            figure=m.group(0), si=si, dimension="duration"))
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return out


# a Chinese race time, read whole: minutes and seconds (3分26秒88, 1分14秒) or seconds with
# hundredths (46秒92); not the parts of a compound after 小时 (2小时05分48秒 is one measure,
# _compound_measures); seconds alone (31秒) are a unit of the units table
_ZH_RACE_TIME = re.compile(
    r"(?<![\d.:时時分])(?:(?P<m>\d{1,3})分(?P<s>[0-5]?\d)秒(?:(?P<f>\d{1,3})|[钟鐘])?|(?P<s2>\d{1,3})秒(?P<f2>\d{1,3}))"
    r"(?![\d.])")


def _zh_race_times(text: str, taken: bytearray) -> list[Quantity]:
    """A time taken written in Chinese sports copy (以46秒92夺冠, 以3分26秒88夺冠, 领先1分14秒): a
    duration in seconds, its span marked taken, as a clock reading in English ('3:26.88') is."""
    out: list[Quantity] = []
    if "秒" not in text:
        return out
    for m in fast_finditer(_ZH_RACE_TIME, text):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        if m.group("m"):
            whole, frac = int(m.group("m")) * 60 + int(m.group("s")), m.group("f")
            parts: tuple[str, ...] = (m.group("m"), m.group("s") + ("." + frac if frac else ""))
        else:
            whole, frac, parts = int(m.group("s2")), m.group("f2"), ()
        si = Decimal(whole) + (Decimal("0." + frac) if frac else Decimal(0))
        out.append(Quantity(kind="measure", start=m.start(), end=m.end(), num=si, unit="s",
                            figure=m.group(0), si=si, dimension="duration",
                            extra={"parts": parts} if parts else None))
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return out


_EN_NUMBERS = load("en", "numbers")
_RATIO_JOINERS = longest_first(_EN_NUMBERS.get("ratio_joiners", []))
# a joiner inside a hyphenated compound (a one-in-three chance, a one-out-of-five risk)
_HYPHENED_JOINERS = "|".join(re.escape(w).replace(r"\ ", "-") for w in _RATIO_JOINERS)
_RATIO_JOINT = re.compile(r"[ ]{1,2}(?:%s)[ ]{1,2}|-(?:%s)-" % (
    "|".join(re.escape(w).replace(r"\ ", "[ ]{1,2}") for w in _RATIO_JOINERS), _HYPHENED_JOINERS), re.I)
_HYPHEN_RATIO_JOINT = re.compile(r"(?:%s)-" % _HYPHENED_JOINERS, re.I)


# a figure that ends a range or a choice ('5 to 10 in 100', '1 or 2 in 10') is no share's numerator,
# one that starts one ('one in 3-4 hours', 'one in six or eight') no share's group
_RATIO_RANGE_BEFORE = re.compile(r"[ ]{0,2}(?:%s)[ ]{0,2}" % "|".join(
    map(re.escape, longest_first(_EN_NUMBERS.get("ratio_range_joiners", [])))), re.I)


_RATIO_NOT_AFTER = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}$" % "|".join(
    map(re.escape, longest_first(_EN_NUMBERS.get("ratio_not_after", [])))), re.I)


def _ratios(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'one in five adults', '4 out of 10 voters': a share of a group (0.2 of adults), one claim
    instead of two unrelated figures. Both figures are whole, the first smaller than the second;
    a group that is a measure ('2 in 5 minutes'), a year ('50,000 in 2020') or qualified is left
    alone, and so is a place in a ranking ('the top eight in 17 events'). A qualified share keeps
    its qualifier, its interval that of the first figure over the group: 'about 4 in 10' =
    [0.35, 0.45], 'nearly one in three' = [0, 1/3]."""
    if len(qs) < 2:
        return qs
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        b = qs[i + 1] if i + 1 < len(qs) else None
        if b is not None and a.kind == "number" and b.kind in ("number", "count") \
                and (not a.qualifier or a.low is not None and a.high is not None and a.qualifier != "range") \
                and not b.qualifier and not a.scale_word and not b.scale_word and not a.unit and not b.unit \
                and a.num == a.num.to_integral_value() and b.num == b.num.to_integral_value() \
                and 0 < a.num < b.num and not (b.figure.isdigit() and len(b.figure) == 4 and 1800 <= b.num <= 2199) \
                and _RATIO_JOINT.fullmatch(text, a.end, b.start) \
                and not _RATIO_NOT_AFTER.search(text, max(0, a.start - 12), a.start) \
                and not (out and out[-1].kind == "number" and _RATIO_RANGE_BEFORE.fullmatch(text, out[-1].end, a.start)) \
                and not (b.kind == "number" and i + 2 < len(qs) and _RATIO_RANGE_BEFORE.fullmatch(text, b.end, qs[i + 2].start)):
            group = b.num
            b.num = a.num / group
            if a.qualifier:
                b.qualifier, b.low, b.high = a.qualifier, a.low / group, a.high / group  # type: ignore[operator]
            b.figure = text[a.start:b.start] + b.figure  # '1 in 5', as the words 'one out of five'
            b.start = a.start
            out.append(b)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# the unit words alone (every match holds one): a cheap test of a whole text before the full pattern
_EN_IMPLICIT_UNIT = re.compile("|".join(map(re.escape, longest_first(_EN_NUMBERS["implicit_one_units"]))), re.I)
_EN_IMPLICIT_ONE = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}(?P<u>%s)(?![A-Za-z])" % (
    "|".join(re.escape(w).replace(r"\ ", "[ ]{1,2}") for w in longest_first(_EN_NUMBERS["implicit_one_before"])),
    "|".join(map(re.escape, longest_first(_EN_NUMBERS["implicit_one_units"])))), re.I)


_ZH_PERCENT_WORDS = {k: Decimal(str(v)) for k, v in dict(_ZH_NUMBERS["percent_words"]).items()}
_ZH_PERCENT_WORD_RX = re.compile("(%s)(?!%s)" % ("|".join(map(re.escape, longest_first(_ZH_PERCENT_WORDS))),
                                                   "|".join(map(re.escape, _ZH_NUMBERS["percent_words_not_before"]))))


# what every tally holds (a cheap test of a whole text before the full pattern)
_TALLY_SCORE = re.compile(r"\d[ ]?[-–][ ]?\d")
_TALLY = re.compile(r"(?<![\w.,/-])(?P<a>\d{1,3})[ ]?[-–][ ]?(?P<b>\d{1,3})(?![\w.,/-])[ ](?P<noun>%s)(?![A-Za-z])"
                    # 'the court voted 6-1', 'ruled 5-4': a verb of voting before the tally
                    r"|\b(?P<verb>%s)[ ]{1,2}(?:by[ ]{1,2})?(?P<a2>\d{1,3})[ ]?[-–][ ]?(?P<b2>\d{1,3})(?![\w/%%-]|[.,]\d)" % (
                        "|".join(map(re.escape, longest_first(_EN_NUMBERS["tally_nouns"]))),
                        "|".join(map(re.escape, longest_first(_EN_NUMBERS["tally_verbs"])))), re.I)


def _tallies(text: str, taken: bytearray, qs: list[Quantity]) -> list[Quantity]:
    """'a 5-2 vote', 'voted 6-1': a tally, not a range; it counts the majority's votes (5), and keeps
    both sides in extra (tally = (5, 2))."""
    if not _TALLY_SCORE.search(text):
        return qs  # no 'a-b' written anywhere
    found = [m for m in fast_finditer(_TALLY, text) if not any(taken[m.start():m.end()])
             and int(m.group("a") or m.group("a2")) >= int(m.group("b") or m.group("b2"))]
    if not found:
        return qs
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]

    def inside_tally(q: Quantity) -> bool:
        i = bisect.bisect_left(starts, q.end)  # the tallies starting before q ends; the last may overlap it
        return i > 0 and ends[i - 1] > q.start

    kept = [q for q in qs if not inside_tally(q)]
    for m in found:
        ga, gb = ("a", "b") if m.group("a") else ("a2", "b2")
        a, b = int(m.group(ga)), int(m.group(gb))
        kept.append(Quantity(kind="count", start=m.start(ga), end=m.end(), num=Decimal(a), figure=m.group(ga),
                             noun="vote", low=None, high=None, extra={"tally": (a, b)}))
    return sorted(kept, key=lambda q: q.start)


# a line of set or game scores: two or more a-b pairs in a row ('6-4, 3-6, 7-5', '6-4、3-6、7-5')
_SCORE_LINE = re.compile(r"(?<![0-9A-Za-z.,/-])\d{1,2}[-–]\d{1,2}(?:(?:,[ ]?|、|，|[ ])\d{1,2}[-–]\d{1,2})+"
                         r"(?![0-9A-Za-z/%-]|[.,]\d)")
_SCORE_PAIR = re.compile(r"(\d{1,2})[-–](\d{1,2})")
_LONE_SCORE = re.compile(r"\b(?:%s)[ ]{1,2}(?P<s>(?P<a>\d{1,2})[-–](?P<b>\d{1,2}))(?![0-9A-Za-z/%%-]|[.,]\d|[ ]?(?:million|billion|thousand|percent|per)\b)" % (
    "|".join(_EN_NUMBERS["score_verbs"])), re.I)


def _score_lines(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'beat Kraus 6-4, 3-6, 7-5': the scores of sets or games, not ranges nor figures of a fact. A
    line of pairs where some pair falls (6-4) is scores; a list of rising pairs stays ranges (ages
    18-24, 25-34)."""
    if not _TALLY_SCORE.search(text):
        return qs
    lines = [m.span() for m in _SCORE_LINE.finditer(text)
             if any(int(a) > int(b) for a, b in _SCORE_PAIR.findall(m.group(0)))]
    # a lone score after a verb of a game ('trailed 5-4'), the leading side's first (ties too)
    lines += [m.span("s") for m in _LONE_SCORE.finditer(text) if int(m.group("a")) >= int(m.group("b"))]
    if not lines:
        return qs
    return [q for q in qs if not any(s < q.end and q.start < e for s, e in lines)]


_PART_OF = re.compile(r"[ ]of[ ](?:the|its|their|all)[ ]")


def _parts_of_wholes(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'won 38 of the 101 seats', '12 of its 40 stores': the part counts what the whole counts."""
    for a, b in zip(qs, qs[1:]):
        if a.kind == "number" and not a.noun and b.kind == "count" and b.noun and a.low is None \
                and (m := _PART_OF.match(text, a.end)) and m.end() == b.start:
            a.kind, a.noun = "count", b.noun
    return qs


def _counts_of_sized(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'four 425-megawatt units', 'two 600 MW reactors': a number before a measure of size counts
    the plural noun after the measure (the measure says how large each is), as 4台42.5万千瓦机组 does."""
    for a, b in zip(qs, qs[1:]):
        if a.kind == "number" and not a.noun and a.low is None and b.kind == "measure" and text[a.end:b.start] == " " \
                and text[b.end:b.end + 1] == " " and text[b.end + 1:b.end + 2].isalpha():
            noun, after = _en_noun(text, b.end)
            if noun and text[after - 1:after] == "s":
                a.kind, a.noun = "count", noun
    return qs


def _overlaps(qs: list[Quantity], start: int, end: int) -> bool:
    """Does [start, end) overlap one of `qs` (sorted by start, not overlapping each other)?"""
    i = _bisect_starts(qs, end)
    return i > 0 and qs[i - 1].end > start


def _bisect_starts(qs: list[Quantity], x: int) -> int:
    lo, hi = 0, len(qs)
    while lo < hi:
        mid = (lo + hi) // 2
        if qs[mid].start < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


_ZH_PERCENT_WORDS_AFTER = {k: longest_first(v) for k, v in dict(_ZH_NUMBERS.get("percent_words_only_after", {})).items()}


def _percent_words(text: str, taken: bytearray, qs: list[Quantity]) -> list[Quantity]:
    """打对折 = 50%, 半成 = 5%, 百分之百 = 100%: shares stated in words without a figure."""
    extra = []
    for m in fast_finditer(_ZH_PERCENT_WORD_RX, text):
        if any(taken[m.start():m.end()]) or _overlaps(qs, m.start(), m.end()):
            continue
        after = _ZH_PERCENT_WORDS_AFTER.get(m.group(1))
        if after is not None and not _ends_with_any(text, m.start(), after):
            continue  # 对折 without 打: folded in two
        extra.append(Quantity(kind="percent", start=m.start(), end=m.end(), num=_ZH_PERCENT_WORDS[m.group(1)],
                              unit="%", dimension="%", figure=m.group(1)))
    if not extra:
        return qs
    return sorted(qs + extra, key=lambda q: q.start)


def _implicit_ones(text: str, taken: bytearray, qs: list[Quantity]) -> list[Quantity]:
    """'a decade', 'within the next decade': one of a unit stated without a figure (1 decade = 10 years)."""
    extra = []
    for m in fast_finditer(_EN_IMPLICIT_ONE, text) if _EN_IMPLICIT_UNIT.search(text) else ():
        if any(taken[m.start():m.end()]) or _RELATIVE_AFTER_DURATION.match(text, m.end()) \
                or _overlaps(qs, m.start(), m.end()):
            continue  # 'a decade ago' is a time, not a span
        sym, factor, dim = UNITS[m.group("u").lower()]
        extra.append(Quantity(kind="measure", start=m.start(), end=m.end(), num=Decimal(1), unit=sym,
                              si=Decimal(str(factor)), dimension=dim, figure=""))
    if not extra:
        return qs
    return sorted(qs + extra, key=lambda q: q.start)


_LIST_JOINT = re.compile(r"[ ]{1,2}(?:and|or)[ ]{1,2}|[ ]?(?:,|、|和|与|與|及|或)[ ]?(?:and[ ]{1,2}|or[ ]{1,2})?")


_LIST_OR_AND = re.compile(r"\b(?:and|or)\b")


def _listed_before(text: str, qs: list[Quantity], i: int) -> bool:
    """Is figure i itself the second item of a list (another figure joined to it before)?"""
    if i == 0:
        return False
    joint = _LIST_JOINT.match(text, qs[i - 1].end)
    return joint is not None and joint.end() == qs[i].start


def _shared_units(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'60 million and 200 million yuan', '5, 6 and 7 percent', '3亿和5亿美元': the unit written after
    the last figure of a list belongs to each figure before it written with the same scale word."""
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        if a.kind != "number" or b.kind not in ("money", "percent", "measure") or a.scale_word != b.scale_word \
                or not b.figure or not text.startswith(b.figure, b.start) or not b.num:
            continue
        joint = _LIST_JOINT.match(text, a.end)
        if joint is None or joint.end() != b.start or (not a.scale_word and a.figure.isdigit() and len(a.figure) == 4):
            continue  # 'in 2019 and 5 percent': a year stays a year
        if "," in joint.group(0) and _LIST_OR_AND.search(joint.group(0)) and not _listed_before(text, qs, i):
            continue  # '1,032,000, or 3.8% of the total' restates a figure; a list is '5, 6, or 7 percent'
        a.kind, a.unit, a.dimension = b.kind, b.unit, b.dimension
        if b.si is not None:
            a.si = a.num * (b.si / b.num)
    return qs


_SPEED_AFTER = {k: Decimal(v) for lang in ("en", "zh") for k, v in dict(load(lang, "units")["speed_after"]).items()}
_SPEED_AFTER_KEYS = longest_first(_SPEED_AFTER)
_SPEED_BEFORE = {k: Decimal(v) for k, v in dict(load("zh", "units")["speed_before"]).items()}
_SPEED_BEFORE_RX = re.compile("(%s)(?:%s){0,2}$" % (
    "|".join(map(re.escape, longest_first(_SPEED_BEFORE))),
    "|".join(map(re.escape, longest_first(load("zh", "units")["speed_before_gap"]["words"])))))
_SPEED_SYMBOLS = dict(load("en", "units")["speed_symbols"])
_SPEED_FACTORS = {sym: Decimal(str(f)) for sym, f, dim in UNITS.values() if dim == "speed"}


def _as_speed(q: Quantity, text: str, start: int, pos: int) -> int:
    """A length per unit of time is a speed: after the length (350 km per hour, 100 miles an hour,
    45米每秒) or, in Chinese, before the number (设计时速350公里, 每秒45米). Returns the end of what
    was read. A speed that has a unit of its own is given in it (100 miles an hour = 100 mph), so
    that it compares equal to one written that way."""
    per = _match_any(text, pos, _SPEED_AFTER_KEYS, ignore_case=True, word=True)
    if per is not None:
        secs = _SPEED_AFTER[per]
        pos += len(per)
    else:
        m = _SPEED_BEFORE_RX.search(text, max(0, start - 8), start)
        if m is None:
            return pos
        secs = _SPEED_BEFORE[m.group(1)]
    sym = f"{q.unit}/{_TIME_SYMBOLS[secs]}"
    sym = _SPEED_SYMBOLS.get(sym, sym)
    q.unit, q.dimension = sym, "speed"
    factor = _SPEED_FACTORS.get(sym)
    q.si = q.num * factor if factor is not None else q.si / secs
    return pos


_UNITS_BEFORE = {k.lower(): v for k, v in dict(load("en", "units")["units_before"]).items()}
_UNIT_BEFORE_RX = re.compile(r"\b(%s)(?:[ -]|[ ]of[ ])$" % "|".join(map(re.escape, longest_first(_UNITS_BEFORE))), re.I)


def _unit_before(q: Quantity, text: str, start: int) -> None:
    """A unit written before its number (a magnitude 6.8 earthquake, a magnitude of 7.0)."""
    m = _UNIT_BEFORE_RX.search(text, max(0, start - 16), start)
    if m is not None:
        sym, factor, dim = UNITS[_UNITS_BEFORE[m.group(1).lower()]]
        q.kind, q.unit, q.dimension = "measure", sym, dim
        q.si = q.num * Decimal(str(factor))


_TIME_SYMBOLS = {Decimal(1): "s", Decimal(60): "min", Decimal(3600): "h"}


# a Chinese numeral and a unit right after a duration: the smaller part of a compound (一年六个月)
# (the units: the Chinese durations shorter than a year, compound parts included)
_ZH_SMALLER_PART = re.compile(r"(?:零|又)?[0-9%s十]{1,3}(?:%s)" % (
    "".join(ZH_DIGITS), "|".join(map(re.escape, longest_first(
        [w for w, (_, f, dim) in {**UNITS, **dict(load("zh", "units")["compound_units"])}.items()
         if dim == "duration" and not w.isascii() and f < UNITS["年"][1]])))))
# (零 and 又 join the parts of a Chinese term as 'and' does: 7年零8个月, 一年又三个月)
_COMPOUND_GAP = re.compile(r",?[ ]{1,2}(?:and[ ]{1,2})?|[零又]?")
_COMPOUND_UNITS = {**UNITS, **dict(load("en", "units")["compound_units"]), **dict(load("zh", "units")["compound_units"])}
_COMPOUND_KEYS = longest_first(_COMPOUND_UNITS)


def _compound_measures(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'5 feet 2 inches', '12 ft 2 in', '3 kg 200 g': a measure and a smaller unit of its dimension
    right after it are one measure, in the first unit (5 feet 2 inches = 5.1667 ft)."""
    out: list[Quantity] = []
    skip = -1
    for k, q in enumerate(qs):
        if k == skip:
            continue
        a = out[-1] if out else None
        if a is None or a.kind != "measure" or not a.num or a.si is None or a.qualifier or q.qualifier \
                or q.kind not in ("measure", "number", "count") or q.num < 0 or ":" in a.figure:
            # (a clock reading is whole to the second: '2:21:07, 1 minute 14 seconds ahead' states two)
            out.append(q)
            continue
        gap = _COMPOUND_GAP.match(text, a.end)
        q_start = q.start
        if gap is not None and gap.end() > a.end and q.start == a.end:
            # the joining 零 read as a figure of its own (7年|零|8个月), or as the start of the smaller
            # part (三年|零六个月): the part after the joint is what counts
            nxt = qs[k + 1] if k + 1 < len(qs) else None
            if q.end == gap.end() and q.kind == "number" and nxt is not None and nxt.start == gap.end() \
                    and nxt.kind == "measure" and nxt.dimension == a.dimension and not nxt.qualifier:
                skip, q, q_start = k + 1, nxt, nxt.start
            elif q.end > gap.end() and q.kind == "measure":
                q_start = gap.end()
        if gap is None or gap.end() != q_start:
            out.append(q)
            continue
        end, factor = q.end, None
        if q.kind == "measure" and q.dimension == a.dimension and q.si is not None and q.num:
            factor = q.si / q.num
        elif q.kind in ("number", "count") and not q.scale_word and text.startswith(q.figure, q.start):
            p = _skip_spaces(text, q.start + len(q.figure), 1)
            u = _match_any(text, p, _COMPOUND_KEYS, word=True)
            if u and _COMPOUND_UNITS[u][2] == a.dimension:
                factor, end = Decimal(str(_COMPOUND_UNITS[u][1])), p + len(u)
        big = a.si / a.num
        if factor is None or not factor < big:
            out.append(q)
            continue
        a.num += q.num * factor / big
        a.si = a.num * big
        a.end = end
        # the figures as written, one per part: a slip of the digits across parts (2 hours 41
        # minutes for 2 hours 14) shows in them, not in the value (2.6833 h against 2.2333 h)
        parts = (a.extra or {}).get("parts") or (a.figure,)
        a.extra = {**(a.extra or {}), "parts": (*parts, q.figure)}
    return out


# patterns of the suffix scan, compiled once (re.match with flags pays for the flag arithmetic every call)
_INDIAN_SCALES = tuple(load("en", "numbers")["indian_scale_words"]["words"])
_EN_SCALE_AFTER = re.compile(r"([ ]{0,2})(%s|trillions?|billions?|millions?|thousand|bn|bln|tn|tln|trn|mn|mln|mil|MM|m|b|k|G)(?![A-Za-z])"
                             % "|".join(re.escape(w).replace(r"\ ", " ") for w in longest_first(_INDIAN_SCALES)), re.I)
_EN_WHOLE_SCALE_WORDS = frozenset(("trillion", "trillions", "billion", "billions", "million", "millions", "thousand",
                                   "bn", "tn", "tln", "mn", "bln", "trn", "mln", *_INDIAN_SCALES))
_LETTER_SCALES = load("en", "numbers")["letter_scales"]
_LETTERS_ATTACHED = frozenset(_LETTER_SCALES["attached"])
_LETTERS_SPACED = frozenset(_LETTER_SCALES["spaced"])
_CLAUSE_ENDS_AFTER = re.compile(r"[ ]{0,2}(?:$|[.,;:!?)\]])(?![0-9])")


def _letter_scale(text: str, pos: int, m: re.Match[str], fig: str) -> bool:
    """A scale letter with no currency (see en numbers.toml [letter_scales])."""
    w = m.group(2)
    if not m.group(1):
        if w == "m":
            # '1.2m barrels', '3m people': millions of a plural noun; '2m tall', 'a 2m wall' and 'the
            # 400m hurdles' are metres
            return bool(_M_MILLION_AFTER.match(text, pos + m.end())) and not _THE_BEFORE.search(text, max(0, pos - len(fig) - 5), pos - len(fig))
        return w in _LETTERS_ATTACHED and not (w == _LETTER_SCALES["generation"] and fig.isdigit() and len(fig) == 1)
    return w in _LETTERS_SPACED and bool(_CLAUSE_ENDS_AFTER.match(text, pos + m.end()))
_M_MILLION_AFTER = re.compile(r"[ ]%s(?!(?:plus|thus)\b)(?:[a-z]{2,}[^s\W]s|%s)(?![A-Za-z])" % (
    not_a_stop_word(), "|".join(_LETTER_SCALES["m_before_plurals"])))
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the\s+$", re.I)
_PERCENT_SUFFIX_ZH_FIRSTS = {w[0] for w, _, _ in PERCENT_SUFFIX_ZH}
_EN_SCALE_STARTS = frozenset(" tTbBmMkKG" + "".join(w[0] + w[0].upper() for w in _INDIAN_SCALES))
_OF_ANOTHER_AFTER = re.compile(r"\s(?:of|another)\b")
_OF_A_AFTER = re.compile(r" of an? ")
# rates per thousand and more: after an amount of money ('$50 per 1,000 litres') they are a price's unit
_RATE_WORDS = frozenset(load("zh", "numbers")["rate_suffix"]) | frozenset(load("en", "numbers")["rate_suffix"])
_RATE_THEN = longest_first(load("zh", "numbers")["rate_suffix_then"])


def _unit_goes_on(text: str, at: int) -> bool:
    """A Chinese character after a rate's scale that makes it part of a unit (100/千克, 100/万元),
    not the people it is counted against (3.2/10万人)."""
    return _is_cjk(text[at:at + 1]) and not any(text.startswith(w, at) for w in _RATE_THEN)


_DIGIT_GROUP_GOES_ON = re.compile(r"[,.]?\d")   # 'per 1,000' is no rate of 'per 1,000,000'
_PERCENT_SUFFIX_EN_FIRSTS = {w[0] for w, _, _ in PERCENT_SUFFIX_EN}


_UNIT_HOMONYMS = {w.lower(): re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, cues)), re.I)
                  for w, cues in dict(load("en", "currencies").get("unit_homonyms", {})).items()}


_VERB_HOMONYMS = {w.lower(): (Decimal(str(v["below"])), re.compile(r"[ ]{1,2}(?:%s)(?![A-Za-z])" % "|".join(
    map(re.escape, longest_first(v["after"]))), re.I)) for w, v in dict(load("en", "currencies").get("verb_homonyms", {})).items()}


def _verb_homonym(text: str, word: str, at: int, q: Quantity) -> bool:
    """Is the currency word at `at` the verb it is spelt like ('the nine won in Beijing')? Only for a
    small amount without a scale word (en currencies.toml [verb_homonyms])."""
    got = _VERB_HOMONYMS.get(word.lower())
    return bool(got) and not q.scale_word and q.num is not None and q.num < got[0] \
        and got[1].match(text, at + len(word)) is not None


# 'of' and a word after a homonym of a unit: '40,000 pounds of cargo' (not 'of sterling', 'of it')
_OF_A_THING = re.compile(r"[ ]of[ ](?!(?:%s)\b)[a-z]" % "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in longest_first(load("en", "currencies")["unit_homonyms_money_of"]["words"])))


_AGES = load("en", "units")["ages"]
AGE_NOUN = CLASSIFIERS[_AGES["noun_of"]]   # 'year of age', the gloss of 岁
_EN_AGE_AFTER = re.compile(r"(?:%s)(?![A-Za-z])" % "|".join(map(re.escape, longest_first(_AGES["after"]))), re.I)
# 'aged 5 to 12 years': the figure opens a range, read whole by the range pass
_RANGE_GOES_ON = re.compile(r"\s{0,2}(?:to|-|–|and)\s{0,2}\d", re.I)
_EN_AGE_COMPARED = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}$" % "|".join(map(re.escape, longest_first(_AGES["before_units"]))), re.I)
# the age news writes between commas after a name: 'Yang Yiming, 23, added the slopestyle gold'
# (the name's last word right before, a clause going on in lower case after)
_EN_AGE_APPOSITION_BEFORE = re.compile(r"(?<![A-Za-z])(?P<w>[A-Z][a-z'’-]+),[ ]$")
_EN_AGE_APPOSITION_AFTER = re.compile(r",[ ]{1,2}[a-z]")
_CAPITALIZED_WORD_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z'’-]+[ ]$")
_LIST_ITEM_BEFORE = re.compile(r"\d,?[ ](?:and[ ])?$")
_LIST_ITEM_AFTER = re.compile(r",[ ]{1,2}(?:and[ ]{1,2})?[A-Z][a-z'’-]+,[ ]{1,2}\d")


def _apposed_age(text: str, start: int, pos: int, val: Decimal, fig: str) -> bool:
    """Is the whole figure between commas after a name an age ('Zhou Lan, 35, said')? Not after a
    month or weekday ('In March, 12, …' is no one's age)."""
    if not (fig.isdigit() and 1 <= val <= 120 and _EN_AGE_APPOSITION_AFTER.match(text, pos)):
        return False
    m = _EN_AGE_APPOSITION_BEFORE.search(text, max(0, start - 30), start)
    if m is None or m.group("w").lower() in EN_MONTHS or m.group("w").lower() in EN_WEEKDAYS:
        return False
    # a list of one-word names and their figures is no list of people's ages: 'medals went to
    # Germany, 12, France, 9, and Spain, 7' (a person's age comes after a full name: 'Lukas Berg, 28')
    w = m.start("w")
    one_word = _CAPITALIZED_WORD_BEFORE.search(text, max(0, w - 30), w) is None
    return not (one_word and (_LIST_ITEM_BEFORE.search(text, max(0, w - 12), w) or _LIST_ITEM_AFTER.match(text, pos)))


_EN_AGED_BEFORE = re.compile(r"(?<![A-Za-z])(?:%s)[ ]{1,2}$" % "|".join(map(re.escape, longest_first(_AGES["before"]))), re.I)


_DOLLAR_COUNTRIES = [(code, re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, words))))
                     for code, words in load("en", "currencies")["dollar_countries"].items()]


@functools.lru_cache(maxsize=8)
def _dollar_countries(text: str) -> tuple[str, ...]:
    """The dollars other than the US dollar a bare '$' of the text may be: those of the countries it
    names (en currencies.toml [dollar_countries]). Once per text (a string keeps its hash: a text
    of many bare dollars is not searched again for each)."""
    return tuple(code for code, rx in _DOLLAR_COUNTRIES if rx.search(text))


def _contextualize(text, start, end, val, fig, scale_word, rng, taken, tokens, idx, approx="", floor=0) -> Quantity | None:
    zh_numeral = bool(fig) and not fig[0].isdigit() and any("\u4e00" <= c <= "\u9fff" for c in fig)
    en_words = bool(fig) and fig[0].isalpha() and fig.isascii()
    mult = Decimal(1)
    if scale_word:
        for ch in scale_word:
            mult *= ZH_BIG.get(ch) or ZH_SMALL.get(ch) or 1
    q = Quantity(kind="number", start=start, end=end, num=val, figure=fig, scale_word=scale_word)
    if rng:
        q.low, q.high, q.qualifier = rng[0], rng[1], "range"
    pos = end
    currency = ""
    percent_mult: Decimal | None = None
    # ---- prefix: currency symbols, 人民币, 百分之, 第, qualifiers
    pre = _back_spaces(text, start, 1)
    sym = _ends_with_any(text, pre, _SYM_KEYS, ignore_case=True)
    if sym and (pre - len(sym) < floor or sym[0].isalpha() and pre - len(sym) > 0 and text[pre - len(sym) - 1].isalnum()):
        sym = None  # the symbol ends a quantity before ('10 rmb 20 usd') or is the tail of a word (MAUD)
    # a scaled code (MAUD) ends with a letter, right before the figure or a space or line end before it
    c_end = pre - 1 if text[pre - 1:pre] == "\n" else pre
    scaled = None if sym or not (text[c_end - 1:c_end].isalpha() or text[c_end - 1:c_end] == " " and text[c_end - 2:c_end - 1].isalpha()) \
        else _SCALED_CODE_BEFORE.search(text, max(floor, pre - 6), pre)
    if sym:
        currency = EN_CUR_SYM[sym]
        q.start = pre - len(sym)
        if sym == "$":   # a dollar of no stated country: USD by default, but an Australian report's too
            q.extra = {**(q.extra or {}), "bare_dollar": _dollar_countries(text)}
    elif scaled and pre < start:
        currency = scaled.group(2)  # MAUD 60 = 60 million AUD
        q.num = val = val * _SCALED_PREFIX[scaled.group(1)]
        q.start = scaled.start()
    else:
        zp = _ends_with_any(text, start, _ZH_CUR_PREFIX_KEYS)
        if zp:
            currency = ZH_CUR_PREFIX[zp]
            q.start = start - len(zp)
    pm = _PERCENT_PREFIX.search(text, max(0, start - 12), start) if "之" in text[max(0, start - 4):start] else None
    if pm and not (pm.start() > 0 and (text[pm.start() - 1] in _ZH_ALL or text[pm.start() - 1].isdigit())):
        # 百分之五十 = 50%, 千分之三 = 0.3%, 万分之三 = 0.03%
        den = Decimal(1)
        for ch in pm.group(1):
            den *= ZH_BIG.get(ch) or ZH_SMALL[ch]
        percent_mult = Decimal(100) / den
        q.kind, q.unit, q.dimension = "percent", "%", "%"
        q.num = val = val * percent_mult
        q.start = pm.start()
    if start >= 1 and text[start - 1] == "第" or start >= 2 and text[start - 2:start] in ("No", "第 "):
        return None  # ordinals and numbered items are identifiers (extracted elsewhere)
    if text[start - 1:start] == " " and _RATE_BASE_BEFORE.search(text, max(0, start - 6), start):
        return None  # 'per 1,000 people': the base of a rate
    if zh_numeral and start and text[start - 1] in _ZH_VAGUE_PREFIX and fig[0] in _ZH_UNITS:
        return None  # 几十个国家, 数十亿年: 'tens of', 'billions of' state no checkable figure
    na = _NOT_QUANTITY_AFTER.match(text, end) if not scale_word else None
    if na and (na.group(0)[-1:] not in "sS" or na.group(0).lower() in ("s", "'s") and fig.isdigit() and val % 10 == 0 and val >= 10):
        return None  # the 27th floor, 19世纪, 80年代, the 1800s, the '80s: ordinals, centuries and decades are no quantities
    if en_words and fig.lower() in _BARE_HALF and _HALF_OF.match(text, end) and not _EN_QUALIFIED_BEFORE.search(text, max(0, start - 14), start):
        return None  # 'half of the people': a share in words, too vague to check
    lone_ok = False
    if zh_numeral and len(fig) == 1 and not rng and percent_mult is None:
        # a lone 一/三 is a number only when a classifier, unit or 成 follows (一致, 统一 are words)
        nxt = text[end:end + 3]
        prev = text[start - 1] if start else ""
        bound = _match_any(text, end, _ZH_QSUF)
        if _ZH_RANGE_NEXT.match(text, end):
            lone_ok = True  # 一到五个: the first bound of a range
        elif bound and ZH_QUAL_SUF[bound] in ("min", "max", "over", "under") and (
                _match_any(text, end + len(bound), _CLS_KEYS) or _match_any(text, end + len(bound), _UNIT_KEYS)):
            lone_ok = True  # 一以上个苹果, 三以下名: a bound, then what it counts
        elif fig in _ZH_FIN:
            if not (_match_any(text, end, _UNIT_KEYS) or _match_any(text, end, _ZH_CUR_KEYS) or text[end:end + 1] in _MULT_SUFFIX):
                return None  # 大陆, 队伍, 收拾: a financial digit alone is a word
        elif not (_match_any(text, end, _CLS_KEYS) or _match_any(text, end, _UNIT_KEYS) or (nxt[:1] and nxt[0] in "成倍%折打")
                  or _match_any(text, end, _ZH_CUR_KEYS)):
            isolated = not _is_cjk(prev) and not _is_cjk(nxt[:1])
            if fig not in ZH_DIGITS and fig not in "十拾" or fig == "一" and not isolated:
                return None
            enumeration = nxt[:1] == "是" and (not prev or not _is_cjk(prev))  # 一是…二是…三是
            if _is_cjk(nxt[:1]) and (nxt[:1] not in _LONE_FOLLOW or enumeration):
                return None
            lone_ok = True
        if fig == "一" and not lone_ok and nxt[:1] in ("些", "样", "切", "直", "定", "般", "起", "旦", "致", "方", "面", "体", "同", "再", "向", "边", "道"):
            return None
    # ---- suffix: Chinese approx marker, scale, percent, currency, unit, classifier
    approx_suffix = approx
    if text[pos:pos + 1] in ("多", "余", "餘") and (text[pos + 1:pos + 2] in ZH_BIG or _match_any(text, pos + 1, _CLS_KEYS)
                                                  or _match_any(text, pos + 1, _ZH_CUR_KEYS) or _match_any(text, pos + 1, _UNIT_KEYS)):
        approx_suffix = "over"
        pos += 1
    if text[pos:pos + 1] in ZH_BIG and not scale_word and not zh_numeral:
        pass
    if text[pos:pos + 1] in _MULT_SUFFIX and (zh_numeral or fig[:1].isdigit()):
        # 一打 = 12, 五十打 = 600
        q.num = val = val * _MULT_SUFFIX[text[pos]]
        pos += 1
        lone_ok = True
    p1 = _skip_spaces(text, pos, 1)
    tenths = _match_any(text, p1, _TENTHS_KEYS)
    two_digits = bool(tenths) and len(fig.replace(" ", "")) == 2 and all(c in ZH_DIGITS or c.isdigit() for c in fig.replace(" ", ""))
    if tenths and (0 < val <= 10 or two_digits and tenths != "成") and (zh_numeral or fig[:1].isdigit()) and not fig.startswith("0") \
            and not _match_any(text, p1 + len(tenths), _TENTHS_NOT[tenths]) and percent_mult is None and not scale_word:
        # 九成 = 90%, 8.5折 = 85%, 五五折 = 55%; 七成六 = 76%, 三成半 = 35%
        factor = Decimal(str(_TENTHS[tenths]))
        digits = fig.replace(" ", "")
        if tenths != "成" and len(digits) == 2 and all(c in ZH_DIGITS or c.isdigit() for c in digits) and "十" not in digits:
            q.num = Decimal("".join(str(ZH_DIGITS.get(c, c)) for c in digits))
        elif tenths != "成" and val >= 10:
            return None  # 十折 is no discount
        else:
            q.num = val * factor
        q.kind, q.unit, q.dimension = "percent", "%", "%"
        pos = p1 + len(tenths)
        mult = factor
        m = _TENTHS_TAIL.match(text, pos)
        if m and m.group(1) == "半":
            q.num += factor / 2
            pos = m.end()
        elif m and m.group(1) in ZH_DIGITS and tenths == "成":
            q.num += Decimal(ZH_DIGITS[m.group(1)])
            pos = m.end()
    elif percent_mult is not None:
        pass
    else:
        p2 = _skip_spaces(text, pos, 1)
        if text[pos:pos + 1] == "%":
            q.kind, q.unit, q.dimension = "percent", "%", "%"
            pos += 1
        else:
            found = False
            for word, unit, factor in (PERCENT_SUFFIX_ZH if text[pos:pos + 1] in _PERCENT_SUFFIX_ZH_FIRSTS else ()):
                if text.startswith(word, pos) and not (word in _RATE_WORDS and (currency or word[0] == "/" and _unit_goes_on(text, pos + len(word)))):
                    q.kind, q.unit, q.dimension = "percent", unit, unit
                    q.num = val * factor
                    mult = Decimal(factor)
                    pos += len(word)
                    found = True
                    break
            if not found:
                of_a = _OF_A_AFTER.match(text[pos:pos + 6]) if en_words else None
                if of_a:
                    p2 = pos + of_a.end()  # a quarter of a percentage point
                for word, unit, factor in (PERCENT_SUFFIX_EN if text[p2:p2 + 1].lower() in _PERCENT_SUFFIX_EN_FIRSTS else ()):
                    if text[p2:p2 + len(word)].lower() == word and not text[p2 + len(word):p2 + len(word) + 1].isalpha() \
                            and not _DIGIT_GROUP_GOES_ON.match(text, p2 + len(word)) and not (currency and word in _RATE_WORDS):
                        q.kind, q.unit, q.dimension = "percent", unit, unit
                        q.num = val * factor
                        mult = Decimal(factor)
                        pos = p2 + len(word)
                        found = True
                        break
            if not found and not zh_numeral:
                # English scale: 1.2 billion, 12bn, $3m, 4.5tn
                m = _EN_SCALE_AFTER.match(text[pos:pos + 14]) if text[pos:pos + 1] in _EN_SCALE_STARTS else None
                w2 = m.group(2) if m else ""
                if m and not scale_word and fig[:1].isdigit() and (
                        w2.lower() in _EN_WHOLE_SCALE_WORDS or
                        (not m.group(1) and currency) or not currency and _letter_scale(text, pos, m, fig)):
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
                zc_at = pos
                if not zc and p2 > pos and fig[:1].isdigit():
                    zc = _match_any(text, p2, _ZH_CUR_KEYS)  # 我们有 100 美元: a figure set off by spaces
                    zc_at = p2
                ec = _match_any(text, p2, _EN_CUR_KEYS, ignore_case=True, word=True) if not zc else None
                if ec and ec.lower() in _UNIT_HOMONYMS and (_UNIT_HOMONYMS[ec.lower()].search(
                        text[max(0, start - 30):start] + " " + text[p2 + len(ec):p2 + len(ec) + 20])
                        or _OF_A_THING.match(text, p2 + len(ec))):
                    ec = None  # 'equal to 2,204.62 pounds' after 'metric ton', '40,000 pounds of cargo': the unit
                if ec and _verb_homonym(text, ec, p2, q):
                    ec = None  # 'the nine won in Beijing': the verb
                sa = _match_any(text, p2, _SYM_AFTER_KEYS) if not (zc or ec or currency) else None
                sc_code = _SCALED_CODE_AFTER.match(text, p2) if not (zc or ec or currency) and text[p2:p2 + 1].isalpha() else None
                if not ec and text[pos:pos + 1] == "-" and en_words:
                    ec = _match_any(text, pos + 1, _EN_CUR_KEYS, ignore_case=True, word=True)  # a one-yen bid
                    p2 = pos + 1
                if sa and not text[p2 + len(sa):p2 + len(sa) + 1].isdigit() and not (
                        text[p2 - 1:p2] == " " and text[p2 + len(sa) + 1:p2 + len(sa) + 2].isdigit() and not currency):
                    currency = EN_CUR_SYM_AFTER[sa]  # 10 $, 100 €, 100,000 ₭
                    pos = p2 + len(sa)
                elif sc_code:
                    currency = sc_code.group(2)  # 30 MUSD = 30 million USD
                    q.num = val = val * _SCALED_PREFIX[sc_code.group(1)]
                    pos = sc_code.end()
                elif zc:
                    # 港幣5,000萬元: the 元 of the currency named before the amount
                    cur = ZH_CUR[zc]
                    yuan = zc in _ZH_GENERIC_UNIT or cur.startswith("CNY/")   # a 元 or its smaller units
                    plain_yuan = yuan and not currency
                    if yuan and currency:
                        # (and its smaller units: 港币3角 is 0.3 HKD)
                        cur = currency + cur[3:] if cur.startswith("CNY/") else currency
                    if zc == "块" and not currency and text[zc_at + 1:zc_at + 2] != "钱" and not (
                            _KUAI_MONEY_BEFORE.search(text, max(0, q.start - 4), q.start) and not _is_cjk(text[zc_at + 1:zc_at + 2])):
                        cur = ""
                    if cur:
                        currency = cur
                        pos = zc_at + len(zc)
                        if plain_yuan:   # whose 元 it is may depend on the document (regional_yuan)
                            q.extra = {**(q.extra or {}), "plain_yuan": True}
                elif ec and (not currency or EN_CUR_WORDS[ec].split("/")[0] == currency):
                    currency = EN_CUR_WORDS[ec]
                    pos = p2 + len(ec)
                    ms = _SCALE_AFTER_CODE.match(text, pos) if not scale_word and fig[:1].isdigit() else None
                    if ms:  # 75 USD million
                        q.num = val = val * EN_SCALE_ABBREV[ms.group(1).lower()]
                        mult = Decimal(EN_SCALE_ABBREV[ms.group(1).lower()])
                        q.scale_word = ms.group(1)
                        pos = ms.end()
                if currency:
                    q.kind = "money"
                    major = "/" not in currency
                    if "/" in currency:
                        code, div = currency.split("/")
                        q.num = q.num / Decimal(div)
                        currency = code
                    q.unit = currency
                    if text[pos:pos + 3] == "人民币":
                        pos += 3
                    if major and not q.scale_word and not scale_word:
                        pos = _minor_amounts(text, pos, q, tokens, idx, bool(ec or sa or sym))
            if q.kind == "number":
                hyphen = text[pos:pos + 1] == "-" and text[pos + 1:pos + 2].isalpha()
                p2 = pos + 1 if hyphen else _skip_spaces(text, pos, 1)
                u = _match_any(text, p2, _UNIT_KEYS, word=True)
                if u in _NOT_A_UNIT_BEFORE and text.startswith(_NOT_A_UNIT_BEFORE[u], p2 + len(u)):
                    u = None   # 3秒杀, 8节编组: a word that starts with the unit
                if not u and p2 > pos and not zh_numeral:
                    mm = _EN_MODIFIERS_BEFORE_UNIT.match(text, p2)
                    u2 = _match_any(text, mm.end(), _UNIT_KEYS, word=True) if mm else None
                    if u2 and len(u2) > 2 and u2.isascii() and u2.isalpha():
                        u, p2 = u2, mm.end()  # seven consecutive months, 20 additional kilometers
                if u and u in ("m", "g", "in", "ft") and (p2 != pos and not hyphen):
                    # 'in', 'm' after a space are too often words or scale
                    u = None if u in ("in", "g") else u
                if u and u == "年" and (fig.isdigit() and len(fig) == 4 or _match_any(text, p2 + 1, _ZH_YEAR_NOT_DURATION)
                                         or _ZH_ERA_YEAR_AFTER.match(text, p2 + 1)):
                    u = None  # 2025年, 80年代: a year, not a duration
                if u and u == "度" and text[p2 + 1:p2 + 2] == "电":
                    u = "度电"
                if u and zh_numeral and fig == "一" and (UNITS[u][2] == "duration" or u in _ZH_ONE_UNIT_ADVERBS) \
                        and not _ZH_SMALLER_PART.match(text, p2 + len(u)):
                    # 一天, 一年: idiom more often than a measured duration; 一度: at one point (but
                    # 一年六个月 states a term: the smaller part after it makes it a compound measure)
                    return None
                if u and u in _CONTEXT_ONLY and not _only_in_context(text, u, pos, p2):
                    u = None
                other = _unit_in_context(text, u, start, p2) if u in _CONTEXT_UNITS else None
                if other:
                    sym, factor, dim = UNITS[other]  # 气温30度: degrees Celsius
                    q.kind, q.unit, q.dimension = "measure", sym, dim
                    q.si = q.num * Decimal(str(factor))
                    if dim == "temperature" and u.isascii() and _scale_guessed(text, u, start, p2):
                        q.extra = {**(q.extra or {}), "scale_guessed": True}
                    pos = p2 + len(u)
                    u = None
                if u and u.lower() in _AGES["units"]:
                    age = _EN_AGE_AFTER.match(text, p2 + len(u))
                    if age or _EN_AGE_COMPARED.search(text, max(0, start - 16), start):
                        # the 23-year-old, older than 100 years: an age, as 23岁
                        q.kind, q.noun = "count", AGE_NOUN
                        pos, u = age.end() if age else p2 + len(u), None
                if u:
                    sym, factor, dim = UNITS[u]
                    q.kind, q.unit, q.dimension = "measure", sym, dim
                    pos = p2 + len(u)
                    if text[pos:pos + 1] and text[pos] in _ZH_HALF and (zh_numeral or fig[:1].isdigit()):
                        q.num += Decimal("0.5")  # 一吨半 = 1.5 t
                        pos += 1
                    q.si = q.num * Decimal(str(factor))
                    if dim == "length":
                        pos = _as_speed(q, text, start, pos)
                elif not zh_numeral:
                    _unit_before(q, text, start)   # magnitude 6.8
            if q.kind == "number":
                cls = _match_any(text, pos, _CLS_KEYS)
                if cls and not (cls == "人" and text[pos + 1:pos + 2] and text[pos + 1:pos + 2] in "民口工类") and not (
                        cls in ("国", "國") and text[pos + 1:pos + 3] in ("集团", "集團")):
                    if zh_numeral and fig == "一" and not rng:
                        q.article = True  # 一个, 一种, 一场: most often the indefinite article
                    after_cls = pos + len(cls)
                    if text[after_cls:after_cls + 1] in ZH_DIGITS and text[after_cls + 1:after_cls + 2] not in _ZH_NUMERAL_GOES_ON:
                        return None  # 三位一体, 四面八方: idioms built from numerals (袜子五双九点九 states a price after)
                    q.kind = "count"
                    noun, after = _zh_noun(text, pos + len(cls)) if cls not in NOUN_CLASSIFIERS \
                        and text[after_cls:after_cls + 1] not in ZH_DIGITS else ("", pos + len(cls))  # 五双九点九: a figure, no noun
                    q.noun = counted_noun(zh_head_gloss(noun) if noun else "") or CLASSIFIERS[cls] or cls
                    if cls in OBJECT_CLASSIFIERS:
                        # counted one by one: a translation writing "a 15-storey block" lost the count
                        q.extra = {**(q.extra or {}), "counted": CLASSIFIERS[cls]}
                    if noun.endswith(("国", "國")) and "country" not in q.noun:
                        q.noun = (q.noun + " country").strip()
                    pos = pos + len(cls) + len(noun)
                    vote = _match_any(text, pos, _ZH_VOTE_VERBS) if cls in ("人", "票", "名", "位") else None
                    if vote:
                        q.noun = (q.noun + " vote").strip()  # 6人赞成, 3票反对: the people counted are votes
                        pos += len(vote)
                elif not zh_numeral and not rng and _EN_AGED_BEFORE.search(text, max(0, start - 10), start) \
                        and not _RANGE_GOES_ON.match(text, pos):
                    q.kind, q.noun = "count", AGE_NOUN   # aged 23
                elif not zh_numeral and not rng and _apposed_age(text, start, pos, val, fig):
                    q.kind, q.noun = "count", AGE_NOUN   # Yang Yiming, 23, added
                elif not zh_numeral and (fold := _EN_FOLD_AFTER.match(text, pos)):
                    # a 3.5-fold increase: a multiple, as 3.5倍 and '3.5 times' are
                    q.kind, q.noun, pos = "count", "times", fold.end()
                    q.direction = 1 if val > 1 else q.direction
                    q.extra = {**(q.extra or {}), "multiplier": True}
                elif not zh_numeral and text[pos:pos + 1] == " " and (dm := _DESIGNATION_AFTER.match(text, pos)):
                    # 32 F-35 Lightning II fighters: the count is of the craft the designation names; the
                    # designation itself is an identifier, so the count's span ends at its figure
                    q.kind = "count"
                    q.noun = lemma(dm.group("noun")) if dm.group("noun") else dm.group("code").upper().replace("-", "")
                elif not zh_numeral and text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isalpha():
                    noun, after = _en_noun(text, pos)
                    if noun and not any(n in ("am", "pm", "gmt", "utc") for n in noun.split()) and fig.lower() not in ("one", "a", "an"):
                        q.kind = "count"
                        q.noun = noun
                        pos = after
                elif zh_numeral and not rng and len(fig) > 1 and not any(c in fig for c in "十百千万亿兆萬億拾佰仟点點分") and not fig[0] == "零":
                    return None  # 一一, 三三: not a numeral
    if zh_numeral and q.kind == "number" and (len(fig) == 1 and not lone_ok or fig in ("一一",)):
        return None
    if en_words and q.kind == "number" and val < 10 and not rng:
        # 'one' as a pronoun, 'two of them': bare small number words are not claims
        prev_words = _EN_WORD.findall(text[max(0, start - 12):start])
        if fig.lower() in ("a", "an") or fig.lower() == "one" and (
                prev_words and prev_words[-1].lower() in _EN_NOT_ONE_BEFORE or _OF_ANOTHER_AFTER.match(text[end:end + 9])):
            return None  # 'the one you mentioned', 'one of them': a pronoun
    q.end = pos
    # ---- qualifiers before the number
    qpos = q.start
    qual = ""
    zq = _ends_with_any(text, qpos, _ZH_QPRE)
    zpos = qpos
    if not zq:
        b = _back_spaces(text, qpos, 1)
        if b > 0 and text[b - 1] in _ZH_FILLER:
            b -= 1  # 超过了80, 至少有10
        zq = _ends_with_any(text, b, _ZH_QPRE) if b < qpos else None
        zpos = b
        if zq and (zq[0].isascii() and zq[0].isalpha() or zq in _ZH_VERB_PREFIX):
            zq = None  # 过了3天: an aspect particle, not a qualifier
    if zq in _ZH_VERB_PREFIX and (text[zpos - len(zq) - 1:zpos - len(zq)] in _ZH_VERB_PREFIX[zq]
                                  or not _is_cjk(text[zpos - len(zq) - 1:zpos - len(zq)]) or q.dimension == "duration"
                                  or text.startswith(_ZH_VERB_OBJECT.get(zq, ()), q.end)):
        # 通过3项, 再过两天, 过3个路口左转, 过60岁生日: part of a word, a verb passing a span of time,
        # a verb that opens its clause, or one whose object follows the figure; as a qualifier 过
        # follows what it measures (票房过10亿)
        zq = None
    cmp_end = _skip_spaces(text, q.end, 1)
    if not zq and text[_back_spaces(text, qpos, 1) - 1:_back_spaces(text, qpos, 1)] in _ZH_CMP_PRE \
            and text[cmp_end:cmp_end + 1] and (text[cmp_end] in _ZH_CMP_GT or text[cmp_end] in _ZH_CMP_LT):
        qual = "over" if text[cmp_end] in _ZH_CMP_GT else "under"  # 比三十大, 比 170 低
        q.start = _back_spaces(text, qpos, 1) - 1
        q.end = cmp_end + 1
    elif zq:
        qual = ZH_QUAL_PRE[zq]
        q.start = zpos - len(zq)
    else:
        b = _back_spaces(text, qpos, 2)
        eq = _ends_with_any(text, b, _EN_QPRE, ignore_case=True, word=True) if b < qpos or not text[qpos - 1:qpos].isalnum() else None
        if eq and not (q.dimension == "duration" and eq.lower() in _EN_ACROSS
                       and _AMOUNT_BEFORE.search(text, max(0, b - len(eq) - 24), _back_spaces(text, b - len(eq), 2))):
            qual = EN_QUAL_PRE[eq]
            q.start = b - len(eq)
    if qual in ("equal", "exact") or not qual:
        # 小于 或 等于100, 大于或者等于: a strict bound, 'or', then 等于 make one inclusive bound
        m = _ZH_OR_EQUAL_BEFORE.search(text, max(0, q.start - 12), q.start) if text[q.start:q.start + 2] == "等于" else None
        if m:
            inner = ZH_QUAL_PRE.get(m.group(1), "")
            if inner in ("over", "under"):
                qual = "min" if inner == "over" else "max"
                q.start = m.start()
    zs = _match_any(text, q.end, _ZH_QSUF)
    if zs and qual in ("", "exact", "equal"):
        qual = ZH_QUAL_SUF[zs]
        q.end += len(zs)
    else:
        m = _EN_QSUF.match(text, q.end) if text[q.end:q.end + 1] == " " else None
        if m and qual in ("", "exact", "equal", "approx") and not _number_follows(text, m.end()):
            qual = EN_QUAL_SUF[m.group(1).lower()]
            q.start = start if qual in ("min", "max") and q.start < start and text[q.start:start].strip().lower() in _EN_APPROX_WORDS else q.start
            q.end = m.end()
        else:
            m = _EN_INCLUSIVE.match(text, q.end) if text[q.end:q.end + 1] == " " else None
            if m and qual in ("over", "under") and not _number_follows(text, m.end()):
                qual = "min" if qual == "over" else "max"  # more than 5000 or equal to
                q.end = m.end()
    if qual == "not":
        return None  # ≠30, <>30: a value the text rules out, not one it states
    if approx_suffix and qual in ("", "approx"):
        qual = approx_suffix  # 大概有五百多个: 多 says more than 500, which is the narrower statement
    written_unit = _written_precision(fig, val, mult)
    if q.kind == "percent" and q.unit == "%" and fig and not fig[0].isdigit() and not zh_numeral:
        written_unit = Decimal(1)
    if qual and qual != "exact" and q.qualifier != "range":
        apply_qualifier(q, qual, written_unit)
    level = _level_before(text, q.start)
    if level == "from":
        q.extra = {**(q.extra or {}), "level": True}   # where a change started: no direction of its own
    else:
        zh = _direction_before(text, q.start, True)
        en = 0 if zh else _direction_before(text, q.start, False)
        q.direction = zh or en or (direction_after(text, q.end) if q.kind in ("percent", "money", "measure") else 0)
        own = _own_clause_direction(text, q.start) if en else 0
        if en and not own:
            # a change word a few words back ('prices fell in 70 cities'): the figure may not be
            # the size of that change (Claim.to_json signs only the sizes of changes)
            q.extra = {**(q.extra or {}), "distant_direction": True}
        than = _direction_than(text, q.start, q.end)
        if than and not own:
            # 'three cities saw prices rise, one fewer than in August': the comparative names this
            # figure's change where the verb belongs to another clause ('fell 3 percent more than
            # forecast': the verb is its own, the comparative says by how much)
            q.direction = than
            if q.extra:
                q.extra.pop("distant_direction", None)
        if q.direction and level:
            q.extra = {**(q.extra or {}), "level": True}
    # ---- ranges: 5到10年, 16,000-17,000, 47%到87%, 5 billion to 7 billion yuan
    return q
