"""The reviewer's HTML report: one self-contained file (DESIGN §1, `--format html`).

Why a Jinja2 template with autoescaping rather than strings built in Python: the page is
mostly markup, which reads best as markup, and autoescaping makes escaping the default for
every value — corpus text (file names, document text, glossary entries, front-matter values,
messages quoting them) can only ever reach the page as text, and a forgotten `html.escape`
cannot happen. No value is marked safe except our own CSS, JavaScript and the JSON island,
which is escaped here (`_json_island`).

Self-contained and closed: the CSS and JavaScript are inlined and allowed by their SHA-256
hashes in a Content-Security-Policy meta tag whose default is `'none'`, so the page can make
no request of any kind and no injected script or style could run even if escaping failed.
Hashes rather than a nonce keep the output byte-identical for the same input.

This module only turns a Report into view data; rendering never changes findings.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from markupsafe import Markup

from .grouping import fact_groups

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
KINDS = ("money", "count", "percent", "date", "measure", "identifier", "name", "number")
KIND_LABELS = {"money": "money", "count": "count", "percent": "percentage", "date": "date", "measure": "measure",
               "identifier": "identifier", "name": "name", "number": "number"}
QUALIFIER_SIGNS = {"approx": "≈", "near": "≈", "over": ">", "min": "≥", "max": "≤", "under": "<", "range": "range"}
CONTEXT_CHARS = 110          # sentence context kept either side of a quote in a finding
HTML_SUFFIXES = (".html", ".htm")
MAX_TABLE_VALUES = 6         # sources × values tables beyond these sizes are left out
MAX_TABLE_SOURCES = 16
LARGE_REPORT = 150           # findings beyond which off-screen findings skip layout (content-visibility)
PAGE_SIZE = 200              # findings in the markup; beyond them report.js renders pages from the JSON island
INLINE_TEXT = 300_000        # characters of document text beyond which document views are rendered when opened
DOC_PAGE = 100               # documents in the markup (overview table, document views); beyond them, pages
MAX_CHART_BARS = 30          # a chart of more bars shows the largest ones (the filters still list every value)


def _cited(f) -> list:
    """The claims a finding shows as cards: the aligned sentences a missing value is cited
    against (kind "passage") are shown as 'missing in' instead."""
    return [c for c in f.claims if c.kind != "passage"]


# ---- view data -------------------------------------------------------------------------------

@dataclass
class Ref:
    """A link from a highlighted claim to a finding that cites it."""

    anchor: str
    rule: str
    severity: str
    title: str = ""


@dataclass
class Segment:
    text: str
    kind: str = ""              # claim kind when this piece of text is a claim
    anchor: str = ""            # id of the mark (first piece of a claim only)
    title: str = ""
    refs: list[Ref] = field(default_factory=list)
    severity: str = ""          # worst severity of the findings citing it


@dataclass
class Line:
    n: int
    segments: list[Segment]


@dataclass
class DocView:
    idx: int
    doc: str
    lang: str
    date: str
    date_source: str
    source: str
    title: str
    translation_of: str | None
    translation_idx: int | None
    claims: int
    kinds: list[tuple[str, int]]
    findings: int
    front_matter: str
    lines: list[Line]
    is_html: bool
    open: bool
    inline: bool = True         # its text is in the markup (else in the documents island, rendered when opened)


@dataclass
class ClaimCard:
    doc: str
    doc_idx: int
    lang: str
    line: int
    kind: str
    before: str
    quote: str
    after: str
    value: str
    exact: str
    interval: str
    note: str
    anchor: str
    outlier: bool
    role: str                   # original | translation | ""
    key: tuple = ()             # the claim's key


@dataclass
class FindingView:
    id: str
    idx: int
    rule: str
    name: str
    severity: str
    confidence: int
    path: str
    similarity: str
    message: str
    subject: str
    baselined: bool
    docs: list[int]
    claims: list[ClaimCard]
    missing_in: list[tuple[str, int, str]]   # FC012: (document, index, the aligned sentence there)

    @property
    def path_label(self) -> str:
        """How the claims were matched, as the card's head says it."""
        if self.path == "precise":
            return "aligned translation"
        return "one source" if len(self.claims) == 1 else "similar subject"


