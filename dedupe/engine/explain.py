"""Paragraph-level explanations: which paragraph each copy comes from, how it differs, and
whether its subject contradicts its body.

A paragraph holding removed or templated sentences joins the cluster of its main source (the
paragraph that supplied most of its copied characters), and is explained against that source:
similarity and containment, the character-level changes in document offsets, the swapped names,
and which of its sentences came from where.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from dedupe import workers
from dedupe.engine import diff, entities
from dedupe.engine.cluster import Link, why_original
from dedupe.engine.copies import Matches, Unit, agreement
from dedupe.engine.verify import pair_scores
from dedupe.model import (
    Cluster,
    CopiedSentence,
    DocResult,
    Finding,
    FindingKind,
    Member,
    Place,
    Segment,
)
from dedupe.options import Options
from dedupe.text.normalize import key, keys
from dedupe.text.segment import (
    line_starts,
    sentence_bounds,
    sentences,
    source_span,
    subsegment,
)

ParaId = tuple[int, int]
# A paragraph whose only links are templated sentences is a copy only if they are at least
# this share of it; a lone formulaic opening ("X省贸促会积极配合…") is not a copy.
TEMPLATE_SHARE = 0.5
# Explaining a paragraph (a character diff, swaps, subject) costs about as much as checking
# ten sentence pairs: the weight of one in workers.map_items.
MEMBER_WEIGHT = 10
KIND_ORDER = ("exact", "near", "contained", "template", "partial")


def clusters(
    results: Sequence[DocResult], matches: Matches, options: Options, pinned: int = 0
) -> tuple[Cluster, ...]:
    """One cluster per original paragraph, with every paragraph that copies it. The paragraphs
    of the first `pinned` documents (indexed: index/feed.py) are never explained as copies:
    one indexed paragraph copying another is no finding of the run (most of the members a
    feed check found were such, and explaining them was half its time)."""
    links, unnamed = _sentence_links(results, matches)
    like = options.template_threshold
    jobs: list[tuple[ParaId, ParaId, list[CopiedSentence], list[CopiedSentence]]] = []
    for para, by_source in sorted(links.items()):
        if para[0] < pinned:
            continue
        source = _main_source(by_source)
        copied = [
            c
            for s, found in by_source.items()
            for c in found
            if c.kind != "template" or s == source or c.removed  # --drop-templates: explain it
        ]
        if not _is_copy(results, para, copied):
            continue
        jobs.append((para, source, copied, by_source[source]))
    named = _named(matches, unnamed, [c for job in jobs for c in (*job[2], *job[3])])
    jobs = [
        (para, source, [named.get(c, c) for c in copied], [named.get(c, c) for c in from_source])
        for para, source, copied, from_source in jobs
    ]

    def explained(n: int) -> Member:
        para, source, copied, from_source = jobs[n]
        return _member(results, para, source, copied, from_source, matches, like)

    members: dict[ParaId, list[Member]] = defaultdict(list)
    done = workers.map_items(
        explained, range(len(jobs)), weight=MEMBER_WEIGHT, before_fork=entities.load
    )
    for (_, source, _, _), member in zip(jobs, done, strict=True):
        members[source].append(member)
    out = []
    for n, (source, found) in enumerate(sorted(members.items()), start=1):
        kinds = sorted({m.kind for m in found}, key=KIND_ORDER.index)
        agreement = _agreement_of(results, source)
        out.append(
            Cluster(
                f"c{n}",
                kinds[0],
                _place(results, source),
                why_original(options.keep, agreement),
                tuple(found),
            )
        )
    return tuple(out)


def _sentence_links(
    results: Sequence[DocResult], matches: Matches
) -> tuple[dict[ParaId, dict[ParaId, list[CopiedSentence]]], dict[CopiedSentence, Link]]:
    """For each paragraph, its copied or templated sentences grouped by source paragraph; and
    the link behind each templated sentence, whose swaps are named later (see _named)."""
    out: dict[ParaId, dict[ParaId, list[CopiedSentence]]] = defaultdict(lambda: defaultdict(list))
    for star in matches.copy_stars:
        source = matches.units[star.center]
        for member, link in star.members:
            unit = matches.units[member]
            removed = (unit.doc, unit.para, unit.index) in matches.removed
            out[unit.doc, unit.para][source.doc, source.para].append(
                _copied(results, unit, source, link.kind, link.similarity, removed=removed)
            )
    copied = {m for star in matches.copy_stars for m, _ in star.members}
    unnamed: dict[CopiedSentence, Link] = {}
    # removed as a copy of another sentence: that finding says it all
    for link in matches.templates:
        if link.b in copied:
            continue
        source, unit = matches.units[link.a], matches.units[link.b]
        sentence = _copied(
            results,
            unit,
            source,
            "template",
            link.similarity,
            removed=(unit.doc, unit.para, unit.index) in matches.removed,
        )
        out[unit.doc, unit.para][source.doc, source.para].append(sentence)
        unnamed[sentence] = link
    for (doc, para, index), (sd, sp, _) in matches.leftovers.items():
        seg = _sentence(results, doc, para, index)
        out[doc, para][sd, sp].append(
            CopiedSentence(
                _seg_place(results, doc, seg),
                _place(results, (sd, sp)),
                "contained",
                1.0,
                (doc, para, index) in matches.removed,
            )
        )
    return out, unnamed


def _named(
    matches: Matches, unnamed: dict[CopiedSentence, Link], wanted: Sequence[CopiedSentence]
) -> dict[CopiedSentence, CopiedSentence]:
    """The templated sentences among `wanted` with their swaps named: only those of the
    paragraphs that are explained, since most templated sentences (a stock frame shared by
    two stories) never are, and naming swaps takes a diff and perhaps jieba."""
    todo = [c for c in dict.fromkeys(wanted) if c in unnamed]

    def named(c: CopiedSentence) -> tuple[str, ...]:
        link = unnamed[c]
        a, b = matches.units[link.a].text, matches.units[link.b].text
        return tuple(map(str, diff.named_swaps(a, b, diff.changes(a, b))))

    found = workers.map_items(
        named, todo, before_fork=entities.load, shared=(entities.BLOCK_CACHE,)
    )
    return {c: replace(c, swaps=swaps) for c, swaps in zip(todo, found, strict=True)}


def _sentence(results: Sequence[DocResult], doc: int, para: int, index: int) -> Segment:
    paragraph = results[doc].paragraphs[para].segment
    return sentences(paragraph, _line_starts(results[doc].document.text))[index]


def _unit_segment(results: Sequence[DocResult], unit: Unit) -> Segment:
    """A unit's sentence as a segment of its document (offsets, line, language)."""
    paragraph = results[unit.doc].paragraphs[unit.para].segment
    return subsegment(
        paragraph, unit.start, unit.end, _line_starts(results[unit.doc].document.text)
    )


def _copied(
    results: Sequence[DocResult],
    unit: Unit,
    source: Unit,
    kind: str,
    similarity: float,
    *,
    removed: bool,
    swaps: tuple[str, ...] = (),
) -> CopiedSentence:
    return CopiedSentence(
        _seg_place(results, unit.doc, _unit_segment(results, unit)),
        _seg_place(results, source.doc, _unit_segment(results, source)),
        kind,
        round(similarity, 4),
        removed,
        swaps,
    )


def _main_source(by_source: dict[ParaId, list[CopiedSentence]]) -> ParaId:
    """The paragraph that supplied most of the copied characters (templated ones only if
    nothing was copied outright); on a tie, the earliest.

    Templated sentences count only from the main source: a sentence built on the same frame
    as one in some other story ("The program, launched in 2017, …") is not a copy of it.
    """

    def weight(source: ParaId) -> tuple[int, int, int, int]:
        found = by_source[source]
        copied = sum(len(c.sentence.text) for c in found if c.kind != "template")
        templated = sum(len(c.sentence.text) for c in found if c.kind == "template")
        return copied, templated, -source[0], -source[1]

    return max(by_source, key=weight)


def _is_copy(results: Sequence[DocResult], para: ParaId, copied: list[CopiedSentence]) -> bool:
    """A paragraph with a copied sentence is a copy; one with only templated sentences is a
    template of its source when they make up most of it, and are more than one stock sentence
    (a sentence frame shared by two stories is not a copied paragraph) unless it has no other.
    """
    if any(c.kind != "template" for c in copied):
        return True
    paragraph = results[para[0]].paragraphs[para[1]].segment
    share = sum(len(c.sentence.text) for c in copied) / max(len(paragraph.text), 1)
    several = len({c.sentence.start for c in copied}) >= min(2, _sentence_count(paragraph))
    return share >= TEMPLATE_SHARE and several


def _member(
    results: Sequence[DocResult],
    para: ParaId,
    source: ParaId,
    copied: list[CopiedSentence],
    from_source: list[CopiedSentence],
    matches: Matches,
    like: float,
) -> Member:
    copy = results[para[0]].paragraphs[para[1]].segment
    original = results[source[0]].paragraphs[source[1]].segment
    similarity, containment = pair_scores(key(original.text), key(copy.text))
    found = diff.changes(original.text, copy.text)
    bounds = sentence_bounds(copy.text)
    total = len(bounds)
    kind = _kind(copy, original, copied, total, containment, _covered(original, from_source))
    swaps = _swaps(original.text, copy.text, found, bounds, from_source, like, kind=kind)
    gone = sum((para[0], para[1], i) in matches.removed for i in range(total))
    all_swaps = tuple(dict.fromkeys([*map(str, swaps), *(s for c in from_source for s in c.swaps)]))
    subject, mentions = _mismatch(copy.text, original.text, all_swaps)
    return Member(
        paragraph=_seg_place(results, para[0], copy),
        kind=kind,
        similarity=round(similarity, 4),
        containment=round(containment, 4),
        swaps=all_swaps,
        changes=tuple(_in_documents(results, source, para, c) for c in found),
        sentences=tuple(sorted(copied, key=lambda c: c.sentence.start)),
        removed=total > 0 and gone == total,
        subject=subject,
        body_mentions=mentions,
    )


def _swaps(
    original: str,
    copy: str,
    found: list[diff.Change],
    bounds: Sequence[tuple[int, int]],
    from_source: Sequence[CopiedSentence],
    like: float,
    *,
    kind: str,
) -> tuple[diff.Swap, ...]:
    """The swapped names of a member, only where its sentences correspond to the original's.

    A partial copy always needs that check; any other member only when its diff names a swap
    at all (most name none): a near copy with its sentences reordered lines the start of one
    sentence up with another's ('Exports -> The'). An exact copy swaps nothing: its diff is
    only of script or width, which folding one character at a time may not see through
    (藉此 is 借此 as a phrase, not as characters: '借 -> 藉此').
    """
    if kind == "exact":
        return ()
    if kind == "partial":
        where = _corresponding(original, copy, bounds, from_source, like)
        return diff.named_swaps(original, copy, found, where)
    explained = diff.explained_changes(original, copy, found)
    if not any(swaps for _, swaps in explained):
        return ()
    where = _corresponding(original, copy, bounds, from_source, like)
    return diff.distinct(s for c, swaps in explained if diff.corresponds(c, where) for s in swaps)


def _corresponding(
    original: str,
    copy: str,
    bounds: Sequence[tuple[int, int]],
    linked: Sequence[CopiedSentence],
    like: float,
) -> list[tuple[diff.Span, diff.Span]]:
    """The sentence pairs of a partial copy and its original that correspond, where swapped
    names can be: those it took from that paragraph, those as alike as a template may be (at
    least `like`: names swapped in a sentence that was not linked on its own), and the places
    the two open with (their subjects, which a copy-paste error swaps). Elsewhere its own
    sentences line up with unrelated text of the original: 'yuan -> Analysts' is no swap."""
    theirs = sentence_bounds(original)
    pairs = {
        (a, b)
        for c in linked
        for a in theirs
        for b in bounds
        if original[a[0] : a[1]] == c.source.text and copy[b[0] : b[1]] == c.sentence.text
    }
    their_keys = keys([original[s:e] for s, e in theirs])
    our_keys = keys([copy[s:e] for s, e in bounds])
    pairs |= {
        (a, b)
        for a, x in zip(theirs, their_keys, strict=True)
        for b, y in zip(bounds, our_keys, strict=True)
        if pair_scores(x, y)[0] >= like
    }
    ours, source = entities.subject(copy), entities.subject(original)
    if ours is not None and source is not None:
        pairs.add(((source.start, source.end), (ours.start, ours.end)))
    return sorted(pairs)


