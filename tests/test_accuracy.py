"""Accuracy floors, measured the way `syrcli eval` and the IDETECT README measure them.

The floors sit at or just under what the extractor reaches today: they may only rise.
"""

import importlib.util
from pathlib import Path

from syrcli.evaluate import evaluate, gold_dir
from syrcli.extract import extract_figures

ROOT = Path(__file__).resolve().parent.parent


def test_seed_gold() -> None:
    gold = gold_dir(ROOT / "tests" / "data" / "gold_seeds")
    pairs = []
    for stem in gold:
        path = ROOT / "seeds" / f"{stem}.txt"
        pairs.append((stem, extract_figures(path.read_text("utf-8"), str(path))))
    result = evaluate(gold, pairs).to_dict()
    assert result["typed"]["f1"] >= 0.95
    assert result["accuracy"]["qualifier"] >= 0.95


def test_idetect_recall_floor() -> None:
    spec = importlib.util.spec_from_file_location(
        "score_idetect", ROOT / "tools" / "score_idetect.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.score()
    assert result["excerpts"] == 300
    assert result["value_recall"] >= 0.97
    assert result["typed_recall"] >= 0.90


def test_heldout_articles() -> None:
    # Written for syrcli from the contract, then used to find general faults: a dev set now.
    heldout = ROOT / "tests" / "data" / "heldout"
    gold = gold_dir(heldout / "gold")
    pairs = []
    for stem in gold:
        path = heldout / "articles" / f"{stem}.txt"
        pairs.append((stem, extract_figures(path.read_text("utf-8"), str(path))))
    result = evaluate(gold, pairs).to_dict()
    assert result["typed"]["f1"] >= 0.95
    assert result["accuracy"]["qualifier"] >= 0.95
    no_figures = [stem for stem in gold if "nofig" in stem]
    assert len(no_figures) == 4
    assert [f.text for stem, figs in pairs if stem in no_figures for f in figs] == []
