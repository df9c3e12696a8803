"""Thin shim so `python cli.py ...` works from a checkout; the CLI lives in dedupe.cli."""

from dedupe.cli import main

if __name__ == "__main__":
    main()
