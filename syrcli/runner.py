"""Running the extractor over many inputs: in-process, on a local process pool, or on Dask.

All three engines yield one `ArticleResult` per source, in input order, as soon as the
result and every one before it are ready. They keep only a bounded window of work in flight,
so memory stays flat however long the input is, and an iterator of sources is consumed
lazily.

Workers are handed paths, not texts, and read the files themselves; only already decoded
`Document`s (stdin) travel by value. Every function a worker runs is defined at module
level, so the design works with the fork, forkserver and spawn start methods alike.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from syrcli.extract import extract_figures
from syrcli.model import ArticleResult, ClusterError, Document, ReadError
from syrcli.sources import read_document

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

Source = str | Document

# Articles per task: big enough that pickling and queueing cost little next to the
# extraction itself, small enough that two workers stay busy until the very end.
BATCH = 16
# Fewer inputs than this run in-process: starting a pool costs more than it saves.
MIN_POOL = 2 * BATCH
# Tasks in flight per worker: enough to hide queue latency, few enough to bound memory.
WINDOW_PER_JOB = 4
# Forkserver forks workers from a clean server process that has imported this module (and so
# compiled the extractor's patterns) once; unlike fork it is safe when the caller runs threads.
# Where it does not exist (Windows, macOS without it), spawn.
START_METHOD: str | None = None


def process(source: Source, article_date: dt.date | None = None) -> ArticleResult:
    """Read one input (a path, or an already decoded document) and extract its figures."""
    doc = read_document(source) if isinstance(source, str) else source
    if isinstance(doc, ReadError):
        return ArticleResult(doc.path, error=doc)
    figures = extract_figures(doc.text, file=doc.path, article_date=article_date)
    return ArticleResult(doc.path, tuple(figures), warnings=doc.warnings)


def process_batch(
    sources: list[Source], article_date: dt.date | None = None
) -> list[ArticleResult]:
    """`process` over a batch: the unit of work a pool worker or a Dask task runs."""
    return [process(source, article_date) for source in sources]


def run(
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    article_date: dt.date | None = None,
    dask_address: str | None = None,
) -> Iterator[ArticleResult]:
    """Results in input order, one per source, streamed as they are ready.

    `jobs=1` runs in this process; `jobs>1` runs a pool of that many processes, but only when
    there are at least `MIN_POOL` inputs. `dask_address` (a scheduler such as "tcp://host:8786")
    sends the work to a Dask cluster instead, whose workers must see the same files.
    """
    if dask_address is not None:
        return _run_dask(sources, article_date, dask_address)
    if jobs <= 1:
        return (process(source, article_date) for source in sources)
    head, rest = _peek(sources, MIN_POOL)
    if len(head) < MIN_POOL:
        return (process(source, article_date) for source in head)
    return _run_pool(chain(head, rest), jobs, article_date)


def _peek(sources: Iterable[Source], n: int) -> tuple[list[Source], Iterator[Source]]:
    it = iter(sources)
    return list(islice(it, n)), it


def _batches(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    it = iter(sources)
    while batch := list(islice(it, size)):
        yield batch


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent should react, by terminating
    # the pool, so that workers never print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_pool(
    sources: Iterable[Source], jobs: int, article_date: dt.date | None
) -> Iterator[ArticleResult]:
    # Imported here: a one-file run never starts a pool, and start-up time is a feature.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    method = START_METHOD or ("forkserver" if "forkserver" in methods else "spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([__name__])
    pool: Pool = context.Pool(jobs, initializer=_ignore_sigint)
    window: deque[AsyncResult[list[ArticleResult]]] = deque()
    limit = max(2, WINDOW_PER_JOB * jobs)
    finished = False
    try:
        for batch in _batches(sources, BATCH):
            window.append(pool.apply_async(process_batch, (batch, article_date)))
            if len(window) >= limit:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
        finished = True
    finally:
        # On an error, Ctrl-C or a consumer that stops early (GeneratorExit), do not wait for
        # work nobody will read.
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def _run_dask(
    sources: Iterable[Source], article_date: dt.date | None, address: str
) -> Iterator[ArticleResult]:
    # Imported here so that local runs never pay for importing Dask.
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            f"--dask needs Dask: {exc}; install it with pip install 'syrcli[dask]'"
        ) from exc
    try:
        client: Any = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {exc}; check the address "
            "(tcp://host:8786) and that `dask scheduler` is running there"
        ) from exc
    with client:
        limit = max(2, WINDOW_PER_JOB * _dask_threads(client))
        window: deque[Any] = deque()
        try:
            for batch in _batches(sources, BATCH):
                window.append(
                    client.submit(
                        _process_remote_batch,
                        [_for_remote(source) for source in batch],
                        article_date,
                        pure=False,
                    )
                )
                if len(window) >= limit:
                    yield from _dask_result(window.popleft())
            while window:
                yield from _dask_result(window.popleft())
        finally:
            if window:
                client.cancel(list(window))


def _dask_threads(client: Any) -> int:
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


def _dask_result(future: Any) -> list[ArticleResult]:
    results: list[ArticleResult] = future.result()
    return results


# A path as the user wrote it, with the absolute path a worker with another working
# directory can open; results carry the former so they match a local run byte for byte.
_RemotePath = tuple[str, str]


def _for_remote(source: Source) -> Document | _RemotePath:
    return source if isinstance(source, Document) else (source, os.path.abspath(source))


def _process_remote_batch(
    sources: list[Document | _RemotePath], article_date: dt.date | None
) -> list[ArticleResult]:
    return [_process_remote(source, article_date) for source in sources]


def _process_remote(source: Document | _RemotePath, article_date: dt.date | None) -> ArticleResult:
    if isinstance(source, Document):
        return process(source, article_date)
    shown, absolute = source
    doc = read_document(absolute)
    if isinstance(doc, ReadError):
        return ArticleResult(shown, error=replace(doc, path=shown))
    return process(replace(doc, path=shown), article_date)
