"""Names a translation gives that nothing in its original explains: 段梦琪 rendered "Stanley Cups",
中美洲 rendered "Virat", 新华社 rendered "the Supreme Audit Office".

added_names judges the names CC-CEDICT knows; most swapped names it does not know. Here every
capitalized name of an aligned English sentence is asked whether the original accounts for it:
written in Latin letters, in a form CC-CEDICT gives, romanized from its characters (Xinjiang),
transliterated by sound (Whitmer / 惠特默, name_sounds), or translated word by word (Independence
Hall / 独立大厅, by the glosses of the passage's words). A name none of whose words is accounted for
is flagged when one of its words is no everyday English word (Virat, Nathiri); a name made only of
everyday words or initials (Joint Forces, EPL) is flagged only when the original also names an
entity the translation leaves out (黑龙江, 联合国), since ordinary words are capitalized in titles
and terms too ("banned from the Games"). A name some of whose words are explained is judged by the
others when the explained ones are generic (a kind of thing after it, a demonym before it: 'Jialing
River' for 戈马), or when the original writes the name in parts and the translation sounds out only
one of them (Zeman Whitmer for 格雷琴·惠特默).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, cached_property, lru_cache

from rapidfuzz import fuzz, process

from rules.fc010_name_variant import unaccented

from .added_names import Original, _IMPLICIT, _gloss_head, everyday_count, forms_of, is_demonym
from .agreement import CALENDAR_WORDS
from .lexicon import (EN_STOP, _cedict, char_defs, _defs, _word_prefixes, _MAX_WORD, has_everyday_reading, is_common_word,
                      known_place_tokens, lemma, pinyin_explains, proper_names, stem, zh_words)
from .name_sounds import Sounds
from .resources import load
from .segment import _ABBREV

# a word of letters, with inner apostrophes and hyphens: O'Brien, Victor-Gadbois, Ceará
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_GLOSS_WORD = re.compile(r"[A-Za-z]+")
_READING = re.compile(r"\[[^\]]*\]")   # a cross-reference's pinyin: 'see 大夫[dai4 fu5]'
_ROMAN = re.compile(r"[IVXLC]+")
_POSSESSIVE = re.compile(r"['’]s$")
# a name written in parts: 格雷琴·惠特默, 约翰·霍普金斯
_IN_PARTS = re.compile("[\u4e00-\u9fff]+(?:[·•・‧][\u4e00-\u9fff]+)+")
# what may end a sentence or open a quotation before a word that is capitalized for its place alone
_OPENS = ".!?:;\"“‘'(（[—–-…"
_CONNECTORS = frozenset(load("en", "names")["connectors"])
_TIME_ZONES = frozenset(load("en", "dates")["time_zones"])   # 3:40 p.m. EDT: a zone, not a name
_COMBINING = frozenset(load("en", "names")["combining_forms"])
_NUMERIC = {k: tuple(v) for k, v in load("en", "names")["numeric_prefixes"].items()}
# a word the glosses use this often in lower case is an everyday word ('office', 'forces'), not a name
_EVERYDAY_MIN = 3


class Passage:
    """The aligned Chinese sentences of a translated passage, read for what they can explain: each
    reading is made when first asked for (most names are explained by the cheapest).

    A word never spans a line break, so the words of a passage (and their glosses and names) are
    those of its lines together: each line is read once and its readings are shared by every
    passage that has it (a sentence is in its own bead's passage and in its neighbours')."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.written = {m.group(0).lower(): m.group(0) for m in _LATIN.finditer(text)}   # its Latin words
        self.latin = self.written.keys()
        self.lines = text.split("\n")

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset().union(*map(_line_words, self.lines))

    @cached_property
    def terms(self) -> frozenset[str]:
        """The words of the glosses of the passage's words, with their lemmas and stems."""
        return frozenset().union(*map(_line_terms, self.lines))

    def near_term(self, word: str, cutoff: float) -> bool:
        """Whether a gloss word of the passage with the word's first letter (a misspelling keeps
        it: Neighor) is at least `cutoff` like it (fuzz.ratio). Asked line by line, whose gloss
        words by initial are kept (_line_terms_by_initial), as a passage shares its lines with its
        neighbours': a passage's own table was rebuilt for each of them."""
        return any(process.extractOne(word, _line_terms_by_initial(line).get(word[:1], ()), scorer=fuzz.ratio,
                                      score_cutoff=cutoff) is not None for line in self.lines)

    @cached_property
    def names(self) -> frozenset[str]:
        """The English names CC-CEDICT gives the passage's words: united kingdom, california, iran."""
        return frozenset().union(*map(_line_names, self.lines))

    @cached_property
    def name_words(self) -> frozenset[str]:
        return frozenset(t for n in self.names for t in n.split() if len(t) >= 4)

    @cached_property
    def sounds(self) -> Sounds:
        return Sounds(self.text)


