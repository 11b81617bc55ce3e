"""Dates for figures: the article's own date and the date a figure refers to.

Rules, from the contract ("Dates"):

1. an explicit date in the sentence that the figure refers to ("by 23 February" gives the day,
   "in the final days of January" the month, a period its end);
2. otherwise the article's own date, from its date line or dateline.

Relative words ("on Monday", "last week", "since December") are resolved against the article
date with python-dateutil. Nothing here ever looks at the clock: no year known, no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

__all__ = ["article_date", "figure_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
# An abbreviated month alone is a word ("Viña del Mar", "Sept"ember needs a day or a year).
_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"

# One date as news writes it; each alternative is anchored on a month name, digits or a year.
_DATE = re.compile(
    rf"""
    (?=[0-9JFMASOND])            # every date starts so: other positions fail at once
    (?:(?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?      # 2021-03-03T10:00
    | \b(?P<dmy_a>\d{{1,2}})(?P<sep>[/.-])(?P<dmy_b>\d{{1,2}})     # 02/02/2016, 18-03-2019
      (?P=sep)(?P<dmy_y>{_YEAR})\b
    | \b(?P<d1>{_DAY})(?:st|nd|rd|th|\.)?\s(?:of\s)?(?P<m1>{_MONTH})\b\.?  # 23 February, 24. Jan
      (?:,?\s(?P<y1>{_YEAR})\b)?                                           #   2020
    | \b(?P<m2>{_MONTH})\b\.?\s(?P<d2>{_DAY})(?:st|nd|rd|th)?\b            # February 23
      (?:,?\s(?P<y2>{_YEAR})\b(?![:.]\d)|(?!\s?[-–:.]?\d))                  #   , 2020
    | \b(?P<m3>{_MONTH})\b\.?(?:,?\s(?P<y3>{_YEAR})\b)?                    # February (2020)
    | \b(?P<y4>{_YEAR})\b(?![-/.,]?\d)                                     # 2020
    )""",
    re.VERBOSE,
)
_RELATIVE = re.compile(
    r"""(?=[ytslioadwmfYTSLIOADWMF])\b(?:
      (?P<yesterday>(?i:yesterday|last\snight|the\sprevious\s(?:day|evening|night)))
    | (?P<thisyear>(?i:this\syear))                # the year: "2024"
    | (?P<thismonth>(?i:this\smonth))              # the month: "2024-02"
    | (?P<today>(?i:today|tonight|this\s(?:morning|afternoon|evening|week)
        |so\sfar\sthis\s\w+|in\srecent\s(?:days|weeks|months)|over\sthe\spast\s\w+\s?\w*))
    | (?P<weekend>(?i:(?:over|at|during)\sthe\sweekend|this\sweekend|last\sweekend))
    | (?P<lastweek>(?i:last\sweek))
    | (?P<lastmonth>(?i:last\smonth))
    | (?P<lastyear>(?i:last\syear))
    | (?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
    )\b""",
    re.VERBOSE,
)
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:jpe?g|png|gif|pdf|html?|php|aspx?)\b", re.I)
_LABEL = re.compile(
    r"\b(?:date[d]?|published|posted|updated|last\supdated|first\spublished|issued|released)\b"
    r"\s?(?:on\s)?:?",
    re.I,
)
# A wire dateline: "BEIRUT, Feb 11 (Reuters) -", "GENEVA, March 3, 2021 (AFP) —".
_WIRE = re.compile(
    rf"""^\s{{0,5}}[A-Z][A-Za-z .'()/-]{{1,40}}(?:,\s[A-Z][A-Za-z .'()/-]{{1,40}})?,\s
    (?P<date>{_MONTH}\.?\s{_DAY}(?:,?\s{_YEAR})?|{_DAY}\s{_MONTH}(?:\s{_YEAR})?)
    \s?(?:\([A-Za-z .]{{1,20}}\)\s?)?[-–—:]""",
    re.VERBOSE,
)
_US_ZONE = re.compile(r"\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)\b")


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


def _parse(m: re.Match[str]) -> _Found:
    g = m.groupdict()
    if g["iso"]:
        y, mo, d = (int(x) for x in g["iso"].split("-"))
        return _Found(m.start(), m.end(), y, mo, d)
    if g["dmy_a"]:
        a, b = int(g["dmy_a"]), int(g["dmy_b"])
        # Day first, as most of the world writes it, unless that cannot be ("12/25/2016")
        # or the line keeps US time ("6:56 AM EST").
        us = b > 12 or (a <= 12 and _US_ZONE.search(m.string) is not None)
        return _Found(m.start(), m.end(), int(g["dmy_y"]), a if us else b, b if us else a)
    for d_key, m_key, y_key in (("d1", "m1", "y1"), ("d2", "m2", "y2"), (None, "m3", "y3")):
        if g[m_key] and m_key == "m3" and not g["y3"] and g["m3"] in _ABBREVIATIONS:
            return _Found(m.start(), m.end(), None, None, None)  # "Viña del Mar", not March
        if g[m_key]:
            day_of = int(g[d_key]) if d_key else None
            year = int(g[y_key]) if g[y_key] else None
            return _Found(m.start(), m.end(), year, _MONTHS[g[m_key][:3].lower()], day_of)
    return _Found(m.start(), m.end(), int(g["y4"]), None, None)


def _valid(f: _Found) -> dt.date | None:
    try:
        return dt.date(f.year or 2000, f.month or 1, f.day or 1)
    except ValueError:
        return None


# --- the article's own date --------------------------------------------------------------

_HEAD_CHARS = 600


def article_date(text: str) -> dt.date | None:
    """The article's own date from its date line or dateline, or None.

    >>> article_date("02/02/2016 6:56 AM AEDT\\n\\nPro-Assad Advances ...")
    datetime.date(2016, 2, 2)
    >>> article_date("BEIRUT, Feb 11 (Reuters) - Thousands fled.") is None
    True
    >>> article_date("Flash Update #3\\n\\nPeriod covered: 20–22 May 2024\\n\\nKEY POINTS")
    datetime.date(2024, 5, 22)
    >>> article_date("NIGER: Snapshot (as of 31 May 2022)\\n\\nKey figures")
    datetime.date(2022, 5, 31)
    """
    head = _URLISH.sub(lambda m: " " * len(m.group()), text[:_HEAD_CHARS])
    lines = head.split("\n")
    year_hint = _year_hint(lines)
    labelled = [line for line in lines if _PUBLISHED.match(line)]
    periods = [line for line in lines if _PERIOD_LINE.match(line)]
    header: tuple[int, int] | None = None  # "Issue 6 | June 2024": a month, no day
    for line in labelled + lines:  # "Published: 14 August 2024" before any other date line
        if not line.strip() or _PERIOD_LINE.match(line):
            continue  # "Period covered: 1 January – 31 July 2024" is no publication date
        wire = _WIRE.match(line)
        if wire:
            found = _parse(_DATE.match(wire.group("date")) or _fail())
            return _complete(found, year_hint)
        for m in _DATE.finditer(_CAPS_MONTH.sub(lambda w: w.group().capitalize(), line)):
            found = _parse(m)
            if found.month is None and found.year is None:
                continue
            if _is_date_line(line, m) and (found.year or year_hint):
                if found.month is None:
                    continue  # a bare year is no date line
                day = _complete(found, year_hint)
                if day is None:
                    header = header or (found.year or year_hint or 0, found.month)
                elif header is None or header == (day.year, day.month):
                    # a line below a month-only header must fall in its month: not a dated
                    # event line ("10 Oct 2023: 1,200 killed" under "February 2024")
                    return day
    for line in periods:
        if _OPEN_PERIOD.search(line):
            continue  # "15 April 2023 to date": no end to date the report by
        # No date line but the period a report covers: the report is as of the period's end.
        ends = [_parse(m) for m in _DATE.finditer(line)]
        ends = [f for f in ends if f.month is not None and (f.year or year_hint)]
        if ends:
            return _complete(ends[-1], year_hint)
    return None


_OPEN_PERIOD = re.compile(r"\b(?:to\sdate|present|onwards?|ongoing)\b", re.I)
_PUBLISHED = re.compile(r"\s{0,4}(?:Published|Updated|Posted|Date|Issued|Released)\b", re.I)
_PERIOD_LINE = re.compile(
    r"\s{0,4}(?:Period\scovered|Reporting\speriod|Period|Covering|Coverage)\b", re.I
)


# Date lines in capitals ("SEPTEMBER 12, 2017 / 9:14 AM"); the length stays, so do offsets.
_CAPS_MONTH = re.compile(rf"\b{_MONTH.upper()}\b")


def _fail() -> re.Match[str]:
    raise AssertionError("the wire pattern holds a date")


def _complete(found: _Found, year_hint: int | None) -> dt.date | None:
    year = found.year or year_hint
    if year is None or found.month is None:
        return None
    try:
        return dt.date(year, found.month, found.day or 1) if found.day else None
    except ValueError:
        return None


# A report title's fields: "Title | Place | 30 Nov 2023"; the date is a field of its own.
_SEGMENT = re.compile(
    r"[|·•]\s{0,4}(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?$"  # "· Sunday, 1 December"
)
_SEGMENT_WORDS = re.compile(r"[^|·•\n]*[A-Za-z]{3}")


def _is_date_line(line: str, m: re.Match[str]) -> bool:
    """A date line is short, or labelled ("Published: ..."): a caption's date is neither."""
    before = line[: m.start()]
    if _LABEL.search(before[-25:]):
        return True
    if (
        not before.strip()
        and _DASH_AFTER.match(line, m.end())
        and re.search(rf"\b{_YEAR}\b", m.group())
    ):
        return True  # UN News: "6 March 2018 – A 46-truck convoy entered Douma ..."

    if _AS_OF.search(before[-24:]) and re.search(rf"\b{_YEAR}\b", m.group()):
        return True  # "Humanitarian Snapshot (as of 31 May 2022)", "valid as of 15 October 2024"
    if _SEGMENT.search(before[-16:]) and not _SEGMENT_WORDS.match(line, m.end()):
        return True  # "UNHCR Operational Update | Afghanistan Situation | 30 Nov 2023"
    rest = (before + line[m.end() :]).strip()
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return len(rest) <= 45 and len(words) <= 6


# Only a header's "as of": "(as of 31 May 2022)", "All information valid as of ...", not a
# sentence's "which stood at 2.1 million as of 30 June 2023".
_DASH_AFTER = re.compile(r"\s?[–—]\s|\s-\s")
_AS_OF = re.compile(r"(?:\(|\bvalid\s|\bdata\s|\bfigures\s|\bsituation\s)as\sof\s\Z", re.I)


def _year_hint(lines: list[str]) -> int | None:
    """A year stated on a short header line ("© 2016 Reuters", "February 2016")."""
    years: set[int] = set()
    for line in lines[:8]:
        if len(line.strip()) <= 45:
            years.update(int(y) for y in re.findall(rf"\b({_YEAR})\b", line))
    return years.pop() if len(years) == 1 else None


# --- the figure's date -------------------------------------------------------------------

_REPORTING = frozenset(
    "said says say told reported reports announced added stated tweeted wrote according "
    "statement briefing reporters report confirmed warned warns".split()
    # Not "published" or "released": "figures published in March 2023" date the figures.
)
_PART_OF_DAY_S = re.compile(r"\s(?:night|morning|evening|afternoon)['’]s\b")
_SUBORDINATE = frozenset("since after following when before until once as which".split())
# A time the figure's own clause is set in: "in 1994, when the dam overflowed, displacing".
_WHEN = re.compile(r",\s(?:when|in\swhich)\b")
_WHEN_BARE = re.compile(r"\swhen\b")
# What was said then is dated then: "the WHO said on Tuesday that 174 people had been killed".
_THAT = re.compile(r"\sthat\b")
_EVENT_VERBS = frozenset(
    "began begun started erupted broke struck launched captured recaptured seized signed "
    "agreed declared took landed hit swept attacked stormed overran fell "
    "won invaded withdrew burst collapsed exploded capsized sank crashed".split()
)
_PERIOD_START = frozenset("between from".split())
_PERIOD_END = re.compile(rf"\s(?:and|to|until|through)\s(?:(?:early|mid|late)\s?-?)?{_MONTH}\b")
_EVENT_NOUNS = frozenset(
    "exodus war floods flood earthquake quake election elections uprising revolution coup "
    "crisis invasion offensive massacre genocide famine drought cyclone tsunami".split()
)
# What a period can start from: "since the fall of Assad on Sunday" (not "the fall of 2019").
_SINCE_EVENTS = _EVENT_NOUNS | frozenset("fall collapse ouster ceasefire truce".split())
# Words that sit between a verb and its date: "said late last Friday", "reported on Monday".
_NEAR_DATE = frozenset("on in at late early earlier last this next".split())
_PERIOD_WORDS = frozenset("the start beginning end middle mid mid- early late of".split())
_ATTRIBUTIVE = frozenset("a an the its their his her this that".split())
_YEAR_PREPS = frozenset("in during throughout by of since for until period".split())
_PART_WORDS = frozenset("early mid mid- late".split())
_PART_OF = frozenset("end start beginning middle".split())


def _year_prep(before: list[str]) -> str:
    """The preposition a year hangs on, past "early" and "the end of": "by early 2005"."""
    i = 0
    while i < len(before) and before[i] in _PART_WORDS:
        i += 1
    if before[i : i + 1] == ["of"] and before[i + 1 : i + 2] and before[i + 1] in _PART_OF:
        i += 3 if before[i + 2 : i + 3] == ["the"] else 2
    if (
        before[i : i + 1] in (["and"], ["to"])
        and before[i + 1 : i + 2]
        and _YEAR_WORD.fullmatch(before[i + 1])
        and before[i + 2 : i + 3] in (["between"], ["from"])
    ):
        return "period"  # "between 2011 and 2018": a period, dated by its end
    return before[i] if i < len(before) else ""


_YEAR_WORD = re.compile(r"(?:18|19|20)\d\d")
# A sentence that opens with its period: "Between 2011 and 2015, 4 million Syrians fled".
_OPENING_PERIOD = re.compile(
    r"\s{0,3}(?:In\sthe\syears\s|In\s)?(?:Between|From|between|from)\s(?:18|19|20)\d\d"
    r"\s(?:and|to|-|–)\s(?:18|19|20)\d\d\b"
)


def _opening_period(sentence: str, c: _Candidate) -> bool:
    """Whether `c` ends the period the sentence opens with."""
    m = _OPENING_PERIOD.match(sentence)
    return m is not None and c.end == m.end()


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    value: str | None
    period: bool = False  # the end of "between 2011 and 2015": it dates only what precedes it


def figure_date(sentence: str, start: int, end: int, published: dt.date | None) -> str | None:
    """The date a figure at `sentence[start:end]` refers to: YYYY, YYYY-MM or YYYY-MM-DD.

    >>> s = "More than 3,000 Syrian refugees entered Turkey in the final days of January."
    >>> figure_date(s, 0, 15, dt.date(2016, 2, 2))
    '2016-01'
    >>> figure_date("It had displaced 20,000 since November.", 17, 23, dt.date(2016, 2, 2))
    '2016-02-02'
    """
    fallback = published.isoformat() if published else None
    wire = _WIRE.match(sentence)
    filed = wire.end() if wire and wire.end() <= start else 0  # "AMMAN, May 10 (AP) —"
    found = _candidates(sentence, published)
    if len(found) > _NEAREST:
        # A sentence with hundreds of dates: the figure's own is among the nearest.
        found = tuple(sorted(found, key=lambda f: _gap(f[1], start, end))[:_NEAREST])
    candidates = [
        c
        for (m_start, m_end), c in found
        if not (m_start < end and m_end > start)  # the figure itself ("2,000" is no year)
        and m_start >= filed  # the dateline's date is the article's, not the figure's
        and not _CLAUSE_BREAK.search(sentence, min(c.end, end), max(c.start, start))
        and not (c.start >= end and _WHICH.search(sentence, end, c.start))
        # "The appeal came on Tuesday, after 5,000 fled": the figure's clause has its own time
        and not (c.end <= start and _AFTER_CLAUSE.search(sentence, c.end, start))
        # "Despite fighting between 2012 and 2016, 1.1 million returned": another time
        and not (c.period and c.end <= start and not _opening_period(sentence, c))
    ]
    if not candidates:
        return fallback
    best = min(candidates, key=lambda c: _gap(c, start, end))
    return best.value


# Between two clauses with figures of their own: "... over the weekend, while the ICRC said
# its hospital was treating 100 wounded" (the weekend is the first clause's).
_CLAUSE_BREAK = re.compile(
    r";|,?\s(?:while|whereas|meanwhile)\s"
    # "73,000, up from about 10,000 in early December": the date is the older count's
    r"|,\s(?:up|down)\sfrom\s|,\scompared\s(?:with|to)\s"
)


# A relative clause after the figure tells of something else: "... held in centres,
# according to UNHCR, which said it had moved 150 people ... on Tuesday", "1 million
# refugees, most of whom fled a crackdown in 2017".
_WHICH = re.compile(
    r",\s(?:which|who)\s|,\s(?:most|many|some|all)\sof\s(?:whom|them)\s[^,;]{0,200}\Z"
)
_NEAREST = 12
_AFTER_CLAUSE = re.compile(r",\s(?:after|before)\s")


def _gap(c: _Candidate, start: int, end: int) -> int:
    return start - c.end if c.end <= start else max(0, c.start - end)


@lru_cache(maxsize=256)
def _candidates(
    sentence: str, published: dt.date | None
) -> tuple[tuple[tuple[int, int], _Candidate], ...]:
    """Every date of the sentence with the span it was read from, once for all its figures."""
    spans: list[tuple[int, int]] = []
    out: list[_Candidate] = []
    # A period "since ..." ends when it was told: "said on Tuesday that 174 had been killed
    # since the offensive began".
    told = _told(sentence, published)
    end_of_since = told or _iso(published)
    # "in the first half of this year", "in the first five months of 2023": the period's end.
    parts = []
    for m in _PART_OF_YEAR.finditer(sentence):
        year = int(m["year"]) if m["year"] else (published.year if published else None)
        if year is not None:
            month = _part_months(m)
            if (
                not m["year"]
                and published is not None
                and (year, month) > (published.year, published.month)
            ):
                month = published.month  # "the first half of this year", told in May: to May
            parts.append(m.span())
            spans.append(m.span())
            out.append(_Candidate(m.start(), m.end(), f"{year}-{month:02d}"))
    for m in _DATE.finditer(sentence):
        if any(a <= m.start() < b for a, b in parts):
            continue
        found = _parse(m)
        if _valid(found) is None:
            continue
        before = _words_before(sentence, m.start())
        after = sentence[m.end() : m.end() + 20]
        # "a 2010 earthquake that killed", "the January 2010 earthquake that killed": the
        # date of the event the figure counts
        event_year = _EVENT_AFTER.match(sentence, m.end()) is not None
        # "in 2015", "by early 2005", "by the end of 2023": a year the figure is set in
        prep = _year_prep(before)
        if found.month is None and not event_year and prep not in _YEAR_PREPS:
            continue  # "the 2018 Sochi deal", "a five-year war"; not "a 2010 earthquake that"
        role = (
            "date"
            if event_year
            else _context(before, after, sentence, m.start(), found.day is not None)
        )
        if role == "skip":
            continue
        spans.append(m.span())
        if role == "since":
            out.append(_Candidate(_since_start(sentence, m.start()), m.end(), end_of_since))
            continue
        ahead = bool(before) and before[0] in _AHEAD and _FUTURE.search(sentence) is not None
        which = _WHICH_YEAR.match(sentence, m.end()) if found.year is None else None
        if which is not None and found.month is not None and published is not None:
            # "on 26 November last year", "in March this year": the year is told in words
            shift = {"last": -1, "this": 0, "next": 1}[which["which"].lower()]
            found = _Found(found.start, found.end, published.year + shift, found.month, found.day)
            parts.append(which.span())
            spans[-1] = (m.start(), which.end())
            out.append(_Candidate(m.start(), which.end(), _explicit(found, published)))
            continue
        value = _explicit(found, published, ahead)
        out.append(_Candidate(m.start(), m.end(), value, prep == "period"))
    for m in _RELATIVE.finditer(sentence):
        if any(a <= m.start() < b for a, b in parts):
            continue
        if m["weekday"] and any(s <= m.end() + 2 and m.end() < s for s, _e in spans):
            continue  # "on Saturday, 4 May 2019": the date that follows says which Saturday
        before = _words_before(sentence, m.start())
        role = _context(
            before, sentence[m.end() : m.end() + 20], sentence, m.start(), bool(m["weekday"])
        )
        if role == "skip":
            continue
        spans.append(m.span())
        if role == "since" or published is None:
            out.append(_Candidate(m.start(), m.end(), end_of_since))
            continue
        out.append(_Candidate(m.start(), m.end(), _relative(m, published)))
    for m in _SINCE.finditer(sentence):
        # "since the floods began": the period ends on the article date whatever began it.
        if not any(c.start <= m.start() < c.end for c in out):
            spans.append(m.span())
            out.append(_Candidate(m.start(), m.end(), end_of_since))
    # "since 15 March 2011 until 13 March 2017": a period told with its end ends then.
    ends = [c for c in out if _UNTIL.search(sentence, max(0, c.start - 8), c.start)]
    for n, c in enumerate(out):
        if c.value == end_of_since and c not in ends:
            later = [e for e in ends if c.start < e.start <= c.end + 120]
            if later:
                out[n] = _Candidate(c.start, c.end, later[0].value)
    return tuple(zip(spans, out, strict=True))


_UNTIL = re.compile(r"\b(?:until|till|through|to)\s\Z")


_SINCE = re.compile(r"\bsince\b")
_PART_OF_YEAR = re.compile(
    r"\bthe\sfirst\s(?:(?P<half>half)|(?P<quarter>quarter)|(?P<n>two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|[2-9]|1[01])\smonths)\sof\s(?:this\syear|the\syear|(?P<year>(?:19|20)\d\d)\b)"
)
_MONTH_COUNTS = dict(
    zip("two three four five six seven eight nine ten eleven".split(), range(2, 12), strict=True)
)
# A year that names an event which the figure counts: "a 2010 earthquake that killed".
_EVENT_AFTER = re.compile(
    r"\s(?:earthquake|quake|floods?|cyclone|tsunami|famine|drought|massacre)"
    r"(?:\sand\s[a-z]{1,20})?(?:,?\s(?:that|which)|,[^,;]{1,80},(?:\s(?:also|had|has))?)"
    r"\s(?:killed|displaced|left|forced|drove|uprooted)\b"
)  # "a 2010 earthquake that killed", "The 2004 tsunami, set off by ..., also killed"


def _part_months(m: re.Match[str]) -> int:
    if m["half"]:
        return 6
    if m["quarter"]:
        return 3
    n = m["n"]
    return int(n) if n.isdigit() else _MONTH_COUNTS[n]


_TOLD = re.compile(
    r"\b(?:said|says|reported|announced|stated)\s(?:on\s)?(?P<day>Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|yesterday)\sthat\b"
)


def _told(sentence: str, published: dt.date | None) -> str | None:
    m = _TOLD.search(sentence)
    if m is None or published is None:
        return None
    return _relative(_RELATIVE.match(sentence, m.start("day")) or _fail(), published)


def _iso(published: dt.date | None) -> str | None:
    return published.isoformat() if published else None


def _since_start(sentence: str, pos: int) -> int:
    i = sentence.rfind("since", 0, pos)
    return i if i >= 0 else pos


def _words_before(sentence: str, pos: int) -> list[str]:
    """Up to ten lower-cased words before `pos` in the same clause, nearest first."""
    out: list[str] = []
    # "06:11" and "6.7" are one word: their colon or point ends no clause.
    words = re.findall(r"\d+(?:[.:]\d+)+|[\w'’-]+|[.;:!?,]", sentence[max(0, pos - 80) : pos])
    for w in reversed(words):
        if w in ".;:!?,":
            break
        out.append(w.lower())
        if len(out) == 10:
            break
    return out


def _context(before: list[str], after: str, sentence: str, pos: int, day: bool = False) -> str:
    """'date', 'since' (a period that ends on the article date) or 'skip' for a date of
    another event, a report or an attribute ("a January 12 ceasefire")."""
    if _WHEN.match(after) or (
        _WHEN_BARE.match(after) and "since" not in before and not _PERFECT.search(sentence, pos)
    ):
        # "since 1934, when some 8,500 were killed", "began on March 6 when gunmen ...,
        # killing 13": the clause's own time
        return "date"
    explicit_day = day and not _WEEKDAY_WORD.match(sentence, pos)
    words = [w for w in before if w not in _NEAR_DATE]
    if words and words[0] in _REPORTING and not _THAT.match(after) and not explicit_day:
        # "Reuters reported on Monday": when it was said, not counted; but a written day
        # ("Zelensky said on 24 March 2022") is the only date the figure is given
        return "skip"
    if (
        len(words) > 1
        and words[0][:1].isupper() is False
        and words[1] in _REPORTING
        and (words[0] in ("a", "the") or words[0] in _REPORTING)
    ):
        return "skip"
    lead = [w for w in before[:5] if w not in _PERIOD_WORDS]
    if before[:3] == ["in", "far", "so"]:
        return "since"  # "so far in 2023": a period that ends when it was told
    if lead and lead[0] == "since":
        return "since"  # "since January 15", "since the end of December", "since mid-April"
    for i, w in enumerate(before):
        if w == "when" and i + 1 == len(before):
            return "date"  # "When IS overran Sinjar in August 2014, they killed 5,000"
        if w in _SUBORDINATE:
            if w == "since" and any(n in _SINCE_EVENTS for n in before[:i]):
                return "since"  # "since the fall of Assad on Sunday": a period from then
            # "after the Taliban returned to power in August 2021": another event's date
            if any(v in _EVENT_VERBS for v in before[:i]) or "power" in before[:i]:
                return "since" if w == "since" else "skip"  # "since the floods began on 3 March"
            break
    if after[:2] in ("'s", "’s") or _PART_OF_DAY_S.match(after):
        # "were wounded in Saturday's attack": that day's count; "the toll from Monday's
        # explosion rose to 68", "had been killed in Monday's quakes": a count as told;
        # "Monday's briefing", "Sunday's election": another event's day.
        if (
            _LEVEL.search(sentence)
            or _PERFECT.search(sentence, 0, pos)
            or not _EVENT_AFTER_S.match(after)
        ):
            return "skip"
        return "date"
    if before and before[0] in _ATTRIBUTIVE and re.match(r"\s[a-z]", after):
        return "skip"  # "a January 12 ceasefire"
    if before and before[0] in _PERIOD_START and re.match(r"\s(?:and|to|until|-)\s", after):
        return "skip"  # the start of "between 19 February and 23 March"
    if _PERIOD_END.match(after):
        return "skip"  # "in October and November": the period ends with the second month
    if before[:1] == ["of"] and len(before) > 1 and before[1] in _EVENT_NOUNS:
        return "skip"  # "the mass exodus of 2017": another event's year
    if (
        day
        and _CONSEQUENCE.match(sentence, pos)
        and not _LEVEL.search(sentence)
        and not any(v in _LONG_EVENTS for v in before[:6])
    ):
        # "a guided bomb hit a block on Sunday, wounding 11": the day of a one-off event
        # dates what it did; not "Russia invaded on 24 February 2022, forcing 8 million"
        return "date"
    if _LEVEL_VERB.search(sentence, pos) and any(
        w in ("that", "which") and (k + 1 == len(before) or before[k + 1] not in _REPORTING)
        for k, w in enumerate(before)
    ):
        # "the toll from the quake that struck Sulawesi on Friday has risen to"; not "the
        # ministry said that on Wednesday the death toll had risen to 300"
        return "skip"
    if any(v in _EVENT_VERBS for v in before[:3]):
        return "skip"  # "captured Rabiya ... on Jan. 24", "the war that erupted in 2011"
    return "date"


# Events that last: their start does not date what they did since.
_LONG_EVENTS = frozenset("invaded erupted began begun started broke launched".split())
_WEEKDAY_WORD = re.compile(
    r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|yesterday|today"
)
# The date's clause goes on to what the event did: "... on Sunday, killing 300".
_CONSEQUENCE = re.compile(
    r"[^,;.]{0,40},\s(?:killing|wounding|injuring|displacing|leaving|forcing|trapping)\b"
)
_LEVEL = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|reached|reaches|stands|stood|toll"
    r"|increased|passed|past|topped|exceeded|surpassed)\b"
)
_LEVEL_VERB = re.compile(
    r"\b(?:has|have|had)\s(?:now\s)?(?:risen|climbed|jumped|reached|passed|topped|exceeded"
    r"|surpassed|increased)\b|\b(?:rose|climbed|jumped)\sto\b"
)
_PERFECT = re.compile(r"\b(?:has|have|had)\b")
_EVENT_AFTER_S = re.compile(
    r"['’]s\s(?:(?:night|morning|evening|afternoon)['’]s\s)?(?:[a-z-]{1,20}\s)?(?:attacks?|bombings?"
    r"|strikes?|airstrikes?|raids?|quakes?|earthquakes?|explosions?|blasts?|shelling|floods?"
    r"|storm|massacre|assault|offensive|fighting|clashes|ambush|fire|shooting|landslides?"
    r"|eruption|stampede|crash)\b"
)


