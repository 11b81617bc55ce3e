"""Locations for figures: which place a figure is about, from its sentence or its article.

The gazetteer (syrcli/data/gazetteer.tsv, built by tools/build_gazetteer.py from GeoNames and
ISO 3166) and the curated names (syrcli/data/place_aliases.toml) are read on the first call
that needs them, never at import, so `syrcli --version` pays nothing for them.

Matching never compiles the names into a pattern: capitalised word n-grams of the text are
looked up in a dict (curated names) and by bisection in the sorted gazetteer lines. Each
mention then gets a *role* from the words before it ("from Aleppo" is an origin, "into Turkey"
a destination), and `locate` picks a mention by the figure's category, per the contract's
"Location" rules.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache, lru_cache
from typing import Any

import regex

from syrcli.model import Category

__all__ = ["ArticlePlaces", "Place", "article_places", "locate", "place_key"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    # "country", "region" or "city"; how specific the place is, for choosing among mentions.
    kind: str = "country"


class Role(IntEnum):
    """What a mention is to the sentence, read from the words just before it."""

    ORIGIN = 0  # from Aleppo, fled Khartoum, out of Mariupol
    IN = 1  # in Idlib, near Goma, across Sudan, the town of Azaz
    DEST = 2  # to Turkey, into Chad, reached Oncupinar, entered Poland
    DIRECTION = 3  # towards the Turkish border: where people head, not where they are
    SUBJECT = 4  # "Turkey hosts ...", "Chad, which has taken in ..."
    OTHER = 5  # possessives, "minister of Turkey", objects of other verbs
    REPORT = 6  # "told a briefing in Geneva": where it was said, never what it is about
    TAKEN = 7  # "flown to hospitals in Nepalgunj": where people were brought, not where hit


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    place: Place
    role: Role
    # "name" for a place name, "noun" for "Syrians", "adj" for "Syrian"/"Turkish border".
    form: str = "name"
    # For adjectives: the noun they modify ("government", "civilians", "border").
    head: str = ""
    # A capitalised name missing from the gazetteer, taken as a place from its context
    # ("the village of Chiuri", "Maqbanah district"); it never sets the article's place.
    guessed: bool = False
    # After "near": a landmark that locates the place, not the place itself.
    near: bool = False


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """What the article as a whole is about, for figures whose sentence names no place."""

    default: Place | None = None
    text: str = ""
    mentions: tuple[Mention, ...] = ()
    # Where the dateline ("BEIRUT, Feb 11 (Reuters) -") ends; its places are not the figures'.
    dateline_end: int = 0
    # Countries named with support from context, so "Jordan" alone elsewhere is the country.
    countries: frozenset[str] = field(default_factory=frozenset)
    # Each sentence's mentions in its own offsets, made once for all the sentence's figures.
    by_sentence: dict[tuple[int, int], list[Mention]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Where the dateline starts: it may follow the headline and a date line.
    dateline_start: int = 0
    # The city most named in the default's country: what "the capital" refers back to.
    capital: Place | None = None
    # Where the last sentence was found, when the caller gives no offsets (see locate).
    cursor: list[int] = field(default_factory=lambda: [0], compare=False, repr=False)


# --- normalising names -------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "’": "", "‘": "", "ʼ": "", "`": "",
        "´": "", "'": "", "ʿ": "", "ʾ": "", "ʻ": "", "-": " ", "‐": " ", "–": " ", ".": "",
    }
)  # fmt: skip


def place_key(name: str) -> str:
    """The lookup key of a place name: accents, case, apostrophes and hyphens folded.

    >>> place_key("Öncüpınar")
    'oncupinar'
    >>> place_key("Ma‘arrat al-Nu‘man")
    'maarrat al numan'
    >>> place_key("Cox's  Bazar")
    'coxs bazar'
    >>> place_key("Aj Jazirah"), place_key("Ash-Shaddadi")
    ('al jazirah', 'al shaddadi')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SUN_ARTICLE.sub("al ", " ".join(bare.lower().split()))


# Arabic "al-" is written as it is said before a sun letter ("Ar Raqqah", "Aj Jazirah",
# "Ash Sham"); one key for every spelling.
_SUN_ARTICLE = re.compile(r"\ba(j|[dnrstz]h?)\s(?=\1)")
_SUN_ALONE = re.compile(r"a(?:j|[dnrstz]h?)")


def same_place(a: str, b: str) -> bool:
    """Whether two names are one place in the gazetteer, however spelled: a compass word
    or a place type on one side only is allowed, as a lenient match allows it.

    >>> same_place("eastern DR Congo", "Democratic Republic of the Congo")
    True
    >>> same_place("Idleb province", "Idlib"), same_place("Deir Ezzor", "Deir ez-Zor city")
    (True, True)
    >>> same_place("Republic of the Congo", "DR Congo"), same_place("Zzyzxville", "Zzyzxville")
    (False, False)
    """
    x, y = _identity(a), _identity(b)
    if x is None or y is None or x[1] != y[1]:
        return False
    return x[0] == y[0] or not x[0] or not y[0]


def _identity(name: str) -> tuple[str, Place] | None:
    """A name's compass word and the gazetteer's place for the rest, if it knows it."""
    whole = _entry(place_key(name))
    if whole is not None:
        return "", whole.place
    words = name.split()
    head = words.pop(0).lower() if len(words) > 1 and words[0].lower() in _COMPASS else ""
    if len(words) > 1 and words[-1].lower() in _PLACE_TYPES:
        words.pop()
    entry = _entry(place_key(" ".join(words))) if words else None
    return (head.removesuffix("ern"), entry.place) if entry is not None else None


def is_people_noun(word: str) -> bool:
    """Whether `word` names the people of a country ("Syrians", "Afghans").

    >>> is_people_noun("Syrians"), is_people_noun("voters")
    (True, False)
    """
    entry = _entry(place_key(word))
    return entry is not None and entry.form == "noun"


def place_named(name: str) -> Place | None:
    """The gazetteer's place for a whole name, if it knows one ("Khazir" is Khazer)."""
    entry = _entry(place_key(name))
    return entry.place if entry is not None and entry.form == "name" else None


def name_like(text: str) -> bool:
    """Whether `text` could be a place's name the gazetteer lacks: capitalised words, no
    month, weekday or other word that is never a place ("Bakassi" yes; "January" no)."""
    return _looks_like_name(text, _data())


# --- loading the data (lazily, once) -----------------------------------------------------

_CURATED_KEYS = {"words", "place", "demonym"}
_PLACE_KEYS = {"name", "country", "kind", "aliases"}
_DEMONYM_KEYS = {"country", "adjective", "nouns"}
_WORD_KEYS = {"needs_context", "never", "not_places"}
_KINDS = {"country", "region", "city"}


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    trusted: bool  # a place without support from context
    form: str = "name"


@dataclass(frozen=True, slots=True)
class _Data:
    curated: dict[str, _Entry]
    blob: bytes  # gazetteer.tsv as read: decoding or splitting all of it costs 10-20 ms
    needs_context: frozenset[str]
    never: frozenset[str]
    adjectives: dict[str, str]  # ISO3 -> "Turkish"
    prefixes: frozenset[str] = frozenset()  # "cox" for "cox s bazar": curated names go on


def _check_keys(table: dict[str, object], allowed: set[str], what: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ValueError(f"place_aliases.toml: unknown keys in {what}: {sorted(unknown)}")


def compile_aliases(raw: dict[str, Any]) -> list[str]:
    r"""place_aliases.toml, checked against its schema, as the rows of place_aliases.tsv.

    Each row is `form key name ISO3 kind trusted`, tab-separated; the first row for a key
    wins. Parsing TOML costs more than the whole gazetteer, so the runtime reads these rows
    and tools/build_gazetteer.py writes them (a test checks that the two agree).

    >>> compile_aliases({"place": [{"name": "Idlib", "country": "SYR", "kind": "region",
    ...                             "aliases": ["Idleb"]}]})
    ['name\tidlib\tIdlib\tSYR\tregion\t1', 'name\tidleb\tIdlib\tSYR\tregion\t1']
    """
    _check_keys(raw, _CURATED_KEYS, "the file")
    words = raw.get("words", {})
    _check_keys(words, _WORD_KEYS, "[words]")
    needs = [place_key(w) for w in words.get("needs_context", [])]
    rows: list[str] = []
    for item in raw.get("place", []):
        _check_keys(item, _PLACE_KEYS, f"place {item.get('name')!r}")
        kind = str(item["kind"])
        if kind not in _KINDS:
            raise ValueError(f"place_aliases.toml: bad kind {kind!r} for {item['name']!r}")
        for spelling in [item["name"], *item.get("aliases", [])]:
            key = place_key(str(spelling))
            trusted = "0" if key in needs else "1"
            rows.append(f"name\t{key}\t{item['name']}\t{item['country']}\t{kind}\t{trusted}")
    for item in raw.get("demonym", []):
        _check_keys(item, _DEMONYM_KEYS, f"demonym {item.get('adjective')!r}")
        iso3, adjective = str(item["country"]), str(item["adjective"])
        rows.append(f"adj\t{place_key(adjective)}\t{adjective}\t{iso3}\tcountry\t1")
        for noun in item.get("nouns", []):
            rows.append(f"noun\t{place_key(noun)}\t{noun}\t{iso3}\tcountry\t1")
    for form, listed in (("none", "not_places"), ("ctx", "needs_context"), ("never", "never")):
        rows.extend(f"{form}\t{place_key(w)}\t{w}\t\t\t0" for w in words.get(listed, []))
    return rows


def _read_aliases(rows: list[str]) -> tuple[dict[str, _Entry], dict[str, str], _Words]:
    curated: dict[str, _Entry] = {}
    adjectives: dict[str, str] = {}
    needs: set[str] = set()
    never: set[str] = set()
    for row in rows:
        form, key, name, iso3, kind, trusted = row.split("\t")
        if form == "ctx":
            needs.add(key)
        elif form == "never":
            never.add(key)
        elif form == "none":
            curated[key] = _Entry(Place("", None), False, "none")  # "Rohingya" is no country
        else:
            if form == "adj":
                adjectives.setdefault(iso3, name)
            place = Place(name, iso3 or None, kind)
            curated.setdefault(key, _Entry(place, trusted == "1", form))
    return curated, adjectives, _Words(frozenset(needs), frozenset(never))


@dataclass(frozen=True, slots=True)
class _Words:
    needs_context: frozenset[str]
    never: frozenset[str]


@cache
def _data() -> _Data:
    from importlib import resources  # here, not at import: `syrcli --version` never needs it

    pkg = resources.files("syrcli") / "data"
    rows = (pkg / "place_aliases.tsv").read_text(encoding="utf-8").splitlines()
    curated, adjectives, words = _read_aliases(rows)
    # One read, no split: lookups bisect the bytes themselves (see _first_line_at).
    blob = (pkg / "gazetteer.tsv").read_bytes()
    prefixes = frozenset(
        key.rsplit(" ", n)[0] for key in curated for n in range(1, key.count(" ") + 1)
    )
    return _Data(curated, blob, words.needs_context, words.never, adjectives, prefixes)


def _first_line_at(blob: bytes, prefix: bytes) -> int:
    """The offset of the first line of sorted `blob` that is >= `prefix`, by bisection."""
    lo, hi = 0, len(blob)  # lo is always a line start
    while lo < hi:
        mid = (lo + hi) // 2
        line_start = blob.rfind(b"\n", 0, mid) + 1
        line_start = max(line_start, lo)
        line_end = blob.find(b"\n", line_start)
        if line_end < 0:
            line_end = len(blob)
        if blob[line_start:line_end] < prefix:
            lo = line_end + 1
        else:
            hi = line_start
    return lo


def _gazetteer(data: _Data, key: str) -> list[tuple[str, str, str, int]]:
    """All gazetteer entries for `key`: (name, ISO3, kind C/A/P, population), best first."""
    prefix = key.encode("utf-8") + b"\t"
    blob = data.blob
    i = _first_line_at(blob, prefix)
    out: list[tuple[str, str, str, int]] = []
    while blob.startswith(prefix, i):
        end = blob.find(b"\n", i)
        end = len(blob) if end < 0 else end
        _, name, iso3, kind, pop = blob[i:end].decode("utf-8").split("\t")
        out.append((name, iso3, kind, int(pop)))
        i = end + 1
    return out


@cache
def _country(iso3: str) -> Place:
    """The country's common English name, from the gazetteer's country entries."""
    data = _data()
    for spelling, entry in data.curated.items():
        if entry.form == "name" and entry.place.kind == "country" and entry.place.country == iso3:
            if place_key(entry.place.name) == spelling:
                return entry.place
    found = _gazetteer(data, "=" + iso3.lower())
    return Place(found[0][0] if found else iso3, iso3, "country")


def _lookup(data: _Data, key: str) -> _Entry | None:
    entry = data.curated.get(key)
    if entry is not None:
        if entry.form == "none":
            return None
        if entry.form != "name":
            return _Entry(_country(entry.place.country or ""), True, entry.form)
        return entry
    if key in data.never:
        return None
    found = _gazetteer(data, key)
    if not found:
        return None
    name, iso3, kind, pop = found[0]
    if kind == "C":
        return _Entry(Place(name, iso3, "country"), key not in data.needs_context)
    words = key.count(" ") + 1
    # Big cities and multi-word names are rarely anything else; small one-word towns often
    # share a spelling with an English word or a surname, so they need context.
    # A province keyed like its big capital ("Izmir") is as safe as the city.
    pop = max(pop, *(f[3] for f in found if f[1] == iso3))
    trusted = pop >= 1_000_000 or (words > 1 and (kind == "A" or pop >= 50_000))
    return _Entry(Place(name, iso3, "region" if kind == "A" else "city"), trusted)


# --- finding mentions --------------------------------------------------------------------

# A word: letters, with internal apostrophes ("Cox's", "Ma'arrat"). No nested quantifiers.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼʿʾ‘][^\W\d_]+)*")
# What may join the words of one name: a space or a hyphen, once ("Maarat al-Numan").
_JOIN = re.compile(r"[ \u00a0]?[-‐]?[ \u00a0]?")
_MAX_WORDS = 6
_PARTICLES = frozenset(
    "al el ad ed ash as ar an az ez es at ul de du des da do dos la le di".split()
)
# Title-case function words that end a run of capitalised words in a headline.
_FUNCTION = frozenset(
    "of in into to from the and or for at on by as with near across towards toward after "
    "over under amid a an".split()
)
_COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern north-east "
    "north-west south-east south-west north-eastern north-western south-eastern "
    "south-western".split()
)
_PLACE_TYPES = frozenset(
    "province provinces governorate governorates city town village villages region state "
    "district county oblast area areas countryside camp camps border borders crossing strip "
    "valley prefecture department municipality suburbs outskirts capital frontier side "
    "territory enclave island islands coast part parts".split()
)
_ORIGIN_WORDS = frozenset(
    "from fled flee flees fleeing left leaving leave leaves escaped escaping evacuated "
    "abandoned".split()
)
_DEST_WORDS = frozenset(
    "to into entered entering enter enters reached reaching reach arrived arriving".split()
)
_IN_WORDS = frozenset(
    "in at near inside across around within throughout outside on of via through off "
    "crossed crossing cross crosses "
    "between hit struck shelled bombed besieged captured recaptured seized attacked "
    "stormed raided overran overrun overruns pounded bombarded targeted".split()
)
_DIRECTION_WORDS = frozenset("towards toward".split())
_SKIPPABLE = frozenset(
    "the neighbouring neighboring nearby besieged embattled war-torn rebel-held occupied "
    "neighbour neighbor".split()
)
_REPORTING = frozenset(
    "said says told briefing briefed reporters conference talks summit meeting statement "
    "headquarters headquartered based press spoke speaking according".split()
)
_TITLES = frozenset(
    "minister president king queen ambassador envoy leader government governor mayor "
    "spokesman spokeswoman spokesperson chief head foreign people embassy".split()
)
_REFUGE = frozenset(
    "refuge shelter asylum sanctuary safety border resettled settled registered hosted "
    "living live sheltering arrived".split()
)
# Where the hurt and the sheltered are taken: "flown to hospitals in Nepalgunj".
_FACILITIES = frozenset(
    "hospital hospitals clinic clinics school schools shelter shelters hotel hotels centre "
    "centres center centers camp camps tents".split()
)
_ARRIVAL_BEFORE_IN = frozenset("arrived arriving arrive arrives landed".split())
# After a host country: "Turkey hosts", "Chad, which has taken in", "Poland has received".
_HOSTS = re.compile(
    r"""(?:['’]s)?,?\s(?:which\s|that\s|who\s)?
    (?:(?:has|have|had|been|is|was|now|already|currently|also|alone|continues\sto|continue\sto
      |still)\s){0,3}
    (?:host|taken\sin|took\sin|takes\sin|take\sin|received|receives|welcomed|sheltered
      |shelters|accommodat|absorbed|opened\sits|home\sto\s(?:some\s|about\s|more\sthan\s)?\d)""",
    re.VERBOSE | re.IGNORECASE,
)
# Nouns after a nationality adjective that make it the place where things happen
# ("Syrian government troops", "the Turkish border"), as against its weapons.
_STATE_HEADS = frozenset(
    "government regime army forces troops authorities officials ministry border "
    "frontier territory soil town city village province region capital coast state "
    "military police president authority red "
    # an event named by its country: "Greek shipwreck death toll rises to 78"
    "shipwreck earthquake quake floods flood war conflict crisis disaster cyclone revolution "
    "uprising insurgency".split()
)
_ONWARD = re.compile(r"[^,;]{0,40}?\s(?:to|into)\s")
_CROSSING_AFTER = re.compile(r"\s(?:border\s)?crossing\b")
_SOURCE_WORDS = frozenset("figures data according from said says statement".split())
_SEATS = frozenset("ministry ministries headquarters embassy consulate".split())
_DWELLERS = frozenset("residents inhabitants villagers natives people population".split())
_DISTANCES = frozenset("km kilometres kilometers miles metres meters".split())
_VICTIM_HEADS = frozenset(
    "civilians people refugees children women men families nationals citizens migrants "
    "residents villagers workers soldiers asylum".split()
)
# "on the Armenian side" is a party to a fight, not a place: no "side" here.
# "Turkish border guards": people of the border service, not the border
_BORDER_PEOPLE = re.compile(
    r"\s(?:border|frontier)\s(?:guards?|police|forces|troops|officials|authorities|agents)\b"
)
_BORDER_HEADS = frozenset("border frontier territory soil".split())
_HYPHEN_ATTRIBUTES = frozenset(
    "based born backed led controlled held run bound made occupied affected hit administered "
    "installed allied aligned".split()
)


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return 0 < len(gap) <= 3 and _JOIN.fullmatch(gap) is not None


