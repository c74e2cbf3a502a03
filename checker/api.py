"""Public API: extract_paths and check_paths (the CLI is a thin layer over these)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .gcpause import gc_paused
from .glossary import Glossary, load_glossary
from .loader import Corpus, load_corpus
from .model import Claim, Document, Finding, InputError
from .pairs import DetectedPair, detect_pairs, link_explicit
from .progress import Progress


@dataclass
class Extraction:
    corpus: Corpus
    glossary: Glossary | None
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)   # documents, cached, extracted

    @property
    def documents(self) -> list[Document]:
        return self.corpus.documents

    @property
    def errors(self) -> list[InputError]:
        return self.corpus.errors


@dataclass
class Report:
    extraction: Extraction
    findings: list[Finding]
    config: Config
    baselined: set[str] = field(default_factory=set)      # ids of findings a baseline accepts
    stale_baseline: list[str] = field(default_factory=list)
    detected_pairs: list[DetectedPair] = field(default_factory=list)

    @property
    def counted_findings(self) -> list[Finding]:
        """Findings that gate CI: not accepted by the baseline, not suppressed inline."""
        return [f for f in self.findings if f.id not in self.baselined]

    def to_json(self, finding_json: Callable[[Finding], Any] = Finding.to_json) -> dict:
        """The report as data; `finding_json` turns a finding that the baseline does not accept into
        its part (the JSON report passes the text written when the finding was found)."""
        docs = [{"doc": d.doc, "lang": d.lang, "date": d.date.isoformat() if d.date else None,
                 "date_source": d.date_source or None, "source": d.source or None,
                 "translation_of": d.translation_of, "claims": len(self.extraction.claims.get(d.doc, []))}
                for d in self.extraction.documents]
        return {
            "schema_version": 1,
            "tool": {"name": "factcheck", "version": __version__},
            "documents": docs,
            "findings": [f.to_json() | {"baselined": True} if f.id in self.baselined else finding_json(f)
                         for f in self.findings],
            "errors": [e.to_json() for e in sorted(self.extraction.errors, key=lambda e: e.doc)],
        } | ({"detected_pairs": [p.to_json() for p in self.detected_pairs]} if self.config.detect_pairs else {})


def _glossary_for(corpus: Corpus, explicit: Path | None) -> Glossary | None:
    path = explicit or corpus.glossary_path
    return load_glossary(path) if path else None


def extract_paths(paths: list[Path], glossary: Path | None = None, include: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = (), pairs: tuple[tuple[Path, Path], ...] = (), *,
                  jobs: int = 1, cache_dir: Path | None = None, engine: str = "local", scheduler: str | None = None,
                  progress: Progress | None = None) -> Extraction:
    """Load the corpus under `paths` and extract the claims of every document.

    `jobs` processes extract in parallel (0: one per core); `cache_dir` keeps each document's
    claims for the next run; `engine="dask"` extracts on the Dask `scheduler` (`tcp://host:port`
    or `local`). None of these changes the claims.
    """
    from . import tables

    tables.use_cache_dir(cache_dir)   # the dictionary's derived tables are kept beside the claims
    corpus = load_corpus(paths, include, exclude)
    for original, translation in pairs:
        link_explicit(corpus.documents, original, translation)
    gl = _glossary_for(corpus, glossary)
    ex = Extraction(corpus=corpus, glossary=gl)
    runner = _Extractor(gl, jobs=jobs, cache_dir=cache_dir, engine=engine, scheduler=scheduler, progress=progress)
    try:
        ex.claims.update(runner.run(corpus.documents, corpus.errors))
    finally:
        runner.close()
    ex.stats = runner.stats
    return ex


class _Extractor:
    """Claims of many documents: from the cache where they are there, else extracted (locally
    over processes, or on Dask) and stored for the next run."""

    def __init__(self, glossary: Glossary | None, *, jobs: int = 1, cache_dir: Path | None = None,
                 engine: str = "local", scheduler: str | None = None, progress: Progress | None = None):
        from .parallel import default_jobs

        self.glossary = glossary
        self.jobs = jobs if jobs > 0 else default_jobs()
        self.engine, self.scheduler, self.progress = engine, scheduler, progress
        self.cache = None
        if cache_dir is not None:
            from .cache import ExtractionCache

            self.cache = ExtractionCache(cache_dir)
        self.stats: dict[str, int] = {}

    def run(self, docs: list[Document], errors: list[InputError]) -> dict[str, list[Claim]]:
        from . import parallel

        out: dict[str, list[Claim]] = {}
        keys: dict[str, str] = {}
        if self.cache is not None:
            from .cache import document_key, glossary_digest

            gh = glossary_digest(self.glossary)
            keys = {d.doc: document_key(d, gh) for d in docs}
            found = self.cache.get_many([(keys[d.doc], d.doc) for d in docs])
            out.update((d.doc, found[keys[d.doc]]) for d in docs if keys[d.doc] in found)
        todo = [d for d in docs if d.doc not in out]
        self.stats = {"documents": len(docs), "cached": len(docs) - len(todo), "extracted": len(todo)}
        if self.progress is not None and todo:
            self.progress.start("extracting", len(todo))
        if self.engine == "dask" and todo:
            results = parallel.extract_dask(todo, self.glossary, self.scheduler or "local", self.jobs, self._advance)
        else:
            results = parallel.extract_local(todo, self.glossary, self.jobs, self._advance)
        pending: list[tuple[str, str, list[Claim], bytes | None]] = []
        try:
            for doc, got, encoded in results:
                if isinstance(got, str):
                    errors.append(InputError(doc, got))
                    continue
                out[doc] = got
                if self.cache is not None:
                    pending.append((keys[doc], doc, got, encoded))
                    if len(pending) >= 256:   # stored as we go: an interrupted run keeps its work
                        self.cache.put_many(pending)
                        pending = []
        finally:
            results.close()   # the worker pool stops now, not whenever the generator is collected
            if self.cache is not None and pending:
                self.cache.put_many(pending)
            if self.progress is not None and todo:
                self.progress.finish()
        # corpus order, whatever order the results came in
        return {d.doc: out[d.doc] for d in docs if d.doc in out}

    def _advance(self, n: int) -> None:
        if self.progress is not None:
            self.progress.advance(n)

    def close(self) -> None:
        if self.cache is not None:
            if self.stats.get("extracted"):
                self.cache.prune()
            self.cache.close()


def check_paths(config: Config, progress: Progress | None = None) -> Report:
    """Extract, group and run every enabled rule; findings sorted deterministically."""
    ex = extract_paths(list(config.paths), config.glossary, config.include, config.exclude, config.pairs,
                       jobs=config.jobs, cache_dir=config.cache_dir, engine=config.engine,
                       scheduler=config.scheduler, progress=progress)
    detected: list[DetectedPair] = []
    if config.detect_pairs:
        detected = detect_pairs(ex.documents, ex.claims)
        by_name = {d.doc: d for d in ex.documents}
        linked = {d.doc for d in ex.documents if d.translation_of} | {d.translation_of for d in ex.documents if d.translation_of}
        for p in detected:
            # a copy-edit in one language keeps nearly every value; a translation may render a few differently
            same_lang = by_name[p.original].lang == by_name[p.translation].lang
            if p.confidence >= (0.85 if same_lang else 0.6) and p.original not in linked and p.translation not in linked:
                tgt = by_name[p.translation]
                tgt.translation_of = p.original
                linked |= {p.original, p.translation}
                if tgt.date is None and by_name[p.original].date is not None:
                    tgt.date, tgt.date_source = by_name[p.original].date, f"detected translation of {p.original}"
                    redo = _Extractor(ex.glossary, cache_dir=config.cache_dir)
                    try:
                        ex.claims.update(redo.run([tgt], ex.corpus.errors))
                    finally:
                        redo.close()
    if progress is not None:
        progress.start("checking", None)
    try:
        findings = find(ex, config)
    finally:
        if progress is not None:
            progress.finish()
    report = Report(extraction=ex, findings=findings, config=config, detected_pairs=detected)
    if config.baseline is not None:
        from .baseline import load_baseline

        base = load_baseline(config.baseline)
        report.baselined = {f.id for f in findings if base.suppresses(f.id)}
        report.stale_baseline = base.stale({f.id for f in findings})
    return report


def find(ex: Extraction, config: Config) -> list[Finding]:
    """Group the claims and run the rules (engine.run_rules). With a cache folder, the findings of
    a run are kept under a key covering the code, the rule settings and every document (cache.
    findings_key): a run over an unchanged corpus reads them back instead of grouping again."""
    if config.cache_dir is None:
        return _grouped(ex, config)
    from .cache import ExtractionCache, findings_key

    settings = (config.rules_enabled and sorted(config.rules_enabled), sorted(config.rules_disabled),
                config.severity_overrides)
    key = findings_key(ex.documents, ex.claims, ex.glossary, settings)
    store = ExtractionCache(config.cache_dir)
    try:
        got = store.get_findings(key)
    finally:
        store.close()   # not held open while grouping forks worker processes
    if got is not None:
        findings = _resolve_claims(got, ex.claims)
        if findings is not None:
            ex.stats["findings_cached"] = 1
            return findings
    findings = _grouped(ex, config)
    from reports.json_report import render_finding

    with gc_paused():   # stored with the finding: a warm run's JSON report does not format it again
        for f in findings:
            f.rendered = render_finding(f)
    store = ExtractionCache(config.cache_dir)
    try:
        store.put_findings(key, _claim_refs(findings, ex.claims))
    finally:
        store.close()
    return findings


def _grouped(ex: Extraction, config: Config) -> list[Finding]:
    """engine.run_rules, once equal word groups of different documents are shared (less memory
    for the claims of a large corpus while they are grouped). A run whose findings come from the
    cache does without both: the engine and the rules are not even imported (half a second), and
    sharing would cost more than the whole rest of reading the claims."""
    from . import engine, parallel

    table: dict = {}
    with gc_paused(freeze=True):   # new tuples only, no cycles: no collection walking every claim again and again
        for claims in ex.claims.values():
            parallel.compact(claims, table)
    del table   # not held while grouping peaks
    return engine.run_rules(ex, config)


def _claim_refs(findings: list[Finding], claims: dict[str, list[Claim]]) -> list[Finding]:
    """Copies of the findings that name the run's claims by (document, position) instead of holding
    copies of them (smaller to store, and read back as the very claim objects of the run)."""
    import copy

    wanted = {id(c) for f in findings for c in (*f.claims, f.outlier) if c is not None}
    where = {id(c): (doc, i) for doc, cs in claims.items() for i, c in enumerate(cs) if id(c) in wanted}
    out = []
    for f in findings:
        g = copy.copy(f)
        g.claims = [where.get(id(c), c) for c in f.claims]
        g.outlier = where.get(id(f.outlier), f.outlier) if f.outlier is not None else None
        out.append(g)
    return out


def _resolve_claims(stored: list[Finding], claims: dict[str, list[Claim]]) -> list[Finding] | None:
    """The inverse of _claim_refs; None when a reference does not fit this run's claims."""
    def get(ref):
        if isinstance(ref, Claim):
            return ref
        if not (isinstance(ref, tuple) and len(ref) == 2):
            raise LookupError(ref)
        doc, i = ref
        return claims[doc][i]

    try:
        for f in stored:
            f.claims = [get(c) for c in f.claims]
            if f.outlier is not None:
                f.outlier = get(f.outlier)
    except (LookupError, TypeError):
        return None
    return stored
