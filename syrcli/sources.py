"""Reading inputs into decoded `Document`s, or `ReadError` values."""

from __future__ import annotations

from pathlib import Path

from syrcli.model import Document, ReadError


def read_document(path: str) -> Document | ReadError:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ReadError(path, exc.strerror or str(exc), "check the path and its permissions")
    try:
        return Document(path, data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ReadError(path, "not UTF-8 text", "use --encoding latin-1")
