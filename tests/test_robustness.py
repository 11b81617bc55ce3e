"""Untrusted input: never raise, offsets always slice back, and linear time on crafted lines."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from syrcli import extract_figures

PIECES = list("0123456789,.- \n\"'abcTM%$") + [
    "thousands",
    " fled ",
    " killed ",
    "more than ",
    "tens of ",
    " million",
    "displaced",
    " up to ",
    "Jan. ",
    "U.S. ",
    "between ",
    " and ",
    "\r\n",
    "people",
    "a quarter of a",
]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), NEWSY))
def test_never_raises_and_offsets_slice_back(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.value >= 1


CRAFTED = {
    "commas": "1,",
    "qualifiers": "more than ",
    "vague": "thousands of ",
    "dashes": "2-",
    "spaces": " ",
    "killed": "killed 5 ",
}


def _cost(unit: str, size: int) -> float:
    text = unit * (size // len(unit))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract_figures(text)
        best = min(best, time.perf_counter() - start)
    return best


def test_crafted_lines_scale_linearly() -> None:
    # Ratios, not wall times: doubling the input must not much more than double the cost.
    for name, unit in CRAFTED.items():
        small, large = _cost(unit, 40_000), _cost(unit, 80_000)
        assert large / max(small, 0.02) < 3.0, name  # under 20 ms is timer noise
