"""The command line as users and CI drive it: exit codes, JSON contract, output handling."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import main
from conftest import FIXTURES

EXAMPLE = FIXTURES / "example"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_shorthand_checks_example_and_exits_1_on_errors():
    res = run(EXAMPLE)
    assert res.exit_code == 1
    assert "FC001" in res.output and "120亿元" in res.output


def test_fail_on_never_exits_0():
    assert run("check", EXAMPLE, "--fail-on", "never").exit_code == 0


def test_json_report_contract_offsets_and_determinism():
    first = run("check", EXAMPLE, "--format", "json", "--fail-on", "never").output
    second = run("check", EXAMPLE, "--format", "json", "--fail-on", "never").output
    assert first == second
    report = json.loads(first)
    assert {"schema_version", "tool", "documents", "findings", "errors"} <= set(report)
    ids = [f["id"] for f in report["findings"]]
    assert len(ids) == len(set(ids))
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info")
        for c in f["claims"]:
            text = (EXAMPLE / c["doc"]).read_bytes().decode("utf-8-sig")
            assert text[c["start"]:c["end"]] == c["text"]
            assert text.count("\n", 0, c["start"]) + 1 == c["line"]


def test_extract_json_offsets_are_exact():
    out = json.loads(run("extract", EXAMPLE, "--format", "json").output)
    assert out["claims"]
    for c in out["claims"]:
        text = (EXAMPLE / c["doc"]).read_bytes().decode("utf-8-sig")
        assert text[c["start"]:c["end"]] == c["text"]


def test_extract_json_claims_carry_a_subject_and_counts_their_noun(tmp_path):
    """DESIGN §4.4: every claim has `lang` and a readable `subject`; a count says what it counts."""
    (tmp_path / "a.zh.md").write_text("---\ndate: 2026-02-05\n---\n论坛吸引了55个合作伙伴国的代表。\n\n"
                                      "项目总投资120亿元人民币。\n", encoding="utf-8")
    claims = json.loads(run("extract", tmp_path, "--format", "json").output)["claims"]
    by_text = {c["text"]: c for c in claims}
    count = by_text["55个合作伙伴国"]
    assert count["noun"] == "partner country" and count["subject"] == "论坛吸引了55个合作伙伴国的代表。"
    money = by_text["120亿元人民币"]
    assert "noun" not in money and money["subject"] == "项目总投资120亿元人民币。"
    assert all(c["subject"] and c["lang"] == "zh" for c in claims)


def test_output_file_written_and_exit_code_unchanged(tmp_path):
    out = tmp_path / "r.json"
    res = run("check", EXAMPLE, "--format", "json", "-o", out)
    assert res.exit_code == 1 and json.loads(out.read_text(encoding="utf-8"))["findings"]


def test_output_over_an_input_is_refused(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("投资120亿美元。", encoding="utf-8")
    before = doc.read_bytes()
    res = CliRunner().invoke(main, ["check", str(tmp_path), "-o", str(doc)])
    assert res.exit_code == 2 and "refusing" in res.output
    assert doc.read_bytes() == before


def test_input_errors_exit_2_but_good_files_are_checked(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\x00binary")
    (tmp_path / "a.zh.md").write_text("---\ndate: 2026-02-05\n---\n特朗普政府启动120亿美元的金库计划。\n", encoding="utf-8")
    (tmp_path / "b.en.md").write_text("---\ndate: 2026-02-05\ntranslation-of: a.zh.md\n---\nThe Trump administration launched a $1.2 billion Project Vault.\n",
                                      encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert res.exit_code == 2
    report = json.loads(res.output)
    assert report["errors"][0]["doc"] == "bad.txt"
    assert any(f["rule"] == "FC001" for f in report["findings"])
    res = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--ignore-input-errors"])
    assert res.exit_code == 1


def test_missing_path_is_a_clear_error_without_traceback(tmp_path):
    res = CliRunner().invoke(main, ["check", str(tmp_path / "missing")])
    assert res.exit_code == 2
    assert "no such file" in res.output and "Traceback" not in res.output


def test_rules_and_rule_documentation():
    listing = run("rules").output
    assert "FC001" in listing and "magnitude-shift" in listing
    doc = run("rule", "FC001").output
    assert "What it flags" in doc and "Not flagged" in doc
    assert CliRunner().invoke(main, ["rule", "FC999"]).exit_code == 2


def test_a_subject_does_not_begin_with_the_quotation_mark_that_closed_the_sentence_before(tmp_path):
    (tmp_path / "a.en.md").write_text('---\ndate: 2026-02-05\n---\n"We are on schedule," Andreas Hoffmann said of the '
                                      '"Yulan" line, which employs 3,200 workers.\n', encoding="utf-8")
    claims = json.loads(run("extract", tmp_path, "--format", "json").output)["claims"]
    subjects = [c["subject"] for c in claims]
    assert subjects and not any(s.startswith(('"', " ")) for s in subjects), subjects


def test_a_folder_with_nothing_to_read_passes_with_a_warning_naming_it(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    for args in (["check", tmp_path], ["extract", tmp_path]):
        res = run(*args)
        assert res.exit_code == 0
        assert f"warning: no document found in {tmp_path}" in res.stderr and ".md" in res.stderr
    (tmp_path / "a.en.md").write_text("The port will add 13 berths.\n", encoding="utf-8")
    assert "warning" not in run("check", tmp_path).stderr


def test_extract_json_names_the_unit_a_price_is_stated_per(tmp_path):
    (tmp_path / "a.zh.md").write_text("---\ndate: 2026-02-05\n---\n猪肉批发价为每公斤20.35元，总投资120亿元。\n", encoding="utf-8")
    claims = {c["text"]: c for c in json.loads(run("extract", tmp_path, "--format", "json").output)["claims"]}
    assert claims["20.35元"]["unit"] == "CNY" and claims["20.35元"]["per"] == "kg"
    assert "per" not in claims["120亿元"]


def test_extract_json_signs_a_fall_by_an_amount_but_no_level_nor_multiple(tmp_path):
    """A fall is a negative change in the JSON, as a fall in percent is, so that a reader comparing
    values sees 减少46.1万亩 and 'up 461,000 mu' disagree; the level a fall reached, the price
    something stood at, and a multiple (减半) are no changes."""
    (tmp_path / "a.zh.md").write_text("---\ndate: 2026-02-05\n---\n播种面积比上年减少46.1万亩，产量降至100万吨，成本减半。\n",
                                      encoding="utf-8")
    (tmp_path / "b.en.md").write_text("---\ndate: 2026-02-05\n---\nShares tumbled $2.75 and closed lower at 197 pence; "
                                      "output rose 461,000 mu.\n", encoding="utf-8")
    claims = {c["text"]: c for c in json.loads(run("extract", tmp_path, "--format", "json").output)["claims"]}
    assert claims["46.1万亩"]["value"] == "-461000" and claims["46.1万亩"]["direction"] == "down"
    assert claims["100万吨"]["value"] == "1000000"
    assert claims["$2.75"]["value"] == "-2.75" and claims["197 pence"]["value"] == "1.97"
    assert claims["461,000 mu"]["value"] == "461000"
    assert [c["value"] for t, c in claims.items() if "减半" in t] == ["0.5"]


def test_extract_json_does_not_sign_a_figure_a_few_words_after_the_change_word(tmp_path):
    (tmp_path / "a.en.md").write_text("---\ndate: 2026-02-05\n---\nHome prices fell in 70 cities. "
                                      "Output dropped by 461,000 tonnes.\n", encoding="utf-8")
    claims = {c["text"]: c for c in json.loads(run("extract", tmp_path, "--format", "json").output)["claims"]}
    assert claims["70 cities"]["value"] == "70" and claims["461,000 tonnes"]["value"] == "-461000"


def test_a_translation_of_no_document_is_warned_on_stderr(tmp_path):
    (tmp_path / "b.en.md").write_text("---\nlang: en\ntranslation-of: a.zh.md\n---\nThe port will add 13 berths.\n",
                                      encoding="utf-8")
    res = run("check", tmp_path)
    assert "warning: b.en.md: translation-of names a.zh.md, which is not in the corpus" in res.stderr
    assert res.exit_code == 0

