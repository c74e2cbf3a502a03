"""Command line: parse options, build one config, call checker.api, render, exit."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import FactcheckError
from .gcpause import gc_paused

FORMATS_CHECK = ["text", "json", "html", "sarif", "junit", "github"]


class DefaultToCheck(click.Group):
    """`factcheck corpus/` is `factcheck check corpus/`."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["check", *args]
        return super().resolve_command(ctx, args)


_SIGINT_SEEN = False   # set by _on_sigint: a Ctrl-C that something swallowed still counts


def _on_sigint(signum, frame) -> None:
    """Ctrl-C: remembered, then KeyboardInterrupt as usual. Python drops an exception raised in a
    finalizer or a garbage-collected generator ('Exception ignored in ...'), so a Ctrl-C landing
    there would let the run go on and end as if nothing happened; the flag makes sure it does not."""
    global _SIGINT_SEEN
    if not _SIGINT_SEEN:
        # a last resort: clean-up code between here and _interrupted can wait forever (a pool's
        # terminate() on a pipe the run left full); a timer thread still runs then and ends it
        import threading

        timer = threading.Timer(_EXIT_WITHIN, _force_exit)
        timer.daemon = True
        timer.start()
    _SIGINT_SEEN = True
    raise KeyboardInterrupt


_EXIT_WITHIN = 10.0   # seconds after Ctrl-C the process ends, whatever it is waiting for
_TOLD = False         # "factcheck: interrupted" is on stderr already


def _force_exit() -> NoReturn:
    """Ctrl-C has not stopped the run within _EXIT_WITHIN seconds: stop it from this thread."""
    import multiprocessing

    if not _TOLD:
        click.echo("factcheck: interrupted", err=True)
    for child in multiprocessing.active_children():
        child.kill()
    sys.stderr.flush()
    os._exit(130)


def _emit(text: str | Iterable[str], output: Path | None, inputs: list[Path | None]) -> None:
    """Write the text, or its pieces one after the other (a large report is never held whole)."""
    from reports import atomic_write, refuse_overwriting_input

    if _SIGINT_SEEN:
        raise KeyboardInterrupt   # interrupted earlier: the old report stays as it was
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False)
        return
    refuse_overwriting_input(output, inputs)
    atomic_write(output, text)


def scale_options(command):
    """--jobs, --cache-dir/--no-cache, --engine/--scheduler and --quiet, gathered into one `scale` dict."""
    options = [
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Extraction processes (0: one per core). The report does not depend on it."),
        click.option("--cache-dir", type=click.Path(path_type=Path),
                     help="Extraction cache folder (default: the user cache dir, or $FACTCHECK_CACHE_DIR)."),
        click.option("--no-cache", is_flag=True, help="Extract every document again; read and write no cache."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Where documents are extracted: local processes, or a Dask cluster (extra 'dask')."),
        click.option("--scheduler", metavar="tcp://HOST:PORT|local",
                     help="The Dask scheduler for --engine dask (local: a LocalCluster on this machine)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar."),
    ]

    def wrapper(**kwargs):
        names = ("jobs", "cache_dir", "no_cache", "engine", "scheduler", "quiet")
        opts = {k: kwargs.pop(k) for k in names}
        if opts["scheduler"] and opts["engine"] != "dask":
            raise click.UsageError("--scheduler needs --engine dask")
        return command(scale=opts, **kwargs)

    wrapper.__name__, wrapper.__doc__ = command.__name__, command.__doc__
    for opt in reversed(options):
        wrapper = opt(wrapper)
    return wrapper


def _scale_config(opts: dict) -> dict:
    """build_config keyword arguments from the scale options."""
    from .cache import default_cache_dir

    _log_warnings()
    cache_dir = None if opts["no_cache"] else (opts["cache_dir"] or default_cache_dir())
    return {"jobs": opts["jobs"], "cache_dir": cache_dir, "engine": opts["engine"], "scheduler": opts["scheduler"]}


def _progress(opts: dict):
    from .progress import terminal_progress

    return terminal_progress(opts["quiet"])


def _log_warnings() -> None:
    import logging

    log = logging.getLogger("factcheck")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("factcheck: warning: %(message)s"))
        log.addHandler(handler)
        log.propagate = False


def _fail(exc: Exception) -> None:
    click.echo(f"factcheck: error: {exc}", err=True)
    sys.exit(2)


@click.group(cls=DefaultToCheck, invoke_without_command=False)
@click.version_option(__version__, prog_name="factcheck")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected errors.")
def main(debug: bool) -> None:
    """Find the places where sources disagree about a fact."""


