"""Sentence splitting on the shapes news text comes in, one case per row."""

import pytest

from syrcli.sentences import MAX_SENTENCE, split

CASES = [
    (
        "abbreviations",
        "Mr. Smith met U.S. officials on Jan. 24 in Geneva. Talks ended.",
        ["Mr. Smith met U.S. officials on Jan. 24 in Geneva.", "Talks ended."],
    ),
    (
        "headline then body",
        "Thousands Flee Aleppo\n\nMore than 3,000 fled on Monday.",
        ["Thousands Flee Aleppo", "More than 3,000 fled on Monday."],
    ),
    (
        "caption line",
        "Fatih Aktas/Getty Images\nAdvances have caused thousands to flee.",
        ["Fatih Aktas/Getty Images", "Advances have caused thousands to flee."],
    ),
    (
        "pdf wrap",
        "About 172,000 people fled western\nneighbourhoods of Mosul.",
        ["About 172,000 people fled western\nneighbourhoods of Mosul."],
    ),
    (
        "quote",
        '"They escaped from the Russians." He said 300 fled.',
        ['"They escaped from the Russians."', "He said 300 fled."],
    ),
    ("crlf", "First line.\r\nSecond line.\r\n", ["First line.", "Second line."]),
    ("question", "Millions more?\n\nThe UN said so.", ["Millions more?", "The UN said so."]),
    (
        "decimal",
        "Some 3.5 million Syrians live in Turkey.",
        ["Some 3.5 million Syrians live in Turkey."],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split(name: str, text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split(text)] == expected


def test_long_runs_are_cut_and_keep_offsets() -> None:
    text = "word " * 5000
    spans = split(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_a_line_ending_on_a_dangling_word_goes_on() -> None:
    # "more than\n3.6 million": no sentence or headline ends with "than"; "Syria floods" can.
    text = "Turkey hosts more than\n3.6 million refugees.\nSyria floods\n12,000 displaced"
    assert [text[s:e] for s, e in split(text)] == [
        "Turkey hosts more than\n3.6 million refugees.",
        "Syria floods",
        "12,000 displaced",
    ]


def test_a_headline_ending_on_a_qualifier_word_stays_apart() -> None:
    text = "What the war is about\n3,000 people fled Homs."
    assert [text[s:e] for s, e in split(text)] == [
        "What the war is about",
        "3,000 people fled Homs.",
    ]


def test_a_label_line_goes_on_to_its_count() -> None:
    text = "Displaced:\n24,000 people\nNote:\nFigures are provisional."
    assert [text[s:e] for s, e in split(text)] == [
        "Displaced:\n24,000 people",
        "Note:",
        "Figures are provisional.",
    ]