def _cap(word: str) -> bool:
    return word[:1].isupper()


def _words_before(text: str, pos: int, n: int) -> list[str]:
    """Up to `n` lower-cased words before `pos`, nearest first, within the same clause."""
    chunk = text[max(0, pos - (40 if n == 1 else 80)) : pos]
    if n == 1:
        # The nearest word only: most calls, and cheap from the right end of the chunk.
        m = _LAST_WORD.search(chunk)
        return [m.group(1).lower()] if m else []
    out: list[str] = []
    for w in reversed(_BEFORE_TOKENS.findall(chunk)):
        if w in ".;:!?\n":
            break
        out.append(w.lower())
        if len(out) == n:
            break
    return out


_BEFORE_TOKENS = re.compile(r"[\w'’-]+|[.;:!?\n]")
_LAST_WORD = re.compile(r"(?<![\w'’-])([\w'’-]+)[^\w'’.;:!?\n-]*\Z")


def _role(text: str, start: int, end: int) -> tuple[Role, str | None]:
    """The mention's role and its compass modifier ("northern"), from the words before it."""
    before = _words_before(text, start, 8)
    modifier: str | None = None
    i = 0
    while i < len(before) and (before[i] in _SKIPPABLE or before[i] in _COMPASS):
        if before[i] in _COMPASS and modifier is None:
            modifier = before[i]
        i += 1
    # "the Idlib towns of Ariha": the place type is part of the phrase, look past it.
    if i + 1 < len(before) and before[i] == "of" and before[i + 1] in _PLACE_TYPES:
        # The verb that governs the phrase, at most three words back ("fleeing other parts of").
        for j in range(i + 2, min(len(before), i + 5)):
            if before[j] in _ORIGIN_WORDS | _DEST_WORDS | _DIRECTION_WORDS:
                i = j
                break
    word = before[i] if i < len(before) else ""
    if _HOSTS.match(text, end):
        return Role.SUBJECT, modifier  # "Turkey, which has already taken in", "Chad hosts"
    if word in ("in", "at") and any(w in _REPORTING for w in before[i + 1 : i + 5]):
        return Role.REPORT, modifier
    if (
        word in ("in", "at")
        and i + 1 < len(before)
        and before[i + 1] in _SEATS
        and any(w in _SOURCE_WORDS for w in before[i + 2 : i + 6])
    ):
        return Role.REPORT, modifier  # "figures from the health ministry in Damascus"
    if word == "of" and i + 1 < len(before) and before[i + 1] == "out":
        return Role.ORIGIN, modifier
    if word == "of" and i + 1 < len(before) and before[i + 1] in _DWELLERS:
        return Role.IN, modifier  # "5,000 residents of Petobo": where they live
    if word == "from" and i + 1 < len(before) and before[i + 1] in _DISTANCES:
        return Role.OTHER, modifier  # "a camp a few kilometres from Torkham": a landmark
    if (
        word in ("in", "at")
        and i + 1 < len(before)
        and before[i + 1] in _FACILITIES
        and any(w in _REFUGE or w in ("to", "into") for w in before[i + 2 : i + 5])
    ):
        return Role.TAKEN, modifier  # "taken to hospitals in", "sheltering in schools in"
    if word in ("in", "at") and i + 1 < len(before) and before[i + 1] in _ARRIVAL_BEFORE_IN:
        return Role.DEST, modifier
    if word in _ORIGIN_WORDS:
        return Role.ORIGIN, modifier
    if word in _DEST_WORDS:
        return Role.DEST, modifier
    if word in _DIRECTION_WORDS or (
        word in ("across", "through", "via")
        and _CROSSING_AFTER.match(text, end)
        and _ONWARD.match(text, end)  # "... crossing to hospitals in Reyhanli"
    ):
        return Role.DIRECTION, modifier  # "taken across the Bab al-Hawa crossing to Turkey"
    if word == "of" and i + 1 < len(before) and before[i + 1] in _TITLES:
        return Role.OTHER, modifier  # "foreign minister of Turkey" is a person's title
    if word in ("in", "at") and i + 1 < len(before) and before[i + 1] in _REFUGE:
        return Role.DEST, modifier  # "sought refuge in Turkey": the host
    if word in _IN_WORDS:
        return Role.IN, modifier
    return Role.OTHER, modifier


def _supported(text: str, start: int, end: int, prev: Mention | None) -> bool:
    """Whether the words around an ambiguous name make it a place ("in Jordan")."""
    before = _words_before(text, start, 4)
    i = 0
    while i < len(before) and (before[i] in _SKIPPABLE or before[i] in _COMPASS):
        i += 1
    word = before[i] if i < len(before) else ""
    context = _ORIGIN_WORDS | _DEST_WORDS | _IN_WORDS | _DIRECTION_WORDS
    if word in context or (i > 0 and before[i - 1] in _COMPASS):
        return True
    if (
        prev is not None
        and start - prev.end <= 6
        and not _SENTENCE_END.search(text, prev.end, start)
        and (word in ("and", "or", "") or text[prev.end : start] in (", ", ", and ", ", or "))
    ):
        return True  # "Turkey and Jordan", "Ariha, Saraqib", "Assam, Bihar"
    if (
        prev is not None
        and prev.place.kind == "country"
        and text[prev.end : start] in ("'s ", "’s ")
        and _lookup_country(text, start, end) == prev.place.country
    ):
        return True  # "Indonesia's Aceh": a place of that country, so named
    after = text[end : end + 30]
    next_word = after.lstrip(" ").split(" ", 1)[0].strip(",.;:").lower()
    if next_word in _PLACE_TYPES or after.startswith(" (") or _HOSTS.match(text, end):
        return True
    if (
        (start == 0 or text[start - 1] == "\n")
        and text[start:end].isupper()
        and after[:1] in (",", "(")
    ):
        return True  # a dateline: "ANTAKYA, Feb 7 (Reuters) -"
    if _APPOSITION.match(text, end):
        return True
    return bool(re.match(r", (?:the )?[A-Z][a-z]+ (?:province|region|state|governorate)", after))


def _lookup_country(text: str, start: int, end: int) -> str | None:
    entry = _entry(_key(text[start:end]))
    return entry.place.country if entry is not None else None


# Lower-case words that may sit inside a name ("Port-au-Prince", "Bosnia and Herzegovina",
# "Rio de Janeiro", "Democratic Republic of the Congo"); any other one ends a run of names.
_CONNECTORS = sorted(
    _PARTICLES
    | set(
        "of the and de do del dos das di du des la las le les los sur sous am an im der den "
        "en in on nad na i e y a ob pri bei ye es ez upon bin ibn au aux".split()
    ),
    key=len,
    reverse=True,
)
# Runs of capitalised words are all _scan reads: lower-case prose is skipped by the regex
# engine, not word by word in Python. Runs that only a connector parts are joined afterwards.
_CAPS = regex.compile(
    r"""\p{Lu}\p{L}*(?:['’ʼʿʾ‘]\p{L}+)*           # a capitalised word: Aleppo, Cox's
    (?:[ \u00a0]?[-‐]?[ \u00a0]?                 # a space and/or a hyphen
       \p{Lu}\p{L}*(?:['’ʼʿʾ‘]\p{L}+)*)*         # and the next capitalised word""",
    regex.VERBOSE,
)
# What may stand between two capitalised words of one name, and before the first one.
_CONNECTOR_SET = frozenset(_CONNECTORS)
_CONN = "|".join(_CONNECTORS)
_CONNECTED = re.compile(
    rf"(?:[ \u00a0]?[-‐]?[ \u00a0]?(?:{_CONN}|[a-z]['’][^\W\d_]+))+[ \u00a0]?[-‐]?[ \u00a0]?"
)
_LEADING = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_CONN})[ \u00a0]?[-‐][ \u00a0]?"
    rf"|(?:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))})[ \u00a0])+\Z"
)


