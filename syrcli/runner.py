"""Running the extractor over many inputs. Serial for now; issue 6 adds a process pool."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from syrcli.extract import extract_figures
from syrcli.model import ArticleResult, Document, ReadError
from syrcli.sources import read_document


def process(source: str | Document, article_date: dt.date | None = None) -> ArticleResult:
    """Read one input (a path, or an already decoded document) and extract its figures."""
    doc = read_document(source) if isinstance(source, str) else source
    if isinstance(doc, ReadError):
        return ArticleResult(doc.path, error=doc)
    figures = extract_figures(doc.text, file=doc.path, article_date=article_date)
    return ArticleResult(doc.path, tuple(figures), warnings=doc.warnings)


def run(
    sources: Iterable[str | Document],
    *,
    jobs: int = 1,
    article_date: dt.date | None = None,
    dask_address: str | None = None,
) -> Iterator[ArticleResult]:
    """Results in input order, one per source, streamed as they are ready."""
    for source in sources:
        yield process(source, article_date)
