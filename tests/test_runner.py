"""The runner: a process pool gives the same results, in the same order, as one process."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from syrcli import runner
from syrcli.model import ArticleResult, Category, Document, Figure, Qualifier, ReadError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


def load_gen_corpus() -> object:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "tools" / "gen_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(directory: Path, n: int) -> list[str]:
    gen = load_gen_corpus()
    paths: list[Path] = gen.write_corpus(directory, n)  # type: ignore[attr-defined]
    return [str(p) for p in paths]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return corpus(tmp_path_factory.mktemp("corpus"), 200)


def as_jsonl(results: list[ArticleResult]) -> bytes:
    """What `syrcli extract --format jsonl` would write, plus each input's path and error."""
    lines = []
    for result in results:
        lines.append(json.dumps({"path": result.path, "error": repr(result.error)}))
        lines.extend(json.dumps(f.as_record(), ensure_ascii=False) for f in result.figures)
    return "\n".join(lines).encode()


def test_pool_output_is_byte_identical_to_one_process(generated: list[str]) -> None:
    sources = SEEDS + generated
    serial = list(runner.run(sources, jobs=1))
    pooled = list(runner.run(sources, jobs=2))
    assert as_jsonl(pooled) == as_jsonl(serial)
    assert pooled == serial


def test_order_is_input_order(generated: list[str]) -> None:
    shuffled = generated[::-3] + SEEDS + generated[1::3]
    assert [r.path for r in runner.run(shuffled, jobs=2)] == shuffled


def test_unreadable_inputs_keep_their_place(tmp_path: Path, generated: list[str]) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    missing = str(tmp_path / "missing.txt")
    sources = generated[:20] + [missing] + generated[20:40] + [str(folder)] + generated[40:60]
    results = list(runner.run(sources, jobs=2))
    assert [r.path for r in results] == sources
    errors = {i: r.error for i, r in enumerate(results) if r.error}
    assert set(errors) == {20, 41}
    assert isinstance(errors[20], ReadError) and errors[20].path == missing
    assert results == list(runner.run(sources, jobs=1))


def test_documents_and_paths_mix(generated: list[str]) -> None:
    doc = Document("-", Path(SEEDS[0]).read_text(encoding="utf-8"))
    sources: list[str | Document] = [generated[0], doc, *generated[1:40], doc]
    results = list(runner.run(sources, jobs=2))
    assert [r.path for r in results] == [generated[0], "-", *generated[1:40], "-"]
    assert results == list(runner.run(sources, jobs=1))


def test_an_iterator_is_consumed_lazily(generated: list[str]) -> None:
    taken = 0

    def sources() -> Iterator[str]:
        nonlocal taken
        for i in range(100_000):
            taken += 1
            yield generated[i % len(generated)]

    results = runner.run(sources(), jobs=2)
    first = next(results)
    assert first.path == generated[0]
    window = runner.BATCH * (runner.WINDOW_PER_JOB * 2 + 1)
    assert taken <= window
    results.close()  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []


def test_an_interrupt_terminates_the_pool(generated: list[str]) -> None:
    results = runner.run(generated * 20, jobs=2)
    next(results)
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []


def test_ctrl_c_in_a_real_process_leaves_no_workers(generated: list[str], tmp_path: Path) -> None:
    listing = tmp_path / "inputs.json"
    listing.write_text(json.dumps(generated * 50), encoding="utf-8")
    # Ctrl-C lands in the consumer's loop, as it would in the CLI, not inside the runner.
    script = (
        "import json, multiprocessing, os, signal, sys\n"
        "from syrcli.runner import run\n"
        "def consume():\n"
        "    for i, _ in enumerate(run(json.load(open(sys.argv[1])), jobs=2)):\n"
        "        if i == 10: os.kill(os.getpid(), signal.SIGINT)\n"
        "try:\n"
        "    consume()\n"
        "    print('not interrupted')\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', len(multiprocessing.active_children()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(listing)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "interrupted 0", done.stderr
    assert "Traceback" not in done.stderr


def test_a_few_inputs_need_no_pool(monkeypatch: pytest.MonkeyPatch, generated: list[str]) -> None:
    def no_pool(*args: object) -> Iterator[ArticleResult]:
        raise AssertionError("a pool was started for a few inputs")

    monkeypatch.setattr(runner, "_run_pool", no_pool)
    assert [r.path for r in runner.run(SEEDS[:1], jobs=8)] == SEEDS[:1]
    few = generated[: runner.MIN_POOL - 1]
    assert [r.path for r in runner.run(iter(few), jobs=8)] == few
    assert list(runner.run([], jobs=8)) == []


def test_results_pickle() -> None:
    figure = Figure(
        "a.txt", 0, 3, "two", 2, None, Qualifier.EXACT, False, Category.INJURED, "wounded",
        "people", "Aleppo", "Syria", None, False, "two wounded",
    )  # fmt: skip
    result = ArticleResult("a.txt", (figure,), ReadError("b.txt", "gone", "check"), ("w",))
    assert pickle.loads(pickle.dumps(result)) == result


def test_generated_corpus_is_deterministic(tmp_path: Path) -> None:
    small = corpus(tmp_path / "small", 5)
    large = corpus(tmp_path / "large", 8)
    for a, b in zip(small, large, strict=False):
        assert Path(a).read_bytes() == Path(b).read_bytes()
    text = Path(large[0]).read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    assert head and "(" in body.split(" - ")[0] or "(" in body.split(" — ")[0]


def test_cli_jobs_1_and_jobs_2_write_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    corpus(folder, 60)
    for seed in SEEDS:
        (folder / Path(seed).name).write_bytes(Path(seed).read_bytes())
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "syrcli", "extract", "--format", "jsonl", "--jobs", jobs,
             str(folder)],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 100
