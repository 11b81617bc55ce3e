"""The number grammar: how news writes a count, with its qualifier.

It reads digits with separators, scaled decimals, number words, vague words and ranges, and
the qualifier words around them. It knows nothing of categories: whether a number is a
figure at all is decided in `extract`.

>>> q = read("more than 3.5 million")
>>> (q.value, q.value_max, q.qualifier.value, q.vague)
(3500000, None, 'over', False)
>>> q = read("An estimated 30,000-50,000")
>>> (q.value, q.value_max, q.qualifier.value)
(30000, 50000, 'range')
>>> (read("tens of thousands").value, read("tens of thousands").vague)
(10000, True)
>>> read("Nine hundred and twenty-one").value
921
>>> read("5,000 or more").qualifier.value
'at_least'
>>> read("half a million").value, read("a quarter of a million").value, read("two dozen").value
(500000, 250000, 24)
>>> read("600 000").value, read("1.2m").value, read("3.5mn").value
(600000, 1200000, 3500000)
>>> read("between 10 and 20").qualifier.value, read("2 to 3 million").value
('range', 2000000)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from syrcli.lexicon import Lexicon, load
from syrcli.model import Qualifier
from syrcli.tokens import Token, tokenize

SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
BIG = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
# Scale words written after digits: "2.5 million", "3.5mn", "1.2m" (glued only), "10k".
DIGIT_SCALES = {**BIG, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000}
GLUED_SCALES = {"m": 1_000_000, "k": 1_000, "mn": 1_000_000, "bn": 1_000_000_000, "mln": 1_000_000}
NUMBER_WORDS = frozenset(SMALL) | frozenset(TENS) | {"hundred", "dozen"} | frozenset(BIG)
RANGE_DASHES = frozenset({"-", "–", "—", "‒"})
THOUSANDS_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})

_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?")  # 55,000 or 1,234.5
_PLAIN = regex.compile(r"\d{1,15}(?:\.\d{1,6})?")  # 120000 or 3.5
# European writing: "10.000" groups thousands with points, "2,5 million" has a decimal comma.
# One point group before a scale word is still a decimal: "1.500 million".
_DOT_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3}){1,4}")
_COMMA_DECIMAL = regex.compile(r"\d{1,3},\d{1,2}")
_INDIAN = regex.compile(r"\d{1,2}(?:,\d{2}){1,6},\d{3}")  # 1,86,424 (South Asian grouping)


@dataclass(frozen=True, slots=True)
class Core:
    """A bare number (no qualifier): token span [first, last), and how it was written."""

    first: int
    last: int
    amount: float
    scale: int  # the scale word's multiplier, 1 when there was none
    vague: bool
    digits: bool

    @property
    def value(self) -> float:
        return self.amount * self.scale


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as news states it: qualifier words, the number or range, postfix words."""

    first: int  # token index where the span starts (qualifier words included)
    last: int  # token index after the span
    core_first: int
    core_last: int
    value: int
    value_max: int | None
    qualifier: Qualifier
    vague: bool
    digits: bool  # written with digits (a bare year or an age is possible)
    scaled: bool
    superseded: bool = False  # "rose from 100 to 150": the 100 is an old figure


_SCALE_WORDS = frozenset(DIGIT_SCALES) | frozenset(GLUED_SCALES)


def _scale_follows(tokens: Sequence[Token], i: int) -> bool:
    """Whether a scale word follows, maybe after the other end of a range: "2,5 million",
    "between 1,5 and 2,5 million"."""
    if i < len(tokens) and tokens[i].lower in _SCALE_WORDS:
        return True
    return (
        i + 2 < len(tokens)
        and tokens[i].lower in ("and", "to", "-", "–")
        and tokens[i + 1].kind == "num"
        and tokens[i + 2].lower in _SCALE_WORDS
    )