def _after_particle(text: str, s: int) -> bool:
    """Whether the word just before `s` is a connector ("al-", "de "): a cheap first look."""
    e = s - 1
    if e < 1 or text[e] not in " -‐\u00a0":
        return False
    if text[e - 1] in " -‐\u00a0":
        e -= 1
    b = e
    while b > 0 and e - b < 5 and text[b - 1].isalpha():
        b -= 1
    return text[b:e].lower() in _CONNECTOR_SET or text[b:e][1:2] in ("'", "’")


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that may hold names: capitalised runs, joined over "of the",
    "al-", "de" ("Rio de Janeiro"), with a leading particle ("al-Hol")."""
    out: list[tuple[int, int]] = []
    for m in _CAPS.finditer(text):
        s, e = m.span()
        if s and text[s - 1].isalpha():
            continue  # the tail of a word: "McDonald" is one token, "xAbc" none
        particle = _after_particle(text, s)
        if particle and out and s - out[-1][1] <= 16 and _CONNECTED.fullmatch(text, out[-1][1], s):
            out[-1] = (out[-1][0], e)
            continue
        # A particle is a short word just before: look only when there is one.
        lead = _LEADING.search(text, max(0, s - 12), s) if particle else None
        out.append((lead.start() if lead else s, e))
    return out


@lru_cache(maxsize=1 << 16)
def _entry(key: str) -> _Entry | None:
    """`_lookup`, once per key: a name is looked up once per process, not once per mention."""
    return _lookup(_data(), key)


@lru_cache(maxsize=1 << 16)
def _longer(key: str) -> bool:
    """Whether any name continues `key` with another word, so a longer n-gram is worth trying."""
    data = _data()
    if key in data.prefixes:
        return True
    if _SUN_ALONE.fullmatch(key):
        return _longer("al")  # "Ar Raqqah" is keyed "al raqqah"
    prefix = key.encode("utf-8") + b" "
    return data.blob.startswith(prefix, _first_line_at(data.blob, prefix))


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    return place_key(name)


def _scan(text: str, data: _Data) -> list[Mention]:
    """Every place mention in `text`, in order."""
    mentions: list[Mention] = []
    known: set[str] = set()  # names guessed as places so far
    for s, e in _runs(text):
        rel_tokens, hits = _run_names(text[s:e])
        tokens = [(s + a, s + b) for a, b in rel_tokens]
        if not hits:
            if _worth_guessing(text, s, e, tokens, known):
                _guess(text, tokens, data, mentions, known)
            continue
        lead = hits[0][0]
        if lead >= 2 and text[tokens[lead - 1][0] : tokens[lead - 1][1]] in ("in", "of", "near"):
            # "an air strike on Kafr Zita in Hama province": a name the gazetteer lacks,
            # then a known one
            head = tokens[: lead - 1]
            if _worth_guessing(text, s, head[-1][1], head, known):
                _guess(text, head, data, mentions, known)
        found = len(mentions)
        for i, j, rel_end, entry in hits:
            start, end = tokens[i][0], s + rel_end
            if not _run_ok(text, tokens, i, j, entry) or text[end : end + 1] in _CURRENCY:
                continue  # "US$ 375" is money, "Syria Deeply" a name
            prev = mentions[-1] if mentions else None
            if not entry.trusted and not _supported(text, start, end, prev):
                continue
            if (
                i
                and entry.form == "name"
                and entry.place.kind != "country"  # "North and East Syria" is an authority
                and _compass_before(text, tokens[i - 1], start)
            ):
                # "West Darfur", "South Kordofan": a part of the region the name alone is
                start = tokens[i - 1][0]
                name = f"{text[start : tokens[i - 1][1]]} {entry.place.name}"
                entry = _Entry(Place(name, entry.place.country, "region"), entry.trusted)
            mention = _mention(text, start, end, entry, prev)
            if (
                prev is not None
                and _CONTAINS.fullmatch(text[prev.end : start])
                and _KIND_RANK[entry.place.kind] >= _KIND_RANK[prev.place.kind]
            ):
                mentions.pop()  # "the Idlib towns of Ariha": Ariha is the place meant
                prev = mentions[-1] if mentions else None
            if prev is not None and mention.form == "name":
                gap = text[prev.end : start]
                if (
                    gap in ("'s ", "’s ")
                    and mention.place.country == prev.place.country
                    and prev is mentions[-1]
                ):
                    # "China's Yunnan province": the inner place, in the owner's role; the
                    # owner stays, for what the article is about, in no role of its own.
                    mentions[-1] = dataclasses.replace(prev, role=Role.OTHER)
                    mention = dataclasses.replace(mention, role=prev.role)
                elif gap in (", ", ", the ") and _OWNER_APPOSITION.match(text, end):
                    # "In Ganja, Azerbaijan's second-largest city,": the owner only says
                    # where the place before it is.
                    mention = dataclasses.replace(mention, role=Role.OTHER)
                elif (
                    _WITHIN.fullmatch(gap)
                    or _NEAR_GAP.match(gap)  # "in Kiambaa, near Eldoret": a landmark
                    or _EDGE_OF.fullmatch(gap)  # "in Mugunga, on the western edge of Goma"
                    or (
                        (_IN_WIDER.fullmatch(gap) or _TYPE_IN_WIDER.fullmatch(gap))
                        and prev.place.country in (None, mention.place.country)
                        and _KIND_RANK[mention.place.kind] < _KIND_RANK[prev.place.kind]
                    )
                    or (
                        # "an attack on Khan Sheikhoun in Idlib province": the province
                        # says where the town is
                        _BARE_IN.fullmatch(gap)
                        and prev.place.kind == "city"
                        and (mention.place.kind == "region" or _REGION_AFTER.match(text, end))
                        and mention.place.country is not None
                        and prev.place.country in (None, mention.place.country)
                    )
                ):
                    # "Nowshera district of Khyber Pakhtunkhwa", "El Geneina, the capital of
                    # West Darfur", "In Jabalia, in northern Gaza": the wider place only
                    # locates the narrower one.
                    mention = dataclasses.replace(mention, role=Role.OTHER, near=True)
            mentions.append(mention)
        if len(mentions) == found and (
            _of_type(text, s) or _worth_guessing(text, s, e, tokens, known)
        ):
            # "the village of Cherkaska Lozova", "near Ayia Napa": a place the gazetteer
            # lacks, though a word of it ("Lozova", "Napa") names some other place.
            _guess(text, tokens, data, mentions, known)
        last = mentions[-1] if mentions and mentions[-1].start >= s else None
        if _TYPE_AFTER.match(text, e) and (
            last is None or text[last.end : last.end + 3] in ("'s ", "’s ")
        ):
            # "the Islam Qala border post" (Qala alone is in Malta), "Assam's Cachar
            # district": the rest of the run is a place the gazetteer lacks.
            rest = [t for t in tokens if last is None or t[0] > last.end]
            _guess(text, rest, data, mentions, known)
            if last is not None and mentions[-1] is not last:
                inner = mentions[-1]
                mentions[-2:] = [
                    dataclasses.replace(last, role=Role.OTHER),
                    dataclasses.replace(inner, role=last.role),
                ]
    return mentions


_COMPASS_NAMES = frozenset(w.title() for w in _COMPASS if "-" not in w) | {"Upper", "Lower"}


def _compass_before(text: str, token: tuple[int, int], start: int) -> bool:
    """Whether a capitalised compass word stands right before a name: "West Darfur"."""
    return token[1] + 1 == start and text[token[0] : token[1]] in _COMPASS_NAMES


# "Kiambaa, near Eldoret", "the Zaatari camp, near the Syrian border": a landmark after it.
_NEAR_GAP = re.compile(r"(?:\s[a-z]{1,20})?,\snear\s")


def _worth_guessing(
    text: str, s: int, e: int, tokens: list[tuple[int, int]], known: set[str]
) -> bool:
    """Cheap first look: could a run the gazetteer does not know be a place?"""
    return bool(
        _GUESS_HINT.search(text, max(0, s - 12), s)
        or _TYPE_AFTER.match(text, e)
        or (len(tokens) > 1 and not text[s:e].istitle())
        or (len(tokens) > 1 and text[s : tokens[0][1]] in _LOCATIVE_CAPS)
        or (known and _key(text[tokens[0][0] : tokens[0][1]]) in known)
        or _APPOSITION.match(text, e)
    )


_WITHIN = re.compile(
    r"""\s(?:district|province|region|state|county|valley|governorate|oblast|department
       |municipality|prefecture)\sof\s(?:the\s)?
       (?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)
          (?:ern)?\s)?
    | ,\s(?:the\s)?(?:provincial\s|regional\s|state\s)?capital\sof\s(?:the\s)?""",
    re.VERBOSE,
)


_EDGE_OF = re.compile(
    r",\s(?:just\s)?(?:outside|on\sthe\s(?:[a-z-]{1,20}\s)?(?:edge|edges|outskirts|fringes?)\sof)"
    r"\s(?:the\s)?(?:city\sof\s|town\sof\s)?"
)
_BARE_IN = re.compile(r"\sin\s(?:the\s)?(?:(?:north|south|east|west|central)(?:ern)?\s)?")
_IN_WIDER = re.compile(r",\s(?:in|near)\s(?:the\s)?(?:[a-z]{1,30}(?:-[a-z]{1,30})?\s)?")


# A name the gazetteer lacks is taken for a place only where news names small places:
# "the village of Chiuri", "Maqbanah district", "villages such as Aita al-Shaab", "in Jajarkot".
_TYPE_AFTER = re.compile(
    r"\s(?:refugee\s|relief\s|displacement\s|IDP\s|border\s)?(?:district|village|town|camp|commune"
    r"|municipality|locality|county|zone|region|province|governorate|neighbourhood"
    r"|neighborhood|settlement|sub-district|area|crossing|border\scrossing|valley"
    r"|border\spost|site|detention\scentre|detention\scenter|reception\scentre"
    r"|reception\scenter|transit\scentre|transit\scenter)\b"
)
_TYPE_BEFORE = frozenset(
    "village villages town towns city cities commune communes district districts localities "
    "locality settlement settlements camp camps neighbourhood neighbourhoods neighborhood "
    "neighborhoods municipality municipalities area areas site sites kibbutz island islands "
    "islet islets isle".split()
)
# "the Greek island of Samos", "the Turkish town of Akcakale": the adjective gives the country.
_TYPES = "|".join(sorted(_TYPE_BEFORE))
_NATIONAL_TYPE = re.compile(rf"\s(?:[\w-]{{1,40}}\s){{0,2}}?(?:{_TYPES})\sof\s\Z")
# "Ratnapura, a gem-mining district", "Jandaris, the town worst hit": an apposition says what
# a name the gazetteer lacks (or holds as something ambiguous) is.
_APPOSITION = re.compile(rf",\s(?:a|an|the)\s(?:[\w-]{{1,40}}\s){{0,3}}?(?:{_TYPES})\b")
_OWNER_APPOSITION = re.compile(rf"['’]s\s(?:[\w-]{{1,40}}\s){{0,3}}?(?:{_TYPES}|port|capital)\b")
# "the Palanca crossing on Moldova's southern border", "a camp in Nangarhar province"
_TYPE_IN_WIDER = re.compile(
    rf"\s(?:[\w-]{{1,40}}\s)?(?:{_TYPES}|crossing|camp),?\s(?:in|on|near)\s(?:the\s)?"
    # a compass word or another modifier: "in northern Gaza", "in the occupied West Bank"
    r"(?:[a-z]{1,30}(?:-[a-z]{1,30})?\s)?"
)
# Where people go back or are sent: "returned to Solino", "deported to Gonaives".
_MOVED = frozenset(
    "returned return returning fled moved relocated deported evacuated displaced went".split()
)
# Cheap first look before _guess: a word before the run that could make it a place.
_GUESS_HINT = re.compile(
    r"\b(?:in|at|near|from|outside|off|of|as|on|fled|fleeing|escaped|evacuated"
    r"|(?:returned|deported|moved|relocated)\s(?:to|into))\s(?:the\s)?$",
    re.IGNORECASE,
)
_LOCATIVE = frozenset("in at near from outside off".split())
# A sentence that opens on a place: "At Nyarugusu, which shelters", "In Zindajan alone".
_LOCATIVE_CAPS = frozenset("In At Near Outside".split())
# Capitalised words that are institutions or titles, not places ("Al-Aqsa Martyrs Hospital").
_INSTITUTIONS = frozenset(
    "hospital school university ministry council committee agency programme program office "
    "fund bank forces force army party front movement group brigade company hotel stadium "
    "court parliament congress senate cabinet assembly commission mission institute centre "
    "center church mosque airport station phase report plan house government administration "
    "authority authorities police military".split()
)


def _guess(
    text: str,
    tokens: list[tuple[int, int]],
    data: _Data,
    out: list[Mention],
    known: set[str],
) -> None:
    """Names in a run the gazetteer knows nothing of: "in Jajarkot and Rukum West district"."""
    # Parts joined by "and"/"or" share the first one's context ("in Jajarkot and Rukum West");
    # other lower-case words ("Kostiantynivka on Sunday") and a sentence's "In" start afresh.
    parts: list[tuple[int, int, bool]] = []
    first, chained = 0, False
    for k, (a, b) in enumerate([*tokens, (len(text), len(text))]):
        word = text[a:b]
        if k == len(tokens) or (word.lower() in _FUNCTION and (k == first or not _cap(word))):
            if first < k:
                parts.append((tokens[first][0], tokens[k - 1][1], chained))
            first, chained = k + 1, word in ("and", "or")
    ok = False
    for s, e, joined in parts:
        if e - s > 40 or not _looks_like_name(text[s:e], data):
            ok = False
            continue
        after = _HYPHENED.match(text, e)
        if after is not None and after.group(1).lower() in _HYPHEN_ATTRIBUTES:
            ok = False
            continue  # "Government-controlled areas", "Houthi-held"
        ok = (ok and joined) or _key(text[s:e]) in known or _unknown_place(text, s, e)
        if not ok:
            continue
        known.add(_key(text[s:e]))  # a place once is a place throughout the article
        prev = out[-1] if out else None
        country = None
        if prev is not None and prev.form == "adj" and _NATIONAL_TYPE.fullmatch(text, prev.end, s):
            country = prev.place.country
        entry = _Entry(Place(text[s:e], country, "city"), True)
        out.append(dataclasses.replace(_mention(text, s, e, entry, prev), guessed=True))


# Words that begin many Arabic and Spanish place names but are never a place alone.
_NAME_HEADS = frozenset(
    "ras bab tal tell deir kafr umm abu ain beit bir khan wadi jabal san santa sao saint".split()
)
# Of those, the words for a landform or settlement; not "Abu", "Umm" or a saint (a person's).
_LANDFORM_HEADS = _NAME_HEADS - frozenset("umm abu san santa sao saint".split())
_APOSTROPHE_S = re.compile(r"['’]s?\Z")


def _looks_like_name(name: str, data: _Data) -> bool:
    if _key(name) in data.never:
        return False  # "fled Islamic State": a name that is never a place, as a whole
    words = name.replace("-", " ").split()
    # "al-Durayhimi", "Al-Maghar": an article joined by a hyphen starts many Arabic names.
    hyphened = _LEADING_ARTICLE.match(name) is not None
    if name.isupper() or not words or len(words) > 3 or not (_cap(words[0]) or hyphened):
        return False
    # "Deir Hassan", "Tal Hamid": after a word for a landform or settlement, a given name
    # is part of the place's name, not a person.
    landform = len(words) > 1 and words[0].lower() in _LANDFORM_HEADS
    for n, w in enumerate(words):
        k = _key(_APOSTROPHE_S.sub("", w))  # "in Saturday's attack" is a day, not a place
        low = w.lower()
        if len(words) > 1 and (
            (n == 0 and (low in _NAME_HEADS or hyphened)) or (n and low in _PARTICLES)
        ):
            continue  # "Bab al-Salam", "Tal Abyad": no place alone, the start of many
        if (k in data.never and not landform) or k in data.curated or low in _INSTITUTIONS:
            return False
        if (low in _COMPASS and n == 0) or (low in _FUNCTION and _cap(w)):
            return False
    return True


_ATTACKS = frozenset("attack attacks raid raids strike strikes assault offensive".split())
# What a leader or group has: "Haftar's forces", "Assad's regime", "Hemedti's men".
_FOLLOWERS = _ATTACKS | frozenset(
    "forces fighters troops militia militias army men supporters loyalists regime government "
    "rule push campaign bombardment shelling".split()
)
_NEXT_WORD = re.compile(r"\s([A-Za-z]{1,30})")
_FLED = frozenset("fled fleeing escaped evacuated".split())
# A name that is the whole object of "fled": what follows ends the phrase.
_OBJECT_END = re.compile(
    r"\s?(?:[,.;:)]|$|\s(?:and|or|for|to|towards|toward|into|in|on|at|after|amid|over|since"
    r"|during|when|as|with|last|this|earlier|overnight|district|city|town|village|province"
    r"|region|camp|area)\b)"
)
_LEADING_ARTICLE = re.compile(r"(?:[Aa][ln]|[Ee]l)-[A-Z]")
# "in the Fori, Gwange and Bulabulin areas": each name of the list is a place of that type.
_LISTED_TYPE = re.compile(
    r"(?:,\s(?:[A-Z][\w'’-]{1,30}\s){0,2}?[A-Z][\w'’-]{1,30}){0,6},?\s(?:and|or)\s"
    r"(?:[A-Z][\w'’-]{1,30}\s){0,2}?[A-Z][\w'’-]{1,30}\s(?:areas|districts|villages|towns"
    r"|neighbou?rhoods|camps|provinces|governorates|regions|states|counties|sub-districts"
    r"|municipalities|localities|communes|settlements)\b"
)


def _unknown_place(text: str, s: int, e: int) -> bool:
    if _TYPE_AFTER.match(text, e) or _APPOSITION.match(text, e):
        return True
    before = _words_before(text, s, 4)
    if text[e - 2 : e] in ("'s", "’s"):
        follower = _NEXT_WORD.match(text, e)
        if (before and before[0] == "of") or (
            follower is not None and follower.group(1).lower() in _FOLLOWERS
        ):
            return False  # "17 of Haftar's fighters", "the toll from Haftar's offensive"
    if len(before) >= 2 and before[0] == "of" and before[1] in _TYPE_BEFORE:
        return True
    if len(before) >= 3 and before[:2] == ["as", "such"] and before[2] in _TYPE_BEFORE:
        return True
    if len(before) >= 2 and before[0] == "on" and before[1] in _ATTACKS:
        return True  # "the attack on Mazeze"
    if len(before) >= 2 and before[0] in ("to", "into") and before[1] in _MOVED:
        return True  # "returned to Solino"
    if len(before) >= 2 and before[0] == "of" and (before[1] in _DWELLERS or before[1] == "out"):
        return True  # "residents of Gwange", "streamed out of Kafr Batna"
    if _LISTED_TYPE.match(text, e):
        return True
    if before and before[0] in _FLED and _OBJECT_END.match(text, e):
        return True  # "fled Pont-Sondé and nearby villages"; not "fled Boko Haram attacks"
    return bool(before) and before[0] in _LOCATIVE and text[e : e + 2] != " ("


_Hit = tuple[int, int, int, _Entry]  # first and last token, where the name ends, its entry


@lru_cache(maxsize=1 << 14)
def _run_names(run: str) -> tuple[list[tuple[int, int]], list[_Hit]]:
    """The tokens of a run of capitalised words and the names in it, longest first from
    the left. Pure in the run's text, so "the United Nations" is parsed once per process."""
    data = _data()
    tokens = [m.span() for m in _WORD.finditer(run)]
    hits: list[_Hit] = []
    n = len(tokens)
    i = 0
    while i < n:
        s, e = tokens[i]
        first = run[s:e]
        if not (_cap(first) or first.lower() in _PARTICLES):
            i += 1
            continue
        # The longest name starting here: extend word by word while some name goes on.
        hit: _Hit | None = None
        j = i
        while j < n and j - i < _MAX_WORDS:
            if j > i and not _joined(run, tokens[j - 1][1], tokens[j][0]):
                break
            span_end = tokens[j][1]
            word = run[tokens[j][0] : span_end]
            key = _key(run[s:span_end])
            if _cap(word) or word.isupper():
                keys = [(key, span_end)]
                if word[-2:] in ("'s", "’s"):
                    keys.insert(0, (_key(run[s : span_end - 2]), span_end - 2))
                for k, k_end in keys:
                    if len(k) < 2 or (
                        run[s:span_end].isupper() and len(k) <= 3 and k not in data.curated
                    ):
                        continue
                    entry = _entry(k)
                    if entry is not None:
                        hit = (i, j, k_end, entry)
                        break
            if not _longer(key):
                break
            j += 1
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit[1] + 1
    return tokens, hits