# A deadline in a forecast looks ahead: "could slip into famine by September".
_WHICH_YEAR = re.compile(r"\s(?:of\s)?(?P<which>last|this|next)\syear\b", re.IGNORECASE)
_AHEAD = frozenset("by until till next".split())
_FUTURE = re.compile(
    r"\b(?:could|will|would|may|might|expected|projected|forecast|likely|set\sto|risk)\b"
)


def _explicit(found: _Found, published: dt.date | None, ahead: bool = False) -> str | None:
    """The found date as YYYY, YYYY-MM or YYYY-MM-DD, its year from the article's if unsaid.

    >>> _explicit(_Found(0, 0, None, 12, None), dt.date(2024, 1, 10))
    '2023-12'
    >>> _explicit(_Found(0, 0, None, 3, None), dt.date(2024, 11, 10), ahead=True)
    '2025-03'
    """
    year = found.year
    if year is None:
        if published is None or found.month is None:
            return None
        # A month after the article's month is last year's ("in December", read in January),
        # unless the sentence looks ahead: a month before it is then next year's.
        if ahead:
            year = published.year + (1 if found.month < published.month else 0)
        else:
            year = published.year - (1 if found.month > published.month else 0)
    if found.month is None:
        return f"{year:04d}"
    if found.day is None:
        return f"{year:04d}-{found.month:02d}"
    return f"{year:04d}-{found.month:02d}-{found.day:02d}"


def _relative(m: re.Match[str], published: dt.date) -> str:
    kind = m.lastgroup
    if kind == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if kind == "weekend":
        return (published + relativedelta(weekday=SU(-1))).isoformat()
    if kind == "lastweek":
        # Last week ends on the Sunday before this week's Monday.
        return (published - dt.timedelta(days=published.weekday() + 1)).isoformat()
    if kind == "lastmonth":
        prev = published - relativedelta(months=1)
        return f"{prev.year:04d}-{prev.month:02d}"
    if kind == "thisyear":
        return f"{published.year:04d}"
    if kind == "thismonth":
        return f"{published.year:04d}-{published.month:02d}"
    if kind == "lastyear":
        return f"{published.year - 1:04d}"
    if kind == "weekday":
        # The latest such day on or before the article's date.
        day = _WEEKDAY[m.group("weekday")]
        return (published + relativedelta(weekday=day(-1))).isoformat()
    return published.isoformat()


_WEEKDAY = {
    "Monday": MO, "Tuesday": TU, "Wednesday": WE, "Thursday": TH,
    "Friday": FR, "Saturday": SA, "Sunday": SU,
}  # fmt: skip
