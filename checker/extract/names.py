"""Person and entity names: glossary terms, title + name patterns, Latin proper names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..glossary import Entry, Glossary
from ..lexicon import EN_STOP, is_common_word
from ..resources import load
from .scan import finditer as fast_finditer, literal_trie

_ZH_NAMES = load("zh", "names")
_ZH_DATES = load("zh", "dates")
ZH_TITLES = tuple(_ZH_NAMES["titles"])
_ZH_TITLE_RX = re.compile("(?:" + literal_trie(ZH_TITLES) + ")")
_ZH_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,2}")
_EN_ROLES = tuple(load("en", "names")["person_roles"])
EN_TITLES = ("President", "Vice President", "Secretary", "Minister", "Governor", "Chancellor", "Premier", "Prime Minister",
             "Spokesperson", "Spokesman", "Spokeswoman", "Representative", "Ambassador", "Chairman", "Chairwoman", "Chair",
             "Director", "Commissioner", "Senator", "Mayor", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Professor", "General",
             "Chief", "CEO", "Forecaster", "forecaster", "economist", "analyst", "representative", "spokesperson", "chief",
             "Judge", "leader", "Chief Executive", "chief executive", *_EN_ROLES)
# a capitalized word of a name, accented Latin letters included (António, Erdoğan, Müller)
_UP, _LOW = "A-ZÀ-ÖØ-Þ\u0100-\u017f", "a-zß-öø-ÿ\u0100-\u017f"
# (one inner capital after a lower-case run: DeSantis, McCarthy, MacArthur, LeBron)
_CAP = rf"[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:-[{_LOW}]+)?"
_EN_NAMES = load("en", "names")
# between two parts of a person's name: a space, or particles ('von der', 'da')
_PART_GAP = r"\s+(?:(?:%s)\s+){0,2}" % "|".join(map(re.escape, _EN_NAMES["person_particles"]))
EN_TITLE_NAME = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(EN_TITLES, key=len, reverse=True)) +
                           rf")\s+(?P<name>{_CAP}(?:{_PART_GAP}{_CAP}){{0,2}})")
# (the institution a person is 'of': 'X Y of the University of Z', 'X Y of Harvard Medical School')
_AFFILIATIONS = frozenset(_EN_NAMES["affiliations"])
_AFFILIATION = r"\s+of\s+(?:the\s+)?(?:%s\s+){0,2}(?:%s)\b" % (_CAP, "|".join(_EN_NAMES["affiliations"]))
EN_PERSON = re.compile(rf"(?<![{_UP}{_LOW}])(?P<name>{_CAP}\s+[{_UP}][{_LOW}]+-[{_LOW}]+|{_CAP}\s+{_CAP})(?=\s+(?:said|says|told|added|noted|warned|stated)\b|{_AFFILIATION}|\s*\(|,\s*\d{1,3},|,\s*(?!(?:which|where|when|and|but|while|as|has|had|is|was|were|with|in|on|at|for|from|to|or|so|if)\b)(?:the|a|an|who|its|his|her|[a-z]+)\s+[a-z])")
EN_ROLE_APPOSITIVE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _EN_NAMES["appositive_roles"])) +
    rf"),\s+(?P<name>{_CAP}(?:\s+{_CAP}){{1,2}})(?=\s*,|\.(?!\d)|\s+(?:said|says|told)\b)")
_NOT_NAMES = {"The", "This", "That", "These", "It", "In", "On", "At", "For", "But", "And", "As", "Of", "State", "Treasury",
              "Energy", "Trade", "Foreign", "Finance", "Defense", "Department", "Office", "Board", "Bank", "House", "Council",
              *_EN_NAMES["not_names"]}
_CALENDAR = frozenset(w.lower() for table in ("months", "weekdays") for w in load("en", "dates")[table])
# 'Last Thursday, …', 'Next March': a relative word before a month or weekday dates it (en dates.toml)
_RELATIVE = frozenset(load("en", "dates")["relative_prefix"])
ZH_NAME_STOP = set(_ZH_NAMES["stop_chars"])
_ZH_NAME_END_BEFORE = _ZH_NAMES["end_before"]
# verbs and words of time that often follow a name: the name ends where they start (哈洛表示,
# 哈洛周二表示, 古特雷斯当天指出)
ZH_NAME_VERBS = tuple(_ZH_NAMES["verbs_after"])
ZH_NAME_TIME_WORDS = tuple(sorted({*_ZH_NAMES["time_words_after"], *_ZH_DATES["weekdays"],
                                   *(w for w in _ZH_DATES["time_zones"] if not w.isascii())}))


@dataclass
class NameMention:
    start: int
    end: int
    name: str            # as written
    canonical: str       # glossary English form, else the name itself
    source: str          # glossary | title | pattern
    entity: bool = False  # a glossary term that is not a person (organisations, programmes)


def _glossary_terms(glossary: Glossary) -> list[tuple[str, str, bool]]:
    """glossary.terms(), sorted once per glossary content rather than once per document."""
    return _terms_of(tuple((e.zh, e.en, e.note) for e in glossary.entries))


@lru_cache(maxsize=8)
def _terms_of(entries: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str, bool]]:
    return Glossary([Entry(*e) for e in entries]).terms()


# characters of one part of a transliterated name at most (孙德本尔斯, 普利特维茨, 弗雷泽里克森)
_PART_MAX = 7


def _dotted_name(text: str, s: int, e: int) -> tuple[int, int]:
    """The name within a run of characters around middle dots (国务秘书佐尔坦·萨博出席,
    斯科特·贝森特牵头): its first part starts after the title or everyday word before it, its last
    part ends before a function character, a verb or word of time that follows names, or a word
    of two characters that is an everyday word (牵头, 那边): characters chosen for their sound
    seldom make one, nor does a part end inside one (after its first two characters)."""
    first, *_, last = text[s:e].split("·")
    # a title may begin before the run of characters the pattern took (秘书长安东尼奥·…: 长安东尼奥)
    w0 = max(0, s - 6)
    t = None
    for t in _ZH_TITLE_RX.finditer(text, w0, s + len(first)):
        pass
    # the first part starts after the last title, function character or everyday word before its
    # last two characters (国务秘书|佐尔坦, 会见了|乌尔苏拉), and has five characters at most (安德里乌斯)
    s += max(t.end() - s if t is not None else 0, len(first) - 5,
             max((j for j in range(1, len(first) - 1) if first[j - 1] in ZH_NAME_STOP
                  or j >= 2 and is_common_word(first[j - 2:j])), default=0))
    cut = next((i for i, ch in enumerate(last) if ch in ZH_NAME_STOP or last.startswith(ZH_NAME_VERBS, i)
                or last.startswith(ZH_NAME_TIME_WORDS, i) or 2 <= i <= len(last) - 2 and is_common_word(last[i:i + 2])),
               len(last))
    return s, e - (len(last) - min(cut, _PART_MAX))


def extract_names(text: str, lang: str, glossary: Glossary | None) -> list[NameMention]:
    out: list[NameMention] = []
    taken = bytearray(len(text))

    def add(m: NameMention) -> None:
        if any(taken[m.start:m.end]):
            return
        out.append(m)
        for i in range(m.start, m.end):
            taken[i] = 1

    if glossary:
        for term, canonical, is_entity in _glossary_terms(glossary):
            if term not in text:
                continue  # a substring test is far cheaper than a scan, and most terms are absent
            for mt in glossary.pattern(term).finditer(text):
                add(NameMention(mt.start(), mt.end(), term, canonical, "glossary", is_entity))
    # Chinese: transliterated names with a middle dot, and title + name
    at, dotted = 0, "·" in text
    while dotted and (mt := _ZH_NAME.search(text, at)):   # (names with a middle dot)
        s, e = _dotted_name(text, *mt.span())
        if e - s >= 3:
            add(NameMention(s, e, text[s:e], text[s:e], "pattern"))
        # the next name may start where this one's last part ends (普京会见了乌尔苏拉·冯德莱恩)
        at = max(e, text.index("·", mt.start()) + 1)
    for mt in fast_finditer(_ZH_TITLE_RX, text):
        s = mt.end()
        for n in (4, 3, 2):
            e = s + n
            cand = text[s:e]
            if len(cand) < n or not all("\u4e00" <= ch <= "\u9fff" and ch not in ZH_NAME_STOP for ch in cand):
                continue
            # four characters after a title are a transliterated name (秘书长古特雷斯, 总统埃尔多安)
            # only when no two of them in a row make an everyday word (当天强调, 近日表示)
            if n == 4 and (any(is_common_word(cand[i:i + 2]) for i in range(3)) or is_common_word(text[e - 1:e + 1])):
                continue  # (nor does its last character start a word with the next: 桑切斯|附和)
            if any(cand.startswith(ZH_NAME_VERBS, i) or text.startswith(ZH_NAME_TIME_WORDS, s + i) for i in range(1, n)):
                continue  # the name ends where a verb or a word of time starts (马克龙称, 贝森特周二表示)
            after = text[e:e + 1]
            if after and "\u4e00" <= after <= "\u9fff" and after not in ZH_NAME_STOP and after not in _ZH_NAME_END_BEFORE \
                    and not text.startswith(ZH_NAME_VERBS, e) and not text.startswith(ZH_NAME_TIME_WORDS, e):
                continue
            if is_common_word(cand) or any(taken[s:e]):
                continue
            add(NameMention(s, e, cand, cand, "title"))
            break
    for rx in (EN_TITLE_NAME, EN_ROLE_APPOSITIVE, EN_PERSON):
        for mt in fast_finditer(rx, text):
            name = mt.group("name")
            words = name.split()
            # ('Since Tuesday, …', 'From March, …': a function word opening a sentence before a
            # month or weekday is no first name either)
            while words and (words[0] in _NOT_NAMES or (words[0].lower() in _RELATIVE or words[0].lower() in EN_STOP)
                             and len(words) == 2 and words[1].lower() in _CALENDAR):
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            if len(words) == 1 and name.lower() in _CALENDAR:
                continue  # 'In June, prices fell': a month, not a person
            if rx is EN_PERSON and words[-1] in _AFFILIATIONS:
                continue  # 'Trinity College of the University…', 'Medical School said': an institution
            s = mt.end("name") - len(name)
            add(NameMention(s, s + len(name), name, name, "pattern" if rx is EN_PERSON else "title"))
    out.sort(key=lambda m: m.start)
    return out
