#!/usr/bin/env python3
"""Write a deterministic corpus of synthetic wire-service articles about displacement.

Usage: python tools/gen_corpus.py OUTDIR N [SEED]

Each article has a headline, a dateline ("BEIRUT, Feb 11 (Reuters) -") and 20 to 45 sentences
in paragraphs. About 30% of the sentences carry a refugee, displacement or casualty figure,
phrased in the many ways the wire services phrase them: digits, scaled decimals, number
words, vague words, ranges and qualifiers before or after the number. The rest is filler
full of the numbers an extractor must leave alone: dates, years, ages, money, percentages,
clock times, distances, durations, counts of things and identifiers.

Article i depends only on (SEED, i), so the first 200 articles of a 20,000 corpus are the
200 articles of a small one. Only the standard library is used.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_SEED = 6

CITIES = [
    "BEIRUT",
    "AMMAN",
    "ISTANBUL",
    "GENEVA",
    "DAMASCUS",
    "GAZIANTEP",
    "ANKARA",
    "BAGHDAD",
    "CAIRO",
    "ERBIL",
    "BRUSSELS",
    "UNITED NATIONS",
    "ATHENS",
    "BERLIN",
]
AGENCIES = ["Reuters", "AFP", "AP", "dpa", "Anadolu"]
MONTHS_SHORT = [
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOWNS = [
    "Aleppo",
    "Idlib",
    "Homs",
    "Hama",
    "Raqqa",
    "Deir al-Zor",
    "Douma",
    "Daraa",
    "Afrin",
    "Kobani",
    "Manbij",
    "Saraqib",
    "Maarat al-Numan",
    "Khan Sheikhoun",
    "Jisr al-Shughour",
    "Tal Rifaat",
    "Azaz",
    "Jarablus",
    "Qamishli",
    "Hasakah",
    "Palmyra",
    "Zabadani",
    "Madaya",
    "Yarmouk",
    "Rukban",
    "Al-Hol",
    "Atmeh",
    "Sarmada",
    "Kafranbel",
    "Ariha",
]
REGIONS = [
    "Idlib province",
    "eastern Ghouta",
    "the Aleppo countryside",
    "northern Hama",
    "northwest Syria",
    "the Euphrates valley",
    "southern Syria",
    "the Qalamoun mountains",
    "the Turkish border",
    "the Jordanian border",
    "northeast Syria",
    "rural Damascus",
]
HOSTS = ["Turkey", "Lebanon", "Jordan", "Iraq", "Egypt", "Germany", "Greece", "Sweden"]
HOST_PLACES = [
    "Zaatari camp",
    "Azraq camp",
    "the Bekaa Valley",
    "Arsal",
    "Kilis",
    "Reyhanli",
    "Hatay province",
    "Sanliurfa",
    "Domiz camp",
    "Lesbos",
]
SOURCES = [
    "the United Nations",
    "the UN refugee agency UNHCR",
    "UNHCR",
    "OCHA",
    "UNICEF",
    "the World Food Programme",
    "the Syrian Observatory for Human Rights",
    "the White Helmets",
    "the International Committee of the Red Cross",
    "Medecins Sans Frontieres",
    "Save the Children",
    "the Norwegian Refugee Council",
    "local officials",
    "activists",
    "the health ministry",
    "Human Rights Watch",
    "the Syrian American Medical Society",
]
SPEAKERS = [
    "Filippo Grandi, the UN High Commissioner for Refugees,",
    "a UNHCR spokeswoman, Melissa Fleming,",
    "Jens Laerke, a spokesman for OCHA,",
    "Panos Moumtzis, the UN regional humanitarian coordinator,",
    "Rami Abdulrahman, who heads the Observatory,",
    "a senior Turkish official",
    "Lebanon's minister for refugee affairs",
    "an aid worker who asked not to be named",
]
ARMED = [
    "government forces",
    "Russian jets",
    "rebel fighters",
    "Islamic State militants",
    "Turkish-backed fighters",
    "the Syrian army",
    "Kurdish-led forces",
    "pro-government militias",
]

UNITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
SMALL_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "twenty-three",
    "thirty",
    "forty-five",
    "a dozen",
    "two dozen",
    "a hundred",
    "three hundred",
]
BIG_WORDS = [
    "one million",
    "half a million",
    "a quarter of a million",
    "a million",
    "two million",
    "five million",
    "a hundred thousand",
]
VAGUE = [
    "dozens of",
    "scores of",
    "hundreds of",
    "thousands of",
    "tens of thousands of",
    "hundreds of thousands of",
    "millions of",
]
BEFORE = [
    "",
    "",
    "",
    "more than ",
    "over ",
    "at least ",
    "nearly ",
    "almost ",
    "about ",
    "around ",
    "some ",
    "an estimated ",
    "up to ",
    "as many as ",
    "fewer than ",
    "close to ",
    "roughly ",
    "approximately ",
    "well over ",
    "no fewer than ",
]
AFTER = ["", "", "", "", "", "", " or more", " or so"]


def digits(rng: random.Random, low: int, high: int, step: int) -> str:
    n = rng.randrange(low, high, step)
    style = rng.random()
    if style < 0.8:
        return f"{n:,}"
    if style < 0.9:
        return f"{n:,}".replace(",", " ")
    return str(n)


def scaled(rng: random.Random) -> str:
    whole = rng.choice(UNITS)
    frac = rng.choice(["", "", ".2", ".5", ".6", ".8"])
    return f"{whole}{frac}" + rng.choice([" million", " million", "m", "mn", " million"])


def bare(rng: random.Random) -> str:
    """A head count with no qualifier: digits, a scaled decimal or number words."""
    r = rng.random()
    if r < 0.6:
        return digits(rng, 20, 990_000, rng.choice([1, 10, 50, 100, 500, 1000]))
    if r < 0.8:
        return scaled(rng)
    return rng.choice(SMALL_WORDS + BIG_WORDS)


def count(rng: random.Random) -> str:
    """A head count in one of the shapes wire copy uses: qualified, vague or a range."""
    r = rng.random()
    if r < 0.12:
        return rng.choice(VAGUE)[: -len(" of")]
    if r < 0.27:
        low = rng.randrange(1, 60) * 500
        high = low + rng.randrange(1, 20) * 500
        shape = rng.choice(["{a}-{b}", "{a} to {b}", "between {a} and {b}", "{a}–{b}"])
        return shape.format(a=f"{low:,}", b=f"{high:,}")
    before = rng.choice(BEFORE)
    return before + bare(rng) + ("" if before else rng.choice(AFTER))


def people(rng: random.Random) -> str:
    """A count of people, or a vague crowd ("tens of thousands of civilians")."""
    noun = rng.choice(
        [
            "people",
            "civilians",
            "Syrians",
            "residents",
            "people",
            "children",
            "women and children",
            "families",
            "refugees",
            "villagers",
        ]
    )
    if rng.random() < 0.15:
        return f"{rng.choice(VAGUE)} {noun}"
    n = count(rng)
    return f"{n} of {noun}" if n.endswith("s") else f"{n} {noun}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def date_phrase(rng: random.Random) -> str:
    return rng.choice(
        [
            f"on {rng.choice(WEEKDAYS)}",
            f"since {rng.choice(MONTHS)} {rng.randrange(1, 29)}",
            f"in {rng.choice(MONTHS)} {rng.randrange(2011, 2021)}",
            f"since {rng.choice(MONTHS)}",
            f"over the past {rng.choice(['week', 'month', 'two weeks', '48 hours', 'year'])}",
            f"since the start of {rng.randrange(2012, 2021)}",
            "this year",
            "last month",
        ]
    )


def past_time(rng: random.Random) -> str:
    return rng.choice(
        [
            f"on {rng.choice(WEEKDAYS)}",
            f"on {rng.choice(MONTHS)} {rng.randrange(1, 29)}",
            f"in {rng.choice(MONTHS)} {rng.randrange(2011, 2021)}",
            "last week",
            "overnight",
        ]
    )


def figure_sentence(rng: random.Random) -> str:
    town, region, host = rng.choice(TOWNS), rng.choice(REGIONS), rng.choice(HOSTS)
    source, armed, speaker = rng.choice(SOURCES), rng.choice(ARMED), rng.choice(SPEAKERS)
    camp = rng.choice(HOST_PLACES)
    templates: list[Callable[[], str]] = [
        lambda: (
            f"The fighting has displaced {people(rng)} in {region} {date_phrase(rng)}, "
            f"{source} said."
        ),
        lambda: f"{cap(count(rng))} people have been displaced from {town} {date_phrase(rng)}.",
        lambda: f"{cap(people(rng))} fled {town} as {armed} advanced, according to {source}.",
        lambda: f"{host} already hosts {count(rng)} Syrian refugees, more than any other country.",
        lambda: f"Some {bare(rng)} refugees are registered in {camp}, {source} said.",
        lambda: (
            f"At least {bare(rng)} people were killed in air strikes on {town} {past_time(rng)}."
        ),
        lambda: f"The strikes killed {people(rng)} and wounded {people(rng)}, {source} reported.",
        lambda: f"{cap(count(rng))} civilians have been injured in shelling around {town}.",
        lambda: f"{cap(source)} said {count(rng)} people remain missing after the raid.",
        lambda: f"An estimated {bare(rng)} people are besieged in {town}, with food running out.",
        lambda: f"{cap(count(rng))} people returned to {town} {date_phrase(rng)}, {source} said.",
        lambda: (
            f"Buses evacuated {people(rng)} from {town} under a deal brokered by Russia and Turkey."
        ),
        lambda: f"The floods left {people(rng)} homeless in camps near {camp}.",
        lambda: f"{cap(source)} estimates {count(rng)} people are in need of aid in {region}.",
        lambda: f"The war has killed {count(rng)} people and driven {count(rng)} from their homes.",
        lambda: (
            f"{cap(speaker)} said {people(rng)} could flee towards {host} if the assault goes on."
        ),
        lambda: (
            f"Government forces have detained {count(rng)} people in {town} "
            f"{past_time(rng)}, {source} said."
        ),
        lambda: f"Nearly {bare(rng)} people have been affected by the cold snap in {region}.",
        lambda: f"The death toll rose to {bare(rng)} on {rng.choice(WEEKDAYS)}, {source} said.",
        lambda: f"More than {bare(rng)} Syrians have crossed into {host} {date_phrase(rng)}.",
        lambda: (
            f'"We have registered {bare(rng)} new arrivals in {camp}," {speaker} told reporters.'
        ),
        lambda: (
            f"Up to {bare(rng)} people could be uprooted if the offensive reaches {town}, "
            f"{source} warned."
        ),
        lambda: f"In {town} alone, {count(rng)} people have lost their homes, {source} said.",
        lambda: (
            f"{cap(count(rng))} refugees have gone back to Syria from {host} {date_phrase(rng)}."
        ),
    ]
    return rng.choice(templates)()


def filler_sentence(rng: random.Random) -> str:
    town, region, host = rng.choice(TOWNS), rng.choice(REGIONS), rng.choice(HOSTS)
    source, armed = rng.choice(SOURCES), rng.choice(ARMED)
    year = rng.randrange(1970, 2021)

    def money() -> str:
        return rng.choice(
            [
                f"${rng.randrange(1, 99)}.{rng.randrange(1, 9)} billion",
                f"US${rng.randrange(5, 900)} million",
                f"{rng.randrange(10, 500)} million euros",
                f"${rng.randrange(100, 999):,},000",
                f"£{rng.randrange(1, 20)}bn",
            ]
        )

    templates: list[Callable[[], str]] = [
        lambda: (
            f"The talks in Geneva are due to resume on {rng.choice(MONTHS)} {rng.randrange(1, 29)}."
        ),
        lambda: (
            f"Donors pledged {money()} at a conference in "
            f"{rng.choice(['Brussels', 'London', 'Kuwait'])} {past_time(rng)}."
        ),
        lambda: f"The appeal is only {rng.randrange(5, 70)} percent funded, {source} said.",
        lambda: f"Prices of bread have risen by {rng.randrange(10, 300)}% since {year}.",
        lambda: (
            f"A {rng.randrange(20, 80)}-year-old man said he had walked for "
            f"{rng.randrange(2, 12)} hours to reach the border."
        ),
        lambda: (
            f"The convoy of {rng.randrange(10, 80)} trucks reached {town} at "
            f"{rng.randrange(1, 12)}:{rng.randrange(10, 59)} a.m."
        ),
        lambda: (
            f"The camp lies about {rng.randrange(2, 60)} km ({rng.randrange(2, 40)} miles) "
            f"from {town}."
        ),
        lambda: (
            f"UN Security Council Resolution {rng.choice([2139, 2165, 2254, 2401, 2449])} "
            f"calls for unhindered aid access."
        ),
        lambda: f"{cap(armed)} cut the M{rng.choice([4, 5])} highway near {town} {past_time(rng)}.",
        lambda: f"The city was home to about {scaled(rng)} people before the war began in 2011.",
        lambda: (
            f"At least {rng.randrange(3, 30)} hospitals in {region} have stopped working, "
            f"{source} said."
        ),
        lambda: f"{host} has spent {money()} on the crisis since {year}, officials said.",
        lambda: (
            f"The ceasefire, agreed in {rng.choice(MONTHS)} {rng.randrange(2016, 2021)}, "
            f"collapsed within {rng.choice(['days', 'weeks', '48 hours', 'a month'])}."
        ),
        lambda: f"Temperatures fell to minus {rng.randrange(2, 15)} degrees Celsius overnight.",
        lambda: f'{cap(rng.choice(SPEAKERS))} said the situation in {region} was "catastrophic".',
        lambda: f"The border crossing at Bab al-Hawa has been open since {year}.",
        lambda: f"Cases of COVID-19 have been reported in {rng.randrange(2, 9)} camps.",
        lambda: (
            f"Talks between {host} and Russia in {rng.choice(['Sochi', 'Astana', 'Moscow'])} "
            f"ended without agreement."
        ),
        lambda: f"Aid agencies say they need {money()} to get through the winter.",
        lambda: f"It was the heaviest bombardment of {town} since {rng.choice(MONTHS)} {year}.",
        lambda: (
            f"The {rng.randrange(2, 9)}-storey building collapsed after the strike, witnesses said."
        ),
        lambda: f"Rebels still hold {rng.randrange(10, 60)} villages in {region}.",
        lambda: (
            f"Neither side commented on the report, which covers the period to "
            f"{rng.randrange(1, 29)} {rng.choice(MONTHS)}."
        ),
        lambda: f"{cap(armed)} have sent {rng.randrange(2, 40) * 100} troops to the front.",
        lambda: f"The World Bank put the cost of the damage at {money()} in {year}.",
        lambda: (
            f"The {rng.choice(['fourth', 'fifth', 'ninth'])} round of talks opened in Geneva "
            f"{past_time(rng)}, {source} said."
        ),
        lambda: f"Residents said the water supply had been cut for {rng.randrange(2, 30)} days.",
        lambda: (
            f"The offensive began at dawn on {rng.choice(WEEKDAYS)} after weeks of "
            f"shelling, {source} said."
        ),
    ]
    return rng.choice(templates)()


def headline(rng: random.Random) -> str:
    town, host = rng.choice(TOWNS), rng.choice(HOSTS)
    shapes: list[Callable[[], str]] = [
        lambda: f"Thousands flee {town} as offensive intensifies",
        lambda: f"UN says {count(rng)} displaced in {rng.choice(REGIONS)}",
        lambda: f"{host} braces for new wave of Syrian refugees",
        lambda: f"Air strikes on {town} kill {count(rng)}, monitor says",
        lambda: f"Aid groups warn of catastrophe in {rng.choice(REGIONS)}",
        lambda: f"Syrians return to ruined {town} after years in exile",
    ]
    return rng.choice(shapes)()


def dateline(rng: random.Random) -> str:
    city, agency = rng.choice(CITIES), rng.choice(AGENCIES)
    day, month = rng.randrange(1, 29), rng.choice(MONTHS_SHORT)
    return rng.choice(
        [
            f"{city}, {month} {day} ({agency}) -",
            f"{city} ({agency}) --",
            f"{city}, {month} {day} ({agency}) —",
        ]
    )


def article(seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    sentences = [
        figure_sentence(rng) if rng.random() < 0.3 else filler_sentence(rng)
        for _ in range(rng.randrange(20, 46))
    ]
    paragraphs: list[str] = []
    while sentences:
        take = rng.randrange(1, 5)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    paragraphs[0] = f"{dateline(rng)} {paragraphs[0]}"
    return headline(rng) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(outdir: Path, n: int, seed: int = DEFAULT_SEED) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = outdir / f"{i:06d}.txt"
        path.write_text(article(seed, i), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4) or not all(arg.isdigit() for arg in argv[2:]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    seed = int(argv[3]) if len(argv) == 4 else DEFAULT_SEED
    write_corpus(Path(argv[1]), int(argv[2]), seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