@lru_cache(maxsize=1 << 15)
def _gloss_words(word: str) -> frozenset[str]:
    out: set[str] = set()
    for d in char_defs(word) if len(word) == 1 else _defs(word):
        # COVID-19: covid; a reading is no English word (Fu is not in 'see 大夫[dai4 fu5]' of 大)
        for x in _GLOSS_WORD.findall(_READING.sub(" ", d)):
            x = x.lower()
            out.update((x, lemma(x), stem(x)))
    return frozenset(out)


# lines whose readings are kept: a passage's neighbours are read next, and a corpus repeats some
# sentences; the readings of many more would cost memory (a line's glosses are hundreds of words)
_LINES = 1 << 10


@lru_cache(maxsize=_LINES)
def _line_words(line: str) -> frozenset[str]:
    return _words_anywhere(line)


@lru_cache(maxsize=_LINES)
def _line_terms(line: str) -> frozenset[str]:
    return frozenset().union(*map(_gloss_words, _line_words(line)))


@lru_cache(maxsize=_LINES)
def _line_terms_by_initial(line: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in _line_terms(line):
        out.setdefault(t[:1], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=_LINES)
def _line_names(line: str) -> frozenset[str]:
    return frozenset(n for w in _line_words(line) if len(w) >= 2 for n in proper_names(w))


def _words_anywhere(text: str) -> frozenset[str]:
    """Every CC-CEDICT word written anywhere in the text, overlapping ones too (generous on purpose:
    a word's gloss that explains a name must not be missed because segmentation chose another)."""
    prefixes, table = _word_prefixes(), _cedict()
    out = set()
    for i, ch in enumerate(text):
        if not "\u4e00" <= ch <= "\u9fff":
            continue
        if ch in table:
            out.add(ch)
        for k in range(2, _MAX_WORD + 1):
            is_word = prefixes.get(text[i:i + k])
            if is_word is None:
                break
            if is_word:
                out.add(text[i:i + k])
    return frozenset(out)


def unexplained_names(original: Original, passage: Passage, bead: Passage,
                      target_text: str, defined: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str]]:
    """(start, end, name, entity) of each name of `target_text` that nothing in the original explains
    (`passage`: the aligned sentences and their neighbours; `original`: the whole text). `entity` is
    what the aligned sentences (`bead`) name that the translation leaves out, '' when nothing: a
    name of everyday words is only returned with one. `defined`: initials the translation spells
    out itself (defined_initials), as explained as the words they stand for."""
    out = []
    entity: str | None = None
    titled: bool | None = None
    for run in _runs(target_text):
        kinds = ["explained" if defined and _initials_word(tok) in defined else _kind(tok, original, passage, target_text)
                 for tok, _, _, _ in run]
        for i in range(len(run) - 1):
            # a name written in two words: Viet Nam (越南: Vietnam), Hong Kong, Bei Jing
            if kinds[i] != "explained" != kinds[i + 1] and target_text[run[i][2]:run[i + 1][1]] == " " \
                    and _explained(run[i][0] + _POSSESSIVE.sub("", run[i + 1][0]), original, passage, target_text):
                kinds[i] = kinds[i + 1] = "explained"
        # an everyday word that starts a sentence ('Good' of “Good Neighbor Home”) counts only if explained
        named = [(t, k) for t, k in zip(run, kinds) if not t[3] and k != "explained"]
        if not named:
            continue
        (first, _), (last, _) = named[0], named[-1]
        if len(run) == 1 and not first[0].isupper() and _opens_sentence(target_text, first[1]):
            continue   # 'Cyanuric acid…': a word capitalized where the sentence starts (initials are not)
        if entity is None:
            entity = _left_out(bead, target_text)
        strange = any(k == "strange" and not _demonym(_plain(t[0])) for t, k in named)
        explained = [t[0] for t, k in zip(run, kinds) if k == "explained"]
        if strange and explained and titled is None:
            titled = _title_case(target_text)
        if explained and not (strange and not titled and _generic_only(run, kinds)):
            # a name partly accounted for: translators add given names ('Christopher Hui' for 许正宇)
            # and write them in other languages' spelling ('Lee Jae-myung' for 李在明); its other
            # words are flagged only when the original also writes in Latin letters a name the
            # translation leaves out ('Hunan TV' where the original says TogiNet Radio), or writes
            # the name whole, in parts, and one part is what the translation sounds out: then the
            # other names had to be its other parts (Zeman Whitmer for 格雷琴·惠特默, and a given
            # name too: Gordon Johnson for 鲍里斯·约翰逊)
            in_parts = all(k == "strange" or _given_name(t[0]) for t, k in named) \
                and any(_sounded_in_parts(w, passage) for w in explained)
            if not in_parts and (not (entity and entity.isascii())
                                 or any(k == "explained" for k in kinds[run.index(first):run.index(last) + 1])
                                 or all(_given_name(t[0]) for t, _ in named)):
                continue
        elif not (any(k == "strange" for _, k in named) or entity):
            continue
        start, end = first[1], last[2]
        out.append((start, end, _POSSESSIVE.sub("", target_text[start:end]), entity))
    return out


