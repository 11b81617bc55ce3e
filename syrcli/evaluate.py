"""Scoring extracted figures against gold annotations (docs/figure-records.md, "Scoring")."""
