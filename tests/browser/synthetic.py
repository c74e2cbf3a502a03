"""A synthetic Report of a given size, built from the data model (no extraction), for scale checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from checker.api import Extraction, Report
from checker.config import Config
from checker.loader import Corpus
from checker.model import Claim, Document, Finding

SEVERITIES = ("error", "warning", "info")


def synthetic_report(n_findings: int = 1000, n_docs: int = 40) -> Report:
    """`n_findings` findings over `n_docs` documents; every claim points at its real place in its text."""
    from rules import REGISTRY

    per_doc = (2 * n_findings) // n_docs + 2
    docs: list[Document] = []
    claims: dict[str, list[Claim]] = {}
    for d in range(n_docs):
        name = f"{d:03d}-report.{'zh' if d % 2 else 'en'}.md"
        parts: list[str] = []
        doc_claims: list[Claim] = []
        pos = 0
        line = 1
        for k in range(per_doc):
            figure = f"{1000 + 37 * k + d:,}"
            if d % 2:
                before, after = f"第{k}段：港口去年完成货物吞吐量", "万吨，同比增长。"
                quote = f"{figure}万吨"
                value, num = Decimal(1000 + 37 * k + d) * 10000, Decimal(1000 + 37 * k + d) * 10000
                after = "，同比增长。"
            else:
                before, after = f"Paragraph {k}: the port handled ", " of cargo last year, officials said."
                quote = f"{figure} tonnes"
                num = Decimal(1000 + 37 * k + d)
            sentence = before + quote + after
            start = pos + len(before)
            doc_claims.append(Claim(doc=name, lang="zh" if d % 2 else "en", kind="measure", start=start,
                                    end=start + len(quote), text=quote, value=str(num), unit="kg", num=num,
                                    line=line, sent=k, extra={"sentence": (pos, pos + len(sentence))}))
            parts.append(sentence + "\n\n")
            pos += len(sentence) + 2
            line += 2
        text = "".join(parts)
        docs.append(Document(doc=name, text=text, view=text, lang="zh" if d % 2 else "en",
                             date=dt.date(2026, 3, 12), date_source="front matter", source=f"Outlet {d}",
                             title=f"Report {d}"))
        claims[name] = doc_claims
    findings: list[Finding] = []
    for i in range(n_findings):
        a_doc, b_doc = docs[i % n_docs], docs[(i + 1 + i // n_docs) % n_docs]
        a = claims[a_doc.doc][(i // n_docs) % per_doc]
        b = claims[b_doc.doc][(i // n_docs + 1) % per_doc]
        rule = REGISTRY[i % len(REGISTRY)]
        sev = SEVERITIES[i % 3]
        findings.append(Finding(rule=rule.id, name=rule.name, severity=sev, confidence=0.5 + (i % 50) / 100,
                                subject=f"cargo handled, item {i % 400}",
                                message=f"{a.text} ({a.value} kg) vs {b.text} ({b.value} kg): values differ",
                                claims=[a, b], outlier=b if i % 4 == 0 else None, path="broad",
                                similarity=0.4, id=f"{rule.id}-{i:012x}"))
    corpus = Corpus(root=Path("synthetic"), documents=docs)
    extraction = Extraction(corpus=corpus, glossary=None, claims=claims)
    return Report(extraction=extraction, findings=findings, config=Config(paths=(Path("synthetic"),)))