# Between a wider place and a narrower one inside it: "Idlib('s) towns of", "province of".
_CONTAINS = re.compile(
    r"(?:['’]s)?\s(?:towns?|villages?|cit(?:y|ies)|districts?|provinces?|regions?|areas?)\s"
    r"(?:of|including|such\sas)\s"
)
_CURRENCY = frozenset("$€£¥")
# Capitalised words that start a sentence or a headline, not a name: "Why Haiti's gang war".
_STARTERS = frozenset(
    "why how what where when who which whose while since although though if but so yet also "
    "then there here this these those it its their our his her we they he she inside "
    "explainer analysis factbox exclusive update watch live breaking opinion".split()
)
# Title-case nouns after a place in a headline or report title: "Afghanistan Situation".
_TITLE_NOUNS = frozenset(
    "situation crisis emergency response update updates flash appeal conflict war earthquake "
    "quake floods flooding drought cyclone famine offensive refugees refugee displacement "
    "operations operation overview snapshot dashboard factsheet return returns monitoring "
    "report assessment profile bulletin".split()
)
_HYPHENED = re.compile(r"[ \u00a0]?[-‐][ \u00a0]?([^\W\d_]+)")


def _of_type(text: str, s: int) -> bool:
    before = _words_before(text, s, 2)
    return len(before) == 2 and before[0] == "of" and before[1] in _TYPE_BEFORE


# Settlements a sentence names as such; not "the neighbourhoods of Solino" of a city.
_SETTLEMENTS = frozenset("village town city commune kibbutz".split())


def _in_settlement(text: str, s: int) -> bool:
    """ "in the town of Talisay", "an attack on the village of X"; not "including the town
    of Azaz", on the way somewhere."""
    before = _words_before(text, s, 4)
    return (
        len(before) == 4
        and before[0] == "of"
        and before[1] in _SETTLEMENTS
        and before[2] == "the"
        and before[3] in ("in", "on", "at")
    )


def _run_ok(text: str, tokens: list[tuple[int, int]], i: int, j: int, entry: _Entry) -> bool:
    """A name must not be part of a longer capitalised name ("Syria Deeply", "David Swanson")."""
    if i > 0 and _joined(text, tokens[i - 1][1], tokens[i][0]):
        w = text[tokens[i - 1][0] : tokens[i - 1][1]]
        low = w.lower()
        if (
            _cap(w)
            and low not in _FUNCTION
            and low not in _COMPASS
            and low not in _STARTERS
            and w[-2:] not in ("'s", "’s")  # "Sudan's El Fasher": a possessive ends a name
        ):
            if not (w.isupper() and len(w) >= 3):
                return False  # after "IOM", "UNHCR" (an office) a name stands on its own
    if j + 1 == len(tokens):
        after = _HYPHENED.match(text, tokens[j][1])
        return after is None or after.group(1).lower() not in _HYPHEN_ATTRIBUTES
    if text[tokens[j][1] - 2 : tokens[j][1]] in ("'s", "’s"):
        return True  # "Haiti's gang war", "Sudan's El Fasher"
    if _joined(text, tokens[j][1], tokens[j + 1][0]):
        w = text[tokens[j + 1][0] : tokens[j + 1][1]]
        gap = text[tokens[j][1] : tokens[j + 1][0]]
        if "-" in gap and w.lower() in _HYPHEN_ATTRIBUTES:
            return False  # "UK-based", "Russian-backed"
        low = w.lower()
        if _cap(w) and low not in _FUNCTION and low not in _PLACE_TYPES and low not in _TITLE_NOUNS:
            # "Bunia General Reference Hospital": a facility named after its town is there.
            last = text[tokens[-1][0] : tokens[-1][1]].lower()
            return last in _NAMED_AFTER_TOWN and len(tokens) - j <= 4
    return True


_NAMED_AFTER_TOWN = frozenset("hospital clinic".split())


_SAID = re.compile(r"\s(?:said|says|say|claimed|claims|announced|reported|denied|insisted)\b")


# A body that speaks from a place: "the Red Crescent in (eastern) ...", "UNHCR in ...".
_ORG_IN = re.compile(
    r"(?:\b[A-Z]{2,8}|Crescent|Cross|Ministry|Office|Agency|Commission|Council|Mission|Embassy"
    r"|Programme|Fund|Organi[sz]ation|Committee|Authority|Observatory)"
    r"\sin\s(?:(?:the\s)?[a-z]{1,12}(?:-[a-z]{1,12})?\s)?\Z"
)


def _mention(text: str, start: int, end: int, entry: _Entry, prev: Mention | None) -> Mention:
    role, modifier = _role(text, start, end)
    place = entry.place
    if prev is not None and role is Role.OTHER and start - prev.end <= 6:
        between = text[prev.end : start].strip(" ,").lower()
        if between in ("", "and", "or"):
            role = prev.role  # "from the Idlib towns of Ariha and Saraqib"
    head = ""
    form = entry.form
    surface = text[start:end]
    if form == "name" and surface != place.name and not surface.isupper():
        if _key(surface) == _key(place.name) and _key(surface) not in _data().curated:
            # The article's own spelling of the same name ("Adre" for "Adré"), so its
            # figures are reported as the article reports them.
            place = Place(surface, place.country, place.kind)
    if entry.form == "adj":
        head = text[end : end + 30].lstrip().split(" ", 1)[0].strip(",.;:").lower()
        if head in _BORDER_HEADS and not _BORDER_PEOPLE.match(text, end):
            form = "name"  # "the Turkish border" is a place, not a nationality
            place = Place(
                f"{text[start:end]} {'border' if head == 'frontier' else head}",
                place.country,
                "region",
            )
    elif modifier is not None and not place.name.lower().startswith(modifier):
        place = Place(
            f"{modifier} {place.name}", place.country, "region"
        )  # not "eastern Eastern Ghouta"
    elif (
        text[end : end + 3] in ("'s ", "’s ") and text[end + 3 : end + 20].split(" ")[0] in _COMPASS
    ):
        compass = text[end + 3 :].split(" ")[0]
        place = Place(f"{compass} {place.name}", place.country, "region")
    if role is Role.OTHER and place.kind != "country" and _SAID.match(text, end):
        role = Role.REPORT  # "Baku said", "Moscow claims": a government speaking
    elif (
        role is Role.IN
        and _SAID.match(text, end)
        and _ORG_IN.search(text, max(0, start - 40), start)
    ):
        role = Role.REPORT  # "the Red Crescent in eastern Libya says 5,300 died in Derna"
    near = role is Role.IN and text[max(0, start - 5) : start] == "near "
    if role is Role.IN and _NEAR_PLACES.search(text, max(0, start - 40), start):
        role, near = Role.OTHER, True  # "towns and kibbutzim near the Gaza Strip"
    elif role is Role.IN and _BEARING.search(text, max(0, start - 40), start):
        role, near = Role.OTHER, True  # "the Jeddah 5 camp, south of Mosul": a landmark
    elif _OPPOSITE.search(text, max(0, start - 40), start):
        role, near = Role.OTHER, True  # "the Oncupinar crossing opposite the town of Kilis"
    return Mention(start, end, place, role, form, head, near=near)


