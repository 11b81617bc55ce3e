"""Writers for figure records: table, CSV, JSON and JSON Lines, all with one field list."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TextIO

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


def select(figure: Figure, fields: Sequence[str]) -> dict[str, object]:
    record = figure.as_record()
    return {name: record[name] for name in fields}


def unknown_fields(fields: Sequence[str]) -> list[str]:
    return [name for name in fields if name not in FIELDS]


def write_jsonl(figures: Iterable[Figure], fields: Sequence[str], out: TextIO) -> None:
    for figure in figures:
        out.write(json.dumps(select(figure, fields), ensure_ascii=False) + "\n")


def write_json(figures: Iterable[Figure], fields: Sequence[str], out: TextIO) -> None:
    json.dump([select(f, fields) for f in figures], out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(figures: Iterable[Figure], fields: Sequence[str], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\r\n")
    writer.writeheader()
    for figure in figures:
        writer.writerow(select(figure, fields))


def render_table(figures: Iterable[Figure], fields: Sequence[str], console: Console) -> None:
    table = Table(show_lines=False)
    for name in fields:
        table.add_column(name, overflow="fold")
    for figure in figures:
        record = select(figure, fields)
        # Text() never interprets markup, so "[bold]" in an article prints as written.
        table.add_row(*(Text("" if v is None else str(v)) for v in record.values()))
    console.print(table)
