"""Dates for figures: the article's own date and dates named in a sentence.

Placeholder interface; the full rules of the contract ("Dates") are built in issue 4.
"""

from __future__ import annotations

import datetime as dt


def article_date(text: str) -> dt.date | None:
    """The article's own date from its date line or dateline, or None."""
    return None


def figure_date(sentence: str, start: int, end: int, published: dt.date | None) -> str | None:
    """The date a figure at `sentence[start:end]` refers to: YYYY, YYYY-MM or YYYY-MM-DD."""
    return published.isoformat() if published else None
