"""The pipeline from text to figures.

Sentences without a number or a category term are skipped before any costly work. In the
others, `numbers` finds the quantities, `filters` drops what is not a figure (years, ages,
money, measures, counts of things, labels, whole populations), and `attach` finds the term
that governs each figure in its clause. Places and dates come last, only for figures found.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache, cached_property

from syrcli import dates, places
from syrcli.attach import (
    EVENTS,
    FUNCTION_WORDS,
    LEAVING,
    OFFICIAL_CATEGORIES,
    PRONOUN_OPENERS,
    RESTRICTED_UNITS,
    RIGHT_WINS,
    SUBTOTAL,
    Governor,
    governor,
    marked,
    modal_before,
    name_tokens,
    next_sentence_governor,
    noun_phrase,
    refuge_at_home,
    term_hits,
    written_term,
)
from syrcli.filters import not_a_figure
from syrcli.lexicon import Lexicon, Term, load
from syrcli.model import Category, Figure, Qualifier
from syrcli.numbers import NUMBER_WORDS, Quantity, find_quantities
from syrcli.sentences import iter_spans
from syrcli.tables import TableCount, row_lines, table_counts
from syrcli.tokens import Token, tokenize

# A sentence without a digit or a number word holds no figure: skip it before tokenizing.
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]+")
COUNT_WORDS = NUMBER_WORDS | {"dozens", "scores", "hundreds", "thousands", "millions"}


def extract_figures(
    text: str, file: str = "-", article_date: dt.date | None = None
) -> list[Figure]:
    """Every refugee, displacement and casualty figure in `text`, in text order.

    `article_date` is used when the text carries no date line of its own.
    """
    return list(iter_figures(text, file, article_date))


def iter_figures(
    text: str, file: str = "-", article_date: dt.date | None = None
) -> Iterator[Figure]:
    """`extract_figures` as a stream: memory stays flat however long the text is."""
    lex = load()
    if len(text) >= ARTICLE_LENGTH and not _about_harm(text, lex):
        return  # a full article about sport, markets or elections: its numbers count no one
    context = _Article(text, article_date)  # its places and date, read when first needed
    last: tuple[int, Governor] | None = None  # the last figure's end and governor
    cells = deque(table_counts(text, lex))  # counts in flattened tables, in text order
    rows = row_lines(text)  # table rows are read by their columns, never as sentences
    row_starts = [a for a, _ in rows]
    for (start, end), following in _with_next(iter_spans(text)):
        while cells and cells[0].start < end:
            yield _table_figure(
                cells.popleft(), text, file, context.places, context.published, lex.vocabulary
            )
        at = bisect_right(row_starts, start) - 1
        if at >= 0 and end <= rows[at][1]:
            continue  # a table row: its counts came from its columns
        sentence = text[start:end]
        words = _LETTERS.findall(sentence.lower())
        broken = "\n" in sentence and _LINE_BREAK_HYPHEN.search(sentence) is not None
        if broken:
            words += _LETTERS.findall(_LINE_BREAK_HYPHEN.sub("", sentence.lower()))
        if not _DIGIT.search(sentence) and COUNT_WORDS.isdisjoint(words):
            continue
        # "... 948,000 people were displaced. Of these, over 560,000 are children."
        part_of = (
            last[1]
            if last
            and (_SUBSET_OPENER.match(sentence) or _PART_OF_LAST.search(sentence))
            and _just_before(text, last[0], start)
            else None
        )
        if (
            part_of is None
            and not _has_term(words, lex)
            and not _pronoun_follows(text, following, lex)
        ):
            continue  # every figure needs a term in its sentence (or "They fled." after it)
        tokens = _unglue(tokenize(sentence, start), lex, text if broken else "")
        found = _sentence_figures(tokens, sentence, start, lex, following, text, part_of)
        if not found:
            continue
        last = (end, found[-1][1])
        article, home, published = context.places, context.home, context.published
        for q, gov, unit, projection, term_text in found:
            s, e = tokens[q.first].start, tokens[q.last - 1].end
            category = gov.term.category
            place = places.locate(
                sentence, s - start, e - start, category, article, sentence_start=start
            )
            if (
                category is Category.DISPLACED
                and "refuge" in term_text.lower().split()
                and place is not None
                and _across_border(place, sentence, home)
                and _named_after(place, sentence, "refuge")  # "refuge in Uganda"
            ):
                category = Category.REFUGEES  # "sought refuge in Uganda": across a border
                place = places.locate(
                    sentence, s - start, e - start, category, article, sentence_start=start
                )
            if category is Category.FLED and term_text.lower() in ARRIVING:
                host = places.locate(
                    sentence, s - start, e - start, Category.REFUGEES, article, sentence_start=start
                )
                if (
                    host is not None
                    and _across_border(host, sentence, home)
                    and not _from_place(host, sentence)  # not where they left
                ):
                    # arrivals in a host country, or at a place abroad ("the Palanca crossing")
                    category, place = Category.REFUGEES, host
            yield Figure(
                file=file,
                start=s,
                end=e,
                text=text[s:e],
                value=q.value,
                value_max=q.value_max,
                qualifier=q.qualifier,
                vague=q.vague,
                category=category,
                term=term_text,
                unit=unit,
                location=place.name if place else None,
                country=place.country if place else None,
                date=dates.figure_date(sentence, s - start, e - start, published),
                projection=projection,
                sentence=sentence,
            )


class _Article:
    """What the whole article says of every figure: its places and its date, each read once
    and only for an article that has a figure."""

    def __init__(self, text: str, article_date: dt.date | None) -> None:
        self._text = text
        self._given = article_date

    @cached_property
    def places(self) -> places.ArticlePlaces:
        return places.article_places(self._text)

    @cached_property
    def home(self) -> str | None:  # the country of the article's place
        default = self.places.default
        return default.country if default else None

    @cached_property
    def published(self) -> dt.date | None:
        return dates.article_date(self._text) or self._given


def _table_figure(
    count: TableCount,
    text: str,
    file: str,
    article: places.ArticlePlaces,
    published: dt.date | None,
    vocabulary: frozenset[str],
) -> Figure:
    """A count from a table's column, about the place its row names."""
    a, b = count.label
    mentions = article.mentions
    first = bisect_left(mentions, a, key=lambda m: m.start)
    named = [
        m
        for m in mentions[first : bisect_left(mentions, b, key=lambda m: m.start)]
        if m.end <= b and m.form == "name"
    ]
    label = _label_name(text[a:b])
    place: places.Place | None
    known = places.place_named(label) if label and not named else None
    if named:
        place = named[0].place
    elif known is not None:
        place = known  # "Khazir M1": a camp the gazetteer knows, numbered
    elif label and places.name_like(label) and label.lower() not in vocabulary:
        country = article.default.country if article.default else None
        place = places.Place(label, country, "city")  # a camp or village the gazetteer lacks
    else:
        place = article.default  # "Adults", "6 March": no place; the article's
    r0, r1 = count.row
    return Figure(
        file=file,
        start=count.start,
        end=count.end,
        text=text[count.start : count.end],
        value=count.value,
        value_max=None,
        qualifier=Qualifier.EXACT,
        vague=False,
        category=count.category,
        term=count.column,
        unit=count.unit,
        location=place.name if place else None,
        country=place.country if place else None,
        date=published.isoformat() if published else None,
        projection=False,
        sentence=text[r0:r1],
    )


