#!/usr/bin/env python3
"""Throughput, start-up and memory of `syrcli extract`, against a plain regex scan.

Usage: python tools/bench.py [--n 20000] [--out bench-out] [--big] [--big-mb 100]

It writes a synthetic corpus with tools/gen_corpus.py (kept between runs), then measures in
one run:

- the reference: one Python process that reads every file and counts digit groups with a
  single precompiled `regex` pattern, the ceiling for any regex-based extractor;
- `syrcli extract --format jsonl` with every CPU and with `--jobs 1`, output to /dev/null;
- start-up: `syrcli extract` on one seed article against `syrcli --version`, best of 7;
- peak RSS of each command: the largest single process, and the largest sum over its
  process tree (pool workers included);
- with --big, one file of 100 MB, to show that memory stays flat for a huge article.

Machines are noisy, so the ratios are what count, not the seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SYRCLI = str(BIN / "syrcli")
GEN = ROOT / "tools" / "gen_corpus.py"
SEED = 6
POLL = 0.02

REFERENCE = """
import sys
from pathlib import Path
import regex
digits = regex.compile(r"\\d+")
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    count += len(digits.findall(path.read_text(encoding="utf-8")))
print(count)
"""

# Used when the CLI has no --jobs yet: the same runner and the same JSONL records, streamed.
FALLBACK = """
import json, sys
from pathlib import Path
from syrcli.runner import run
paths = [str(p) for p in sorted(Path(sys.argv[1]).glob("*.txt"))] if Path(sys.argv[1]).is_dir() \\
    else [sys.argv[1]]
write = sys.stdout.write
for result in run(paths, jobs=int(sys.argv[2])):
    for figure in result.figures:
        write(json.dumps(figure.as_record(), ensure_ascii=False) + "\\n")
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    max_rss_mb: float  # the largest single process of the tree
    tree_rss_mb: float  # the largest sum of RSS over the tree, sampled
    returncode: int
    stderr: str
    timed_out: bool = False


def children_of(pid: int) -> list[int]:
    """Every live descendant of `pid`, read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found.extend(kids)
        todo.extend(kids)
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) of a process in kB, or zeros once it has gone."""
    hwm = rss = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return hwm, rss


def measure(argv: list[str], timeout: float | None = None) -> Measure:
    """Run a command to completion, or kill it after `timeout` seconds: wall time and peak
    memory of its whole process tree."""
    with open(os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT, start_new_session=True)
        peak_hwm = peak_tree = 0
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                seconds = time.perf_counter() - start
                break
            if timeout is not None and not timed_out and time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: the tree, nothing else
                timed_out = True
            tree = [proc.pid, *children_of(proc.pid)]
            sizes = [memory_kb(p) for p in tree]
            peak_hwm = max(peak_hwm, *(hwm for hwm, _ in sizes))
            peak_tree = max(peak_tree, sum(rss for _, rss in sizes))
            time.sleep(POLL)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss (kB on Linux) covers the child and the descendants it reaped itself.
    peak = max(peak_hwm, usage.ru_maxrss)
    return Measure(seconds, peak / 1024, peak_tree / 1024, proc.returncode, stderr, timed_out)


