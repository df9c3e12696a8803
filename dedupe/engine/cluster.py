"""Star clusters around one original, and which copy is the original.

A star's members are each verified against its center, never only against another member, so a
chain of small edits (A~B, B~C, C~D) cannot pull unrelated texts into one cluster: the failure
of MinHash plus transitive closure. Centers are taken in keep-policy order: the best remaining
unit becomes a center and takes every unplaced unit it may absorb.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dedupe.model import picklable
from dedupe.options import KeepPolicy


@picklable
@dataclass(frozen=True, slots=True)
class Link:
    """A verified relation between units a and b, with how it was found and its scores."""

    a: int
    b: int
    kind: str  # exact | near | contained | template
    similarity: float
    containment: float
    found_by: str  # exact-key | lsh


@picklable
@dataclass(frozen=True, slots=True)
class Star:
    """A center (the original) and its members, each with the link that verified it."""

    center: int
    members: tuple[tuple[int, Link], ...]


def stars(
    links: Sequence[Link],
    rank: Callable[[int], tuple[object, ...]],
    absorbs: Callable[[int, int, Link], bool],
) -> list[Star]:
    """Greedy star clustering over links; `absorbs(center, member, link)` says who may join.

    >>> ls = [Link(0, 1, "near", .9, .9, "lsh"), Link(1, 2, "near", .9, .9, "lsh")]
    >>> [(s.center, [m for m, _ in s.members]) for s in stars(ls, lambda u: (u,), lambda *_: True)]
    [(0, [1])]
    """
    neighbours: dict[int, list[tuple[int, Link]]] = {}
    for link in links:
        neighbours.setdefault(link.a, []).append((link.b, link))
        neighbours.setdefault(link.b, []).append((link.a, link))
    placed: set[int] = set()
    out: list[Star] = []
    for center in sorted(neighbours, key=rank):
        if center in placed:
            continue
        members = tuple(
            (member, link)
            for member, link in sorted(neighbours[center], key=lambda n: rank(n[0]))
            if member not in placed and absorbs(center, member, link)
        )
        if members:
            placed.add(center)
            placed.update(m for m, _ in members)
            out.append(Star(center, members))
    return out


def rank_key(
    policy: KeepPolicy,
    *,
    agreement: float | None,
    position: tuple[int, int],
    length: int,
    in_chrome: bool = False,
) -> tuple[object, ...]:
    """Sort key of a unit under a keep policy: smaller is kept first.

    Under every policy a unit inside page chrome (a related-articles widget) comes last: a copy
    there is a teaser of the article it copies, never its original. Then, original: the unit
    whose subject agrees with its body (more own-region mentions, fewer foreign ones), a unit
    without a subject in between agreeing and contradicting ones, then the earliest. first: the
    earliest. longest: the longest, then the earliest.
    """
    if policy == "first":
        return (in_chrome, *position)
    if policy == "longest":
        return (in_chrome, -length, *position)
    score = -0.5 if agreement is None else agreement
    return (in_chrome, -score, *position)


def why_original(policy: KeepPolicy, agreement: float | None) -> str:
    """The reason recorded for the choice of a cluster's original."""
    if policy == "first":
        return "first occurrence (--keep first)"
    if policy == "longest":
        return "longest member (--keep longest)"
    if agreement is not None and agreement >= 0:
        return "its subject agrees with its body best (--keep original)"
    return "earliest member; no member's subject agrees with its body (--keep original)"
