"""The history index: an SQLite file of every document published before, for feeds."""
