"""Attaching a figure to the term that governs it in its clause.

The verb just before the number wins ("killed at least 250,000"), then an event verb after
it ("500 refugees were killed"), a term inside its own noun phrase ("3,000 Syrian
refugees"), the verb after it ("up to 55,000 were now fleeing"), the subject of a level verb
("the death toll rose to 300"), and, failing those, the nearest term in the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from syrcli.lexicon import Lexicon, Term
from syrcli.model import Category
from syrcli.numbers import Quantity
from syrcli.tokens import Token, tokenize

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
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
    reach stand swelled swollen doubled tripled bringing brings raising raises taking
    takes pushing rising climbing reaching jumping""".split()
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
    reportedly estimated to having been had remain remained remains""".split()
)
STOP_NP = frozenset(
    """were was is are be been being have has had who that which in into from to on at by
    for with and or but as after since during while when where across towards toward near
    over under said say says according than this these those it its their his her our
    there here now already amid due because if so not no a an per each every daily
    weekly through via despite without against among behind beyond inside outside within
    along upon last next yesterday today overnight""".split()
)
FUNCTION_WORDS = STOP_NP | AUX | LEFT_LINKS
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
# A state the verb gives wins over a status noun too: "60,000 of the new arrivals are
# sleeping in the open", "500 refugees are in urgent need of food".
RIGHT_WINS = EVENTS | {Category.HOMELESS, Category.IN_NEED, Category.BESIEGED}
# Verbs that also take things as objects ("crossed 20,000 points", "hosts 30 teams"): when
# they come before the number, it counts people only if a person noun or demonym follows.
NEEDS_PERSON = frozenset({Category.FLED, Category.HOSTED, Category.RETURNED, Category.AFFECTED})
OFFICIAL_CATEGORIES = COMBATANT_CATEGORIES | {Category.EVACUATED}
RESTRICTED_UNITS = frozenset({"combatants", "officials"})
SHELTERING = frozenset(
    {
        "shelters",
        "now shelters",
        "is sheltering",
        "were sheltering",
        "are sheltering",
        "was sheltering",
        "is now sheltering",
        "now holds",
        "now houses",
        "already houses",
        "already holds",
        "camp holds",
        "camp held",
        "camp houses",
        "camp housed",
    }
)
PLACE_NOUN_TERMS = frozenset({"crossing", "crossings"})
_PLACE_NOUNS = frozenset(
    "areas area regions region districts district provinces province states counties zones "
    "parts villages towns countries municipalities".split()
)
# Terms that also take a place or a thing as object: "the worst-affected areas", "seized
# power", "captured the town".
_THINGS_TAKEN = frozenset("power control territory weapons town city village villages".split())
# A death sentence kills no one yet: "death row", "death sentences", "the death penalty".
_PENALTY = frozenset({"row", "sentence", "sentences", "penalty", "penalties", "warrant"})
NOT_PEOPLE_AFTER = {
    "affected": _PLACE_NOUNS,
    "seized": _PLACE_NOUNS | _THINGS_TAKEN,
    "captured": _PLACE_NOUNS | _THINGS_TAKEN,
    "death": _PENALTY,
    "crossing": frozenset("points point gate gates post posts site sites".split()),
    # "the UN refugee agency said 5,000 people were displaced": a name, not a count's noun
    "refugee": frozenset(
        "agency council convention commissioner commission law laws affairs policy policies "
        "ministry minister office".split()
    ),
    # "held up at the border", "held back by police", "held responsible": not detained
    **dict.fromkeys(
        ("were held", "had been held", "have been held", "are held"),
        frozenset("up back responsible accountable liable off together".split()),
    ),
}
CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas"})  # "..., and that 600 tickets"
COORDINATORS = frozenset({"and", ",", "but", "while", "whereas"})
PERSON_PRONOUNS = frozenset({"them", "whom", "those"})
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
    things: bool = False  # an unknown noun and no person: "two frontline seamers"


Terms = dict[int, list[tuple[int, Term]]]  # term hits by start token: [(end token, term)]
CROSS_BORDER = frozenset(
    """across abroad border borders neighbouring neighboring overseas foreign outside
    frontier""".split()
)


def refuge_at_home(gov: Governor, words: Sequence[str]) -> Governor:
    """ "Sought refuge across the border" counts refugees; "sought refuge in relief camps" or
    "with relatives", with no border in sight, counts people displaced inside their country."""
    if gov.term.category is not Category.REFUGEES or "refuge" not in gov.term.text.split():
        return gov
    if gov.first < 0 or any(w in CROSS_BORDER for w in words[gov.last : gov.last + 10]):
        return gov
    return Governor(Term(gov.term.text, Category.DISPLACED), gov.first, gov.last, gov.right)


def name_tokens(tokens: Sequence[Token]) -> list[int] | None:
    """Capitalised words inside a name ("Red Cross", "Save the Children") are no terms.

    A headline in title case capitalises every word, so it is left alone."""
    capitals = [t.kind == "word" and t.text[:1].isupper() for t in tokens]
    lowers = sum(1 for t, c in zip(tokens, capitals, strict=True) if t.kind == "word" and not c)
    if lowers < 3:
        return None
    return [i for i in range(1, len(tokens)) if capitals[i] and capitals[i - 1]]


LEAVING = {w: Term(w, Category.FLED) for w in ("left", "leave", "leaves", "leaving")}


_PLACE_MODIFIERS = frozenset(
    "rebel-held opposition-held government-held besieged the eastern western northern southern "
    "central rebel opposition".split()
)


HOME_TO = Term("home to", Category.HOSTED)
_COUNT_STARTS = frozenset("some about around nearly almost more over an roughly up".split())


def _count_follows(tokens: Sequence[Token], i: int) -> bool:
    return i < len(tokens) and (tokens[i].kind == "num" or tokens[i].lower in _COUNT_STARTS)


_TIME_WORDS = frozenset("before after during since until".split())


def _place_follows(tokens: Sequence[Token], i: int) -> bool:
    """A name right after "left", maybe past modifiers: "left rebel-held eastern Aleppo"."""
    for j in range(i, min(len(tokens), i + 4)):
        if tokens[j].text.istitle() and tokens[j].kind == "word":
            return True
        if tokens[j].lower not in _PLACE_MODIFIERS and tokens[j].text != "-":
            return False
    return False


# People living in a camp, a shelter or tents are displaced (the contract), whatever the
# camp is called: "are staying in the Um Gulja camp", "now in al-Hol camp".
LIVING_IN_CAMP = Term("living in … camp", Category.DISPLACED)
_RESIDING = frozenset(
    "live lives living lived stay stays staying stayed remain remains remained remaining "
    "now still".split()
)
_CAMP_NOUNS = frozenset("camp camps shelter shelters tents".split())
# Camps that hold no displaced people: "the summer camp", "a military camp".
_OTHER_CAMPS = frozenset(
    "summer training military army boot holiday sports football youth base prison "
    "detention labour labor concentration transit bomb raid air-raid storm".split()
)
_STOPS_BEFORE_CAMP = frozenset("and or but which who that where when as while".split())


def _camp_after(words: Sequence[str], i: int) -> int | None:
    """The end of "in (the) <up to 4 name words> camp" from `words[i]`, if it is there."""
    if i >= len(words) or words[i] not in ("in", "at"):
        return None
    for j in range(i + 1, min(len(words), i + 6)):
        w = words[j]
        if w in _CAMP_NOUNS:
            return j + 1 if words[j - 1] not in _OTHER_CAMPS else None
        if not (w.isalpha() or w in ("-", "'")) or w in _STOPS_BEFORE_CAMP:
            return None
    return None


_SENTENCED = frozenset({"sentenced", "sentences", "sentencing", "condemned", "condemns"})


def term_hits(words: Sequence[str], lex: Lexicon, tokens: Sequence[Token] = ()) -> Terms:
    """Every term occurrence by start token: {start: [(end, term), ...]}."""
    hits: Terms = {}
    for i, word in enumerate(words):
        if word in lex.terms.first_words:
            if (
                word in PLACE_NOUN_TERMS
                and 1 < i < len(tokens)
                and tokens[i - 1].text.istitle()
                and words[i - 2] == "the"
            ):
                continue  # "the Torkham crossing" is a place, not people crossing
            found = lex.terms.match_all(words, i)
            # "the worst-affected areas", "seized power": the word after says the term is
            # about a place or a thing, not people.
            found = [
                (end, term)
                for end, term in found
                if end >= len(words) or words[end] not in NOT_PEOPLE_AFTER.get(term.text, ())
            ]
            if found and word == "death" and _SENTENCED.intersection(words[max(0, i - 8) : i]):
                found = []  # "sentenced 11 men to death": a sentence, not a killing
            if (
                found
                and word == "siege"
                and any(w in _TIME_WORDS for w in words[max(0, i - 3) : i])
            ):
                found = []  # "before the siege", "since the siege began": a time, not a state
            if found:
                hits[i] = found
                continue
        if word == "home" and words[i + 1 : i + 2] == ["to"] and _count_follows(tokens, i + 2):
            hits[i] = [(i + 2, HOME_TO)]  # "Turkey, home to 3.6 million Syrian refugees"
            continue
        if word in LEAVING and _place_follows(tokens, i + 1):
            hits[i] = [(i + 1, LEAVING[word])]  # "1,600 people left Shlomi": left a place
            continue
        if word in _RESIDING:
            end = _camp_after(words, i + 1)
            if end is not None:
                hits[i] = [(end, LIVING_IN_CAMP)]  # "5,000 people live in the Um Gulja camp"
    # A term that a longer one starting inside it runs past gives way: "are sheltering" to
    # "sheltering in the open".
    for i in sorted(hits, reverse=True):  # from the right, so a dropped term drops no other
        end = hits[i][0][0]
        if any(j in hits and hits[j][0][0] > end for j in range(i + 1, end)):
            del hits[i]
    return hits


def marked(words: Sequence[str], lex: Lexicon) -> bool:
    """Whether the sentence frames its figures as a scenario ("in a worst-case scenario")."""
    return any(
        lex.projection_markers.match(words, i)
        for i, w in enumerate(words)
        if w in lex.projection_markers.first_words
    )


_DETERMINERS = frozenset("the their its his her our these those".split())


# People named by what they do, after a word for the thing they do it with or in: "truck
# drivers", "school teachers", "hospital staff" (not "300 livestock dead", "500 tonnes more").
_ROLE_NOUNS = frozenset(
    "drivers staff workers teachers passengers doctors nurses volunteers journalists "
    "patients pupils children students employees guards crew residents villagers dwellers".split()
)
# A crowd counts no one ("15,000 supporters packed the stadium") unless something happened
# to its people: "police arrested 300 supporters", "the crush killed 40 fans".
_CROWDS = frozenset("supporters fans spectators".split())


def _event_near(terms: Terms, words: Sequence[str], first: int, head: int) -> bool:
    """An event verb just before the count ("arrested 300 supporters") or the crowd's own
    predicate after it ("fans were crushed to death"), not a word of another noun ("300
    supporters of the detained leader")."""
    before = any(
        term.category in EVENTS and end <= first
        for start in range(max(0, first - 5), first)
        for end, term in terms.get(start, ())
    )
    k = head + 1
    while k < len(words) and k - head <= 3 and words[k] in AUX:
        k += 1
    return before or any(term.category in EVENTS for _end, term in terms.get(k, ()))


def noun_phrase(
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
        if i < n and words[i] in _DETERMINERS:
            i += 1  # "three of their players", "five of the children"
        limit = min(n, i + 6)
    headed = False
    person = unknown = False
    while i < limit:
        word = words[i]
        if lex.modals.match(words, i) is not None:
            break
        if word in _CROWDS and _event_near(terms, words, q.first, i):
            headed = person = True  # "arrested 300 supporters", "fans killed in the crush"
            i += 1
            continue
        if (word in lex.not_people or word == "head") and not (
            i + 1 < n and words[i + 1] in _ROLE_NOUNS
        ):
            return NounPhrase(i, unit, term, True)  # but "12 truck drivers", "school staff"
        unit_hit = lex.units.match(words, i)
        term_hits = terms.get(i)
        if headed and unit_hit is None:
            break  # the head noun is found: "seven children including ..." ends there
        if unit_hit is not None:
            headed = person = True
            end, found_unit = unit_hit
            if found_unit != "people" or unit == "people":
                unit = found_unit
            # A term may start inside the unit phrase: "new arrivals", "internally displaced".
            inner = next((j for j in range(i, end) if j in terms), None)
            if inner is not None:
                t_end, t = terms[inner][0]
                if words[t_end - 1] in lex.not_people:
                    return NounPhrase(i, unit, term, True)  # "1,259 IDP sites": sites
                term = Governor(t, inner, t_end)
                end = max(end, t_end)
            i = end
            continue
        if term_hits:
            t_end, t = term_hits[0]
            compound = not any(w in FUNCTION_WORDS for w in words[i:t_end])
            # "home" in a verb's term is where they went: "1,337 Syrians returned home"
            if compound and any(w in lex.not_people and w != "home" for w in words[i:t_end]):
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
        if word in PERSON_PRONOUNS:
            person = True  # "hosts more than 2.8 million of them"
        if word in STOP_NP or tokens[i].kind == "punct" and word not in ("'", "’", "-"):
            break
        if tokens[i].kind == "num" and not (i > 0 and words[i - 1] in ("the", "its", "their")):
            break  # but "500 of the 4,000 villagers" goes on to its head noun
        person = person or tokens[i].text.istitle()  # a demonym: Syrians, Rohingya
        unknown = unknown or (tokens[i].kind == "word" and word not in lex.vocabulary)
        i += 1
    person = person or term is not None
    return NounPhrase(i, unit, term, False, person, things=unknown and not person)


def governor(
    q: Quantity,
    np: NounPhrase,
    tokens: Sequence[Token],
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
    numbers: frozenset[int] = frozenset(),
) -> tuple[Governor | None, bool]:
    """The term that governs `q`, and whether a modal makes it a projection.

    `numbers` holds the token indices of every quantity in the sentence."""
    left = _left_term(q, np, words, lex, terms)
    right, right_modal = _right_term(np.last, words, lex, terms)
    left_modal = left is not None and modal_before(left.first, words, lex)
    bare = np.last == q.last and not np.things  # "Hungary has taken in some 191,000 and ..."
    if (
        left
        and left.term.category in NEEDS_PERSON
        and not (np.person or left.subject)
        and not (bare and left.term.category in (Category.HOSTED, Category.AFFECTED))
        and not (bare and words[left.last : left.last + 1] == [":"])  # "Returned: 5,000"
    ):
        # "the index crossed 20,000" counts no one; "crossed 5,000 Afghans" does, and so
        # does a bare count affected ("the floods affected 200,000 in the north")
        left = None
    if left and left.term.category is Category.MISSING and left.last == q.first:
        left = None  # "were missing two seamers": the verb to miss, not people missing
    if left and left.term.text in SHELTERING and np.term is not None:
        if np.term.term.category is Category.REFUGEES:  # "Uganda now shelters 1.7m refugees"
            left = Governor(Term(left.term.text, Category.HOSTED), left.first, left.last)
    if left and left.term.category is Category.HOSTED and np.term is not None:
        if np.term.term.category in EVENTS or (
            np.term.term.category is Category.DISPLACED and not _named_host(left.first, tokens)
        ):
            left = None  # "sites hosting 185,000 IDPs", "received 1,315 wounded patients"
    if left is not None:
        return _as_hosted(left, terms), left_modal
    if (
        right is not None
        and (right.term.category in NEEDS_PERSON or right.term.text in _THINGS_TOO)
        and np.things
    ):
        right = None  # "All 1,250 pilots returned to work", "300 artworks were taken to safety"
    if np.term is not None and words[q.last : q.last + 2] in (["of", "them"], ["of", "whom"]):
        return np.term, False  # "120 of them wounded": the part's own state
    if right is not None and right.term.category in RIGHT_WINS:
        return right, right_modal
    if np.term is not None:
        return np.term, False
    if right is not None:
        return right, right_modal
    near = _nearest(q, np, words, lex, terms, numbers)
    if near is None:
        return None, False
    if near.last <= q.first:
        near = _as_hosted(near, terms)
    return near, modal_before(near.first, words, lex)


# Terms that also take things: "manuscripts were brought to safety".
_THINGS_TOO = frozenset({"taken to safety", "brought to safety"})
_HOST_FILLERS = frozenset("which who that has have had already now currently , also".split())


def _named_host(first: int, tokens: Sequence[Token]) -> bool:
    """Whether a name hosts: "the Kurdistan Region, which has taken in 1.8 million displaced"
    (a host, so `hosted`), not "sites hosting 185,000 IDPs" (the displaced themselves)."""
    j = first - 1
    while j >= 0 and first - j <= 6 and tokens[j].lower in _HOST_FILLERS:
        j -= 1
    return j >= 0 and tokens[j].text[:1].isupper() and tokens[j].lower not in FUNCTION_WORDS


def _as_hosted(gov: Governor, terms: Terms) -> Governor:
    """A refugees noun a few words after a hosting verb counts those hosted: "Turkey hosts
    the most refugees, some 3.2 million"."""
    if gov.term.category is not Category.REFUGEES:
        return gov
    for start in range(max(0, gov.first - 6), gov.first):
        for _end, term in terms.get(start, ()):
            if term.category is Category.HOSTED:
                return Governor(Term(term.text, Category.HOSTED), gov.first, gov.last)
    return gov


_REPORTED = frozenset("said says told tells reported announced confirmed stated added".split())


def _left_term(
    q: Quantity,
    np: NounPhrase,
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
) -> Governor | None:
    end = q.first
    put = _put_at(end, words, terms)
    if put is not None:
        return put  # "the ministry put the number who had left at 68,000"
    changed = False
    for _ in range(6):
        if end <= 0:
            return None
        if words[end - 1] in CHANGE_VERBS:
            for t_end, term in terms.get(end - 1, ()):
                if t_end == end and term.after:
                    right = _find(words, term.after, q.last, np.last + 8)
                    if right is not None:  # "WFP reached 4.7 million people with food"
                        return Governor(term, end - 1, end, (right, right + len(term.after)))
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
        colon = words[end - 1] in (":", "-", "–") and (np.person or np.last == q.last)
        if words[end - 1] not in LEFT_LINKS and not colon:
            break  # a label's colon links a count: "Killed: 120"; not "Refugees: 3 ways"
        changed = changed or words[end - 1] in COPULAS
        end -= 1
    if not changed:
        return None
    # The subject of a level verb opens its clause: "The death toll from the strike on a house
    # in Nuseirat refugee camp has risen to 20" is a toll, not refugees. Take the first term.
    subject: Governor | None = None
    start = end - 1
    floor = max(-1, end - 30)
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
        if word in CLAUSE_BREAKS or word in _REPORTED:
            break  # "... told reporters that the number of boats ... has reached 120"
        if word in SUBORDINATORS:
            if subject is not None:
                break  # "... flee as toll rises to 68": the toll's clause is enough
            start -= 1  # the subject may carry a clause: "people who died after X ... rose to"
            continue
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
                if term.category in _MOVEMENT and _relative_before(words, i):
                    main = _main_predicate(t_end, words, terms)
                    if main is not None:
                        return main, modal  # "4,000 people who arrived ... have no shelter"
                return Governor(term, i, t_end), modal
        hit = lex.modals.match(words, i)
        if hit is not None:
            modal = not _hedged_past(words, i, hit[0])  # "may have died" is past
            i = hit[0]
            continue
        if words[i] == ",":
            i = _after_aside(i, words, terms)
            continue
        if words[i] in ("–", "—"):
            close = next((j for j in range(i + 1, min(n, i + 25)) if words[j] == words[i]), None)
            if close is not None:
                i = close + 1  # "650,000 people – 40 percent of the affected areas – need aid"
                continue
        if words[i] == "of" and i + 1 < n and words[i + 1] in ("them", "whom", "those"):
            i += 2  # "231 of them wounded"
            continue
        if words[i] in ("and", "or") and i + 1 < n:
            more = lex.units.match(words, i + 1)
            if more is not None:
                i = more[0]  # "600 refugees and migrants were being held"
                continue
        if words[i] == "(":
            close = next((j for j in range(i + 1, min(n, i + 25)) if words[j] == ")"), None)
            i = i + 1 if close is None else close + 1  # "300 people (including 44 ...) were"
            continue
        if words[i] == ")":
            i += 1
            continue
        if words[i] in AUX:
            i += 1
            continue
        if words[i] == "on" and i + 1 < n and words[i + 1] in WEEKDAYS:
            i += 2
            continue
        break
    return None, False


_MOVEMENT = frozenset({Category.FLED, Category.REFUGEES, Category.DISPLACED, Category.BESIEGED})


def _relative_before(words: Sequence[str], i: int) -> bool:
    """Whether the term at `i` opens a relative clause: "who fled", "who had been displaced"."""
    k = i - 1
    while k > 0 and i - k < 4 and words[k] in _RELATIVE_AUX:
        k -= 1
    return k >= 0 and words[k] in ("who", "that")


_RELATIVE_AUX = frozenset("have has had been were was are is".split())
_MAIN_WINS = RIGHT_WINS | {Category.EVACUATED}
_MAIN_VERBS = frozenset("are is were was have has had remain remains remained".split())


def _main_predicate(j: int, words: Sequence[str], terms: Terms) -> Governor | None:
    """The main verb's term past a relative clause that ends before `j + 10`: "people who
    arrived this week have no shelter", "families who fled the shelling were killed"."""
    for k in range(j, min(len(words), j + 10)):
        if words[k] in (",", ";", "and", "but", "while", "who", "that", "which"):
            return None
        for t_end, term in terms.get(k, ()):
            if not term.after and term.category is Category.RETURNED:
                return Governor(term, k, t_end)  # "people who had been displaced returned"
        if words[k] not in _MAIN_VERBS:
            continue
        m = k + 1
        while m < len(words) and m < k + 4 and words[m] in AUX:
            m += 1
        for t_end, term in terms.get(m, ()):
            if not term.after and term.category in _MAIN_WINS:
                if (
                    term.category is Category.MISSING
                    and t_end < len(words)
                    and words[t_end].isalpha()
                    and words[t_end] not in FUNCTION_WORDS
                ):
                    return None  # "who arrived were missing relatives": the verb to miss
                return Governor(term, m, t_end)
        return None
    return None


def _own_clause(words: Sequence[str], terms: Terms, lo: int, j: int) -> bool:
    """Whether the number at `j` opens a clause of its own ("..., and three people have
    died"), not a second subject of the same verb ("231 members of the security forces and
    250 fighters were also killed")."""
    if words[j - 1] != "and" or (j > 1 and words[j - 2] == ","):
        return True
    return any(not t.after for k in range(lo, j) for _e, t in terms.get(k, ()))


_PUT_VERBS = frozenset("put puts putting placed places".split())


def _put_at(end: int, words: Sequence[str], terms: Terms) -> Governor | None:
    """The term between "put" and "at N": "put the death toll at 45" (a level, stated)."""
    if end < 3 or words[end - 1] != "at":
        return None
    for p in range(end - 2, max(-1, end - 14), -1):
        if words[p] in CLAUSE_BREAKS or words[p] in (";", ".", ","):
            return None
        if words[p] in _PUT_VERBS:
            for k in range(end - 2, p, -1):  # the term nearest "at"
                for t_end, term in terms.get(k, ()):
                    if not term.after and t_end <= end - 1:
                        return Governor(term, k, t_end, subject=True)
            return None
    return None


def _part_before(words: Sequence[str], j: int) -> bool:
    """Whether the number at `j` is a part introduced by "including" (past its qualifier)."""
    k = j - 1
    while k >= 0 and j - k <= 3 and words[k] in ("some", "about", "around", "nearly", "over"):
        k -= 1
    return k >= 0 and words[k] in SUBTOTAL


_NUMBERISH = frozenset(
    "some about around nearly over more than million millions thousand thousands hundred "
    "billion m k".split()
)


def _bare_number(words: Sequence[str], j: int, start: int) -> bool:
    """Whether only the number stands between `j` and the term: "including 1.3 million IDPs",
    not "including 4,000 children were staying"."""
    return 0 < start - j <= 4 and all(w in _NUMBERISH or w[:1].isdigit() for w in words[j:start])


def _of_them(words: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the term at `hi` sits in a clause about a part of the figure ("half of them
    displaced"), not after an aside that closes first ("many of them Venezuelan, slept")."""
    for j in range(hi - 2, lo - 1, -1):
        if words[j] == ",":
            return False
        if words[j] == "of" and words[j + 1] in ("them", "whom", "those"):
            return True
    return False


def _after_aside(i: int, words: Sequence[str], terms: Terms) -> int:
    """Skip an aside between commas: "150 people, the whole population of X, were displaced"."""
    of_them = i + 3 < len(words) and words[i + 2 : i + 4] in (["of", "them"], ["of", "whom"])
    for j in range(i + 1, min(len(words), i + 25)):
        if words[j] == ",":
            return j + 1
        if (j in terms and not of_them) or words[j] in CLAUSE_BREAKS:
            break  # an aside may hold its own count's term: "1,156 people, 231 of them wounded,"
    return i + 1


def _hedged_past(words: Sequence[str], start: int, end: int) -> bool:
    """Whether a modal hedges the past: "may have died", "could have been killed"; not "may
    have to leave", "would have been killed" (a counterfactual) or "will have fled"."""
    return (
        words[start] in ("may", "might", "could")
        and words[end : end + 1] == ["have"]
        and words[end + 1 : end + 2] != ["to"]
    )


def modal_before(i: int, words: Sequence[str], lex: Lexicon) -> bool:
    """Whether a modal stands just before `i` in the same clause: "could displace 2 million";
    not "where 174,000 square km may be contaminated, at least 116 civilians were killed"."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if words[j] in (",", ";"):
            return False
        hit = lex.modals.match(words, j)
        if hit is not None:
            return not _hedged_past(words, j, hit[0])  # "may have been killed": past
    return False


def _nearest(
    q: Quantity,
    np: NounPhrase,
    words: Sequence[str],
    lex: Lexicon,
    terms: Terms,
    numbers: frozenset[int],
) -> Governor | None:
    if np.things:
        return None  # a count of something unknown: only a governing verb may claim it
    best: tuple[int, Governor] | None = None
    for start in range(max(0, q.first - NEAR_LEFT - 6), np.last + NEAR_RIGHT + 1):
        found = terms.get(start)
        if not found:
            continue
        t_end, term = found[0]
        if term.after or term.text in SHELTERING or term.category is Category.HOSTED:
            continue  # verbs of giving shelter govern only the number they take as object
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
        lo, hi = (np.last, start) if start >= np.last else (t_end, q.first)
        if distance > limit or any(w in CLAUSE_BREAKS for w in words[lo:hi]):
            continue
        if any(
            words[k] == "," and words[k + 1] in ("which", "who", "where", "whose")
            for k in range(lo, min(hi, len(words) - 1))
        ):
            continue  # "trapped in the enclave, which once held 250,000": another clause
        if start >= np.last and _of_them(words, lo, hi):
            continue  # "3 million live there, around half of them displaced": the half's term
        if any(
            lo <= j < hi
            and (
                (words[j - 1] in COORDINATORS and _own_clause(words, terms, lo, j))
                or (j > 1 and words[j - 2] in CLAUSE_JOINS and words[j - 1] == "that")
                # "3 million live there, including some 1.3 million IDPs": the part's noun
                or (start >= np.last and _part_before(words, j) and _bare_number(words, j, start))
            )
            for j in numbers
        ):
            continue  # "146 patients ..., and three people have died": the term is theirs
        if start >= np.last and t_end in numbers:
            continue  # "infected 500 people and killed 12": the verb has its own count
        if best is None or distance < best[0]:
            best = (distance, Governor(term, start, t_end))
    return best[1] if best else None


def next_sentence_governor(text: str, span: tuple[int, int], lex: Lexicon) -> Governor | None:
    """ "There are thousands of people from Azaz. They escaped from the Russians." """
    start, end = span
    head = text[start : min(end, start + 120)]
    tokens = tokenize(head)
    words = [t.lower for t in tokens]
    if not words or words[0].strip('"“') not in PRONOUN_OPENERS:
        if len(words) < 2 or words[1] not in PRONOUN_OPENERS:
            return None
    terms = term_hits(words, lex)
    right, _ = _right_term(1 if words[0] in PRONOUN_OPENERS else 2, words, lex, terms)
    return None if right is None else Governor(right.term, -1, -1)


def written_term(gov: Governor, tokens: Sequence[Token]) -> str:
    if gov.first < 0:
        return gov.term.text
    written = " ".join(t.text for t in tokens[gov.first : gov.last])
    if gov.right is not None:
        tail = " ".join(t.text for t in tokens[gov.right[0] : gov.right[1]])
        return f"{written} … {tail}"
    return written