_BRACKETED_INITIALS = re.compile(r"[(（]([A-Z]{2,6})s?[)）]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def defined_initials(text: str) -> frozenset[str]:
    """Initials a text defines by spelling them out in everyday words right before them in
    brackets: 'an ultra-high-voltage (UHV) line' (lowercased: 'uhv'). Their later uses ('the fourth
    UHV line') are no more a name than those words are. Initials of a capitalized name ('Directorate-
    General of Budget, Accounting and Statistics (DGBAS)') are left to be judged with the name."""
    out = set()
    for m in _BRACKETED_INITIALS.finditer(text):
        letters = m.group(1).lower()
        words = [w for w in _LATIN_WORD.findall(text[max(0, m.start() - 120):m.start()]) if w.lower() not in _NOT_INITIALED]
        spelled = words[-len(letters):]
        if len(words) >= len(letters) and all(w.islower() for w in spelled) and _initial_letters(spelled) == letters:
            out.add(letters)
    return frozenset(out)


def spelled_initials(text: str) -> frozenset[str]:
    """Initials of names of three words or more a text spells out anywhere (lowercased): 'the
    NMPA's drug registration department' after 'China's National Medical Products Administration
    approved…' two sentences before. The initials are that name, explained as it is (the name itself
    is judged where it is written)."""
    out = set()
    for run in _runs(text):
        words = [t[0] for t in run]
        for i in range(len(words)):
            for j in range(i + 3, min(len(words), i + 6) + 1):
                out.add("".join(w[0] for w in words[i:j]).lower())
    return frozenset(out)


def _title_case(text: str) -> bool:
    """A headline in title case ('Other Countries' Watchful Attitude'): every word of it is
    capitalized, so a word beside a generic one is no more a name than they are."""
    words = [m.group(0) for m in _TOKEN.finditer(text) if len(m.group(0)) > 3 and m.group(0).lower() not in EN_STOP]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def _generic_only(run: list[tuple[str, int, int, bool]], kinds: list[str]) -> bool:
    """Are the words of a name that the original explains generic, a kind of thing after the name
    or a demonym before it? They say of what kind or where the named thing is, not which one it
    is: 'Jialing River' for 戈马 is explained by 河 no more than 'Jialing' alone, nor 'German
    Brexit' for 德国海军 by 德国. A title before a name is not generic: it says the original names
    that person ('Prime Minister Fumio Kishida' for 岸田文雄首相, whose sound is Japanese)."""
    first = kinds.index("strange")
    return all(_everyday(_plain(t[0])) and i > first or _demonym(_plain(t[0]))
               for i, (t, k) in enumerate(zip(run, kinds)) if k == "explained")


@lru_cache(maxsize=1 << 12)
def _demonym(low: str) -> bool:
    """german, iranian (of Germany, Iran), and those CC-CEDICT gives as a people's or a language's
    name: french (法国人 'French person', 法语 'French (language)'), british, dutch, thai."""
    return is_demonym(low) or any(d.lower().startswith((f"{low} person", f"{low} people", f"{low} (language)"))
                                  for f in forms_of(low) for d in _defs(f))


def _plain(tok: str) -> str:
    return _POSSESSIVE.sub("", tok).replace("’", "'").lower()


def _sounded_in_parts(word: str, passage: Passage) -> bool:
    """Does the original write the word by sound as one part of a name written in parts (惠特默 of
    格雷琴·惠特默)?"""
    span = not _everyday(word.lower()) and passage.sounds.match(word)
    return bool(span) and any(m.start() <= span[0] and span[1] <= m.end() for m in _IN_PARTS.finditer(passage.text))


def _runs(text: str) -> list[list[tuple[str, int, int, bool]]]:
    """The names of a sentence: capitalized words next to each other or joined by a connector
    ('House of God'), each with whether it is an everyday word capitalized because it starts the
    sentence ('Good' in “Good Neighbor Home”: it may explain the name, it is not one); words that
    are capitalized for another reason are left out (see _neutral)."""
    runs: list[list[tuple[str, int, int, bool]]] = []
    cur: list[tuple[str, int, int, bool]] = []
    last = -1   # where the run's last word (or a connector after it) ends
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok[0].isupper() and not _neutral(tok, text, m.end()):
            if not (cur and text[last:m.start()] == " "):
                if cur:
                    runs.append(cur)
                cur = []
            cur.append((tok, m.start(), m.end(), _opens_sentence(text, m.start()) and _everyday(tok.lower())))
            last = m.end()
        elif cur and tok in _CONNECTORS and last == cur[-1][2] and text[last:m.start()] == " ":
            last = m.end()   # 'House of God': the name goes on past the connector
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _neutral(tok: str, text: str, end: int) -> bool:
    """A capitalized word that says nothing of a name: a single letter (U.S.), an abbreviation
    (Gov., Co.), a Roman numeral, a function word, a month or weekday, a name the original implies
    (China for 国内)."""
    low = tok.lower()
    if len(re.split("['’]", low)[0]) == 1:
        return True   # I'm, I'd, I've
    if len(tok) == 1 or _ROMAN.fullmatch(tok) or low in EN_STOP or low in CALENDAR_WORDS or low in _IMPLICIT \
            or tok in _TIME_ZONES:
        return True
    return low in _ABBREV and text[end:end + 1] == "."


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    if not before:
        return True
    if before[-1] == ".":
        m = re.search(r"([A-Za-z.]+)\.$", before)
        return not (m and m.group(1).lower() in _ABBREV)
    return before[-1] in _OPENS


def _everyday(low: str) -> bool:
    return everyday_count(low) >= _EVERYDAY_MIN or everyday_count(lemma(low)) >= _EVERYDAY_MIN


def _by_initials(name: str, initials: set[str]) -> bool:
    """Do the translation's initials name it, alone or at the head of an agency's ('UN', "the UN's",
    'UNDP' for 'United Nations')? A word in capitals that is an everyday word or a place heads no
    agency: WHO is not the White House's, nor a BEIJING dateline the Bank of England's."""
    letters = _initial_letters(name.split())
    return letters in initials or any(i.startswith(letters) and not _everyday(i) and i not in known_place_tokens()
                                      for i in initials)


def _spelled_out(written: str, target_lower: str) -> bool:
    """Does the translation spell out initials the original writes ('gross domestic product' for
    （GDP）, 'Directorate-General of Budget, Accounting and Statistics' for DGBAS), the first letters
    of words in a row, connectors and 'and' aside?"""
    if not (written.isupper() and written.isalpha() and len(written) >= 2):
        return False
    letters = written.lower()
    words = [w for w in re.findall(r"[a-z]+", target_lower) if w not in _NOT_INITIALED]
    n = len(letters)
    return any(_initial_letters(words[i:i + n]) == letters for i in range(len(words) - n + 1))


# words a name's initials leave out: 'Bank of England' is BoE, 'Accounting and Statistics' AS
_NOT_INITIALED = _CONNECTORS | {"and", "the"}


def _initial_letters(words: list[str]) -> str:
    """The initials of a name's words ('united kingdom' → 'uk'), connectors and 'and' left out."""
    return "".join(w[0] for w in words if w not in _NOT_INITIALED)


def _initials_word(tok: str) -> str:
    """The letters of initials, lowercased, in the singular and without a possessive: 'TEUs',
    'NGOs', "the UN's" → 'teu', 'ngo', 'un'; '' for a word that is no initials."""
    word = _POSSESSIVE.sub("", tok).replace("’", "'")
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]
    return word.lower() if len(word) >= 2 and word.isupper() else ""