def _label_name(label: str) -> str:
    """The name a row label starts with: "Hasansham U2 and U3" is Hasansham, "Khazir M1"
    Khazir, "Hammam al-Alil 1 and 2" Hammam al-Alil."""
    words: list[str] = []
    for word in label.split():
        if any(c.isdigit() for c in word) or word in ("and", "or", "&") or word.startswith("("):
            break
        words.append(word)
    return " ".join(words).strip(",;:")


# Being rescued says what happened, not who they are: a refugee noun decides.
_RESCUED = frozenset("rescued rescue rescuing".split())
_Found = tuple[Quantity, Governor, str, bool, str]
# Arrivals counted in a country are refugees there (the contract's "arrivals in a host
# country"); arrivals in a town or camp of their own country are people who fled.
ARRIVING = frozenset(
    "arrived arriving arrive arrivals arrival entered entering".split()
    + ["new arrivals", "arrived in", "have arrived", "had arrived", "have entered"]
)
# Below this length a text is an excerpt or a sentence, too short to judge what it is about.
ARTICLE_LENGTH = 1000


def _about_harm(text: str, lex: Lexicon) -> bool:
    """Whether an article is about war, violence or disaster (the contract's scope): it names
    them, and it is no match report that names one in passing."""
    words = _LETTERS.findall(text.lower())
    table = lex.context
    first = table.first_words
    harm = {w for i, w in enumerate(words) if w in first and table.match(words, i)}
    if not harm:
        return False
    return len(harm) > _FEW_HARMS or len(lex.sport.intersection(words)) < _MATCH_REPORT


