"""A numbered identifier differs: an announcement, article, resolution or designator.

What it flags:
    第61号公告 against "Announcement No. 16"; "Article 82" against 第28条; 第14号 against 第15号 typhoon.

Why it matters:
    Identifiers are looked up by readers; a wrong number sends them to another law or event.

Flagged example:
    03.en.md: under Article 82 of the Bank of Korea Act / 04.zh.md: 根据《韩国银行法》第28条

Not flagged:
    第61号公告 against "Announcement No. 61".
"""

from .base import Pair, Verdict, rule


@rule("FC009", "identifier-mismatch", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind != "identifier" or b.kind != "identifier" or a.value == b.value:
        return None
    if a.ordinal != b.ordinal and not {a.unit, b.unit} & {"no", "ordinal"}:
        return None
    return Verdict(f"{a.text} vs {b.text}: identifiers differ ({a.value} vs {b.value})", 0.8 if p.path == "precise" else 0.6)
