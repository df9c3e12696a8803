"""`python -m dedupe` runs the CLI."""

from dedupe.cli import main

main()
