"""Stage 3, cleanup: page chrome and metadata, site templates, print-layout repair, cleaned text."""
