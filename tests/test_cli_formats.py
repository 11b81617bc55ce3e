"""The writers: one field list, CSV quoting and formula policy, terminal-safe tables."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from syrcli.formats import CsvWriter, JsonlWriter, JsonWriter, TableWriter, printable
from syrcli.model import FIELDS, Category, Figure, Qualifier


def figure(sentence: str, text: str = "5,000") -> Figure:
    return Figure(
        file="a.txt",
        start=0,
        end=len(text),
        text=text,
        value=5000,
        value_max=None,
        qualifier=Qualifier.ABOUT,
        vague=False,
        category=Category.FLED,
        term="fled",
        unit="people",
        location=None,
        country=None,
        date=None,
        projection=True,
        sentence=sentence,
    )


TRICKY = [
    figure('=HYPERLINK("http://evil","5,000 fled")'),
    figure("+5,000 fled"),
    figure("-5,000 fled"),
    figure("@SUM(A1) fled"),
    figure('Some "5,000", they said,\r\nfled'),
]


def test_csv_keeps_cells_as_written_by_default() -> None:
    out = io.StringIO(newline="")
    writer = CsvWriter(out, FIELDS)
    writer.article(TRICKY)
    writer.close()
    assert out.getvalue().startswith(",".join(FIELDS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["sentence"] for row in rows] == [f.sentence for f in TRICKY]
    assert rows[0]["value_max"] == "" and rows[0]["projection"] == "true"


def test_csv_safe_prefixes_a_quote_to_formula_cells_only() -> None:
    out = io.StringIO(newline="")
    CsvWriter(out, ("sentence", "value"), safe=True).article(TRICKY)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
    assert [row[0][:2] for row in rows] == ["'=", "'+", "'-", "'@", "So"]
    assert {row[1] for row in rows} == {"5000"}


def test_jsonl_one_record_per_line_in_field_order() -> None:
    out = io.StringIO()
    JsonlWriter(out, ("value", "file")).article(TRICKY)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(TRICKY)
    assert list(json.loads(lines[-1])) == ["value", "file"]


def test_json_is_one_array() -> None:
    out = io.StringIO()
    writer = JsonWriter(out, ("text",))
    writer.article(TRICKY[:2])
    writer.article([])
    writer.close()
    assert json.loads(out.getvalue()) == [{"text": "5,000"}, {"text": "5,000"}]


def test_table_prints_markup_and_escapes_as_text() -> None:
    out = io.StringIO()
    console = Console(file=out, width=300, markup=False, highlight=False, color_system=None)
    writer = TableWriter(console, ("sentence",))
    writer.article([figure("[bold]5,000[/] fled \x1b[2J\x9b31m")])
    writer.close()
    assert "[bold]5,000[/] fled \\x1b[2J\\x9b31m" in out.getvalue()
    assert "\x1b" not in out.getvalue()


def test_printable_leaves_ordinary_text_alone() -> None:
    assert printable("Alepp\u00f6: 5,000\tfled\n") == "Alepp\u00f6: 5,000\tfled\n"