def _digits(tokens: Sequence[Token], i: int, text: str, base: int) -> Core | None:
    tok = tokens[i]
    scaled_next = _scale_follows(tokens, i + 1)
    if _GROUPED.fullmatch(tok.text) or _INDIAN.fullmatch(tok.text):
        amount = float(tok.text.replace(",", ""))
    elif _DOT_GROUPED.fullmatch(tok.text) and not (scaled_next and tok.text.count(".") == 1):
        amount = float(tok.text.replace(".", ""))  # "10.000 people", "1.200.000": thousands
    elif _PLAIN.fullmatch(tok.text):
        amount = float(tok.text)
    elif _COMMA_DECIMAL.fullmatch(tok.text) and scaled_next:
        amount = float(tok.text.replace(",", "."))  # "2,5 million": a decimal comma
    else:
        return None  # "1,1,1" or "02.02.2016": not a quantity
    last = i + 1
    # "600 000": a group of one to three digits, one space, then exactly three digits.
    while (
        last < len(tokens)
        and tokens[last].kind == "num"
        and len(tokens[last].text) == 3
        and tokens[last].text.isdigit()
        and tokens[last].start - tokens[last - 1].end == 1
        and text[tokens[last].start - 1 - base] in THOUSANDS_SPACES
        and tokens[last - 1].text.isdigit()
        and (last - i > 1 or len(tok.text) <= 3)
    ):
        amount = amount * 1000 + int(tokens[last].text)
        last += 1
    scale = 1
    if last < len(tokens) and tokens[last].kind == "word":
        word = tokens[last].lower
        if tokens[last].glued and word in GLUED_SCALES:
            scale = GLUED_SCALES[word]
        elif word in DIGIT_SCALES and not tokens[last].glued:
            scale = DIGIT_SCALES[word]
        elif word in DIGIT_SCALES and word not in ("m", "k"):
            scale = DIGIT_SCALES[word]
        if scale > 1:
            last += 1
    return Core(i, last, amount, scale, False, True)


def _words(words: Sequence[str], tokens: Sequence[Token], i: int) -> Core | None:
    n = len(words)
    w = words[i]
    # Fixed openers: "half a million", "a quarter of a million", "a dozen", "a hundred".
    if w == "half" and i + 2 < n and words[i + 1] in ("a", "an") and words[i + 2] in BIG:
        return Core(i, i + 3, 0.5, BIG[words[i + 2]], False, False)
    j = i + 1 if w in ("a", "an") else i
    if (
        j + 3 < n
        and words[j] == "quarter"
        and words[j + 1 : j + 3] == ["of", "a"]
        and (words[j + 3] in BIG)
    ):
        return Core(i, j + 4, 0.25, BIG[words[j + 3]], False, False)
    if j == i + 1 and not (j < n and (words[j] in BIG or words[j] in ("hundred", "dozen"))):
        return None
    total = current = 0
    seen = False
    scale = 1
    last = j
    k = j
    while k < n and k - i < 16:
        word = words[k]
        if word in SMALL or word in TENS:
            if seen and current % 10 and word in SMALL:
                break  # "five six" is not one number
            current += SMALL.get(word) or TENS[word]
        elif word in ("a", "an") and k == i:
            current = 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in BIG:
            total += (current or 1) * BIG[word]
            current = 0
            scale = BIG[word]
        elif word == "-" and seen and tokens[k].glued and k + 1 < n and words[k + 1] in SMALL:
            k += 1
            continue
        elif (
            word == "and" and seen and k + 1 < n and (words[k + 1] in SMALL or words[k + 1] in TENS)
        ):
            k += 1
            continue
        else:
            break
        seen = True
        k += 1
        last = k
    if not seen:
        return None
    value = total + current
    if words[i] in ("a", "an") and value == 0:
        return None
    # Report the final scale word so a range like "two to three million" can share it.
    return Core(i, last, value / scale, scale, False, False)


def _core(
    words: Sequence[str], tokens: Sequence[Token], i: int, text: str, base: int, lex: Lexicon
) -> Core | None:
    if tokens[i].kind == "num":
        return _digits(tokens, i, text, base)
    vague = lex.vague.match(words, i)
    if vague:
        end, value = vague
        return Core(i, end, float(value), 1, True, False)
    if words[i] in NUMBER_WORDS or words[i] in ("a", "an", "half", "quarter"):
        return _words(words, tokens, i)
    return None


def _range_end(
    words: Sequence[str],
    tokens: Sequence[Token],
    first: Core,
    text: str,
    base: int,
    lex: Lexicon,
    between: bool,
) -> Core | None:
    """The upper end of a range starting with `first`, if one follows."""
    k = first.last
    if k + 1 >= len(words) or first.vague:
        return None
    link = words[k]
    if link in RANGE_DASHES:
        if tokens[k].glued != tokens[k + 1].glued:
            return None  # "COVID -19" style spacing is no range
    elif link == "and":
        if not between:
            return None
    elif link != "to":
        return None
    second = _core(words, tokens, k + 1, text, base, lex)
    if second is None or second.vague or second.digits != first.digits:
        return None
    if link in RANGE_DASHES and year_like(tokens[first.first]) and not year_like(tokens[k + 1]):
        return None  # "5 April 2024 - 580,000 refugees": a date line, then the count
    return second


def year_like(token: Token) -> bool:
    """Whether a token is written like a year: four digits from 1800 to 2100."""
    return len(token.text) == 4 and token.text.isdigit() and 1800 <= int(token.text) <= 2100


def _integer(value: float) -> int | None:
    return int(round(value)) if math.isfinite(value) and value >= 1 else None


@cache
def _starters(lex: Lexicon) -> frozenset[str]:
    """Words a quantity written in words can begin with."""
    return NUMBER_WORDS | lex.vague.first_words | {"a", "an", "half", "quarter"}