_FEW_HARMS = 2  # distinct words of harm a match report may name in passing
_MATCH_REPORT = 4  # distinct words of sport that make a match report


Span = tuple[int, int]


# The same count at another time or place: "46, up from 26", "compared with 248,000 in
# 2022", "Colombia hosts 2.9 million, followed by Peru with 1.5 million".
_COMPARED = frozenset({("up", "from"), ("down", "from"), ("compared", "with"), ("compared", "to")})
_AMONG = frozenset({("among", "them"), ("among", "whom"), ("among", "those")})


# A sentence that opens on a part of the last figure: "Of these, ...", "Among them, ...".
_SUBSET_OPENER = re.compile(r"\s{0,4}(?:Of|Among)\s(?:these|them|those|whom)\b,?")
# "Aid groups said between 70,000 and 80,000 of them were children": a part of the last
# sentence's count.
_PART_OF_LAST = re.compile(r"\d[\d,.]{0,12}\s(?:of\sthem|of\sthose|of\swhom)\b")
# Between the last figure's sentence and this one: nothing but blanks and one line break.
_ADJACENT = re.compile(r"[ \t\u00a0]{0,8}\n?[ \t\u00a0]{0,8}")


def _just_before(text: str, end: int, start: int) -> bool:
    return _ADJACENT.fullmatch(text, end, start) is not None


def _evacuation_after(
    terms: dict[int, list[tuple[int, Term]]], words: Sequence[str], left: int
) -> Governor | None:
    """An evacuation term later in the clause of "left": "left ... in a convoy of buses"."""
    for i in range(left + 1, min(len(words), left + 16)):
        if words[i] in (",", ";", "while", "whereas", "but"):
            return None
        for t_end, t in terms.get(i, ()):
            if t.category is Category.EVACUATED:
                return Governor(t, i, t_end)
    return None


def _named_in(place: places.Place, sentence: str) -> bool:
    """Whether the sentence itself names the place (not the article's place by default)."""
    name = place.name.lower()
    lower = sentence.lower()
    return name in lower or name.split(" ")[-1] in lower


def _named_after(place: places.Place, sentence: str, word: str) -> bool:
    """Whether the sentence names the place as where the refuge is: after "refuge" ("refuge
    in Uganda") or as its setting ("In Uganda, ..."), not as an owner ("Turkey's agency")."""
    lower = sentence.lower()
    name = place.name.lower().split(" ")[-1]
    if lower.find(name, lower.find(word)) >= 0:
        return True
    at = lower.find(name)
    return at >= 0 and lower[at + len(name) : at + len(name) + 2] not in ("'s", "’s")


def _from_place(place: places.Place, sentence: str) -> bool:
    return re.search(rf"\bfrom\s{re.escape(place.name)}\b", sentence, re.IGNORECASE) is not None


def _across_border(place: places.Place, sentence: str, home: str | None) -> bool:
    """Whether the sentence names the place and it lies abroad: a country, or a place of a
    known country other than the article's ("the Palanca crossing" in a Ukraine story)."""
    if not _named_in(place, sentence):
        return False
    return place.kind == "country" or bool(place.country and home and place.country != home)


def _same_count(q: Quantity, tokens: Sequence[Token], words: Sequence[str]) -> bool:
    i = q.first
    if i >= 2 and (words[i - 2], words[i - 1]) in _COMPARED | _AMONG:
        return True  # also a part of the count before: "86, among them 30 children"
    if i >= 2 and words[i - 1] == "(" and tokens[i - 2].text[:1].isupper():
        return True  # "followed by Nagaon (5.13 lakh) and Kamrup (4.01 lakh)"
    if i >= 2 and words[i - 1] == "with" and "followed" in words[max(0, i - 8) : i]:
        return True  # "followed by Sinjar centre with 1,905 households"
    return (
        i >= 2
        and words[i - 1] == "with"
        and tokens[i - 2].text[:1].isupper()
        and i >= 3
        and (words[i - 3] in (",", "by", "and"))
    )


