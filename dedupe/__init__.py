"""dedupe: find and clean duplicated, boilerplate and print-wrapped text in scraped articles."""

__version__ = "0.1.0"