# "..., south of Mosul", ", 40 km north of Goma": where a place named just before lies.
_BEARING = re.compile(
    r",\s(?:(?:some|about|around)\s)?(?:\d[\d.,]*\s?(?:km|kilometres|kilometers|miles)\s)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)\sof\s(?:the\s)?\Z"
)
_OPPOSITE = re.compile(
    r"\b(?:opposite|facing|across\sfrom)\s(?:the\s)?(?:[A-Za-z-]{1,20}\s){0,3}\Z"
)
# Places that lie near a landmark: "villages near Herat" are not Herat.
_NEAR_PLACES = re.compile(
    r"\b(?:towns|villages|kibbutzim|communities|settlements|camps|areas|homes|districts)"
    r"\snear\s(?:the\s)?\Z"
)


# --- the article -------------------------------------------------------------------------

# A dateline: capitalised place words at the start of a line, then ":" / " - " / a wire
# credit: "BEIRUT, Feb 11 (Reuters) -", "Derna (Libya) (AFP) -", "ISLAMABAD:".
_DATELINE = re.compile(
    r"""[ \t]{0,5}
    (?P<head>[A-Z][^\n:]{0,60}?)   # the place(s), maybe with a date: "BEIRUT, Feb 11"
    (?:\s\((?:Reuters|AP|AFP|UPI|Xinhua|IANS|dpa|Anadolu|AA)\))?
    \s?(?::|\s[-–—]\s)""",
    re.VERBOSE,
)
_HEAD_CHARS = 800
# Where a headline's main clause ends: "Libya flood dead top 11,000 as Derna searches".
_HEAD_CLAUSE = re.compile(r"\s(?:as|while|after|amid|when|despite)\s|[;–—]")
_AWAY = (Role.DEST, Role.DIRECTION, Role.TAKEN)  # where people went, not where it happened
# A headline's filing label: "Colombia:", "Turkey earthquake:", "NIGERIA / Borno State:".
_LABEL_PREFIX = re.compile(r"[ \t]{0,8}[^\s:|][^:|\n]{0,40}(?::|\s[|])[ \t]{1,8}(?=\S)")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_KIND_RANK = {"country": 0, "region": 1, "city": 2}


def article_places(text: str) -> ArticlePlaces:
    """The places an article names and the one it is about (headline, dateline, most named).

    >>> article_places("KABUL, March 3 (Reuters) - Floods hit Herat.").default
    Place(name='Kabul', country='AFG', kind='city')
    >>> article_places("Floods kill 300 as Sindh, Balochistan reel\\n\\nKARACHI: Rain.").default
    Place(name='Pakistan', country='PAK', kind='country')
    """
    data = _data()
    mentions = _fit_country(text, tuple(_scan(text, data)), data)
    named = [
        x
        for x in mentions
        if x.form == "name" and x.role not in (Role.REPORT, Role.TAKEN) and not x.guessed
    ]
    counts = Counter((x.place.name, x.place.country) for x in named)
    head_ms, clause_end, label, (dateline_start, dateline_end) = _head(text, mentions)
    in_dateline = [
        x
        for x in mentions
        if dateline_start <= x.start
        and x.end <= dateline_end
        and x.form == "name"
        and not x.guessed
    ]
    default = _from_headline(head_ms, clause_end, in_dateline)
    if default is None and in_dateline:
        default = in_dateline[0].place
        town = (default.name, default.country)
        if default.kind != "country" and counts[town] <= 1:
            # A dateline town the story never names again is where the reporter filed
            # from ("GUWAHATI, June 19: The flood situation in Assam"): the place the body
            # names most, in the same country, is what it is about.
            body = Counter(
                (x.place.name, x.place.country)
                for x in named
                if x.start >= dateline_end and x.place.country == default.country
            )
            top = body.most_common(1)
            if top and top[0][1] >= 2:
                default = next(
                    x.place for x in named if (x.place.name, x.place.country) == top[0][0]
                )
            else:
                default = _abroad_story(mentions, dateline_end, default)
    if default is None and named:
        pool = [x for x in named if label is None or x.place.country == label]
        base = {(x.place.name, x.place.country): _base(x.place) for x in pool or named}
        best = max(base, key=lambda k: (counts[k], base[k].kind != "country"))
        default = base[best]
    elif default is not None:
        default = _base(default)
    if default is not None and default.kind == "country":
        default = _lead_region(text, mentions, default, bool(head_ms))
    countries = frozenset(x.place.country for x in mentions if x.place.country)
    home = default.country if default is not None else None
    if home is not None:
        mentions = tuple(
            dataclasses.replace(
                x, place=Place(x.place.name, _near_country(text, mentions, n) or home, "city")
            )
            if x.guessed and x.place.country is None
            else x
            for n, x in enumerate(mentions)
        )
        if default is not None and default.country is None:
            default = Place(default.name, home, default.kind)
    cities = Counter(x.place for x in named if x.place.kind == "city" and x.place.country == home)
    capital = cities.most_common(1)[0][0] if cities and default is not None else None
    return ArticlePlaces(
        default,
        text,
        mentions,
        dateline_end,
        countries,
        dateline_start=dateline_start,
        capital=capital,
    )


def _near_country(text: str, mentions: tuple[Mention, ...], n: int) -> str | None:
    """The country of the known town or region nearest a guessed name in its sentence: "In
    Karachi, police raided Sohrab Goth" puts Sohrab Goth in Pakistan, whatever the article."""
    x = mentions[n]
    best: tuple[int, str] | None = None
    for y in mentions[max(0, n - 4) : n + 5]:
        if y is x or y.guessed or y.form != "name" or y.place.kind == "country":
            continue
        if not y.place.country:
            continue
        lo, hi = min(x.end, y.end), max(x.start, y.start)
        if _SENTENCE_END.search(text, lo, hi):
            continue
        gap = hi - lo
        if best is None or gap < best[0]:
            best = (gap, y.place.country)
    return best[1] if best else None


def _abroad_story(mentions: tuple[Mention, ...], after: int, dateline: Place) -> Place:
    """A story filed from one country about another ("GENEVA - More than 7,400 Syrians have
    crossed back into Syria"): the country its body names most, people included, when it
    outweighs the dateline's own country."""
    countries = Counter(
        x.place.country
        for x in mentions
        if x.start >= after
        and x.place.country
        and not x.guessed
        and x.role is not Role.REPORT
        and x.form in ("name", "noun")  # "Syrians", not "Syrian refugees"
    )
    top = countries.most_common(1)
    if not top or top[0][0] == dateline.country or top[0][1] < 3:
        return dateline
    if countries[dateline.country or ""] * 2 >= top[0][1]:
        return dateline
    return _country(top[0][0])


# "the worst floods in the history of the southern state of Rio Grande do Sul"
_REGION_AFTER = re.compile(r"\s(?:province|state|region|governorate)\b")
_REGION_OF = re.compile(r"\b(?:state|province|region|governorate)\sof\s$")


def _lead_region(
    text: str, mentions: tuple[Mention, ...], country: Place, from_headline: bool
) -> Place:
    """A country's article whose first paragraph sets it in "the state of X" is about X; so
    is one that only a dateline or label sets in the country, when it opens "in X province"."""
    lead = _LEAD_BODY.search(text, 0, _HEAD_CHARS * 2)
    if lead is None:
        return country
    for x in mentions:
        if x.start >= lead.end():
            break
        if (
            x.start >= lead.start()
            and x.form == "name"
            and not x.guessed
            and x.place.country == country.country
            and (
                _REGION_OF.search(text, max(0, x.start - 30), x.start)
                or (
                    x.place.kind == "region"
                    and _REGION_AFTER.match(text, x.end)
                    and not from_headline
                )
            )
        ):
            return x.place
    return country


_LEAD_BODY = re.compile(r"[^\n]{121,}|[^\n]*[.\"”][ \t]*(?=\n|\Z)")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _fit_country(text: str, mentions: tuple[Mention, ...], data: _Data) -> tuple[Mention, ...]:
    """A town's spelling found in many countries ("Lala": India, the Philippines, Congo) is
    the one in the countries the article opens with (headline, dateline, first paragraph),
    unless its own sentence names its country; a spelling none of them has is a place of the
    article's own country whose name the gazetteer lacks."""
    body = _LEAD_BODY.search(text, 0, 2000)
    head_end, lead_end = (body.start(), body.end()) if body else (0, min(len(text), _HEAD_CHARS))
    known = [x for x in mentions if x.start < lead_end and x.place.country and not x.guessed]
    lead = {x.place.country for x in known if x.start < head_end and x.place.kind != "city"}
    if not lead:
        # No country in the headline: the first paragraph's, and the headline town's own.
        lead = {x.place.country for x in known if x.place.kind != "city" or x.start < head_end}
    if not lead:
        return mentions
    out = list(mentions)
    for n, x in enumerate(mentions):
        if x.guessed or x.form != "name" or x.place.kind == "country" or x.place.country in lead:
            continue
        key = _key(text[x.start : x.end])
        if key in data.curated:
            continue
        found = _gazetteer(data, key)
        if not found or max(f[3] for f in found) >= 1_000_000:
            continue  # a big city is that city wherever the article is
        stop = _SENTENCE_END.search(text, x.end)
        s0, s1 = text.rfind(".", 0, x.start) + 1, stop.end() if stop else len(text)
        if any(
            y.place.country == x.place.country
            and s0 <= y.start < s1
            and y is not x
            and y.place.kind != "city"
            for y in mentions
        ):
            continue  # "Lala, in India's Punjab": its own sentence says where it is
        fit = next((f for f in found if f[1] in lead and f[2] != "C"), None)
        if fit is not None:
            kind = "region" if fit[2] == "A" else "city"
            written = text[x.start : x.end]
            name = fit[0] if written.isupper() else written  # "Al Bayda", not "Al Bayḑā’"
            out[n] = dataclasses.replace(x, place=Place(name, fit[1], kind))
        elif x.place.kind == "city" and max(f[3] for f in found) < 100_000:
            # A small town's spelling no country of the article has: a place of the
            # article's own that the gazetteer lacks. A city ("Athens") stays itself.
            name = text[x.start : x.end]
            out[n] = dataclasses.replace(x, place=Place(name, None, "city"), guessed=True)
    return tuple(out)


def _head(
    text: str, mentions: tuple[Mention, ...]
) -> tuple[list[Mention], int, str | None, tuple[int, int]]:
    """From the lines before the body: the headline's mentions and where its main clause
    ends, a country given as a label ("UKRAINE" on a line of its own), the dateline's span."""
    head_ms: list[Mention] = []
    clause_end = 0
    label: str | None = None
    pos = 0
    for line in text[:_HEAD_CHARS].split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or len(_NOT_LETTER.sub("", stripped)) < len(stripped) / 2:
            continue  # a date or time line
        first = bisect_left(mentions, start, key=_start)
        inside = []
        for x in mentions[first:]:
            if x.start >= start + len(line):
                break
            if x.form == "name" and x.role not in (Role.REPORT, Role.TAKEN):
                inside.append(x)
        known = [x for x in inside if not x.guessed]
        m = _DATELINE.match(line)
        body = len(stripped) > 120 or stripped.endswith((".", '"', "”"))
        if body and m and any(x.end <= start + m.end() for x in known):
            return head_ms, clause_end, label, (start, start + m.end())
        if body:
            break  # the body: no dateline before it
        if head_ms:
            continue
        if (
            len(known) == 1
            and known[0].place.kind == "country"
            and (stripped.isupper() or known[0].end - known[0].start == len(stripped))
        ):
            # "UKRAINE", or a section's "Libya": the country, not yet the headline
            label = known[0].place.country
            continue
        prefix = _LABEL_PREFIX.match(line)
        if prefix is not None and known and known[0].end <= start + prefix.end():
            # "Turkey earthquake: Death toll rises as rescuers search Izmir rubble": the words
            # before the colon file the story; the place after it is what it is about.
            after = [x for x in inside if x.start >= start + prefix.end()]
            if any(not x.guessed and x.role not in _AWAY for x in after):
                label = label or known[0].place.country
                inside, known = after, [x for x in after if not x.guessed]
        if known:
            head_ms = inside
            cut = _HEAD_CLAUSE.search(line, known[0].end - start)
            clause_end = start + cut.start() if cut else start + len(line)
    if not head_ms and _DATELINE.match(text):
        m0 = _DATELINE.match(text)
        assert m0 is not None
        if any(x.end <= m0.end() and not x.guessed for x in mentions[:3]):
            return head_ms, clause_end, label, (0, m0.end())
    return head_ms, clause_end, label, (0, 0)


