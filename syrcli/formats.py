"""Writers for figure records: table, CSV, JSON and JSON Lines, all with one field list.

A writer takes one article's figures at a time. JSON Lines and CSV write and flush them at
once, so a pipeline sees results as they come; JSON and the table need every figure before
they can print, so they hold them until `close`.

CSV follows RFC 4180 (CRLF line ends, fields quoted when needed) with the columns in the order
asked for. Cells are written as they are: the CSV is data, and `text` must slice back out of
the article. With `csv_safe`, text cells that a spreadsheet would run as a formula (starting
with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, for files meant to be
opened in Excel or LibreOffice rather than read by programs.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Protocol, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from syrcli.model import FIELDS, Figure


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


TABLE_FIELDS = ("file", "text", "value", "qualifier", "category", "location", "date")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# C0 and C1 controls except tab and newline: an ESC from an article must not drive the
# terminal, and a lone CR would overwrite what was printed before it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def select(figure: Figure, fields: Sequence[str]) -> dict[str, object]:
    record = figure.as_record()
    return {name: record[name] for name in fields}


def unknown_fields(fields: Sequence[str]) -> list[str]:
    return [name for name in fields if name not in FIELDS]


def printable(text: str) -> str:
    """`text` safe for a terminal: control characters shown as `\\xNN` escapes.

    >>> printable("5,000 fled\\x1b[31m")
    '5,000 fled\\\\x1b[31m'
    >>> printable("a\\r\\nb")
    'a\\nb'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\r\n", "\n"))


def csv_safe(value: object) -> object:
    """A cell a spreadsheet will show as text, never run as a formula.

    >>> csv_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> csv_safe("-5,000 people"), csv_safe(5000), csv_safe("5,000")
    ("'-5,000 people", 5000, '5,000')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class Writer(Protocol):
    def article(self, figures: Sequence[Figure]) -> None:
        """Write (or hold) one article's figures."""

    def close(self) -> None:
        """Write what is held; the output is complete after this."""


class JsonlWriter:
    """One JSON object per line, flushed after each article."""

    def __init__(self, out: TextIO, fields: Sequence[str]) -> None:
        self.out, self.fields = out, fields

    def article(self, figures: Sequence[Figure]) -> None:
        for figure in figures:
            self.out.write(json.dumps(select(figure, self.fields), ensure_ascii=False) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class CsvWriter:
    """RFC 4180 rows under a header that is written even when no figure follows."""

    def __init__(self, out: TextIO, fields: Sequence[str], *, safe: bool = False) -> None:
        self.out, self.fields, self.safe = out, fields, safe
        self._writer = csv.writer(out, lineterminator="\r\n")
        self._writer.writerow(fields)
        out.flush()

    def article(self, figures: Sequence[Figure]) -> None:
        for figure in figures:
            cells = (_csv_cell(v) for v in select(figure, self.fields).values())
            self._writer.writerow([csv_safe(c) for c in cells] if self.safe else list(cells))
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """One JSON array, written at the end."""

    def __init__(self, out: TextIO, fields: Sequence[str]) -> None:
        self.out, self.fields = out, fields
        self._records: list[dict[str, object]] = []

    def article(self, figures: Sequence[Figure]) -> None:
        self._records.extend(select(f, self.fields) for f in figures)

    def close(self) -> None:
        json.dump(self._records, self.out, ensure_ascii=False, indent=1)
        self.out.write("\n")
        self.out.flush()


class TableWriter:
    """A Rich table for people, rendered at the end."""

    def __init__(self, console: Console, fields: Sequence[str]) -> None:
        self.console, self.fields = console, fields
        self._figures: list[Figure] = []

    def article(self, figures: Sequence[Figure]) -> None:
        self._figures.extend(figures)

    def close(self) -> None:
        render_table(self._figures, self.fields, self.console)
        self.console.file.flush()


def make_writer(
    fmt: Format, out: TextIO, fields: Sequence[str], *, csv_safe: bool = False
) -> Writer:
    """The writer for `fmt` on `out`."""
    if fmt is Format.JSONL:
        return JsonlWriter(out, fields)
    if fmt is Format.CSV:
        return CsvWriter(out, fields, safe=csv_safe)
    if fmt is Format.JSON:
        return JsonWriter(out, fields)
    # markup=False and Text cells: "[bold]" in an article prints as written.
    console = Console(file=out, markup=False, highlight=False, emoji=False)
    return TableWriter(console, fields)


def _csv_cell(value: object) -> object:
    # Lower-case booleans read the same as in JSON; None is an empty cell.
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_jsonl(figures: Iterable[Figure], fields: Sequence[str], out: TextIO) -> None:
    JsonlWriter(out, fields).article(list(figures))


def write_json(figures: Iterable[Figure], fields: Sequence[str], out: TextIO) -> None:
    writer = JsonWriter(out, fields)
    writer.article(list(figures))
    writer.close()


def write_csv(
    figures: Iterable[Figure], fields: Sequence[str], out: TextIO, *, safe: bool = False
) -> None:
    CsvWriter(out, fields, safe=safe).article(list(figures))


# Short columns never wrap, so the long ones (file, text, sentence) take the width left.
_NO_WRAP = frozenset(
    "start end value value_max qualifier vague category unit country date projection".split()
)


def render_table(figures: Iterable[Figure], fields: Sequence[str], console: Console) -> None:
    table = Table(show_lines=False)
    for name in fields:
        numeric = name in ("start", "end", "value", "value_max")
        table.add_column(
            name, overflow="fold", no_wrap=name in _NO_WRAP, justify="right" if numeric else "left"
        )
    for figure in figures:
        record = select(figure, fields)
        table.add_row(*(Text(printable("" if v is None else str(v))) for v in record.values()))
    console.print(table)
