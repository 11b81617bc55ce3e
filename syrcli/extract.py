"""The pipeline from text to figures."""

from __future__ import annotations

import datetime as dt

from syrcli.model import Figure


def extract_figures(
    text: str, file: str = "-", article_date: dt.date | None = None
) -> list[Figure]:
    """Every refugee, displacement and casualty figure in `text`, in text order."""
    return []
