"""Recall on the IDETECT test set (tests/data/idetect), scored as its README says.

An excerpt is found when syrcli emits a figure whose value equals the gold quantity (for a
range, either end), and typed when that figure's category is the gold category or
alt_category. The 12 housing rows (no category) are left out.

    python tools/score_idetect.py [--verbose]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from syrcli import extract_figures

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "idetect" / "idetect_test.csv"


def score(path: Path = DATA, verbose: bool = False) -> dict[str, float]:
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["category"]]
    found = typed = 0
    for row in rows:
        gold = int(row["quantity"])
        cats = {row["category"], row["alt_category"]} - {""}
        figures = extract_figures(row["excerpt"], f"idetect-{row['id']}")
        hits = [f for f in figures if gold in (f.value, f.value_max)]
        found += bool(hits)
        ok = any(f.category.value in cats for f in hits)
        typed += ok
        if verbose and not ok:
            got = [(f.text, f.value, f.category.value) for f in figures]
            print(f"{row['id']}: want {gold} {sorted(cats)} got {got}\n   {row['excerpt'][:400]!r}")
    n = len(rows)
    return {"excerpts": n, "value_recall": found / n, "typed_recall": typed / n}


if __name__ == "__main__":
    result = score(verbose="--verbose" in sys.argv)
    print(
        f"IDETECT: {result['excerpts']:.0f} excerpts, value recall {result['value_recall']:.3f}, "
        f"typed recall {result['typed_recall']:.3f}"
    )
