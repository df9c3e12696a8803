"""The shape of a sentence: its tokens with every mention masked (the skeleton), and the
mentions themselves. Two sentences with one skeleton differ only in names and numbers (a
template); stretches in which skeletons differ tell a swapped name from a change of wording or
a new topic. Shapes let the engine decide most candidate pairs without a character diff.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from dedupe.engine import diff, entities
from dedupe.model import picklable
from dedupe.text.normalize import fold, key

Stretch = tuple[str, ...]

MASK = "\ue000"  # the token that stands for a mention in a skeleton


@picklable
@dataclass(frozen=True, slots=True)
class Shape:
    """What deciding a pair needs of a sentence, computed once for it.

    >>> x, y = shape("四川省贸促会于3月召开会议。"), shape("贵州省贸促会于5月召开会议。")
    >>> x.skeleton == y.skeleton, x.mentions
    (True, ('四川省', '3'))
    """

    skeleton: str  # tokens joined by spaces, every mention (place, number, name) one MASK
    mentions: tuple[str, ...]  # the mentions' matching keys, in order
    open_end: bool  # the last mention ends the sentence (a cut-off copy may hold part of it)

    @property
    def tokens(self) -> Stretch:
        return tuple(self.skeleton.split(" "))


@picklable
@dataclass(frozen=True, slots=True)
class Facts:
    """A shape without its skeleton: the named things a near or contained copy must keep.
    Most candidate pairs are settled by these alone, and they cost half as much.

    >>> facts("四川省贸促会于3月召开会议。")
    Facts(mentions=('四川省', '3'), open_end=False)
    """

    mentions: tuple[str, ...]  # the mentions' matching keys, in order
    open_end: bool  # the last mention ends the sentence (a cut-off copy may hold part of it)

    def within(self, longer: Facts) -> bool:
        """Whether every mention of this (shorter) sentence is one of the longer one's, except
        a last one that the cut may have shortened."""
        mine = self.mentions[:-1] if self.open_end else self.mentions
        return set(mine) <= set(longer.mentions)


def frame_only(x: Facts, y: Facts) -> bool:
    """Whether two sentences of one template share nothing but the frame: two or more named
    things differ and none is kept. A copy-paste keeps some facts of its original (贵州省
    for 四川省, the rest as it was); a story told anew in a stock frame changes them all
    ("中欧班列（洛阳）今年累计开行179列，发运量600万标箱…" -> "（大连）…220列…763万标箱…"),
    and is a copy only beside some other trace of copying (see copies.Paragraphs.supported).

    >>> frame_only(facts("四川省贸促会于3月召开会议。"), facts("贵州省贸促会于3月召开会议。"))
    False
    >>> frame_only(facts("山西省贸促会举办“山西行”活动。"), facts("福建省贸促会举办“福建行”活动。"))
    False
    >>> frame_only(facts("洛阳开行179列，增加19.8%。"), facts("大连开行220列，增加0.5%。"))
    True
    >>> frame_only(facts("四川省在成都举办大会。"), facts("贵州省在贵阳举办大会。"))
    False
    """
    # A place counts as its province: 四川省 and its 成都 swapped for 贵州省 and 贵阳 is one
    # thing swapped, as is 山西 for 山西省.
    ours, theirs = ({entities.region_of(m) or m for m in f.mentions} for f in (x, y))
    return ours.isdisjoint(theirs) and min(len(ours), len(theirs)) >= 2


def facts(text: str) -> Facts:
    """The mentions of a sentence, as its shape would have them."""
    return _facts(text, entities.mentions(text))


def _facts(text: str, found: list[entities.Mention]) -> Facts:
    tail = text[found[-1].end :] if found else "x"
    open_end = bool(found) and not any(ch.isalnum() for ch in tail)
    return Facts(tuple(key(m.text) for m in found), open_end)


def shape(text: str) -> Shape:
    """The skeleton and mentions of a sentence (the text folded once, mentions masked)."""
    found = entities.mentions(text)
    masked: list[str] = []
    at = 0
    for m in found:
        masked += [text[at : m.start], f" {MASK} "]
        at = m.end
    masked.append(text[at:])
    skeleton = _SKELETON_TOKEN.findall(fold("".join(masked)))
    named = _facts(text, found)
    # One string, not a tuple of token strings: a run holds a shape per distinct sentence.
    return Shape(" ".join(skeleton), named.mentions, named.open_end)


# fingerprint's tokens (a Han character, a Latin word or number), plus the mask
_SKELETON_TOKEN = regex.compile(MASK + r"|\p{Han}|[[\p{L}\p{N}]--\p{Han}]+", regex.VERSION1)


def swapped(x: Shape, y: Shape) -> bool | None:
    """Whether two different skeletons are one template, from the stretches in which they
    differ: True when each is a mention swapped for another (or for a short phrase: 宁夏回族自治区
    -> 商业行业) or a name that jieba tags (宋子涵 -> 马晓东); False when one is anything else
    (推动 -> 完善 is a change of wording; 天工智造 -> 金穗粮油 is no name jieba knows); None
    when a stretch of a character or two might be part of a name only its context shows,
    which takes the full diff.

    >>> swapped(shape("宋子涵在宁波工作。"), shape("马晓东在宁波工作。"))
    True
    >>> swapped(shape("宁波将推动转型。"), shape("宁波将完善转型。"))
    False
    >>> swapped(shape("宁夏回族自治区贸促会完善机制。"), shape("商业行业贸促会完善机制。"))
    True
    >>> swapped(shape("Demand for rural broadband rose."), shape("Demand for lending rose."))
    False
    """
    verdict: bool | None = True
    for a_tokens, b_tokens in _differing(x.tokens, y.tokens):
        a, b = "".join(a_tokens), "".join(b_tokens)
        if MASK in a or MASK in b:
            if not ((_masks_only(a) and _masks_only(b)) or _one_for_phrase(a, b)):
                return False
        elif not (diff.name_sized(a) and diff.name_sized(b)):
            return False
        elif entities.entity_word(a) or entities.entity_word(b):
            continue
        elif min(len(a), len(b)) > PART_OF_NAME or (
            entities.common_word(a) and entities.common_word(b)
        ):
            return False
        else:
            verdict = None
    return verdict


# A differing stretch this short may be part of a name (马宏伟 -> 马晓伟 differ in one
# character) that only jieba, tagging the whole sentence, finds.
PART_OF_NAME = 2


def new_phrase(x: Shape, y: Shape) -> bool:
    """Whether the skeletons differ by a whole phrase on both sides (a new topic in the same
    sentence frame): diff.facts_differ's phrase-size test, without the diff (a pair it lets
    through is still diffed).

    >>> new_phrase(shape("Demand for rural broadband coverage rose."),
    ...             shape("Demand for cold-chain logistics rose."))
    True
    >>> new_phrase(shape("He said more than 20 firms joined."),
    ...             shape("He noted over 20 firms joined."))
    False
    """
    return any(
        min(_phrase_size(a), _phrase_size(b)) >= diff.PHRASE
        for a, b in _differing(x.tokens, y.tokens, glue=diff.GLUE)
    )


def _phrase_size(tokens: Stretch) -> float:
    return diff.phrase_size(" ".join(t for t in tokens if t != MASK))


def _masks_only(text: str) -> bool:
    return bool(text) and not text.strip(MASK)


def _one_for_phrase(a: str, b: str) -> bool:
    """One mention on one side, a short phrase without any on the other."""
    mention, phrase = (a, b) if a == MASK else (b, a)
    return mention == MASK and MASK not in phrase and len(phrase) <= diff.MAX_LOOSE_SWAP


def _differing(a: Stretch, b: Stretch, glue: int = 0) -> list[tuple[Stretch, Stretch]]:
    """The stretches of tokens in which two skeletons differ; edits that at most `glue` shared
    Han characters keep apart are taken together (营商环境建设 -> 流域生态环境治理)."""
    out: list[tuple[Stretch, Stretch]] = []
    gap: Stretch | None = None  # shared tokens since the last stretch, if they glue
    for op in Levenshtein.opcodes(a, b):
        x = a[op.src_start : op.src_end]
        if op.tag == "equal":
            short = len(x) <= glue and diff.name_sized("".join(x))
            gap = x if out and short else None
            continue
        y = b[op.dest_start : op.dest_end]
        if gap is not None:
            last = out.pop()
            x, y = last[0] + gap + x, last[1] + gap + y
        out.append((x, y))
        gap = ()
    return out
