"""CI gating: machine formats (SARIF, JUnit, GitHub), pair command, baselines, configuration,
inline suppressions, translation-pair detection."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from checker.cli import main
from conftest import FIXTURES

EXAMPLE = FIXTURES / "example"
ZH = "---\ndate: 2026-02-05\nlang: zh\n---\n特朗普政府宣布启动高达120亿美元的金库计划。\n\n共有56个国家代表参会。\n"
EN = ("---\ndate: 2026-02-05\nlang: en\n---\nThe Trump administration announced a $1.2 billion Project Vault.\n\n"
      "A total of 56 country representatives attended.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_sarif_has_rules_results_locations_and_fingerprints():
    res = run("check", EXAMPLE, "--format", "sarif")
    assert res.exit_code == 1
    sarif = json.loads(res.output)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert "FC001" in rule_ids and all(r["help"]["text"] for r in run0["tool"]["driver"]["rules"])
    assert run0["results"]
    for result in run0["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        text = (FIXTURES.parent / uri).read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
        assert text[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
        assert result["partialFingerprints"]["factcheckFindingId/v1"]


def test_junit_one_case_per_pair_or_document():
    res = run("check", EXAMPLE, "--format", "junit")
    root = ET.fromstring(res.output)
    names = [c.get("name") for c in root.iter("testcase")]
    assert "01-original.zh.md → 02-translation.en.md" in names and "03-report.en.md" in names
    assert any(c.find("failure") is not None for c in root.iter("testcase"))


def test_github_annotations_escape_data():
    lines = run("check", EXAMPLE, "--format", "github").output.strip().splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("file=fixtures/example/" in line and ",line=" in line for line in lines)
    assert all("%" not in line.split("::", 2)[2].replace("%25", "").replace("%0A", "").replace("%0D", "")
               for line in lines)


def test_pair_command_checks_two_files(tmp_path):
    (tmp_path / "a.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_text(EN, encoding="utf-8")
    res = run("pair", tmp_path / "a.md", tmp_path / "b.md", "--format", "json")
    assert res.exit_code == 1
    report = json.loads(res.output)
    assert [f["rule"] for f in report["findings"]] == ["FC001"]


def test_pair_same_language_copy_edit(tmp_path):
    (tmp_path / "v1.txt").write_text("The fund holds $12 billion.\nIt has 55 partner countries.\n", encoding="utf-8")
    (tmp_path / "v2.txt").write_text("The fund holds $1.2 billion.\nIt has 55 partner countries.\n", encoding="utf-8")
    report = json.loads(run("pair", tmp_path / "v1.txt", tmp_path / "v2.txt", "--format", "json").output)
    assert any(f["rule"] == "FC001" for f in report["findings"])


def test_equal_values_written_differently_never_fire(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2026-02-05\n---\n这一过程持续五个月。该市常住人口为1,100万。会议于2月4日举行。\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2026-02-05\n---\nThe process took five months. The city has 11 million "
                                   "residents. The meeting was held on Feb. 4.\n", encoding="utf-8")
    res = run("pair", tmp_path / "a.md", tmp_path / "b.md", "--format", "json")
    assert json.loads(res.output)["findings"] == [] and res.exit_code == 0


def test_baseline_write_then_check_counts_nothing_and_reports_stale(tmp_path):
    base = tmp_path / "baseline.json"
    assert run("baseline", "write", EXAMPLE, "-o", base).exit_code == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["findings"] and all(e["status"] == "accepted" for e in data["findings"])
    assert run("check", EXAMPLE, "--baseline", base).exit_code == 0
    data["findings"].append({"id": "FC001-000000000000", "rule": "FC001", "status": "accepted"})
    base.write_text(json.dumps(data), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(EXAMPLE), "--baseline", str(base)])
    assert "FC001-000000000000 no longer matches" in res.output


def test_confirmed_baseline_entries_still_count(tmp_path):
    base = tmp_path / "baseline.json"
    run("baseline", "write", EXAMPLE, "-o", base)
    data = json.loads(base.read_text(encoding="utf-8"))
    for e in data["findings"]:
        e["status"] = "confirmed"
    base.write_text(json.dumps(data), encoding="utf-8")
    assert run("check", EXAMPLE, "--baseline", base).exit_code == 1


def test_malformed_baseline_is_an_input_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(EXAMPLE), "--baseline", str(bad)])
    assert res.exit_code == 2 and "b.json" in res.output and "invalid JSON" in res.output


def test_inline_suppressions(tmp_path):
    (tmp_path / "a.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_text(EN.replace("The Trump", "<!-- factcheck-disable-next-line FC001 -->\nThe Trump"),
                                   encoding="utf-8")
    res = run("pair", tmp_path / "a.md", tmp_path / "b.md", "--format", "json")
    assert json.loads(res.output)["findings"] == []
    (tmp_path / "b.md").write_text("<!-- factcheck-disable FC001 -->\n" + EN.split("---\n", 2)[2], encoding="utf-8")
    res = run("pair", tmp_path / "a.md", tmp_path / "b.md", "--format", "json")
    assert all(f["rule"] != "FC001" for f in json.loads(res.output)["findings"])


def test_project_configuration_overrides_severity_and_disables_rules(tmp_path):
    (tmp_path / "a.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.md").write_text(EN.replace("---\nThe", "translation-of: a.md\n---\nThe"), encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('[settings]\nfail-on = "warning"\n[settings.severity]\nFC001 = "info"\n',
                                              encoding="utf-8")
    report = json.loads(run("check", tmp_path, "--format", "json").output)
    assert [f["severity"] for f in report["findings"] if f["rule"] == "FC001"] == ["info"]
    assert run("check", tmp_path).exit_code == 0
    (tmp_path / "factcheck.toml").write_text('[settings]\ndisable = ["FC001"]\n', encoding="utf-8")
    assert all(f["rule"] != "FC001" for f in json.loads(run("check", tmp_path, "--format", "json").output)["findings"])
    (tmp_path / "factcheck.toml").write_text('[settings]\ncolour = "red"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert res.exit_code == 2 and "colour" in res.output


def test_detect_pairs_links_a_translation(tmp_path):
    zh = "---\ndate: 2026-02-26\n---\n" + "".join(f"第{i}项：投资{i * 7 + 10}亿美元，增长{i + 2}.5%。\n" for i in range(1, 9))
    en = "---\ndate: 2026-02-26\n---\n" + "".join(f"Item {i}: investment of ${(i * 7 + 10) / 10} billion, up {i + 2}.5%.\n"
                                               for i in range(1, 9))
    (tmp_path / "a.zh.md").write_text(zh, encoding="utf-8")
    (tmp_path / "b.en.md").write_text(en.replace("$1.7 billion", "$17 billion"), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(tmp_path), "--detect-pairs", "--format", "json"])
    report = json.loads(res.stdout)
    assert report["detected_pairs"][0]["original"] == "a.zh.md" and report["detected_pairs"][0]["confidence"] >= 0.6
    assert any(f["rule"] == "FC001" and f["path"] == "precise" for f in report["findings"])
