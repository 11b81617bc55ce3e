"""Dates: the article's own date line and the date each figure refers to."""

from __future__ import annotations

import datetime as dt

import pytest

from syrcli.dates import article_date, figure_date

D = dt.date

# The article's date line, in the forms news sites, wires and UN agencies use.
ARTICLE_DATES = [
    ("02/02/2016 6:56 AM AEDT\n\nPro-Assad Advances", D(2016, 2, 2)),
    (" date 2020-01-27 A renewed drive by President Bashar al-Assad", D(2020, 1, 27)),
    ("UNHCR, 19 Jul 2016\nSome 3,000 crossed.", D(2016, 7, 19)),
    ("Published: 3 March 2021\nFighting in Tigray", D(2021, 3, 3)),
    ("2021-03-03T10:00:00Z\nMore than 700", D(2021, 3, 3)),
    ("Mon 3 Mar 2021\nHeadline here", D(2021, 3, 3)),
    ("GENEVA, March 3, 2021 (AFP) — The UN said", D(2021, 3, 3)),
    ("ADDIS ABABA, 12 Aug 2021 (OCHA) - An estimated", D(2021, 8, 12)),
    ("Posted 12/25/2016 10:00 AM EST\nStory", D(2016, 12, 25)),
    ("Last updated: February 17, 2020\nStory", D(2020, 2, 17)),
    ("BEIRUT, Feb 11 (Reuters) - Syrian forces", None),  # no year anywhere
    ("BEIRUT, Feb 11 (Reuters) - Syrian forces\n© 2016 Reuters", D(2016, 2, 11)),
    ("Children sit at a makeshift camp in Qatmah village, in northwest Azaz, Syria, "
     "February 17, 2020.\nStory", None),  # a photo caption is no date line
    ("See https://example.org/2020/01/02/story.html\nStory", None),
    ("Photo: refugees_2019-05-04.jpg\nStory", None),
    ("Thousands fled in 2015 and again in March.", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), ARTICLE_DATES, ids=[t[:24] for t, _ in ARTICLE_DATES])
def test_article_date(text: str, want: dt.date | None) -> None:
    assert article_date(text) == want


PUB = D(2016, 2, 2)  # a Tuesday

# (sentence, figure, article date, expected): explicit dates, periods and relative words.
FIGURE_DATES = [
    ("More than 3,000 Syrian refugees entered Turkey in the final days of January.",
     "More than 3,000", PUB, "2016-01"),
    ("It displaced more than 20,000 Turkmens since November.", "more than 20,000", PUB,
     "2016-02-02"),
    ("By 23 February, 950,000 people had been displaced.", "950,000", D(2020, 3, 1), "2020-02-23"),
    ("Between 19 February and 23 March, 60,000 fled.", "60,000", D(2023, 4, 1), "2023-03-23"),
    ("From 1 to 15 March, 8,000 people fled.", "8,000", D(2022, 4, 1), "2022-03-15"),
    ("Some 15,000 people fled in December.", "Some 15,000", D(2017, 1, 10), "2016-12"),
    ("Some 15,000 people fled in December 2015.", "Some 15,000", D(2017, 1, 10), "2015-12"),
    ("About 40 were killed on Monday.", "About 40", PUB, "2016-02-01"),
    ("About 40 were killed on Tuesday.", "About 40", PUB, "2016-02-02"),
    ("About 40 were killed yesterday.", "About 40", PUB, "2016-02-01"),
    ("About 40 were killed over the weekend.", "About 40", PUB, "2016-01-31"),
    ("About 40 were killed last week.", "About 40", PUB, "2016-01-31"),
    ("About 40 were killed last month.", "About 40", PUB, "2016-01"),
    ("About 40 were killed last year.", "About 40", PUB, "2015"),
    ("In 2014, 76,000 people were killed.", "76,000", PUB, "2014"),
    ("Some 10,000 remain in shelters since the floods began on 3 March.", "Some 10,000",
     D(2024, 3, 20), "2024-03-20"),
    ("The death toll from the quake that struck on 6 February rose to 41,000.", "41,000",
     D(2023, 2, 15), "2023-02-15"),
    ("More than 3,000 sought shelter, Reuters reported on Monday.", "More than 3,000", PUB,
     "2016-02-02"),
    ("The 2018 Sochi deal failed and 5,000 fled.", "5,000", PUB, "2016-02-02"),
    ("Despite a January 12 ceasefire, 5,000 fled.", "5,000", PUB, "2016-02-02"),
    ("The war has killed 400,000 since it erupted in 2011.", "400,000", PUB, "2016-02-02"),
    ("About 2,000 people fled.", "About 2,000", PUB, "2016-02-02"),
    # No article date and no year in the sentence: nothing can be known.
    ("About 2,000 people fled on Monday.", "About 2,000", None, None),
    ("About 2,000 people fled since January 1.", "About 2,000", None, None),
    ("About 2,000 people fled in January.", "About 2,000", None, None),
    ("About 2,000 people fled on 3 March 2021.", "About 2,000", None, "2021-03-03"),
    ("A total of 2,023 people fled.", "2,023", None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "figure", "published", "want"),
    FIGURE_DATES,
    ids=[s[:40] for s, *_ in FIGURE_DATES],
)
def test_figure_date(sentence: str, figure: str, published: dt.date | None, want: str) -> None:
    start = sentence.find(figure)
    assert figure_date(sentence, start, start + len(figure), published) == want


def test_never_today() -> None:
    # Nothing here may come from the clock.
    assert figure_date("Thousands fled today.", 0, 9, None) is None


def test_month_header_keeps_only_a_date_line_of_its_month() -> None:
    # "Issue 6 | June 2024" names no day: the date line below it in the same month dates the
    # report, but a dated event line of another month does not.
    assert article_date("Issue 6 | June 2024\nOCHA, 20 June 2024\nText.") == dt.date(2024, 6, 20)
    assert article_date("Gaza | February 2024\n10 Oct 2023: 1,200 killed.\nText.") is None
