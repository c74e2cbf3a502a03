"""The HTML report as a file: self-contained, closed by its CSP, every piece of corpus text escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import FIXTURES

EXAMPLE = FIXTURES / "example"
XSS = FIXTURES / "xss"


def render(corpus: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["check", str(corpus), "--format", "html", "-o", str(out), *extra])
    assert res.exit_code in (0, 1), res.output
    return out.read_text(encoding="utf-8")


class Page(HTMLParser):
    """Every element with its attributes, the text outside scripts, and the scripts' bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in, self._attrs, self._buf = tag, dict(attrs), []

    def handle_endtag(self, tag):
        if tag == self._in:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._attrs, body))
            else:
                self.styles.append(body)
            self._in = None

    def handle_data(self, data):
        (self._buf if self._in else self.text).append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def _hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> str:
    return render(EXAMPLE, tmp_path_factory.mktemp("ex"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> str:
    return render(XSS, tmp_path_factory.mktemp("xss"))


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_csp_forbids_everything_but_the_inline_style_and_script_by_hash(which, request):
    html = request.getfixturevalue(which)
    page = parse(html)
    metas = [a for t, a in page.elements if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    csp = {d.split()[0]: d.split()[1:] for d in metas[0]["content"].split(";") if d.strip()}
    assert csp["default-src"] == ["'none'"]
    code = [body for attrs, body in page.scripts if "type" not in attrs]
    assert len(code) == 1 and len(page.styles) == 1
    assert csp["script-src"] == [f"'{_hash(code[0])}'"]
    assert csp["style-src"] == [f"'{_hash(page.styles[0])}'"]
    # the CSP meta comes before anything it governs
    assert html.index("Content-Security-Policy") < html.index("<style>")


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_nothing_can_make_a_request_or_run(which, request):
    page = parse(request.getfixturevalue(which))
    for tag, attrs in page.elements:
        assert tag not in ("img", "iframe", "object", "embed", "link", "base", "frame", "audio", "video", "source")
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "style" not in attrs, (tag, attrs)          # inline style attributes would need 'unsafe-inline'
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), (tag, attrs)
        if tag == "meta" and "http-equiv" in attrs:
            assert attrs["http-equiv"].lower() == "content-security-policy"
    for attrs, _ in page.scripts:
        assert attrs.get("type") in (None, "application/json")


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_every_internal_link_has_a_target(which, request):
    page = parse(request.getfixturevalue(which))
    ids = [a["id"] for _, a in page.elements if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    targets = {a["href"][1:] for _, a in page.elements if (a.get("href") or "").startswith("#")}
    assert targets - set(ids) == set()


def test_hostile_text_is_shown_as_text_never_as_markup(hostile):
    page = parse(hostile)
    text = "".join(page.text)
    for literal in ["<script>alert('zh-body')</script>", "<img src=x onerror=alert('zh-img')>",
                    "[click me](javascript:alert('en-link'))", '01 "quoted" <img src=x onerror=alert(1)>.zh.md',
                    "<img src=x onerror=alert('source')>环球港航网", "Ports <script>alert('en-source')</script> Wire",
                    "</title><script>alert('title')</script>", "chairman <script>alert('glossary-note')</script>",
                    "<img src=x onerror=alert('glossary')>"]:
        assert literal in text, literal
    # no element of the page came from the corpus: only the report's own tags
    tags = {t for t, _ in page.elements}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "a", "header", "div", "span", "h1", "h2", "h3",
                    "nav", "button", "main", "section", "p", "figure", "figcaption", "svg", "desc", "g", "title",
                    "text", "rect", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "dl", "dt",
                    "dd", "aside", "form", "label", "input", "fieldset", "legend", "article", "blockquote", "mark",
                    "caption", "pre", "footer", "dialog", "kbd", "template", "script", "ul", "li", "b", "br"}


def test_json_island_cannot_close_its_script_and_carries_the_baseline_fields(hostile):
    page = parse(hostile)
    island = next(body for attrs, body in page.scripts if attrs.get("type") == "application/json")
    assert "<" not in island and ">" not in island and "&" not in island
    data = json.loads(island)
    # what an exported baseline entry needs (id, rule, and the document, text and value of the first
    # two cited claims) is in the island: findings cite rows of the shared claim table
    report = json.loads(CliRunner().invoke(main, ["check", str(XSS), "--format", "json"]).output)
    assert [f["id"] for f in data["findings"]] == [f["id"] for f in report["findings"]]
    for mine, theirs in zip(data["findings"], report["findings"]):
        assert mine["rule"] == theirs["rule"]
        cited = [c for c in theirs["claims"] if c["kind"] != "passage"][:2]
        rows = [data["claims"][ref[0]] for ref in mine["c"][:2]]
        assert [(data["docs"][r[0]], r[5], r[12]) for r in rows] == [(c["doc"], c["text"], c["value"]) for c in cited]


def test_same_input_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert render(EXAMPLE, tmp_path / "a") == render(EXAMPLE, tmp_path / "b")


def test_every_rule_documentation_is_embedded(example):
    from rules import REGISTRY

    page = parse(example)
    ids = {a.get("id") for _, a in page.elements}
    text = " ".join("".join(page.text).split())
    for r in REGISTRY:
        assert f"rule-{r.id}" in ids
        assert " ".join(r.summary.split()) in text


def test_findings_grouped_by_subject_most_severe_first_with_sources_table(example):
    page = parse(example)
    findings = [a for t, a in page.elements if t == "article" and "finding" in (a.get("class") or "")]
    severities = [a["data-sev"] for a in findings]
    order = {"error": 0, "warning": 1, "info": 2}
    groups = re.findall(r'<section class="group sev-(\w+)"', example)
    assert groups == sorted(groups, key=order.__getitem__)
    assert severities[0] == "error"
    assert '<table class="sources">' in example and "✓ majority" in example
    report = json.loads(CliRunner().invoke(main, ["check", str(EXAMPLE), "--format", "json"]).output)
    assert sorted(a["id"] for a in findings) == sorted(f"finding-{f['id']}" for f in report["findings"])


def test_translation_pair_is_shown_aligned(example):
    assert example.count('<details class="pair"') == 1
    assert "01-original.zh.md</span> ⇄ <span class=\"docname\">02-translation.en.md" in example


def test_an_empty_corpus_renders(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    html = render(tmp_path / "c", tmp_path)
    assert "No conflicts found." in html


def test_a_finding_of_one_claim_says_it_rests_on_one_source(tmp_path, example):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\nlang: zh\ndate: 2026-03-05\n---\n该公司于2月30日宣布裁员200人。\n", encoding="utf-8")
    html = render(corpus, tmp_path, "--no-cache")
    assert re.findall(r'class="path">([^<]*)', html) == ["one source"]   # FC014, not a comparison
    assert "one source" not in example   # pairs and groups say how they were matched


def test_input_errors_are_listed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "<b>bad&.txt").write_bytes(b"\x00\x00\x00binary")
    (corpus / "a.txt").write_text("投资120亿美元。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    CliRunner().invoke(main, ["check", str(corpus), "--format", "html", "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    assert "Input errors" in html and "&lt;b&gt;bad&amp;.txt" in html


def test_a_repeating_value_reads_in_four_places_on_its_chip():
    from conftest import claims_of
    from reports.html import value_label
    (c,) = [c for c in claims_of("Kiptum won the race in 2:00:53.") if c.kind == "measure"]
    assert value_label(c) == "≈2.0147 h"
    (whole,) = [c for c in claims_of("The trip took 2 hours.") if c.kind == "measure"]
    assert value_label(whole) == "2 h"