def _from_headline(
    head_ms: list[Mention], clause_end: int, in_dateline: list[Mention]
) -> Place | None:
    """What a headline is about: its main clause's places; the narrowest of one country, or
    the country when several places of a kind share it ("as Sindh, Balochistan reel")."""
    if not head_ms:
        return None
    pool = [x for x in head_ms if x.start < clause_end] or head_ms
    # "hits western Afghanistan near Herat": a place near which it happened only locates it.
    pool = [x for x in pool if x.near is False] or pool
    active = [x for x in pool if x.role in (Role.IN, Role.ORIGIN) and not x.guessed]
    lead = (active or [x for x in pool if not x.guessed] or pool)[0]
    iso3 = lead.place.country
    same = [x for x in pool if x.place.country in (iso3, None)]
    rank = max(_KIND_RANK[_base(x.place).kind] for x in same)
    narrow = {_base(x.place) for x in same if _KIND_RANK[_base(x.place).kind] == rank}
    named = {place_key(x.place.name) for x in head_ms}
    for d in in_dateline:
        if d.place.country == iso3 and place_key(d.place.name) in named:
            if _KIND_RANK[d.place.kind] >= rank:
                return d.place  # the dateline's town, named in the headline too
    if len(narrow) == 1:
        only = next(iter(narrow))
        return Place(only.name, only.country or iso3, only.kind)  # a guessed name: its country
    return _country(iso3) if iso3 else lead.place


def _base(place: Place) -> Place:
    """A compass-modified mention ("northern Syria") counts for the place it modifies."""
    first, _, rest = place.name.partition(" ")
    if first in _COMPASS and rest:
        return Place(rest, place.country, "country" if rest == _country_name(place) else "city")
    return place


def _country_name(place: Place) -> str:
    return _country(place.country).name if place.country else ""


# --- choosing the figure's place ---------------------------------------------------------

_FROM_FIRST = (Category.FLED, Category.DISPLACED, Category.EVACUATED)
_HOST = (Category.REFUGEES, Category.HOSTED)
_ORDER: dict[str, tuple[Role, ...]] = {
    "from": (Role.ORIGIN, Role.IN, Role.DEST, Role.TAKEN, Role.SUBJECT, Role.OTHER),
    "host": (Role.DEST, Role.TAKEN, Role.SUBJECT, Role.IN, Role.ORIGIN, Role.OTHER),
    "return": (Role.DEST, Role.IN, Role.ORIGIN, Role.TAKEN, Role.SUBJECT, Role.OTHER),
    "other": (Role.IN, Role.ORIGIN, Role.SUBJECT, Role.DEST, Role.TAKEN, Role.OTHER),
}
_REFUGE_CLAUSE = re.compile(
    r"\b(?:sought|seek|seeking|seeks|found|find|take|took|taking|taken)\s"
    r"(?:refuge|shelter|safety|sanctuary|asylum)\b|\bacross\sthe\sborder\b",
    re.IGNORECASE,
)
# A war as a whole, not the fighting for a town ("as fighting raged for control of the city").
# "war monitor", "war crimes", "war-torn": the word names something else.
_NOT_THE_WAR = r"(?![\s-](?:monitor|crimes?|correspondent|reporters?|planes?|jets|zone|torn)\b)"
_WHOLE_WAR = re.compile(
    rf"\b(?:war|conflict|civil war|uprising|insurgency|fighting\sbetween)\b{_NOT_THE_WAR}",
    re.IGNORECASE,
)
_WAR = re.compile(rf"\b(?:war|conflict|civil war|fighting|uprising)\b{_NOT_THE_WAR}", re.IGNORECASE)
_FRONTIER = re.compile(r"\b(?:to|reached|reach|at)\s+the\s+(?:border|frontier)\b")


def _order(category: Category) -> tuple[Role, ...]:
    if category in _FROM_FIRST:
        return _ORDER["from"]
    if category in _HOST:
        return _ORDER["host"]
    if category is Category.RETURNED:
        return _ORDER["return"]
    return _ORDER["other"]


def locate(
    sentence: str,
    start: int,
    end: int,
    category: Category,
    article: ArticlePlaces,
    sentence_start: int | None = None,
) -> Place | None:
    """The place the figure at `sentence[start:end]` is about.

    >>> art = article_places("Floods in Sindh.")
    >>> s = "More than 3,000 Syrians fled to Turkey in three days."
    >>> locate(s, 0, 15, Category.FLED, art)
    Place(name='Turkey', country='TUR', kind='country')
    """
    data = _data()
    if category in _FROM_FIRST and _REFUGE_CLAUSE.search(sentence):
        # "sought shelter across the border": whatever moved them, the sentence is about
        # where they found refuge, as for refugees.
        category = Category.REFUGEES
    offset = _offset(article, sentence, sentence_start)
    skip = 0
    if offset >= 0 and offset < article.dateline_end:
        skip = article.dateline_end - offset if offset >= article.dateline_start else 0
    if offset >= 0:
        # The article was scanned once already; reuse its mentions, in sentence offsets.
        stop = offset + len(sentence)
        cached = article.by_sentence.get((offset, stop))
        if cached is None:
            first = bisect_left(article.mentions, offset, key=_start)
            cached = []
            for m in article.mentions[first:]:
                if m.end > stop:
                    break
                cached.append(_shifted(m, offset))
            article.by_sentence[(offset, stop)] = cached
        scanned = cached
    else:
        scanned = _scan(sentence, data)
    mentions = [m for m in scanned if m.start >= skip and m.role is not Role.REPORT]
    mentions = [m for m in mentions if _ambiguous_ok(m, sentence, article, data)]
    # Landmarks ("towns near the Gaza Strip", "a camp, south of Mosul") locate another place.
    named = [m for m in mentions if m.form == "name" and not (m.near and m.role is Role.OTHER)]
    if len(named) > _NEAREST:
        # A sentence naming hundreds of places (a list, or crafted input): the figure's own
        # are among the nearest, and every rule below looks at each pair of places.
        near = sorted(named, key=lambda m: _distance(m, start, end))[:_NEAREST]
        named = sorted(near, key=_start)
        mentions = [m for m in mentions if m.form != "name" or m in near]
    antecedent = _where_antecedent(sentence, start, end, named)
    if antecedent is not None:
        return antecedent  # "a camp in Suruc, where 4,500 people were living in tents"
    if category is Category.RETURNED and not any(m.role in _RETURN_ROLES for m in named):
        home = _by_nationality(mentions, start, end, category, sentence)
        if home is not None:
            return home
    for m in named:
        if m.end <= start and (
            _HAS.fullmatch(sentence, m.end, start)  # "Ukraine has about 3.7 million"
            or (_in_list(sentence, m) and _LISTED.fullmatch(sentence, m.end, start))
        ):
            # "followed by Peru with 1.5 million, Brazil with 510,000", "Slovakia 113,000";
            # not "docked in Pemba with 1,400 displaced people from Palma"
            return m.place
    # "13 soldiers, including peacekeepers from South Africa": where the dead came from;
    # "Helicopters from India and China evacuated 1,300": where the help came from.
    gone: list[Mention] = []
    for m in named:
        if (
            (
                category in _CASUALTIES
                and _PEOPLE_FROM.search(sentence, max(0, m.start - 30), m.start)
            )
            or _HELPERS_FROM.search(sentence, max(0, m.start - 30), m.start)
            or (gone and _LIST_GAP.fullmatch(sentence, gone[-1].end, m.start))
        ):
            gone.append(m)  # "... from South Africa, Malawi and Uruguay": all of the list
    if gone:
        named = [m for m in named if m not in gone]
        mentions = [m for m in mentions if m not in gone]
    # A place across a clause break belongs to that clause ("top 11,000 as Derna searches",
    # "..., while some 1,300 crossed into Venezuela"), unless the figure's clause has none.
    named = [m for m in named if not _possessor(sentence, m, named)]
    if category not in _HOST:
        # "Russia's defence ministry said 13,000 had crossed": a state that speaks, not where
        # the figure is; a host state speaking of its refugees is the host, so it stays.
        named = [m for m in named if not _actor(sentence, m)]
    # An aside the figure is not in ("In Odisha, where the storm hit Balasore, 1.5 lakh were
    # evacuated", "the trawler, which had set out from Tobruk, ...") tells of another place.
    asides = [a.span() for a in _ASIDE.finditer(sentence) if not a.start() <= start < a.end()]
    if asides:
        outside = [m for m in named if not any(a <= m.start < b for a, b in asides)]
        national = _NATIONAL.search(sentence)
        if (
            named
            and not outside
            and named[0].place.country
            and national
            and not any(a <= national.start() < b for a, b in asides)
        ):
            # "within the country, many of them in Lviv": the country of the places named,
            # unless they are only where some went ("most of them to Lebanon")
            state = named[0].place.country
            if all(m.role is Role.DEST for m in named) and article.default is not None:
                state = article.default.country or state
            return _country(state or "")
        if (
            not outside
            and category not in _FROM_FIRST  # "many of them fleeing X" says where they fled
            and all(_PART_ASIDE.match(sentence, a) for a, _b in asides)
        ):
            named = []  # "most of them from Eritrea": where some came from, not where they are
        elif (
            not outside
            and category in _FROM_FIRST
            and (
                any(m.role is Role.DEST for m in named)
                or all(_MAJORITY.match(sentence, a) for a, _b in asides)
            )
        ):
            # "fled the country, most of them to Lebanon, Jordan and Turkey", "left their
            # country, the vast majority for other countries in Latin America"
            named = []
        else:
            named = outside or named
    headline = not sentence.rstrip().endswith((".", "!", "?", '"', "”"))
    same = [
        m
        for m in named
        if not _CLAUSE_GAP.search(sentence, *_between(m, start, end))
        # a headline's "... as famine looms in Bay region": another clause
        and not (headline and _HEADLINE_AS.search(sentence, *_between(m, start, end)))
    ]
    if not same and named and article.default is not None and article.default.country:
        national = _NATIONAL.search(sentence, max(0, start - 60), min(len(sentence), end + 60))
        if national is not None and not _CLAUSE_GAP.search(
            sentence, min(national.start(), start), max(national.end(), end)
        ):
            # "151 dead and 29 missing nationwide, but ... towns such as Guiuan": the
            # figure's own clause says the whole country
            return _country(article.default.country)
    named = same if same else named
    named = [
        m
        for m in named
        if not _owned_elsewhere(sentence, start, end, m, named)
        # "168 of the injured had been flown to hospitals in Yerevan": where the figure's
        # own people were taken, not where others of another clause were.
        and (m.role is not Role.TAKEN or (m.start > end and "," not in sentence[end : m.start]))
    ]
    # "displaced in the Afar region since fighting spread there from Tigray": where a later
    # clause of time says something came from is not where the figure's people left.
    own = [
        m
        for m in named
        if not (
            m.role is Role.ORIGIN
            and m.start >= end
            and _LATER_CLAUSE.search(sentence, end, m.start)
        )
    ]
    if len(own) < len(named) and any(m.role is Role.IN for m in own):
        named = own
    host = _host_subject(sentence, start, named, category in _HOST)
    if host is not None:
        return host
    weak = (Role.OTHER,) if category in _HOST else (Role.OTHER, Role.SUBJECT)
    chosen = _choose([m for m in named if m.role not in weak], start, end, category, sentence)
    if chosen is None:
        chosen = _frontier(sentence, start, mentions, article, category)
    if chosen is None:
        chosen = _choose(named, start, end, category, sentence)
    if (
        chosen is not None
        and chosen.kind != "country"
        and chosen.country
        and category in _WAR_TOLLS
        and _CONFLICT_TOLL.search(sentence, max(0, start - 220), start)
        and not _named_right_after(sentence, end, chosen, named)
    ):
        return _country(chosen.country)  # "a conflict that has killed 250,000": the whole war's
    if chosen is not None:
        explicit = [
            m
            for m in named
            if m.place == chosen
            and m.role in (Role.IN, Role.ORIGIN)
            and _before(sentence, m.start, skip=True) in _IN_WORDS | _ORIGIN_WORDS | _SKIPPABLE
        ]
        if chosen.kind in ("country", "region") and explicit:
            # "in Somalia", "across Haiti": the sentence names the country itself; a town
            # in it, in the same role, is more precise ("in Israel ... a house in Margaliot").
            role = explicit[0].role
            roles = (role, Role.DEST) if role is Role.IN else (role,)
            inside = [
                m
                for m in named
                if m.role in roles
                and m.place.country == chosen.country
                and m.place.kind != "country"
                and _before(sentence, m.start) not in _WHOLE
                # "in Idlib and Hama governorates": a list of peers, not a town inside
                and not any(_LIST_JOIN.fullmatch(sentence, e.end, m.start) for e in explicit)
                # "six were from Cumilla and five from Chattogram": the other part's town
                and not (
                    m.end <= start
                    and explicit[0].start >= end
                    and _COORDINATED.search(sentence, m.end, start)
                )
            ]
            war_toll = category is Category.KILLED and _WAR.search(sentence)
            if (
                inside
                and not war_toll
                and all(_before(sentence, m.start, skip=True) not in _WHOLE for m in explicit)
            ):
                return min(inside, key=lambda m: _distance(m, start, end)).place
            return chosen
        if any(m.place == chosen and m.role is Role.DEST for m in named):
            return chosen  # "fled to Pakistan": where they went, not a country in passing
        return _refine(chosen, category, sentence, article)
    back = _BACK.search(sentence)
    if offset >= 0 and back is not None and back.group("type") is not None:
        carried = _continued(sentence, offset, article, category)
        if carried is not None:
            return carried  # "The camp held 12,000, most of them Syrians": the camp named before
    chosen = _by_nationality(mentions, start, end, category, sentence)
    if (
        chosen is not None
        and category in _CASUALTIES
        and article.default is not None
        and article.default.country != chosen.country
        and not _from_dateline(article)
        and not any(m.form == "adj" and m.head in _STATE_HEADS for m in mentions)
    ):
        # "27 Americans were among those killed" in a story about Israel: where the story
        # is; not a dateline's Beirut for "killed 12 Syrians"
        chosen = None
    if chosen is not None:
        return chosen
    if article.default is not None and article.default.country and _NATIONAL.search(sentence):
        return _country(article.default.country)  # "in the country", "nationwide"
    quarter = _QUARTER.search(sentence, max(0, start - 60), min(len(sentence), end + 80))
    if (
        quarter is not None
        and category not in _HOST
        and article.default is not None
        and article.default.country
        and not _CLAUSE_END.search(sentence, min(end, quarter.start()), max(start, quarter.end()))
    ):
        # "killed 465 civilians in the east": that part of the article's place (east Aleppo),
        # or of the country the sentence before names ("In Syria, ... in the north-west")
        whole = _previous_country(article, offset) or article.default
        return Place(
            f"{quarter.group('compass')} {_base(whole).name}",
            whole.country,
            "region",
        )
    if article.capital is not None and _CAPITAL.search(sentence):
        return article.capital  # "fled the capital": the article's own capital city
    official = _official_of(sentence, scanned)
    if official is not None:
        return official  # "The mayor of Adiyaman says 300 are missing in the city centre"
    if offset >= 0:
        carried = _continued(sentence, offset, article, category)
        if carried is not None:
            return carried
    return _article_level(article, category, sentence)


