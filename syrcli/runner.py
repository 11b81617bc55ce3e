"""Running the extractor over many inputs: in-process, on a local process pool, or on Dask.

All three engines yield `ArticleResult`s in input order, as soon as the result and every one
before it are ready. They keep only a bounded window of work in flight, so memory stays flat
however long the input is, and an iterator of sources is consumed lazily.

Most sources give one result. A big one (`BIG`) is read a chunk at a time and cut at blank
lines into parts of about `PIECE` characters, each a task of its own with a result of its
own, so that neither its text nor its figures are ever held whole. Each part is extracted
with the article's opening (`HEAD`: date line, dateline, headline) before it and a margin of
its neighbours' text around it, and keeps the figures that start inside it, offsets counted
in the whole text. So a part sees what the whole-text extraction sees around each figure;
what it cannot see is the rest of the article, which matters only where the article's place
is its most named one (no dateline or headline names one) or a name is ambiguous.

Workers are handed paths, not texts, and read the files themselves; only already decoded
`Document`s (stdin) travel by value. Every function a worker runs is defined at module
level, so the design works with the fork, forkserver and spawn start methods alike.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from syrcli.extract import extract_figures, iter_figures
from syrcli.model import ArticleResult, ClusterError, Document, Figure, ReadError
from syrcli.sources import STDIN, read_document, text_chunks, utf8_codec

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
# A source at least this big (bytes on disk, or characters) is processed in parts.
BIG = 2_000_000
# Characters of text per part, and of context extracted with it on either side.
PIECE = 1_000_000
MARGIN = 4_000
# Every part is extracted after the article's opening, at least this many characters: the
# date line and headline the article's date and place are read from (dates reads 600).
HEAD = 800


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


@dataclass(frozen=True, slots=True)
class Piece:
    """One part of a big source: its text from offset `base` on, read after the article's
    opening `head`; the figures that start in [lo, hi) are this part's."""

    path: str
    part: int
    last: bool
    head: str
    text: str
    base: int
    lo: int
    hi: int
    warnings: tuple[str, ...] = ()


def process_piece(piece: Piece, article_date: dt.date | None = None) -> list[ArticleResult]:
    """The figures of one part, offsets into the whole text: a task like `process_batch`."""
    shift = piece.base - len(piece.head)
    figures: list[Figure] = []
    for figure in iter_figures(piece.head + piece.text, piece.path, article_date):
        start = figure.start + shift
        if start >= piece.hi:
            break  # figures come in text order, and no sentence straddles a part's end
        if start >= piece.lo:
            figures.append(replace(figure, start=start, end=figure.end + shift))
    result = ArticleResult(
        piece.path, tuple(figures), warnings=piece.warnings, part=piece.part, last=piece.last
    )
    return [result]


def is_big(source: Source) -> bool:
    """Whether `source` is processed in parts."""
    if isinstance(source, Document):
        return len(source.text) >= BIG
    try:
        return source != STDIN and os.stat(source).st_size >= BIG
    except OSError:
        return False  # reading it reports why


def pieces(source: Source) -> Iterator[Piece] | ReadError:
    """The parts of a big source, read lazily; a UTF-8 file is never held whole."""
    if isinstance(source, str) and (codec := utf8_codec(source)) is not None:
        return _pieces(source, text_chunks(source, codec), ())
    doc = read_document(source) if isinstance(source, str) else source
    if isinstance(doc, ReadError):
        return doc
    return _pieces(doc.path, _slices(doc.text, PIECE), doc.warnings)


def process_big(source: Source, article_date: dt.date | None = None) -> Iterator[ArticleResult]:
    """A big source's results, part by part, in this process."""
    parts = pieces(source)
    if isinstance(parts, ReadError):
        yield ArticleResult(parts.path, error=parts)
        return
    for piece in parts:
        yield from process_piece(piece, article_date)


def _slices(text: str, size: int) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]


# Where a part may begin: right after a blank line, at the first character of a paragraph.
# Sentences never run across a blank line, so the text from here on splits into the same
# sentences as in the whole text.
_CUT = re.compile(r"\n[ \t\r\f\v]{0,40}\n(?=\S)")