def _interrupted() -> NoReturn:
    """Ctrl-C: exit 130 at once. Reports are written through a temporary file, so nothing is left
    half-written; worker processes still alive are stopped here rather than by the pools' exit
    handlers, which can wait forever on a queue a stopped worker was reading."""
    import multiprocessing

    global _TOLD
    click.echo("factcheck: interrupted", err=True)
    _TOLD = True
    children = multiprocessing.active_children()
    if not children:
        sys.exit(130)
    for child in children:
        child.kill()
    for child in children:
        child.join(5)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def entry() -> None:
    """Console-script entry point: Ctrl-C exits 130, an unexpected failure is one clear line
    (exit 2) unless --debug asks for the traceback."""
    debug = "--debug" in sys.argv[1:]
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)
    try:
        main.main(prog_name="factcheck", standalone_mode=False)
        if _SIGINT_SEEN:
            raise KeyboardInterrupt
    except (click.exceptions.Abort, KeyboardInterrupt):
        _interrupted()
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except FactcheckError as exc:
        _fail(exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if debug:
            raise
        click.echo(f"factcheck: internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (atomically) instead of stdout.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary CSV/TBX (overrides the manifest's).")
@scale_options
def extract(paths: tuple[Path, ...], fmt: str, output: Path | None, glossary: Path | None, scale: dict) -> None:
    """Print the claims extracted from PATHS."""
    from reports import json_report, text

    from .api import extract_paths

    try:
        ex = extract_paths(list(paths), glossary, **_scale_config(scale), progress=_progress(scale))
        rendered = json_report.render_claims(ex) if fmt == "json" else text.render_claims(ex)
        _emit(rendered, output, [*paths, glossary, ex.corpus.glossary_path])
    except FactcheckError as exc:
        _fail(exc)
    _warn_if_nothing_read(ex, paths)
    sys.exit(2 if ex.errors else 0)


def _render(report, fmt: str, colour: bool) -> str | Iterator[str]:
    """Pick a renderer by name; detection never knows how it will be shown. The JSON report comes
    in pieces (json_report.render_report_chunks): it can be larger than the rest of a run."""
    from reports import json_report, text

    if fmt == "json":
        return json_report.render_report_chunks(report)
    if fmt == "html":
        from reports import html

        return html.render_report(report)
    if fmt == "sarif":
        from reports import sarif

        return sarif.render_report(report)
    if fmt == "junit":
        from reports import junit

        return junit.render_report(report)
    if fmt == "github":
        from reports import github

        return github.render_report(report)
    return text.render_report(report, colour=colour)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS_CHECK), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (atomically) instead of stdout.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary CSV/TBX (overrides the manifest's).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding at or above this severity exists (default: error).")
@click.option("--baseline", type=click.Path(path_type=Path), help="Findings recorded here are not counted.")
@click.option("--ignore-input-errors", is_flag=True, help="Gate on findings only (input errors do not exit 2).")
@click.option("--detect-pairs", is_flag=True,
              help="Propose translation pairs from shared values; sure ones (≥0.6) are checked as pairs.")
@click.option("--color/--no-color", default=None, help="Colour the text table (default: when stdout is a terminal).")
@scale_options
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, glossary: Path | None, fail_on: str | None,
          baseline: Path | None, ignore_input_errors: bool, detect_pairs: bool, color: bool | None, scale: dict) -> None:
    """Check PATHS for conflicting facts."""
    _run_check(paths, fmt, output, glossary, fail_on, baseline, ignore_input_errors, color, detect_pairs=detect_pairs,
               scale=scale)


@main.command()
@click.argument("original", type=click.Path(path_type=Path))
@click.argument("translation", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS_CHECK), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (atomically) instead of stdout.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary CSV/TBX.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None)
@click.option("--baseline", type=click.Path(path_type=Path), help="Findings recorded here are not counted.")
@click.option("--ignore-input-errors", is_flag=True)
@click.option("--color/--no-color", default=None)
@scale_options
def pair(original: Path, translation: Path, fmt: str, output: Path | None, glossary: Path | None, fail_on: str | None,
         baseline: Path | None, ignore_input_errors: bool, color: bool | None, scale: dict) -> None:
    """Check TRANSLATION against ORIGINAL sentence by sentence (also two versions in one language)."""
    for p in (original, translation):
        if p.is_dir():
            _fail(FactcheckError(f"{p}: pair takes two files (use `factcheck check` for folders)"))
    _run_check((original, translation), fmt, output, glossary, fail_on, baseline, ignore_input_errors, color,
               pairs=((original, translation),), scale=scale)


