"""Figures in tables that reached the text as lines of cells: "District | Dead | Injured".

Situation reports and wire factboxes flatten their tables to one line per row, cells apart by
" | ". A header line names the columns; the rows under it give a place and its counts. A
column counts people of a category when its name is a term of the lexicon ("Dead",
"Injured", "IDPs"), or when it names people ("Individuals", "Households") and the table's
title or first column says where they are ("Camp or site"). Other columns (houses, money,
schools) count no one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from syrcli.lexicon import Lexicon, words_of
from syrcli.model import Category

_CELL_GAP = re.compile(r"[ \t]\|[ \t]")
# A count in a cell, with a part in brackets: "3,057 (411)", "19,866", "1 200".
_COUNT = re.compile(r"(\d{1,3}(?:[,\u00a0 ]\d{3}){1,4}|\d{1,9})(?!\d)")
_CELL_COUNT = re.compile(
    r"[ \t]{0,4}(?:\d{1,3}(?:[,\u00a0 ]\d{3}){1,4}|\d{1,9})"
    r"(?:[ \t]{0,4}\([ \t]{0,4}(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,9})[ \t]{0,4}\))?[ \t\r]{0,4}"
)  # "\r": a row of a file with Windows line ends
_EMPTY_CELL = re.compile(r"[ \t]{0,4}(?:-|–|—|n/a|N/A)?[ \t\r]{0,4}")
# A row that sums the others, or a header of units ("%", "per 1,000"): no row of its own.
_TOTAL = re.compile(r"\s{0,4}(?:total|totals|sum|all|overall|grand\stotal)\b", re.IGNORECASE)
_RATE = re.compile(r"%|\bper\b|\bpercent|\brate\b", re.IGNORECASE)
# Column names that count people but say nothing of their state.
_PEOPLE = frozenset(
    "individuals people persons households families idps refugees returnees".split()
)
_SITES = frozenset("camp camps site sites shelter shelters settlement settlements".split())
_MAX_CELLS = 12


@dataclass(frozen=True, slots=True)
class TableCount:
    start: int  # offsets of the count in the text
    end: int
    value: int
    category: Category
    column: str  # the column's name, as written
    unit: str
    row: tuple[int, int]  # the row's line
    label: tuple[int, int]  # its first cell: the place the row is about


def table_counts(text: str, lex: Lexicon) -> Iterator[TableCount]:
    """Every count of people in the text's flattened tables, in text order."""
    if " | " not in text:
        return
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end = lines[i]
        header = _cells(text, start, end)
        title = next(
            (lines[k] for k in range(i - 1, max(-1, i - 3), -1) if _filled(text, lines[k])), None
        )
        columns = _columns(text, header, title, lex) if header else None
        if columns is None:
            i += 1
            continue
        i += 1
        while i < len(lines):
            r_start, r_end = lines[i]
            cells = _cells(text, r_start, r_end)
            if len(cells) != len(header) or not _is_row(text, cells):
                break
            yield from _row_counts(text, cells, columns, (r_start, r_end))
            i += 1


def row_lines(text: str) -> list[tuple[int, int]]:
    """Every line that is a row of cells with a count ("Tents | 150 | 2,000"), in order: a
    table's row is no sentence, whether or not its columns count people."""
    if " | " not in text:
        return []
    out = []
    for start, end in _lines(text):
        cells = _cells(text, start, end)
        if (
            cells
            and _is_row(text, cells)
            and any(_CELL_COUNT.fullmatch(text, a, b) for a, b in cells[1:])
        ):
            out.append((start, end))
    return out


def _filled(text: str, line: tuple[int, int]) -> bool:
    return bool(text[line[0] : line[1]].strip())


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cells = []
    pos = start
    for gap in _CELL_GAP.finditer(text, start, end):
        cells.append((pos, gap.start()))
        pos = gap.end()
        if len(cells) > _MAX_CELLS:
            return []
    cells.append((pos, end))
    return cells if len(cells) >= 2 else []


def _columns(
    text: str,
    header: list[tuple[int, int]],
    title: tuple[int, int] | None,
    lex: Lexicon,
) -> list[tuple[Category, str, str] | None] | None:
    """Each column's category, name and unit, or None for a line that is no header."""
    if not header or any(any(c.isdigit() for c in text[a:b]) for a, b in header):
        return None
    first = text[header[0][0] : header[0][1]]
    context = _category(first, lex)
    if context is None and _SITES.intersection(words_of(first)):
        context = Category.DISPLACED  # "Camp or site | Individuals": people living in camps
    if context is None and title is not None:
        context = _category(text[title[0] : title[1]], lex)
    columns: list[tuple[Category, str, str] | None] = [None]
    for a, b in header[1:]:
        name = text[a:b].strip()
        words = words_of(name)
        if _RATE.search(name):
            columns.append(None)  # "Displaced (%)": a share, not a count
            continue
        own = _category(name, lex)
        unit = next((w for w in words if w in _PEOPLE), "people")
        if own is not None and not lex.not_people.intersection(words):
            columns.append((own, name, unit))
        elif context is not None and words and set(words) <= _PEOPLE | {"of", "number", "no", "."}:
            columns.append((context, name, unit))
        else:
            columns.append(None)
    return columns if any(columns) else None


def _category(name: str, lex: Lexicon) -> Category | None:
    words = words_of(name)
    for i in range(len(words)):
        # a term with a gap ("lost ... relatives") is no column name: "Won | Lost | Drawn"
        found = [t for _end, t in lex.terms.match_all(words, i) if not t.after]
        if found:
            return found[0].category
    return None


def _is_row(text: str, cells: list[tuple[int, int]]) -> bool:
    label = text[cells[0][0] : cells[0][1]].strip()
    if not label or not any(c.isalpha() for c in label) or _TOTAL.match(label):
        return False  # "Total | 50,000 | 107,000" sums the rows above: not a row of its own
    return all(
        _CELL_COUNT.fullmatch(text, a, b) or _EMPTY_CELL.fullmatch(text, a, b) for a, b in cells[1:]
    )


def _row_counts(
    text: str,
    cells: list[tuple[int, int]],
    columns: list[tuple[Category, str, str] | None],
    row: tuple[int, int],
) -> Iterator[TableCount]:
    for (a, b), column in zip(cells, columns, strict=True):
        if column is None:
            continue
        category, name, unit = column
        for m in _COUNT.finditer(text, a, b):
            value = int(re.sub(r"\D", "", m.group(1)))
            yield TableCount(m.start(1), m.end(1), value, category, name, unit, row, cells[0])
