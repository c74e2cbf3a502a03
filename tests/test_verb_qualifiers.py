"""过 is "more than" only before a figure it qualifies; as a verb or particle it leaves the figure exact
(the extraction-case files cannot say "no interval", so these cases live here)."""

import pytest

from conftest import claims_of


@pytest.mark.parametrize("text, quote", [
    ("双方谈判过了3天仍无结果。", "3天"),
    ("再过两天，新政策就将实施。", "两天"),
    ("议会当天通过3项法案。", "3项法案"),
    ("经过5年建设，大桥正式通车。", "5年"),
    ("过3个路口后左转。", "3个路口"),
    ("他说不过3人到场。", "3人"),
    ("他上周过60岁生日。", "60岁"),
    ("老人明天过80大寿。", "80"),
])
def test_guo_as_verb_states_an_exact_figure(text, quote):
    claims = [c for c in claims_of(text, "zh", None) if quote in text[c.start:c.end] or text[c.start:c.end] in quote]
    assert claims, f"no claim for {quote}"
    assert all(c.low is None and c.high is None for c in claims), [(c.text, c.low, c.high) for c in claims]


@pytest.mark.parametrize("text, quote, low", [
    ("票房占比过20的影片有几部？", "过20", 20),
    ("这部电影票房过10亿元。", "过10亿元", 1000000000),
    ("该市人口中年龄过60岁的占两成。", "过60岁", 60),
])
def test_guo_before_a_figure_is_more_than(text, quote, low):
    claims = [c for c in claims_of(text, "zh", None) if text[c.start:c.end] == quote]
    assert claims and claims[0].low is not None and claims[0].low > low