def _gapped(q: Quantity, prev: Quantity, tokens: Sequence[Token], words: Sequence[str]) -> bool:
    """A list that leaves the verb out: "Hungary has received 169,000, Slovakia 113,000 and
    Romania 79,000"; "six were from Cumilla and five from Chattogram"."""
    i, n = q.first, len(words)
    after = words[q.last] if q.last < n else "."
    if after in ("from", "in") and i >= 1 and words[i - 1] == "and":
        # the same preposition and a name after both numbers: parallel parts
        return (
            after in words[prev.last : prev.last + 3]
            and q.last + 1 < n
            and tokens[q.last + 1].text[:1].isupper()
        )
    if after not in (",", "and", ".", ";", ")"):
        return False
    j = i
    while j > 0 and i - j < 3 and tokens[j - 1].text[:1].isupper() and tokens[j - 1].kind == "word":
        j -= 1
    return j < i and j > prev.last and j >= 1 and words[j - 1] in (",", "and")


def _has_term(words: list[str], lex: Lexicon) -> bool:
    """Whether lower-cased `words` hold the key word of some term, also inside a long word
    that text cut from a PDF glued together ("weredisplaced")."""
    keys = lex.term_keys
    if not keys.isdisjoint(words) or not LEAVING.keys().isdisjoint(words):
        return True
    return any(
        w[:i] in keys or w[i:] in keys
        for w in words
        if len(w) >= 8 and w not in lex.vocabulary
        for i in range(3, len(w) - 2)
    )


def _with_next(spans: Iterator[tuple[int, int]]) -> Iterator[tuple[Span, Span | None]]:
    current = next(spans, None)
    while current is not None:
        following = next(spans, None)
        yield current, following
        current = following


def _pronoun_follows(text: str, following: Span | None, lex: Lexicon) -> bool:
    if following is None:
        return False
    start, end = following
    head = text[start : min(end, start + 120)]
    words = _LETTERS.findall(head.lower())
    return bool(words) and words[0] in PRONOUN_OPENERS and _has_term(words, lex)


def _unglue(tokens: list[Token], lex: Lexicon, text: str = "") -> list[Token]:
    """Split words that text cut from a PDF ran together: "weredisplaced", "fledShirqat";
    join a word it broke at a line end: "dis-\nplaced".

    A long unknown word is split once, where one side begins a category term and the other
    is a known word or a capitalised name; "fledgling" stays whole."""
    vocabulary = lex.vocabulary
    if not text and not any(
        len(t.lower) >= 7 and t.kind == "word" and t.lower not in vocabulary for t in tokens
    ):
        return tokens  # nothing glued or broken: most sentences
    out: list[Token] = []
    skip = 0
    for k, tok in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        joined = _rejoined(tokens, k, lex, text) if text else None
        if joined is not None:
            out.append(joined)
            skip = 2
            continue
        word = tok.lower
        if tok.kind != "word" or len(word) < 7 or word in vocabulary:
            out.append(tok)
            continue
        cut = _glue_point(tok.text, lex)
        if cut is None:
            out.append(tok)
            continue
        left, right = tok.text[:cut], tok.text[cut:]
        out.append(Token("word", left, left.lower(), tok.start, tok.start + cut, tok.glued))
        out.append(Token("word", right, right.lower(), tok.start + cut, tok.end, True))
    return out


_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]{0,4}\r?\n[ \t]{0,4}")


def _rejoined(tokens: list[Token], k: int, lex: Lexicon, text: str) -> Token | None:
    """The word that "dis", "-", "placed" across a line break make, if the lexicon knows it.
    `text` is what the tokens' offsets point into."""
    if k + 2 >= len(tokens):
        return None
    head, dash, tail = tokens[k], tokens[k + 1], tokens[k + 2]
    if (
        head.kind != "word"
        or dash.text != "-"
        or not dash.glued
        or tail.kind != "word"
        or tail.glued
        or not tail.text[:1].islower()
        or not _LINE_BREAK_HYPHEN.fullmatch(text, dash.start, tail.start)
    ):
        return None
    word = head.text + tail.text
    if word.lower() not in lex.vocabulary:
        return None
    return Token("word", word, word.lower(), head.start, tail.end, head.glued)


@cache
def _known_words(vocabulary: frozenset[str]) -> frozenset[str]:
    return vocabulary | FUNCTION_WORDS | {"new", "more", "many", "several", "the", "people"}


def _glue_point(text: str, lex: Lexicon) -> int | None:
    lower = text.lower()
    known = _known_words(lex.vocabulary)
    for cut in range(2, len(text) - 1):
        left, right = lower[:cut], lower[cut:]
        if left in lex.term_words and (right in known or text[cut].isupper()):
            return cut
        if right in lex.term_words and left in known:
            return cut
    return None