def _from_dateline(article: ArticlePlaces) -> bool:
    """Whether the article's place is only where it was filed from."""
    return any(
        article.dateline_start <= m.start < article.dateline_end
        and _base(m.place) == article.default
        for m in article.mentions[:4]
    )


def _where_antecedent(sentence: str, start: int, end: int, named: list[Mention]) -> Place | None:
    """The place a ", where ..." clause holding the figure is about, when the clause names
    no place of its own where it happens."""
    at = sentence.rfind(", where ", 0, start)
    if (
        at < 0
        or _CLAUSE_END.search(sentence, at, start)
        or _WHERE_CLOSED.search(sentence, at + 8, start)
    ):
        return None  # "fled to Adre, where aid is scarce, and 1,300 were killed in El Geneina"
    if any(at < m.start < start and m.role is Role.IN for m in named):
        return None  # "..., where in the town of Moria 5,000 are waiting": that town
    before = [m for m in named if m.end <= at]
    if not before or at - before[-1].end > 1:
        return None
    first = len(before) - 1
    while first > 0 and _LIST_JOIN.fullmatch(sentence, before[first - 1].end, before[first].start):
        first -= 1  # "In Lajeado and Estrela, where ...": the list's first place
    return before[first].place


_HOST_VERB = re.compile(
    r"\b(?:hosts|hosting|hosted|host|has\staken\sin|have\staken\sin|takes\sin|took\sin"
    r"|shelters|sheltering|received|receives|receiving)\b"
)


def _host_subject(sentence: str, start: int, named: list[Mention], hosted: bool) -> Place | None:
    """The clause's subject hosts, however far from its verb: "Niger, a country of 26
    million, ... hosts 250,000 refugees", "the site of Rhoe, which already hosts 65,000"."""
    before = [m for m in named if m.end <= start]
    if not before:
        return None
    m = before[-1]
    if m.role is Role.SUBJECT or (hosted and m.start == 0):
        return m.place if _HOST_VERB.search(sentence, m.end, start) else None
    first = before[0]
    if hosted and first.start == 0 and sentence.startswith(",", first.end):
        # "Arsal, a town near the Syrian border, also shelters 35,000": the opening name
        verb = _HOST_VERB.search(sentence, first.end, start)
        if verb is not None and not any(
            first.end < o.end <= verb.start() and o.role is Role.SUBJECT for o in before
        ):
            return first.place
    return None


def _shifted(m: Mention, offset: int) -> Mention:
    """The mention in the offsets of a sentence that starts at `offset`."""
    return Mention(
        m.start - offset, m.end - offset, m.place, m.role, m.form, m.head, m.guessed, m.near
    )


def _offset(article: ArticlePlaces, sentence: str, sentence_start: int | None) -> int:
    """Where the sentence starts in the article: as given, or found after the last sentence
    (figures come in text order, so a repeated sentence is found at its own place)."""
    text = article.text
    if sentence_start is not None:
        ok = text.startswith(sentence, sentence_start)
        return sentence_start if ok else -1
    if not sentence or not text:
        return -1
    cursor = article.cursor
    pos = text.find(sentence, cursor[0])
    if pos < 0:
        pos = text.find(sentence, 0, cursor[0] + len(sentence))  # called out of order
    if pos >= 0:
        cursor[0] = pos
    return pos


# A figure listed right after its place: "Peru with 1.5 million", "Brazil (510,000)".
_LISTED = re.compile(
    r"\s(?:with|has)\s(?:about\s|some\s|around\s|nearly\s|almost\s)?|\s\(|\s"
)  # "followed by Peru with 1.5 million", "Nagaon (5.13 lakh)", "Slovakia 113,000"
# Another figure in the sentence, which a place may belong to instead.
_NUMBER = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d,.]*\d?")
# "Moldova more than 80,000": a list item's count behind its qualifier
_QUALIFIED = re.compile(r"(?:(?:more\sthan|about|some|nearly|over|almost|around|at\sleast)\s)?")
_ANOTHER = re.compile(r"\b(?:another|a\sfurther|other)\s$")
# A part of the figure placed after it: "..., most of them in Tanzania", "190,000 of them in".
_PART_IN = re.compile(
    r",\s(?:most|many|some|half|all|the\smajority|\d[\d,.]*(?:\s(?:million|thousand))?)"
    r"\sof\s(?:them|whom)\s(?:[\w-]{1,40}\s)?(?:in|at)\s(?:the\s)?\Z"
)
_BREAKDOWN = re.compile(r"\b(?:including|among\sthem|of\swhom|of\sthem|of\swhich)\b")


# A count that is the subject of its own clause: "..., and over 70,000 have sought refuge".
_SUBJECT_COUNT = re.compile(
    r"(?:\s(?:more|others?|people|civilians|refugees|children|of\sthem))?"
    r"\s(?:have|has|had|were|are|was|is)\b"
)


# A clause of time or cause with its own event: "since fighting spread there from Tigray"
# (not "since December from Baghouz", where "since" only says when, nor "since they came
# from El Geneina", which tells of the figure's own people).
_LATER_CLAUSE = re.compile(
    r"\s(?:since|after|when|because|while)\s(?!(?:they|many|most|some|all|these|those)\s)"
    r"(?:[\w'’-]{1,30}\s){1,5}?"
    r"(?:spread|spilled|moved|shifted|began|started|erupted|broke|reached|hit|struck|came"
    r"|swept|advanced|escalated|intensified|expanded)\b"
)


def _part_number(sentence: str, end: int, number: int) -> bool:
    """Whether the number at `number` is a part of the figure ending at `end`: "killed
    1,739, including 647 children"; not "killed 9, including two children, and wounded 40"."""
    parts = list(_BREAKDOWN.finditer(sentence, end, number))
    return bool(parts) and "," not in sentence[parts[-1].end() : number]


_CASUALTIES = (Category.KILLED, Category.INJURED, Category.MISSING)
_PEOPLE_FROM = re.compile(
    r"\b(?:peacekeepers|soldiers|troops|nationals|citizens|workers|volunteers|tourists"
    r"|journalists|staff|personnel|pilgrims|crew|fighters|mercenaries)\sfrom\s(?:the\s)?\Z"
)
# Helpers sent from abroad: "Rescue teams from Egypt, Turkey and Italy recovered dozens of
# bodies". Not vehicles: "evacuated by aircraft from Palu's airport" is the route.
_HELPERS_FROM = re.compile(
    r"\b(?:teams|rescuers|medics|doctors|engineers|experts|donors|volunteers)\sfrom\s"
    r"(?:the\s)?\Z",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r",\s(?:the\s)?|,?\s(?:and|or)\s(?:the\s)?")
_ASIDE = re.compile(
    r",\s(?:where|which|whose|who|with|many|most|mostly|mainly|largely|chiefly|including|a|an"
    r"|one\sof|the\s(?:vast\s)?majority)\s"
    r"(?:[^,;]|,(?=\s[A-Z])){1,200}"  # a list of names runs on: "from Eritrea, Sudan and"
)
# An aside about a part of the people counted: "most of them from Eritrea, Sudan and Somalia".
_PART_ASIDE = re.compile(
    r",\s(?:(?:many|most)\sof\s(?:them|whom)\s(?!in\s|on\s|at\s|near\s)"
    r"|(?:mostly|mainly|largely|chiefly)\sfrom\s|the\s(?:vast\s)?majority\s)"
)
_MAJORITY = re.compile(r",\sthe\s(?:vast\s)?majority\s")
_HEADLINE_AS = re.compile(r"\sas\s(?!many\b|much\b|well\b|part\b|high\b|far\b)[a-z]")
_CLAUSE_GAP = re.compile(
    r";|,\s(?:while|whereas|but|as(?!\swell\sas))\s|\s(?:while|whereas)\s|(?<!such)(?<!known)(?<!well)\sas\s(?=[A-Z])"
)


def _between(m: Mention, start: int, end: int) -> tuple[int, int]:
    """The gap between a mention and the figure, plus one character for a lookahead."""
    return (m.end, start + 1) if m.end <= start else (end, max(end, m.start) + 1)


# "Indonesia's Aceh", "Turkey's southern province of Hatay": the possessor only says where
# the named place is.
_POSSESSIVE = re.compile(
    r"['’]s\s(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east"
    r"|south-?west)(?:ern)?\s)?(?:(?:province|state|region|district|county|governorate|town"
    r"|city|village)\sof\s)?"
)


