"""Named places, organisations and people: tables for the stages that reason about subjects."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def place_forms() -> dict[str, str]:
    """Every written form of a Chinese province, region or major city, mapped to its full name."""
    table = resources.files("dedupe").joinpath("data/zh_places.txt").read_text("utf-8")
    forms: dict[str, str] = {}
    for row in table.splitlines():
        names = row.split()
        if not names or names[0].startswith("#"):
            continue
        for name in names:
            forms.setdefault(name, names[0])
    return forms


@functools.cache
def place_prefixes() -> dict[str, tuple[str, ...]]:
    """Place names of two or more characters by their first two characters, longest first."""
    table: dict[str, list[str]] = {}
    for name in sorted((n for n in place_forms() if len(n) >= 2), key=len, reverse=True):
        table.setdefault(name[:2], []).append(name)
    return {head: tuple(names) for head, names in table.items()}


def leading_place(text: str) -> str | None:
    """The place name a text starts with, if any.

    >>> leading_place("陕西省贸促会落实工作部署"), leading_place("贸促人的奋斗")
    ('陕西省', None)
    """
    names = place_prefixes().get(text[:2], ())
    return next((name for name in names if text.startswith(name)), None)
