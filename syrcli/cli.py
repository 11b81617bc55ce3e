"""The command line: parse options, call the library, print, pick the exit code."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from enum import IntEnum
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress
from rich.text import Text

from syrcli import __version__
from syrcli.evalcmd import eval_command
from syrcli.formats import TABLE_FIELDS, Format, make_writer, printable, unknown_fields
from syrcli.model import FIELDS, ClusterError, Document, Figure, ReadError
from syrcli.output import OutputError, atomic_text, detach_stdout, utf8_stdout
from syrcli.sources import (
    DEFAULT_GLOBS,
    STDIN,
    Fingerprint,
    Inputs,
    decode,
    expand,
    fingerprint,
    fingerprint_file,
    read_bytes,
)
from syrcli.state import State, StateError, StateLocked
from syrcli.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)
err_console = Console(stderr=True, markup=False, highlight=False, emoji=False)


class Exit(IntEnum):
    """Exit codes, as grep has them, plus the two a nightly job needs."""

    FOUND = 0
    NONE_FOUND = 1
    TROUBLE = 2  # a usage error, or an input that could not be read
    LOCKED = 3  # another run holds the --state lock
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
    CLOSED_PIPE = 141  # the reader went away (`| head`): 128 + SIGPIPE, as grep reports it


# Commit the store and the state at least this often, so a killed run loses little work.
BATCH_ARTICLES = 64
BATCH_SECONDS = 1.0

_SUFFIX_FORMATS = {".csv": Format.CSV, ".json": Format.JSON, ".jsonl": Format.JSONL}


def say(message: str, *, level: str = "error") -> None:
    """One line on stderr; control characters from file names shown as escapes."""
    style = {"error": "bold red", "warning": "yellow"}.get(level, "")
    if "NO_COLOR" in os.environ:
        style = ""  # Rich drops colours under NO_COLOR but keeps bold; no-color.org asks for none
    err_console.print(
        Text.assemble(("syrcli: ", style), printable(message).replace("\n", " ")),
        soft_wrap=True,
    )


class UsageError(Exception):
    """A bad option value, reported in one line with exit code 2."""


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    paths: tuple[str, ...]
    fmt: Format
    fields: tuple[str, ...]
    output: str | None
    recursive: bool
    globs: tuple[str, ...]
    encoding: str | None
    state: str | None
    db: str | None
    jobs: int
    dask: str | None
    article_date: dt.date | None
    csv_safe: bool


def _version(value: bool) -> None:
    if value:
        print(f"syrcli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Extract refugee, displacement and casualty figures from news articles.

    Example: syrcli extract --format csv seeds/
    """


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article files or folders; - for stdin. None given: stdin, if piped.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format. Default: table on a terminal, else jsonl."
        ),
    ] = None,
    fields: Annotated[
        str | None, typer.Option("--fields", help="Comma-separated columns, in order.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to FILE, replaced whole at the end, not stdout."
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Read folders and all their subfolders.")
    ] = False,
    globs: Annotated[
        list[str] | None,
        typer.Option("--glob", help="File names to read in folders (default *.txt); repeatable."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Decode every input with this encoding; no detection."),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option("--state", help="SQLite file of processed articles: only emit new ones."),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Also store the figures in this SQLite file.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes.", show_default="CPU count"),
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Run on this Dask scheduler (tcp://host:8786).")
    ] = None,
    article_date: Annotated[
        str | None,
        typer.Option(
            "--article-date", help="Date of the articles, YYYY-MM-DD, when they lack one."
        ),
    ] = None,
    csv_safe: Annotated[
        bool,
        typer.Option("--csv-safe", help="Prefix ' to CSV cells a spreadsheet would run (=+-@)."),
    ] = False,
) -> None:
    """Print every figure in the articles: one record per figure, data on stdout only.

    Exit status: 0 figures found, 1 none, 2 usage error or an unreadable input (the others
    are still processed), 3 --state is locked by another run, 130 interrupted.

    Example: syrcli extract -r --state seen.db --db figures.db -o new.csv articles/
    """
    try:
        fmt = _pick_format(fmt, output)
        options = ExtractOptions(
            paths=_pick_inputs(paths),
            fmt=fmt,
            fields=_pick_fields(fields, fmt),
            output=output,
            recursive=recursive,
            globs=tuple(globs) if globs else DEFAULT_GLOBS,
            encoding=_check_encoding(encoding),
            state=state,
            db=db,
            jobs=jobs if jobs is not None else _usable_cpus(),
            dask=dask,
            article_date=_parse_date(article_date),
            csv_safe=csv_safe,
        )
    except UsageError as exc:
        say(str(exc))
        raise typer.Exit(Exit.TROUBLE) from None
    raise typer.Exit(run_extract(options))


def _pick_inputs(paths: list[str] | None) -> tuple[str, ...]:
    if paths:
        return tuple(paths)
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("no input: name files or folders, or pipe text in (syrcli extract seeds/)")
    return (STDIN,)


def _pick_format(fmt: Format | None, output: str | None) -> Format:
    if fmt is not None:
        return fmt
    if output:
        return _SUFFIX_FORMATS.get(os.path.splitext(output)[1].lower(), Format.JSONL)
    return Format.TABLE if sys.stdout.isatty() else Format.JSONL


def _pick_fields(fields: str | None, fmt: Format) -> tuple[str, ...]:
    if not fields:
        return TABLE_FIELDS if fmt is Format.TABLE else FIELDS
    chosen = tuple(name.strip() for name in fields.split(",") if name.strip())
    bad = unknown_fields(chosen)
    if bad or not chosen:
        raise UsageError(
            f"unknown field(s) {', '.join(bad) or '(none given)'} in --fields; "
            f"choose from {', '.join(FIELDS)}"
        )
    return chosen


def _check_encoding(encoding: str | None) -> str | None:
    if encoding is not None:
        try:
            b"x".decode(encoding, "replace")  # unlike codecs.lookup, refuses rot13 and co.
        except LookupError:
            raise UsageError(
                f"unknown encoding {encoding!r} for --encoding; try utf-8, cp1252 or latin-1"
            ) from None
    return encoding


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--article-date wants a date as YYYY-MM-DD (e.g. 2016-02-06), not {text!r}"
        ) from None


