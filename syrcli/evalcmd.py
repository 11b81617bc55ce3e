"""`syrcli eval`: score syrcli's own output against gold annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from syrcli.evaluate import GoldError, evaluate, gold_dir
from syrcli.extract import extract_figures
from syrcli.model import ReadError
from syrcli.sources import read_document


def _articles(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return out


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Folder of <stem>.json gold files.")],
    articles: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every miss and false alarm.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Score extraction against gold annotations: precision, recall, F1 and accuracy.

    Example: syrcli eval tests/data/gold_seeds seeds/
    """
    err = Console(stderr=True, markup=False, highlight=False)
    if fmt not in ("table", "json"):
        err.print(f"syrcli eval: unknown --format {fmt!r}; use table or json")
        raise typer.Exit(2)
    try:
        gold_by_article = gold_dir(gold)
    except GoldError as exc:
        err.print(f"syrcli eval: {exc}")
        raise typer.Exit(2) from None
    pairs = []
    trouble = False
    for path in _articles(articles):
        if path.stem not in gold_by_article:
            continue
        doc = read_document(str(path))
        if isinstance(doc, ReadError):
            err.print(f"syrcli eval: {doc.message()}")
            trouble = True
            continue
        pairs.append((path.stem, extract_figures(doc.text, str(path))))
    if not pairs:
        err.print("syrcli eval: no article matches a gold file by name (<stem>.txt / <stem>.json)")
        raise typer.Exit(2)
    result = evaluate(gold_by_article, pairs).to_dict()
    if fmt == "json":
        json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _render(result, verbose, Console(markup=False, highlight=False))
    raise typer.Exit(2 if trouble else 0)


def _render(result: dict[str, Any], verbose: bool, console: Console) -> None:
    if verbose:
        for kind, rows in (
            ("miss", result["misses"]),
            ("false alarm", result["false_alarms"]),
            ("wrong category", result["wrong_category"]),
        ):
            for row in rows:
                console.print(
                    Text(
                        f"{kind}: {row['text']!r} {row.get('category', '')}"
                        f"{' -> ' + row['predicted'] if 'predicted' in row else ''}"
                        f"  | {row['sentence']}"
                    )
                )
        for row in result["wrong_fields"]:
            console.print(
                Text(
                    f"wrong {row['field']}: {row['text']!r} {row['gold']!r} -> "
                    f"{row['predicted']!r}  | {row['article']}: {row['sentence']}"
                )
            )
    table = Table(title="per category")
    for name in ("category", "gold", "found", "typed", "predicted"):
        table.add_column(name)
    for name, row in result["categories"].items():
        table.add_row(name, *(str(row[k]) for k in ("gold", "found", "typed", "predicted")))
    console.print(table)
    acc = result["accuracy"]
    console.print(f"gold {result['gold']}, predicted {result['predicted']}")
    for kind in ("untyped", "typed"):
        r = result[kind]
        console.print(
            f"{kind:8} precision {r['precision']:.3f}  recall {r['recall']:.3f}  f1 {r['f1']:.3f}"
        )
    console.print(
        f"accuracy qualifier {acc['qualifier']:.3f}  location {acc['location']:.3f}"
        f"  date {acc['date']:.3f}"
    )