def find_quantities(
    tokens: Sequence[Token], text: str, base: int = 0, lex: Lexicon | None = None
) -> list[Quantity]:
    """Every quantity in a token list, left to right, non-overlapping.

    `text` is the string the tokens came from and `base` the offset of its first character,
    so spacing between tokens can be checked.
    """
    lex = lex or load()
    words = [t.lower for t in tokens]
    found: list[Quantity] = []
    floor = 0  # tokens before this belong to an earlier quantity
    i = 0
    n = len(tokens)
    starters = _starters(lex)
    while i < n:
        if tokens[i].kind != "num" and words[i] not in starters:
            i += 1
            continue
        core = _core(words, tokens, i, text, base, lex)
        if core is None:
            i += 1
            continue
        quantity = _qualify(words, tokens, core, floor, text, base, lex)
        if quantity is None:
            i = core.last
            continue
        found.append(quantity)
        floor = i = quantity.last
    return found


_SPREAD = frozenset("range ranges ranged ranging vary varies varied varying".split())


def _level_subject(words: Sequence[str], verb: int, floor: int, lex: Lexicon) -> bool:
    """A noun of count a few words before the verb, in the same clause: "toll passes",
    "refugee arrivals in Chad near", "refugees across the Middle East top"."""
    for k in range(verb - 1, max(floor, verb - 6) - 1, -1):
        if words[k] in lex.verb_subjects:
            return True
        if not words[k].isalpha():
            return False
    return False


def _qualify(
    words: Sequence[str],
    tokens: Sequence[Token],
    core: Core,
    floor: int,
    text: str,
    base: int,
    lex: Lexicon,
) -> Quantity | None:
    # Qualifier words before the number: "at the very least about 50,000" keeps the first
    # qualifier that says more than "about".
    first = core.first
    chain: list[Qualifier] = []
    while len(chain) < 3:
        hit = lex.qualifiers_before.match_ending(words, first)
        if hit is None or hit[0] < floor:
            break
        first, qualifier = hit
        chain.insert(0, qualifier)
    if not chain:
        verb = lex.qualifiers_verbs.match_ending(words, first)
        if verb is not None and verb[0] > floor and _level_subject(words, verb[0], floor, lex):
            first, qualifier = verb  # "Death toll passes 7,000", "arrivals near 400,000"
            chain.append(qualifier)
    between = first - 1 >= floor and words[first - 1] == "between" if first > 0 else False
    second = _range_end(words, tokens, core, text, base, lex, between)
    superseded = False
    value_max: int | None = None
    last = core.last
    amount = core.value
    if second is not None:
        low = core.amount * (second.scale if core.scale == 1 else core.scale)
        high = second.value
        starts_from = first > 0 and words[first - 1] == "from" and words[core.last] == "to"
        if starts_from and first > 1 and words[first - 2] in _SPREAD:
            starts_from = False  # "estimates range from 4,000 to 11,300": a range, not a change
            first -= 1
        if starts_from:
            superseded = True  # "from 100 to 150" reports a change; 150 is read on its own
        elif high > low:
            amount, value_max, last = low, _integer(high), second.last
            if between:
                first -= 1
            chain = [Qualifier.RANGE]
    value = _integer(amount)
    if value is None:
        return None
    if core.amount != int(core.amount) and core.scale == 1 and value_max is None:
        return None  # "3.5" alone is a measure, not a count of people
    after = lex.qualifiers_after.match(words, last)
    if after is not None and words[after[0] : after[0] + 1] == ["than"]:
        after = None  # "since October 2023 and more than 15,000 wounded": the next count's
    if after is None and last < len(words) and words[last] == "-" and tokens[last].glued:
        after = lex.qualifiers_after.match(words, last + 1)  # "5,000-plus"
        if after is not None:
            after = (after[0], after[1])
    if after is not None and value_max is None:
        last, postfix = after
        chain.append(postfix)
    if core.vague:
        qualifier = Qualifier.ABOUT
    else:
        qualifier = next((q for q in chain if q is not Qualifier.ABOUT), None) or (
            Qualifier.ABOUT if chain else Qualifier.EXACT
        )
    return Quantity(
        first=first,
        last=last,
        core_first=core.first,
        core_last=core.last if value_max is None else last,
        value=value,
        value_max=value_max,
        qualifier=qualifier,
        vague=core.vague,
        digits=core.digits,
        scaled=core.scale > 1,
        superseded=superseded,
    )


def read(text: str) -> Quantity:
    """The first quantity in `text`, for tests and doctests; raises ValueError if none."""
    tokens = tokenize(text)
    found = find_quantities(tokens, text)
    if not found:
        raise ValueError(f"no quantity in {text!r}")
    return found[0]
