"""The JSON report written in pieces (render_report_chunks, what the CLI writes) is the text of
render_report, wherever the pieces are cut: the report of a large corpus is never held whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_paths
from checker.settings import build_config
from reports import json_report
from reports.fastjson import Raw, fragment

ROOT = Path(__file__).resolve().parents[1]

# a lone surrogate, the line separators JavaScript breaks on, and a character beyond U+FFFF
HOSTILE = "a\ud800b\u2028c\u2029d𢙐e"


@pytest.mark.parametrize("size", [1, 2, 5, 64, 1 << 20])
def test_pieces_cut_anywhere_make_the_same_text(monkeypatch, size):
    data = {"findings": [Raw(fragment({"message": HOSTILE * k, "n": k}, 2)) for k in range(6)],
            "documents": [{"doc": HOSTILE, "claims": 3}], "errors": []}
    monkeypatch.setattr(json_report, "_CHUNK", size)
    pieces = list(json_report._chunks(json_report.dumps_parts(data, "\n")))
    assert "".join(pieces) == json_report.dumps(data)
    assert len(pieces) > 1 or size >= 1 << 20
    assert "\ud800" not in "".join(pieces) and "\u2028" not in "".join(pieces)


@pytest.mark.parametrize("size", [3, 1 << 20])
def test_report_in_pieces_is_the_report(monkeypatch, tmp_path, size):
    report = check_paths(build_config([ROOT / "fixtures" / "example"], fail_on="never", cache_dir=tmp_path))
    monkeypatch.setattr(json_report, "_CHUNK", size)
    assert report.findings
    assert "".join(json_report.render_report_chunks(report)) == json_report.render_report(report)
