"""Findings on a translation pair cite where a value is missing or extra, with exact offsets."""

from __future__ import annotations

from checker.api import check_paths
from checker.config import Config

ZH = """---
lang: zh
date: 2026-02-12
---
中新网2月11日电 据应急管理部网站消息，中国救援队派出3个行动分队、45名救援队员。
"""
EN = """---
lang: en
date: 2026-02-12
translation-of: a.zh.md
---
According to the Ministry of Emergency Management website, the Chinese rescue team sent three operations teams and 45 rescue workers.
"""


def _findings(root, rule):
    report = check_paths(Config(paths=(root,)))
    return [f for f in report.findings if f.rule == rule]


def test_missing_date_cites_the_aligned_sentence_of_the_translation(make_corpus):
    root = make_corpus({"a.zh.md": ZH, "b.en.md": EN})
    [f] = _findings(root, "FC012")
    missing, *passages = f.claims
    assert (missing.doc, missing.text, missing.value) == ("a.zh.md", "2月11日", "2026-02-11")
    assert [p.kind for p in passages] == ["passage"]
    text = (root / "b.en.md").read_text(encoding="utf-8")
    p = passages[0]
    assert p.doc == "b.en.md" and text[p.start:p.end] == p.text
    assert p.text.startswith("According to the Ministry") and p.text.endswith("rescue workers.")
    assert p.line == 6
    assert f.to_json()["claims"][1]["kind"] == "passage"


def test_kept_date_is_not_missing(make_corpus):
    en = EN.replace("According to", "Beijing, Feb. 11 — According to")
    root = make_corpus({"a.zh.md": ZH, "b.en.md": en})
    assert _findings(root, "FC012") == []


def test_extra_figure_cites_the_original_sentence(make_corpus):
    zh = ZH.replace("45名救援队员", "45名救援队员，营救出3名被困人员")
    en = EN.replace("45 rescue workers", "45 rescue workers, who rescued 3 trapped people and 12 dogs")
    root = make_corpus({"a.zh.md": zh, "b.en.md": en})
    [f] = _findings(root, "FC013")
    extra, passage = f.claims
    assert extra.text == "12 dogs" and extra.doc == "b.en.md"
    assert passage.kind == "passage" and passage.doc == "a.zh.md" and "营救出3名被困人员" in passage.text


def test_sarif_puts_an_extra_value_in_the_translation_and_relates_the_passage(make_corpus):
    from reports.sarif import sarif_json

    zh = ZH.replace("45名救援队员", "45名救援队员，营救出3名被困人员")
    en = EN.replace("45 rescue workers", "45 rescue workers, who rescued 3 trapped people and 12 dogs")
    root = make_corpus({"a.zh.md": zh, "b.en.md": en})
    report = check_paths(Config(paths=(root,)))
    [result] = [r for r in sarif_json(report)["runs"][0]["results"] if r["ruleId"] == "FC013"]
    primary = result["locations"][0]["physicalLocation"]
    assert primary["artifactLocation"]["uri"].endswith("b.en.md")
    [related] = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("a.zh.md")
    assert related["message"]["text"] == "aligned passage"


def test_a_missing_value_keeps_its_id_when_the_rest_of_the_sentence_is_edited(make_corpus, tmp_path):
    root = make_corpus({"a.zh.md": ZH, "b.en.md": EN})
    [before] = _findings(root, "FC012")
    (root / "b.en.md").write_text(EN.replace("the Chinese rescue team", "China's rescue team"), encoding="utf-8")
    [after] = _findings(root, "FC012")
    assert after.claims[1].text != before.claims[1].text   # the cited passage changed…
    assert after.id == before.id                            # …the finding is the same one


def test_names_standing_for_one_left_out_entity_are_one_finding(make_corpus):
    """'Directorate-General of Budget, Accounting and Statistics (DGBAS)' renders one agency the
    original names beside 行政院, which the translation leaves out: one name finding naming its
    parts, at the first, not one per part."""
    zh = """---
lang: zh
date: 2026-02-12
---
行政院主計總處今天公布，去年失業率為3.4%。
"""
    en = """---
lang: en
date: 2026-02-12
translation-of: a.zh.md
---
The Directorate-General of Budget, Accounting and Statistics (DGBAS) said Thursday that last year's jobless rate was 3.4 percent.
"""
    root = make_corpus({"a.zh.md": zh, "b.en.md": en})
    found = _findings(root, "FC010")
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.claims[0].doc == "b.en.md" and f.claims[0].text.startswith("Directorate-General")
    assert "DGBAS" in f.message and "行政院" in f.message


def test_changed_range_end_cites_the_range_end_not_an_equal_weekday(make_corpus):
    """Of two equal dates of the translation ('to 9' and 'on Monday', both February 9), the end of a
    range answers the original's range end: 2月2日至8日 against 'February 2 to 9' cites 9."""
    zh = """---
lang: zh
date: 2026-02-10
---
商务部9日发布的监测数据显示，上周（2月2日至8日）全国30种蔬菜平均批发价格为每公斤5.86元。
"""
    en = """---
lang: en
date: 2026-02-10
translation-of: a.zh.md
---
The average wholesale price of 30 kinds of vegetables was 5.86 yuan per kilogram last week (February 2 to 9), according to data released by the Ministry of Commerce on Monday.
"""
    root = make_corpus({"a.zh.md": zh, "b.en.md": en})
    [f] = _findings(root, "FC002")
    assert [c.text for c in f.claims] == ["8日", "9"]