@dataclass
class ValueColumn:
    label: str
    docs: int
    majority: bool


@dataclass
class SourceRow:
    doc: str
    doc_idx: int
    source: str
    cells: list[list[ClaimCard]]


@dataclass
class GroupView:
    idx: int
    subject: str
    severity: str
    count: int                  # findings of the subject (those in the markup may be fewer)
    findings: list[FindingView]
    columns: list[ValueColumn]
    rows: list[SourceRow]
    majority: str


@dataclass
class Bar:
    label: str
    full: str
    y: int
    parts: list[tuple[str, int, int, int]]     # (severity, x, width, count)
    total: int
    filter: str


@dataclass
class Chart:
    id: str
    title: str
    bars: list[Bar]
    height: int
    width: int
    label_width: int


@dataclass
class BeadRow:
    src: list[Segment]
    tgt: list[Segment]
    flagged: str


@dataclass
class PairView:
    src: DocView
    tgt: DocView
    rows: list[BeadRow]


# ---- helpers ---------------------------------------------------------------------------------

def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json_island(data: Any) -> Markup:
    """JSON for a <script type="application/json"> island: nothing in it can close the element
    or be read as markup (<, >, & and the JS line separators are escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def _human(value: Decimal, group: bool = True) -> str:
    for div, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(value) >= div:
            return f"{(value / div).normalize():f} {word}"
    value = value.normalize()
    if value.as_tuple().exponent < -6:   # 1 hour and 50 minutes: 1.8333 h, not 28 places
        return "≈" + _human(value.quantize(Decimal("0.0001")), group)
    return f"{value:,f}" if group or abs(value) >= 10000 else f"{value:f}"


def _dec(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None


def value_label(c) -> str:
    """A claim's normalized value as a reviewer reads it: 12 billion CNY, 8.5% ↑, ≈ 300 (people)."""
    sign = QUALIFIER_SIGNS.get(c.qualifier or "", "")
    if c.kind == "date":
        text = c.value
        if c.time:
            text += f" {c.time}"
        if c.tz:
            text += f" ({c.tz})"
    elif c.kind in ("name", "identifier"):
        text = c.value
    else:
        num = c.num if c.num is not None else _dec(c.value)
        shown = _human(num, group=c.kind != "number") if num is not None else c.value
        unit = c.unit or ""
        if unit == "%":
            text = f"{shown}%"
        elif unit == "pp":
            text = f"{shown} percentage points"
        elif unit:
            text = f"{shown} {unit}"
        elif c.kind == "count" and c.noun and c.noun not in ("个",):
            text = f"{shown} ({c.noun})"
        else:
            text = shown
    if sign and sign != "range":
        text = f"{sign} {text}"
    if c.direction:
        text += " ↑" if c.direction > 0 else " ↓"
    return text


def _value_key(c) -> tuple:
    return (c.kind if c.kind != "number" else "count", c.value, c.unit or "", c.qualifier or "", c.direction or 0)


def _interval_label(c) -> str:
    if c.low is None and c.high is None:
        return ""
    lo = "−∞" if c.low is None else f"{c.low.normalize():f}"
    hi = "∞" if c.high is None else f"{c.high.normalize():f}"
    return f"interval [{lo}, {hi}]"


def _claim_note(c) -> str:
    notes = []
    if c.resolved:
        notes.append("date resolved against the document date")
    if c.alt:
        notes.append("other readings: " + ", ".join(c.alt))
    return "; ".join(notes)


def _is_html(doc) -> bool:
    return doc.doc.lower().endswith(HTML_SUFFIXES)


def _display_text(doc) -> str:
    """What the report shows of a document: the file as written, except HTML, whose visible text
    (markup blanked, same length) is what was checked. Offsets index both."""
    if _is_html(doc) and doc.view and len(doc.view) == len(doc.text):
        return doc.view
    return doc.text