def best_of(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def ensure_corpus(out: Path, n: int) -> Path:
    """The corpus for (n, seed, generator), written once and reused by later runs."""
    stamp = f"{n} {SEED} {hashlib.sha256(GEN.read_bytes()).hexdigest()}\n"
    folder = out / f"corpus-{n}"
    marker = folder / ".complete"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return folder
    print(f"writing {n:,} articles to {folder} ...", file=sys.stderr)
    for old in folder.glob("*.txt"):
        old.unlink()
    subprocess.run([sys.executable, str(GEN), str(folder), str(n), str(SEED)], check=True)
    marker.write_text(stamp, encoding="utf-8")
    return folder


def ensure_big(out: Path, corpus: Path, megabytes: int) -> Path:
    """One article of `megabytes` MB: the corpus's articles run together, paragraph after
    paragraph, as a scraped archive page or a badly split dump would be."""
    path = out / f"big-{megabytes}mb.txt"
    target = megabytes * 1_000_000
    if path.exists() and path.stat().st_size >= target:
        return path
    articles = sorted(corpus.glob("*.txt"))
    written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < target:
            for article in articles:
                text = article.read_text(encoding="utf-8")
                f.write(text + "\n")
                written += len(text.encode("utf-8")) + 1
                if written >= target:
                    break
    return path


def has_option(option: str) -> bool:
    done = subprocess.run(
        [SYRCLI, "extract", "--help"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return option in done.stdout


def extract_argv(target: Path, jobs: int, native: bool) -> list[str]:
    if native:
        return [SYRCLI, "extract", "--format", "jsonl", "--jobs", str(jobs), str(target)]
    return [sys.executable, "-c", FALLBACK, str(target), str(jobs)]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles in the corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out", help="work folder")
    parser.add_argument("--big", action="store_true", help="also run one 100 MB file")
    parser.add_argument("--big-mb", type=int, default=100, help="size of the --big file")
    parser.add_argument(
        "--big-timeout", type=float, default=600, help="seconds before a --big run is stopped"
    )
    parser.add_argument("--startup-runs", type=int, default=7, help="best of this many")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    corpus = ensure_corpus(args.out, args.n)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    mb = size / 1e6
    cpus = len(os.sched_getaffinity(0))
    native = has_option("--jobs")
    print(f"corpus: {args.n:,} articles, {mb:.1f} MB, in {corpus}; {cpus} CPUs")
    if not native:
        print("note: `syrcli extract` has no --jobs yet; timing syrcli.runner.run() through a")
        print("      small python -c that writes the same JSONL records instead.")

    measure([sys.executable, "-c", REFERENCE, str(corpus)])  # warm the page cache
    reference = measure([sys.executable, "-c", REFERENCE, str(corpus)])
    runs = {
        "reference regex scan": reference,
        f"syrcli --jobs {cpus} (all CPUs)": measure(extract_argv(corpus, cpus, native)),
        "syrcli --jobs 1": measure(extract_argv(corpus, 1, native)),
    }
    limits = {f"syrcli --jobs {cpus} (all CPUs)": 5.0, "syrcli --jobs 1": 10.0}

    print()
    print(f"{'command':<28} {'seconds':>8} {'MB/s':>8} {'x ref':>7} {'RSS MB':>7} {'tree MB':>8}")
    ok = True
    for name, m in runs.items():
        ratio = m.seconds / reference.seconds
        print(
            f"{name:<28} {m.seconds:8.2f} {mb / m.seconds:8.1f} {ratio:7.2f} "
            f"{m.max_rss_mb:7.0f} {m.tree_rss_mb:8.0f}",
            end="",
        )
        if m.returncode not in (0, 1):
            print(f"  FAILED (exit {m.returncode}): {m.stderr.strip()[-300:]}")
            ok = False
            continue
        if name in limits:
            passed = ratio <= limits[name] and m.max_rss_mb < 300
            ok &= passed
            goal = "; goal 3x" if limits[name] == 5.0 else ""
            print(f"  target <= {limits[name]:.0f}x{goal}, RSS < 300 MB: {verdict(passed)}", end="")
        print()

    seed = str(sorted((ROOT / "seeds").glob("000_*.txt"))[0])
    version = best_of([SYRCLI, "--version"], args.startup_runs)
    one = best_of([SYRCLI, "extract", "--format", "jsonl", seed], args.startup_runs)
    ratio = one / version
    ok &= ratio <= 1.3
    print()
    print(f"start-up, best of {args.startup_runs}: `syrcli --version` {version * 1000:.0f} ms, ")
    print(
        f"  `syrcli extract {Path(seed).name}` {one * 1000:.0f} ms: {ratio:.2f}x "
        f"(target <= 1.3x): {verdict(ratio <= 1.3)}"
    )

    if args.big:
        ok &= run_big(args.out, corpus, args.big_mb, native, args.big_timeout)
    print()
    print("all targets met" if ok else "some targets MISSED")
    return 0


def run_big(out: Path, corpus: Path, megabytes: int, native: bool, timeout: float) -> bool:
    """Peak RSS for one file at a twentieth, a fifth and all of the size: flat memory means
    the bigger files cost little more than their own text. A run that is still going after
    `timeout` seconds is stopped (a quadratic step would take hours) and reported."""
    print()
    ok = True
    for size in (max(1, megabytes // 20), max(1, megabytes // 5), megabytes):
        path = ensure_big(out, corpus, size)
        m = measure(extract_argv(path, 1, native), timeout)
        mb = path.stat().st_size / 1e6
        passed = not m.timed_out and m.returncode in (0, 1) and m.max_rss_mb < 300
        ok &= passed
        status = f"STOPPED after {m.seconds:.0f} s" if m.timed_out else f"{m.seconds:.1f} s"
        print(
            f"one {mb:.0f} MB file, --jobs 1: {status} ({mb / m.seconds:.2f} MB/s), "
            f"peak RSS {m.max_rss_mb:.0f} MB ({m.max_rss_mb / mb:.1f} MB per MB of text), "
            f"target < 300 MB: {verdict(passed)}"
        )
        if m.timed_out:
            print("  (the rest is skipped: a bigger file would take longer still)")
            break
        if m.returncode not in (0, 1):
            print(f"  FAILED (exit {m.returncode}): {m.stderr.strip()[-300:]}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
