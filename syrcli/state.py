"""`--state`: what earlier runs already processed, so a nightly run handles only what is new.

The state is a SQLite file holding one row per article: path, size, modification time and
content hash. An article is new or changed when no row has its path and hash; touching a file
without changing it does not bring it back. Rows are added by `remember` and written only by
`commit`, which the caller runs after the article's output is safely written: a run killed
half way leaves unrecorded exactly the articles whose output may be lost.

A lock file beside the state (`STATE.lock`, held with `flock`) keeps two runs apart. The
kernel drops the lock when its process dies, even by SIGKILL, so a crash never wedges cron.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3
from types import TracebackType

from syrcli.sources import STDIN, Fingerprint

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (path, sha256)
)
"""


class StateLocked(Exception):
    """Another process holds the state's lock."""

    def __init__(self, path: str, holder: str) -> None:
        who = f" (pid {holder})" if holder else ""
        super().__init__(f"{path} is in use by another syrcli run{who}")
        self.path = path


class StateError(Exception):
    """The state file or its lock file cannot be opened."""


class State:
    """An open, locked state file. Use as a context manager, or call `close`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock_path = f"{path}.lock"
        try:
            self._lock_fd = _lock(path, self.lock_path)
        except OSError as exc:
            raise StateError(f"{self.lock_path}: {exc.strerror or exc}") from exc
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            os.close(self._lock_fd)
            raise StateError(f"{path}: {exc}") from exc
        self._pending: list[tuple[str, Fingerprint]] = []

    def unchanged(self, path: str, fp: Fingerprint) -> bool:
        """True when an earlier run recorded this path with this content."""
        row = self._db.execute(
            "SELECT 1 FROM seen WHERE path = ? AND sha256 = ?", (path, fp.sha256)
        ).fetchone()
        return row is not None

    def remember(self, path: str, fp: Fingerprint) -> None:
        """Mark an article processed, effective at the next `commit`."""
        self._pending.append((path, fp))

    def commit(self) -> None:
        """Record everything remembered since the last commit, in one transaction."""
        if not self._pending:
            return
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for path, fp in self._pending:
                if path != STDIN:
                    # One row per file: its latest version. Stdin articles are known by hash.
                    self._db.execute("DELETE FROM seen WHERE path = ?", (path,))
                self._db.execute(
                    "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?)",
                    (path, fp.sha256, fp.size, fp.mtime_ns, now),
                )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._pending.clear()

    def close(self) -> None:
        """Close without committing what is pending: its output was never confirmed."""
        self._pending.clear()
        self._db.close()
        os.close(self._lock_fd)

    def __enter__(self) -> State:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _lock(path: str, lock_path: str) -> int:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        # Non-blocking: cron should hear at once that the previous night's run is still going.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        raise StateLocked(path, holder) from None
    except BaseException:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd
