"""Copies across a run: fingerprint -> candidates -> verify -> cluster -> explain.

Sentences of body paragraphs are the units. Identical keys are grouped; one representative per
key goes through MinHash LSH; candidates are verified with rapidfuzz and classified (exact, near,
contained, or template when every difference is a swapped name or number), from the sentences'
shapes where they settle it (engine/shapes.py) and by a diff where not. Copy links form stars
around originals chosen by the keep policy; their members are what cleaning removes. Paragraphs
holding removed or templated sentences become members of their main source's cluster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from dedupe import workers
from dedupe.engine import candidates, diff, entities, fingerprint, shapes, verify
from dedupe.engine.candidates import I64
from dedupe.engine.cluster import Link, Star, rank_key, stars
from dedupe.engine.shapes import Facts, Shape
from dedupe.engine.verify import F64
from dedupe.model import DocResult, picklable
from dedupe.options import KeepPolicy, Options
from dedupe.text.normalize import key, keys
from dedupe.text.segment import sentence_bounds

SHINGLE = 2  # sentences are short: bigrams survive a swapped name better than trigrams
# Candidates from Jaccard ~0.54 (bigrams). Measured on copygen's development seed at 10 MB:
# half the candidates of 16 bands of 3 rows, the same pair recall, fewer false links; the
# cut-off copies that the looser banding found (Jaccard down to 0.15) come from affix_pairs.
LSH = candidates.LshParams(bands=12, rows=4)
# Swapped names change few characters: a pair farther apart than this (insertions plus
# deletions on the matching keys) is never checked for swaps, which keeps the costly check
# off the many loosely similar pairs of repetitive feeds.
TEMPLATE_MAX_EDITS = 24
COPY_KINDS = ("exact", "near", "contained")
Position = tuple[int, int, int]
U8 = npt.NDArray[np.uint8]
Bool = npt.NDArray[np.bool_]


@picklable
@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of a body paragraph: where it is, its text and its matching key.

    Not a Segment: the few units that are reported get theirs when explained (a run has
    millions of sentences, and building each one's offsets and line took longer than keying
    it).
    """

    doc: int
    para: int
    index: int  # position of the sentence in its paragraph
    start: int  # where the sentence lies in its paragraph's text
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Matches:
    """Everything found: the units, their verified links, and the copy stars."""

    units: tuple[Unit, ...]
    links: tuple[Link, ...]
    copy_stars: tuple[Star, ...]
    templates: tuple[Link, ...]  # template links, `a` being the better-ranked (original) side
    removed: frozenset[Position]  # (doc, paragraph, sentence) positions that cleaning removes
    leftovers: dict[Position, Position]  # short sentences removed with their copied paragraph
    ranks: tuple[tuple[object, ...], ...]


# Splitting a document into sentences and keying them costs about as much as checking this many
# sentence pairs: its weight in workers.map_items.
DOCUMENT_WEIGHT = 20


def units(results: Sequence[DocResult], min_chars: int) -> list[Unit]:
    """The sentences of every body paragraph whose key is long enough to count as a copy."""

    def of_document(d: int) -> list[tuple[int, int, int, int, str]]:
        # Plain tuples without the sentence's text (this process holds it): they cross from
        # the workers in a fraction of the time.
        out: list[tuple[int, int, int, int, str]] = []
        for p, paragraph in enumerate(results[d].paragraphs):
            if paragraph.role != "body":
                continue
            text = paragraph.segment.text
            bounds = sentence_bounds(text)
            sentence_keys = keys([text[start:end] for start, end in bounds])
            for s, ((start, end), k) in enumerate(zip(bounds, sentence_keys, strict=True)):
                if len(k) >= min_chars:
                    out.append((p, s, start, end, k))
        return out

    found = workers.map_items(of_document, range(len(results)), weight=DOCUMENT_WEIGHT)
    return [
        Unit(d, p, s, start, end, results[d].paragraphs[p].segment.text[start:end], k)
        for d, part in enumerate(found)
        for p, s, start, end, k in part
    ]


def paragraph_ranks(
    results: Sequence[DocResult], policy: KeepPolicy, pinned: int = 0
) -> dict[tuple[int, int], tuple[object, ...]]:
    """Keep-policy rank of every body paragraph (smaller is kept first); the paragraphs of the
    first `pinned` documents (indexed, published before: index/feed.py) rank before all."""

    def of_document(d: int) -> list[tuple[object, ...]]:
        chrome = in_chrome(results[d])
        found = [
            rank_key(
                policy,
                agreement=agreement(para.segment.text),
                position=(d, p),
                length=len(para.segment.text),
                in_chrome=chrome[p],
            )
            for p, para in enumerate(results[d].paragraphs)
        ]
        return [(d >= pinned, *rank) for rank in found] if pinned else found

    found = workers.map_items(of_document, range(len(results)), weight=DOCUMENT_WEIGHT)
    return {(d, p): rank for d, part in enumerate(found) for p, rank in enumerate(part)}


def in_chrome(result: DocResult) -> list[bool]:
    """For each paragraph, whether it sits inside page chrome: after a related-articles label,
    or with removed chrome right before and after it (a widget's story that no rule took). The
    first paragraph kept is where the article begins, never a widget's story (a lede between
    two navigation lines)."""
    removed = [(f.start, True) for f in result.findings if f.kind == "boilerplate" and f.removed]
    widget = min((f.start for f in result.findings if f.rule == "widget-label"), default=None)
    kept = [(para.segment.start, False) for para in result.paragraphs]
    order = sorted(removed + kept)
    place = {start: n for n, (start, is_chrome) in enumerate(order) if not is_chrome}
    out: list[bool] = []
    for para in result.paragraphs:
        n = place[para.segment.start]
        between = 0 < n < len(order) - 1 and order[n - 1][1] and order[n + 1][1] and bool(out)
        out.append(between or (widget is not None and para.segment.start > widget))
    return out


def agreement(text: str) -> float | None:
    """Own-region mentions minus foreign ones, or None for a paragraph without a subject."""
    about = entities.subject(text)
    if about is None:
        return None
    foreign = len(entities.foreign_regions(text))
    own = sum(
        1
        for m in entities.mentions(text)
        if m.kind == "place" and m.start >= about.end and m.region == about.region
    )
    return float(own - foreign)


def match(results: Sequence[DocResult], options: Options, pinned: int = 0) -> Matches:
    """Find, verify, classify and cluster the copied sentences of a run (the first `pinned`
    documents are the originals of any cluster they are in: see paragraph_ranks)."""
    found = units(results, options.min_sentence_chars)
    para_rank = paragraph_ranks(results, options.keep, pinned)
    ranks = tuple((*para_rank[u.doc, u.para], u.index) for u in found)
    links = _links(found, ranks, options)
    copy_links = [link for link in links if link.kind in COPY_KINDS]

    def absorbs(center: int, member: int, link: Link) -> bool:
        return _absorbs(len(found[center].key), len(found[member].key), link, options)

    copy_stars, members = _settled_stars(copy_links, ranks, absorbs)
    templates = tuple(
        _oriented(link, ranks)
        for link in links
        if link.kind == "template" and not (link.a in members and link.b in members)
    )
    if options.drop_templates:
        # Also when other sentences copy it (it is a center): they go as its copies, and were
        # it kept, a second run, without them, would drop it then.
        members |= {t.b for t in templates}
    leftovers = _leftovers(results, found, copy_stars, options)
    removed = {_position(found[m]) for m in members} | set(leftovers)
    return Matches(
        tuple(found),
        tuple(links),
        tuple(copy_stars),
        templates,
        frozenset(removed),
        leftovers,
        ranks,
    )


NEAR_EXTRA = 0.15  # a near copy this much longer than its center, and holding all of it, stays


def _absorbs(center_chars: int, member_chars: int, link: Link, options: Options) -> bool:
    """Whether a star's center takes the member as its copy (their keys this long). A
    contained copy is the shorter one; a near copy that holds all of its center and adds a good
    part of its own (a lede whose cut-off start is the headline) would lose that part: stays."""
    if link.kind == "contained":
        return member_chars <= center_chars
    adds = member_chars - center_chars > NEAR_EXTRA * center_chars
    return not (adds and link.containment >= options.contain_threshold)


def _position(unit: Unit) -> Position:
    return unit.doc, unit.para, unit.index


def _settled_stars(
    links: Sequence[Link],
    ranks: Sequence[tuple[object, ...]],
    absorbs: Callable[[int, int, Link], bool],
) -> tuple[list[Star], set[int]]:
    """Stars, formed again among the units still kept until no copy link joins two of them.

    A center may itself be contained in a longer unit that it could not absorb; a later round
    removes it in turn. Every removal still rests on a link verified against its own center,
    and what is kept holds no copy of itself, so cleaning the output again removes nothing.
    """
    found: list[Star] = []
    members: set[int] = set()
    while True:
        live = [link for link in links if link.a not in members and link.b not in members]
        round_stars = stars(live, lambda u: ranks[u], absorbs)
        if not round_stars:
            return found, members
        found += round_stars
        members |= {m for star in round_stars for m, _ in star.members}


def _leftovers(
    results: Sequence[DocResult],
    found: Sequence[Unit],
    copy_stars: Sequence[Star],
    options: Options,
) -> dict[Position, Position]:
    """Short or cut-off sentences of a copied paragraph that its source paragraph contains.

    A sentence too short to be matched on its own ("统筹推进数字贸易", the tail of a truncated
    copy) is still a copy when it sits in a paragraph whose other sentences were copied and the
    source paragraph contains it. Returns sentence -> source paragraph (as (doc, para, -1)).
    Paragraphs are looked at in workers.
    """
    source_of: dict[tuple[int, int], tuple[int, int]] = {}
    for star in copy_stars:
        center = found[star.center]
        for member, _ in star.members:
            source_of.setdefault((found[member].doc, found[member].para), (center.doc, center.para))
    todo = sorted(source_of.items())

    def short_copies(n: int) -> list[int]:
        (d, p), (sd, sp) = todo[n]
        source_key = key(results[sd].paragraphs[sp].segment.text)
        text = results[d].paragraphs[p].segment.text
        out = []
        for index, (start, end) in enumerate(sentence_bounds(text)):
            short = key(text[start:end])
            if len(short) >= options.min_sentence_chars:
                continue  # a unit: matched, or not, on its own
            if short and verify.partial_containment(short, source_key) >= options.contain_threshold:
                out.append(index)
        return out

    done = workers.map_items(short_copies, range(len(todo)), weight=LEFTOVER_WEIGHT)
    return {
        (d, p, index): (sd, sp, -1)
        for ((d, p), (sd, sp)), indices in zip(todo, done, strict=True)
        for index in indices
    }


# Looking for the short copies of one paragraph costs about as much as checking this many
# sentence pairs.
LEFTOVER_WEIGHT = 3


def _oriented(link: Link, ranks: Sequence[tuple[object, ...]]) -> Link:
    """The link with its better-ranked unit as `a`."""
    if ranks[link.a] <= ranks[link.b]:
        return link
    return Link(link.b, link.a, link.kind, link.similarity, link.containment, link.found_by)


def _links(
    found: Sequence[Unit], ranks: Sequence[tuple[object, ...]], options: Options
) -> list[Link]:
    """Verified links: exact-key groups, plus candidates between representatives: LSH, and
    keys that begin or end one other (cut-off copies, see candidates.affix_pairs)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(found):
        groups[unit.key].append(i)
    for members in groups.values():
        members.sort(key=lambda i: ranks[i])
    links = [Link(g[0], m, "exact", 1.0, 1.0, "exact-key") for g in groups.values() for m in g[1:]]
    reps = [g[0] for g in groups.values()]
    rep_keys = [found[r].key for r in reps]
    side: list[I64] = []  # cut-off copies and figure frames, found here while workers hash
    signatures = fingerprint.minhash(
        [found[r].text for r in reps],
        SHINGLE,
        num_perm=LSH.num_perm,
        meanwhile=lambda: side.append(_side_pairs(rep_keys)),
    )
    side_pairs = side[0] if side else _side_pairs(rep_keys)
    exact = np.array([(link.a, link.b) for link in links], dtype=np.int64).reshape(-1, 2)
    places = Paragraphs.of(found, np.array(reps, dtype=np.int64), exact)
    known = ShapeTable([found[r] for r in reps])
    # Only the possible pairs outlive this line: the signatures and the candidate pairs (most
    # of the memory at this point) are freed before workers fork to verify them.
    possible = _scored(
        candidates.union(candidates.lsh_pairs(signatures, LSH), side_pairs), places, known, options
    )
    del signatures, side_pairs
    possible = places.useful(possible)
    pairs, kinds, similarity, containment = _verified(possible, known)
    kinds[~places.supported(pairs, kinds, _frames(pairs, kinds, known))] = 0
    for n in np.flatnonzero(kinds):
        i, j = int(pairs[n, 0]), int(pairs[n, 1])
        sim, cont = float(similarity[n]), float(containment[n])
        kind = KINDS[kinds[n]]
        gi, gj = groups[found[reps[i]].key], groups[found[reps[j]].key]
        reach = {(gi[0], b) for b in gj} | {(gj[0], a) for a in gi}  # best of each reaches all
        links += [Link(a, b, kind, sim, cont, "lsh") for a, b in sorted(reach)]
    return _unique(links)


def _side_pairs(rep_keys: Sequence[str]) -> I64:
    """The candidates LSH misses: cut-off copies (candidates.affix_pairs) and sentences that
    differ only in their figures (candidates.figure_pairs)."""
    return candidates.union(candidates.affix_pairs(rep_keys), candidates.figure_pairs(rep_keys))


PAIR_BLOCK = 1 << 18  # candidate pairs scored at once: bounds the memory scoring takes
# Scoring a candidate pair costs about this share of checking a sentence pair.
PAIRS_PER_WEIGHT = 50


def _scored(pairs: I64, places: Paragraphs, known: ShapeTable, options: Options) -> Possible:
    """The candidate pairs close enough to be some kind of copy, scored a block at a time in
    workers (rapidfuzz's own threads kept a core idle for half of each block: gathering the
    keys and classifying the scores is Python and numpy).

    A lonely pair (Paragraphs.lonely) can only be a near copy that names the same things or a
    contained copy that names nothing the longer side does not (see _kinds), so the mentions
    of every representative come first, and a lonely pair that names other things is never
    scored: in a feed of templated stories that is most candidates (92% of copygen's).
    """
    shared = places.shared(pairs)
    lengths = known.lengths.astype(np.float64)
    table = verify.key_table([unit.key for unit in known.reps])
    # jieba's dictionaries (seconds to load; the pairs' checks and the explanations need them)
    # load in this process while the workers find the mentions.
    known.add_facts(np.flatnonzero(np.bincount(pairs.ravel(), minlength=len(known.reps))))
    index = known.mention_index()

    def scored(start: int) -> Possible:
        block = pairs[start : start + PAIR_BLOCK]
        lonely = places.lonely(block, shared)
        kept = np.flatnonzero(~lonely | index.may_copy(block))
        block, lonely = block[kept], lonely[kept]
        threads = 1 if workers.in_worker() else -1
        found = verify.scores(table, block, lengths=lengths, workers=threads)
        return _possible(block, found, options, lengths, lonely)

    starts = range(0, len(pairs), PAIR_BLOCK)
    weight = max(1, min(len(pairs), PAIR_BLOCK) // PAIRS_PER_WEIGHT)
    found = workers.map_items(scored, starts, weight=weight)
    return Possible.joined(found)


def _verified(found: Possible, known: ShapeTable) -> tuple[I64, U8, F64, F64]:
    """The possible pairs that are copies or templates, with their kinds, similarity and
    containment. They are shaped and checked all at once (one round of workers, not one per
    block of candidates: at 100 MB a block's round cost more in forking than in work)."""
    kinds = _kinds(found, known)
    linked = np.flatnonzero(kinds)
    return found.pairs[linked], kinds[linked], found.similarity[linked], found.containment[linked]


@dataclass(frozen=True)
class Possible:
    """Candidate pairs close enough to be some kind of copy, with their scores and the kinds
    that their scores still allow."""

    pairs: I64
    similarity: F64
    containment: F64
    swappable: Bool  # may be a template
    near: Bool
    contained: Bool
    lonely: Bool  # no other pair joins its two paragraphs: as a template it is never kept

    def take(self, rows: I64) -> Possible:
        """The pairs at `rows`, with their scores and kinds."""
        return Possible(*(getattr(self, f)[rows] for f in self.__dataclass_fields__))

    @classmethod
    def joined(cls, parts: Sequence[Possible]) -> Possible:
        if not parts:
            empty = np.zeros(0, dtype=np.bool_)
            return cls(np.zeros((0, 2), dtype=np.int64), np.zeros(0), np.zeros(0), *(empty,) * 4)
        return cls(
            *(np.concatenate([getattr(p, f) for p in parts]) for f in cls.__dataclass_fields__)
        )


@dataclass(frozen=True)
class Paragraphs:
    """Which paragraph each candidate pair of representatives joins, for the rule that a
    templated sentence counts only between paragraphs that share another linked sentence
    (or when a paragraph has one sentence).

    A templated sentence alone between two paragraphs is a stock frame two stories share
    ("Analysts said the figures for Lima pointed to…"); explain never makes such a paragraph
    a template copy (see explain._is_copy), and in a feed of a few frames these pairs grow
    with the square of the feed.
    """

    para: I64  # paragraph number of each unit
    sizes: I64  # units per paragraph number
    reps: I64  # unit index of each representative
    exact: I64  # exact-key links as (unit, unit) rows

    @classmethod
    def of(cls, found: Sequence[Unit], reps: I64, exact: I64) -> Paragraphs:
        ids = dict.fromkeys((u.doc, u.para) for u in found)
        number = {p: n for n, p in enumerate(ids)}
        para = np.array([number[u.doc, u.para] for u in found], dtype=np.int64)
        return cls(para, np.bincount(para, minlength=len(number)), reps, exact)

    def supported(self, pairs: I64, kinds: U8, frames: Bool) -> Bool:
        """Which linked pairs to keep: every copy, and the templated sentences of paragraphs
        that share another link (a copy, a template or an exact-key link). A template that
        only shares a frame (`frames`, see shapes.frame_only) needs another link that is more
        than that: two stories told in the same two frames are not copies."""
        a, b = self._ends(pairs)
        codes = self._code(a, b)
        exact = self._exact_codes()
        support = _counts_of(codes, np.concatenate([codes[kinds > 0], exact]))
        solid = _counts_of(codes, np.concatenate([codes[(kinds > 0) & ~frames], exact]))
        template = kinds == TEMPLATE
        keep: Bool = (
            ~template | (~frames & ((support >= 2) | self._single(a, b))) | (frames & (solid >= 1))
        )
        return keep

    def shared(self, pairs: I64) -> I64:
        """The paragraph pairs (as _pair_code numbers, sorted) that more than one of the
        candidate pairs and exact-key links join. Few, even when the candidates are many:
        their codes are made a block at a time and sorted in one array."""
        exact = self._exact_codes()
        codes = np.empty(len(pairs) + len(exact), dtype=np.int64)
        for start in range(0, len(pairs), PAIR_BLOCK):
            block = pairs[start : start + PAIR_BLOCK]
            codes[start : start + len(block)] = self._code(*self._ends(block))
        codes[len(pairs) :] = exact
        return candidates.repeated(codes)

    def lonely(self, pairs: I64, shared: I64) -> Bool:
        """Candidate pairs whose paragraphs share no other candidate pair nor exact-key link
        (not in `shared`), neither paragraph being a single sentence: as a template such a
        pair would never be kept, so only a near or contained copy is worth looking for (most
        of a repetitive feed's loosely similar pairs are these)."""
        a, b = self._ends(pairs)
        _, joined = _lookup(self._code(a, b), shared)
        alone: Bool = ~joined & ~self._single(a, b)
        return alone

    def useful(self, found: Possible) -> Possible:
        """The possible pairs without those that could only be a template that is never kept.

        `lonely` again, now among the possible pairs: scoring leaves out most candidates, so
        most paragraph pairs that shared several candidates share one possible pair (at 10 MB
        of copygen, 97% of the possible pairs), and a lonely pair that is neither near nor
        contained needs no shape and no swap check.
        """
        lonely = self.lonely(found.pairs, self.shared(found.pairs))
        rows = np.flatnonzero(~lonely | found.near | found.contained)
        return replace(found.take(rows), lonely=lonely[rows])

    def _ends(self, pairs: I64) -> tuple[I64, I64]:
        """The paragraph numbers of the two representatives of each pair."""
        units = self.reps[pairs]
        return self.para[units[:, 0]], self.para[units[:, 1]]

    def _code(self, a: I64, b: I64) -> I64:
        return _pair_code(a, b, len(self.sizes))

    def _exact_codes(self) -> I64:
        return self._code(self.para[self.exact[:, 0]], self.para[self.exact[:, 1]])

    def _single(self, a: I64, b: I64) -> Bool:
        single: Bool = (self.sizes[a] == 1) | (self.sizes[b] == 1)
        return single


def _lookup(codes: I64, distinct: I64) -> tuple[I64, Bool]:
    """Where each of `codes` falls in the sorted, distinct `distinct`, and whether it is there."""
    if not len(distinct):
        return np.zeros(len(codes), dtype=np.int64), np.zeros(len(codes), dtype=np.bool_)
    at = np.searchsorted(distinct, codes).clip(max=len(distinct) - 1)
    found: Bool = distinct[at] == codes
    return at, found


def _mention_bits(count: int) -> npt.NDArray[np.uint64]:
    """Two of 64 bits for each mention number, from a multiplicative hash."""
    with np.errstate(over="ignore"):
        hashed = np.arange(count, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    one = np.uint64(1)
    bits: npt.NDArray[np.uint64] = (one << (hashed >> np.uint64(58))) | (
        one << ((hashed >> np.uint64(52)) & np.uint64(63))
    )
    return bits


def _or_runs(values: npt.NDArray[np.uint64], starts: I64) -> npt.NDArray[np.uint64]:
    """The bitwise or of each run of `values` from one of the (distinct, sorted) `starts` to
    the next (the last to the end)."""
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    found: npt.NDArray[np.uint64] = np.bitwise_or.reduceat(values, starts)
    return found


def _spread(starts: I64, counts: I64) -> tuple[I64, I64]:
    """For runs of `counts` places from `starts`: the run of each place, and the place."""
    row = np.repeat(np.arange(len(counts)), counts)
    offset = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    at: I64 = np.repeat(starts, counts) + offset
    return row, at


def _counts_of(codes: I64, among: I64) -> I64:
    """How often each of `codes` occurs in `among`."""
    distinct = candidates.sorted_unique(among.copy())
    if not len(distinct):
        return np.zeros(len(codes), dtype=np.int64)
    counts = np.bincount(np.searchsorted(distinct, among), minlength=len(distinct))
    at, found = _lookup(codes, distinct)
    counted: I64 = counts[at] * found
    return counted


def _pair_code(a: I64, b: I64, count: int) -> I64:
    """One number per unordered pair of paragraph numbers."""
    code: I64 = np.minimum(a, b) * np.int64(count) + np.maximum(a, b)
    return code


KINDS = ("", "template", "near", "contained")  # codes of _kinds; 0 is no copy


def _possible(
    pairs: I64, scores: verify.Scores, options: Options, lengths: F64, lonely: Bool
) -> Possible:
    """The pairs that their scores leave a chance of being a template, a near or a contained
    copy; a `lonely` pair could only be a template that is never kept, so it needs to be near
    or contained."""
    a, b = (lengths[pairs[:, 0]], lengths[pairs[:, 1]]) if len(pairs) else (lengths[:0],) * 2
    sim, cont = scores.similarity, scores.containment
    edits = (a + b) * (1 - sim)  # insertions plus deletions between the keys
    swappable = (sim >= options.template_threshold) & (edits <= TEMPLATE_MAX_EDITS)
    near = sim >= options.near_threshold
    contained = (cont >= options.contain_threshold) & (
        np.minimum(a, b) >= options.min_sentence_chars
    )
    swappable &= ~(lonely & ~near & ~contained)
    todo = np.flatnonzero(swappable | near | contained)
    return Possible(
        pairs[todo],
        sim[todo],
        cont[todo],
        swappable[todo],
        near[todo],
        contained[todo],
        lonely[todo],
    )


def _kinds(found: Possible, known: ShapeTable) -> U8:
    """The kind of each possible pair, as an index into KINDS (0: not a copy).

    The sentences' mentions first (found for every candidate before scoring, see _scored):
    most pairs are lonely (see Paragraphs.useful), and a lonely pair is a copy only if it is
    near and names the same things, or contained and names nothing its longer side does not.
    Then, only for the pairs still open, the skeletons, in numpy: equal skeletons make a
    template outright. The pairs left are looked at one by one (in workers), and diffed unless
    their shapes rule out every kind.
    """
    reps, pairs = known.reps, found.pairs
    i, j = pairs[:, 0], pairs[:, 1]
    same_facts = known.facts[i] == known.facts[j]
    lonely = found.lonely
    within = np.zeros(len(pairs), dtype=np.bool_)
    within[found.contained] = known.all_within(pairs[found.contained])
    open_pairs = ~lonely | (found.near & same_facts) | within
    known.add(candidates.sorted_unique(pairs[open_pairs].flatten()))
    skeleton = known.skeleton
    kinds = np.zeros(len(pairs), dtype=np.uint8)
    template = open_pairs & found.swappable & (skeleton[i] == skeleton[j])
    kinds[template] = TEMPLATE
    same = found.near & ~template & same_facts
    inside = found.contained & ~template
    # A name only jieba knows may still make a template; a lonely pair needs the check only
    # when it could be a near or contained copy, which a swapped name must keep it from being.
    loose = found.swappable & ~template & ~(lonely & ~same & ~inside)

    def kind(m: int) -> int:
        a, b = int(i[m]), int(j[m])
        x, y = known.shapes[a], known.shapes[b]
        kept = bool(inside[m] and within[m])
        near = bool(same[m]) and not shapes.new_phrase(x, y)
        if lonely[m] and not (near or kept):
            return 0  # at best a template, and a lonely one is never kept: no swap check
        swaps = shapes.swapped(x, y) if loose[m] else False
        if swaps:
            return TEMPLATE
        if not (swaps is None or near or kept):
            return 0
        found = _classify(reps[a], reps[b], swappable=swaps is None, near=near, contained=kept)
        return KINDS.index(found or "")

    check = np.flatnonzero(open_pairs & (loose | same | inside))
    kinds[check] = workers.map_items(
        kind,
        [int(m) for m in check],
        before_fork=entities.load,
        shared=(entities.BLOCK_CACHE,),
    )
    return kinds


TEMPLATE = KINDS.index("template")


def _frames(pairs: I64, kinds: U8, known: ShapeTable) -> Bool:
    """Which template links only share a frame (shapes.frame_only): none of two or more
    named things kept."""
    frames = np.zeros(len(pairs), dtype=np.bool_)
    named = known.named
    for m in np.flatnonzero(kinds == TEMPLATE):
        a, b = int(pairs[m, 0]), int(pairs[m, 1])
        frames[m] = shapes.frame_only(named[a], named[b])
    return frames


@dataclass(frozen=True)
class MentionIndex:
    """Every representative's mentions as numbers, for questions about millions of pairs at
    once in numpy: do two name the same things, does the shorter name only what the longer
    one does (Facts.within)?

    A 64-bit Bloom filter of each one's mentions rules out most pairs first (a mention of the
    shorter side missing from the longer side's filter is missing, exactly: 98% of the
    contained pairs at 100 MB); for the rest each mention the shorter side must keep is looked
    up among the longer side's.
    """

    lengths: I64  # of each representative's key
    facts: I64  # number of each one's list of mentions (-1: not found)
    starts: I64  # where each one's mentions to keep start in `mentions`
    kept: I64  # how many (an open-ended last mention is not kept: it may be cut off)
    mentions: I64  # mention numbers of every distinct list of mentions, one after another
    everything: I64  # every mention as sorted representative * count + mention codes
    count: np.int64  # distinct mentions
    named_bits: npt.NDArray[np.uint64]  # Bloom filter of each one's mentions
    keep_bits: npt.NDArray[np.uint64]  # ... of its mentions to keep

    def within(self, pairs: I64) -> Bool:
        """Whether, in each pair, the shorter one names only what the longer one does."""
        a, b = pairs[:, 0], pairs[:, 1]
        first = self.lengths[a] <= self.lengths[b]
        short, long = np.where(first, a, b), np.where(first, b, a)
        rows = np.flatnonzero((self.keep_bits[short] & ~self.named_bits[long]) == 0)
        short, long = short[rows], long[rows]
        row, at = _spread(self.starts[short], self.kept[short])
        _, found = _lookup(long[row] * self.count + self.mentions[at], self.everything)
        result = np.zeros(len(pairs), dtype=np.bool_)
        result[rows] = np.bincount(row[~found], minlength=len(rows)) == 0
        return result

    def may_copy(self, pairs: I64) -> Bool:
        """Whether each pair names the same things, or the shorter only what the longer names:
        else it can be no near or contained copy (a lonely pair can be nothing else)."""
        same: Bool = self.facts[pairs[:, 0]] == self.facts[pairs[:, 1]]
        rest = np.flatnonzero(~same)
        same[rest] = self.within(pairs[rest])
        return same


# Finding a sentence's mentions costs about as much as checking this many sentence pairs.
SHAPE_WEIGHT = 2


class ShapeTable:
    """The shapes and mentions of the representatives computed so far (in workers, each once),
    with a number per distinct skeleton and per distinct list of mentions (-1: none yet), so
    that pairs compare in numpy."""

    def __init__(self, reps: Sequence[Unit]) -> None:
        self.reps = reps
        self.lengths = np.fromiter((len(r.key) for r in reps), dtype=np.int64, count=len(reps))
        self.shapes: dict[int, Shape] = {}
        self.named: dict[int, Facts] = {}
        self.skeleton = np.full(len(reps), -1, dtype=np.int64)
        self.facts = np.full(len(reps), -1, dtype=np.int64)
        self.open_end = np.zeros(len(reps), dtype=np.int64)  # 1: its last mention ends it
        self._skeletons: dict[str, int] = {}
        self._mentions: dict[tuple[str, ...], int] = {}
        self._mentions_by_key: dict[str, int] = {}  # one number per mention
        self._index: MentionIndex | None = None

    def add_facts(self, needed: I64) -> None:
        """The mentions of every representative in `needed` that has none yet (jieba loads
        here meanwhile, when workers find them)."""
        wanted = [int(i) for i in needed if int(i) not in self.named]
        found = workers.map_items(
            lambda i: shapes.facts(self.reps[i].text), wanted, meanwhile=entities.load
        )
        for index, named in zip(wanted, found, strict=True):
            self.record(index, named)

    def record(self, index: int, named: Facts) -> None:
        """Keep the mentions found for one representative."""
        self.named[index] = named
        self.facts[index] = self._mentions.setdefault(named.mentions, len(self._mentions))
        self.open_end[index] = named.open_end
        self._index = None

    def all_within(self, pairs: I64) -> Bool:
        """Whether, in each pair, the shorter representative names only what the longer one
        does (Facts.within), for every pair at once (see MentionIndex)."""
        return self.mention_index().within(pairs)

    def mention_index(self) -> MentionIndex:
        """The mentions found so far as a MentionIndex (made once until more are found)."""
        if self._index is None:
            self._index = self._make_index()
        return self._index

    def _make_index(self) -> MentionIndex:
        """Numbers each distinct list of mentions once (a run has far fewer lists than
        representatives), and reaches every representative's through its list's number."""
        ids = self._mentions_by_key
        lists = list(self._mentions)  # in number order: numbers are given as lists are met
        flat = np.array([ids.setdefault(m, len(ids)) for t in lists for m in t], dtype=np.int64)
        sizes = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        begins = np.cumsum(sizes) - sizes
        count = np.int64(len(ids))
        bits = _mention_bits(int(count))
        every_bit = np.zeros(len(lists), dtype=np.uint64)  # a list's filter, and without its
        but_last = np.zeros(len(lists), dtype=np.uint64)  # last mention
        some = np.flatnonzero(sizes)
        every_bit[some] = _or_runs(bits[flat], begins[some])
        # The same without each list's last mention: those dropped, each list's run starts as
        # many places earlier as lists before it lost one.
        shorter = np.delete(flat, (begins + sizes - 1)[some])
        lost_before: I64 = np.cumsum(sizes > 0) - (sizes > 0)
        longer = np.flatnonzero(sizes > 1)
        but_last[longer] = _or_runs(bits[shorter], (begins - lost_before)[longer])
        named = np.flatnonzero(self.facts >= 0)
        of = self.facts[named]
        open_end = self.open_end[named]
        starts = np.zeros(len(self.reps), dtype=np.int64)
        kept = np.zeros(len(self.reps), dtype=np.int64)
        starts[named] = begins[of]
        kept[named] = np.maximum(sizes[of] - open_end, 0)
        named_bits = np.zeros(len(self.reps), dtype=np.uint64)
        keep_bits = np.zeros(len(self.reps), dtype=np.uint64)
        named_bits[named] = every_bit[of]
        keep_bits[named] = np.where(open_end > 0, but_last[of], every_bit[of])
        row, at = _spread(begins[of], sizes[of])
        everything = candidates.sorted_unique(named[row] * count + flat[at])
        return MentionIndex(
            self.lengths,
            self.facts.copy(),
            starts,
            kept,
            flat,
            everything,
            count,
            named_bits,
            keep_bits,
        )

    def add(self, needed: I64) -> None:
        """Shape every representative in `needed` that has no shape yet."""
        wanted = [int(i) for i in needed if int(i) not in self.shapes]
        found = workers.map_items(
            lambda i: shapes.shape(self.reps[i].text), wanted, weight=SHAPE_WEIGHT
        )
        for index, shape in zip(wanted, found, strict=True):
            self.shapes[index] = shape
            self.skeleton[index] = self._skeletons.setdefault(shape.skeleton, len(self._skeletons))
            if index not in self.named:
                self.record(index, Facts(shape.mentions, shape.open_end))


def _unique(links: list[Link]) -> list[Link]:
    """One link per unordered pair (the first found wins: exact before LSH)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for link in links:
        pair = (min(link.a, link.b), max(link.a, link.b))
        if pair not in seen:
            seen.add(pair)
            out.append(link)
    return out


def _classify(a: Unit, b: Unit, *, swappable: bool, near: bool, contained: bool) -> str | None:
    """template, near or contained, or None when the pair is not a copy.

    Near and contained copies are removed, so they may differ in wording only: a changed
    number, place or name states another fact ("23600 households in Busan" is not "7500 in
    Gdansk"), and so does a phrase replaced by another in the same sentence frame.
    """
    found = diff.changes(a.text, b.text)
    if swappable and diff.swaps(a.text, b.text, found):
        return "template"
    if not (near or contained) or diff.facts_differ(a.text, b.text, found):
        return None
    return "near" if near else "contained"


def removed_by_paragraph(matches: Matches) -> dict[tuple[int, int], set[int]]:
    """For each paragraph, the positions of its sentences that cleaning removes."""
    out: dict[tuple[int, int], set[int]] = defaultdict(set)
    for doc, para, index in matches.removed:
        out[doc, para].add(index)
    return out
