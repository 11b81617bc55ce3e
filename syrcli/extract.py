"""The pipeline from text to figures.

For each sentence that can hold a number, `numbers` finds the quantities; each one is then
checked against what is not a figure (years, ages, money, measures, counts of things,
identifiers, whole populations) and attached to the term that governs it in its clause:
the verb just before it ("killed at least 250,000"), a term inside its noun phrase
("3,000 Syrian refugees"), the verb after it ("up to 55,000 were now fleeing"), or, failing
those, the nearest term in the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from syrcli import dates, places
from syrcli.lexicon import Lexicon, Term, load
from syrcli.model import Category, Figure
from syrcli.numbers import NUMBER_WORDS, Quantity, find_quantities
from syrcli.sentences import iter_spans
from syrcli.tokens import Token, tokenize

# A sentence without a digit or a number word holds no figure: skip it before tokenizing.
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]+")
COUNT_WORDS = NUMBER_WORDS | {"dozens", "scores", "hundreds", "thousands", "millions"}

MONTHS = frozenset(
    """january february march april june july august september october november december
    jan feb apr jun jul aug sep sept oct nov dec May""".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
CURRENCY = frozenset("$ € £ ¥ ₹ ₦ us$ usd eur gbp".split())
# Words that may stand between a governing term on the left and the number:
# "the death toll rose to 300", "an exodus of tens of thousands", "killed a further 20".
LEFT_LINKS = frozenset(
    """of to at rose risen climbed jumped reached stood stands hit passed topped exceeded
    increased surged now has had is was the a an another further additional total
    some estimated by""".split()
)
# Verbs that report a level rather than an event: "the death toll had reached 40,005".
CHANGE_VERBS = frozenset(
    """rose risen climbed jumped reached stood stands hit passed topped exceeded increased
    surged grew grown totalled totaled numbered fell dropped declined rises reaches
    reach stand swelled swollen doubled tripled""".split()
)
# Words that close a clause for the fallback search: "..., while another 3,400 remain".
POPULATION = frozenset({"population", "populations", "inhabitants"})
CLAUSE_BREAKS = frozenset({";", "while", "whereas", "but", "although", "though"})
COPULAS = frozenset({"is", "was", "are", "were", "at"})  # "the number ... is now 253,000"
# Words that open a new clause before a level verb's subject: "... flee as toll rises to 68".
SUBORDINATORS = frozenset({"as", "when", "after", "because", "amid", "despite", "where"})
SUBTOTAL = frozenset({"including", "includes", "include"})
# Words that may stand between a noun phrase and its verb: "55,000 were now fleeing".
AUX = frozenset(
    """have has had been were was are is be being now already reportedly also all still
    recently newly allegedly subsequently then later who that which forcibly temporarily
    just since mostly mainly largely currently still either both each more others other
    of them so far
    in total altogether apparently believed thought feared said say says reported
    reportedly estimated to having been had""".split()
)
STOP_NP = frozenset(
    """were was is are be been being have has had who that which in into from to on at by
    for with and or but as after since during while when where across towards toward near
    over under said say says according than this these those it its their his her our
    there here now already amid due because if so not no a an per each every daily
    weekly""".split()
)
# Casualty and status-changing events win over a status noun: "500 refugees were killed".
EVENTS = frozenset(
    {
        Category.KILLED,
        Category.INJURED,
        Category.MISSING,
        Category.DETAINED,
        Category.RETURNED,
        Category.EVACUATED,
    }
)
COMBATANT_CATEGORIES = EVENTS - {Category.RETURNED, Category.EVACUATED}
# Verbs that also take things as objects ("crossed 20,000 points", "hosts 30 teams"): when
# they come before the number, it counts people only if a person noun or demonym follows.
NEEDS_PERSON = frozenset({Category.FLED, Category.HOSTED, Category.RETURNED, Category.AFFECTED})
OFFICIAL_CATEGORIES = COMBATANT_CATEGORIES | {Category.EVACUATED}
RESTRICTED_UNITS = frozenset({"combatants", "officials"})
PRONOUN_OPENERS = frozenset({"they", "many", "most", "all", "some"})
NEAR_LEFT = 12  # how far, in tokens, the fallback looks for a term before the number
NEAR_RIGHT = 20  # and after it: subjects often carry a long participle phrase


@dataclass(frozen=True, slots=True)
class Governor:
    term: Term
    first: int  # token span of the term as written (the gap's right part, if any, apart)
    last: int
    right: tuple[int, int] | None = None
    subject: bool = False  # found past a level verb: "the number of returnees is now 253,000"


@dataclass(frozen=True, slots=True)
class NounPhrase:
    last: int  # token index after the phrase
    unit: str
    term: Governor | None
    rejected: bool
    person: bool = False  # a person noun or a demonym was seen: "2.5 million Syrians"


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
    article: places.ArticlePlaces | None = None
    published: dt.date | None = None
    dated = False
    for (start, end), following in _with_next(iter_spans(text)):
        sentence = text[start:end]
        words = _LETTERS.findall(sentence.lower())
        if not _DIGIT.search(sentence) and COUNT_WORDS.isdisjoint(words):
            continue
        if not _has_term(words, lex) and not _pronoun_follows(text, following, lex):
            continue  # every figure needs a term in its sentence (or "They fled." after it)
        tokens = _unglue(tokenize(sentence, start), lex)
        found = _sentence_figures(tokens, sentence, start, lex, following, text)
        if not found:
            continue
        if article is None:
            article = places.article_places(text)
        if not dated:
            published = dates.article_date(text) or article_date
            dated = True
        for q, gov, unit, projection, term_text in found:
            s, e = tokens[q.first].start, tokens[q.last - 1].end
            category = gov.term.category
            place = places.locate(sentence, s - start, e - start, category, article)
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


_Found = tuple[Quantity, Governor, str, bool, str]
Span = tuple[int, int]
Terms = dict[int, list[tuple[int, Term]]]  # term hits by start token: [(end token, term)]


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


FUNCTION_WORDS = STOP_NP | AUX | LEFT_LINKS


def _unglue(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """Split words that text cut from a PDF ran together: "weredisplaced", "fledShirqat".

    A long unknown word is split once, where one side begins a category term and the other
    is a known word or a capitalised name; "fledgling" stays whole."""
    out: list[Token] = []
    for tok in tokens:
        word = tok.lower
        if tok.kind != "word" or len(word) < 7 or word in lex.vocabulary:
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
) -> list[_Found]:
    # "May" mid-sentence is the month, never the modal or a qualifier.
    words = [t.text if t.text == "May" and i else t.lower for i, t in enumerate(tokens)]
    quantities = find_quantities(tokens, sentence, base, lex)
    if not quantities:
        return []
    terms = _term_hits(words, lex, tokens)
    hypothetical = _marked(words, lex)
    out: list[_Found] = []
    names = _names(tokens)
    prose = names is not None  # a headline in title case is not prose
    for name_start in names or ():
        terms.pop(name_start, None)
    follow: tuple[Governor | None] | None = None  # the next sentence's verb, read once
    counted = {t.core_first for t in quantities} | {t.core_last - 1 for t in quantities}
    for q in quantities:
        if q.superseded or _not_a_figure(q, tokens, words, lex, counted, prose):
            continue
        np = _noun_phrase(q, tokens, words, lex, terms)
        if np.rejected:
            continue
        gov: Governor | None
        if out and q.first > 0 and words[q.first - 1] in SUBTOTAL:
            gov, projection = out[-1][1], out[-1][3]  # "killed 1,739, including 647 children"
        else:
            gov, projection = _governor(q, np, tokens, words, lex, terms)
        if gov is None and following is not None:
            if follow is None:
                follow = (_next_sentence_governor(text, following, lex),)
            gov = follow[0]
        if gov is None:
            continue
        gov = _refuge_at_home(gov, words)
        if np.unit in RESTRICTED_UNITS and gov.term.category not in OFFICIAL_CATEGORIES:
            continue  # "sent thousands of troops" is no figure; "killed 20 soldiers" is
        projection = projection or hypothetical or _modal_before(q.first, words, lex)
        out.append((q, gov, np.unit, projection, _term_text(gov, tokens)))
    return out


CROSS_BORDER = frozenset(
    """across abroad border borders neighbouring neighboring overseas foreign outside
    frontier""".split()
)


def _refuge_at_home(gov: Governor, words: Sequence[str]) -> Governor:
    """ "Sought refuge across the border" counts refugees; "sought refuge in relief camps" or
    "with relatives", with no border in sight, counts people displaced inside their country."""
    if gov.term.category is not Category.REFUGEES or "refuge" not in gov.term.text.split():
        return gov
    if gov.first < 0 or any(w in CROSS_BORDER for w in words[gov.last : gov.last + 10]):
        return gov
    return Governor(Term(gov.term.text, Category.DISPLACED), gov.first, gov.last, gov.right)


def _names(tokens: Sequence[Token]) -> list[int] | None:
    """Capitalised words inside a name ("Red Cross", "Save the Children") are no terms.

    A headline in title case capitalises every word, so it is left alone."""
    capitals = [t.kind == "word" and t.text[:1].isupper() for t in tokens]
    lowers = sum(1 for t, c in zip(tokens, capitals, strict=True) if t.kind == "word" and not c)
    if lowers < 3:
        return None
    return [i for i in range(1, len(tokens)) if capitals[i] and capitals[i - 1]]


LEAVING = {w: Term(w, Category.FLED) for w in ("left", "leave", "leaves", "leaving")}


def _term_hits(words: Sequence[str], lex: Lexicon, tokens: Sequence[Token] = ()) -> Terms:
    """Every term occurrence by start token: {start: [(end, term), ...]}."""
    hits: Terms = {}
    for i, word in enumerate(words):
        if word in lex.terms.first_words:
            found = lex.terms.match_all(words, i)
            if found:
                hits[i] = found
                continue
        if word in LEAVING and i + 1 < len(tokens) and tokens[i + 1].text.istitle():
            hits[i] = [(i + 1, LEAVING[word])]  # "1,600 people left Shlomi": left a place
    return hits


def _marked(words: Sequence[str], lex: Lexicon) -> bool:
    """Whether the sentence frames its figures as a scenario ("in a worst-case scenario")."""
    return any(
        lex.projection_markers.match(words, i)
        for i, w in enumerate(words)
        if w in lex.projection_markers.first_words
    )


def _is_year(q: Quantity, tokens: Sequence[Token]) -> bool:
    text = tokens[q.core_first].text
    return (
        q.digits
        and not q.scaled
        and len(text) == 4
        and text.isdigit()
        and 1800 <= int(text) <= 2100
    )


def _not_a_figure(
    q: Quantity,
    tokens: Sequence[Token],
    words: Sequence[str],
    lex: Lexicon,
    counted: set[int],
    prose: bool = True,
) -> bool:
    n = len(tokens)
    first, last = q.core_first, q.last
    before = words[first - 1] if first > 0 else ""
    after = words[last] if last < n else ""
    core_tok = tokens[first]
    if _is_year(q, tokens):
        return True
    if q.digits and (first - 1 in counted or last in counted):
        return True  # two bare numbers side by side: a phone number or a table row
    if (
        q.digits
        and first > 0
        and before.isalpha()
        and tokens[first - 1].text.isupper()
        and (len(before) > 1 and not lex.units.match(words, first - 1))
    ):
        return True  # FTSE 100, A 320, UPDATE 3
    if q.digits:
        # Glued to letters or marks on the left: M5, COVID-19, #3, 02/02, 6:56, $5.
        if core_tok.glued and first > 0 and _identifier_head(tokens[first - 1]):
            return True
        if before in CURRENCY or (first > 1 and words[first - 2] in CURRENCY):
            return True
        if (
            last < n
            and tokens[last].glued
            and after in ("/", ":", "%", ".", "°")
            and (after != "." or (last + 1 < n and tokens[last + 1].kind == "num"))
        ):
            return True
        if last < n and tokens[last].glued and tokens[last].kind == "word":
            return True  # 33km, 19th, 3pm
    # Hyphenated compounds are modifiers: "five-year war", "seven-month-old", "3,000-strong".
    if last + 1 < n and after in ("-", "–") and tokens[last].glued and tokens[last + 1].glued:
        if tokens[last + 1].kind == "word":
            return True
    if before in MONTHS or (first > 1 and before == "." and words[first - 2] in MONTHS):
        return True
    if after in ("and", "to", "-", "–") and last + 2 < n and tokens[last + 1].kind == "num":
        if words[last + 2] in MONTHS:
            return True  # "on 2 and 3 June"
    if _population_level(q, words):
        return True
    label_ok = prose or (q.value < 1000 and q.last == n)  # "Update, Round 8" ends a line
    if label_ok and q.first > 1 and tokens[q.first - 1].text.istitle() and q.digits:
        label = words[q.first - 1]
        if len(label) > 2 and label not in lex.vocabulary and label not in FUNCTION_WORDS:
            return True  # a label: "Round 8", "Phase 2", "Resolution 2254"
    if after in MONTHS:
        return True
    if after in WEEKDAYS:
        return True
    if after in ("a", "p") and last + 2 < n and words[last + 1] == "." and words[last + 2] == "m":
        return True  # "5 a.m."
    if lex.not_after.match(words, last) or lex.not_before.match_ending(words, q.first):
        return True
    if q.first != first and lex.not_before.match_ending(words, first):
        return True  # "children under five": the qualifier belongs to an age
    if (
        before in ("in", "of")
        and first > 1
        and (tokens[first - 2].kind == "num" or words[first - 2] in NUMBER_WORDS)
    ):
        return True  # the second half of "one in three", "2 of 5"
    # Fractions and shares: "one in five", "3 out of 10", "two-thirds".
    if after in ("in", "out") and last + 1 < n:
        nxt = last + 2 if after == "out" else last + 1
        if nxt < n and words[nxt] in NUMBER_WORDS:
            return True
        if nxt < n and tokens[nxt].kind == "num" and tokens[nxt].text.isdigit():
            whole = int(tokens[nxt].text)
            if whole > q.value and not 1800 <= whole <= 2100:
                return True  # "3 in 10", but not "211,000 in 2016"
    if after in ("third", "thirds", "quarter", "quarters", "fifth", "fifths", "half"):
        return True
    # An age after a name: "Ahmet Sadul, 43, was hoping".
    if q.digits and q.value < 130 and before in (",", "(") and after in (",", ")"):
        return True
    # A bare "one" is usually "one of", "one day": only a count when a unit follows.
    if q.value == 1 and q.qualifier.value == "exact" and not lex.units.match(words, last):
        return True
    return False


def _population_level(q: Quantity, words: Sequence[str]) -> bool:
    """ "The population has swelled to around 300,000" is a whole population, not a figure."""
    j = q.first
    while (
        j > 0 and q.first - j < 6 and (words[j - 1] in LEFT_LINKS or words[j - 1] in CHANGE_VERBS)
    ):
        j -= 1
    if j == q.first:
        return False
    return any(w in POPULATION for w in words[max(0, j - 6) : j])


def _identifier_head(token: Token) -> bool:
    """What sits glued before digits in an identifier (M5, #3, COVID-19), as against a word
    that text cut from a PDF lost its space after ("with14,593", "Around1.6")."""
    if token.kind == "punct":
        return token.text not in ("(", '"', "“", "'", "‘")
    word = token.text
    return len(word) <= 2 or word.isupper() or not word[1:].islower()


def _noun_phrase(
    q: Quantity,
    tokens: Sequence[Token],
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
) -> NounPhrase:
    """What the number counts: "3,000 Syrian refugees", "tens of thousands of civilians"."""
    i = q.last
    n = len(words)
    unit = "people"
    term: Governor | None = None
    limit = min(n, i + 6)
    if i < n and words[i] == "of":
        i += 1
        limit = min(n, i + 6)
    headed = False
    person = False
    while i < limit:
        word = words[i]
        if lex.modals.match(words, i) is not None:
            break
        if word in lex.not_people or word == "head":
            return NounPhrase(i, unit, term, True)
        unit_hit = lex.units.match(words, i)
        term_hits = terms.get(i)
        if headed and unit_hit is None:
            break  # the head noun is found: "seven children including ..." ends there
        if unit_hit is not None:
            headed = person = True
            end, found_unit = unit_hit
            if found_unit != "people" or unit == "people":
                unit = found_unit
            if term_hits:
                t_end, t = term_hits[0]
                term = Governor(t, i, t_end)
            i = max(end, term_hits[0][0] if term_hits else end)
            continue
        if term_hits:
            t_end, t = term_hits[0]
            compound = not any(w in FUNCTION_WORDS for w in words[i:t_end])
            if compound and any(w in lex.not_people for w in words[i:t_end]):
                return NounPhrase(i, unit, term, True)  # "7,000 cyclone shelters"
            if word in (
                "displaced",
                "internally",
                "uprooted",
                "injured",
                "wounded",
                "missing",
                "dead",
                "trapped",
                "stranded",
                "homeless",
                "refugee",
                "besieged",
                "evacuated",
                "affected",
            ):
                term = Governor(t, i, t_end)  # an adjective: "displaced children"
                i = t_end
                continue
            break  # a verb: the phrase ends
        if word in STOP_NP or tokens[i].kind == "punct" and word not in ("'", "’", "-"):
            break
        if tokens[i].kind == "num" and not (i > 0 and words[i - 1] in ("the", "its", "their")):
            break  # but "500 of the 4,000 villagers" goes on to its head noun
        person = person or tokens[i].text.istitle()  # a demonym: Syrians, Rohingya
        i += 1
    return NounPhrase(i, unit, term, False, person or term is not None)


def _governor(
    q: Quantity,
    np: NounPhrase,
    tokens: Sequence[Token],
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
) -> tuple[Governor | None, bool]:
    left = _left_term(q, np, words, lex, terms)
    right, right_modal = _right_term(np.last, words, lex, terms)
    left_modal = left is not None and _modal_before(left.first, words, lex)
    if left and left.term.category in NEEDS_PERSON and not (np.person or left.subject):
        left = None  # "the index crossed 20,000" counts no one; "crossed 5,000 Afghans" does
    if left and left.term.category is Category.HOSTED and np.term is not None:
        if np.term.term.category is Category.DISPLACED:
            left = None  # "sites hosting 185,000 IDPs" counts the displaced
    if left is not None:
        return left, left_modal
    if right is not None and right.term.category in EVENTS:
        return right, right_modal
    if np.term is not None:
        return np.term, False
    if right is not None:
        return right, right_modal
    near = _nearest(q, np, words, lex, terms)
    if near is None:
        return None, False
    return near, _modal_before(near.first, words, lex)


def _left_term(
    q: Quantity,
    np: NounPhrase,
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
) -> Governor | None:
    end = q.first
    changed = False
    for _ in range(6):
        if end <= 0:
            return None
        if words[end - 1] in CHANGE_VERBS:
            changed = True  # "the death toll rose to 300": look past the verb for its subject
            end -= 1
            continue
        for start in range(max(0, end - 5), end):
            for t_end, term in terms.get(start, ()):
                if t_end != end:
                    continue
                if term.after:
                    right = _find(words, term.after, q.last, np.last + 8)
                    if right is None:
                        continue
                    return Governor(term, start, end, (right, right + len(term.after)))
                return Governor(term, start, end)
        if words[end - 1] not in LEFT_LINKS:
            break
        changed = changed or words[end - 1] in COPULAS
        end -= 1
    if not changed:
        return None
    # The subject of a level verb opens its clause: "The death toll from the strike on a house
    # in Nuseirat refugee camp has risen to 20" is a toll, not refugees. Take the first term.
    subject: Governor | None = None
    start = end - 1
    floor = max(-1, end - 20)
    while start > floor:
        word = words[start]
        if word == ",":
            # An aside ("outside Stepanakert, the regional capital,") sits between two
            # commas; anything else before a comma is another clause.
            opening = next(
                (j for j in range(start - 1, max(-1, start - 9), -1) if words[j] == ","), None
            )
            if opening is None or subject is not None:
                break
            start = opening - 1
            continue
        if word in CLAUSE_BREAKS or word in SUBORDINATORS:
            break
        if word in POPULATION:
            return None
        for t_end, term in terms.get(start, ()):
            if not term.after and t_end <= end:
                subject = Governor(term, start, t_end, subject=True)
                break  # the longest term starting here
        start -= 1
    return subject


def _find(words: Sequence[str], phrase: tuple[str, ...], lo: int, hi: int) -> int | None:
    for i in range(lo, min(hi, len(words) - len(phrase) + 1)):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return i
    return None


def _right_term(
    i: int, words: Sequence[str], lex: Lexicon, terms: Terms
) -> tuple[Governor | None, bool]:
    modal = False
    n = len(words)
    for _ in range(8):
        if i >= n:
            break
        for t_end, term in terms.get(i, ()):
            if not term.after:
                return Governor(term, i, t_end), modal
        hit = lex.modals.match(words, i)
        if hit is not None:
            modal = True
            i = hit[0]
            continue
        if words[i] == ",":
            i = _after_aside(i, words, terms)
            continue
        if words[i] in AUX:
            i += 1
            continue
        if words[i] == "on" and i + 1 < n and words[i + 1] in WEEKDAYS:
            i += 2
            continue
        break
    return None, False


def _after_aside(i: int, words: Sequence[str], terms: Terms) -> int:
    """Skip an aside between commas: "150 people, the whole population of X, were displaced"."""
    for j in range(i + 1, min(len(words), i + 25)):
        if words[j] == ",":
            return j + 1
        if j in terms or words[j] in CLAUSE_BREAKS:
            break
    return i + 1


def _modal_before(i: int, words: Sequence[str], lex: Lexicon) -> bool:
    for j in range(max(0, i - 4), i):
        if lex.modals.match(words, j) is not None:
            return True
    return False


def _nearest(
    q: Quantity,
    np: NounPhrase,
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
) -> Governor | None:
    best: tuple[int, Governor] | None = None
    for start in range(max(0, q.first - NEAR_LEFT - 6), np.last + NEAR_RIGHT + 1):
        found = terms.get(start)
        if not found:
            continue
        t_end, term = found[0]
        if term.after:
            continue
        if term.category in NEEDS_PERSON and not np.person and not lex.units.match(words, start):
            continue  # a verb that also takes things; a noun ("arrivals") is fine
        if t_end == q.first and all(w in CHANGE_VERBS for w in words[start:t_end]):
            continue  # "reached 3.1 million": a level, not an arrival
        if start >= np.last:
            distance = start - np.last
        elif t_end <= q.first:
            distance = q.first - t_end + 1
        else:
            continue
        limit = NEAR_RIGHT if start >= np.last else NEAR_LEFT
        between = words[min(t_end, np.last) : max(start, q.first)]
        if distance > limit or any(w in CLAUSE_BREAKS for w in between):
            continue
        if best is None or distance < best[0]:
            best = (distance, Governor(term, start, t_end))
    return best[1] if best else None


def _next_sentence_governor(text: str, span: tuple[int, int], lex: Lexicon) -> Governor | None:
    """ "There are thousands of people from Azaz. They escaped from the Russians." """
    start, end = span
    head = text[start : min(end, start + 120)]
    tokens = tokenize(head)
    words = [t.lower for t in tokens]
    if not words or words[0].strip('"“') not in PRONOUN_OPENERS:
        if len(words) < 2 or words[1] not in PRONOUN_OPENERS:
            return None
    terms = _term_hits(words, lex)
    right, _ = _right_term(1 if words[0] in PRONOUN_OPENERS else 2, words, lex, terms)
    return None if right is None else Governor(right.term, -1, -1)


def _term_text(gov: Governor, tokens: Sequence[Token]) -> str:
    if gov.first < 0:
        return gov.term.text
    written = " ".join(t.text for t in tokens[gov.first : gov.last])
    if gov.right is not None:
        tail = " ".join(t.text for t in tokens[gov.right[0] : gov.right[1]])
        return f"{written} … {tail}"
    return written


__all__ = ["extract_figures"]
