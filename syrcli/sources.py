"""Reading inputs: which files a command line names, and their bytes decoded into `Document`s.

Anything that cannot be read becomes a `ReadError` value naming the problem and its fix, so
one bad file never stops a run. Offsets point into the text exactly as decoded: line endings
are kept as written (CRLF stays CRLF) and only a byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from syrcli.model import Document, ReadError

STDIN = "-"
DEFAULT_GLOBS = ("*.txt",)

# Longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Formats people save by mistake next to articles, named so the message says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx)"),
    (b"\x1f\x8b", "a gzip archive"),
)

_TO_TEXT = "convert it to plain text first, or leave it out"


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the command line names, expanded: files to read in order, and what was wrong."""

    items: tuple[str | ReadError, ...]
    warnings: tuple[str, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(item for item in self.items if isinstance(item, str))


def expand(
    paths: Sequence[str], *, recursive: bool = False, globs: Sequence[str] = DEFAULT_GLOBS
) -> Inputs:
    """Files and folders as given, folders expanded to their matching files, sorted.

    Without `recursive` a folder gives the matching files directly inside it; with it, every
    matching file below it. Hidden files and folders are skipped: they hold editor backups and
    syrcli's own temporary output files. A path named twice is read once.
    """
    items: list[str | ReadError] = []
    warnings: list[str] = []
    seen: set[str] = set()

    def add(item: str | ReadError) -> None:
        if isinstance(item, str):
            if item in seen:
                return
            seen.add(item)
        items.append(item)

    pattern_list = ", ".join(globs)
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            add(path)  # read_document reports a missing or odd path when it gets there
            continue
        found = _walk(path, globs) if recursive else _listdir(path, globs)
        subfolders = 0 if recursive else _count_subfolders(path)
        if not found:
            hint = (
                "use -r to search its subfolders"
                if subfolders
                else "use --glob to match other names (e.g. --glob '*.md')"
            )
            add(ReadError(path, f"folder has no files matching {pattern_list}", hint))
        elif subfolders:
            warnings.append(f"{path}: {subfolders} subfolder(s) not searched; use -r to include")
        for name in found:
            add(name)
    return Inputs(tuple(items), tuple(warnings))


def _matches(name: str, globs: Sequence[str]) -> bool:
    return not name.startswith(".") and any(fnmatch.fnmatchcase(name, g) for g in globs)


def _listdir(folder: str, globs: Sequence[str]) -> list[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [
        os.path.join(folder, e.name) for e in entries if e.is_file() and _matches(e.name, globs)
    ]


def _count_subfolders(folder: str) -> int:
    try:
        return sum(1 for e in os.scandir(folder) if e.is_dir() and not e.name.startswith("."))
    except OSError:
        return 0


def _walk(folder: str, globs: Sequence[str]) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    # followlinks=False: a symlink loop must not hang a nightly run.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, folder)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in files:
            if _matches(name, globs):
                found.append(((*parts, name), os.path.join(root, name)))
    # Sort on path components so "a/b.txt" < "a.txt/..." cannot depend on the separator.
    return [path for _, path in sorted(found)]


def read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes | ReadError:
    """The raw bytes of a file, or of stdin for `-`."""
    if path == STDIN:
        try:
            return (stdin or sys.stdin.buffer).read()
        except OSError as exc:
            return ReadError(path, f"cannot read stdin: {exc.strerror or exc}", "")
    if os.path.isdir(path):
        return ReadError(path, "is a folder", "use -r to read the files inside it")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return ReadError(path, "no such file", "check the path and its spelling")
    except PermissionError:
        return ReadError(path, "permission denied", "make it readable (chmod +r) or leave it out")
    except OSError as exc:
        return ReadError(path, f"cannot read: {exc.strerror or exc}", "check the file")


def decode(data: bytes, path: str, encoding: str | None = None) -> Document | ReadError:
    """Bytes to a `Document`: a byte-order mark decides, then UTF-8, then a detector.

    A forced `encoding` skips all guessing. Binary files and empty ones are errors.

    >>> decode(b"10 fled\\r\\n", "a.txt").text
    '10 fled\\r\\n'
    >>> decode(codecs.BOM_UTF8 + b"10 fled", "a.txt").text
    '10 fled'
    >>> decode(b"", "a.txt").message()
    'a.txt: empty file; nothing to read, leave it out'
    """
    if encoding is not None:
        return _forced(data, path, encoding)
    if not data:
        return _empty(path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, path, codec, codec.removesuffix("-sig"))
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return ReadError(path, f"binary file ({kind}), not text", _TO_TEXT)
    if b"\x00" in data:
        return ReadError(path, "binary file (it holds NUL bytes), not text", _TO_TEXT)
    try:
        return _checked(Document(path, data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    detected = detect_encoding(data)
    if detected is None:
        return ReadError(
            path,
            "not text in any encoding syrcli can detect",
            "if you know its encoding, use --encoding NAME (e.g. --encoding latin-1)",
        )
    warning = (
        f"{path}: not UTF-8, read as {detected} (detected); use --encoding NAME if that is wrong"
    )
    return _strict(data, path, detected, detected, (warning,))


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding of `data` as charset-normalizer judges it, or None for non-text.

    charset-normalizer lists every encoding that gives plausible text. Several single-byte
    code pages often decode a short English article identically; among those we name
    Windows-1252, the usual legacy encoding of English news, rather than whichever the
    detector happened to rank first (cp775 or cp1250 for a plain NBSP).
    """
    from charset_normalizer import from_bytes  # slow import, only needed for legacy files

    matches = from_bytes(data)
    for match in matches:
        if "cp1252" in match.could_be_from_charset:
            return "cp1252"
    best = matches.best()
    return None if best is None else str(best.encoding)


def _forced(data: bytes, path: str, encoding: str) -> Document | ReadError:
    # A BOM is not text: keep it out of the offsets even when the user names the encoding.
    codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    if not data:
        return _empty(path)
    return _strict(data, path, codec, encoding)


def _strict(
    data: bytes, path: str, codec: str, name: str, warnings: tuple[str, ...] = ()
) -> Document | ReadError:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return ReadError(
            path,
            f"cannot be decoded as {name} (bad byte at offset {exc.start})",
            "use --encoding NAME with its real encoding, e.g. --encoding latin-1",
        )
    return _checked(Document(path, text, name, warnings))


def _checked(doc: Document) -> Document | ReadError:
    # isspace, not strip: strip would copy the whole text, and a text may be 100 MB.
    return _empty(doc.path) if not doc.text or doc.text.isspace() else doc


def _empty(path: str) -> ReadError:
    return ReadError(path, "empty file", "nothing to read, leave it out")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of an article: its content hash, plus size and mtime."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint(path: str, data: bytes) -> Fingerprint:
    """The fingerprint of `data` as read from `path`; stdin has no modification time."""
    mtime_ns = 0
    if path != STDIN:
        try:
            mtime_ns = os.stat(path).st_mtime_ns
        except OSError:
            pass  # removed since it was read: the hash still says what we processed
    return Fingerprint(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def read_document(
    path: str, encoding: str | None = None, stdin: BinaryIO | None = None
) -> Document | ReadError:
    """Read and decode one input: a file path, or `-` for stdin."""
    data = read_bytes(path, stdin)
    return data if isinstance(data, ReadError) else decode(data, path, encoding)


# Bytes read at a time from a big file.
CHUNK = 1 << 20


def utf8_codec(path: str) -> str | None:
    """The codec, utf-8 (or utf-8-sig with a byte-order mark), when `read_document` would read the
    file as UTF-8 text, checked chunk by chunk without holding the file; else None.

    For big files: their text can then be read in pieces with `text_chunks`. Anything else
    (legacy encodings, binary or empty files, errors) is left to `read_document`.
    """
    try:
        with open(path, "rb") as handle:
            first = handle.read(CHUNK)
            if any(first.startswith(bom) for bom, _ in _BOMS if bom != codecs.BOM_UTF8):
                return None
            if any(first.startswith(magic) for magic, _ in _MAGIC):
                return None
            codec = "utf-8-sig" if first.startswith(codecs.BOM_UTF8) else "utf-8"
            decoder = codecs.getincrementaldecoder(codec)()
            visible = False
            chunk = first
            while chunk:
                if b"\x00" in chunk:
                    return None
                text = decoder.decode(chunk)
                visible = visible or not text.isspace() and bool(text)
                chunk = handle.read(CHUNK)
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return None
    return codec if visible else None


def text_chunks(path: str, codec: str, size: int = CHUNK) -> Iterator[str]:
    """The decoded text of a file checked by `utf8_codec`, about `size` bytes at a time.

    A file rewritten since the check is still read to the end: bytes that are no longer
    UTF-8 become U+FFFD rather than stopping a run half way through its output.
    """
    decoder = codecs.getincrementaldecoder(codec)("replace")
    with open(path, "rb") as handle:
        while chunk := handle.read(size):
            if text := decoder.decode(chunk):
                yield text
        if tail := decoder.decode(b"", final=True):
            yield tail


def fingerprint_file(path: str) -> Fingerprint | ReadError:
    """`fingerprint` of a file, hashed as it is read, so a big file is never held whole."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
            mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
    except OSError:
        data = read_bytes(path)  # the same messages as for any other file
        return data if isinstance(data, ReadError) else fingerprint(path, data)
    return Fingerprint(size, mtime_ns, digest.hexdigest())
