"""Where output goes: stdout, or a file that appears whole or not at all."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# A file name that is not UTF-8 reaches us with surrogate escapes; writing them back as the
# original bytes keeps `file` usable to reopen the file, as Python's own stdout does.
FILE_NAME_ERRORS = "surrogateescape"


class OutputError(Exception):
    """The output could not be written; names the file the user asked for, not a temporary."""

    def __init__(self, path: str, error: OSError) -> None:
        self.path = path
        self.reason = error.strerror or str(error)
        super().__init__(f"{path}: cannot write: {self.reason}")


@contextmanager
def atomic_text(path: str) -> Iterator[TextIO]:
    """A UTF-8 text stream that replaces `path` in one step when the block ends cleanly.

    The data goes to a temporary file in the same folder (so the rename cannot cross file
    systems), is synced, and is renamed over `path`. Readers of `path` see the old file or the
    new one, never half of one; on an error or Ctrl-C the temporary file is removed.
    """
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(path, exc) from exc
    try:
        # newline="": CSV writes its own CRLF and nothing else may be translated.
        with open(fd, "w", encoding="utf-8", errors=FILE_NAME_ERRORS, newline="") as out:
            yield out
            try:
                out.flush()
                os.fsync(out.fileno())
            except OSError as exc:
                raise OutputError(path, exc) from exc
        try:
            os.chmod(tmp, _mode_for(path))
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(path, exc) from exc
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: str) -> int:
    # mkstemp makes 0600 files; the result should look like any file the user creates.
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def utf8_stdout() -> TextIO:
    """stdout as UTF-8 whatever the locale, since machine formats are UTF-8."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and (
        stream.encoding.lower() not in ("utf-8", "utf8") or stream.errors != FILE_NAME_ERRORS
    ):
        stream.reconfigure(encoding="utf-8", errors=FILE_NAME_ERRORS)
    return stream


def detach_stdout() -> None:
    """Point stdout at /dev/null after the reader went away (EPIPE).

    Python flushes stdout once more at exit; without this, that flush raises BrokenPipeError
    again and prints an "Exception ignored" message.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file descriptor (a test runner's buffer): nothing will flush to it
    finally:
        os.close(devnull)
