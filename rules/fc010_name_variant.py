"""A person's name is spelled differently, or another name stands where the glossary expects one.

What it flags:
    贝森特 (Bessent in the glossary) rendered "Bessem"; "Andreas Hofmann" against "Andreas Hoffmann";
    "Shin Hyun-woo" against "Shin Hyun-soo"; between Chinese reports, 古特雷斯 against 古特斯雷 (two
    characters swapped) and 林振华 against 林正华 (a character replaced by one that sounds alike).
    On a translation pair without a glossary (the precise path): a place or person CC-CEDICT
    knows that the original names while the translation names another (普京 → "Medvedev"), a
    known place or person the translation names while the original writes it in no form ("Austria" where the original says 地球), and a name nothing
    in the original explains, by writing, romanization, sound or word-by-word translation
    ("Stanley Cups" where the original says 段梦琪; "Universe" for 上海, which the translation
    leaves out).

Why it matters:
    A misspelled name is an error readers notice and a different name misattributes a statement.

Flagged example:
    000.txt: 财政部长贝森特 / 002.txt: Treasury Secretary Bessem

Not flagged:
    Names that match the glossary or each other, also in another correct spelling (Lu / Lv / Lü /
    Lyu for 吕, José / Jose, Hyun-woo / Hyunwoo); different people with unrelated names, also
    Chinese names one character apart that sound different (马克龙 / 马克思); names
    transliterated by sound (贝森特 / Bessent, 休斯敦 / Houston) or romanized in another spelling
    (许正宇 / Christopher Hui Ching-yu).
"""

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from checker.resources import load

from .base import Pair, Verdict, rule

_WORD_STARTS = [tuple(x) for x in load("en", "romanization")["word_starts"]]
_SEPARATORS = re.compile(r"[\s\-‐‑–'’.]+")


def unaccented(name: str) -> str:
    """A name without its accents (António → Antonio, Lü → Lu)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def spelling(name: str) -> str:
    """A name with what its correct spellings differ by taken out (resources en/romanization.toml):
    'Lv Daliang', 'Lü Daliang' and 'Lyu Da-liang' are all 'ludaliang'."""
    folded = unaccented(name.lower())
    words = []
    for w in _SEPARATORS.split(folded):
        for start, plain in _WORD_STARTS:
            if w.startswith(start):
                w = plain + w[len(start):]
                break
        words.append(w)
    return "".join(words)


_SOUND_ALIKE = [tuple(x) for x in load("zh", "names")["sound_alike"]]


@lru_cache(maxsize=4096)
def _heard(ch: str) -> str:
    """A character's sound with what listeners confuse folded (zheng and zhen → 'zen'); '' when
    unknown."""
    from checker.lexicon import everyday_char_pinyin

    py = everyday_char_pinyin(ch)
    for a, b in _SOUND_ALIKE:
        py = py.replace(a, b)
    return py


def zh_variant(x: str, y: str) -> str:
    """How two Chinese names of as many characters are one name miswritten: 'transposed' (古特雷斯 /
    古特斯雷), 'sound-alike' (林振华 / 林正华: one character replaced by one that sounds like it), or
    '' (two names: 马克龙 / 马克思)."""
    x, y = x.replace("·", ""), y.replace("·", "")
    if len(x) != len(y) or len(x) < 3 or x == y:
        return ""
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]:
        return "transposed"
    if len(diff) == 1 and _heard(x[diff[0]]) and _heard(x[diff[0]]) == _heard(y[diff[0]]):
        return "sound-alike"
    return ""


def zh_variant_keys(name: str) -> set[tuple]:
    """Keys two Chinese names share when zh_variant may call them one name: the name with one
    character replaced by its sound, and with two neighbours in sorted order (an index, so that a
    corpus's names are not compared two by two)."""
    x = name.replace("·", "")
    keys: set[tuple] = set()
    for i in range(len(x)):
        keys.add(("sound", i, x[:i], _heard(x[i]) or x[i], x[i + 1:]))
        if i + 1 < len(x):
            keys.add(("swap", i, x[:i], "".join(sorted(x[i:i + 2])), x[i + 2:]))
    return keys


@rule("FC010", "name-variant", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind != "name" or b.kind != "name" or a.value == b.value or spelling(a.value) == spelling(b.value):
        return None
    expected = a.value if a.extra.get("glossary") else (b.value if b.extra.get("glossary") else None)
    score = fuzz.ratio(a.value.lower(), b.value.lower())
    if expected:
        other = b if expected == a.value else a
        src = a if other is b else b
        return Verdict(f"{src.text} is {expected} in the glossary; the other source writes {other.text}",
                       0.9 if score >= 60 else 0.7)
    return Verdict(f"{a.text} vs {b.text}: the same name spelled differently", min(0.9, score / 100))
