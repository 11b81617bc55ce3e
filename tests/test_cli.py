"""The command as a shell script sees it: a real process, real pipes, real exit codes."""

from __future__ import annotations

import codecs
import csv
import ctypes
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_bb73a5e8d94e159f.txt"  # "tens of thousands", "at least 250,000", ...
SEED_TEXT = SEED.read_text(encoding="utf-8")


def syrcli(
    *args: str | Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m syrcli` with stdin from `stdin` (or /dev/null), capturing both streams."""
    result = subprocess.run(
        [sys.executable, "-m", "syrcli", *map(str, args)],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def files_in(stdout: str) -> set[object]:
    return {record["file"] for record in records(stdout)}


def assert_one_error_line(stderr: str, name: str) -> None:
    """Exactly one stderr line names the bad input, and no traceback anywhere."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if name in line]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("syrcli: ")


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    shutil.copy(SEED, path)
    return path


# --- inputs ---------------------------------------------------------------------------------


def test_stdin_when_no_path_and_piped() -> None:
    result = syrcli("extract", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert files_in(result.stdout) == {"-"}


def test_stdin_as_dash_beside_a_file(good: Path) -> None:
    result = syrcli("extract", good, "-", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert [r["file"] for r in records(result.stdout)][-1] == "-"
    assert files_in(result.stdout) == {str(good), "-"}


def test_no_path_and_stdin_a_terminal_is_a_usage_error() -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "syrcli", "extract"],
            stdin=follower,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "no input" in result.stderr
    assert "Traceback" not in result.stderr


def test_recursive_reads_nested_folders_in_sorted_order(tmp_path: Path) -> None:
    for rel in ["b/z.txt", "a/deeper/y.txt", "a/x.txt", "a/notes.md", "a/.hidden.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, tmp_path / rel)
    result = syrcli("extract", "-r", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    order = list(dict.fromkeys(r["file"] for r in records(result.stdout)))
    assert order == ["./a/deeper/y.txt", "./a/x.txt", "./b/z.txt"]


def test_glob_is_repeatable(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "x.txt")
    shutil.copy(SEED, tmp_path / "y.md")
    result = syrcli("extract", "-r", "--glob", "*.md", "--glob", "*.txt", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_in(result.stdout) == {"./x.txt", "./y.md"}


def test_folder_without_r_reads_its_own_files_and_says_so_about_subfolders(
    tmp_path: Path,
) -> None:
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "top" / "a.txt")
    shutil.copy(SEED, tmp_path / "top" / "sub" / "b.txt")
    result = syrcli("extract", "top", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_in(result.stdout) == {"top/a.txt"}
    assert "use -r" in result.stderr


# --- bad inputs: each beside a good file ----------------------------------------------------


def _drop_file_permission_override() -> None:
    # Root reads any file; dropping these capabilities from the bounding set before exec
    # makes permission bits apply to the child, as they would for a cron user.
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _make_bad(kind: str, folder: Path) -> tuple[str, list[str]]:
    """A bad input of `kind` in `folder`: its path and any extra options it needs."""
    if kind == "missing":
        return str(folder / "missing.txt"), []
    if kind == "folder-without-r":
        (folder / "nested" / "deeper").mkdir(parents=True)
        shutil.copy(SEED, folder / "nested" / "deeper" / "a.txt")
        return str(folder / "nested"), []
    path = folder / f"{kind}.txt"
    if kind == "unreadable":
        path.write_text(SEED_TEXT, encoding="utf-8")
        path.chmod(0)
    elif kind == "nul-byte":
        path.write_bytes(b"55,000 people fled\x00\x00\x01")
    elif kind == "image":
        path = folder / "photo.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif kind == "undecodable":
        path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    elif kind == "wrong-encoding":
        path.write_bytes("55,000 people fled Aleppo\u2019s suburbs".encode("cp1252"))
        return str(path), ["--encoding", "utf-8"]
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b" \r\n\r\n ")
    return str(path), []


BAD_KINDS = [
    "missing",
    "folder-without-r",
    "unreadable",
    "nul-byte",
    "image",
    "undecodable",
    "wrong-encoding",
    "empty",
    "blank",
]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_beside_a_good_one(kind: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)  # ASCII, so it decodes under any --encoding the bad one needs
    bad, extra = _make_bad(kind, tmp_path)
    preexec = _drop_file_permission_override if os.geteuid() == 0 else None
    result = syrcli("extract", *extra, bad, good, preexec=preexec)
    assert result.returncode == 2, result.stderr
    assert files_in(result.stdout) == {str(good)}
    assert_one_error_line(result.stderr, bad)
    # The line says what to do about it, after what went wrong.
    line = next(line for line in result.stderr.splitlines() if bad in line)
    assert "; " in line


def test_output_file_is_complete_despite_a_bad_input(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    other = "seeds/002_a1a949affc85c4c7.txt"
    result = syrcli("extract", "-o", out, tmp_path / "missing.txt", good, other)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = out.read_bytes().split(b"\r\n")
    assert lines[0].startswith(b"file,start,end,text,")
    files = {line.split(b",")[0] for line in lines[1:] if line}
    assert files == {str(good).encode(), other.encode()}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_output_file_is_untouched_when_the_folder_is_missing(good: Path, tmp_path: Path) -> None:
    result = syrcli("extract", "-o", tmp_path / "no" / "out.jsonl", good)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "out.jsonl")


# --- exit codes and usage errors ------------------------------------------------------------


def test_no_figures_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("The weather in Aleppo was mild today.\n", encoding="utf-8")
    result = syrcli("extract", path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")


def test_unknown_field_exits_2_listing_valid_names(good: Path) -> None:
    result = syrcli("extract", "--fields", "file,valu", good)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "valu" in result.stderr and "value_max" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_bad_article_date_exits_2(good: Path) -> None:
    result = syrcli("extract", "--article-date", "06/02/2016", good)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["klingon-8", "rot13"])
def test_unknown_encoding_exits_2(name: str, good: Path) -> None:
    result = syrcli("extract", "--encoding", name, good)
    assert result.returncode == 2
    assert f"unknown encoding '{name}'" in result.stderr


def test_interrupt_exits_130_quietly() -> None:
    # Waiting on a stdin that never ends: Ctrl-C must give 130 and no traceback.
    proc = subprocess.Popen(
        [sys.executable, "-m", "syrcli", "extract", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"Some 5,000 people fled.")
    proc.stdin.flush()
    try:
        _wait_until_blocked(proc.pid)
        proc.send_signal(2)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert b"Traceback" not in err


def _wait_until_blocked(pid: int) -> None:
    """Until the process sleeps in a read, having started up (at most 10 s)."""
    deadline = time.monotonic() + 10
    asleep = 0
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        state, cpu_ticks = fields[0], int(fields[11]) + int(fields[12])
        asleep = asleep + 1 if state == "S" and cpu_ticks > 5 else 0
        if asleep >= 5:
            return
        time.sleep(0.05)


# --- outputs --------------------------------------------------------------------------------


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    for n in range(200):  # enough output to outlast the reader
        shutil.copy(SEED, tmp_path / f"{n:03}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "syrcli", "extract", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does after its line
    try:
        proc.wait(timeout=60)  # a hang fails the test instead of stalling the suite
    finally:
        proc.kill()
    err = proc.stderr.read()
    assert json.loads(first)["file"] == str(tmp_path / "000.txt")
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert err == b""
    assert proc.returncode == 141  # as if killed by SIGPIPE, like grep


def test_markup_and_escape_bytes_print_as_plain_text(tmp_path: Path) -> None:
    name = tmp_path / "[bold]x[red].txt"
    text = SEED_TEXT.replace("Oncupinar", "[bold red]Oncupinar\x1b[31m\x1b]0;pwned\x07", 1)
    name.write_text(text, encoding="utf-8")
    env = {"COLUMNS": "500"}
    table = syrcli("extract", "-f", "table", "--fields", "file,sentence", name, env=env)
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "[bold red]Oncupinar\\x1b[31m\\x1b]0;pwned\\x07" in table.stdout
    assert "[bold]x[red].txt" in table.stdout
    jsonl = syrcli("extract", name)
    first = records(jsonl.stdout)[0]
    assert "\x1b" not in jsonl.stdout  # JSON escapes it as \u001b ...
    assert "[bold red]Oncupinar\x1b[31m" in str(first["sentence"])  # ... and it decodes back
    missing = syrcli("extract", tmp_path / "[red]gone\x1b[2J.txt", name)
    assert "[red]gone\\x1b[2J.txt" in missing.stderr and "\x1b" not in missing.stderr


def test_no_colour_or_progress_when_stderr_is_not_a_terminal(good: Path) -> None:
    result = syrcli("extract", good, good.with_name("missing.txt"), SEEDS)
    assert "\x1b" not in result.stderr


def _stderr_on_a_terminal(args: list[str | Path], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Exit code, stdout (a pipe) and stderr (a terminal) of one run."""
    leader, follower = pty.openpty()
    seen: list[bytes] = []
    # Read while it runs: a terminal's buffer is small, and a full one blocks the writer.
    reader = threading.Thread(target=lambda: seen.append(_drain(leader)))
    reader.start()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "syrcli", *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    return proc.returncode, proc.stdout, b"".join(seen)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_colour_on_a_terminal_unless_no_color(no_color: bool, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    env["TERM"] = "xterm-256color"
    code, out, seen = _stderr_on_a_terminal(["extract", SEEDS, tmp_path / "missing.txt"], env)
    assert code == 2
    assert b"missing.txt" in seen
    # A progress bar on the terminal never takes data from stdout.
    assert len(files_in(out.decode())) == 4 and b'"file"' not in seen
    assert (b"\x1b" in seen) is not no_color
    assert (b"extracting" in seen) is not no_color  # the progress bar


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_csv_is_rfc4180_with_fixed_columns(good: Path) -> None:
    result = syrcli("extract", "-f", "csv", "--fields", "value,file,sentence", good)
    assert result.returncode == 0
    assert result.stdout.startswith("value,file,sentence\r\n")
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert all(len(row) == 3 for row in rows)
    assert any("," in row[2] for row in rows[1:])  # commas in sentences survive quoting


def test_csv_safe_defuses_formulas(tmp_path: Path) -> None:
    path = tmp_path / "=cmd.txt"
    shutil.copy(SEED, path)
    plain = syrcli("extract", "-f", "csv", "--fields", "file,text", "=cmd.txt", cwd=tmp_path)
    safe = syrcli(
        "extract", "-f", "csv", "--csv-safe", "--fields", "file,text", "=cmd.txt", cwd=tmp_path
    )
    assert plain.stdout.splitlines()[1].startswith("=cmd.txt,")
    assert safe.stdout.splitlines()[1].startswith("'=cmd.txt,")


def test_jsonl_is_flushed_per_article(tmp_path: Path) -> None:
    # The first article's figures arrive while the run still waits for stdin to end.
    proc = subprocess.Popen(
        [sys.executable, "-m", "syrcli", "extract", "--jobs", "1", str(SEED), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        first = proc.stdout.readline()
        assert json.loads(first)["file"] == str(SEED)
        assert proc.poll() is None
        proc.stdin.write(SEED.read_bytes())
        proc.stdin.close()
        rest = proc.stdout.read()
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert b'"file": "-"' in rest


def test_a_file_name_that_is_not_utf8_comes_back_as_its_bytes(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SEED, tmp_path / name)
    outputs = []
    for args in (["extract", name], ["extract", "-o", "out.jsonl", name]):
        result = subprocess.run(
            [sys.executable, "-m", "syrcli", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    outputs[1] = (tmp_path / "out.jsonl").read_bytes()
    assert outputs[0] == outputs[1]
    assert b'"file": "caf\xe9.txt"' in outputs[0]


# --- encodings ------------------------------------------------------------------------------

ENCODED = {
    "utf-8-bom": codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"),
    "utf-16-le-bom": SEED_TEXT.encode("utf-16"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"),
    "crlf": SEED_TEXT.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("kind", sorted(ENCODED))
def test_encodings_give_offsets_into_the_decoded_text(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(ENCODED[kind])
    result = syrcli("extract", path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    decoded = SEED_TEXT.replace("\n", "\r\n") if kind == "crlf" else SEED_TEXT
    found = records(result.stdout)
    assert found
    for record in found:
        assert decoded[int(str(record["start"])) : int(str(record["end"]))] == record["text"]


def test_cp1252_is_detected_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = SEED_TEXT.replace("Aleppo", "Alepp\u00f6 \u201cAleppo\u201d", 2)
    path.write_bytes(text.encode("cp1252"))
    result = syrcli("extract", path)
    assert result.returncode == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "legacy.txt" in line]
    assert len(warning) == 1 and "cp1252" in warning[0] and "--encoding" in warning[0]
    for record in records(result.stdout):
        assert text[int(str(record["start"])) : int(str(record["end"]))] == record["text"]


def test_no_progress_bar_when_reading_stdin() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, out, seen = _stderr_on_a_terminal(["extract", SEEDS, "-"], {**env, "TERM": "xterm"})
    assert code == 2  # stdin here is /dev/null: an empty input
    assert b"-: empty file" in seen
    assert b"extracting" not in seen
