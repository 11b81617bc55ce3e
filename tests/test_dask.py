"""The Dask engine writes the same records, in the same order, as a local run."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from syrcli import runner
from syrcli.model import Document

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "tools" / "gen_corpus.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    paths: list[Path] = gen.write_corpus(tmp_path_factory.mktemp("corpus"), 150)
    return [str(p) for p in paths]


def test_dask_matches_a_local_run(scheduler: str, generated: list[str]) -> None:
    sources = SEEDS + generated + ["no/such/file.txt"]
    local = list(runner.run(sources, jobs=1))
    remote = list(runner.run(sources, dask_address=scheduler))
    assert remote == local
    assert [r.path for r in remote] == sources
    assert remote[-1].error is not None


def test_relative_paths_come_back_as_written(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    relative = [os.path.relpath(p, ROOT) for p in SEEDS]
    remote = list(runner.run(relative, dask_address=scheduler))
    assert remote == list(runner.run(relative, jobs=1))
    assert [r.path for r in remote] == relative


def test_documents_travel_by_value(scheduler: str) -> None:
    doc = Document("-", Path(SEEDS[1]).read_text(encoding="utf-8"))
    remote = list(runner.run([doc, SEEDS[0], doc], dask_address=scheduler))
    assert remote == list(runner.run([doc, SEEDS[0], doc], jobs=1))


def test_an_unreachable_scheduler_says_what_to_do() -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(runner.ClusterError, match="dask scheduler"):
            list(runner.run(SEEDS, dask_address="tcp://127.0.0.1:9"))