def _kind(tok: str, original: Original, passage: Passage, target_text: str) -> str:
    """'explained' when the original accounts for the word, else 'strange' for a word that is no
    everyday English word, 'everyday' for one that is or for initials (EPL, ABC)."""
    word = _POSSESSIVE.sub("", tok).replace("’", "'")
    parts = [p for p in word.split("-") if (len(p) > 1 or p.lower() in passage.latin) and p.lower() not in _COMBINING]
    if not parts:
        return "explained"   # Sino-U.S.
    # a hyphenated word is accounted for when all its parts are ('City-East' for 香港岛 is not), or
    # one is written in the original (U-boats for U 型潜艇)
    if any(p.lower() in passage.latin for p in parts) or all(_explained(p, original, passage, target_text) for p in parts):
        return "explained"
    if _initials_word(word) or all(_everyday(p.lower()) for p in parts):
        return "everyday"   # (initials, also in the plural: TEUs, NGOs)
    return "strange"


@lru_cache(maxsize=1 << 12)
def _demonym_forms(low: str) -> tuple[str, ...]:
    return tuple(forms_of(low))


def _explained(word: str, original: Original, passage: Passage, target_text: str) -> bool:
    low = word.lower()
    if low in passage.latin or original.names(low):
        return True   # written, or a known form, romanization or sound of it (Original.names)
    if any(ch in passage.text for ch in _NUMERIC.get(low, ())):
        return True   # a number: Tri-Nations (三国赛)
    if any(ch in passage.text for ch in _surnames().get(low, ())):
        return True   # a surname romanized outside pinyin: Lee (李), Hui (许), Choi (崔)
    if len(low) >= 5 and any(len(x) >= 5 and fuzz.ratio(low, x) >= 80 for x in passage.latin):
        return True   # the original's Latin name, misspelled: the spelling is another finding's business
    # a demonym or an inflection of a name of the passage: Iranian (伊朗: Iran)
    if any(low.startswith(n[:max(4, len(n) - 2)]) for n in passage.name_words):
        return True
    if low in passage.terms or lemma(low) in passage.terms or stem(low) in passage.terms:
        return True   # a word of a gloss: Independence Hall (独立大厅), Blue-Black (蓝黑)
    if _initials_word(word):
        return _initials(_initials_word(word), passage, target_text)   # UK for 英国 (United Kingdom); NGOs
    # a demonym or language of a place the passage writes: European (欧洲人, 欧洲 written)
    if any(w in passage.words for f in _demonym_forms(low) for w in _heads(f)):
        return True
    if not _everyday(low) and passage.sounds.explain(word):
        return True   # transliterated: Whitmer (惠特默), Andanar (安达纳尔)
    # a word of a gloss, misspelled: 'Good Neighor Home' for 睦邻之家 (good-neighborly); or spelt as
    # another language writes it, its accents dropped: 'Atlético Madrid' for 马德里竞技 (athletics)
    plain = unaccented(low)
    return len(plain) >= 5 and passage.near_term(plain, 85)


