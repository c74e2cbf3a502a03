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
from bisect import bisect_left
from collections import Counter, defaultdict

from rules import CLAIM_RULES, REGISTRY, Pair, Rule, Verdict

from .broad import BroadPath
from .config import Config
from .lexicon import en_terms
from .model import Claim, Document, Finding
from .precise import PrecisePath, load_name_tables
from .segment import sentences
from .textnorm import fold_width


# 金库计划(Project Vault), “战略资源合作论坛”（缩写为FORGE）: a Chinese name followed by its English form
_STATED_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,20})[”\"]?\s?[（(](?:缩写为|简称|英文名?)?\s?([A-Za-z][A-Za-z .&'-]{1,60})[)）]")


class _KeyFinder:
    """Which of many (non-empty) names occur in a text: the text is scanned once, each place where
    a name can start walked along a trie of the names, instead of searching the text once per name
    (a corpus of 10,000 articles states thousands of aliases, and every article would be searched
    for each)."""

    _END = None   # a trie node's entry for the name that ends there

    def __init__(self, keys: list[str]):
        self.rank = {k: r for r, k in enumerate(keys)}
        self.trie: dict = {}
        for k in keys:
            node = self.trie
            for ch in k:
                node = node.setdefault(ch, {})
            node[self._END] = k
        firsts = sorted(ch for ch in self.trie if ch is not self._END)
        self.firsts = re.compile("[" + "".join(re.escape(ch) for ch in firsts) + "]") if firsts else None

    def occurrences(self, text: str) -> tuple[list[int], list[tuple[int, str]]]:
        """The start of every occurrence of every name (overlapping ones too), in order, and its
        (end, name)."""
        starts: list[int] = []
        found: list[tuple[int, str]] = []
        if self.firsts is None:
            return starts, found
        n, end = len(text), self._END
        for m in self.firsts.finditer(text):
            i = j = m.start()
            node = self.trie
            while j < n:
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
                k = node.get(end)
                if k is not None:
                    starts.append(i)
                    found.append((j, k))
        return starts, found

    def within(self, occurrences: tuple[list[int], list[tuple[int, str]]], a: int, b: int) -> list[str]:
        """The names that `name in text[a:b]` finds, in the order of the names given."""
        starts, found = occurrences
        got = {k for j, k in found[bisect_left(starts, a):bisect_left(starts, b)] if j <= b}
        return sorted(got, key=self.rank.__getitem__)


class Engine(PrecisePath, BroadPath):
    """Pairs the claims of a corpus and collects the findings of the rules: the precise path
    (checker.precise) for translation pairs, the broad path (checker.broad) for the rest."""

    def __init__(self, docs: list[Document], claims: dict[str, list[Claim]], config: Config, glossary=None,
                 aliases: bool = True):
        """`aliases=False` for a renderer that only needs sentences and alignments: the claims'
        subject terms are then left as they are."""
        self.docs = {d.doc: d for d in docs}
        self.glossary = glossary
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
        finder = _KeyFinder(keys)
        for d in docs:
            view = d.view or d.text
            found = finder.occurrences(view)
            if not found[0]:
                continue
            spans = self.sent_spans[d.doc]
            # per sentence: its aliases, and the new groups of its claims (whose words are their
            # terms: Claim.terms); claims of one sentence mostly share them: computed once, and
            # still shared after
            in_sentence: dict[int, tuple[tuple, dict]] = {}
            for c in self.claims.get(d.doc, []):
                if not 0 <= c.sent < len(spans):
                    continue
                got = in_sentence.get(c.sent)
                if got is None:
                    a, b = spans[c.sent]
                    got = in_sentence[c.sent] = (tuple(aliases[k] for k in finder.within(found, a, b)), {})
                extra, memo = got
                if extra:
                    groups = c.extra.get("groups", ())
                    new = memo.get(id(groups))
                    if new is None:
                        new = memo[id(groups)] = (tuple(groups) + extra, groups)
                    c.extra["groups"] = new[0]

    def claims_alone(self) -> None:
        """The rules of one claim (an impossible date), over every claim of the corpus in order."""
        for cs in self.claims.values():
            for c in cs:
                for rule in CLAIM_RULES:
                    verdict = rule.check(Pair(c, c, 1.0, "broad"))
                    if verdict is not None:
                        self.emit(rule, verdict, [c], "broad")

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
                                     subject=subject or first.label(self.docs.get(first.doc)), message=verdict.message,
                                     claims=claims, outlier=outlier, docs=docs, path=path, similarity=similarity))


_PRECISE_CHUNK = 8   # translation pairs per task when the precise path runs over processes
_PRECISE: "_PrecisePaths | None" = None   # what forked workers read (set before broad() forks them)


