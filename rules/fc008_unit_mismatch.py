"""The same figure is given in another currency or unit, without conversion.

What it flags:
    18亿欧元 against 18亿美元; 1,100公里 against "1,100-mile"; 45米/秒 against "45 kilometres per hour";
    a price or a yield per another unit: 每公斤20.35元 against "20.35 yuan per jin", 每亩375.8公斤
    against "375.8 kilograms per hectare", 每平方米65800元 against "65,800 yuan per square foot";
    15栋建筑 (15 buildings) against "a 15-storey block" (one block: the count became a size);
    in a translation, a unit of another kind: "4.3 million barrels" against 430万吨; a multiple
    become a percent: "a 3.5-fold increase" against 增长3.5%.

Why it matters:
    The number survives but its meaning changes: a euro figure in dollars, metres per second in
    kilometres per hour.

Flagged example:
    01.zh.md: 总投资18亿欧元 / 04.zh.md: 投资18亿美元

Not flagged:
    Across reports, a bare dollar ($42,250) against a named one (4.225万澳元): the sign names no country.
    Correct conversions: 62米 against "203-foot", 45米/秒 against "162 km/h", 150公顷 against "370 acres",
    每斤7.31元 against 每公斤14.62元, 每平方米65800元 against "about 6,113 yuan per square foot";
    a temperature in degrees whose scale only words of weather suggest ("temperature reaches 118
    degrees" against 118华氏度).
"""

from decimal import Decimal

from checker.extract.per_unit import per_units_differ

from .base import Pair, Verdict, rule


def _per_text(c) -> str:
    return f"{c.unit}/{c.extra['per'][0]}"


@rule("FC008", "unit-mismatch", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind == b.kind and a.unit == b.unit and a.num is not None and a.num == b.num and per_units_differ(a, b):
        # 每公斤20.35元 against '20.35 yuan per jin': one price, per another unit
        return Verdict(f"{a.text} ({_per_text(a)}) vs {b.text} ({_per_text(b)}): same number, "
                       "stated per a different unit", 0.85)
    if a.kind == "money" and b.kind == "money":
        same_range = a.low is not None and (a.low, a.high) == (b.low, b.high)
        if a.unit == b.unit or a.num is None or b.num is None or not (a.num == b.num or same_range):
            return None
        if p.path == "broad" and (b.unit in a.extra.get("bare_dollar", ()) or a.unit in b.extra.get("bare_dollar", ())):
            # '$42,250' in a report that names Australia and another's 4.225万澳元: that dollar may be
            # Australian (a translation that drops the country of 5亿港元 is still asked about; a bare
            # $ in a report naming no such country is the US dollar)
            return None
        return Verdict(f"{a.text} ({a.unit}) vs {b.text} ({b.unit}): same amount, different currency", 0.85)
    if a.kind == "measure" and b.kind == "measure":
        if a.unit == b.unit or a.num != b.num or a.si is None or b.si is None:
            return None
        vague = a if a.qualifier == "over" else b
        if p.path == "broad" and a.qualifier != b.qualifier and vague.qualifier == "over" \
                and not any(ch.isdigit() for ch in vague.figure or ""):
            return None   # across reports, 十多年 (ten-odd years) and 'within 10 days' share no figure
            # (超过1100公里 and 1100英里 do)
        if a.dimension != b.dimension:
            # (the precise path offers these inside one aligned sentence only: 4.3 million barrels / 430万吨)
            return Verdict(f"{a.text} ({a.unit}) vs {b.text} ({b.unit}): same number, a unit of another kind", 0.85)
        if a.dimension == "temperature" and (a.extra.get("scale_guessed") or b.extra.get("scale_guessed")):
            return None   # 'reaches 118 degrees' names no scale: the other figure's says which it is
        # (35 °C and 35 °F: scales apart by an offset, not a factor, never equal)
        if a.dimension != "temperature" \
                and max(a.si, b.si) / max(min(a.si, b.si), Decimal("1e-12")) < Decimal("1.05"):
            return None
        return Verdict(f"{a.text} ({a.unit}) vs {b.text} ({b.unit}): same number, different unit", 0.85)
    if {a.kind, b.kind} == {"count", "percent"} and p.path == "precise" and a.num == b.num:
        multiple, pct = (a, b) if a.kind == "count" else (b, a)
        if multiple.noun == "times" and pct.unit == "%":
            return Verdict(f"{multiple.text} is a multiple ({multiple.num} times); {pct.text} is a percent", 0.85)
    if a.kind == "count" and b.kind == "number" or a.kind == "number" and b.kind == "count":
        count, size = (a, b) if a.kind == "count" else (b, a)
        counted, word = count.extra.get("counted"), size.extra.get("compound")
        if not counted or not word or count.num != size.num or word in counted.split() or word in count.noun.split():
            return None
        return Verdict(f"{count.text} counts {count.num} ({counted}) but {size.text}-{word} is the size of one thing: "
                       "the count became a size", 0.75)
    return None