def _initials(letters: str, passage: Passage, target_text: str) -> bool:
    """Initials of a name of the passage (UK: United Kingdom for 英国; CA: California for 加州, its
    letters in order) or of a name the translation spells out (VNA: Vietnam News Agency)."""
    for name in passage.names:
        words = name.split()
        if _initial_letters(words) == letters:
            return True
        if len(words) == 1 and name[0] == letters[0] and _in_order(letters[1:], name[1:]):
            return True
    spelled = [run for run in _runs(target_text) if len(run) == len(letters)]
    return any("".join(t[0][0] for t in run).lower() == letters for run in spelled)


def _in_order(letters: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in letters)


@lru_cache(maxsize=1 << 12)
def _heads(form: str) -> tuple[str, ...]:
    """The proper-noun words a Chinese form begins with (欧洲人 → 欧洲): a demonym's place."""
    return tuple(form[:k] for k in range(2, len(form)) if proper_names(form[:k]))


def _left_out(bead: Passage, target_text: str) -> str:
    """Something the aligned original names that the translation does not: Latin letters it does
    not write (CEP, TogiNet), or a proper noun CC-CEDICT knows (上海, 联合国, 新华社) none of whose
    English names, romanization or sound the translation has. A word that is also an everyday word
    (成功: a town, and 'to succeed') or names a kind of thing (国会: 'Parliament (e.g. UK)/Congress
    (e.g. US)') does not count."""
    target_lower = target_text.lower()
    for tok, written in bead.written.items():
        if len(tok) > 1 and tok not in target_lower and not _spelled_out(written, target_lower):
            return written
    caps = [m.group(0) for m in _TOKEN.finditer(target_text) if m.group(0)[0].isupper()]
    named = {c.lower() for c in caps}
    # initials the translation writes (the UN's, NGOs): 联合国 named 'United Nations' is the UN
    initials = {_initials_word(c) for c in caps} - {""}
    words = " " + " ".join(m.group(0) for m in _TOKEN.finditer(target_lower.replace("-", " "))) + " "
    # names that may render an entity by sound: not everyday words, nor a name of another entity
    # of the passage or its demonym (Chinese: 中国; it does not also stand for 新华社 xin-hua-she)
    sounded = [c for c in caps if not _everyday(c.lower())
               and not any(c.lower().startswith(n[:max(4, len(n) - 2)]) for n in bead.name_words)]
    # the characters the translation's names sound like (卡拉狄加 for Galactica)
    heard = [span for span in map(bead.sounds.match, sounded) if span]
    at = 0
    for w in zh_words(bead.text):
        start, at = bead.text.find(w, at), bead.text.find(w, at) + len(w)
        if len(w) < 2 or is_common_word(w) or has_everyday_reading(w) or any("(e.g." in d for d in _defs(w)) \
                or start > 0 and bead.text[start - 1].isdigit():
            continue   # (11日电: a dateline's 'dispatch of the 11th', not 日电, NEC)
        names = _names_of(w)
        if not names or any(a < at and start < b for a, b in heard):
            continue
        # the whole name, or a word of it that is no everyday word ('Xinhua', not 'News Agency'),
        # or that word's stem ('Chin' of China in 'Chinese'), or one the translation capitalizes
        # as a name (Trump for 特朗普, Donald Trump: trump is also an everyday word)
        if any(f" {n} " in words or any(f" {t[:max(4, len(t) - 2)]}" in words for t in _distinctive(n))
               or any(len(t) > 3 and t in named for t in n.split())
               or len(n.split()) > 1 and _by_initials(n, initials) for n in names):
            continue
        # romanized, transliterated, or a demonym of it (British: 英国人 starts with 英国)
        if any(pinyin_explains(c, w) or any(f.startswith(w) and f != w for f in _demonym_forms(c.lower())) for c in caps) \
                or any(Sounds(w).explain(c) for c in sounded):
            continue
        return w
    return ""


@lru_cache(maxsize=1 << 12)
def _distinctive(name: str) -> tuple[str, ...]:
    """The words of a name that say which entity it is: xinhua of 'Xinhua News Agency'."""
    return tuple(t for t in name.replace("-", " ").split() if len(t) > 3 and not _everyday(t))


@cache
def _surnames() -> dict[str, frozenset[str]]:
    """A romanized surname (lowercased, also without its accents) → the characters it writes."""
    out: dict[str, set[str]] = {}
    for ch, names in load("zh", "surnames")["romanized"].items():
        for name in names:
            for form in {name.lower(), unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()}:
                out.setdefault(form, set()).add(ch)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1 << 12)
def _given_name(word: str) -> bool:
    """CC-CEDICT knows the word as a given name ('Christopher (name)'): translators add them."""
    return any(d.startswith(f"{word} (name)") for f in forms_of(word.lower()) for d in _defs(f))


@cache
def _names_of(word: str) -> frozenset[str]:
    """The English names CC-CEDICT gives a proper noun, or the name its glosses start with
    (上海: 'Shanghai municipality, …' → shanghai)."""
    return proper_names(word) | {h for h in map(_gloss_head, _defs(word)) if h}
