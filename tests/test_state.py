"""--state: what was recorded, when, and the lock that keeps two runs apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from syrcli.sources import Fingerprint
from syrcli.state import State, StateLocked

V1 = Fingerprint(size=3, mtime_ns=10, sha256="a" * 64)
V2 = Fingerprint(size=4, mtime_ns=20, sha256="b" * 64)


def test_nothing_is_recorded_before_commit(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    with State(path) as state:
        state.remember("a.txt", V1)
        assert not state.unchanged("a.txt", V1)
    with State(path) as state:  # closed without commit: a killed run
        assert not state.unchanged("a.txt", V1)
        state.remember("a.txt", V1)
        state.commit()
    with State(path) as state:
        assert state.unchanged("a.txt", V1)
        assert not state.unchanged("a.txt", V2)
        assert not state.unchanged("b.txt", V1)


def test_a_changed_file_replaces_its_old_version(tmp_path: Path) -> None:
    with State(str(tmp_path / "state.db")) as state:
        state.remember("a.txt", V1)
        state.commit()
        state.remember("a.txt", V2)
        state.commit()
        assert state.unchanged("a.txt", V2) and not state.unchanged("a.txt", V1)


def test_stdin_articles_are_known_by_content(tmp_path: Path) -> None:
    with State(str(tmp_path / "state.db")) as state:
        state.remember("-", V1)
        state.remember("-", V2)
        state.commit()
        assert state.unchanged("-", V1) and state.unchanged("-", V2)


def test_a_second_holder_is_refused_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    with State(path):
        with pytest.raises(StateLocked, match="in use by another syrcli run"):
            State(path)
    with State(path):  # released on close
        pass
