"""The plain data that flows through the pipeline: documents in, segments and findings out.

Every segment knows where it came from (document, offsets into the decoded text, 1-based line,
language), so cleaning and reports work from offsets and never search for text again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, TypeVar

Lang = Literal["zh", "en", "mixed"]
Role = Literal["body", "headline", "subtitle", "byline", "dateline", "source", "chrome"]
FindingKind = Literal[
    "join", "boilerplate", "truncated", "metadata", "copy", "template", "subject-mismatch"
]

METADATA_ROLES: frozenset[Role] = frozenset(
    {"headline", "subtitle", "byline", "dateline", "source"}
)

T = TypeVar("T")


def picklable(cls: type[T]) -> type[T]:
    """Pickle a frozen, slotted dataclass as the tuple of its field values.

    The __getstate__/__setstate__ that dataclasses generate for such classes look their fields
    up again for every object; with many small objects sent between worker processes, that
    lookup cost more than the work the workers did.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get: Callable[[Any], Any] = operator.attrgetter(*names)
    single = len(names) == 1

    def reduce(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, ((get(self),) if single else get(self))

    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an __init__ that stores each field through its slot.

    Same parameters and defaults as the one dataclasses writes, which goes through
    object.__setattr__ for every field (the price of frozen): cleaning makes several of these
    objects per line, and their construction was a twentieth of a run. Fields with a default
    factory are not supported (none of the hot classes has one).
    """
    namespace: dict[str, Any] = {}
    params, body = [], []
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory is not supported")
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input: a file, stdin, or one JSON line."""

    id: str  # stable name used in reports: the relative path, the JSONL id, or "-"
    path: str  # where it was read from, for messages
    text: str  # decoded text without BOM; every offset in the pipeline points into it
    encoding: str = "utf-8"
    source_line: int = 0  # 1-based line in a JSONL file, 0 otherwise


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class Edit:
    """A replacement of doc.text[start:end] by `text`: how a wrap join bridges a line break."""

    start: int
    end: int
    text: str


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class Segment:
    """A line, paragraph or sentence: doc.text[start:end] with `edits` applied equals `text`."""

    doc: str
    start: int
    end: int
    line: int
    lang: Lang
    text: str
    edits: tuple[Edit, ...] = ()


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph after boilerplate and wrap repair, with its role.

    Sentences are split on demand (`segment.sentences`) by the stages that match them.
    """

    segment: Segment
    role: Role
    truncated: bool = False


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class Finding:
    """Something the pipeline did or noticed, with the reason it did so."""

    kind: FindingKind
    doc: str
    line: int
    start: int
    end: int
    text: str
    reason: str
    rule: str  # machine-readable name of the rule that fired
    removed: bool = False


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class DocStats:
    chars_in: int
    chars_out: int
    lines_in: int
    paragraphs_out: int
    removed_lines: int
    joins: int
    truncated: int
    copies_removed: int = 0  # sentences removed as copies of others


@picklable
@quick_init
@dataclass(frozen=True, slots=True)
class DocResult:
    """What cleaning one document produced."""

    document: Document
    paragraphs: tuple[Paragraph, ...]
    findings: tuple[Finding, ...]
    cleaned: str
    stats: DocStats
    duplicate_of: str | None = None  # the whole document copies this one: no output is written


@picklable
@dataclass(frozen=True, slots=True)
class Place:
    """A paragraph or sentence of the run, as reports name it."""

    doc: str
    path: str
    line: int
    start: int
    end: int
    text: str


@picklable
@dataclass(frozen=True, slots=True)
class CopiedSentence:
    """A sentence of a member that copies (or swaps names in) a sentence of another paragraph."""

    sentence: Place
    source: Place
    kind: str  # exact | near | contained | template
    similarity: float
    removed: bool
    swaps: tuple[str, ...] = ()


@picklable
@dataclass(frozen=True, slots=True)
class Member:
    """One copy in a cluster, explained against the cluster's original."""

    paragraph: Place
    kind: str  # exact | near | contained | template | partial
    similarity: float
    containment: float
    swaps: tuple[str, ...]  # "四川省 -> 贵州省": original's name, then the copy's
    changes: tuple[tuple[int, int, int, int], ...]  # original start, end; copy start, end
    sentences: tuple[CopiedSentence, ...]
    removed: bool  # cleaning removed the whole paragraph
    subject: str = ""  # set when the paragraph's subject disagrees with its body
    body_mentions: tuple[str, ...] = ()


@picklable
@dataclass(frozen=True, slots=True)
class Cluster:
    """An original paragraph and the paragraphs that copy it, each verified against it."""

    id: str
    kind: str
    original: Place
    why: str  # why this member is the original
    members: tuple[Member, ...]


@picklable
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, with the one-line reason."""

    path: str
    reason: str


@picklable
@dataclass(frozen=True, slots=True)
class Result:
    """Everything one run produced, in input order."""

    documents: tuple[DocResult, ...] = ()
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    clusters: tuple[Cluster, ...] = ()
