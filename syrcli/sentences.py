"""Splitting an article into sentences, keeping offsets into the text as read.

News text is not tidy prose: headlines and captions end without a full stop, abbreviations
("U.S.", "Jan.", "Mr.") carry one mid-sentence, and text cut from PDFs breaks lines in the
middle of a sentence. The rules below are written for those cases.

>>> text = "Mr. Smith arrived on Jan. 24 in the U.S. capital. Thousands fled.\\nHeadline Here\\n"
>>> [text[s:e] for s, e in split(text)]
['Mr. Smith arrived on Jan. 24 in the U.S. capital.', 'Thousands fled.', 'Headline Here']
>>> text = "About 10,000 people were displaced in\\nthe north, officials said."
>>> [text[s:e] for s, e in split(text)]
['About 10,000 people were displaced in\\nthe north, officials said.']
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

MAX_SENTENCE = 4000  # longer runs are cut at a space so work per sentence stays bounded

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt maj cmdr adm gov sen rep rev st mt ft no nos
    vs etc approx est dept univ corp inc ltd co jr sr fig jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thur thurs fri sat sun p pp para art vol e g i
    al""".split()
)

# A candidate end: sentence punctuation with any closing quotes, then whitespace; or a line
# break. Each piece is bounded, so the scan is linear.
_BOUNDARY = regex.compile(
    r"""
    (?P<stop>[.!?]{1,3}['"”’»)\]]{0,3})(?=\s)   # . ! ? and closing quotes or brackets
    | (?P<lines>\n[ \t\r\f\v]{0,40}\n)           # a blank line
    | (?P<line>\n)                                # a single line break
    """,
    regex.VERBOSE,
)
_DOTTED = regex.compile(r"(?:\w\.){2,6}")  # U.S. or U.N.
_OPENERS = "\"'“‘([«"
_DANGLING = regex.compile(
    r"(?<![\w-])(?:than|at|of|to|the|a|an|from|were|was|had|have|has)[ \t]{0,3}\r?\Z"
)
# A line of a flattened table ("Idlib | 12,000 | 40") is never joined to another.
_ROW_MARK = regex.compile(r"\s\|\s")
_TABLE_ROW = regex.compile(r"[^\n]{0,200}\s\|\s")  # on the line that starts here


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `text[dot]` ends an abbreviation rather than a sentence."""
    start = max(0, dot - 20)
    space = max(text.rfind(" ", start, dot), text.rfind("\n", start, dot))
    chunk = text[space + 1 if space >= 0 else start : dot + 1].lstrip(_OPENERS)
    if _DOTTED.fullmatch(chunk):
        return True
    word = chunk[:-1]
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, whitespace trimmed."""
    return list(iter_spans(text))


def iter_spans(text: str) -> Iterator[tuple[int, int]]:
    """`split` as a stream, for texts of any length."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group("stop"):
            following = _next_visible(text, end)
            if m.group("stop")[0] == "." and _is_abbreviation(text, m.start()):
                if not following or not following.isupper() or len(m.group("stop")) == 1:
                    continue
            if following and following.islower():
                continue
        elif m.group("line"):
            before = text[max(start, m.start() - 1) : m.start()].rstrip("\r")
            following = _next_visible(text, end)
            # A wrapped line goes on in lower case; a headline or caption line does not; nor
            # does a line that stops on a word no sentence ends with ("more than\n3.6 million").
            if following.islower() or (before and before[-1] in ",;-–("):
                continue
            if before[-1:] == ":" and following.isdigit() and not _TABLE_ROW.match(text, end):
                continue  # a label, then its count on the next line: "Displaced:\n24,000"
            if (
                following
                and _DANGLING.search(text, max(start, m.start() - 12), m.start())
                and not _ROW_MARK.search(text, max(start, m.start() - 200), m.start())
                and not _TABLE_ROW.match(text, end)
            ):
                continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
