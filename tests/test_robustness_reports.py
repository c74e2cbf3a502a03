"""Report safety: every output format stays valid whatever the input text and file names hold.

Hostile content: C0/C1 controls, U+2028/U+2029, noncharacters (U+FFFE), markup ('<script>',
']]>', '&'), and file names with spaces, '#', '%', ',', ':', a newline that tries to start a
GitHub workflow command, and bytes that are not UTF-8.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

HOSTILE = "\x1b[31m\x07\x7f\x0b\x0c\u0085\u2028\u2029\ufffe\ufeff\u202e <script>alert(1)</script> ]]> &amp; \" '"
ZH = "---\ndate: 2026-02-05\nlang: zh\n---\n特朗普政府启动了120亿美元的金库计划。\n"
EN_NAME = "b b#1%2,3:4.en.md"
EN = ("---\ndate: 2026-02-05\nlang: en\ntranslation-of: a.zh.md\n---\n"
      f"The Trump administration{HOSTILE} launched Project Vault, worth $1.2 billion.{HOSTILE}\n")
BAD_NAMES = [b"evil\n::error file=x::pwned.txt", b"caf\xe9\x1b[2J.txt"]


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-reports")
    (root / "a.zh.md").write_text(ZH, encoding="utf-8")
    (root / EN_NAME).write_text(EN, encoding="utf-8")
    for name in BAD_NAMES:
        with open(os.fsencode(root) + b"/" + name, "wb") as fh:
            fh.write(b"\x00binary")
    return root


def run_format(corpus: Path, fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "check", str(corpus), "--format", fmt, "--no-color"],
                          capture_output=True, timeout=120, cwd=corpus,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})


@pytest.fixture(scope="module")
def outputs(hostile_corpus) -> dict[str, subprocess.CompletedProcess]:
    """JSON through the real command line (stdout encoding included); the other formats in-process."""
    from click.testing import CliRunner

    from checker.cli import main

    out = {"json": run_format(hostile_corpus, "json")}
    cwd = os.getcwd()
    os.chdir(hostile_corpus)  # as in CI: report paths relative to the working folder
    try:
        for fmt in ("sarif", "junit", "github", "text", "html"):
            res = CliRunner().invoke(main, ["check", str(hostile_corpus), "--format", fmt, "--no-color"])
            out[fmt] = subprocess.CompletedProcess(fmt, res.exit_code, res.stdout_bytes,
                                                   (res.stderr_bytes or b"") + (repr(res.exception).encode()
                                                                                if res.exception and not isinstance(res.exception, SystemExit) else b""))
    finally:
        os.chdir(cwd)
    return out


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text", "html"])
def test_every_format_renders_hostile_text_without_a_traceback(outputs, fmt):
    res = outputs[fmt]
    stderr = res.stderr.decode("utf-8", "replace")
    assert res.returncode == 2, stderr  # input errors (the binary files) exit 2 in every format
    assert "Traceback" not in stderr and "internal error" not in stderr
    res.stdout.decode("utf-8")  # strict: the output is UTF-8 (no lone surrogates from file names)


def test_json_output_is_valid_and_escapes_line_separators(outputs):
    text = outputs["json"].stdout.decode("utf-8")
    assert "\u2028" not in text and "\u2029" not in text
    report = json.loads(text)
    assert any(f["rule"] == "FC001" for f in report["findings"])
    assert sorted(e["doc"] for e in report["errors"]) == ["caf\ufffd\x1b[2J.txt", "evil\n::error file=x::pwned.txt"]


def test_sarif_output_is_valid_json_with_locations(outputs):
    sarif = json.loads(outputs["sarif"].stdout.decode("utf-8"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["results"], "the planted conflict is reported"
    for result in run["results"]:
        for loc in result["locations"] + result.get("relatedLocations", []):
            region = loc["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == len(BAD_NAMES) and run["invocations"][0]["executionSuccessful"] is False


# RFC 3986 URI reference characters: unreserved, reserved and percent-escapes only
_URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def test_sarif_artifact_uris_are_valid_uri_references(outputs):
    sarif = json.loads(outputs["sarif"].stdout.decode("utf-8"))
    run = sarif["runs"][0]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"] for loc in r["locations"] + r.get("relatedLocations", [])]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"]
             for n in run["invocations"][0]["toolExecutionNotifications"] for loc in n.get("locations", [])]
    for uri in uris:
        assert _URI_REFERENCE.match(uri), uri


def test_junit_output_is_well_formed_xml(outputs):
    xml_text = outputs["junit"].stdout.decode("utf-8")
    root = ET.fromstring(xml_text.encode("utf-8"))  # expat refuses characters XML 1.0 cannot carry
    cases = root.findall(".//testcase")
    assert any(c.find("failure") is not None for c in cases), "the planted conflict is a failure"
    errors = [c for c in cases if c.find("error") is not None]
    assert len(errors) == len(BAD_NAMES)


def test_github_annotations_cannot_be_injected_through_names_or_text(outputs):
    out = outputs["github"].stdout.decode("utf-8")
    lines = out.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) [^\r\n]*::", ln) for ln in lines), lines
    # one annotation per input error: the newline in a file name did not start a command of its own
    assert sum(1 for ln in lines if "title=factcheck input error" in ln) == len(BAD_NAMES)
    assert not any(ln.startswith("::error file=x::") for ln in lines)
