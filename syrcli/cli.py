"""The command line: parse options, call the library, render, pick the exit code."""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from syrcli import __version__
from syrcli.formats import (
    TABLE_FIELDS,
    Format,
    render_table,
    unknown_fields,
    write_csv,
    write_json,
    write_jsonl,
)
from syrcli.model import FIELDS, Figure
from syrcli.runner import run

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err_console = Console(stderr=True, markup=False, highlight=False)


class Exit(IntEnum):
    FOUND = 0
    NONE_FOUND = 1
    TROUBLE = 2
    LOCKED = 3
    INTERRUPTED = 130


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
    """Extract refugee, displacement and casualty figures from news articles."""


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        out.extend(str(x) for x in sorted(path.glob("*.txt"))) if path.is_dir() else out.append(p)
    return out


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="Output format.")] = None,
    fields: Annotated[
        str | None, typer.Option("--fields", help="Comma-separated columns, in order.")
    ] = None,
) -> None:
    """Print every figure in the articles.

    Example: syrcli extract --format csv seeds/
    """
    if fmt is None:
        fmt = Format.TABLE if sys.stdout.isatty() else Format.JSONL
    chosen = (
        tuple(fields.split(",")) if fields else (TABLE_FIELDS if fmt is Format.TABLE else FIELDS)
    )
    bad = unknown_fields(chosen)
    if bad:
        err_console.print(
            f"syrcli: unknown field(s) {', '.join(bad)}; choose from {', '.join(FIELDS)}"
        )
        raise typer.Exit(Exit.TROUBLE)
    figures: list[Figure] = []
    trouble = False
    for result in run(_expand(paths)):
        if result.error:
            err_console.print(f"syrcli: {result.error.message()}")
            trouble = True
        figures.extend(result.figures)
    if fmt is Format.TABLE:
        render_table(figures, chosen, Console(markup=False, highlight=False))
    elif fmt is Format.CSV:
        write_csv(figures, chosen, sys.stdout)
    elif fmt is Format.JSON:
        write_json(figures, chosen, sys.stdout)
    else:
        write_jsonl(figures, chosen, sys.stdout)
    raise typer.Exit(Exit.TROUBLE if trouble else Exit.FOUND if figures else Exit.NONE_FOUND)


def main() -> None:
    app()
