"""What is not a figure: years, dates and clock times, ages, money, shares, measures,
counts of things, labels and whole populations.

Each rule looks at the tokens around a quantity; none looks further than a few tokens, so
the checks cost the same whatever the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from syrcli.attach import CHANGE_VERBS, FUNCTION_WORDS, LEFT_LINKS, POPULATION, WEEKDAYS
from syrcli.lexicon import Lexicon
from syrcli.model import Qualifier
from syrcli.numbers import NUMBER_WORDS, Quantity, year_like
from syrcli.places import is_people_noun
from syrcli.tokens import Token

MONTHS = frozenset(
    """january february march april june july august september october november december
    jan feb apr jun jul aug sep sept oct nov dec May""".split()
)
CURRENCY = frozenset("$ € £ ¥ ₹ ₦ us$ usd eur gbp".split())


# Plural people nouns without an s: "More than 1800 people".
_PLURAL_PEOPLE = frozenset("people children women men".split())
# Words before a bare year: "in 2015 people fled", "the 2015 refugee crisis".
_BEFORE_YEAR = frozenset(
    "in since by from of until till during after before to early late mid and or between "
    "spring summer autumn winter fall end start throughout through around about with the a "
    "an its their his her this that these those".split()
)
_DIFFERENCE = (
    ["more", "than", "in"],
    ["fewer", "than", "in"],
    ["less", "than", "in"],
    ["more", "than", "last"],
    ["fewer", "than", "last"],
)
_TIME_LABELS = frozenset("week year month".split())


def _is_year(q: Quantity, tokens: Sequence[Token]) -> bool:
    return q.digits and not q.scaled and year_like(tokens[q.core_first])


def not_a_figure(
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
    if _is_year(q, tokens) and not (
        # "More than 1800 people killed", "displaced 2000 people": a count, not a year
        q.qualifier is not Qualifier.RANGE
        and (q.first != first or (before.isalpha() and before not in _BEFORE_YEAR))
        and last < n
        and tokens[last].text.islower()  # not "the 1951 Refugee Convention"
        and lex.units.match(words, last) is not None
        and (words[last].endswith("s") or words[last] in _PLURAL_PEOPLE)
    ):
        return True
    if (
        q.first >= 3
        and before == "and"
        and words[q.first - 3] == "aged"
        and not lex.units.match(words, last)
    ):
        return True  # "aged 9 and 11": the second age; not "a man aged 70 and 14 children"
    if before == "no" or (before == "." and q.first >= 2 and words[first - 2] == "no"):
        return True  # "observation post No. 9": a label
    year_next = "," in core_tok.text  # "In 2024 5,000 people": a grouped count by a year
    if q.digits and (
        (first - 1 in counted and not (year_next and year_like(tokens[first - 1])))
        or (last in counted and not (year_next and year_like(tokens[last])))
    ):
        return True  # two bare numbers side by side: a phone number or a table row
    if (
        q.digits
        and first > 0
        and before.isalpha()
        and tokens[first - 1].text.isupper()
        and (len(before) > 1 and not lex.units.match(words, first - 1))
        and before not in lex.term_words  # "AIR STRIKES KILL 23 CIVILIANS": a headline
    ):
        return True  # FTSE 100, A 320, UPDATE 3
    if q.digits and (
        _LEADING_ZERO.fullmatch(core_tok.text)
        or (_BARE_DIGITS.fullmatch(core_tok.text) and not lex.units.match(words, last))
    ):
        return True  # "071-9310145", "call 9310145": a phone number, not a count
    if q.digits:
        # Glued to letters or marks on the left: M5, COVID-19, #3, 02/02, 6:56, $5.
        if core_tok.glued and first > 0 and _identifier_head(tokens[first - 1]):
            return True
        if before in CURRENCY or (first > 1 and words[first - 2] in CURRENCY):
            return True
        if first > 1 and words[first - 1] in _PAYERS and words[first - 2] in _PRICE_VERBS:
            return True  # "smugglers charged us 5,000 each": a price
        if first > 0 and tokens[first - 1].text == "US":
            return True  # "US 375 million"; but "told us 90 were killed" counts people
        if (
            last < n
            and tokens[last].glued
            and after in ("/", ":", "%", ".", "°")
            and (after in "%°" or (last + 1 < n and tokens[last + 1].kind == "num"))
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
    if (
        label_ok
        and q.first > 1
        and q.first == first  # "in Nakuru more than 50": a qualifier is no label's number
        and tokens[q.first - 1].text.istitle()
        and q.digits
    ):
        label = words[q.first - 1]
        counts_after = label in WEEKDAYS and last < n and tokens[last].kind == "word"
        grouped = "," in core_tok.text  # "Slovakia 113,000": a count; "Resolution 2254" a label
        if (
            not grouped
            and len(label) > 2
            and label not in lex.vocabulary
            and label not in FUNCTION_WORDS
            and not counts_after  # "Last Wednesday 12 Syrians drowned" counts people
        ):
            return True  # a label: "Round 8", "Phase 2", "Resolution 2254"
    if after in MONTHS:
        return True
    if (
        after in ("-", "/", ".")
        and last + 3 < n
        and tokens[last].glued
        and tokens[last + 1].kind == "num"
        and words[last + 2] == after
        and _YEAR_TOKEN.fullmatch(tokens[last + 3].text)
    ):
        return True  # "On 18-03-2019 some 300 people": a date
    if (
        after in ("or", "to")
        and last + 2 < n
        and (tokens[last + 1].kind == "num" or words[last + 1] in NUMBER_WORDS)
        and words[last + 2] in lex.not_people
    ):
        return True  # "walked for two or three days", "five to six hours"
    if after in WEEKDAYS:
        return True
    if (
        after == "out"
        and words[last + 1 : last + 2] == ["of"]
        and _number_at(tokens, words, last + 2)
    ):
        return True  # "nine out of ten households": a share
    if after in ("a", "p") and last + 2 < n and words[last + 1] == "." and words[last + 2] == "m":
        return True  # "5 a.m."
    if lex.not_after.match(words, last):
        return True
    if (
        lex.not_before.match_ending(words, q.first)
        and not _home_to_refugees(q, words)
        # "Last year 3,000 people were killed": a grouped count is no "year 3" label
        and not (
            "," in core_tok.text
            and words[q.first - 1] in _TIME_LABELS
            and q.first > 1
            and words[q.first - 2] in ("last", "this", "next")
        )
        # "refugees in the region top 4 million": a subject before a verb, not "Region 2"
        and lex.qualifiers_verbs.match(words, q.first) is None
    ):
        return True
    if q.first > 0 and words[q.first - 1] in _POSSESSIVES and not _possessed_subject(q, words):
        return True  # "fled with my five children", "carried my two children"
    if q.first != first and lex.not_before.match_ending(words, first):
        return True  # "children under five": the qualifier belongs to an age
    if (
        before in ("in", "of")
        and first > 1
        and (tokens[first - 2].kind == "num" or words[first - 2] in NUMBER_WORDS)
    ):
        return True  # the second half of "one in three", "2 of 5"
    if (
        q.first > 2
        and words[q.first - 1] in ("its", "their", "the")
        and (words[q.first - 2] == "of" and tokens[q.first - 3].kind == "num")
    ):
        return True  # the whole in "90 of its 200 residents"
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
    if (
        after == "of"
        and last + 2 < n
        and tokens[last + 1].kind == "num"
        and words[last + 2] in lex.not_people
    ):
        return True  # "only 12 of 36 hospitals function": a share of things
    if words[last : last + 3] in _DIFFERENCE:
        return True  # "5,601 killed, more than 1,000 more than in 2023": a difference
    if q.value < 130 and before in ("was", "is") and after == "when":
        return True  # an age: "She was 34 when she died in an air strike"
    if after == "to" and words[last + 1 : last + 2] in (["one"], ["1"]):
        return True  # a ratio: "deaths exceeded births by almost three to one"
    # An age after a name: "Ahmet Sadul, 43, was hoping".
    if q.digits and q.value < 130 and before in (",", "(") and after in (",", ")"):
        return True
    # A bare "one" is usually "one of", "one day": only a count when a unit follows.
    if q.value == 1 and q.qualifier.value == "exact":
        unit = lex.units.match(words, last)
        single = unit[0] if unit else None
        if single is None and last < n and words[last] in _ONE_OF:
            single = last + 1
        if single is None or before in ("of", "in", "from", "for", "to"):
            return True  # "three members of one family"
        if _speaker(words, single):
            return True  # '"We saw 20 bodies," one woman said': a speaker, not a count
    # A place's whole population: "the territory's 2.3 million people".
    if q.first > 0 and tokens[q.first - 1].text.endswith(("'s", "’s")) and after in POPULOUS:
        return True
    return False


# A count after "my", "his" ... is of the speaker's family: a figure only as the subject of
# what happened to them ("My two sons were killed"), not as company ("with my five children").
_POSSESSIVES = frozenset("my his her our your".split())
_AUXILIARIES = frozenset("were was are is have has had".split())


def _possessed_subject(q: Quantity, words: Sequence[str]) -> bool:
    """Whether the family count is the subject of a verb two words on at most ("my two young
    sons were killed"), and not of being among others ("her four children were among")."""
    if q.first >= 2 and words[q.first - 2] == "with":
        return False
    for k in range(q.last + 1, min(len(words), q.last + 3)):
        if words[k] in _AUXILIARIES:
            return words[k + 1 : k + 2] != ["among"]
        if not words[k].isalpha():
            return False
    return False


# A single person of a kind that is no unit of the lexicon: "one soldier", "one policeman".
_ONE_OF = frozenset(
    "soldier fighter militant rebel policeman policewoman officer serviceman militiaman "
    "insurgent jihadist gunman peacekeeper guard journalist doctor nurse".split()
)
_SPEAKING = frozenset("said says say told tells recalled added explained asked wrote".split())


def _speaker(words: Sequence[str], after: int) -> bool:
    """Whether "one man" speaks: "one woman said", "One soldier, speaking on condition of
    anonymity, said", "One policeman who witnessed the crush said"."""
    if after + 1 < len(words) and words[after].isalpha() and words[after] not in _SPEAKING:
        after += 1  # "one police officer said": a unit of two words
    if after < len(words) and words[after] in _SPEAKING:
        return True
    if after < len(words) and words[after] in (",", "who"):
        return any(w in _SPEAKING for w in words[after + 1 : after + 12])
    return False


_PAYERS = frozenset("us them him her me each".split())
_PRICE_VERBS = frozenset("charged charge charges paid pay pays cost costs owed fined".split())
POPULOUS = frozenset({"people", "residents", "inhabitants", "population", "citizens"})


# "Turkey, home to 3.6 million Syrian refugees": a host, not a population.
_REFUGEE_WORDS = frozenset("refugees refugee asylum migrants".split())


def _home_to_refugees(q: Quantity, words: Sequence[str]) -> bool:
    if q.first < 2 or words[q.first - 2 : q.first] != ["home", "to"]:
        return False
    after = words[q.last : q.last + 4]
    # "home to 540,000 registered Syrians": registered abroad, so refugees.
    registered = after[:1] == ["registered"] and len(after) > 1 and is_people_noun(after[1])
    return registered or not _REFUGEE_WORDS.isdisjoint(after)


def _number_at(tokens: Sequence[Token], words: Sequence[str], i: int) -> bool:
    return i < len(tokens) and (tokens[i].kind == "num" or words[i] in NUMBER_WORDS)


_LEADING_ZERO = re.compile(r"0\d{1,12}")
_BARE_DIGITS = re.compile(r"\d{7,15}")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


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