_SPACES = re.compile(r"[ \t\u3000]{2,}")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _collapse(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, edges kept."""
    return re.sub(r"\s+", " ", text)


# ---- the report as view data -----------------------------------------------------------------

class _Builder:
    def __init__(self, report) -> None:
        self.report = report
        self.docs = list(report.extraction.documents)
        self.by_name = {d.doc: d for d in self.docs}
        self.doc_idx = {d.doc: i for i, d in enumerate(self.docs)}
        self.claims: dict[str, list] = report.extraction.claims
        self.findings = list(report.findings)
        self.anchor_of: dict[tuple, str] = {}
        self.refs: dict[tuple, list[Ref]] = defaultdict(list)
        for f in self.findings:
            for c in _cited(f):
                self.refs[c.key].append(Ref(anchor=f"finding-{f.id}", rule=f.rule, severity=f.severity,
                                            title=f"{f.severity}: {f.rule} {f.name}"))
        self._engine = None
        self._cards: dict[tuple, ClaimCard] = {}

    # -- sentences, as the engine sees them --------------------------------------------------
    @property
    def engine(self):
        if self._engine is None:
            from checker.engine import Engine

            # the sentences and alignments the run used (they do not depend on aliases, and the
            # report's claims must not be touched again)
            self._engine = Engine(self.docs, self.claims, self.report.config, aliases=False)
        return self._engine

    def sentence_span(self, c) -> tuple[int, int]:
        span = c.extra.get("sentence") if isinstance(c.extra, dict) else None
        if span:
            return span
        spans = self.engine.sent_spans.get(c.doc, [])
        i = bisect.bisect_right([s for s, _ in spans], c.start) - 1
        if 0 <= i < len(spans):
            return spans[i]
        return (c.start, c.end)

    # -- documents -----------------------------------------------------------------------------
    def marks(self, doc, lo: int, hi: int, prefix: str) -> list[Segment]:
        """The text [lo, hi) of a document as segments, its claims marked. Overlapping claims
        share the mark of the first (a flagged claim wins a tie) so every claim has an anchor."""
        base = _display_text(doc)
        squash = _is_html(doc)
        di = self.doc_idx[doc.doc]
        cs = sorted((c for c in self.claims.get(doc.doc, []) if lo <= c.start and c.end <= hi),
                    key=lambda c: (c.start, 0 if c.key in self.refs else 1, -(c.end - c.start)))
        out: list[Segment] = []
        pos = lo
        last: Segment | None = None
        last_end = lo
        for c in cs:
            if last is not None and c.start < last_end:
                if prefix == "c":
                    self.anchor_of.setdefault(c.key, last.anchor)
                for r in self.refs.get(c.key, []):
                    if all(r.anchor != x.anchor for x in last.refs):
                        last.refs.append(r)
                continue
            if c.start > pos:
                gap = base[pos:c.start]
                out.append(Segment(_SPACES.sub(" ", gap) if squash else gap))
            refs = list(self.refs.get(c.key, []))
            anchor = f"{prefix}{di}-{c.start}"
            if prefix == "c":
                self.anchor_of.setdefault(c.key, anchor)
            title = f"{KIND_LABELS.get(c.kind, c.kind)}: {value_label(c)}"
            if c.line:
                title += f" · line {c.line}"
            seg = Segment(base[c.start:c.end], kind=c.kind, anchor=anchor, title=title, refs=refs,
                          severity=min((r.severity for r in refs), key=SEVERITY_RANK.__getitem__, default=""))
            out.append(seg)
            last, last_end, pos = seg, c.end, c.end
        if pos < hi:
            gap = base[pos:hi]
            out.append(Segment(_SPACES.sub(" ", gap) if squash else gap))
        return out

    def lines(self, doc) -> list[Line]:
        """The document body as numbered lines (claims may not cross a line; a mark that does is
        split, its anchor and links kept on the first piece)."""
        start = doc.body_start if 0 <= doc.body_start <= len(doc.text) else 0
        segments = self.marks(doc, start, len(doc.text), "c")
        n = doc.text.count("\n", 0, start) + 1
        lines: list[Line] = [Line(n, [])]
        for seg in segments:
            parts = seg.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    n += 1
                    lines.append(Line(n, []))
                if not part:
                    continue
                if seg.kind:
                    piece = Segment(part, seg.kind, seg.anchor if k == 0 else "", seg.title,
                                    seg.refs if k == len(parts) - 1 else [], seg.severity)
                else:
                    piece = Segment(part)
                lines[-1].segments.append(piece)
        if _is_html(doc):
            # markup blanked to whitespace leaves runs of empty lines: keep one of each run
            kept: list[Line] = []
            for line in lines:
                blank = all(not s.text.strip() for s in line.segments)
                if blank and kept and not kept[-1].segments:
                    continue
                kept.append(Line(line.n, [] if blank else line.segments))
            lines = kept
        while lines and not lines[0].segments:
            lines.pop(0)
        return lines

    def documents(self) -> list[DocView]:
        out = []
        few = len(self.docs) <= 4
        flagged_docs: Counter[str] = Counter()
        for f in self.findings:
            for d in {c.doc for c in f.claims} | set(f.docs):
                flagged_docs[d] += 1
        for i, d in enumerate(self.docs):
            cs = self.claims.get(d.doc, [])
            kinds = Counter(c.kind for c in cs)
            start = d.body_start if 0 < d.body_start <= len(d.text) else 0
            out.append(DocView(
                idx=i, doc=d.doc, lang=d.lang or "", date=d.date.isoformat() if d.date else "",
                date_source=d.date_source or "", source=d.source or "", title=d.title or "",
                translation_of=d.translation_of, translation_idx=self.doc_idx.get(d.translation_of or ""),
                claims=len(cs), kinds=[(k, kinds[k]) for k in KINDS if kinds[k]], findings=flagged_docs[d.doc],
                front_matter=d.text[:start].strip(), lines=self.lines(d), is_html=_is_html(d), open=few))
        return out

    # -- findings ------------------------------------------------------------------------------
    def card(self, c, f=None) -> ClaimCard:
        """A claim as a card; in a finding, with its role in a translation pair and whether it is the outlier."""
        base = self._cards.get(c.key)
        if base is None:
            base = self._cards[c.key] = self._card(c)
        if f is None:
            return base
        outlier = f.outlier is not None and f.outlier.key == c.key
        role = self.role(c, f)
        return replace(base, outlier=outlier, role=role) if outlier or role else base

    def role(self, c, f) -> str:
        doc = self.by_name.get(c.doc)
        if f.path != "precise" or doc is None:
            return ""
        others = {x.doc for x in f.claims} - {c.doc}
        if doc.translation_of and doc.translation_of in others:
            return "translation"
        if any(self.by_name.get(o) is not None and self.by_name[o].translation_of == c.doc for o in others):
            return "original"
        return ""

    def _card(self, c) -> ClaimCard:
        doc = self.by_name.get(c.doc)
        base = _display_text(doc) if doc is not None else ""
        before = after = ""
        if doc is not None:
            s, e = self.sentence_span(c)
            s, e = min(s, c.start), max(e, c.end)
            lo = max(s, c.start - CONTEXT_CHARS)
            hi = min(e, c.end + CONTEXT_CHARS)
            # never cut a Latin word in two: "…he ceremony" reads as a typo
            while s < lo < c.start and base[lo - 1].isascii() and base[lo - 1].isalnum():
                lo += 1
            while c.end < hi < e and base[hi].isascii() and base[hi].isalnum():
                hi -= 1
            before = ("…" if lo > s else "") + _collapse(base[lo:c.start]).lstrip()
            after = _collapse(base[c.end:hi]).rstrip() + ("…" if hi < e else "")
        exact = ""
        if c.num is not None and abs(c.num) >= 1_000_000 and c.kind not in ("date", "name", "identifier"):
            # "12 billion CNY" reads well; the digits behind it settle a dispute
            digits = _dec(c.value)
            exact = (f"{digits.normalize():,f}" if digits is not None else c.value) \
                + (f" {c.unit}" if c.unit and c.unit not in ("%", "pp") else (c.unit or ""))
        return ClaimCard(
            doc=c.doc, doc_idx=self.doc_idx.get(c.doc, -1), lang=c.lang or (doc.lang if doc else ""), line=c.line,
            kind=c.kind, before=before, quote=c.text, after=after, value=value_label(c), exact=exact,
            interval=_interval_label(c), note=_claim_note(c), anchor=self.anchor_of.get(c.key, ""),
            outlier=False, role="", key=c.key)

    def finding(self, i: int, f) -> FindingView:
        docs = sorted({self.doc_idx[d] for d in {c.doc for c in f.claims} | set(f.docs) if d in self.doc_idx})
        missing = []
        if f.rule == "FC012" or (len(_cited(f)) == 1 and f.docs):
            for d in f.docs:
                if d in self.doc_idx and all(c.doc != d for c in _cited(f)):
                    missing.append((d, self.doc_idx[d], self.aligned_sentence(f.claims[0], d)))
        return FindingView(
            id=f.id, idx=i, rule=f.rule, name=f.name, severity=f.severity,
            confidence=int(round(float(f.confidence) * 100)), path=f.path,
            similarity=f"{f.similarity:.2f}" if f.similarity is not None else "",
            message=f.message, subject=f.subject, baselined=f.id in self.report.baselined, docs=docs,
            claims=[self.card(c, f) for c in _cited(f)], missing_in=missing)

    def group_members(self) -> list[list[int]]:
        """Findings that cite a common claim speak of one fact: one group, most severe first; each
        group's findings (indices into the report's findings) most severe first."""
        members = fact_groups(self.findings)

        def f_order(i: int) -> tuple:
            f = self.findings[i]
            return (SEVERITY_RANK.get(f.severity, 9), -float(f.confidence), i)

        ordered = sorted(members, key=lambda m: min(f_order(i) for i in m))
        return [sorted(m, key=f_order) for m in ordered]

    def groups(self, members: list[list[int]], views: dict[int, FindingView],
               tables: list[tuple[list[ValueColumn], list[SourceRow], str]]) -> list[GroupView]:
        """The groups with a finding in the markup (`views`), with those findings."""
        out = []
        for gi, m in enumerate(members):
            shown = [views[i] for i in m if i in views]
            if not shown:
                continue
            head = self.findings[m[0]]
            columns, rows, majority = tables[gi]
            out.append(GroupView(idx=gi, subject=head.subject, severity=head.severity, count=len(m),
                                 findings=shown, columns=columns, rows=rows, majority=majority))
        return out

    def sources_table(self, findings: list) -> tuple[list[ValueColumn], list[SourceRow], str]:
        """Sources × values for a fact stated by several sources, the majority marked."""
        claims: dict[tuple, Any] = {}
        for f in findings:
            for c in _cited(f):
                claims.setdefault(c.key, c)
        docs = {c.doc for c in claims.values()}
        if len(claims) < 3 or len(docs) < 2:
            return [], [], ""
        values: dict[tuple, list] = defaultdict(list)
        for c in claims.values():
            values[_value_key(c)].append(c)
        if len(values) < 2 or len(values) > MAX_TABLE_VALUES or len(docs) > MAX_TABLE_SOURCES:
            return [], [], ""  # a table that big no longer describes one fact
        keys = sorted(values, key=lambda k: (-len({c.doc for c in values[k]}), str(k)))
        counts = [len({c.doc for c in values[k]}) for k in keys]
        has_majority = len(counts) > 1 and counts[0] > counts[1]
        columns = [ValueColumn(label=value_label(values[k][0]), docs=n, majority=has_majority and j == 0)
                   for j, (k, n) in enumerate(zip(keys, counts))]
        rows = []
        for d in sorted(docs, key=lambda d: self.doc_idx.get(d, 1 << 30)):
            doc = self.by_name.get(d)
            cells = [[self.card(c) for c in sorted(values[k], key=lambda c: c.start) if c.doc == d] for k in keys]
            rows.append(SourceRow(doc=d, doc_idx=self.doc_idx.get(d, -1), source=doc.source if doc else "",
                                  cells=cells))
        majority = ""
        if has_majority:
            majority = f"{columns[0].label}: {counts[0]} of {len(docs)} sources"
        return columns, rows, majority

    # -- translation pairs, aligned as the engine aligns them ------------------------------------
    @property
    def beads(self) -> dict[tuple[str, str], list[tuple[list[int], list[int]]]]:
        if not hasattr(self, "_beads"):
            self._beads = {}
            for d in self.docs:
                if d.translation_of and d.translation_of in self.by_name:
                    self._beads[(d.translation_of, d.doc)] = self.align(self.by_name[d.translation_of], d)
        return self._beads

    def align(self, src, tgt) -> list[tuple[list[int], list[int]]]:
        """The beads of a translation pair exactly as the engine compared them."""
        return self.engine.beads(src, tgt)

    def aligned_sentence(self, c, other: str) -> str:
        """The text aligned with the claim's sentence in the other document of a translation pair."""
        for (s, t), beads in self.beads.items():
            if {s, t} != {c.doc, other}:
                continue
            mine, theirs = (0, 1) if c.doc == s else (1, 0)
            spans = self.engine.sent_spans[other]
            base = _display_text(self.by_name[other])
            for bead in beads:
                if c.sent in bead[mine]:
                    text = " ".join(_squash(base[spans[j][0]:spans[j][1]]) for j in bead[theirs])
                    return text or "(no aligned sentence)"
        return ""

    def pairs(self, docviews: list[DocView]) -> list[PairView]:
        out = []
        for (s, t), beads in self.beads.items():
            src, tgt = self.by_name[s], self.by_name[t]
            ss, ts = self.engine.sent_spans[s], self.engine.sent_spans[t]
            rows = []
            for si, ti in beads:
                src_segs = self._bead_side(src, ss, si)
                tgt_segs = self._bead_side(tgt, ts, ti)
                sev = min((x.severity for x in src_segs + tgt_segs if x.severity),
                          key=SEVERITY_RANK.__getitem__, default="")
                rows.append(BeadRow(src_segs, tgt_segs, sev))
            out.append(PairView(docviews[self.doc_idx[s]], docviews[self.doc_idx[t]], rows))
        return out

    def _bead_side(self, doc, spans, idx: list[int]) -> list[Segment]:
        segs: list[Segment] = []
        for j in idx:
            a, b = spans[j]
            if segs:
                segs.append(Segment(" "))
            for seg in self.marks(doc, a, b, "a"):
                seg.text = _collapse(seg.text)
                segs.append(seg)
        if segs:
            segs[0].text = segs[0].text.lstrip() if not segs[0].kind else segs[0].text
            segs[-1].text = segs[-1].text.rstrip() if not segs[-1].kind else segs[-1].text
        return segs

    # -- overview ------------------------------------------------------------------------------
    def charts(self) -> list[Chart]:
        by_sev = Counter(f.severity for f in self.findings)
        by_rule: dict[str, Counter[str]] = defaultdict(Counter)
        by_doc: dict[str, Counter[str]] = defaultdict(Counter)
        for f in self.findings:
            by_rule[f"{f.rule} {f.name}"][f.severity] += 1
            for d in sorted({c.doc for c in f.claims} | set(f.docs)):
                by_doc[d][f.severity] += 1
        sev_items = [(s, s, Counter({s: by_sev[s]}), f"sev:{s}") for s in SEVERITIES]
        rule_items = [(k, k, v, f"rule:{k.split()[0]}") for k, v in sorted(by_rule.items())]
        doc_items = [(d, d, by_doc[d], f"doc:{self.doc_idx[d]}") for d in (x.doc for x in self.docs) if by_doc[d]]
        doc_title = "Findings by document"
        if len(doc_items) > MAX_CHART_BARS:
            # thousands of bars say nothing: the documents with most findings, in corpus order
            top = sorted(range(len(doc_items)), key=lambda k: -sum(doc_items[k][2].values()))[:MAX_CHART_BARS]
            doc_title += f" (the {MAX_CHART_BARS} with most, of {len(doc_items):,})"
            doc_items = [doc_items[k] for k in sorted(top)]
        return [self._chart("chart-severity", "Findings by severity", sev_items),
                self._chart("chart-rule", "Findings by rule", rule_items),
                self._chart("chart-doc", doc_title, doc_items)]

    @staticmethod
    def _chart(cid: str, title: str, items: list[tuple[str, str, Counter, str]]) -> Chart:
        label_w, bar_w, row_h = 190, 200, 22
        top = max((sum(c.values()) for _, _, c, _ in items), default=0) or 1
        bars = []
        for k, (label, full, counts, filt) in enumerate(items):
            x = label_w
            parts = []
            for s in SEVERITIES:
                n = counts.get(s, 0)
                if n:
                    w = max(2, round(bar_w * n / top))
                    parts.append((s, x, w, n))
                    x += w
            short = label if len(label) <= 26 else label[:25] + "…"
            bars.append(Bar(short, full, k * row_h, parts, sum(counts.values()), filt))
        return Chart(cid, title, bars, max(1, len(items)) * row_h, label_w + bar_w + 44, label_w)

    def settings(self) -> list[tuple[str, str]]:
        cfg = self.report.config
        corpus = self.report.extraction.corpus
        glossary = cfg.glossary or getattr(corpus, "glossary_path", None)
        rows = [("Corpus", ", ".join(str(p) for p in cfg.paths) or "—"),
                ("Glossary", str(glossary) if glossary else "none"),
                ("Fail on", cfg.fail_on),
                ("Rules", "all" if cfg.rules_enabled is None else ", ".join(sorted(cfg.rules_enabled))),
                ("Disabled rules", ", ".join(sorted(cfg.rules_disabled)) or "none"),
                ("Severity overrides", ", ".join(f"{r} → {s}" for r, s in cfg.severity_overrides) or "none"),
                ("Include", ", ".join(cfg.include) or "everything"),
                ("Exclude", ", ".join(cfg.exclude) or "nothing")]
        base = "none"
        if cfg.baseline is not None:
            base = f"{cfg.baseline}: {len(self.report.baselined)} finding(s) not counted"
            stale = len(self.report.stale_baseline)
            if stale:
                base += f", {stale} stale entr{'y' if stale == 1 else 'ies'}"
        rows.append(("Baseline", base))
        return rows

    def gate(self) -> str:
        cfg = self.report.config
        counted = self.report.counted_findings
        if self.report.extraction.errors:
            return f"exit 2: {len(self.report.extraction.errors)} input error(s) (unless --ignore-input-errors)"
        if cfg.fail_on == "never":
            return "exit 0: --fail-on never"
        order = SEVERITY_RANK[cfg.fail_on] if cfg.fail_on in SEVERITY_RANK else 0
        hits = [f for f in counted if SEVERITY_RANK.get(f.severity, 9) <= order]
        if hits:
            return f"exit 1: {len(hits)} counted finding(s) at or above {cfg.fail_on}"
        return f"exit 0: no counted finding at or above {cfg.fail_on}"

    def baseline_entries(self) -> dict[str, dict[str, str]]:
        """Statuses already recorded in the baseline this run used: triage starts from them."""
        path = self.report.config.baseline
        if path is None:
            return {}
        try:
            from checker.baseline import load_baseline

            base = load_baseline(path)
        except Exception:  # noqa: BLE001 - the run already read it; a report never fails on it
            return {}
        ids = {f.id for f in self.findings}
        return {i: {"status": str(e.get("status", "accepted")), "comment": str(e.get("comment", ""))}
                for i, e in base.entries.items() if i in ids}


