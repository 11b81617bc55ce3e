"""Loading and checking syrcli's vocabulary (data/lexicon.toml).

The file holds words only; this module turns them into phrase tables that the grammar in
`numbers` and `extract` looks up token by token, so matching stays linear in the text.

>>> table = PhraseTable([(("more", "than"), "over"), (("more",), "more")])
>>> table.match(["more", "than", "3,000"], 0)
(2, 'over')
>>> table.match_ending(["well", "more", "than"], 3)
(1, 'over')
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Generic, TypeVar

from syrcli.model import Category, Qualifier
from syrcli.tokens import TOKEN_PATTERN

T = TypeVar("T")
GAP = "…"


class LexiconError(ValueError):
    """The vocabulary file does not have the shape the grammar expects."""


class PhraseTable(Generic[T]):
    """Phrases of lower-cased tokens, looked up by their first (or last) token."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], T]]) -> None:
        self._forward: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._backward: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for words, payload in entries:
            self._forward.setdefault(words[0], []).append((words, payload))
            self._backward.setdefault(words[-1], []).append((words, payload))
        for table in (self._forward, self._backward):
            for options in table.values():
                options.sort(key=lambda entry: -len(entry[0]))  # longest phrase wins
        self.first_words = frozenset(self._forward)

    def match(self, words: Sequence[str], i: int) -> tuple[int, T] | None:
        """The longest phrase starting at `words[i]`: (index after it, payload)."""
        if i >= len(words):
            return None
        for phrase, payload in self._forward.get(words[i], ()):
            end = i + len(phrase)
            if end <= len(words) and tuple(words[i:end]) == phrase:
                return end, payload
        return None

    def match_all(self, words: Sequence[str], i: int) -> list[tuple[int, T]]:
        """Every phrase starting at `words[i]`, longest first."""
        if i >= len(words):
            return []
        return [
            (i + len(phrase), payload)
            for phrase, payload in self._forward.get(words[i], ())
            if tuple(words[i : i + len(phrase)]) == phrase
        ]

    def match_ending(self, words: Sequence[str], end: int) -> tuple[int, T] | None:
        """The longest phrase ending just before `words[end]`: (its start index, payload)."""
        if end <= 0:
            return None
        for phrase, payload in self._backward.get(words[end - 1], ()):
            start = end - len(phrase)
            if start >= 0 and tuple(words[start:end]) == phrase:
                return start, payload
        return None


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase that decides a category. `after` is what follows a `…` gap."""

    text: str
    category: Category
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    qualifiers_before: PhraseTable[Qualifier]
    qualifiers_after: PhraseTable[Qualifier]
    qualifiers_verbs: PhraseTable[Qualifier]  # "toll passes 7,000": over, after a level noun
    verb_subjects: frozenset[str]  # the level nouns: "toll", "arrivals"
    vague: PhraseTable[int]
    units: PhraseTable[str]
    not_people: frozenset[str]
    not_after: PhraseTable[bool]
    not_before: PhraseTable[bool]
    terms: PhraseTable[Term]
    modals: PhraseTable[bool]
    projection_markers: PhraseTable[bool]
    context: PhraseTable[bool]  # war, violence or disaster: what makes an article count
    sport: frozenset[str]  # words of a match report: "wickets", "goalkeeper", "league"
    term_words: frozenset[str]  # every word that begins a category term
    term_keys: frozenset[str]  # the longest word of every term: a sentence without one has none
    vocabulary: frozenset[str]  # every word the file knows


@cache
def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the lower-cased tokens the tokenizer would produce.

    >>> words_of("Worst-case")
    ('worst', '-', 'case')
    """
    return tuple(m.group().lower() for m in TOKEN_PATTERN.finditer(phrase))


_SHAPE: dict[str, Any] = {
    "qualifiers": {"before": dict, "after": dict, "verbs": dict, "verb_subjects": list},
    "vague": dict,
    "units": dict,
    "not_people": {"words": list, "after_phrases": dict, "before_phrases": dict},
    "categories": dict,
    "projection": {"modals": list, "sentence": list},
    "context": {"words": list, "sport": list},
}


def _check_shape(data: dict[str, Any], shape: dict[str, Any], where: str) -> None:
    unknown = set(data) - set(shape)
    missing = set(shape) - set(data)
    if unknown or missing:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    for key, expected in shape.items():
        if isinstance(expected, dict):
            _check_shape(data[key], expected, f"{where}.{key}")
        elif not isinstance(data[key], expected):
            raise LexiconError(f"{where}.{key}: expected {expected.__name__}")


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: expected a list of non-empty strings")
    return value


def _enum_keys(table: dict[str, Any], enum: type[Qualifier] | type[Category], where: str) -> None:
    allowed = {e.value for e in enum}
    bad = set(table) - allowed
    if bad:
        raise LexiconError(f"{where}: unknown names {sorted(bad)}; allowed: {sorted(allowed)}")