def _sentence_figures(
    tokens: Sequence[Token],
    sentence: str,
    base: int,
    lex: Lexicon,
    following: Span | None,
    text: str,
    part_of: Governor | None = None,
) -> list[_Found]:
    # "May" mid-sentence is the month, never the modal or a qualifier.
    words = [t.text if t.text == "May" and i else t.lower for i, t in enumerate(tokens)]
    quantities = find_quantities(tokens, sentence, base, lex)
    if not quantities:
        return []
    terms = term_hits(words, lex, tokens)
    hypothetical = marked(words, lex)
    out: list[_Found] = []
    names = name_tokens(tokens)
    prose = names is not None  # a headline in title case is not prose
    for name_start in names or ():
        terms.pop(name_start, None)
    follow: tuple[Governor | None] | None = None  # the next sentence's verb, read once
    counted = {t.core_first for t in quantities} | {t.core_last - 1 for t in quantities}
    candidates = [
        q
        for q in quantities
        if not q.superseded and not not_a_figure(q, tokens, words, lex, counted, prose)
    ]
    numbers = frozenset(q.first for q in candidates)  # the possible figures
    phrases = [noun_phrase(q, tokens, words, lex, terms) for q in candidates]
    for q, np in zip(candidates, phrases, strict=True):
        if np.rejected:  # words describing a count of things: "the 11 affected provinces"
            for i in range(q.last, np.last + 1):
                hits = terms.get(i)
                if hits and not any(w in lex.not_people for w in words[i : hits[0][0]]):
                    del terms[i]  # but "7,000 cyclone shelters" names where people are
    things = False  # the previous number counted things, not people
    for q, np in zip(candidates, phrases, strict=True):
        of_them = words[q.last : q.last + 2] in (["of", "them"], ["of", "those"])
        another = things and np.last == q.last and q.first > 0 and words[q.first - 1] == "of"
        if np.rejected or (of_them and things) or another:  # "one of 46 lorries, another of 13"
            things = True  # "222 fires ..., 60 of them deliberately set"
            continue
        things = False
        gov: Governor | None
        if (
            out
            and q.first > 0
            and (
                words[q.first - 1] in SUBTOTAL
                or (np.term is None and _same_count(q, tokens, words))
                or (np.term is None and _gapped(q, out[-1][0], tokens, words))
            )
        ):
            gov, projection = out[-1][1], out[-1][3]  # "killed 1,739, including 647 children"
            if words[q.first - 1] in SUBTOTAL:
                own, own_projection = governor(q, np, tokens, words, lex, terms, numbers)
                if (
                    own is not None
                    and own.first >= np.last
                    and own.first - np.last <= 2
                    and own.term.category in RIGHT_WINS
                    # "killed 45, including 12 children trapped under the rubble": killed
                    and gov.term.category not in EVENTS
                ):
                    # "need assistance, including 974,080 people living under siege": the
                    # part's own state
                    gov, projection = own, own_projection
        else:
            gov, projection = governor(q, np, tokens, words, lex, terms, numbers)
        if gov is None and out and of_them:
            gov, projection = out[-1][1], out[-1][3]  # "1.5 million Syrians, 950,000 of them"
        if gov is None and part_of is not None and not out:
            # "Of these, over 560,000 are children": the term of the sentence before
            gov, projection = Governor(part_of.term, -1, -1), False
        if gov is None and following is not None:
            if follow is None:
                follow = (next_sentence_governor(text, following, lex),)
            gov = follow[0]
        if gov is None:
            continue
        gov = refuge_at_home(gov, words)
        if gov.term.text in _RESCUED and np.term is not None:
            if np.term.term.category is Category.REFUGEES:
                gov = np.term  # "500 asylum seekers were rescued at sea": who they are
        if gov.term is LEAVING.get(gov.term.text):
            # "left eastern Aleppo in the first convoy of buses": leaving in an evacuation
            evacuation = _evacuation_after(terms, words, gov.first)
            if evacuation is not None:
                gov = evacuation
        if np.unit in RESTRICTED_UNITS and gov.term.category not in OFFICIAL_CATEGORIES:
            continue  # "sent thousands of troops" is no figure; "killed 20 soldiers" is
        projection = projection or hypothetical or modal_before(q.first, words, lex)
        if (
            q.qualifier is Qualifier.EXACT
            and words[np.last : np.last + 2] == ["or", "more"]
            and words[np.last + 2 : np.last + 3] != ["than"]
        ):
            # "killed 100 people or more": the qualifier's words are part of the figure
            q = replace(q, qualifier=Qualifier.AT_LEAST, last=np.last + 2)
        out.append((q, gov, np.unit, projection, written_term(gov, tokens)))
    return out
