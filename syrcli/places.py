"""Locations for figures. Placeholder interface; the gazetteer is built in issue 4."""

from __future__ import annotations

from dataclasses import dataclass

from syrcli.model import Category


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """What the article as a whole is about, for figures whose sentence names no place."""

    default: Place | None = None


def article_places(text: str) -> ArticlePlaces:
    return ArticlePlaces()


def locate(
    sentence: str, start: int, end: int, category: Category, article: ArticlePlaces
) -> Place | None:
    """The place the figure at `sentence[start:end]` is about."""
    return article.default
