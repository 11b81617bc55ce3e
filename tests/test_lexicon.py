"""The vocabulary file and the grammar must not drift apart."""

import tomllib
from importlib import resources
from typing import Any

import pytest

from syrcli.lexicon import LexiconError, build, load, words_of
from syrcli.model import Category, Qualifier
from syrcli.numbers import read


def _raw() -> dict[str, Any]:
    text = resources.files("syrcli").joinpath("data/lexicon.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_category_has_terms() -> None:
    assert set(_raw()["categories"]) == {c.value for c in Category}


def test_every_qualifier_with_words_is_known() -> None:
    before = set(_raw()["qualifiers"]["before"])
    assert before == {q.value for q in Qualifier} - {"exact", "range"}


def test_contract_vague_words_read_as_the_contract_says() -> None:
    contract = {
        "dozens": 12,
        "scores": 20,
        "hundreds": 100,
        "thousands": 1000,
        "tens of thousands": 10000,
        "hundreds of thousands": 100000,
        "millions": 1000000,
    }
    for phrase, value in contract.items():
        q = read(phrase)
        assert (q.value, q.vague, q.qualifier.value) == (value, True, "about"), phrase


def test_loads_once() -> None:
    assert load() is load()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["categories"].update(fleeing={"terms": ["x"]}), "unknown names"),
        (lambda d: d["qualifiers"]["before"].update(roughly=["x"]), "unknown names"),
        (lambda d: d.update(extra={}), "unknown keys"),
        (lambda d: d["vague"].update(heaps=-1), "positive integer"),
        (lambda d: d["categories"]["fled"].update(terms=["fled", ""]), "non-empty strings"),
        (lambda d: d["categories"]["fled"]["terms"].append("driven …"), "both sides"),
    ],
)
def test_bad_data_is_refused(mutate: Any, message: str) -> None:
    data = _raw()
    mutate(data)
    with pytest.raises(LexiconError, match=message):
        build(data)


def test_words_of_matches_the_tokenizer() -> None:
    assert words_of("Worst-case  scenario") == ("worst", "-", "case", "scenario")
