"""Splitting a sentence into word, number and punctuation tokens with offsets.

Every later step (number grammar, category terms, rejection rules) works on these tokens,
so each character of the input is looked at once by one bounded, linear-time pattern.

>>> [t.text for t in tokenize("Up to 55,000 were fleeing.")]
['Up', 'to', '55,000', 'were', 'fleeing', '.']
>>> [(t.text, t.glued) for t in tokenize("COVID-19 and M5")]
[('COVID', False), ('-', True), ('19', True), ('and', False), ('M', False), ('5', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

TokenKind = Literal["num", "word", "punct"]

_TOKEN = regex.compile(
    r"""
    (?P<num>\d{1,20}(?:[.,]\d{1,20}){0,8})            # digits, with separators or a decimal point
    | (?P<word>[^\W\d_]{1,60}(?:['’][^\W\d_]{1,20})?)  # a word, maybe with an apostrophe part
    | (?P<punct>[^\w\s])                               # one mark of punctuation or a symbol
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    lower: str
    start: int
    end: int
    glued: bool  # no whitespace between this token and the one before it


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset` so they point into the article."""
    tokens: list[Token] = []
    prev_end = -1
    for m in _TOKEN.finditer(text):
        kind: TokenKind = "num" if m.group("num") else "word" if m.group("word") else "punct"
        s = m.group()
        tokens.append(
            Token(kind, s, s.lower(), m.start() + offset, m.end() + offset, m.start() == prev_end)
        )
        prev_end = m.end()
    return tokens
