"""Splitting a sentence into word, number and punctuation tokens with offsets.

Every later step (number grammar, category terms, rejection rules) works on these tokens,
so each character of the input is looked at once by one bounded, linear-time pattern. The
standard `re` module runs this simple pattern faster than `regex`.

>>> [t.text for t in tokenize("Up to 55,000 were fleeing.")]
['Up', 'to', '55,000', 'were', 'fleeing', '.']
>>> [(t.text, t.glued) for t in tokenize("COVID-19 and M5")]
[('COVID', False), ('-', True), ('19', True), ('and', False), ('M', False), ('5', True)]
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

TokenKind = Literal["num", "word", "punct"]

TOKEN_PATTERN = _TOKEN = re.compile(
    r"""
    (?P<num>\d{1,20}(?:[.,]\d{1,20}){0,8})            # digits, with separators or a decimal point
    | (?P<word>[^\W\d_]{1,60}(?:['’][^\W\d_]{1,20})?)  # a word, maybe with an apostrophe part
    | (?P<punct>[^\w\s])                               # one mark of punctuation or a symbol
    """,
    re.VERBOSE,
)


class Token(NamedTuple):
    """A token with offsets into the article. A named tuple: millions are made per corpus."""

    kind: TokenKind
    text: str
    lower: str
    start: int
    end: int
    glued: bool  # no whitespace between this token and the one before it


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset` so they point into the article."""
    lower = text.lower()
    if len(lower) == len(text):
        return _tokens(text, lower, offset)
    # A few letters lower-case to two code points ("İ"): lower each token on its own.
    return [t._replace(lower=t.text.lower()) for t in _tokens(text, text, offset)]


def _tokens(text: str, lower: str, offset: int) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without the named tuple's Python-level constructor
    prev_end = -1
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        append(
            new(
                Token,
                (
                    m.lastgroup,
                    text[start:end],
                    lower[start:end],
                    start + offset,
                    end + offset,
                    start == prev_end,
                ),
            )
        )
        prev_end = end
    return tokens
