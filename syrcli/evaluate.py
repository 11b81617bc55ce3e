"""Scoring extracted figures against gold annotations (docs/figure-records.md, "Scoring").

A prediction matches a gold mention from the same article when the value fits (equal; for
vague gold, in [value, 10*value); for a range, inside it) and it points at the same place
(overlapping offsets, or the same sentence). It is right when its category is the gold
category or alt_category. Projection mentions are optional: neither a hit nor a miss.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syrcli.model import Figure
from syrcli.places import place_key, same_place


class GoldError(ValueError):
    """A gold file that cannot be read or has the wrong shape."""


@dataclass(frozen=True, slots=True)
class Gold:
    article: str  # file stem
    start: int
    end: int
    text: str
    value: int
    value_max: int | None
    vague: bool
    category: str
    alt_category: str | None
    qualifier: str | None
    location: str | None
    date: str | None
    projection: bool
    sentence: str

    def fits(self, value: int) -> bool:
        if self.vague:
            return self.value <= value < 10 * self.value
        if self.value_max is not None:
            return self.value <= value <= self.value_max
        return value == self.value

    def typed(self, category: str) -> bool:
        return category in (self.category, self.alt_category)


def load_gold(path: Path) -> list[Gold]:
    """Gold mentions from one JSON file (a list of objects in the contract's fields)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold ({exc})") from exc
    if not isinstance(rows, list):
        raise GoldError(f"{path}: expected a JSON list of figure objects")
    out = []
    for n, row in enumerate(rows, 1):
        try:
            out.append(
                Gold(
                    article=path.stem,
                    start=int(row["start"]),
                    end=int(row["end"]),
                    text=str(row.get("number_text", row.get("text", ""))),
                    value=int(row["value"]),
                    value_max=row.get("value_max"),
                    vague=bool(row.get("vague", False)),
                    category=str(row["category"]),
                    alt_category=row.get("alt_category"),
                    qualifier=row.get("qualifier"),
                    location=row.get("location"),
                    date=row.get("date"),
                    projection=bool(row.get("projection", False)),
                    sentence=str(row.get("sentence", "")),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{path}: figure {n} lacks or mistypes {exc}") from exc
    return out


def _same_place(g: Gold, f: Figure) -> bool:
    overlap = f.start < g.end and g.start < f.end
    return overlap or (bool(g.sentence) and g.sentence.strip() == f.sentence.strip())


def location_matches(gold: str | None, predicted: str | None) -> bool:
    """Lenient place match: "Idlib" matches "Idlib province", "Darién" matches "Darien Gap".

    >>> location_matches("Idlib", "Idlib province"), location_matches("Syria", None)
    (True, False)
    >>> location_matches("Darién", "Darien Gap"), location_matches("Homs", "Hama")
    (True, False)

    Two spellings of one place in syrcli's gazetteer match too:

    >>> location_matches("Idleb", "Idlib"), location_matches("Deir Ezzor", "Deir ez-Zor province")
    (True, True)
    >>> location_matches("Idleb", "Aleppo")
    False
    """
    if gold is None or predicted is None:
        return gold is predicted
    return _contains(_fold(gold), _fold(predicted)) or same_place(gold, predicted)


def _contains(g: str, p: str) -> bool:
    return bool(g and p) and (g in p or p in g)


def _fold(name: str) -> str:
    """Case, accents, apostrophes and hyphens aside: "Öncüpınar" is "oncupinar"."""
    return place_key(name)


@dataclass
class Pair:
    gold: Gold
    figure: Figure


@dataclass
class Report:
    pairs: list[Pair] = field(default_factory=list)
    misses: list[Gold] = field(default_factory=list)
    false_alarms: list[Figure] = field(default_factory=list)
    gold_count: int = 0
    predicted_count: int = 0

    def _prf(self, hits: int) -> dict[str, float]:
        p = hits / self.predicted_count if self.predicted_count else 0.0
        r = hits / self.gold_count if self.gold_count else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    def typed_hits(self) -> int:
        return sum(1 for x in self.pairs if x.gold.typed(x.figure.category.value))

    def accuracy(self, name: str) -> float:
        pairs = self.pairs
        if name == "qualifier":
            pairs = [x for x in pairs if x.gold.qualifier is not None]
        if not pairs:
            return 0.0
        right = sum(1 for x in pairs if _field_right(name, x))
        return round(right / len(pairs), 4)

    def categories(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for g in [x.gold for x in self.pairs] + self.misses:
            row = table.setdefault(g.category, {"gold": 0, "found": 0, "typed": 0, "predicted": 0})
            row["gold"] += 1
        for x in self.pairs:
            row = table[x.gold.category]
            row["found"] += 1
            row["typed"] += x.gold.typed(x.figure.category.value)
        for f in [x.figure for x in self.pairs] + self.false_alarms:
            table.setdefault(f.category.value, {"gold": 0, "found": 0, "typed": 0, "predicted": 0})[
                "predicted"
            ] += 1
        return dict(sorted(table.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_count,
            "predicted": self.predicted_count,
            "untyped": self._prf(len(self.pairs)),
            "typed": self._prf(self.typed_hits()),
            "accuracy": {k: self.accuracy(k) for k in ("qualifier", "location", "date")},
            "categories": self.categories(),
            "misses": [
                {
                    "article": g.article,
                    "text": g.text,
                    "value": g.value,
                    "category": g.category,
                    "sentence": g.sentence,
                }
                for g in self.misses
            ],
            "false_alarms": [
                {
                    "file": f.file,
                    "text": f.text,
                    "value": f.value,
                    "category": f.category.value,
                    "sentence": f.sentence,
                }
                for f in self.false_alarms
            ],
            "wrong_category": [
                {
                    "article": x.gold.article,
                    "text": x.gold.text,
                    "gold": x.gold.category,
                    "predicted": x.figure.category.value,
                    "sentence": x.gold.sentence,
                }
                for x in self.pairs
                if not x.gold.typed(x.figure.category.value)
            ],
            "wrong_fields": [
                {
                    "article": x.gold.article,
                    "text": x.gold.text,
                    "field": name,
                    "gold": getattr(x.gold, name),
                    "predicted": _predicted(name, x.figure),
                    "sentence": x.gold.sentence,
                }
                for x in self.pairs
                for name in ("qualifier", "location", "date")
                if (name != "qualifier" or x.gold.qualifier is not None)
                and not _field_right(name, x)
            ],
        }


def _predicted(name: str, f: Figure) -> str | None:
    if name == "qualifier":
        return f.qualifier.value
    if name == "location":
        return f"{f.location} ({f.country})" if f.location else None
    return f.date


def _field_right(name: str, pair: Pair) -> bool:
    g, f = pair.gold, pair.figure
    if name == "qualifier":
        return g.qualifier == f.qualifier.value
    if name == "location":
        return location_matches(g.location, f.location)
    return g.date == f.date


def score(gold: Sequence[Gold], figures: Sequence[Figure], report: Report) -> None:
    """Match one article's predictions to its gold and add the outcome to `report`."""
    unmatched = list(figures)
    # Mentions with offsets that overlap go first, so a sentence match never steals them.
    for g in sorted(gold, key=lambda g: g.start):
        candidates = [f for f in unmatched if g.fits(f.value) and _same_place(g, f)]
        if not candidates:
            if not g.projection:
                report.misses.append(g)
                report.gold_count += 1
            continue
        best = min(
            candidates,
            key=lambda f: (
                not (f.start < g.end and g.start < f.end),
                not g.typed(f.category.value),
                abs(f.start - g.start),
            ),
        )
        unmatched.remove(best)
        if g.projection:
            continue  # optional: matched, but neither a hit nor a miss
        report.pairs.append(Pair(g, best))
        report.gold_count += 1
        report.predicted_count += 1
    report.false_alarms.extend(unmatched)
    report.predicted_count += len(unmatched)


def evaluate(
    gold_by_article: dict[str, list[Gold]], figures_by_article: Iterable[tuple[str, list[Figure]]]
) -> Report:
    """Score every article that has gold. `figures_by_article` pairs a file stem with its
    predictions; articles without gold are skipped by the caller."""
    report = Report()
    for stem, figures in figures_by_article:
        score(gold_by_article.get(stem, []), figures, report)
    return report


def gold_dir(path: Path) -> dict[str, list[Gold]]:
    """Every `<stem>.json` gold file in a folder, by stem."""
    if not path.is_dir():
        raise GoldError(f"{path}: not a folder of gold files")
    files = sorted(path.glob("*.json"))
    if not files:
        raise GoldError(f"{path}: holds no .json gold files")
    return {f.stem: load_gold(f) for f in files}
