"""`--db`: a SQLite store of figures that reruns keep free of duplicates.

Two tables, plain column types, so `sqlite3` and Datasette read them as they are:

- `articles`: one row per article version processed (path, sha256, size, mtime,
  processed_at, figures);
- `figures`: the contract's fields in contract order, plus `article_sha256`.

Storing an article first deletes what the store holds for it, so a rerun adds nothing twice
and a changed file replaces its old figures. Files are known by path; stdin articles (path
`-`) have no lasting name and are known by content hash instead.

>>> store = Store(":memory:")
>>> store.tables()
['articles', 'figures']
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from types import TracebackType

from syrcli.model import FIELDS, Figure
from syrcli.sources import STDIN, Fingerprint

_TYPES: dict[str, str] = {
    "start": "INTEGER",
    "end": "INTEGER",
    "value": "INTEGER",
    "value_max": "INTEGER",
    "vague": "INTEGER",
    "projection": "INTEGER",
}
_COLUMNS = (*FIELDS, "article_sha256")
_FIGURE_COLUMNS = ",\n    ".join(f'"{name}" {_TYPES.get(name, "TEXT")}' for name in _COLUMNS)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime TEXT,
    processed_at TEXT NOT NULL,
    figures INTEGER NOT NULL,
    PRIMARY KEY (path, sha256)
);
CREATE TABLE IF NOT EXISTS figures (
    {_FIGURE_COLUMNS}
);
CREATE INDEX IF NOT EXISTS figures_file ON figures (file);
CREATE INDEX IF NOT EXISTS figures_category ON figures (category);
CREATE INDEX IF NOT EXISTS figures_country ON figures (country);
CREATE INDEX IF NOT EXISTS figures_date ON figures (date);
"""

_QUOTED = ", ".join(f'"{name}"' for name in _COLUMNS)  # "end" is an SQL keyword
_INSERT = f"INSERT INTO figures ({_QUOTED}) VALUES ({', '.join('?' * len(_COLUMNS))})"


class Store:
    """An open figure store. Writes gather in one transaction until `commit`."""

    def __init__(self, path: str) -> None:
        # Autocommit mode: transactions are begun and ended explicitly, one per batch.
        # The timeout lets two runs that share a store (without --state) wait their turn.
        self._db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._in_batch = False

    def put(self, path: str, fp: Fingerprint, figures: Sequence[Figure]) -> None:
        """Store one article's figures in place of whatever the store held for it.

        A big article comes in parts: `put` the first, which replaces, then `add` the rest.
        """
        self._begin()
        key: tuple[str, ...]
        if path == STDIN:
            where, key = "path = ? AND sha256 = ?", (path, fp.sha256)
            fig_where = "file = ? AND article_sha256 = ?"
        else:
            where, key = "path = ?", (path,)
            fig_where = "file = ?"
        self._db.execute(f"DELETE FROM figures WHERE {fig_where}", key)
        self._db.execute(f"DELETE FROM articles WHERE {where}", key)
        self._insert(fp, figures)
        mtime = (
            dt.datetime.fromtimestamp(fp.mtime_ns / 1e9, dt.UTC).isoformat()
            if fp.mtime_ns
            else None
        )
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            (path, fp.sha256, fp.size, mtime, now, len(figures)),
        )

    def add(self, path: str, fp: Fingerprint, figures: Sequence[Figure]) -> None:
        """Store more figures of the article last `put`, as the next part of it."""
        self._begin()
        self._insert(fp, figures)
        self._db.execute(
            "UPDATE articles SET figures = figures + ? WHERE path = ? AND sha256 = ?",
            (len(figures), path, fp.sha256),
        )

    def _begin(self) -> None:
        if not self._in_batch:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_batch = True

    def _insert(self, fp: Fingerprint, figures: Sequence[Figure]) -> None:
        self._db.executemany(_INSERT, [(*_row(figure), fp.sha256) for figure in figures])

    def commit(self) -> None:
        """End the current batch: everything `put` since the last commit lands at once."""
        if self._in_batch:
            self._db.execute("COMMIT")
            self._in_batch = False

    def tables(self) -> list[str]:
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return sorted(str(name) for (name,) in rows)

    def close(self) -> None:
        """Close; an uncommitted batch is rolled back."""
        if self._in_batch:
            self._db.execute("ROLLBACK")
            self._in_batch = False
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _row(figure: Figure) -> tuple[object, ...]:
    record = figure.as_record()
    # SQLite has no boolean type; 0 and 1 are what sqlite3 and Datasette filter on.
    return tuple(int(v) if isinstance(v, bool) else v for v in record.values())