def _sentence_count(paragraph: Segment) -> int:
    return len(sentence_bounds(paragraph.text))


def _kind(
    copy: Segment,
    original: Segment,
    copied: list[CopiedSentence],
    total: int,
    containment: float,
    covered: frozenset[int],
) -> str:
    """The member's kind, named as an editor would: one sentence added to or left out of a
    paragraph is an edit of it (near); a paragraph that adds two sentences of its own, or
    takes only some of the original's, is a partial copy."""
    if key(copy.text) == key(original.text):
        return "exact"
    linked = {c.sentence.start for c in copied}
    theirs = _sentence_count(original)
    missing = theirs - len(covered)
    added = total - len(linked)
    templated = any(c.kind == "template" for c in copied)
    if added == 1 and missing == 0 and total >= 3:
        return "template" if templated else "near"  # a sentence inserted
    if added:
        return "partial"
    if templated:
        return "template"
    shorter = len(key(copy.text)) < len(key(original.text))
    if missing == 1 and theirs >= 3 and total >= 2 and (theirs - 1) not in covered:
        return "contained" if shorter and containment >= 0.9 else "near"  # cut at a sentence end
    if missing == 1 and theirs >= 3 and total >= 2:
        return "near"  # a sentence left out
    if shorter and containment >= 0.9:
        return "contained"
    return "near"


def _covered(original: Segment, from_source: Sequence[CopiedSentence]) -> frozenset[int]:
    """Which sentences of the original the member's sentences were linked to (a sentence the
    member matched as part of the whole paragraph covers none)."""
    starts = [original.start + start for start, _ in sentence_bounds(original.text)]
    index = {start: n for n, start in enumerate(starts)}
    return frozenset(index[c.source.start] for c in from_source if c.source.start in index)