def _run_check(paths, fmt, output, glossary, fail_on, baseline, ignore_input_errors, color, pairs=(), detect_pairs=False,
               scale=None):
    from .api import check_paths
    from .settings import build_config

    try:
        config = build_config(paths, glossary=glossary, fail_on=fail_on, baseline=baseline, pairs=pairs,
                              detect_pairs=detect_pairs, **_scale_config(scale))
        if output is not None:  # refuse before a long run, not after it
            from reports import refuse_overwriting_input

            refuse_overwriting_input(output, [*paths, config.glossary, config.baseline])
        report = check_paths(config, progress=_progress(scale))
        use_colour = color if color is not None else (output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        # rendering makes many objects and no reference cycle: with the collector paused it does
        # not walk the report's documents, claims and findings again and again (a fifth to a
        # quarter of the rendering time of a large corpus)
        with gc_paused():
            rendered = _render(report, fmt, bool(use_colour))
        _emit(rendered, output, [*paths, config.glossary, config.baseline, report.extraction.corpus.glossary_path])
    except FactcheckError as exc:
        _fail(exc)
    _warn_if_nothing_read(report.extraction, paths)
    for p in report.detected_pairs:
        click.echo(f"factcheck: {p.translation} looks like a translation of {p.original} "
                   f"(confidence {p.confidence:.2f}, {p.shared} shared values)", err=True)
    for stale in report.stale_baseline:
        click.echo(f"factcheck: baseline entry {stale} no longer matches a finding (prune it)", err=True)
    sys.exit(exit_code(report, config.fail_on, ignore_input_errors))


def _warn_if_nothing_read(extraction, paths) -> None:
    """The loader's warnings (a translation-of naming no document of the corpus); and a run that
    found no document to read passes: say so, or a CI job pointed at the wrong folder (or at files
    of another kind) passes unnoticed."""
    for warning in getattr(extraction.corpus, "warnings", ()):
        click.echo(f"factcheck: warning: {warning}", err=True)
    if extraction.documents or extraction.errors:
        return
    from .loader import BILINGUAL_SUFFIXES, TEXT_SUFFIXES

    kinds = ", ".join(sorted(TEXT_SUFFIXES | BILINGUAL_SUFFIXES))
    click.echo(f"factcheck: warning: no document found in {', '.join(map(str, paths))} (it reads {kinds})", err=True)


@main.group("baseline")
def baseline_group() -> None:
    """Manage the baseline of accepted findings."""


@baseline_group.command("write")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("factcheck-baseline.json"), show_default=True)
@click.option("--glossary", type=click.Path(path_type=Path))
@scale_options
def baseline_write(paths: tuple[Path, ...], output: Path, glossary: Path | None, scale: dict) -> None:
    """Record every current finding of PATHS as accepted."""
    from reports import json_report

    from .api import check_paths
    from .baseline import baseline_json
    from .settings import build_config

    try:
        report = check_paths(build_config(paths, glossary=glossary, fail_on="never", **_scale_config(scale)),
                             progress=_progress(scale))
        counted = [f for f in report.findings if f.severity in ("error", "warning")]
        _emit(json_report.dumps(baseline_json(counted)), output, list(paths))
    except FactcheckError as exc:
        _fail(exc)
    click.echo(f"factcheck: {len(counted)} findings written to {output}", err=True)


def exit_code(report, fail_on: str, ignore_input_errors: bool = False) -> int:
    """0 nothing at or above fail_on, 1 findings at or above it, 2 input errors (DESIGN §1)."""
    if report.extraction.errors and not ignore_input_errors:
        return 2
    if fail_on == "never":
        return 0
    order = {"info": 0, "warning": 1, "error": 2}
    threshold = order[fail_on]
    return 1 if any(order[f.severity] >= threshold for f in report.counted_findings) else 0


@main.command("rules")
def list_rules() -> None:
    """List the rules."""
    from tabulate import tabulate

    from rules import REGISTRY

    rows = [[r.id, r.name, r.severity, r.summary] for r in REGISTRY]
    click.echo(tabulate(rows, headers=["id", "name", "severity", "what it flags"]))


@main.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Print the documentation of one rule (by id or name)."""
    from rules import REGISTRY

    for r in REGISTRY:
        if rule_id.upper() == r.id or rule_id == r.name:
            click.echo(f"{r.id} {r.name} (default severity: {r.severity})\n\n{r.doc}")
            return
    _fail(FactcheckError(f"unknown rule {rule_id!r}; `factcheck rules` lists them"))