_ACTOR = re.compile(
    r"""['’]s\s
    (?:military|army|armed\sforces|(?:defen[cs]e|foreign)\sministry|junta|president
      |envoy|embassy)\b                  # who speaks; a health ministry counts its own land
    (?!\s(?:in|of)\s)                          # "Syria's government in Damascus" is a place
    | ['’]s\s(?:(?:overnight|latest|new|deadly|civil|brutal)\s)?   # "Russia's attack killed",
    (?:attacks?|(?:air\s?)?strikes?|offensive|bombardment|shelling|invasion|missiles?|drones?
      |forces|troops|war|conflict|fighting|violence)\b   # "Sudan's war has killed ... in X"
    | \s(?:launched|sent|deployed|invaded|unleashed)\b  # "since Turkey launched"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _actor(sentence: str, m: Mention) -> bool:
    """Whether the country `m` only acts or speaks: "Myanmar's military says"."""
    return m.place.kind == "country" and _ACTOR.match(sentence, m.end) is not None


def _possessor(sentence: str, m: Mention, named: list[Mention]) -> bool:
    """Whether `m` owns the next place ("Indonesia's Aceh"), which is then the place meant."""
    p = _POSSESSIVE.match(sentence, m.end)
    return p is not None and any(
        o.start == p.end() and o.place != m.place and o.place.country == m.place.country
        for o in named
    )


def _in_list(sentence: str, m: Mention) -> bool:
    """Whether a place is an item of a list of places and counts: after "followed by", a
    comma or "and"."""
    return _LIST_LEAD.search(sentence, max(0, m.start - 14), m.start) is not None


_HAS = re.compile(r"\s(?:has|had)\s(?:about\s|some\s|around\s|nearly\s|almost\s)?")
_LIST_LEAD = re.compile(r"(?:followed\sby|,|\band|\bthen)\s\Z")


def _owned_elsewhere(sentence: str, start: int, end: int, m: Mention, named: list[Mention]) -> bool:
    """Whether a place belongs to another figure of the sentence: "105 were killed in
    Jajarkot and 52 in Rukum West" (Jajarkot is the 105's), "2 million crossed, including
    600,000 who sought refuge in Chad" (Chad is the 600,000's)."""
    if m.start >= end:
        listed = _LISTED.match(sentence, m.end)
        qualified = _QUALIFIED.match(sentence, listed.end()) if listed else None
        if qualified and _in_list(sentence, m) and _NUMBER.match(sentence, qualified.end()):
            return True  # "followed by Khyber Pakhtunkhwa with 264": the 264's place
        if _PART_IN.search(sentence, end, m.start):
            return True  # "690,000 across the region, 190,000 of them in Hatay": the part's
        n = _NUMBER.search(sentence, end, m.start)
        if n is not None and _SUBJECT_COUNT.match(sentence, n.end()):
            return True  # "displaced 700,000, and over 70,000 have sought refuge in Nigeria"
        return (
            n is not None
            and _part_number(sentence, end, n.start())
            and "," not in sentence[n.end() : m.start]  # the breakdown goes on to the place
        )
    n = _NUMBER.search(sentence, 0, m.start)
    if n is None or m.end > start:
        return False
    if _ANOTHER.search(sentence, max(0, start - 12), start):
        return True  # "30,000 in Derna, and another 6,000 in other towns"
    return any(
        o.start >= end and o.start - end <= 60 and not _NUMBER.search(sentence, end, o.start)
        for o in named
    )


_NATIONAL = re.compile(
    r"\b(?:(?:in|across|throughout|around|within|of|flee|fled|fleeing|leave|left|leaving)"
    r"\sthe\scountry|[Nn]ationwide|[Cc]ountrywide"
    r"|neighbouring\scountries|neighboring\scountries|the\spopulation"
    # "across the 11 affected provinces", "across nine provinces": a national total over
    # its regions
    r"|(?:across|in)\sthe\s(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\s)?(?:affected\s|worst-hit\s|hardest-hit\s|quake-hit\s|flood-hit\s)"
    r"(?:provinces|states|regions|governorates|districts|counties)"
    r"|across\s(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)\s"
    r"(?:affected\s)?(?:provinces|states|regions|governorates|departments))\b"
)
# Words that make a named country the whole of the figure: "across Somalia".
_WHOLE = frozenset("across throughout nationwide all whole entire".split())


def _before(text: str, pos: int, skip: bool = False) -> str:
    """The word before `pos`; with `skip`, past a compass word ("across north-eastern")."""
    if skip:
        words = _words_before(text, pos, 3)
        return next((w for w in words if w not in _COMPASS), "")
    words = _words_before(text, pos, 1)
    return words[0] if words else ""


def _start(m: Mention) -> int:
    return m.start


def _ambiguous_ok(m: Mention, sentence: str, article: ArticlePlaces, data: _Data) -> bool:
    key = _key(sentence[m.start : m.end])
    if key not in data.needs_context:
        return True
    return m.role in (Role.ORIGIN, Role.IN, Role.DEST, Role.DIRECTION) or (
        m.place.country in article.countries and m.role is Role.SUBJECT
    )


def _distance(m: Mention, start: int, end: int) -> int:
    return start - m.end if m.end <= start else max(0, m.start - end)


def _reach(m: Mention, start: int, end: int, sentence: str) -> int:
    """`_distance`, farther for a place before the figure across "and": "six were from
    Cumilla and five from Chattogram" puts the five in Chattogram."""
    far = m.end <= start and _COORDINATED.search(sentence, m.end, start) is not None
    return _distance(m, start, end) + (40 if far else 0)


_COORDINATED = re.compile(r"\band\b")


def _choose(
    named: list[Mention], start: int, end: int, category: Category, sentence: str = ""
) -> Place | None:
    for role in _order(category):
        same = [m for m in named if m.role is role]
        # "In Batangas, ... trapped in the town of Talisay": the settlement named as such.
        typed = [
            m for m in same if m.role is Role.IN and sentence and _in_settlement(sentence, m.start)
        ]
        if typed or same:
            best = min(typed or same, key=lambda m: _reach(m, start, end, sentence))
            # "in Idlib and Hama governorates": a list is about its first place
            listed = [
                m
                for m in same
                if m.end <= best.start and _LIST_JOIN.fullmatch(sentence, m.end, best.start)
            ]
            return (listed[0] if listed else best).place
    return None


def _frontier(
    sentence: str, start: int, mentions: list[Mention], article: ArticlePlaces, cat: Category
) -> Place | None:
    """ "fleeing to the frontier": the border of the country the sentence or article names."""
    if cat not in _FROM_FIRST or not _FRONTIER.search(sentence, start):
        return None
    iso3 = next((m.place.country for m in mentions if m.place.kind == "country"), None)
    if iso3 is None and article.default is not None:
        iso3 = article.default.country
    adjective = _data().adjectives.get(iso3 or "")
    return Place(f"{adjective} border", iso3, "region") if adjective else None


# "the UN agency for Palestinian refugees": an organisation's name, not the people counted
_AGENCY_FOR = re.compile(r"\b(?:agency|organi[sz]ation|commission|office|ministry)\sfor\s\Z")


def _by_nationality(
    mentions: list[Mention], start: int, end: int, category: Category, sentence: str = ""
) -> Place | None:
    """A sentence that names only nationalities: "Syrian government troops ... killed 1,400"."""
    states = [m for m in mentions if m.form == "adj" and m.head in _STATE_HEADS]
    victims = [
        m
        for m in mentions
        if (m.form == "noun" or (m.form == "adj" and (m.head in _VICTIM_HEADS or _as_noun(m))))
        and not _AGENCY_FOR.search(sentence, max(0, m.start - 30), m.start)
    ]
    usable_states = [m for m in states if m.role not in (Role.DIRECTION, Role.DEST)]
    if category in _HOST:
        dest = [m for m in states if m.role is Role.DEST]
        pick = dest or usable_states
        return pick[0].place if pick else None
    if category is Category.RETURNED and victims:
        return victims[0].place  # returnees go back to their own country
    if category is Category.DETAINED:
        victims = []  # "arrested 1,327 foreigners, most of them Venezuelans": held elsewhere
    if category in _FROM_FIRST and victims:
        return min(victims, key=lambda m: _distance(m, start, end)).place
    if usable_states:
        return usable_states[0].place
    return victims[0].place if victims and category not in _FROM_FIRST else None


def _as_noun(m: Mention) -> bool:
    """A demonym that is its own plural, before a verb: "5,000 Sudanese have fled",
    "Congolese crossed into Uganda"."""
    return (m.head or "") in _PEOPLE_VERBS


_PEOPLE_VERBS = frozenset(
    "have has had were are was is who remain remained fled returned crossed arrived died "
    "left entered reached went".split()
)


# A war as the subject of its toll: "a conflict that has killed", "the war has driven".
_CONFLICT_TOLL = re.compile(
    r"\b(?:war|conflict|uprising|insurgency)(?:,[^,;]{1,120},)?\s(?:that\s|which\s)?(?:has\s|have\s|had\s)?"
    r"(?:so\sfar\s|already\s)?(?:killed|left|displaced|uprooted|driven|forced|claimed)\b",
    re.IGNORECASE,
)


def _named_right_after(sentence: str, end: int, place: Place, named: list[Mention]) -> bool:
    """Whether the figure's own clause says where: "the war has killed 15,000 people in El
    Geneina" is El Geneina's toll, not the whole war's."""
    return any(
        m.place == place
        and m.start > end
        and m.role is Role.IN
        and m.start - end <= 40
        and not any(c in sentence[end : m.start] for c in ",;")
        for m in named
    )


_WAR_TOLLS = (Category.KILLED, Category.DISPLACED, Category.INJURED, Category.MISSING)


def _refine(place: Place, category: Category, sentence: str, article: ArticlePlaces) -> Place:
    """A country named in passing yields to the article's more specific place in it."""
    default = article.default
    if (
        default is None
        or category in _HOST
        or default.kind == "country"
        or default.country != place.country
        or (category in _WAR_TOLLS and _WAR.search(sentence))
        or _NATIONAL.search(sentence)  # "forcing 8 million people to flee the country"
    ):
        return place
    if place.kind == "country" or _base(place).kind == "country":
        if (
            _from_dateline(article)
            and not _BACK.search(sentence)  # "killed in the city": the dateline's city
            and not any(
                m.start >= article.dateline_end and _base(m.place) == default
                for m in article.mentions
            )
        ):
            return place  # "KABUL - Afghanistan already has 22.9 million": filed from Kabul
        return default
    return place


def _continued(
    sentence: str, offset: int, article: ArticlePlaces, category: Category
) -> Place | None:
    """A sentence cut at a line break, or one that goes on about the previous one's place."""
    end = offset + len(sentence)
    tail = sentence.rstrip().rsplit(" ", 1)[-1].lower()
    mentions = article.mentions
    if tail in _IN_WORDS | _ORIGIN_WORDS:
        first = bisect_left(mentions, end, key=_start)
        after = [m for m in mentions[first : first + 3] if m.start < end + 40 and m.form == "name"]
        if after:
            return after[0].place
    if category in _HOST:
        return None
    prev_start = _previous_sentence_start(article.text, offset)
    back = _BACK.search(sentence)
    if _PARAGRAPH.search(article.text, prev_start, offset) and not back:
        return None  # a new paragraph goes on about the last one's place only by name
    earlier = [
        m
        for m in _previous_mentions(article, offset)
        if m.form == "name"
        and m.place.kind != "country"
        and (
            not m.guessed
            or _APPOSITION.match(article.text, m.end)
            or _TYPE_AFTER.match(article.text, m.end)  # "the Tajoura detention centre"
        )
        and m.role not in (Role.DEST, Role.DIRECTION, Role.REPORT, Role.TAKEN)
        and not article.dateline_start <= m.start < article.dateline_end  # where it was filed
    ]
    kind = _BACK_KIND.get(back.group("type") or "") if back else None
    if kind is not None:
        # "the oblast" points back to a region, "the town" to a town: not to each other.
        earlier = [m for m in earlier if m.place.kind == kind]
    if not earlier and back is not None and back.group("type"):
        return _named_as(article, prev_start, back.group("type"))
    return earlier[0].place if earlier else None


def _named_as(article: ArticlePlaces, before: int, kind: str) -> Place | None:
    """The last place named with the type word that "the camp" points back to, a few
    paragraphs up: "stormed the Zamzam camp ... the last clinic in the camp"."""
    text = article.text
    first = bisect_left(article.mentions, before - _BACK_REACH, key=_start)
    last = bisect_left(article.mentions, before, key=_start)
    for m in reversed(article.mentions[first:last]):
        if m.form != "name" or article.dateline_start <= m.start < article.dateline_end:
            continue
        end = m.end
        if text.startswith(" (", end):  # "al-Hol (al-Hawl) camp"
            close = text.find(")", end, end + 40)
            end = close + 1 if close > 0 else end
        after = text[end : end + 40].split()[:2]
        if after[:1] == [kind] or (after[1:] == [kind] and after[0] in _TYPE_QUALIFIERS):
            return m.place
        if _words_before(text, m.start, 2) == ["of", kind]:  # "the town of Tawila"
            return m.place
    return None


_NEAREST = 16
_WHERE_CLOSED = re.compile(r",\s(?:and|but|while|whereas)\b")
_BACK_REACH = 2000
_RETURN_ROLES = (Role.DEST, Role.ORIGIN, Role.IN, Role.DIRECTION)
_TYPE_QUALIFIERS = frozenset("refugee displacement idp relief transit border".split())


_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# Words that point back to a place named before: "the city", "the camp", "there".
_BACK = re.compile(
    r"\b(?:the|this|that)\s(?:[\w-]{1,40}\s)?(?P<type>city|town|capital|camp|region|province"
    r"|oblast|area|village|district|state|governorate|hospital|school|shelter|site)\b"
    # "there" as a place, not "there are dozens of wounded"
    r"|\b(?:there|here)\b(?!\s(?:is|are|was|were|has|have|had|will|would|could|may|might"
    r"|remain|remains|seem|seems)\b)"
)
_BACK_KIND = dict.fromkeys(("region", "province", "oblast", "state", "governorate"), "region")
_BACK_KIND.update(dict.fromkeys(("city", "town", "village"), "city"))
_CLAUSE_END = re.compile(r"[;.]\s")
_QUARTER = re.compile(
    r"\b(?:in|across|throughout)\sthe\s(?:[\w-]{1,20}-held\s|rebel\s|government\s)?"
    r"(?P<compass>north-west|northwest|north-east|northeast|south-west|southwest|south-east"
    r"|southeast|north|south|east|west)\b(?!\sof\b|\s[A-Z])"
)
_LIST_JOIN = re.compile(r"(?:,\s|\sand\s|\sor\s|,\sand\s)")
_CAPITAL = re.compile(r"\bthe\scapital\b(?!\sof\b|['’]s)")


def _official_of(sentence: str, mentions: list[Mention]) -> Place | None:
    """The place whose mayor or governor speaks, when the sentence points back to it."""
    back = _BACK.search(sentence)
    if back is None or back.group("type") is None:
        return None
    for m in mentions:
        if m.form == "name" and _words_before(sentence, m.start, 2) in (
            ["of", "mayor"],
            ["of", "governor"],
        ):
            return m.place
    return None


def _previous_mentions(article: ArticlePlaces, offset: int) -> tuple[Mention, ...]:
    """The mentions of the sentence before the one at `offset`."""
    first = bisect_left(
        article.mentions, _previous_sentence_start(article.text, offset), key=_start
    )
    return article.mentions[first : bisect_left(article.mentions, offset, key=_start)]


def _previous_country(article: ArticlePlaces, offset: int) -> Place | None:
    """A country the sentence before names, if any."""
    if offset < 0:
        return None
    return next(
        (
            m.place
            for m in _previous_mentions(article, offset)
            if m.form == "name" and m.place.kind == "country"
        ),
        None,
    )


def _previous_sentence_start(text: str, offset: int) -> int:
    """Where the sentence before `offset` starts, looking back no further than 2,000 chars."""
    floor = max(0, offset - 2000)
    i = offset - 1
    while i > floor and text[i] in " \n\t\"'”":
        i -= 1
    j = i
    while j > floor and not (text[j] in ".!?\n" and j < i):
        j -= 1
    return j + 1 if j > 0 else 0


def _article_level(article: ArticlePlaces, category: Category, sentence: str) -> Place | None:
    default = article.default
    if default is None:
        return None
    if (
        default.kind != "country"
        and default.country
        and _WHOLE_WAR.search(sentence)
        and category in (Category.KILLED, Category.DISPLACED, Category.INJURED, Category.MISSING)
    ):
        return _country(default.country)  # a whole war's toll belongs to the country
    return default