class _Stream:
    """A text read chunk by chunk, of which only a window is kept, from offset `start`."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.chunks = chunks
        self.buf = ""
        self.start = 0
        self.eof = False

    @property
    def end(self) -> int:
        return self.start + len(self.buf)

    def cut_from(self, pos: int) -> int | None:
        """The first part boundary at or after `pos`, or None when the text ends first."""
        frm = max(0, pos - self.start - 64)
        while True:
            for m in _CUT.finditer(self.buf, frm):
                if m.end() + self.start >= pos:
                    return m.end() + self.start
            frm = max(frm, len(self.buf) - 64)  # only the new text is searched next time
            chunk = next(self.chunks, None)
            if chunk is None:
                self.eof = True
                return None
            self.buf += chunk

    def cuts(self, lo: int, hi: int) -> list[int]:
        """The boundaries in [lo, hi], which the window holds."""
        a, b = lo - self.start, hi - self.start + 1  # + 1: a cut's match looks one ahead
        found = _CUT.finditer(self.buf, max(0, a - 64), b)
        return [m.end() + self.start for m in found if a <= m.end()]

    def text(self, lo: int, hi: int) -> str:
        return self.buf[lo - self.start : hi - self.start]

    def forget(self, pos: int) -> None:
        if pos > self.start:
            self.buf = self.buf[pos - self.start :]
            self.start = pos


def _pieces(path: str, chunks: Iterator[str], warnings: tuple[str, ...]) -> Iterator[Piece]:
    text = _Stream(chunks)
    head_end = text.cut_from(HEAD)
    head = "" if head_end is None else text.text(0, head_end)
    lo, part = 0, 0
    while True:
        hi = text.cut_from(lo + PIECE)
        last = hi is None
        end = text.end if hi is None else hi
        after = None if last else text.cut_from(end + MARGIN)
        stop = text.end if after is None else after
        if part == 0:
            yield Piece(path, 0, last, "", text.text(0, stop), 0, 0, end, warnings)
        else:
            assert head_end is not None  # a text with no boundary after HEAD is one part
            # Context before: from a boundary at least MARGIN back, not into the head.
            near = text.cuts(max(head_end, lo - 8 * MARGIN), lo)
            before = [c for c in near if c <= lo - MARGIN]
            base = before[-1] if before else near[0]
            yield Piece(path, part, last, head, text.text(base, stop), base, lo, end)
        if last:
            return
        text.forget(end - 8 * MARGIN)
        lo, part = end, part + 1


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
        return _run_here(sources, article_date)
    head, rest = _peek(sources, MIN_POOL)
    if len(head) < MIN_POOL and not any(is_big(source) for source in head):
        return _run_here(head, article_date)
    return _run_pool(chain(head, rest), jobs, article_date)


def _run_here(sources: Iterable[Source], article_date: dt.date | None) -> Iterator[ArticleResult]:
    for source in sources:
        if is_big(source):
            yield from process_big(source, article_date)
        else:
            yield process(source, article_date)


# A unit of work for a pool or a cluster: a function and its arguments, giving results.
_Task = tuple[Callable[..., list[ArticleResult]], tuple[Any, ...]]


def _tasks(
    sources: Iterable[Source],
    article_date: dt.date | None,
    batch_task: Callable[[list[Source]], _Task],
) -> Iterator[_Task]:
    """Batches of small sources, and a task per part of each big one, in input order."""
    batch: list[Source] = []
    for source in sources:
        if not is_big(source):
            batch.append(source)
            if len(batch) >= BATCH:
                yield batch_task(batch)
                batch = []
            continue
        if batch:
            yield batch_task(batch)
            batch = []
        parts = pieces(source)
        if isinstance(parts, ReadError):
            yield _failed, (parts,)
            continue
        for piece in parts:
            yield process_piece, (piece, article_date)
    if batch:
        yield batch_task(batch)


def _local_batch(article_date: dt.date | None) -> Callable[[list[Source]], _Task]:
    def task(batch: list[Source]) -> _Task:
        return process_batch, (batch, article_date)

    return task


def _failed(error: ReadError) -> list[ArticleResult]:
    return [ArticleResult(error.path, error=error)]


def _peek(sources: Iterable[Source], n: int) -> tuple[list[Source], Iterator[Source]]:
    it = iter(sources)
    return list(islice(it, n)), it


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent should react, by terminating
    # the pool, so that workers never print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


STOP_WAIT = 5.0  # seconds to wait for a stopped pool to wind down


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
        for func, args in _tasks(sources, article_date, _local_batch(article_date)):
            window.append(pool.apply_async(func, args))
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
            pool.join()
        else:
            _stop(pool)


def _stop(pool: Pool) -> None:
    """Stop a pool whose work nobody will read, without ever hanging the caller.

    Workers are killed first (SIGKILL prints nothing and holds no lock of ours); the pool's
    own terminate-and-join, which can deadlock on rare races in multiprocessing, then runs in
    a daemon thread that the caller waits for a few seconds at most."""
    import threading

    for worker in list(getattr(pool, "_pool", ())):
        if worker.is_alive():
            worker.kill()

    def terminate() -> None:
        pool.terminate()
        pool.join()

    stopper = threading.Thread(target=terminate, name="syrcli-pool-stop", daemon=True)
    stopper.start()
    stopper.join(timeout=STOP_WAIT)
    # The pool's handler may have replaced a killed worker before terminate() stopped it.
    for worker in list(getattr(pool, "_pool", ())):
        if worker.is_alive():
            worker.kill()
        worker.join(timeout=1)


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
            for func, args in _tasks(sources, article_date, _remote_batch(article_date)):
                window.append(client.submit(func, *args, pure=False))
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


def _remote_batch(article_date: dt.date | None) -> Callable[[list[Source]], _Task]:
    def task(batch: list[Source]) -> _Task:
        return _process_remote_batch, ([_for_remote(s) for s in batch], article_date)

    return task


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