@cache
def _rules() -> tuple[tuple[str, str, str, str, tuple[tuple[str, str], ...]], ...]:
    """(id, name, severity, summary, sections) of every rule, from its docstring."""
    from rules import REGISTRY

    out = []
    for r in REGISTRY:
        doc = (r.doc or "").strip()
        lines = doc.splitlines()
        summary = lines[0].strip() if lines else r.name
        sections: list[tuple[str, str]] = []
        head, body = "", []
        for line in lines[1:]:
            m = re.match(r"^\s*([A-Z][A-Za-z ]{2,40}):\s*$", line)
            if m:
                if head or "".join(body).strip():
                    sections.append((head, _dedent(body)))
                head, body = m.group(1), []
            else:
                body.append(line)
        if head or "".join(body).strip():
            sections.append((head, _dedent(body)))
        out.append((r.id, r.name, r.severity, summary, tuple(sections)))
    return tuple(out)


def _dedent(lines: list[str]) -> str:
    import textwrap

    return textwrap.dedent("\n".join(lines)).strip()


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


@cache
def _static(name: str) -> str:
    from importlib.resources import files

    text = files("reports").joinpath("templates", name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():
        raise ValueError(f"{name} must not contain {closing}")
    return text


def _corpus_key(report) -> str:
    basis = "|".join([*(str(p) for p in report.config.paths), *(d.doc for d in report.extraction.documents)])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def render_report(report, page_size: int = PAGE_SIZE, inline_text: int = INLINE_TEXT, doc_page: int = DOC_PAGE) -> str:
    """The report as one self-contained HTML page (no request of any kind, all text escaped).

    The first `page_size` findings (in the order they are shown) are markup; every finding is in
    the JSON island, from which report.js renders further pages, and filters over all of them.
    Documents are markup while their text totals at most `inline_text` characters; beyond that
    their highlighted lines are data, rendered when a document is opened. Of more than `doc_page`
    documents, the first `doc_page` are listed in the markup, the others in pages from the island."""
    from checker import __version__

    from .html_data import FindingsIsland, document_rows, documents_island

    b = _Builder(report)
    docs = b.documents()            # fills the claim anchors the finding cards link to
    pairs = b.pairs(docs)
    members = b.group_members()
    order = [i for m in members for i in m]
    views = {i: b.finding(i, b.findings[i]) for i in order[:page_size]}
    tables = [b.sources_table([b.findings[i] for i in m]) for m in members]
    groups = b.groups(members, views, tables)
    rules = _rules()
    rule_counts = Counter(f.rule for f in b.findings)
    sev_counts = Counter(f.severity for f in b.findings)
    island = FindingsIsland(b, {r[0]: r[1] for r in rules}).build(members, tables)
    doc_counts = Counter(d for f in island["findings"] for d in f["docs"])
    inline = sum(len(d.text) for d in b.docs) <= inline_text
    for d in docs:
        d.inline = inline
    finding_index = {f"finding-{f.id}": i for i, f in enumerate(b.findings)}
    doc_paged = len(docs) > doc_page
    css, js = _static("report.css"), _static("report.js")
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")
    data = {
        "corpus": _corpus_key(report),
        "page": page_size,
        "docs": [d.doc for d in b.docs],
        "rules": {r[0]: r[1] for r in rules},
        **island,
        "baseline": b.baseline_entries(),
    }
    if doc_paged:
        data["docpage"] = doc_page
        data["doclist"] = document_rows(docs, pairs)
    n_claims = sum(len(v) for v in report.extraction.claims.values())
    corpus_name = ", ".join(str(p) for p in report.config.paths) or "corpus"
    glossary = report.extraction.glossary
    html = _environment().get_template("report.html.j2").render(
        version=__version__, corpus_name=corpus_name, csp=csp, css=Markup(css), js=Markup(js),
        data=_json_island(data),
        doc_data=[] if inline else [_json_island(part) for part in
                                    documents_island(docs, pairs, finding_index, doc_page if doc_paged else len(docs))],
        docs=docs, pairs=pairs, groups=groups, doc_paged=doc_paged,
        listed_docs=docs[:doc_page] if doc_paged else docs,
        # the document filter lists those with findings; of thousands, report.js adds more as it scrolls
        facet_docs=[d for d in docs if doc_counts[d.idx]][:doc_page if doc_paged else None],
        listed_pairs=[p for p in pairs if p.tgt.idx < doc_page] if doc_paged else pairs, n_findings=len(b.findings), n_groups=len(members), page_size=page_size,
        n_claims=n_claims, rules=rules, rule_counts=rule_counts, sev_counts=sev_counts, doc_counts=doc_counts,
        severities=SEVERITIES, kinds=[(k, KIND_LABELS[k]) for k in KINDS], charts=b.charts(), settings=b.settings(),
        gate=b.gate(), errors=sorted(report.extraction.errors, key=lambda e: e.doc),
        glossary=list(glossary.entries) if glossary is not None else [],
        baselined=len(report.baselined), stale=list(report.stale_baseline), large=len(b.findings) > LARGE_REPORT)
    return html
