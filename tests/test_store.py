"""--db: the figures table, the articles table, and no duplicates across reruns."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from syrcli.model import FIELDS, Category, Figure, Qualifier
from syrcli.sources import Fingerprint
from syrcli.store import Store

V1 = Fingerprint(size=3, mtime_ns=1_454_716_800_000_000_000, sha256="a" * 64)
V2 = Fingerprint(size=4, mtime_ns=0, sha256="b" * 64)


def figure(file: str, start: int, value: int) -> Figure:
    return Figure(
        file=file,
        start=start,
        end=start + 6,
        text=f"{value:,}",
        value=value,
        value_max=None,
        qualifier=Qualifier.EXACT,
        vague=False,
        category=Category.FLED,
        term="fled",
        unit="people",
        location="Aleppo",
        country="SYR",
        date="2016-02",
        projection=False,
        sentence=f"{value:,} fled.",
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_rerun_adds_nothing_and_a_change_replaces(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    for _ in range(2):
        with Store(str(db)) as store:
            store.put("a.txt", V1, [figure("a.txt", 0, 5000), figure("a.txt", 10, 200)])
            store.put("b.txt", V1, [figure("b.txt", 0, 7)])
            store.commit()
    assert rows(db, "SELECT file, value FROM figures ORDER BY 1, 2") == [
        ("a.txt", 200),
        ("a.txt", 5000),
        ("b.txt", 7),
    ]
    with Store(str(db)) as store:
        store.put("a.txt", V2, [figure("a.txt", 0, 9000)])
        store.commit()
    assert rows(db, "SELECT file, value, article_sha256 FROM figures ORDER BY 1") == [
        ("a.txt", 9000, "b" * 64),
        ("b.txt", 7, "a" * 64),
    ]
    assert rows(db, "SELECT path, sha256, figures FROM articles ORDER BY 1") == [
        ("a.txt", "b" * 64, 1),
        ("b.txt", "a" * 64, 1),
    ]


def test_uncommitted_batch_is_rolled_back(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store(str(db)) as store:
        store.put("a.txt", V1, [figure("a.txt", 0, 5000)])
    assert rows(db, "SELECT count(*) FROM figures") == [(0,)]


def test_plain_columns_for_sqlite_and_datasette(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store(str(db)) as store:
        store.put("a.txt", V1, [figure("a.txt", 0, 5000)])
        store.commit()
    columns = [row[1] for row in rows(db, "PRAGMA table_info(figures)")]
    assert tuple(columns) == (*FIELDS, "article_sha256")
    (row,) = rows(db, "SELECT value, vague, projection, qualifier, category FROM figures")
    assert row == (5000, 0, 0, "exact", "fled")
    indexed = {row[0] for row in rows(db, "SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"figures_category", "figures_country", "figures_date"} <= indexed
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    (mtime,) = rows(db, "SELECT mtime FROM articles")[0]
    assert str(mtime).startswith("2016-02-06")


def test_stdin_articles_are_kept_apart_by_hash(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store(str(db)) as store:
        store.put("-", V1, [figure("-", 0, 1)])
        store.put("-", V2, [figure("-", 0, 2)])
        store.put("-", V1, [figure("-", 0, 1)])
        store.commit()
    assert rows(db, "SELECT value FROM figures ORDER BY 1") == [(1,), (2,)]
