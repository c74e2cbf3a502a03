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
        }


def _glossary_for(corpus: Corpus, explicit: Path | None) -> Glossary | None:
    path = explicit or corpus.glossary_path
    return load_glossary(path) if path else None


def extract_paths(paths: list[Path], glossary: Path | None = None, include: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = ()) -> Extraction:
    """Load the corpus under `paths` and extract the claims of every document."""
    corpus = load_corpus(paths, include, exclude)
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

    ex = extract_paths(list(config.paths), config.glossary, config.include, config.exclude)
    findings = run_rules(ex, config)
    report = Report(extraction=ex, findings=findings, config=config)
    if config.baseline is not None:
        from .baseline import load_baseline

        base = load_baseline(config.baseline)
        report.baselined = {f.id for f in findings if base.suppresses(f.id)}
        report.stale_baseline = base.stale({f.id for f in findings})
    return report
