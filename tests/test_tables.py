"""Counts in tables that reached the text as lines of cells ("District | Dead | Injured")."""

from __future__ import annotations

from syrcli.extract import extract_figures
from syrcli.model import Category

QUAKE = """Earthquake death toll climbs in western Turkey

IZMIR, Nov 2, 2020 (Reuters) - Rescuers searched collapsed buildings after the earthquake.

Province | Dead | Injured | Buildings damaged
Izmir | 114 (12) | 1,035 | 5,700
Manisa | 3 | 41 | 220

The disaster agency said the search would go on through the night.
"""

CAMPS = """Displacement update: people in camps

MAIDUGURI, March 4, 2021 - Fighting displaced thousands from Dikwa last month.

Displaced people in camps and informal sites, as of 28 February 2021:

Camp or site | Households | Individuals
Bakassi | 6,020 | 29,741
Teachers Village | 3,210 | 15,002
"""

PRICES = """Flood prices soar

DHAKA, Aug 3, 2024 - Floods displaced 20,000 people and drove up food prices.

Item | Price last week | Price now
Rice | 60 | 72
Lentils | 110 | 135
"""


def _table_figures(text: str) -> list[tuple[str, Category, str | None, str]]:
    figures = extract_figures(text)
    for f in figures:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.category, f.location, f.unit) for f in figures if " | " in f.sentence]


def test_columns_named_by_a_category_give_each_row_its_counts() -> None:
    found = _table_figures(QUAKE)
    assert found == [
        ("114", Category.KILLED, "Izmir", "people"),
        ("12", Category.KILLED, "Izmir", "people"),  # the part in brackets
        ("1,035", Category.INJURED, "Izmir", "people"),
        ("3", Category.KILLED, "Manisa", "people"),
        ("41", Category.INJURED, "Manisa", "people"),
    ]  # "Buildings damaged" counts no one


def test_a_table_of_sites_counts_displaced_people_and_households() -> None:
    found = _table_figures(CAMPS)
    assert found == [
        ("6,020", Category.DISPLACED, "Bakassi", "households"),
        ("29,741", Category.DISPLACED, "Bakassi", "individuals"),
        ("3,210", Category.DISPLACED, "Teachers Village", "households"),
        ("15,002", Category.DISPLACED, "Teachers Village", "individuals"),
    ]
    dates = {f.date for f in extract_figures(CAMPS) if " | " in f.sentence}
    assert dates == {"2021-03-04"}


def test_a_table_of_prices_counts_no_one() -> None:
    assert _table_figures(PRICES) == []
    assert [f.text for f in extract_figures(PRICES)] == ["20,000"]


def test_a_row_with_words_in_its_cells_ends_the_table() -> None:
    text = QUAKE.replace("Manisa | 3 | 41 | 220", "Source | AFAD | ministry | governor")
    assert [t for t, *_ in _table_figures(text)] == ["114", "12", "1,035"]


def test_a_total_row_a_share_column_and_a_results_table_count_no_one() -> None:
    war = "Shelling went on in the war.\n\n"
    totals = war + "Province | Dead | Injured\nHatay | 20,000 | 30,000\nTotal | 50,000 | 107,000\n"
    assert [t for t, *_ in _table_figures(totals)] == ["20,000", "30,000"]
    shares = war + "Province | Displaced (%) | Dead\nHama | 35 | 12\n"
    assert [(t, c) for t, c, *_ in _table_figures(shares)] == [("12", Category.KILLED)]
    results = war + "Team | Won | Lost | Drawn\nAl-Wahda | 12 | 3 | 5\n"
    assert _table_figures(results) == []


def test_rows_of_a_table_that_counts_things_are_no_sentences() -> None:
    supplies = "Shelling went on in the war.\n\nItem | Unit cost | Quantity\nTents | 150 | 2,000\n"
    assert extract_figures(supplies) == []


def test_windows_line_ends_keep_the_table() -> None:
    assert _table_figures(QUAKE.replace("\n", "\r\n"))[:2] == _table_figures(QUAKE)[:2]


def test_a_label_that_is_no_place_takes_the_article_place() -> None:
    ages = QUAKE.replace("Izmir | 114 (12)", "Adults | 114 (12)").replace(
        "Manisa |", "0-17 years |"
    )
    assert {loc for _t, _c, loc, _u in _table_figures(ages)} == {"Turkey"}  # the headline's
