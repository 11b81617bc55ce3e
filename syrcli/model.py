"""The values syrcli passes around: figures, articles and read errors.

`Figure` is the output record of the contract in README.md ("Figure records"); its field
order is the column order of every output format.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    DISPLACED = "displaced"
    FLED = "fled"
    REFUGEES = "refugees"
    HOSTED = "hosted"
    RETURNED = "returned"
    EVACUATED = "evacuated"
    HOMELESS = "homeless"
    BESIEGED = "besieged"
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    DETAINED = "detained"
    AFFECTED = "affected"
    IN_NEED = "in_need"


class Qualifier(StrEnum):
    EXACT = "exact"
    OVER = "over"
    UNDER = "under"
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure mention; `text == original[start:end]` in the decoded file."""

    file: str
    start: int
    end: int
    text: str
    value: int
    value_max: int | None
    qualifier: Qualifier
    vague: bool
    category: Category
    term: str
    unit: str
    location: str | None
    country: str | None
    date: str | None
    projection: bool
    sentence: str

    def as_record(self) -> dict[str, object]:
        """The figure as a plain dict in contract field order, enums as strings."""
        return {f: _plain(getattr(self, f)) for f in FIELDS}


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Figure))


def _plain(value: object) -> object:
    return value.value if isinstance(value, StrEnum) else value


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input: `text` is what offsets point into."""

    path: str
    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read, carried as a value so one bad file never stops a run."""

    path: str
    reason: str
    hint: str = ""

    def message(self) -> str:
        tail = f"; {self.hint}" if self.hint else ""
        return f"{self.path}: {self.reason}{tail}"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one input produced: its figures, or the error that stopped it.

    A big input comes in several parts, numbered from 0, each with the figures of one stretch
    of its text; `last` marks the final one. Other inputs are one part, 0 and last.
    """

    path: str
    figures: tuple[Figure, ...] = ()
    error: ReadError | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    part: int = 0
    last: bool = True


class ClusterError(Exception):
    """Dask is missing or its scheduler cannot be reached; the message says what to do."""
