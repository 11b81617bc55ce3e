"""Places: the gazetteer data, the curated aliases and `locate` on sentences and seeds."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest

from syrcli import dates, places
from syrcli.model import Category
from syrcli.places import ArticlePlaces, Place, article_places, locate, place_key

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "syrcli" / "data"
CASES = [json.loads(line) for line in (ROOT / "tests/cases/places_dates.jsonl").open()]
SEEDS = sorted((ROOT / "tests/data/gold_seeds").glob("*.json"))

# Known failures: fixing one makes the suite say so (strict).
XFAIL: dict[str, str] = {}


def _same_place(got: str | None, want: str | None) -> bool:
    """The contract's lenient match: `Idlib` matches `Idlib province`."""
    if got is None or want is None:
        return got is want
    return got.lower() in want.lower() or want.lower() in got.lower()


def _sentence(text: str, figure: str) -> str:
    """The sentence of `text` that holds `figure`: its line, then its sentence in the line."""
    line = next(x for x in text.split("\n") if figure in x)
    return next(s for s in re.split(r"(?<=[.!?])\s+", line) if figure in s)


def _case_params() -> list[object]:
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[case["id"]])]
            if case["id"] in XFAIL
            else [],
        )
        for case in CASES
    ]


def test_enough_cases_many_countries() -> None:
    assert len(CASES) >= 50
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert len({c["country"] for c in CASES if c["country"]}) >= 25


@pytest.mark.parametrize("case", _case_params())
def test_case_location(case: dict[str, str]) -> None:
    text, figure = case["text"], case["figure"]
    sentence = _sentence(text, figure)
    start = sentence.find(figure)
    assert start >= 0
    place = locate(
        sentence, start, start + len(figure), Category(case["category"]), article_places(text)
    )
    assert _same_place(place.name if place else None, case["location"]), place
    assert (place.country if place else None) == case["country"], place


@pytest.mark.parametrize("case", _case_params())
def test_case_date(case: dict[str, str]) -> None:
    text, figure = case["text"], case["figure"]
    from_text = dates.article_date(text)
    want_published = case["article_date"]
    if from_text is not None:
        assert from_text.isoformat() == want_published  # the date line was read right
    published = dt.date.fromisoformat(want_published) if want_published else None
    sentence = _sentence(text, figure)
    start = sentence.find(figure)
    assert dates.figure_date(sentence, start, start + len(figure), published) == case["date"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_gold_locations(path: Path) -> None:
    text = (ROOT / "seeds" / f"{path.stem}.txt").read_text(encoding="utf-8")
    article = article_places(text)
    for gold in json.loads(path.read_text(encoding="utf-8")):
        sentence, number = gold["sentence"], gold["number_text"]
        start = sentence.find(number)
        place = locate(sentence, start, start + len(number), Category(gold["category"]), article)
        assert _same_place(place.name if place else None, gold["location"]), (number, place)


# Ambiguous names and people: no place without support from context.
@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Michael Jordan said 300 people were hurt.", "300"),
        ("Police said 12 people were killed.", "12"),
        ("Chad Smith said 40 people had died.", "40"),
        ("David Swanson said 900,000 people have fled.", "900,000"),
        ("The Syrian Observatory counted 120,000 displaced.", "120,000"),
        ("In May, 5,000 people fled.", "5,000"),
        ("Of the 2,000 dead, most were children.", "2,000"),
        ("About 700 Rohingya died at sea.", "About 700"),
        # An armed group after "fled" is what people fled, not where from.
        ("Some 3,000 fled Boko Haram attacks.", "Some 3,000"),
        ("Some 3,000 fled al-Shabab fighters.", "Some 3,000"),
        ("Some 3,000 fled Wagner mercenaries.", "Some 3,000"),
        # A hospital named for Jerusalem in Arabic is no place in Israel.
        ("A strike on the al-Quds hospital killed 27 people.", "27"),
        # A building that speaks for a government is no place.
        ("The Pentagon said 18 service members were wounded.", "18"),
    ],
)
def test_no_place_without_context(sentence: str, figure: str) -> None:
    start = sentence.find(figure)
    place = locate(sentence, start, start + len(figure), Category.KILLED, ArticlePlaces())
    assert place is None


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Thousands fled to Jordan.", "Jordan", "JOR"),
        ("Refugees reached Öncüpınar.", "Oncupinar", "TUR"),  # the contract's English spelling
        ("Fighting in Idleb displaced 500.", "Idlib", "SYR"),
        ("Shelling of Maaret al-Nouman killed 20.", "Maarat al-Numan", "SYR"),
        ("Clashes in DEIR EZZOR killed 10.", "Deir ez-Zor", "SYR"),
        ("Clashes in Raqqah killed 10.", "Raqqa", "SYR"),
        ("Some 3,000 Syrians died.", "Syria", "SYR"),
        ("Floods in Kiev killed 3.", "Kyiv", "UKR"),
        ("Floods in Nice killed 3.", "Nice", "FRA"),
    ],
)
def test_aliases_and_context(sentence: str, name: str, country: str) -> None:
    place = locate(sentence, 0, 1, Category.KILLED, ArticlePlaces())
    assert place == Place(name, country, place.kind if place else "")


def test_curated_file_follows_its_schema() -> None:
    raw = tomllib.loads((DATA / "place_aliases.toml").read_text(encoding="utf-8"))
    rows = places.compile_aliases(raw)
    curated, adjectives, _ = places._read_aliases(rows)
    iso3 = re.compile(r"[A-Z]{3}")
    for item in raw["place"]:
        assert item["kind"] in {"country", "region", "city"}, item
        assert item["country"] == "" or iso3.fullmatch(item["country"]), item
    assert adjectives["TUR"] == "Turkish"
    assert curated[place_key("Idleb")].place.name == "Idlib"
    with pytest.raises(ValueError, match="unknown keys"):
        places.compile_aliases({"place": [{"name": "X", "country": "SYR", "kind": "city", "x": 1}]})


def test_shipped_aliases_match_the_toml() -> None:
    # The runtime reads place_aliases.tsv; it must be the TOML as compiled now.
    # Fix: .venv/bin/python tools/build_gazetteer.py --aliases-only
    raw = tomllib.loads((DATA / "place_aliases.toml").read_text(encoding="utf-8"))
    shipped = (DATA / "place_aliases.tsv").read_text(encoding="utf-8").splitlines()
    assert shipped == places.compile_aliases(raw)


def test_gazetteer_is_sorted_small_and_attributed() -> None:
    raw = (DATA / "gazetteer.tsv").read_bytes()
    assert len(raw) < 4_000_000
    lines = raw.split(b"\n")[:-1]
    keys = [line.split(b"\t", 1)[0] for line in lines]
    assert keys == sorted(keys)  # the runtime bisects this file
    assert all(line.count(b"\t") == 4 for line in lines)
    sources = (DATA / "GAZETTEER_SOURCES.md").read_text(encoding="utf-8")
    assert "GeoNames" in sources and "CC BY 4.0" in sources


def test_nothing_loaded_at_import() -> None:
    # `syrcli --version` must not pay for the gazetteer: loading happens on first use.
    assert "_data" in dir(places) and hasattr(places._data, "cache_info")


def test_a_compass_word_is_not_doubled_on_a_name_that_has_it() -> None:
    text = "DAMASCUS (Reuters) - In eastern Ghouta, some 400,000 people remain under siege."
    sentence = text.split(" - ", 1)[1]
    start = sentence.index("some")
    place = locate(sentence, start, start + 12, Category.BESIEGED, article_places(text))
    assert place is not None and place.name == "Eastern Ghouta"
