"""What `extract` hands the runner: jobs, Dask address, article date, and stdin as a Document."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator

import pytest
from typer.testing import CliRunner

import syrcli.runner
from syrcli.cli import app
from syrcli.model import ArticleResult, ClusterError, Document

runner = CliRunner()
SEED = "seeds/000_bb73a5e8d94e159f.txt"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    seen: list[dict[str, object]] = []

    def fake_run(
        sources: Iterable[str | Document],
        *,
        jobs: int = 1,
        article_date: dt.date | None = None,
        dask_address: str | None = None,
    ) -> Iterator[ArticleResult]:
        items = list(sources)
        seen.append({"sources": items, "jobs": jobs, "date": article_date, "dask": dask_address})
        return iter([ArticleResult(s if isinstance(s, str) else s.path) for s in items])

    monkeypatch.setattr(syrcli.runner, "run", fake_run)
    return seen


def test_defaults_use_every_cpu(calls: list[dict[str, object]]) -> None:
    result = runner.invoke(app, ["extract", SEED])
    assert result.exit_code == 1  # the fake runner finds nothing
    cpus = len(os.sched_getaffinity(0))
    assert calls == [{"sources": [SEED], "jobs": cpus, "date": None, "dask": None}]


def test_options_are_passed_through(calls: list[dict[str, object]]) -> None:
    args = ["extract", "-j", "3", "--dask", "tcp://h:8786", "--article-date", "2016-02-06", SEED]
    assert runner.invoke(app, args).exit_code == 1
    assert calls[0]["jobs"] == 3
    assert calls[0]["dask"] == "tcp://h:8786"
    assert calls[0]["date"] == dt.date(2016, 2, 6)


def test_stdin_goes_to_the_runner_as_a_document(calls: list[dict[str, object]]) -> None:
    assert runner.invoke(app, ["extract"], input="Some 5,000 people fled.").exit_code == 1
    assert calls[0]["sources"] == [Document("-", "Some 5,000 people fled.", "utf-8")]


@pytest.mark.parametrize("value", ["2016-2-6", "06/02/2016", "2016-02-30", "yesterday"])
def test_bad_article_date_is_a_usage_error(value: str, calls: list[dict[str, object]]) -> None:
    result = runner.invoke(app, ["extract", "--article-date", value, SEED])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert calls == []


def test_jobs_must_be_positive(calls: list[dict[str, object]]) -> None:
    assert runner.invoke(app, ["extract", "-j", "0", SEED]).exit_code == 2


def test_an_unreachable_cluster_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cluster(sources: Iterable[str | Document], **_: object) -> Iterator[ArticleResult]:
        raise ClusterError("cannot reach the Dask scheduler at tcp://h:1; check the address")

    monkeypatch.setattr(syrcli.runner, "run", no_cluster)
    result = runner.invoke(app, ["extract", "--dask", "tcp://h:1", SEED])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr
    assert "Traceback" not in result.stderr