def _mismatch(copy: str, original: str, swaps: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The copy's subject and the foreign places its body names, when they are the original's.

    Only a copy whose subject was swapped in for the original's (山西省 -> 甘肃省) can be a
    copy-paste error of this kind; a paragraph that merely names other places is not.
    """
    about = entities.subject(copy)
    source = entities.subject(original)
    if about is None or source is None or not _swapped(source.region, about.region, swaps):
        return "", ()
    foreign = entities.foreign_regions(copy)
    named = [m.text for m in foreign if m.region == source.region]
    return (about.text, tuple(dict.fromkeys(named))) if named else ("", ())


def _swapped(before: str, after: str, swaps: Sequence[str]) -> bool:
    """Whether a place of region `before` was swapped for one of region `after`."""
    pairs = (swap.split(" -> ", 1) for swap in swaps)
    return before != after and any(
        entities.region_of(a) == before and entities.region_of(b) == after for a, b in pairs
    )


def _agreement_of(results: Sequence[DocResult], para: ParaId) -> float | None:
    return agreement(results[para[0]].paragraphs[para[1]].segment.text)


def _in_documents(
    results: Sequence[DocResult], source: ParaId, para: ParaId, change: diff.Change
) -> tuple[int, int, int, int]:
    """A change in paragraph-text offsets, as offsets into the two documents."""
    a = _span(results, source, change.a_start, change.a_end)
    b = _span(results, para, change.b_start, change.b_end)
    return a[0], a[1], b[0], b[1]


def _span(results: Sequence[DocResult], para: ParaId, start: int, end: int) -> tuple[int, int]:
    return source_span(results[para[0]].paragraphs[para[1]].segment, start, end)


@functools.lru_cache(maxsize=64)
def _line_starts(text: str) -> tuple[int, ...]:
    """A document's line starts, kept for the few documents being explained at a time: every
    change and sentence of a member maps offsets to lines in the same two documents."""
    return tuple(line_starts(text))


def _place(results: Sequence[DocResult], para: ParaId) -> Place:
    return _seg_place(results, para[0], results[para[0]].paragraphs[para[1]].segment)


def _seg_place(results: Sequence[DocResult], doc: int, seg: Segment) -> Place:
    document = results[doc].document
    return Place(document.id, document.path, seg.line, seg.start, seg.end, seg.text)


def findings(results: Sequence[DocResult], found: Sequence[Cluster]) -> dict[int, list[Finding]]:
    """Per document: a finding per copied sentence, templated sentence and subject mismatch."""
    index = {r.document.id: d for d, r in enumerate(results)}
    out: dict[int, list[Finding]] = defaultdict(list)
    for cluster in found:
        for member in cluster.members:
            doc = index[member.paragraph.doc]
            out[doc] += [_sentence_finding(c) for c in member.sentences]
            if member.subject:
                out[doc].append(_mismatch_finding(member, cluster.original))
    return out


def _sentence_finding(copied: CopiedSentence) -> Finding:
    s, src = copied.sentence, copied.source
    where = f"{src.path}:{src.line}"
    kind: FindingKind
    if copied.kind == "template":
        reason = f"same as {where} but for {', '.join(copied.swaps)}"
        kind = "template"
    else:
        reason = f"{copied.kind} copy of {where} (similarity {copied.similarity:.2f})"
        if not copied.removed:
            reason += "; kept: cutting it would change how the rest of its document reads"
        kind = "copy"
    return Finding(
        kind,
        s.doc,
        s.line,
        s.start,
        s.end,
        s.text,
        reason,
        copied.kind,
        removed=copied.removed,
    )


def _mismatch_finding(member: Member, original: Place) -> Finding:
    p = member.paragraph
    reason = (
        f"about {member.subject}, but the body names {', '.join(member.body_mentions)}: "
        f"the text of {original.path}:{original.line}"
    )
    return Finding(
        "subject-mismatch", p.doc, p.line, p.start, p.end, p.text, reason, "subject-mismatch"
    )


# A republished article differs from its original by a line or two (a caption, an update, an
# "originally published at"): a document is a duplicate when copies removed at least this
# share of its body (or all of it), and they cover at least COVERED of the body of the document
# they copy (a page that quotes one paragraph of a long article, even a page of nothing else,
# does not republish it: its paragraph is a copy). What body text of its own it has stays in
# its output.
DUPLICATE_SHARE = 0.8
COVERED = 0.5


def duplicates(
    results: Sequence[DocResult],
    matches: Matches,
    found: Sequence[Cluster],
    body_chars: Mapping[str, int],
) -> dict[int, str]:
    """Documents whose body is (nearly) all copies removed, with the document they copy
    (`body_chars`: each document's body size, by path)."""
    sources: dict[str, dict[str, set[tuple[int, int]]]] = defaultdict(lambda: defaultdict(set))
    for c in found:
        for m in c.members:
            sources[m.paragraph.doc][c.original.path].add((c.original.start, c.original.end))
    out: dict[int, str] = {}
    for d, result in enumerate(results):
        body = [p for p, para in enumerate(result.paragraphs) if para.role == "body"]
        removed = [p for p in body if _all_removed(result, d, p, matches)]
        by_source = sources.get(result.document.id)
        if not body or not removed or not by_source:
            continue
        main, spans = max(by_source.items(), key=lambda kv: sum(e - s for s, e in kv[1]))
        if sum(e - s for s, e in spans) < COVERED * body_chars.get(main, 0):
            continue  # even when every sentence copies: a quote, not a republication
        gone = sum(len(result.paragraphs[p].segment.text) for p in removed)
        if len(removed) == len(body) or gone >= DUPLICATE_SHARE * body_chars.get(
            result.document.path, 0
        ):
            out[d] = main
    return out


def _all_removed(result: DocResult, doc: int, para: int, matches: Matches) -> bool:
    if (doc, para, 0) not in matches.removed:
        return False  # settled without splitting the paragraph into sentences
    total = _sentence_count(result.paragraphs[para].segment)
    return total > 0 and all((doc, para, i) in matches.removed for i in range(total))