class _PrecisePaths:
    """The precise path over every translation pair, in this process or on the broad path's forked
    workers (Engine.broad calls it with its worker runner). Each pair's work depends only on the
    corpus, never on another pair's; a worker records what a pair emits and which aligned claims it
    found, in order, naming the corpus's claims by position, and this process replays the records
    in pair order: the same findings, deduplicated in the same order, as running the pairs here.
    (Workers of its own, forked before the broad path builds its indexes, were tried: at 8,000
    articles they cost a fifth more CPU than they saved waiting, since they could not inherit what
    the broad path computes for every claim.)"""

    def __init__(self, engine: Engine, translations: list[tuple[Document, Document]]):
        global _PRECISE
        self.engine, self.translations = engine, translations
        self.where: dict[int, tuple[str, int]] = {}
        self.claims: dict[str, list[Claim]] = engine.claims
        self.rules = {id(r): r.id for r in REGISTRY}
        self.done = False
        _PRECISE = self

    def __call__(self, run) -> None:
        self.done = True
        try:
            if not run.parallel or len(self.translations) < 2:
                for original, translation in self.translations:
                    self.engine.precise(original, translation)
                return
            tasks = [(lo, min(lo + _PRECISE_CHUNK, len(self.translations)))
                     for lo in range(0, len(self.translations), _PRECISE_CHUNK)]
            for records in run.imap(_precise_chunk, tasks):
                for emitted, support in records:
                    self._replay(emitted, support)
        finally:
            self.release()

    def before_fork(self) -> None:
        """Before the broad path forks its workers, which will run the pairs: the dictionary tables
        the name checks of a Chinese original and its English translation read (seconds to build)
        are built here once, and inherited, instead of once by each worker."""
        if any(src.lang == "zh" and tgt.lang == "en" for src, tgt in self.translations):
            load_name_tables()

    @staticmethod
    def release() -> None:
        """Forget the run (its workers have their copy): the engine is not kept alive after it."""
        global _PRECISE
        _PRECISE = None

    def ref(self, c: Claim | None):
        """A claim of the corpus as (document, position); any other (a passage) as itself."""
        if c is None:
            return None
        if not self.where:
            self.where = {id(x): (doc, i) for doc, cs in self.claims.items() for i, x in enumerate(cs)}
        return self.where.get(id(c), c)

    def claim(self, ref) -> Claim | None:
        if isinstance(ref, tuple):
            doc, i = ref
            return self.claims[doc][i]
        return ref

    def record(self, original: Document, translation: Document) -> tuple[list, list]:
        """In a worker: run one pair with emit and the aligned support recorded instead of applied."""
        engine, ref = self.engine, self.ref
        emitted: list[tuple] = []

        def emit(rule, verdict, claims, path, outlier=None, docs=(), subject="", similarity=None) -> None:
            emitted.append((self.rules.get(id(rule), rule), verdict, [ref(c) for c in claims], path, ref(outlier),
                            docs, subject, similarity))

        engine.emit = emit   # this worker's copy of the engine only
        engine.aligned_support = defaultdict(list)
        engine.precise(original, translation)
        support = [(key, [ref(c) for c in cs]) for key, cs in engine.aligned_support.items()]
        return emitted, support

    def _replay(self, emitted: list[tuple], support: list[tuple]) -> None:
        engine, claim = self.engine, self.claim
        for key, refs in support:
            engine.aligned_support[key].extend(claim(r) for r in refs)
        for rule, verdict, refs, path, outlier, docs, subject, similarity in emitted:
            rule = _RULES[rule] if isinstance(rule, str) else rule
            engine.emit(rule, verdict, [claim(r) for r in refs], path, outlier=claim(outlier), docs=docs,
                        subject=subject, similarity=similarity)


_RULES = {r.id: r for r in REGISTRY}


def _precise_chunk(task: tuple[int, int]) -> list[tuple[list, list]]:
    """In a forked worker: the records (_PrecisePaths.record) of translation pairs lo..hi."""
    lo, hi = task
    paths = _PRECISE
    return [paths.record(*paths.translations[k]) for k in range(lo, hi)]


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
    translations = []
    for d in docs:
        if d.translation_of and d.translation_of in by_name:
            linked.add(frozenset((d.doc, d.translation_of)))
            translations.append((by_name[d.translation_of], d))
    # the precise path's findings and aligned support come before the broad path's, as always; it
    # runs inside broad() once that has its worker processes, which it then shares
    paths = _PrecisePaths(engine, translations)
    try:
        engine.broad(linked, meanwhile=paths, before_fork=paths.before_fork)
    finally:
        paths.release()
    if not paths.done:   # broad() always calls it; this only guards the invariant
        raise RuntimeError("the precise path did not run")
    engine.names_broad()
    engine.claims_alone()
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
