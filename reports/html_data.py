"""The HTML report's data islands: every finding, and the documents' highlighted text, as compact JSON
that report.js renders on demand (a page of findings, a document when it is opened).

Why islands: an archive's report holds tens of thousands of findings and thousands of documents;
as markup that is hundreds of megabytes and a minute of parsing before the first screen. As data,
everything a finding shows is stored once and shared: a claim cited by many findings (and by the
sources tables) is one row of the claim table, a document's text is stored once, a finding is a
few indices and its message. The markup keeps what the first screen needs.

The views come from html.py's builder, so what a card or a document line shows is decided there
once; report.js only turns these rows into the same elements the template writes (a browser test
compares the two).
"""

from __future__ import annotations

from typing import Any

# a claim row: the fields of a ClaimCard in this order, then the claim's raw value (for baselines)
CLAIM_FIELDS = ("doc_idx", "line", "kind", "lang", "before", "quote", "after", "value", "exact", "interval", "note",
                "anchor")


class FindingsIsland:
    """Findings, their groups and the claims they cite, each claim stored once."""

    def __init__(self, builder, rule_names: dict[str, str]) -> None:
        self.b = builder
        self.rule_names = rule_names
        self.claim_rows: list[list] = []
        self.claim_index: dict[tuple, int] = {}

    def claim(self, c) -> int:
        i = self.claim_index.get(c.key)
        if i is None:
            card = self.b.card(c)
            i = self.claim_index[c.key] = len(self.claim_rows)
            row: list[Any] = [getattr(card, k) for k in CLAIM_FIELDS]
            if card.doc_idx < 0:
                row[0] = card.doc        # a claim of a document the report does not list: its name
            row.append(c.value)
            self.claim_rows.append(row)
        return i

    def finding(self, i: int, f, group: int) -> dict[str, Any]:
        from .html import _cited

        view = self.b.finding(i, f)
        rec: dict[str, Any] = {"id": f.id, "rule": f.rule, "sev": f.severity, "conf": view.confidence,
                               "path": view.path_label, "sim": view.similarity, "msg": f.message, "g": group,
                               "docs": view.docs}
        if f.name != self.rule_names.get(f.rule):
            rec["name"] = f.name
        if view.baselined:
            rec["base"] = 1
        cited = []
        for c in _cited(f):
            role = self.b.role(c, f)
            outlier = f.outlier is not None and f.outlier.key == c.key
            cited.append([self.claim(c), role, 1] if outlier else [self.claim(c), role] if role else [self.claim(c)])
        rec["c"] = cited
        if view.missing_in:
            rec["miss"] = [[di, sentence] for _, di, sentence in view.missing_in]
        return rec

    def table(self, columns, rows, majority) -> dict[str, Any] | None:
        if not columns:
            return None
        cells = []
        for row in rows:
            cells.append([row.doc_idx, row.source, [[self._card_index(c) for c in cell] for cell in row.cells]])
        return {"cols": [[c.label, c.docs, 1 if c.majority else 0] for c in columns], "rows": cells, "maj": majority}

    def _card_index(self, card) -> int:
        # a sources table shows claims its group's findings cite: rows of the table already
        return self.claim_index[card.key]

    def build(self, members: list[list[int]], tables: list) -> dict[str, Any]:
        findings: list[dict[str, Any] | None] = [None] * len(self.b.findings)
        for gi, m in enumerate(members):
            for i in m:
                findings[i] = self.finding(i, self.b.findings[i], gi)
        groups = []
        for gi, m in enumerate(members):
            head = self.b.findings[m[0]]
            g: dict[str, Any] = {"s": head.subject, "sev": head.severity, "f": m}
            t = self.table(*tables[gi])
            if t is not None:
                g["t"] = t
            groups.append(g)
        return {"claims": self.claim_rows, "findings": findings, "groups": groups}


def segments(segs, finding_index: dict[str, int]) -> list:
    """Text as a string; a claim as [text, kind, anchor, title, [finding indices], severity]."""
    out: list = []
    for s in segs:
        if not s.kind:
            if out and isinstance(out[-1], str):
                out[-1] += s.text
            else:
                out.append(s.text)
        else:
            out.append([s.text, s.kind, s.anchor, s.title, [finding_index[r.anchor] for r in s.refs], s.severity])
    return out


def documents_island(docs, pairs, finding_index: dict[str, int], per_part: int) -> list[dict[str, Any]]:
    """The numbered, highlighted lines of every document not in the markup, and the aligned rows
    of their translation pairs (under the translation's index), in parts of `per_part` documents:
    opening a document parses only its part."""
    parts: list[dict[str, Any]] = [{"lines": {}, "pairs": {}} for _ in range(max(1, -(-len(docs) // max(1, per_part))))]
    for d in docs:
        if not d.inline:
            parts[d.idx // per_part]["lines"][str(d.idx)] = [[ln.n, *segments(ln.segments, finding_index)] for ln in d.lines]
    for p in pairs:
        if not p.tgt.inline:
            parts[p.tgt.idx // per_part]["pairs"][str(p.tgt.idx)] = [
                [r.flagged, segments(r.src, finding_index), segments(r.tgt, finding_index)] for r in p.rows]
    return parts


def document_rows(docs, pairs) -> list[list]:
    """What the overview table and a document's summary say of each document, for the pages of a
    corpus of many: [name, title, lang, date, date source, source, translation of, its index or -1,
    claims, [[kind, count]...], findings, front matter, [original's index, aligned rows] or 0]."""
    pair_of = {p.tgt.idx: [p.src.idx, len(p.rows)] for p in pairs}
    return [[d.doc, d.title, d.lang, d.date, d.date_source, d.source, d.translation_of or "",
             -1 if d.translation_idx is None else d.translation_idx, d.claims, [list(k) for k in d.kinds], d.findings,
             d.front_matter, pair_of.get(d.idx, 0)] for d in docs]
