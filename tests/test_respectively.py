"""checker.respectively: which figure of a 'respectively' list the translation gives each item."""

from __future__ import annotations

import datetime as dt

from checker.extract.pipeline import extract_document
from checker.model import Document
from checker.respectively import respective_pairs

ZH = "其中，黄瓜、西红柿、菠菜价格分别上涨9.1%、7.5%和6.8%。"


def _claims(text: str, lang: str):
    return extract_document(Document(doc=f"x.{lang}.md", text=text, lang=lang, date=dt.date(2026, 2, 10)))


def _pairs(en: str):
    return [(s.value, t.value) for s, t in respective_pairs(ZH, en, _claims(ZH, "zh"), _claims(en, "en"))]


def test_swapped_figures_pair_with_the_items_places():
    en = "Prices of cucumbers, tomatoes and spinach rose 9.1 percent, 6.8 percent and 7.5 percent respectively."
    assert _pairs(en) == [("7.5", "6.8"), ("6.8", "7.5")]


def test_same_order_gives_nothing():
    assert _pairs("Prices of cucumbers, tomatoes and spinach rose 9.1 percent, 7.5 percent and 6.8 percent respectively.") == []


def test_items_reordered_with_their_figures_give_nothing():
    assert _pairs("Prices of spinach, tomatoes and cucumbers rose 6.8 percent, 7.5 percent and 9.1 percent respectively.") == []


def test_without_respectively_the_list_is_not_read():
    assert _pairs("Cucumbers rose 9.1 percent, while tomatoes and spinach gained 6.8 percent and 7.5 percent.") == []


def test_items_not_found_in_the_translation_give_nothing():
    assert _pairs("Three vegetables rose 9.1 percent, 6.8 percent and 7.5 percent respectively.") == []


def test_items_are_looked_for_after_the_figure_before_the_list():
    """山东 is glossed 'northeast' and 'province' too: the items are read where the list stands,
    after the sentence's earlier figure, not at 'northeastern' before it."""
    zh = "19日，东北产区玉米收购价每吨2350元，比上周低30元；山东、河南、河北深加工企业收购价分别为2410元、2380元和2290元。"
    en = ("On Tuesday, purchase prices in the northeastern producing areas were 2,350 yuan per tonne, 30 yuan lower "
          "than last week, while deep-processing plants in Shandong, Henan and Hebei paid 2,410 yuan, 2,290 yuan "
          "and 2,380 yuan respectively.")
    got = [(s.value, t.value) for s, t in respective_pairs(zh, en, _claims(zh, "zh"), _claims(en, "en"))]
    assert got == [("2380", "2290"), ("2290", "2380")]


def test_an_item_named_earlier_in_the_sentence_is_found_where_the_list_stands():
    zh = "据北京市统计局数据，北京、上海的社会消费品零售总额分别增长5%和3%。"
    en = "According to the Beijing statistics bureau, retail sales in Shanghai and Beijing grew 3% and 5% respectively."
    assert respective_pairs(zh, en, _claims(zh, "zh"), _claims(en, "en")) == []


def test_a_separator_inside_a_word_does_not_split_the_list():
    """和 of 和平区 (a district: Heping) is no 'and': the list has two items, as it has figures."""
    zh = "和平区、河西区新房价格分别上涨3.2%和1.5%。"
    en = "New home prices in Heping and Hexi districts rose 1.5% and 3.2% respectively."
    got = [(s.value, t.value) for s, t in respective_pairs(zh, en, _claims(zh, "zh"), _claims(en, "en"))]
    assert got == [("3.2", "1.5"), ("1.5", "3.2")]
