"""Prices of one unit of a measure (checker.extract.per_unit) as extraction reads them."""

from decimal import Decimal

from checker.extract.pipeline import extract_document
from checker.model import Document


def _per(text: str, lang: str) -> list:
    return [(c.num, c.extra.get("per", (None,))[0]) for c in extract_document(Document(doc="d", text=text, lang=lang))
            if c.kind == "money"]


def test_zh_price_per_square_metre_before_and_after_the_amount():
    assert _per("成交均价为每平方米65800元，楼面价12.1万元/平方米。", "zh") == [
        (Decimal(65800), "m2"), (Decimal(121000), "m2")]


def test_en_price_per_square_foot():
    assert _per("Homes sold for 65,800 yuan per square metre, or about 6,113 yuan per square foot.", "en") == [
        (Decimal(65800), "m2"), (Decimal(6113), "ft2")]


def test_a_sum_a_year_ago_is_no_price():
    assert _per("It earned $5 million a year ago and paid $3 per share.", "en") == [
        (Decimal(5000000), None), (Decimal(3), None)]
