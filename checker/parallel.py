"""Extract many documents: in this process, over worker processes, or on a Dask cluster.

Extraction of one document depends on that document and the glossary only, so documents are
extracted independently and put back in corpus order: the report is byte-identical whatever
the number of processes or the engine.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from .errors import FactcheckError
from .glossary import Glossary
from .model import Claim, Document

# (document name, claims, their encoding for the cache or None) or (document name, error message, None)
Result = tuple[str, list[Claim] | str, bytes | None]
Progress = Callable[[int], None]

MIN_PARALLEL_DOCS = 16      # below this, starting processes costs more than it saves
_worker_glossary: Glossary | None = None   # set once per worker process by _init_worker


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def extract_one(doc: Document, glossary: Glossary | None) -> list[Claim] | str:
    """The claims of one document, or why extraction failed."""
    from .extract import pipeline

    try:
        return compact(pipeline.extract_document(doc, glossary))
    except RecursionError:  # pragma: no cover - defensive: a pathological document
        return "extraction failed: input too deeply nested"


_SHARED_EXTRA = ("groups", "clause_groups", "near_groups", "clause", "sentence")


def compact(claims: list[Claim], table: dict | None = None) -> list[Claim]:
    """Let claims share equal word groups (claims of one sentence carry the same ones): the values
    are unchanged, memory and transfer shrink. Pass one `table` for many documents to share equal
    groups across them too."""
    if table is None:
        table = {}
    one = table.setdefault
    # claims of one sentence hold the very same tuples: each is looked up once (kept alive here, so
    # that its id cannot be reused by a tuple made meanwhile)
    done: dict[int, tuple] = {}
    for c in claims:
        extra = c.extra
        for k in _SHARED_EXTRA:
            v = extra.get(k)
            if type(v) is tuple:
                got = done.get(id(v))
                if got is None:
                    w = tuple(map(one, v, v)) if k.endswith("groups") else v
                    got = done[id(v)] = (one(w, w), v)
                extra[k] = got[0]
    return claims


def ignore_sigint() -> None:
    """In a worker: Ctrl-C is the parent's to handle; it stops the pool (no traceback from every
    worker, and no worker dying while it holds the pool's task queue)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_pool(ctx: Any, processes: int, initializer: Callable[..., None] = ignore_sigint,
               initargs: tuple = ()) -> Any:
    """A process pool whose workers ignore Ctrl-C. Ctrl-C is held back while the workers are being
    started: one landing between a fork and its worker's initializer, or half-way through the
    pool's construction, could leave the parent waiting forever on a pool it cannot stop."""
    hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if hold else None
    try:
        return ctx.Pool(processes=processes, initializer=initializer, initargs=initargs)
    finally:
        if hold:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)   # a Ctrl-C held back lands now


def _init_worker(glossary: Glossary | None) -> None:
    global _worker_glossary
    _worker_glossary = glossary
    ignore_sigint()


def extract_encoded(doc: Document, glossary: Glossary | None) -> bytes | str:
    """In a worker: the claims of one document encoded as the cache stores them (cache.encode_claims),
    or why extraction failed. The parent reads them back from that (faster than unpickling the claim
    objects) and stores the very bytes: encoding, the larger half of that work, is done here, in
    parallel, instead of once more in the parent."""
    from .cache import encode_claims

    got = extract_one(doc, glossary)
    return got if isinstance(got, str) else encode_claims(got)


def _decoded(doc: str, got: bytes | str) -> Result:
    """In the parent: a worker's result read back. The claims are long-lived and make no cycles: out
    of the collector's sight, not walked again by every collection the next ones set off."""
    from .cache import decode_claims
    from .gcpause import gc_paused

    if isinstance(got, str):
        return doc, got, None
    with gc_paused(freeze=True):
        return doc, decode_claims(got, doc), got


def _extract_chunk(docs: list[Document]) -> list[tuple[str, bytes | str]]:
    return [(d.doc, extract_encoded(d, _worker_glossary)) for d in docs]


def extract_chunk_with(docs: list[Document], glossary: Glossary | None) -> list[tuple[str, bytes | str]]:
    """A chunk of documents (the unit of work sent to a Dask worker)."""
    return [(d.doc, extract_encoded(d, glossary)) for d in docs]


def _chunks(docs: list[Document], jobs: int) -> list[list[Document]]:
    # small enough to balance the load and show progress, big enough to amortize the round trip
    size = max(1, min(64, len(docs) // (jobs * 8) or 1))
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def extract_local(docs: list[Document], glossary: Glossary | None, jobs: int,
                  progress: Progress | None = None) -> Iterator[Result]:
    """Yield (doc, claims, encoding or None) for every document, over `jobs` processes when that pays."""
    if jobs <= 1 or len(docs) < MIN_PARALLEL_DOCS:
        for d in docs:
            yield d.doc, extract_one(d, glossary), None
            if progress:
                progress(1)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    if method == "fork":
        # the first document loads the lexicon and language data; forked workers inherit them
        first, docs = docs[0], docs[1:]
        yield first.doc, extract_one(first, glossary), None
        if progress:
            progress(1)
    ctx = mp.get_context(method)
    chunks = _chunks(docs, jobs)
    with start_pool(ctx, min(jobs, len(chunks)), _init_worker, (glossary,)) as pool:
        for results in pool.imap(_extract_chunk, chunks):
            for doc, got in results:
                yield _decoded(doc, got)
            if progress:
                progress(len(results))


def extract_dask(docs: list[Document], glossary: Glossary | None, scheduler: str, jobs: int,
                 progress: Progress | None = None) -> Iterator[Result]:
    """Yield (doc, claims, encoding) for every document, extracted on a Dask cluster (`tcp://host:port`),
    or on a LocalCluster of `jobs` worker processes (`local`)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise FactcheckError("--engine dask needs the dask extra: pip install 'factcheck[dask]'") from None
    cluster: Any = None
    try:
        if scheduler in ("local", "", None):
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise FactcheckError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        gl = client.scatter(glossary, broadcast=True) if glossary is not None else None
        chunks = _chunks(docs, max(1, sum(client.nthreads().values())))
        futures = client.map(extract_chunk_with, chunks, glossary=gl, pure=False)
        order = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, list[Result]] = {}
        nxt = 0
        for fut in as_completed(futures):
            results = fut.result()
            done[order[fut.key]] = results
            if progress:
                progress(len(results))
            while nxt in done:  # yield in corpus order as soon as the prefix is complete
                for doc, got in done.pop(nxt):
                    yield _decoded(doc, got)
                nxt += 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
