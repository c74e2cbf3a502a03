"""Offset-preserving text normalization: every function here maps one code point to one."""

from __future__ import annotations

import html
import re

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
# punctuation that Chinese text writes in place of ASCII inside numbers
_EXTRA = {ord("．"): ord("."), ord("％"): ord("%"), ord("－"): ord("-"),
          ord("～"): ord("~"), ord("\u2212"): ord("-"), ord("\u00a0"): ord(" "), ord("\u2009"): ord(" "),
          ord("\u202f"): ord(" "), ord("\u2013"): ord("-"), ord("\u2014"): ord("-"),
          ord("\u2018"): ord("'"), ord("\u2019"): ord("'")}
_TABLE = {**_FULLWIDTH, **_EXTRA}
del _TABLE[ord("，")]
# the full-width comma separates thousands only between full-width digits (１２，０００, written
# all in full width); after an ASCII figure it is Chinese punctuation, a list separator
# ($20，300美圆 is $20 and 300美圆), and stays as it is so that nothing reads it as a digit group
_FULLWIDTH_THOUSANDS = re.compile("(?<=[０-９])，(?=[０-９])")
# runs of characters the table changes: translating only those is several times faster than
# str.translate over the whole text, which looks every character up in the table (news text
# holds a full-width character in fifty or fewer)
_FOLDABLE = re.compile("[%s]+" % "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)))


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_TABLE)


def fold_width(text: str) -> str:
    """Full-width ASCII forms to ASCII (１２０ → 120), one code point for one.

    The result has exactly the length of the input, so offsets found in it are offsets
    into the original text.
    """
    if "，" in text:
        text = _FULLWIDTH_THOUSANDS.sub(",", text)
    return _FOLDABLE.sub(_fold_run, text)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0xF900 <= cp <= 0xFAFF


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among letters (CJK + Latin)."""
    cjk = latin = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
        elif ch.isalpha() and ord(ch) < 0x250:
            latin += 1
    total = cjk + latin
    return cjk / total if total else 0.0


def detect_lang(text: str) -> str:
    """'zh' when CJK ideographs make up a fair share of the letters, else 'en'.

    A Chinese article full of English names still has far more ideographs than Latin
    letters per word; 0.25 of letters is a safe threshold for news text.
    """
    return "zh" if cjk_ratio(text[:20000]) >= 0.25 else "en"


# HTML character references: &euro; &nbsp; &#8217; &#x20AC;
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(view: str) -> str:
    """The visible text of HTML with each character reference read, the length kept: the character
    stands at the reference's last place, spaces before it (&euro;1.16 → '     €1.16', so the
    symbol still touches its figure; &nbsp; is a space). An unknown reference is left as written."""
    if "&" not in view:
        return view

    def one(m: re.Match[str]) -> str:
        got = html.unescape(m.group(0)).replace("\xa0", " ")
        if got == m.group(0) or len(got) > len(m.group(0)):
            return m.group(0)
        return " " * (len(m.group(0)) - len(got)) + got

    return _ENTITY.sub(one, view)


def entity_start(text: str, pos: int) -> int:
    """Where the character reference starts whose decoded character `pos` holds (the reference's
    last place, decode_entities), so that a claim quotes '&euro;1.16 billion', not ';1.16 billion'."""
    if text[pos:pos + 1] != ";":
        return pos
    j = text.rfind("&", max(0, pos - 40), pos)
    return j if j >= 0 and _ENTITY.fullmatch(text, j, pos + 1) else pos
