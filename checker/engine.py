"""Pair claims about the same subject and run the rules over them.

Two paths (DESIGN §2 align/group), each in its own module and mixed into Engine:
- precise (checker.precise): a document and its translation are aligned sentence by sentence;
  claims are paired inside aligned sentences (one to one, identical figures first).
- broad (checker.broad): every other pair of claims, found through an inverted index of subject
  terms within a dimension block (never all pairs), scored by IDF-weighted term overlap.
When two claims are comparable and when they agree is checker.agreement, shared by both.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from rules import Rule, Verdict

from .broad import BroadPath
from .config import Config
from .lexicon import en_terms
from .model import Claim, Document, Finding
from .precise import PrecisePath
from .segment import sentences
from .textnorm import fold_width


# 金库计划(Project Vault), “战略资源合作论坛”（缩写为FORGE）: a Chinese name followed by its English form
_STATED_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,20})[”\"]?\s?[（(](?:缩写为|简称|英文名?)?\s?([A-Za-z][A-Za-z .&'-]{1,60})[)）]")


def _subject(c: Claim, doc: Document | None) -> str:
    if doc is not None and "clause" in c.extra:
        s, e = c.extra["clause"]
        text = " ".join(doc.text[s:e].split())
        if len(text) > 48:
            # centre the window on the claim
            rel = max(0, c.start - s - 20)
            text = ("…" if rel else "") + text[rel:rel + 46] + "…"
        return text
    return c.noun or c.kind


class Engine(PrecisePath, BroadPath):
    """Pairs the claims of a corpus and collects the findings of the rules: the precise path
    (checker.precise) for translation pairs, the broad path (checker.broad) for the rest."""

    def __init__(self, docs: list[Document], claims: dict[str, list[Claim]], config: Config, glossary=None,
                 aliases: bool = True):
        """`aliases=False` for a renderer that only needs sentences and alignments: the claims'
        subject terms are then left as they are."""
        self.docs = {d.doc: d for d in docs}
        self.claims = claims
        self.config = config
        self.findings: list[Finding] = []
        # agreeing claims of aligned translations: evidence for the majority in broad findings
        self.aligned_support: dict[tuple, list[Claim]] = defaultdict(list)
        self.seen: set[tuple] = set()
        self.sent_spans: dict[str, list[tuple[int, int]]] = {}
        for d in docs:
            self.sent_spans[d.doc] = sentences(fold_width(d.view or d.text))
            for c in claims.get(d.doc, []):
                if c.kind == "name" and c.noun == "glossary":
                    c.extra["glossary"] = True
        if aliases:
            self._apply_aliases(docs, glossary)

    def _apply_aliases(self, docs: list[Document], glossary) -> None:
        """Bridge names into the common term space: aliases the corpus states itself
        (金库计划(Project Vault), 战略资源合作论坛…(FORGE)) and glossary rows (金库计划 = Project Vault),
        so that a claim near 金库计划 shares subject words with one near "Project Vault"."""
        aliases: dict[str, frozenset[str]] = {}
        for d in docs:
            for m in _STATED_ALIAS.finditer(d.view or d.text):
                words = frozenset(en_terms(m.group(2)))
                if words:
                    aliases.setdefault(m.group(1)[-8:], words)
        if glossary is not None:
            for e in glossary.entries:
                if e.zh and e.en and en_terms(e.en):
                    aliases[e.zh] = frozenset(en_terms(e.en))
        if not aliases:
            return
        keys = sorted(aliases, key=len, reverse=True)
        for d in docs:
            view = d.view or d.text
            if not any(k in view for k in keys):
                continue
            spans = self.sent_spans[d.doc]
            for c in self.claims.get(d.doc, []):
                if not 0 <= c.sent < len(spans):
                    continue
                a, b = spans[c.sent]
                extra = [aliases[k] for k in keys if k in view[a:b]]
                if extra:
                    c.extra["groups"] = tuple(c.extra.get("groups", ())) + tuple(extra)
                    c.terms = c.terms | frozenset().union(*extra)

    # ---- findings ----------------------------------------------------------------------
    def emit(self, rule: Rule, verdict: Verdict, claims: list[Claim], path: str, outlier: Claim | None = None,
             docs: tuple[str, ...] = (), subject: str = "", similarity: float | None = None) -> None:
        key = (rule.id, tuple(sorted((c.doc, c.text, c.value) for c in claims[:2])))
        # the same outlier against the same majority value is one finding however it was reached
        key2 = (rule.id, outlier.key, frozenset((c.value, c.unit) for c in claims)) if outlier is not None else None
        if key in self.seen or (key2 is not None and key2 in self.seen):
            return
        self.seen.add(key)
        if key2 is not None:
            self.seen.add(key2)
        severity = verdict.severity or rule.severity
        if path == "broad" and severity == "error":
            severity = "warning"
        first = claims[0]
        self.findings.append(Finding(rule=rule.id, name=rule.name, severity=severity, confidence=verdict.confidence,
                                     subject=subject or _subject(first, self.docs.get(first.doc)), message=verdict.message,
                                     claims=claims, outlier=outlier, docs=docs, path=path, similarity=similarity))


def _suppressed(f: Finding, docs: dict[str, Document]) -> bool:
    """An inline comment in a source turns the finding off (factcheck-disable[-next-line] [IDS])."""
    for c in f.claims[:2]:
        doc = docs.get(c.doc)
        if doc is None or not doc.suppressions:
            continue
        for line in (c.line, 0):
            rules = doc.suppressions.get(line, False)
            if rules is None or (rules and f.rule in rules):
                return True
    return False


def run_rules(extraction, config: Config) -> list[Finding]:
    docs = extraction.documents
    engine = Engine(docs, extraction.claims, config, extraction.glossary)
    linked: set[frozenset[str]] = set()
    by_name = {d.doc: d for d in docs}
    for d in docs:
        if d.translation_of and d.translation_of in by_name:
            linked.add(frozenset((d.doc, d.translation_of)))
            engine.precise(by_name[d.translation_of], d)
    engine.broad(linked)
    engine.names_broad()
    findings = [f for f in engine.findings
                if (config.rules_enabled is None or f.rule in config.rules_enabled) and f.rule not in config.rules_disabled]
    overrides = dict(config.severity_overrides)
    for f in findings:
        if f.rule in overrides:
            f.severity = overrides[f.rule]
    findings = [f for f in findings if not _suppressed(f, by_name)]
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.claims[0].doc, f.claims[0].start, f.rule, f.message))
    counts: Counter[str] = Counter()
    for f in findings:
        # the cited values, never the aligned passages: an edit elsewhere in a sentence that lacks
        # a value must not change the finding's id (baselines and SARIF fingerprints rely on it)
        cited = [c for c in f.claims if c.kind != "passage"][:2]
        basis = f.rule + "|" + "|".join(sorted(f"{c.doc}:{c.text}:{c.value}" for c in cited))
        h = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        counts[h] += 1
        f.id = f"{f.rule}-{h}" + (f"-{counts[h]}" if counts[h] > 1 else "")
    return findings
