"""Sentence cases written from the contract, independent of the code (tests/cases/*.jsonl).

positive.jsonl lists every figure a sentence holds; negative.jsonl sentences hold none.
Known failures go in XFAIL (strict), so a fix is noticed.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from syrcli import extract_figures

CASES = Path(__file__).parent / "cases"
XFAIL: dict[str, str] = {}


def _load(name: str) -> list[Any]:
    cases = [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines() if line]
    return [
        pytest.param(
            c,
            id=c["id"],
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[c["id"]])]
            if c["id"] in XFAIL
            else [],
        )
        for c in cases
    ]


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    return (
        got["text"] == want["text"]
        and got["value"] == want["value"]
        and got["value_max"] == want.get("value_max")
        and got["qualifier"] == want["qualifier"]
        and got["vague"] == want.get("vague", False)
        and got["category"] in (want["category"], want.get("alt_category"))
        and got["projection"] == want.get("projection", False)
    )


@pytest.mark.parametrize("case", _load("positive.jsonl"))
def test_positive(case: dict[str, Any]) -> None:
    text = case["text"]
    got = [f.as_record() for f in extract_figures(text)]
    for record in got:
        assert text[record["start"] : record["end"]] == record["text"]
    unmatched = list(got)
    for want in case["figures"]:
        hit = next((g for g in unmatched if _matches(want, g)), None)
        assert hit is not None, f"missing {want} in {[(g['text'], g['category']) for g in got]}"
        unmatched.remove(hit)
    assert not unmatched, f"extra figures {[(g['text'], g['category']) for g in unmatched]}"


@pytest.mark.parametrize("case", _load("negative.jsonl"))
def test_negative(case: dict[str, Any]) -> None:
    got = extract_figures(case["text"])
    assert [(f.text, f.category.value) for f in got] == []


def test_enough_cases() -> None:
    assert len(_load("positive.jsonl")) >= 60
    assert len(_load("negative.jsonl")) >= 40
