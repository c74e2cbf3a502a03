"""Does an English name sound like characters of a Chinese passage? Whitmer / 惠特默, Bessent / 贝森特,
Houston / 休斯敦, Andanar / 安达纳尔: a transliteration keeps the order of a name's consonants in
broad classes (resources/zh/transliteration.toml), so both spellings are reduced to those classes
and compared. Only characters outside the dictionary's everyday words are read (纳 of 安达纳尔,
not 达成 or 提供): a name is written with characters chosen for their sound, and the test must
not find one in any sentence by chance. The test is meant to be generous: a name it explains is
never flagged."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .lexicon import ZH_STOP, _defs, _zh_word_spans, everyday_char_pinyin, is_common_word
from .resources import load

_LONGEST = 7   # characters of one transliterated name part (孙德本尔斯, 普利特维茨)
_LONGEST_PASSAGE = 4000   # characters: beyond, each name would be compared with too many stretches


@cache
def _data() -> tuple[list[tuple[str, str]], dict[str, str], list[tuple[str, str]], tuple[str, ...],
                     dict[str, tuple[str, str]]]:
    d = load("zh", "transliteration")
    return ([tuple(r) for r in d["english"]["rewrites"]], dict(d["english"]["letters"]),
            [tuple(r) for r in d["pinyin"]["initials"]], tuple(d["pinyin"]["nasal_endings"]),
            {k: tuple(v) for k, v in d["pinyin"]["whole"].items()})


@cache
def _nasal_vowels() -> dict[str, str]:
    return dict(load("zh", "transliteration")["english"]["nasal_vowels"])


@cache
def _sound_stops() -> frozenset[str]:
    return frozenset(load("zh", "transliteration")["pinyin"]["sound_stops"])


@lru_cache(maxsize=1 << 14)
def english_key(word: str) -> str:
    """The consonant classes of an English word in order ('Whitmer' → 'FTNL'); 'V' first when it
    starts with a vowel; an h after the first letter is dropped (mostly silent: Bahia, John)."""
    rewrites, letters, _, _, _ = _data()
    w = word.lower()
    for a, b in _nasal_vowels().items():
        w = w.replace(a, b)
    w = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", w))
    for a, b in rewrites:
        w = w.replace(a, b)
    out: list[str] = []
    for i, ch in enumerate(w):
        c = letters.get(ch)
        if i == 0 and not c:
            out.append("V")
        if c == "H" and i > 0:
            continue
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 12)
def _syllable_key(py: str) -> tuple[str, str]:
    """The classes one pinyin syllable adds, its initial's and its ending's ('sen' → ('S', 'N'),
    'an' → ('', 'N'), 'er' → ('L', ''))."""
    _, _, initials, nasal, whole = _data()
    if py in whole:
        return whole[py]
    for a, c in initials:
        if py.startswith(a):
            head, rest = c, py[len(a):]
            break
    else:
        head, rest = "", py
    return head, "N" if rest.endswith(nasal) else ""


def _compatible(e: str, c: str) -> bool:
    """An English class against a Chinese one: equal, h for f, s or k (霍 Ho, 休 Hou, 惠 Whi),
    pinyin j, q, x (J) for s or k (吉 Ji = Gi, 基 Ji = Ki, 西 Xi = Si), or pinyin r (R) for r, l or
    a soft j (若 Jo of João, 儒 Ju of Jules)."""
    if c == "J":
        c = "S" if e in ("S", "H") else "K"
    elif c == "R":
        c = "S" if e == "S" else "L"
    return e == c or ("H" in (e, c) and (e + c).replace("H", "") in ("", "F", "S", "K"))


def _common_length(x: str, y: str) -> int:
    """The longest common subsequence of two class strings (classes compatible, not only equal)."""
    prev = [0] * (len(y) + 1)
    for a in x:
        cur = [0]
        for j, b in enumerate(y):
            cur.append(prev[j] + 1 if _compatible(a, b) else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


class Sounds:
    """The name-like stretches of one Chinese passage, ready to be asked about English words.

    No stretch crosses a line break (it has no reading), so the stretches of a passage are those of
    its lines, in order: each line is read, and asked about each English word, once however many
    passages have it (a sentence is in its own bead's passage and in its neighbours')."""

    def __init__(self, text: str) -> None:
        self.cache: dict[str, tuple[int, int] | None] = {}
        self.unread = len(text) > _LONGEST_PASSAGE
        self.lines: list[tuple[int, str]] = []   # (offset, line)
        if self.unread:
            return
        at = 0
        for line in text.split("\n"):
            self.lines.append((at, line))
            at += len(line) + 1

    @property
    def windows(self) -> list[tuple[int, int, str]]:
        """Every stretch of two to seven free characters: (start, end, class string)."""
        return [(off + i, off + j, key) for off, line in self.lines for i, j, key in _windows(line)]

    def explain(self, word: str) -> bool:
        """Does the passage write the word by sound? Yes for a passage too long to read (a text
        with no sentence breaks): the test exists to clear names, never to accuse them."""
        return self.unread or self.match(word) is not None

    def match(self, word: str) -> tuple[int, int] | None:
        """Where the passage writes the word by sound (the first stretch that does), None if nowhere."""
        if word not in self.cache:
            x = english_key(word)
            self.cache[word] = next(((off + got[0], off + got[1]) for off, line in self.lines
                                     if (got := _line_match(line, x)) is not None), None)
        return self.cache[word]


@lru_cache(maxsize=1 << 10)
def _windows(line: str) -> tuple[tuple[int, int, str], ...]:
    """The stretches of one line (no line break in it): only characters outside the dictionary's
    everyday words are read."""
    free = [True] * len(line)
    for a, b in _zh_word_spans(line, 0, len(line)):
        w = line[a:b]
        if b - a >= 2 and is_common_word(w) and not _sound_loan(w) or w in ZH_STOP:
            free[a:b] = [False] * (b - a)
    stops = _sound_stops()
    for i in range(1, len(line) - 1):
        if line[i] in stops and free[i - 1] and free[i + 1] and not free[i]:
            free[i] = True   # 戈达德: 达 between two characters of a name
    readings = [everyday_char_pinyin(ch) if free[i] else "" for i, ch in enumerate(line)]
    keys = [_syllable_key(py) if py else None for py in readings]
    # every stretch of two to seven free characters: (start, end, class string); a syllable
    # without a consonant starts a name with a vowel (安达纳尔 = Andanar) and adds nothing inside one
    out = []
    for i, k in enumerate(keys):
        if k is None:
            continue
        key = (k[0] or "V") + k[1]
        for j in range(i + 1, min(len(keys), i + _LONGEST)):
            if keys[j] is None:
                break
            key += keys[j][0] + keys[j][1]
            out.append((i, j + 1, key))
    return tuple(out)


_GLOSS_HEAD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1 << 12)
def _sound_loan(word: str) -> bool:
    """Is a dictionary word itself an English word written by sound (基普 kip, 比特 bit, 克隆 clone)?
    Its characters are chosen for their sound as a name's are, so a name may hold them (基普图姆
    Kiptum): every consonant of the gloss's first word is written, and nothing else."""
    head = _GLOSS_HEAD.match(_defs(word)[0]) if _defs(word) else None
    if head is None:
        return False
    x = english_key(head.group(0))
    keys = [_syllable_key(everyday_char_pinyin(ch)) for ch in word]
    if not all(everyday_char_pinyin(ch) for ch in word):
        return False
    y = (keys[0][0] or "V") + keys[0][1] + "".join(a + b for a, b in keys[1:])
    n = _common_length(x, y)
    return n == len(y) and n >= len(x.replace("H", "")) and n >= 2


@lru_cache(maxsize=1 << 14)
def _line_match(line: str, x: str) -> tuple[int, int] | None:
    """Where in the line the first stretch is that writes an English class string `x` by sound."""
    core = len(x.replace("H", ""))
    if not core:
        return None
    for start, end, y in _windows(line):
        # the first sound agrees; every consonant the characters write is in the English word
        # (one may be lost in four or more); most of the English consonants are written
        if not _compatible(x[0], y[0]):
            continue
        n = _common_length(x, y)
        if n >= len(y) - (len(y) >= 4) and n >= 0.6 * core and n >= min(2, core):
            return start, end
    return None
