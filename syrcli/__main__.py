"""`python -m syrcli`: the same as the `syrcli` command."""

from syrcli.cli import main

main()
