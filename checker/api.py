"""Public API: extract_paths and check_paths (the CLI is a thin layer over these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config
from .extract.pipeline import extract_document
from .glossary import Glossary, load_glossary
from .loader import Corpus, load_corpus
from .model import Claim, Document, Finding, InputError
from .pairs import DetectedPair, detect_pairs, link_explicit


@dataclass
class Extraction:
    corpus: Corpus
    glossary: Glossary | None
    claims: dict[str, list[Claim]] = field(default_factory=dict)

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

    def to_json(self) -> dict:
        docs = [{"doc": d.doc, "lang": d.lang, "date": d.date.isoformat() if d.date else None,
                 "date_source": d.date_source or None, "source": d.source or None,
                 "translation_of": d.translation_of, "claims": len(self.extraction.claims.get(d.doc, []))}
                for d in self.extraction.documents]
        return {
            "schema_version": 1,
            "tool": {"name": "factcheck", "version": __version__},
            "documents": docs,
            "findings": [f.to_json() | ({"baselined": True} if f.id in self.baselined else {}) for f in self.findings],
            "errors": [e.to_json() for e in sorted(self.extraction.errors, key=lambda e: e.doc)],
        } | ({"detected_pairs": [p.to_json() for p in self.detected_pairs]} if self.config.detect_pairs else {})


def _glossary_for(corpus: Corpus, explicit: Path | None) -> Glossary | None:
    path = explicit or corpus.glossary_path
    return load_glossary(path) if path else None


def extract_paths(paths: list[Path], glossary: Path | None = None, include: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = (), pairs: tuple[tuple[Path, Path], ...] = ()) -> Extraction:
    """Load the corpus under `paths` and extract the claims of every document."""
    corpus = load_corpus(paths, include, exclude)
    for original, translation in pairs:
        link_explicit(corpus.documents, original, translation)
    gl = _glossary_for(corpus, glossary)
    ex = Extraction(corpus=corpus, glossary=gl)
    for doc in corpus.documents:
        try:
            ex.claims[doc.doc] = extract_document(doc, gl)
        except RecursionError:  # pragma: no cover - defensive: a pathological document
            corpus.errors.append(InputError(doc.doc, "extraction failed: input too deeply nested"))
    return ex


def check_paths(config: Config) -> Report:
    """Extract, group and run every enabled rule; findings sorted deterministically."""
    from .engine import run_rules

    ex = extract_paths(list(config.paths), config.glossary, config.include, config.exclude, config.pairs)
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
                    ex.claims[tgt.doc] = extract_document(tgt, ex.glossary)
    findings = run_rules(ex, config)
    report = Report(extraction=ex, findings=findings, config=config, detected_pairs=detected)
    if config.baseline is not None:
        from .baseline import load_baseline

        base = load_baseline(config.baseline)
        report.baselined = {f.id for f in findings if base.suppresses(f.id)}
        report.stale_baseline = base.stale({f.id for f in findings})
    return report
