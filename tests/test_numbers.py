"""The number grammar, one written form per row."""

import pytest

from syrcli.numbers import read

EXAMPLES = [
    # text, value, value_max, qualifier, vague
    ("55,000", 55000, None, "exact", False),
    ("600 000", 600000, None, "exact", False),
    ("1,537", 1537, None, "exact", False),
    ("2.5 million", 2500000, None, "exact", False),
    ("1.2m", 1200000, None, "exact", False),
    # European writing: points group thousands, a comma before a scale word is a decimal.
    ("10.000", 10000, None, "exact", False),
    ("3.500", 3500, None, "exact", False),
    ("1.200.000", 1200000, None, "exact", False),
    ("2,5 million", 2500000, None, "exact", False),
    ("1.500 million", 1500000, None, "exact", False),
    ("2.125 million", 2125000, None, "exact", False),
    ("3.5mn", 3500000, None, "exact", False),
    ("4.5 million", 4500000, None, "exact", False),
    ("five", 5, None, "exact", False),
    ("twenty-three", 23, None, "exact", False),
    ("a dozen", 12, None, "exact", False),
    ("two dozen", 24, None, "exact", False),
    ("a hundred", 100, None, "exact", False),
    ("half a million", 500000, None, "exact", False),
    ("a quarter of a million", 250000, None, "exact", False),
    ("one million", 1000000, None, "exact", False),
    ("Nine hundred and twenty-one", 921, None, "exact", False),
    ("dozens", 12, None, "about", True),
    ("scores", 20, None, "about", True),
    ("hundreds", 100, None, "about", True),
    ("thousands", 1000, None, "about", True),
    ("tens of thousands", 10000, None, "about", True),
    ("hundreds of thousands", 100000, None, "about", True),
    ("millions", 1000000, None, "about", True),
    ("3,000-5,000", 3000, 5000, "range", False),
    ("3,000 to 5,000", 3000, 5000, "range", False),
    ("between 10 and 20", 10, 20, "range", False),
    ("10,000-15,000", 10000, 15000, "range", False),
    ("2 to 3 million", 2000000, 3000000, "range", False),
    ("An estimated 30,000-50,000", 30000, 50000, "range", False),
    ("more than 3.5 million", 3500000, None, "over", False),
    ("over 200", 200, None, "over", False),
    ("above 1,000", 1000, None, "over", False),
    ("upwards of 40,000", 40000, None, "over", False),
    ("nearly 1,400", 1400, None, "under", False),
    ("almost 274,000", 274000, None, "under", False),
    ("close to 900,000", 900000, None, "under", False),
    ("fewer than 200", 200, None, "under", False),
    ("less than 50", 50, None, "under", False),
    ("under 300", 300, None, "under", False),
    ("about 300", 300, None, "about", False),
    ("around 35,000", 35000, None, "about", False),
    ("approximately 12,000", 12000, None, "about", False),
    ("roughly 8,000", 8000, None, "about", False),
    ("some 3,000", 3000, None, "about", False),
    ("an estimated 2,000", 2000, None, "about", False),
    ("estimated 2,000", 2000, None, "about", False),
    ("at least 250,000", 250000, None, "at_least", False),
    ("5,000 or more", 5000, None, "at_least", False),
    ("at the very least about 50,000", 50000, None, "at_least", False),
    ("at most 60", 60, None, "at_most", False),
    ("no more than 100", 100, None, "at_most", False),
    ("up to 55,000", 55000, None, "up_to", False),
    ("as many as 92,000", 92000, None, "up_to", False),
]


@pytest.mark.parametrize(
    ("text", "value", "value_max", "qualifier", "vague"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_reads(text: str, value: int, value_max: int | None, qualifier: str, vague: bool) -> None:
    q = read(text)
    assert (q.value, q.value_max, q.qualifier.value, q.vague) == (
        value,
        value_max,
        qualifier,
        vague,
    )


@pytest.mark.parametrize("text", ["more than 3.5 million", "5,000 or more", "between 10 and 20"])
def test_span_covers_the_qualifier_words(text: str) -> None:
    q = read(text)
    assert (q.first, q.last) == (0, len(text.replace("-", " - ").split()))


NO_QUANTITY = ["no figures here", "3.5", "1,1,1", "a", "half of them"]


@pytest.mark.parametrize("text", NO_QUANTITY)
def test_no_quantity(text: str) -> None:
    with pytest.raises(ValueError):
        read(text)
