"""Nightly runs: --state emits each article once, --db holds each figure once, whatever happens."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from syrcli.state import State

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def syrcli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syrcli", *map(str, args)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
    )


def emitted_files(stdout: str) -> set[str]:
    return {json.loads(line)["file"] for line in stdout.splitlines()}


def figure_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            'SELECT file, start, "end", text, value, category FROM figures ORDER BY 1, 2, 3, 6'
        ).fetchall()


def test_second_run_emits_nothing_then_only_new_and_changed(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SEEDS[0], articles / "a.txt")
    shutil.copy(SEEDS[1], articles / "b.txt")
    nightly = ("extract", "--state", "state.db", "--db", "figures.db", "articles")

    first = syrcli(*nightly, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert emitted_files(first.stdout) == {"articles/a.txt", "articles/b.txt"}

    second = syrcli(*nightly, cwd=tmp_path)
    assert (second.returncode, second.stdout) == (1, "")
    assert "0 new or changed article(s), 2 unchanged" in second.stderr

    shutil.copy(SEEDS[2], articles / "c.txt")
    third = syrcli(*nightly, cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    assert emitted_files(third.stdout) == {"articles/c.txt"}

    os.utime(articles / "b.txt")  # touched, not changed: still nothing to do
    shutil.copy(SEEDS[3], articles / "a.txt")
    fourth = syrcli(*nightly, cwd=tmp_path)
    assert fourth.returncode == 0, fourth.stderr
    assert emitted_files(fourth.stdout) == {"articles/a.txt"}

    # The store holds a.txt's new figures only, and nothing twice.
    rows = figure_rows(tmp_path / "figures.db")
    assert len(rows) == len(set(rows))
    new_a = {(r[1], r[2], r[3]) for r in rows if r[0] == "articles/a.txt"}
    assert new_a == {
        (rec["start"], rec["end"], rec["text"])
        for rec in map(json.loads, fourth.stdout.splitlines())
    }


def test_overlapping_run_exits_3_at_once(tmp_path: Path) -> None:
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    started = time.monotonic()
    syrcli("--version", cwd=tmp_path)
    startup = time.monotonic() - started
    with State(str(tmp_path / "state.db")):  # as a run still going from last night would
        started = time.monotonic()
        result = syrcli("extract", "--state", "state.db", "a.txt", cwd=tmp_path)
        elapsed = time.monotonic() - started
    assert result.returncode == 3
    # Under a second, as promised. On a machine so loaded that merely starting Python takes
    # half a second, allow twice the start-up time: a run that waited for the lock would
    # still take as long as the lock is held, which here is for ever.
    assert elapsed < max(1.0, 2 * startup), (elapsed, startup)
    assert result.stdout == ""
    assert "state.db is in use by another syrcli run" in result.stderr
    assert "Traceback" not in result.stderr
    # Once the other run is gone, the next one does the work.
    after = syrcli("extract", "--state", "state.db", "a.txt", cwd=tmp_path)
    assert after.returncode == 0


def test_run_killed_midway_then_rerun_stores_every_figure_once(tmp_path: Path) -> None:
    copies = 160
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(copies):
        shutil.copy(SEEDS[n % len(SEEDS)], articles / f"{n:03}.txt")
    nightly = ["extract", "--state", "state.db", "--db", "figures.db", "articles"]

    proc = subprocess.Popen(
        [sys.executable, "-m", "syrcli", *nightly],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    try:
        # Kill it once output flows and a first batch is committed, so that the next run
        # meets some articles recorded and others not.
        while proc.stdout.readline() and not _stored_articles(tmp_path / "state.db", "seen"):
            pass
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < _stored_articles(tmp_path / "state.db", "seen") < copies

    rerun = syrcli(*nightly, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    assert rerun.stdout  # the killed run left work undone, and this run did it

    # Every copy holds exactly the figures of its seed, once.
    reference = syrcli("extract", "--db", tmp_path / "seeds.db", ROOT / "seeds", cwd=ROOT)
    assert reference.returncode == 0
    by_seed: dict[str, list[tuple[object, ...]]] = {}
    for row in figure_rows(tmp_path / "seeds.db"):
        by_seed.setdefault(Path(str(row[0])).name, []).append(row[1:])
    expected = sorted(
        (f"articles/{n:03}.txt", *rest)
        for n in range(copies)
        for rest in by_seed[SEEDS[n % len(SEEDS)].name]
    )
    assert figure_rows(tmp_path / "figures.db") == expected
    assert _stored_articles(tmp_path / "figures.db", "articles") == copies


def _stored_articles(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        except sqlite3.OperationalError:  # not created yet
            return 0
    return int(count)


def test_db_twice_leaves_each_figure_once(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    once = syrcli("extract", "--db", tmp_path / "x.db", seeds, cwd=ROOT)
    assert once.returncode == 0
    first = figure_rows(tmp_path / "x.db")
    twice = syrcli("extract", "--db", tmp_path / "x.db", seeds, cwd=ROOT)
    assert twice.returncode == 0
    second = figure_rows(tmp_path / "x.db")
    assert first == second
    assert len(second) == len(set(second)) == len(once.stdout.splitlines())
