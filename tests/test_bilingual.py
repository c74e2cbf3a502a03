"""XLIFF 1.2/2.0 and TMX read as aligned segments; unsafe XML refused."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import main

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="news.txt"><body>
    <trans-unit id="1"><source>大马出口额为4765亿令吉。</source><target>Malaysia's exports were RM4,765 million.</target></trans-unit>
    <trans-unit id="2"><source>这一过程持续五个月。</source><target>The process took <g id="1">five</g> months.</target></trans-unit>
  </body></file>
</xliff>
"""
XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
  <file id="f1"><unit id="u1"><segment><source>共有56个国家代表参会。</source><target>A total of 55 country representatives attended.</target></segment></unit></file>
</xliff>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu><tuv xml:lang="zh-CN"><seg>会议于7日举行。</seg></tuv><tuv xml:lang="en-US"><seg>The meeting was held on July 7.</seg></tuv></tu></body></tmx>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1"><source>&lol2;</source></trans-unit></body></file></xliff>
"""


def _check(tmp_path, name, text, manifest=None):
    (tmp_path / name).write_text(text, encoding="utf-8")
    if manifest:
        (tmp_path / "factcheck.toml").write_text(manifest, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    return res.exit_code, json.loads(res.stdout)


def test_xliff12_units_are_aligned_and_checked(tmp_path):
    code, report = _check(tmp_path, "job.xlf", XLIFF12)
    assert code == 1
    rules = [(f["rule"], f["claims"][0]["text"], f["claims"][1]["text"]) for f in report["findings"]]
    assert ("FC001", "4765亿令吉", "RM4,765 million") in rules
    assert len(report["findings"]) == 1  # 五个月 = five months, inside a <g> tag, agrees
    text = (tmp_path / "job.xlf").read_text(encoding="utf-8")
    for c in report["findings"][0]["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]


def test_xliff20_segments(tmp_path):
    code, report = _check(tmp_path, "job.xliff", XLIFF20)
    assert [f["rule"] for f in report["findings"]] == ["FC003"]


def test_tmx_with_manifest_date(tmp_path):
    code, report = _check(tmp_path, "mem.tmx", TMX, '[documents."mem.tmx"]\ndate = 2026-03-10\n')
    assert [f["rule"] for f in report["findings"]] == ["FC002"]


def test_xml_bomb_is_refused_as_input_error(tmp_path):
    code, report = _check(tmp_path, "bomb.xlf", BOMB)
    assert code == 2
    assert report["errors"][0]["doc"] == "bomb.xlf" and "unsafe XML" in report["errors"][0]["error"]


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="definition">US treasury secretary</descrip>
    <langSet xml:lang="zh"><tig><term>贝森特</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>Bessent</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_tbx_glossary_drives_name_checks(tmp_path):
    (tmp_path / "a.zh.md").write_text("---\ndate: 2026-02-05\n---\n美国财政部长贝森特出席了会议。\n", encoding="utf-8")
    (tmp_path / "b.en.md").write_text("---\ndate: 2026-02-05\ntranslation-of: a.zh.md\n---\n"
                                      "Treasury Secretary Bessem attended the meeting.\n", encoding="utf-8")
    gloss = tmp_path.parent / "names.tbx"
    gloss.write_text(TBX, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(tmp_path), "--glossary", str(gloss), "--format", "json"])
    findings = json.loads(res.stdout)["findings"]
    assert any(f["rule"] == "FC010" and "Bessent" in f["message"] for f in findings)
