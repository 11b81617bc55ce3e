"""`syrcli eval`: scores, and with -v every miss, false alarm and wrong field, by article."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from syrcli.cli import app

runner = CliRunner()
ARTICLE = "DAMASCUS, March 3 (Reuters) - At least 40 people were killed in Homs on Monday.\n"


def _gold(tmp_path: Path, location: str) -> tuple[Path, Path]:
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "homs.txt").write_text(ARTICLE, encoding="utf-8")
    start = ARTICLE.index("At least 40")
    record = {
        "sentence": ARTICLE[start:].strip(),
        "number_text": "At least 40",
        "value": 40,
        "qualifier": "at_least",
        "category": "killed",
        "unit": "people",
        "location": location,
        "country": "SYR",
        "date": None,
        "start": start,
        "end": start + len("At least 40"),
    }
    (tmp_path / "gold" / "homs.json").write_text(json.dumps([record]), encoding="utf-8")
    return tmp_path / "gold", tmp_path / "articles"


def test_a_right_location_scores_one(tmp_path: Path) -> None:
    gold, articles = _gold(tmp_path, "Homs")
    result = runner.invoke(app, ["eval", "--format", "json", str(gold), str(articles)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["typed"]["f1"] == 1.0
    assert report["accuracy"]["location"] == 1.0
    assert report["wrong_fields"] == []


def test_a_wrong_location_is_listed_with_its_article(tmp_path: Path) -> None:
    gold, articles = _gold(tmp_path, "Aleppo")
    result = runner.invoke(app, ["eval", "--format", "json", str(gold), str(articles)])
    report = json.loads(result.stdout)
    assert report["accuracy"]["location"] == 0.0
    [wrong] = report["wrong_fields"]
    assert (wrong["field"], wrong["gold"], wrong["article"]) == ("location", "Aleppo", "homs")
    assert wrong["predicted"] == "Homs (SYR)"
    verbose = runner.invoke(app, ["eval", "-v", str(gold), str(articles)], env={"COLUMNS": "300"})
    assert "wrong location: 'At least 40' 'Aleppo' -> 'Homs (SYR)'  | homs:" in verbose.stdout