def _usable_cpus() -> int:
    """CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_extract(options: ExtractOptions) -> Exit:
    """Run `extract` with checked options; report problems on stderr and return the code."""
    try:
        with ExitStack() as stack:
            state = stack.enter_context(State(options.state)) if options.state else None
            store = stack.enter_context(Store(options.db)) if options.db else None
            return _Run(options, state, store).go()
    except StateLocked as exc:
        say(f"{exc}; this run did nothing, the next one will catch up")
        return Exit.LOCKED
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        detach_stdout()
        return Exit.CLOSED_PIPE
    except StateError as exc:
        say(f"cannot use the --state file: {exc}; check the path, or move a damaged file aside")
        return Exit.TROUBLE
    except sqlite3.Error as exc:
        say(f"{options.db}: SQLite error: {exc}; check the path, or move a damaged file aside")
        return Exit.TROUBLE
    except OutputError as exc:
        say(f"{exc}; check the folder, its permissions and free space")
        return Exit.TROUBLE
    except ClusterError as exc:
        say(str(exc))
        return Exit.TROUBLE


class _Run:
    """One extract run: inputs in, figures out, store and state committed behind the output."""

    def __init__(self, options: ExtractOptions, state: State | None, store: Store | None) -> None:
        self.options, self.state, self.store = options, state, store
        self.inputs: Inputs = expand(
            options.paths, recursive=options.recursive, globs=options.globs
        )
        # Workers read files themselves unless we need the bytes here: for the state's and
        # the store's content hash, for a forced encoding, and for stdin.
        self.read_here = bool(options.state or options.db or options.encoding)
        # Output to a file is only safe once renamed at the end, and JSON and tables are only
        # written at the end: until then the state must not record anything.
        self.deferred = options.output is not None or options.fmt in (Format.JSON, Format.TABLE)
        # One entry per source handed to the runner, whose results come back in input order;
        # inputs that failed before reaching the runner wait here to be reported in order.
        self.pending: deque[tuple[str, Fingerprint | None, tuple[ReadError, ...]]] = deque()
        self.held: list[ReadError] = []
        self.trouble = False
        self.figures = self.articles = self.unchanged = 0
        self.batch = 0
        self.batch_started = time.monotonic()
        self.progress: Progress | None = None

    def go(self) -> Exit:
        for warning in self.inputs.warnings:
            say(warning, level="warning")
        with ExitStack() as stack:
            if _show_progress(self.inputs):
                # redirect_stdout=False: Rich would otherwise route data on stdout to stderr.
                progress = Progress(
                    console=err_console,
                    transient=True,
                    redirect_stdout=False,
                    redirect_stderr=False,
                )
                self.progress = stack.enter_context(progress)
                self.task = self.progress.add_task("extracting", total=len(self.inputs.items))
            if self.options.output:
                with atomic_text(self.options.output) as out:
                    self._write_all(out)
            else:
                self._write_all(utf8_stdout())
        # The output is complete (flushed, or renamed into place): now it may be recorded.
        self._commit(force=True, output_safe=True)
        if self.state is not None:
            say(
                f"{self.articles} new or changed article(s), {self.unchanged} unchanged, "
                f"{self.figures} figure(s)",
                level="info",
            )
        if self.trouble:
            return Exit.TROUBLE
        return Exit.FOUND if self.figures else Exit.NONE_FOUND

    def _write_all(self, out: TextIO) -> None:
        from syrcli.runner import run  # the extractor's import cost comes after the lock

        options = self.options
        writer = make_writer(options.fmt, out, options.fields, csv_safe=options.csv_safe)
        results = run(
            self._sources(),
            jobs=options.jobs,
            article_date=options.article_date,
            dask_address=options.dask,
        )
        path, fp = "", None
        try:
            for result in results:
                # A big input comes in parts: the first is its turn in the input order, the
                # last finishes it. Only then may the state record it.
                if result.part == 0:
                    path, fp, earlier = self.pending.popleft()
                    for error in earlier:
                        self._fail(error)
                    self._advance()
                for warning in result.warnings:
                    say(warning, level="warning")
                if result.error is not None:
                    self._fail(result.error)
                    continue
                self._emit(writer.article, result.figures)
                self.figures += len(result.figures)
                self.articles += result.part == 0
                if fp is not None:
                    if self.store is not None:
                        if result.part == 0:
                            self.store.put(path, fp, result.figures)
                        else:
                            self.store.add(path, fp, result.figures)
                    if self.state is not None and result.last:
                        self.state.remember(path, fp)
                self._commit(output_safe=not self.deferred)
            for error in self.held:
                self._fail(error)
            self._emit(writer.close)
        finally:
            # Stop a worker pool now, on Ctrl-C or a closed pipe, rather than at collection.
            close = getattr(results, "close", None)
            if close is not None:
                close()

    def _emit(self, write: Callable[..., None], *args: Sequence[Figure]) -> None:
        try:
            write(*args)
        except BrokenPipeError:
            raise  # the reader went away: not an error, see run_extract
        except OSError as exc:  # a full disk, say: tell which output, not which article
            raise OutputError(self.options.output or "stdout", exc) from exc

    def _sources(self) -> Iterator[str | Document]:
        from syrcli.runner import is_big  # after the lock, like the runner itself

        for item in self.inputs.items:
            if isinstance(item, ReadError):
                self._hold(item)
                continue
            if not self.read_here and item != STDIN:
                self._pend(item, None)
                yield item
                continue
            read = self._read(item, is_big)
            if isinstance(read, ReadError):
                self._hold(read)
                continue
            data, fp = read
            if self.state is not None and self.state.unchanged(item, fp):
                self.unchanged += 1
                self._advance()
                continue
            if data is None:
                self._pend(item, fp)
                yield item
                continue
            doc = decode(data, item, self.options.encoding)
            del data
            if isinstance(doc, ReadError):
                self._hold(doc)
                continue
            self._pend(item, fp)
            yield doc

    def _read(
        self, item: str, is_big: Callable[[str], bool]
    ) -> tuple[bytes | None, Fingerprint] | ReadError:
        """The bytes and fingerprint of an input. A big file is hashed as it is read and its
        bytes are not kept: the runner reads it a part at a time, and holding its bytes here
        as well would double the memory it needs."""
        if item != STDIN and not self.options.encoding and is_big(item):
            fp = fingerprint_file(item)
            return fp if isinstance(fp, ReadError) else (None, fp)
        data = read_bytes(item)
        return data if isinstance(data, ReadError) else (data, fingerprint(item, data))

    def _pend(self, path: str, fp: Fingerprint | None) -> None:
        self.pending.append((path, fp, tuple(self.held)))
        self.held.clear()

    def _hold(self, error: ReadError) -> None:
        self.held.append(error)
        self._advance()

    def _fail(self, error: ReadError) -> None:
        say(error.message())
        self.trouble = True

    def _advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def _commit(self, *, output_safe: bool, force: bool = False) -> None:
        # Only ever called between articles. On Ctrl-C or a closed pipe nothing more is
        # committed: the store rolls back its open batch and the state forgets what it was
        # told since its last commit, so the next run redoes at most one batch.
        self.batch += 1
        due = self.batch >= BATCH_ARTICLES or time.monotonic() - self.batch_started > BATCH_SECONDS
        if not (force or due):
            return
        # Store first, state second: a crash in between makes the next run redo an article
        # the store already has, which it replaces; the reverse order could lose it.
        if self.store is not None:
            self.store.commit()
        if self.state is not None and output_safe:
            self.state.commit()
        self.batch = 0
        self.batch_started = time.monotonic()


def _show_progress(inputs: Inputs) -> bool:
    # Progress is for people watching a long run: never for stdin (no total, and the
    # terminal may be the input), never in logs or pipes, never when colour is unwelcome.
    return (
        len(inputs.items) > 1
        and STDIN not in inputs.paths
        and err_console.is_terminal
        and "NO_COLOR" not in os.environ
        and not err_console.is_dumb_terminal
    )


# `eval` is written in its own module; this file only mounts it.
app.command("eval")(eval_command)


def main() -> None:
    """The console script: the app, with Ctrl-C and surprises turned into one line."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(Exit.INTERRUPTED)
    except Exception as exc:  # a bug: still no traceback unless asked for
        if os.environ.get("SYRCLI_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {exc}; rerun with SYRCLI_DEBUG=1 for details")
        sys.exit(Exit.TROUBLE)
