"""Reading inputs: which files, in what order, decoded how, and what is not readable."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from syrcli.model import Document, ReadError
from syrcli.sources import decode, expand, fingerprint, read_document

TEXT = "Some 5,000 people fled Alepp\u00f6 \u2013 \u201cthe worst week\u201d.\r\nMore came.\n"


def test_expand_without_r_takes_the_folders_own_files_sorted(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "c.md", ".hidden.txt"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x")
    inputs = expand([str(tmp_path)])
    assert inputs.paths == (str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert len(inputs.warnings) == 1 and "use -r" in inputs.warnings[0]


def test_expand_recursive_sorts_by_path_components(tmp_path: Path) -> None:
    for name in ["a/b.txt", "a.txt", "a/c/d.txt", "a-b.txt", "z/.git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    inputs = expand([str(tmp_path)], recursive=True)
    found = [os.path.relpath(p, tmp_path) for p in inputs.paths]
    assert found == ["a/b.txt", "a/c/d.txt", "a-b.txt", "a.txt"]


def test_expand_keeps_order_of_arguments_and_reads_a_path_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    inputs = expand(["-", str(tmp_path / "a.txt"), str(tmp_path), "missing.txt"])
    assert inputs.paths == ("-", str(tmp_path / "a.txt"), "missing.txt")


def test_folder_with_only_subfolders_needs_r(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (error,) = expand([str(tmp_path)]).items
    assert isinstance(error, ReadError) and error.hint == "use -r to search its subfolders"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-32"), id="utf-32-bom"),
    ],
)
def test_unicode_decodes_to_the_same_text_crlf_kept(data: bytes) -> None:
    doc = decode(data, "a.txt")
    assert isinstance(doc, Document)
    assert doc.text == TEXT
    assert doc.warnings == ()


def test_cp1252_is_detected_and_warned_about() -> None:
    doc = decode((TEXT * 3).encode("cp1252"), "old.txt")
    assert isinstance(doc, Document)
    assert (doc.text, doc.encoding) == (TEXT * 3, "cp1252")
    assert doc.warnings and doc.warnings[0].startswith("old.txt: not UTF-8, read as cp1252")


def test_a_forced_encoding_is_used_as_given() -> None:
    doc = decode("caf\u00e9 5,000".encode("latin-1"), "a.txt", "latin-1")
    assert isinstance(doc, Document) and doc.text == "caf\u00e9 5,000" and not doc.warnings
    bad = decode("caf\u00e9 5,000".encode("latin-1"), "a.txt", "utf-8")
    assert isinstance(bad, ReadError) and "--encoding" in bad.hint


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \r\n\t", "empty file", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n....", "binary file (a PNG image), not text", id="png"),
        pytest.param(b"%PDF-1.7\n", "binary file (a PDF document), not text", id="pdf"),
        pytest.param(b"5,000 fled\x00", "binary file (it holds NUL bytes), not text", id="nul"),
        pytest.param(
            bytes(range(0x80, 0x100)) * 4, "not text in any encoding syrcli can detect", id="noise"
        ),
    ],
)
def test_unreadable_bytes(data: bytes, reason: str) -> None:
    error = decode(data, "x.txt")
    assert isinstance(error, ReadError)
    assert (error.path, error.reason) == ("x.txt", reason)
    assert error.hint


def test_read_document_errors_name_the_fix(tmp_path: Path) -> None:
    missing = read_document(str(tmp_path / "nope.txt"))
    folder = read_document(str(tmp_path))
    assert isinstance(missing, ReadError) and missing.reason == "no such file"
    assert isinstance(folder, ReadError) and "-r" in folder.hint


def test_stdin_is_read_from_the_stream() -> None:
    doc = read_document("-", stdin=io.BytesIO(TEXT.encode("utf-16")))
    assert isinstance(doc, Document) and (doc.path, doc.text) == ("-", TEXT)


def test_fingerprint_follows_content_not_time(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    first = fingerprint(str(path), b"one")
    os.utime(path, ns=(1, 1))
    touched = fingerprint(str(path), b"one")
    assert touched.sha256 == first.sha256 and touched.mtime_ns == 1
    assert fingerprint(str(path), b"two").sha256 != first.sha256
    assert fingerprint("-", b"one").mtime_ns == 0