def _term(phrase: str, category: Category) -> tuple[tuple[str, ...], Term]:
    if GAP in phrase:
        before, _, after = phrase.partition(GAP)
        left, right = words_of(before), words_of(after)
        if not left or not right:
            raise LexiconError(f"categories.{category}: gap term {phrase!r} needs both sides")
        return left, Term(phrase, category, right)
    return words_of(phrase), Term(phrase, category)


def build(data: dict[str, Any]) -> Lexicon:
    """Check the parsed TOML and build the lookup tables."""
    _check_shape(data, _SHAPE, "lexicon")
    quals = data["qualifiers"]
    for side in ("before", "after", "verbs"):
        _enum_keys(quals[side], Qualifier, f"qualifiers.{side}")
    _enum_keys(data["categories"], Category, "categories")

    def qualifier_table(side: str) -> PhraseTable[Qualifier]:
        return PhraseTable(
            (words_of(p), Qualifier(name))
            for name, phrases in quals[side].items()
            for p in _strings(phrases, f"qualifiers.{side}.{name}")
        )

    for phrase, value in data["vague"].items():
        if not isinstance(value, int) or value <= 0:
            raise LexiconError(f"vague.{phrase}: expected a positive integer")
    terms: list[tuple[tuple[str, ...], Term]] = []
    for name, entry in data["categories"].items():
        if set(entry) != {"terms"}:
            raise LexiconError(f"categories.{name}: expected only 'terms'")
        terms.extend(_term(p, Category(name)) for p in _strings(entry["terms"], name))
    not_people = data["not_people"]
    vocabulary: set[str] = set()
    _collect(data, vocabulary)
    return Lexicon(
        qualifiers_before=qualifier_table("before"),
        qualifiers_after=qualifier_table("after"),
        qualifiers_verbs=qualifier_table("verbs"),
        verb_subjects=_single_words(
            _strings(quals["verb_subjects"], "qualifiers.verb_subjects"), "verb_subjects"
        ),
        vague=PhraseTable((words_of(p), v) for p, v in data["vague"].items()),
        units=PhraseTable(
            (words_of(p), unit)
            for unit, phrases in data["units"].items()
            for p in _strings(phrases, f"units.{unit}")
        ),
        not_people=frozenset(_strings(not_people["words"], "not_people.words")),
        not_after=PhraseTable(
            (words_of(p), True)
            for p in _strings(not_people["after_phrases"]["words"], "not_people.after_phrases")
        ),
        not_before=PhraseTable(
            (words_of(p), True)
            for p in _strings(not_people["before_phrases"]["words"], "not_people.before_phrases")
        ),
        terms=PhraseTable(terms),
        modals=PhraseTable(
            (words_of(p), True) for p in _strings(data["projection"]["modals"], "modals")
        ),
        projection_markers=PhraseTable(
            (words_of(p), True) for p in _strings(data["projection"]["sentence"], "sentence")
        ),
        context=PhraseTable(
            (words_of(p), True) for p in _strings(data["context"]["words"], "context.words")
        ),
        sport=_single_words(_strings(data["context"]["sport"], "context.sport"), "context.sport"),
        term_words=frozenset(words[0] for words, _ in terms if words[0].isalpha()),
        term_keys=frozenset(_key(words + t.after) for words, t in terms),
        vocabulary=frozenset(w for w in vocabulary if w.isalpha()),
    )


def _single_words(items: list[str], where: str) -> frozenset[str]:
    """Words of letters only, as an article is read for them: "half-time" would never match."""
    bad = [w for w in items if not w.isalpha()]
    if bad:
        raise LexiconError(f"{where}: not single words of letters: {bad}")
    return frozenset(w.lower() for w in items)


# Words too common to stand for a term when a sentence is screened for one.
_COMMON = frozenset(
    """have has had were was are is been being the their his her its to of in at on from
    with into out for still""".split()
)


def _key(words: tuple[str, ...]) -> str:
    """The word a sentence must hold for the term to match: its longest uncommon word."""
    candidates = [w for w in words if w.isalpha() and w not in _COMMON] or list(words)
    return max(candidates, key=len)


def _collect(value: object, into: set[str]) -> None:
    if isinstance(value, str):
        into.update(words_of(value.replace(GAP, " ")))
    elif isinstance(value, dict):
        for key, item in value.items():
            into.update(words_of(key))
            _collect(item, into)
    elif isinstance(value, list):
        for item in value:
            _collect(item, into)


@cache
def load() -> Lexicon:
    """The packaged vocabulary, parsed and checked once per process."""
    text = resources.files("syrcli").joinpath("data/lexicon.toml").read_text(encoding="utf-8")
    return build(tomllib.loads(text))
