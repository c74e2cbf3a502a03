"""Names a translation adds: a place or a person CC-CEDICT knows (Austria = 奥地利, Putin = 普京)
that the translation names while its original names it nowhere, in no written form.

A swapped entity ("地球" rendered "Austria", 格里沃里 rendered "Putin") leaves no figure behind,
so the value checks cannot see it; without a glossary, the dictionary's own proper names are
the evidence. Transliterated names CC-CEDICT does not know are left alone: they vary too much
to judge.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from .agreement import CALENDAR_WORDS
from .lexicon import (_NOT_PLACE, _PROPER, _cedict, _defs, char_pinyin, gloss_terms, is_person, is_place, pinyin_explains,
                      proper_names, stem, zh_word_spans, zh_words)
from .resources import load
from .tables import persisted

# runs of capitalized words: 'Donald Trump', 'Lower Austria', 'South China Morning Post'
_CAPS = re.compile(r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]*)*(?:[ ][A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]*)*)*")
# a place before 'time' names a time zone the original implies (2时47分 → 2:47 Beijing time)
_TIME_ZONE_AFTER = re.compile(r"\s+time\b", re.I)


@persisted("gloss_names")
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, int], dict[str, tuple[str, ...]], dict[str, int]]:
    """From one pass over CC-CEDICT's glosses: every name a gloss mentions → the words glossed with
    it (英国 for 'United Kingdom', though 英国 is also 'England'; 密歇根 for 'Michigan, US state';
    a person's last name too: putin → 普京); how often each English word appears in lower case; the
    names by their first four letters (to tell a demonym from its place); how often each appears
    in lower case outside the pinyin of cross-references."""
    table = _cedict()
    forms: dict[str, set[str]] = {}
    for word, glosses in table.items():   # all of a word's glosses in one string: 'Sudan/sultan (…)'
        if len(word) < 2:
            continue  # one-character abbreviations (越 for Vietnam) are everyday characters too
        for m in _PROPER.finditer(glosses):
            name = m.group(0).lower()
            forms.setdefault(name, set()).add(word)
            if " " in name:
                forms.setdefault(name.rsplit(" ", 1)[1], set()).add(word)
    # every word, not only names: an English word the glosses use in lower case is an everyday word;
    # the pinyin of cross-references ('[fu4]', '[wang2]') is counted apart (everyday_count leaves it out)
    text = "\n".join(table.values())
    everyday = Counter(_LOWER_WORD.findall(_READING.sub(" ", text)))
    lower = everyday + Counter(_LOWER_WORD.findall(" ".join(_READING.findall(text))))
    by_prefix: dict[str, list[str]] = {}
    for k in forms:
        if " " not in k:
            by_prefix.setdefault(k[:4], []).append(k)
    return ({k: frozenset(v) for k, v in forms.items()}, dict(lower),
            {k: tuple(v) for k, v in by_prefix.items()}, dict(everyday))


def everyday_count(word: str) -> int:
    """How often CC-CEDICT's glosses use a (lowercased) English word in lower case: 0 for a name
    ('virat', 'whitmer', 'zhang': a syllable of a reading is no word), many for an everyday word
    ('office': 322)."""
    return _tables()[3].get(word, 0)


def forms_of(name: str) -> frozenset[str]:
    """The Chinese words CC-CEDICT glosses with a (lowercased) name."""
    return _tables()[0].get(name, frozenset())


@lru_cache(maxsize=1 << 14)
def known_name(name: str) -> frozenset[str]:
    """The Chinese forms of a (lowercased) English name when CC-CEDICT knows it as a place or a
    person (Austria = 奥地利, Putin = 普京); empty for anything else: an everyday word
    ('Republic', 'East', 'It' from a truncated 'Itō'), a given name ('John (name)'), a demonym
    (华人 is glossed 'Chinese': china → chinese, germany → german)."""
    forms, lower, _, _ = _tables()
    if len(name) < 3 or " " not in name and lower.get(name, 0) >= _EVERYDAY or not _place_or_person(name):
        return frozenset()
    if " " not in name and is_demonym(name):
        return frozenset()
    return forms[name]


@lru_cache(maxsize=1 << 12)
def is_demonym(name: str) -> bool:
    """Is the (lowercased) word the demonym of a place or person CC-CEDICT knows (german, iranian,
    and the irregular ones of en/names.toml: british, swiss)?"""
    if name in _IRREGULAR_DEMONYMS:
        return _place_or_person(_IRREGULAR_DEMONYMS[name])
    return any(p != name and _demonym_of(name, p) and _place_or_person(p) for p in _tables()[2].get(name[:4], ()))


@lru_cache(maxsize=1 << 14)
def _place_or_person(name: str) -> bool:
    words = forms_of(name)
    if any(d.lower().startswith((f"{name} (language)", f"{name} (name)")) for w in words for d in _defs(w)):
        return False  # Latin, Swahili: a language; John, Mike: a given name
    for word in words:
        names = proper_names(word)
        if is_person(word):
            # by the last word of the name too (Putin), when it is long enough not to be a common
            # surname of many people (Lee, Kim, Park: 李, 金, 朴 are written in one character)
            if (name in names or any(" " in n and n.rsplit(" ", 1)[1] == name for n in names)) \
                    and (" " in name or len(name) >= 5):
                return True
            continue
        defs = [_XREF.sub("", d) for d in _defs(word)]   # 沪[Hu4]: a reading, not a number
        if any(_NOT_A_PLACE.search(d) or _NOT_PLACE.search(d) for d in defs):
            continue
        if name in names and is_place(word) or any(_gloss_head(d) == name for d in defs):
            return True
    return False


# the full forms a one-character abbreviation's gloss names: 'abbr. for 緬甸|缅甸[Mian3 dian4]'
_ABBREVIATES = re.compile(r"abbr\. for [^|\[]*\|([\u3400-\u9fff]{2,})\[")
_XREF = re.compile(r"\S*[\u3400-\u9fff]\S*\[[^\]]*\]")
_HEAD_TAIL = re.compile(r"\s+(?:city|province|county|prefecture|municipality|state|us state)$")


def _gloss_head(gloss: str) -> str:
    """The name a gloss starts with: 'Alabama, US state' → alabama; 'Shanghai municipality,
    central east China' → shanghai; '' when the gloss does not start with a capitalized name."""
    head = re.split(r"\s*[,(;]|\s+or\s+", gloss, maxsplit=1)[0].strip()
    if not _PROPER.fullmatch(re.sub(_HEAD_TAIL, "", head)):
        return ""
    return re.sub(_HEAD_TAIL, "", head.lower())


# glosses of given names and things, which lexicon.is_place lets through: 'John (name)',
# 'Polo (car made by Volkswagen)', '(Warren) Christopher'
_NOT_A_PLACE = re.compile(r"\(name\)|\bgiven name\b|^\(|\b(?:car|model|product|software|website|magazine|newspaper|"
                          r"song|opera|play|ship|horse|dog|rocket|satellite)\b", re.I)

# a word CC-CEDICT's glosses use this often in lower case is an everyday word (east: 248 times,
# republic: 28), not a name (china: 7, turkey: 8, trump: 11)
_EVERYDAY = 20


# demonym → its place, where no ending joins them (british → britain)
_IRREGULAR_DEMONYMS: dict[str, str] = dict(load("en", "names")["irregular_demonyms"])
_DEMONYM_ENDINGS = frozenset({"", "n", "an", "ian", "ean", "ese", "ish", "ic", "i", "ite"})


def _demonym_of(word: str, place: str) -> bool:
    """china → chinese, germany → german, russia → russian, islam → islamic; a vowel or y may give
    way to the ending, nothing else (shanghang → shanghai is no demonym)."""
    return len(word) >= len(place) - 1 and any(
        word.startswith(place[:len(place) - k]) and word[len(place) - k:] in _DEMONYM_ENDINGS
        and (k == 0 or place[-1] in "aeiouy") for k in (0, 1))


# one-character short names of places (京 for Beijing) and the verbs of being or going there (在京)
_SHORT_PLACES: dict[str, str] = dict(load("zh", "names")["short_places"])
_PLACE_VERBS = frozenset(load("zh", "names")["place_verbs"])

# names a Chinese original implies without writing them (国内, 我国, 全国 for China)
_IMPLICIT = frozenset(n.lower() for n in load("zh", "names")["implicit"])


def added_names(source: Original | str, target_text: str) -> list[tuple[int, int, str, frozenset[str]]]:
    """(start, end, name, Chinese forms) of known names in `target_text` that the original does
    not write in any of their forms (nor in Latin letters, nor by sound: 哈勃 / 哈伯). Pass one
    `Original` for the many passages of one translation: what it was asked is remembered."""
    if isinstance(source, str):
        source = Original(source)
    out = []
    for m in _CAPS.finditer(target_text):
        written = m.group(0).split(" ")
        words = [_POSSESSIVE.sub("", w) for w in written]   # Austria's: Austria
        offsets = [m.start()]
        for w in written[:-1]:
            offsets.append(offsets[-1] + len(w) + 1)
        spans = [(i, j) for i in range(len(words)) for j in range(len(words), i, -1)]
        i = 0
        while i < len(words):
            # the longest known name starting at this word: 'Lower Austria' → 'Austria'
            for j in range(len(words), i, -1):
                name = _key(words[i:j])
                forms = known_name(name)
                if not forms:
                    continue
                # the entity counts as named when the name, or a longer or shorter name it is part
                # of or holds, is written in the original (Hubble / Hubble Space Telescope)
                end = offsets[j - 1] + len(words[j - 1])
                if name not in CALENDAR_WORDS and name not in _IMPLICIT and not _TIME_ZONE_AFTER.match(target_text, end) \
                        and not any(source.names(_key(words[a:b])) for a, b in spans if a <= i and b >= j or a >= i and b <= j):
                    out.append((offsets[i], end, " ".join(words[i:j]), forms))
                i = j
                break
            else:
                i += 1
    return out


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+")
_READING = re.compile(r"\[[^\]]*\]")
_POSSESSIVE = re.compile(r"['’]s$")


def _key(words: list[str]) -> str:
    return " ".join(words).replace("’", "'").lower()


class Original:
    """The original's text, asked whether it writes a name: in Latin letters, in one of the
    Chinese forms CC-CEDICT gives, in other characters of the same sound (迈克 / 麦克), in a
    transliteration close in sound (霍普金斯 / 霍金斯), or as a state's short name (佛州 for 佛罗里达)."""

    def __init__(self, text: str) -> None:
        self.text, self.lower = text, text.lower()
        self._sound: str | None = None
        self._glossed: frozenset[str] | None = None
        self._abbreviated: frozenset[str] | None = None
        self.cache: dict[str, bool] = {}

    @property
    def sound(self) -> str:
        """The text's pinyin, syllables apart ('|' for what has none), a space at each end so that a
        sound is looked for as whole syllables; made when first needed."""
        if self._sound is None:
            self._sound = " " + " ".join(char_pinyin(ch) or "|" for ch in self.text) + " "
        return self._sound

    @property
    def glossed(self) -> frozenset[str]:
        """The English stems the CC-CEDICT glosses of the original's words give (参议院: senate)."""
        if self._glossed is None:
            self._glossed = frozenset(t for w in zh_words(self.text) for t in gloss_terms(w))
        return self._glossed

    @property
    def abbreviated(self) -> frozenset[str]:
        """The full forms that the original's one-character words abbreviate, as CC-CEDICT glosses
        them ('abbr. for 缅甸'): 缅北 (northern Myanmar) and 乌东 (eastern Ukraine) name Myanmar and
        Ukraine. Only a character the segmentation leaves alone counts (缅怀 is no Myanmar)."""
        if self._abbreviated is None:
            alone = [a for a, b in zh_word_spans(self.text) if b - a == 1]
            singles = {self.text[a] for a in alone}
            # and a city's or province's short name after a verb of being or going there (在京召开:
            # held in Beijing), which CC-CEDICT glosses otherwise (zh names.toml short_places)
            placed = {self.text[a] for a in alone if a and self.text[a - 1] in _PLACE_VERBS}
            self._abbreviated = frozenset(f for w in singles for d in _defs(w) for f in _ABBREVIATES.findall(d)) \
                | {_SHORT_PLACES[w] for w in placed if w in _SHORT_PLACES}
        return self._abbreviated

    def names(self, name: str) -> bool:
        got = self.cache.get(name)
        if got is None:
            got = self.cache[name] = self._names(name)
        return got

    def _names(self, name: str) -> bool:
        if name in self.lower:
            return True
        if all(pinyin_explains(tok, self.text) for tok in name.split()):
            return True  # Xinjiang, Chen Guangming: romanized from the original's characters
        if any(form in self.text or form in self.abbreviated for form in forms_of(name)):
            return True
        if all(stem(w) in self.glossed for w in name.split()):
            return True  # the Senate for 参议院, whose gloss is the common noun 'senate'
        # short names and sounds only for the words that are the name itself (普京 for Putin, not
        # 二毛子 whose gloss mentions Ukraine)
        own = _own_forms(name)
        if any(form[0] + "州" in self.text for form in own):
            return True
        for sound, long in _sounds(own):
            # whole syllables: 奥国 (ao guo) is not in 超过 (chao guo)
            if f" {sound} " in self.sound or long and fuzz.partial_ratio(sound, self.sound) >= 88:
                return True
        return False


@lru_cache(maxsize=1 << 14)
def _own_forms(name: str) -> tuple[str, ...]:
    """The Chinese words that write the name itself: their glosses give it as a proper name or
    start with it."""
    return tuple(sorted(form for form in forms_of(name)
                        if name in proper_names(form) or any(_gloss_head(d) == name for d in _defs(form))))


@lru_cache(maxsize=1 << 14)
def _sounds(forms: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """The pinyin of each form, and whether it is long enough (3 syllables) to compare loosely."""
    out = []
    for form in forms:
        syllables = [char_pinyin(ch) for ch in form if ch != "·"]
        if len(syllables) < 2 or not all(syllables):
            continue  # a sound is compared whole: 獅城 has no reading for 獅 here
        out.append((" ".join(syllables), len(syllables) >= 3))
    return tuple(sorted(set(out)))
